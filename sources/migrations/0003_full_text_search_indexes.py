"""GIN indexes for full-text search of statements and sources (PostgreSQL only).

Each indexes exactly the expression that sources/api/filters.py builds with SearchVector,
so that `?q=` is an index lookup. SQLite has no such index: its search is a LIKE scan.
"""

from django.db import migrations

INDEXES = {
    "sources_statement_text_fts": (
        "sources_statement",
        "to_tsvector('english'::regconfig, COALESCE(text, ''))",
    ),
    "sources_source_fts": (
        "sources_source",
        "to_tsvector('english'::regconfig, COALESCE(title, '') || ' ' || COALESCE(text, ''))",
    ),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, expression) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({expression}))"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("sources", "0002_span_inside_source_text")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
