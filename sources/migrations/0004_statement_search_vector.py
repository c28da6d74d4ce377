"""A stored full-text vector of each statement, with its GIN index (PostgreSQL only).

`search_vector` is a generated column, so every write keeps it current without a trigger,
and `?q=` reads the stored vector instead of parsing each matching text again to rank it
(sources/api/filters.py). It replaces the expression index of 0003 on statements. It is not
a model field: SQLite has no such column, and searches there with LIKE.
"""

from django.db import migrations

VECTOR = "to_tsvector('english'::regconfig, COALESCE(text, ''))"


def add_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE sources_statement ADD COLUMN IF NOT EXISTS search_vector tsvector "
        f"GENERATED ALWAYS AS ({VECTOR}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS sources_statement_search_vector "
        "ON sources_statement USING gin (search_vector)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS sources_statement_text_fts")


def remove_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS sources_statement_text_fts "
        f"ON sources_statement USING gin (({VECTOR}))"
    )
    schema_editor.execute("DROP INDEX IF EXISTS sources_statement_search_vector")
    schema_editor.execute("ALTER TABLE sources_statement DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("sources", "0003_full_text_search_indexes")]

    operations = [migrations.RunPython(add_vector, remove_vector)]
