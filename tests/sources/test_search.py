"""Search folds hyphens, dashes, quotes and spaces alike in the text and in `q` (sources/search.py),
on SQLite and on PostgreSQL."""

import importlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sources import search
from sources.models import Source, Statement
from tests.factories import SourceFactory, VerifiedStatementFactory

STATEMENTS = "/api/statements/"
POSTGRESQL = connection.vendor == "postgresql"


def found(api_client, url, q) -> set[int]:
    response = api_client.get(url, {"q": q})
    assert response.status_code == 200, response.json()
    return {row["id"] for row in response.json()["results"]}


# (folding case, stored text, what a person types)
CASES = [
    (
        "non-breaking hyphen in the text",
        "a surgical law\u2011enforcement operation",
        "law-enforcement",
    ),
    (
        "non-breaking hyphen in the query",
        "a surgical law-enforcement operation",
        "law\u2011enforcement",
    ),
    ("hyphen typed as two words", "a surgical law\u2011enforcement operation", "law enforcement"),
    ("hyphen typed for a space", "a law enforcement action", "law-enforcement"),
    ("en dash between words", "a joint military\u2013police action", "military-police"),
    ("em dash between words", "the leaders\u2014including the minister", "leaders-including"),
    ("minus sign", "a score of 3\u22122 at the end", "3-2"),
    ("curly apostrophe in the text", "Venezuela\u2019s coast was hit", "Venezuela's coast"),
    ("curly apostrophe in the query", "Venezuela's coast was hit", "Venezuela\u2019s coast"),
    ("curly quotes make a phrase", "strikes on drug boats went on", "\u201cdrug boats\u201d"),
    ("guillemets make a phrase", "strikes on drug boats went on", "\u00abdrug boats\u00bb"),
    ("no-break space in a phrase", "strikes on drug\u00a0boats went on", '"drug boats"'),
    ("thin space in the query", "strikes on drug boats went on", '"drug\u2009boats"'),
    (
        "hyphen inside a quoted phrase",
        "a surgical law\u2011enforcement operation",
        '"law-enforcement operation"',
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "text", "q"), CASES, ids=[case for case, _, _ in CASES])
def test_statement_search_folds(api_client, case, text, q):
    match = VerifiedStatementFactory(text=text)
    VerifiedStatementFactory(text="Nothing to see here, officials said.")

    assert found(api_client, STATEMENTS, q) == {match.pk}


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "text", "q"), CASES[:4], ids=[case for case, _, _ in CASES[:4]])
def test_source_search_folds(api_client, case, text, q):
    match = SourceFactory(text=f"Officials spoke. {text}.")
    SourceFactory(text="Nothing to see here, officials said.")

    assert found(api_client, "/api/sources/", q) == {match.pk}


@pytest.mark.django_db
@pytest.mark.skipif(not POSTGRESQL, reason="SQLite matches characters, it cannot drop them")
def test_invisible_characters_in_the_text_are_dropped_on_postgresql(api_client):
    soft = VerifiedStatementFactory(text="the enforce\u00adment of the law")
    zero_width = VerifiedStatementFactory(text="a narco\u200bterrorism charge")

    assert found(api_client, STATEMENTS, "enforcement") == {soft.pk}
    assert found(api_client, STATEMENTS, "narcoterrorism") == {zero_width.pk}


@pytest.mark.django_db
def test_search_keeps_phrases_exclusions_and_or(api_client):
    boats = VerifiedStatementFactory(text="strikes on drug boats went on")
    cartels = VerifiedStatementFactory(text="boats of the cartels were seized")
    VerifiedStatementFactory(text="Nothing to see here, officials said.")

    assert found(api_client, STATEMENTS, '"drug boats"') == {boats.pk}
    assert found(api_client, STATEMENTS, '"boats drug"') == set()
    assert found(api_client, STATEMENTS, "boats -drug") == {cartels.pk}
    assert found(api_client, STATEMENTS, "boats \u2011drug") == {cartels.pk}
    assert found(api_client, STATEMENTS, "drug or cartels") == {boats.pk, cartels.pk}


def test_query_folding_keeps_the_syntax():
    assert search.fold_query("law\u2011enforcement") == "law enforcement"
    assert search.fold_query("\u201cdrug boats\u201d -Maduro\u2019s") == '"drug boats" -Maduro\'s'
    assert search.fold_query("drug\u00a0boats\u200b") == "drug boats"


def test_stored_folding_makes_hyphens_spaces_and_drops_invisible_characters():
    assert (
        search.fold_stored("law\u2011enforcement\u2014“war”\u00a0x\u00ad")
        == 'law enforcement "war" x'
    )


def test_like_pattern_escapes_wildcards_and_matches_any_folded_character():
    assert search.like_pattern("100%_off law-enforcement") == "%100\\%\\_off_law_enforcement%"


def test_migration_folds_as_the_search_module_does():
    # The migration freezes the table; a change to sources/search.py needs a new migration.
    migration = importlib.import_module("sources.migrations.0006_folded_search_vectors")
    assert (migration.FOLD_FROM, migration.FOLD_TO) == (search.STORED_FROM, search.STORED_TO)


@pytest.mark.django_db
@pytest.mark.skipif(not POSTGRESQL, reason="PostgreSQL's translate()")
def test_postgresql_folds_stored_text_as_fold_stored_does():
    migration = importlib.import_module("sources.migrations.0006_folded_search_vectors")
    every = search.HYPHENS + search.APOSTROPHES + search.QUOTES + search.SPACES + search.INVISIBLE
    text = f"{every} the law\u2011enforcement “raid”"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {migration.folded('%s')}", [text])
        assert cursor.fetchone()[0] == search.fold_stored(text)


# --- SQLite: the FTS5 tables of sources/migrations/0007 -----------------------------------

FTS5 = connection.vendor == "sqlite" and search.sqlite_has_fts5()
needs_fts5 = pytest.mark.skipif(not FTS5, reason="SQLite's FTS5 tables")


def fts_ids(table: str, expression: str) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s", [expression])  # noqa: S608
        return {row[0] for row in cursor.fetchall()}


def test_sqlite_index_replaces_the_characters_its_tokenizer_would_not_fold():
    migration = importlib.import_module("sources.migrations.0008_sqlite_full_text")
    assert set(migration.REPLACED) <= set(search.STORED_FROM)
    assert {char for char, to in migration.REPLACED.items() if not to} == set(search.INVISIBLE)


@pytest.mark.django_db
@needs_fts5
def test_sqlite_index_folds_every_character_as_postgresql_does(api_client):
    every = search.HYPHENS + search.APOSTROPHES + search.QUOTES + search.SPACES + search.INVISIBLE
    statements = {
        char: VerifiedStatementFactory(text=f"w{index}a{char}w{index}b said")
        for index, char in enumerate(every)
    }

    for char, statement in statements.items():
        q = '"' + search.fold_stored(statement.text).replace('"', " ") + '"'
        assert found(api_client, STATEMENTS, q) == {statement.pk}, repr(char)


@pytest.mark.django_db
@pytest.mark.skipif(POSTGRESQL, reason="SQLite's fallback")
def test_sqlite_without_fts5_falls_back_to_like_with_the_same_syntax(api_client, monkeypatch):
    monkeypatch.setattr(search, "sqlite_has_fts5", lambda: False)
    boats = VerifiedStatementFactory(text="strikes on drug\u00a0boats went on")
    cartels = VerifiedStatementFactory(text="boats of the cartels were seized")

    with CaptureQueriesContext(connection) as captured:
        assert found(api_client, STATEMENTS, '"drug boats"') == {boats.pk}
    assert not any("_fts" in query["sql"] for query in captured.captured_queries)
    assert found(api_client, STATEMENTS, "boats -drug") == {cartels.pk}
    assert found(api_client, STATEMENTS, "drug or cartels") == {boats.pk, cartels.pk}


@pytest.mark.django_db
@needs_fts5
def test_sqlite_index_follows_inserts_updates_and_deletes():
    statement = VerifiedStatementFactory(text="strikes on drug boats went on")
    source = statement.source
    assert fts_ids("sources_statement", "boats") == {statement.pk}

    statement.text = "the harbour was closed"
    statement.save()
    assert fts_ids("sources_statement", "boats") == set()
    assert fts_ids("sources_statement", "harbour") == {statement.pk}

    Statement.objects.filter(pk=statement.pk).update(text="a ceasefire held")
    assert fts_ids("sources_statement", "harbour") == set()
    assert fts_ids("sources_statement", "ceasefire") == {statement.pk}

    statement.delete()
    assert fts_ids("sources_statement", "ceasefire") == set()

    Source.objects.filter(pk=source.pk).update(title="Census results")
    assert fts_ids("sources_source", "census") == {source.pk}
    source.delete()
    assert fts_ids("sources_source", "census") == set()


@pytest.mark.django_db
@needs_fts5
def test_sqlite_search_reads_the_index_and_probes_it_for_frequent_words(monkeypatch):
    monkeypatch.setattr(search, "PROBE_MATCHES", 2)
    VerifiedStatementFactory(text="strikes on drug boats went on")
    VerifiedStatementFactory(text="the boats were seized")

    def page_sql(q: str) -> str:
        with CaptureQueriesContext(connection) as captured:
            list(Statement.objects.matching(q))
        return captured.captured_queries[-1]["sql"]

    # Two matches: the list's order leads and each row is looked up in the matches.
    assert '+"sources_statement"."id" IN (SELECT rowid FROM sources_statement_fts' in (
        page_sql("boats")
    )
    # One: the matches lead.
    assert '"sources_statement"."id" IN (SELECT rowid FROM sources_statement_fts' in (
        rare := page_sql("drug")
    )
    assert "+" not in rare.split("IN (SELECT rowid")[0][-30:]


@pytest.mark.django_db
def test_search_hides_what_the_client_may_not_see(api_client, viewer):
    shown = VerifiedStatementFactory(text="boats were seized")
    pending = VerifiedStatementFactory(text="boats were sunk", review_status="pending")
    unverified_speaker = VerifiedStatementFactory(
        text="boats were stopped", speaker_person__review_status="pending"
    )

    assert found(api_client, STATEMENTS, "boats") == {shown.pk}
    api_client.force_login(viewer)
    assert found(api_client, STATEMENTS, "boats") == {shown.pk, pending.pk, unverified_speaker.pk}


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor == "sqlite" and not FTS5, reason="LIKE finds substrings")
def test_search_stems_words_and_finds_no_row_for_punctuation(api_client):
    strike = VerifiedStatementFactory(text="A strike hit the harbour.")
    strikes = VerifiedStatementFactory(text="Strikes went on.")
    other = VerifiedStatementFactory(text="Nothing to see here.")

    assert found(api_client, STATEMENTS, "strikes") == {strike.pk, strikes.pk}
    assert found(api_client, STATEMENTS, "-strike") == {other.pk}
    assert found(api_client, STATEMENTS, "-strike or harbour") == {other.pk, strike.pk}
    assert found(api_client, STATEMENTS, "...") == set()
