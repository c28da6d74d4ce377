"""Candidate mentions: the model's person and organisation spans, cleaned of titles, junk and
fused offices, with the label evidence the words around each give."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from core.names import PARTICLES, name_key
from sources.ingest.actors import ORG, PERSON
from sources.ingest.lexicon import (
    DASH_MARKS,
    GENERIC_ORG_WORDS,
    MEDIA_NOUNS,
    OCCUPATIONS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PORTFOLIOS,
    SPEECH_VERBS,
    TITLES,
)
from sources.ingest.name_shapes import (
    MILITARY_UNITS,
    OFFICE_WORDS,
    ORG_HEAD_WORDS,
    SHIP_PREFIXES,
    after_possessive,
    byline_names,
    corrected_label,
    cut_before_title,
    ends_in_a_title,
    field_offices,
    head_noun_orgs,
    is_a_category,
    is_not_an_actor,
    named_groups,
    qualifies_a_rank,
    ship_names,
    titled_surnames,
    trim_org,
)
from sources.ingest.org_kinds import LEGAL_FORMS
from sources.ingest.places import territory
from sources.ingest.textnorm import text_of

PLACE_LABELS = {"GPE", "LOC", "FAC", "NORP"}
CANDIDATE_LABELS = {PERSON, ORG} | PLACE_LABELS
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
# Offices whose name ends in "General": "Attorney General", "Inspector General".
GENERAL_OFFICES = {"attorney", "inspector", "solicitor", "comptroller", "surgeon", "auditor"}
GENERAL_OFFICES |= {"secretary", "director", "procurator", "prosecutor", "accountant"}
# Offices written before a name that no body's name starts with.
NAMED_OFFICES = (OFFICE_WORDS - {"press", "deputy", "officer"}) | {"administrator"}
# A lower-case word that ends a sentence inside a line: no headline has one.
SENTENCE_END = re.compile(r"(?<![^\W\d_])[a-z]+[.!?][\"\u201d\u2019]?\s")
# Words of a wire service's credit line before "by": "(Reporting by X; editing by Y)".
CREDIT_WORDS = {"reporting", "writing", "editing", "reported", "written", "edited", "compiled"}
LEADING_JUNK = {"the", "a", "an", "-", "•", "*", "'s", "'"}
# Words before a person's name that are not part of it: "[Sgt. Jane Roe]", "[Lawyer Jane Roe]".
BEFORE_PERSON = TITLES | OCCUPATIONS
# Lower-case determiners the model leaves on a name: "this Department of Justice".
DETERMINERS = {"this", "that", "these", "those", "our", "its", "their", "his", "her", "my"}


def is_headline(line: str) -> bool:
    """Short title-case lines without final punctuation: NER there is unreliable."""
    words = re.findall(r"[^\W\d_]+", line)
    if not words or len(words) > 25 or line.rstrip()[-1:] in ".!?\"'":
        return False
    if SENTENCE_END.search(line):
        return False  # '"...," Roe added. (Reporting by Jane Doe)': a sentence, then a credit
    name, comma, office = line.partition(", ")
    if comma and len(name.split()) <= 4 and office.split()[0].lower() in TITLES:
        return False  # "Jane Roe, Secretary of State": who signs a statement, not a title
    long_words = [w for w in words if len(w) > 3]
    capitalised = sum(w[0].isupper() for w in long_words)
    return capitalised / (len(long_words) or 1) >= 0.7


@lru_cache(maxsize=4)  # three steps of a document's extraction ask
def headline_ranges(text: str) -> tuple[tuple[int, int], ...]:
    ranges, offset = [], 0
    for line in text.split("\n"):
        if is_headline(line):
            ranges.append((offset, offset + len(line)))
        offset += len(line) + 1
    return tuple(ranges)


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
        if (
            doc[i].text in DASH_MARKS
            and doc[i - 1].whitespace_
            and i + 1 < end
            and (doc[i + 1].is_lower or (label == PERSON and doc[i].whitespace_))
        ):
            # "[Jane Roe - the] officer who...": a spaced dash opens an aside, and no
            # person's name goes on after one ("[Jane Roe - Former] head")
            end = i
            break
    for i in range(span.start, end):  # "Police's (PNC[) Internal Affairs Unit]": the
        # model's span opens inside a bracket it does not close; the name starts after it
        if doc[i].text == ")" and not any(t.text == "(" for t in doc[span.start : i]):
            start = i + 1
        elif label == PERSON and doc[i].tag_ == "POS" and i + 1 < end:
            start = i + 1  # "[SOUTHCOM's Civilian] Deputy": whose office, not the name
    for i in range(span.start, end):  # keep the last line of a span that crosses lines
        if ("\n" in doc[i].whitespace_ or (doc[i].is_space and "\n" in doc[i].text)) and (
            i + 1 < span.end
        ):
            start = i + 1
    for i in range(start + 1, end - 1):  # "[MIAMI - Harbour Police]": the dateline goes
        # (a spaced dash: "JTF-Bravo" is one name)
        if (
            doc[i].text in DASH_MARKS
            and doc[i - 1].whitespace_
            and (all(t.is_upper for t in doc[start:i]) or doc[i + 1].text == "The")
        ):  # ("El Roe - The Joint Force of X": a title-case dateline before the body)
            start = i + 1
            break
    while start < end and (
        doc[start].lower_ in LEADING_JUNK
        or (doc[start].is_lower and doc[start].lower_ in DETERMINERS)
        or doc[start].tag_ == "POS"  # "women['s Olympic]": a possessive is no name's start
        or doc[start].is_punct
        or doc[start].is_space
        or (label == PERSON and doc[start].lower_ in BEFORE_PERSON)
        or (
            doc[start].lower_ in TITLES
            and doc[start].is_alpha
            and start > 0
            and doc[start - 1].lower_ in TITLES
            and doc[start - 1].is_title
        )
    ):  # ("Attorney [General Roe]": the model's span starts inside the office)
        start += 1
    if doc[start].lower_ in TITLES and start + 2 < end and doc[start + 1].text == ",":
        start += 2  # "the [Coordinator, Defence Media Operations], Maj. Gen. Jane Roe"
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].lower_ in {"'s", "'", "and"}  # "[Cartel X and] Cartel Y"
    ):
        end -= 1
    if end <= start:
        return None
    cleaned = doc[start:end]
    if not any(c.isalpha() for c in cleaned.text) or cleaned.text.islower():
        return None
    if re.fullmatch(r"[A-Z]\.?", cleaned.text):
        return None  # "posted a photo to X." - a letter alone names no one
    return cleaned


def split_office(span: Span, label: str) -> tuple[Span, str]:
    """ "Secretary of [Defense Jane K. Roe]": the model fused the office's last word with the
    name that follows it. The name is a person; the word goes back to the office."""
    doc = span.doc
    for token in span[1:-1] if label == ORG else ():
        after = doc[token.i + 1 : span.end]
        if (
            token.is_title
            and token.lower_ in NAMED_OFFICES | {"mayor"}
            and 0 < len(after) < 4
            and all(t.is_title and t.pos_ == "PROPN" for t in after)
        ):
            return after, PERSON  # "[Roeville Mayor Jane Roe]": a place's office, then a name
    rest = span[1:]
    looks_like_name = (
        len(rest) > 0
        and all(t.text[:1].isupper() and (t.is_alpha or t.text.endswith(".")) for t in rest)
        and not any(t.lower_ in TITLES or t.lower_ in SHIP_PREFIXES for t in rest)
        and rest[-1].lower_ not in ORG_HEADS
    )  # ("commanding officer of the [Coast Guard Cutter X]" names a ship)
    if not looks_like_name:
        return span, label
    if span[0].lower_ in TITLES and span[0].is_upper and span[0].is_alpha and len(span[0]) > 1:
        return rest, PERSON  # "[SAC Jane Roe]": an office's acronym before the name
    if span[0].lower_ in TITLES and re.fullmatch(r"[A-Z][a-z]+\.", span[0].text):
        return rest, PERSON  # "[Cmdr. Jane Roe]": no body's name opens with a rank's abbreviation
    if label == ORG and after_office_to_a_body(span):
        # "Ambassador to the [UN Jane Roe]", "Ambassador to the UN [Jane Roe]": the body ends
        # the office, and the name follows it
        return (rest if span[0].is_upper else span), PERSON
    if label == ORG and span[0].is_title and span[0].lower_ in NAMED_OFFICES and len(rest) < 4:
        return rest, PERSON  # "[Administrator Roe]", "[Spokesperson Jane Roe]" read as bodies
    links = {"of", "the", "in"}
    if len(span) < 3 or span.start < 2 or doc[span.start - 1].lower_ not in links | {"and"}:
        return span, label
    j = span.start - 1
    while j >= 0 and (
        doc[j].lower_ in links
        # "Minister of Interior, Justice and [Peace Jane Roe]": an office of several objects
        or (doc[j].lower_ in {"and", ","} or doc[j].lower_ in PORTFOLIOS and doc[j].is_title)
        and span.start - j < 8
    ):
        j -= 1
    # "Special Agent in [Charge Jane Roe]"; not "director of [Human Rights Watch]": a body's
    # whole name after an office written in lower case, as a description
    if j >= 0 and doc[j].lower_ in TITLES and (label == PERSON or doc[j].is_title):
        start = rest.start
        while start < span.end - 1 and doc[start].lower_ in PORTFOLIOS:
            start += 1  # "Director of [National Intelligence] Tulsi Roe": the office's object
        return doc[start : span.end], PERSON
    return span, label


def after_office_to_a_body(span: Span) -> bool:
    """Whether `span` (an acronym and a name, or a name) follows "<office> to/of the" and a
    body's acronym: "Ambassador to the UN [Jane Roe]"."""
    doc, i = span.doc, span.start - 1
    name = span[1:] if span[0].is_upper else span
    if not 1 < len(name) < 4 or not all(t.is_title and t.is_alpha for t in name):
        return False
    if not span[0].is_upper:
        if i < 0 or not doc[i].is_upper or len(doc[i]) < 2:
            return False
        i -= 1
    return (
        i > 1
        and doc[i].lower_ == "the"
        and doc[i - 1].lower_ in {"to", "of", "at"}
        and doc[i - 2].lower_ in TITLES
    )


def extend_person(span: Span, taken: set[int]) -> Span:
    """Take in capitalised name tokens the model left out ("Maria Corina" + "Machado"), and a
    given name before a name that starts with an initial ("Maria" + "K. Olsen") or left
    between a title and the rest of the name."""
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
    elif (
        start > 1
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].is_title
        and doc[start - 1].is_alpha
        and doc[start - 1].lower_ not in TITLES
        and not doc[start - 1].ent_type_
        and (doc[start - 2].lower_ in TITLES or doc[start - 2].text in {",", "and"})
        and start - 1 not in taken
    ):
        # "Secretary General Anders [Fogh Roe]", "defendants X, Diego [Ceron Munoz]": a given
        # name the model left out
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
        elif head.lower_ in {"administration", "admin"}:
            votes[PERSON] += 2
    for child in root.children:
        if child.dep_ == "appos":
            noun = child.lemma_.lower()
            if is_an_office(child):
                votes[PERSON] += 2  # "X, the Bureau of Y's assistant secretary"
            elif noun in ORG_NOUNS:
                votes[ORG] += 2
            elif noun in PERSON_NOUNS:
                votes[PERSON] += 2
    if root.dep_ == "appos":
        if head.lemma_.lower() in PERSON_NOUNS:
            votes[PERSON] += 2
        elif head.lemma_.lower() in ORG_NOUNS:
            votes[ORG] += 2
    # "such as San Angelo and Wichita Falls": a "person" joined to a place is a place.
    joined = [head] if root.dep_ == "conj" else []
    joined += [c for c in root.children if c.dep_ == "conj"]
    if root.ent_type_ == "PERSON" and any(t.ent_type_ in {"GPE", "LOC"} for t in joined):
        votes["PLACE"] += 2
    listed = list_items(root)
    # A name with no word of a body's ("Roe Springs", not "Roe Group" or "NATO").
    plain = not span.text.isupper() and not any(
        t.lemma_.lower() in ORG_NOUNS or t.lower_ in GENERIC_ORG_WORDS | ORG_HEADS for t in span
    )
    lead = listed[0].left_edge.i  # where the list (or the name alone) starts
    # (not "Director of [the X's Task Force Jane Roe]": a person named after their body; the
    # first item's own words do not count)
    first_name = entity_start(listed[0])
    bare = not any(t.ent_type_ == "ORG" or t.tag_ == "POS" for t in span.doc[lead:first_name])
    before_list = span.doc[lead - 1] if lead > 1 else None
    of_what = span.doc[lead - 2] if bare and before_list and before_list.lower_ == "of" else None
    # "the towns of Roe and Doe" (lower case: not "Department of X")
    of_places = of_what is not None and of_what.lemma_ in PLACE_NOUNS
    if (of_places and (root.ent_type_ == "PERSON" or plain)) or (
        # "the governors of Roe and Doe": offices of places
        of_what is not None
        and root.ent_type_ == "PERSON"
        and of_what.lemma_.lower() in OFFICE_WORDS | {"mayor"}
    ):
        votes["PLACE"] += 2
    # "designated Cartel X, Jane Roe Group and Cartel Y": listed among bodies, a body.
    items = [t for t in listed if t.i != root.i]
    bodies = sum(t.ent_type_ == "ORG" for t in items)
    if (
        root.ent_type_ == "PERSON"
        and not of_places
        and bodies >= 2
        and bodies > 2 * sum(t.ent_type_ == "PERSON" for t in items)
    ):
        votes[ORG] += 3
    first = span[0]
    if len(span) > 1 and span[1].is_title:
        if first.is_upper and first.is_alpha and len(first) > 2:
            votes[ORG] += 3  # "FBI Miami", "HSI Houston": an agency's field office
        elif first.text in {"La", "Las", "Los"}:
            votes[ORG] += 3  # "Los Roes": a Spanish article opens no person's name
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
        lead_by = span.doc[lead - 1] if lead > 0 else None
        if (
            lead_by is not None
            and lead_by.lower_ == "by"
            and lead > 1
            and span.doc[lead - 2].lower_ in CREDIT_WORDS
        ):
            votes[PERSON] += 3  # "(Reporting by Jane Roe; editing by John Doe)": a wire credit
        if (
            before.tag_ == "POS"
            and before.i > 0
            and span.doc[before.i - 1].ent_type_ == "ORG"
            and plain
            and 1 < len(span) < 4
            and all(t.is_title and t.is_alpha and t.tag_ == "NNP" for t in span)
            and span[-1].lemma_.lower() not in ORG_HEAD_WORDS | MILITARY_UNITS | UNIT_WORDS
        ):
            votes[PERSON] += 2  # "Roe News's Jane Roe, reporting from": a body's reporter
        if (
            before.lower_ == "to"
            and before.head.lemma_.lower() in MOTION_VERBS
            and root.ent_type_ == "PERSON"
            and len(span) == 1
        ):
            votes["PLACE"] += 2  # "deported to Roeville": where someone is sent is a place
        if before.lower_ in {"in", "near"} and (
            (root.ent_type_ == "PERSON" and len(span) == 1) or (root.ent_type_ == "ORG" and plain)
        ):
            votes["PLACE"] += 2  # "near his home in Roeville", "protests in Roe Springs"
    return votes


def entity_start(token: Token) -> int:
    """Where the named entity that holds `token` starts (the token itself if none)."""
    i = token.i
    while i > 0 and token.doc[i].ent_iob_ == "I":
        i -= 1
    return i


def list_items(token: Token) -> list[Token]:
    """The heads of every item of the list `token` is in ("A, B and C"), or [token]. The parser
    joins items as conjuncts or appositions; a bracketed apposition is the item's own alias."""

    def joined(item: Token) -> bool:
        bracketed = item.doc[item.left_edge.i - 1].text == "("
        return item.dep_ == "conj" or (item.dep_ == "appos" and not bracketed)

    first = token
    while joined(first) and first.head.i < first.i:
        first = first.head
    items, todo = [], [first]
    while todo:
        item = todo.pop()
        items.append(item)
        todo += [c for c in item.children if c.i > item.i and joined(c)]
    return items


# Verbs whose "to" leads to a place: "deported to X", "flew to X".
MOTION_VERBS = {"deport", "extradite", "travel", "fly", "return", "send", "transfer", "move"}
MOTION_VERBS |= {"sail", "ship", "smuggle", "drive", "head", "relocate", "flee", "escape"}
# Nouns a place's name follows: "the town of X".
PLACE_NOUNS = {"town", "city", "village", "state", "province", "region", "municipality", "county"}
PLACE_NOUNS |= {"department", "island", "port", "capital", "community", "neighborhood"}

# Words that name a body's local unit by its place: "Coast Guard Sector San Juan".
UNIT_WORDS = {"sector", "district", "station", "region", "division", "branch"}


def with_joined_names(found: list[tuple[Span, str, bool]]) -> list[tuple[Span, str, bool]]:
    """ "U.S. Immigration" cut before "and Customs Enforcement": where the text goes on with a
    body's full name, found elsewhere in it, the mention is that name."""
    fuller = {span.text for span, label, _ in found if label == ORG and " and " in span.text}
    out = []
    for span, label, headline in found:
        if label == ORG:
            text = text_of(span.doc)
            for name in fuller:
                if name.startswith(span.text + " and ") and text.startswith(name, span.start_char):
                    longer = span.doc.char_span(span.start_char, span.start_char + len(name))
                    span = longer if longer is not None else span
                    break
            else:
                span = with_acronym_continuation(span)
        out.append((span, label, headline))
    return out


def with_acronym_continuation(span: Span) -> Span:
    """ "[U.S. Immigration] and Customs Enforcement (ICE)": the words up to an acronym whose
    letters are their initials are the rest of the name."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].lower_ != "and":
        return span
    end = span.end + 1
    while end < len(doc) and end - span.end < 6 and doc[end].is_title:
        end += 1
    if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
        return span
    words = [t.text for t in doc[span.start : end] if t.is_title and t.is_alpha]
    if "".join(w[0] for w in words) != doc[end + 1].text:
        return span
    return doc[span.start : end]


# Last words of a body's name joined by "and": "Air and Marine Operations".
AND_HEADS = ORG_HEADS | {"operations", "branch", "enforcement", "protection", "services"}


def with_and_continuation(span: Span) -> Span:
    """ "[CBP Air] and [Marine Operations]": a name the model split at its "and", where what
    follows ends in a body's head word and what comes before does not."""
    doc = span.doc
    last = span[-1]
    if last.is_upper or last.lower_ in AND_HEADS or last.lemma_.lower() in ORG_NOUNS:
        return span
    # "[Bureau of Alcohol, Tobacco, Firearms], and Explosives": a list of what the body is of
    listing = any(t.text == "," for t in span) and any(t.lower_ == "of" for t in span)
    and_at = span.end + (listing and span.end < len(doc) and doc[span.end].text == ",")
    if and_at + 1 >= len(doc) or doc[and_at].lower_ != "and":
        return span
    end = and_at + 1
    while end < len(doc) and end - and_at <= 4 and doc[end].is_title:
        end += 1
    if end > and_at + 1 and (listing and end == and_at + 2 or doc[end - 1].lower_ in AND_HEADS):
        return doc[span.start : end]
    return span


def split_bodies(span: Span) -> list[Span]:
    """ "[X Conservation Service and Y Farm Agency]": two bodies the model took for one, when
    what comes before "and" ends in a body's head word and what follows names one too; not
    "Department of Health and Human Services" or "Air and Marine Operations"."""
    for token in span[2:-2]:
        before, after = span.doc[span.start : token.i], span.doc[token.i + 1 : span.end]
        if (
            token.lower_ == "and"
            and before[-1].lower_ in AND_HEADS
            and after[0].is_title
            and any(t.lower_ in ORG_HEADS for t in after)
        ):
            return [before, after]
    return [span]


def with_country(span: Span) -> Span:
    """ "U.S." + "District Court": the country the model left out of a body's name."""
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    if (
        before is not None
        and before.ent_type_ == "GPE"
        and before.text in {"U.S.", "US", "States"}
        and not before.whitespace_.count("\n")
        and span[0].is_title
    ):
        return doc[entity_start(before) : span.end]  # ("United States" is two tokens)
    if (
        before is not None
        and span[0].text == "Republic"
        and before.is_title
        and territory(f"{before.text} Republic")
    ):
        return doc[before.i : span.end]  # "Dominican" + "Republic Navy": the country's navy
    return span


def with_legal_form(span: Span) -> Span:
    """ "Wise Media" + ", LLC": the legal form after a comma is part of the company's name."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        form = doc[span.end + 1]
        if form.text.rstrip(".").lower() in LEGAL_FORMS and not form.is_lower:
            end = span.end + 2 + (span.end + 2 < len(doc) and doc[span.end + 2].text == ".")
            return doc[span.start : end]
    return span


def with_untagged_rest(span: Span) -> Span:
    """ "[Cartel de Roe] Nueva Generacion,": capitalised words the model left untagged between
    a body's name and the punctuation that ends it are the rest of the name."""
    doc = span.doc
    end = span.end
    while (
        end < len(doc)
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
        and not doc[end].ent_type_
        and doc[end].lower_ not in TITLES
        and not doc[end - 1].whitespace_.count("\n")
    ):
        end += 1
    if end == span.end or end - span.end > 3 or (end < len(doc) and not doc[end].is_punct):
        return span
    return doc[span.start : end]


def with_unit_number(span: Span) -> Span:
    """ "7th" + "Fleet", "Destroyer Squadron" + "15": a body's ordinal, and a unit's number, are
    part of its name."""
    doc = span.doc
    start, end = span.start, span.end
    if start > 0 and re.fullmatch(r"\d{1,3}(st|nd|rd|th)", doc[start - 1].text):
        start -= 1  # "1st District Court of Appeal", "82nd Airborne Division"
    if span[-1].lower_ not in MILITARY_UNITS:
        return doc[start:end]
    if end < len(doc) and doc[end].like_num and doc[end].text.isdigit() and len(doc[end]) < 4:
        end += 1
    return doc[start:end]


def placed_units(doc: Doc) -> list[Span]:
    """ "Sector San Juan", "Station Key West": a service's local unit named by its place, where
    no body's name comes before it ("Coast Guard Sector X" is with_field_unit's)."""
    found = []
    for ent in doc.ents:
        unit = doc[ent.start - 1] if ent.start else None
        if (
            ent.label_ == "GPE"
            and unit is not None
            and unit.lower_ in {"sector", "station"}
            and unit.is_title
            and not unit.ent_type_
            and (unit.i == 0 or not doc[unit.i - 1].is_title)
        ):
            found.append(doc[unit.i : ent.end])
    return found


def with_field_unit(span: Span) -> Span:
    """A body, a unit word and a place are one body: "Coast Guard" + "Sector" + "San Juan"."""
    doc = span.doc
    unit = doc[span.end] if span.end < len(doc) else None
    if unit is None or unit.lower_ not in UNIT_WORDS or not unit.is_title:
        return span
    end = span.end + 1
    while end < len(doc) and doc[end].ent_type_ == "GPE" and doc[end].is_title:
        end += 1
    return doc[span.start : end] if end > span.end + 1 else span


def is_an_office(phrase: Token) -> bool:
    """An apposition that is an office, whatever the parser took for its head: "Director of
    the FTC's Bureau of X", "the Bureau of Y's assistant secretary" (not a clause that names
    one: "a cartel that began in the state of Z")."""
    doc = phrase.doc
    tokens = doc[phrase.left_edge.i : phrase.right_edge.i + 1]
    first = next((t for t in tokens if t.pos_ != "DET"), None)
    if first is not None and first.i < phrase.i and first.lower_ in OFFICE_WORDS:
        # The office opens the phrase the parser headed elsewhere: "Director of the ...".
        return first.i + 1 < len(doc) and doc[first.i + 1].lower_ == "of"
    for token in tokens:
        if token.pos_ in {"VERB", "AUX"}:
            return False
        if token.tag_ == "POS":
            last = token.i
            while last + 1 < tokens.end and doc[last + 1].pos_ in {"ADJ", "NOUN", "PROPN"}:
                last += 1
            return last > token.i and doc[last].lemma_.lower() in PERSON_NOUNS
    return False


def nouns_beside(span: Span) -> list[str]:
    """Common nouns next to a mention: "the Spanish newspaper X", "X gang", "X, a cartel"."""
    doc = span.doc
    nouns = [t.lemma_.lower() for t in doc[max(0, span.start - 3) : span.start] if t.pos_ == "NOUN"]
    if span.end < len(doc) and doc[span.end].pos_ == "NOUN":
        nouns.append(doc[span.end].lemma_.lower())
    if span.end + 1 < len(doc) and doc[span.end].lower_ in {"street", "prison"}:
        nouns.append(doc[span.end + 1].lower_)  # "the X street gang"
    if span.end + 2 < len(doc) and doc[span.end].lower_ == "and":
        # "the Rio and Delta cartels": the head noun after the second name is this one's too.
        j = span.end + 1
        while j < min(len(doc), span.end + 5) and doc[j].is_title:
            j += 1
        if j < len(doc) and doc[j].pos_ == "NOUN":
            j += 1  # "Rio and Delta cartels" (lower case) as well as "Rio and Delta Cartels"
        if j > span.end + 2:
            nouns.append(re.sub(r"s$", "", doc[j - 1].lower_))
    first = span.root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if first is not span.root:
        # "companies including X, Y and Z": the noun before a list is each item's.
        start = first.left_edge.i
        nouns += [t.lemma_.lower() for t in doc[max(0, start - 3) : start] if t.pos_ == "NOUN"]
    nouns += [c.lemma_.lower() for c in span.root.children if c.dep_ == "appos"]
    if span.root.dep_ == "appos":
        nouns.append(span.root.head.lemma_.lower())
    return nouns


def without_inner_bodies(found: list[tuple[Span, str, bool]]) -> list[tuple[Span, str, bool]]:
    """Drop a body's mention inside a longer one ("Marine Operations" in "CBP Air and Marine
    Operations", once that name was joined)."""
    bodies = [(s.start, s.end) for s, label, _ in found if label == ORG]
    return [
        (span, label, headline)
        for span, label, headline in found
        if label != ORG
        or not any(a <= span.start and span.end <= b and b - a > len(span) for a, b in bodies)
    ]


def joined_people(doc: Doc) -> list[Span]:
    """The model's entities, with two people it tagged side by side made one: "Maria Consuelo"
    + "Porras Argueta" is one person with a compound surname, not two; and a body's head cut
    from what it is of: "[the U.S. Department] of [the Treasury's Office of X]"."""
    out: list[Span] = []
    for ent in doc.ents:
        last = out[-1] if out else None
        if (
            last is not None
            and ent.label_ == last.label_ == "PERSON"
            and ent.start == last.end
            and "\n" not in doc[last.end - 1].whitespace_
        ):
            out[-1] = Span(doc, last.start, ent.end, label="PERSON")
        elif last is not None and ent.label_ == last.label_ == "ORG" and is_of_body(last, ent):
            out[-1] = Span(doc, last.start, ent.end, label="ORG")
        else:
            out.append(ent)
    return out


def is_of_body(head: Span, rest: Span) -> bool:
    """Whether `rest` is what the body `head` is of: "Ministry" + "of" + "(the) Interior"."""
    doc = head.doc
    between = [t.lower_ for t in doc[head.end : rest.start]]
    return (
        between in (["of"], ["of", "the"])
        and head[-1].lower_ in {"department", "ministry"}
        and not any(t.lower_ == "of" for t in head)
    )


def collect_mentions(doc: Doc) -> list[tuple[Span, str, bool]]:
    """Cleaned (span, label, in_headline) for every candidate entity, nicknames included."""
    headlines = headline_ranges(text_of(doc))

    def in_headline(span: Span) -> bool:
        return any(a <= span.start_char < b for a, b in headlines)

    found: list[tuple[Span, str, bool]] = []
    taken: set[int] = set()
    for ent in doc.ents:
        taken.update(range(ent.start, ent.end))
    for ent in joined_people(doc):
        if ent.label_ not in CANDIDATE_LABELS:
            continue
        span = clean_mention(ent, ent.label_)
        if span is None:
            continue
        span, label = split_office(span, ent.label_)
        if (
            is_not_an_actor(span)
            or ends_in_a_title(span, label)
            or (label == PERSON and is_a_category(span))
        ):
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
            if ends_in_a_title(span, label):
                continue  # "Civilian" + "Deputy": the model tagged part of an office
        if label == ORG:
            span = with_legal_form(with_field_unit(with_unit_number(with_country(span))))
            span = with_and_continuation(span)
            if not in_headline(span):
                span = with_untagged_rest(span)
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        if nxt is not None and nxt.is_title and nxt.lower_ in ORG_HEADS and span.end not in taken:
            # "Federal Aviation" + "Administration": the model stopped one word short.
            span, label = span.doc[span.start : span.end + 1], ORG
        elif (
            label == ORG
            and nxt is not None
            and nxt.text == "General"
            and span[-1].lower_ in GENERAL_OFFICES
            and span.end not in taken
        ):
            # "the Office of the Attorney" + "General": the model cut the office's name in two
            span = span.doc[span.start : span.end + 1]
        elif nxt is not None and nxt.lower_ == "cartel" and span.root.head.i == nxt.i:
            # "the Roe cartel": news write a cartel's name with its head noun in lower case
            span, label = span.doc[span.start : span.end + 1], ORG
        if span[-1].text == "administration" and len(span) > 1:
            # "the Lopez administration": a mention of the person who leads it.
            span = span.doc[span.start : span.end - 1]
            found.append((span, PERSON, in_headline(span)))
            continue
        for part in split_bodies(span) if label == ORG else [span]:
            found.append((part, label, in_headline(part)))
    found += [(span, ORG, in_headline(span)) for span in placed_units(doc)]
    found = without_inner_bodies(found)
    found = with_joined_names(found)
    found += [(span, ORG, in_headline(span)) for span in head_noun_orgs(doc, taken)]
    found += [(span, ORG, in_headline(span)) for span in named_groups(doc, taken)]
    found += [(span, ORG, in_headline(span)) for span in field_offices(doc, taken)]
    found += [(span, PERSON, in_headline(span)) for span in titled_surnames(doc, taken)]
    for span, label in byline_names(doc):
        # A byline looks like a headline line; its author is named there and nowhere else.
        found = [f for f in found if f[0].end <= span.start or f[0].start >= span.end]
        found.append((span, label, False))
    ships = ship_names(text_of(doc))
    return [f for f in found if name_key(f[0].text) not in ships] if ships else found
