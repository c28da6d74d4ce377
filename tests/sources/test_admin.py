"""Admin for sources (the reader), statements (passage in context) and mentions."""

import hashlib

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sources.models import Source, Statement
from tests.curation.scenarios import build_story, mention, statement
from tests.factories import (
    MentionFactory,
    OrganisationFactory,
    PersonFactory,
    SourceFactory,
    StaffUserFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("src")</script>'


def client_for(group: str) -> Client:
    client = Client()
    client.force_login(StaffUserFactory(groups=[group]))
    return client


@pytest.fixture
def researcher_client():
    return client_for("Researcher")


@pytest.fixture
def editor_client():
    return client_for("Editor")


def test_the_source_page_highlights_and_links_mentions_and_statements(researcher_client):
    story = build_story()

    html = researcher_client.get(f"/admin/sources/source/{story.source.pk}/change/").content
    html = html.decode()

    assert 'class="source-reader"' in html
    assert f'href="/admin/entities/person/{story.minister.pk}/change/"' in html
    assert f'id="mention-{story.mentions[1].pk}">Vladimir Padrino López</a>' in html
    assert f'href="/admin/sources/statement/{story.defend.pk}/change/"' in html
    assert f'<mark class="statement status-pending" id="statement-{story.alert.pk}">' in html


def test_hostile_source_text_and_names_are_escaped_in_the_reader(researcher_client):
    source = SourceFactory(title=f"Title {HOSTILE}", text=f"Intro. {HOSTILE} said Ana <b>x</b>.")
    speaker = PersonFactory(name=f"Ana {HOSTILE}")
    statement(source, HOSTILE, speaker)
    mention(source, "Ana", person=speaker)

    for url in (
        f"/admin/sources/source/{source.pk}/change/",
        "/admin/sources/source/",
        "/admin/sources/statement/",
        f"/admin/sources/statement/{source.statements.get().pk}/change/",
    ):
        html = researcher_client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<b>x</b>" not in html
        assert "&lt;script&gt;alert(&quot;src&quot;)&lt;/script&gt;" in html, url


def test_the_statement_page_shows_its_passage_in_context(researcher_client):
    story = build_story()

    html = researcher_client.get(f"/admin/sources/statement/{story.defend.pk}/change/").content
    html = html.decode()

    assert "<mark>We will defend every inch of our territory</mark>" in html
    assert "Padrino López told state television" in html
    assert f"/admin/sources/source/{story.source.pk}/change/#statement-{story.defend.pk}" in html


def test_the_mention_page_shows_its_passage_and_links_to_the_reader(researcher_client):
    story = build_story()
    found = story.mentions[2]

    html = researcher_client.get(f"/admin/sources/mention/{found.pk}/change/").content.decode()

    assert "<mark>Padrino López</mark> told" in html
    assert f"#mention-{found.pk}" in html


def test_an_editor_adds_a_source_and_its_checksum_is_computed(editor_client):
    data = {"title": "Readout", "kind": "readout", "text": "The ministers met.", "url": ""}

    response = editor_client.post("/admin/sources/source/add/", data)

    assert response.status_code == 302
    source = Source.objects.get()
    assert source.sha256 == hashlib.sha256(b"The ministers met.").hexdigest()
    again = editor_client.post("/admin/sources/source/add/", {**data, "title": "Copy"})
    assert "already exists" in again.content.decode()


def test_a_researcher_cannot_add_or_change_sources(researcher_client):
    source = SourceFactory()
    assert researcher_client.get("/admin/sources/source/add/").status_code == 403
    response = researcher_client.post(
        f"/admin/sources/source/{source.pk}/change/", {"title": "x", "kind": "article"}
    )
    assert response.status_code == 403


def statement_form(statement, **changes):
    data = {
        "text": statement.text,
        "kind": statement.kind,
        "speaker_person": statement.speaker_person_id,
        "cue": "",
        "venue": "",
        "source": statement.source_id,
        "span_start": statement.span_start,
        "span_end": statement.span_end,
        "review_status": statement.review_status,
    }
    return {**data, **changes}


def test_a_statement_span_past_its_source_text_is_refused_with_a_message(editor_client):
    statement = StatementFactory(source=SourceFactory(text="A short text here."))

    response = editor_client.post(
        f"/admin/sources/statement/{statement.pk}/change/",
        statement_form(statement, span_end=500),
    )

    assert response.status_code == 200
    assert "The span must lie inside the source text (0 to 18 characters)." in (
        response.content.decode()
    )


def test_an_editors_statement_edit_is_curated(editor_client):
    statement = StatementFactory()

    response = editor_client.post(
        f"/admin/sources/statement/{statement.pk}/change/",
        statement_form(statement, cue="told"),
    )

    assert response.status_code == 302, response.context["errors"]
    assert Statement.objects.get(pk=statement.pk).curated


@pytest.mark.parametrize(
    "query",
    ["q=rodriguez", "speaker_type=person", "review_status__exact=pending", "kind__exact=indirect"],
)
def test_statements_are_found_by_folded_speaker_name_and_filters(researcher_client, query):
    wanted = StatementFactory(speaker_person=PersonFactory(name="Delcy Rodríguez"), kind="indirect")
    StatementFactory(
        speaker_person=None,
        speaker_organisation=OrganisationFactory(),
        review_status="verified",
    )

    response = researcher_client.get(f"/admin/sources/statement/?{query}")

    assert list(response.context["cl"].result_list) == [wanted]


def test_statements_filter_by_publisher(researcher_client):
    reuters = OrganisationFactory(name="Reuters")
    wanted = StatementFactory(source=SourceFactory(publisher=reuters))
    StatementFactory()

    response = researcher_client.get(
        f"/admin/sources/statement/?source__publisher__id__exact={reuters.pk}"
    )

    assert list(response.context["cl"].result_list) == [wanted]


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/admin/sources/statement/", StatementFactory),
        (
            "/admin/sources/source/",
            lambda: StatementFactory(source__publisher=OrganisationFactory()),
        ),
        ("/admin/sources/mention/", MentionFactory),
    ],
)
def test_changelist_queries_do_not_grow_with_rows(researcher_client, url, make):
    make()
    with CaptureQueriesContext(connection) as one:
        assert researcher_client.get(url).status_code == 200
    for _ in range(9):
        make()
    with CaptureQueriesContext(connection) as ten:
        researcher_client.get(url)
    assert len(ten.captured_queries) == len(one.captured_queries)


def test_changelists_do_not_load_source_texts(researcher_client):
    StatementFactory()
    with CaptureQueriesContext(connection) as queries:
        researcher_client.get("/admin/sources/statement/")
        researcher_client.get("/admin/sources/source/")
    selects = [q["sql"] for q in queries.captured_queries if "sources_source" in q["sql"]]
    assert selects
    assert not any('"sources_source"."text"' in sql for sql in selects)
