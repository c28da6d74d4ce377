"""A speaker's record: what a person or organisation said over time, grouped by operation,
the positions they hold, who reported them and whom they talk about most.

Counts cover every statement in scope; each operation's group lists only its newest
statements (`per_operation`), so a speaker quoted ten thousand times still answers quickly.
A constant number of queries, whatever the speaker's size.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, DateField, Exists, F, Max, Min, OuterRef, Q, Window
from django.db.models.functions import RowNumber, TruncMonth

from core.lookups import AnyOf
from core.review import can_see_unverified
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
    statements = Statement.objects.said_by(speaker, user=user)
    if operation:
        statements = statements.filter(
            Exists(
                Statement.operations.through.objects.filter(
                    statement_id=OuterRef("pk"), operation_id=operation
                )
            )
        )
    if review_status:
        statements = statements.filter(review_status=review_status)
    return placed_between(statements, date_after, date_before).order_by()


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

    Counted in the database: a top speaker has thousands of statements (tens of thousands
    at a million), and each count, group and list here is a small answer. The statements
    in scope are a subquery of every query (an index-only scan of the speaker's statements,
    from research/migrations/0001) rather than a list of ids sent back and forth.
    """
    statements = speaker_statements(
        speaker,
        user=user,
        operation=operation,
        date_after=date_after,
        date_before=date_before,
        review_status=review_status,
    )
    scope = statements.values("pk")
    months = Counter(
        dict(
            statements.annotate(month=TruncMonth(placed_on(), output_field=DateField()))
            .values("month")
            .annotate(count=Count("pk"))
            .values_list("month", "count")
        )
    )
    per_month = [
        {"month": month, "count": months[month]}
        for month in sorted(months, key=lambda m: (m is None, m or date.max))
    ]
    groups, placed = operation_groups(statements, scope, user, operation, per_operation)
    rows = Statement.objects.filter(AnyOf(F("pk"), list(placed))).values(*STATEMENT_ROW)
    rows = {row["id"]: {**row, "placed": placed[row["id"]]} for row in rows}
    return Record(
        speaker=speaker,
        speaker_type="person" if isinstance(speaker, Person) else "organisation",
        statement_count=sum(months.values()),
        per_month=per_month,
        operations=groups,
        roles=speaker_roles(speaker, user),
        participations=speaker_participations(speaker, user),
        reported_by=reporters(statements, user),
        mentions=most_mentioned(scope, user),
        statement_rows=rows,
    )


def operation_groups(statements, scope, user, operation, per_operation):
    """The record's groups, largest first, the statements about no operation `user` may see
    last; each with its count, first and last dates and its newest `per_operation`
    statements (listed oldest first). Also each listed statement's date, by id.

    Two queries: the operations' groups, each ranked in a window, then the rest.
    """
    # From the statements' side, in one filter() so that every condition is on the same
    # link row: the speaker's statements come from the index (date, source), and only
    # their links are joined, not each linked statement looked up again.
    about = {"operations__isnull": False}
    if not can_see_unverified(user, Operation):
        about["operations__in"] = Operation.objects.visible_to(user)
    if operation:
        about["operations__id"] = operation
    when = placed_on()
    group = {"partition_by": F("operation_key")}
    rows = (
        statements.filter(**about)
        .annotate(
            operation_key=F("operations__id"),
            operation_name=F("operations__name"),
            placed_at=when,
        )
        .annotate(
            rank=Window(
                RowNumber(), **group, order_by=[when.desc(nulls_last=True), F("pk").desc()]
            ),
            total=Window(Count("pk"), **group),
            first=Window(Min(when), **group),
            last=Window(Max(when), **group),
        )
        .filter(rank__lte=per_operation)
        .values_list(
            "operation_key",
            "operation_name",
            "pk",
            "placed_at",
            "rank",
            "total",
            "first",
            "last",
        )
    )
    by_key, placed = {}, {}
    for key, name, pk, when_placed, rank, total, first, last in rows:
        found = by_key.setdefault(
            key,
            {
                "operation": {"id": key, "name": name},
                "statement_count": total,
                "first_date": first,
                "last_date": last,
                "statements": [],
            },
        )
        found["statements"].append((rank, pk))
        placed[pk] = when_placed
    groups = sorted(by_key.values(), key=lambda g: (-g["statement_count"], g["operation"]["name"]))
    if not operation:
        # Statements about no operation the user may see form a group of their own.
        about = with_visible(
            Statement.operations.through.objects.filter(statement_id=OuterRef("pk")),
            "operation",
            Operation,
            user,
        )
        unlinked = list(
            statements.filter(~Exists(about))
            .annotate(
                placed_at=placed_on(),
                # Windows over the whole group, counted before the slice.
                total=Window(Count("pk")),
                first=Window(Min(placed_on())),
                last=Window(Max(placed_on())),
            )
            .order_by(F("placed_at").desc(nulls_last=True), "-pk")
            .values_list("pk", "placed_at", "total", "first", "last")[:per_operation]
        )
        if unlinked:
            _, _, total, first, last = unlinked[0]
            groups.append(
                {
                    "operation": None,
                    "statement_count": total,
                    "first_date": first,
                    "last_date": last,
                    "statements": [(rank, pk) for rank, (pk, *_) in enumerate(unlinked, 1)],
                }
            )
            placed.update((pk, when_placed) for pk, when_placed, *_ in unlinked)
    for found in groups:
        # Oldest first, so that two accounts of the same operation sit side by side.
        found["statements"] = [pk for _, pk in sorted(found["statements"], reverse=True)]
    return groups, placed


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


def reporters(statements, user) -> list[dict]:
    """Who reported the speaker (`reported_by`), most often first; hidden reporters left out."""
    reported = with_visible(
        statements.filter(reported_by__isnull=False), "reported_by", Organisation, user
    )
    rows = (
        reported.values("reported_by_id", "reported_by__name")
        .annotate(count=Count("pk"))
        .values_list("reported_by_id", "reported_by__name", "count")
    )
    found = [{"organisation": {"id": pk, "name": name}, "count": count} for pk, name, count in rows]
    return sorted(found, key=lambda row: (-row["count"], row["organisation"]["name"]))


def most_mentioned(scope, user) -> list[dict]:
    """The people and organisations the speaker's statements are about, most often first."""
    found = []
    for kind, model, relation in (
        ("person", Person, Statement.about_people),
        ("organisation", Organisation, Statement.about_organisations),
    ):
        links = relation.through.objects.filter(statement_id__in=scope)
        links = with_visible(links, kind, model, user)
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
