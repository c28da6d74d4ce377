"""What a statement payload embeds besides its speaker, loaded for a whole page at once.

A page of statements embeds each one's source (with its publisher), the organisation that
reported it and its operations. On PostgreSQL the page query builds them
(`StatementQuerySet.with_embeds`, sources/embedded.py) and they are only picked up here;
elsewhere they are read as follows. Joining them all into the page query made PostgreSQL spend
longer planning than executing it, and building six model instances per row cost more than
the SQL; instead each kind is read for the whole page by id, as plain tuples: the sources with
their publishers, the operations, and the reporters that are not publishers of the page (two
or three small queries, whatever the page's size).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from core.review import ReviewStatus
from entities.models import Operation, Organisation
from sources.models import Source, Statement
from sources.querysets import EMBEDDED


@dataclass
class Embeds:
    """Payload fragments by id: sources and reporters, and operations by statement."""

    sources: dict[int, dict] = field(default_factory=dict)
    organisations: dict[int, dict | None] = field(default_factory=dict)
    operations: dict[int, list[dict]] = field(default_factory=lambda: defaultdict(list))


def load_embeds(statements: list[dict], context) -> Embeds:
    """The embedded rows of `statements` (as `serializers.STATEMENT_ROW`), as the user behind
    `context` may see them.

    Hidden rows (unverified, for a user who may not see those) come out as None, or are left
    out of a statement's operations.
    """
    sees = context.get("sees_unverified") or (lambda model: False)
    embeds = Embeds()
    if not statements:
        return embeds
    if EMBEDDED in statements[0]:
        return embedded(statements)
    everyone = sees(Organisation)

    def brief(pk, name, status):
        shown = everyone or status == ReviewStatus.VERIFIED
        return {"id": pk, "name": name} if shown else None

    source_rows = Source.objects.filter(pk__in={s["source_id"] for s in statements}).values_list(
        "pk", "title", "published", "publisher_id", "publisher__name", "publisher__review_status"
    )
    for pk, title, published, publisher_id, name, status in source_rows:
        publisher = brief(publisher_id, name, status) if publisher_id else None
        if publisher_id:
            embeds.organisations[publisher_id] = publisher
        embeds.sources[pk] = {
            "id": pk,
            "title": title,
            "publisher": publisher,
            "published": published.isoformat() if published else None,
        }
    # The reporter is often the publisher, already read.
    reporters = {s["reported_by_id"] for s in statements} - {None} - embeds.organisations.keys()
    if reporters:
        rows = Organisation.objects.filter(pk__in=reporters).values_list(
            "pk", "name", "review_status"
        )
        for pk, name, status in rows:
            embeds.organisations[pk] = brief(pk, name, status)
    links = Statement.operations.through.objects.filter(
        statement_id__in=[s["id"] for s in statements]
    )
    if not sees(Operation):
        links = links.filter(operation__review_status=ReviewStatus.VERIFIED)
    rows = links.order_by("operation__name", "operation_id").values_list(
        "statement_id", "operation_id", "operation__name"
    )
    for statement_id, pk, name in rows:
        embeds.operations[statement_id].append({"id": pk, "name": name})
    return embeds


def embedded(statements: list[dict]) -> Embeds:
    """The embeds the page query built (`StatementQuerySet.with_embeds`), by id."""
    embeds = Embeds()
    for s in statements:
        built = s[EMBEDDED]
        embeds.sources[s["source_id"]] = built["source"]
        embeds.organisations[s["reported_by_id"]] = built["reporter"]
        embeds.operations[s["id"]] = built["operations"]
    return embeds
