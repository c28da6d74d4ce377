"""A property's values on a set of records, in the data extension format: `{"str": …}`,
`{"date": …}` or `{"id": …, "name": …}` for a record. One query per property that follows a
relation (roles, participations, parents), none for a record's own columns; related records
are shown only when the client may see them, as in the API.
"""

from collections import defaultdict

from entities.models import Participation, Role
from reconcile import records
from reconcile.catalogue import TYPES, Property, entity_id
from reconcile.records import Record

OWN_COLUMNS = {
    "description": "description",
    "country": "country",
    "wikidata": "wikidata_id",
    "kind": "kind",
    "location": "location",
    "start_date": "start_date",
    "end_date": "end_date",
}


def _date(value) -> dict:
    # The format wants a time as well; the database keeps days.
    return {"date": f"{value.isoformat()}T00:00:00Z"}


def own_values(prop: Property, record: Record) -> list[dict]:
    """Values of a property the record's own row holds."""
    if prop.id == "alias":
        return [{"str": alias} for alias in record.aliases]
    column = OWN_COLUMNS[prop.id]
    value = record.fields.get(column) if column in record.fields else getattr(record, column)
    if value in (None, ""):
        return []
    return [_date(value)] if prop.kind == "date" else [{"str": str(value)}]


def _related_rows(prop: Property, type_id: str, pks: list[int], user):
    """(record pk, related pk, its name, its aliases) or (record pk, text) rows of a relation."""
    people, organisations = (records.visible(TYPES[t], user) for t in ("person", "organisation"))
    if prop.id in ("title", "organisation"):
        roles = Role.objects.visible_to(user).filter(person_id__in=pks)
        if prop.id == "title":
            return roles.values_list("person_id", "title").order_by("title").distinct()
        return (
            roles.filter(organisation__in=organisations)
            .values_list(
                "person_id", "organisation_id", "organisation__name", "organisation__aliases"
            )
            .order_by("organisation__name_key")
            .distinct()
        )
    if prop.id == "member":
        return (
            Role.objects.visible_to(user)
            .filter(organisation_id__in=pks, person__in=people)
            .values_list("organisation_id", "person_id", "person__name", "person__aliases")
            .order_by("person__name_key")
            .distinct()
        )
    if prop.id == "participant":
        return (
            Participation.objects.visible_to(user)
            .filter(operation_id__in=pks, organisation__in=organisations)
            .values_list(
                "operation_id", "organisation_id", "organisation__name", "organisation__aliases"
            )
            .order_by("organisation__name_key")
            .distinct()
        )
    if prop.id == "parent":
        own = records.visible(TYPES[type_id], user)
        return (
            own.model.objects.filter(pk__in=pks, parent__in=own)
            .values_list("pk", "parent_id", "parent__name", "parent__aliases")
            .order_by("pk")
        )
    raise ValueError(f"no relation for property {prop.id}")


def load_values(prop: Property, chosen: list[Record], user) -> dict[str, list[dict]]:
    """Values of `prop` by record id, for every record of `chosen` (an empty list for records
    of a type without the property). A related record's value also holds its `_aliases`."""
    found = {record.id: [] for record in chosen}
    if prop.kind != "entity" and prop.id != "title":
        for record in chosen:
            if record.type.id in prop.types:
                found[record.id] = own_values(prop, record)
        return found
    by_type = defaultdict(list)
    for record in chosen:
        if record.type.id in prop.types:
            by_type[record.type.id].append(record.pk)
    for type_id, pks in by_type.items():
        related_type = prop.entity_type or type_id
        for row in _related_rows(prop, type_id, pks, user):
            values = found[entity_id(type_id, row[0])]
            if len(row) == 2:
                values.append({"str": row[1]})
            else:
                related = {"id": entity_id(related_type, row[1]), "name": row[2]}
                # For matching a query's value only; data extension leaves it out.
                values.append(related | {"_aliases": row[3] or []})
    return found
