"""Bounded load test: gunicorn on loopback, concurrent clients on the statement endpoints.

    .venv/bin/python bench/loadtest.py                      # 60 s, 32 clients, SQLite in /tmp
    .venv/bin/python bench/loadtest.py --seconds 10 --clients 8
    .venv/bin/python bench/loadtest.py --database-url postgres://postgres@127.0.0.1/newsroom_load

Prepares its own database (migrate, then `generate_corpus --statements 20000`, or the seeds with
every record marked verified when that command is missing), starts gunicorn bound to 127.0.0.1
only, runs the clients (threads, one keep-alive connection each) for a fixed time, stops
gunicorn, and prints p50, p99, requests/s and the error count. Exits 1 if any request failed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote

from environment import GUNICORN, PYTHON, ROOT  # bench/environment.py

DEFAULT_DATABASE = "sqlite:////tmp/newsroom-loadtest.sqlite3"
HOST = "127.0.0.1"  # loopback only, never another interface

# Filter values for the request mix, read from the prepared database.
PICK = """
import json
from django.db.models import Count
from entities.models import Operation, Organisation, Person
from sources.models import Statement
shown = Statement.objects.verified().filter(speaker_person__review_status="verified")
people = list(
    Person.objects.verified().annotate(n=Count("statements")).filter(n__gt=0)
    .order_by("-n").values_list("pk", "name")[:5]
)
organisation = Organisation.objects.verified().filter(roles__isnull=False).first()
operation = Operation.objects.verified().filter(statements__isnull=False).first()
statement = shown.order_by("pk").first()
word = max(statement.text.split(), key=len).strip(".,;:!?\\"'“”") if statement else "said"
print(json.dumps({
    "statements": shown.count(),
    "people": people,
    "organisation": organisation.pk if organisation else None,
    "operation": operation.pk if operation else None,
    "statement": statement.pk if statement else None,
    "word": word,
}))
"""

MARK_VERIFIED = """
from entities.models import Organisation, Person
from sources.models import Statement
for model in (Person, Organisation, Statement):
    model.objects.update(review_status="verified")
"""


def server_env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": HOST,
        # Plain HTTP on loopback: no TLS in front of it here.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        # Every client comes from 127.0.0.1: the per-address anonymous throttle would turn the
        # test into a measure of 429s. It has its own test (tests/test_api_access.py).
        "API_ANON_THROTTLE_RATE": "1000000000/min",
        "LOG_LEVEL": "ERROR",
        "PYTHONWARNINGS": "ignore:No directory at",  # whitenoise: no collectstatic needed here
    }


def manage(env: dict, *args: str, timeout: float = 1800) -> str:
    done = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def prepare(env: dict, *, statements: int, fresh: bool) -> dict:
    """Migrate and fill the database once; later runs reuse it. Returns the filter values."""
    database_url = env["DATABASE_URL"]
    if fresh and database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite://")).unlink(missing_ok=True)
    manage(env, "migrate", "--noinput")
    picked = json.loads(manage(env, "shell", "-c", PICK).strip().splitlines()[-1])
    if picked["statements"] == 0:
        commands = manage(env, "help", "--commands")
        if "generate_corpus" in commands.split():
            print(f"Generating a corpus of {statements:,} statements ...", flush=True)
            manage(env, "generate_corpus", "--statements", str(statements))
        else:
            print("Loading the seeds and marking every record verified ...", flush=True)
            manage(env, "load_seeds")
            manage(env, "shell", "-c", MARK_VERIFIED)
        picked = json.loads(manage(env, "shell", "-c", PICK).strip().splitlines()[-1])
    return picked


def request_mix(picked: dict) -> list[str]:
    """The statement endpoints with a few filters, as a researcher's client would call them."""
    base = "/api/statements/"
    paths = [
        base,
        f"{base}?kind=direct",
        f"{base}?kind=indirect&ordering=said_on",
        f"{base}?speaker_type=organisation",
        f"{base}?said_after=2024-01-01&said_before=2025-12-31",
        f"{base}?q={quote(picked['word'])}",
        f"{base}?ordering=-created_at",
    ]
    for pk, name in picked["people"][:3]:
        paths.append(f"{base}?speaker={pk}")
        paths.append(f"{base}?speaker_name={quote(name.split()[-1])}")
    if picked["organisation"]:
        paths.append(f"{base}?organisation={picked['organisation']}")
    if picked["operation"]:
        paths.append(f"{base}?operation={picked['operation']}")
    if picked["statement"]:
        paths.append(f"{base}{picked['statement']}/")
    return paths


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(env: dict, *, port: int, workers: int, threads: int) -> subprocess.Popen:
    worker_class = "gthread" if threads > 1 else "sync"
    server = subprocess.Popen(  # noqa: S603 - the project's gunicorn, loopback only
        [
            *(GUNICORN, "newsroom.wsgi", "--bind", f"{HOST}:{port}"),
            *("--workers", str(workers), "--worker-class", worker_class),
            *("--threads", str(threads)),
            *("--log-level", "warning", "--timeout", "60"),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn exited before answering")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/api/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    sys.exit("gunicorn did not answer within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # the group we started: master and its workers
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter = Counter()


def client(port: int, paths: list[str], offset: int, deadline: float, results: Results) -> None:
    """Call the paths in turn until the deadline over one keep-alive connection."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    latencies, errors = defaultdict(list), Counter()
    n = offset
    while time.monotonic() < deadline:
        path = paths[n % len(paths)]
        n += 1
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Accept": "application/json"})
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            if response.status != 200:
                errors[f"HTTP {response.status}"] += 1
            else:
                latencies[path].append(elapsed)
            if response.will_close:
                connection.close()
        except (OSError, http.client.HTTPException) as error:
            errors[type(error).__name__] += 1
            connection.close()
    connection.close()
    with results.lock:
        for path, values in latencies.items():
            results.latencies[path] += values
        results.errors.update(errors)


def run_clients(port: int, paths: list[str], *, clients: int, seconds: float) -> tuple:
    results = Results()
    started = time.monotonic()
    deadline = started + seconds
    threads = [
        threading.Thread(target=client, args=(port, paths, i, deadline, results), daemon=True)
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    return results, time.monotonic() - started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--statements", type=int, default=20_000, help="corpus size to generate")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--fresh", action="store_true", help="rebuild the SQLite database")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    env = server_env(args.database_url)
    picked = prepare(env, statements=args.statements, fresh=args.fresh)
    paths = request_mix(picked)
    port = free_port()
    server = start_server(env, port=port, workers=args.workers, threads=args.threads)
    try:
        run_clients(port, paths, clients=args.workers * args.threads, seconds=3)  # warm up
        results, elapsed = run_clients(port, paths, clients=args.clients, seconds=args.seconds)
    finally:
        stop_server(server)

    every = [v for values in results.latencies.values() for v in values]
    errors = sum(results.errors.values())
    figures = {
        "database": args.database_url.split("://")[0],
        "statements_visible": picked["statements"],
        "seconds": round(elapsed, 1),
        "clients": args.clients,
        "gunicorn": (
            f"{args.workers} gthread workers x {args.threads} threads"
            if args.threads > 1
            else f"{args.workers} sync workers"
        ),
        "cores": os.cpu_count(),
        "requests": len(every) + errors,
        "requests_per_s": round((len(every) + errors) / elapsed, 1),
        "p50_ms": round(percentile(every, 0.50) * 1000, 1),
        "p99_ms": round(percentile(every, 0.99) * 1000, 1),
        "max_ms": round(max(every, default=0) * 1000, 1),
        "errors": errors,
        "error_kinds": dict(results.errors),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(
            f"{figures['requests']:,} requests in {figures['seconds']} s from {args.clients} "
            f"clients ({figures['gunicorn']}, {figures['cores']} cores, {figures['database']}, "
            f"{picked['statements']:,} visible statements)"
        )
        print(
            f"requests/s {figures['requests_per_s']}  p50 {figures['p50_ms']} ms  "
            f"p99 {figures['p99_ms']} ms  max {figures['max_ms']} ms  errors {errors}"
        )
        for path, values in sorted(results.latencies.items()):
            print(
                f"  {len(values):6} x  p50 {percentile(values, 0.5) * 1000:7.1f} ms  "
                f"p99 {percentile(values, 0.99) * 1000:7.1f} ms  {path}"
            )
        if results.errors:
            print(f"errors: {dict(results.errors)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
