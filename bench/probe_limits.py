"""Probe the API throttle, the schema endpoint and the admin lock-out on a real gunicorn.

    .venv/bin/python bench/probe_limits.py                  # SQLite in /tmp, database cache
    .venv/bin/python bench/probe_limits.py --redis redis://127.0.0.1:6379/5
    .venv/bin/python bench/probe_limits.py --database-url postgres://postgres@127.0.0.1/x

Reproduces issue 14's points 1 to 3 with the production settings (debug off, the default
rates) and prints what a client gets: requests before the first 429 from one address, with and
without a new X-Forwarded-For each time, and as a logged-in user (a new connection for each
request, so they spread over the workers); a bystander's latency while six threads fetch the
schema; and how many wrong passwords one account gets when another account logs in from the
same address in between. gunicorn binds to 127.0.0.1 only and is stopped at the end; every
phase is bounded in requests and time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import sys
import threading
import time

from loadtest import (  # the load test's server helpers, bench/loadtest.py
    HOST,
    manage,
    percentile,
    prepare,
    server_env,
    start_server,
    stop_server,
)

DEFAULT_DATABASE = "sqlite:////tmp/newsroom-probe.sqlite3"
USERS = """
import json
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from entities.models import Person
users = {"admin": "probe-admin-pass-1", "researcher": "probe-researcher-pass-1",
         "reader": "probe-reader-pass-1", "bystander": "probe-bystander-pass-1"}
for name, password in users.items():
    user, _ = User.objects.get_or_create(username=name)
    user.is_staff = name in ("admin", "researcher")
    user.is_superuser = name == "admin"
    user.set_password(password)
    user.save()
tokens = {n: Token.objects.get_or_create(user=User.objects.get(username=n))[0].key
          for n in ("reader", "bystander")}
person = Person.objects.verified().order_by("pk").first()
print(json.dumps({"passwords": users, "tokens": tokens, "person": person.pk}))
"""
RESET = """
from django.core.cache import cache
from axes.models import AccessAttempt
cache.clear()
AccessAttempt.objects.all().delete()
"""


def get(port, path, headers=None, timeout=30) -> tuple[int, float, bytes]:
    """One request on a new connection: (status, seconds, body)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept": "application/json", **(headers or {})})
        response = connection.getresponse()
        body = response.read()
        return response.status, time.perf_counter() - started, body
    finally:
        connection.close()


def until_throttled(port, *, limit: int, headers=lambda n: {}) -> dict:
    """Requests to /api/people/ until the first 429 (at most `limit`)."""
    started = time.monotonic()
    for n in range(limit):
        status, _, _ = get(port, "/api/people/?page_size=1", headers(n))
        if status == 429:
            return {"ok_before_429": n, "seconds": round(time.monotonic() - started, 1)}
        if status != 200:
            return {"error": status, "after": n}
    return {
        "ok_before_429": f"none of {limit} refused",
        "seconds": round(time.monotonic() - started, 1),
    }


def bystander(port, path, token, *, seconds: float, stop=None) -> list[float]:
    """A logged-in reader fetching one record every 50 ms; their latencies."""
    latencies = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not (stop and stop.is_set()):
        status, elapsed, _ = get(port, path, {"Authorization": f"Token {token}"})
        if status == 200:
            latencies.append(elapsed)
        time.sleep(0.05)
    return latencies


def hammer_schema(port, *, threads: int, seconds: float) -> dict:
    counts: dict[str, int] = {}
    lock = threading.Lock()

    def run():
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                status = get(port, "/api/schema/", {"Accept": "application/vnd.oai.openapi"})[0]
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
            with lock:
                counts[str(status)] = counts.get(str(status), 0) + 1

    workers = [threading.Thread(target=run, daemon=True) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(seconds + 60)
    return counts


def figures_of(latencies: list[float]) -> dict:
    return {
        "requests": len(latencies),
        "p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
    }


class Browser:
    """A cookie-keeping client for the admin login form."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def request(self, method, path, body=None):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode(errors="replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        connection.close()
        return response.status, content

    def login(self, username, password) -> int:
        self.cookies.pop("sessionid", None)
        _, page = self.request("GET", "/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        form = f"username={username}&password={password}&next=/admin/"
        form += f"&csrfmiddlewaretoken={token.group(1) if token else ''}"
        status, _ = self.request("POST", "/admin/login/?next=/admin/", form)
        return status


def lockout_probe(port, passwords) -> dict:
    """Wrong passwords for `admin`, each followed by a good login as `researcher`."""
    attacker, colleague = Browser(port), Browser(port)
    admin_statuses, colleague_ok = [], 0
    for _ in range(24):
        admin_statuses.append(attacker.login("admin", "wrong-guess"))
        colleague_ok += colleague.login("researcher", passwords["researcher"]) == 302
    first_lock = next((n for n, s in enumerate(admin_statuses) if s == 429), None)
    right_password = attacker.login("admin", passwords["admin"])
    return {
        "wrong_passwords_before_lockout": first_lock if first_lock is not None else "never locked",
        "researcher_logins_ok": f"{colleague_ok} of 24",
        "admin_with_right_password_after": right_password,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--redis", help="REDIS_URL for the throttle (default: database cache)")
    parser.add_argument("--port", type=int, default=8714, help="on 127.0.0.1")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    env = server_env(args.database_url)
    env.pop("API_ANON_THROTTLE_RATE")  # the real rates: 120/min anonymous, 600/min a user
    env.pop("REDIS_URL", None)
    if args.redis:
        env["REDIS_URL"] = args.redis
    prepare(env, statements=2000, fresh=False)
    made = json.loads(manage(env, "shell", "-c", USERS).strip().splitlines()[-1])
    person = f"/api/people/{made['person']}/"

    def reset():
        manage(env, "shell", "-c", RESET)

    port = args.port
    server = start_server(env, port=port, workers=args.workers, threads=args.threads)
    figures = {"gunicorn": f"{args.workers} workers x {args.threads} threads"}
    figures["cache"] = "redis" if args.redis else "database"
    try:
        reset()
        figures["anonymous"] = until_throttled(port, limit=400)
        reset()
        figures["anonymous_rotating_x_forwarded_for"] = until_throttled(
            port, limit=400, headers=lambda n: {"X-Forwarded-For": f"10.{n // 250}.{n % 250}.1"}
        )
        reset()
        reader = {"Authorization": f"Token {made['tokens']['reader']}"}
        figures["logged_in"] = until_throttled(port, limit=800, headers=lambda n: reader)

        reset()
        yaml = {"Accept": "application/vnd.oai.openapi"}
        first = [get(port, "/api/schema/", yaml)[1] for _ in range(6)]
        figures["schema_first_six_ms"] = [round(s * 1000, 1) for s in first]
        token = made["tokens"]["bystander"]
        figures["bystander_alone"] = figures_of(bystander(port, person, token, seconds=5))
        reset()
        during: list[float] = []
        side = threading.Thread(
            target=lambda: during.extend(bystander(port, person, token, seconds=15)), daemon=True
        )
        side.start()
        figures["schema_hammer_6_threads_15s"] = hammer_schema(port, threads=6, seconds=15)
        side.join(60)
        figures["bystander_during_schema_hammer"] = figures_of(during)

        reset()
        figures["admin_lockout"] = lockout_probe(port, made["passwords"])
    finally:
        stop_server(server)

    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for name, value in figures.items():
            print(f"{name:34} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
