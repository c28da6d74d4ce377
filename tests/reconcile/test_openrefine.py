"""The service from OpenRefine's side: the requests it sends, in the order it sends them, to
reconcile a spreadsheet column of names typed the way journalists type them (accents left
out, surnames alone, nicknames, acronyms) and then fetch columns of data for the matches.

OpenRefine reads the manifest, posts `queries=` in batches of ten as a form, shows previews
from the manifest's template, completes types and properties with the suggest services,
asks which properties a type has and posts `extend=` for the matched ids.
"""

import json
from urllib.parse import quote, urlsplit

from tests.reconcile.spec import assert_valid


def path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def test_a_column_reconciles_and_extends_as_openrefine_does(api_client, directory):
    manifest = api_client.get("/api/reconcile/").json()
    assert_valid("manifest", manifest)
    endpoint = path(manifest["identifierSpace"]).removesuffix("entities/")

    # The type dialog: OpenRefine offers the default types and completes others.
    types = api_client.get(
        path(
            manifest["suggest"]["type"]["service_url"] + manifest["suggest"]["type"]["service_path"]
        ),
        {"prefix": "pers"},
    ).json()
    assert [t["id"] for t in types["result"]] == ["person"]

    column = {
        "q0": "Joaquin Ibanez Soler",  # accents left out
        "q1": "Lidia Soler",
        "q2": "Soler",  # a surname two people share
        "q3": "Quino Ibanez",  # an alias
        "q4": "Bernasconi",  # pending: anonymous clients do not see it
    }
    queries = {
        key: {"query": name, "type": "person", "type_strict": "should"}
        for key, name in column.items()
    }
    response = api_client.post(
        endpoint,
        f"queries={quote(json.dumps(queries))}",
        content_type="application/x-www-form-urlencoded",
    )
    results = response.json()
    assert_valid("reconciliation-result-batch", results)
    director, namesake = f"person:{directory.director.pk}", f"person:{directory.namesake.pk}"
    top = {key: (r["result"][0] if r["result"] else None) for key, r in results.items()}
    assert (top["q0"]["id"], top["q0"]["score"], top["q0"]["match"]) == (director, 100, True)
    assert (top["q1"]["id"], top["q1"]["match"]) == (namesake, True)
    assert {c["id"] for c in results["q2"]["result"]} == {director, namesake}
    assert not any(c["match"] for c in results["q2"]["result"])
    assert all({"id": "surname", "value": True} in c["features"] for c in results["q2"]["result"])
    assert (top["q3"]["id"], top["q3"]["score"], top["q3"]["match"]) == (director, 95, True)
    assert {"id": "alias", "value": 1.0} in top["q3"]["features"]
    assert top["q4"] is None

    # An organisation column: an acronym staff recorded as an alias, one spelled by initials.
    organisations = {
        "q0": {"query": "CID", "type": "organisation", "type_strict": "should"},
        "q1": {"query": "NMPA", "type": "organisation", "type_strict": "should"},
    }
    results = api_client.post(endpoint, {"queries": json.dumps(organisations)}).json()
    assert_valid("reconciliation-result-batch", results)
    directorate, agency = results["q0"]["result"][0], results["q1"]["result"][0]
    assert (directorate["id"], directorate["match"]) == (
        f"organisation:{directory.directorate.pk}",
        True,
    )
    assert (agency["id"], agency["score"]) == (f"organisation:{directory.agency.pk}", 90)
    assert {"id": "acronym", "value": True} in agency["features"]

    # The candidate's preview, from the manifest's template.
    preview = api_client.get(
        path(manifest["preview"]["url"].replace("{{id}}", quote(director, safe="")))
    )
    assert preview.status_code == 200 and "Joaquín Ibáñez Soler" in preview.content.decode()

    # Searching for a match by hand.
    suggest = manifest["suggest"]["entity"]
    found = api_client.get(
        path(suggest["service_url"] + suggest["service_path"]), {"prefix": "joaq", "type": "person"}
    ).json()
    assert_valid("suggest-entities-response", found)
    assert [e["id"] for e in found["result"]] == [director]

    # "Add columns from reconciled values": the properties of the type, then their values.
    extend = manifest["extend"]["propose_properties"]
    proposed = api_client.get(
        path(extend["service_url"] + extend["service_path"]), {"type": "person"}
    ).json()
    assert_valid("data-extension-property-proposal", proposed)
    assert {"title", "organisation", "alias"} <= {p["id"] for p in proposed["properties"]}
    query = {
        "ids": [director, namesake],
        "properties": [{"id": "title"}, {"id": "organisation"}, {"id": "alias"}],
    }
    extension = api_client.post(endpoint, {"extend": json.dumps(query)}).json()
    assert_valid("data-extension-response", extension)
    assert extension["rows"][director]["title"] == [{"str": "Director"}]
    assert (
        extension["rows"][director]["organisation"][0]["name"] == "National Maritime Patrol Agency"
    )
    assert extension["rows"][namesake] == {"title": [], "organisation": [], "alias": []}


def test_a_property_column_confirms_a_match(api_client, directory):
    """Reconciling with a second column ("Organisation") as a property: the right one agrees,
    a wrong one costs points and the match."""
    queries = {
        "q0": {
            "query": "Joaquin Ibanez Soler",
            "type": "person",
            "properties": [{"pid": "organisation", "v": "NMPA"}],
        },
        "q1": {
            "query": "Joaquin Ibanez Soler",
            "type": "person",
            "properties": [{"pid": "organisation", "v": "Harbour Pilots Guild"}],
        },
        "q2": {"properties": [{"pid": "country", "v": "spain"}], "type": "person"},
    }
    results = api_client.post("/api/reconcile/", {"queries": json.dumps(queries)}).json()
    assert_valid("reconciliation-result-batch", results)
    agrees, disagrees = results["q0"]["result"][0], results["q1"]["result"][0]
    assert {"id": "property_organisation", "value": True} in agrees["features"]
    assert (agrees["score"], agrees["match"]) == (100, True)
    assert {"id": "property_organisation", "value": False} in disagrees["features"]
    assert (disagrees["score"], disagrees["match"]) == (85, False)
    assert [c["id"] for c in results["q2"]["result"]] == [f"person:{directory.director.pk}"]


def test_an_identifier_as_query_finds_its_record(api_client, directory):
    operation = f"operation:{directory.operation.pk}"
    results = api_client.post(
        "/api/reconcile/", {"queries": json.dumps({"q0": {"query": operation}})}
    ).json()
    assert [(c["id"], c["match"]) for c in results["q0"]["result"]] == [(operation, True)]
