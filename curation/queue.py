"""The review queue: pending records of each kind, least confident first (or oldest first),
with the passage each came from."""

from dataclasses import dataclass

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import F, OuterRef, Subquery

from curation.passages import Passage, passage, with_passage_window
from curation.reader import admin_url

PAGE_SIZE = 25
# How a page is ordered: the least confident first, where review helps most (records people
# made, with no confidence, last), or the oldest first.
ORDERS = {
    "confidence": (F("confidence").asc(nulls_last=True), "created_at", "pk"),
    "oldest": ("created_at", "pk"),
}
DEFAULT_ORDER = "confidence"


@dataclass(frozen=True)
class QueueKind:
    key: str
    model: str
    label: str
    # Where the passage comes from: the row's own span, or the entity's first mention.
    spans: str  # "own" or "mention"
    related: tuple[str, ...] = ()

    @property
    def model_class(self):
        return apps.get_model(self.model)


KINDS = (
    QueueKind(
        "statement",
        "sources.Statement",
        "Statements",
        "own",
        ("speaker_person", "speaker_organisation", "source"),
    ),
    QueueKind("person", "entities.Person", "People", "mention"),
    QueueKind("organisation", "entities.Organisation", "Organisations", "mention"),
    QueueKind("operation", "entities.Operation", "Operations", "mention"),
    QueueKind("role", "entities.Role", "Roles", "own", ("person", "organisation", "source")),
    QueueKind(
        "participation",
        "entities.Participation",
        "Participations",
        "own",
        ("operation", "organisation", "source"),
    ),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


@dataclass
class QueueItem:
    record: object
    passage: Passage | None
    source: object | None  # the Source the passage is from (its text deferred)
    anchor: str  # the passage's element id in the source reader

    @property
    def url(self) -> str:
        return admin_url(self.record)

    @property
    def source_url(self) -> str:
        if self.source is None:
            return ""
        return admin_url(self.source) + (f"#{self.anchor}" if self.anchor else "")


def kinds_for(user) -> list[QueueKind]:
    """The kinds of record `user` may see in the queue."""
    return [
        kind
        for kind in KINDS
        if user.has_perm(
            f"{kind.model_class._meta.app_label}.view_{kind.model_class._meta.model_name}"
        )
    ]


def pending_counts(kinds) -> dict[str, int]:
    return {kind.key: kind.model_class.objects.pending().count() for kind in kinds}


def pending_page(kind: QueueKind, page_number, *, order: str = DEFAULT_ORDER):
    """One page of the kind's pending records in `order` (ORDERS), each as a QueueItem."""
    rows = kind.model_class.objects.pending().order_by(*ORDERS.get(order, ORDERS[DEFAULT_ORDER]))
    if kind.spans == "own":
        rows = with_passage_window(rows.select_related(*kind.related).defer("source__text"))
    else:
        mentions = apps.get_model("sources", "Mention").objects.filter(**{kind.key: OuterRef("pk")})
        rows = rows.annotate(
            first_mention=Subquery(mentions.order_by("source_id", "span_start").values("pk")[:1])
        )
    page = Paginator(rows, PAGE_SIZE).get_page(page_number)
    if kind.spans == "own":
        items = [_item(row, row, "statement" if kind.key == "statement" else "") for row in page]
    else:
        items = _entity_items(list(page))
    return page, items


def _entity_items(records) -> list[QueueItem]:
    Mention = apps.get_model("sources", "Mention")
    mention_ids = [r.first_mention for r in records if r.first_mention]
    mentions = with_passage_window(
        Mention.objects.filter(pk__in=mention_ids).select_related("source").defer("source__text")
    )
    by_id = {mention.pk: mention for mention in mentions}
    return [_item(record, by_id.get(record.first_mention), "mention") for record in records]


def _item(record, spanned, anchor_kind: str) -> QueueItem:
    """A queue item whose passage is `spanned`'s span (a row with a passage window), if any."""
    if spanned is None or spanned.span_start is None or spanned.passage_window is None:
        return QueueItem(record, None, getattr(spanned, "source", None), "")
    found = passage(
        spanned.passage_window,
        spanned.span_start,
        spanned.span_end,
        offset=spanned.passage_offset,
    )
    anchor = f"{anchor_kind}-{spanned.pk}" if anchor_kind else ""
    return QueueItem(record, found, spanned.source, anchor)
