"""Query parameters of the people, organisation, operation and role lists: each hands off to
a method of the model's QuerySet (entities/models.py)."""

from core.api.filters import (
    VisibilityFilterSet,
    choice_filter,
    confidence_filters,
    date_filter,
    id_filter,
    review_status_filter,
    text_filter,
)
from core.names import name_key
from entities.models import Operation, Organisation, Person, Role


class NamedFilter(VisibilityFilterSet):
    source = id_filter("Mentioned in this source (id).", method="filter_source")
    q = text_filter("Name or alias contains this, ignoring accents and case.", method="filter_q")
    country = text_filter(
        "Country (exact, ignoring case).", field_name="country", lookup_expr="iexact"
    )
    review_status = review_status_filter()
    min_confidence, max_confidence = confidence_filters()

    def filter_source(self, queryset, name, value):
        return queryset.mentioned_in(value)

    def filter_q(self, queryset, name, value):
        # A query with no letter or digit folds to "", which every name contains.
        return queryset.search(value) if name_key(value) else queryset.none()


class PersonFilter(NamedFilter):
    class Meta:
        model = Person
        fields = []


class OrganisationFilter(NamedFilter):
    kind = choice_filter(Organisation.Kind.choices, "Kind of organisation.")

    class Meta:
        model = Organisation
        fields = []


class OperationFilter(NamedFilter):
    kind = choice_filter(Operation.Kind.choices, "Kind of operation.")
    date_after = date_filter(
        "Under way on or after this date (ends on or after it, or starts on or after it "
        "when the end is unknown).",
        method="filter_date_after",
    )
    date_before = date_filter(
        "Started on or before this date.", field_name="start_date", lookup_expr="lte"
    )
    participant = id_filter(
        "An organisation (id) taking part in the operation.", method="filter_participant"
    )

    class Meta:
        model = Operation
        fields = []

    def filter_date_after(self, queryset, name, value):
        return queryset.under_way_after(value)

    def filter_participant(self, queryset, name, value):
        return queryset.joined_by(value, user=self.user)


class RoleFilter(VisibilityFilterSet):
    person = id_filter("Held by this person (id).", field_name="person_id")
    organisation = id_filter("In this organisation (id).", field_name="organisation_id")
    source = id_filter(
        "Stated in this source (id): the first source to state the role, or any later one.",
        method="filter_source",
    )
    review_status = review_status_filter()
    min_confidence, max_confidence = confidence_filters()

    class Meta:
        model = Role
        fields = []

    def filter_source(self, queryset, name, value):
        return queryset.stated_in(value)
