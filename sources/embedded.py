"""A statement payload's embeds built in the page query (PostgreSQL): its source with the
publisher, the organisation that reported it and its operations, as one JSON object a row.

Written as SQL once per visibility, not as ORM expressions: compiling three Subquery
expressions for each segment of a page cost more Python than the two queries they replace.
The payload's shapes are those of `sources/api/embeds.py`, which reads the same for a page
on other engines; the tests compare the two.
"""

import functools

from django.db.models import Expression, Field

from core.review import ReviewStatus

VERIFIED = f"'{ReviewStatus.VERIFIED.value}'"


class EmbeddedJSON(Field):
    """A `json` value (not `jsonb`), which psycopg reads into Python itself: Django converts
    only `jsonb`, from its text."""


def _brief(alias: str, *, everyone: bool) -> str:
    """The {id, name} of the organisation `alias`, or NULL where it is missing or hidden."""
    shown = f"{alias}.id IS NOT NULL" if everyone else f"{alias}.review_status = {VERIFIED}"
    return f"CASE WHEN {shown} THEN json_build_object('id', {alias}.id, 'name', {alias}.name) END"


@functools.cache
def embedded_sql(*, organisations: bool, operations: bool) -> str:
    """The SQL of a row's embeds over the statement `{s}`; `organisations` and `operations`:
    whether unverified ones are shown. `json` keeps the keys in the payload's order."""
    hidden = "" if operations else f" AND op.review_status = {VERIFIED}"
    # From this module's constants only: nothing from a request.
    return f"""(SELECT json_build_object(
        'source', json_build_object('id', src.id, 'title', src.title,
                                    'publisher', {_brief("pub", everyone=organisations)},
                                    'published', src.published),
        'reporter', (SELECT {_brief("rep", everyone=organisations)}
                       FROM entities_organisation rep WHERE rep.id = {{s}}.reported_by_id),
        'operations', (SELECT COALESCE(json_agg(json_build_object('id', op.id, 'name', op.name)
                                                ORDER BY op.name, op.id), '[]')
                         FROM sources_statement_operations so
                         JOIN entities_operation op ON op.id = so.operation_id
                        WHERE so.statement_id = {{s}}.id{hidden}))
      FROM sources_source src LEFT JOIN entities_organisation pub ON pub.id = src.publisher_id
     WHERE src.id = {{s}}.source_id)"""  # noqa: S608


class Embedded(Expression):
    """A statement's embeds as one JSON object: {"source", "reporter", "operations"}."""

    def __init__(self, *, organisations: bool, operations: bool):
        super().__init__(output_field=EmbeddedJSON())
        self.sql = embedded_sql(organisations=organisations, operations=operations)

    def as_sql(self, compiler, connection):
        # The statement table's alias in this query ("U0" in a subquery).
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.sql.replace("{s}", alias), []
