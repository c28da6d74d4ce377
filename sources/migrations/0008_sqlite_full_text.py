"""Full-text indexes of statements and sources on SQLite (FTS5), kept in step by triggers.

PostgreSQL searches its stored vectors (0006); SQLite scanned every text with LIKE (100 ms at
100,000 statements). Each table gets an external-content FTS5 table of its folded text,
stemmed (porter): `sources_statement_fts` over a statement's text, `sources_source_fts` over
a source's title and text, as PostgreSQL's vectors are. The rows are indexed folded to the
same words as 0006 folds them (hyphens and dashes between words, quotes and apostrophes alike,
invisible characters dropped), written out here as it was when this ran
(tests/sources/test_search.py checks it against sources/search.py); changing it needs a
migration that indexes the rows again (the triggers delete a row's entry by its folded text,
which must be the one indexed). A later migration that rebuilds one of these tables on SQLite (Django does, to alter
a column) drops its triggers and must create them again: `create_index` here.

Nothing happens on PostgreSQL, nor where the SQLite library lacks FTS5: search there keeps its
LIKE conditions.
"""

import sqlite3

from django.db import migrations

# FTS5's unicode61 tokenizer already splits words at each hyphen, dash, quote, apostrophe and
# space that 0006 folds (punctuation or space to it), but for the modifier letter apostrophe (a
# letter to it); the invisible characters, which 0006 drops to join the word, it would split
# at. So only these are replaced (SQLite has no translate(), and 48 nested replace() calls
# overflow its parser's stack).
REPLACED = {"\u02bc": "'"} | dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", "")
TOKENIZE = "porter unicode61 remove_diacritics 0"
# table -> the SQL of the text it indexes, over a row named `{row}`
INDEXED = {
    "sources_statement": "{row}.text",
    "sources_source": "COALESCE({row}.title, '') || ' ' || COALESCE({row}.text, '')",
}


def folded(expression: str) -> str:
    """`expression` with REPLACED replaced, one replace() per character, by code point."""
    for char, to in REPLACED.items():
        literal = "'" + to.replace("'", "''") + "'"
        expression = f"replace({expression}, char({ord(char)}), {literal})"
    return expression


def has_fts5() -> bool:
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()
    return True


def create_index(schema_editor, table: str) -> None:
    fts = f"{table}_fts"
    new, old = (folded(INDEXED[table].format(row=row)) for row in ("new", "old"))
    columns = "title, text" if table == "sources_source" else "text"
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(text, content='{table}', "
        f"content_rowid='id', tokenize='{TOKENIZE}')"
    )
    insert = f"INSERT INTO {fts}(rowid, text) VALUES (new.id, {new});"
    delete = f"INSERT INTO {fts}({fts}, rowid, text) VALUES ('delete', old.id, {old});"
    for event, body in (
        ("INSERT", insert),
        ("DELETE", delete),
        (f"UPDATE OF {columns}", delete + "\n" + insert),
    ):
        name = f"{fts}_{event.split()[0].lower()}"
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN\n{body}\nEND")
    # The rows already there, folded (FTS5's 'rebuild' would read them unfolded).
    schema_editor.execute(f"INSERT INTO {fts}({fts}) VALUES ('delete-all')")
    schema_editor.execute(
        f"INSERT INTO {fts}(rowid, text) SELECT id, {folded(INDEXED[table].format(row=table))} "
        f"FROM {table}"
    )


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite" or not has_fts5():
        return
    for table in INDEXED:
        create_index(schema_editor, table)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in INDEXED:
        for event in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{event}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}_fts")


class Migration(migrations.Migration):
    # After 0007, which rebuilds the statements table on SQLite (dropping its triggers).
    dependencies = [("sources", "0007_confidence_evidence")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
