"""Create the Researcher and Editor groups with their permissions."""

from django.db import migrations

from curation.migrations._grants import create_groups


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
