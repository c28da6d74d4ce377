"""SQLite as configured: a file database writes ahead, so readers don't wait for ingestion."""

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings"),
]


def test_a_sqlite_file_database_uses_the_write_ahead_log_and_immediate_writes(tmp_path):
    # The test database lives in memory, where there is no journal: open a file with the
    # same settings.
    database = DatabaseWrapper({**connection.settings_dict, "NAME": str(tmp_path / "db.sqlite3")})
    try:
        with database.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone()[0] == 1  # NORMAL
        assert database.transaction_mode == "IMMEDIATE"
    finally:
        database.close()


def test_an_empty_database_url_means_the_default_sqlite_file():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    probe = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['NAME'])"
    )
    env = {**os.environ, "DATABASE_URL": "", "DJANGO_SECRET_KEY": "test"}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(root / "db.sqlite3")
