"""Database rules of sources, mentions and statements."""

import pytest
from django.db import IntegrityError, transaction

from sources.models import Statement
from tests.factories import (
    MentionFactory,
    OrganisationFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def test_database_refuses_a_duplicate_source_hash():
    source = SourceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(text=source.text, file_name="copy.txt")


def test_database_refuses_a_statement_with_two_speakers():
    with pytest.raises(IntegrityError), transaction.atomic():
        StatementFactory(speaker_organisation=OrganisationFactory())


def test_database_refuses_a_statement_without_a_speaker():
    with pytest.raises(IntegrityError), transaction.atomic():
        StatementFactory(speaker_person=None)


def test_database_refuses_a_statement_span_past_the_end_of_its_source():
    source = SourceFactory(text="A short text.")
    with pytest.raises(IntegrityError, match="span outside"), transaction.atomic():
        StatementFactory(source=source, span_start=5, span_end=len(source.text) + 1)
    StatementFactory(source=source, span_start=5, span_end=len(source.text))
    assert Statement.objects.count() == 1


def test_database_refuses_an_inverted_span():
    with pytest.raises(IntegrityError), transaction.atomic():
        StatementFactory(span_start=8, span_end=3)


def test_database_refuses_a_mention_span_past_the_end_of_its_source():
    source = SourceFactory(text="Short.")
    with pytest.raises(IntegrityError), transaction.atomic():
        MentionFactory(source=source, span_start=0, span_end=50, text="Short.")


def test_database_refuses_a_mention_of_two_entities_at_once():
    with pytest.raises(IntegrityError), transaction.atomic():
        MentionFactory(organisation=OrganisationFactory())


def test_database_refuses_the_same_statement_twice_in_one_source():
    first = StatementFactory(text="We will not stop.")
    with pytest.raises(IntegrityError), transaction.atomic():
        StatementFactory(
            source=first.source, text="We  will not stop", speaker_person=PersonFactory()
        )
