"""Fixtures for the reliability tests: tiny articles, and `manage.py` run as a real process."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
SURNAMES = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "Haddad", "Kowalski", "Silva"]


def article(n: int) -> str:
    """A short article of its own: one named person, one quote, one reported statement."""
    surname = f"{SURNAMES[n % len(SURNAMES)]}{'abcdefghij'[n // len(SURNAMES) % 10]}"
    return (
        f"Report {n}\n\n"
        f"Minister Elena {surname} visited the harbour in Port Vale on Monday. "
        f"“We will rebuild the quay number {n} before the winter,” {surname} told reporters. "
        f"{surname} said that the budget for dock {n} was approved.\n"
    )


def write_articles(folder: Path, count: int, *, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"article_{n:04d}.md"
        path.write_text(article(n), encoding="utf-8")
        paths.append(path)
    return paths


def manage_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "test-only-secret-key"),
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_CONN_MAX_AGE="0",
        PYTHONUNBUFFERED="1",
    )
    env.pop("DJANGO_DEBUG", None)
    return env


@dataclass
class ProcessDatabase:
    """A database that `manage.py` subprocesses share with the test, and raw SQL to inspect it."""

    url: str
    sqlite_path: Path | None = None

    @property
    def env(self) -> dict[str, str]:
        return manage_env(self.url)

    def manage(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def python(self, code: str, *, timeout: float = 120) -> subprocess.CompletedProcess:
        """Run `code` in a fresh process with Django set up against this database."""
        prelude = "import django; django.setup()\n"
        return subprocess.run(
            [sys.executable, "-c", prelude + code],
            cwd=ROOT,
            env={**self.env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def scalar(self, sql: str):
        if self.sqlite_path is None:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchone()[0]
        with sqlite3.connect(self.sqlite_path) as db:
            return db.execute(sql).fetchone()[0]


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A migrated SQLite file, made once per session; tests copy it."""
    path = tmp_path_factory.mktemp("sqlite") / "template.sqlite3"
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=manage_env(f"sqlite:///{path}"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def process_db(request, tmp_path, transactional_db) -> ProcessDatabase:
    """A database for `manage.py` subprocesses.

    PostgreSQL: the test database itself (committed, so the processes see it; flushed
    afterwards). SQLite: a copy of a migrated file, since the test database lives in memory
    where no other process can reach it.
    """
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        port = s.get("PORT") or 5432
        password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
        url = f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{port}/{s['NAME']}"
        return ProcessDatabase(url)
    path = tmp_path / "db.sqlite3"
    shutil.copy(request.getfixturevalue("migrated_sqlite"), path)
    return ProcessDatabase(f"sqlite:///{path}", sqlite_path=path)
