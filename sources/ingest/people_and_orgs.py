"""People and organisations in a parsed document: cleaned mentions (candidates.py) grouped into
entities (actors.py).

Statistical NER is noisy on news text (a surname tagged ORG in one sentence and PERSON in the
next, a country tagged ORG, a headline word glued to a name). These rules correct it with
evidence from the whole document: label votes, surnames of full names, apposition and
head-noun cues, a gazetteer of places, and acronyms spelled out elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.tokens import Doc, Span

from core.names import name_key
from sources.ingest.actors import ORG, PERSON, Entity, best_name, mention_of
from sources.ingest.candidates import (
    collect_mentions,
    context_votes,
    headline_ranges,
    list_items,
    nouns_beside,
)
from sources.ingest.lexicon import (
    GENERIC_ORG_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    REGION_WORDS,
    TITLES,
)
from sources.ingest.name_merges import (
    merge_aka,
    merge_middle_names,
    merge_nicknames,
    merge_spelling_variants,
    surname_keys,
    surnames,
)
from sources.ingest.name_shapes import ORG_HEAD_WORDS
from sources.ingest.org_forms import (
    foreign_acronyms,
    hyphened_acronyms,
    merge_acronyms,
    merge_org_variants,
    merge_restated_names,
    spelled_out_acronyms,
)
from sources.ingest.org_kinds import LEGAL_FORMS, organisation_kind
from sources.ingest.places import territory
from sources.ingest.textnorm import sentence_of, text_of


def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    return "".join(w[0] for w in words)


def shouted(span: Span) -> bool:
    """A name in capitals that is not an acronym: several words, or one long word."""
    words = [t for t in span if t.is_alpha]
    return bool(words) and all(t.is_upper for t in words) and (len(words) > 1 or len(words[0]) > 5)


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
        # The model learnt names in mixed case: on "JANE ROE" (a release's defendant) or
        # "ROEVILLE" its label is a guess, so the name's other mentions and context decide,
        # and the guess only when nothing else does. (Acronyms are written in capitals: there
        # the label counts.)
        caps = shouted(span)
        votes[key][("CAPS " if caps else "") + kind] += 1
        if label in (PERSON, ORG):
            votes[key]["NER"] += 1
        if label == PERSON and not caps:
            votes[key]["PERSON_TAGS"] += 1
        votes[key] += context_votes(span)
        surface[key].append((span, headline))

    # "according to Jane Roe Smith" tagged an organisation, "Smith said" a person: the full
    # name is that person's, unless a word of it says organisation.
    lone_people = {k for k, v in votes.items() if " " not in k and v[PERSON] > v[ORG]}
    for key, vote in votes.items():
        words = key.split()
        if (
            len(words) > 1
            and vote[ORG] >= vote[PERSON]
            and words[-1] in lone_people
            and not any(w in ORG_NOUNS or w in GENERIC_ORG_WORDS for w in words)
        ):
            vote[PERSON] += vote[ORG] + 1

    # "Border Patrol" tagged a person beside "U.S. Border Patrol": the country's body.
    for key, vote in votes.items():
        words = key.split()
        if vote[PERSON] > vote[ORG] and len(words) > 1:
            for longer, other in votes.items():
                prefix = longer[: -len(key) - 1]
                if (
                    longer.endswith(" " + key)
                    and other[ORG] > other[PERSON]
                    and territory(prefix.replace(" ", ""), countries_only=True)  # "u s"
                ):
                    vote[ORG] += vote[PERSON] + 1
                    break

    # Surnames and given names of full person names count as that person.
    full_people = {k for k, v in votes.items() if " " in k and v[PERSON] >= max(1, v[ORG])}
    part_of: dict[str, str] = {}
    # The most voted person has a shared surname; on a tie, the first named (not whichever
    # the set's hash order gave: the same text must give the same records in every run).
    first_at = {k: min(span.start for span, _ in surface[k]) for k in full_people}
    for full in sorted(full_people, key=lambda k: (-sum(votes[k].values()), first_at[k])):
        for part in surname_keys(full):
            if part in votes and votes[part]["PLACE"] > votes[part][PERSON] and territory(part):
                continue  # "Visits Colombia" tagged a person in a headline: the place stays
            part_of.setdefault(part, full)
            if part in surface and part_of[part] != full and titled_alike(surface, part, full):
                part_of[part] = full  # "Gov. Reeves" after "Gov. Tate Reeves and Elee Reeves"
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
                    label=labels.get(target) or label, name=" ".join(span.text.split())
                )
            entity.votes += votes[key]
            entity.aliases.add(" ".join(span.text.split()))  # (a text typed with two spaces)
            entity.mentions.append(mention_of(span, entity.label, headline))
            entity.context += nouns_beside(span)
    for entity in entities.values():
        if called_a_body(entity):
            entity.label = ORG
            for mention in entity.mentions:
                mention.label = ORG
    merge_nicknames(doc, entities)
    merge_aka(doc, entities)
    merge_restated_names(doc, entities)
    merge_spelling_variants(entities)
    merge_middle_names(entities)
    spelled_out_acronyms(doc, entities)
    foreign_acronyms(doc, entities)
    entities = merge_org_variants(entities)
    merge_acronyms(entities)
    hyphened_acronyms(text_of(doc), entities)
    for entity in entities.values():
        entity.name = best_name(entity)
        entity.aliases.discard(entity.name)
        if entity.label == ORG:
            names = [entity.name, *sorted(entity.aliases, key=len, reverse=True)]
            entity.kind = organisation_kind(names, entity.context)
    orgs = [e for e in entities.values() if e.label == ORG]
    body_at = {i: e for e in orgs for m in e.mentions for i in range(m.token_start, m.token_end)}
    kinds_from_lists(doc, orgs, body_at)
    kinds_from_parents(doc, orgs, body_at)
    found = [
        e
        for e in entities.values()
        if e.mentions
        and not named_storm(text_of(doc), e.name)
        and not names_a_law(e)
        and not names_a_product(e)
    ]
    propagate_mentions(doc, found)
    return found


# Last words of a body's unit, whose kind is its parent body's.
UNIT_HEADS = {"division", "branch", "section", "unit", "office", "bureau", "directorate"}
SERVICE_KINDS = {"law_enforcement", "military", "intelligence"}


def kinds_from_parents(doc: Doc, orgs: list[Entity], at: dict[int, Entity]) -> None:
    """A unit named just after its parent body has the parent's kind: "the FBI's Criminal
    Investigative Division" and "DEA ... of the Dallas Field Division" are law enforcement,
    though "Division" alone reads as government. `at`: the body at each token."""
    for unit in orgs:
        if unit.kind not in {"government", "other"}:
            continue
        if unit.name.split()[-1].lower() not in UNIT_HEADS:
            continue
        for m in unit.mentions:
            sentence_start = sentence_of(doc, m.token_start).start
            window = range(m.token_start - 1, max(sentence_start, m.token_start - 9) - 1, -1)
            parent = next((at[i] for i in window if i in at), None)
            if parent is not None and parent.kind in SERVICE_KINDS:
                unit.kind = parent.kind
                break


def titled_alike(surface: dict, part: str, full: str) -> bool:
    """Whether the surname `part` is written after a title that `full` is written after."""

    def titles(key: str) -> set[str]:  # the capitalised word before each mention
        return {
            span.doc[span.start - 1].lower_
            for span, _ in surface.get(key, ())
            if span.start and span.doc[span.start - 1].is_title
        }

    return bool(titles(part) & titles(full))


def kinds_from_lists(doc: Doc, orgs: list[Entity], at: dict[int, Entity]) -> None:
    """A body of no known kind listed among bodies that share one has theirs: "designated
    Cartel X, Los Y and Cartel Z" makes Los Y a criminal group too. `at`: the body at each
    token."""
    for entity in orgs:
        if entity.kind != "other":
            continue
        for m in entity.mentions:
            items = list_items(doc[m.token_start : m.token_end].root)
            others = {id(e): e for t in items if (e := at.get(t.i)) not in (None, entity)}
            kinds = [e.kind for e in others.values() if e.kind != "other"]
            if len(kinds) >= 2 and len(set(kinds)) == 1:
                entity.kind = kinds[0]
                break


def named_storm(text: str, name: str) -> bool:
    """ "Ian made landfall" after "Hurricane Ian": a storm, whatever the model said."""
    storms = r"\b(Hurricane|Typhoon|Cyclone|Storm|Tropical Storm) "
    return re.search(storms + re.escape(name) + r"\b", text) is not None


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
    text = text_of(doc)
    headlines = headline_ranges(text)
    for form, entity in forms:
        for match in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text):
            span = doc.char_span(match.start(), match.end())
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            headline = any(a <= match.start() < b for a, b in headlines)
            entity.mentions.append(mention_of(span, entity.label, headline))


# Last words of a place's name that no organisation's name ends in.
LANDFORMS = {
    *("hill", "valley", "mountains", "river", "lake", "coast", "peninsula", "gulf", "strait"),
    *("straits", "sea", "bay", "shoal", "reef", "desert", "balkans", "highlands"),
    *("forest", "island", "islands", "area"),  # "X Forest", "X Local Government Area"
}
# Buildings and sites named after people: "the Jane Roe Correctional Facility" is a place.
FACILITIES = {"facility", "prison", "jail", "penitentiary", "airport", "stadium", "arena"}
FACILITIES |= {"memorial", "highway", "bridge", "park", "building"}
# A head of state's seat, which the project files as a place even where it stands for the
# government ("the White House said"; NOTES rule 12; "X Palace" is never an actor,
# name_shapes.py). Two words only: "House of Representatives" and "the House" stay bodies.
SEATS = {"house"}
ROOMS = {"oval office", "situation room", "east room", "rose garden"}  # the White House's
# The head of a law's or a ruling's name: "the Criminal Procedure Code", "a Surveillance Order".
LEGAL_INSTRUMENTS = {"act", "code", "order", "bill", "amendment", "treaty", "accord", "statute"}
MONEY = re.compile(r"[$€£¥]\s?\d")
# "three Bronze Stars and two Purple Hearts", "the Nobel Prize": decorations, not actors.
AWARDS = {"medal", "medals", "award", "awards", "prize", "prizes", "stars", "hearts", "crosses"}
PLURAL_ABBREVIATION = re.compile(r"^[A-Z]{2,}s$")  # "MPs", "NGOs": people or things, not a name


def called_a_body(entity: Entity) -> bool:
    """ "X, a transnational criminal organization", "organizations including X": a name only
    the model's tags call a person, which the text calls a body more than once."""
    nouns = entity.context
    return (
        entity.label == PERSON
        and entity.votes[PERSON] <= entity.votes["PERSON_TAGS"]
        and sum(n in ORG_NOUNS for n in nouns) >= 2
        and not any(n in PERSON_NOUNS for n in nouns)
    )


# Nouns that make the names beside them products: "medications including X, Y and Z",
# "the messaging app X", "the social media platform Y" (not "vaccine" or "pill": "the Roe
# vaccine" names its maker).
PRODUCT_NOUNS = {"medication", "medicine", "painkiller", "app", "platform"}


def names_a_product(entity: Entity) -> bool:
    """A brand the model took for a body: the text calls it a product, and nothing a body."""
    nouns = set(entity.context)
    return (
        entity.label == ORG
        and bool(nouns & PRODUCT_NOUNS)
        and not nouns & (ORG_NOUNS | GENERIC_ORG_WORDS)
    )


def names_a_law(entity: Entity) -> bool:
    """ "The Criminal Procedure Code (CPC)": a law the model took for a body, acronym and all."""
    words = name_key(entity.name).split()
    return entity.label == ORG and len(words) > 1 and words[-1] in LEGAL_INSTRUMENTS


def decide_label(key: str, votes: Counter, text: str) -> str | None:
    """PERSON, ORG, or None for places, common nouns and junk."""
    person, org, place = votes[PERSON], votes[ORG], votes["PLACE"]
    if person == org == place == 0:
        person, org, place = votes["CAPS PERSON"], votes["CAPS ORG"], votes["CAPS PLACE"]
    if text.lower().startswith("operation "):
        return None
    if votes["NER"] == 0:
        # Tagged a place, yet in apposition to "spokeswoman" and the like: a person.
        return PERSON if person >= 2 and not territory(text) else None
    words = key.split()
    if len(words) > 8 or not re.search(r"[a-z]", key):
        return None
    if len(words) == 1 and (key in GENERIC_ORG_WORDS or key in TITLES or key in LEGAL_FORMS):
        return None  # "Navy", "Secretary", "LLC" alone
    if all(w in TITLES or f"{w}." in TITLES or w.rstrip("s") in TITLES for w in words):
        return None  # "Attorneys General", "Rear Adm."
    if words[0] in {"government", "governments"} and territory(text.split(" of ")[-1]):
        return None  # "the Governments of X": countries, not bodies
    if all(w in REGION_WORDS for w in words):
        return None  # "Eastern", "Pacific Northwest": a region
    if len(words) > 1 and words[-1] in LANDFORMS and person == 0:
        return None  # "Capitol Hill", "the Western Balkans": a place, whatever the model said
    if len(words) > 2 and words[-1] in FACILITIES:
        return None  # "William E. Roe Correctional Facility": a site named after someone
    if len(words) == 2 and words[-1] in SEATS or key in ROOMS:
        return None
    if MONEY.search(text) or PLURAL_ABBREVIATION.match(text):
        return None
    if len(words) > 1 and words[-1] in AWARDS:
        return None
    if len(words) > 1 and (words[-1] in ORG_NOUNS or words[-1].rstrip("s") in ORG_NOUNS):
        return ORG  # "X Cartels", "Y Party": the head noun says it
    if len(words) > 2 and words[0] in ORG_HEAD_WORDS and words[1] == "of":
        return ORG  # "Bureau of X", however the parser hung it on an office before it
    if territory(text) and (person < 3 or person <= votes["PERSON_TAGS"]):
        return None  # (a city the model tagged a person four times, and nothing else says so)
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
