"""Data extension: the properties a client may fetch for a type, and their values on the
records it reconciled (a person's roles and organisations, an organisation's kind, aliases…).
"""

from collections import defaultdict

from reconcile import records
from reconcile.catalogue import TYPES, parse_entity_id, properties_of
from reconcile.requests import Extension
from reconcile.values import load_values


def propose_properties(type_id: str | None, limit: int | None) -> dict:
    """The data extension property proposal for a type (for every type when None)."""
    proposed = [p.as_json() for p in properties_of(type_id)]
    answer = {"properties": proposed[:limit] if limit else proposed}
    if type_id:
        answer["type"] = type_id
    if limit:
        answer["limit"] = limit
    return answer


def extend(query: Extension, *, user) -> dict:
    """The data extension response: every asked id gets a row, empty for an id that names no
    record `user` may see (so a hidden record and a missing one look alike)."""
    wanted = defaultdict(set)
    for value in query.ids:
        parsed = parse_entity_id(value)
        if parsed:
            wanted[parsed[0].id].add(parsed[1])
    found = [
        record
        for type_id, pks in wanted.items()
        for record in records.find(TYPES[type_id], user, pks=pks)
    ]
    by_id = {record.id: record for record in found}
    rows = {value: {} for value in query.ids}
    meta = []
    for prop, limit in query.properties:
        column = {"id": prop.id, "name": prop.name}
        if prop.entity_type:
            column["type"] = TYPES[prop.entity_type].as_json()
        meta.append(column)
        values = load_values(prop, found, user)
        for value in query.ids:
            held = values.get(by_id[value].id, []) if value in by_id else []
            held = [{k: v for k, v in item.items() if k != "_aliases"} for item in held]
            rows[value][prop.id] = held[:limit] if limit else held
    return {"meta": meta, "rows": rows}
