"""Reconciliation benchmark: how long the service takes to answer a batch of 10 queries.

    DJANGO_DEBUG=0 DJANGO_SECRET_KEY=x .venv/bin/python bench/reconcile.py [--rounds 50]

Loads the seeds into a fresh SQLite database (or DATABASE_URL, which must be a scratch
database: every record in it is marked verified), then posts batches of 10 queries as
OpenRefine does, as an anonymous client, and prints the median and p95 time per batch (target:
100 ms) and the queries each batch costs. The queries are made from the records the seeds
produced, the ways journalists type names: accents left out, surnames alone, aliases,
acronyms, whole names; once with each query's type and once without (every type searched).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_MS = 100
BATCH = 10


def batch_queries(*, typed: bool) -> dict:
    """Ten queries drawn from the database's records, cycling through the ways names are typed."""
    from normality import normalize

    from core.names import name_key
    from entities.models import Operation, Organisation, Person
    from reconcile.scoring import initials

    def unaccented(name: str) -> str:
        return normalize(name, lowercase=False, ascii=True) or name

    people = list(Person.objects.order_by("pk").values_list("name", "aliases")[:20])
    organisations = list(Organisation.objects.order_by("pk").values_list("name", flat=True)[:20])
    operations = list(Operation.objects.order_by("pk").values_list("name", flat=True)[:5])
    texts = []
    for i, (name, aliases) in enumerate(people):
        texts.append(("person", unaccented(name) if i % 2 == 0 else name.split()[-1]))
        if aliases:
            texts.append(("person", aliases[0]))
    for name in organisations:
        acronym = initials(name_key(name)).upper()
        texts.append(("organisation", acronym if len(acronym) > 1 else name))
    texts += [("operation", name) for name in operations]
    chosen = texts[:: max(1, len(texts) // BATCH)][:BATCH]
    return {
        f"q{i}": {"query": text, **({"type": kind} if typed else {})}
        for i, (kind, text) in enumerate(chosen)
    }


def measure(client, queries: dict, rounds: int) -> tuple[list[float], int, int]:
    """Milliseconds per batch over `rounds`, the queries of the records one batch costs, and
    the candidates found."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    body = {"queries": json.dumps(queries)}
    for _ in range(3):
        client.post("/api/reconcile/", body)
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.post("/api/reconcile/", body)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:300]
    with CaptureQueriesContext(connection) as captured:
        found = client.post("/api/reconcile/", body).json()
    candidates = sum(len(r["result"]) for r in found.values())
    # The rest are the throttle's counters (a database cache table without REDIS_URL).
    own = [q for q in captured.captured_queries if '"entities_' in q["sql"]]
    return times, len(own), candidates


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-reconcile-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost")
    # Hundreds of batches from one address: no throttling here.
    os.environ["API_ANON_THROTTLE_RATE"] = "1000000/min"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from entities.models import Operation, Organisation, Person
    from sources.ingest.pipeline import load_seeds

    call_command("migrate", verbosity=0)
    load_seeds([ROOT / "seeds"])
    for model in (Person, Organisation, Operation):
        model.objects.update(review_status="verified")
    counts = {m.__name__: m.objects.count() for m in (Person, Organisation, Operation)}
    print(f"records: {counts}")
    client = Client(HTTP_HOST="localhost")
    for typed in (True, False):
        queries = batch_queries(typed=typed)
        times, sql, candidates = measure(client, queries, args.rounds)
        p95 = statistics.quantiles(times, n=20)[-1]
        label = "with types" if typed else "no types"
        print(
            f"batch of {len(queries)} queries, {label}: median {statistics.median(times):.1f} ms, "
            f"p95 {p95:.1f} ms (target {TARGET_MS} ms), {sql} SQL queries of records, "
            f"{candidates} candidates"
        )
    print("queries:", json.dumps([q["query"] for q in batch_queries(typed=False).values()]))


if __name__ == "__main__":
    main()
