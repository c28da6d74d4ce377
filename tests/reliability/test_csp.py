"""The Content-Security-Policy is strict on every page: scripts only from our own files, no
inline script, and no page that needs one."""

import re
from contextlib import suppress

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from curation.merge import merge
from tests.factories import (
    MentionFactory,
    PersonFactory,
    RoleFactory,
    SourceFactory,
    StatementFactory,
)
from tests.reliability.test_admin_and_deploy import admin_urls

pytestmark = pytest.mark.django_db
# Served by drf-spectacular; issue #13 moves them to static files with no inline script.
DOCS = ["/api/docs/", "/api/redoc/"]
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def pages(superuser) -> list[str]:
    person = PersonFactory()
    source = SourceFactory(text="Ada Okafor said the quay would open in May.")
    StatementFactory(source=source, speaker_person=person, span_start=0, span_end=20)
    MentionFactory(source=source, person=person, span_start=0, span_end=10)
    RoleFactory(person=person)
    record = merge(survivor=person, others=[PersonFactory()], user=superuser)
    urls = ["/admin/", "/admin/password_change/", reverse("admin:curation_reviewqueue_changelist")]
    urls.append(reverse("admin:curation_mergerecord_unmerge", args=[record.pk]))
    for model in admin.site._registry:
        ids = list(model._default_manager.values_list("pk", flat=True)[:1])
        urls += admin_urls(model, ids)
        opts = model._meta
        with suppress(NoReverseMatch):
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    urls += ["/api/", "/api/people/", f"/api/people/{person.pk}/", "/api/statements/"]
    return urls


def test_every_page_gets_a_strict_script_policy_and_needs_no_inline_script(
    client, django_user_model
):
    superuser = django_user_model.objects.create_superuser("boss", "b@example.invalid", "pw-1x")
    login_page = client.get("/admin/login/")
    client.force_login(superuser)
    problems, checked = [], 0
    for url in [*pages(superuser), *DOCS]:
        response = client.get(url, HTTP_ACCEPT="text/html")
        if response.status_code == 404 and url in DOCS:
            continue
        checked += 1
        policy = directives(response["Content-Security-Policy"])
        if policy.get("script-src") != ["'self'"] or policy.get("object-src") != ["'none'"]:
            problems.append((url, "policy", policy.get("script-src")))
        if policy.get("base-uri") != ["'self'"] or policy.get("frame-ancestors") != ["'none'"]:
            problems.append((url, "policy", policy))
        html = response.content.decode()
        if url not in DOCS and (INLINE_SCRIPT.search(html) or EVENT_HANDLER.search(html)):
            found = (INLINE_SCRIPT.search(html) or EVENT_HANDLER.search(html)).group(0)
            problems.append((url, "inline script", found))
    assert directives(login_page["Content-Security-Policy"])["script-src"] == ["'self'"]
    assert problems == []
    assert checked > 30
