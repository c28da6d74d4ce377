"""Put one ingestion job per document on the Celery queue, and gather the workers' reports."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sources.ingest.documents import iter_files
from sources.ingest.pipeline import LoadReport


def enqueue(paths: list[Path], *, reextract: bool = False) -> list:
    """One task per .txt/.md file under `paths`; returns the tasks' AsyncResults."""
    from sources.tasks import ingest_document

    return [
        # absolute(), not resolve(): a link must stay a link for the worker to refuse it
        ingest_document.delay(str(path.absolute()), root=str(root.absolute()), reextract=reextract)
        for path, root in iter_files(paths)
    ]


def gather(results: list, *, timeout: float) -> LoadReport:
    """Wait for every job and add their reports up; a job that died is a failed file."""
    report = LoadReport()
    for result in results:
        try:
            part = result.get(timeout=timeout, propagate=True)
        except Exception as error:  # noqa: BLE001 - a worker's failure is reported, not raised
            report.failed.append((result.id, f"job failed: {type(error).__name__}: {error}"))
            continue
        report.workers.add(part.get("worker") or "?")
        report.files_read += part["files_read"]
        report.unchanged += part["unchanged"]
        report.loaded += part["loaded"]
        report.failed += [(f["file"], f["reason"]) for f in part["failed"]]
        report.notes += [(n["file"], n["note"]) for n in part["notes"]]
        report.counts.update(
            Counter({tuple(k.split(".", 1)): v for k, v in part["records"].items()})
        )
    return report
