"""Queued ingestion: one Celery task per document, with the guarantees of the inline path."""

from pathlib import Path

from celery import shared_task

from sources.ingest.pipeline import load_seeds


@shared_task(name="sources.ingest_document", acks_late=True, bind=True)
def ingest_document(self, path: str, *, root: str | None = None, reextract: bool = False) -> dict:
    """Load one file (its own transaction); the report says what was made or why it failed."""
    folder = Path(root) if root else None
    report = load_seeds([Path(path)], reextract=reextract, root=folder).as_dict()
    return report | {"worker": self.request.hostname}
