"""A document's statements, written in bulk with their history rows, and linked to the people,
organisations and operations they are about."""

from __future__ import annotations

import re

from simple_history.utils import bulk_create_with_history

from entities.models import Organisation, Person
from sources.ingest.confidence import assess, statement_evidence
from sources.models import Statement, statement_key


def store_statements(source, extraction, records, operations, *, counts, new=False) -> None:
    """Insert the new statements and their links in bulk (a page of news can hold dozens).
    A `new` source has no statements yet to keep."""
    existing = set() if new else set(source.statements.values_list("text_key", flat=True))
    rows, links = [], []
    for found in extraction.statements:
        speaker = records.get(id(found.speaker))
        if speaker is None:
            continue
        parts = found.parts or [(found.text_start, found.text_end)]
        text = " ".join(source.text[a:b].strip() for a, b in parts).strip()
        key = statement_key(text)
        if not text or key in existing:
            continue  # kept from before (curated or rejected), or said twice
        existing.add(key)
        reporter = records.get(id(found.reported_by)) if found.reported_by else None
        confidence, evidence = assess("statement", statement_evidence(found, text=text))
        rows.append(
            Statement(
                text=text,
                text_key=key,
                kind=found.kind,
                cue=found.cue,
                source=source,
                span_start=found.text_start,
                span_end=found.text_end,
                said_on=found.said_on,
                said_on_basis=found.said_on_basis,
                said_on_precision="day" if found.said_on else "",
                expected=found.expected,
                venue=found.venue,
                confidence=confidence,
                confidence_evidence=evidence,
                reported_by=reporter if isinstance(reporter, Organisation) else None,
                **(
                    {"speaker_person": speaker}
                    if isinstance(speaker, Person)
                    else {"speaker_organisation": speaker}
                ),
            )
        )
        about = [records.get(id(e)) for e in found.about]
        # Its passage (statements.context_start), where "it" and "the raid" find their name.
        start = found.text_start if found.context_start is None else found.context_start
        window = source.text[start : found.text_end]
        links.append(
            (
                operations_about(window, source.text[found.text_start : found.text_end], operations)
                + [operations[key] for key in found.topic_operations if key in operations],
                [r for r in about if isinstance(r, Person)],
                [r for r in about if isinstance(r, Organisation)],
            )
        )
    # bulk_create_with_history writes the same history rows as save() would.
    bulk_create_with_history(rows, Statement, batch_size=500)
    for field, column, position in (
        (Statement.operations, "operation", 0),
        (Statement.about_people, "person", 1),
        (Statement.about_organisations, "organisation", 2),
    ):
        through = field.through
        through.objects.bulk_create(
            {
                (statement.pk, target.pk): through(statement=statement, **{column: target})
                for statement, targets in zip(rows, links, strict=True)
                for target in targets[position]
            }.values(),
            batch_size=500,
        )
    counts["Statement", "created"] += len(rows)


REFERENCES = re.compile(
    r"\b(the|this|that) (operation|raid|strike|airstrike|attack|assault|interdiction)\b"
    r"|\b(destroyed|captured|seized|struck|removal|capture)\b"
    r"|\b(interdict|intercept|stopp|arrest|detain)(ed|ing)\b",
    re.IGNORECASE,
)


def operations_about(window: str, text: str, operations: dict) -> list:
    """The operations a statement is about: named in its passage, or, when the source reports
    one operation, "the raid" / "this operation" or what an operation does ("seized",
    "destroyed", "the capture") in the statement itself."""
    named = [op for op in operations.values() if any(n in window for n in op.all_names)]
    if named or len(operations) != 1 or not REFERENCES.search(text):
        return named
    return list(operations.values())
