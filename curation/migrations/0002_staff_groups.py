"""Create the Researcher and Editor groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from curation.groups import CURATED_APPS, grant_group_permissions


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations ran (post_migrate); make them now.
    for label in CURATED_APPS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None
    grant_group_permissions(apps)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Researcher", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("entities", "0002_initial"),
        ("sources", "0002_span_inside_source_text"),
        ("curation", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
