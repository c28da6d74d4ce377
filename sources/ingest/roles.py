"""Roles from appositions and titles: "Ana Lopez, the ministry's deputy spokesperson";
"Defense Minister Karl Meyer"; "press secretary Joan Doe"."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sources.ingest.entities import ORG, PERSON, Entity
from sources.ingest.lexicon import PERSON_NOUNS, TITLES

ROLE_HEADS = TITLES - {
    "former",
    "then",
    "us",
    "u.s.",
    "the",
    "top",
    "first",
    "ex",
    "mr",
    "mrs",
    "ms",
    "dr",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "sir",
    "state",
    "foreign",
}


@dataclass
class RoleFound:
    person: Entity
    organisation: Entity | None
    title: str
    start: int
    end: int
    certainty: str = "medium"


def find_roles(doc: Doc, entities: list[Entity]) -> list[RoleFound]:
    at: dict[int, Entity] = {}
    for entity in entities:
        for m in entity.mentions:
            for i in range(m.token_start, m.token_end):
                at[i] = entity
    found: dict[tuple, RoleFound] = {}
    for entity in entities:
        if entity.label != PERSON:
            continue
        for m in entity.mentions:
            root = doc[m.token_end - 1]
            for role in (title_before(doc, m.token_start, at), apposition(root, at)):
                if role is None:
                    continue
                title, org, start, end = role
                key = (id(entity), title.lower(), id(org))
                found.setdefault(
                    key, RoleFound(entity, org, title, start, end, "high" if org else "medium")
                )
    return list(found.values())


def title_before(doc: Doc, start: int, at: dict[int, Entity]):
    """Title words just before the name: "Defense Secretary", "the agency's Spokesperson"."""
    i = start - 1
    words: list[Token] = []
    while i >= 0 and doc[i].i not in at and (doc[i].lower_ in TITLES) and len(words) < 5:
        words.insert(0, doc[i])
        i -= 1
    if not words or not any(w.lower_ in ROLE_HEADS for w in words):
        return None
    org = None
    if i >= 0 and i in at and at[i].label == ORG:
        org = at[i]
    elif i >= 1 and doc[i].tag_ == "POS" and (i - 1) in at and at[i - 1].label == ORG:
        org = at[i - 1]
    title = " ".join(w.text for w in words)
    title = title[0].upper() + title[1:]
    return title, org, words[0].idx, words[-1].idx + len(words[-1].text)


def apposition(root: Token, at: dict[int, Entity]):
    """'X, the State Department's Principal Deputy Spokesperson' and 'X is the ...'."""
    for child in root.children:
        if child.dep_ != "appos" or child.lemma_.lower() not in PERSON_NOUNS:
            continue
        return _role_phrase(child, at)
    head = root.head
    if root.dep_ == "nsubj" and head.lemma_ == "be":
        attr = next((c for c in head.children if c.dep_ == "attr"), None)
        if attr is not None and attr.lemma_.lower() in PERSON_NOUNS:
            return _role_phrase(attr, at)
    return None


def _role_phrase(noun: Token, at: dict[int, Entity]):
    doc = noun.doc
    words = [noun]
    i = noun.i - 1
    while i >= 0 and doc[i].dep_ in {"compound", "amod"} and doc[i].i not in at:
        words.insert(0, doc[i])
        i -= 1
    org = None
    for child in noun.children:
        if child.dep_ in {"poss", "compound"} and child.i in at and at[child.i].label == ORG:
            org = at[child.i]
        if child.dep_ == "prep" and child.lower_ in {"of", "at"}:
            for t in child.subtree:
                if t.i in at and at[t.i].label == ORG:
                    org = at[t.i]
                    break
    title = " ".join(w.text for w in words)
    if not title[:1].isupper() and not org:
        return None
    title = title[0].upper() + title[1:]
    return title, org, words[0].idx, words[-1].idx + len(words[-1].text)
