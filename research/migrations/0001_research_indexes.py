"""Indexes for the research views, on other apps' tables (raw SQL, so their models stay as
they are):

- a speaker's statements with what a record counts them by (status, date said, source,
  reporter), so that the record reads its scope from the index alone (an index-only scan on
  PostgreSQL) in each of its queries, rather than visiting thousands of table pages each time;
- a source's publication date by id, which dates a statement said on an unknown day.
"""

from django.db import migrations

SPEAKER_COLUMNS = "review_status, said_on, source_id, reported_by_id, id"


class Migration(migrations.Migration):
    # After the migrations that rebuild these tables on SQLite (which drops their indexes).
    dependencies = [("sources", "0007_confidence_evidence")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX research_statement_person_scope "
            f"ON sources_statement (speaker_person_id, {SPEAKER_COLUMNS})",
            "DROP INDEX research_statement_person_scope",
        ),
        migrations.RunSQL(
            "CREATE INDEX research_statement_organisation_scope "
            f"ON sources_statement (speaker_organisation_id, {SPEAKER_COLUMNS})",
            "DROP INDEX research_statement_organisation_scope",
        ),
        migrations.RunSQL(
            "CREATE INDEX research_source_published ON sources_source (id, published)",
            "DROP INDEX research_source_published",
        ),
    ]
