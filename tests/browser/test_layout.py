"""What a new user sees, at 1,400 and 1,000 px wide: no page wider than the window.

Screenshots of each page go to artifacts/screenshots/layout/<width>-<page>.png.
"""

import pytest
from django.core.management import call_command
from django.db.models import Count
from playwright.sync_api import expect

from entities.models import Person
from sources.models import Source
from tests.browser.conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAYOUT = SCREENSHOTS / "layout"
WIDTHS = [1400, 1000]
PASSWORD = "x-layout-pass-9"


@pytest.fixture
def seeded(nlp, seeds_dir, django_user_model):
    """The seeds loaded, as scripts/run.sh leaves them, and a superuser logged in."""
    call_command("load_seeds", str(seeds_dir))
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    # One verified statement in the reader's source, so that its colour shows in the text.
    reader_source().statements.order_by("span_start").first().set_review("verified", user=admin)


def reader_source() -> Source:
    return Source.objects.annotate(n=Count("statements")).order_by("-n", "pk").first()


def pages() -> dict[str, str]:
    person = Person.objects.annotate(n=Count("roles")).order_by("-n", "pk").first()
    source = reader_source()
    return {
        "home": "/",
        "api-docs": "/api/docs/",
        "admin-index": "/admin/",
        "review-queue": "/admin/curation/reviewqueue/",
        "review-queue-people": "/admin/curation/reviewqueue/?type=person",
        "statements": "/admin/sources/statement/",
        "person": f"/admin/entities/person/{person.pk}/change/",
        "source-reader": f"/admin/sources/source/{source.pk}/change/",
    }


def overflow(page) -> list[str]:
    """The page's width beyond the window, and the widest elements that stick out."""
    return page.evaluate(
        """() => {
        const limit = document.documentElement.clientWidth;
        const out = [];
        if (document.documentElement.scrollWidth > limit)
            out.push(`page ${document.documentElement.scrollWidth} px > ${limit} px`);
        for (const el of document.querySelectorAll('body *')) {
            const box = el.getBoundingClientRect();
            if (box.width && box.right > limit + 1 && getComputedStyle(el).position !== 'fixed') {
                const name = `${el.tagName.toLowerCase()}#${el.id}.${el.className}`;
                out.push(`${name} right ${Math.round(box.right)}`);
            }
        }
        return out.slice(0, 10);
    }"""
    )


def check_reader_header(page):
    """The colour key shows the reader's colours; the History button clears the title."""
    legend = page.locator(".reader-legend")
    reader = page.locator(".source-reader")
    for selector in ("mark.status-pending", "mark.status-verified", "a.mention-organisation"):
        style = "borderBottomColor" if selector.startswith("a.") else "backgroundColor"
        key = legend.locator(selector).evaluate(f"e => getComputedStyle(e).{style}")
        in_text = reader.locator(selector).first.evaluate(f"e => getComputedStyle(e).{style}")
        assert key == in_text and key not in ("rgba(0, 0, 0, 0)", "transparent"), selector
    title = page.locator("#content > h2").bounding_box()
    history = page.locator(".object-tools").bounding_box()
    overlap = not (
        title["x"] + title["width"] <= history["x"] or history["x"] + history["width"] <= title["x"]
    ) and not (
        title["y"] + title["height"] <= history["y"]
        or history["y"] + history["height"] <= title["y"]
    )
    assert not overlap, (title, history)


def log_in(page):
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_the_window(page, seeded, width):
    LAYOUT.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 1000})
    log_in(page)
    problems = {}
    for name, url in pages().items():
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if name == "api-docs":
            expect(page.locator("#operations-statements-statements_list")).to_be_visible()
        page.screenshot(path=str(LAYOUT / f"{width}-{name}.png"), full_page=True)
        if found := overflow(page):
            problems[name] = found
        if name == "source-reader":
            check_reader_header(page)
    assert not problems, "\n".join(f"{name}: {found}" for name, found in problems.items())
