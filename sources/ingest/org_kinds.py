"""What kind of body an organisation is, from the words of its name and the nouns around it.

The project's ten kinds (Organisation.Kind). A name's own words decide first ("Drug Enforcement
Administration", "Southern Command", "Gulf Clan Cartel"); then the nouns the text puts beside it
("the Spanish newspaper X", "X, a street gang"); then a short list of bodies known everywhere by
their acronym alone. Earlier rules win: "Enforcement" before "Administration", "Intelligence"
before "Agency", "University" before "International".
"""

from __future__ import annotations

import re
import unicodedata

GOVERNMENT, MILITARY, LAW_ENFORCEMENT = "government", "military", "law_enforcement"
INTELLIGENCE, PARTY, CRIMINAL = "intelligence", "political_party", "criminal_group"
NEWS, INTERNATIONAL, COMPANY, OTHER = "news_outlet", "international", "company", "other"

# (kind, words or phrases of a name), tried in this order against the folded name.
NAME_RULES: list[tuple[str, tuple[str, ...]]] = [
    (OTHER, ("university", "college", "school", "band", "club", "foundation")),
    (MILITARY, ("military academy", "naval academy", "air force academy", "joint chiefs")),
    (MILITARY, ("seal team",)),  # the Navy's special warfare units, numbered
    (
        CRIMINAL,
        ("cartel", "cartels", "carteles", "gang", "gangs", "mafia", "syndicate", "mob", "clan"),
    ),
    (CRIMINAL, ("guerrilla", "guerrillas", "militia", "terrorist", "al-qaeda", "al qaeda")),
    # Armed groups known everywhere by name alone, filed with criminal groups (NOTES).
    (CRIMINAL, ("islamic state", "isis", "isil", "daesh", "taliban", "al-shabaab", "boko haram")),
    (CRIMINAL, ("hamas", "hezbollah", "houthis", "houthi")),
    (CRIMINAL, ("liberation",)),  # "X Liberation Army/Front/Movement": armed rebels
    (NEWS, ("news", "newspaper", "times", "post", "journal", "herald", "tribune", "gazette")),
    (NEWS, ("press", "presse", "radio", "television", "tv", "broadcasting", "media", "noticias")),
    (NEWS, ("magazine", "daily", "channel", "wire", "voice of", "today")),
    (PARTY, ("party", "partido", "democrats", "republicans")),
    (INTERNATIONAL, ("united nations", "u.n.", "nato", "european union", "african union")),
    (INTERNATIONAL, ("international", "world", "interpol", "contact group", "inter-american")),
    (INTELLIGENCE, ("intelligence", "counterintelligence", "secret service", "espionage")),
    (LAW_ENFORCEMENT, ("police", "policia", "enforcement", "investigation", "marshals")),
    (LAW_ENFORCEMENT, ("coast guard", "border patrol", "customs", "prisons", "corrections")),
    (LAW_ENFORCEMENT, ("sheriff", "gendarmerie", "hostage rescue", "swat", "constabulary")),
    (LAW_ENFORCEMENT, ("investigations", "firearms", "diplomatic security")),
    (LAW_ENFORCEMENT, ("terrorism",)),  # "Joint Terrorism Task Force", "Counter Terrorism Dept."
    # Bodies named for the crime they fight ("Organised Crime Bureau", "Anti-Corruption
    # Commission"), before "Bureau" and "Commission" say government.
    (LAW_ENFORCEMENT, ("crime", "crimes", "corruption", "anti-corruption", "anti-graft")),
    (LAW_ENFORCEMENT, ("coastguard", "border force", "border guard", "garda", "carabinieri")),
    (MILITARY, ("army", "navy", "air force", "marine corps", "marines", "command", "forces")),
    (MILITARY, ("military", "brigade", "battalion", "regiment", "guard", "task force")),
    (MILITARY, ("armada", "fuerza", "ejercito", "fleet", "squadron", "special operations")),
    (MILITARY, ("infantry", "armored", "armoured", "cavalry", "artillery", "airborne")),
    (MILITARY, ("headquarters",)),  # "Defence Headquarters"; a police one says police first
    (COMPANY, ("inc", "corp", "corporation", "ltd", "llc", "plc", "gmbh", "company", "co")),
    (COMPANY, ("airlines", "holdings", "industries", "technologies", "petroleum", "oil")),
    (COMPANY, ("joint venture", "entertainment", "pictures", "enterprises")),
    (GOVERNMENT, ("department", "ministry", "ministerio", "office", "treasury", "agency")),
    (GOVERNMENT, ("administration", "commission", "court", "congress", "senate", "parliament")),
    (GOVERNMENT, ("assembly", "council", "cabinet", "government", "embassy", "bureau")),
    (GOVERNMENT, ("white house", "pentagon", "legislature", "tribunal", "secretariat")),
    (GOVERNMENT, ("federal", "authority", "service", "division", "directorate")),
    (GOVERNMENT, ("house of representatives", "house of commons", "subcommittee", "laboratory")),
    (GOVERNMENT, ("central bank", "reserve bank")),  # a country's bank, before "bank"
    (GOVERNMENT, ("national institute",)),  # "National Institute of Migration"
    (COMPANY, ("bank", "bancorp")),
]
# One word that says news: "NewsNation", "Euronews", "Newsweek".
NEWS_WORD = re.compile(r"^news\w{3,}$|^\w{3,}news$")
# Nouns the text puts beside a name: "the newspaper X", "X, a drug cartel", "X party".
CONTEXT_NOUNS = {
    "newspaper": NEWS,
    "outlet": NEWS,
    "network": NEWS,
    "broadcaster": NEWS,
    "channel": NEWS,
    "agency": GOVERNMENT,
    "ministry": GOVERNMENT,
    "department": GOVERNMENT,
    "court": GOVERNMENT,
    "gang": CRIMINAL,
    "cartel": CRIMINAL,
    "syndicate": CRIMINAL,
    "militia": CRIMINAL,
    "party": PARTY,
    "company": COMPANY,
    "firm": COMPANY,
    "corporation": COMPANY,
    "army": MILITARY,
    "command": MILITARY,
    # Armed groups, which the project files with criminal groups: "X militants", "X rebels",
    # "X dissidents", "criminals like X".
    **dict.fromkeys(
        ("militant", "insurgent", "rebel", "jihadist", "extremist", "terrorist"), CRIMINAL
    ),
    **dict.fromkeys(("dissident", "guerrilla", "paramilitary", "criminal"), CRIMINAL),
}
# Bodies known everywhere by their acronym alone, when the text never spells them out.
ACRONYMS = {
    **dict.fromkeys(
        ("fbi", "dea", "atf", "ice", "hsi", "cbp", "usms", "uscg", "interpol"), LAW_ENFORCEMENT
    ),
    **dict.fromkeys(("cia", "nsa", "dia", "mi5", "mi6", "mossad", "odni"), INTELLIGENCE),
    **dict.fromkeys(("un", "nato", "oas", "eu", "imf", "who", "osce", "asean"), INTERNATIONAL),
    **dict.fromkeys(("wto", "opec", "oecd", "iaea", "unicef", "unhcr"), INTERNATIONAL),
    **dict.fromkeys(("cnn", "bbc", "abc", "cbs", "nbc", "npr", "afp", "ap", "voa"), NEWS),
    **dict.fromkeys(("msnbc", "pbs", "wsj", "upi", "efe", "dpa", "reuters", "bloomberg"), NEWS),
    # The national news agencies that wire copy credits by acronym or one name.
    **dict.fromkeys(("ians", "pti", "aap", "ansa", "xinhua", "tass", "yonhap", "kyodo"), NEWS),
    **dict.fromkeys(("bernama", "anadolu", "irna", "pap", "ria"), NEWS),
    **dict.fromkeys(("dod", "doj", "dhs", "fda", "cdc", "ftc", "sec", "epa", "usaid"), GOVERNMENT),
}
# A unit named by its number: the armed forces number theirs ("2nd Marine Division"), and
# numbered courts, districts and precincts are said apart.
NUMBERED_UNIT = re.compile(r"^\d+(st|nd|rd|th) \w")
CIVIL_NUMBERED = {"court", "district", "precinct", "circuit", "congress", "assembly", "ward"}
COMBATANT_COMMAND = re.compile(r"^[a-z]{2,8}com$")  # NORTHCOM, CENTCOM, AFRICOM
GROUP_OF_COUNTRIES = re.compile(r"^g-?\d{1,2}$")  # the G7, the G-20
# A region's adjective before an organisation's head: a body of several countries.
REGIONAL = re.compile(
    r"\b(caribbean|european|african|asian|arab|nordic|pacific|andean|inter-american|"
    r"pan-american|pan american|latin american|central american|south american)\b.*\b("
    r"agency|community|union|bank|commission|court|organi[sz]ation|forum|council|parliament)\b"
)

# "Ministry of the Navy", "Department of Public Security": a ministry whatever it runs.
MINISTRY = re.compile(
    r"^(the )?(\w+ )?(ministry|department|secretariat|ministerio|secretaria) (of|de)\b"
)
# "House Rules Committee", "Senate Appropriations Subcommittee": a chamber's committee.
LEGISLATIVE_COMMITTEE = re.compile(r"^(house|senate)\b.*\b(sub)?committee$")


def fold(name: str) -> str:
    """Lower case, without accents ("Cártel" is "cartel"), with words and a few marks."""
    name = unicodedata.normalize("NFKD", name.replace("\u2019", "'").lower())
    name = "".join(c for c in name if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", re.sub(r"[^\w.'&\- ]+", " ", name)).strip()


# A company's legal form, last in its name: it outranks every other word ("X International
# Airlines SRL" is a company, not an international body).
LEGAL_FORMS = {"inc", "corp", "ltd", "llc", "plc", "gmbh", "srl", "sa", "sarl", "nv", "bv", "ag"}


def kind_from_name(name: str) -> str | None:
    """The kind the name's own words say, or None."""
    folded = fold(name)
    words = set(re.findall(r"[\w.&']+", folded)) | set(folded.replace(".", "").split())
    bare = folded.replace(".", "")
    if bare in ACRONYMS:
        return ACRONYMS[bare]
    if GROUP_OF_COUNTRIES.match(bare):
        return INTERNATIONAL
    if len(bare.split()) > 1 and bare.split()[-1] in LEGAL_FORMS:
        return COMPANY
    for word in bare.split():  # "FBI Lima Division": a known acronym inside the name
        if COMBATANT_COMMAND.match(word):
            return MILITARY
        if word in ACRONYMS and word.upper() in name.replace(".", ""):
            return ACRONYMS[word]
    if REGIONAL.search(folded):
        return INTERNATIONAL
    if NEWS_WORD.match(bare):
        return NEWS
    if LEGISLATIVE_COMMITTEE.match(bare) or MINISTRY.match(bare):
        return GOVERNMENT
    if NUMBERED_UNIT.match(bare) and not words & CIVIL_NUMBERED:
        return MILITARY  # "2nd Marine Division", "301st Quartermaster Company", "198th Army Band"
    for kind, cues in NAME_RULES:
        for cue in cues:
            if (" " in cue or "." in cue) and re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", folded):
                return kind
            if cue in words:
                return kind
    return None


def organisation_kind(names: list[str], context_nouns: list[str] = ()) -> str:
    """The kind of an organisation known by `names` (fullest first), with the nouns beside it."""
    for name in names:
        kind = kind_from_name(name)
        if kind:
            return kind
    for noun in context_nouns:
        if noun.lower() in CONTEXT_NOUNS:
            return CONTEXT_NOUNS[noun.lower()]
    return OTHER
