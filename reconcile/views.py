"""The service's endpoints under /api/reconcile/: DRF views, so authentication, throttling and
errors are the API's. Every answer allows cross-origin reads, as the specification requires.

JSONP (optional in version 0.2) is not offered: a script tag would carry a logged-in user's
session cookie to any site that asked, and with it the unverified records staff may see.
"""

from django.shortcuts import redirect
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer, StaticHTMLRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.viewsets import private_if_logged_in
from reconcile import openapi, records
from reconcile.catalogue import TYPES, parse_entity_id
from reconcile.extension import extend, propose_properties
from reconcile.manifest import manifest
from reconcile.matching import reconcile
from reconcile.preview import preview_html
from reconcile.requests import RequestError, TooLarge, read_batch, read_extension
from reconcile.suggest import suggest_entities, suggest_properties, suggest_types

TAGS = ["reconcile"]


class PayloadTooLarge(APIException):
    status_code = 413
    default_detail = "Too many queries or ids in one request."
    default_code = "too_large"


class ServiceView(APIView):
    """The base of every endpoint: open to anonymous reads (verified records only)."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # No credentials travel with "*": a cross-origin page reads only what anyone may.
        response["Access-Control-Allow-Origin"] = "*"
        if request.method == "OPTIONS":
            response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
        return private_if_logged_in(request, response)

    def answer(self, parameter_value, read, run):
        """Run a request read from a parameter, turning its faults into 400 and 413."""
        try:
            parsed = read(parameter_value)
        except TooLarge as exc:
            raise PayloadTooLarge(str(exc)) from None
        except RequestError as exc:
            raise ValidationError({exc.parameter: [str(exc)]}) from None
        return Response(run(parsed, user=self.request.user))

    def params(self, serializer_class, keep_empty=()) -> dict:
        """Checked query parameters; an empty one counts as left out, as everywhere in the API."""
        given = {
            key: value
            for key, value in self.request.query_params.items()
            if value != "" or key in keep_empty
        }
        params = serializer_class(data=given)
        params.is_valid(raise_exception=True)
        return params.validated_data

    def base(self) -> str:
        return self.request.build_absolute_uri(reverse("reconcile")).rstrip("/")


class ReconcileForm(serializers.Serializer):
    queries = serializers.CharField(
        required=False, help_text="A reconciliation query batch, as JSON."
    )
    extend = serializers.CharField(required=False, help_text="A data extension query, as JSON.")


class EndpointView(ServiceView):
    """The service's endpoint: its manifest, reconciliation and data extension."""

    parser_classes = [FormParser, MultiPartParser]

    @extend_schema(
        tags=TAGS,
        summary="Service manifest",
        description="The Reconciliation API 0.2 manifest of this service, for OpenRefine and "
        "other clients. Also answers `?queries=` and `?extend=` as the POST does (handy in "
        "a browser). See docs/reconciliation.md.",
        responses={200: OpenApiResponse(openapi.MANIFEST)},
    )
    def get(self, request):
        return self.dispatch_request(request.query_params, manifest_if_empty=True)

    @extend_schema(
        tags=TAGS,
        summary="Reconcile names, or fetch property values",
        description="A form with `queries` (a reconciliation query batch: answers a result "
        "batch, candidates scored 0-100) or `extend` (a data extension query: answers "
        "property values by record). Anonymous clients match verified records only.",
        request={"application/x-www-form-urlencoded": ReconcileForm},
        responses={
            200: OpenApiResponse({"anyOf": [openapi.RESULT_BATCH, openapi.EXTEND_RESPONSE]}),
            413: OpenApiResponse(description="More than `batchSize` queries, or 500 ids."),
        },
    )
    def post(self, request):
        return self.dispatch_request(request.data, manifest_if_empty=False)

    def dispatch_request(self, params, *, manifest_if_empty: bool):
        if "queries" in params:
            return self.answer(params["queries"], read_batch, reconcile)
        if "extend" in params:
            return self.answer(params["extend"], read_extension, extend)
        if manifest_if_empty:
            return Response(manifest(self.base()))
        raise ValidationError(
            {"queries": ["Send `queries` (reconciliation) or `extend` (data extension)."]}
        )


class TypedText(serializers.CharField):
    """Text a user types; NUL characters are dropped rather than refused, as in the API's `q`."""

    def run_validation(self, data=serializers.empty):
        if isinstance(data, str):
            # The length as sent, so that the schema's maxLength holds whatever is dropped.
            if self.max_length is not None and len(data) > self.max_length:
                self.fail("max_length", max_length=self.max_length)
            data = data.replace("\x00", "")
        return super().run_validation(data)


class SuggestParams(serializers.Serializer):
    prefix = TypedText(allow_blank=True, trim_whitespace=False, max_length=300)
    cursor = serializers.IntegerField(required=False, default=0, min_value=0, max_value=10_000)
    type = serializers.ChoiceField(choices=list(TYPES), required=False)


class SuggestView(ServiceView):
    """Auto-completion of records (`entity`), types or properties from a prefix."""

    kind = ""

    @extend_schema(tags=TAGS, parameters=[SuggestParams], responses={200: openapi.SUGGEST})
    def get(self, request):
        params = self.params(SuggestParams, keep_empty=["prefix"])
        prefix, cursor, type_id = params["prefix"], params["cursor"], params.get("type")
        if self.kind == "entity":
            types = [TYPES[type_id]] if type_id else list(TYPES.values())
            return Response(suggest_entities(prefix, cursor, types, user=request.user))
        if self.kind == "type":
            return Response(suggest_types(prefix, cursor))
        return Response(suggest_properties(prefix, cursor, type_id))


class ProposalParams(serializers.Serializer):
    type = serializers.ChoiceField(
        choices=list(TYPES), required=False, help_text="Left out: the properties of every type."
    )
    limit = serializers.IntegerField(required=False, min_value=1, max_value=100)


class PropertiesView(ServiceView):
    """The properties data extension can fetch for records of a type."""

    @extend_schema(
        tags=TAGS,
        summary="Properties to fetch for a type (data extension)",
        parameters=[ProposalParams],
        responses={200: openapi.PROPOSAL},
    )
    def get(self, request):
        params = self.params(ProposalParams)
        return Response(propose_properties(params.get("type"), params.get("limit")))


def _record(request, entity_id: str):
    parsed = parse_entity_id(entity_id)
    found = records.find(parsed[0], request.user, pks=[parsed[1]]) if parsed else []
    if not found:
        raise NotFound("No such record.")
    return found[0]


class PreviewView(ServiceView):
    """A small HTML page about a record, for a client's iframe (the manifest's `preview`)."""

    renderer_classes = [StaticHTMLRenderer]

    @extend_schema(
        tags=TAGS,
        summary="Preview of a record (HTML)",
        responses={(200, "text/html"): openapi.HTML},
    )
    def get(self, request, entity_id: str):
        return Response(preview_html(_record(request, entity_id), request))


class EntityView(ServiceView):
    """A record's reconciliation id, resolved to its URL in the API."""

    @extend_schema(
        tags=TAGS,
        summary="A record by its reconciliation id",
        description="Redirects to the record in the API (the manifest's `view` template).",
        responses={302: OpenApiResponse(description="The record's URL in the API.")},
    )
    def get(self, request, entity_id: str):
        record = _record(request, entity_id)
        return redirect(f"{record.type.id}-detail", pk=record.pk)
