"""End to end in headless Chromium: log in, review statements, merge two people, read a source."""

import re

import pytest
from playwright.sync_api import expect

from core.review import ReviewStatus
from curation.models import MergeRecord
from entities.models import Person
from sources.models import Statement
from tests.curation.scenarios import build_story
from tests.factories import StaffUserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x-browser-pass-9"


def log_in(page, username):
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def test_editor_reviews_merges_and_reads_in_the_browser(page, screenshot):
    story = build_story()
    editor = StaffUserFactory(username="ines.editor", password=PASSWORD, groups=["Editor"])
    log_in(page, "ines.editor")

    # The review queue: pending statements, oldest first, each with its passage.
    page.get_by_role("link", name="Review queue").click()
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    items = page.locator("article.queue-item")
    expect(items).to_have_count(4)
    expect(items.first).to_contain_text("maximum alert")
    expect(items.first.locator("mark")).to_have_text(story.alert.text)
    screenshot("01-review-queue")

    page.locator(f"#queue-statement-{story.alert.pk}").get_by_role("button", name="Verify").click()
    expect(page.locator(".messagelist")).to_contain_text("verified")
    page.locator(f"#queue-statement-{story.aggression.pk}").get_by_role(
        "button", name="Reject"
    ).click()
    expect(page.locator(".messagelist")).to_contain_text("rejected")
    expect(items).to_have_count(2)
    screenshot("02-review-queue-after-decisions")

    alert = Statement.objects.get(pk=story.alert.pk)
    assert (alert.review_status, alert.reviewed_by, alert.curated) == (
        ReviewStatus.VERIFIED,
        editor,
        True,
    )
    assert Statement.objects.get(pk=story.aggression.pk).review_status == ReviewStatus.REJECTED

    # Merge the duplicate "Padrino López" into "Vladimir Padrino López".
    page.goto("/admin/entities/person/")
    for person in (story.minister, story.duplicate):
        page.locator(f'input[name="_selected_action"][value="{person.pk}"]').check()
    page.select_option('select[name="action"]', "merge_selected")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_role("heading", name=re.compile("What moves to"))).to_be_visible()
    page.locator(f"#survivor-{story.minister.pk}").check()
    page.get_by_role("button", name="Show what moves for the chosen record").click()
    expect(
        page.get_by_role("heading", name="What moves to “Vladimir Padrino López”")
    ).to_be_visible()
    expect(page.locator(".merge-plan")).to_contain_text("We will defend every inch")
    expect(page.locator(".new-aliases")).to_have_text("Padrino López")
    screenshot("03-merge-confirmation")

    page.get_by_role("button", name="Yes, merge into “Vladimir Padrino López”").click()
    expect(page.locator(".messagelist")).to_contain_text("merged into “Vladimir Padrino López”")
    expect(page.locator("#id_aliases")).to_contain_text("Padrino López")
    statements = page.locator("#statements-group")
    expect(statements).to_contain_text("We will defend every inch of our territory")
    expect(statements).to_contain_text("maximum alert")
    screenshot("04-survivor-after-merge")

    minister = Person.objects.get(pk=story.minister.pk)
    assert set(minister.statements.values_list("pk", flat=True)) == {
        story.alert.pk,
        story.defend.pk,
    }
    assert "Padrino López" in minister.aliases
    assert Person.objects.get(pk=story.duplicate.pk).merged_into == minister

    # The source reader: mentions and statements highlighted, linked to their records.
    page.goto(f"/admin/sources/source/{story.source.pk}/change/")
    reader = page.locator(".source-reader")
    expect(reader.locator('mark.statement[id^="statement-"]')).to_have_count(4)
    expect(reader.locator("mark.status-verified")).to_contain_text("maximum alert")
    expect(reader.locator("mark.status-rejected")).to_contain_text("act of aggression")
    moved = reader.locator(f"#mention-{story.mentions[2].pk}")
    expect(moved).to_have_attribute("href", f"/admin/entities/person/{minister.pk}/change/")
    screenshot("05-source-reader")
    moved.click()
    expect(page.locator("#id_name")).to_have_value("Vladimir Padrino López")

    # Undo the merge from the survivor's history.
    page.goto(f"/admin/entities/person/{minister.pk}/history/")
    record = MergeRecord.objects.get()
    page.get_by_role("link", name=f"Merge #{record.pk}").click()
    screenshot("06-merge-record")
    page.get_by_role("button", name="Unmerge").click()
    expect(page.locator(".messagelist")).to_contain_text(f"Merge #{record.pk} undone")
    assert Person.objects.get(pk=story.duplicate.pk).statements.get() == story.defend
