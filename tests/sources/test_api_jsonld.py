"""Statements as schema.org claims (`?format=jsonld`): the output expands with pyld to
schema.org IRIs, round-trips each statement's text, speaker, date and source, shows anonymous
clients verified claims only, and is in the OpenAPI schema.

No network: a document loader serves schema.org's context from tests/sources/data/. That file
holds the published context's definitions (release 27.01, schemaorgcontext.jsonld) of the
terms the export uses, copied as they are, with the same `@vocab`; any other URL fails.
"""

import datetime
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pyld import jsonld

from tests.factories import (
    SourceFactory,
    StatementFactory,
    VerifiedOperationFactory,
    VerifiedOrganisationFactory,
    VerifiedPersonFactory,
    VerifiedStatementFactory,
)

SCHEMA = "http://schema.org/"
CONTEXT = json.loads((Path(__file__).parent / "data" / "schemaorg-context.jsonld").read_text())
TEXT = (
    "Harbour pilots met on Monday. The port will reopen on Friday, the harbourmaster said. "
    "The ministry said the channel was safe."
)


def offline_loader(url, options=None):
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"the test may not fetch {url}")
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


def expand(document) -> list[dict]:
    return jsonld.expand(document, {"documentLoader": offline_loader})


def passage(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


@pytest.fixture
def claims(db):
    publisher = VerifiedOrganisationFactory(name="Harbour Gazette")
    ministry = VerifiedOrganisationFactory(name="Ministry of Ports")
    source = SourceFactory(
        text=TEXT,
        title="Port to reopen",
        url="https://news.example/port-to-reopen",
        publisher=publisher,
        published=datetime.date(2031, 5, 6),
    )
    start, end = passage("The port will reopen on Friday")
    by_person = VerifiedStatementFactory(
        source=source,
        text="The port will reopen on Friday",
        span_start=start,
        span_end=end,
        said_on=datetime.date(2031, 5, 5),
        speaker_person=VerifiedPersonFactory(name="Mirela Dragomir"),
    )
    by_person.operations.add(VerifiedOperationFactory(name="Operation Still Water"))
    start, end = passage("the channel was safe")
    by_organisation = VerifiedStatementFactory(
        source=source,
        text="the channel was safe",
        span_start=start,
        span_end=end,
        speaker_person=None,
        speaker_organisation=ministry,
    )
    pending = StatementFactory(source=source, text="Harbour pilots met", span_start=0, span_end=18)
    return {"person": by_person, "organisation": by_organisation, "pending": pending}


def claims_by_id(expanded: list[dict]) -> dict[str, dict]:
    return {node["@id"]: node for node in expanded if f"{SCHEMA}Claim" in node.get("@type", [])}


def value(node: dict, term: str):
    (found,) = node[f"{SCHEMA}{term}"]
    return found.get("@value", found.get("@id", found))


def test_list_expands_to_schema_org_terms_only(api_client, claims):
    response = api_client.get("/api/statements/", {"format": "jsonld"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    document = response.json()
    assert document["@context"] == "https://schema.org"
    expanded = expand(document)
    assert expanded

    def check(node):
        if isinstance(node, list):
            for item in node:
                check(item)
        elif isinstance(node, dict):
            for key, item in node.items():
                assert key.startswith(SCHEMA) or key in ("@id", "@type", "@value"), key
                if key == "@type":
                    types = item if isinstance(item, list) else [item]
                    assert all(t.startswith(SCHEMA) for t in types), item
                check(item)

    check(expanded)


def test_each_claim_round_trips_text_speaker_date_and_source(api_client, claims):
    document = api_client.get("/api/statements/", {"format": "jsonld"}).json()
    expanded = claims_by_id(expand(document))
    for kind, statement in (("person", claims["person"]), ("organisation", claims["organisation"])):
        node = expanded[f"http://testserver/api/statements/{statement.pk}/"]
        assert value(node, "text") == statement.text
        (author,) = node[f"{SCHEMA}author"]
        speaker = statement.speaker_person or statement.speaker_organisation
        route = {"person": "people", "organisation": "organisations"}[kind]
        assert author["@id"] == f"http://testserver/api/{route}/{speaker.pk}/"
        assert author["@type"] == [
            SCHEMA + {"person": "Person", "organisation": "Organization"}[kind]
        ]
        assert value(author, "name") == speaker.name
        (work,) = node[f"{SCHEMA}appearance"]
        source = statement.source
        assert work["@id"] == f"http://testserver/api/sources/{source.pk}/"
        assert value(work, "url") == source.url
        assert value(work, "name") == source.title
        assert value(work, "datePublished") == "2031-05-06"
        (publisher,) = work[f"{SCHEMA}publisher"]
        assert value(publisher, "name") == "Harbour Gazette"
        (part,) = work[f"{SCHEMA}hasPart"]
        fragment = part["@id"].rpartition("#char=")[2]
        start, end = (int(n) for n in fragment.split(","))
        assert source.text[start:end] == statement.text
    dated = expanded[f"http://testserver/api/statements/{claims['person'].pk}/"]
    for term in ("dateCreated", "datePublished"):
        (date,) = dated[f"{SCHEMA}{term}"]
        assert date == {"@type": f"{SCHEMA}Date", "@value": "2031-05-05"}
    (about,) = dated[f"{SCHEMA}about"]
    assert value(about, "name") == "Operation Still Water"
    undated = expanded[f"http://testserver/api/statements/{claims['organisation'].pk}/"]
    assert f"{SCHEMA}dateCreated" not in undated


def test_anonymous_export_holds_verified_claims_only(api_client, claims, viewer):
    anonymous = claims_by_id(expand(api_client.get("/api/statements/?format=jsonld").json()))
    verified = {claims["person"].pk, claims["organisation"].pk}
    assert set(anonymous) == {f"http://testserver/api/statements/{pk}/" for pk in verified}
    api_client.force_authenticate(viewer)
    staff = claims_by_id(expand(api_client.get("/api/statements/?format=jsonld").json()))
    assert f"http://testserver/api/statements/{claims['pending'].pk}/" in staff


def test_detail_is_one_claim(api_client, claims):
    statement = claims["person"]
    document = api_client.get(f"/api/statements/{statement.pk}/?format=jsonld").json()
    assert document["@type"] == "Claim"
    (node,) = expand(document)
    assert node["@id"] == f"http://testserver/api/statements/{statement.pk}/"
    assert (
        api_client.get(f"/api/statements/{claims['pending'].pk}/?format=jsonld").status_code == 404
    )


def test_filters_apply_and_errors_stay_plain_json(api_client, claims):
    speaker = claims["organisation"].speaker_organisation.pk
    document = api_client.get(
        "/api/statements/", {"format": "jsonld", "speaker": f"organisation:{speaker}"}
    ).json()
    assert [c["text"] for c in document["@graph"]] == ["the channel was safe"]
    bad = api_client.get("/api/statements/", {"format": "jsonld", "said_after": "soon"})
    assert bad.status_code == 400
    assert bad["Content-Type"] == "application/json"


def test_accept_header_selects_json_ld(api_client, claims):
    response = api_client.get("/api/statements/", HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"] == "application/ld+json"
    assert "@graph" in response.json()


def test_a_page_costs_one_query_more_than_json_with_1_or_10_claims(
    api_client, db, django_assert_num_queries
):
    counts, made = [], 0
    for size in (1, 10):
        VerifiedStatementFactory.create_batch(size - made)
        made = size
        with CaptureQueriesContext(connection) as plain:
            api_client.get("/api/statements/")
        # The page's own queries, and the sources' URLs.
        with django_assert_num_queries(len(plain.captured_queries) + 1):
            response = api_client.get("/api/statements/", {"format": "jsonld"})
        assert len(response.json()["@graph"]) == size
        counts.append(len(plain.captured_queries))
    assert counts[0] == counts[1]


def test_json_ld_answers_are_in_the_schema(api_client):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    statements = schema["paths"]["/api/statements/"]["get"]["responses"]["200"]["content"]
    detail = schema["paths"]["/api/statements/{id}/"]["get"]["responses"]["200"]["content"]
    assert statements["application/ld+json"]["schema"] == {
        "$ref": "#/components/schemas/ClaimGraph"
    }
    assert detail["application/ld+json"]["schema"] == {"$ref": "#/components/schemas/ClaimDocument"}
    claim = schema["components"]["schemas"]["Claim"]
    assert {"text", "author", "dateCreated", "datePublished", "appearance", "about"} <= set(
        claim["properties"]
    )
    # Other endpoints keep their formats.
    people = schema["paths"]["/api/people/"]["get"]["responses"]["200"]["content"]
    assert "application/ld+json" not in people
