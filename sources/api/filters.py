"""Query parameters of the statement, source and mention lists."""

from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.db import connections
from django.db.models import Exists, Expression, F, FloatField, Lookup, OuterRef, Q
from django.db.models.functions import Cast
from drf_spectacular.utils import extend_schema_field

from entities.api.filters import VisibilityFilterSet
from entities.models import Operation, Organisation, Person, Role
from entities.names import name_key
from newsroom.api_filters import (
    choice_filter,
    date_filter,
    entity_ref_filter,
    id_filter,
    review_status_filter,
    text_filter,
)
from sources.models import DateBasis, Mention, Source, Statement
from sources.search import like_condition, search_query

# sources/migrations/0005 stores the folded vector of each statement and each source in a
# generated column with a GIN index.
STATEMENT_VECTOR = ("text",)
SOURCE_VECTOR = ("title", "text")
# `q` ranks by relevance only the newest matches (by id), so that a frequent word costs no more
# than a rare one: ranking every match reads and sorts each of them (600 ms for a word in 12%
# of a million statements).
RANKED_MATCHES = 1000


class StoredVector(Expression):
    """A tsvector column of the query's base table that is not a model field (PostgreSQL)."""

    def __init__(self, column: str = "search_vector"):
        super().__init__(output_field=SearchVectorField())
        self.column = column

    def as_sql(self, compiler, connection):
        # The base table's alias, which is "U0" when the query is a subquery.
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(self.column)}", []


class AnyOf(Lookup):
    """`column = ANY(%s)` with the values as one array parameter on PostgreSQL (`IN` elsewhere).

    A long `__in` list costs a parameter per value to compile, bind and plan. The array goes
    as its text form: psycopg's client-side binding of a Python list checks every element
    with a regular expression (4 ms for 3,000 ids); these are ints, which need no quoting.
    """

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [int(value) for value in self.rhs]
        if connection.vendor == "postgresql":
            array = "{" + ",".join(map(str, values)) + "}"
            return f"{lhs} = ANY(%s::bigint[])", (*lhs_params, array)
        placeholders = ", ".join(["%s"] * len(values)) or "NULL"
        return f"{lhs} IN ({placeholders})", (*lhs_params, *values)


ORDERINGS = [
    ("-said_on", "Date said, newest first (the default; undated last)"),
    ("said_on", "Date said, oldest first (undated last)"),
    ("-created_at", "Date recorded, newest first"),
    ("created_at", "Date recorded, oldest first"),
]


def full_text(queryset, fields, value: str, *, rank: bool):
    """Rows whose `fields` match `value`: full-text search of the table's stored vector of
    `fields` on PostgreSQL (ranked if `rank`); elsewhere (SQLite), LIKE conditions of the same
    syntax, ignoring ASCII case. Hyphens, dashes, quotes and spaces are folded on both sides
    (sources/search.py).
    """
    value = value.strip()
    if not value:
        return queryset
    if connections[queryset.db].vendor != "postgresql":
        return queryset.filter(like_condition(fields, value))
    vector = StoredVector()
    query = search_query(value)
    queryset = queryset.alias(search=vector).filter(search=query)
    if rank:
        # float8, so that a rank in a cursor compares equal to the one in the table.
        rank_expression = Cast(SearchRank(vector, query), FloatField())
        queryset = queryset.annotate(rank=rank_expression).order_by("-rank")
    return queryset


class StatementFilter(VisibilityFilterSet):
    speaker = entity_ref_filter(
        "Said by this person or organisation: an id (either kind), or `person:ID`, "
        "`organisation:ID`.",
        method="filter_speaker",
    )
    speaker_type = choice_filter(
        [("person", "Person"), ("organisation", "Organisation")],
        "Said by a person or by an organisation.",
        method="filter_speaker_type",
    )
    speaker_name = text_filter(
        "The speaker's name or an alias contains this, ignoring accents and case.",
        method="filter_speaker_name",
    )
    organisation = id_filter(
        "Said by this organisation (id) or by a person who holds a role in it.",
        method="filter_organisation",
    )
    operation = id_filter("About this operation (id).", method="filter_operation")
    mentions = entity_ref_filter(
        "About this person or organisation: an id (either kind), or `person:ID`, "
        "`organisation:ID`.",
        method="filter_mentions",
    )
    source = id_filter("Reported in this source (id).", field_name="source_id")
    publisher = id_filter(
        "Reported in a source from this publisher (organisation id).", method="filter_publisher"
    )
    said_after = date_filter("Said on or after this date.", field_name="said_on", lookup_expr="gte")
    said_before = date_filter(
        "Said on or before this date.", field_name="said_on", lookup_expr="lte"
    )
    q = text_filter(
        'Full-text search of the statement text (web-search syntax: "a phrase", -word, or). '
        f"Without `ordering`, the newest {RANKED_MATCHES:,} matches (by id) are ranked by "
        "relevance and only those are listed, so that a frequent word costs no more than a "
        "rare one; with `ordering`, every match is listed in that order.",
        method="filter_q",
    )
    said_on_basis = choice_filter(
        DateBasis.choices,
        "How `said_on` was found: a date the text gives, a relative day resolved against the "
        "publication date, or the publication date itself.",
    )
    # Declared as a string enum: named like a model field, it would be typed boolean.
    expected = extend_schema_field(
        {
            "type": "string",
            "enum": ["true", "false"],
            "description": '`true`: speech announced for later ("will say"), not yet said; '
            "`false`: the rest.",
        }
    )(
        choice_filter(
            [("true", "Announced for later"), ("false", "Said")],
            "Announced for later, or said.",
            method="filter_expected",
        )
    )
    kind = choice_filter(Statement.Kind.choices, "Direct quote, reported speech or both.")
    review_status = review_status_filter()
    # Last, so that an explicit ordering overrides the ranking of `q`.
    ordering = choice_filter(ORDERINGS, "Order of the list.", method="filter_ordering")

    class Meta:
        model = Statement
        fields = []

    def filter_speaker(self, queryset, name, value):
        kind, pk = value
        condition = Q()
        if kind in (None, "person"):
            condition |= Q(speaker_person_id=pk)
        if kind in (None, "organisation"):
            condition |= Q(speaker_organisation_id=pk)
        return queryset.filter(condition)

    def filter_expected(self, queryset, name, value):
        return queryset.filter(expected=value == "true")

    def filter_speaker_type(self, queryset, name, value):
        field = "speaker_person" if value == "person" else "speaker_organisation"
        return queryset.filter(**{f"{field}__isnull": False})

    def filter_speaker_name(self, queryset, name, value):
        return queryset.by_speaker_name(value) if name_key(value) else queryset.none()

    def is_visible(self, model, pk) -> Exists:
        """Whether the requesting user may see this row: one uncorrelated EXISTS, which
        PostgreSQL evaluates once per query, so the page's plan can use the id directly."""
        return Exists(self.visible(model).filter(pk=pk))

    def filter_organisation(self, queryset, name, value):
        # Materialised: the planner then combines two index scans instead of a hashed subplan.
        # The members' own review status is not checked: the list already hides statements
        # whose speaker the user may not see.
        roles = self.visible(Role).filter(
            organisation_id=value, organisation__in=self.visible(Organisation)
        )
        if connections[roles.db].vendor == "postgresql":
            # One array, not a row per member (3,000 rows cost Django 2 ms to iterate).
            members = roles.aggregate(ids=ArrayAgg("person_id", distinct=True, default=[]))["ids"]
        else:
            members = list(roles.order_by().values_list("person_id", flat=True).distinct())
        condition = Q(speaker_organisation_id=value)
        if members:
            condition |= Q(AnyOf(F("speaker_person_id"), members))
        return queryset.filter(condition)

    def filter_operation(self, queryset, name, value):
        about = Statement.operations.through.objects.filter(
            statement_id=OuterRef("pk"), operation_id=value
        )
        return queryset.filter(Exists(about), self.is_visible(Operation, value))

    def filter_mentions(self, queryset, name, value):
        kind, pk = value
        condition = Q()
        if kind in (None, "person"):
            about = Statement.about_people.through.objects.filter(
                statement_id=OuterRef("pk"), person_id=pk
            )
            condition |= Q(Exists(about), self.is_visible(Person, pk))
        if kind in (None, "organisation"):
            about = Statement.about_organisations.through.objects.filter(
                statement_id=OuterRef("pk"), organisation_id=pk
            )
            condition |= Q(Exists(about), self.is_visible(Organisation, pk))
        return queryset.filter(condition)

    def filter_publisher(self, queryset, name, value):
        return queryset.filter(Q(source__publisher=value), self.is_visible(Organisation, value))

    def filter_q(self, queryset, name, value):
        # Ranked, if at all, in filter_queryset: among the matches of every other filter.
        return full_text(queryset, STATEMENT_VECTOR, value, rank=False)

    def filter_queryset(self, queryset):
        filtered = super().filter_queryset(queryset)
        value = (self.form.cleaned_data.get("q") or "").strip()
        if not value or self.form.cleaned_data.get("ordering") or filtered.query.is_empty():
            return filtered
        if connections[filtered.db].vendor != "postgresql":
            return filtered
        # The newest matches of all the filters, by id (a backward walk of the primary key for
        # a frequent word, the GIN index for a rare one), then ranked: bounded either way.
        newest = filtered.order_by("-pk").values("pk")[:RANKED_MATCHES]
        rank = Cast(SearchRank(StoredVector(), search_query(value)), FloatField())
        # float8, so that a rank in a cursor compares equal to the one in the table.
        return queryset.filter(pk__in=newest).annotate(rank=rank).order_by("-rank")

    def filter_ordering(self, queryset, name, value):
        return queryset.order_by(value)


class SourceFilter(VisibilityFilterSet):
    publisher = id_filter("From this publisher (organisation id).", method="filter_publisher")
    kind = choice_filter(Source.Kind.choices, "Kind of source.")
    published_after = date_filter(
        "Published on or after this date.", field_name="published", lookup_expr="gte"
    )
    published_before = date_filter(
        "Published on or before this date.", field_name="published", lookup_expr="lte"
    )
    q = text_filter(
        "Full-text search of title and text (web-search syntax); newest first. Sources are "
        "long: ranking every match would cost a full parse of each.",
        method="filter_q",
    )

    class Meta:
        model = Source
        fields = []

    def filter_publisher(self, queryset, name, value):
        return queryset.filter(publisher__in=self.visible(Organisation).filter(pk=value))

    def filter_q(self, queryset, name, value):
        return full_text(queryset, SOURCE_VECTOR, value, rank=False)


class MentionFilter(VisibilityFilterSet):
    source = id_filter("In this source (id).", field_name="source_id")
    person = id_filter("Names this person (id).", field_name="person_id")
    organisation = id_filter("Names this organisation (id).", field_name="organisation_id")
    operation = id_filter("Names this operation (id).", field_name="operation_id")
    entity_type = choice_filter(
        [("person", "Person"), ("organisation", "Organisation"), ("operation", "Operation")],
        "What kind of record the mention names.",
        method="filter_entity_type",
    )

    class Meta:
        model = Mention
        fields = []

    def filter_entity_type(self, queryset, name, value):
        return queryset.filter(**{f"{value}__isnull": False})
