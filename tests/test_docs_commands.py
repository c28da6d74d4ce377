"""Every command the README, docs/ and scripts/run.sh show works when pasted after run.sh.

The commands come from the Markdown code blocks (```sh) of README.md and docs/*.md and from
the lines scripts/run.sh prints indented by four spaces. Each block runs in bash, as pasted,
in a terminal (createsuperuser asks for a password), from a folder that mirrors the project
root, with none of the test run's settings: only PATH, HOME, and the scratch database and
port of a server of its own, which hold what scripts/run.sh leaves (migrated, seeds loaded).
The scratch database is SQLite, as scripts/run.sh's default, or a PostgreSQL database of its
own when the suite runs on PostgreSQL.
The few blocks that cannot run here are listed in NOT_RUN with the reason.
"""

import fcntl
import json
import os
import pty
import re
import select
import signal
import socket
import subprocess
import termios
import time
import urllib.parse
import urllib.request
from pathlib import Path

import dj_database_url
import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
RUN_SCRIPT = ROOT / "scripts" / "run.sh"
FENCE = re.compile(r"^```(?:sh|bash|shell)\n(.*?)^```", re.MULTILINE | re.DOTALL)
HEREDOC = re.compile(r"<<'?EOF'?\n(.*?)^EOF$", re.MULTILINE | re.DOTALL)
HINT = re.compile(r"^    (\S.*)$", re.MULTILINE)

# Blocks that contain one of these are not run, for the reason given.
NOT_RUN = {
    "bash scripts/run.sh": "the set-up itself: this test starts from its result",
    "bash scripts/test.sh": "runs this test suite",
    "score_extraction.py": "the last step of CI (.ci/run) runs this very command",
    "manage.py calibration": "loads the development set beside the project (../shared), as the "
    "scorer does; tests/sources/test_calibration.py covers the command",
    "bench/run.py": "benchmarks of 10 to 30 minutes",
    "bench/loadtest.py": "a load test under gunicorn over a generated corpus",
    "bench/probe_limits.py": "a two-minute probe of the limits under gunicorn",
    "celery -A newsroom worker": "a worker on other machines, with placeholder hosts",
    "gunicorn newsroom.wsgi": "production, with placeholder credentials and host",
}
PASSWORD = "x-docs-pass-9-long"
ANSWERS = {"Password: ": PASSWORD, "Password (again): ": PASSWORD}
# Makes a failed request fail the block, and marks where each answer starts in the output.
CURL = 'curl() { printf "\\n### curl %s\\n" "$*"; command curl --fail-with-body -sS "$@"; }\n'


def documented_blocks() -> list[tuple[str, str]]:
    """(where, text) of every command block in the docs and every command run.sh prints."""
    blocks = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 2
            blocks.append((f"{path.relative_to(ROOT)}:{line}", match.group(1)))
    text = RUN_SCRIPT.read_text(encoding="utf-8")
    for heredoc in HEREDOC.finditer(text):
        for hint in HINT.finditer(heredoc.group(1)):
            line = text.count("\n", 0, heredoc.start(1) + hint.start()) + 1
            blocks.append((f"{RUN_SCRIPT.relative_to(ROOT)}:{line}", hint.group(1) + "\n"))
    return blocks


BLOCKS = documented_blocks()


def reason_not_run(text: str) -> str | None:
    return next((why for key, why in NOT_RUN.items() if key in text), None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_in_terminal(script: str, *, cwd: Path, env: dict, timeout: float = 600) -> tuple[int, str]:
    """Run `script` in bash with a terminal of its own, answering ANSWERS' prompts."""
    master, slave = pty.openpty()
    process = subprocess.Popen(  # noqa: S603
        ["/bin/bash", "-c", script],
        cwd=cwd,
        env=env,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
        # The terminal becomes the controlling one, which getpass reads from.
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),  # noqa: PLW1509
    )
    os.close(slave)
    output, deadline = b"", time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: every process holding the terminal has ended
                    break
                if not chunk:
                    break
                output += chunk
                for prompt, answer in ANSWERS.items():
                    if output.endswith(prompt.encode()):
                        os.write(master, answer.encode() + b"\n")
            elif process.poll() is not None:
                break
        else:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail(f"still running after {timeout} s:\n{output.decode(errors='replace')}")
        returncode = process.wait(timeout=30)
    finally:
        os.close(master)
    return returncode, output.decode(errors="replace").replace("\r\n", "\n")


def postgresql_database(url: str, name: str, *, create: bool) -> str:
    """Drop the PostgreSQL database `name` next to `url`'s, and create it anew if `create`."""
    import psycopg

    params = dj_database_url.parse(url)
    with psycopg.connect(
        host=params["HOST"],
        port=params["PORT"] or 5432,
        user=params["USER"],
        password=params["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            connection.execute(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlsplit(url)._replace(path=f"/{name}").geturl()


@pytest.fixture(scope="module")
def scratch_database(tmp_path_factory):
    """SQLite, as scripts/run.sh by default; PostgreSQL when the suite runs on it."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path_factory.mktemp('scratch') / 'scratch.sqlite3'}"
        return
    name = f"{dj_database_url.parse(url)['NAME']}_docs_scratch"
    yield postgresql_database(url, name, create=True)
    postgresql_database(url, name, create=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory, scratch_database):
    """A mirror of the project root, a scratch database with the seeds, and its server."""
    base = tmp_path_factory.mktemp("pasted")
    cwd = base / "project"
    cwd.mkdir()
    for entry in ROOT.iterdir():
        if entry.name not in {".git", "artifacts", "staticfiles"} and "sqlite3" not in entry.name:
            (cwd / entry.name).symlink_to(entry)
    port = free_port()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(base),
        "LANG": "C.UTF-8",
        "DATABASE_URL": scratch_database,
        "PORT": str(port),
    }
    # What scripts/run.sh does before it serves.
    local = {**env, "DJANGO_DEBUG": "1"}
    for command in (["migrate", "--noinput"], ["load_seeds"]):
        subprocess.run(  # noqa: S603
            [".venv/bin/python", "manage.py", *command], cwd=cwd, env=local, check=True
        )
    server = subprocess.Popen(  # noqa: S603
        [".venv/bin/python", "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=cwd,
        env=local,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the server did not start")
        yield {"cwd": cwd, "env": env, "local": local}
    finally:
        server.terminate()
        server.wait(timeout=30)


def manage(site, code: str) -> None:
    """Run Python in the scratch database's Django (to set a block's precondition)."""
    subprocess.run(  # noqa: S603
        [".venv/bin/python", "manage.py", "shell", "-c", code],
        cwd=site["cwd"],
        env=site["local"],
        check=True,
        capture_output=True,
    )


def answers_to_searches(output: str) -> dict[str, dict]:
    """The JSON answer of each `curl` of a search (`q=`) in the block, by its arguments."""
    found = {}
    for part in output.split("\n### curl ")[1:]:
        arguments, _, body = part.partition("\n")
        if "q=" in arguments:
            found[arguments] = json.loads(body)
    return found


@pytest.mark.parametrize(("where", "block"), BLOCKS, ids=[where for where, _ in BLOCKS])
def test_documented_command_works_when_pasted(site, where, block):
    if reason := reason_not_run(block):
        pytest.skip(f"not run here: {reason}")
    # Preconditions the docs state: createsuperuser makes the login "admin", which the
    # token commands then use.
    if "createsuperuser" in block:
        manage(site, "from django.contrib.auth.models import User; User.objects.all().delete()")
    elif "drf_create_token admin" in block:
        manage(
            site,
            "from django.contrib.auth.models import User\n"
            "User.objects.filter(username='admin').exists() or "
            "User.objects.create_superuser('admin', 'admin@example.org', 'x-admin-pass-9')",
        )

    returncode, output = run_in_terminal(
        "set -eo pipefail\n" + CURL + block, cwd=site["cwd"], env=site["env"]
    )

    assert returncode == 0, f"{where} failed:\n{block}\n--- output:\n{output}"
    assert "Traceback" not in output, output
    for arguments, answer in answers_to_searches(output).items():
        assert answer["results"], f"{where}: no results for {arguments}"


def test_every_block_is_found_and_every_exception_is_used():
    assert len(BLOCKS) >= 10
    assert any(where.startswith("scripts/run.sh") for where, _ in BLOCKS)
    assert any("drf_create_token" in block for _, block in BLOCKS)
    for key in NOT_RUN:
        assert any(key in block for _, block in BLOCKS), f"NOT_RUN entry {key!r} is stale"


def test_run_script_says_who_sees_what_and_how_to_log_in():
    message = HEREDOC.search(RUN_SCRIPT.read_text(encoding="utf-8")).group(1)
    assert "only verified records" in message
    assert "http://127.0.0.1:$PORT/admin/" in message
    assert "createsuperuser" in message


def test_readme_documents_port_and_database_url_where_the_run_command_is():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    assert "bash scripts/run.sh" in setup
    assert "`PORT`" in setup and "`DATABASE_URL`" in setup
