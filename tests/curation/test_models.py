"""The merge log model, and the review queue's placeholder model."""

import io
import json

import pytest
from django.core.management import call_command

from curation.merge import merge
from curation.models import MergeRecord
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_merge_record_reads_as_what_went_into_what():
    survivor, other = PersonFactory(name="Nicolás Maduro"), PersonFactory(name="N. Maduro")
    record = merge(survivor=survivor, others=[other], user=None)

    assert str(record) == "N. Maduro → Nicolás Maduro"
    assert record.is_active
    assert record.involves(other.pk) and record.involves(survivor.pk)
    assert not record.involves(other.pk + survivor.pk)


def test_dumpdata_of_the_curation_app_works_and_holds_the_merge_log():
    merge(survivor=PersonFactory(), others=[PersonFactory()], user=None)
    out = io.StringIO()

    call_command("dumpdata", "curation", stdout=out)

    models = [row["model"] for row in json.loads(out.getvalue())]
    assert models.count("curation.mergerecord") == MergeRecord.objects.count() == 1
    assert "curation.reviewqueue" not in models
