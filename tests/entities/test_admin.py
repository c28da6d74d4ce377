"""Admin for people, organisations, operations, roles and participations."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.review import ReviewStatus
from entities.models import Person
from tests.factories import (
    OperationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    RoleFactory,
    StaffUserFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

PEOPLE = "/admin/entities/person/"


def client_for(group: str) -> tuple[Client, object]:
    user = StaffUserFactory(groups=[group])
    client = Client()
    client.force_login(user)
    return client, user


@pytest.fixture
def editor_client():
    return client_for("Editor")[0]


@pytest.fixture
def researcher_client():
    return client_for("Researcher")[0]


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/admin/entities/person/", lambda: RoleFactory(person=StatementFactory().speaker_person)),
        (
            "/admin/entities/organisation/",
            lambda: OrganisationFactory(parent=OrganisationFactory()),
        ),
        ("/admin/entities/operation/", lambda: OperationFactory(parent=OperationFactory())),
        ("/admin/entities/role/", RoleFactory),
        ("/admin/entities/participation/", ParticipationFactory),
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


@pytest.mark.parametrize(
    "query",
    [
        "q=Maduro",
        "q=nicolas",  # accents folded
        "q=NICOLÁS MADURO MOROS",  # an alias, in capitals
        "review_status__exact=pending",
        "merged=no",
        "country=Venezuela",
    ],
)
def test_people_are_found_by_name_alias_and_filters(researcher_client, query):
    maduro = PersonFactory(
        name="Nicolás Maduro", aliases=["Nicolás Maduro Moros"], country="Venezuela"
    )
    PersonFactory(
        name="Someone Else",
        country="Colombia",
        review_status=ReviewStatus.VERIFIED,
        merged_into=maduro,
    )

    response = researcher_client.get(f"{PEOPLE}?{query}")

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [maduro]


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/admin/entities/organisation/", "kind__exact=military&q=armada"),
        ("/admin/entities/operation/", "kind__exact=raid&q=spear"),
    ],
)
def test_organisations_and_operations_filter_by_kind(researcher_client, url, query):
    if "organisation" in url:
        OrganisationFactory(name="Armada Bolivariana", kind="military")
        OrganisationFactory(name="Armada Nacional", kind="government")
    else:
        OperationFactory(name="Southern Spear", kind="raid")
        OperationFactory(name="Spear Two", kind="campaign")
    response = researcher_client.get(f"{url}?{query}")
    assert len(response.context["cl"].result_list) == 1


def test_a_researcher_may_view_but_not_change_a_person(researcher_client):
    person = PersonFactory(name="Delcy Rodríguez")

    page = researcher_client.get(f"{PEOPLE}{person.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()

    response = researcher_client.post(f"{PEOPLE}{person.pk}/change/", {"name": "Changed"})
    assert response.status_code == 403
    assert Person.objects.get(pk=person.pk).name == "Delcy Rodríguez"
    assert researcher_client.get(f"{PEOPLE}add/").status_code == 403


def test_a_researcher_verifies_with_the_changelist_action(researcher_client):
    person = PersonFactory()

    researcher_client.post(PEOPLE, {"action": "verify_selected", "_selected_action": [person.pk]})

    person.refresh_from_db()
    assert person.review_status == ReviewStatus.VERIFIED
    assert person.reviewed_by is not None
    assert person.curated


def person_form(person, **changes):
    data = {
        "name": person.name,
        "disambiguation": "",
        "aliases": "\n".join(person.aliases),
        "description": "",
        "country": person.country,
        "wikidata_id": "",
        "review_status": person.review_status,
        "confidence": "",
        "roles-TOTAL_FORMS": "0",
        "roles-INITIAL_FORMS": "0",
        "statements-TOTAL_FORMS": "0",
        "statements-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def test_an_editors_save_marks_the_record_curated_and_is_in_its_history():
    client, editor = client_for("Editor")
    person = PersonFactory(name="Vladimir Padrino", aliases=["V. Padrino"])

    response = client.post(
        f"{PEOPLE}{person.pk}/change/",
        person_form(person, aliases="V. Padrino\nPadrino López", review_status="verified"),
    )

    assert response.status_code == 302, response.context["errors"]
    person.refresh_from_db()
    assert person.aliases == ["V. Padrino", "Padrino López"]
    assert person.curated
    assert (person.reviewed_by, person.review_status) == (editor, ReviewStatus.VERIFIED)
    assert person.history.first().history_user == editor


def test_history_is_viewable_and_only_editors_can_revert():
    person = PersonFactory(name="First Name")
    person.name = "Second Name"
    person.save()
    first = person.history.last()
    url = f"{PEOPLE}{person.pk}/history/{first.history_id}/"

    researcher_client = client_for("Researcher")[0]
    assert researcher_client.get(f"{PEOPLE}{person.pk}/history/").status_code == 200
    assert researcher_client.post(url, person_form(first.instance)).status_code == 403
    assert Person.objects.get(pk=person.pk).name == "Second Name"

    editor_client = client_for("Editor")[0]
    response = editor_client.post(url, person_form(first.instance))
    assert response.status_code == 302
    reverted = Person.objects.get(pk=person.pk)
    assert reverted.name == "First Name"
    assert reverted.curated


def test_a_hostile_name_is_escaped_in_lists_and_pages(researcher_client):
    person = PersonFactory(name='<script>alert("p")</script>', aliases=["<b>bold</b>"])

    for url in (PEOPLE, f"{PEOPLE}{person.pk}/change/"):
        html = researcher_client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "<b>bold</b>" not in html
        assert "&lt;script&gt;" in html


def test_the_person_page_shows_roles_and_statements_inline(researcher_client):
    statement = StatementFactory(text="We will not stop.")
    RoleFactory(person=statement.speaker_person, title="Minister of the Interior")

    html = researcher_client.get(f"{PEOPLE}{statement.speaker_person.pk}/change/").content
    assert b"We will not stop." in html
    assert b"Minister of the Interior" in html


def test_an_editor_adds_a_person_with_a_role(editor_client):
    ministry = OrganisationFactory(name="Ministry of Defence")
    data = {
        "name": "Diosdado Cabello",
        "aliases": "Cabello Rondón",
        "review_status": "pending",
        "roles-TOTAL_FORMS": "1",
        "roles-INITIAL_FORMS": "0",
        "roles-0-title": "Minister",
        "roles-0-organisation": ministry.pk,
        "roles-0-review_status": "pending",
    }

    response = editor_client.post(f"{PEOPLE}add/", data)

    assert response.status_code == 302, response.context["errors"]
    person = Person.objects.get()
    assert person.aliases == ["Cabello Rondón"]
    assert person.curated
    role = person.roles.get()
    assert (role.title, role.organisation, role.curated) == ("Minister", ministry, True)
