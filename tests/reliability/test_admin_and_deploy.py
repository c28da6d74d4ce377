"""The admin under attack (escaping, login throttling) and the production security settings."""

import json
import secrets
import shutil
import subprocess
import sys
from contextlib import suppress

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from curation.merge import merge
from tests.factories import (
    MentionFactory,
    OperationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    RoleFactory,
    SourceFactory,
    StaffUserFactory,
    StatementFactory,
)
from tests.reliability.conftest import ROOT, ProcessDatabase

XSS = "<script>alert('qzxpwn')</script>"
ATTRIBUTE_XSS = '"><img src=x onerror=alert(7)>'


def admin_urls(model, obj_ids) -> list[str]:
    opts = model._meta
    urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
    for pk in obj_ids:
        for view in ("change", "history", "delete"):
            with suppress(NoReverseMatch):
                urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[pk]))
    return urls


@pytest.mark.django_db
def test_hostile_text_is_escaped_on_every_admin_page(client, django_user_model):
    hostile = f"{XSS}{ATTRIBUTE_XSS}"
    person = PersonFactory(name=f"{hostile} One", aliases=[hostile], description=hostile)
    twin = PersonFactory(name=f"{hostile} Two")
    organisation = OrganisationFactory(name=hostile, description=hostile)
    operation = OperationFactory(name=f"Operation {hostile}", location=hostile)
    source = SourceFactory(title=hostile, text=f"{hostile} said the harbour master today.")
    StatementFactory(source=source, speaker_person=person, text=hostile, cue=hostile, span_end=30)
    MentionFactory(source=source, person=person, text=hostile, span_end=30)
    RoleFactory(person=person, organisation=organisation, title=hostile)
    ParticipationFactory(operation=operation, organisation=organisation)
    superuser = django_user_model.objects.create_superuser("boss", "b@example.invalid", "pw-1x")
    merge(survivor=person, others=[twin], user=superuser)
    # An attacker's failed login is recorded with the name and browser they sent.
    client.post("/admin/login/", {"username": hostile, "password": "x"}, HTTP_USER_AGENT=hostile)

    client.force_login(superuser)
    problems, shown = [], set()
    for model in admin.site._registry:
        ids = list(model._default_manager.values_list("pk", flat=True)[:3])
        for url in admin_urls(model, ids):
            response = client.get(url, follow=True)
            html = response.content.decode()
            if response.status_code >= 500 or XSS in html or "onerror=alert(7)>" in html:
                problems.append((url, response.status_code))
            if "&lt;script&gt;alert(" in html:
                shown.add(model._meta.label)
    assert problems == []
    # The hostile text was on the pages (escaped), including the failed-login records.
    assert {
        *("entities.Person", "entities.Organisation", "entities.Operation", "entities.Role"),
        *("sources.Source", "sources.Statement", "sources.Mention", "curation.MergeRecord"),
        "axes.AccessAttempt",
    } <= shown


def login(client, username, password, **headers):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, **headers
    )


@pytest.mark.django_db
def test_admin_login_lockout_holds_across_usernames_and_forged_forwarding_headers(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    StaffUserFactory(username="reporter", password="right-pass-123")
    # Credential stuffing: a new name each time, and a forged client address each time.
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        login(
            client,
            f"user{n}",
            "wrong-pass",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
            HTTP_X_REAL_IP=f"10.1.0.{n}",
        )

    locked = login(client, "reporter", "right-pass-123", HTTP_X_FORWARDED_FOR="192.0.2.77")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Someone else, from another address, still gets in.
    other = login(client.__class__(), "reporter", "right-pass-123", REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 302


@pytest.mark.django_db
def test_admin_is_not_reachable_anonymously(client):
    for url in ("/admin/", "/admin/entities/person/", "/admin/sources/source/add/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def production_env(tmp_path, migrated_sqlite) -> dict[str, str]:
    path = tmp_path / "prod.sqlite3"
    shutil.copy(migrated_sqlite, path)
    env = ProcessDatabase(f"sqlite:///{path}").env
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    for name in ("DJANGO_DEBUG", "DJANGO_SECURE_SSL_REDIRECT", "DJANGO_HSTS_SECONDS"):
        env.pop(name, None)
    return env


def test_check_deploy_is_clean_with_production_settings(tmp_path, migrated_sqlite):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path, migrated_sqlite),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PROBE = """
import json
from django.test import Client
from django.conf import settings
client = Client(HTTP_HOST="example.org")
plain = client.get("/api/statements/")
https = client.get("/api/statements/", secure=True)
login = client.get("/admin/login/", secure=True)
cookie = login.cookies["csrftoken"]
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location", "")],
    "https": [https.status_code, dict(https.headers)],
    "login": [login.status_code, dict(login.headers)],
    "csrf_cookie": {"secure": cookie["secure"], "samesite": cookie["samesite"]},
    "settings": {
        name: getattr(settings, name)
        for name in ("SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE",
                     "DEBUG", "SECURE_SSL_REDIRECT")
    },
}))
"""


def test_production_answers_carry_hsts_csp_and_secure_cookies(tmp_path, migrated_sqlite):
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + PROBE],
        cwd=ROOT,
        env={
            **production_env(tmp_path, migrated_sqlite),
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])

    assert seen["plain"] == [301, "https://example.org/api/statements/"]
    for status, headers in (seen["https"], seen["login"]):
        assert status == 200
        assert headers["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
    assert seen["csrf_cookie"]["secure"] is True
    assert seen["settings"] == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SECURE": True,
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
    }
