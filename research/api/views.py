"""Endpoints of the research views: an operation's timeline, a speaker's record, the network.

Each validates its parameters with a FilterSet (400 naming the parameter), checks that the
record it hangs off is visible to the user (404 otherwise), and hands off to `research`.
"""

import gc
from functools import cache

from django.db import connection
from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView, get_object_or_404
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response

from core.api.schema import NewsroomAutoSchema
from core.review import can_see_unverified
from entities.models import Operation, Organisation, Person
from research.api import filters, serializers
from research.api.renderers import GEXFRenderer, GraphMLRenderer, ResearchJSONRenderer
from research.network import build_network
from research.record import build_record
from research.timeline import build_timeline


class ResearchSchema(NewsroomAutoSchema):
    def get_filter_backends(self):
        # These views answer one object, yet take filters: document them all the same.
        return self.view.filter_backends


class ResearchView(GenericAPIView):
    """A read-only view whose query parameters are a FilterSet's fields."""

    filter_backends = [DjangoFilterBackend]
    renderer_classes = [ResearchJSONRenderer, BrowsableAPIRenderer]
    pagination_class = None
    schema = ResearchSchema()

    # Pause Python's cyclic garbage collector while the view builds and renders (see
    # dispatch). Measured at 100k statements (in-process, load average 2.0-2.3, two runs of
    # 30 rounds each way): without the pause, one timeline or record request in twelve to
    # fifteen set off a full collection (100-115 ms: max 180-233 ms against p50 65-111 ms),
    # and the network's CPU was 214 ms p50 against 114 ms with it; with it, no collection
    # ran during any of them (max 75-131 ms).
    pause_gc = True

    def dispatch(self, request, *args, **kwargs):
        # A payload here is thousands of dicts, lists and tuples (a timeline's items, a
        # network's pairs and edges). The collections their allocations set off walk them,
        # and what survives reaches the old generation, whose full collections then walk
        # every object of the process (100-250 ms each on the benchmark's machine). The
        # payload is rendered here and dropped before returning: nothing of it is left in
        # a reference cycle (the Response and its view, a ReturnDict and its serializer),
        # so reference counting frees it and no later collection walks it.
        enabled = self.pause_gc and gc.isenabled()
        if enabled:
            gc.disable()
        try:
            response = super().dispatch(request, *args, **kwargs)
            response.render()
            response.data = None
            return response
        finally:
            if enabled:
                gc.enable()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user = self.request.user
        context["sees_unverified"] = cache(lambda model: can_see_unverified(user, model))
        return context

    def parameters(self) -> dict:
        """The validated query parameters, empty ones left out."""
        filterset = self.filterset_class(
            self.request.query_params, queryset=self.get_queryset(), request=self.request
        )
        if not filterset.is_valid():
            raise utils.translate_validation(filterset.errors)
        return {k: v for k, v in filterset.form.cleaned_data.items() if v not in (None, "", [])}

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])


class OperationTimelineView(ResearchView):
    """Everything dated about an operation, oldest first (undated last): its start and end,
    sub-operations, statements about it (dated by when said, else by their source's
    publication), sources naming it and organisations' parts in it."""

    serializer_class = serializers.TimelineSerializer
    filterset_class = filters.TimelineFilter

    def get_queryset(self):
        return Operation.objects.visible_to(self.request.user)

    @extend_schema(operation_id="operations_timeline", tags=["operations"])
    def get(self, request, pk):
        operation = self.get_object()
        encode = None
        if connection.vendor == "postgresql":
            # The statements' items, most of a large timeline, written by the database.
            statements = serializers.list_urls(request)["statement"]
            encode = serializers.statement_item_json(statements)
        timeline = build_timeline(operation, user=request.user, encode=encode, **self.parameters())
        return Response(self.get_serializer().to_representation(timeline))


class RecordView(ResearchView):
    """A speaker's record: statements over time grouped by operation, per month, roles,
    who reported them and whom they talk about most."""

    serializer_class = serializers.RecordSerializer
    filterset_class = filters.RecordFilter
    model = None

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def get(self, request, pk):
        speaker = self.get_object()
        record = build_record(speaker, user=request.user, **self.parameters())
        return Response(self.get_serializer().to_representation(record))


class PersonRecordView(RecordView):
    model = Person

    @extend_schema(operation_id="people_record", tags=["people"])
    def get(self, request, pk):
        return super().get(request, pk)


class OrganisationRecordView(RecordView):
    model = Organisation

    @extend_schema(operation_id="organisations_record", tags=["organisations"])
    def get(self, request, pk):
        return super().get(request, pk)


class NetworkView(ResearchView):
    """Who appears with whom: people, organisations and operations, and weighted edges for
    being named in the same statement (speaker and subject), sentence or source, each with
    the ids of the statements and sources behind it. `?format=gexf` (Gephi) and
    `?format=graphml` give the same graph as a file."""

    serializer_class = serializers.NetworkSerializer
    filterset_class = filters.NetworkFilter
    renderer_classes = [
        ResearchJSONRenderer,
        BrowsableAPIRenderer,
        GEXFRenderer,
        GraphMLRenderer,
    ]

    def get_queryset(self):
        # Only for the schema's filter introspection: the network reads several models.
        return Operation.objects.none()

    @extend_schema(
        operation_id="network",
        tags=["network"],
        parameters=[
            OpenApiParameter(
                "format",
                str,
                enum=["json", "gexf", "graphml"],
                description="`gexf` (Gephi) or `graphml` for a graph file; JSON by default.",
            )
        ],
        responses={
            200: serializers.NetworkSerializer,
            (200, "application/gexf+xml"): OpenApiResponse(OpenApiTypes.STR, description="GEXF"),
            (200, "application/graphml+xml"): OpenApiResponse(
                OpenApiTypes.STR, description="GraphML"
            ),
        },
    )
    def get(self, request):
        network = build_network(user=request.user, **self.parameters())
        return Response(self.get_serializer().to_representation(network))
