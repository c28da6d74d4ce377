"""The front page, the favicon, the API docs pages and the browsable API's login link."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests.factories import StatementFactory, VerifiedStatementFactory

pytestmark = pytest.mark.django_db


def test_home_counts_records_by_review_status(client):
    StatementFactory.create_batch(3)
    VerifiedStatementFactory(review_status="verified")
    StatementFactory(review_status="rejected")
    response = client.get("/")
    assert response.status_code == 200
    rows = dict(response.context["rows"])
    assert rows["Statements"] == [3, 1, 1]  # pending, verified, rejected
    # The speakers the factories made: one verified, four pending.
    assert rows["People"] == [4, 1, 0]
    html = response.content.decode()
    for link in ('href="/admin/"', 'href="/api/"', 'href="/api/docs/"', 'href="/api/redoc/"'):
        assert link in html


def test_favicon_leads_to_a_static_file(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/newsroom/favicon.ico"
    icon = finders.find("newsroom/favicon.ico")
    assert icon and Path(icon).read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO header


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/", "/", "/api/docs/?script="])
def test_docs_and_home_have_no_inline_script_and_nothing_from_elsewhere(client, url):
    html = client.get(url).content.decode()
    if url.endswith("?script="):
        assert "SwaggerUIBundle(" in html  # the start-up script, served as a file
        return
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert "<style" not in html
    assert re.findall(r'(?:src|href)="(https?:)?//', html) == []


def test_swagger_ui_and_redoc_load_the_sidecar_bundles(client):
    swagger = client.get("/api/docs/").content.decode()
    redoc = client.get("/api/redoc/").content.decode()
    for path in re.findall(r'(?:src|href)="/static/([^"]+)"', swagger + redoc):
        assert finders.find(path), path
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in swagger
    assert "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js" in redoc


def test_browsable_api_tells_anonymous_visitors_how_to_log_in(client):
    html = client.get("/api/statements/", HTTP_ACCEPT="text/html").content.decode()
    assert 'href="/admin/login/?next=/api/statements/">Log in</a>' in html
    assert "you see only records that staff have <strong>verified</strong>" in html


def test_browsable_api_names_the_logged_in_user(client, django_user_model):
    user = django_user_model.objects.create_user("rita", password="x-rita-pass-9", is_staff=True)
    client.force_login(user)
    html = client.get("/api/statements/", HTTP_ACCEPT="text/html").content.decode()
    assert "Logged in as rita" in html
    assert ">Log in</a>" not in html
    assert 'action="/admin/logout/"' in html
