"""One error shape for the whole API: `{"detail": message, "errors": {parameter: [messages]}}`.

`errors` is present when a parameter or field was at fault, keyed by its name; `detail`
always says what went wrong in one sentence.
"""

from django.db import IntegrityError
from django.db.models import ProtectedError
from rest_framework import exceptions, serializers
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.views import exception_handler as drf_exception_handler


class ErrorSerializer(serializers.Serializer):
    """The body of every 4xx answer (for the schema)."""

    detail = serializers.CharField()
    errors = serializers.DictField(
        required=False, help_text="Messages keyed by the parameter or field at fault."
    )


class Conflict(exceptions.APIException):
    status_code = 409
    default_detail = "The change conflicts with other records."
    default_code = "conflict"


def exception_handler(exc, context):
    """DRF's handler, with database conflicts as 409 and every body in the one shape."""
    if isinstance(exc, ProtectedError):
        names = sorted({str(obj._meta.verbose_name_plural) for obj in exc.protected_objects})
        exc = Conflict(f"Other records refer to this one ({', '.join(names)}); change them first.")
    elif isinstance(exc, IntegrityError):
        exc = Conflict()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    if request is not None and not isinstance(
        getattr(request, "accepted_renderer", None), (JSONRenderer, BrowsableAPIRenderer)
    ):
        # Errors are JSON, also when the client asked for CSV or JSON lines.
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
    data = response.data
    if isinstance(data, dict) and set(data) == {"detail"}:
        return response
    errors = data if isinstance(data, dict) else {"non_field_errors": data}
    response.data = {"detail": _summary(errors), "errors": errors}
    return response


def _summary(errors: dict) -> str:
    names = [name for name in errors if name != "non_field_errors"]
    if not names:
        return " ".join(_messages(errors)) or "Invalid input."
    if len(names) == 1:
        messages = " ".join(_messages(errors[names[0]]))
        return f"{names[0]}: {messages}"
    return f"Invalid values for {', '.join(names)}."


def _messages(value) -> list[str]:
    if isinstance(value, dict):
        return [m for v in value.values() for m in _messages(v)]
    if isinstance(value, list):
        return [m for v in value for m in _messages(v)]
    return [str(value)]
