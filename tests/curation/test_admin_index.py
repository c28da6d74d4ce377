"""The admin index: the newsroom's sections first, with what waits for review."""

import re

import pytest

from tests.factories import PersonFactory, StaffUserFactory, StatementFactory

pytestmark = pytest.mark.django_db


def section_order(html: str) -> list[str]:
    return re.findall(r'<div class="app-(\w+) module', html)


def test_newsroom_sections_come_first_with_pending_counts(client, django_user_model):
    StatementFactory.create_batch(2)
    PersonFactory(review_status="verified")
    admin = django_user_model.objects.create_superuser("boss", "boss@example.org", "x-boss-pass-9")
    client.force_login(admin)

    response = client.get("/admin/")

    html = response.content.decode()
    order = section_order(html)
    assert order[:3] == ["curation", "sources", "entities"]
    assert set(order[3:]) >= {"auth", "authtoken", "axes"}
    # Two statements, their two speakers; the verified person is not pending.
    assert re.search(r'Review queue <span class="pending-count">4 pending</span>', html)
    assert re.search(r'Statements <span class="pending-count">2 pending</span>', html)
    assert re.search(r'People <span class="pending-count">2 pending</span>', html)
    assert re.search(r'Operations <span class="pending-count none">0 pending</span>', html)


def test_a_researcher_sees_counts_only_of_what_they_may_view(client):
    StatementFactory()
    researcher = StaffUserFactory(groups=["Researcher"])
    client.force_login(researcher)

    html = client.get("/admin/").content.decode()

    assert section_order(html)[:3] == ["curation", "sources", "entities"]
    assert "Review queue <span" in html
