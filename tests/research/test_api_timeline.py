"""GET /api/operations/{id}/timeline/ on the corpus of conftest.py."""

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIRequestFactory

from research.api.renderers import ResearchJSONRenderer
from research.api.serializers import TimelineSerializer
from research.timeline import build_timeline
from tests.factories import (
    SourceFactory,
    StatementFactory,
    VerifiedOrganisationFactory,
    VerifiedPersonFactory,
)
from tests.research.conftest import build_corpus

pytestmark = pytest.mark.django_db


def timeline(client, operation, query=""):
    response = client.get(f"/api/operations/{operation.pk}/timeline/{query}")
    assert response.status_code == 200, response.content
    return response.json()


def summary(data):
    return [(i["kind"], i["date"], i["date_precision"], i["id"]) for i in data["items"]]


def test_timeline_lists_what_anonymous_clients_may_see_oldest_first(api_client, corpus):
    c = corpus
    data = timeline(api_client, c.tidewater)

    assert data["operation"] == {
        "id": c.tidewater.pk,
        "name": "Operation Tidewater",
        "start_date": "2026-01-03",
        "end_date": "2026-01-05",
    }
    assert summary(data) == [
        ("start", "2026-01-03", "day", c.tidewater.pk),
        ("statement", "2026-01-03", "day", c.lawful.pk),
        ("sub_operation", "2026-01-04", "day", c.north.pk),
        ("end", "2026-01-05", "day", c.tidewater.pk),
        # Said on an unknown day: placed on its source's publication date, marked as such.
        ("statement", "2026-01-06", "source_date", c.denied.pk),
        ("source", "2026-01-06", "day", c.port.pk),
        ("participation", "2026-01-06", "source_date", c.participation.pk),
        ("statement", "2026-01-09", "day", c.changed.pk),
        ("source", "2026-01-10", "day", c.meeting.pk),
        ("source", None, "unknown", c.archive.pk),
    ]


def test_timeline_items_carry_speaker_source_and_passage(api_client, corpus):
    c = corpus
    items = {(i["kind"], i["id"]): i for i in timeline(api_client, c.tidewater)["items"]}

    lawful = items[("statement", c.lawful.pk)]
    assert lawful["text"] == "the raid on the port was lawful"
    assert lawful["speaker"] == {"id": c.ana.pk, "type": "person", "name": "Ana Ruiz"}
    assert lawful["source"] == {
        "id": c.port.pk,
        "title": "Raid on the port",
        "published": "2026-01-06",
    }
    assert lawful["span"] == {"start": c.lawful.span_start, "end": c.lawful.span_end}
    assert lawful["review_status"] == "verified"
    assert lawful["url"] == f"http://testserver/api/statements/{c.lawful.pk}/"
    assert api_client.get(lawful["url"]).json()["text"] == lawful["text"]
    archive = items[("source", c.archive.pk)]
    assert archive["mention"] == c.archive.mentions.get().pk
    part = items[("participation", c.participation.pk)]
    assert part["organisation"] == {"id": c.guard.pk, "name": "Coastal Guard"}
    assert part["text"] == "Coastal Guard: carried out"
    assert part["url"] == f"http://testserver/api/organisations/{c.guard.pk}/"
    assert items[("sub_operation", c.north.pk)]["url"].endswith(f"/api/operations/{c.north.pk}/")
    assert items[("source", c.port.pk)]["url"].endswith(f"/api/sources/{c.port.pk}/")


def test_staff_see_pending_items_and_statements_of_hidden_speakers(viewer_client, corpus):
    c = corpus
    shown = {(kind, pk) for kind, _, _, pk in summary(timeline(viewer_client, c.tidewater))}

    assert {("statement", c.pending.pk), ("statement", c.by_secret.pk)} <= shown
    assert ("sub_operation", c.hidden_sub.pk) in shown


def test_anonymous_timeline_holds_nothing_unverified(api_client, corpus):
    c = corpus
    data = timeline(api_client, c.tidewater)
    ids = {(i["kind"], i["id"]) for i in data["items"]}

    assert ("statement", c.pending.pk) not in ids
    assert ("statement", c.by_secret.pk) not in ids
    assert ("sub_operation", c.hidden_sub.pk) not in ids
    assert "Secret Person" not in str(data)
    assert "Hidden Office" not in str(data)


def test_unverified_operation_has_no_timeline_for_anonymous_clients(api_client, corpus):
    assert api_client.get(f"/api/operations/{corpus.hidden_sub.pk}/timeline/").status_code == 404
    assert api_client.get("/api/operations/abc/timeline/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?speaker=person:{ana}", [("statement", "lawful"), ("statement", "changed")]),
        ("?speaker={omar}", [("statement", "denied")]),
        ("?kind=source", [("source", "port"), ("source", "meeting"), ("source", "archive")]),
        (
            "?date_after=2026-01-05&date_before=2026-01-09",
            [
                ("end", "tidewater"),
                ("statement", "denied"),
                ("source", "port"),
                ("participation", "participation"),
                ("statement", "changed"),
            ],
        ),
    ],
)
def test_timeline_filters(api_client, corpus, query, expected):
    c = corpus
    query = query.format(ana=c.ana.pk, omar=c.omar.pk)

    items = timeline(api_client, c.tidewater, query)["items"]

    assert [(i["kind"], i["id"]) for i in items] == [
        (kind, getattr(c, name).pk) for kind, name in expected
    ]


def test_review_status_filter_shows_staff_the_pending_items(viewer_client, corpus):
    c = corpus
    items = timeline(viewer_client, c.tidewater, "?review_status=pending")["items"]

    assert {(i["kind"], i["id"]) for i in items} == {
        ("statement", c.pending.pk),
        ("sub_operation", c.hidden_sub.pk),
    }


@pytest.mark.parametrize(
    "query", ["?kind=tweet", "?speaker=x:1", "?date_after=yesterday", "?review_status=maybe"]
)
def test_bad_parameters_answer_400_naming_them(api_client, corpus, query):
    response = api_client.get(f"/api/operations/{corpus.tidewater.pk}/timeline/{query}")

    assert response.status_code == 400
    assert query[1:].split("=")[0] in response.json()["errors"]


@pytest.mark.parametrize("extra", [0, 9])
def test_timeline_queries_do_not_grow_with_its_items(api_client, django_assert_num_queries, extra):
    corpus = build_corpus()
    for _ in range(extra):
        made = StatementFactory(review_status="verified", speaker_person=VerifiedPersonFactory())
        made.operations.add(corpus.tidewater)

    # The operation, its statements' ids, then statements, sources, sub-operations and
    # participations.
    with django_assert_num_queries(6):
        items = timeline(api_client, corpus.tidewater)["items"]
    assert len(items) == 10 + extra


@pytest.mark.parametrize("as_viewer", [False, True])
def test_timeline_statements_are_the_statement_list_of_the_operation(
    api_client, viewer, corpus, as_viewer
):
    if as_viewer:
        api_client.force_authenticate(viewer)
    listed = api_client.get(f"/api/statements/?operation={corpus.tidewater.pk}").json()

    items = timeline(api_client, corpus.tidewater, "?kind=statement")["items"]

    assert sorted(i["id"] for i in items) == sorted(s["id"] for s in listed["results"])


def test_timeline_written_by_the_database_is_the_one_python_writes(api_client, corpus):
    """On PostgreSQL the statements' items are JSON text from the database; here they carry
    what JSON must escape, and the response must be the bytes the Python path renders."""
    tricky = 'He said "no" \\ then\nleft\ttoday \x01 café ✓ \u2028 line 🙂'
    source = SourceFactory(title='"Quoted" títle', published=None)
    by_person = StatementFactory(
        review_status="verified",
        text=tricky,
        source=source,
        said_on=None,
        speaker_person=VerifiedPersonFactory(name='Zoë "Z" O\'Neil'),
    )
    by_organisation = StatementFactory(
        review_status="verified",
        text="plain",
        speaker_person=None,
        speaker_organisation=VerifiedOrganisationFactory(name="Ünïon"),
    )
    for statement in (by_person, by_organisation):
        statement.operations.add(corpus.tidewater)

    response = api_client.get(f"/api/operations/{corpus.tidewater.pk}/timeline/")

    assert response.status_code == 200
    items = {i["id"]: i for i in response.json()["items"] if i["kind"] == "statement"}
    assert items[by_person.pk]["text"] == tricky
    assert items[by_person.pk]["speaker"]["name"] == 'Zoë "Z" O\'Neil'
    assert items[by_person.pk]["date_precision"] == "unknown"
    assert items[by_organisation.pk]["speaker"]["type"] == "organisation"
    request = APIRequestFactory().get("/")
    timeline = build_timeline(corpus.tidewater, user=AnonymousUser())
    data = TimelineSerializer(context={"request": request}).to_representation(timeline)
    assert response.content == ResearchJSONRenderer().render(data)
