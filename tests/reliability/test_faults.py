"""Faults during ingestion: a killed process, two runs at once, a dropped connection, a dump.

Processes here are real `manage.py` (or `python -c`) subprocesses sharing a database with the
test; see `process_db` in conftest.py.
"""

import json
import signal
import subprocess
import sys
from collections import Counter
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from core.review import ReviewStatus
from curation.merge import merge
from entities.models import Organisation, Person
from sources.ingest.pipeline import load_seeds
from sources.models import Source, Statement
from tests.reliability.conftest import ROOT, write_articles


def postgres_only(test):
    skip = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (CI)")
    return pytest.mark.postgres(skip(test))


# Sources that lack what every test article yields: a sign of a half-written document.
PARTIAL_SOURCES = """
    SELECT count(*) FROM sources_source s
    WHERE NOT EXISTS (SELECT 1 FROM sources_mention m WHERE m.source_id = s.id)
       OR NOT EXISTS (SELECT 1 FROM sources_statement t WHERE t.source_id = s.id)
"""


def test_sigkill_mid_document_leaves_no_partial_document_and_next_run_completes(
    process_db, tmp_path
):
    folder = tmp_path / "docs"
    write_articles(folder, 6)
    # Die by SIGKILL inside the third document's transaction, after its rows are written.
    killer = f"""
import os, signal
from django.core.management import call_command
import sources.ingest.store as store
original, calls = store.store_statements, []
def store_then_die(*args, **kwargs):
    original(*args, **kwargs)
    calls.append(1)
    if len(calls) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
store.store_statements = store_then_die
call_command("load_seeds", {str(folder)!r})
"""
    killed = process_db.python(killer)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert process_db.scalar("SELECT count(*) FROM sources_source") == 2
    assert process_db.scalar(PARTIAL_SOURCES) == 0
    # The third article's person was made in the killed transaction: gone with it.
    assert process_db.scalar("SELECT count(*) FROM entities_person") == 2

    rerun = process_db.manage("load_seeds", str(folder), "--json")
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout)
    assert report["unchanged"] == 2 and len(report["loaded"]) == 4
    assert process_db.scalar("SELECT count(*) FROM sources_source") == 6
    assert process_db.scalar(PARTIAL_SOURCES) == 0
    assert process_db.scalar("SELECT count(*) FROM entities_person") == 6


def shared_people_corpus(folder, count: int) -> None:
    """Articles in which the same few people and organisations recur, in varying forms."""
    people = ["Elena Okafor", "Marcus Lindqvist", "Ines Moreau", "Kenji Tanaka"]
    folder.mkdir(parents=True)
    for n in range(count):
        full = people[n % len(people)]
        other = people[(n + 1) % len(people)]
        surname = full.split()[-1]
        (folder / f"shared_{n:03d}.md").write_text(
            f"Briefing {n}\n\nMinister {full} of the Harbour Authority met {other} in "
            f"Port Vale on Monday. “Quay {n} reopens soon,” {surname} told reporters. "
            f"The Harbour Authority said that dock {n} was safe.\n",
            encoding="utf-8",
        )


@postgres_only
def test_two_runs_at_once_make_no_duplicates_and_both_finish_cleanly(process_db, tmp_path):
    folder = tmp_path / "docs"
    shared_people_corpus(folder, 40)
    command = [sys.executable, "manage.py", "load_seeds", str(folder), "--json"]
    runs = [
        subprocess.Popen(
            command, cwd=ROOT, env=process_db.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=180) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, (err.decode()[-2000:], out.decode()[-3000:])
    reports = [json.loads(out) for out, _ in outputs]
    # Each file was stored by exactly one run; the other found it done (before or meanwhile).
    for report in reports:
        assert report["failed"] == []
        assert len(report["loaded"]) + report["unchanged"] == 40
    assert sorted(reports[0]["loaded"] + reports[1]["loaded"]) == sorted(
        p.name for p in folder.iterdir()
    )

    assert Source.objects.count() == 40, sorted(Source.objects.values_list("file_name", "sha256"))
    for model in (Person, Organisation):
        keys = Counter(model.objects.values_list("name_key", flat=True))
        assert [k for k, n in keys.items() if n > 1] == []
    names = set(Person.objects.values_list("name", flat=True))
    assert {"Elena Okafor", "Marcus Lindqvist", "Ines Moreau", "Kenji Tanaka"} <= names
    # No surname left on its own beside the full name ("Okafor" next to "Elena Okafor").
    assert not names & {"Okafor", "Lindqvist", "Moreau", "Tanaka"}
    assert Organisation.objects.filter(name_key="harbour authority").count() == 1
    assert Statement.objects.values("source", "text_key").distinct().count() == (
        Statement.objects.count()
    )
    assert process_db.scalar(PARTIAL_SOURCES) == 0


@postgres_only
@pytest.mark.slow
def test_runs_over_different_files_naming_people_in_another_order_do_not_deadlock(
    process_db, tmp_path
):
    first, last = ["Alma", "Bruno", "Carla", "Dario", "Elsa"], ["Xan", "Yel", "Zor", "Wex", "Qua"]
    folders = [tmp_path / "a", tmp_path / "b"]
    for folder in folders:
        folder.mkdir()
    for n in range(40):
        # New people in every file, so that each name takes its lock; in reverse order in b.
        names = [f"{first[i]} {last[i]}{chr(97 + n % 26)}{chr(97 + n // 26)}" for i in range(5)]
        for folder, order in ((folders[0], names), (folders[1], names[::-1])):
            met = " ".join(f"Minister {name} met the press on Monday." for name in order)
            quote = f"“We agree on item {n},” {order[0].split()[-1]} said."
            (folder / f"{folder.name}{n:03d}.md").write_text(
                f"Briefing {n} ({folder.name})\n\n{met} {quote}\n"
            )
    command = [sys.executable, "manage.py", "load_seeds", "--json"]
    runs = [
        subprocess.Popen(
            [*command, str(folder)],
            cwd=ROOT,
            env=process_db.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for folder in folders
    ]
    outputs = [run.communicate(timeout=180) for run in runs]
    assert [json.loads(out)["failed"] for out, _ in outputs] == [[], []]
    assert [run.returncode for run in runs] == [0, 0]
    assert Source.objects.count() == 80 and Person.objects.count() == 200


@contextmanager
def admin_connection(dbname: str):
    """A second connection, as a database administrator would open it."""
    import psycopg

    s = connection.settings_dict
    with psycopg.connect(
        dbname=dbname,
        user=s["USER"],
        host=s["HOST"],
        port=s["PORT"] or 5432,
        autocommit=True,
    ) as admin:
        yield admin


def set_connections_allowed(allowed: bool) -> None:
    with admin_connection("postgres") as admin:
        name = connection.settings_dict["NAME"]
        admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS {str(allowed).lower()}')


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("outage", ["dropped", "down"])
def test_database_lost_mid_run_is_reported_and_next_run_completes(
    tmp_path, nlp, monkeypatch, outage
):
    import sources.ingest.store as store

    folder = tmp_path / "docs"
    write_articles(folder, 3)
    original, calls = store.store_extraction, []

    def lose_database_then_store(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid = cursor.fetchone()[0]
            if outage == "down":
                set_connections_allowed(False)  # no reconnecting for the rest of the run
            with admin_connection("postgres") as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        return original(*args, **kwargs)

    monkeypatch.setattr(store, "store_extraction", lose_database_then_store)
    try:
        report = load_seeds([folder], nlp=nlp)
    finally:
        set_connections_allowed(True)

    first, second, third = (f"article_000{n}.md" for n in range(3))
    assert report.failed[0][0] == second
    reason = report.failed[0][1]
    assert reason.startswith("database error:")
    assert "terminating connection" in reason or "not currently accepting connections" in reason
    if outage == "dropped":  # the next document reconnects
        assert report.loaded == [first, third] and len(report.failed) == 1
    else:
        assert report.loaded == [first]
        assert report.failed[1][0] == third and report.failed[1][1].startswith("database error")
    assert Source.objects.count() == len(report.loaded)

    monkeypatch.setattr(store, "store_extraction", original)
    again = load_seeds([folder], nlp=nlp)
    assert again.ok and again.unchanged == len(report.loaded)
    assert Source.objects.count() == 3
    assert all(s.statements.exists() and s.mentions.exists() for s in Source.objects.all())


@pytest.mark.django_db
def test_merged_verified_and_rejected_records_survive_reingestion(tmp_path, nlp, editor):
    folder = tmp_path / "docs"
    folder.mkdir()
    text = (
        "Minister Ana Lopez met Harbour master Piet de Vries and the Dock Workers Union "
        "on Monday. “The port will stay closed,” Lopez told reporters. "
        "De Vries said that the inspection would end on Friday.\n"
    )
    (folder / "port.md").write_text(text, encoding="utf-8")
    load_seeds([folder], nlp=nlp)
    lopez = Person.objects.get(name="Ana Lopez")
    vries = Person.objects.get(name="Piet de Vries")
    union = Organisation.objects.get(name_key__contains="dock workers union")
    # Staff decide: the two people are one (a contrived merge), the union is not a real record.
    merge(survivor=lopez, others=[vries], user=editor)
    lopez.refresh_from_db()
    lopez.set_review(ReviewStatus.VERIFIED, user=editor)
    union.set_review(ReviewStatus.REJECTED, user=editor)
    people_before = set(Person.objects.values_list("pk", "name", "review_status"))

    (folder / "port.md").write_text(text + "The inspection began on Tuesday.\n")
    load_seeds([folder], nlp=nlp)
    load_seeds([folder], nlp=nlp, reextract=True)

    assert set(Person.objects.values_list("pk", "name", "review_status")) == people_before
    vries.refresh_from_db()
    assert vries.merged_into_id == lopez.pk and vries.review_status == ReviewStatus.REJECTED
    lopez.refresh_from_db()
    assert lopez.review_status == ReviewStatus.VERIFIED and "Piet de Vries" in lopez.aliases
    # What the text says of de Vries now lands on the survivor, never on the merged record.
    assert not vries.mentions.exists() and not vries.statements.exists()
    assert lopez.mentions.filter(text__icontains="Vries").exists()
    union.refresh_from_db()
    assert union.review_status == ReviewStatus.REJECTED
    assert Organisation.objects.filter(name_key__contains="dock workers union").count() == 1
    assert not union.mentions.exists()


DUMPED_APPS = ["auth.user", "entities", "sources", "curation"]


def snapshot() -> dict:
    """Row counts of every model of the dumped apps, and a few exact values."""
    counts = {}
    for label in ("entities", "sources", "curation"):
        for model in apps.get_app_config(label).get_models():
            counts[model._meta.label] = model.objects.count()
    return {
        "counts": counts,
        "statements": sorted(
            Statement.objects.values_list(
                "pk", "text", "text_key", "kind", "review_status", "span_start", "span_end"
            )
        ),
        "people": sorted(
            Person.objects.values_list("pk", "name", "aliases", "search_text", "review_status")
        ),
        "sources": sorted(Source.objects.values_list("pk", "sha256", "text", "file_name")),
        "about": Statement.about_people.through.objects.count(),
    }


@pytest.mark.django_db(transaction=True)
def test_dumpdata_and_loaddata_round_trip_a_loaded_database(seeds_dir, nlp, editor, tmp_path):
    report = load_seeds([seeds_dir], nlp=nlp)
    assert report.ok
    statement = Statement.objects.order_by("pk").first()
    statement.set_review(ReviewStatus.VERIFIED, user=editor)
    people = list(Person.objects.order_by("pk")[:2])
    merge(survivor=people[0], others=[people[1]], user=editor)
    before = snapshot()
    assert before["counts"]["sources.Source"] == 5 and before["counts"]["curation.MergeRecord"]

    dump = tmp_path / "dump.json"
    call_command(
        "dumpdata",
        *DUMPED_APPS,
        "--natural-foreign",
        "--indent=0",
        f"--output={dump}",
        verbosity=0,
    )
    call_command("flush", "--noinput", verbosity=0)
    assert Source.objects.count() == 0 and Person.objects.count() == 0
    call_command("loaddata", str(dump), verbosity=0)

    assert snapshot() == before
    # The reloaded database still ingests: nothing new, nothing lost.
    again = load_seeds([seeds_dir], nlp=nlp)
    assert again.unchanged == 5 and snapshot() == before
