"""/api/sources/ and /api/mentions/: payload, filters, visibility and query counts."""

import datetime

import pytest
from django.db import connection

from tests.factories import (
    MentionFactory,
    OperationFactory,
    OrganisationFactory,
    PersonFactory,
    SourceFactory,
    VerifiedOperationFactory,
    VerifiedOrganisationFactory,
    VerifiedPersonFactory,
)

pytestmark = pytest.mark.django_db


def get_ids(client, url, **params) -> list[int]:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_source_list_leaves_out_the_text_that_the_detail_shows(api_client):
    publisher = VerifiedOrganisationFactory(name="AP")
    source = SourceFactory(
        title="Strike report",
        publisher=publisher,
        url="https://example.org/a",
        published=datetime.date(2025, 9, 2),
        kind="readout",
        file_name="a.txt",
        text="Full text of the report.",
    )

    item = api_client.get("/api/sources/").json()["results"][0]
    detail = api_client.get(f"/api/sources/{source.pk}/").json()

    assert item["id"] == source.pk
    assert item["file_name"] == "a.txt"
    assert item["publisher"] == {"id": publisher.pk, "name": "AP"}
    assert (item["url"], item["published"], item["kind"]) == (
        "https://example.org/a",
        "2025-09-02",
        "readout",
    )
    assert "text" not in item
    assert detail["text"] == "Full text of the report."


def test_sources_newest_first_with_undated_last(api_client):
    old = SourceFactory(published=datetime.date(2020, 1, 1))
    undated = SourceFactory(published=None)
    new = SourceFactory(published=datetime.date(2025, 1, 1))

    assert get_ids(api_client, "/api/sources/") == [new.pk, old.pk, undated.pk]


def test_sources_by_publisher_kind_and_date_range(api_client):
    publisher = VerifiedOrganisationFactory()
    readout = SourceFactory(
        publisher=publisher, kind="readout", published=datetime.date(2025, 3, 1)
    )
    SourceFactory(kind="article", published=datetime.date(2024, 3, 1))
    url = "/api/sources/"

    assert get_ids(api_client, url, publisher=publisher.pk) == [readout.pk]
    assert get_ids(api_client, url, kind="readout") == [readout.pk]
    assert get_ids(api_client, url, published_after="2025-01-01") == [readout.pk]
    assert get_ids(api_client, url, published_before="2025-01-01") != [readout.pk]


def test_unverified_publisher_is_hidden_from_anonymous(api_client):
    hidden = OrganisationFactory()
    source = SourceFactory(publisher=hidden)

    assert api_client.get(f"/api/sources/{source.pk}/").json()["publisher"] is None
    assert get_ids(api_client, "/api/sources/", publisher=hidden.pk) == []


def test_source_search_covers_title_and_text(api_client):
    by_title = SourceFactory(title="Caribbean boat strike", text="Nothing else.")
    by_text = SourceFactory(title="Briefing", text="The boat was struck at night.")
    SourceFactory(title="Other", text="Unrelated.")

    assert set(get_ids(api_client, "/api/sources/", q="boat")) == {by_title.pk, by_text.pk}
    assert get_ids(api_client, "/api/sources/", q="caribbean") == [by_title.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_source_search_stems_words_on_postgresql(api_client):
    old = SourceFactory(title="Briefing", text="Two boats.", published=datetime.date(2024, 1, 1))
    new = SourceFactory(title="Boat strike", text="A boat.", published=datetime.date(2025, 1, 1))

    assert get_ids(api_client, "/api/sources/", q="boating") == [new.pk, old.pk]


@pytest.mark.parametrize("rows", [1, 10])
def test_source_list_costs_the_same_queries_for_1_or_10_rows(
    api_client, django_assert_num_queries, rows
):
    for _ in range(rows):
        SourceFactory(publisher=VerifiedOrganisationFactory(), published=datetime.date(2025, 1, 1))
    # Dated sources, then undated ones (none here, but the page is not full); on PostgreSQL
    # the two in one UNION ALL.
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):
        assert len(get_ids(api_client, "/api/sources/")) == rows


# --- Mentions --------------------------------------------------------------------------------


def test_mention_payload_names_its_entity(api_client):
    person = VerifiedPersonFactory(name="Pete Hegseth")
    mention = MentionFactory(
        person=person, span_start=0, span_end=8, text="Document", label="PERSON"
    )

    item = api_client.get(f"/api/mentions/{mention.pk}/").json()

    assert item["entity"] == {"id": person.pk, "type": "person", "name": "Pete Hegseth"}
    assert item["source"] == {"id": mention.source_id, "title": mention.source.title}
    assert item["span"] == {"start": 0, "end": 8}
    assert item["label"] == "PERSON"


def test_mentions_of_unverified_records_are_hidden_from_anonymous(api_client, viewer):
    shown = MentionFactory(person=VerifiedPersonFactory())
    MentionFactory(person=PersonFactory())
    MentionFactory(person=None, organisation=OrganisationFactory())
    MentionFactory(person=None, operation=OperationFactory())

    assert get_ids(api_client, "/api/mentions/") == [shown.pk]
    api_client.force_login(viewer)
    assert len(get_ids(api_client, "/api/mentions/")) == 4


def test_mentions_by_source_entity_and_type(api_client):
    person = VerifiedPersonFactory()
    organisation = VerifiedOrganisationFactory()
    operation = VerifiedOperationFactory()
    of_person = MentionFactory(person=person)
    of_organisation = MentionFactory(person=None, organisation=organisation)
    of_operation = MentionFactory(person=None, operation=operation)
    url = "/api/mentions/"

    assert get_ids(api_client, url, source=of_person.source_id) == [of_person.pk]
    assert get_ids(api_client, url, person=person.pk) == [of_person.pk]
    assert get_ids(api_client, url, organisation=organisation.pk) == [of_organisation.pk]
    assert get_ids(api_client, url, operation=operation.pk) == [of_operation.pk]
    assert get_ids(api_client, url, entity_type="operation") == [of_operation.pk]


@pytest.mark.parametrize("rows", [1, 10])
def test_mention_list_costs_the_same_queries_for_1_or_10_rows(
    api_client, django_assert_num_queries, rows
):
    for _ in range(rows):
        MentionFactory(person=VerifiedPersonFactory())
        MentionFactory(person=None, organisation=VerifiedOrganisationFactory())
    with django_assert_num_queries(1):
        assert len(get_ids(api_client, "/api/mentions/")) == 2 * rows
