"""What the service exposes: its three types, how their records are identified, and the
properties a query may match on and data extension may fetch."""

import re
from dataclasses import dataclass

from entities.models import Operation, Organisation, Person


@dataclass(frozen=True)
class EntityType:
    id: str
    name: str
    model: type
    description: str
    # Columns of the model a candidate row carries besides the name fields.
    columns: tuple[str, ...] = ()

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name}


TYPES = {
    t.id: t
    for t in (
        EntityType("person", "Person", Person, "A named person: an official, a spokesperson."),
        EntityType(
            "organisation",
            "Organisation",
            Organisation,
            "A government body, force, agency, party, criminal group, outlet or company.",
            ("kind",),
        ),
        EntityType(
            "operation",
            "Operation",
            Operation,
            "A raid, strike, deployment or campaign, named or described.",
            ("kind", "start_date", "end_date", "location"),
        ),
    )
}

_ENTITY_ID = re.compile(r"(person|organisation|operation):([0-9]{1,18})")


def entity_id(type_id: str, pk: int) -> str:
    """A record's identifier here: `person:12`, as the API's `speaker` filter writes it."""
    return f"{type_id}:{pk}"


def parse_entity_id(value: str) -> tuple[EntityType, int] | None:
    """(type, primary key) of an identifier such as `organisation:3`; None if it is not one."""
    match = _ENTITY_ID.fullmatch(value.strip()) if isinstance(value, str) else None
    return (TYPES[match.group(1)], int(match.group(2))) if match else None


@dataclass(frozen=True)
class Property:
    id: str
    name: str
    description: str
    types: tuple[str, ...]
    # "str", "date", or "entity" (values are records of `entity_type`, or the record's own type).
    kind: str = "str"
    entity_type: str | None = None

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "description": self.description}


ALL = ("person", "organisation", "operation")
PROPERTIES = {
    p.id: p
    for p in (
        Property("alias", "Alias", "Other names: spellings, acronyms, former names.", ALL),
        Property("description", "Description", "What staff wrote about the record.", ALL),
        Property("country", "Country", "The country the record belongs to.", ALL),
        Property("wikidata", "Wikidata id", "The matching Wikidata item, such as Q42.", ALL),
        Property(
            "kind",
            "Kind",
            "An organisation's kind (government, military, law_enforcement…) or an "
            "operation's (raid, air_strike…).",
            ("organisation", "operation"),
        ),
        Property("title", "Role title", "The titles of the person's roles.", ("person",)),
        Property(
            "organisation",
            "Organisation",
            "The organisations the person holds a role in.",
            ("person",),
            kind="entity",
            entity_type="organisation",
        ),
        Property(
            "member",
            "Member",
            "The people holding a role in the organisation.",
            ("organisation",),
            kind="entity",
            entity_type="person",
        ),
        Property(
            "parent",
            "Parent",
            "The organisation or operation this one is part of.",
            ("organisation", "operation"),
            kind="entity",
        ),
        Property(
            "participant",
            "Participant",
            "The organisations taking part in the operation.",
            ("operation",),
            kind="entity",
            entity_type="organisation",
        ),
        Property("start_date", "Start date", "When the operation began.", ("operation",), "date"),
        Property("end_date", "End date", "When the operation ended.", ("operation",), "date"),
        Property("location", "Location", "Where the operation took place.", ("operation",)),
    )
}


def properties_of(type_id: str | None) -> list[Property]:
    """The properties of a type (of every type when None), in catalogue order."""
    return [p for p in PROPERTIES.values() if type_id is None or type_id in p.types]
