"""The API throttle: keyed on the real client address, counted in a cache every worker shares,
and a rate for logged-in users too."""

import json
import os
import socket
import subprocess
import sys

import pytest
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from tests.reliability.conftest import ROOT

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(monkeypatch):
    def set_rates(**rates):
        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)

    return set_rates


def statuses(client, count, **headers):
    return [client.get("/api/people/", **headers).status_code for _ in range(count)]


def test_rotating_x_forwarded_for_does_not_escape_the_anonymous_limit(api_client, rates):
    rates(anon="3/min", user="100/min")

    seen = [
        api_client.get("/api/people/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(5)
    ]

    assert seen == [200, 200, 200, 429, 429]


def test_behind_one_trusted_proxy_each_forwarded_client_has_its_own_limit(
    api_client, rates, monkeypatch
):
    monkeypatch.setattr(api_settings, "NUM_PROXIES", 1)
    rates(anon="2/min", user="100/min")
    # The proxy appends the address it saw; what the client put before it is not trusted.
    first = statuses(api_client, 3, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.1")
    forged = statuses(api_client, 1, HTTP_X_FORWARDED_FOR="10.9.9.8, 203.0.113.1")
    second = statuses(api_client, 2, HTTP_X_FORWARDED_FOR="203.0.113.2")

    assert first == [200, 200, 429]
    assert forged == [429]
    assert second == [200, 200]


def test_trusted_proxy_count_is_off_by_default():
    assert api_settings.NUM_PROXIES == 0


def test_logged_in_clients_have_a_rate_too(api_client, rates, editor):
    rates(anon="100/min", user="3/min")
    api_client.force_authenticate(editor)

    assert statuses(api_client, 4) == [200, 200, 200, 429]


def test_anonymous_clients_are_counted_by_the_anonymous_rate_only(api_client, rates):
    rates(anon="100/min", user="2/min")

    assert statuses(api_client, 3) == [200, 200, 200]


# Two processes, one counter: what gunicorn's workers do.
REQUESTS = """
import json
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client(REMOTE_ADDR="198.51.100.7")
print(json.dumps([client.get("/api/people/").status_code for _ in range(3)]))
"""


def run_worker(process_db, extra_env: dict) -> list[int]:
    env = {**process_db.env, "API_ANON_THROTTLE_RATE": "4/min"}
    env.pop("REDIS_URL", None)
    env.update(extra_env)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + REQUESTS],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("backend", ["database", "redis"])
def test_two_processes_share_one_anonymous_counter(process_db, backend):
    extra = {}
    if backend == "redis":
        if not redis_up():
            if os.environ.get("REQUIRE_REDIS"):
                pytest.fail("Redis is not running at 127.0.0.1:6379")
            pytest.skip("Redis is not running at 127.0.0.1:6379")
        # A database of its own, emptied first, so no other run's counters count.
        extra["REDIS_URL"] = "redis://127.0.0.1:6379/13"
        import redis

        redis.Redis.from_url(extra["REDIS_URL"]).flushdb()

    first = run_worker(process_db, extra)
    second = run_worker(process_db, extra)

    # 4 a minute in all, not 4 per process.
    assert first == [200, 200, 200]
    assert second == [200, 429, 429]


# Many requests at once in two processes: each is counted (a read-then-write of the
# counter without a lock loses the requests that overlap).
BURST = """
import json, threading
from django.db import connections
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
statuses = []
def run():
    client = Client(REMOTE_ADDR="198.51.100.8")
    for _ in range(4):
        statuses.append(client.get("/api/people/").status_code)
    connections.close_all()
threads = [threading.Thread(target=run) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps(statuses))
"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("backend", ["database", "redis"])
def test_concurrent_requests_in_two_processes_are_each_counted(process_db, backend):
    env = {
        **process_db.env,
        "API_ANON_THROTTLE_RATE": "10/min",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    env.pop("REDIS_URL", None)
    if backend == "redis":
        if not redis_up():
            if os.environ.get("REQUIRE_REDIS"):
                pytest.fail("Redis is not running at 127.0.0.1:6379")
            pytest.skip("Redis is not running at 127.0.0.1:6379")
        env["REDIS_URL"] = "redis://127.0.0.1:6379/13"
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    command = [sys.executable, "-c", "import django; django.setup()\n" + BURST]
    processes = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    statuses = []
    for process in processes:
        out, _ = process.communicate(timeout=300)
        assert process.returncode == 0
        statuses += json.loads(out.splitlines()[-1])

    assert len(statuses) == 64
    assert statuses.count(200) == 10
    assert statuses.count(429) == 54
