"""Give the Researcher and Editor groups their permissions on role evidence (a new model)."""

from django.db import migrations

from curation.migrations import _grants


class Migration(migrations.Migration):
    dependencies = [
        ("curation", "0002_staff_groups"),
        ("entities", "0004_role_evidence"),
    ]

    operations = [migrations.RunPython(_grants.create_groups, migrations.RunPython.noop)]
