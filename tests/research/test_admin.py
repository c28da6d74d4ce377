"""The admin's research pages, read by a researcher: charts, links and a strict-CSP page."""

import re

import pytest

from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def researcher(client):
    user = StaffUserFactory(groups=["Researcher"])
    client.force_login(user)
    return client


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    html = response.content.decode()
    # Nothing a strict Content-Security-Policy would block: no inline script or style.
    assert not re.search(r"<script(?![^>]*\b(src|type=\"application/json\")=?)", html)
    assert " style=" not in html
    return html


def test_operation_page_links_to_its_timeline_and_network(researcher, corpus):
    html = get(researcher, f"/admin/entities/operation/{corpus.tidewater.pk}/change/")

    assert f'href="/admin/research/operation/{corpus.tidewater.pk}/timeline/"' in html
    assert f'href="/admin/research/network/?operation={corpus.tidewater.pk}"' in html


def test_timeline_draws_a_mark_per_item_linked_to_the_reader(researcher, corpus):
    c = corpus
    html = get(researcher, f"/admin/research/operation/{c.tidewater.pk}/timeline/")

    marks = re.findall(r'<a href="([^"]+)" class="mark ([^"]+)" id="([^"]+)"', html)
    ids = {mark_id for _, _, mark_id in marks}
    assert f"mark-statement-{c.lawful.pk}" in ids
    assert f"mark-statement-{c.pending.pk}" in ids  # staff see pending statements
    assert f"mark-source-{c.archive.pk}" in ids
    reader = dict((mark_id, url) for url, _, mark_id in marks)
    assert reader[f"mark-statement-{c.lawful.pk}"] == (
        f"/admin/sources/source/{c.port.pk}/change/#statement-{c.lawful.pk}"
    )
    # One lane per speaker: Ana Ruiz, Omar Haddad, Secret Person, then sources and events.
    lanes = re.findall(r'class="lane-label"[^>]*>(?:<a [^>]*>)?([^<]+)', html)
    assert lanes[:3] == ["Ana Ruiz", "Omar Haddad", "Secret Person"]
    assert lanes[-2:] == ["Sources", "Operation"]


def test_timeline_lanes_per_organisation(researcher, corpus):
    html = get(
        researcher, f"/admin/research/operation/{corpus.tidewater.pk}/timeline/?lanes=organisation"
    )

    lanes = re.findall(r'class="lane-label"[^>]*>(?:<a [^>]*>)?([^<]+)', html)
    # Ana Ruiz holds roles in the Coastal Guard and the Hidden Office: the first by name.
    assert "Coastal Guard" in lanes and "No organisation" in lanes


def test_record_page_lists_statements_by_operation_beside_its_charts(researcher, corpus):
    c = corpus
    html = get(researcher, f"/admin/research/person/{c.ana.pk}/record/")

    assert 'class="research-chart monthly-chart"' in html
    assert html.count('class="bar"') == 2  # January and February 2026
    tidewater = html.index("Statements by operation")
    listed = re.findall(r'class="passage-link" href="([^"]+)"', html[tidewater:])
    assert listed[:3] == [
        f"/admin/sources/source/{c.port.pk}/change/#statement-{c.lawful.pk}",
        f"/admin/sources/source/{c.meeting.pk}/change/#statement-{c.changed.pk}",
        f"/admin/sources/source/{c.meeting.pk}/change/#statement-{c.pending.pk}",
    ]
    person_page = get(researcher, f"/admin/entities/person/{c.ana.pk}/change/")
    assert f'href="/admin/research/person/{c.ana.pk}/record/"' in person_page


def test_network_page_embeds_the_graph_and_its_evidence(researcher, corpus):
    c = corpus
    html = get(researcher, f"/admin/research/network/?operation={c.tidewater.pk}")

    assert '<script src="/static/research/network.js" defer></script>' in html
    data = re.search(r'<script id="network-data" type="application/json">(.*?)</script>', html)
    assert "Ana Ruiz" in data.group(1) and "the raid on the port was lawful" in data.group(1)


def test_research_pages_need_a_login_and_the_view_permission(client, corpus):
    url = f"/admin/research/operation/{corpus.tidewater.pk}/timeline/"
    assert client.get(url).status_code == 302
    client.force_login(StaffUserFactory())
    assert client.get(url).status_code == 403
    assert client.get("/admin/research/network/").status_code == 403


def test_organisation_record_page_lists_members_and_parts(researcher, corpus):
    c = corpus
    html = get(researcher, f"/admin/research/organisation/{c.guard.pk}/record/")

    assert "Ana Ruiz: Minister" in html
    assert "Carried out: Operation Tidewater" in html
    assert f'href="/admin/research/organisation/{c.guard.pk}/record/"' in get(
        researcher, f"/admin/entities/organisation/{c.guard.pk}/change/"
    )
