"""An operation's timeline: everything dated about it, oldest first, undated last.

One query per kind of item (statements, sources, sub-operations, participations), whatever
the operation's size. Items are plain dicts, ready for the API and the admin chart.
"""

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.db.models import F, Min

from core.lookups import AnyOf
from entities.models import Operation, Organisation, Participation
from research.dates import Precision, placed_between, placed_on, precision
from research.visibility import with_visible
from sources.models import Source, Statement


class Kind:
    START = "start"
    END = "end"
    SUB_OPERATION = "sub_operation"
    STATEMENT = "statement"
    SOURCE = "source"
    PARTICIPATION = "participation"

    CHOICES = [
        (START, "The operation's start"),
        (END, "The operation's end"),
        (SUB_OPERATION, "A sub-operation (by its start date)"),
        (STATEMENT, "A statement about the operation"),
        (SOURCE, "A source that mentions the operation (by publication date)"),
        (PARTICIPATION, "An organisation's part in it (by its source's date)"),
    ]
    ORDER = {value: rank for rank, (value, _) in enumerate(CHOICES)}


class Encoded(NamedTuple):
    """A statement's item already written as JSON text, by the database (`encode` below)."""

    date: date | None
    id: int
    json: str
    kind: str = Kind.STATEMENT


@dataclass
class Timeline:
    operation: Operation
    items: list  # dicts, and with `encode` the statements as Encoded


def placing(item) -> tuple:
    """An item's date, kind and id, whichever its form."""
    if isinstance(item, Encoded):
        return item.date, item.kind, item.id
    return item["date"], item["kind"], item["id"]


def oldest_first(item) -> tuple:
    when, kind, pk = placing(item)
    return (when is None, when or date.max, Kind.ORDER[kind], pk)


def build_timeline(
    operation: Operation,
    *,
    user,
    speaker: tuple[str | None, int] | None = None,
    kind: str | None = None,
    review_status: str | None = None,
    date_after: date | None = None,
    date_before: date | None = None,
    encode=None,
) -> Timeline:
    """The items of `operation`'s timeline that `user` may see, oldest first (undated last).

    `speaker` (`(type or None, id)`) keeps that speaker's statements only; `review_status`
    keeps items that have one (sources have none); a date range drops undated items.

    `encode`, an expression of a statement's item as JSON text (research.api.serializers),
    has the database write the statements' items, which are most of a large timeline: they
    come as `Encoded` instead of dicts.
    """
    kinds = {kind} if kind else set(Kind.ORDER)
    if speaker:
        kinds &= {Kind.STATEMENT}
    if review_status:
        kinds -= {Kind.SOURCE}
    items = []
    if Kind.STATEMENT in kinds:
        items += statement_items(
            operation, user, speaker, review_status, date_after, date_before, encode
        )
    if Kind.SOURCE in kinds:
        items += source_items(operation)
    if Kind.SUB_OPERATION in kinds:
        items += sub_operation_items(operation, user, review_status)
    if Kind.PARTICIPATION in kinds:
        items += participation_items(operation, user, review_status)
    if not review_status or review_status == operation.review_status:
        items += own_items(operation, kinds)
    if date_after or date_before:
        items = [
            item
            for item, (when, _, _) in zip(items, map(placing, items), strict=True)
            if when is not None
            and (date_after is None or when >= date_after)
            and (date_before is None or when <= date_before)
        ]
    items.sort(key=oldest_first)
    return Timeline(operation, items)


def item(kind, pk, when, when_precision, text, **extra) -> dict:
    return {
        "kind": kind,
        "id": pk,
        "date": when,
        "date_precision": when_precision,
        "text": text,
        "speaker": None,
        "source": None,
        "organisation": None,
        "span": None,
        "review_status": None,
        "mention": None,
        **extra,
    }


def own_items(operation: Operation, kinds: set[str]) -> list[dict]:
    items = []
    for kind, when, label in (
        (Kind.START, operation.start_date, "starts"),
        (Kind.END, operation.end_date, "ends"),
    ):
        if kind in kinds and when is not None:
            text = f"{operation.name} {label}"
            items.append(
                item(
                    kind,
                    operation.pk,
                    when,
                    Precision.DAY,
                    text,
                    review_status=operation.review_status,
                )
            )
    return items


def statement_items(operation, user, speaker, review_status, date_after, date_before, encode):
    # The operation's statements by id: joined to the link table instead, the planner reads
    # every statement (a hash join) rather than looking these up.
    about = Statement.operations.through.objects.filter(operation=operation)
    ids = list(about.values_list("statement_id", flat=True))
    statements = Statement.objects.visible_to(user).filter(AnyOf(F("pk"), ids))
    statements = statements.annotate(placed=placed_on())
    if speaker:
        speaker_type, pk = speaker
        if speaker_type == "person":
            statements = statements.filter(speaker_person_id=pk)
        elif speaker_type == "organisation":
            statements = statements.filter(speaker_organisation_id=pk)
        else:
            statements = statements.filter(speaker_person_id=pk) | statements.filter(
                speaker_organisation_id=pk
            )
    if review_status:
        statements = statements.filter(review_status=review_status)
    statements = placed_between(statements, date_after, date_before).order_by()
    if encode is not None:
        rows = statements.annotate(item_json=encode).values_list("placed", "pk", "item_json")
        return [Encoded(*row) for row in rows]
    rows = statements.values_list(
        *("pk", "text", "said_on", "placed", "review_status", "span_start", "span_end"),
        *("speaker_person_id", "speaker_person__name"),
        *("speaker_organisation_id", "speaker_organisation__name"),
        *("source_id", "source__title", "source__published"),
    )
    items = []
    # Built directly rather than through item(): the largest operations have thousands.
    for row in rows:
        pk, text, said_on, placed, status, start, end, person, person_name = row[:9]
        organisation, organisation_name, source_id, title, published = row[9:]
        if person:
            who = {"id": person, "type": "person", "name": person_name}
        else:
            who = {"id": organisation, "type": "organisation", "name": organisation_name}
        items.append(
            {
                "kind": Kind.STATEMENT,
                "id": pk,
                "date": placed,
                "date_precision": precision(said_on, published),
                "text": text,
                "speaker": who,
                "source": {"id": source_id, "title": title, "published": published},
                "organisation": None,
                "span": {"start": start, "end": end},
                "review_status": status,
                "mention": None,
            }
        )
    return items


def source_items(operation: Operation) -> list[dict]:
    """Sources that name the operation; the span is its first mention there."""
    # Mentions of a visible operation are visible: the caller checked the operation.
    rows = (
        Source.objects.filter(mentions__operation=operation)
        .values("pk", "title", "published")
        .annotate(mention=Min("mentions__pk"), start=Min("mentions__span_start"))
        .order_by()
    )
    return [
        item(
            Kind.SOURCE,
            row["pk"],
            row["published"],
            Precision.DAY if row["published"] else Precision.UNKNOWN,
            row["title"],
            source={"id": row["pk"], "title": row["title"], "published": row["published"]},
            mention=row["mention"],
        )
        for row in rows
    ]


def sub_operation_items(operation, user, review_status) -> list[dict]:
    children = Operation.objects.visible_to(user).filter(parent=operation)
    if review_status:
        children = children.filter(review_status=review_status)
    rows = children.values_list("pk", "name", "start_date", "review_status").order_by()
    return [
        item(
            Kind.SUB_OPERATION,
            pk,
            start,
            Precision.DAY if start else Precision.UNKNOWN,
            name,
            review_status=status,
        )
        for pk, name, start, status in rows
    ]


def participation_items(operation, user, review_status) -> list[dict]:
    """Organisations' parts in the operation, dated by the source that reports them (only
    those with a dated source: a part has no date of its own)."""
    parts = Participation.objects.visible_to(user).filter(
        operation=operation, source__published__isnull=False
    )
    parts = with_visible(parts, "organisation", Organisation, user)
    if review_status:
        parts = parts.filter(review_status=review_status)
    rows = parts.values_list(
        *("pk", "part", "review_status", "span_start", "span_end"),
        *(
            "organisation_id",
            "organisation__name",
            "source_id",
            "source__title",
            "source__published",
        ),
    ).order_by()
    labels = dict(Participation.Part.choices)
    items = []
    for pk, part, status, start, end, org_id, org_name, source_id, title, published in rows:
        items.append(
            item(
                Kind.PARTICIPATION,
                pk,
                published,
                Precision.SOURCE_DATE,
                f"{org_name}: {labels.get(part, part).lower()}",
                organisation={"id": org_id, "name": org_name},
                source={"id": source_id, "title": title, "published": published},
                span={"start": start, "end": end} if start is not None else None,
                review_status=status,
            )
        )
    return items
