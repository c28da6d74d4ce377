"""Requests/s and p99 under gunicorn: wrk cycling through the benchmark's API calls on loopback.

    .venv/bin/python bench/load.py --only postgres --seconds 15 --connections 8 --workers 3

Starts gunicorn on 127.0.0.1 only, waits for it, runs wrk for a bounded time, stops gunicorn.
Needs wrk (apt-get install wrk) and a prepared corpus (bench/run.py --prepare).
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from environment import GUNICORN, PYTHON, ROOT, TARGETS, bench_env  # bench/environment.py

PORT = 8931
LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def case_urls(name: str) -> list[str]:
    url, statements = TARGETS[name]
    command = [PYTHON, str(ROOT / "bench" / "run.py"), "--worker", "--cases-only"]
    command += ["--statements", str(statements)]
    done = subprocess.run(  # noqa: S603
        command, env=bench_env(url), cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)["cases"]


def wait_until_up(seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/api/", timeout=2):  # noqa: S310
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer")


def parse_wrk(output: str) -> dict:
    def number(pattern):
        match = re.search(pattern, output)
        return match.group(1) if match else "?"

    return {
        "requests_per_s": number(r"Requests/sec:\s+([\d.]+)"),
        "p50": number(r"\s50%\s+([\d.]+\w+)"),
        "p99": number(r"\s99%\s+([\d.]+\w+)"),
        "errors": number(r"Non-2xx or 3xx responses:\s+(\d+)") if "Non-2xx" in output else "0",
    }


def run_load(
    name: str, *, seconds: int = 15, connections: int = 8, workers: int = 3, skip=()
) -> str:
    """One bounded wrk run against gunicorn over `name`'s database; a line for the table.

    The calls whose URL contains one of `skip` are left out of the mix.
    """
    url, _ = TARGETS[name]
    paths = [p for p in case_urls(name) if not any(s in p for s in skip)]
    script = Path(tempfile.mkdtemp(prefix="bench-load-")) / "paths.lua"
    script.write_text(LUA % ", ".join(f'"{p}"' for p in paths))
    server = subprocess.Popen(  # noqa: S603
        [
            GUNICORN,
            "newsroom.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env=bench_env(url),
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        wait_until_up()
        done = subprocess.run(  # noqa: S603
            [
                shutil.which("wrk") or "/usr/bin/wrk",
                "--latency",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                str(script),
                f"http://127.0.0.1:{PORT}",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 30,
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    figures = parse_wrk(done.stdout)
    left_out = f", without {', '.join(skip)}" if skip else ""
    return (
        f"load ({name}, gunicorn {workers} sync workers, wrk {connections} connections, "
        f"{seconds} s, {len(paths)} calls in turn{left_out}): "
        f"{figures['requests_per_s']} requests/s, "
        f"p50 {figures['p50']}, p99 {figures['p99']}, non-2xx {figures['errors']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(TARGETS))
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--skip", action="append", default=[], help="leave out URLs with this")
    args = parser.parse_args()
    for name in [args.only] if args.only else list(TARGETS):
        options = {"connections": args.connections, "workers": args.workers, "skip": args.skip}
        print(run_load(name, seconds=args.seconds, **options))


if __name__ == "__main__":
    main()
