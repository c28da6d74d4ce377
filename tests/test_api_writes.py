"""Writes through the API: who may write, what a write records, and what it refuses."""

import hashlib

import pytest
from rest_framework.authtoken.models import Token

from entities.models import Person
from sources.models import Source, Statement
from tests.factories import (
    OperationFactory,
    OrganisationFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(api_client, editor):
    api_client.force_login(editor)
    return api_client


def test_anonymous_writes_answer_401(api_client):
    person = PersonFactory(review_status="verified")

    assert api_client.post("/api/people/", {"name": "X"}, format="json").status_code == 401
    assert api_client.patch(f"/api/people/{person.pk}/", {"name": "Y"}).status_code == 401
    assert api_client.delete(f"/api/people/{person.pk}/").status_code == 401
    assert Person.objects.get().name == person.name


def test_viewer_without_change_permissions_gets_403(api_client, viewer):
    person = PersonFactory()
    api_client.force_login(viewer)

    response = api_client.patch(f"/api/people/{person.pk}/", {"name": "Y"}, format="json")

    assert response.status_code == 403
    assert response.json()["detail"]
    assert api_client.post("/api/people/", {"name": "X"}, format="json").status_code == 403


def test_editor_creates_a_person_that_is_curated(editor_client):
    response = editor_client.post(
        "/api/people/", {"name": "Delcy Rodríguez", "aliases": ["Delcy"]}, format="json"
    )

    assert response.status_code == 201, response.content
    person = Person.objects.get(pk=response.json()["id"])
    assert person.curated
    assert response.json()["aliases"] == ["Delcy"]
    assert person.reviewed_by is None


def test_token_authentication_allows_writes(api_client, editor):
    token = Token.objects.create(user=editor)

    response = api_client.post(
        "/api/people/",
        {"name": "Token User"},
        format="json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )

    assert response.status_code == 201


def test_review_status_change_records_who_and_when(editor_client, editor):
    person = PersonFactory()

    response = editor_client.patch(
        f"/api/people/{person.pk}/", {"review_status": "verified"}, format="json"
    )

    assert response.status_code == 200, response.content
    person.refresh_from_db()
    assert person.review_status == "verified"
    assert person.reviewed_by == editor
    assert person.reviewed_at is not None
    assert person.curated


def test_edit_without_status_change_is_curated_but_not_a_review(editor_client):
    person = PersonFactory()

    editor_client.patch(f"/api/people/{person.pk}/", {"country": "Venezuela"}, format="json")

    person.refresh_from_db()
    assert person.curated
    assert person.reviewed_by is None


def test_duplicate_name_is_refused_with_the_field_named(editor_client):
    PersonFactory(name="Marco Rubio")

    response = editor_client.post("/api/people/", {"name": "MARCO RUBIO"}, format="json")

    assert response.status_code == 400
    assert "name" in response.json()["errors"]


def test_operation_that_ends_before_it_starts_is_refused(editor_client):
    response = editor_client.post(
        "/api/operations/",
        {"name": "Operation Backwards", "start_date": "2025-02-01", "end_date": "2025-01-01"},
        format="json",
    )

    assert response.status_code == 400
    assert "end_date" in response.json()["errors"]


def test_editor_creates_a_statement_and_gets_the_read_payload(editor_client):
    source = SourceFactory(text="The minister said we will respond firmly.")
    speaker = PersonFactory(name="The Minister")
    operation = OperationFactory()

    response = editor_client.post(
        "/api/statements/",
        {
            "text": "we will respond firmly",
            "kind": "direct",
            "speaker_person": speaker.pk,
            "source": source.pk,
            "span_start": 18,
            "span_end": 40,
            "operations": [operation.pk],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["speaker"] == {"id": speaker.pk, "type": "person", "name": "The Minister"}
    assert body["operations"] == [{"id": operation.pk, "name": operation.name}]
    assert Statement.objects.get().curated


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"speaker_organisation": "ORG"}, "speaker_person"),
        ({"speaker_person": None}, "speaker_person"),
        ({"span_end": 10_000}, "span_end"),
        ({"span_start": 9, "span_end": 3}, "span_end"),
        ({"text": "Already here"}, "text"),
        ({"source": 999_999}, "source"),
        ({"kind": "shouted"}, "kind"),
    ],
)
def test_invalid_statement_is_refused_naming_the_field(editor_client, change, field):
    source = SourceFactory(text="Already here, and more text besides.")
    StatementFactory(source=source, text="Already here", span_start=0, span_end=12)
    data = {
        "text": "and more text",
        "speaker_person": PersonFactory().pk,
        "source": source.pk,
        "span_start": 14,
        "span_end": 27,
    }
    if change.get("speaker_organisation") == "ORG":
        change = {"speaker_organisation": OrganisationFactory().pk}
    data |= change

    response = editor_client.post("/api/statements/", data, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]


def test_deleting_a_person_who_has_statements_is_a_409(editor_client):
    statement = StatementFactory()

    response = editor_client.delete(f"/api/people/{statement.speaker_person_id}/")

    assert response.status_code == 409
    assert "statements" in response.json()["detail"]
    assert Person.objects.filter(pk=statement.speaker_person_id).exists()


def test_editor_deletes_a_statement(editor_client):
    statement = StatementFactory()

    assert editor_client.delete(f"/api/statements/{statement.pk}/").status_code == 204
    assert not Statement.objects.exists()


def test_source_created_through_the_api_gets_its_checksum(editor_client):
    response = editor_client.post(
        "/api/sources/", {"title": "Memo", "text": "Body of the memo."}, format="json"
    )

    assert response.status_code == 201, response.content
    source = Source.objects.get()
    assert source.sha256 == hashlib.sha256(b"Body of the memo.").hexdigest()
    assert response.json()["text"] == "Body of the memo."
    again = editor_client.post(
        "/api/sources/", {"title": "Copy", "text": "Body of the memo."}, format="json"
    )
    assert again.status_code == 400
    assert "text" in again.json()["errors"]


def test_mention_needs_exactly_one_entity_inside_its_source(editor_client):
    source = SourceFactory(text="Short text.")
    base = {"source": source.pk, "span_start": 0, "span_end": 5, "text": "Short"}

    none = editor_client.post("/api/mentions/", base, format="json")
    too_long = editor_client.post(
        "/api/mentions/", base | {"person": PersonFactory().pk, "span_end": 50}, format="json"
    )
    good = editor_client.post(
        "/api/mentions/", base | {"person": PersonFactory().pk}, format="json"
    )

    assert none.status_code == 400 and "person" in none.json()["errors"]
    assert too_long.status_code == 400 and "span_end" in too_long.json()["errors"]
    assert good.status_code == 201, good.content
    assert good.json()["entity"]["type"] == "person"


def test_role_is_created_and_curated(editor_client):
    person, organisation = PersonFactory(), OrganisationFactory()

    response = editor_client.post(
        "/api/roles/",
        {"person": person.pk, "organisation": organisation.pk, "title": "Minister"},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["person"]["id"] == person.pk
    duplicate = editor_client.post(
        "/api/roles/",
        {"person": person.pk, "organisation": organisation.pk, "title": "Minister"},
        format="json",
    )
    assert duplicate.status_code == 400


# --- Writes that would go around a workflow (issue 14) ----------------------------------


def test_a_sources_text_cannot_be_changed_through_the_api(editor_client):
    source = SourceFactory(text="Minister Ada Okafor said the quay would open in May.")
    statement = StatementFactory(source=source, span_start=0, span_end=40)
    before = (source.text, source.sha256)

    patched = editor_client.patch(f"/api/sources/{source.pk}/", {"text": "short"}, format="json")
    put = editor_client.put(
        f"/api/sources/{source.pk}/", {"title": "New title", "text": "short"}, format="json"
    )
    retitled = editor_client.patch(
        f"/api/sources/{source.pk}/", {"title": "Quay report"}, format="json"
    )

    assert patched.status_code == 400 and "load_seeds" in patched.json()["errors"]["text"][0]
    assert put.status_code == 400
    assert retitled.status_code == 200, retitled.content
    source.refresh_from_db()
    assert (source.text, source.sha256) == before
    assert source.title == "Quay report"
    statement.refresh_from_db()
    assert statement.span_end <= len(source.text)


def test_the_schema_offers_no_text_for_a_source_update(api_client):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    components = schema["components"]["schemas"]
    patch = schema["paths"]["/api/sources/{id}/"]["patch"]["requestBody"]["content"]
    ref = patch["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]

    assert "text" not in components[ref]["properties"]
    assert "text" in components["SourceWriteRequest"]["properties"]


def test_deleting_a_source_with_verified_or_curated_statements_is_a_409(editor_client):
    verified = StatementFactory(review_status="verified")
    curated = StatementFactory(curated=True)
    machine_made = StatementFactory()

    answers = {
        name: editor_client.delete(f"/api/sources/{statement.source_id}/")
        for name, statement in (("verified", verified), ("curated", curated))
    }
    plain = editor_client.delete(f"/api/sources/{machine_made.source_id}/")

    for answer in answers.values():
        assert answer.status_code == 409
        assert "1 verified or curated statement" in answer.json()["detail"]
    assert Statement.objects.filter(pk__in=[verified.pk, curated.pk]).count() == 2
    assert plain.status_code == 204
    assert not Source.objects.filter(pk=machine_made.source_id).exists()


def test_merged_into_cannot_be_set_through_the_api(editor_client):
    person, other = PersonFactory(), PersonFactory()

    response = editor_client.patch(
        f"/api/people/{person.pk}/", {"merged_into": other.pk}, format="json"
    )

    assert response.status_code == 400
    assert "merge" in response.json()["errors"]["merged_into"][0]
    person.refresh_from_db()
    assert person.merged_into is None


def test_changing_review_status_needs_the_review_permission(api_client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("changer", password="x-changer-pass-9")
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="entities"))
    api_client.force_login(user)
    person = PersonFactory()

    review = api_client.patch(
        f"/api/people/{person.pk}/", {"review_status": "verified"}, format="json"
    )
    created = api_client.post(
        "/api/people/", {"name": "Ada Okafor", "review_status": "verified"}, format="json"
    )
    edit = api_client.patch(f"/api/people/{person.pk}/", {"country": "Kenya"}, format="json")

    assert review.status_code == 403 and created.status_code == 403
    assert edit.status_code == 200
    person.refresh_from_db()
    assert person.review_status == "pending"
    assert not Person.objects.filter(name="Ada Okafor").exists()
