"""/api/people/, /api/organisations/, /api/operations/ and /api/roles/: payload, visibility,
filters and query counts."""

import datetime

import pytest

from entities.models import RoleEvidence
from tests.factories import (
    MentionFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    RoleFactory,
    SourceFactory,
    VerifiedOperationFactory,
    VerifiedOrganisationFactory,
    VerifiedPersonFactory,
)

pytestmark = pytest.mark.django_db
V = "verified"


def get_ids(client, url, **params) -> set[int]:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


# --- People ---------------------------------------------------------------------------------


def test_person_payload(api_client):
    person = VerifiedPersonFactory(
        name="Nicolás Maduro", aliases=["Maduro"], country="Venezuela", wikidata_id="Q57413"
    )

    item = api_client.get(f"/api/people/{person.pk}/").json()

    assert item["id"] == person.pk
    assert item["name"] == "Nicolás Maduro"
    assert item["aliases"] == ["Maduro"]
    assert item["country"] == "Venezuela"
    assert item["wikidata_id"] == "Q57413"
    assert item["review_status"] == "verified"
    assert item["merged_into"] is None
    assert api_client.get("/api/people/").json()["results"] == [item]


def test_people_are_listed_by_folded_name(api_client):
    zed, adam, eve = (
        VerifiedPersonFactory(name="Zed"),
        VerifiedPersonFactory(name="Ádam"),
        VerifiedPersonFactory(name="eve"),
    )

    results = api_client.get("/api/people/").json()["results"]

    assert [item["id"] for item in results] == [adam.pk, eve.pk, zed.pk]


def test_anonymous_client_sees_only_verified_people(api_client, viewer):
    verified, pending = VerifiedPersonFactory(), PersonFactory()

    assert get_ids(api_client, "/api/people/") == {verified.pk}
    assert api_client.get(f"/api/people/{pending.pk}/").status_code == 404
    api_client.force_login(viewer)
    assert get_ids(api_client, "/api/people/") == {verified.pk, pending.pk}
    assert get_ids(api_client, "/api/people/", review_status="pending") == {pending.pk}


def test_people_search_folds_accents_case_and_aliases(api_client):
    maduro = VerifiedPersonFactory(name="Nicolás Maduro", aliases=["Nicolas Maduro Moros"])
    VerifiedPersonFactory(name="Marco Rubio")

    assert get_ids(api_client, "/api/people/", q="NICOLÁS") == {maduro.pk}
    assert get_ids(api_client, "/api/people/", q="moros") == {maduro.pk}
    assert get_ids(api_client, "/api/people/", q="...") == set()


def test_people_mentioned_in_a_source(api_client):
    source = SourceFactory()
    mentioned = VerifiedPersonFactory()
    MentionFactory(source=source, person=mentioned)
    MentionFactory(source=source, person=mentioned, span_start=1, span_end=5)
    MentionFactory(person=VerifiedPersonFactory())

    response = api_client.get("/api/people/", {"source": source.pk})

    assert [item["id"] for item in response.json()["results"]] == [mentioned.pk]


def test_people_by_country_ignoring_case(api_client):
    venezuelan = VerifiedPersonFactory(country="Venezuela")
    VerifiedPersonFactory(country="Colombia")

    assert get_ids(api_client, "/api/people/", country="venezuela") == {venezuelan.pk}


def test_merged_into_an_unverified_person_is_hidden_from_anonymous(api_client, viewer):
    target = PersonFactory()
    merged = VerifiedPersonFactory(merged_into=target)

    assert api_client.get(f"/api/people/{merged.pk}/").json()["merged_into"] is None
    api_client.force_login(viewer)
    assert api_client.get(f"/api/people/{merged.pk}/").json()["merged_into"]["id"] == target.pk


# --- Organisations -----------------------------------------------------------------------------


def test_organisations_by_kind_and_search(api_client):
    army = VerifiedOrganisationFactory(name="Fuerza Armada Nacional", kind="military")
    VerifiedOrganisationFactory(name="Reuters", kind="news_outlet")

    assert get_ids(api_client, "/api/organisations/", kind="military") == {army.pk}
    assert get_ids(api_client, "/api/organisations/", q="armada") == {army.pk}


def test_organisation_parent_is_shown_only_when_visible(api_client, viewer):
    hidden_parent = OrganisationFactory()
    child = VerifiedOrganisationFactory(parent=hidden_parent)
    visible_parent = VerifiedOrganisationFactory(name="Ministry")
    other = VerifiedOrganisationFactory(parent=visible_parent)

    assert api_client.get(f"/api/organisations/{child.pk}/").json()["parent"] is None
    parent = api_client.get(f"/api/organisations/{other.pk}/").json()["parent"]
    assert parent == {"id": visible_parent.pk, "name": "Ministry"}
    api_client.force_login(viewer)
    assert (
        api_client.get(f"/api/organisations/{child.pk}/").json()["parent"]["id"] == hidden_parent.pk
    )


def test_organisations_mentioned_in_a_source(api_client):
    source = SourceFactory()
    mentioned = VerifiedOrganisationFactory()
    MentionFactory(source=source, person=None, organisation=mentioned)

    assert get_ids(api_client, "/api/organisations/", source=source.pk) == {mentioned.pk}


# --- Operations ----------------------------------------------------------------------------------


def test_operation_embeds_verified_participants_and_targets_for_anonymous(api_client, viewer):
    operation = VerifiedOperationFactory(kind="maritime_strike")
    navy = VerifiedOrganisationFactory(name="US Navy")
    ParticipationFactory(
        operation=operation, organisation=navy, part="carried_out", review_status=V
    )
    ParticipationFactory(operation=operation, organisation=OrganisationFactory(), review_status=V)
    ParticipationFactory(operation=operation, organisation=VerifiedOrganisationFactory())
    target = VerifiedPersonFactory(name="A Target")
    operation.target_people.add(target, PersonFactory())

    item = api_client.get(f"/api/operations/{operation.pk}/").json()

    assert item["participants"] == [{"id": navy.pk, "name": "US Navy", "part": "carried_out"}]
    assert item["target_people"] == [{"id": target.pk, "name": "A Target"}]
    api_client.force_login(viewer)
    item = api_client.get(f"/api/operations/{operation.pk}/").json()
    assert len(item["participants"]) == 3
    assert len(item["target_people"]) == 2


def test_operations_by_kind_date_range_and_participant(api_client):
    navy = VerifiedOrganisationFactory()
    january = VerifiedOperationFactory(
        kind="raid", start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2025, 1, 31)
    )
    march = VerifiedOperationFactory(kind="air_strike", start_date=datetime.date(2025, 3, 1))
    ParticipationFactory(operation=march, organisation=navy, review_status=V)
    url = "/api/operations/"

    assert get_ids(api_client, url, kind="raid") == {january.pk}
    assert get_ids(api_client, url, date_after="2025-01-15") == {january.pk, march.pk}
    assert get_ids(api_client, url, date_after="2025-02-01") == {march.pk}
    assert get_ids(api_client, url, date_before="2025-02-01") == {january.pk}
    assert get_ids(api_client, url, participant=navy.pk) == {march.pk}


def test_participant_filter_ignores_unverified_participations_for_anonymous(api_client, viewer):
    navy = VerifiedOrganisationFactory()
    operation = VerifiedOperationFactory()
    ParticipationFactory(operation=operation, organisation=navy)  # pending

    assert get_ids(api_client, "/api/operations/", participant=navy.pk) == set()
    api_client.force_login(viewer)
    assert get_ids(api_client, "/api/operations/", participant=navy.pk) == {operation.pk}


def test_operations_mentioned_in_a_source(api_client):
    source = SourceFactory()
    operation = VerifiedOperationFactory()
    MentionFactory(source=source, person=None, operation=operation)

    assert get_ids(api_client, "/api/operations/", source=source.pk) == {operation.pk}


# --- Roles ----------------------------------------------------------------------------------------


def test_role_payload_and_filters(api_client):
    source = SourceFactory(title="Profile")
    person, organisation = VerifiedPersonFactory(), VerifiedOrganisationFactory()
    role = RoleFactory(
        person=person,
        organisation=organisation,
        title="Minister",
        source=source,
        span_start=0,
        span_end=5,
        review_status=V,
    )
    RoleFactory(person=VerifiedPersonFactory(), organisation=organisation, review_status=V)

    item = api_client.get(f"/api/roles/{role.pk}/").json()

    assert item["person"] == {"id": person.pk, "name": person.name}
    assert item["organisation"] == {"id": organisation.pk, "name": organisation.name}
    assert item["source"] == {"id": source.pk, "title": "Profile"}
    assert item["span"] == {"start": 0, "end": 5}
    assert get_ids(api_client, "/api/roles/", person=person.pk) == {role.pk}
    assert len(get_ids(api_client, "/api/roles/", organisation=organisation.pk)) == 2
    assert get_ids(api_client, "/api/roles/", source=source.pk) == {role.pk}


def test_roles_touching_unverified_records_are_hidden_from_anonymous(api_client, viewer):
    shown = RoleFactory(
        person=VerifiedPersonFactory(), organisation=VerifiedOrganisationFactory(), review_status=V
    )
    RoleFactory(person=PersonFactory(), organisation=VerifiedOrganisationFactory(), review_status=V)
    RoleFactory(person=VerifiedPersonFactory(), organisation=OrganisationFactory(), review_status=V)
    RoleFactory(person=VerifiedPersonFactory(), organisation=VerifiedOrganisationFactory())

    assert get_ids(api_client, "/api/roles/") == {shown.pk}
    api_client.force_login(viewer)
    assert len(get_ids(api_client, "/api/roles/")) == 4


# --- Query counts ------------------------------------------------------------------------------


def make_rows(count: int) -> None:
    for _ in range(count):
        organisation = VerifiedOrganisationFactory(parent=VerifiedOrganisationFactory())
        person = VerifiedPersonFactory(merged_into=VerifiedPersonFactory())
        operation = VerifiedOperationFactory(parent=VerifiedOperationFactory())
        ParticipationFactory(operation=operation, organisation=organisation, review_status=V)
        operation.target_people.add(person)
        operation.target_organisations.add(organisation)
        RoleFactory(person=person, organisation=organisation, review_status=V)


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/people/", 1),
        ("/api/organisations/", 1),
        # The operations, then participations, target people and target organisations.
        ("/api/operations/", 4),
        # The roles, then the sources stating them.
        ("/api/roles/", 2),
    ],
)
@pytest.mark.parametrize("rows", [1, 10])
def test_entity_lists_cost_the_same_queries_for_1_or_10_rows(
    api_client, django_assert_num_queries, url, queries, rows
):
    make_rows(rows)
    with django_assert_num_queries(queries):
        response = api_client.get(url, {"page_size": 200})
    assert len(response.json()["results"]) >= rows


def test_a_role_stated_by_two_sources_is_listed_under_each_with_its_passage(api_client):
    first, second = SourceFactory(), SourceFactory(text="The minister spoke again.")
    role = RoleFactory(
        person=VerifiedPersonFactory(),
        organisation=VerifiedOrganisationFactory(),
        source=first,
        span_start=0,
        span_end=3,
        review_status=V,
    )
    RoleEvidence.objects.create(role=role, source=first, span_start=0, span_end=3)
    RoleEvidence.objects.create(role=role, source=second, span_start=4, span_end=12)

    item = api_client.get("/api/roles/", {"source": second.pk}).json()["results"][0]

    assert item["id"] == role.pk
    assert item["source"]["id"] == second.pk
    assert item["span"] == {"start": 4, "end": 12}
    assert [e["source"]["id"] for e in item["sources"]] == sorted([first.pk, second.pk])
