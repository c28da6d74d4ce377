"""Keyset pagination (core/api/pagination.py): complete, stable, cheap at any depth."""

import base64
import datetime
import json

import pytest
from django.db import connection

from tests.factories import VerifiedPersonFactory, VerifiedStatementFactory

pytestmark = pytest.mark.django_db
URL = "/api/statements/"


@pytest.fixture
def statements():
    """Seven statements: dates with ties, and NULL dates."""
    dates = [
        datetime.date(2024, 1, 1),
        datetime.date(2024, 1, 1),
        None,
        datetime.date(2023, 5, 5),
        None,
        datetime.date(2025, 2, 2),
        datetime.date(2024, 1, 1),
    ]
    speaker = VerifiedPersonFactory()
    return [VerifiedStatementFactory(said_on=d, speaker_person=speaker) for d in dates]


def walk(client, url, link="next"):
    pages, seen = [], set()
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        pages.append([item["id"] for item in body["results"]])
        url = body[link]
        assert url not in seen, "a link points back to a page already seen"
        seen.add(url)
    return pages


def expected_order(statements, *, descending):
    dated = sorted(
        (s for s in statements if s.said_on), key=lambda s: (s.said_on, s.pk), reverse=descending
    )
    undated = sorted(
        (s for s in statements if not s.said_on), key=lambda s: s.pk, reverse=descending
    )
    return [s.pk for s in dated + undated]


@pytest.mark.parametrize("ordering", ["-said_on", "said_on"])
@pytest.mark.parametrize("page_size", [1, 2, 3, 7, 50])
def test_following_next_links_returns_every_row_once_in_order(
    api_client, statements, ordering, page_size
):
    pages = walk(api_client, f"{URL}?ordering={ordering}&page_size={page_size}")

    flat = [pk for page in pages for pk in page]
    assert flat == expected_order(statements, descending=ordering.startswith("-"))
    assert all(len(page) == page_size for page in pages[:-1])


def test_previous_links_walk_back_through_the_same_pages(api_client, statements):
    forward = walk(api_client, f"{URL}?page_size=2")
    last_page = api_client.get(f"{URL}?page_size=2")
    while last_page.json()["next"]:
        last_page = api_client.get(last_page.json()["next"])

    backward = walk(api_client, last_page.json()["previous"], link="previous")

    assert list(reversed(backward)) == forward[:-1]


def test_first_page_has_no_previous_link_and_a_link_header(api_client, statements):
    response = api_client.get(f"{URL}?page_size=2")

    assert response.json()["previous"] is None
    assert 'rel="next"' in response["Link"]
    assert response.json()["next"] in response["Link"]


def test_ordering_by_creation_pages_through_everything(api_client, statements):
    pages = walk(api_client, f"{URL}?ordering=-created_at&page_size=3")

    assert [pk for page in pages for pk in page] == sorted((s.pk for s in statements), reverse=True)


def test_a_cursor_of_another_ordering_is_refused(api_client, statements):
    next_url = api_client.get(f"{URL}?page_size=2").json()["next"]

    response = api_client.get(next_url.replace("?", "?ordering=said_on&"))

    assert response.status_code == 404
    assert "cursor" in response.json()["errors"]


@pytest.mark.parametrize(
    "payload",
    [
        {"o": "-said_on", "v": "2024-01-01", "k": "1", "d": "n"},
        {"o": "-said_on", "v": "not a date", "k": 1, "d": "n"},
        {"o": "-said_on", "v": "2024-01-01", "k": 2**70, "d": "n"},
        {"o": "-said_on", "v": "2024-01-01", "k": 1, "d": "sideways"},
        {"o": "-said_on", "v": {"a": 1}, "k": 1, "d": "n"},
        ["not", "an", "object"],
    ],
)
def test_a_forged_cursor_is_a_404_not_a_500(api_client, statements, payload):
    cursor = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()

    response = api_client.get(URL, {"cursor": cursor})

    assert response.status_code == 404
    assert response.json()["errors"]["cursor"]


@pytest.mark.parametrize("endpoint", ["people", "organisations", "operations"])
@pytest.mark.parametrize("value", ["\u0000", "ada\u0000", "\ud800"])
def test_a_cursor_value_postgresql_cannot_store_is_a_json_404(api_client, endpoint, value):
    # Text PostgreSQL refuses (NUL, a lone surrogate) must not reach the query: an HTML 500.
    VerifiedPersonFactory()
    payload = json.dumps({"o": "name_key", "v": value, "k": 1, "d": "n"})
    cursor = base64.urlsafe_b64encode(payload.encode()).decode()

    response = api_client.get(f"/api/{endpoint}/", {"cursor": cursor})

    assert response.status_code == 404
    assert response.json()["errors"]["cursor"]


def test_past_the_last_row_a_page_is_empty_with_a_way_back(api_client, statements):
    response = api_client.get(URL, {"page_size": 7})
    cursor_of_last = api_client.get(URL, {"page_size": 6}).json()["next"]

    last = api_client.get(cursor_of_last).json()

    assert len(response.json()["results"]) == 7
    assert len(last["results"]) == 1 and last["next"] is None
    assert last["previous"]


def test_a_deep_page_costs_the_same_queries_as_the_first(
    api_client, statements, django_assert_num_queries
):
    url = f"{URL}?page_size=1"
    for _ in range(3):  # the fourth of five dated rows: the page needs no undated ones
        url = api_client.get(url).json()["next"]
    # The dated rows, then their sources and their operations; on PostgreSQL one query.
    queries = 1 if connection.vendor == "postgresql" else 3
    with django_assert_num_queries(queries):
        assert len(api_client.get(f"{URL}?page_size=1").json()["results"]) == 1
    with django_assert_num_queries(queries):
        assert len(api_client.get(url).json()["results"]) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranked full-text search")
def test_ranked_search_pages_through_every_match_once(api_client):
    speaker = VerifiedPersonFactory()
    texts = ["strike", "strike strike", "strike strike strike", "a strike", "strike again"]
    matches = [VerifiedStatementFactory(text=t, speaker_person=speaker) for t in texts]
    VerifiedStatementFactory(text="nothing", speaker_person=speaker)

    pages = walk(api_client, f"{URL}?q=strike&page_size=1")

    assert sorted(pk for page in pages for pk in page) == sorted(s.pk for s in matches)
    assert len(pages) == len(matches)
