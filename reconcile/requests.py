"""Reading what a client sends: a batch of reconciliation queries or a data extension query,
JSON in a form field or query parameter, checked against the specification's own JSON Schemas.

Every fault is a `RequestError` naming the parameter, which the views answer as a 400.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jsonschema import Draft7Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from reconcile.catalogue import PROPERTIES, TYPES, EntityType, Property, parse_entity_id
from reconcile.scoring import QueryName

SCHEMAS = Path(__file__).resolve().parent / "schemas"
# Queries in one batch (the manifest's batchSize), ids in one extension query.
BATCH_SIZE = 50
MAX_IDS = 500
DEFAULT_LIMIT = 10
MAX_LIMIT = 100


class RequestError(ValueError):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter


class TooLarge(RequestError):
    """More queries or ids than one request may carry."""


@cache
def registry() -> Registry:
    """The specification's schemas by their `$id`, so their `$ref`s resolve without a network."""
    resources = []
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(contents, default_specification=DRAFT7)
        resources.append((contents["$id"], resource))
    return Registry().with_resources(resources)


@cache
def validator(name: str) -> Draft7Validator:
    """A validator for one of the specification's schemas (a file name in SCHEMAS)."""
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return Draft7Validator(schema, registry=registry())


def read_json(parameter: str, raw: str, schema: str):
    """The JSON value of a parameter, valid by the named schema."""
    try:
        value = json.loads(raw)
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f" at line {exc.lineno}, column {exc.colno}" if hasattr(exc, "lineno") else ""
        raise RequestError(parameter, f"Not valid JSON{where}.") from None
    error = best_match(validator(schema).iter_errors(value))
    while error is not None and error.context:
        # "Not valid under any of the given schemas" says little: name what the nearest fit lacks.
        error = best_match(error.context)
    if error is not None:
        path = "/".join(str(p) for p in error.absolute_path)
        where = f" at {path}" if path else ""
        message = error.message if len(error.message) <= 200 else error.message[:200] + "…"
        kind = schema.removesuffix(".json")
        raise RequestError(parameter, f"Not a valid {kind}{where}: {message}")
    return value


@dataclass(frozen=True)
class Query:
    """One reconciliation query, checked: what to match, among which types, how many."""

    name: QueryName | None
    types: tuple[EntityType, ...]
    # Whether the client named the types (so `type` is a feature worth reporting).
    typed: bool
    limit: int
    properties: tuple[tuple[Property, tuple], ...]
    # Set when the query string is one of this service's identifiers ("person:12").
    entity: tuple[EntityType, int] | None


def read_batch(raw: str) -> dict[str, Query]:
    """The queries of a batch by their keys."""
    batch = read_json("queries", raw, "reconciliation-query-batch.json")
    if not isinstance(batch, dict):
        raise RequestError("queries", "Expected a JSON object of queries by key.")
    if len(batch) > BATCH_SIZE:
        raise TooLarge("queries", f"At most {BATCH_SIZE} queries in one batch; got {len(batch)}.")
    return {key: _query(key, query) for key, query in batch.items()}


def _query(key: str, query: dict) -> Query:
    def fail(message: str):
        raise RequestError("queries", f"{key}: {message}")

    types = query.get("type")
    type_ids = [types] if isinstance(types, str) else list(types or [])
    unknown = [t for t in type_ids if t not in TYPES]
    if unknown:
        fail(f"unknown type {unknown[0]!r}; the types are {', '.join(TYPES)}.")
    chosen = tuple(TYPES[t] for t in dict.fromkeys(type_ids)) or tuple(TYPES.values())
    limit = query.get("limit", DEFAULT_LIMIT)
    if isinstance(limit, bool) or not float(limit).is_integer() or limit < 1:
        fail("limit must be a positive whole number.")
    properties = []
    for item in query.get("properties", []):
        prop = PROPERTIES.get(item["pid"])
        if prop is None or not set(prop.types) & {t.id for t in chosen}:
            fail(f"unknown property {item['pid']!r} for type {', '.join(t.id for t in chosen)}.")
        values = item["v"] if isinstance(item["v"], list) else [item["v"]]
        properties.append((prop, tuple(values)))
    text = query.get("query", "").strip()
    if not text and not properties:
        fail("give a non-empty query, properties, or both.")
    entity = parse_entity_id(text)
    return Query(
        name=QueryName.of(text) if text else None,
        types=chosen,
        typed=bool(type_ids),
        limit=min(int(limit), MAX_LIMIT),
        properties=tuple(properties),
        entity=entity if entity and entity[0] in chosen else None,
    )


@dataclass(frozen=True)
class Extension:
    ids: tuple[str, ...]
    # Each property with the most values to return per record (0: all).
    properties: tuple[tuple[Property, int], ...]


def read_extension(raw: str) -> Extension:
    """A data extension query: which records, which properties."""
    query = read_json("extend", raw, "data-extension-query.json")
    if len(query["ids"]) > MAX_IDS:
        raise TooLarge("extend", f"At most {MAX_IDS} ids in one query; got {len(query['ids'])}.")
    properties = []
    for item in query["properties"]:
        prop = PROPERTIES.get(item["id"])
        if prop is None:
            raise RequestError("extend", f"Unknown property {item['id']!r}.")
        limit = (item.get("settings") or {}).get("limit", 0)
        try:
            limit = int(limit)
        except (TypeError, ValueError):
            limit = -1
        if limit < 0 or isinstance(limit, bool):
            raise RequestError("extend", f"{item['id']}: the limit setting must be 0 or more.")
        properties.append((prop, limit))
    return Extension(ids=tuple(dict.fromkeys(query["ids"])), properties=tuple(properties))
