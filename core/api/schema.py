"""OpenAPI generation: drf-spectacular's AutoSchema, plus the error answers every endpoint gives."""

from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly

from core.api.errors import ErrorSerializer

ERRORS = {
    "400": "A parameter or field is invalid; `errors` names it. Some rules span fields or "
    "rows, so a body valid by this schema may still be refused: an id that names no record, "
    "a duplicate (a name without `disambiguation`, a statement already in its source, a "
    "source's text), an end before its start, a span past its source's text, not exactly one "
    "speaker or entity, a NUL character, a source's `text` on update, `merged_into`.",
    "401": "The credentials sent are wrong.",
    "403": "Not allowed for this user.",
    "404": "No such record, or the cursor is invalid.",
    "429": "Too many requests; retry later.",
}
WRITE_ERRORS = {"409": "The change conflicts with other records."}


class NewsroomAutoSchema(AutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        # Anonymous clients may read (verified records only).
        anonymous_reads = any(
            isinstance(p, DjangoModelPermissionsOrAnonReadOnly) for p in self.view.get_permissions()
        )
        if anonymous_reads and self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        # An empty query parameter counts as left out (as the browsable API's filter form sends).
        for parameter in (operation or {}).get("parameters", []):
            if parameter["in"] == "query":
                parameter["allowEmptyValue"] = True
        return operation

    def get_response_serializers(self):
        # Writes answer with the read payload (see RecordViewSet.read_data).
        view = self.view
        if getattr(view, "write_serializer_class", None) and self.method in (
            "POST",
            "PUT",
            "PATCH",
        ):
            return getattr(view, "detail_serializer_class", None) or view.serializer_class
        return super().get_response_serializers()

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = ERRORS if self.method in ("GET", "HEAD") else {**ERRORS, **WRITE_ERRORS}
        for code, description in errors.items():
            if code not in responses:
                body = self._get_response_for_code(
                    ErrorSerializer, code, ["application/json"], direction
                )
                responses[code] = {**body, "description": description}
        return responses
