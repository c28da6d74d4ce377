"""Database triggers that refuse a mention or statement whose span ends past its source text.

A CHECK constraint cannot look at another table, so each engine gets a trigger.
"""

from django.db import migrations

TABLES = ["sources_mention", "sources_statement"]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "sqlite":
            for event in ("INSERT", "UPDATE"):
                schema_editor.execute(
                    f"""
                    CREATE TRIGGER {table}_span_in_text_{event.lower()}
                    BEFORE {event} ON {table}
                    WHEN NEW.span_end > (SELECT length(text) FROM sources_source WHERE id = NEW.source_id)
                    BEGIN SELECT RAISE(ABORT, 'span outside its source text'); END;
                    """
                )
        elif vendor == "postgresql":
            schema_editor.execute(
                f"""
                CREATE OR REPLACE FUNCTION {table}_span_in_text() RETURNS trigger AS $$
                BEGIN
                    IF NEW.span_end > (SELECT char_length(text) FROM sources_source WHERE id = NEW.source_id) THEN
                        RAISE EXCEPTION 'span outside its source text' USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql;
                CREATE TRIGGER {table}_span_in_text BEFORE INSERT OR UPDATE ON {table}
                FOR EACH ROW EXECUTE FUNCTION {table}_span_in_text();
                """
            )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "sqlite":
            for event in ("insert", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_span_in_text_{event}")
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_span_in_text ON {table}")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_span_in_text()")


class Migration(migrations.Migration):
    dependencies = [("sources", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
