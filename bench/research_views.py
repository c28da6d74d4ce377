"""The research views the benchmark times (`run.py --research`): an operation's timeline, a
speaker's record and an operation's network, each against a p95 target of 200 ms.

`measure()` needs a configured Django (django.setup()) over a database holding the synthetic
corpus. Run on its own, this file times only these three calls, in the benchmark's settings
(DEBUG off, the anonymous throttle out of the way), against DATABASE_URL:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \
      .venv/bin/python bench/research_views.py --repeat 30
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

TARGET_P95_MS = 200
WARM_UP = 3


def calls() -> list[tuple[str, str]]:
    """(name, URL): the largest verified operation (by statements about it) and the verified
    person quoted most, as an anonymous client sees them."""
    from bench.cases import scalar, top_speaker

    operation = scalar(
        """SELECT so.operation_id FROM sources_statement_operations so
           JOIN entities_operation op ON op.id = so.operation_id
           WHERE op.review_status = 'verified'
           GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"""
    )
    speaker = top_speaker()
    return [
        ("timeline, largest operation", f"/api/operations/{operation}/timeline/"),
        ("record, most quoted person", f"/api/people/{speaker}/record/"),
        ("network, operation, 200 nodes", f"/api/network/?operation={operation}&max_nodes=200"),
    ]


def size(data: dict) -> str:
    if "items" in data:
        return f"{len(data['items'])} items"
    if "nodes" in data:
        return f"{len(data['nodes'])} nodes, {len(data['edges'])} edges"
    listed = sum(len(group["statements"]) for group in data["operations"])
    return f"{data['statement_count']} statements, {listed} listed"


def measure(client, repeat: int) -> list[dict]:
    """p50 and p95 of each call, `repeat` times each, in rounds across the calls."""
    named = calls()
    for _, url in named:
        for _ in range(WARM_UP):
            client.get(url)
    times = {url: [] for _, url in named}
    for _ in range(repeat):
        for _, url in named:
            started = time.perf_counter()
            response = client.get(url)
            times[url].append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
    results = []
    for name, url in named:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        ordered = sorted(times[url])
        results.append(
            {
                "name": name,
                "url": url,
                "p50": statistics.median(ordered) * 1000,
                "p95": ordered[max(0, -(-95 * len(ordered) // 100) - 1)] * 1000,
                "queries": len(captured.captured_queries),
                "sql": sum(float(q["time"]) for q in captured.captured_queries) * 1000,
                "bytes": len(response.content),
                "size": size(json.loads(response.content)),
            }
        )
    return results


def print_table(results: list[dict]) -> None:
    print(f"\n### research views (p95 target {TARGET_P95_MS} ms)")
    header = (
        f"{'call':32} {'p50 ms':>7} {'p95 ms':>7} {'queries':>7} {'SQL ms':>7} {'KB':>6}"
        "  size  verdict"
    )
    print(header)
    print("-" * len(header))
    for row in results:
        verdict = "ok" if row["p95"] <= TARGET_P95_MS else f"MISS p95>{TARGET_P95_MS}"
        print(
            f"{row['name']:32} {row['p50']:7.1f} {row['p95']:7.1f} {row['queries']:7d} "
            f"{row['sql']:7.1f} {row['bytes'] / 1024:6.0f}  {row['size']}  {verdict}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="timed calls per view")
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from bench.run import ENV

    if "DATABASE_URL" not in os.environ:
        sys.exit("DATABASE_URL: the database holding the synthetic corpus")
    os.environ.update(ENV)
    import django

    django.setup()
    from django.test import Client

    load_before = os.getloadavg()
    results = measure(Client(HTTP_HOST="127.0.0.1"), args.repeat)
    load_after = os.getloadavg()
    print_table(results)
    print(
        "load average (1, 5, 15 min): "
        f"before {' '.join(f'{v:.2f}' for v in load_before)}, "
        f"after {' '.join(f'{v:.2f}' for v in load_after)}"
    )


if __name__ == "__main__":
    main()
