"""One person under several forms in a document: surnames (past "Jr." and particles), "aka"
aliases, misspelt given names, middle initials and nicknames."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from spacy.tokens import Doc

from core.names import NAME_SUFFIXES, PARTICLES, name_key, surname_forms
from sources.ingest.actors import PERSON, Entity, absorb, mention_of
from sources.ingest.textnorm import text_of


def surname_keys(key: str) -> list[str]:
    """How a person named `key` (folded) is named again: "paul r hendricks jr" -> "hendricks";
    "ana maria garcia lopez" -> "lopez", "garcia lopez", "garcia"; "piet de vries" ->
    "de vries"; and the last word with a trailing "s" too (core.names.surname_forms gives the
    rest)."""
    forms = surname_forms(key)
    parts = [w for w in key.split() if w not in NAME_SUFFIXES]
    if len(forms) > 1 and len(parts) >= 3 and forms[1] == " ".join(parts[-2:]):
        # A compound surname's first half alone: "Ana Garcia Lopez" is "Garcia" again, as
        # Spanish names a person by the father's surname; before a particle, the word ahead
        # of it ("Luiz Inacio Lula da Silva" is "Lula", "Lula da Silva"), not the given name.
        i = len(parts) - 2
        while i > 0 and parts[i] in PARTICLES:
            i -= 1
        if i == len(parts) - 2:
            forms.append(parts[i])
        elif i >= 2:
            forms += [parts[i], " ".join(parts[i:])]
    return [forms[0], forms[0] + "s", *forms[1:]]


def surnames(entity: Entity) -> set[str]:
    """ "Piet de Vries" -> {"de Vries", "Vries"}: how a person is named the second time."""
    words = entity.name.split()
    while len(words) > 2 and name_key(words[-1]) in NAME_SUFFIXES:
        words = words[:-1]
    if entity.label != PERSON or len(words) < 2:
        return set()
    found = {words[-1]}
    for i, word in enumerate(words[1:-1], start=1):
        if word.lower() in PARTICLES:
            found.add(" ".join(words[i:]))
            break
    return found


# (and "a/k/a “JOH”", as the Justice Department writes it)
AKA = re.compile(r",? \(?(?:aka|a\.k\.a\.?|a/k/a|also known as|alias)\s+[\"\'“‘]?", re.IGNORECASE)


def merge_aka(doc: Doc, entities: dict[str, Entity]) -> None:
    """ "Ana Ruiz, aka La Jefa": the second name is an alias of the first."""
    by_start = {}
    for key, entity in entities.items():
        for m in entity.mentions:
            by_start[m.start] = (key, entity)
    ends = {m.end: entity for entity in entities.values() for m in entity.mentions}
    text = text_of(doc)
    for match in AKA.finditer(text):
        first = ends.get(match.start())
        if first is None:
            continue
        # Every name of the bracket or clause: "X (a.k.a. Y or "Z")" gives two aliases.
        stop = text.find(")" if "(" in match.group(0) else ",", match.end(), match.end() + 120)
        others = {
            key: other
            for start, (key, other) in by_start.items()
            if match.end() <= start < (stop if stop > 0 else match.end() + 1)
            and other is not first
            and (stop > 0 or other.label == first.label)
        }
        for key, other in others.items():
            absorb(first, other)
            entities.pop(key, None)


def merge_spelling_variants(entities: dict[str, Entity]) -> None:
    """ "Nicholas Roe" and "Nicolas Roe" in one text: one person, a given name misspelt."""
    people = sorted(
        ((k, e) for k, e in entities.items() if e.label == PERSON and " " in k),
        key=lambda ke: -len(ke[1].mentions),
    )
    for i, (key, entity) in enumerate(people):
        if key not in entities:
            continue
        first, last = key.split()[0], key.split()[-1]
        for other_key, other in people[i + 1 :]:
            words = other_key.split()
            if other_key not in entities or words[-1] != last or len(words) != len(key.split()):
                continue
            if words[1:-1] != key.split()[1:-1]:
                continue  # "Maria Elena Ruiz" and "Maria Teresa Ruiz": two people
            if words[0][0] == first[0] and SequenceMatcher(None, words[0], first).ratio() >= 0.8:
                absorb(entity, other)
                del entities[other_key]


def merge_middle_names(entities: dict[str, Entity]) -> None:
    """ "Rex Tillerson" and "Rex W. Tillerson" (or "Rex Wayne Tillerson") in one text: one
    person, named with and without a middle name or initial. Two different middle names are
    two people."""

    def parts(key: str) -> list[str]:
        words = key.split()
        while len(words) > 2 and words[-1] in NAME_SUFFIXES:
            words = words[:-1]
        return words

    people = sorted(
        ((k, e) for k, e in entities.items() if e.label == PERSON and " " in k),
        key=lambda ke: -len(parts(ke[0])),
    )
    for key, entity in people:
        words = parts(key)
        for other_key, other in people:
            if key not in entities or other_key not in entities or other_key == key:
                continue
            others = parts(other_key)
            if others[0] != words[0] or others[-1] != words[-1] or len(others) >= len(words):
                continue
            if [w[0] for w in others[1:-1]] in ([], [w[0] for w in words[1:-1]]):
                absorb(entity, other)
                del entities[other_key]


NICKNAME = re.compile(r"\b([A-Z][a-z]+) \"([A-Z][a-z]+)\" ([A-Z][a-zA-Z'-]+)")


def nickname_entities(text: str) -> list[tuple[int, int, list[str]]]:
    """'Robert "Bobby" Kessler': (start, end, [nickname form, given-name form, full form])."""
    out = []
    for m in NICKNAME.finditer(text):
        first, nick, last = m.groups()
        out.append((m.start(), m.end(), [f"{nick} {last}", f"{first} {last}", m.group(0)]))
    return out


def merge_nicknames(doc: Doc, entities: dict[str, Entity]) -> None:
    for start, end, forms in nickname_entities(text_of(doc)):
        keys = [name_key(f) for f in forms]
        target = next((entities[k] for k in keys if k in entities), None)
        if target is None:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            target = entities[keys[0]] = Entity(label=PERSON, name=forms[0])
            target.votes[PERSON] += 1
            target.mentions.append(mention_of(span, PERSON, False))
        target.aliases.update(forms)
        for key in keys:
            other = entities.get(key)
            if other is not None and other is not target:
                target.mentions += other.mentions
                target.aliases |= other.aliases | {other.name}
                del entities[key]
        # Mentions of bits of the nickname form ("Thomas") belong to it too.
        for key, other in list(entities.items()):
            if other is not target and other.label == PERSON and key in forms[2].lower().split():
                target.mentions += other.mentions
                del entities[key]
