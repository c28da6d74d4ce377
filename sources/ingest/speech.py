"""What every statement rule shares: the found statement, speech verbs, where it was said and
whom it mentions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from sources.ingest.actors import Entity
from sources.ingest.lexicon import (
    NEEDS_CLAUSE,
    NEEDS_PARTICLE,
    SPEECH_VERBS,
)

VENUE_NOUNS = {
    "interview",
    "hearing",
    "conference",
    "speech",
    "meeting",
    "briefing",
    "appearance",
    "session",
    "summit",
    "address",
    "statement",
    "call",
    "rally",
    "podcast",
    "broadcast",
    # How it was sent: "told Reuters in a message" reports no content of its own.
    "message",
    "post",
    "video",
    "letter",
    "email",
}


@dataclass
class StatementFound:
    text_start: int  # folded offsets of the statement text
    text_end: int
    kind: str
    speaker: Entity
    cue: str = ""
    reported_by: Entity | None = None
    about: list[Entity] = field(default_factory=list)
    said_on: dt.date | None = None
    said_on_basis: str = ""
    date_cue: object = None  # a dates.Day, said_on.VAGUE, or None when the text gives no cue
    expected: bool = False  # announced for later, not yet said
    venue: str = ""
    confidence: float = 0.7
    # The rule that found it (confidence.py weighs it): "speech verb", "according to",
    # "byline", "layout", "continued quote", "speech noun".
    rule: str = ""
    # A quote split around its attribution ("A," he said, "B."): the passages joined.
    parts: list[tuple[int, int]] = field(default_factory=list)
    verb_i: int | None = None
    # Where the sentence before the statement's own begins: what "it" or "the raid" refers to.
    context_start: int | None = None
    # Operations it takes up the words of (operation_topics.py), by OperationFound.key.
    topic_operations: list[str] = field(default_factory=list)


MIN_QUOTE_WORDS = 4  # shorter quotes are scare quotes or fragments, not statements


@dataclass
class Quote:
    start: int  # folded offsets of the words inside the quotation marks
    end: int

    def words(self, text: str) -> int:
        return len(text[self.start : self.end].split())


def quoted_tokens(doc: Doc, quotes: list[Quote]) -> set[int]:
    """Indices of the tokens inside quotation marks: what someone says, not who says it."""
    return {
        i
        for q in quotes
        if (span := doc.char_span(q.start, q.end, alignment_mode="expand")) is not None
        for i in range(span.start, span.end)
    }


def is_speech_verb(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB"} or lemma not in SPEECH_VERBS:
        return False
    particles = NEEDS_PARTICLE.get(lemma)
    if particles:
        if lemma == "call" and any(c.dep_ in {"oprd", "xcomp"} for c in token.children):
            return True  # "called it a remarkable feat": a characterisation
        return any(c.lower_ in particles for c in token.children if c.dep_ in {"prep", "prt"})
    if lemma in NEEDS_CLAUSE and not any(c.dep_ == "ccomp" for c in token.children):
        return not any(c.dep_ == "dobj" for c in token.children)
    # "added 38 firms to its list": putting something somewhere, not speech.
    return not (
        lemma == "add"
        and any(c.dep_ == "dobj" for c in token.children)
        and any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children)
    )


def venue_of(verb: Token, content: tuple[int, int]) -> str:
    """Where it was said: "in a radio interview", "at the Capitol"."""
    for child in verb.children:
        if content[0] <= child.i < content[1]:
            continue
        if child.dep_ == "prep" and child.lower_ in {"at", "in", "during", "before"}:
            sub = list(child.subtree)
            nouns = {t.lemma_.lower() for t in sub if t.pos_ == "NOUN"}
            if nouns & VENUE_NOUNS or any(t.ent_type_ in {"FAC", "ORG"} for t in sub):
                span = verb.doc[sub[0].i : sub[-1].i + 1]
                return span.text[len(child.text) :].strip()[:300]
    return ""
