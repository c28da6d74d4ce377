"""Merge duplicate people, organisations or operations into one survivor, and undo it.

A merge moves every row that points at the other records to the survivor, keeps their names
as the survivor's aliases, and marks them rejected and `merged_into` the survivor (they are
kept, so that an unmerge can bring them back). A `MergeRecord` stores a snapshot of exactly
what moved; `unmerge` puts each row back where it was.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from simple_history.utils import bulk_update_with_history

from core.names import name_key
from core.review import ReviewStatus, acting_user
from curation.models import MergeRecord

SNAPSHOT_VERSION = 1


class MergeError(ValueError):
    """A merge or unmerge that cannot be done as asked; the message says why."""


@dataclass(frozen=True)
class Link:
    """A relation that points at an entity and moves to the survivor on a merge."""

    label: str
    model: str  # "app_label.ModelName" of the row that points at the entity
    field: str  # its ForeignKey or ManyToManyField to the entity
    many: bool = False
    # Fields that, with `field`, are unique together: a row whose twin the survivor already
    # has stays where it is (and is listed as kept) instead of breaking the constraint.
    unique_with: tuple[str, ...] = ()
    # Large columns not needed to move a row.
    defer: tuple[str, ...] = ()

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)


LINKS: dict[str, tuple[Link, ...]] = {
    "entities.person": (
        Link("statements as speaker", "sources.Statement", "speaker_person"),
        Link("statements about", "sources.Statement", "about_people", many=True),
        Link("mentions", "sources.Mention", "person"),
        Link("roles", "entities.Role", "person", unique_with=("organisation", "title")),
        Link("operations targeting", "entities.Operation", "target_people", many=True),
    ),
    "entities.organisation": (
        Link("statements as speaker", "sources.Statement", "speaker_organisation"),
        Link("statements about", "sources.Statement", "about_organisations", many=True),
        Link("statements reported", "sources.Statement", "reported_by"),
        Link("mentions", "sources.Mention", "organisation"),
        Link("roles", "entities.Role", "organisation", unique_with=("person", "title")),
        Link(
            "participations",
            "entities.Participation",
            "organisation",
            unique_with=("operation", "part"),
        ),
        Link("operations targeting", "entities.Operation", "target_organisations", many=True),
        Link("child organisations", "entities.Organisation", "parent"),
        Link("sources published", "sources.Source", "publisher", defer=("text",)),
    ),
    "entities.operation": (
        Link("statements", "sources.Statement", "operations", many=True),
        Link("mentions", "sources.Mention", "operation"),
        Link(
            "participations",
            "entities.Participation",
            "operation",
            unique_with=("organisation", "part"),
        ),
        Link("child operations", "entities.Operation", "parent"),
    ),
}


@dataclass
class LinkPlan:
    """What one relation does in a merge: rows that move, and rows that stay."""

    link: Link
    moved: list[tuple[int, int]] = field(default_factory=list)  # (row, entity it pointed at)
    kept: list[tuple[int, int]] = field(default_factory=list)
    added: list[int] = field(default_factory=list)  # many-to-many rows newly on the survivor

    def examples(self, limit: int = 10) -> list[models.Model]:
        """The first rows that move, for the confirmation page."""
        pks = [row for row, _ in self.moved[:limit]]
        rows = self.link.model_class.objects.filter(pk__in=pks)
        return list(rows.defer(*self.link.defer)) if self.link.defer else list(rows)


@dataclass
class MergePlan:
    survivor: models.Model
    others: list[models.Model]
    links: list[LinkPlan]
    new_aliases: list[str]

    @property
    def moved_count(self) -> int:
        return sum(len(plan.moved) for plan in self.links)

    @property
    def kept_count(self) -> int:
        return sum(len(plan.kept) for plan in self.links)


def links_for(model: type[models.Model]) -> tuple[Link, ...]:
    """The relations that move when records of `model` are merged; MergeError if none."""
    try:
        return LINKS[model._meta.label_lower]
    except KeyError:
        raise MergeError(f"{model._meta.verbose_name_plural} cannot be merged.") from None


def link_counts(entity: models.Model) -> list[tuple[str, int]]:
    """How many rows of each relation point at `entity`: (label, count)."""
    counts = []
    for link in links_for(type(entity)):
        if link.many:
            through, owner, target = _through(link)
            count = through.objects.filter(**{f"{target}_id": entity.pk}).count()
        else:
            count = link.model_class.objects.filter(**{f"{link.field}_id": entity.pk}).count()
        counts.append((link.label, count))
    return counts


def plan_merge(*, survivor: models.Model, others: list[models.Model]) -> MergePlan:
    """Work out, without writing anything, what merging `others` into `survivor` would do."""
    _check_mergeable(survivor, others)
    other_pks = sorted(other.pk for other in others)
    links = [
        _plan_many(link, survivor, other_pks) if link.many else _plan_fk(link, survivor, other_pks)
        for link in links_for(type(survivor))
    ]
    names = [name for other in sorted(others, key=lambda o: o.pk) for name in other.all_names]
    before = list(survivor.aliases)
    new_aliases = [
        alias for alias in survivor.clean_aliases([*before, *names]) if alias not in before
    ]
    return MergePlan(survivor=survivor, others=list(others), links=links, new_aliases=new_aliases)


def merge(*, survivor: models.Model, others: list[models.Model], user) -> MergeRecord:
    """Merge `others` into `survivor` in one transaction; return the MergeRecord.

    The instances passed in are read again under a lock, not updated: refresh them after.
    """
    _check_mergeable(survivor, others)
    model = type(survivor)
    with transaction.atomic():
        # Lock the records so that two people merging the same duplicates cannot interleave.
        locked = {
            obj.pk: obj
            for obj in model.objects.select_for_update().filter(
                pk__in=[survivor.pk, *(o.pk for o in others)]
            )
        }
        survivor = locked.get(survivor.pk)
        others = [locked[o.pk] for o in others if o.pk in locked]
        if survivor is None or not others:
            raise MergeError("The records to merge no longer exist.")
        plan = plan_merge(survivor=survivor, others=others)
        record = MergeRecord.objects.create(
            content_type=ContentType.objects.get_for_model(model),
            survivor_id=survivor.pk,
            merged_ids=[o.pk for o in plan.others],
            survivor_name=survivor.name,
            merged_names=[o.name for o in plan.others],
            merged_by=user,
        )
        reason = f"Merge #{record.pk}"
        for link_plan in plan.links:
            _apply(link_plan, survivor.pk, user=user, reason=reason)

        aliases_before = list(survivor.aliases)
        survivor.add_aliases(*plan.new_aliases)
        _save(survivor, user=user, reason=reason)

        merged_state = {}
        for other in plan.others:
            merged_state[str(other.pk)] = _review_state(other)
            other.merged_into = survivor
            other.review_status = ReviewStatus.REJECTED
            other.mark_curated(by=user, status_changed=True)
            _save(other, user=user, reason=reason)

        record.snapshot = {
            "version": SNAPSHOT_VERSION,
            "survivor": {"aliases": aliases_before, "added_aliases": plan.new_aliases},
            "merged": merged_state,
            "links": [
                {
                    "model": lp.link.model,
                    "field": lp.link.field,
                    "many": lp.link.many,
                    "moved": lp.moved,
                    "kept": lp.kept,
                    "added": lp.added,
                }
                for lp in plan.links
            ],
        }
        record.save(update_fields=["snapshot"])
    return record


@dataclass
class UnmergeReport:
    record: MergeRecord
    restored: int = 0
    # Rows that no longer point at the survivor (edited or deleted since the merge): left alone.
    skipped: int = 0


def unmerge(*, record: MergeRecord, user) -> UnmergeReport:
    """Undo a merge: move each row back, restore the merged records and the survivor's aliases.

    Refuses while a later merge involving the same records is still in place: undo that first.
    """
    with transaction.atomic():
        record = MergeRecord.objects.select_for_update().get(pk=record.pk)
        if not record.is_active:
            raise MergeError(f"Merge #{record.pk} was already undone.")
        blocker = _later_merge(record)
        if blocker is not None:
            raise MergeError(
                f"Undo the later merge #{blocker.pk} ({blocker}) first: it involves these records."
            )
        model = record.entity_model
        snapshot = record.snapshot
        reason = f"Unmerge #{record.pk}"
        existing = set(
            model.objects.filter(pk__in=[int(pk) for pk in snapshot["merged"]]).values_list(
                "pk", flat=True
            )
        )
        report = UnmergeReport(record=record)
        try:
            for entry in snapshot["links"]:
                link = Link(
                    label="", model=entry["model"], field=entry["field"], many=entry["many"]
                )
                moved = [(row, old) for row, old in entry["moved"] if old in existing]
                report.skipped += len(entry["moved"]) - len(moved)
                if link.many:
                    restored = _restore_many(link, record.survivor_id, moved, entry["added"])
                else:
                    restored = _restore_fk(
                        link, record.survivor_id, moved, user=user, reason=reason
                    )
                report.restored += restored
                report.skipped += len(moved) - restored
        except IntegrityError as error:
            raise MergeError(f"Cannot undo merge #{record.pk}: {error}") from error

        survivor = model.objects.filter(pk=record.survivor_id).first()
        if survivor is not None:
            added = {name_key(alias) for alias in snapshot["survivor"]["added_aliases"]}
            survivor.aliases = [a for a in survivor.aliases if name_key(a) not in added]
            _save(survivor, user=user, reason=reason)

        for other in model.objects.filter(pk__in=existing):
            state = snapshot["merged"][str(other.pk)]
            other.merged_into = None
            other.review_status = state["review_status"]
            other.reviewed_by_id = state["reviewed_by"]
            other.reviewed_at = (
                parse_datetime(state["reviewed_at"]) if state["reviewed_at"] else None
            )
            other.curated = state["curated"]
            _save(other, user=user, reason=reason)

        record.unmerged_at = timezone.now()
        record.unmerged_by = acting_user(user)
        record._history_user = record.unmerged_by
        record.save(update_fields=["unmerged_at", "unmerged_by"])
    return report


def _check_mergeable(survivor, others) -> None:
    model = type(survivor)
    links_for(model)
    if not others:
        raise MergeError("Choose at least two records to merge.")
    if any(type(other) is not model for other in others):
        raise MergeError("Only records of one kind can be merged.")
    if any(other.pk == survivor.pk for other in others):
        raise MergeError("The survivor cannot be merged into itself.")
    for obj in [survivor, *others]:
        if obj.merged_into_id is not None:
            raise MergeError(f"“{obj}” was already merged into another record.")


def _through(link: Link):
    """The through model of a many-to-many link, and its two column names (owner, entity)."""
    m2m = link.model_class._meta.get_field(link.field)
    return m2m.remote_field.through, m2m.m2m_field_name(), m2m.m2m_reverse_field_name()


def _plan_fk(link: Link, survivor, other_pks: list[int]) -> LinkPlan:
    plan = LinkPlan(link=link)
    rows = link.model_class.objects.order_by("pk")
    fk = f"{link.field}_id"
    columns = [f"{name}_id" if _is_relation(link, name) else name for name in link.unique_with]
    taken = {
        tuple(values)
        for values in rows.filter(**{fk: survivor.pk}).values_list(*columns)
        if columns
    }
    self_link = link.model_class is type(survivor)
    for row in rows.filter(**{f"{fk}__in": other_pks}).values("pk", fk, *columns):
        key = tuple(row[c] for c in columns)
        # A record cannot become its own parent; a twin of the survivor's row would be a duplicate.
        if (self_link and row["pk"] == survivor.pk) or (columns and key in taken):
            plan.kept.append((row["pk"], row[fk]))
            continue
        taken.add(key)
        plan.moved.append((row["pk"], row[fk]))
    return plan


def _plan_many(link: Link, survivor, other_pks: list[int]) -> LinkPlan:
    plan = LinkPlan(link=link)
    through, owner, target = _through(link)
    rows = through.objects.order_by("pk")
    linked = set(rows.filter(**{f"{target}_id": survivor.pk}).values_list(f"{owner}_id", flat=True))
    pairs = rows.filter(**{f"{target}_id__in": other_pks}).values_list(
        f"{owner}_id", f"{target}_id"
    )
    for owner_pk, old in pairs:
        plan.moved.append((owner_pk, old))
        if owner_pk not in linked:
            linked.add(owner_pk)
            plan.added.append(owner_pk)
    return plan


def _is_relation(link: Link, name: str) -> bool:
    return link.model_class._meta.get_field(name).is_relation


def _apply(plan: LinkPlan, survivor_pk: int, *, user, reason: str) -> None:
    if not plan.moved:
        return
    link = plan.link
    if link.many:
        through, owner, target = _through(link)
        owners = [row for row, _ in plan.moved]
        through.objects.filter(
            **{f"{owner}_id__in": owners, f"{target}_id__in": {old for _, old in plan.moved}}
        ).delete()
        through.objects.bulk_create(
            [through(**{f"{owner}_id": row, f"{target}_id": survivor_pk}) for row in plan.added]
        )
        return
    rows = link.model_class.objects.filter(pk__in=[row for row, _ in plan.moved])
    if link.defer:
        rows = rows.defer(*link.defer)
    _bulk_update(list(rows), link, {row: survivor_pk for row, _ in plan.moved}, user, reason)


def _restore_fk(link: Link, survivor_pk: int, moved, *, user, reason: str) -> int:
    previous = dict(moved)
    rows = link.model_class.objects.filter(
        pk__in=list(previous), **{f"{link.field}_id": survivor_pk}
    )
    if link.defer:
        rows = rows.defer(*link.defer)
    rows = list(rows)
    _bulk_update(rows, link, previous, user, reason)
    return len(rows)


def _restore_many(link: Link, survivor_pk: int, moved, added: list[int]) -> int:
    through, owner, target = _through(link)
    existing_owners = set(
        link.model_class.objects.filter(pk__in={row for row, _ in moved}).values_list(
            "pk", flat=True
        )
    )
    pairs = [(row, old) for row, old in moved if row in existing_owners]
    through.objects.bulk_create(
        [through(**{f"{owner}_id": row, f"{target}_id": old}) for row, old in pairs],
        ignore_conflicts=True,
    )
    through.objects.filter(**{f"{owner}_id__in": added, f"{target}_id": survivor_pk}).delete()
    return len(pairs)


def _bulk_update(rows, link: Link, targets: dict[int, int], user, reason: str) -> None:
    """Point each row's link at targets[row.pk], with a history entry where the model keeps one."""
    if not rows:
        return
    column = f"{link.field}_id"
    for row in rows:
        setattr(row, column, targets[row.pk])
    model = link.model_class
    if hasattr(model, "history"):
        bulk_update_with_history(
            rows, model, [link.field], default_user=user, default_change_reason=reason
        )
    else:
        model.objects.bulk_update(rows, [link.field])


def _save(obj, *, user, reason: str) -> None:
    obj._history_user = acting_user(user)
    obj._change_reason = reason
    obj.save()


def _review_state(obj) -> dict:
    return {
        "review_status": obj.review_status,
        "reviewed_by": obj.reviewed_by_id,
        "reviewed_at": obj.reviewed_at.isoformat() if obj.reviewed_at else None,
        "curated": obj.curated,
    }


def _later_merge(record: MergeRecord) -> MergeRecord | None:
    """An active merge made after `record` that touches any of its records, if there is one."""
    pks = {record.survivor_id, *record.merged_ids}
    later = MergeRecord.objects.filter(
        content_type=record.content_type, unmerged_at__isnull=True, pk__gt=record.pk
    )
    return next((other for other in later if pks & {other.survivor_id, *other.merged_ids}), None)
