"""The people and organisations a document names, as extraction finds them (not yet records):
each with its mentions, aliases and the label evidence behind it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.names import name_key
from sources.ingest.lexicon import GENERIC_ORG_WORDS, ORG_NOUNS

if TYPE_CHECKING:  # the API and admin read this module without loading spaCy
    from spacy.tokens import Span

PERSON, ORG = "PERSON", "ORG"


@dataclass
class NameMention:
    start: int  # character offsets in the folded text
    end: int
    text: str
    label: str
    token_start: int
    token_end: int
    headline: bool = False


@dataclass
class Entity:
    label: str
    name: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[NameMention] = field(default_factory=list)
    country: str = ""
    votes: Counter = field(default_factory=Counter)
    context: list[str] = field(default_factory=list)  # nouns beside its mentions
    kind: str = ""  # an organisation's kind (org_kinds.py)

    @property
    def key(self) -> str:
        return name_key(self.name)

    @property
    def keys(self) -> set[str]:
        return {name_key(n) for n in {self.name, *self.aliases}} - {""}

    @property
    def confidence(self) -> float:
        total = sum(self.votes.values()) or 1
        return round(min(0.99, 0.5 + 0.5 * self.votes[self.label] / total), 2)


def absorb(target: Entity, other: Entity) -> None:
    """Make `other`'s mentions, names and label votes `target`'s (the caller drops `other`)."""
    target.mentions += other.mentions
    target.aliases |= other.aliases | {other.name}
    target.votes += other.votes


def best_name(entity: Entity) -> str:
    """The fullest surface form: most words, then one that ends in its head word ("Drug
    Enforcement Administration", not "U.S. Drug Enforcement"), then the most frequent."""
    counts = Counter(m.text for m in entity.mentions)
    forms = {entity.name, *entity.aliases}

    def rank(form: str):
        words = form.split() if '"' not in form else []
        headed = bool(words) and words[-1].lower() in ORG_NOUNS | GENERIC_ORG_WORDS
        return (len(words), headed, counts[form], form)

    return max(forms, key=rank)


def mention_of(span: Span, label: str, headline: bool) -> NameMention:
    return NameMention(
        span.start_char, span.end_char, span.text, label, span.start, span.end, headline
    )
