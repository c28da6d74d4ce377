"""Roles from appositions and titles: "Ana Lopez, the ministry's deputy spokesperson";
"Defense Minister Karl Meyer"; "press secretary Joan Doe"."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sources.ingest.actors import ORG, PERSON, Entity
from sources.ingest.lexicon import PERSON_NOUNS, PORTFOLIOS, TITLES
from sources.ingest.places import territory

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
    "under",
    "staff",
    "rear",
    "petty",
    "executive",
}
LINKS = {"of", "the", "in", "for", "and", "on"}
# Words that make one rank with the abbreviated rank after them: "Vice Adm.", "Master Sgt.".
RANK_MODIFIERS = {"vice", "rear", "master", "chief", "staff", "first", "command", "lieutenant"}
RANK_MODIFIERS |= {"brigadier", "major", "lance", "senior", "petty", "deputy"}
SERVICES = {"army", "navy", "air", "force", "marine", "marines", "coast", "guard", "u.s.", "us"}
NOT_IN_TITLES = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"}


@dataclass
class RoleFound:
    person: Entity
    organisation: Entity | None
    title: str
    start: int
    end: int
    certainty: str = "medium"
    rule: str = ""  # which pattern found it: title_before, apposition or named_as


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
            # A headline capitalises every word: no telling the office from the words before.
            before = [] if m.headline else office_and_rank(doc, m.token_start, at)
            if before and before[0][1] is None:  # the office (a rank has no body)
                title, _, start, end = before[0]
                before[0] = (title, organisation_after(doc, m.token_end, at), start, end)
            for rule, role in (
                *(("title_before", r) for r in before),
                ("apposition", apposition(root, at)),
                ("named_as", named_as(doc, m.token_end, at)),
            ):
                if role is None:
                    continue
                title, org, start, end = role
                org = org or department_in_title(title, entities)
                key = (id(entity), title.lower(), id(org))
                found.setdefault(
                    key,
                    RoleFound(entity, org, title, start, end, "high" if org else "medium", rule),
                )
    return without_short_forms(list(found.values()))


def without_short_forms(roles: list[RoleFound]) -> list[RoleFound]:
    """One position, one role: "Secretary Roe" after "Secretary of Defense Jane Roe" is the
    same office said short (the longer title whose first words it is)."""
    kept = []
    for role in roles:
        words = role.title.lower().split()
        longer = (
            other
            for other in roles
            if other.person is role.person
            and (role.organisation is None or role.organisation is other.organisation)
            and len(other.title.split()) > len(words)
            and other.title.lower().split()[: len(words)] == words
        )
        if next(longer, None) is None:
            kept.append(role)
    return kept


def office_and_rank(doc: Doc, start: int, at: dict[int, Entity]) -> list:
    """The title before a name, as two roles where it holds an office and then a rank: "Fleet
    commander Adm. Jane Roe" is a commander (of the fleet) and an admiral. In "the secretary
    and Army Gen. Jane Roe" the office before "and" is someone else's."""
    found = title_before(doc, start, at)
    if found is None:
        return []
    title, org, first, end = found
    words = title.split()
    for k in range(1, len(words)):
        rank, before = words[k], words[k - 1].lower()
        if not (rank.endswith(".") and rank.lower() in ROLE_HEADS) or before in RANK_MODIFIERS:
            continue
        j = k  # the service before a rank is part of it ("Army Gen.")...
        while j > 0 and words[j - 1].lower() in SERVICES:
            j -= 1
        if 0 < j < k and words[j - 1].lower() in {"of", "the"}:
            j = k  # ... unless it completes the office: "Chief of Staff of the Army Gen."
        office = words[:j]
        if not any(w.lower() in ROLE_HEADS and not w.endswith(".") for w in office):
            continue
        shared = office[-1].lower() == "and"
        while office and office[-1].lower() in LINKS:
            office.pop()
        cut = doc.text.find(words[j], first, end)
        rank_role = (" ".join(words[j:]), None, cut, end)
        if shared:
            return [rank_role]
        office_end = first + len(doc.text[first:cut].rstrip())
        return [(" ".join(office), org, first, office_end), rank_role]
    return [found]


def title_before(doc: Doc, start: int, at: dict[int, Entity]):
    """The office written before a name: "Defense Secretary", "Secretary of the Army",
    "Special Agent in Charge", "the agency's Spokesperson", "NORTHCOM commander".

    Walks back over title words, capitalised words and the small words that join them; an
    organisation where the walk stops (or a possessive one) is the office's organisation.
    """
    i = start - 1
    words: list[Token] = []
    while i >= 0 and len(words) < 8:
        token = doc[i]
        if i in at and not (at[i].label == ORG and _inside_title(doc, i)):
            break
        if "\n" in token.whitespace_:
            break
        if token.is_sent_end and not (token.text.endswith(".") and token.lower_ in TITLES):
            break  # (the parser may end a sentence at "Cmdr." before the name)
        if token.pos_ in {"ADP", "SCONJ"} and token.lower_ not in LINKS | TITLES:
            break  # "As President X has said"; "under Attorney General X" (not "Under Secretary")
        if token.is_lower and token.pos_ == "ADP" and token.lower_ not in LINKS:
            break
        is_title_word = token.lower_ in TITLES
        capitalised = (token.is_title or token.is_upper) and token.is_alpha
        # "Minister of Interior[,] Justice and Peace": a comma between the office's objects
        listed = token.text == "," and 0 < i < len(doc) - 1 and doc[i - 1].lower_ in PORTFOLIOS
        joins = (token.lower_ in LINKS or (listed and doc[i + 1].lower_ in PORTFOLIOS)) and words
        if not (is_title_word or joins or (capitalised and token.ent_type_ not in NOT_IN_TITLES)):
            break
        words.insert(0, token)
        i -= 1
    while words and (words[0].lower_ in LINKS or words[0].lower_ not in TITLES):
        # Leading small words and capitalised words that are not part of the office: "On".
        if words[0].lower_ in ROLE_HEADS or words[0].lower_ in TITLES:
            break
        if words[0].lower_ not in LINKS and any(w.lower_ in LINKS for w in words[1:2]):
            break  # "Secretary" comes later: "Army Secretary" keeps "Army"
        if words[0].lower_ not in LINKS and words[0].is_title:
            break
        words.pop(0)
    if not words or not any(w.lower_ in ROLE_HEADS for w in words):
        return None
    while words and words[-1].lower_ in LINKS:
        words.pop()
    while words and words[0].i in at:  # "NORTHCOM commander": the organisation comes first
        words.pop(0)
    if not words or not any(w.lower_ in ROLE_HEADS for w in words):
        return None
    first = words[0].i
    org = organisation_before(doc, first, at)
    if org is not None:
        words = office_around(doc, first, at) + words
    title = " ".join(w.text for w in words).replace(" , ", ", ")
    title = title[0].upper() + title[1:]
    return title, org, words[0].idx, words[-1].idx + len(words[-1].text)


def organisation_before(doc: Doc, first: int, at: dict[int, Entity]) -> Entity | None:
    """The body just before an office: "FBI Director", "the agency's Spokesperson", "the Energy
    Commission (IEC) Commissioner" (its acronym in brackets between)."""
    i = first - 1
    if i >= 2 and doc[i].text == ")" and doc[i - 2].text == "(":
        i -= 3
    elif i >= 1 and doc[i].tag_ == "POS":
        i -= 1
    if i >= 0 and i in at and at[i].label == ORG:
        return at[i]
    return None


def organisation_after(doc: Doc, end: int, at: dict[int, Entity]) -> Entity | None:
    """ "Acting Director Jane Roe of the Bureau of X", "Special Agent in Charge Jane Roe, of
    the FBI's Y Field Office": the body named right after the name, the last of a possessive
    chain."""
    i = end + (end < len(doc) and doc[end].text == ",")
    if i >= len(doc) or doc[i].lower_ != "of":
        return None
    found = None
    for token in doc[i + 1 : min(len(doc), i + 15)]:
        entity = at.get(token.i)
        if entity is not None and entity.label == ORG:
            found = entity
        elif entity is not None or not (token.lower_ == "the" or token.tag_ == "POS"):
            break
    return found


def office_around(doc: Doc, first: int, at: dict[int, Entity]) -> list[Token]:
    """Title words before a body that sits inside an office: "Deputy [Agency] Press Secretary"
    is one office; returns the tokens from "Deputy" to the body's end (empty when none)."""
    i = first - 1
    if i < 0 or i not in at:
        return []
    entity = at[i]
    while i - 1 >= 0 and at.get(i - 1) is entity:
        i -= 1
    titles = []
    while i - 1 >= 0 and doc[i - 1].lower_ in TITLES and doc[i - 1].is_title:
        i -= 1
        titles.insert(0, doc[i])
    if not titles:
        return []
    return list(doc[titles[0].i : first])


def named_as(doc: Doc, end: int, at: dict[int, Entity]):
    """ "named Jane Roe as the Director of the Bureau of Mines": an office given right after
    the name with "as", its body after "of"/"at" or before it with a possessive."""
    if end + 1 >= len(doc) or doc[end].lower_ != "as":
        return None
    i = end + 1
    if doc[i].lower_ in {"the", "its", "their"}:
        i += 1
    words: list[Token] = []
    org = organisation_before(doc, i + 1, at) if doc[i].tag_ == "POS" else None
    if org is not None:
        i += 1
    while i < len(doc) and i not in at and doc[i].is_title and doc[i].is_alpha:
        words.append(doc[i])
        i += 1
    if not words or words[-1].lower_ not in ROLE_HEADS:
        return None
    if org is None and i + 1 < len(doc) and doc[i].lower_ in {"of", "at"}:
        j = i + 1 + (doc[i + 1].lower_ == "the")
        org = at[j] if j in at and at[j].label == ORG else None
    return " ".join(w.text for w in words), org, words[0].idx, words[-1].idx + len(words[-1].text)


GOVERNMENT_HEADS = {"department", "ministry", "dept.", "office"}


def department_in_title(title: str, entities: list[Entity]) -> Entity | None:
    """The department a fixed office names ("Treasury Secretary", "Secretary of State"), when
    the text names that department too: "the State Department", "Department of the Treasury"."""
    words = [w.lower() for w in title.split() if w[:1].isupper() and w.lower() not in ROLE_HEADS]
    # A country in the office ("U.S. Secretary of State") names no department.
    words = [w for w in words if w not in LINKS and not territory(w, countries_only=True)]
    if not words:
        return None
    for entity in entities:
        if entity.label != ORG:
            continue
        for name in {entity.name, *entity.aliases}:
            lowered = name.lower().split()
            if GOVERNMENT_HEADS & set(lowered) and any(w in lowered for w in words):
                return entity
    return None


def _inside_title(doc: Doc, i: int) -> bool:
    """An organisation named inside an office: "Secretary of the Navy", "Secretary of State"."""
    j = i - 1
    while j >= 0 and doc[j].lower_ in {"the"}:
        j -= 1
    return j >= 1 and doc[j].lower_ == "of" and doc[j - 1].lower_ in TITLES


def apposition(root: Token, at: dict[int, Entity]):
    """'X, the State Department's Principal Deputy Spokesperson', 'the prime minister, X' and
    'X is the ...'."""
    for child in root.children:
        if child.dep_ != "appos" or child.lemma_.lower() not in PERSON_NOUNS:
            continue
        return _role_phrase(child, at)
    head = root.head
    if root.dep_ == "appos" and head.i < root.i and head.lemma_.lower() in PERSON_NOUNS:
        return _role_phrase(head, at)  # "the country's prime minister, X": the office first
    if root.dep_ == "nsubj" and head.lemma_ == "be":
        attr = next((c for c in head.children if c.dep_ == "attr"), None)
        if attr is not None and attr.lemma_.lower() in PERSON_NOUNS:
            return _role_phrase(attr, at)
    return None


def portfolio(prep: Token) -> list[Token]:
    """What an office is of or for when no body is named there: "chief of response",
    "assistant secretary for export enforcement" (a short phrase, never a clause)."""
    phrase = list(prep.subtree)
    if len(phrase) > 7 or any(t.pos_ in {"VERB", "AUX", "PRON", "PUNCT", "NUM"} for t in phrase):
        return []
    if prep.lower_ == "at" or not any(t.pos_ == "NOUN" for t in phrase):
        return []
    return phrase


def unit_after_possessive(token: Token, at: dict[int, Entity]) -> Entity:
    """ "director of the [FTC]'s Bureau of X": the office is the unit's, after the possessive."""
    doc, body = token.doc, at[token.i]
    end = token.i
    while end + 1 < len(doc) and at.get(end + 1) is body:
        end += 1
    if end + 2 < len(doc) and doc[end + 1].tag_ == "POS":
        unit = at.get(end + 2)
        if unit is not None and unit.label == ORG and unit is not body:
            return unit
    return body


def _role_phrase(noun: Token, at: dict[int, Entity]):
    doc = noun.doc
    words = [noun]
    i = noun.i - 1
    while i >= 0 and doc[i].dep_ in {"compound", "amod"} and doc[i].i not in at:
        words.insert(0, doc[i])
        i -= 1
    org = None
    children = list(noun.children)
    for child in children:
        if child.dep_ == "prep" and child.lower_ == "in":
            charge = next((c for c in child.children if c.lower_ == "charge"), None)
            if charge is not None and charge.i == child.i + 1:
                words += [child, charge]  # "Special Agent in Charge" (of ...)
                children += charge.children
    for child in children:
        if child.dep_ in {"poss", "compound"} and child.i in at and at[child.i].label == ORG:
            org = at[child.i]
        if child.dep_ == "prep" and child.lower_ in {"of", "at", "for"}:
            for t in child.subtree:
                if t.i in at and at[t.i].label == ORG:
                    org = unit_after_possessive(t, at)
                    break
            else:
                words += portfolio(child)
    title = " ".join(w.text for w in words)
    if not title[:1].isupper() and not org and noun.lower_ not in ROLE_HEADS:
        return None  # "X, a student": a description; "X, president of Y": an office
    title = title[0].upper() + title[1:]
    return title, org, words[0].idx, words[-1].idx + len(words[-1].text)
