"""Which operations a statement is about by what it says: a statement that takes up the words
of the sentences naming an operation ("delivered the first grain to the valley" ... "we have
started moving grain into the valley") talks about what that operation did, even where its own
passage never names it."""

from __future__ import annotations

from spacy.tokens import Doc

from sources.ingest.lexicon import SPEECH_VERBS
from sources.ingest.operations import OperationFound
from sources.ingest.speech import StatementFound

CONTENT_POS = {"NOUN", "VERB", "ADJ"}
# Two shared content words: one alone is a coincidence of vocabulary ("security", "support").
SHARED_WORDS = 2
# Verbs too general to say what an operation did.
LIGHT_VERBS = {"go", "come", "make", "take", "get", "give", "do", "have", "be", "put", "use"}


def content_lemmas(tokens) -> set[str]:
    return {
        t.lemma_.lower()
        for t in tokens
        if t.pos_ in CONTENT_POS
        and not t.is_stop
        and len(t.text) > 2
        and t.lemma_.lower() not in SPEECH_VERBS | LIGHT_VERBS
    }


def link_by_content(
    doc: Doc, operations: list[OperationFound], statements: list[StatementFound]
) -> None:
    """Fill each statement's `topic_operations` with the keys of the operations whose naming
    sentences share SHARED_WORDS content words with it (folded offsets, before to_original)."""
    about = {}
    for op in operations:
        sentences = {doc.char_span(a, b, alignment_mode="expand") for a, b, _ in op.mentions}
        about[op.key] = content_lemmas(
            t for span in sentences if span is not None for t in span.sent
        )
    for statement in statements:
        passages = statement.parts or [(statement.text_start, statement.text_end)]
        words = content_lemmas(
            t for a, b in passages for t in doc.char_span(a, b, alignment_mode="expand") or ()
        )
        statement.topic_operations = [
            key for key, op_words in about.items() if len(words & op_words) >= SHARED_WORDS
        ]
