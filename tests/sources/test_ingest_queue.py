"""Queued ingestion with a real Redis broker and two Celery workers sharing PostgreSQL."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from entities.models import Organisation, Person
from sources.models import Source, Statement

ROOT = Path(__file__).resolve().parents[2]
BROKER = "redis://127.0.0.1:6379/14"


def redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture
def workers(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("queued ingestion shares a PostgreSQL database between workers")
    if not redis_up():
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail("Redis is not running at 127.0.0.1:6379")
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    from newsroom.celery import app

    app.conf.update(broker_url=BROKER, result_backend=BROKER)
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    env = dict(
        os.environ,
        DATABASE_URL=url,
        CELERY_BROKER_URL=BROKER,
        CELERY_RESULT_BACKEND=BROKER,
        DJANGO_SECURE_SSL_REDIRECT="0",
    )
    subprocess.run(
        [sys.executable, "-m", "celery", "-A", "newsroom", "purge", "-f"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=False,
    )
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "newsroom",
                "worker",
                "-P",
                "solo",
                "-n",
                f"test{i}@%h",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for i in (1, 2)
    ]
    deadline = time.monotonic() + 60
    while len(app.control.ping(timeout=1)) < 2 and time.monotonic() < deadline:
        time.sleep(0.5)
    yield procs
    for proc in procs:
        proc.terminate()
    for proc in procs:
        proc.wait(timeout=30)


def test_two_workers_load_the_seeds_without_duplicates(workers, seeds_dir):
    from sources.ingest.queue import enqueue, gather

    results = enqueue([seeds_dir])
    report = gather(results, timeout=300)

    assert report.ok and len(report.loaded) == 5
    assert Source.objects.count() == 5
    for model in (Person, Organisation):
        keys = list(model.objects.values_list("name_key", flat=True))
        assert len(keys) == len(set(keys))
    # A surname and its full name met in different workers: still one person.
    assert Person.objects.filter(name_key__endswith="maduro").count() == 1
    assert Statement.objects.filter(kind="direct").count() >= 8
    assert len(report.workers) == 2  # both workers took jobs


def test_queued_again_changes_nothing(workers, seeds_dir):
    from sources.ingest.queue import enqueue, gather

    gather(enqueue([seeds_dir]), timeout=300)
    before = (Source.objects.count(), Person.objects.count(), Statement.objects.count())
    report = gather(enqueue([seeds_dir]), timeout=300)
    assert report.unchanged == 5 and report.loaded == []
    assert (Source.objects.count(), Person.objects.count(), Statement.objects.count()) == before


def test_queued_files_keep_their_path_inside_the_folder(workers, tmp_path):
    from sources.ingest.queue import enqueue, gather

    for year in ("2024", "2025"):
        (tmp_path / "docs" / year).mkdir(parents=True)
        (tmp_path / "docs" / year / "report.md").write_text(
            f"Report {year}\n\nMinister Joan Doe said that {year} was a good year for exports.\n"
        )
    report = gather(enqueue([tmp_path / "docs"]), timeout=300)
    assert report.ok
    assert sorted(Source.objects.values_list("file_name", flat=True)) == [
        "2024/report.md",
        "2025/report.md",
    ]
