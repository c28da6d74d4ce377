"""The merge action, its confirmation page, the merge record page and unmerge, per group."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from curation.merge import merge
from curation.models import MergeRecord
from entities.models import Person
from tests.curation.scenarios import build_story
from tests.factories import PersonFactory, StatementFactory

pytestmark = pytest.mark.django_db

PEOPLE = "/admin/entities/person/"


def merge_post(client, people, **extra):
    data = {"action": "merge_selected", ACTION_CHECKBOX_NAME: [p.pk for p in people], **extra}
    return client.post(PEOPLE, data)


def test_the_merge_action_first_shows_what_will_move(editor_client):
    story = build_story()

    response = merge_post(editor_client, [story.minister, story.duplicate])

    assert response.status_code == 200
    assert response.templates[0].name == "curation/merge_confirmation.html"
    # The duplicate has more links, so it is offered as the survivor until staff choose.
    assert response.context["survivor"] == story.duplicate
    response = merge_post(
        editor_client, [story.minister, story.duplicate], survivor=story.minister.pk
    )
    html = response.content.decode()
    assert "What moves to “Vladimir Padrino López”" in html
    assert "We will defend every inch of our territory" in html
    assert "1 stay on the merged record" in html
    assert Person.objects.get(pk=story.duplicate.pk).merged_into is None


def test_confirming_merges_into_the_chosen_survivor(editor_client, editor_member):
    story = build_story()

    response = merge_post(
        editor_client,
        [story.minister, story.duplicate],
        survivor=story.minister.pk,
        planned=story.minister.pk,
        merge="Yes",
    )

    assert response.status_code == 302
    assert response["Location"] == f"{PEOPLE}{story.minister.pk}/change/"
    record = MergeRecord.objects.get()
    assert (record.survivor_id, record.merged_ids, record.merged_by) == (
        story.minister.pk,
        [story.duplicate.pk],
        editor_member,
    )
    assert story.minister.statements.count() == 2


def test_a_survivor_changed_without_looking_at_its_plan_is_shown_not_merged(editor_client):
    story = build_story()

    response = merge_post(
        editor_client,
        [story.minister, story.duplicate],
        survivor=story.minister.pk,
        planned=story.duplicate.pk,
        merge="Yes",
    )

    assert response.status_code == 200
    assert not MergeRecord.objects.exists()


def test_merging_needs_two_records(editor_client):
    person = PersonFactory()
    response = merge_post(editor_client, [person])
    assert response.status_code == 302
    assert not MergeRecord.objects.exists()


def test_a_researcher_has_no_merge_action_and_cannot_post_one(researcher_client):
    story = build_story()

    changelist = researcher_client.get(PEOPLE)
    actions = dict(changelist.context["action_form"].fields["action"].choices)
    assert "verify_selected" in actions
    assert "merge_selected" not in actions

    merge_post(
        researcher_client,
        [story.minister, story.duplicate],
        survivor=story.minister.pk,
        planned=story.minister.pk,
        merge="Yes",
    )
    assert not MergeRecord.objects.exists()


def test_the_merge_record_page_offers_unmerge_to_editors_only(editor_client, researcher):
    story = build_story()
    record = merge(survivor=story.minister, others=[story.duplicate], user=None)
    url = f"/admin/curation/mergerecord/{record.pk}/change/"

    html = editor_client.get(url).content.decode()
    assert 'value="Unmerge"' in html
    assert "Aliases added: Padrino López" in html

    editor_client.force_login(researcher)
    html = editor_client.get(url).content.decode()
    assert 'value="Unmerge"' not in html
    response = editor_client.post(f"/admin/curation/mergerecord/{record.pk}/unmerge/")
    assert response.status_code == 403
    assert MergeRecord.objects.get().is_active


def test_unmerge_from_the_record_page_restores_the_statements(editor_client):
    story = build_story()
    record = merge(survivor=story.minister, others=[story.duplicate], user=None)

    response = editor_client.post(f"/admin/curation/mergerecord/{record.pk}/unmerge/")

    assert response.status_code == 302
    assert list(story.duplicate.statements.all()) == [story.defend]
    assert not MergeRecord.objects.get().is_active
    page = editor_client.get(response["Location"]).content.decode()
    assert f"Merge #{record.pk} undone: 4 link(s) restored." in page
    assert 'value="Unmerge"' not in page


def test_unmerge_is_post_only(editor_client):
    story = build_story()
    record = merge(survivor=story.minister, others=[story.duplicate], user=None)
    assert editor_client.get(f"/admin/curation/mergerecord/{record.pk}/unmerge/").status_code == 403


def test_the_records_history_and_page_link_to_their_merges(researcher_client):
    story = build_story()
    record = merge(survivor=story.minister, others=[story.duplicate], user=None)

    for person in (story.minister, story.duplicate):
        history = researcher_client.get(f"{PEOPLE}{person.pk}/history/").content.decode()
        assert (
            f'href="/admin/curation/mergerecord/{record.pk}/change/">Merge #{record.pk}' in history
        )
        page = researcher_client.get(f"{PEOPLE}{person.pk}/change/").content.decode()
        assert f"Merge #{record.pk}</a>" in page


def test_hostile_names_are_escaped_on_the_confirmation_page(editor_client):
    first = PersonFactory(name='<script>alert("a")</script> Smith')
    second = PersonFactory(name="<img src=x onerror=alert(1)> Smith")
    StatementFactory(speaker_person=second, text="<b>bold claim</b>")

    html = merge_post(editor_client, [first, second], survivor=first.pk).content.decode()

    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>bold claim</b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; Smith" in html


def test_the_merge_log_is_searchable_by_merged_names(researcher_client):
    story = build_story()
    record = merge(survivor=story.minister, others=[story.duplicate], user=None)
    merge(survivor=story.vice_president, others=[PersonFactory(name="D. Rodríguez")], user=None)

    response = researcher_client.get("/admin/curation/mergerecord/", {"q": "Padrino López"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [record]
