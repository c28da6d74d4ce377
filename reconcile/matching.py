"""Answering a batch of reconciliation queries: candidates, their features, scores and the
`match` decision (docs/reconciliation.md).

A batch costs one query per type it searches and one per relation property it compares,
whatever the number of queries in it: the candidates of every query are read together.
"""

from collections import defaultdict

from reconcile import records
from reconcile.catalogue import Property, parse_entity_id
from reconcile.records import Record
from reconcile.requests import Query
from reconcile.scoring import NAME_EXACT, NameMatch, QueryName, match_names, name_key
from reconcile.values import load_values

# Points a candidate loses for each property of the query it does not match.
PROPERTY_PENALTY = 15
# The property columns a query holding only properties can search on.
SEARCHABLE = {"wikidata": "wikidata_id", "country": "country__iexact", "kind": "kind"}


def reconcile(queries: dict[str, Query], *, user) -> dict:
    """The reconciliation result batch for `queries`, as `user` may see the records."""
    pool = _candidates(queries.values(), user)
    scored = {key: _by_name(query, pool) for key, query in queries.items()}
    # Each property compared is loaded once, for the candidates of every query that gives it.
    props, chosen = {}, defaultdict(dict)
    for key, query in queries.items():
        for prop, _ in query.properties:
            props[prop.id] = prop
            chosen[prop.id].update((record.id, record) for record, _ in scored[key])
    values = {
        pid: load_values(props[pid], list(candidates.values()), user)
        for pid, candidates in chosen.items()
    }
    return {key: {"result": _result(query, scored[key], values)} for key, query in queries.items()}


def _candidates(queries, user) -> dict[str, list[Record]]:
    """Every record any query of the batch may match, by type: one database query per type."""
    words, initials, pks = defaultdict(set), defaultdict(set), defaultdict(set)
    lookups = defaultdict(list)
    for query in queries:
        for entity_type in query.types:
            if query.entity:
                pks[query.entity[0].id].add(query.entity[1])
            elif query.name:
                words[entity_type.id] |= query.name.search_words()
                if query.name.acronym:
                    initials[entity_type.id].add(query.name.acronym)
            else:
                lookup = _lookup(query, entity_type.id)
                if lookup:
                    lookups[entity_type.id].append(lookup)
    types = {t.id: t for query in queries for t in query.types}
    return {
        type_id: records.find(
            entity_type,
            user,
            words=words[type_id],
            initials=initials[type_id],
            pks=pks[type_id],
            lookups=lookups[type_id],
        )
        for type_id, entity_type in types.items()
    }


def _lookup(query: Query, type_id: str) -> dict:
    """Database lookups for a query of properties alone, from the properties it can search."""
    lookup = {}
    for prop, given in query.properties:
        field = SEARCHABLE.get(prop.id)
        if field and type_id in prop.types and len(given) == 1 and isinstance(given[0], str):
            value = given[0].replace("\x00", "").strip()  # PostgreSQL refuses NUL
            lookup[field] = value.upper() if prop.id == "wikidata" else value
    return lookup


def _by_name(query: Query, pool) -> list[tuple[Record, NameMatch | None]]:
    """The candidates of one query with their name match (None for a query of properties)."""
    found = []
    for entity_type in query.types:
        for record in pool.get(entity_type.id, []):
            if query.entity:
                if (record.type, record.pk) == query.entity:
                    found.append((record, NameMatch(NAME_EXACT, True, {"id": True})))
            elif query.name:
                match = match_names(
                    query.name,
                    name=record.key,
                    aliases=record.alias_keys,
                    person=record.type.id == "person",
                )
                if match is not None:
                    found.append((record, match))
            elif _lookup(query, entity_type.id) and _fits(record, _lookup(query, entity_type.id)):
                found.append((record, None))
    return found


def _fits(record: Record, lookup: dict) -> bool:
    for field, wanted in lookup.items():
        column = field.split("__")[0]
        have = record.fields.get(column, "")
        if (have or "").casefold() != str(wanted).casefold():
            return False
    return True


def _result(query: Query, scored, values) -> list[dict]:
    candidates = []
    for record, name_match in scored:
        features = dict(name_match.features) if name_match else {}
        if query.typed:
            features["type"] = True  # types restrict the candidates (docs/reconciliation.md)
        matched = 0
        for prop, given in query.properties:
            hit = record.type.id in prop.types and _property_matches(
                prop, values[prop.id].get(record.id, []), given
            )
            features[f"property_{prop.id}"] = hit
            matched += hit
        missed = len(query.properties) - matched
        if name_match is None:
            if not matched:
                continue
            score = round(100 * matched / len(query.properties), 1)
        else:
            score = max(0, name_match.score - PROPERTY_PENALTY * missed)
        exact = bool(name_match and name_match.exact) and not missed
        candidates.append((record, score, exact, features))
    exacts = sum(1 for _, _, exact, _ in candidates if exact)
    candidates.sort(key=lambda c: (-c[1], c[0].key, c[0].pk))
    return [
        _candidate(record, score, features, match=is_exact and exacts == 1)
        for record, score, is_exact, features in candidates[: query.limit]
    ]


def _candidate(record: Record, score: float, features: dict, *, match: bool) -> dict:
    candidate = {
        "id": record.id,
        "name": record.name,
        "type": [record.type.as_json()],
        "score": score,
        "features": [{"id": key, "value": value} for key, value in features.items()],
        "match": match,
    }
    if record.summary:
        candidate["description"] = record.summary
    return candidate


def _property_matches(prop: Property, have: list[dict], given: tuple) -> bool:
    """Whether any value the query gives for `prop` is one of the record's values: a related
    record by its id, name, an alias or its initials; a date by its day; text folded."""
    for value in given:
        for held in have:
            if "id" in held and _same_record(value, held):
                return True
            if "date" in held and str(value)[:10] == held["date"][:10]:
                return True
            text = None if isinstance(value, dict) else str(value)
            if "str" in held and text is not None and name_key(text) == name_key(held["str"]):
                return True
    return False


def _same_record(value, held: dict) -> bool:
    if isinstance(value, dict):
        # A value reconciled elsewhere (a Wikidata item) still has a name to compare.
        if value.get("id") == held["id"]:
            return True
        value = value.get("name", "")
    if not isinstance(value, str) or parse_entity_id(value):
        return value == held["id"]
    found = match_names(
        QueryName.of(value),
        name=name_key(held["name"]),
        aliases=[name_key(a) for a in held["_aliases"]],
        person=held["id"].startswith("person:"),
    )
    return found is not None and (found.exact or found.features["acronym"])
