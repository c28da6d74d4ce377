"""Every admin page fed hostile path and query values answers 4xx or a page, never a 5xx."""

import re
from contextlib import suppress
from html import unescape
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from django.contrib import admin
from django.test import Client
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
    StatementFactory,
)

pytestmark = pytest.mark.django_db
# Values for query parameters, and for ids in paths (percent-encoded).
HOSTILE = ["abc", "\x00", "1.5", "99999999999999999999", "'\"<x>"]
HOSTILE_IDS = ["abc", "%00", "1.5", "-1", "99999999999999999999", "%F0%9F%98%80", "%C0"]
QUERY_LINK = re.compile(r'href="(\?[^"]*)"')


@pytest.fixture
def staff(django_user_model):
    person = PersonFactory()
    organisation = OrganisationFactory()
    source = SourceFactory(text="Ada Okafor said the quay would open in May, the office said.")
    StatementFactory(source=source, speaker_person=person, span_start=0, span_end=20)
    MentionFactory(source=source, person=person, span_start=0, span_end=10)
    RoleFactory(person=person, organisation=organisation)
    ParticipationFactory(operation=OperationFactory(), organisation=organisation)
    superuser = django_user_model.objects.create_superuser("boss", "b@example.invalid", "pw-1x")
    merge(survivor=person, others=[PersonFactory()], user=superuser)
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    return client


def query_parameters(html: str) -> set[str]:
    """The names of the query parameters the page's own links use (filters, sorting, dates)."""
    names = set()
    for link in QUERY_LINK.findall(html):
        names |= {name for name, _ in parse_qsl(urlsplit(unescape(link)).query)}
    return names


@pytest.mark.slow
def test_hostile_values_in_admin_urls_never_answer_a_5xx(staff):
    problems, requests = [], 0

    def get(url, data=None, method="get"):
        nonlocal requests
        requests += 1
        response = getattr(staff, method)(url, data or {})
        if response.status_code >= 500:
            problems.append((method, url, data))
        return response

    for model in admin.site._registry:
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        changelist = reverse(f"{name}_changelist")
        parameters = query_parameters(get(changelist).content.decode())
        parameters |= {"q", "o", "p", "e", "_to_field", "all", "_popup"}
        for parameter in sorted(parameters):
            for value in HOSTILE:
                get(changelist, {parameter: value})
        pk = model._default_manager.values_list("pk", flat=True).first()
        for view in ("change", "history", "delete"):
            with suppress(NoReverseMatch):
                for bad in HOSTILE_IDS:
                    get(reverse(f"{name}_{view}", args=["0"]).replace("/0/", f"/{bad}/"))
        if pk is not None:
            with suppress(NoReverseMatch):
                history = reverse(f"{name}_history", args=[pk])
                for bad in HOSTILE_IDS:
                    get(f"{history}{bad}/")
                    get(f"{history}{bad}/", {"_change_history": "1"}, method="post")
                get(reverse(f"{name}_change", args=[pk]), {"_changelist_filters": "\x00"})
        for field in (f.name for f in opts.get_fields() if f.is_relation and f.concrete):
            for term in ("\x00", "abc"):
                get(
                    "/admin/autocomplete/",
                    {
                        "app_label": opts.app_label,
                        "model_name": opts.model_name,
                        "field_name": field,
                        "term": term,
                    },
                )

    queue = reverse("admin:curation_reviewqueue_changelist")
    for value in HOSTILE:
        get(queue, {"type": value, "page": value})
        for kind in ("person", "statement", value):
            for decision in ("verified", value):
                get(queue, {"type": kind, "pk": value, "decision": decision}, method="post")
                get(queue, {"type": kind, "pk": "1", "decision": decision, "page": value}, "post")
    unmerge = reverse("admin:curation_mergerecord_unmerge", args=["0"])
    for bad in HOSTILE_IDS:
        get(unmerge.replace("/0/", f"/{quote(bad, safe='%')}/"))
        get(unmerge.replace("/0/", f"/{quote(bad, safe='%')}/"), {"confirm": "1"}, "post")

    assert problems == []
    assert requests > 800


@pytest.mark.parametrize(
    ("method", "url", "data", "status"),
    [
        (
            "post",
            "/admin/curation/reviewqueue/",
            {"type": "person", "pk": "abc", "decision": "verified"},
            404,
        ),
        ("post", "/admin/curation/mergerecord/abc/unmerge/", {}, 404),
        ("get", "/admin/entities/person/{pk}/history/abc/", {}, 404),
        ("get", "/admin/entities/person/{pk}/history/%00/", {}, 400),
        ("get", "/admin/entities/person/abc/history/", {}, 404),
        ("get", "/admin/entities/person/", {"review_status__exact": "\x00"}, 400),
        ("get", "/admin/sources/statement/", {"said_on__year": "99999999999999999999"}, 400),
        ("get", "/admin/entities/person/", {"created_at__year": "99999999999999999999"}, 400),
        (
            "get",
            "/admin/autocomplete/",
            {
                "app_label": "sources",
                "model_name": "statement",
                "field_name": "speaker_person",
                "term": "\x00",
            },
            400,
        ),
    ],
)
def test_the_reported_admin_500s_are_400s_or_404s(staff, method, url, data, status):
    pk = PersonFactory().pk

    response = getattr(staff, method)(url.format(pk=pk), data)

    assert response.status_code == status
