"""What a name's own words and neighbours say about it, before any voting: events, places,
ships and diseases that the model tags as people or organisations; bylines; organisation names
the model cut short or missed; a service name that only qualifies a rank.

Each rule answers for one mention (a spaCy span) and names only general English words.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from core.names import name_key
from sources.ingest.lexicon import DASH_MARKS, ORG_NOUNS, PORTFOLIOS, TITLES
from sources.ingest.org_kinds import ACRONYMS, INTELLIGENCE, LAW_ENFORCEMENT
from sources.ingest.places import territory
from sources.ingest.textnorm import text_of, token_texts, tokens

PERSON, ORG = "PERSON", "ORG"
LINKS = {"of", "the", "for", "and", "on"}
# Last words of names of places, buildings, events and documents: never a person or a body.
NOT_ACTOR_HEADS = {
    *("field", "stadium", "arena", "base", "palace", "airport", "park", "square", "street"),
    *("avenue", "bridge", "building", "port", "harbor", "harbour", "island", "islands"),
    *("conference", "summit", "games", "olympics", "cup", "championship", "exercise"),
    *("festival", "treaty", "agreement", "act", "accord", "convention", "protocol", "doctrine"),
    *("strategy", "plan", "initiative", "program", "programme", "award", "prize", "rally"),
}
# Words before a name that make it a storm, a ship or a vehicle, not an actor.
NOT_ACTOR_BEFORE = {
    *("hurricane", "storm", "typhoon", "cyclone", "tropical", "cutter", "uss", "hms", "usns"),
    *("usngc", "uscgc", "ship", "vessel", "frigate", "destroyer", "carrier", "mv", "rv"),
}
# Drugs, capitalised in lists of seizures ("100 kilograms of Heroin, Cocaine and Marijuana").
DRUGS = {
    *("heroin", "cocaine", "marijuana", "cannabis", "methamphetamine", "meth", "fentanyl"),
    *("opium", "ketamine", "mdma", "ecstasy", "crack", "carfentanil", "xylazine", "hashish"),
}
SHIP_PREFIXES = {"hms", "uss", "usns", "uscgc", "cutter", "arc", "ins", "hmcs", "hmas"}
# A ship's name after its prefix: "Cutter Harbour Star", "USS Lake Erie".
SHIP_NAME = re.compile(
    rf"\b(?i:{'|'.join(sorted(SHIP_PREFIXES))})\.? +((?:[A-Z][\w'’-]*)(?: [A-Z][\w'’-]*){{0,2}})"
)
SHIP_LIST = re.compile(
    r"\b(?:cutters|ships|vessels|destroyers|frigates) +((?:[A-Z][\w'’-]+)(?:(?:, | and |, and )"
    r"[A-Z][\w'’-]+){1,6})"
)
# A rank's service ("Navy Admiral", "Army Gen."): not an organisation by itself there.
SERVICES = {"army", "navy", "air force", "marines", "marine corps", "coast guard", "space force"}
SERVICES |= {"usa", "usn", "usaf", "usmc", "uscg", "ussf"}  # "USCG Rear Adm. Jane Roe"
OFFICE_WORDS = {
    *("press", "secretary", "spokesperson", "spokesman", "spokeswoman", "minister", "director"),
    *("commander", "president", "governor", "deputy", "ambassador", "attorney", "chairman"),
    *("chairwoman", "commissioner", "officer", "adviser", "advisor", "prosecutor", "senator"),
}
# Ratings that read like names ("Sonar Technician", "Mass Communication Specialist"): the
# model takes them for people or bodies; no body's name ends in one.
RATINGS = {"technician", "specialist"}
# Head nouns that make a "place" the model tagged a body: "the Gulf Cartel" (a facility?),
# "New York State Police" (a state?); not "Soviet Union" or "the Oval Office".
BODY_HEADS = {"cartel", "gang", "police", "department", "ministry", "agency", "organization"}
# Words that open an office but are no title alone: "Regional Administrator".
OFFICE_MODIFIERS = {"regional", "associate", "senior", "commanding"}
# Offices only a person holds: no body's name ends in one ("Associated Press" does in "press").
PERSONAL_OFFICES = (OFFICE_WORDS - {"press"}) | {"coordinator", "administrator"}
MEMBERS = re.compile(r"(smen|swomen|members)$", re.IGNORECASE)  # "Guardsmen"
# A service's members after its name: "[U.S. Army Reserve] Soldiers", "[Navy] Sailors".
MEMBER_NOUNS = {"soldiers", "sailors", "airmen", "troops", "personnel", "troopers"}
# Nouns after a name that make it an event: "the Army-Navy game".
DASHES = {",", "-", "\u2013", "\u2014"}
EVENT_NOUNS = {"game", "match", "rivalry", "series", "tournament", "race", "derby", "war"}
# Words that end a military or service unit's name, often before or after its number:
# "7th Fleet", "Destroyer Squadron 15", "Task Force 61", "11th District".
MILITARY_UNITS = {
    *("fleet", "squadron", "battalion", "regiment", "wing", "group", "team", "force"),
    *("division", "district", "sector", "flotilla", "detachment"),
}
ORG_HEAD_WORDS = {
    *("agency", "authority", "bureau", "commission", "committee", "council", "department"),
    *("ministry", "office", "command", "court", "division", "directorate", "administration"),
    *("tribunal", "secretariat", "prosecutor's", "unit", "cartel", "gang", "brigade", "corps"),
}
# An aircraft's or a weapon's model number: "HC-144", "MQ-9", "F-35", "UH-60".
MODEL_NUMBER = re.compile(r"^[A-Z]{1,4}-\d{1,4}[A-Z]?$")
BYLINE = re.compile(r"^By ([^\n]{3,80})$", re.MULTILINE)
# The line under a byline: "Roe File Staff Writer", "Roe Times Correspondent".
STAFF_LINE = re.compile(
    r"((?:[A-Z][\w.&'-]* ){1,5}?)(?:Staff Writer|Staff Reporter|Correspondent|Contributor) *$",
    re.MULTILINE,
)


# What a gang's name written like a model number ("MS-13") is followed by.
GANG_WORDS = {"gang", "street", "member", "clique", "leader"}
# Military bases and stations, named like bodies: places.
MILITARY_SITE = re.compile(
    r"(?:Fort|Camp|Joint Base|(?:Naval|Marine Corps|Coast Guard)(?: Air)? Station|Naval Base)\s"
    r"|.*\bAir (?:Force )?Base$"
)


def is_not_an_actor(span: Span) -> bool:
    """A storm, ship, place, event or document named like a person or organisation."""
    doc = span.doc
    last = span[-1].lower_
    if last in NOT_ACTOR_HEADS:
        return True
    if last == "district" and span.end < len(doc) and doc[span.end].lower_ == "of":
        return True  # "the Eastern District of Texas": a court's territory
    if span[0].lower_ in NOT_ACTOR_BEFORE and not any(t.lower_ in MILITARY_UNITS for t in span):
        return True  # "Destroyer Roe" is a ship; "Destroyer Squadron 15" a unit
    if len(span) == 1 and (last in DRUGS or span[0].pos_ == "ADV"):
        return True  # "Heroin" in a list of seizures; "Congressionally mandated"
    before = doc[span.start - 1].lower_ if span.start else ""
    if before in NOT_ACTOR_BEFORE:
        return True
    model = [t.text for t in doc[max(0, span.start - 1) : span.start + 1]]
    if (
        len(span) > 1
        and any(MODEL_NUMBER.match(text) for text in model)
        and not any(t.lower_ in ORG_HEAD_WORDS | MILITARY_UNITS for t in span)
    ):
        return True  # "an HC-144 Ocean Sentry aircraft", "the MQ-9 Reaper": a model's name
    after = doc[span.end] if span.end < len(doc) else None
    following = [t.lower_ for t in doc[span.end : span.end + 2]]
    if following[:1] and (following[0] in EVENT_NOUNS or following[-1] in EVENT_NOUNS):
        return True  # "the Army-Navy (football) game"
    if (
        after is not None
        and after.text == "!"
        and '"' in doc[max(0, span.start - 3) : span.start].text
    ):
        return True  # a chant: "Go Blue!"
    if span[0].tag_ == "VB" and span[0].is_title:
        return True  # a chant or a slogan: "Go Blue"
    previous = doc[span.start - 1] if span.start else None
    region = doc[span.end + 1] if span.end + 1 < len(doc) else None
    placed = region is not None and region.ent_type_ in {"GPE", "LOC"}
    if placed:  # "Teahupoo, Tahiti," - not "Jane Roe, Tampa commanding officer"
        end = region.i
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
            end += 1
        placed = end + 1 >= len(doc) or (doc[end + 1].is_punct and doc[end + 1].text != "-")
    if after is not None and after.text == "," and placed and span.root.ent_type_ != "ORG":
        return True  # "Teahupoo, Tahiti": a place and its country or region
    line_start = previous is None or previous.is_space or "\n" in previous.whitespace_
    if line_start and span.text.isupper() and after is not None and after.text in DASHES:
        return True  # a dateline: "SPRINGFIELD, Ill. -"
    if span.text.isupper() and in_dateline(span):
        return True  # "MIAMI (Apr. 26, 2019) --", "PORT ROE, FLA. (WXYZ) -"
    if (
        re.search(r"[A-Za-z]-?\d", span.text)
        and not re.search(r"\s", span.text)
        and not (after is not None and after.lemma_.lower() in GANG_WORDS)
    ):
        return True  # "COVID-19", "MQ-9": a disease or a model number (not "the MS-13 gang")
    if MILITARY_SITE.match(span.text) and len(span) > 1:
        return True  # "Fort Roe", "Naval Station Roeport": a base, a place
    if (
        len(span) == 1
        and span[0].is_title
        and all(t.is_punct for t in doc[span.sent.start : span.start])  # or opens a quote
    ):
        word = span[0].lower_
        if word in token_texts(doc) or span[0].pos_ == "NOUN":
            return True  # capitalised only to start a sentence: a common noun ("Fentanyl")
    described = [t for t in doc[span.end : span.end + 4] if not (t.is_punct or t.pos_ == "DET")]
    if (
        described
        and described[0].lemma_.lower() in NOT_ACTOR_HEADS
        and described[0].dep_ == "appos"
        and span.start <= described[0].head.i < span.end
    ):
        return True  # "Cope Thunder - an exercise", "X, a conference"
    if len(span) == 1 and span[0].lower_ in MEMBER_NOUNS:
        return True  # "the Soldiers", capitalised as the services write it
    return len(span) > 1 and bool(MEMBERS.search(span[-1].text))


def corrected_label(span: Span, label: str) -> str:
    """ORG for a "person" or a "place" whose last word is an organisation noun ("the Gulf
    Cartel" tagged a facility), and for a "person" that is an acronym."""
    if label not in {PERSON, ORG} and len(span) > 1 and span[-1].lemma_.lower() in BODY_HEADS:
        return ORG
    if label != PERSON:
        return label
    if span[-1].lemma_.lower() in ORG_NOUNS or span[-1].lower_ in ORG_NOUNS:
        return ORG
    if len(span) == 1 and span.text.isupper() and len(span.text) >= 4:
        return ORG  # "NORTHCOM": an acronym, not a surname
    return label


def in_dateline(span: Span) -> bool:
    """Whether `span` ends the capitals that open a line, before a bracket (a date or the
    station) and a dash: "MIAMI (Apr. 26, 2019) --", "PORT ROE, FLA. (WXYZ) -"."""
    doc = span.doc
    start = span.start
    while start > 0 and not doc[start - 1].is_space and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    if not all(t.is_upper or t.text == "," for t in doc[start : span.start]):
        return False
    i = span.end + (span.end < len(doc) and doc[span.end].text == ".")
    if i >= len(doc) or doc[i].text != "(":
        return False
    close = next((t for t in doc[i : i + 10] if t.text == ")"), None)
    return close is not None and close.i + 1 < len(doc) and doc[close.i + 1].text in DASH_MARKS


def ends_in_a_title(span: Span, label: str) -> bool:
    """A "person" that ends with an office word ("Admiralty Press") is part of a title, and so
    is a person or body that ends with a rating ("Sonar Technician").

    Only words that are never surnames: "King", "Bishop" or "Marshal" can be. A "body" that
    ends with the office a person holds ("the Federal Coordinating Officer") is a title too,
    unless it names the body the office belongs to ("Office of the Inspector General")."""
    last = span[-1].lower_
    if label == ORG and last in PERSONAL_OFFICES:
        return not any(t.lower_ == "of" or t.lower_ in ORG_HEAD_WORDS for t in span)
    return last in RATINGS or (label == PERSON and last in OFFICE_WORDS)


# Words between "an" and a category written like a name: "an alleged Specially Designated ...".
HEDGES = {"alleged", "suspected", "so-called", "reputed", "purported", "self-described"}


def is_a_category(span: Span) -> bool:
    """A "person" after "a"/"an" ("an alleged Specially Designated Global Terrorist") is a
    kind of person, not someone's name."""
    i = span.start - 1
    while i >= 0 and span.doc[i].lower_ in HEDGES:
        i -= 1
    return i >= 0 and span.doc[i].lower_ in {"a", "an"}


def trim_org(span: Span) -> Span:
    """Cut title words the model took into an organisation: "ACME Lima Division Special" |
    "Agent in Charge"."""
    doc = span.doc
    end = next((t.i for t in span[1:] if t.lower_ in SHIP_PREFIXES), span.end)  # "Navy HMS X"
    if end < len(doc) and doc[end].lower_ in TITLES:
        end = before_office(span, end)  # ("[X Agency Regional]" + "Administrator")
    if end - span.start > 1 and doc[end - 1].text.endswith(".") and doc[end - 1].lower_ in TITLES:
        end = before_office(span, end)  # "[USCG] Rear Adm.": a rank after the service's name
    while end - 1 > span.start and doc[end - 1].lower_ in MEMBER_NOUNS:
        end -= 1
    modified = end - span.start > 2 and doc[end - 2].lower_ in OFFICE_MODIFIERS
    if modified and doc[end - 1].lower_ in TITLES:
        end = before_office(span, end)  # "[U.S. Army South] Commanding General"
    if doc[end - 1].lower_ in PERSONAL_OFFICES and any(
        t.lower_ in ORG_HEAD_WORDS for t in doc[span.start : end - 1]
    ):
        # "[X Department of Corrections Officer]": the office of someone in the body; not
        # "Office of the [Attorney]", whose office names the body.
        end = before_office(span, end)
    for token in doc[span.start + 1 : end - 1]:
        # "the Ministry of Defense in Sana'a": where the body sits is not part of its name.
        body = doc[span.start : token.i]
        if token.lower_ == "in" and any(t.lower_ in ORG_HEAD_WORDS for t in body):
            place = doc[token.i + 1 : end]
            if all(t.pos_ == "PROPN" and t.lower_ not in ORG_HEAD_WORDS for t in place):
                return body
    # "[MS-13 gang]", "[Department of Justice immigration] judge": a lower-case noun the model
    # took in is no part of the name ("the Roe cartel" keeps it: "Roe" alone is a place).
    while end - 1 > span.start and doc[end - 1].is_lower and doc[end - 1].pos_ == "NOUN":
        if doc[end - 1].lemma_ in ORG_NOUNS and doc[end - 2].ent_type_ in {"GPE", "LOC"}:
            break
        end -= 1
    return doc[span.start : end]


def before_office(span: Span, end: int) -> int:
    """Where the body's name ends before the office words that end at `end`; `end` itself
    when the name would end with "of" or "the" ("Department of [Defense]" + "Spokesman": the
    name ends with its object)."""
    doc, whole = span.doc, end
    while end - 1 > span.start and doc[end - 1].lower_ in TITLES | OFFICE_MODIFIERS:
        end -= 1
    return whole if doc[end - 1].lower_ in {"of", "for", "the", "and"} else end


def cut_before_title(span: Span) -> bool:
    """ "Federal Trade" | "Commissioner": the model cut a body's name before the office word,
    and the rest of the name is missing."""
    doc = span.doc
    end = span.end
    while end < len(doc) - 1 and doc[end].is_title and doc[end].lower_ in PORTFOLIOS:
        end += 1  # "Panamanian Public" | "Security Minister": the office's object goes too
    return (
        len(span) > 1
        and end < len(doc)
        and doc[end].lower_ in TITLES
        # "Department of Defense | Spokesman" is whole: a head word in it says so
        and not any(t.lower_ in ORG_HEAD_WORDS | ORG_NOUNS | MILITARY_UNITS for t in span)
        and not span[-1].text.isupper()
    )


# Whose a body is, in names that keep their possessive: "People's Party", "Workers' Party",
# and the offices that give a court or an office its name ("Magistrate's Court", "Sheriff's
# Office", "Attorney General's Office").
COLLECTIVES = {"people", "peoples", "workers", "women", "citizens", "farmers", "students"}
COLLECTIVES |= {"children", "veterans", "magistrate", "magistrates", "sheriff", "attorney"}
COLLECTIVES |= {"attorneys", "general", "king", "queen"}


def after_possessive(span: Span) -> tuple[Span | None, Span]:
    """ "ACME's Reentry Division": (the parent, when it is a name; the unit after it)."""
    for token in span[:-1]:
        if token.i > span.start and span.doc[token.i - 1].lower_ in COLLECTIVES:
            continue  # "the Harbour People's Party": one name
        if token.tag_ == "POS" and token.i + 1 < span.end:
            parent = span.doc[span.start : token.i]
            named = len(parent) and all(t.text[:1].isupper() or t.lower_ in LINKS for t in parent)
            return (parent if named else None), span.doc[token.i + 1 : span.end]
    return None, span


def qualifies_a_rank(span: Span) -> bool:
    """ "Navy" in "U.S. Navy Admiral Jane Roe": a service named only as part of a rank, and a
    court in a judge's title."""
    doc = span.doc
    words = span.text.lower().replace("u.s. ", "").replace("us ", "")
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    # ("U.S. District Court Judge Jane Roe": a court named only in a judge's title)
    return (words in SERVICES and after in TITLES) or (
        span[-1].lower_ == "court" and after in {"judge", "justice", "magistrate"}
    )


def head_noun_orgs(doc: Doc, taken: set[int]) -> list[Span]:
    """Capitalised phrases ending in an organisation's head noun that the model did not tag:
    "Fisheries Division", "Appeals Court", "Veterans Services Division"."""
    found = []
    for token in tokens(doc):
        if token.lower_ not in ORG_HEAD_WORDS or not token.is_title or token.i in taken:
            continue
        start = token.i
        while (
            start > 0
            and start - 1 not in taken
            and doc[start - 1].is_title
            and doc[start - 1].is_alpha
            and doc[start - 1].lower_ not in TITLES
            and not doc[start - 1].is_sent_start
            and "\n" not in doc[start - 1].whitespace_
        ):
            start -= 1
        if start < token.i:
            found.append(doc[start : token.i + 1])
    return found


def field_offices(doc: Doc, taken: set[int]) -> list[Span]:
    """ "HSI Guatemala executed the operation": an agency's acronym and the place of its
    office, which the model left untagged (tagged, "FBI Miami" is a body already)."""
    found = []
    for token in tokens(doc)[:-1]:
        place = doc[token.i + 1]
        if (
            token.i not in taken
            and token.is_upper
            and ACRONYMS.get(token.lower_) in {LAW_ENFORCEMENT, INTELLIGENCE}
            and (
                (place.ent_iob_ == "B" and place.ent_type_ == "GPE")
                or (place.is_title and not place.ent_type_ and territory(place.text))
            )
        ):
            end = place.i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            found.append(doc[token.i : end])
    return found


# Lower-case head nouns news write after a group's name: "the Venezuelan Tren de Roe gang".
GROUP_NOUNS = {"gang", "militia"}
# Small words inside a Spanish or Portuguese name: "Tren de Roe", "Comando da Roe".
NAME_PARTICLES = {"de", "del", "la", "las", "los", "do", "da", "dos", "das"}


CODED_NAME = re.compile(r"[A-Z]{1,4}-?\d{1,3}")


def named_groups(doc: Doc, taken: set[int]) -> list[Span]:
    """A group's name the model left untagged before its lower-case head noun: "the Tren de
    Roe gang" gives "Tren de Roe" (a name alone that is a place, "the Roeville gang", not)."""
    found = []
    for noun in tokens(doc):
        if noun.lower_ not in GROUP_NOUNS or not noun.is_lower:
            continue
        start = end = noun.i
        if end > 0 and doc[end - 1].lower_ in {"street", "prison"}:
            start = end = end - 1  # "the Roe street gang"
        for word in reversed(doc[max(0, end - 6) : end]):
            name_word = word.is_title and word.is_alpha and word.lower_ not in TITLES
            # "the MS-13 gang": letters and a number, which the model calls a product
            coded = bool(CODED_NAME.fullmatch(word.text)) and word.ent_type_ in {"", "PRODUCT"}
            if (word.i in taken and not coded) or not (
                name_word or coded or word.lower_ in NAME_PARTICLES
            ):
                break
            start = word.i
            if word.is_sent_start:
                break
        while (
            start < end
            and not CODED_NAME.fullmatch(doc[start].text)
            and (
                not doc[start].is_title or doc[start].tag_ == "JJ" or doc[start].ent_type_ == "NORP"
            )
        ):
            start += 1  # a name opens with a capital, after "Venezuelan" and the like
        if start < end and doc[start].lower_ not in {"the", "a", "an"}:
            name = doc[start:end]
            if not territory(name.text):
                found.append(name)
    return found


# Titles written before a surname alone: "Director Roe said", "Gen. Roe".
SURNAME_TITLES = {
    *("president", "director", "secretary", "senator", "sen.", "rep.", "governor", "mayor"),
    *("minister", "commissioner", "chairman", "chairwoman", "judge", "ambassador", "gen."),
    *("adm.", "col.", "capt.", "cmdr.", "lt.", "sgt.", "maj.", "mr.", "mrs.", "ms.", "dr."),
    *("mr", "mrs", "ms", "dr", "sheriff", "prosecutor", "spokesperson", "spokesman"),
}


def titled_surnames(doc: Doc, taken: set[int]) -> list[Span]:
    """A name after a title that the model left untagged: "Director Roe noted that...",
    "Capt. Tyson Roe, commanding officer of ..." (the small model misses names it has not seen,
    most often in a sentence it parsed badly)."""
    found = []
    every = tokens(doc)
    for title in every[:-1]:
        if title.lower_ not in SURNAME_TITLES or not title.text[:1].isupper():
            continue
        end = title.i + 1
        if end + 1 < len(every) and every[end].lower_ == "of":
            # "Minister of Defense Jane Roe": the name after the office's object
            after = end + 1
            while after < len(every) and every[after].lower_ in PORTFOLIOS:
                after += 1
            if after == end + 1:
                continue
            title, end = every[after - 1], after
        while end < len(every) and end - title.i <= 3 and could_be_a_name(every[end], taken):
            end += 1
        after = every[end] if end < len(every) else None
        if end > title.i + 1 and (
            after is None or not (after.is_title or after.is_upper) or after.is_sent_start
        ):
            found.append(doc[title.i + 1 : end])
    return found


NOT_NAME_WORDS = TITLES | ORG_NOUNS


def could_be_a_name(token, taken: set[int]) -> bool:
    return (
        token.i not in taken
        and token.pos_ == "PROPN"
        and token.is_title
        and (token.is_alpha or re.fullmatch(r"[A-Z]\.", token.text) is not None)
        and token.lower_ not in NOT_NAME_WORDS
    )


def byline_names(doc: Doc) -> list[tuple[Span, str]]:
    """ "By Jane Roe" / "By Sgt. Jane Roe, Agency News" / "By Jane Roe and John Doe": the
    authors, people (or a newsroom); and the outlet of a staff line under it ("Roe File Staff
    Writer")."""
    found = []
    text = text_of(doc)
    for match in BYLINE.finditer(text):
        authors = re.split(r",| - | \u2013 ", match.group(1))[0]
        offset = match.start(1)
        for name in authors.split(" and "):
            found += byline_author(doc, offset, name.strip())
            offset += len(name) + len(" and ")
        staff = STAFF_LINE.match(text, match.end() + 1)
        if staff:
            outlet = doc.char_span(staff.start(1), staff.end(1) - 1, alignment_mode="expand")
            found += [(outlet, ORG)] if outlet is not None else []
    return found


def byline_author(doc: Doc, start: int, name: str) -> list[tuple[Span, str]]:
    span = doc.char_span(start, start + len(name), alignment_mode="expand")
    if span is None:
        return []
    first = span.start
    while first < span.end and doc[first].lower_ in TITLES | {"1st", "2nd", "class"}:
        first += 1
    span = doc[first : span.end]
    words = [t for t in span if t.is_alpha or re.fullmatch(r"[A-Z]\.", t.text)]
    if not 1 <= len(words) <= 4 or not all(t.text[:1].isupper() for t in span):
        return []
    label = ORG if span[-1].lower_ in {"news", "service", "press", "staff"} else PERSON
    return [(span, label)]


def ship_names(text: str) -> set[str]:
    """Folded names the text gives to ships, each with its shorter forms ("the Harbour Star's
    crew" after "Cutter Harbour Star"; "Harbour" from "Cutter Harbour Monday"): a name the text
    uses for a ship is not an organisation or a person anywhere in it."""
    names = set()
    found = [m.group(1) for m in SHIP_NAME.finditer(text)]
    for listed in SHIP_LIST.finditer(text):  # "the cutters Mohawk, Sherman and Stratton"
        found += re.split(r",? and |, ", listed.group(1))
    for name in found:
        words = name_key(name).split()
        names.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
        if "-" in name:  # "USS Minneapolis-Saint Paul": "Saint Paul" is the ship too
            names.update(name_key(part) for part in name.split("-"))
    return names
