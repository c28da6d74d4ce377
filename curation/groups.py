"""The staff groups and their permissions: Researcher (view, verify, reject) and Editor.

`grant_group_permissions` is idempotent and takes an app registry, so a data migration can
call it (with its historical `apps`) whenever a later migration adds models.
"""

CURATED_APPS = ("entities", "sources", "curation")
EDITED_APPS = ("entities", "sources")

RESEARCHER = "Researcher"
EDITOR = "Editor"


def researcher_permissions(Permission):
    """View every model of the project's apps, and verify or reject records."""
    return Permission.objects.filter(
        content_type__app_label__in=CURATED_APPS, codename__startswith="view_"
    ) | Permission.objects.filter(content_type__app_label="curation", codename="review_records")


def editor_permissions(Permission):
    """A researcher's permissions, plus add, change and delete records, and merge them."""
    editing = (
        Permission.objects.filter(content_type__app_label__in=EDITED_APPS)
        .exclude(codename__startswith="view_")
        # History rows are written by the application, never edited by hand.
        .exclude(content_type__model__startswith="historical")
    )
    merging = Permission.objects.filter(
        content_type__app_label="curation", codename="merge_records"
    )
    return researcher_permissions(Permission) | editing | merging


def grant_group_permissions(apps) -> None:
    """Create both groups if needed and give each its permissions (adds, never removes)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in (
        (RESEARCHER, researcher_permissions),
        (EDITOR, editor_permissions),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions(Permission))
