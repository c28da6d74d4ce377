"""One organisation under several forms: an acronym spelled out in the text or by initials or
syllables, a country prefix ("U.S. X"), "Department of X" = "X Department"."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from core.names import name_key
from sources.ingest.actors import ORG, Entity, absorb, mention_of
from sources.ingest.name_shapes import NOT_ACTOR_HEADS, ORG_HEAD_WORDS
from sources.ingest.places import territory
from sources.ingest.textnorm import text_of

# "(MSA)", and "(“DEA”)" as releases define the short form they go on to use.
ACRONYM = re.compile(r"\([\"“]?([A-Z]{2,10})[\"”]?\)")
LINKS = {"of", "and", "the", "for", "on", "in", "de", "des", "du", "&"}


def spelled_out_acronyms(doc: Doc, entities: dict[str, Entity]) -> None:
    """'Maritime Safety Administration (MSA)': one organisation, whatever NER made of it."""
    text = text_of(doc)
    for match in ACRONYM.finditer(text):
        acronym = match.group(1)
        words = list(re.finditer(r"[\w.&'-]+", text[max(0, match.start() - 200) : match.start()]))
        base = max(0, match.start() - 200)
        chosen: list[re.Match] = []
        for word in reversed(words):
            if word.group(0)[0].isupper() or (chosen and word.group(0) in LINKS):
                chosen.insert(0, word)
                if spells(acronym, " ".join(w.group(0) for w in chosen)):
                    break
            else:
                chosen = []
                break
        while chosen and chosen[0].group(0) in LINKS | {"The"}:
            chosen.pop(0)
        phrase = " ".join(w.group(0) for w in chosen)
        if not chosen or not spells(acronym, phrase):
            continue
        if phrase.split()[-1].lower() in NOT_ACTOR_HEADS:
            continue  # a conference or a treaty with its acronym
        start, end = base + chosen[0].start(), base + chosen[-1].end()
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        key = name_key(phrase)
        # The model's name for it may be longer ("Federal Bureau of Mines" for BOM).
        target = entities.get(key) or next(
            (
                e
                for e in entities.values()
                if e.label == ORG and any(m.start <= start and end <= m.end for m in e.mentions)
            ),
            None,
        )
        if target is None:
            target = entities[key] = Entity(label=ORG, name=phrase)
            target.votes[ORG] += 2
        target.label = ORG
        target.aliases.update({acronym, phrase})
        for other_key, other in list(entities.items()):
            if other is target:
                continue
            inside = [m for m in other.mentions if start <= m.start and m.end <= end]
            if other_key == name_key(acronym) or inside:
                target.mentions += [m for m in other.mentions if m not in inside]
                target.aliases |= other.aliases if other_key == name_key(acronym) else set()
                del entities[other_key]
        if not any(m.start == span.start_char for m in target.mentions):
            target.mentions.append(mention_of(span, ORG, False))


def foreign_acronyms(doc: Doc, entities: dict[str, Entity]) -> None:
    """ "the National Liberation Army (ELN)": an acronym in brackets right after a body's name
    is that body's even when it spells the name in another language."""
    text = text_of(doc)
    for match in ACRONYM.finditer(text):
        acronym = match.group(1)
        before = match.start() - (1 if text[match.start() - 1 : match.start()] == " " else 0)
        body = next(
            (
                e
                for e in entities.values()
                if e.label == ORG and any(m.end == before for m in e.mentions)
            ),
            None,
        )
        if body is None or acronym in body.aliases:
            continue
        body.aliases.add(acronym)
        other = entities.get(name_key(acronym))
        if other is not None and other is not body:
            absorb(body, other)
            del entities[name_key(acronym)]


# What joins a body's name to the same body named again in another language or way:
# "X, i.e., the Y" and "X, Mexico's Y".
RESTATED = re.compile(r",\s+(?:i\.e\.,?\s+(?:the\s+)?|([A-Z][\w .]+?)['\u2019]s\s+)")


def merge_restated_names(doc: Doc, entities: dict[str, Entity]) -> None:
    """ "La Unidad de Inteligencia Financiera, Mexico's Financial Intelligence Unit": a body
    named again right after itself, by a country's possessive or "i.e.", is one body."""
    text = text_of(doc)
    by_start = {m.start: (key, e) for key, e in entities.items() for m in e.mentions}
    for key, entity in list(entities.items()):
        if entity.label != ORG or key not in entities:
            continue
        for m in list(entity.mentions):
            match = RESTATED.match(text, m.end)
            if match is None or (match.group(1) and not territory(match.group(1))):
                continue
            other_key, other = by_start.get(match.end(), (None, None))
            if other is not None and other is not entity and other.label == ORG:
                absorb(entity, other)
                entities.pop(other_key, None)


def strip_country(name: str) -> tuple[str, str]:
    """("U.S. State Department") -> ("State Department", "us"); no country: (name, '')."""
    words = name.split()
    for n in (2, 1):
        if len(words) > n + 0 and len(words) - n >= 1:
            head = " ".join(words[:n])
            code = territory(head, countries_only=True)
            if code and words[n][:1].isupper():
                return " ".join(words[n:]), code
    return name, ""


DEPARTMENT_OF = re.compile(r"^(department|ministry) of (the )?(.+)$")


def canonical_org_key(name: str) -> str:
    """One key for "Department of Justice" and "Justice Department"; for a unit named with
    its agency's acronym ("ACME Lima Division") and without it ("Lima Division")."""
    words = name.split()
    if len(words) > 2 and words[0].isupper() and len(words[0]) >= 2 and words[0].isalpha():
        name = " ".join(words[1:])
    key = name_key(name.replace("&", " and "))  # "Drugs & Organised Crime", "Drugs and ..."
    key = re.sub(r"^(united nations|u n) ", "", key)  # the UN's bodies, spelled out or not
    key = key.replace(" of the ", " of ")  # "Joint Force of (the) Armed Movements"
    match = DEPARTMENT_OF.match(key)
    return f"{match.group(3)} {match.group(1)}" if match else key


def merge_org_variants(entities: dict[str, Entity]) -> dict[str, Entity]:
    """Join "U.S. State Department" and "State Department" into one organisation."""
    by_base: dict[str, Entity] = {}
    out: dict[str, Entity] = {}
    for key, entity in entities.items():
        if entity.label != ORG:
            out[key] = entity
            continue
        base, code = strip_country(entity.name)
        base_key = canonical_org_key(base)
        if code:
            entity.country = entity.country or code
            entity.aliases.add(base)
        existing = by_base.get(base_key)
        if existing is None:
            by_base[base_key] = out[key] = entity
            continue
        absorb(existing, entity)
        existing.country = existing.country or entity.country
    # "U.S. Drug Enforcement [agents]" beside "Drug Enforcement Administration": a name the
    # model cut before its head word is that body.
    fuller: dict[str, Entity] = {}  # the key without its head word -> the body
    for base_key, entity in by_base.items():
        cut, _, head = base_key.rpartition(" ")
        if head in ORG_HEAD_WORDS and " " in cut:
            fuller.setdefault(cut, entity)
        # "the Joint Force of Armed Movements", then "the Joint Force": its first words
        before_of = base_key.split(" of ")[0]
        if " of " in base_key and " " in before_of:
            fuller.setdefault(before_of, entity)
    key_of = {id(e): k for k, e in out.items()}
    plain = {name_key(strip_country(e.name)[0]): e for e in by_base.values()}
    for base_key, entity in by_base.items():
        body = fuller.get(base_key) or unit_after_parent(entity, plain)
        if body is not None and body is not entity and id(entity) in key_of:
            absorb(body, entity)
            del out[key_of.pop(id(entity))]
    return out


def unit_after_parent(entity: Entity, bodies: dict[str, Entity]) -> Entity | None:
    """ "Department of State Roe Security Service" beside "Roe Security Service": the unit,
    written after its parent department's name. `bodies`: by key, without a country."""
    words = name_key(strip_country(entity.name)[0]).split()
    for n in range(2, len(words) - 1):
        parent, unit = " ".join(words[:n]), " ".join(words[n:])
        if unit in bodies and (DEPARTMENT_OF.match(parent) or words[n - 1] in ORG_HEAD_WORDS):
            return bodies[unit]
    return None


def spells(acronym: str, name: str) -> bool:
    """Whether an acronym is made of the starts of the name's words in order: initials
    ("Bureau of Mines" -> BOM) or syllables ("Northern Command" -> NORTHCOM)."""
    target = re.sub(r"-\d+$", "", acronym.lower())  # "MS-13": the letters spell the name
    return any(_spells(target, form) for form in {name, strip_country(name)[0]})


def _spells(target: str, name: str) -> bool:
    # ("U.S. Coast Guard" spells USCG: the full stops of an abbreviation are no letters)
    words = [w.lower().replace(".", "") for w in re.split(r"[\s-]+", name) if w[:1].isalpha()]

    def fits(i: int, j: int) -> bool:  # target[i:] from words[j:]
        if i == len(target):
            return j == len(words) or all(w in LINKS for w in words[j:])
        if j == len(words):
            return False
        word = words[j]
        if word in LINKS and fits(i, j + 1):
            return True
        n = 1
        while n <= len(word) and i + n <= len(target) and word[:n] == target[i : i + n]:
            if fits(i + n, j + 1):
                return True
            n += 1
        return False

    return len(words) >= 2 and fits(0, 0)


def merge_acronyms(entities: dict[str, Entity]) -> None:
    """An all-capitals name that spells another organisation's initials is that organisation."""
    orgs = [e for e in entities.values() if e.label == ORG]
    shorts = {
        key: short
        for key, entity in entities.items()
        if entity.label == ORG
        and 2 <= len(short := entity.name.replace(".", "")) <= 10
        and short.isupper()
    }
    for key, short in shorts.items():
        entity = entities[key]
        other = next(
            (o for o in orgs if o is not entity and is_acronym_of(short, o, shorts.values())),
            None,
        )
        if other is not None:
            absorb(other, entity)
            del entities[key]


HYPHENED = re.compile(r"(?<![\w-])([A-Z]{2,6})-([A-Z][a-z]+)(?![\w-])")


def hyphened_acronyms(text: str, entities: dict[str, Entity]) -> None:
    """ "JTF-Bravo" is "Joint Task Force-Bravo": the initials of the name and its named part.
    The short form joins the organisation's names, its own record if it had one."""
    orgs = [e for e in entities.values() if e.label == ORG]
    for match in {m.group(0): m for m in HYPHENED.finditer(text)}.values():
        short, initials, part = match.group(0), match.group(1), match.group(2)
        org = next(
            (
                o
                for o in orgs
                for name in (o.name, *o.aliases)
                if name.endswith("-" + part) and spells(initials, name[: -len(part) - 1])
            ),
            None,
        )
        if org is None:
            continue
        org.aliases.add(short)
        for key, entity in list(entities.items()):
            if entity is not org and entity.label == ORG and entity.name == short:
                absorb(org, entity)
                del entities[key]


def is_acronym_of(short: str, org: Entity, acronyms) -> bool:
    """Whether `short` spells one of the organisation's names. Not when it spells only a name
    stripped of its country and the text gives the body's own acronym with the country:
    "Korea Maritime Safety Board (KMSB)" makes MSB another body."""
    names = {org.name, *org.aliases}
    if not any(spells(short, n) for n in names):
        return False
    with_country = {n for n in names if strip_country(n)[0] != n}
    if any(_spells(short.lower(), n) for n in with_country):
        return True
    own = {*acronyms, *(n.replace(".", "") for n in names)} - {short}
    return not any(_spells(a.lower(), n) for a in own if a.isupper() for n in with_country)
