"""Swagger UI and ReDoc in headless Chromium, from static files, under the site's CSP."""

import copy
import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS
from tests.factories import VerifiedStatementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def without_unsafe_inline(policy: dict, directives) -> dict:
    """The policy with 'unsafe-inline' removed from `directives`."""
    strict = copy.deepcopy(policy)
    for directive in directives:
        sources = strict["DIRECTIVES"].get(directive, [])
        strict["DIRECTIVES"][directive] = [s for s in sources if s != "'unsafe-inline'"]
    return strict


# The production policy as configured (no inline script); and without inline styles either.
POLICIES = {
    "production": (),
    "no-inline-anything": ("script-src", "style-src"),
}


def use_policy(settings, name: str) -> str:
    settings.CONTENT_SECURITY_POLICY = without_unsafe_inline(
        settings.CONTENT_SECURITY_POLICY, POLICIES[name]
    )
    return name


def console_problems(page) -> list[str]:
    """Console errors and warnings, CSP violations and uncaught exceptions, as they happen."""
    problems: list[str] = []

    def on_console(message):
        if message.type in ("error", "warning"):
            problems.append(f"{message.type}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    return problems


def test_production_csp_is_what_the_test_serves():
    # Guard: the test must exercise the real policy, which must not load scripts from elsewhere.
    script_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"]
    assert script_src[0] == "'self'"
    assert not any("http" in source for source in script_src)


@pytest.mark.parametrize("csp", POLICIES)
def test_swagger_ui_lists_operations_and_try_it_out_returns_statements(
    page, screenshot, settings, csp
):
    use_policy(settings, csp)
    VerifiedStatementFactory(text="Law enforcement will act, the minister said.")
    problems = console_problems(page)
    response = page.goto("/api/docs/")
    header = response.headers["content-security-policy"]
    script_src = next(d for d in header.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert ("'unsafe-inline'" in header) == (csp == "production")

    # The statements endpoint's operations, listed from the schema.
    operation = page.locator("#operations-statements-statements_list")
    expect(operation).to_be_visible()
    expect(page.locator("#operations-statements-statements_retrieve")).to_be_visible()
    expect(page.locator("#operations-statements-statements_create")).to_be_visible()
    screenshot(f"api-docs-{csp}", full_page=False)

    operation.locator(".opblock-summary").first.click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    status = operation.locator(".live-responses-table .response .response-col_status").first
    expect(status).to_have_text("200")
    expect(operation.locator(".live-responses-table .microlight").first).to_contain_text(
        "Law enforcement will act"
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    operation.screenshot(path=str(SCREENSHOTS / f"api-docs-try-it-out-{csp}.png"))
    assert problems == []


# ReDoc's styled-components inject <style> elements, which a style-src without
# 'unsafe-inline' refuses (ReDoc then shows "Something went wrong"): it needs inline styles.
@pytest.mark.parametrize("csp", ["production"])
def test_redoc_lists_operations(page, screenshot, settings, csp):
    use_policy(settings, csp)
    problems = console_problems(page)
    page.goto("/api/redoc/")
    # ReDoc parses the whole schema before it draws: give a loaded machine time.
    heading = page.get_by_role("heading", name="Newsroom research database API").first
    expect(heading).to_be_visible(timeout=45_000)
    expect(page.locator("#tag\\/statements")).to_be_attached()
    expect(page.locator("#operation\\/statements_list")).to_be_attached()
    screenshot(f"api-redoc-{csp}", full_page=False)
    # ReDoc's sidebar always shows Redocly's logo from their CDN; the policy blocks it, and
    # that is the one console message allowed here.
    blocked_logo = [p for p in problems if "https://cdn.redoc.ly/redoc/logo-mini.svg" in p]
    assert len(blocked_logo) <= 1
    assert [p for p in problems if p not in blocked_logo] == []


def test_browsable_api_explains_verified_records_and_logs_in(page, django_user_model):
    django_user_model.objects.create_user("rita", password="x-rita-pass-9", is_staff=True)
    page.goto("/api/statements/")
    expect(page.locator(".anonymous-note")).to_contain_text("only records that staff have verified")

    page.locator(".navbar").get_by_role("link", name="Log in").click()
    page.fill("#id_username", "rita")
    page.fill("#id_password", "x-rita-pass-9")
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(re.compile(r"/api/statements/$"))
    expect(page.get_by_text("Logged in as rita")).to_be_visible()
    expect(page.locator(".anonymous-note")).to_have_count(0)
