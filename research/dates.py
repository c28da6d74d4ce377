"""The date of a statement as the research views place it: when said, else when published."""

from django.db.models import DateField, F
from django.db.models.functions import Coalesce


class Precision:
    """How sure a placed date is."""

    DAY = "day"  # the record's own date
    SOURCE_DATE = "source_date"  # the publication date of the source that reports it
    UNKNOWN = "unknown"

    CHOICES = [
        (DAY, "The record's own date"),
        (SOURCE_DATE, "Its source's publication date"),
        (UNKNOWN, "Undated"),
    ]


def placed_on(prefix: str = ""):
    """`said_on`, else the source's publication date (for a Statement queryset, or through
    `prefix`, e.g. "statement__")."""
    return Coalesce(
        F(f"{prefix}said_on"), F(f"{prefix}source__published"), output_field=DateField()
    )


def placed_between(statements, date_after, date_before):
    """Statements whose place in time (placed_on) falls within the dates, either one open;
    annotated with it as `placed` when a date is given."""
    if not (date_after or date_before):
        return statements
    if "placed" not in statements.query.annotations:
        statements = statements.annotate(placed=placed_on())
    if date_after:
        statements = statements.filter(placed__gte=date_after)
    if date_before:
        statements = statements.filter(placed__lte=date_before)
    return statements


def precision(own, source_date) -> str:
    if own is not None:
        return Precision.DAY
    return Precision.SOURCE_DATE if source_date is not None else Precision.UNKNOWN
