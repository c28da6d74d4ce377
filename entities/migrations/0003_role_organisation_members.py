"""An index for an organisation's members: `?organisation=` on statements reads the verified
people who hold a role in it from this index alone (an index-only scan on PostgreSQL).

Raw SQL rather than a model index, so that the models stay as they are.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("entities", "0002_initial")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX entities_role_organisation_members "
            "ON entities_role (organisation_id, review_status, person_id)",
            "DROP INDEX entities_role_organisation_members",
        )
    ]
