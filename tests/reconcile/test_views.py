"""Every kind of answer of /api/reconcile/ against the specification's schemas, who sees what,
malformed requests, and what a batch costs in queries."""

import json

import pytest

from reconcile.requests import BATCH_SIZE
from tests.reconcile.spec import assert_valid

URL = "/api/reconcile/"


def reconcile(client, queries: dict, method="post"):
    send = client.post if method == "post" else client.get
    response = send(URL, {"queries": json.dumps(queries)})
    assert response.status_code == 200, response.content
    assert_valid("reconciliation-result-batch", response.json())
    return response.json()


def ids(result: dict, key="q0") -> list[str]:
    return [candidate["id"] for candidate in result[key]["result"]]


# --- Every kind of answer, valid by the specification's schemas ------------------------------


def test_manifest_is_valid_and_names_every_service(api_client, directory):
    response = api_client.get(URL)
    manifest = response.json()
    assert_valid("manifest", manifest)
    assert manifest["versions"] == ["0.2"]
    assert {t["id"] for t in manifest["defaultTypes"]} == {"person", "organisation", "operation"}
    assert set(manifest["suggest"]) == {"entity", "type", "property"}
    assert manifest["preview"]["url"].startswith("http://testserver/api/reconcile/preview/")
    assert manifest["extend"]["propose_properties"]["service_path"] == "/properties"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_get_with_queries_answers_like_post(api_client, directory):
    queries = {"q0": {"query": "Joaquin Ibanez Soler"}}
    assert reconcile(api_client, queries, "get") == reconcile(api_client, queries)


def test_candidates_carry_type_score_features_and_description(api_client, directory):
    result = reconcile(api_client, {"q0": {"query": "National Maritime Patrol Agency"}})
    (candidate,) = result["q0"]["result"]
    assert candidate["id"] == f"organisation:{directory.agency.pk}"
    assert candidate["type"] == [{"id": "organisation", "name": "Organisation"}]
    assert candidate["score"] == 100 and candidate["match"] is True
    assert candidate["description"] == "military"
    assert {f["id"] for f in candidate["features"]} == {"name", "alias", "acronym", "surname"}


def test_suggest_answers_are_valid(api_client, directory):
    entities = api_client.get(f"{URL}suggest/entity", {"prefix": "iba"}).json()
    assert_valid("suggest-entities-response", entities)
    assert [e["id"] for e in entities["result"]] == [f"person:{directory.director.pk}"]
    assert entities["result"][0]["notable"] == [{"id": "person", "name": "Person"}]
    types = api_client.get(f"{URL}suggest/type", {"prefix": "org"}).json()
    assert_valid("suggest-types-response", types)
    assert [t["id"] for t in types["result"]] == ["organisation"]
    properties = api_client.get(f"{URL}suggest/property", {"prefix": "r", "type": "person"})
    assert_valid("suggest-properties-response", properties.json())
    assert [p["id"] for p in properties.json()["result"]] == ["title"]


def test_suggest_pages_with_cursor_and_finds_ids(api_client, directory):
    everyone = api_client.get(f"{URL}suggest/entity", {"prefix": "o"}).json()["result"]
    assert [e["name"] for e in everyone] == ["Operation Silent Harbour"]
    assert api_client.get(f"{URL}suggest/entity", {"prefix": "o", "cursor": 1}).json() == {
        "result": []
    }
    by_id = api_client.get(f"{URL}suggest/entity", {"prefix": f"person:{directory.namesake.pk}"})
    assert [e["name"] for e in by_id.json()["result"]] == ["Lidia Soler"]


def test_empty_parameters_count_as_left_out_and_nul_characters_are_dropped(api_client, directory):
    response = api_client.get(
        f"{URL}suggest/entity", {"prefix": "ib\x00a", "cursor": "", "type": ""}
    )
    assert [e["name"] for e in response.json()["result"]] == ["Joaquín Ibáñez Soler"]
    every = api_client.get(f"{URL}properties", {"type": ""}).json()
    assert "type" not in every
    assert {"title", "kind", "participant"} <= {p["id"] for p in every["properties"]}


def test_property_proposals_are_valid(api_client, directory):
    response = api_client.get(f"{URL}properties", {"type": "organisation", "limit": 3})
    assert_valid("data-extension-property-proposal", response.json())
    assert response.json()["type"] == "organisation"
    assert [p["id"] for p in response.json()["properties"]] == ["alias", "description", "country"]


def test_extension_answers_are_valid_with_every_property(api_client, directory):
    properties = ["alias", "description", "country", "wikidata", "kind", "title"]
    properties += ["organisation", "member", "parent", "participant", "start_date", "end_date"]
    properties += ["location"]
    record_ids = [
        f"person:{directory.director.pk}",
        f"organisation:{directory.agency.pk}",
        f"operation:{directory.operation.pk}",
    ]
    query = {"ids": record_ids, "properties": [{"id": p} for p in properties]}
    response = api_client.post(URL, {"extend": json.dumps(query)})
    data = response.json()
    assert_valid("data-extension-response", data)
    director, agency, operation = (data["rows"][i] for i in record_ids)
    assert director["alias"] == [{"str": "Quino Ibáñez"}]
    assert director["title"] == [{"str": "Director"}]  # the pending role is not shown
    agency_value = {"id": f"organisation:{directory.agency.pk}", "name": directory.agency.name}
    assert director["organisation"] == [agency_value]
    assert director["kind"] == []  # a person has none
    assert agency["kind"] == [{"str": "military"}]
    assert agency["member"] == [
        {"id": f"person:{directory.director.pk}", "name": "Joaquín Ibáñez Soler"}
    ]
    assert operation["participant"] == [agency_value]
    assert operation["start_date"] == [{"date": "2031-03-04T00:00:00Z"}]
    meta = {m["id"]: m for m in data["meta"]}
    assert meta["organisation"]["type"] == {"id": "organisation", "name": "Organisation"}


def test_extension_limit_setting_caps_values(api_client, directory):
    directory.director.aliases = ["Quino Ibáñez", "J. Ibáñez", "Joaquín Soler"]
    directory.director.save()
    record = f"person:{directory.director.pk}"
    query = {"ids": [record], "properties": [{"id": "alias", "settings": {"limit": "2"}}]}
    data = api_client.post(URL, {"extend": json.dumps(query)}).json()
    assert len(data["rows"][record]["alias"]) == 2


def test_preview_is_a_small_html_page_that_may_be_framed(api_client, directory):
    response = api_client.get(f"{URL}preview/person%3A{directory.director.pk}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "<h1" in page and "Joaquín Ibáñez Soler" in page and "Quino Ibáñez" in page
    assert f"/api/people/{directory.director.pk}/" in page
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]


def test_preview_escapes_names(api_client, db):
    from tests.factories import VerifiedPersonFactory

    person = VerifiedPersonFactory(name="Ana <script>alert(1)</script> Ruiz")
    page = api_client.get(f"{URL}preview/person:{person.pk}").content.decode()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_view_template_redirects_to_the_record(api_client, directory):
    response = api_client.get(f"{URL}entities/operation%3A{directory.operation.pk}")
    assert response.status_code == 302
    assert response["Location"] == f"/api/operations/{directory.operation.pk}/"


def test_cross_origin_preflight_is_allowed(api_client):
    response = api_client.options(
        URL, HTTP_ORIGIN="https://tool.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response["Access-Control-Allow-Methods"]


# --- Who sees what ---------------------------------------------------------------------------


def test_anonymous_clients_match_verified_records_only(api_client, directory):
    result = reconcile(api_client, {"q0": {"query": "Ottavio Bernasconi"}})
    assert ids(result) == []
    suggested = api_client.get(f"{URL}suggest/entity", {"prefix": "bernasconi"}).json()
    assert suggested == {"result": []}
    hidden = f"person:{directory.pending.pk}"
    assert api_client.get(f"{URL}preview/{hidden}").status_code == 404
    assert api_client.get(f"{URL}entities/{hidden}").status_code == 404
    rows = api_client.post(
        URL, {"extend": json.dumps({"ids": [hidden], "properties": [{"id": "alias"}]})}
    )
    assert rows.json()["rows"] == {hidden: {"alias": []}}


def test_staff_match_pending_records_but_never_rejected_ones(api_client, viewer, directory):
    api_client.force_authenticate(viewer)
    response = api_client.post(
        URL, {"queries": json.dumps({"q0": {"query": "Ottavio Bernasconi"}})}
    )
    assert response["Cache-Control"] == "private, no-store"
    candidates = response.json()["q0"]["result"]
    assert candidates[0]["id"] == f"person:{directory.pending.pk}"
    assert f"person:{directory.rejected.pk}" not in [c["id"] for c in candidates]
    roles = api_client.post(
        URL,
        {
            "extend": json.dumps(
                {"ids": [f"person:{directory.director.pk}"], "properties": [{"id": "title"}]}
            )
        },
    )
    assert roles.json()["rows"][f"person:{directory.director.pk}"]["title"] == [
        {"str": "Adviser"},
        {"str": "Director"},
    ]


def test_merged_records_are_no_candidates(api_client, directory):
    from tests.factories import VerifiedPersonFactory

    VerifiedPersonFactory(name="Joaquin Ibanez", merged_into=directory.director)
    result = reconcile(api_client, {"q0": {"query": "Joaquin Ibanez"}})
    assert ids(result) == [f"person:{directory.director.pk}"]


# --- Malformed requests: a clear 400, never a traceback ---------------------------------------


@pytest.mark.parametrize(
    ("queries", "message"),
    [
        ("{", "queries: Not valid JSON at line 1, column 2."),
        (
            "[1, 2]",
            "queries: Not a valid reconciliation-query-batch: [1, 2] is not of type 'object'",
        ),
        ('{"q0": {"query": "x", "type": "ship"}}', "queries: q0: unknown type 'ship'"),
        ('{"q0": {"query": "x", "typo": 1}}', "Additional properties are not allowed ('typo'"),
        ('{"q0": {"limit": 3}}', "at q0: 'query' is a required property"),
        ('{"q0": {"query": "  "}}', "q0: give a non-empty query, properties, or both."),
        ('{"q0": {"query": "x", "limit": 0}}', "q0: limit must be a positive whole number."),
        ('{"q0": {"query": "x", "limit": 2.5}}', "q0: limit must be a positive whole number."),
        (
            '{"q0": {"query": "x", "type": "person", "properties": [{"pid": "kind", "v": "x"}]}}',
            "q0: unknown property 'kind' for type person.",
        ),
        ('{"q0": {"query": "x", "properties": [{"pid": "kind"}]}}', "'v' is a required property"),
    ],
)
def test_malformed_queries_answer_400_naming_the_fault(api_client, queries, message):
    response = api_client.post(URL, {"queries": queries})
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert list(response.json()["errors"]) == ["queries"]


@pytest.mark.parametrize(
    ("extend", "message"),
    [
        ("not json", "extend: Not valid JSON"),
        ('{"ids": ["person:1"]}', "'properties' is a required property"),
        ('{"ids": ["person:1"], "properties": [{"id": "shoe"}]}', "Unknown property 'shoe'."),
        (
            '{"ids": [], "properties": [{"id": "alias", "settings": {"limit": "many"}}]}',
            "alias: the limit setting must be 0 or more.",
        ),
    ],
)
def test_malformed_extensions_answer_400(api_client, extend, message):
    response = api_client.post(URL, {"extend": extend})
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_a_post_without_queries_or_extend_answers_400(api_client):
    response = api_client.post(URL, {"query": "x"})
    assert response.status_code == 400
    assert "Send `queries`" in response.json()["detail"]


def test_a_batch_larger_than_the_manifest_says_answers_413(api_client, db):
    queries = {f"q{i}": {"query": "x"} for i in range(BATCH_SIZE + 1)}
    response = api_client.post(URL, {"queries": json.dumps(queries)})
    assert response.status_code == 413
    assert f"At most {BATCH_SIZE} queries" in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("suggest/entity", {}, "prefix"),
        ("suggest/entity", {"prefix": "a", "cursor": "-1"}, "cursor"),
        ("suggest/entity", {"prefix": "a", "type": "ship"}, "type"),
        ("suggest/property", {"prefix": "a" * 200 + "\x00" * 101}, "prefix"),
        ("properties", {"type": "ship"}, "type"),
        ("properties", {"type": "person", "limit": "0"}, "limit"),
    ],
)
def test_bad_suggest_and_proposal_parameters_answer_400(api_client, db, path, params, parameter):
    response = api_client.get(f"{URL}{path}", params)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [parameter]


@pytest.mark.parametrize("entity", ["person:999999", "ship:1", "person:abc", "person:١"])
def test_unknown_records_answer_404(api_client, db, entity):
    assert api_client.get(f"{URL}preview/{entity}").status_code == 404
    assert api_client.get(f"{URL}entities/{entity}").status_code == 404


# --- What a batch costs ----------------------------------------------------------------------


def batch(size: int, with_properties: bool) -> dict:
    names = ["Joaquin Ibanez Soler", "Soler", "NMPA", "CID", "Silent Harbour", "Quino Ibanez"]
    queries = {}
    for i in range(size):
        query = {"query": names[i % len(names)]}
        if with_properties:
            query["properties"] = [{"pid": "alias", "v": "x"}, {"pid": "country", "v": "Spain"}]
        queries[f"q{i}"] = query
    return queries


@pytest.mark.parametrize(
    ("with_properties", "count"),
    [
        # One query per type searched (three types: no type given).
        (False, 3),
        # Alias and country are the records' own columns: no query more.
        (True, 3),
    ],
)
def test_a_batch_costs_the_same_queries_with_1_or_10_queries(
    api_client, directory, django_assert_num_queries, with_properties, count
):
    for size in (1, 10):
        with django_assert_num_queries(count):
            api_client.post(URL, {"queries": json.dumps(batch(size, with_properties))})


def test_relation_properties_cost_one_query_each_whatever_the_batch(
    api_client, directory, django_assert_num_queries
):
    for size in (1, 10):
        queries = {
            f"q{i}": {
                "query": "Joaquin Ibanez Soler",
                "type": "person",
                "properties": [{"pid": "organisation", "v": "NMPA"}, {"pid": "title", "v": "x"}],
            }
            for i in range(size)
        }
        # The people, then the organisations and the titles of their roles.
        with django_assert_num_queries(3):
            api_client.post(URL, {"queries": json.dumps(queries)})


def test_extension_costs_one_query_per_type_and_relation(
    api_client, directory, django_assert_num_queries
):
    record_ids = [f"person:{directory.director.pk}", f"person:{directory.namesake.pk}"]
    properties = [{"id": "alias"}, {"id": "title"}, {"id": "organisation"}]
    for chosen in (record_ids[:1], record_ids):
        # The people, their titles, their organisations.
        with django_assert_num_queries(3):
            api_client.post(URL, {"extend": json.dumps({"ids": chosen, "properties": properties})})
