"""Confidence and evidence in every machine-made record's payload, the min_confidence and
max_confidence filters, and both in the CSV and FollowTheMoney exports."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    RoleFactory,
    VerifiedOperationFactory,
    VerifiedOrganisationFactory,
    VerifiedPersonFactory,
    VerifiedStatementFactory,
)

pytestmark = pytest.mark.django_db

EVIDENCE = {"rules": ["apposition"], "mentions": 3, "label_agreed": True, "model": "test"}


def make(kind: str, confidence, **extra):
    """A verified record of `kind` with this confidence and the evidence above."""
    values = {"confidence": confidence, "confidence_evidence": EVIDENCE, **extra}
    if kind == "people":
        return VerifiedPersonFactory(**values)
    if kind == "organisations":
        return VerifiedOrganisationFactory(**values)
    if kind == "operations":
        return VerifiedOperationFactory(**values)
    if kind == "roles":
        return RoleFactory(
            person=VerifiedPersonFactory(),
            organisation=VerifiedOrganisationFactory(),
            review_status="verified",
            **values,
        )
    return VerifiedStatementFactory(speaker_person__review_status="verified", **values)


KINDS = ["people", "organisations", "operations", "roles", "statements"]


@pytest.mark.parametrize("kind", KINDS)
def test_each_record_type_carries_its_confidence_and_evidence(api_client, kind):
    record = make(kind, 0.83)

    item = api_client.get(f"/api/{kind}/").json()["results"][0]
    detail = api_client.get(f"/api/{kind}/{record.pk}/").json()

    assert item["confidence"] == 0.83 and item["evidence"] == EVIDENCE
    assert detail["confidence"] == 0.83 and detail["evidence"] == EVIDENCE


@pytest.mark.parametrize("kind", KINDS)
def test_a_record_people_made_has_no_confidence_and_empty_evidence(api_client, kind):
    make(kind, None, confidence_evidence={})

    item = api_client.get(f"/api/{kind}/").json()["results"][0]

    assert (item["confidence"], item["evidence"]) == (None, {})


@pytest.mark.parametrize("kind", KINDS)
def test_min_and_max_confidence_filter_every_list(api_client, kind):
    low, middle, high = make(kind, 0.2), make(kind, 0.6), make(kind, 0.95)

    def ids(**params):
        return {r["id"] for r in api_client.get(f"/api/{kind}/", params).json()["results"]}

    assert ids(min_confidence="0.6") == {middle.pk, high.pk}
    assert ids(max_confidence="0.6") == {low.pk, middle.pk}
    assert ids(min_confidence="0.5", max_confidence="0.7") == {middle.pk}
    assert ids(min_confidence="1") == set()
    assert ids(max_confidence="0") == set()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("value", ["high", "1.5", "-0.1", "nan", "inf", ""])
def test_a_bad_confidence_bound_is_a_clear_400(api_client, kind, value):
    response = api_client.get(f"/api/{kind}/", {"min_confidence": value, "max_confidence": "x"})

    if value == "":
        # An empty bound is no bound, as with the other filters; the other one is still wrong.
        assert response.status_code == 400
        assert "min_confidence" not in json.dumps(response.json())
        return
    assert response.status_code == 400
    body = json.dumps(response.json())
    assert "min_confidence" in body and "max_confidence" in body


def test_filters_leave_records_people_made_out(api_client):
    make("people", None)
    machine = make("people", 0.5)

    found = api_client.get("/api/people/", {"max_confidence": "1"}).json()["results"]

    assert [r["id"] for r in found] == [machine.pk]


def test_the_schema_describes_the_confidence_filters(api_client):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    parameters = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/statements/"]["get"]["parameters"]
    }

    assert parameters["min_confidence"]["minimum"] == 0
    assert parameters["max_confidence"]["maximum"] == 1


@pytest.mark.parametrize("kind", KINDS)
def test_csv_has_confidence_and_the_evidence_as_one_json_cell(api_client, kind):
    make(kind, 0.71)

    response = api_client.get(f"/api/{kind}/", {"format": "csv"})

    row = next(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["confidence"] == "0.71"
    assert json.loads(row["evidence"]) == EVIDENCE


def test_ftm_export_notes_the_confidence_of_people_organisations_and_roles(api_client):
    role = make("roles", 0.64, title="Harbour master")
    role.person.confidence = 0.9
    role.person.save()

    response = api_client.get("/api/exports/ftm/")
    lines = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]

    by_schema = {}
    for entity in lines:
        by_schema.setdefault(entity["schema"], []).append(entity["properties"])
    assert by_schema["Person"][0]["notes"] == ["confidence 0.90 (machine-extracted, verified)"]
    assert by_schema["Membership"][0]["summary"] == [
        "confidence 0.64 (machine-extracted, verified)"
    ]
    organisation = next(v for k, v in by_schema.items() if k not in {"Person", "Membership"})
    assert "notes" not in organisation[0]  # made by people: no confidence to note


@pytest.mark.parametrize("kind", KINDS)
def test_confidence_filters_cost_the_same_queries_for_1_or_10_rows(api_client, kind):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api_client.get(f"/api/{kind}/", {"min_confidence": "0.5", "page_size": 200})
        assert response.status_code == 200
        return len(captured)

    make(kind, 0.9)
    one = queries()
    for _ in range(9):
        make(kind, 0.9)
    assert queries() == one
