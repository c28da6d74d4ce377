"""Search text the way people type it: hyphens, dashes, quotes and spaces folded alike.

Documents use non-breaking hyphens, en dashes, curly quotes and no-break spaces; people type
ASCII. Both sides are folded: the stored text (PostgreSQL: inside the stored search vectors,
sources/migrations/0005; SQLite: each such character in `q` matches any one character) and
the query. A hyphen or dash becomes a space, so "law-enforcement", "law‑enforcement" and
"law enforcement" all meet.
"""

import re

from django.contrib.postgres.search import SearchQuery
from django.db.models import F, Lookup, Q, Value

SEARCH_CONFIG = "english"

HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
APOSTROPHES = "'\u2018\u2019\u201a\u201b\u2032\u02bc"
QUOTES = '"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb'
SPACES = (
    " \u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\t\r\n"
)
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width characters and the soft hyphen

# The stored side: every hyphen and dash a space (stored text has no query syntax to keep).
STORED_FROM = HYPHENS[1:] + APOSTROPHES[1:] + QUOTES[1:] + SPACES[1:] + "-" + INVISIBLE
STORED_TO = (
    " " * (len(HYPHENS) - 1)
    + "'" * (len(APOSTROPHES) - 1)
    + '"' * (len(QUOTES) - 1)
    + " " * (len(SPACES) - 1)
    + " "
)
_STORED = str.maketrans(STORED_FROM[: len(STORED_TO)], STORED_TO, INVISIBLE)
_QUERY = str.maketrans(
    HYPHENS[1:] + APOSTROPHES[1:] + QUOTES[1:] + SPACES[1:],
    "-" * (len(HYPHENS) - 1)
    + "'" * (len(APOSTROPHES) - 1)
    + '"' * (len(QUOTES) - 1)
    + " " * (len(SPACES) - 1),
    INVISIBLE,
)
# A hyphen inside a word joins two words; elsewhere ("-word") it is the query's "not".
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def fold_stored(text: str) -> str:
    """Stored text as the search vectors see it: what translate() does in the SQL of
    sources/migrations/0005, in Python."""
    return text.translate(_STORED)


def fold_query(value: str) -> str:
    """`q` folded like the stored text, keeping its syntax: "phrases", -word, or."""
    return _INNER_HYPHEN.sub(" ", value.translate(_QUERY)).strip()


def search_query(value: str) -> SearchQuery:
    """PostgreSQL: `q` in web-search syntax, folded."""
    return SearchQuery(fold_query(value), config=SEARCH_CONFIG, search_type="websearch")


class Like(Lookup):
    """`field LIKE pattern`: a pattern built here, with its own wildcards (SQLite)."""

    lookup_name = "like_pattern"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} LIKE {rhs} ESCAPE '\\'", (*lhs_params, *rhs_params)


_FOLDED = set(HYPHENS + APOSTROPHES + QUOTES + SPACES)


def like_pattern(phrase: str) -> str:
    """A LIKE pattern that finds `phrase` anywhere, any foldable character matching any one."""
    chars = ("_" if c in _FOLDED else "\\" + c if c in "%_\\" else c for c in phrase)
    return "%" + "".join(chars) + "%"


_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def like_condition(fields, value: str) -> Q:
    """SQLite: `q` as LIKE conditions on `fields` (ASCII case ignored), with the web-search
    syntax PostgreSQL reads: every word (or "phrase") must appear, -word must not, and `or`
    between terms means either."""
    alternatives, terms = [], []
    for negated, phrase, word in _TERM.findall(fold_query(value)):
        if word.lower() == "or":
            alternatives.append(terms)
            terms = []
            continue
        if word:
            negated, phrase = ("-", word[1:]) if word.startswith("-") else ("", word)
        phrase = phrase.strip()
        if phrase:
            terms.append((bool(negated), phrase))
    alternatives.append(terms)
    condition = Q()
    for terms in filter(None, alternatives):
        group = Q()
        for negated, phrase in terms:
            found = Q()
            for field in fields:
                found |= Q(Like(F(field), Value(like_pattern(phrase))))
            group &= ~found if negated else found
        condition |= group
    return condition
