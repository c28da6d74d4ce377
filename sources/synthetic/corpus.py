"""Generate the corpus into the database, compose its texts without writing, or remove it."""

import random
import time
from collections.abc import Callable, Iterator

from django.db import connection, transaction
from django.db.models import Q

from entities.models import Operation, Organisation, Participation, Person, Role
from sources.models import Mention, Source, Statement
from sources.synthetic.reports import CorpusError, CorpusReport, RemovalReport
from sources.synthetic.texts import Draft, compose_source, source_sizes
from sources.synthetic.vocabulary import FILE_PREFIX, MARK
from sources.synthetic.world import make_world


def corpus_exists() -> bool:
    return (
        Person.objects.filter(disambiguation=MARK).exists()
        or Source.objects.filter(file_name__startswith=FILE_PREFIX).exists()
    )


def generate_corpus(
    *,
    statements: int = 100_000,
    sources: int | None = None,
    seed: int = 0,
    batch_size: int = 5_000,
    progress: Callable[[int, int], None] | None = None,
) -> CorpusReport:
    """Generate a marked corpus of `statements` statements in `sources` sources (default: a tenth).

    People, organisations and operations scale with the statement count. Writes go in batches of
    `batch_size` rows, one transaction per batch of sources; `progress(done, total)` is called
    after each. Raises CorpusError if a generated corpus is already there.
    """
    if statements < 1:
        raise CorpusError("Generate at least one statement.")
    sources = max(1, statements // 10) if sources is None else sources
    if not 1 <= sources <= statements:
        raise CorpusError("Ask for between one source and one source per statement.")
    if corpus_exists():
        raise CorpusError("A synthetic corpus is already there: remove it first (--remove).")
    started = time.perf_counter()
    rng = random.Random(seed)
    report = CorpusReport()
    with transaction.atomic():
        world = make_world(rng, statements, batch_size, report)
    sizes = source_sizes(rng, statements, sources)
    drafts, pending = [], 0
    for index, size in enumerate(sizes):
        drafts.append(compose_source(rng, world, index, size))
        pending += size
        if pending >= batch_size or index == len(sizes) - 1:
            write_sources(drafts, batch_size, report)
            drafts, pending = [], 0
            if progress:
                progress(report.statements, statements)
    _analyse()
    report.seconds = time.perf_counter() - started
    return report


def document_texts(count: int, *, statements: int = 10, seed: int = 0) -> Iterator[str]:
    """`count` article texts composed as generate_corpus composes them, writing nothing.

    `statements` per text on average (10 make about 165 words, 30 about 500). Input for the
    ingestion benchmark: names vary across texts as in a real archive, so the records and the
    name index grow as they would.
    """
    rng = random.Random(seed)
    statements = count * statements
    world = make_world(rng, statements, 0, CorpusReport(), save=False)
    for index, size in enumerate(source_sizes(rng, statements, count)):
        yield compose_source(rng, world, index, size).source.text


def remove_corpus() -> RemovalReport:
    """Delete every generated row, and only those, in one transaction.

    Deletes run as plain SQL: the ORM's collector would load every row into memory and
    simple_history would write a historical row for each deleted one. Rows of real records that
    point at generated ones lose the link, as their foreign keys' on_delete says.
    """
    started = time.perf_counter()
    people = Person.objects.filter(disambiguation=MARK).values("pk")
    organisations = Organisation.objects.filter(disambiguation=MARK).values("pk")
    operations = Operation.objects.filter(disambiguation=MARK).values("pk")
    sources = Source.objects.filter(file_name__startswith=FILE_PREFIX).values("pk")
    statements = Statement.objects.filter(source__in=sources).values("pk")
    report = RemovalReport()

    def purge(model, *conditions):
        # One DELETE per condition: an OR of subqueries defeats PostgreSQL's semi-joins.
        for condition in conditions:
            queryset = model.objects.filter(condition)
            deleted = queryset._raw_delete(queryset.db)
            report.deleted[model._meta.label] = report.deleted.get(model._meta.label, 0) + deleted

    with transaction.atomic():
        quoted = Statement.objects.filter(
            Q(speaker_person__in=people) | Q(speaker_organisation__in=organisations)
        ).exclude(source__file_name__startswith=FILE_PREFIX)
        if quoted.exists():
            raise CorpusError(
                f"{quoted.count()} real statements have a generated speaker; reattribute them "
                "before removing the corpus."
            )
        purge(
            Statement.operations.through, Q(statement__in=statements), Q(operation__in=operations)
        )
        purge(Statement.about_people.through, Q(statement__in=statements), Q(person__in=people))
        purge(
            Statement.about_organisations.through,
            Q(statement__in=statements),
            Q(organisation__in=organisations),
        )
        purge(Operation.target_people.through, Q(operation__in=operations), Q(person__in=people))
        purge(
            Operation.target_organisations.through,
            Q(operation__in=operations),
            Q(organisation__in=organisations),
        )
        purge(
            Mention,
            Q(source__in=sources),
            Q(person__in=people),
            Q(organisation__in=organisations),
            Q(operation__in=operations),
        )
        purge(Statement, Q(source__in=sources))
        purge(Role, Q(person__in=people), Q(organisation__in=organisations))
        purge(Participation, Q(operation__in=operations), Q(organisation__in=organisations))
        # Real rows keep themselves but lose links to generated ones (on_delete=SET_NULL).
        Role.objects.filter(source__in=sources).update(source=None)
        Participation.objects.filter(source__in=sources).update(source=None)
        Statement.objects.filter(reported_by__in=organisations).update(reported_by=None)
        Source.objects.filter(publisher__in=organisations).update(publisher=None)
        for model, generated in (
            (Person, people),
            (Organisation, organisations),
            (Operation, operations),
        ):
            model.objects.filter(merged_into__in=generated).update(merged_into=None)
        Organisation.objects.filter(parent__in=organisations).update(parent=None)
        Operation.objects.filter(parent__in=operations).update(parent=None)
        purge(Source, Q(file_name__startswith=FILE_PREFIX))
        purge(Operation, Q(disambiguation=MARK))
        purge(Organisation, Q(disambiguation=MARK))
        purge(Person, Q(disambiguation=MARK))
    report.seconds = time.perf_counter() - started
    return report


def write_sources(drafts: list[Draft], batch_size: int, report: CorpusReport) -> None:
    """Insert a batch of drafted sources with their statements, mentions and links."""
    with transaction.atomic():
        Source.objects.bulk_create([d.source for d in drafts], batch_size=batch_size)
        statements, mentions = [], []
        for draft in drafts:
            for row in (*draft.statements, *draft.mentions):
                row.source_id = draft.source.id
            statements += draft.statements
            mentions += draft.mentions
        Statement.objects.bulk_create(statements, batch_size=batch_size)
        Mention.objects.bulk_create(mentions, batch_size=batch_size)
        operations, people, organisations = [], [], []
        for draft in drafts:
            for statement, (op_ids, person_ids, organisation_ids) in zip(
                draft.statements, draft.links, strict=True
            ):
                sid = statement.id
                operations += [(sid, i) for i in op_ids]
                people += [(sid, i) for i in person_ids]
                organisations += [(sid, i) for i in organisation_ids]
        for through, column, pairs in (
            (Statement.operations.through, "operation_id", operations),
            (Statement.about_people.through, "person_id", people),
            (Statement.about_organisations.through, "organisation_id", organisations),
        ):
            through.objects.bulk_create(
                [through(statement_id=s, **{column: i}) for s, i in pairs], batch_size=batch_size
            )
            report.links += len(pairs)
    report.sources += len(drafts)
    report.statements += len(statements)
    report.mentions += len(mentions)


def _analyse() -> None:
    """Refresh the planner's statistics after a bulk load, so that benchmarks see real plans.

    On PostgreSQL also VACUUM, as autovacuum would soon: it sets the visibility map that
    index-only scans need (a server with autovacuum off, like CI's, would never set it).
    VACUUM cannot run inside a transaction, as in tests.
    """
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")
