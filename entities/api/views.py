"""Endpoints of people, organisations, operations and roles."""

from django.db.models import Prefetch

from core.api.viewsets import RecordViewSet
from entities.api import filters, serializers
from entities.models import Operation, Organisation, Participation, Person, Role


class PersonViewSet(RecordViewSet):
    """People. Ordered by folded name."""

    serializer_class = serializers.PersonSerializer
    write_serializer_class = serializers.PersonWriteSerializer
    filterset_class = filters.PersonFilter

    def get_queryset(self):
        return self.with_related(self.visible(Person)).order_by("name_key")

    def with_related(self, queryset):
        return queryset.select_related("merged_into")


class OrganisationViewSet(RecordViewSet):
    """Organisations. Ordered by folded name."""

    serializer_class = serializers.OrganisationSerializer
    write_serializer_class = serializers.OrganisationWriteSerializer
    filterset_class = filters.OrganisationFilter

    def get_queryset(self):
        return self.with_related(self.visible(Organisation)).order_by("name_key")

    def with_related(self, queryset):
        return queryset.select_related("merged_into", "parent")


class OperationViewSet(RecordViewSet):
    """Operations, with the organisations taking part and their targets. Ordered by folded name."""

    serializer_class = serializers.OperationSerializer
    write_serializer_class = serializers.OperationWriteSerializer
    filterset_class = filters.OperationFilter

    def get_queryset(self):
        return self.with_related(self.visible(Operation)).order_by("name_key")

    def with_related(self, queryset):
        return queryset.select_related("merged_into", "parent")

    def prefetches(self):
        participations = (
            self.related_visible(self.visible(Participation), "organisation", Organisation)
            .select_related("organisation")
            .order_by("organisation__name_key", "part")
        )
        return [
            Prefetch("participations", queryset=participations),
            Prefetch("target_people", queryset=self.visible(Person)),
            Prefetch("target_organisations", queryset=self.visible(Organisation)),
        ]


class RoleViewSet(RecordViewSet):
    """Who holds which position in which organisation, and the source that says so."""

    serializer_class = serializers.RoleSerializer
    write_serializer_class = serializers.RoleWriteSerializer
    filterset_class = filters.RoleFilter

    def get_queryset(self):
        queryset = self.related_visible(self.visible(Role), "person", Person)
        queryset = self.related_visible(queryset, "organisation", Organisation)
        return self.with_related(queryset).order_by("pk")

    def with_related(self, queryset):
        return queryset.select_related("person", "organisation", "source").defer("source__text")

    def prefetches(self):
        return [serializers.evidence_prefetch()]

    def get_serializer_context(self):
        context = super().get_serializer_context()
        source = self.request.query_params.get("source", "") if self.request else ""
        context["stated_in"] = int(source) if source.isdigit() else None
        return context
