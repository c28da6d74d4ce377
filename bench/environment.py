"""Where the benchmarks run: the project root, its Python and gunicorn, each target's database
and corpus size, and the environment of the processes they start."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
# Each target's database and corpus size; BENCH_SQLITE_URL / BENCH_POSTGRES_URL override the
# database, e.g. to try connection options (`?server_side_binding=true&prepare_threshold=2`).
TARGETS = {
    "sqlite": (
        os.environ.get("BENCH_SQLITE_URL", "sqlite:////tmp/newsroom_bench.sqlite3"),
        100_000,
    ),
    "postgres": (
        os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench"),
        1_000_000,
    ),
}
ENV = {
    "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "bench-only-not-a-secret",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    # The benchmark is one anonymous client making thousands of calls: don't throttle it. A
    # per-second rate keeps the throttle's history (one timestamp per call) short.
    "API_ANON_THROTTLE_RATE": "100000000/s",
    # Not applied to anonymous clients since issue 16; before, DRF's user throttle counted
    # them per address too, and at 600/min a run of more calls a minute timed 429 answers.
    "API_USER_THROTTLE_RATE": "100000000/s",
    "LOG_LEVEL": "ERROR",
    # whitenoise warns about a missing staticfiles/ (collectstatic) in every process.
    "PYTHONWARNINGS": "ignore::UserWarning",
}


def bench_env(database_url: str) -> dict:
    """The environment of a process that serves or measures `database_url`."""
    return {**os.environ, **ENV, "DATABASE_URL": database_url}
