"""The Researcher and Editor groups made by the data migration, and what each may do."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from curation.groups import grant_group_permissions
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


def codenames(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("codename", flat=True))


def test_the_migration_creates_both_groups_with_their_permissions():
    researcher, editor = codenames("Researcher"), codenames("Editor")

    assert {"view_person", "view_statement", "view_source", "view_mergerecord"} <= researcher
    assert "review_records" in researcher
    assert not {p for p in researcher if p.split("_")[0] in {"add", "change", "delete"}}
    assert "merge_records" not in researcher

    assert researcher <= editor
    assert {"add_person", "change_statement", "delete_role", "merge_records"} <= editor
    assert not {p for p in editor if p.startswith(("change_historical", "delete_historical"))}
    assert "delete_mergerecord" not in editor


def test_granting_again_changes_nothing():
    before = {name: codenames(name) for name in ("Researcher", "Editor")}
    grant_group_permissions(apps)
    assert {name: codenames(name) for name in ("Researcher", "Editor")} == before
    assert Group.objects.filter(name__in=["Researcher", "Editor"]).count() == 2


def test_members_have_the_permissions_the_admin_checks():
    researcher = StaffUserFactory(groups=["Researcher"])
    editor = StaffUserFactory(groups=["Editor"])

    assert researcher.has_perm("curation.review_records")
    assert researcher.has_perm("sources.view_statement")
    assert not researcher.has_perm("sources.change_statement")
    assert not researcher.has_perm("curation.merge_records")
    assert editor.has_perm("curation.merge_records")
    assert editor.has_perm("entities.change_person")
