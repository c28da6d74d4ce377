"""Query parameters of the statement, source and mention lists: each hands off to a method of
the model's QuerySet (sources/querysets.py)."""

from drf_spectacular.utils import extend_schema_field

from core.api.filters import (
    VisibilityFilterSet,
    choice_filter,
    confidence_filters,
    date_filter,
    entity_ref_filter,
    id_filter,
    review_status_filter,
    text_filter,
)
from core.names import name_key
from sources.models import DateBasis, Mention, Source, Statement
from sources.search import RANKED_MATCHES

ORDERINGS = [
    ("-said_on", "Date said, newest first (the default; undated last)"),
    ("said_on", "Date said, oldest first (undated last)"),
    ("-created_at", "Date recorded, newest first"),
    ("created_at", "Date recorded, oldest first"),
]


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
    min_confidence, max_confidence = confidence_filters()
    # Last, so that an explicit ordering overrides the ranking of `q`.
    ordering = choice_filter(ORDERINGS, "Order of the list.", method="filter_ordering")

    class Meta:
        model = Statement
        fields = []

    def filter_speaker(self, queryset, name, value):
        return queryset.by_speaker(value.pk, kind=value.kind)

    def filter_expected(self, queryset, name, value):
        return queryset.filter(expected=value == "true")

    def filter_speaker_type(self, queryset, name, value):
        return queryset.by_speaker_type(value)

    def filter_speaker_name(self, queryset, name, value):
        # A query with no letter or digit folds to "", which every name contains.
        return queryset.by_speaker_name(value) if name_key(value) else queryset.none()

    def filter_organisation(self, queryset, name, value):
        return queryset.said_for_organisation(value, user=self.user)

    def filter_operation(self, queryset, name, value):
        return queryset.about_operation(value, user=self.user)

    def filter_mentions(self, queryset, name, value):
        return queryset.about(value.pk, kind=value.kind, user=self.user)

    def filter_publisher(self, queryset, name, value):
        return queryset.from_publisher(value, user=self.user)

    def filter_q(self, queryset, name, value):
        # Ranked, if at all, in filter_queryset: among the matches of every other filter.
        return queryset.matching(value)

    def filter_queryset(self, queryset):
        filtered = super().filter_queryset(queryset)
        value = (self.form.cleaned_data.get("q") or "").strip()
        if not value or self.form.cleaned_data.get("ordering") or filtered.query.is_empty():
            return filtered
        return queryset.most_relevant(value, among=filtered)

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
        return queryset.from_publisher(value, user=self.user)

    def filter_q(self, queryset, name, value):
        return queryset.matching(value)


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
