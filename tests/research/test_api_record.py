"""GET /api/people/{id}/record/ and /api/organisations/{id}/record/ on conftest.py's corpus."""

import pytest

from tests.factories import StatementFactory
from tests.research.conftest import build_corpus

pytestmark = pytest.mark.django_db


def record(client, kind, pk, query=""):
    response = client.get(f"/api/{kind}/{pk}/record/{query}")
    assert response.status_code == 200, response.content
    return response.json()


def groups(data):
    return [
        (
            g["operation"] and g["operation"]["name"],
            g["statement_count"],
            [s["id"] for s in g["statements"]],
        )
        for g in data["operations"]
    ]


def test_record_groups_a_speakers_statements_by_operation_oldest_first(api_client, corpus):
    c = corpus
    data = record(api_client, "people", c.ana.pk)

    assert data["speaker"] == {"id": c.ana.pk, "type": "person", "name": "Ana Ruiz"}
    assert data["statement_count"] == 3
    # Two accounts of the same operation side by side; the rest about no visible operation.
    assert groups(data) == [
        ("Operation Tidewater", 2, [c.lawful.pk, c.changed.pk]),
        (None, 1, [c.about_office.pk]),
    ]
    tidewater = data["operations"][0]
    assert (tidewater["first_date"], tidewater["last_date"]) == ("2026-01-03", "2026-01-09")
    assert tidewater["statements"][0]["text"] == "the raid on the port was lawful"
    assert data["per_month"] == [{"month": "2026-01", "count": 2}, {"month": "2026-02", "count": 1}]


def test_record_counts_reporters_and_the_most_mentioned(api_client, corpus):
    c = corpus
    data = record(api_client, "people", c.ana.pk)

    # The second reporter, Hidden Office, is not verified: left out, not shown as null.
    assert data["reported_by"] == [
        {"organisation": {"id": c.press.pk, "name": "Harbour Press"}, "count": 1}
    ]
    assert data["mentions"] == [
        {"entity": {"id": c.omar.pk, "type": "person", "name": "Omar Haddad"}, "count": 1}
    ]
    assert [(r["title"], r["organisation"]["name"], r["start_date"]) for r in data["roles"]] == [
        ("Minister", "Coastal Guard", "2025-06-01")
    ]


def test_staff_see_the_whole_record(viewer_client, corpus):
    c = corpus
    data = record(viewer_client, "people", c.ana.pk)

    assert data["statement_count"] == 4
    assert groups(data)[0] == ("Operation Tidewater", 3, [c.lawful.pk, c.changed.pk, c.pending.pk])
    assert {r["organisation"]["name"] for r in data["reported_by"]} == {
        "Harbour Press",
        "Hidden Office",
    }
    assert {m["entity"]["name"] for m in data["mentions"]} == {"Omar Haddad", "Hidden Office"}
    assert {r["title"] for r in data["roles"]} == {"Minister", "Adviser"}


def test_anonymous_record_holds_nothing_unverified(api_client, corpus):
    c = corpus
    text = str(record(api_client, "people", c.ana.pk))

    assert "met Ana Ruiz" not in text
    assert "Hidden Office" not in text
    assert "Adviser" not in text
    assert api_client.get(f"/api/people/{c.secret.pk}/record/").status_code == 404
    assert api_client.get(f"/api/organisations/{c.hidden_office.pk}/record/").status_code == 404


def test_organisation_record_lists_its_members_roles_and_parts(api_client, corpus):
    c = corpus
    data = record(api_client, "organisations", c.guard.pk)

    assert data["speaker"]["type"] == "organisation"
    assert data["statement_count"] == 0
    assert [(r["person"]["name"], r["title"]) for r in data["roles"]] == [("Ana Ruiz", "Minister")]
    assert [(p["operation"]["name"], p["part"]) for p in data["participations"]] == [
        ("Operation Tidewater", "carried_out")
    ]


def test_record_narrowed_to_an_operation_and_a_date_range(api_client, corpus):
    c = corpus
    by_operation = record(api_client, "people", c.ana.pk, f"?operation={c.tidewater.pk}")
    by_date = record(api_client, "people", c.ana.pk, "?date_after=2026-01-05")
    first_only = record(api_client, "people", c.ana.pk, "?per_operation=1")

    assert groups(by_operation) == [("Operation Tidewater", 2, [c.lawful.pk, c.changed.pk])]
    assert groups(by_date) == [
        ("Operation Tidewater", 1, [c.changed.pk]),
        (None, 1, [c.about_office.pk]),
    ]
    # The count still covers every statement; the list keeps the newest.
    assert groups(first_only)[0] == ("Operation Tidewater", 2, [c.changed.pk])


@pytest.mark.parametrize("query", ["?per_operation=0", "?per_operation=101", "?operation=x"])
def test_bad_record_parameters_answer_400(api_client, corpus, query):
    response = api_client.get(f"/api/people/{corpus.ana.pk}/record/{query}")

    assert response.status_code == 400
    assert query[1:].split("=")[0] in response.json()["errors"]


@pytest.mark.parametrize("extra", [0, 9])
def test_record_queries_do_not_grow_with_the_statements(
    api_client, django_assert_num_queries, extra
):
    corpus = build_corpus()
    for _ in range(extra):
        made = StatementFactory(review_status="verified", speaker_person=corpus.ana)
        made.operations.add(corpus.tidewater)
        made.about_people.add(corpus.omar)

    # The person; statements per month; the operations' groups with their newest statements;
    # the group about no operation; the listed statements and their embeds (sources,
    # reporters that are not publishers, operations); roles, and the sources stating them;
    # reporters; mentioned people and organisations. (A person has no participations: no
    # query.)
    with django_assert_num_queries(13):
        data = record(api_client, "people", corpus.ana.pk, "?per_operation=100")
    assert data["statement_count"] == 3 + extra
    assert len(data["operations"][0]["statements"]) == 2 + extra


@pytest.mark.parametrize("as_viewer", [False, True])
def test_record_counts_the_statement_list_of_the_speaker(api_client, viewer, corpus, as_viewer):
    if as_viewer:
        api_client.force_authenticate(viewer)
    listed = api_client.get(f"/api/statements/?speaker=person:{corpus.ana.pk}").json()

    data = record(api_client, "people", corpus.ana.pk, "?per_operation=100")

    assert data["statement_count"] == len(listed["results"])
    shown = {s["id"] for group in data["operations"] for s in group["statements"]}
    assert shown == {s["id"] for s in listed["results"]}
