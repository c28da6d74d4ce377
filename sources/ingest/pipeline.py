"""load_seeds: read -> fold -> NLP -> extract -> resolve -> write, one transaction per document."""

from __future__ import annotations

import gc
import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError

from core.review import ReviewStatus
from entities.models import Organisation, Person
from sources.ingest.documents import Document, FailedFile, iter_files, parse_date, read_document
from sources.ingest.extract import Extraction, extract
from sources.ingest.resolve import NameIndex
from sources.ingest.store import LoadedMeanwhile, write_with_retries
from sources.ingest.textnorm import FoldedText, fold_text, keep_text
from sources.models import Source


@dataclass
class LoadReport:
    files_read: int = 0
    unchanged: int = 0
    loaded: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    dry_run: bool = False
    workers: set[str] = field(default_factory=set)  # queued ingestion: who did the work

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict:
        return {
            "files_read": self.files_read,
            "unchanged": self.unchanged,
            "loaded": self.loaded,
            "failed": [{"file": f, "reason": r} for f, r in self.failed],
            "notes": [{"file": f, "note": n} for f, n in self.notes],
            "records": {f"{m}.{what}": n for (m, what), n in sorted(self.counts.items())},
            "dry_run": self.dry_run,
        }


def load_seeds(
    paths: Iterable[Path] | None = None,
    *,
    dry_run: bool = False,
    reextract: bool = False,
    workers: int = 1,
    nlp=None,
    progress: Callable[[str], None] | None = None,
    root: Path | None = None,
) -> LoadReport:
    """Load documents from files or folders (default: settings.SEEDS_DIR) and extract them.

    Unchanged files are skipped without loading the NLP model; a file that fails is reported
    and leaves nothing behind, and the others still load. `root` is the folder file names are
    relative to (a queued job gets one file of a folder).
    """
    paths = [Path(p) for p in (paths or [settings.SEEDS_DIR])]
    report = LoadReport(dry_run=dry_run)
    documents = new_documents(paths, report, root=root, reextract=reextract)
    first = next(documents, None)
    if first is None:
        return report  # nothing new: the model is not even loaded
    nlp = nlp or load_nlp()
    freeze_loaded_objects()
    index = NameIndex.load()
    # Documents stream through spaCy and out to the database: memory stays flat however many.
    for document, fold, docs in parse_all(nlp, itertools.chain([first], documents), workers):
        index = store_document(
            document,
            fold,
            docs,
            index=index,
            report=report,
            reextract=reextract,
            dry_run=dry_run,
        )
        if progress:
            progress(document.file_name)
    if dry_run:
        report.notes.append(("*", "dry run: nothing was written"))
    return report


@cache  # once per process
def freeze_loaded_objects() -> None:
    """Keep the garbage collector off the model's objects, loaded for the life of the process.

    Extraction allocates enough to trigger full collections, and each one walked every object
    of the spaCy pipeline again: about 2.5 ms per document, a fifth of extraction's own cost.
    Collecting first leaves no garbage to freeze.
    """
    gc.collect()
    gc.freeze()


def new_documents(paths: list[Path], report: LoadReport, *, root: Path | None, reextract: bool):
    """Read every file, report the bad and the unchanged, and yield the documents to load."""
    seen: dict[str, str] = {}  # sha256 -> file name, for twins within this run
    for path, folder in iter_files_or_missing(paths, report):
        result = read_document(path, root=root or folder, max_bytes=settings.INGEST_MAX_FILE_BYTES)
        report.files_read += 1
        if isinstance(result, FailedFile):
            report.failed.append((result.file_name, result.reason))
            continue
        report.notes += [(result.file_name, note) for note in result.notes]
        # The same text under another name is one Source: keep the first name, note the twin.
        twin = seen.get(result.sha256)
        if twin is None and not reextract:
            twin = (
                Source.objects.filter(sha256=result.sha256)
                .values_list("file_name", flat=True)
                .first()
            )
        if twin is not None:
            report.unchanged += 1
            if twin != result.file_name:
                twin = twin or "a source added by hand"
                report.notes.append((result.file_name, f"same text as {twin}; not loaded again"))
            continue
        seen[result.sha256] = result.file_name
        yield result


def store_document(document, fold, docs, *, index, report, reextract, dry_run) -> NameIndex:
    """Extract and write one parsed document, recording the outcome; returns the name index."""
    try:
        extraction = extract_chunks(docs, fold, document)
    except Exception as error:  # a rule's bug on one text must not stop the run
        report.failed.append((document.file_name, f"extraction failed: {error!r}"))
        return index
    try:
        counts, index = write_with_retries(
            document, extraction, index=index, reextract=reextract, dry_run=dry_run
        )
    except LoadedMeanwhile:
        report.unchanged += 1
        report.notes.append((document.file_name, "loaded by another run at the same time"))
        return index
    except DatabaseError as error:
        report.failed.append((document.file_name, f"database error: {error}".strip()))
        # The rolled-back document may have added names. If the database is gone for good,
        # keep the index: each following document reports the outage in turn.
        with suppress(DatabaseError):
            index = NameIndex.load()
        return index
    report.counts.update(counts)
    report.loaded.append(document.file_name)
    return index


def iter_files_or_missing(paths: list[Path], report: LoadReport):
    for path in paths:
        if not path.exists() and not path.is_symlink():
            report.failed.append((str(path), "no such file or folder"))
            continue
        yield from iter_files([path])


def load_nlp():
    """The spaCy pipeline, with the names staff verified added to its EntityRuler."""
    from sources.ingest.nlp import load_pipeline, set_known_names

    nlp = load_pipeline()
    names = []
    for model, label in ((Person, "PERSON"), (Organisation, "ORG")):
        rows = model.objects.filter(review_status=ReviewStatus.VERIFIED, merged_into=None)
        for name, aliases in rows.values_list("name", "aliases"):
            names += [(label, n) for n in [name, *aliases]]
    set_known_names(nlp, names)
    return nlp


def parse_all(nlp, documents: Iterable[Document], workers: int):
    """Yield (document, folded text, [(doc, chunk), ...]) lazily, in order.

    Long texts are split at paragraph breaks into chunks spaCy can hold.
    """
    from sources.ingest.nlp import BATCH_CHARS, MAX_CHARS

    def chunks():
        for document in documents:
            fold = fold_text(document.text)
            parts = split_chunks(fold, MAX_CHARS)
            for n, chunk in enumerate(parts):
                yield chunk.text, (document, fold, chunk, n == len(parts) - 1)

    if workers > 1:
        stream = nlp.pipe(chunks(), as_tuples=True, n_process=workers, batch_size=8)
    else:
        stream = parsed_ahead(nlp, batches(chunks(), BATCH_CHARS))
    parsed: list = []
    for doc, (document, fold, chunk, last) in stream:
        keep_text(doc, chunk.text)
        parsed.append((doc, chunk))
        if last:
            yield document, fold, parsed
            parsed = []


def parsed_ahead(nlp, batches: Iterable[list]):
    """Parse the next batch in a second thread while the caller extracts and stores this one.

    The model's matrix products run without Python's lock, so parsing and the Python of
    extraction and writing overlap on a second core. Only the parse runs in the thread: the
    documents are read (and looked up in the database) here, on the caller's connection, and
    the results come back in order; an error in the thread is raised here.
    """

    def parse(batch: list) -> list:
        return list(nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="spacy") as pool:
        pending = None
        for batch in batches:
            ahead = pool.submit(parse, batch)
            if pending is not None:
                yield from pending.result()
            pending = ahead
        if pending is not None:
            yield from pending.result()


def batches(items, budget: int):
    """Group (text, context) pairs into lists of at most `budget` characters (a longer text
    alone): spaCy's matrix products are cheaper on a batch of many short texts than on a few
    (a batch of 8 short articles cost about 15% more time than 32), and a bound in
    characters rather than texts keeps the memory of a batch of long texts in check."""
    batch, size = [], 0
    for item in items:
        if batch and size + len(item[0]) > budget:
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item[0])
    if batch:
        yield batch


def split_chunks(folded: FoldedText, limit: int) -> list[FoldedText]:
    if len(folded.text) <= limit:
        return [folded]
    out, start = [], 0
    while start < len(folded.text):
        end = min(len(folded.text), start + limit)
        if end < len(folded.text):
            cut = folded.text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        out.append(
            FoldedText(folded.text[start:end], folded.offsets[start:end], folded.original_length)
        )
        start = end
    return out


def extract_chunks(docs, fold: FoldedText, document: Document) -> Extraction:
    published = parse_date(document.meta.get("published"))
    merged = Extraction()
    for doc, chunk in docs:
        part = extract(doc, chunk, document.text, published=published)
        merged.entities += part.entities
        merged.operations += part.operations
        merged.statements += part.statements
        merged.roles += part.roles
    return merged
