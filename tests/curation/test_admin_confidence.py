"""Confidence in the admin: a column of every machine-made record's list, the review queue least
confident first, and the Editors' bulk action "verify pending records with confidence ≥ X"
with its confirmation page."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from core.review import ReviewStatus
from entities.models import Person
from sources.ingest.confidence import precision_measured_at
from tests.factories import (
    OperationFactory,
    OrganisationFactory,
    PersonFactory,
    RoleFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

PEOPLE = "/admin/entities/person/"
QUEUE = "/admin/curation/reviewqueue/"
LISTS = {
    "/admin/entities/person/": PersonFactory,
    "/admin/entities/organisation/": OrganisationFactory,
    "/admin/entities/operation/": OperationFactory,
    "/admin/entities/role/": RoleFactory,
    "/admin/sources/statement/": StatementFactory,
}


@pytest.mark.parametrize("url", LISTS)
def test_every_machine_made_record_list_shows_its_confidence(editor_client, url):
    LISTS[url](confidence=0.42)

    html = editor_client.get(url).content.decode()

    assert "column-confidence" in html and "0.42" in html


def test_a_record_page_shows_the_evidence_read_only(editor_client):
    person = PersonFactory(confidence=0.8, confidence_evidence={"rules": ["apposition"]})

    response = editor_client.get(f"{PEOPLE}{person.pk}/change/")

    assert "confidence_evidence" not in response.context["adminform"].form.fields
    assert "apposition" in response.content.decode()


def test_the_queue_lists_the_least_confident_first_and_records_people_made_last(
    researcher_client,
):
    sure = StatementFactory(confidence=0.9)
    unsure = StatementFactory(confidence=0.2)
    by_hand = StatementFactory(confidence=None)
    middling = StatementFactory(confidence=0.5)

    default = researcher_client.get(QUEUE, {"type": "statement"})
    oldest = researcher_client.get(QUEUE, {"type": "statement", "order": "oldest"})

    assert [i.record for i in default.context["items"]] == [unsure, middling, sure, by_hand]
    assert [i.record for i in oldest.context["items"]] == [sure, unsure, by_hand, middling]
    assert "confidence 0.20" in default.content.decode()


def test_a_decision_in_the_queue_keeps_its_order(researcher_client):
    statement = StatementFactory(confidence=0.3)

    response = researcher_client.post(
        QUEUE, {"type": "statement", "pk": statement.pk, "decision": "verified", "order": "oldest"}
    )

    assert response["Location"] == QUEUE + "?type=statement&order=oldest"


@pytest.fixture
def people():
    """Selected: pending at 0.95 and 0.5, verified at 0.99, pending made by people; and one
    pending at 0.97 that is not selected."""
    return {
        "sure": PersonFactory(name="Ines Varga", confidence=0.95),
        "unsure": PersonFactory(name="Tomas Brill", confidence=0.5),
        "verified": PersonFactory(name="Olga Fenn", confidence=0.99, review_status="verified"),
        "by_hand": PersonFactory(name="Rui Sato", confidence=None),
        "not_selected": PersonFactory(name="Ada Lind", confidence=0.97),
    }


def act(client, people, **extra):
    chosen = [p.pk for key, p in people.items() if key != "not_selected"]
    data = {"action": "verify_confident", ACTION_CHECKBOX_NAME: chosen, **extra}
    return client.post(PEOPLE, data)


def statuses(people) -> dict:
    return {key: Person.objects.get(pk=p.pk).review_status for key, p in people.items()}


def test_the_bulk_action_first_shows_how_many_it_touches_and_the_measured_precision(
    editor_client, people
):
    response = act(editor_client, people)

    assert response.status_code == 200
    assert response.templates[0].name == "curation/verify_confident.html"
    assert response.context["count"] == 1 and response.context["selected"] == 4
    measured = precision_measured_at(0.9, "person")
    assert response.context["precision"] == measured
    html = response.content.decode()
    assert f"{measured['precision']:.3f} of people with confidence" in html
    assert "Verify 1 record" in html
    assert set(statuses(people).values()) == {"pending", "verified"}
    assert statuses(people)["sure"] == "pending"  # nothing changes before the confirmation


def test_a_lower_threshold_is_counted_again_before_it_can_be_confirmed(editor_client, people):
    response = act(editor_client, people, threshold="0.5", shown="0.9", preview="1")

    assert response.context["count"] == 2
    assert response.context["precision"] == precision_measured_at(0.5, "person")

    # Changed and confirmed at once: shown first, not run.
    response = act(editor_client, people, threshold="0.4", shown="0.5", confirm="1")
    assert response.status_code == 200 and statuses(people)["unsure"] == "pending"


def test_confirming_verifies_only_the_selected_pending_records_at_or_above_x(
    editor_client, editor_member, people
):
    response = act(editor_client, people, threshold="0.9", shown="0.9", confirm="1")

    assert response.status_code == 302
    assert statuses(people) == {
        "sure": "verified",
        "unsure": "pending",
        "verified": "verified",
        "by_hand": "pending",
        "not_selected": "pending",
    }
    sure = Person.objects.get(pk=people["sure"].pk)
    assert (sure.reviewed_by, sure.curated, sure.confidence) == (editor_member, True, 0.95)
    assert sure.history.first().history_change_reason == "Review: Verified"


def test_a_bad_threshold_is_shown_with_its_error_and_verifies_nothing(editor_client, people):
    response = act(editor_client, people, threshold="1.5", shown="1.5", confirm="1")

    assert response.status_code == 200
    assert response.context["form"].errors["threshold"]
    assert "Verify 1 record" not in response.content.decode()
    assert statuses(people)["sure"] == ReviewStatus.PENDING


def test_a_researcher_has_no_bulk_action_and_cannot_post_one(researcher_client, people):
    changelist = researcher_client.get(PEOPLE)
    actions = dict(changelist.context["action_form"].fields["action"].choices)
    assert "verify_selected" in actions and "verify_confident" not in actions

    act(researcher_client, people, threshold="0.9", shown="0.9", confirm="1")

    assert statuses(people)["sure"] == "pending"


def test_an_editor_has_the_bulk_action(editor_client):
    actions = dict(editor_client.get(PEOPLE).context["action_form"].fields["action"].choices)

    assert actions["verify_confident"] == "Verify pending people with confidence ≥ X…"


def test_participations_have_no_bulk_action_by_confidence(editor_client):
    response = editor_client.get("/admin/entities/participation/")

    assert "verify_confident" not in dict(response.context["action_form"].fields["action"].choices)
