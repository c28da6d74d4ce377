"""/api/statements/: payload, visibility, every filter, errors and query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from core.review import ReviewStatus
from sources import search
from sources.api.serializers import STATEMENT_ROW, StatementSerializer, statement_row
from sources.models import Statement
from tests.factories import (
    OperationFactory,
    OrganisationFactory,
    PersonFactory,
    RoleFactory,
    SourceFactory,
    StatementFactory,
    VerifiedOperationFactory,
    VerifiedOrganisationFactory,
    VerifiedPersonFactory,
    VerifiedStatementFactory,
)

pytestmark = pytest.mark.django_db
URL = "/api/statements/"
ON_POSTGRESQL = connection.vendor == "postgresql"
V = ReviewStatus.VERIFIED


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def get_ids(client, **params) -> set[int]:
    return set(ids(client.get(URL, params)))


def test_statement_embeds_speaker_source_operations_and_reporter(api_client):
    publisher = VerifiedOrganisationFactory(name="Reuters")
    source = SourceFactory(
        title="Raid report", publisher=publisher, published=datetime.date(2025, 1, 3)
    )
    operation = VerifiedOperationFactory(name="Operation Gideon")
    statement = VerifiedStatementFactory(
        source=source,
        text="We will respond",
        kind="indirect",
        said_on=datetime.date(2025, 1, 2),
        said_on_basis="relative",
        said_on_precision="day",
        span_start=2,
        span_end=9,
        cue="said",
        venue="a press conference",
        reported_by=publisher,
        speaker_person__name="Nicolás Maduro",
    )
    statement.operations.add(operation)

    item = api_client.get(URL).json()["results"][0]

    assert item == {
        "id": statement.pk,
        "text": "We will respond",
        "kind": "indirect",
        "said_on": "2025-01-02",
        "said_on_basis": "relative",
        "said_on_precision": "day",
        "expected": False,
        "span": {"start": 2, "end": 9},
        "review_status": "verified",
        "confidence": None,
        "evidence": {},
        "cue": "said",
        "venue": "a press conference",
        "speaker": {"id": statement.speaker_person_id, "type": "person", "name": "Nicolás Maduro"},
        "source": {
            "id": source.pk,
            "title": "Raid report",
            "publisher": {"id": publisher.pk, "name": "Reuters"},
            "published": "2025-01-03",
        },
        "operations": [{"id": operation.pk, "name": "Operation Gideon"}],
        "reported_by": {"id": publisher.pk, "name": "Reuters"},
        "created_at": item["created_at"],
    }
    assert api_client.get(f"{URL}{statement.pk}/").json() == item


def test_payload_keys_are_the_fields_the_serializer_declares(api_client):
    statement = VerifiedStatementFactory(speaker_person__review_status=V)

    listed = api_client.get(URL).json()["results"][0]
    detail = api_client.get(f"{URL}{statement.pk}/").json()

    assert list(listed) == list(detail) == StatementSerializer.Meta.fields


def test_a_statement_read_alone_gives_the_row_a_list_page_reads():
    statement = VerifiedStatementFactory()
    listed = Statement.objects.values(*STATEMENT_ROW).get()

    assert statement_row(Statement.objects.get(pk=statement.pk)) == listed
    assert list(listed) == STATEMENT_ROW


def test_organisation_speaker_is_typed_organisation(api_client):
    organisation = VerifiedOrganisationFactory(name="Pentagon")
    VerifiedStatementFactory(speaker_person=None, speaker_organisation=organisation)

    speaker = api_client.get(URL).json()["results"][0]["speaker"]

    assert speaker == {"id": organisation.pk, "type": "organisation", "name": "Pentagon"}


# --- Visibility ------------------------------------------------------------------------


def test_anonymous_client_sees_only_verified_statements(api_client):
    verified = VerifiedStatementFactory()
    StatementFactory(speaker_person=verified.speaker_person)
    StatementFactory(review_status="rejected", speaker_person=verified.speaker_person)

    assert get_ids(api_client) == {verified.pk}
    assert get_ids(api_client, review_status="pending") == set()


def test_viewer_sees_every_statement_and_filters_by_review_status(api_client, viewer):
    verified = VerifiedStatementFactory()
    pending = StatementFactory()
    api_client.force_login(viewer)

    assert get_ids(api_client) == {verified.pk, pending.pk}
    assert get_ids(api_client, review_status="pending") == {pending.pk}
    assert api_client.get(f"{URL}{pending.pk}/").status_code == 200


def test_anonymous_client_gets_404_for_an_unverified_statement(api_client):
    pending = StatementFactory()

    response = api_client.get(f"{URL}{pending.pk}/")

    assert response.status_code == 404
    assert response.json()["detail"]


def test_statement_whose_speaker_is_unverified_is_hidden_from_anonymous(api_client, viewer):
    hidden_person = StatementFactory(review_status=V)  # speaker pending
    hidden_organisation = StatementFactory(
        review_status=V, speaker_person=None, speaker_organisation=OrganisationFactory()
    )

    assert get_ids(api_client) == set()
    assert api_client.get(f"{URL}{hidden_person.pk}/").status_code == 404
    api_client.force_login(viewer)
    assert get_ids(api_client) == {hidden_person.pk, hidden_organisation.pk}


def test_unverified_nested_records_are_left_out_for_anonymous(api_client, viewer):
    reporter = OrganisationFactory(name="Unverified Wire")
    statement = VerifiedStatementFactory(
        reported_by=reporter, source=SourceFactory(publisher=reporter)
    )
    shown, hidden = VerifiedOperationFactory(), OperationFactory(name="Operation Secret")
    statement.operations.add(shown, hidden)

    item = api_client.get(URL).json()["results"][0]

    assert item["operations"] == [{"id": shown.pk, "name": shown.name}]
    assert item["reported_by"] is None
    assert item["source"]["publisher"] is None
    assert b"Unverified Wire" not in api_client.get(URL, {"format": "csv"}).content
    api_client.force_login(viewer)
    item = api_client.get(URL).json()["results"][0]
    assert len(item["operations"]) == 2
    assert item["reported_by"]["name"] == "Unverified Wire"
    assert item["source"]["publisher"]["name"] == "Unverified Wire"


# --- Filters -----------------------------------------------------------------------------


def test_filter_by_speaker_id_and_typed_reference(api_client):
    person = VerifiedPersonFactory()
    organisation = VerifiedOrganisationFactory()
    by_person = VerifiedStatementFactory(speaker_person=person)
    by_organisation = VerifiedStatementFactory(
        speaker_person=None, speaker_organisation=organisation
    )

    assert get_ids(api_client, speaker=f"person:{person.pk}") == {by_person.pk}
    assert get_ids(api_client, speaker=f"organisation:{organisation.pk}") == {by_organisation.pk}
    assert get_ids(api_client, speaker=person.pk, speaker_type="person") == {by_person.pk}


def test_filter_by_plain_speaker_id_finds_either_kind_with_that_id(api_client):
    person = VerifiedPersonFactory(pk=9001)
    organisation = VerifiedOrganisationFactory(pk=9001)
    alone = VerifiedOrganisationFactory(pk=9002)
    by_person = VerifiedStatementFactory(speaker_person=person)
    by_organisation = VerifiedStatementFactory(
        speaker_person=None, speaker_organisation=organisation
    )
    by_alone = VerifiedStatementFactory(speaker_person=None, speaker_organisation=alone)

    assert get_ids(api_client, speaker=9001) == {by_person.pk, by_organisation.pk}
    assert get_ids(api_client, speaker=9002) == {by_alone.pk}
    assert get_ids(api_client, speaker=9003) == set()


@pytest.mark.skipif(ON_POSTGRESQL, reason="PostgreSQL combines the two indexes itself")
def test_filter_by_plain_speaker_id_reads_one_column_on_sqlite(api_client):
    person = VerifiedPersonFactory(pk=9001)
    with CaptureQueriesContext(connection) as captured:
        get_ids(api_client, speaker=person.pk)
    # Which kinds have the id, then the page on that kind's column alone.
    kinds, page = captured.captured_queries[0]["sql"], captured.captured_queries[1]["sql"]
    assert "entities_person" in kinds and "entities_organisation" in kinds
    assert '"speaker_person_id" = 9001' in page
    assert '"speaker_organisation_id" = 9001' not in page


def test_filter_by_speaker_type(api_client):
    by_person = VerifiedStatementFactory()
    by_organisation = VerifiedStatementFactory(
        speaker_person=None, speaker_organisation=VerifiedOrganisationFactory()
    )

    assert get_ids(api_client, speaker_type="person") == {by_person.pk}
    assert get_ids(api_client, speaker_type="organisation") == {by_organisation.pk}


def test_filter_by_speaker_name_ignores_accents_case_and_matches_aliases(api_client):
    maduro = VerifiedStatementFactory(
        speaker_person=VerifiedPersonFactory(name="Nicolás Maduro", aliases=["El Presidente"])
    )
    VerifiedStatementFactory(speaker_person=VerifiedPersonFactory(name="Marco Rubio"))

    assert get_ids(api_client, speaker_name="NICOLAS maduro") == {maduro.pk}
    assert get_ids(api_client, speaker_name="presidente") == {maduro.pk}
    assert get_ids(api_client, speaker_name="!!!") == set()


def test_filter_by_organisation_includes_people_holding_a_role_in_it(api_client):
    pentagon = VerifiedOrganisationFactory()
    spokesperson = VerifiedPersonFactory()
    RoleFactory(person=spokesperson, organisation=pentagon, review_status=V)
    RoleFactory(person=spokesperson, organisation=pentagon, title="Colonel", review_status=V)
    by_organisation = VerifiedStatementFactory(speaker_person=None, speaker_organisation=pentagon)
    by_member = VerifiedStatementFactory(speaker_person=spokesperson)
    VerifiedStatementFactory()

    assert ids(api_client.get(URL, {"organisation": pentagon.pk})).count(by_member.pk) == 1
    assert get_ids(api_client, organisation=pentagon.pk) == {by_organisation.pk, by_member.pk}


def test_organisation_filter_ignores_unverified_roles_for_anonymous(api_client, viewer):
    pentagon = VerifiedOrganisationFactory()
    person = VerifiedPersonFactory()
    RoleFactory(person=person, organisation=pentagon)  # pending
    statement = VerifiedStatementFactory(speaker_person=person)

    assert get_ids(api_client, organisation=pentagon.pk) == set()
    api_client.force_login(viewer)
    assert get_ids(api_client, organisation=pentagon.pk) == {statement.pk}


def test_filter_by_operation(api_client):
    operation = VerifiedOperationFactory()
    about = VerifiedStatementFactory()
    about.operations.add(operation)
    VerifiedStatementFactory()

    assert get_ids(api_client, operation=operation.pk) == {about.pk}


def test_filter_by_unverified_operation_finds_nothing_for_anonymous(api_client, viewer):
    operation = OperationFactory()
    about = VerifiedStatementFactory()
    about.operations.add(operation)

    assert get_ids(api_client, operation=operation.pk) == set()
    api_client.force_login(viewer)
    assert get_ids(api_client, operation=operation.pk) == {about.pk}


def test_filter_by_the_person_or_organisation_a_statement_mentions(api_client):
    person, organisation = VerifiedPersonFactory(), VerifiedOrganisationFactory()
    about_person, about_organisation = VerifiedStatementFactory(), VerifiedStatementFactory()
    about_person.about_people.add(person)
    about_organisation.about_organisations.add(organisation)

    assert get_ids(api_client, mentions=f"person:{person.pk}") == {about_person.pk}
    assert get_ids(api_client, mentions=f"organisation:{organisation.pk}") == {
        about_organisation.pk
    }
    # A bare id may name either kind.
    assert about_person.pk in get_ids(api_client, mentions=person.pk)


def test_filter_by_source_and_publisher(api_client):
    publisher = VerifiedOrganisationFactory()
    source = SourceFactory(publisher=publisher)
    in_source = VerifiedStatementFactory(source=source)
    VerifiedStatementFactory()

    assert get_ids(api_client, source=source.pk) == {in_source.pk}
    assert get_ids(api_client, publisher=publisher.pk) == {in_source.pk}
    assert get_ids(api_client, source=999999) == set()


def test_filter_by_date_said(api_client):
    early = VerifiedStatementFactory(said_on=datetime.date(2024, 1, 1))
    middle = VerifiedStatementFactory(said_on=datetime.date(2024, 6, 1))
    VerifiedStatementFactory(said_on=None)

    assert get_ids(api_client, said_after="2024-06-01") == {middle.pk}
    assert get_ids(api_client, said_before="2024-05-31") == {early.pk}
    assert get_ids(api_client, said_after="2024-01-01", said_before="2024-06-01") == {
        early.pk,
        middle.pk,
    }


def test_filter_by_kind(api_client):
    direct = VerifiedStatementFactory(kind="direct")
    VerifiedStatementFactory(kind="indirect")

    assert get_ids(api_client, kind="direct") == {direct.pk}


def test_full_text_search_finds_words_of_the_statement(api_client):
    match = VerifiedStatementFactory(text="The strikes on drug boats will continue")
    VerifiedStatementFactory(text="Nothing to see here")

    assert get_ids(api_client, q="boats strikes") == {match.pk}
    assert get_ids(api_client, q="submarine") == set()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_full_text_search_stems_and_ranks_on_postgresql(api_client):
    once = VerifiedStatementFactory(text="A strike hit the harbour; officials said little.")
    often = VerifiedStatementFactory(text="Strikes, more strikes: the striking went on.")

    response = api_client.get(URL, {"q": "strike"})

    assert ids(response) == [often.pk, once.pk]
    assert get_ids(api_client, q='"strike harbour"') == set()  # not adjacent
    assert get_ids(api_client, q="strike -harbour") == {often.pk}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_full_text_search_ranks_the_newest_matches_on_postgresql(api_client, monkeypatch):
    monkeypatch.setattr(search, "RANKED_MATCHES", 2)
    pentagon = VerifiedOrganisationFactory()
    member = VerifiedPersonFactory()
    RoleFactory(person=member, organisation=pentagon, review_status=V)
    operation = VerifiedOperationFactory()
    oldest = VerifiedStatementFactory(
        text="Strikes, more strikes: the striking went on.", speaker_person=member
    )
    oldest.operations.add(operation)
    once = VerifiedStatementFactory(text="A strike hit the harbour; officials said little.")
    twice = VerifiedStatementFactory(text="Strike after strike, they said.")
    VerifiedStatementFactory(text="Nothing to see here")

    # The two newest matches, by relevance: the oldest, most relevant one is left out.
    assert ids(api_client.get(URL, {"q": "strike"})) == [twice.pk, once.pk]
    pages = [ids(api_client.get(URL, {"q": "strike", "page_size": 1}))]
    pages.append(
        ids(api_client.get(api_client.get(URL, {"q": "strike", "page_size": 1}).json()["next"]))
    )
    assert pages == [[twice.pk], [once.pk]]
    # An ordering lists every match.
    assert ids(api_client.get(URL, {"q": "strike", "ordering": "created_at"})) == [
        oldest.pk,
        once.pk,
        twice.pk,
    ]
    # The other filters choose the matches before they are bounded and ranked.
    assert ids(api_client.get(URL, {"q": "strike", "organisation": pentagon.pk})) == [oldest.pk]
    assert ids(api_client.get(URL, {"q": "strike", "operation": operation.pk})) == [oldest.pk]
    assert ids(api_client.get(URL, {"q": "strike", "speaker_name": "!!"})) == []


def test_publisher_and_mentions_filters_hide_unverified_records_from_anonymous(api_client, viewer):
    publisher, person = OrganisationFactory(), PersonFactory()
    statement = VerifiedStatementFactory(source=SourceFactory(publisher=publisher))
    statement.about_people.add(person)

    assert get_ids(api_client, publisher=publisher.pk) == set()
    assert get_ids(api_client, mentions=f"person:{person.pk}") == set()
    api_client.force_login(viewer)
    assert get_ids(api_client, publisher=publisher.pk) == {statement.pk}
    assert get_ids(api_client, mentions=f"person:{person.pk}") == {statement.pk}


def test_ordering_by_date_said_and_created(api_client):
    old = VerifiedStatementFactory(said_on=datetime.date(2020, 1, 1))
    new = VerifiedStatementFactory(said_on=datetime.date(2025, 1, 1))
    undated = VerifiedStatementFactory(said_on=None)

    assert ids(api_client.get(URL)) == [new.pk, old.pk, undated.pk]
    assert ids(api_client.get(URL, {"ordering": "said_on"})) == [old.pk, new.pk, undated.pk]
    assert ids(api_client.get(URL, {"ordering": "created_at"})) == [old.pk, new.pk, undated.pk]
    assert ids(api_client.get(URL, {"ordering": "-created_at"})) == [undated.pk, new.pk, old.pk]


# --- Errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "status", "parameter"),
    [
        ({"said_after": "notadate"}, 400, "said_after"),
        ({"said_before": "2024-13-45"}, 400, "said_before"),
        ({"speaker": "abc"}, 400, "speaker"),
        ({"speaker": "robot:1"}, 400, "speaker"),
        ({"mentions": "1; DROP TABLE sources_statement"}, 400, "mentions"),
        ({"organisation": "1.5"}, 400, "organisation"),
        ({"source": "99999999999999999999999"}, 400, "source"),
        ({"ordering": "text"}, 400, "ordering"),
        ({"kind": "shouted"}, 400, "kind"),
        ({"review_status": "maybe"}, 400, "review_status"),
        ({"q": "x" * 201}, 400, "q"),
        ({"page_size": "-1"}, 400, "page_size"),
        ({"page_size": "100000"}, 400, "page_size"),
        ({"page_size": "ten"}, 400, "page_size"),
        ({"cursor": "not-a-cursor"}, 404, "cursor"),
    ],
)
def test_bad_parameter_answers_an_error_naming_it(api_client, params, status, parameter):
    response = api_client.get(URL, params)

    assert response.status_code == status
    body = response.json()
    assert parameter in body["errors"]
    assert body["detail"].startswith(parameter)


def test_sql_shaped_search_is_just_text(api_client):
    VerifiedStatementFactory(text="Nothing to see here")

    assert get_ids(api_client, q="'; DROP TABLE sources_statement; --") == set()
    assert get_ids(api_client, speaker_name="' OR 1=1 --") == set()


def test_nul_characters_in_text_parameters_are_ignored(api_client):
    statement = VerifiedStatementFactory(text="Nothing to see here")

    assert get_ids(api_client, q="not\x00hing") == {statement.pk}


def test_empty_parameters_count_as_left_out(api_client):
    statement = VerifiedStatementFactory()

    assert get_ids(api_client, speaker="", said_after="", kind="", page_size="") == {statement.pk}


# --- Query counts ------------------------------------------------------------------------


def make_statements(count: int) -> None:
    for _ in range(count):
        statement = VerifiedStatementFactory(
            reported_by=VerifiedOrganisationFactory(),
            source=SourceFactory(publisher=VerifiedOrganisationFactory()),
        )
        statement.operations.add(VerifiedOperationFactory(), OperationFactory())


# PostgreSQL reads a page in one query: the dated rows and the undated ones in one UNION ALL,
# with the sources, publishers, reporters and operations built in it as JSON. SQLite reads the
# dated rows, then the undated ones (see core.api.pagination), then the page's sources with
# their publishers, its reporters (not publishers here) and its operations.
PAGE_QUERIES = 1 if ON_POSTGRESQL else 5


@pytest.mark.parametrize("rows", [1, 10])
def test_statement_list_costs_the_same_queries_for_1_or_10_rows(
    api_client, django_assert_num_queries, rows
):
    make_statements(rows)
    with django_assert_num_queries(PAGE_QUERIES):
        assert len(ids(api_client.get(URL))) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_statement_list_for_a_viewer_costs_the_same_queries_for_1_or_10_rows(
    api_client, viewer, django_assert_num_queries, rows
):
    make_statements(rows)
    api_client.force_login(viewer)
    # Session and user, the user's permissions (user and group), then the page.
    with django_assert_num_queries(4 + PAGE_QUERIES):
        assert len(ids(api_client.get(URL))) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_statement_list_with_a_token_leaves_the_session_alone(
    api_client, viewer, django_assert_num_queries, rows
):
    make_statements(rows)
    api_client.force_login(viewer)  # a session cookie too, as a browser would send
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=viewer).key}")
    # The token with its user, the user's permissions (user and group), then the page.
    with django_assert_num_queries(3 + PAGE_QUERIES) as captured:
        assert len(ids(api_client.get(URL))) == rows
    assert not any("django_session" in query["sql"] for query in captured.captured_queries)


@pytest.mark.parametrize("rows", [1, 10])
def test_filtered_statement_list_costs_the_same_queries_for_1_or_10_rows(
    api_client, django_assert_num_queries, rows
):
    organisation = VerifiedOrganisationFactory()
    for _ in range(rows):
        person = VerifiedPersonFactory()
        RoleFactory(person=person, organisation=organisation, review_status=V)
        VerifiedStatementFactory(speaker_person=person, said_on=datetime.date(2024, 1, 1))
    # The members of the organisation first; then the page as above (no statement has a
    # reporter).
    with django_assert_num_queries(1 + (1 if ON_POSTGRESQL else 4)):
        assert len(ids(api_client.get(URL, {"organisation": organisation.pk}))) == rows


def test_a_statement_costs_one_query_on_postgresql(api_client, django_assert_num_queries):
    statement = VerifiedStatementFactory(reported_by=VerifiedOrganisationFactory())
    statement.operations.add(VerifiedOperationFactory())
    # SQLite: the statement with its speaker, then its source and its operations (the
    # reporter is not its source's publisher: one more).
    with django_assert_num_queries(1 if ON_POSTGRESQL else 4):
        assert api_client.get(f"{URL}{statement.pk}/").status_code == 200


def test_statements_filter_by_how_their_date_was_found_and_by_expected(api_client):
    stated = VerifiedStatementFactory(said_on=datetime.date(2025, 1, 2), said_on_basis="explicit")
    inferred = VerifiedStatementFactory(
        said_on=datetime.date(2025, 1, 3), said_on_basis="published"
    )
    announced = VerifiedStatementFactory(expected=True)
    assert get_ids(api_client, said_on_basis="explicit") == {stated.pk}
    assert get_ids(api_client, said_on_basis="published") == {inferred.pk}
    assert get_ids(api_client, expected="true") == {announced.pk}
    assert announced.pk not in get_ids(api_client, expected="false")
    assert api_client.get(URL, {"expected": "perhaps"}).status_code == 400
