"""The table of the database cache (settings.CACHES without REDIS_URL), made by plain `migrate`."""

from django.core.management import call_command
from django.db import migrations

TABLE = "newsroom_cache"  # settings.CACHES["default"]["LOCATION"]


def create_table(apps, schema_editor):
    # Made whether or not Redis is configured now, so switching it off later needs no step.
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create_table, drop_table, elidable=False)]
