"""The API calls the benchmark times, each with the bare SQL that returns the same page of rows.

Needs a configured Django (django.setup()) over a database holding the synthetic corpus.
The bare SQL is what a hand-written query for an anonymous client costs: the same filter,
the same order, LIMIT 50, with the speaker, source, publisher and operations embedded.
"""

import json
from dataclasses import dataclass, field
from datetime import date

from django.db import connection

PAGE = 50
# Words of the generator's topic list: one drawn often, one rarely (see TOPICS there).
COMMON_WORD, RARE_WORD = "ceasefire", "census"
DATE_RANGE = (date(2021, 1, 1), date(2021, 3, 31))
RANKED_MATCHES = 1000  # sources.search.RANKED_MATCHES


@dataclass
class Case:
    name: str
    url: str
    sql: str
    params: list = field(default_factory=list)
    # How to compare the API's ids with the bare SQL's: "order" (same page) or "set".
    compare: str = "order"


def statement_sql(where: str = "", order: str = "") -> str:
    """One query for a page of statements as an anonymous client sees them.

    In the default order (newest said first) undated statements come last, as in the API:
    the dated ones by index order, then the undated ones, in one UNION ALL.
    """
    aggregate = "string_agg" if connection.vendor == "postgresql" else "group_concat"
    # Built from this module's constants only; values go in as parameters.
    select = f"""
        SELECT s.id, s.text, s.kind, s.said_on, s.span_start, s.span_end, s.review_status,
               s.cue, s.venue, s.created_at,
               p.id, p.name, o.id, o.name,
               src.id, src.title, src.published, pub.id, pub.name, pub.review_status,
               rep.id, rep.name, rep.review_status,
               (SELECT {aggregate}(op.id || ':' || op.name, '|')
                  FROM sources_statement_operations so
                  JOIN entities_operation op ON op.id = so.operation_id
                 WHERE so.statement_id = s.id AND op.review_status = 'verified') AS operations
          FROM sources_statement s
          LEFT JOIN entities_person p ON p.id = s.speaker_person_id
          LEFT JOIN entities_organisation o ON o.id = s.speaker_organisation_id
          JOIN sources_source src ON src.id = s.source_id
          LEFT JOIN entities_organisation pub ON pub.id = src.publisher_id
          LEFT JOIN entities_organisation rep ON rep.id = s.reported_by_id
         WHERE s.review_status = 'verified'
           AND (p.review_status = 'verified' OR o.review_status = 'verified')
           {where}
    """  # noqa: S608
    if order:
        return f"{select} ORDER BY {order} LIMIT {PAGE}"
    return (
        f"SELECT * FROM ({select} AND s.said_on IS NOT NULL "  # noqa: S608
        f"ORDER BY s.said_on DESC, s.id DESC LIMIT {PAGE}) dated UNION ALL "
        f"SELECT * FROM ({select} AND s.said_on IS NULL ORDER BY s.id DESC LIMIT {PAGE}) undated "
        f"LIMIT {PAGE}"
    )


def statement_case(name, url, where="", params=(), *, order="", compare="order") -> Case:
    """A statement list call; the default order's two segments take the parameters twice."""
    params = list(params) * (1 if order else 2)
    return Case(name, url, statement_sql(where, order), params, compare)


def scalar(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] if row else None


def top_speaker(rank: float = 0.0) -> int:
    """The verified person at `rank` (0 = who says most, 0.5 = the median) of those who speak."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT s.speaker_person_id, count(*) FROM sources_statement s
               JOIN entities_person p ON p.id = s.speaker_person_id
               WHERE p.review_status = 'verified'
               GROUP BY 1 ORDER BY 2 DESC, 1"""
        )
        rows = cursor.fetchall()
    return rows[int(rank * (len(rows) - 1))][0]


def build_cases(client) -> list[Case]:
    """The benchmark's calls with their bare SQL; `client` walks the list for the deep page."""
    speaker = top_speaker()
    typical = top_speaker(0.5)
    organisation = scalar(
        """SELECT r.organisation_id FROM entities_role r
           JOIN entities_organisation o ON o.id = r.organisation_id
           WHERE r.review_status = 'verified' AND o.review_status = 'verified'
           GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"""
    )
    operation = scalar(
        """SELECT so.operation_id FROM sources_statement_operations so
           JOIN entities_operation op ON op.id = so.operation_id
           WHERE op.review_status = 'verified'
           GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"""
    )
    # Materialised, as a client that first looks up the members would do; one IN list.
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT DISTINCT r.person_id FROM entities_role r
               JOIN entities_person rp ON rp.id = r.person_id
               WHERE r.organisation_id = %s AND r.review_status = 'verified'
                 AND rp.review_status = 'verified'""",
            [organisation],
        )
        members = [row[0] for row in cursor.fetchall()] or [0]
    cases = [
        statement_case("statements, no filter", "/api/statements/"),
        statement_case(
            "by speaker (top)",
            f"/api/statements/?speaker=person:{speaker}",
            "AND s.speaker_person_id = %s",
            [speaker],
        ),
        statement_case(
            "by speaker, plain id (top)",
            f"/api/statements/?speaker={speaker}",
            # Ids are per table: the organisation with the same id too, if there is one.
            "AND (s.speaker_person_id = %s OR s.speaker_organisation_id = %s)"
            if scalar("SELECT count(*) FROM entities_organisation WHERE id = %s", [speaker])
            else "AND s.speaker_person_id = %s AND %s > 0",
            [speaker, speaker],
        ),
        statement_case(
            "by speaker (median)",
            f"/api/statements/?speaker=person:{typical}",
            "AND s.speaker_person_id = %s",
            [typical],
        ),
        statement_case(
            "by organisation",
            f"/api/statements/?organisation={organisation}",
            "AND (s.speaker_organisation_id = %s OR s.speaker_person_id IN "
            f"({', '.join(['%s'] * len(members))}))",
            [organisation, *members],
        ),
        statement_case(
            "by operation",
            f"/api/statements/?operation={operation}",
            # The operation was picked among verified ones: no need to look at it again.
            """AND EXISTS (SELECT 1 FROM sources_statement_operations so
                           WHERE so.statement_id = s.id AND so.operation_id = %s)""",
            [operation],
        ),
        statement_case(
            "by date range (3 months)",
            f"/api/statements/?said_after={DATE_RANGE[0]}&said_before={DATE_RANGE[1]}",
            "AND s.said_on BETWEEN %s AND %s",
            DATE_RANGE,
        ),
        *(
            full_text_case(f"full text q ({kind} word)", word)
            for kind, word in (("common", COMMON_WORD), ("rare", RARE_WORD))
        ),
        deep_page_case(client),
        Case(
            "person detail",
            f"/api/people/{speaker}/",
            "SELECT * FROM entities_person WHERE id = %s AND review_status = 'verified'",
            [speaker],
        ),
    ]
    return cases


def full_text_case(name: str, word: str) -> Case:
    url = f"/api/statements/?q={word}"
    if connection.vendor != "postgresql":
        # SQLite's FTS5 table (sources/migrations/0007): a frequent word probed from the date
        # index (`+s.id`), a rare one read from the index and sorted (sources.search).
        probe = "+" if word == COMMON_WORD else ""
        fts = "SELECT rowid FROM sources_statement_fts WHERE sources_statement_fts MATCH %s"
        return statement_case(name, url, f"AND {probe}s.id IN ({fts})", [word])
    # The API's shape (sources/search.py): the newest RANKED_MATCHES visible matches by
    # id, ranked by the stored vector of sources/migrations/0004.
    query = "websearch_to_tsquery('english'::regconfig, %s)"
    newest = f"""AND s.id IN (
        SELECT s2.id FROM sources_statement s2
          LEFT JOIN entities_person p2 ON p2.id = s2.speaker_person_id
          LEFT JOIN entities_organisation o2 ON o2.id = s2.speaker_organisation_id
         WHERE s2.review_status = 'verified'
           AND (p2.review_status = 'verified' OR o2.review_status = 'verified')
           AND s2.search_vector @@ {query}
         ORDER BY s2.id DESC LIMIT {RANKED_MATCHES})"""  # noqa: S608
    return statement_case(
        name,
        url,
        newest,
        [word, word],  # the condition and the rank
        order=f"ts_rank(s.search_vector, {query}) DESC, s.id DESC",
        # Equal ranks tie: compare the page as a set of ids.
        compare="set",
    )


def deep_page_case(client, depth: int = 50_000) -> Case:
    """The page that starts `depth` rows into the unfiltered list, reached by following links."""
    url, seen = "/api/statements/?page_size=200", 0
    while seen < depth:
        data = json.loads(client.get(url).content)
        seen += len(data["results"])
        if not data["next"]:
            break
        url = data["next"].split("://", 1)[-1]
        url = url[url.index("/") :]
    url = url.replace("page_size=200", f"page_size={PAGE}")
    first = json.loads(client.get(url).content)["results"][0]
    return statement_case(
        f"deep page (row {seen:,})",
        url,
        # The keyset shape: the first condition is an index range, the second breaks ties.
        "AND s.said_on <= %s AND (s.said_on < %s OR s.id <= %s)",
        [first["said_on"], first["said_on"], first["id"]],
    )
