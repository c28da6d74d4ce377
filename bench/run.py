"""The benchmark: API latency per call against the bare SQL for the same rows, in one table.

    .venv/bin/python bench/run.py --prepare     # generate each target's corpus first (once)
    .venv/bin/python bench/run.py               # SQLite at 100k and PostgreSQL at 1M statements
    .venv/bin/python bench/run.py --only postgres --repeat 50 --explain
    .venv/bin/python bench/run.py --load        # add requests/s and p99 under gunicorn (load.py)
    .venv/bin/python bench/run.py --ingest      # add ingestion throughput and memory (ingest.py)
    .venv/bin/python bench/run.py --all         # every figure: --load --ingest (about an hour)
    .venv/bin/python bench/run.py --only postgres --corpus 100000 --research   # research views

Each target runs in its own process (settings read DATABASE_URL once), with DEBUG off and
an anonymous client, in-process through the whole middleware stack (django.test.Client).
"""

import argparse
import gc
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from environment import ENV, PYTHON, ROOT, TARGETS, bench_env  # bench/environment.py

TARGET_P95_MS, TARGET_FULL_TEXT_MS, TARGET_OVERHEAD_MS = 50, 100, 10


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


# --- Inside one target's process ------------------------------------------------------------


def prepare(statements: int, *, regenerate: bool) -> dict:
    """Make sure the database holds a synthetic corpus of `statements` statements."""
    from django.core.management import call_command

    from sources.models import Statement
    from sources.synthetic import FILE_PREFIX, corpus_exists, generate_corpus, remove_corpus

    ensure_database(create=regenerate)
    call_command("migrate", verbosity=0)
    have = Statement.objects.filter(source__file_name__startswith=FILE_PREFIX).count()
    if have == statements:
        return {}
    if not regenerate:
        sys.exit(f"The database holds {have:,} generated statements, not {statements:,}: --prepare")
    if corpus_exists():
        remove_corpus()
    report = generate_corpus(statements=statements)
    return {"generate_seconds": round(report.seconds, 1)}


def ensure_database(*, create: bool) -> None:
    """Connect, creating a missing PostgreSQL database when `create` (--prepare)."""
    import psycopg
    from django.db import OperationalError, connection

    try:
        connection.ensure_connection()
        return
    except OperationalError as error:
        name = connection.settings_dict["NAME"]
        if connection.vendor != "postgresql" or "does not exist" not in str(error):
            raise
        if not create:
            sys.exit(f"The database {name!r} does not exist: run with --prepare")
    params = {**connection.get_connection_params(), "dbname": "postgres", "autocommit": True}
    with psycopg.connect(**params) as admin:
        admin.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))


def time_sql(sql: str, params, repeat: int) -> tuple[list[float], list]:
    from django.db import connection

    times, rows = [], []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            started = time.perf_counter()
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            times.append(time.perf_counter() - started)
    return times, rows


def is_throttle(sql: str) -> bool:
    """A statement of the API throttle's transaction on its database cache."""
    return (
        "newsroom_cache" in sql
        or "pg_advisory_xact_lock" in sql
        or sql.startswith(("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"))
    )


def replay(queries: list[str], repeat: int) -> float:
    """Median time of running the SQL an API call ran, back to back, without Django around it."""
    from django.db import connection

    queries = [q for q in queries if not q.startswith(("SAVEPOINT", "RELEASE"))]
    totals = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            started = time.perf_counter()
            for sql in queries:
                cursor.execute(sql)
                # A statement that returns no rows (a write) has nothing to fetch.
                if cursor.description is not None:
                    cursor.fetchall()
            totals.append(time.perf_counter() - started)
    return statistics.median(totals)


def explain(sql: str, params) -> str:
    from django.db import connection

    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS)" if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"{prefix} {sql}", params)
        return "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())


def time_rounds(cases, client, repeat: int) -> dict[str, tuple[list, list]]:
    """Each call's API and bare SQL times, `repeat` of each, taken in rounds across the calls.

    Interleaved, so that a slow moment of a shared machine slows every call a little rather
    than one call a lot, and each call's API and SQL times share their conditions.
    """
    times = {case.name: ([], []) for case in cases}
    for case in cases:
        for _ in range(5):
            client.get(case.url)
    gc.collect()
    failed = {case.name: 0 for case in cases}
    for _ in range(repeat):
        for case in cases:
            api, bare = times[case.name]
            started = time.perf_counter()
            status = client.get(case.url).status_code
            api.append(time.perf_counter() - started)
            failed[case.name] += status != 200
            bare += time_sql(case.sql, case.params, 1)[0]
    # A throttled (429) or failed answer is quick: a timing with any is worthless.
    if any(failed.values()):
        sys.exit(f"non-200 answers while timing: {failed}")
    return times


def measure(case, client, api: list, bare: list, *, with_explain: bool) -> dict:
    """One call's row of the table, from its times and one more request to inspect."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(case.url)
    if response.status_code != 200:
        return {"name": case.name, "url": case.url, "error": response.status_code}
    queries = [q["sql"] for q in captured.captured_queries]
    # The throttle's transaction (its counter in the database cache) is the API's cost, but
    # not the rows': `API SQL` replays the call's other queries only.
    throttle = [q for q in queries if is_throttle(q)]
    page = [q for q in queries if not is_throttle(q)]
    data = json.loads(response.content)
    _, rows = time_sql(case.sql, case.params, 1)
    api_ids = [r["id"] for r in data["results"]] if "results" in data else [data["id"]]
    bare_ids = [row[0] for row in rows]
    same = api_ids == bare_ids if case.compare == "order" else set(api_ids) == set(bare_ids)
    result = {
        "name": case.name,
        "url": case.url,
        "rows": len(api_ids),
        "api_p50": statistics.median(api) * 1000,
        "api_p95": percentile(api, 0.95) * 1000,
        "queries": len(page),
        "throttle_queries": len(throttle),
        "api_sql": replay(page, min(len(api), 10)) * 1000,
        "bare_p50": statistics.median(bare) * 1000,
        "same_rows": same,
    }
    if with_explain:
        slowest = max(page, key=lambda sql: replay([sql], 3)) if page else ""
        result["explain_api"] = slowest + "\n\n" + explain(slowest, None) if slowest else ""
        result["explain_bare"] = explain(case.sql, case.params)
    return result


def corpus_fingerprint() -> list:
    from django.db.models import Count, Max

    from sources.models import Statement

    return list(Statement.objects.aggregate(Count("id"), Max("id")).values())


def worker(args) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    import newsroom.wsgi  # noqa: F401  (start as the server does: views loaded, start-up frozen)
    from bench.cases import build_cases

    info = prepare(args.statements, regenerate=args.prepare)
    client = Client(HTTP_HOST="127.0.0.1")
    # The calls' URLs, kept for load.py: finding the deep page walks 50,000 rows of links.
    name = Path(str(connection.settings_dict["NAME"])).stem
    cache = Path(tempfile.gettempdir()) / f"newsroom-bench-{connection.vendor}-{name}-cases.json"
    fingerprint = corpus_fingerprint()
    if args.cases_only and cache.exists():
        cached = json.loads(cache.read_text())
        if cached["fingerprint"] == fingerprint:
            json.dump(cached, sys.stdout)
            return
    cases = build_cases(client)
    cached = {"fingerprint": fingerprint, "cases": [c.url for c in cases]}
    cache.write_text(json.dumps(cached))
    if args.cases_only:
        json.dump(cached, sys.stdout)
        return
    load_before = os.getloadavg()[0]
    times = time_rounds(cases, client, args.repeat)
    results = [measure(c, client, *times[c.name], with_explain=args.explain) for c in cases]
    info |= {"vendor": connection.vendor, "statements": args.statements, "results": results}
    if args.research:
        from bench import research_views

        info["research"] = research_views.measure(client, args.repeat)
    info["load"] = (round(load_before, 1), round(os.getloadavg()[0], 1))
    info["cache"] = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    json.dump(info, sys.stdout)


# --- The driver -------------------------------------------------------------------------------


def run_target(name: str, args) -> dict:
    url, statements = TARGETS[name]
    statements = args.corpus or statements
    command = [PYTHON, str(Path(__file__).resolve()), "--worker", "--statements", str(statements)]
    command += ["--repeat", str(args.repeat)]
    command += ["--prepare"] * args.prepare + ["--explain"] * args.explain
    command += ["--research"] * args.research
    done = subprocess.run(  # noqa: S603
        command, env=bench_env(url), cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"{name}: {done.stderr.strip() or done.stdout.strip()}")
    return json.loads(done.stdout)


def best_sql(row: dict) -> float:
    """The cheaper of the bare SQL and the API's own queries replayed: what the rows cost."""
    return min(row["bare_p50"], row["api_sql"]) or row["bare_p50"]


def verdict(row: dict) -> str:
    target = TARGET_FULL_TEXT_MS if row["name"].startswith("full text") else TARGET_P95_MS
    misses = []
    if row["api_p95"] > target:
        misses.append(f"p95>{target}")
    sql = best_sql(row)
    overhead = row["api_p50"] - sql
    if row["rows"] > 1 and overhead > TARGET_OVERHEAD_MS:
        misses.append(f"overhead>{TARGET_OVERHEAD_MS}")
    if sql >= 1 and row["api_p50"] > 5 * sql:
        misses.append("ratio>5")
    return "ok" if not misses else "MISS " + ",".join(misses)


def print_table(name: str, report: dict) -> None:
    print(
        f"\n## {name}: {report['statements']:,} statements ({report['vendor']}), "
        f"{os.cpu_count()} CPUs, load average {report['load'][0]} before, "
        f"{report['load'][1]} after; throttle counters in {report['cache']}"
    )
    throttle = {row.get("throttle_queries") for row in report["results"]} - {None}
    if throttle:
        print(f"queries: the call's own; the throttle adds {'/'.join(map(str, throttle))} more")
    if "generate_seconds" in report:
        print(f"generate_corpus: {report['generate_seconds']} s")
    header = (
        f"{'call':28} {'p50 ms':>7} {'p95 ms':>7} {'queries':>7} {'API SQL':>8} "
        f"{'bare SQL':>8} {'API/SQL':>7} {'over ms':>7} {'rows':>4} same  verdict"
    )
    print(header)
    print("-" * len(header))
    for row in report["results"]:
        if "error" in row:
            print(f"{row['name']:28} HTTP {row['error']}  {row['url']}")
            continue
        sql = best_sql(row)
        ratio = row["api_p50"] / sql if sql else float("inf")
        print(
            f"{row['name']:28} {row['api_p50']:7.1f} {row['api_p95']:7.1f} {row['queries']:7d} "
            f"{row['api_sql']:8.1f} {row['bare_p50']:8.2f} {ratio:7.1f} "
            f"{row['api_p50'] - sql:7.1f} {row['rows']:4d} "
            f"{'yes ' if row['same_rows'] else 'NO  '}  {verdict(row)}"
        )


def print_explains(report: dict) -> None:
    for row in report["results"]:
        if row.get("explain_bare"):
            print(f"\n### {row['name']}  {row['url']}")
            print(f"-- the API's slowest query:\n{row['explain_api']}")
            print(f"-- bare SQL:\n{row['explain_bare']}")


def run_ingest(*options: str, script: str = "ingest.py") -> list[str]:
    """A bench/ingest*.py script's report lines, in fresh SQLite databases of its own."""
    env = {key: value for key, value in {**os.environ, **ENV}.items() if key != "DATABASE_URL"}
    done = subprocess.run(  # noqa: S603
        [PYTHON, str(ROOT / "bench" / script), *options],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"bench/{script} {' '.join(options)}: {done.stderr.strip()[-2000:]}")
    return done.stdout.strip().splitlines()


def print_ingestion(args) -> None:
    """Throughput against bare spaCy on the seed documents, then peak memory over many."""
    print(f"\n## ingestion: load_seeds, SQLite, {os.cpu_count()} CPUs")
    print(f"\n### throughput: {args.ingest_docs} copies of the seed documents")
    for line in run_ingest("--docs", str(args.ingest_docs), "--corpus", "seeds", "--rounds", "3"):
        print(line)
    print("\n### whole processes: 150 generated articles, manage.py load_seeds against spaCy alone")
    for line in run_ingest("--docs", "150", "--rounds", "3", script="ingest_process.py"):
        print(line)
    print(f"\n### memory: {args.memory_docs:,} generated articles (every name new to the database)")
    for line in run_ingest(
        "--docs", str(args.memory_docs), "--corpus", "synthetic", "--no-baseline"
    ):
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(TARGETS))
    parser.add_argument("--repeat", type=int, default=30, help="timed calls per API call")
    parser.add_argument("--prepare", action="store_true", help="(re)generate missing corpora")
    parser.add_argument("--explain", action="store_true", help="print query plans")
    parser.add_argument("--load", action="store_true", help="add a gunicorn load test")
    parser.add_argument("--load-seconds", type=int, default=15)
    parser.add_argument("--ingest", action="store_true", help="add the ingestion figures")
    parser.add_argument("--ingest-docs", type=int, default=200, help="for the throughput run")
    parser.add_argument("--memory-docs", type=int, default=10_000, help="for the memory run")
    parser.add_argument("--all", action="store_true", help="--load --ingest: every figure")
    parser.add_argument(
        "--research", action="store_true", help="add the research views (timeline, record, network)"
    )
    parser.add_argument("--corpus", type=int, help="statements in each target's corpus")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cases-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--statements", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.all:
        args.load = args.ingest = True
    if args.worker:
        sys.path.insert(0, str(ROOT))
        return worker(args)
    for name in [args.only] if args.only else list(TARGETS):
        report = run_target(name, args)
        print_table(name, report)
        if "research" in report:
            from research_views import print_table as print_research  # next to this file

            print_research(report["research"])
        if args.load:
            from load import run_load  # bench/load.py, next to this file

            print(run_load(name, seconds=args.load_seconds))
            print(run_load(name, seconds=args.load_seconds, skip=["q="]))
        if args.explain:
            print_explains(report)
    if args.ingest:
        print_ingestion(args)


if __name__ == "__main__":
    main()
