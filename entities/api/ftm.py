"""FollowTheMoney export: people, organisations and their roles as JSON lines, for Aleph & co.

Each record becomes one entity (Person; PublicBody, Company or Organization); each role
becomes a Membership or, for companies and news outlets, an Employment. Entity ids are
stable hashes of our primary keys, so a re-export updates rather than duplicates. FtM has no
confidence property: a machine-made record's calibrated confidence and review status go in
`notes` (people, organisations) or `summary` (roles), as "confidence 0.87 (machine-extracted,
pending review)".
"""

import json
from functools import cache

from django.db.models import OuterRef, Subquery
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer
from rest_framework.views import APIView

from core.api.errors import ErrorSerializer
from core.api.viewsets import private_if_logged_in
from entities.models import Organisation, Person, Role

ORGANISATION_SCHEMATA = {
    Organisation.Kind.GOVERNMENT: "PublicBody",
    Organisation.Kind.MILITARY: "PublicBody",
    Organisation.Kind.LAW_ENFORCEMENT: "PublicBody",
    Organisation.Kind.INTELLIGENCE: "PublicBody",
    Organisation.Kind.INTERNATIONAL: "PublicBody",
    Organisation.Kind.COMPANY: "Company",
}
EMPLOYERS = {Organisation.Kind.COMPANY, Organisation.Kind.NEWS_OUTLET}
CHUNK = 2000


class NDJSONRenderer(BaseRenderer):
    media_type = "application/x-ndjson"
    format = "ndjson"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return (json.dumps(data) + "\n").encode()


@cache
def ftm_model():
    """FollowTheMoney's schema model, imported on the first export: the package takes a third
    of a second to import, which every other process (ingestion, a web worker's start) would
    pay for nothing."""
    from followthemoney import model

    return model


def entity_id(kind: str, pk: int) -> str:
    return ftm_model().make_entity("Thing").make_id("newsroom", kind, str(pk))


def person_entity(person: Person):
    entity = ftm_model().make_entity("Person")
    entity.id = entity_id("person", person.pk)
    _add_named(entity, person)
    return entity


def organisation_entity(organisation: Organisation):
    entity = ftm_model().make_entity(ORGANISATION_SCHEMATA.get(organisation.kind, "Organization"))
    entity.id = entity_id("organisation", organisation.pk)
    _add_named(entity, organisation)
    if organisation.parent_id:
        entity.add("parent", entity_id("organisation", organisation.parent_id))
    return entity


def role_entity(role: Role):
    employment = role.organisation.kind in EMPLOYERS
    entity = ftm_model().make_entity("Employment" if employment else "Membership")
    entity.id = entity_id("role", role.pk)
    entity.add("employee" if employment else "member", entity_id("person", role.person_id))
    organisation = entity_id("organisation", role.organisation_id)
    entity.add("employer" if employment else "organization", organisation)
    entity.add("role", role.title)
    entity.add("summary", confidence_note(role))
    entity.add("startDate", role.start_date)
    entity.add("endDate", role.end_date)
    if role.source_id and role.source.url:
        entity.add("sourceUrl", role.source.url, quiet=True)
    return entity


def confidence_note(record) -> str | None:
    """The record's confidence and review status in words; None for a record people made."""
    if record.confidence is None:
        return None
    return f"confidence {record.confidence:.2f} (machine-extracted, {record.review_status})"


def _add_named(entity, record) -> None:
    entity.add("notes", confidence_note(record))
    entity.add("name", record.name)
    entity.add("alias", record.aliases)
    entity.add("description", record.description or None)
    entity.add("country", record.country or None, quiet=True)
    entity.add("wikidataId", record.wikidata_id or None, quiet=True)


def export_entities(user):
    """Every FtM entity `user` may see: people, organisations, then the roles between them."""
    people = Person.objects.visible_to(user).filter(merged_into=None)
    organisations = Organisation.objects.visible_to(user).filter(merged_into=None)
    # A parent the user may not see is left out rather than named by its id.
    visible_parent = organisations.filter(pk=OuterRef("parent_id")).values("pk")
    roles = (
        Role.objects.visible_to(user)
        .filter(person__in=people, organisation__in=organisations)
        .select_related("organisation", "source")
        .only(
            *("person", "organisation__kind", "source__url"),
            *("title", "start_date", "end_date", "confidence", "review_status"),
        )
    )
    for person in people.order_by("pk").iterator(chunk_size=CHUNK):
        yield person_entity(person)
    organisations = organisations.annotate(visible_parent=Subquery(visible_parent))
    for organisation in organisations.order_by("pk").iterator(chunk_size=CHUNK):
        organisation.parent_id = organisation.visible_parent
        yield organisation_entity(organisation)
    for role in roles.order_by("pk").iterator(chunk_size=CHUNK):
        yield role_entity(role)


class FtMExportView(APIView):
    """People, organisations and roles as FollowTheMoney entities, one JSON object a line."""

    permission_classes = [AllowAny]  # read-only; visibility is applied per row
    renderer_classes = [NDJSONRenderer]  # errors are JSON (see core.api.errors)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return private_if_logged_in(request, response)

    @extend_schema(
        operation_id="exports_ftm",
        tags=["exports"],
        responses={
            (200, "application/x-ndjson"): OpenApiResponse(
                OpenApiTypes.STR, description="One FollowTheMoney entity (JSON) per line."
            ),
            (429, "application/json"): ErrorSerializer,
        },
    )
    def get(self, request):
        entities = export_entities(request.user)
        lines = (json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in entities)
        response = StreamingHttpResponse(lines, content_type="application/x-ndjson; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="newsroom-ftm.jsonl"'
        return response
