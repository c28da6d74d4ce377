"""Write one document's extraction: its Source, then its machine-made records, in one
transaction (retried when PostgreSQL breaks a deadlock). Curated rows (reviewed or edited by
staff) are never changed or deleted; machine-made rows of the source are replaced on
re-extraction.
"""

from __future__ import annotations

import re
from collections import Counter

from django.db import OperationalError, connection, transaction

from core.names import name_key
from entities.models import Operation, Organisation, Participation, Person, Role, RoleEvidence
from sources.ingest.confidence import (
    assess,
    entity_evidence,
    entity_kind,
    metadata_evidence,
    operation_evidence,
    outranks,
    role_evidence,
)
from sources.ingest.documents import Document, parse_date, publisher_name
from sources.ingest.extract import Extraction
from sources.ingest.org_kinds import organisation_kind
from sources.ingest.places import territory
from sources.ingest.resolve import NameIndex, join_event, known_records, resolve, same_event
from sources.ingest.store_statements import store_statements
from sources.models import Mention, Source

SOURCE_KINDS = {k.value for k in Source.Kind}
ATTEMPTS = 3  # of a document's transaction, when PostgreSQL aborts it to break a deadlock


class DryRunRollback(Exception):
    pass


class LoadedMeanwhile(Exception):
    """Another run stored this text after this run found it new."""


def wait_for_other_runs(document: Document) -> None:
    """Hold a lock on this text until commit, so that two runs never store it at once.

    On PostgreSQL, a second run's transaction waits here until the first one commits, then
    finds the Source instead of failing on its unique checksum. SQLite has one writer anyway.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(document.sha256[:15], 16)])


def write_document(document, extraction, *, index, counts, reextract, dry_run) -> None:
    """Store one document and what was extracted from it, in one transaction."""
    with transaction.atomic():
        wait_for_other_runs(document)
        same_text = Source.objects.filter(sha256=document.sha256).first()
        if same_text is not None and not reextract:
            raise LoadedMeanwhile
        source, created = upsert_source(document, same_text, index=index, counts=counts)
        if not created:  # a new source has nothing to clear (and saves a dozen queries)
            clear_machine_records(source)
        store_extraction(source, extraction, index=index, counts=counts, new=created)
        if dry_run:
            raise DryRunRollback


def must_retry(error: OperationalError) -> bool:
    """Whether PostgreSQL aborted the transaction only to break a deadlock (or a conflict).

    Concurrent runs lock the names of a document in the order they meet them (resolve.py),
    so two documents naming the same people in another order can deadlock; PostgreSQL aborts
    one of them, and doing it again then succeeds.
    """
    return getattr(error.__cause__, "sqlstate", None) in {"40P01", "40001"}


def write_with_retries(
    document, extraction, *, index: NameIndex, reextract: bool, dry_run: bool
) -> tuple[Counter, NameIndex]:
    """Write a document, again when PostgreSQL aborted it only to break a deadlock; returns
    the counts of what was written and the name index (reloaded after a rolled-back try)."""
    for attempt in range(1, ATTEMPTS + 1):
        counts: Counter = Counter()
        try:
            write_document(
                document,
                extraction,
                index=index,
                counts=counts,
                reextract=reextract,
                dry_run=dry_run,
            )
            return counts, index
        except DryRunRollback:
            return counts, index  # what it would have written, all rolled back
        except OperationalError as error:
            if attempt == ATTEMPTS or not must_retry(error):
                raise
            index = NameIndex.load()  # forget the records of the rolled-back attempt
    raise AssertionError("unreachable")


def upsert_source(
    document: Document, same_text: Source | None, *, index: NameIndex, counts: Counter
) -> tuple[Source, bool]:
    """The Source for a document, and whether it is new: the one with the same text (content
    hash), else the one of the same file name (a changed file)."""
    source = same_text
    created = False
    if source is None:
        source = Source.objects.filter(file_name=document.file_name).first() or Source()
        created = source.pk is None
        counts["Source", "created" if created else "updated"] += 1
    meta = document.meta
    source.text = document.text
    source.sha256 = document.sha256
    source.file_name = document.file_name
    source.title = document.title
    source.url = str(meta.get("url") or source.url or "")[:1000]
    source.published = parse_date(meta.get("published")) or source.published
    kind = str(meta.get("kind") or "").lower().replace(" ", "_")
    if kind in SOURCE_KINDS:
        source.kind = kind
    if meta.get("publisher"):
        name = publisher_name(str(meta["publisher"]))[:300]
        # A publisher is a news outlet unless its name says otherwise (a ministry's releases).
        kind = organisation_kind([name])
        publisher = resolve(
            Organisation,
            name=name,
            aliases=set(),
            index=index,
            confidence=1.0,
            evidence=metadata_evidence("publisher (document metadata)"),
            extra={"kind": Organisation.Kind.NEWS_OUTLET if kind == "other" else kind},
            counts=counts,
        )
        source.publisher = publisher or source.publisher
    source.save()
    return source, created


def clear_machine_records(source: Source) -> None:
    """Remove what an earlier extraction of this source made, keeping everything curated."""
    source.mentions.all().delete()
    source.statements.filter(curated=False).delete()
    clear_role_evidence(source)
    source.participations.filter(curated=False).delete()
    relocate_curated_statements(source)


def clear_role_evidence(source: Source) -> None:
    """Forget what this source said of machine-made roles; a role other sources state stays."""
    RoleEvidence.objects.filter(source=source, role__curated=False).delete()
    machine = Role.objects.filter(curated=False)
    machine.filter(source=source, evidence__isnull=True).delete()
    for role in machine.filter(source=source).prefetch_related("evidence"):
        other = role.evidence.all()[0]
        role.source_id, role.span_start, role.span_end = (
            other.source_id,
            other.span_start,
            other.span_end,
        )
        role.save(update_fields=["source", "span_start", "span_end"])


def relocate_curated_statements(source: Source) -> None:
    """Point kept statements at their passage in a changed text (it may have moved)."""
    for statement in source.statements.filter(curated=True).only("text", "span_start", "span_end"):
        start = source.text.find(statement.text)
        if start >= 0 and start != statement.span_start:
            statement.span_start, statement.span_end = start, start + len(statement.text)
            statement.save(update_fields=["span_start", "span_end"])


def store_extraction(
    source: Source, extraction: Extraction, *, index: NameIndex, counts: Counter, new: bool = False
) -> None:
    """Write what was extracted from `source`; `new` when the source was just created, so
    nothing of it is in the database yet."""
    records = {}
    mentions = []
    known = known_records(
        index,
        [(Person if e.label == "PERSON" else Organisation, e.keys) for e in extraction.entities],
    )
    for entity in extraction.entities:
        model = Person if entity.label == "PERSON" else Organisation
        extra = {"country": entity.country.upper()} if entity.country else {}
        if entity.kind:
            extra["kind"] = entity.kind
        confidence, evidence = assess(entity_kind(entity), entity_evidence(entity))
        record = resolve(
            model,
            name=entity.name,
            aliases=entity.aliases,
            index=index,
            confidence=confidence,
            evidence=evidence,
            extra=extra,
            counts=counts,
            known=known,
        )
        records[id(entity)] = record
        if record is None:
            continue  # suppressed: staff rejected this name
        field = "person" if model is Person else "organisation"
        for m in entity.mentions:
            mentions.append(
                Mention(
                    source=source,
                    span_start=m.start,
                    span_end=m.end,
                    text=source.text[m.start : m.end][:500],
                    label=m.label,
                    confidence=confidence,
                    **{field: record},
                )
            )
    org_by_key = {e.key: records[id(e)] for e in extraction.entities if e.label == "ORG"}
    for org in list(org_by_key):
        for e in extraction.entities:
            if e.label == "ORG" and org in e.keys:
                org_by_key[org] = records[id(e)]
    by_key = {e.key: records[id(e)] for e in extraction.entities}
    operations = {}
    for op in extraction.operations:
        keys = {name_key(n) for n in (op.name, *op.aliases)}
        confidence, evidence = assess("operation", operation_evidence(op))
        record = None
        if index.find(Operation, keys) is None:
            record = same_event(
                name=op.name,
                kind=op.kind,
                start_date=op.start_date,
                participant_ids={o.pk for k, *_ in op.participants if (o := org_by_key.get(k))},
                target_ids={p.pk for k in op.targets if isinstance(p := by_key.get(k), Person)},
            )
        if record is not None:
            join_event(record, name=op.name, aliases=op.aliases, index=index)
            counts["Operation", "joined"] += 1
        else:
            record = resolve(
                Operation,
                name=op.name,
                aliases=op.aliases,
                index=index,
                confidence=confidence,
                evidence=evidence,
                extra={"kind": op.kind, "start_date": op.start_date},
                counts=counts,
            )
        if record is None:
            continue
        operations[op.key] = record
        if not record.curated and record.start_date is None and op.start_date:
            record.start_date = op.start_date
            record.save(update_fields=["start_date"])
        for start, end, _ in op.mentions:
            mentions.append(
                Mention(
                    source=source,
                    operation=record,
                    span_start=start,
                    span_end=end,
                    text=source.text[start:end][:500],
                    label="OPERATION",
                    confidence=confidence,
                )
            )
        for org_key, part, start, end in op.participants:
            organisation = org_by_key.get(org_key)
            if organisation is not None:
                _, made = Participation.objects.get_or_create(
                    operation=record,
                    organisation=organisation,
                    part=part,
                    defaults={
                        "source": source,
                        "span_start": start,
                        "span_end": end,
                        "confidence": 0.6,
                    },
                )
                counts["Participation", "created"] += made
        if not record.curated:
            add_targets(record, [by_key.get(k) for k in op.targets])
    Mention.objects.bulk_create(mentions, batch_size=500)
    counts["Mention", "created"] += len(mentions)
    store_statements(source, extraction, records, operations, counts=counts, new=new)
    store_roles(source, extraction, records, counts=counts, new=new)


def add_targets(operation: Operation, records: list) -> None:
    """The people and bodies the text says the operation was aimed at."""
    people = [r for r in records if isinstance(r, Person)]
    organisations = [r for r in records if isinstance(r, Organisation)]
    if people:
        operation.target_people.add(*people)
    if organisations:
        operation.target_organisations.add(*organisations)


def office_key(title: str) -> str:
    """One office however it is written: "U.S. President", "US President" and "President"
    (the country said or not, with or without full stops) are one role of a person."""
    words = re.sub(r"[^\w\s]", "", title.lower()).split()
    for n in (2, 1):
        if len(words) > n and territory(" ".join(words[:n]), countries_only=True):
            words = words[n:]
            break
    return " ".join(words)


def store_roles(source, extraction, records, *, counts, new: bool = False) -> None:
    """One role per (person, organisation, title), with this source as evidence. The roles and
    evidence already recorded are read in one query each; only new ones are written."""
    found = [
        (role, person, records.get(id(role.organisation)) if role.organisation else None)
        for role in extraction.roles
        if (person := records.get(id(role.person))) is not None
    ]
    existing = {
        (r.person_id, r.organisation_id, office_key(r.title)): r
        for r in Role.objects.filter(person__in={person for _, person, _ in found})
    }
    stated = (
        set()
        if new
        else set(
            RoleEvidence.objects.filter(source=source, role__in=existing.values()).values_list(
                "role_id", flat=True
            )
        )
    )
    new_evidence = []
    for role, person, organisation in found:
        title = role.title[:200]
        confidence, evidence = assess("role", role_evidence(role))
        key = (person.pk, organisation.pk if organisation else None, office_key(title))
        record = existing.get(key)
        made = False
        if record is None:
            record, made = Role.objects.get_or_create(
                person=person,
                organisation=organisation,
                title=title,
                defaults={
                    "source": source,
                    "span_start": role.start,
                    "span_end": role.end,
                    "certainty": role.certainty,
                    "confidence": confidence,
                    "confidence_evidence": evidence,
                },
            )
            existing[key] = record
        counts["Role", "created"] += made
        stored = {"stored": record.confidence, "stored_evidence": record.confidence_evidence}
        if not made and not record.curated and outranks(confidence, evidence, **stored):
            record.confidence, record.confidence_evidence = confidence, evidence
            record.save(update_fields=["confidence", "confidence_evidence", "updated_at"])
        # Every source that states the role is its evidence, not only the first.
        if record.pk not in stated:
            stated.add(record.pk)
            new_evidence.append(
                RoleEvidence(role=record, source=source, span_start=role.start, span_end=role.end)
            )
            counts["Role", "stated again"] += not made
    RoleEvidence.objects.bulk_create(new_evidence, ignore_conflicts=True)
