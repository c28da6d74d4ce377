"""The Reconciliation API 0.2 JSON Schemas as the tests use them: whole files and the parts of
the manifest and result schemas that the specification's examples exercise on their own."""

import json
from pathlib import Path

from jsonschema import Draft7Validator

from reconcile.requests import SCHEMAS, registry, validator

EXAMPLES = Path(__file__).resolve().parent / "examples"


def _part(schema: str, *path: str) -> Draft7Validator:
    node = json.loads((SCHEMAS / schema).read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    return Draft7Validator(node, registry=registry())


# Each example folder of the specification and the schema its documents follow.
VALIDATORS = {
    "manifest": lambda: validator("manifest.json"),
    "reconciliation-query-batch": lambda: validator("reconciliation-query-batch.json"),
    "reconciliation-result-batch": lambda: validator("reconciliation-result-batch.json"),
    "reconciliation-candidate": lambda: _part(
        "reconciliation-result-batch.json",
        *("patternProperties", "^.*$", "properties", "result", "items"),
    ),
    "suggest-entities-response": lambda: validator("suggest-entities-response.json"),
    "suggest-properties-response": lambda: validator("suggest-properties-response.json"),
    "suggest-types-response": lambda: validator("suggest-types-response.json"),
    "suggest-metadata": lambda: _part(
        "manifest.json", "properties", "suggest", "definitions", "service_definition"
    ),
    "preview-metadata": lambda: _part("manifest.json", "properties", "preview"),
    "data-extension-metadata": lambda: _part("manifest.json", "properties", "extend"),
    "data-extension-property-proposal": lambda: validator("data-extension-property-proposal.json"),
    "data-extension-query": lambda: validator("data-extension-query.json"),
    "data-extension-response": lambda: validator("data-extension-response.json"),
}


def errors(kind: str, document) -> list[str]:
    """Every way `document` breaks the schema of `kind` (an example folder's name)."""
    return [error.message for error in VALIDATORS[kind]().iter_errors(document)]


def assert_valid(kind: str, document) -> None:
    found = errors(kind, document)
    assert not found, f"not a valid {kind}: {found}"
