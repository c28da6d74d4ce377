"""How well one record's names match a query string: matching features and a score of 0-100.

Every comparison is between folded keys (`name_key`: accents, case, punctuation and spacing
folded), so "Jose Marti" is "José Martí". docs/reconciliation.md says what the score means.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from rigour.names import remove_person_prefixes
from rigour.text.distance import jaro_winkler

# The project's name folding; the other modules of the service fold through this one.
from core.names import PARTICLES as NAME_PARTICLES
from core.names import name_key, surname_forms

# Scores of the kinds of name match, best first.
NAME_EXACT = 100
ALIAS_EXACT = 95
ACRONYM = 90
SURNAME = 80
# A partial match scores up to this much, by its similarity; below MIN_SCORE it is dropped.
PARTIAL = 70
MIN_SCORE = 35

# Ingestion's particles, and some more a spreadsheet's names carry ("Ali bin Salem").
PARTICLES = NAME_PARTICLES | {"la", "le", "al", "bin"}
LINKS = {"of", "and", "the", "for", "on", "in", "de", "des", "du"}
_ACRONYM = re.compile(r"(?:[A-Z]\.\s?){2,10}|[A-Z][A-Z0-9&]{1,9}")
# Acronyms this short are too close to one another for a fuzzy match to mean anything.
SHORT_ACRONYM = 5


@dataclass(frozen=True)
class QueryName:
    """A query string folded the ways it is compared."""

    text: str
    key: str
    # Without an honorific ("Dr. Ana Ruiz" -> "ana ruiz"), for people.
    person_key: str
    # The letters of a query written as an acronym ("F.B.I." -> "fbi"), else "".
    acronym: str

    @classmethod
    def of(cls, text: str) -> "QueryName":
        text = " ".join(text.split())
        acronym = text if _ACRONYM.fullmatch(text) else ""
        return cls(
            text=text,
            key=name_key(text),
            person_key=name_key(remove_person_prefixes(text)),
            acronym=re.sub(r"[^a-z0-9]", "", acronym.lower()),
        )

    def search_words(self) -> set[str]:
        """Words a candidate's folded names must contain one of (short words only when alone)."""
        words = {w for w in self.key.split() if len(w) >= 3}
        if self.acronym:
            words.add(self.acronym)
        return words or ({self.key} if self.key else set())


@dataclass(frozen=True)
class NameMatch:
    score: float
    # An exact match of the whole name or of an alias: the only kind that may be `match: true`.
    exact: bool
    features: dict


@lru_cache(maxsize=4096)
def surname_keys(key: str) -> frozenset[str]:
    """How a person named `key` (folded) is named by surname alone: "paul r hendricks jr" ->
    "hendricks"; "ana maria garcia lopez" -> "lopez", "garcia lopez"; "piet de vries" ->
    "vries", "de vries"."""
    if len(key.split()) < 2:
        return frozenset()
    return frozenset(surname_forms(key, PARTICLES))


@lru_cache(maxsize=4096)
def initials(key: str) -> str:
    """The acronym a folded name would make: "federal bureau of investigation" -> "fbi"."""
    return "".join(w[0] for w in key.split() if w not in LINKS)


def similarity(left: str, right: str) -> float:
    """0-1: Jaro-Winkler over the folded strings, or the share of words they have in common."""
    if not left or not right:
        return 0.0
    if left == right:
        return 1.0
    words_left, words_right = set(left.split()), set(right.split())
    overlap = len(words_left & words_right) / max(len(words_left), len(words_right))
    return max(jaro_winkler(left, right), overlap)


def match_names(
    query: QueryName, *, name: str, aliases: list[str], person: bool
) -> NameMatch | None:
    """The features and score of a record's folded name and aliases against `query`; None
    below MIN_SCORE."""
    keys = {query.key, query.person_key} if person else {query.key}
    compact = [name.replace(" ", ""), *(a.replace(" ", "") for a in aliases)]
    name_score = max(similarity(k, name) for k in keys)
    alias_score = max((similarity(k, a) for k in keys for a in aliases), default=0.0)
    if 0 < len(query.acronym) <= SHORT_ACRONYM:
        # "FBI" is the same name as "F.B.I."; a short acronym is someone's or no one's.
        name_score = 1.0 if compact[0] == query.acronym else 0.0
        alias_score = 1.0 if query.acronym in compact[1:] else 0.0
    acronym = bool(query.acronym) and any(
        initials(form) == query.acronym for form in [name, *aliases] if " " in form
    )
    surname = person and any(k in surname_keys(f) for k in keys for f in [name, *aliases])
    if name_score == 1.0:
        score, exact = NAME_EXACT, True
    elif alias_score == 1.0:
        score, exact = ALIAS_EXACT, True
    elif acronym:
        score, exact = ACRONYM, False
    elif surname:
        score, exact = SURNAME, False
    else:
        score, exact = round(PARTIAL * max(name_score, alias_score), 1), False
    if score < MIN_SCORE:
        return None
    features = {
        "name": round(name_score, 3),
        "alias": round(alias_score, 3),
        "acronym": acronym,
        "surname": surname,
    }
    return NameMatch(score=score, exact=exact, features=features)
