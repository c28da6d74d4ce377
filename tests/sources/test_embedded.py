"""The embeds PostgreSQL builds in the page query (sources/embedded.py) are those the portable
path reads for a page (sources/api/embeds.py), for each kind of client."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from core.review import can_see_unverified
from sources.api.embeds import load_embeds
from sources.api.serializers import STATEMENT_ROW
from sources.models import Statement
from sources.querysets import EMBEDDED
from tests.factories import (
    OperationFactory,
    OrganisationFactory,
    SourceFactory,
    VerifiedOperationFactory,
    VerifiedOrganisationFactory,
    VerifiedStatementFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="built in SQL on PostgreSQL"),
]


@pytest.mark.parametrize("client", ["anonymous", "viewer"])
def test_embeds_built_in_sql_are_those_read_for_a_page(client, viewer):
    user = viewer if client == "viewer" else AnonymousUser()
    publishers = [VerifiedOrganisationFactory(name="Żurnal “Dziś”"), OrganisationFactory(), None]
    # Operations named so that their name order is not their id order.
    later, earlier = VerifiedOperationFactory(name="Zeta"), VerifiedOperationFactory(name="Alpha")
    for index, publisher in enumerate(publishers):
        source = SourceFactory(
            publisher=publisher, published=datetime.date(2025, 1, 3) if index else None
        )
        for reporter in (publisher, VerifiedOrganisationFactory(), OrganisationFactory(), None):
            statement = VerifiedStatementFactory(source=source, reported_by=reporter)
            statement.operations.add(later, earlier, OperationFactory())
    context = {"sees_unverified": lambda model: can_see_unverified(user, model)}

    rows = list(Statement.objects.values(*STATEMENT_ROW).order_by("pk"))
    built = list(Statement.objects.values(*STATEMENT_ROW).with_embeds(user=user).order_by("pk"))
    read, embedded = load_embeds(rows, context), load_embeds(built, context)

    assert all(EMBEDDED in row for row in built)
    assert embedded.sources == read.sources
    assert {row["id"]: embedded.operations[row["id"]] for row in rows} == {
        row["id"]: read.operations.get(row["id"], []) for row in rows
    }
    for row in rows:
        reporter = row["reported_by_id"]
        assert embedded.organisations.get(reporter) == read.organisations.get(reporter)
