"""Full-text search of statements and sources, with text folded the way people type it.

PostgreSQL searches the stored search vectors (ranked where asked); SQLite its FTS5 tables
(sources/migrations/0007), or, where its library lacks FTS5, LIKE conditions of the same
web-search syntax.

Documents use non-breaking hyphens, en dashes, curly quotes and no-break spaces; people type
ASCII. Both sides are folded: the stored text (PostgreSQL: inside the stored search vectors,
sources/migrations/0005; SQLite: each such character in `q` matches any one character) and
the query. A hyphen or dash becomes a space, so "law-enforcement", "law‑enforcement" and
"law enforcement" all meet.
"""

import functools
import re
import sqlite3

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections
from django.db.models import BooleanField, Expression, F, FloatField, Lookup, Q, Value
from django.db.models.functions import Cast

SEARCH_CONFIG = "english"
# sources/migrations/0005 stores the folded vector of each statement and each source in a
# generated column with a GIN index; SQLite searches the same fields.
STATEMENT_VECTOR = ("text",)
SOURCE_VECTOR = ("title", "text")
# A statement search ranks by relevance only the newest matches (by id), so that a frequent
# word costs no more than a rare one: ranking every match reads and sorts each of them (600 ms
# for a word in 12% of a million statements).
RANKED_MATCHES = 1000
# SQLite: from this many matches on, a list walks its own index and probes the matches; below
# it, it reads the matches and sorts them. At 100,000 statements, 2,600 matches cost 10.5 ms
# read and sorted against 2.0 ms probed, 3 matches 0.04 against 16 ms (every row probed).
PROBE_MATCHES = 1000

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


def alternatives(value: str) -> list[list[tuple[bool, str]]]:
    """`q` folded and parsed in web-search syntax: alternatives (`or`) of terms, each a word or
    "phrase" that must appear, or must not (negated: -word)."""
    groups, terms = [], []
    for negated, phrase, word in _TERM.findall(fold_query(value)):
        if word.lower() == "or":
            groups.append(terms)
            terms = []
            continue
        if word:
            negated, phrase = ("-", word[1:]) if word.startswith("-") else ("", word)
        phrase = phrase.strip()
        if phrase:
            terms.append((bool(negated), phrase))
    groups.append(terms)
    return [terms for terms in groups if terms]


def like_condition(fields, value: str) -> Q:
    """SQLite without FTS5: `q` as LIKE conditions on `fields` (ASCII case ignored), with the
    web-search syntax PostgreSQL reads: every word (or "phrase") must appear, -word must not,
    and `or` between terms means either."""
    condition = Q()
    for terms in alternatives(value):
        group = Q()
        for negated, phrase in terms:
            found = Q()
            for field in fields:
                found |= Q(Like(F(field), Value(like_pattern(phrase))))
            group &= ~found if negated else found
        condition |= group
    return condition


@functools.cache
def sqlite_has_fts5() -> bool:
    """Whether this process's SQLite library has FTS5, asked once: every connection of the
    process uses the same library (sources/migrations/0007 asks the same when it runs)."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()
    return True


def fts_phrase(phrase: str) -> str | None:
    """A term as an FTS5 string (a phrase of its tokens); None if it has no word to find,
    which PostgreSQL's websearch_to_tsquery leaves out too."""
    if not any(char.isalnum() for char in phrase):
        return None
    return '"' + phrase.replace('"', '""') + '"'


class FTSMatch(Expression):
    """`pk IN (the rowids of the table's FTS5 table that match)` (SQLite). With `probe`, `+pk`:
    SQLite then walks the list's own index in order and looks each row up in the matches,
    instead of reading every match and sorting them all."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, table: str, expression: str, *, probe: bool):
        super().__init__()
        self.table, self.expression, self.probe = table, expression, probe

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        pk = f"{'+' if self.probe else ''}{alias}.{connection.ops.quote_name('id')}"
        fts = f"{self.table}_fts"  # from the model's table name, not from the request
        sql = f"{pk} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)"  # noqa: S608
        return sql, [self.expression]


def _many_matches(table: str, expression: str, using: str) -> bool:
    """Whether at least PROBE_MATCHES rows match: counting stops there (0.1 ms at most)."""
    fts = f"{table}_fts"
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {fts} WHERE {fts} MATCH %s LIMIT %s)",  # noqa: S608
            [expression, PROBE_MATCHES],
        )
        return cursor.fetchone()[0] >= PROBE_MATCHES


def fts_condition(table: str, value: str, using: str) -> Q:
    """SQLite with FTS5: `q` as a MATCH of the FTS5 table of `table` (sources/migrations/0007),
    with the web-search syntax: `(a AND "b c") NOT (d OR e) OR (f)`. An alternative of only
    -words, which FTS5 cannot say on its own, is a NOT IN of their matches."""
    matched, condition = [], Q()
    for terms in alternatives(value):
        wanted = [fts_phrase(p) for negated, p in terms if not negated]
        unwanted = [fts_phrase(p) for negated, p in terms if negated]
        wanted, unwanted = list(filter(None, wanted)), list(filter(None, unwanted))
        if wanted:
            expression = "(" + " AND ".join(wanted) + ")"
            if unwanted:
                expression += " NOT (" + " OR ".join(unwanted) + ")"
            matched.append(expression)
        elif unwanted:
            condition |= ~Q(FTSMatch(table, " OR ".join(unwanted), probe=True))
    if matched:
        expression = " OR ".join(matched)
        condition |= Q(FTSMatch(table, expression, probe=_many_matches(table, expression, using)))
    # Nothing to find (only punctuation): PostgreSQL finds no row either.
    return condition if condition else Q(pk__in=[])


class StoredVector(Expression):
    """A tsvector column of the query's base table that is not a model field (PostgreSQL)."""

    def __init__(self, column: str = "search_vector"):
        super().__init__(output_field=SearchVectorField())
        self.column = column

    def as_sql(self, compiler, connection):
        # The base table's alias, which is "U0" when the query is a subquery.
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(self.column)}", []


def full_text(queryset, fields, value: str):
    """Rows whose `fields` match `value`: full-text search of the table's stored vector of
    `fields` on PostgreSQL, of its FTS5 table on SQLite (both stemmed, English); where SQLite
    lacks FTS5, LIKE conditions of the same syntax, ignoring ASCII case. Hyphens, dashes,
    quotes and spaces are folded on both sides."""
    value = value.strip()
    if not value:
        return queryset
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        return queryset.alias(search=StoredVector()).filter(search=search_query(value))
    if vendor == "sqlite" and sqlite_has_fts5():
        return queryset.filter(fts_condition(queryset.model._meta.db_table, value, queryset.db))
    return queryset.filter(like_condition(fields, value))


def ranked_newest(queryset, matches, value: str):
    """`queryset` cut to the newest RANKED_MATCHES rows of `matches` (a filtered copy of it),
    ordered by their relevance to `value`; `matches` itself on SQLite, which cannot rank.

    The newest matches by id are a backward walk of the primary key for a frequent word and
    the GIN index for a rare one: bounded either way.
    """
    if connections[matches.db].vendor != "postgresql":
        return matches
    newest = matches.order_by("-pk").values("pk")[:RANKED_MATCHES]
    # float8, so that a rank in a cursor compares equal to the one in the table.
    rank = Cast(SearchRank(StoredVector(), search_query(value)), FloatField())
    return queryset.filter(pk__in=newest).annotate(rank=rank).order_by("-rank")
