"""People and organisations in a parsed document: cleaned NER mentions grouped into entities.

Statistical NER is noisy on news text (a surname tagged ORG in one sentence and PERSON in the
next, a country tagged ORG, a headline word glued to a name). These rules correct it with
evidence from the whole document: label votes, surnames of full names, apposition and
head-noun cues, a gazetteer of places, and acronyms spelled out elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from rigour.territories import lookup_territory
from spacy.tokens import Doc, Span

from entities.names import name_key
from sources.ingest.lexicon import (
    GENERIC_ORG_WORDS,
    MEDIA_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    SPEECH_VERBS,
    TITLES,
)
from sources.ingest.name_shapes import (
    NOT_ACTOR_HEADS,
    after_possessive,
    byline_names,
    corrected_label,
    cut_before_title,
    ends_in_a_title,
    head_noun_orgs,
    is_not_an_actor,
    qualifies_a_rank,
    trim_org,
)
from sources.ingest.org_kinds import organisation_kind

PERSON, ORG = "PERSON", "ORG"
PLACE_LABELS = {"GPE", "LOC", "FAC", "NORP"}
CANDIDATE_LABELS = {PERSON, ORG} | PLACE_LABELS
NICKNAME = re.compile(r"\b([A-Z][a-z]+) \"([A-Z][a-z]+)\" ([A-Z][a-zA-Z'-]+)")
ORG_HEADS = {
    "administration",
    "agency",
    "authority",
    "bureau",
    "commission",
    "committee",
    "council",
    "department",
    "ministry",
    "office",
    "service",
    "institute",
    "foundation",
    "association",
    "corporation",
    "company",
    "party",
    "command",
    "court",
    "bank",
    "university",
    "union",
}
LEADING_JUNK = {"the", "a", "an", "-", "•", "*", "'s", "'"}


@dataclass
class Mention:
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
    mentions: list[Mention] = field(default_factory=list)
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


@lru_cache(maxsize=4096)
def territory(text: str, *, countries_only: bool = False) -> str:
    """The code of the country (or state, province) that `text` names, or ''."""
    found = lookup_territory(text.strip())
    if found is None or not (found.is_country or (found.is_jurisdiction and not countries_only)):
        return ""
    return found.code


def is_headline(line: str) -> bool:
    """Short title-case lines without final punctuation: NER there is unreliable."""
    words = re.findall(r"[^\W\d_]+", line)
    if not words or len(words) > 25 or line.rstrip()[-1:] in ".!?\"'":
        return False
    long_words = [w for w in words if len(w) > 3]
    capitalised = sum(w[0].isupper() for w in long_words)
    return capitalised / (len(long_words) or 1) >= 0.7


def headline_ranges(text: str) -> list[tuple[int, int]]:
    ranges, offset = [], 0
    for line in text.split("\n"):
        if is_headline(line):
            ranges.append((offset, offset + len(line)))
        offset += len(line) + 1
    return ranges


def clean_mention(span: Span, label: str) -> Span | None:
    """Strip determiners, bullets, titles, possessives and line breaks from an entity span."""
    doc = span.doc
    start, end = span.start, span.end
    for i in range(span.start + 1, span.end):  # names hold no lower-case verbs
        if doc[i].pos_ in {"VERB", "AUX"} and doc[i].is_lower:
            end = i
            break
    for i in range(span.start + 1, end):  # "Federal Bureau of Mines (BOM": cut the acronym
        if doc[i].text == "(":
            end = i
            break
    for i in range(span.start, end):  # keep the last line of a span that crosses lines
        if "\n" in doc[i].whitespace_ and i + 1 < span.end:
            start = i + 1
    while start < end and (
        doc[start].lower_ in LEADING_JUNK
        or doc[start].tag_ == "POS"  # "women['s Olympic]": a possessive is no name's start
        or doc[start].is_punct
        or doc[start].is_space
        or (label == PERSON and doc[start].lower_ in TITLES)
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "'"}
    ):
        end -= 1
    if end <= start:
        return None
    cleaned = doc[start:end]
    if not any(c.isalpha() for c in cleaned.text) or cleaned.text.islower():
        return None
    return cleaned


def split_office(span: Span, label: str) -> tuple[Span, str]:
    """ "Secretary of [Defense Jane K. Roe]": the model fused the office's last word with the
    name that follows it. The name is a person; the word goes back to the office."""
    doc = span.doc
    if len(span) < 3 or span.start < 2 or doc[span.start - 1].lower_ not in {"of", "the"}:
        return span, label
    j = span.start - 1
    while j >= 0 and doc[j].lower_ in {"of", "the"}:
        j -= 1
    rest = span[1:]
    looks_like_name = all(
        t.text[:1].isupper() and (t.is_alpha or t.text.endswith(".")) for t in rest
    )
    if j >= 0 and doc[j].lower_ in TITLES and looks_like_name and rest[-1].lower_ not in ORG_HEADS:
        return rest, PERSON
    return span, label


def extend_person(span: Span, taken: set[int]) -> Span:
    """Take in capitalised name tokens the model left out ("Maria Corina" + "Machado"), and a
    given name before a name that starts with an initial ("Maria" + "K. Olsen")."""
    doc, end, start = span.doc, span.end, span.start
    if (
        start > 0
        and re.fullmatch(r"[A-Z]\.", doc[start].text)
        and doc[start - 1].is_title
        and doc[start - 1].is_alpha
        and doc[start - 1].lower_ not in TITLES
        and start - 1 not in taken
    ):
        span = doc[start - 1 : end]
    while (
        end + 1 < len(doc)
        and doc[end].lower_ in PARTICLES
        and doc[end + 1].is_title
        and end - span.start < 5
    ):
        end += 2  # "Ana dos Reis": the model stopped at the particle
    while (
        end < len(doc)
        and end not in taken
        and end - span.start < 5
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
        and doc[end].lemma_.lower() not in SPEECH_VERBS
        and not doc[end - 1].whitespace_.count("\n")
    ):
        end += 1
    return doc[span.start : end]


def context_votes(span: Span) -> Counter:
    """Label evidence from the words around a mention."""
    votes: Counter = Counter()
    root = span.root
    head = root.head
    if root.dep_ in {"compound", "nmod", "amod"} and head.i >= span.end:
        if head.lemma_.lower() in ORG_NOUNS or head.lower_ in ORG_NOUNS:
            votes[ORG] += 2
        elif head.lower_ in MEDIA_NOUNS:
            votes[ORG] += 1
        elif head.lower_ == "administration":
            votes[PERSON] += 2
    for child in root.children:
        if child.dep_ == "appos":
            noun = child.lemma_.lower()
            if noun in ORG_NOUNS:
                votes[ORG] += 2
            elif noun in PERSON_NOUNS:
                votes[PERSON] += 2
    if root.dep_ == "appos":
        if head.lemma_.lower() in PERSON_NOUNS:
            votes[PERSON] += 2
        elif head.lemma_.lower() in ORG_NOUNS:
            votes[ORG] += 2
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None:
        if before.lower_ == "the" or (before.dep_ == "det" and before.lower_ in {"a", "an"}):
            votes[ORG] += 1
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if before.lower_ in TITLES and before.is_title:
            if after is not None and after.lower_ in TITLES and after.is_title:
                votes[ORG] += 2  # "Deputy [Agency] Press Secretary": a body inside an office
            else:
                votes[PERSON] += 2
        elif before.pos_ == "NOUN" and before.lemma_.lower() in PERSON_NOUNS:
            votes[PERSON] += 2  # "surfer Jane Roe", "photographer John Roe"
        elif before.lower_ == "old" or before.text.endswith("-old"):
            votes[PERSON] += 3  # "27-year-old Jane Roe"
    return votes


def collect_mentions(doc: Doc) -> list[tuple[Span, str, bool]]:
    """Cleaned (span, label, in_headline) for every candidate entity, nicknames included."""
    headlines = headline_ranges(doc.text)

    def in_headline(span: Span) -> bool:
        return any(a <= span.start_char < b for a, b in headlines)

    found: list[tuple[Span, str, bool]] = []
    taken: set[int] = set()
    for ent in doc.ents:
        taken.update(range(ent.start, ent.end))
    for ent in doc.ents:
        if ent.label_ not in CANDIDATE_LABELS:
            continue
        span = clean_mention(ent, ent.label_)
        if span is None:
            continue
        span, label = split_office(span, ent.label_)
        if is_not_an_actor(span) or (label == PERSON and ends_in_a_title(span)):
            continue
        label = corrected_label(span, label)
        if label == ORG:
            parent, span = after_possessive(trim_org(span))
            if parent is not None:
                # "the Treasury Department's Office of X": two bodies, the parent and its unit.
                found.append((parent, ORG, in_headline(parent)))
            if qualifies_a_rank(span) or cut_before_title(span):
                continue
        if label == PERSON:
            span = extend_person(span, taken - set(range(ent.start, ent.end)))
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        if nxt is not None and nxt.is_title and nxt.lower_ in ORG_HEADS and span.end not in taken:
            # "Federal Aviation" + "Administration": the model stopped one word short.
            span, label = span.doc[span.start : span.end + 1], ORG
        if span[-1].text == "administration" and len(span) > 1:
            # "the Lopez administration": a mention of the person who leads it.
            span = span.doc[span.start : span.end - 1]
            found.append((span, PERSON, in_headline(span)))
            continue
        found.append((span, label, in_headline(span)))
    found += [(span, ORG, in_headline(span)) for span in head_noun_orgs(doc, taken)]
    for span, label in byline_names(doc):
        # A byline looks like a headline line; its author is named there and nowhere else.
        found = [f for f in found if f[0].end <= span.start or f[0].start >= span.end]
        found.append((span, label, False))
    return found


def nickname_entities(text: str) -> list[tuple[int, int, list[str]]]:
    """'Robert "Bobby" Kessler': (start, end, [nickname form, given-name form, full form])."""
    out = []
    for m in NICKNAME.finditer(text):
        first, nick, last = m.groups()
        out.append((m.start(), m.end(), [f"{nick} {last}", f"{first} {last}", m.group(0)]))
    return out


def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    return "".join(w[0] for w in words)


def find_entities(doc: Doc, *, operation_keys: set[str] = frozenset()) -> list[Entity]:
    """Group the document's person and organisation mentions into entities."""
    raw = collect_mentions(doc)
    votes: dict[str, Counter] = defaultdict(Counter)
    surface: dict[str, list[tuple[Span, bool]]] = defaultdict(list)
    for span, label, headline in raw:
        key = name_key(span.text)
        if not key:
            continue
        kind = label if label in (PERSON, ORG) else "PLACE"
        votes[key][kind] += 1
        if label in (PERSON, ORG):
            votes[key]["NER"] += 1
        votes[key] += context_votes(span)
        surface[key].append((span, headline))

    # Surnames and given names of full person names count as that person.
    full_people = {k for k, v in votes.items() if " " in k and v[PERSON] >= max(1, v[ORG])}
    part_of: dict[str, str] = {}
    for full in sorted(full_people, key=lambda k: -sum(votes[k].values())):
        for part in surname_keys(full):
            part_of.setdefault(part, full)
    given = Counter(full.split()[0] for full in full_people)
    for full in full_people:
        # A given name alone ("Maria said") is that person when no one else here has it.
        first = full.split()[0]
        if given[first] == 1 and len(first) > 2:
            part_of.setdefault(first, full)
    for key in list(votes):
        if key in part_of and key not in full_people:
            votes[key][PERSON] += 3

    labels = {
        key: PERSON if key in part_of else decide_label(key, votes[key], spans[0][0].text)
        for key, spans in surface.items()
    }
    body_keys = {k for k, spans in surface.items() if labels[k] and any(not h for _, h in spans)}
    entities: dict[str, Entity] = {}
    for key, spans in surface.items():
        label = labels[key]
        if label is None or key in operation_keys:
            continue
        for span, headline in spans:
            mention_key = key
            if headline and key not in body_keys:
                mention_key = headline_match(key, body_keys)
                if mention_key is None:
                    continue
                span = span.doc[span.start : span.start + len(mention_key.split())]
            target = part_of.get(mention_key, mention_key) if label == PERSON else mention_key
            entity = entities.get(target)
            if entity is None:
                entity = entities[target] = Entity(
                    label=labels.get(target) or label, name=span.text
                )
            entity.votes += votes[key]
            entity.aliases.add(span.text)
            entity.mentions.append(_mention(span, entity.label, headline))
            entity.context += nouns_beside(span)
    merge_nicknames(doc, entities)
    merge_aka(doc, entities)
    merge_spelling_variants(entities)
    spelled_out_acronyms(doc, entities)
    entities = merge_org_variants(entities)
    merge_acronyms(entities)
    for entity in entities.values():
        entity.name = best_name(entity)
        entity.aliases.discard(entity.name)
        if entity.label == ORG:
            names = [entity.name, *sorted(entity.aliases, key=len, reverse=True)]
            entity.kind = organisation_kind(names, entity.context)
    found = [e for e in entities.values() if e.mentions and not named_storm(doc.text, e.name)]
    propagate_mentions(doc, found)
    return found


PARTICLES = {"de", "del", "della", "di", "da", "do", "dos", "das", "du", "van", "von", "der", "den"}
PARTICLES |= {"la", "le", "al", "bin"}


SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def surname_keys(key: str) -> list[str]:
    """How a person named `key` (folded) is named again: "paul r hendricks jr" -> "hendricks";
    "ana maria garcia lopez" -> "lopez", "garcia lopez"; "piet de vries" -> "de vries"."""
    parts = key.split()
    while len(parts) > 2 and parts[-1] in SUFFIXES:
        parts = parts[:-1]
    found = [parts[-1], parts[-1] + "s"]
    particle = next((i for i, w in enumerate(parts[1:-1], 1) if w in PARTICLES), None)
    if particle:
        found.append(" ".join(parts[particle:]))
    elif len(parts) >= 3 and len(parts[-2]) > 1:
        found.append(" ".join(parts[-2:]))  # a compound surname
    return found


def surnames(entity: Entity) -> set[str]:
    """ "Piet de Vries" -> {"de Vries", "Vries"}: how a person is named the second time."""
    words = entity.name.split()
    while len(words) > 2 and name_key(words[-1]) in SUFFIXES:
        words = words[:-1]
    if entity.label != PERSON or len(words) < 2:
        return set()
    found = {words[-1]}
    for i, word in enumerate(words[1:-1], start=1):
        if word.lower() in PARTICLES:
            found.add(" ".join(words[i:]))
            break
    return found


def named_storm(text: str, name: str) -> bool:
    """ "Ian made landfall" after "Hurricane Ian": a storm, whatever the model said."""
    storms = r"\b(Hurricane|Typhoon|Cyclone|Storm|Tropical Storm) "
    return re.search(storms + re.escape(name) + r"\b", text) is not None


def nouns_beside(span: Span) -> list[str]:
    """Common nouns next to a mention: "the Spanish newspaper X", "X gang", "X, a cartel"."""
    doc = span.doc
    nouns = [t.lemma_.lower() for t in doc[max(0, span.start - 3) : span.start] if t.pos_ == "NOUN"]
    if span.end < len(doc) and doc[span.end].pos_ == "NOUN":
        nouns.append(doc[span.end].lemma_.lower())
    if span.end + 2 < len(doc) and doc[span.end].lower_ == "and":
        # "the Rio and Delta cartels": the head noun after the second name is this one's too.
        j = span.end + 1
        while j < min(len(doc), span.end + 5) and doc[j].is_title:
            j += 1
        if j < len(doc) and doc[j].pos_ == "NOUN":
            j += 1  # "Rio and Delta cartels" (lower case) as well as "Rio and Delta Cartels"
        if j > span.end + 2:
            nouns.append(re.sub(r"s$", "", doc[j - 1].lower_))
    nouns += [c.lemma_.lower() for c in span.root.children if c.dep_ == "appos"]
    if span.root.dep_ == "appos":
        nouns.append(span.root.head.lemma_.lower())
    return nouns


def propagate_mentions(doc: Doc, entities: list[Entity]) -> None:
    """Mark every other occurrence of a name the document already uses for an entity.

    The model misses names it tagged elsewhere (a sentence-initial "Moreno" read as a noun).
    """
    taken = {i for e in entities for m in e.mentions for i in range(m.token_start, m.token_end)}
    forms = sorted(
        (
            (form, e)
            for e in entities
            for form in {e.name, *e.aliases, *surnames(e)}
            if len(form) > 2 and form[:1].isalpha() and '"' not in form
        ),
        key=lambda fe: -len(fe[0]),
    )
    text = doc.text  # spaCy joins the tokens again on every access
    for form, entity in forms:
        for match in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text):
            span = doc.char_span(match.start(), match.end())
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            entity.mentions.append(_mention(span, entity.label, False))


def decide_label(key: str, votes: Counter, text: str) -> str | None:
    """PERSON, ORG, or None for places, common nouns and junk."""
    person, org, place = votes[PERSON], votes[ORG], votes["PLACE"]
    if text.lower().startswith("operation "):
        return None
    if votes["NER"] == 0:
        # Tagged a place, yet in apposition to "spokeswoman" and the like: a person.
        return PERSON if person >= 2 and not territory(text) else None
    words = key.split()
    if len(words) > 8 or not re.search(r"[a-z]", key):
        return None
    if len(words) == 1 and (key in GENERIC_ORG_WORDS or key in TITLES):
        return None
    if all(w in TITLES or w.rstrip("s") in TITLES for w in words):
        return None  # "Attorneys General"
    if len(words) > 1 and (words[-1] in ORG_NOUNS or words[-1].rstrip("s") in ORG_NOUNS):
        return ORG  # "X Cartels", "Y Party": the head noun says it
    if territory(text) and person < 3:
        return None
    parts = [p for p in re.split(r"[-/]", text) if p.strip()]
    if len(parts) > 1 and all(territory(p) for p in parts):
        return None
    if place > person + org and person < 3:
        return None
    return PERSON if person > org else ORG


def headline_match(key: str, body_keys: set[str]) -> str | None:
    """A body name that a headline mention starts with ("Ana Lopez Warns" -> "ana lopez")."""
    words = key.split()
    for n in range(len(words) - 1, 0, -1):
        if " ".join(words[:n]) in body_keys:
            return " ".join(words[:n])
    return None


def absorb(target: Entity, other: Entity) -> None:
    """Make `other`'s mentions, names and label votes `target`'s (the caller drops `other`)."""
    target.mentions += other.mentions
    target.aliases |= other.aliases | {other.name}
    target.votes += other.votes


AKA = re.compile(r",? \(?(?:aka|a\.k\.a\.?|also known as|alias)\s+[\"\']?", re.IGNORECASE)


def merge_aka(doc: Doc, entities: dict[str, Entity]) -> None:
    """ "Ana Ruiz, aka La Jefa": the second name is an alias of the first."""
    by_start = {}
    for key, entity in entities.items():
        for m in entity.mentions:
            by_start[m.start] = (key, entity)
    ends = {m.end: entity for entity in entities.values() for m in entity.mentions}
    for match in AKA.finditer(doc.text):
        first, second = ends.get(match.start()), by_start.get(match.end())
        if first is None or second is None or second[1] is first or first.label != second[1].label:
            continue
        key, other = second
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
            if words[0][0] == first[0] and SequenceMatcher(None, words[0], first).ratio() >= 0.8:
                absorb(entity, other)
                del entities[other_key]


def merge_nicknames(doc: Doc, entities: dict[str, Entity]) -> None:
    for start, end, forms in nickname_entities(doc.text):
        keys = [name_key(f) for f in forms]
        target = next((entities[k] for k in keys if k in entities), None)
        if target is None:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            target = entities[keys[0]] = Entity(label=PERSON, name=forms[0])
            target.votes[PERSON] += 1
            target.mentions.append(_mention(span, PERSON, False))
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


ACRONYM = re.compile(r"\(([A-Z]{2,10})\)")
LINKS = {"of", "and", "the", "for", "on", "in", "de", "des", "du", "&"}


def spelled_out_acronyms(doc: Doc, entities: dict[str, Entity]) -> None:
    """'Maritime Safety Administration (MSA)': one organisation, whatever NER made of it."""
    text = doc.text
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
            target.mentions.append(_mention(span, ORG, False))


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
    key = name_key(name)
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
    return out


def spells(acronym: str, name: str) -> bool:
    """Whether an acronym is made of the starts of the name's words in order: initials
    ("Bureau of Mines" -> BOM) or syllables ("Northern Command" -> NORTHCOM)."""
    target = acronym.lower()
    return any(_spells(target, form) for form in {name, strip_country(name)[0]})


def _spells(target: str, name: str) -> bool:
    words = [w.lower() for w in re.split(r"[\s-]+", name) if w[:1].isalpha()]

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
        entity = entities.get(key)
        for other in orgs:
            if entity is None or other is entity or key not in entities:
                continue
            names = {other.name, *other.aliases}
            if not any(spells(short, n) for n in names):
                continue
            whole = {n for n in names if strip_country(n)[0] != n}  # names with a country
            others = {*shorts.values(), *(n.replace(".", "") for n in names)} - {short}
            if not any(_spells(short.lower(), n) for n in whole) and any(
                _spells(s.lower(), n) for s in others if s.isupper() for n in whole
            ):
                # "Maritime Safety Board" without its country spells MSB, but the text gives
                # the body's own acronym with the country (KMSB): MSB is another body.
                continue
            absorb(other, entity)
            del entities[key]
            break


def best_name(entity: Entity) -> str:
    """The fullest surface form: most words, then most frequent."""
    counts = Counter(m.text for m in entity.mentions)
    forms = {entity.name, *entity.aliases}
    return max(forms, key=lambda f: (len(f.split()) if '"' not in f else 0, counts[f], f))


def _mention(span: Span, label: str, headline: bool) -> Mention:
    return Mention(span.start_char, span.end_char, span.text, label, span.start, span.end, headline)
