"""Search vectors of folded text: hyphens, dashes, quotes and spaces as people type them
(PostgreSQL only).

Statements' stored vector (0004) is rebuilt over the folded text, and sources get one too,
replacing their expression index of 0003, so that `?q=law-enforcement` finds the seeds'
"law\u2011enforcement". The folding is written out here as it was when this ran;
sources/search.py holds the same table (tests/sources/test_search.py compares them), and
changing it needs a migration that rebuilds the vectors again.
"""

from django.db import migrations

FOLD_FROM = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u2018\u2019\u201a\u201b\u2032\u02bc\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u0009\u000d\u000a-\u200b\u200c\u200d\u2060\ufeff\u00ad"
FOLD_TO = " " * 10 + "'" * 6 + '"' * 7 + " " * 19  # hyphens, apostrophes, quotes, spaces


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def folded(expression: str) -> str:
    return f"translate({expression}, {literal(FOLD_FROM)}, {literal(FOLD_TO)})"


STATEMENT_VECTOR = "to_tsvector('english'::regconfig, {})".format(folded("COALESCE(text, '')"))
SOURCE_VECTOR = "to_tsvector('english'::regconfig, {})".format(
    folded("COALESCE(title, '') || ' ' || COALESCE(text, '')")
)
OLD_STATEMENT_VECTOR = "to_tsvector('english'::regconfig, COALESCE(text, ''))"
OLD_SOURCE_EXPRESSION = (
    "to_tsvector('english'::regconfig, COALESCE(title, '') || ' ' || COALESCE(text, ''))"
)


def add_vector(schema_editor, table: str, vector: str) -> None:
    # Dropping the column drops its index; a generated column's expression cannot be altered
    # before PostgreSQL 17.
    schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
    schema_editor.execute(
        f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({vector}) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX {table}_search_vector ON {table} USING gin (search_vector)"
    )


def fold_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    add_vector(schema_editor, "sources_statement", STATEMENT_VECTOR)
    add_vector(schema_editor, "sources_source", SOURCE_VECTOR)
    schema_editor.execute("DROP INDEX IF EXISTS sources_source_fts")


def unfold_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    add_vector(schema_editor, "sources_statement", OLD_STATEMENT_VECTOR)
    schema_editor.execute("ALTER TABLE sources_source DROP COLUMN IF EXISTS search_vector")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS sources_source_fts "
        f"ON sources_source USING gin (({OLD_SOURCE_EXPRESSION}))"
    )


class Migration(migrations.Migration):
    dependencies = [("sources", "0005_statement_date_basis_expected")]

    operations = [migrations.RunPython(fold_vectors, unfold_vectors)]
