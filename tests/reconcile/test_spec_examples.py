"""The specification's own examples against its schemas, as the tests load them: valid ones
pass and invalid ones fail, so a response that passes means something. The batches among them
are also sent to the service: the invalid ones answer 400, the valid ones a valid result batch
or a 400 naming the example's type or property, which this database does not have."""

import json
from pathlib import Path

import pytest

from tests.reconcile.spec import EXAMPLES, VALIDATORS, assert_valid, errors

# Examples that do not apply here, and why.
NOT_APPLICABLE = {
    "authentication": "security schemes need the Swagger 2.0 schema; the service asks for none",
    "bad-authentication": "security schemes need the Swagger 2.0 schema; the service asks for none",
    "security-scheme": "the service asks for no authentication",
    "flyout-response": "the service offers no flyout (the specification proposes to drop it)",
    "preview-response": "HTML, not JSON: the preview tests check the page",
}


def examples(validity: str) -> list:
    found = []
    for path in sorted(EXAMPLES.glob(f"*/{validity}/*.json")):
        kind = path.parent.parent.name
        reason = NOT_APPLICABLE.get(path.stem) or NOT_APPLICABLE.get(kind)
        marks = [pytest.mark.skip(reason=reason)] if reason else []
        found.append(pytest.param(kind, path, marks=marks, id=f"{kind}/{path.stem}"))
    return found


def load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_example_folder_has_a_schema_or_a_reason():
    for folder in EXAMPLES.iterdir():
        assert folder.name in VALIDATORS or folder.name in NOT_APPLICABLE, folder.name


@pytest.mark.parametrize(("kind", "path"), examples("valid"))
def test_valid_examples_pass(kind, path):
    assert_valid(kind, load(path))


@pytest.mark.parametrize(("kind", "path"), examples("invalid"))
def test_invalid_examples_fail(kind, path):
    assert errors(kind, load(path))


def batches(kind: str, validity: str) -> list:
    return [p for p in examples(validity) if p.values[0] == kind]


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "path"), batches("reconciliation-query-batch", "invalid"))
def test_the_service_refuses_invalid_example_batches(api_client, kind, path):
    response = api_client.post("/api/reconcile/", {"queries": path.read_text()})
    assert response.status_code == 400
    assert response.json()["errors"]["queries"]


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "path"), batches("reconciliation-query-batch", "valid"))
def test_the_service_answers_valid_example_batches(api_client, kind, path):
    response = api_client.post("/api/reconcile/", {"queries": path.read_text()})
    if response.status_code == 400:
        # The examples' types and properties are another database's.
        (message,) = response.json()["errors"]["queries"]
        assert "unknown type" in message or "unknown property" in message
    else:
        assert response.status_code == 200
        assert_valid("reconciliation-result-batch", response.json())
        assert set(response.json()) == set(load(path))


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "path"), batches("data-extension-query", "valid"))
def test_the_service_names_unknown_properties_of_example_extensions(api_client, kind, path):
    response = api_client.post("/api/reconcile/", {"extend": path.read_text()})
    assert response.status_code == 400
    assert "Unknown property" in response.json()["detail"]
