"""The review queue page: pending records oldest first, passages, verify and reject buttons."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.review import ReviewStatus
from sources.models import Statement
from tests.curation.scenarios import build_story, statement
from tests.factories import PersonFactory, SourceFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/curation/reviewqueue/"


def test_queue_lists_pending_statements_oldest_first_with_their_passage(researcher_client):
    story = build_story()
    story.investigate.set_review(ReviewStatus.VERIFIED, user=None)

    response = researcher_client.get(QUEUE)

    assert response.status_code == 200
    items = [item.record for item in response.context["items"]]
    assert items == [story.alert, story.defend, story.aggression]
    html = response.content.decode()
    assert f"<mark>{story.defend.text}</mark>" in html
    assert f"/admin/sources/source/{story.source.pk}/change/#statement-{story.defend.pk}" in html
    assert "Statements (3)" in html


def test_queue_shows_an_entity_with_the_passage_of_its_first_mention(researcher_client):
    story = build_story()

    response = researcher_client.get(QUEUE, {"type": "person"})

    items = {item.record: item for item in response.context["items"]}
    assert set(items) == {story.minister, story.duplicate, story.vice_president}
    assert items[story.duplicate].passage.quote == "Padrino López"
    assert items[story.duplicate].anchor == f"mention-{story.mentions[2].pk}"


def test_a_researcher_verifies_and_rejects_from_the_queue(researcher_client, researcher):
    story = build_story()

    response = researcher_client.post(
        QUEUE, {"type": "statement", "pk": story.alert.pk, "decision": "verified"}
    )
    researcher_client.post(
        QUEUE, {"type": "statement", "pk": story.defend.pk, "decision": "rejected"}
    )

    assert response.status_code == 302
    assert response["Location"] == QUEUE + "?type=statement"
    alert, defend = (
        Statement.objects.get(pk=story.alert.pk),
        Statement.objects.get(pk=story.defend.pk),
    )
    assert (alert.review_status, alert.reviewed_by, alert.curated) == (
        ReviewStatus.VERIFIED,
        researcher,
        True,
    )
    assert defend.review_status == ReviewStatus.REJECTED
    assert [i.record for i in researcher_client.get(QUEUE).context["items"]] == [
        story.investigate,
        story.aggression,
    ]


def test_the_queue_refuses_anything_but_verify_or_reject(researcher_client):
    story = build_story()
    response = researcher_client.post(
        QUEUE, {"type": "statement", "pk": story.alert.pk, "decision": "pending"}
    )
    assert response.status_code == 403
    response = researcher_client.post(
        QUEUE, {"type": "unknown", "pk": story.alert.pk, "decision": "verified"}
    )
    assert response.status_code == 403
    assert Statement.objects.pending().count() == 4


def test_staff_without_the_review_permission_cannot_see_the_queue(viewer):
    viewer.is_staff = True
    viewer.save()
    client = Client()
    client.force_login(viewer)

    assert client.get(QUEUE).status_code == 403
    assert client.post(QUEUE, {"pk": 1, "decision": "verified"}).status_code == 403


def test_hostile_text_in_the_queue_is_escaped(researcher_client):
    source = SourceFactory(text='Breaking: <script>alert("q")</script> said <b>Ana</b>.')
    statement(source, '<script>alert("q")</script>', PersonFactory(name="<img src=x onerror=1>"))

    html = researcher_client.get(QUEUE).content.decode()

    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>Ana</b>" not in html
    assert "&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt;" in html


def test_queue_queries_do_not_grow_with_the_page(researcher_client, django_assert_num_queries):
    source = SourceFactory(text="Someone said a thing. " * 40)
    speaker = PersonFactory()

    def add(n):
        for _ in range(n):
            start = 22 * (Statement.objects.count())
            Statement.objects.create(
                text=f"quote {Statement.objects.count()}",
                speaker_person=speaker,
                source=source,
                span_start=start,
                span_end=start + 10,
            )

    add(1)
    with CaptureQueriesContext(connection) as one:
        researcher_client.get(QUEUE)
    add(9)
    with django_assert_num_queries(len(one.captured_queries)):
        researcher_client.get(QUEUE)


def test_a_long_statement_heading_is_cut_between_words(researcher_client):
    words = [f"word{n}" for n in range(40)]
    record = Statement.objects.create(
        text=" ".join(words),
        speaker_person=PersonFactory(name="Ana Lopez"),
        source=SourceFactory(text="x" * 400),
        span_start=0,
        span_end=10,
    )

    html = researcher_client.get(QUEUE).content.decode()

    heading = f"Ana Lopez: {' '.join(words[:30])} …</a></h3>"
    assert heading in html
    assert f"{record}</a>" not in html  # __str__ cuts at 80 characters, inside a word
