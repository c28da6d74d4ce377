"""The OpenAPI schema endpoint: built once per process, answered with an ETag."""

import pytest
import yaml
from drf_spectacular.generators import SchemaGenerator

from core.api import schema_view

pytestmark = pytest.mark.django_db
JSON = "application/vnd.oai.openapi+json"


@pytest.fixture
def builds(monkeypatch):
    """How many times the schema was generated, from a cold start."""
    monkeypatch.setattr(schema_view, "_BUILT", {})
    calls = []
    original = SchemaGenerator.get_schema

    def counted(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counted)
    return calls


def test_schema_is_built_once_per_process_and_format(api_client, builds, editor):
    first = api_client.get("/api/schema/", HTTP_ACCEPT=JSON)
    api_client.force_authenticate(editor)
    again = [api_client.get("/api/schema/", HTTP_ACCEPT=JSON) for _ in range(3)]
    as_yaml = api_client.get("/api/schema/")

    assert [r.status_code for r in (first, *again, as_yaml)] == [200] * 5
    assert all(r.content == first.content for r in again)
    assert "/api/people/" in first.json()["paths"]
    assert first["Content-Type"].startswith(JSON)
    assert yaml.safe_load(as_yaml.content) == first.json()
    # Once for JSON, once for YAML.
    assert len(builds) == 2


def test_schema_answers_304_to_a_matching_etag(api_client, builds):
    first = api_client.get("/api/schema/", HTTP_ACCEPT=JSON)
    etag = first["ETag"]

    unchanged = api_client.get("/api/schema/", HTTP_ACCEPT=JSON, HTTP_IF_NONE_MATCH=etag)
    stale = api_client.get("/api/schema/", HTTP_ACCEPT=JSON, HTTP_IF_NONE_MATCH='"old"')
    as_yaml = api_client.get("/api/schema/")

    assert etag.startswith('"') and len(etag) > 10
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged["ETag"] == etag
    assert stale.status_code == 200 and stale.content == first.content
    assert as_yaml["ETag"] != etag  # another representation, another tag


def test_schema_ignores_parameters_that_would_make_new_builds(api_client, builds):
    for n in range(3):
        api_client.get("/api/schema/", {"lang": f"x{n}", "version": f"v{n}"}, HTTP_ACCEPT=JSON)

    assert len(builds) == 1
    for n in range(3):
        api_client.get("/api/schema/", HTTP_ACCEPT=f"{JSON}; indent={n + 1}")

    assert len(builds) == 1


@pytest.mark.django_db(transaction=True)
def test_first_requests_arriving_together_build_the_schema_once(builds):
    from concurrent.futures import ThreadPoolExecutor

    from django.test import Client

    def fetch(_):
        return Client().get("/api/schema/", HTTP_ACCEPT=JSON).status_code

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(fetch, range(4))) == [200] * 4
    assert len(builds) == 1
