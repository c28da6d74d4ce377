"""Refuse, with a 400, admin requests holding values no admin page can use.

NUL reaches PostgreSQL through any filter, search, autocomplete term or id, and PostgreSQL
refuses it in a query (a 500). A date-hierarchy year, month or day of more than four digits
overflows `datetime` inside Django's ChangeList, which catches only ValueError (a 500).
"""

from django.http import HttpResponseBadRequest
from django.urls import reverse

DATE_PARTS = ("__year", "__month", "__day")


def unusable(request) -> str | None:
    """Why the request cannot be served, or None."""
    values = [request.path, *request.GET.keys()]
    values += [v for _, vs in request.GET.lists() for v in vs]
    if request.method == "POST" and request.content_type != "multipart/form-data":
        values += [*request.POST.keys(), *(v for _, vs in request.POST.lists() for v in vs)]
    if any("\x00" in value for value in values):
        return "NUL character in the request."
    for name, value in request.GET.items():
        if name.endswith(DATE_PARTS) and len(value) > 4:
            return f"{name}: not a date part."
    return None


class AdminInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(reverse("admin:index")):
            reason = unusable(request)
            if reason:
                return HttpResponseBadRequest(reason, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
