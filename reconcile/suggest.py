"""Suggest services: auto-completion of records, types and properties from what a user has
typed so far (`prefix`), a page of results at a time (`cursor` skips that many)."""

from reconcile import records
from reconcile.catalogue import TYPES, EntityType, parse_entity_id, properties_of
from reconcile.scoring import name_key

PAGE = 10


def _starts(key: str, *names: str) -> bool:
    """Whether a word of one of `names` (folded) starts with `key`."""
    return any(
        word.startswith(key) or name_key(name).startswith(key)
        for name in names
        for word in name_key(name).split()
    )


def suggest_entities(prefix: str, cursor: int, types: list[EntityType], *, user) -> dict:
    """Records whose name or an alias has a word starting with `prefix`; whole-name starts
    first. An identifier ("person:12") as prefix suggests that record."""
    parsed = parse_entity_id(prefix)
    if parsed and parsed[0] in types:
        found = records.find(parsed[0], user, pks=[parsed[1]])
    else:
        key = name_key(prefix)
        if not key:
            return {"result": []}
        found = [
            record
            for entity_type in types
            for record in records.starting_with(entity_type, user, key, limit=cursor + PAGE)
        ]
        found.sort(key=lambda r: (not r.key.startswith(key), r.key, r.type.id, r.pk))
    result = []
    for record in found[cursor : cursor + PAGE]:
        item = {"id": record.id, "name": record.name, "notable": [record.type.as_json()]}
        if record.summary:
            item["description"] = record.summary
        result.append(item)
    return {"result": result}


def suggest_types(prefix: str, cursor: int) -> dict:
    key = name_key(prefix)
    found = [
        {"id": t.id, "name": t.name, "description": t.description}
        for t in TYPES.values()
        if not key or _starts(key, t.id, t.name)
    ]
    return {"result": found[cursor : cursor + PAGE]}


def suggest_properties(prefix: str, cursor: int, type_id: str | None) -> dict:
    key = name_key(prefix)
    found = [p.as_json() for p in properties_of(type_id) if not key or _starts(key, p.id, p.name)]
    return {"result": found[cursor : cursor + PAGE]}
