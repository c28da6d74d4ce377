"""Match extracted names to records already in the database, or create them.

Every name and alias staff curated is a key here, so a renamed or merged record is found
again under its old names; names of rejected records are suppressed, never created again.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction

from core.names import NAME_SUFFIXES, name_key
from core.review import ReviewStatus
from entities.models import NamedEntity, Operation, Organisation, Person
from sources.ingest.confidence import outranks

MODELS = {"PERSON": Person, "ORG": Organisation, "OPERATION": Operation}


@dataclass
class NameIndex:
    """Folded names and aliases -> record ids, per model, loaded once per run."""

    ids: dict[type, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    surnames: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    # id -> its folded names (a merged record's too), to tell two people of one surname apart
    person_names: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def load(cls) -> NameIndex:
        index = cls()
        for model in MODELS.values():
            rows = model.objects.filter(disambiguation="").values_list(
                "id", "name", "aliases", "merged_into_id"
            )
            for pk, name, aliases, merged_into in rows.iterator(chunk_size=2000):
                index.add(model, merged_into or pk, name, aliases or [])
        return index

    def add(self, model, pk: int, name: str, aliases: list[str]) -> None:
        for form in [name, *aliases]:
            key = name_key(form)
            if key:
                self.ids[model].setdefault(key, pk)
        if model is Person:
            self.person_names[pk].add(name_key(name))
        if model is Person and len(name.split()) > 1:
            words = [w for w in name_key(name).split() if w not in NAME_SUFFIXES]
            self.surnames[words[-1]].add(pk)

    def find(self, model, keys: set[str]) -> int | None:
        fullest = max(keys, key=lambda k: len(k.split()), default="")
        for key in sorted(keys, key=len, reverse=True):
            pk = self.ids[model].get(key)
            if pk is not None and (
                model is not Person
                or " " in key
                or any(could_be_one_person(fullest, n) for n in self.person_names[pk] or {key})
            ):
                return pk
        if model is Person and len(keys) == 1:
            # A surname alone ("Moreno") is a person known by their full name, if only one is.
            (key,) = keys
            candidates = self.surnames.get(key, set()) if " " not in key else set()
            if len(candidates) == 1:
                return next(iter(candidates))
        return None


def could_be_one_person(a: str, b: str) -> bool:
    """Whether two folded names may be one person's, once their surnames agree: one is a bare
    surname, or their first names agree (or one is the other's initial). "Claudia Castro" is
    not the "Castro" known elsewhere as "Xiomara Castro"."""
    first_a, first_b = (n.split()[0].rstrip(".") if " " in n else "" for n in (a, b))
    if not first_a or not first_b:
        return True
    short, long = sorted((first_a, first_b), key=len)
    return short == long or (len(short) == 1 and long.startswith(short))


def resolve(
    model,
    *,
    name: str,
    aliases: set[str],
    index: NameIndex,
    confidence: float,
    evidence: dict | None = None,
    extra: dict | None = None,
    counts,
    known: Known | None = None,
) -> NamedEntity | None:
    """The record for an extracted entity (created if new); None for a suppressed name.

    A record found again takes this `confidence` and `evidence` when they outrank its own
    (confidence.outranks); a curated one keeps what it has."""
    limit = model._meta.get_field("name_key").max_length
    if len(name) > limit or len(name_key(name)) > limit:
        return None  # no name is that long; PostgreSQL would refuse the whole document
    keys = {name_key(n) for n in {name, *aliases}} - {""}
    pk = index.find(model, keys)
    if pk is None and not (known and keys <= known.absent[model]):
        # Another worker may have made this record since the index was loaded: wait for it
        # (a lock per surname, held until commit), then look in the database itself.
        lock_name(model, keys)
        pk = find_in_database(model, keys)
    record = known.records.get((model, pk)) if known else None
    if record is None and pk:
        record = model.objects.filter(pk=pk).first()
    while record is not None and record.merged_into_id:
        record = record.merged_into
    if record is None:
        record, created = _create(
            model,
            name=name,
            aliases=aliases,
            confidence=confidence,
            evidence=evidence,
            extra=extra,
        )
        counts[model.__name__, "created" if created else "updated"] += 1
    elif record.review_status == ReviewStatus.REJECTED:
        return None
    elif not record.curated:
        changed = record.add_aliases(*aliases, name)
        if evidence is not None and outranks(
            confidence,
            evidence,
            stored=record.confidence,
            stored_evidence=record.confidence_evidence,
        ):
            record.confidence, record.confidence_evidence = confidence, evidence
            changed = True
        for field, value in (extra or {}).items():
            # Fill what an earlier document left unknown; staff edits (curated) are kept.
            if value and getattr(record, field) in ("", None, "other"):
                setattr(record, field, value)
                changed = True
        if model is Person and len(name.split()) > len(record.name.split()):
            # A fuller form of a name known only in part ("Moreno" -> "Lucia Moreno").
            record.add_aliases(record.name)
            record.name = name
            changed = True
        if changed:
            record.save()
            counts[model.__name__, "updated"] += 1
    index.add(model, record.pk, record.name, record.aliases)
    return record


LOOKUP_CHUNK = 100  # names per query: five conditions each


@dataclass
class Known:
    """What the database holds for a document's names, read before they are resolved."""

    records: dict = field(default_factory=dict)  # (model, pk) -> record
    absent: dict = field(default_factory=lambda: defaultdict(set))  # model -> keys of no record


def known_records(index: NameIndex, wanted: list[tuple[type, set[str]]]) -> Known:
    """A document's names looked up at once, for `resolve(known=...)`: names the index lacks
    in one query per model (another worker may have added them since it was loaded; on
    PostgreSQL their surnames are locked first, until commit), then their records in one
    more. A new article's names then cost no lookup each."""
    pks, unknown = defaultdict(set), defaultdict(list)
    for model, keys in wanted:
        pk = index.find(model, keys)
        if pk is not None:
            pks[model].add(pk)
        elif keys:
            unknown[model].append(keys)
    known = Known()
    for model, names in unknown.items():
        every = sorted(set().union(*names))
        lock_name(model, set(every))
        # In chunks: SQLite parses a chain of ORs as a tree at most 1,000 deep.
        for start in range(0, len(every), LOOKUP_CHUNK):
            rows = model.objects.known_as(set(every[start : start + LOOKUP_CHUNK]))
            for pk, name, aliases, merged_into in rows.filter(disambiguation="").values_list(
                "id", "name", "aliases", "merged_into_id"
            ):
                index.add(model, merged_into or pk, name, aliases or [])
        for keys in names:
            pk = index.find(model, keys)
            if pk is not None:
                pks[model].add(pk)
            elif not (model is Person and len(keys) == 1 and " " not in next(iter(keys))):
                known.absent[model] |= keys  # (a surname alone is still looked up by itself)
    known.records = {
        (model, pk): record
        for model, ids in pks.items()
        for pk, record in model.objects.in_bulk(ids).items()
    }
    return known


def lock_name(model, keys: set[str]) -> None:
    """On PostgreSQL, serialise the creation of records that share a surname until commit."""
    if connection.vendor != "postgresql":
        return  # SQLite allows one writer at a time anyway
    for last in sorted({k.split()[-1] for k in keys if k}):
        lock = zlib.crc32(f"{model._meta.label}:{last}".encode()) - 2**31
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock])


def find_in_database(model, keys: set[str]) -> int | None:
    """A record whose name or an alias folds to one of `keys` (or, for a surname, ends with it)."""
    rows = model.objects.known_as(keys).filter(disambiguation="")
    fullest = max(keys, key=lambda k: len(k.split()), default="")
    for pk, merged_into, key in rows.values_list("pk", "merged_into_id", "name_key")[:20]:
        if model is not Person or key in keys or could_be_one_person(fullest, key):
            return merged_into or pk
    if model is Person and len(keys) == 1 and " " not in next(iter(keys)):
        matches = Person.objects.with_surname(next(iter(keys))).filter(disambiguation="")
        pks = list(matches.values_list("pk", flat=True)[:2])
        if len(pks) == 1:
            return pks[0]
    return None


def _create(model, *, name, aliases, confidence, evidence, extra) -> tuple[NamedEntity, bool]:
    """Create a record; another worker creating the same name at once wins and is reused."""
    record = model(
        name=name,
        aliases=sorted(aliases),
        confidence=confidence,
        confidence_evidence=evidence or {},
        **(extra or {}),
    )
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        existing = model.objects.filter(name_key=name_key(name), disambiguation="").first()
        if existing is None:
            raise
        return existing, False
    return record, True


NAMED = re.compile(r"^Operation [A-Z0-9]")  # "Operation Iron Gate", not "Operation in Lagos"


def same_event(
    *, name: str, kind: str, start_date, participant_ids: set[int], target_ids: set[int]
) -> Operation | None:
    """The operation already recorded that this one is under another name: a raid described in
    one article ("the raid on the port on March 3") and named in another ("Operation Iron
    Gate"), or described twice in other words. Two different names are two operations.

    Either the same day and kind, the only such operation, sharing a participant when both
    name any; or, when one of them is only described, the same person aimed at (captured,
    arrested) with no date or kind that tells them apart.
    """
    rows = (
        Operation.objects.filter(merged_into=None, disambiguation="")
        .exclude(review_status=ReviewStatus.REJECTED)
        .prefetch_related("participants")
    )
    if start_date is not None and kind != "other":
        same_day = [
            op
            for op in rows.filter(start_date=start_date, kind=kind)
            if not (NAMED.match(op.name) and NAMED.match(name))
        ]
        if len(same_day) == 1:
            (op,) = same_day
            theirs = {org.pk for org in op.participants.all()}
            if not (participant_ids and theirs and not participant_ids & theirs):
                return op
    if not target_ids:
        return None
    same_target = [
        op
        for op in rows.filter(target_people__in=target_ids).distinct()
        if not (NAMED.match(op.name) and NAMED.match(name))
        and (op.start_date is None or start_date is None or op.start_date == start_date)
        and (op.kind == kind or "other" in {op.kind, kind})
    ]
    return same_target[0] if len(same_target) == 1 else None


def join_event(record: Operation, *, name: str, aliases: set[str], index: NameIndex) -> None:
    """Add another article's name for the same operation; its proper name wins a description."""
    if record.curated:
        return
    if NAMED.match(name) and not NAMED.match(record.name):
        record.add_aliases(record.name)
        record.name = name
    record.add_aliases(name, *aliases)
    record.save()
    index.add(Operation, record.pk, record.name, record.aliases)
