"""A speaker's record: what a person or organisation said over time, grouped by operation,
the positions they hold, who reported them and whom they talk about most.

Counts cover every statement in scope; each operation's group lists only its newest
statements (`per_operation`), so a speaker quoted ten thousand times still answers quickly.
A constant number of queries, whatever the speaker's size.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q

from core.lookups import AnyOf
from entities.api.serializers import with_evidence
from entities.models import Operation, Organisation, Participation, Person, Role
from research.dates import placed_between, placed_on
from research.visibility import with_visible
from sources.api.serializers import STATEMENT_ROW
from sources.models import Statement

MOST_MENTIONED = 10


@dataclass
class Record:
    speaker: Person | Organisation
    speaker_type: str  # "person" or "organisation"
    statement_count: int
    per_month: list[dict]  # {"month": date (first day) or None for undated, "count"}
    operations: list[dict]  # {"operation": {id, name} or None, "statement_count", ...}
    roles: list[Role]
    participations: list[Participation]
    reported_by: list[dict]  # {"organisation": {id, name}, "count"}
    mentions: list[dict]  # {"entity": {id, type, name}, "count"}
    statement_rows: dict  # statement id -> its row (sources.api.serializers.STATEMENT_ROW)


def speaker_statements(
    speaker, *, user, operation=None, date_after=None, date_before=None, review_status=None
):
    """The statements of `speaker` that `user` may see, in the record's scope."""
    field = "speaker_person" if isinstance(speaker, Person) else "speaker_organisation"
    statements = Statement.objects.visible_to(user).filter(**{field: speaker})
    if operation:
        statements = statements.filter(operations=operation)
    if review_status:
        statements = statements.filter(review_status=review_status)
    return placed_between(statements, date_after, date_before)


def build_record(
    speaker: Person | Organisation,
    *,
    user,
    operation: int | None = None,
    date_after: date | None = None,
    date_before: date | None = None,
    review_status: str | None = None,
    per_operation: int = 10,
) -> Record:
    """The record of `speaker` as `user` may see it; `operation` and dates narrow the scope.

    The speaker's statements are read once (id, date, reporter) and counted here: each
    aggregate in SQL would scan them again (a top speaker has thousands).
    """
    statements = speaker_statements(
        speaker,
        user=user,
        operation=operation,
        date_after=date_after,
        date_before=date_before,
        review_status=review_status,
    )
    placed, reporter_counts = {}, Counter()
    for pk, when, reporter in statements.annotate(placed_at=placed_on()).values_list(
        "pk", "placed_at", "reported_by_id"
    ):
        placed[pk] = when
        if reporter:
            reporter_counts[reporter] += 1
    # The statements by id from here on: as a subquery, each query would read them again.
    scope = AnyOf(F("statement_id"), list(placed))
    months = Counter(when.replace(day=1) if when else None for when in placed.values())
    per_month = [
        {"month": month, "count": months[month]}
        for month in sorted(months, key=lambda m: (m is None, m or date.max))
    ]

    def newest_first(pk):
        return (placed[pk] is None, -(placed[pk] or date.min).toordinal(), -pk)

    links = with_visible(
        Statement.operations.through.objects.filter(scope),
        "operation",
        Operation,
        user,
    )
    if operation:
        links = links.filter(operation_id=operation)
    by_operation, names = defaultdict(list), {}
    for statement_id, operation_id, name in links.values_list(
        "statement_id", "operation_id", "operation__name"
    ):
        by_operation[operation_id].append(statement_id)
        names[operation_id] = name
    groups = [(operation_id, pks) for operation_id, pks in by_operation.items()]
    groups.sort(key=lambda group: (-len(group[1]), names[group[0]]))
    if not operation:
        # Statements about no operation the user may see form a group of their own.
        linked = {pk for pks in by_operation.values() for pk in pks}
        unlinked = [pk for pk in placed if pk not in linked]
        if unlinked:
            groups.append((None, unlinked))
    listed = {key: sorted(pks, key=newest_first)[:per_operation] for key, pks in groups}
    ids = {pk for pks in listed.values() for pk in pks}
    rows = Statement.objects.filter(AnyOf(F("pk"), list(ids))).values(*STATEMENT_ROW)
    rows = {row["id"]: {**row, "placed": placed[row["id"]]} for row in rows}
    operations = []
    for key, pks in groups:
        dated = [placed[pk] for pk in pks if placed[pk] is not None]
        operations.append(
            {
                "operation": {"id": key, "name": names[key]} if key else None,
                "statement_count": len(pks),
                "first_date": min(dated, default=None),
                "last_date": max(dated, default=None),
                # Oldest first, so that two accounts of the same operation sit side by side.
                "statements": list(reversed(listed[key])),
            }
        )
    return Record(
        speaker=speaker,
        speaker_type="person" if isinstance(speaker, Person) else "organisation",
        statement_count=len(placed),
        per_month=per_month,
        operations=operations,
        roles=speaker_roles(speaker, user),
        participations=speaker_participations(speaker, user),
        reported_by=reporters(reporter_counts, user),
        mentions=most_mentioned(scope, user),
        statement_rows=rows,
    )


def speaker_roles(speaker, user) -> list[Role]:
    """A person's positions, or the positions held in an organisation, with their sources."""
    roles = Role.objects.visible_to(user)
    if isinstance(speaker, Person):
        roles = roles.filter(person=speaker).filter(
            Q(organisation__isnull=True) | Q(organisation__in=Organisation.objects.visible_to(user))
        )
    else:
        roles = with_visible(roles.filter(organisation=speaker), "person", Person, user)
    roles = roles.select_related("person", "organisation", "source").defer("source__text")
    roles = with_evidence(roles)
    return list(roles.order_by(F("start_date").asc(nulls_last=True), "pk"))


def speaker_participations(speaker, user) -> list[Participation]:
    if not isinstance(speaker, Organisation):
        return []
    parts = Participation.objects.visible_to(user).filter(organisation=speaker)
    parts = with_visible(parts, "operation", Operation, user)
    parts = parts.select_related("operation", "source").defer("source__text")
    return list(parts.order_by(F("operation__start_date").asc(nulls_last=True), "pk"))


def reporters(counts: Counter, user) -> list[dict]:
    """Who reported the speaker (`reported_by`), most often first; hidden reporters left out."""
    names = dict(
        Organisation.objects.visible_to(user).filter(pk__in=list(counts)).values_list("pk", "name")
    )
    found = [
        {"organisation": {"id": pk, "name": names[pk]}, "count": counts[pk]}
        for pk in counts
        if pk in names
    ]
    return sorted(found, key=lambda row: (-row["count"], row["organisation"]["name"]))


def most_mentioned(scope, user) -> list[dict]:
    """The people and organisations the speaker's statements are about, most often first."""
    found = []
    for kind, model, relation in (
        ("person", Person, Statement.about_people),
        ("organisation", Organisation, Statement.about_organisations),
    ):
        links = with_visible(relation.through.objects.filter(scope), kind, model, user)
        rows = (
            links.values(f"{kind}_id", f"{kind}__name")
            .annotate(count=Count("pk"))
            .order_by("-count", f"{kind}_id")[:MOST_MENTIONED]
        )
        found += [
            {
                "entity": {"id": row[f"{kind}_id"], "type": kind, "name": row[f"{kind}__name"]},
                "count": row["count"],
            }
            for row in rows
        ]
    found.sort(key=lambda row: (-row["count"], row["entity"]["name"]))
    return found[:MOST_MENTIONED]
