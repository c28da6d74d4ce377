"""Statements as schema.org `Claim`s in JSON-LD (`?format=jsonld` on the statements list and
detail), the vocabulary fact-checkers publish ClaimReview with.

Each claim says its `text`; its `author` (the speaker, a `Person` or an `Organization`); when
it was said (`dateCreated` and `datePublished`, both from `said_on`: Google's ClaimReview
guidelines read the claim's `datePublished` as the day it entered public discourse); its
`appearance` (the source, a `CreativeWork` with its `url`, `publisher` and publication date);
and what it is `about` (its operations, as `Event`s). schema.org has no character offsets, so
the passage is a part of the source (`hasPart`) whose IRI is the source's own with an RFC 5147
fragment, `#char=START,END`: the span of the source's `text` (as /api/sources/{id}/ serves
it), counted in Unicode code points. Every record's `@id` is its URL in this API.
"""

from functools import cache

from django.urls import reverse
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.schemas.inspectors import DefaultSchema

from sources.models import Source

CONTEXT = "https://schema.org"
MEDIA_TYPE = "application/ld+json"
SPEAKER_TYPES = {"person": "Person", "organisation": "Organization"}


class ClaimRenderer(BaseRenderer):
    """JSON-LD. Not a JSONRenderer subclass, so that errors are still plain JSON."""

    media_type = MEDIA_TYPE
    format = "jsonld"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return JSONRenderer().render(data, "application/json", renderer_context)


def claims_document(data: dict, request) -> dict:
    """The JSON-LD document of a statement payload (a `Claim`) or of a page of them (`@graph`).

    Reads the sources' URLs, which the statement payload leaves out, in one query.
    """
    page = data.get("results")
    statements = page if page is not None else [data]
    urls = dict(
        Source.objects.filter(pk__in={s["source"]["id"] for s in statements}).values_list(
            "pk", "url"
        )
    )

    @cache
    def iri(route: str, pk: int) -> str:
        return request.build_absolute_uri(reverse(f"{route}-detail", args=[pk]))

    claims = [claim(statement, iri, urls) for statement in statements]
    if page is None:
        return {"@context": CONTEXT, **claims[0]}
    return {"@context": CONTEXT, "@graph": claims}


def claim(statement: dict, iri, urls: dict[int, str]) -> dict:
    """One statement payload as a schema.org `Claim` node."""
    speaker, source = statement["speaker"], statement["source"]
    node = {
        "@type": "Claim",
        "@id": iri("statement", statement["id"]),
        "text": statement["text"],
        "author": {
            "@type": SPEAKER_TYPES[speaker["type"]],
            "@id": iri(speaker["type"], speaker["id"]),
            "name": speaker["name"],
        },
    }
    if statement["said_on"]:
        node["dateCreated"] = node["datePublished"] = statement["said_on"]
    work = {"@type": "CreativeWork", "@id": iri("source", source["id"]), "name": source["title"]}
    if urls.get(source["id"]):
        work["url"] = urls[source["id"]]
    if source["published"]:
        work["datePublished"] = source["published"]
    if source["publisher"]:
        publisher = source["publisher"]
        work["publisher"] = {
            "@type": "Organization",
            "@id": iri("organisation", publisher["id"]),
            "name": publisher["name"],
        }
    span = statement["span"]
    work["hasPart"] = {
        "@type": "CreativeWork",
        "@id": f"{work['@id']}#char={span['start']},{span['end']}",
    }
    node["appearance"] = work
    if statement["operations"]:
        node["about"] = [
            {"@type": "Event", "@id": iri("operation", op["id"]), "name": op["name"]}
            for op in statement["operations"]
        ]
    return node


# --- For the OpenAPI schema -----------------------------------------------------------------

IRI = {"type": "string", "format": "uri"}
NODE = {
    "type": "object",
    "properties": {"@type": {"type": "string"}, "@id": IRI, "name": {"type": "string"}},
    "required": ["@type", "@id", "name"],
}
CLAIM = {
    "type": "object",
    "description": "A statement as a schema.org Claim (docs/api.md, JSON-LD).",
    "properties": {
        "@type": {"type": "string", "description": "`Claim`."},
        "@id": IRI,
        "text": {"type": "string"},
        "author": {**NODE, "description": "The speaker: a Person or an Organization."},
        "dateCreated": {"type": "string", "format": "date"},
        "datePublished": {"type": "string", "format": "date"},
        "appearance": {
            "type": "object",
            "description": "The source, a CreativeWork; `hasPart` is the passage, its IRI "
            "ending in an RFC 5147 `#char=START,END` fragment.",
            "properties": {
                "@type": {"type": "string", "description": "`CreativeWork`."},
                "@id": IRI,
                "name": {"type": "string"},
                "url": IRI,
                "datePublished": {"type": "string", "format": "date"},
                "publisher": NODE,
                "hasPart": {
                    "type": "object",
                    "properties": {"@type": {"type": "string"}, "@id": IRI},
                    "required": ["@type", "@id"],
                },
            },
            "required": ["@type", "@id", "name", "hasPart"],
        },
        "about": {"type": "array", "items": NODE, "description": "Operations, as Events."},
    },
    "required": ["@type", "@id", "text", "author", "appearance"],
}
CONTEXT_SCHEMA = {"type": "string", "description": f"`{CONTEXT}`: schema.org's context."}


class ClaimResponses:
    """Describes the JSON-LD answers of a view as claims, in whatever schema class it uses."""

    def _get_response_for_code(
        self, serializer, status_code, media_types=None, direction="response"
    ):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        content = response.get("content", {})
        if MEDIA_TYPE in content and status_code.startswith("2"):
            claim_ref = self._component("Claim", CLAIM)
            if self.view.action == "list":
                schema = {
                    "type": "object",
                    "properties": {
                        "@context": CONTEXT_SCHEMA,
                        "@graph": {"type": "array", "items": claim_ref},
                    },
                    "required": ["@context", "@graph"],
                }
                content[MEDIA_TYPE] = {"schema": self._component("ClaimGraph", schema)}
            else:
                document = {
                    "allOf": [
                        {"type": "object", "properties": {"@context": CONTEXT_SCHEMA}},
                        claim_ref,
                    ]
                }
                content[MEDIA_TYPE] = {"schema": self._component("ClaimDocument", document)}
        return response

    def _component(self, name: str, schema: dict) -> dict:
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name
        )
        self.registry.register_on_missing(component)
        return component.ref


class ClaimSchema(DefaultSchema):
    """The project's schema class (DEFAULT_SCHEMA_CLASS) with ClaimResponses mixed in."""

    def __get__(self, instance, owner):
        inspector = super().__get__(instance, owner)
        if instance is None or isinstance(inspector, ClaimResponses):
            return inspector
        with_claims = _with_claims(type(inspector))()
        with_claims.view = instance
        return with_claims


@cache
def _with_claims(schema_class):
    return type(f"Claim{schema_class.__name__}", (ClaimResponses, schema_class), {})


class ClaimExport:
    """Adds `?format=jsonld` to the statements viewset: its answers as schema.org claims."""

    schema = ClaimSchema()

    def get_renderers(self):
        return [*super().get_renderers(), ClaimRenderer()]

    def finalize_response(self, request, response, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        data = getattr(response, "data", None)
        if (
            isinstance(renderer, ClaimRenderer)
            and 200 <= response.status_code < 300
            and isinstance(data, dict)
            and ("results" in data or "speaker" in data)
        ):
            response.data = claims_document(data, request)
        return super().finalize_response(request, response, *args, **kwargs)
