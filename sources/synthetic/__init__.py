"""A synthetic corpus shaped like a newsroom's archive, for benchmarks: made in bulk, removable.

Every generated row is marked, so `remove_corpus()` deletes exactly the corpus and nothing else:
people, organisations and operations carry `disambiguation=MARK` (so they never share a unique
name key with a real record), sources a `file_name` under `FILE_PREFIX`. Statements, mentions,
roles, participations and links hang off those rows.
"""

from sources.synthetic.corpus import corpus_exists, document_texts, generate_corpus, remove_corpus
from sources.synthetic.reports import CorpusError, CorpusReport, RemovalReport
from sources.synthetic.vocabulary import FILE_PREFIX, MARK

__all__ = [
    "FILE_PREFIX",
    "MARK",
    "CorpusError",
    "CorpusReport",
    "RemovalReport",
    "corpus_exists",
    "document_texts",
    "generate_corpus",
    "remove_corpus",
]
