"""Query parameters of the research endpoints.

The views read these FilterSets' cleaned values and hand them to `research.timeline`,
`research.record` and `research.network`; declaring them as FilterSets gives the same
validation (400 with the parameter named) and OpenAPI schema as the lists have.
"""

from django import forms
from django_filters import rest_framework as filters
from django_filters.fields import MultipleChoiceField
from drf_spectacular.utils import extend_schema_field

from core.api.filters import (
    choice_filter,
    date_filter,
    entity_ref_filter,
    id_filter,
    review_status_filter,
)
from research.network import EDGE_KINDS, NODE_TYPES
from research.timeline import Kind


def count_filter(help_text: str, *, label: str, minimum: int, maximum: int):
    """A whole number from `minimum` to `maximum`."""

    class CountField(forms.IntegerField):
        def __init__(self, **kwargs):
            super().__init__(min_value=minimum, max_value=maximum, **kwargs)

    class CountFilter(filters.NumberFilter):
        field_class = CountField

    schema = {"type": "integer", "minimum": minimum, "maximum": maximum, "description": help_text}
    return extend_schema_field(schema)(CountFilter(help_text=help_text, label=label))


class KindsField(MultipleChoiceField):
    def clean(self, value):
        # An empty parameter (`?edge_kinds=`) counts as left out, as everywhere in the API.
        return super().clean([v for v in value or [] if v])


class KindsFilter(filters.MultipleChoiceFilter):
    """Several choices, the parameter repeated (`?node_kinds=person&node_kinds=operation`)."""

    field_class = KindsField


class TimelineFilter(filters.FilterSet):
    speaker = entity_ref_filter(
        "Only the statements of this person or organisation: an id (either kind), or "
        "`person:ID`, `organisation:ID`.",
        label="Speaker",
    )
    kind = choice_filter(Kind.CHOICES, "Only items of this kind.", label="Kind")
    review_status = review_status_filter()
    date_after = date_filter(
        "Dated on or after this day (undated items are left out).", label="Dated on or after"
    )
    date_before = date_filter(
        "Dated on or before this day (undated items are left out).", label="Dated on or before"
    )


class RecordFilter(filters.FilterSet):
    operation = id_filter("Only statements about this operation (id).", label="Operation (id)")
    date_after = date_filter(
        "Statements dated on or after this day (said, else published).", label="Dated on or after"
    )
    date_before = date_filter(
        "Statements dated on or before this day (said, else published).", label="Dated on or before"
    )
    review_status = review_status_filter()
    per_operation = count_filter(
        "How many statements each operation's group lists (its newest, shown oldest first); "
        "the counts always cover them all. Default 10.",
        label="Statements per operation",
        minimum=1,
        maximum=100,
    )


class NetworkFilter(filters.FilterSet):
    operation = id_filter(
        "Only co-occurrences in statements about this operation (id) and in sources naming it.",
        label="Operation (id)",
    )
    source = id_filter("Only co-occurrences in this source (id).", label="Source (id)")
    date_after = date_filter(
        "Statements dated on or after this day (said, else published); sources published "
        "on or after it.",
        label="Dated on or after",
    )
    date_before = date_filter(
        "Statements and sources dated on or before this day.", label="Dated on or before"
    )
    review_status = review_status_filter()
    node_kinds = KindsFilter(
        choices=[(kind, kind.capitalize()) for kind in NODE_TYPES],
        help_text="Only these kinds of node (repeat the parameter); all by default.",
        label="Node kinds",
    )
    edge_kinds = KindsFilter(
        choices=list(EDGE_KINDS.items()),
        help_text="Only these kinds of co-occurrence (repeat the parameter); all by default. "
        "With `review_status`, only `statement` (mentions have no review status).",
        label="Edge kinds",
    )
    min_weight = count_filter(
        "Only edges of at least this weight (their co-occurrences summed). Default 1.",
        label="Minimum weight",
        minimum=1,
        maximum=1_000_000,
    )
    max_nodes = count_filter(
        "At most this many nodes: those whose edges weigh most. Default 200.",
        label="Maximum nodes",
        minimum=1,
        maximum=2000,
    )
