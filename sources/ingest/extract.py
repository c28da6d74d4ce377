"""A parsed document -> what it says: entities, operations, statements and roles (dataclasses).

Spans here are folded-text offsets until `to_original` maps them to the source text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc

from core.names import name_key
from sources.ingest.actors import Entity
from sources.ingest.operation_topics import link_by_content
from sources.ingest.operations import (
    OperationFound,
    find_operations,
    find_participants,
    find_targets,
)
from sources.ingest.people_and_orgs import find_entities
from sources.ingest.roles import RoleFound, find_roles
from sources.ingest.speech import StatementFound
from sources.ingest.statements import find_statements
from sources.ingest.textnorm import FoldedText


@dataclass
class Extraction:
    entities: list[Entity] = field(default_factory=list)
    operations: list[OperationFound] = field(default_factory=list)
    statements: list[StatementFound] = field(default_factory=list)
    roles: list[RoleFound] = field(default_factory=list)


def extract(
    doc: Doc, folded: FoldedText, original: str, *, published: dt.date | None
) -> Extraction:
    """Everything the rules find in one document, with spans in the original text."""
    operations = find_operations(doc, published=published)
    names = {name_key(n) for op in operations for n in (op.name, *op.aliases)}
    entities = find_entities(doc, operation_keys=names)
    find_participants(doc, operations, entities)
    find_targets(doc, operations, entities)
    statements = find_statements(
        doc, entities, original=original, offsets=folded.offsets, published=published
    )
    link_by_content(doc, operations, statements)
    roles = find_roles(doc, entities)
    return to_original(Extraction(entities, operations, statements, roles), folded)


def to_original(extraction: Extraction, folded: FoldedText) -> Extraction:
    """Map every folded span to the original text (in place) and return the extraction."""
    span = folded.original_span
    for entity in extraction.entities:
        for m in entity.mentions:
            m.start, m.end = span(m.start, m.end)
    for op in extraction.operations:
        op.mentions = [(*span(a, b), t) for a, b, t in op.mentions]
        op.participants = [(k, p, *span(a, b)) for k, p, a, b in op.participants]
    for s in extraction.statements:
        s.text_start, s.text_end = span(s.text_start, s.text_end)
        s.parts = [span(a, b) for a, b in s.parts]
        if s.context_start is not None:
            s.context_start = span(s.context_start, s.context_start)[0]
    for r in extraction.roles:
        r.start, r.end = span(r.start, r.end)
    return extraction
