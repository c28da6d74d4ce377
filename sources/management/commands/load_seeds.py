"""manage.py load_seeds [PATH ...]: ingest documents and extract what they say."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sources.ingest.nlp import PipelineMissing
from sources.ingest.pipeline import load_seeds


class Command(BaseCommand):
    # The system checks inspect the URLs, the admin and the deployment settings, none of which
    # loading uses; they cost every run half a second. `migrate` and the server still run them.
    requires_system_checks = []
    help = "Load .txt/.md documents (default: the seeds folder) and extract people, "
    "organisations, operations and statements."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="files or folders")
        parser.add_argument(
            "--dry-run", action="store_true", help="extract and report; write nothing"
        )
        parser.add_argument(
            "--reextract",
            action="store_true",
            help="extract again from unchanged files (curation is kept)",
        )
        parser.add_argument("--workers", type=int, default=1, help="spaCy processes (n_process)")
        parser.add_argument("--json", action="store_true", help="print a JSON report on stdout")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="put one job per document on the Celery queue for workers",
        )
        parser.add_argument(
            "--no-wait", action="store_true", help="with --queue: return once the jobs are queued"
        )
        parser.add_argument(
            "--timeout", type=float, default=3600, help="with --queue: seconds to wait for each job"
        )

    def handle(self, *args, paths, dry_run, reextract, workers, json: bool, **options):
        if workers < 1:
            raise CommandError("--workers must be at least 1")
        if options["queue"]:
            return self.handle_queue(paths, reextract=reextract, json=json, **options)
        bar = None
        if not json and sys.stdout.isatty():
            from tqdm import tqdm

            bar = tqdm(unit="doc", desc="extracting")
        try:
            report = load_seeds(
                paths or None,
                dry_run=dry_run,
                reextract=reextract,
                workers=workers,
                # `is not None`: a tqdm bar without a total refuses bool().
                progress=(lambda name: bar.update(1)) if bar is not None else None,
            )
        except PipelineMissing as error:
            raise CommandError(str(error)) from error
        finally:
            if bar is not None:
                bar.close()
        if json:
            self.stdout.write(_json_dumps(report.as_dict()))
        else:
            self.print_summary(report)
        if not report.ok:
            raise CommandError(f"{len(report.failed)} file(s) failed")

    def handle_queue(self, paths, *, reextract, json, no_wait, timeout, **options):
        from django.conf import settings
        from kombu.exceptions import OperationalError

        from sources.ingest.queue import enqueue, gather

        try:
            results = enqueue(paths or [settings.SEEDS_DIR], reextract=reextract)
        except OperationalError as error:
            raise CommandError(f"cannot reach the task queue broker: {error}") from error
        self.stderr.write(f"Queued {len(results)} document(s).")
        if no_wait:
            return
        report = gather(results, timeout=timeout)
        self.stdout.write(_json_dumps(report.as_dict())) if json else self.print_summary(report)
        if not report.ok:
            raise CommandError(f"{len(report.failed)} file(s) failed")

    def print_summary(self, report):
        write = self.stdout.write
        prefix = "[dry run] " if report.dry_run else ""
        write(
            f"{prefix}Files read: {report.files_read}; loaded: {len(report.loaded)}; "
            f"unchanged: {report.unchanged}; failed: {len(report.failed)}"
        )
        for name, reason in report.failed:
            write(self.style.ERROR(f"  failed  {name}: {reason}"))
        for name, note in report.notes:
            write(f"  note    {name}: {note}")
        for line in summary_lines(report.counts):
            write(line)


# The report counts rows by model and "created"/"updated"; a user reads them as these words.
NOUNS = {
    "Source": ("source document", "source documents"),
    "Statement": ("statement", "statements"),
    "Person": ("person", "people"),
    "Organisation": ("organisation", "organisations"),
    "Operation": ("operation", "operations"),
    "Role": ("role", "roles"),
    "Participation": ("part in an operation", "parts in operations"),
    "Mention": ("mention of a name", "mentions of names"),
}


def summary_lines(counts) -> list[str]:
    """The report's counts as sentences: what is new, what was found again."""
    order = list(NOUNS)

    def listed(what: str) -> str:
        found = [(model, n) for (model, kind), n in counts.items() if kind == what and n]
        found.sort(key=lambda row: order.index(row[0]) if row[0] in order else len(order))
        return ", ".join(f"{n} {NOUNS.get(m, (m, m))[n != 1]}" for m, n in found)

    lines = []
    if created := listed("created"):
        lines.append(f"  New: {created}.")
    # "updated" counts (resolve.py, store.py): a known person, organisation or operation met
    # again that gained a name or alias; a source whose file changed and was read again.
    if updated := listed("updated"):
        why = []
        if any(kind == "updated" and m != "Source" for m, kind in counts):
            why.append("in another document or under a fuller name; new spellings kept as aliases")
        if counts.get(("Source", "updated")):
            why.append("files changed since the last run are read again")
        lines.append(f"  Found again: {updated} ({'; '.join(why)}).")
    if created:
        lines.append(
            "  Extracted records are pending: staff verify them in the admin's review queue, "
            "and only verified records are shown to anonymous API clients."
        )
    return lines


def _json_dumps(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
