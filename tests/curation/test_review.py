"""Review decisions: who, when, curated, and a history entry for each."""

import pytest

from core.review import ReviewStatus
from curation.decisions import review
from entities.models import Person
from sources.models import Statement
from tests.factories import PersonFactory, StaffUserFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_review_records_who_and_when_and_marks_curated():
    researcher = StaffUserFactory(groups=["Researcher"])
    statements = StatementFactory.create_batch(2)

    count = review(Statement.objects.all(), status=ReviewStatus.VERIFIED, user=researcher)

    assert count == 2
    for statement in Statement.objects.all():
        assert statement.review_status == ReviewStatus.VERIFIED
        assert statement.reviewed_by == researcher
        assert statement.reviewed_at is not None
        assert statement.curated
    assert statements[0].history.first().history_user == researcher


def test_review_leaves_a_history_entry_with_the_decision():
    person = PersonFactory()
    researcher = StaffUserFactory(groups=["Researcher"])

    review([person], status=ReviewStatus.REJECTED, user=researcher)

    entry = Person.objects.get(pk=person.pk).history.first()
    assert entry.review_status == ReviewStatus.REJECTED
    assert entry.history_change_reason == "Review: Rejected"
    assert entry.history_user == researcher


def test_review_refuses_a_status_that_is_not_a_decision():
    with pytest.raises(ValueError, match="not 'pending'"):
        review([PersonFactory()], status=ReviewStatus.PENDING, user=None)
