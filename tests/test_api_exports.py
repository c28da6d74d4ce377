"""Exports: CSV of any list (`?format=csv`) and FollowTheMoney JSON lines of people,
organisations and roles; anonymous clients get verified records only."""

import csv
import io
import json

import pytest

from tests.factories import (
    OrganisationFactory,
    PersonFactory,
    RoleFactory,
    SourceFactory,
    VerifiedOperationFactory,
    VerifiedOrganisationFactory,
    VerifiedPersonFactory,
    VerifiedStatementFactory,
)

pytestmark = pytest.mark.django_db
V = "verified"


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def ftm_entities(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-ndjson")
    body = b"".join(response.streaming_content).decode()
    return [json.loads(line) for line in body.splitlines()]


# --- CSV ----------------------------------------------------------------------------------------


def test_statement_csv_flattens_nested_fields(api_client):
    statement = VerifiedStatementFactory(speaker_person__name="Pete Hegseth")
    statement.operations.add(
        VerifiedOperationFactory(name="Operation A"), VerifiedOperationFactory(name="Operation B")
    )

    rows = csv_rows(api_client.get("/api/statements/", {"format": "csv"}))

    assert len(rows) == 1
    row = rows[0]
    assert row["speaker.name"] == "Pete Hegseth"
    assert row["speaker.type"] == "person"
    assert row["source.title"] == statement.source.title
    assert row["span.start"] == "0"
    assert row["operations.name"] == "Operation A; Operation B"
    assert row["reported_by.name"] == ""


def test_csv_columns_do_not_depend_on_the_rows(api_client):
    header = api_client.get("/api/statements/", {"format": "csv"}).content.decode().splitlines()
    VerifiedStatementFactory()
    full = api_client.get("/api/statements/", {"format": "csv"}).content.decode().splitlines()

    assert header == [full[0]]


def test_csv_of_people_and_a_next_link_header(api_client):
    VerifiedPersonFactory(name="Ana", aliases=["A.", "Anita"])
    VerifiedPersonFactory(name="Bea")

    response = api_client.get("/api/people/", {"format": "csv", "page_size": 1})

    assert csv_rows(response)[0]["aliases"] == "A.; Anita"
    assert 'rel="next"' in response["Link"]


def test_csv_neutralises_spreadsheet_formulas(api_client):
    VerifiedStatementFactory(text='=HYPERLINK("http://evil")')

    row = csv_rows(api_client.get("/api/statements/", {"format": "csv"}))[0]

    assert row["text"].startswith("'=")


def test_csv_export_has_only_verified_rows_for_anonymous(api_client, viewer):
    VerifiedPersonFactory(name="Shown")
    PersonFactory(name="Hidden")

    assert [r["name"] for r in csv_rows(api_client.get("/api/people/?format=csv"))] == ["Shown"]
    api_client.force_login(viewer)
    assert len(csv_rows(api_client.get("/api/people/?format=csv"))) == 2


def test_csv_of_a_detail_view_is_one_row(api_client):
    source = SourceFactory(text="Body")

    rows = csv_rows(api_client.get(f"/api/sources/{source.pk}/", {"format": "csv"}))

    assert rows[0]["text"] == "Body"


def test_errors_stay_json_when_csv_is_asked_for(api_client):
    response = api_client.get("/api/statements/", {"format": "csv", "said_after": "nope"})

    assert response.status_code == 400
    assert response.json()["errors"]["said_after"]


# --- FollowTheMoney ------------------------------------------------------------------------------


def test_ftm_export_of_people_organisations_and_roles(api_client):
    person = VerifiedPersonFactory(
        name="Nicolás Maduro", aliases=["Maduro"], country="Venezuela", wikidata_id="Q57413"
    )
    government = VerifiedOrganisationFactory(name="Government of Venezuela", kind="government")
    company = VerifiedOrganisationFactory(name="PDVSA", kind="company", parent=government)
    RoleFactory(person=person, organisation=government, title="President", review_status=V)
    RoleFactory(person=person, organisation=company, title="Adviser", review_status=V)

    entities = ftm_entities(api_client.get("/api/exports/ftm/"))

    by_schema = {}
    for entity in entities:
        by_schema.setdefault(entity["schema"], []).append(entity)
    (exported_person,) = by_schema["Person"]
    assert exported_person["properties"]["name"] == ["Nicolás Maduro"]
    assert exported_person["properties"]["alias"] == ["Maduro"]
    assert exported_person["properties"]["country"] == ["ve"]
    assert exported_person["properties"]["wikidataId"] == ["Q57413"]
    (public_body,) = by_schema["PublicBody"]
    (exported_company,) = by_schema["Company"]
    assert exported_company["properties"]["parent"] == [public_body["id"]]
    (membership,) = by_schema["Membership"]
    assert membership["properties"]["member"] == [exported_person["id"]]
    assert membership["properties"]["organization"] == [public_body["id"]]
    assert membership["properties"]["role"] == ["President"]
    (employment,) = by_schema["Employment"]
    assert employment["properties"]["employee"] == [exported_person["id"]]
    assert employment["properties"]["employer"] == [exported_company["id"]]


def test_ftm_ids_are_stable_across_exports(api_client):
    VerifiedPersonFactory()

    first = ftm_entities(api_client.get("/api/exports/ftm/"))
    second = ftm_entities(api_client.get("/api/exports/ftm/"))

    assert [e["id"] for e in first] == [e["id"] for e in second]


def test_ftm_export_has_only_verified_records_for_anonymous(api_client, viewer):
    person = VerifiedPersonFactory(name="Shown Person")
    PersonFactory(name="Hidden Person")
    hidden_parent = OrganisationFactory(name="Hidden Parent")
    organisation = VerifiedOrganisationFactory(parent=hidden_parent)
    RoleFactory(person=person, organisation=organisation)  # pending role
    RoleFactory(person=person, organisation=hidden_parent, review_status=V)

    anonymous = ftm_entities(api_client.get("/api/exports/ftm/"))
    api_client.force_login(viewer)
    everything = ftm_entities(api_client.get("/api/exports/ftm/"))

    names = [n for e in anonymous for n in e["properties"].get("name", [])]
    assert "Hidden Person" not in names and "Hidden Parent" not in names
    assert {e["schema"] for e in anonymous} == {"Person", "Organization"}
    assert "parent" not in [e for e in anonymous if e["schema"] == "Organization"][0]["properties"]
    assert len(everything) == 6  # 2 people, 2 organisations, 2 roles
