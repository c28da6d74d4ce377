"""The research endpoints are in the OpenAPI schema with their filters."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "parameters"),
    [
        (
            "/api/operations/{id}/timeline/",
            {"speaker", "kind", "review_status", "date_after", "date_before"},
        ),
        (
            "/api/people/{id}/record/",
            {"operation", "date_after", "date_before", "review_status", "per_operation"},
        ),
        (
            "/api/organisations/{id}/record/",
            {"operation", "date_after", "date_before", "review_status", "per_operation"},
        ),
        (
            "/api/network/",
            {
                *("operation", "source", "date_after", "date_before", "min_weight"),
                *("review_status", "node_kinds", "edge_kinds", "max_nodes", "format"),
            },
        ),
    ],
)
def test_research_endpoints_are_in_the_schema_with_their_filters(api_client, path, parameters):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    operation = schema["paths"][path]["get"]
    assert {p["name"] for p in operation["parameters"] if p["in"] == "query"} == parameters
    if path == "/api/network/":
        assert {"application/json", "application/gexf+xml", "application/graphml+xml"} <= set(
            operation["responses"]["200"]["content"]
        )
