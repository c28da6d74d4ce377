"""The API under attack: hostile parameters, anonymous writes, and leaks of unverified records.

Sweeps every endpoint and every declared parameter rather than picking examples, so that a
new endpoint or filter is covered as soon as it is routed.
"""

import pytest
from django.urls import resolve
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from entities.models import Operation, Organisation, Person, Role
from sources.models import Mention, Source, Statement
from tests.factories import (
    MentionFactory,
    OperationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    RoleFactory,
    SourceFactory,
    StatementFactory,
    VerifiedOperationFactory,
    VerifiedOrganisationFactory,
    VerifiedPersonFactory,
    VerifiedStatementFactory,
)

pytestmark = pytest.mark.django_db

ENDPOINTS = ["people", "organisations", "operations", "statements", "sources", "roles", "mentions"]
MODELS = {
    "people": Person,
    "organisations": Organisation,
    "operations": Operation,
    "statements": Statement,
    "sources": Source,
    "roles": Role,
    "mentions": Mention,
}
SECRET = "qzxsecret"  # in every unverified record; never in an anonymous answer
XSS = "<script>alert('qzxpwn')</script>"
# Words of the unverified records, as searches; an error that echoes one holds no SECRET.
PROBES = ("Hidden", "Pending", "Rejected", SECRET[:6])

HOSTILE_VALUES = [
    "' OR '1'='1",
    "1; DROP TABLE sources_statement; --",
    "1 UNION SELECT password FROM auth_user --",
    "1' AND pg_sleep(5) --",
    "%",
    "_",
    "\\",
    '"unclosed phrase',
    "a & b | !c <-> d:*",
    "-1",
    "0",
    "1.5",
    "1e3",
    "0x1F",
    "99999999999999999999999999",
    "２",  # a full-width digit
    "2025-02-30",
    "10000-01-01",
    "[]",
    '{"$gt": ""}',
    "person:",
    "organisation:-4",
    "null",
    "\x00",
    "\u202e\u200b",
    "😀" * 50,
    "x" * 5000,
    XSS,
]


@pytest.fixture(autouse=True)
def _no_throttle(monkeypatch):
    # Hundreds of requests: the throttle has its own tests (test_api_throttling.py).
    monkeypatch.setattr(SimpleRateThrottle, "allow_request", lambda self, request, view: True)


def parameters(endpoint: str) -> list[str]:
    view = resolve(f"/api/{endpoint}/").func.cls
    return sorted(view.filterset_class.base_filters)


@pytest.fixture
def records():
    """One verified row of each kind, so that every filter runs against real rows."""
    person = VerifiedPersonFactory(name="Ada Public")
    organisation = VerifiedOrganisationFactory(name="Public Office")
    operation = VerifiedOperationFactory(name="Operation Daylight")
    statement = VerifiedStatementFactory(speaker_person=person, text="The quay is open again")
    statement.operations.add(operation)
    RoleFactory(person=person, organisation=organisation, review_status="verified")
    ParticipationFactory(operation=operation, organisation=organisation, review_status="verified")
    MentionFactory(source=statement.source, person=person)
    return person


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_hostile_parameters_answer_400_or_a_result_never_500(api_client, records, endpoint):
    names = [*parameters(endpoint), "cursor", "ordering", "unknown"]
    failures = []
    for name in names:
        for value in HOSTILE_VALUES:
            response = api_client.get(f"/api/{endpoint}/", {name: value})
            allowed = {200, 400, 404} if name == "cursor" else {200, 400}
            if response.status_code not in allowed:
                failures.append((name, value[:40], response.status_code))
                continue
            body = response.json()
            assert ("results" in body) if response.status_code == 200 else body["detail"]
    assert failures == []


@pytest.mark.parametrize(
    "query",
    [
        "q=%ED%A0%80",  # a lone surrogate, as UTF-8 bytes
        "q=%FF%FE",  # not UTF-8 at all
        "speaker=1&speaker=2&speaker=%27",
        "said_after=2025-01-01&said_before=1900-01-01",
        "format=csv&q=" + "%22" * 300,
        "format=api&speaker=person:abc",
        "format=nonexistent",
        "cursor=" + "A" * 10_000,
        "q=" + "a%20" * 2000,
    ],
)
def test_malformed_query_strings_never_500(api_client, records, query):
    response = api_client.get(f"/api/statements/?{query}")
    assert response.status_code in {200, 400, 404}, response.content[:300]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_hostile_ids_in_the_path_are_404(api_client, records, endpoint):
    for pk in ("0", "1%00", "1'--", "%2e%2e%2f", "9" * 400):
        response = api_client.get(f"/api/{endpoint}/{pk}/")
        assert response.status_code == 404, (endpoint, pk, response.status_code)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_anonymous_writes_are_refused(api_client, records, endpoint):
    pk = MODELS[endpoint].objects.values_list("pk", flat=True).first()
    payload = {"name": "Mallory", "text": "Forged", "review_status": "verified"}
    attempts = [
        ("post", f"/api/{endpoint}/"),
        ("put", f"/api/{endpoint}/{pk}/"),
        ("patch", f"/api/{endpoint}/{pk}/"),
        ("delete", f"/api/{endpoint}/{pk}/"),
    ]
    before = MODELS[endpoint].objects.count()
    for method, url in attempts:
        response = getattr(api_client, method)(url, payload, format="json")
        assert response.status_code in {401, 403}, (method, url, response.status_code)
    assert MODELS[endpoint].objects.count() == before
    assert not Person.objects.filter(name="Mallory").exists()


def test_forged_token_and_basic_auth_are_refused(records):
    client = APIClient()
    for header in ("Token 0000000000000000000000000000000000000000", "Token ' OR 1=1 --"):
        client.credentials(HTTP_AUTHORIZATION=header)
        assert client.post("/api/people/", {"name": "Mallory"}).status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Basic YWRtaW46YWRtaW4=")  # admin:admin
    assert client.post("/api/people/", {"name": "Mallory"}).status_code in {401, 403}
    assert not Person.objects.filter(name="Mallory").exists()


def test_session_write_without_a_csrf_token_is_refused(editor):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post("/api/people/", {"name": "Mallory"}, format="json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert not Person.objects.filter(name="Mallory").exists()


@pytest.fixture
def hidden_world():
    """Unverified records (named with SECRET) wired into every relation of verified ones."""
    hidden_person = PersonFactory(name=f"Hidden {SECRET}person")
    rejected_person = PersonFactory(name=f"Rejected {SECRET}rej", review_status="rejected")
    hidden_org = OrganisationFactory(name=f"Hidden {SECRET}org")
    hidden_op = OperationFactory(name=f"Operation {SECRET}op")

    speaker = VerifiedPersonFactory(name="Ada Public", aliases=["A. Public"])
    office = VerifiedOrganisationFactory(name="Public Office", parent=hidden_org)
    operation = VerifiedOperationFactory(name="Operation Daylight", parent=hidden_op)
    operation.target_people.add(hidden_person, rejected_person)
    operation.target_organisations.add(hidden_org)
    ParticipationFactory(operation=operation, organisation=hidden_org, review_status="verified")
    ParticipationFactory(operation=hidden_op, organisation=office, review_status="verified")
    VerifiedPersonFactory(name="Merged Public", merged_into=hidden_person)
    VerifiedOrganisationFactory(name="Merged Office", merged_into=hidden_org)

    source = SourceFactory(title="Public report", publisher=hidden_org)
    shown = VerifiedStatementFactory(
        speaker_person=speaker, source=source, reported_by=hidden_org, text="Quay is open"
    )
    shown.operations.add(operation, hidden_op)
    shown.about_people.add(hidden_person)
    shown.about_organisations.add(hidden_org)
    StatementFactory(speaker_person=speaker, source=source, text=f"Pending {SECRET} words")
    StatementFactory(
        speaker_person=speaker,
        source=source,
        text=f"Rejected {SECRET} words",
        review_status="rejected",
    )
    VerifiedStatementFactory(speaker_person=hidden_person, source=source, text="By a hidden one")
    VerifiedStatementFactory(
        speaker_person=None, speaker_organisation=hidden_org, source=source, text="Org said"
    )
    RoleFactory(person=speaker, organisation=hidden_org, title="Adviser", review_status="verified")
    RoleFactory(person=hidden_person, organisation=office, title="Clerk", review_status="verified")
    RoleFactory(person=speaker, organisation=office, title=f"{SECRET} title")
    MentionFactory(source=source, person=hidden_person, text=f"{SECRET}mention")
    MentionFactory(source=source, person=None, organisation=hidden_org, text=f"{SECRET}mention")
    MentionFactory(source=source, person=None, operation=hidden_op, text=f"{SECRET}mention")
    MentionFactory(source=source, person=speaker, text="Ada Public")
    return {"speaker": speaker, "office": office, "operation": operation, "source": source}


def crawl(client, *, extra: tuple = ()) -> dict[str, bytes]:
    """Every list (JSON, CSV, browsable), every detail, searches and the FtM export."""
    bodies = {}

    def get(url, **params):
        response = client.get(url, params)
        body = response.content if not response.streaming else b"".join(response)
        bodies[f"{url} {params}"] = (response.status_code, body)

    for endpoint in ENDPOINTS:
        url = f"/api/{endpoint}/"
        for fmt in ("json", "csv", "api"):
            get(url, format=fmt)
        options = client.options(url)  # DRF metadata: it must not list related rows either
        bodies[f"OPTIONS {url}"] = (options.status_code, options.content)
        for status in ("pending", "rejected"):
            get(url, review_status=status)
        for name in parameters(endpoint):
            for probe in PROBES:
                get(url, **{name: probe})
        for pk in MODELS[endpoint].objects.values_list("pk", flat=True):
            for fmt in ("json", "api"):
                get(f"{url}{pk}/", format=fmt)
    for name, pk in extra:
        for endpoint in ("statements", "operations", "people", "organisations", "roles"):
            if name in parameters(endpoint):
                get(f"/api/{endpoint}/", **{name: pk})
    get("/api/exports/ftm/")
    get("/api/")
    return bodies


def id_parameters(world) -> tuple:
    """Filter values that point at hidden records: their results must not leak either."""
    hidden = [
        *Person.objects.exclude(review_status="verified"),
        *Organisation.objects.exclude(review_status="verified"),
        *Operation.objects.exclude(review_status="verified"),
    ]
    names = ("speaker", "mentions", "organisation", "operation", "participant", "person", "source")
    return tuple((name, str(record.pk)) for record in hidden for name in names)


def test_unverified_records_never_reach_anonymous_clients(api_client, hidden_world):
    bodies = crawl(api_client, extra=id_parameters(hidden_world))
    errors = {url: status for url, (status, _) in bodies.items() if status >= 500}
    assert errors == {}
    leaks = [url for url, (_, body) in bodies.items() if SECRET.encode() in body]
    assert leaks == [], [(u, bodies[u][0]) for u in leaks]
    # And the crawl is not vacuous: the verified records are all there.
    people = bodies["/api/people/ {'format': 'json'}"][1].decode()
    assert "Ada Public" in people and "Merged Public" in people


def test_the_same_crawl_shows_unverified_records_to_a_viewer(api_client, viewer, hidden_world):
    api_client.force_login(viewer)
    bodies = crawl(api_client)
    leaks = {url for url, (_, body) in bodies.items() if SECRET.encode() in body}
    for endpoint in ENDPOINTS:
        if endpoint != "sources":  # a source has no review status of its own
            assert f"/api/{endpoint}/ {{'format': 'json'}}" in leaks


def test_text_is_escaped_in_the_browsable_api_and_sent_as_json_elsewhere(api_client):
    person = VerifiedPersonFactory(name=XSS, aliases=[f'"><img src=x onerror=alert(1)>{XSS}'])
    organisation = VerifiedOrganisationFactory(name=XSS)
    source = SourceFactory(title=XSS, text=f"{XSS} and more text to quote from here.")
    VerifiedStatementFactory(speaker_person=person, source=source, text=XSS, cue=XSS)
    RoleFactory(person=person, organisation=organisation, title=XSS, review_status="verified")
    MentionFactory(source=source, person=person, text=XSS)
    VerifiedOperationFactory(name=XSS, location=XSS)
    for endpoint in ENDPOINTS:
        for url in (f"/api/{endpoint}/", f"/api/{endpoint}/{MODELS[endpoint].objects.first().pk}/"):
            html = api_client.get(url, {"format": "api"})
            assert html.status_code == 200, url
            assert (
                XSS not in html.content.decode()
                and "onerror=alert(1)>" not in html.content.decode()
            )
            data = api_client.get(url)
            assert data["Content-Type"].startswith("application/json")
            assert data["X-Content-Type-Options"] == "nosniff"
