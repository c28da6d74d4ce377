"""Query parameters of the people, organisation, operation and role lists."""

from django.db.models import Exists, OuterRef, Q
from django_filters import rest_framework as filters

from entities.models import Operation, Organisation, Participation, Person, Role, RoleEvidence
from entities.names import name_key
from newsroom.api_filters import (
    choice_filter,
    date_filter,
    id_filter,
    review_status_filter,
    text_filter,
)

# Form classes by FilterSet class: no filter's form field depends on the request, and
# django-filter would otherwise build the class, labels and fields again for every request.
_FORM_CLASSES: dict[type, type] = {}


class VisibilityFilterSet(filters.FilterSet):
    """A FilterSet that can ask which related rows the requesting user may see."""

    def get_form_class(self):
        form_class = _FORM_CLASSES.get(type(self))
        if form_class is None:
            form_class = _FORM_CLASSES[type(self)] = super().get_form_class()
        return form_class

    def visible(self, model):
        user = getattr(self.request, "user", None)
        return model.objects.visible_to(user)


class NamedFilter(VisibilityFilterSet):
    source = id_filter("Mentioned in this source (id).", method="filter_source")
    q = text_filter("Name or alias contains this, ignoring accents and case.", method="filter_q")
    country = text_filter(
        "Country (exact, ignoring case).", field_name="country", lookup_expr="iexact"
    )
    review_status = review_status_filter()

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
    date_before = date_filter("Started on or before this date.", method="filter_date_before")
    participant = id_filter(
        "An organisation (id) taking part in the operation.", method="filter_participant"
    )

    class Meta:
        model = Operation
        fields = []

    def filter_date_after(self, queryset, name, value):
        return queryset.filter(
            Q(end_date__gte=value) | Q(end_date__isnull=True, start_date__gte=value)
        )

    def filter_date_before(self, queryset, name, value):
        return queryset.filter(start_date__lte=value)

    def filter_participant(self, queryset, name, value):
        participations = self.visible(Participation).filter(
            organisation__in=self.visible(Organisation).filter(pk=value)
        )
        return queryset.filter(pk__in=participations.values("operation_id"))


class RoleFilter(VisibilityFilterSet):
    person = id_filter("Held by this person (id).", field_name="person_id")
    organisation = id_filter("In this organisation (id).", field_name="organisation_id")
    source = id_filter(
        "Stated in this source (id): the first source to state the role, or any later one.",
        method="filter_source",
    )
    review_status = review_status_filter()

    class Meta:
        model = Role
        fields = []

    def filter_source(self, queryset, name, value):
        stated = RoleEvidence.objects.filter(role=OuterRef("pk"), source_id=value)
        return queryset.filter(Q(source_id=value) | Exists(stated))
