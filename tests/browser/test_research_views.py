"""The research pages in headless Chromium at 1,400 px, on the seeds as load_seeds reads them.

Each seed document gets a publication date in front matter (as a newsroom's article has), so
that the charts have a time axis; everything else is extracted by the real pipeline.
"""

import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count
from playwright.sync_api import expect

from entities.models import Operation, Person
from sources.models import Statement
from tests.factories import StaffUserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x-browser-pass-9"
READER = re.compile(r"/admin/sources/source/\d+/change/#(statement|mention)-\d+$")


@pytest.fixture
def seeded(seeds_dir, nlp):
    for index, path in enumerate(sorted(seeds_dir.glob("*.txt"))):
        published = date(2026, 1, 4) + timedelta(days=2 * index)
        path.write_text(f"---\npublished: {published}\n---\n" + path.read_text())
    call_command("load_seeds", str(seeds_dir), verbosity=0)
    assert Statement.objects.exists()


def log_in(page):
    StaffUserFactory(username="rosa.researcher", password=PASSWORD, groups=["Researcher"])
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", "rosa.researcher")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def expect_reader_at(page, anchor_url: str):
    assert READER.search(anchor_url), anchor_url
    expect(page).to_have_url(re.compile(re.escape(anchor_url) + "$"))
    target = anchor_url.rsplit("#", 1)[1]
    expect(page.locator(f".source-reader #{target}")).to_be_visible()


def test_research_pages_draw_and_click_through_to_the_reader(seeded, page, screenshot):
    log_in(page)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    # The timeline of the operation with most statements and sources, from its change page.
    operation = (
        Operation.objects.annotate(
            n=Count("statements", distinct=True) + Count("mentions__source", distinct=True)
        )
        .order_by("-n", "pk")
        .first()
    )
    said = operation.statements.count()
    assert said > 0
    page.goto(f"/admin/entities/operation/{operation.pk}/change/")
    page.get_by_role("link", name="Timeline", exact=True).click()
    chart = page.locator("svg.timeline-chart")
    expect(chart).to_be_visible()
    expect(chart.locator("a.mark.statement")).to_have_count(said)
    expect(chart.locator("a.mark.source")).not_to_have_count(0)
    first = chart.locator("a.mark.statement").first
    first.hover()
    assert "“" in first.locator("title").text_content()
    screenshot("research-01-timeline")
    href = first.get_attribute("href")
    first.click()
    expect_reader_at(page, href)
    screenshot("research-02-reader-from-timeline")

    # The record of the most quoted person, from their change page.
    person = Person.objects.annotate(n=Count("statements")).order_by("-n", "pk").first()
    page.goto(f"/admin/entities/person/{person.pk}/change/")
    page.get_by_role("link", name="Record", exact=True).click()
    expect(page.locator("svg.monthly-chart rect.bar")).not_to_have_count(0)
    marks = page.locator("svg.operations-chart a.mark.statement")
    expect(marks).not_to_have_count(0)
    # Each statement under each of its operations (or under none).
    listed = Statement.operations.through.objects.filter(statement__speaker_person=person).count()
    listed += person.statements.filter(operations=None).count()
    expect(page.locator(".record-list .passage-link")).to_have_count(listed)
    screenshot("research-03-record")
    href = marks.first.get_attribute("href")
    marks.first.click()
    expect_reader_at(page, href)

    # The network of that operation: nodes drawn, an edge's statements open the reader.
    page.goto(f"/admin/entities/operation/{operation.pk}/change/")
    page.get_by_role("link", name="Network", exact=True).click()
    network = page.locator("svg#network")
    expect(network).to_have_attribute("data-drawn", re.compile(r"^[1-9]\d*$"))
    nodes = int(network.get_attribute("data-drawn"))
    expect(network.locator("a.node")).to_have_count(nodes)
    expect(network.locator(f"#node-operation-{operation.pk}")).to_be_visible()
    screenshot("research-04-network")
    # The heaviest edge with statements behind it.
    index = page.evaluate(
        "JSON.parse(document.getElementById('network-data').textContent)"
        ".edges.findIndex((edge) => edge.statements.length > 0)"
    )
    assert index >= 0
    page.locator(f"#edge-{index} .edge-hit").dispatch_event("click")
    expect(page.locator(f"#edge-{index}")).to_have_class(re.compile("selected"))
    passages = page.locator("#edge-panel .passage-link")
    expect(passages).not_to_have_count(0)
    screenshot("research-05-network-edge")
    href = passages.first.get_attribute("href")
    passages.first.click()
    expect_reader_at(
        page, href.split("://", 1)[-1].split("/", 1)[-1].join(["/", ""]) if "://" in href else href
    )
    assert not errors, errors
