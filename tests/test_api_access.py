"""The API as a whole: root, schema and docs, throttling, 404s, the browsable API, and the
contract the extraction scorer (../shared/eval/score_extraction.py) relies on."""

import pytest
from rest_framework.throttling import AnonRateThrottle

from tests.factories import (
    MentionFactory,
    OperationFactory,
    SourceFactory,
    StatementFactory,
    VerifiedOrganisationFactory,
    VerifiedPersonFactory,
    VerifiedStatementFactory,
)

pytestmark = pytest.mark.django_db
ENDPOINTS = ["people", "organisations", "operations", "statements", "sources", "roles", "mentions"]


def test_api_root_lists_every_endpoint(api_client):
    response = api_client.get("/api/")

    assert response.status_code == 200
    assert set(response.json()) == set(ENDPOINTS)


def test_schema_and_docs_are_served(api_client):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    docs = api_client.get("/api/docs/")

    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {f"/api/{name}/" for name in ENDPOINTS} <= set(paths)
    parameters = {p["name"] for p in paths["/api/statements/"]["get"]["parameters"]}
    assert {"speaker", "organisation", "mentions", "q", "ordering", "cursor"} <= parameters
    assert docs.status_code == 200


@pytest.mark.parametrize("name", ENDPOINTS)
def test_unknown_or_malformed_id_is_a_json_404(api_client, name):
    for pk in ("999999", "1.5", "abc", "-1", "99999999999999999999999"):
        response = api_client.get(f"/api/{name}/{pk}/")
        assert response.status_code == 404, (name, pk)
        assert response.json()["detail"]


def test_anonymous_clients_are_throttled_with_a_json_429(api_client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/min"})

    statuses = [api_client.get("/api/people/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    response = api_client.get("/api/people/")
    assert response.json()["detail"]
    assert response["Retry-After"]


def test_browsable_api_escapes_text_and_hides_unverified_records(api_client):
    VerifiedStatementFactory(text="<script>alert(1)</script> said the spokesman")
    StatementFactory(text="A pending secret statement")

    response = api_client.get("/api/statements/", HTTP_ACCEPT="text/html")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "pending secret" not in html


def test_extraction_scorer_contract(client, django_user_model):
    """What score_extraction.py reads, as a logged-in superuser following `next` links."""
    user = django_user_model.objects.create_superuser("scorer", "s@example.invalid", None)
    client.force_login(user)
    source = SourceFactory(file_name="venezuela.txt")
    person = VerifiedPersonFactory(name="Nicolás Maduro", aliases=["Maduro"])
    organisation = VerifiedOrganisationFactory()
    operation = OperationFactory(name="Operation Southern Spear")
    MentionFactory(source=source, person=person)
    MentionFactory(source=source, person=None, organisation=organisation)
    MentionFactory(source=source, person=None, operation=operation)
    for n in range(3):
        StatementFactory(source=source, speaker_person=person, text=f"Quote {n}", kind="direct")

    def get_all(url):
        items = []
        while url:
            response = client.get(url, HTTP_ACCEPT="application/json")
            assert response.status_code == 200
            items += response.json()["results"]
            url = response.json()["next"]
        return items

    (listed,) = get_all("/api/sources/")
    assert (listed["id"], listed["file_name"]) == (source.pk, "venezuela.txt")
    for kind, record in [
        ("people", person),
        ("organisations", organisation),
        ("operations", operation),
    ]:
        (item,) = get_all(f"/api/{kind}/?source={source.pk}")
        assert (item["id"], item["name"], item["aliases"]) == (
            record.pk,
            record.name,
            record.aliases,
        )
    statements = get_all(f"/api/statements/?source={source.pk}&page_size=2")
    assert len(statements) == 3
    assert {s["kind"] for s in statements} == {"direct"}
    assert statements[0]["speaker"] == {"id": person.pk, "type": "person", "name": person.name}
    assert {s["text"] for s in statements} == {"Quote 0", "Quote 1", "Quote 2"}


def test_browsable_api_offers_editors_a_write_form(api_client, editor):
    api_client.force_login(editor)

    response = api_client.get("/api/statements/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert 'name="speaker_person"' in response.content.decode()


# --- Caching of answers that may hold unverified records (issue 14) -------------------


@pytest.mark.parametrize(
    "url",
    ["/api/people/", "/api/statements/?format=csv", "/api/sources/", "/api/exports/ftm/"],
)
def test_answers_to_logged_in_clients_are_private_and_not_stored(api_client, viewer, url):
    StatementFactory()
    anonymous = api_client.get(url)
    api_client.force_authenticate(viewer)

    logged_in = api_client.get(url)

    assert logged_in.status_code == 200
    assert logged_in["Cache-Control"] == "private, no-store"
    assert "no-store" not in anonymous.get("Cache-Control", "")


def test_the_schema_says_the_ftm_exports_errors_are_json(api_client):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    responses = schema["paths"]["/api/exports/ftm/"]["get"]["responses"]

    assert set(responses["429"]["content"]) == {"application/json"}
    assert set(responses["200"]["content"]) == {"application/x-ndjson"}
