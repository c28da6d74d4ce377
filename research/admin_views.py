"""The admin's research pages: an operation's timeline, a speaker's record, the network.

Staff see them as they see the admin (every record, for those with view permissions); the
data comes from the same functions as the API, with the same visibility rules.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from entities.models import Operation, Organisation, Person, Role
from research import charts
from research.api.filters import NetworkFilter, RecordFilter, TimelineFilter
from research.network import MAX_SOURCES, MAX_STATEMENTS, build_network
from research.record import build_record
from research.timeline import build_timeline
from sources.models import Source, Statement

# Statements listed in the network page's panel for each edge (all of them are in the API).
EDGE_STATEMENTS = 12
ADMIN_MAX_NODES = 80


def require_view(request, model) -> None:
    opts = model._meta
    if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
        raise PermissionDenied


def parameters(filterset_class, request) -> tuple[dict, object]:
    """The page's filters, validated like the API's; invalid ones are shown and ignored."""
    filterset = filterset_class(
        request.GET or None, queryset=Statement.objects.none(), request=request
    )
    form = filterset.form
    values = form.cleaned_data if filterset.is_bound and form.is_valid() else {}
    return {k: v for k, v in values.items() if v not in (None, "", [])}, form


def page(request, template, title, **context):
    return TemplateResponse(
        request,
        template,
        {**admin.site.each_context(request), "title": title, **context},
    )


def operation_timeline(request, pk):
    require_view(request, Operation)
    operation = get_object_or_404(Operation.objects.visible_to(request.user), pk=pk)
    values, form = parameters(TimelineFilter, request)
    timeline = build_timeline(operation, user=request.user, **values)
    lanes = "organisation" if request.GET.get("lanes") == "organisation" else "speaker"
    organisations = (
        speaker_organisations(timeline, request.user) if lanes == "organisation" else None
    )
    chart = charts.timeline_chart(timeline, lanes=lanes, organisations=organisations)
    return page(
        request,
        "research/timeline.html",
        f"Timeline: {operation}",
        operation=operation,
        timeline=timeline,
        chart=chart,
        form=form,
        lanes=lanes,
        change_url=charts.admin_change_url("operation", operation.pk),
        network_url=reverse("research_admin:network") + f"?operation={operation.pk}",
    )


def speaker_organisations(timeline, user) -> dict:
    """For each speaking person, the first organisation (by name) they hold a role in."""
    people = {
        i["speaker"]["id"]
        for i in timeline.items
        if i["kind"] == "statement" and i["speaker"]["type"] == "person"
    }
    roles = (
        Role.objects.visible_to(user)
        .filter(person_id__in=people, organisation__in=Organisation.objects.visible_to(user))
        .order_by("person_id", "organisation__name")
        .values_list("person_id", "organisation_id", "organisation__name")
    )
    found = {}
    for person, organisation, name in roles:
        found.setdefault(person, (organisation, name))
    return found


def speaker_record(request, pk, model):
    require_view(request, model)
    speaker = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    values, form = parameters(RecordFilter, request)
    values.setdefault("per_operation", 20)
    record = build_record(speaker, user=request.user, **values)
    rows = record.statement_rows
    return page(
        request,
        "research/record.html",
        f"Record: {speaker}",
        speaker=speaker,
        record=record,
        form=form,
        monthly=charts.monthly_chart(record.per_month),
        by_operation=charts.operations_chart(record.operations, rows),
        groups=[
            {
                **group,
                "operation_url": charts.admin_change_url("operation", group["operation"]["id"])
                if group["operation"]
                else "",
                "rows": [
                    {
                        **rows[pk],
                        "reader_url": charts.source_reader_url(
                            rows[pk]["source_id"], f"statement-{pk}"
                        ),
                        "change_url": charts.admin_change_url("statement", pk),
                    }
                    for pk in group["statements"]
                ],
            }
            for group in record.operations
        ],
        change_url=charts.admin_change_url(model._meta.model_name, speaker.pk),
    )


def person_record(request, pk):
    return speaker_record(request, pk, Person)


def organisation_record(request, pk):
    return speaker_record(request, pk, Organisation)


def network(request):
    require_view(request, Statement)
    values, form = parameters(NetworkFilter, request)
    values.setdefault("max_nodes", ADMIN_MAX_NODES)
    graph = build_network(user=request.user, **values)
    # What the panel shows for each edge: its first statements and its sources, by id.
    wanted = {pk for edge in graph.edges for pk in edge["statements"][:EDGE_STATEMENTS]}
    statements = {
        pk: {"text": text[:220], "source": source, "speaker": person or organisation}
        for pk, text, source, person, organisation in Statement.objects.filter(
            pk__in=wanted
        ).values_list(
            "pk", "text", "source_id", "speaker_person__name", "speaker_organisation__name"
        )
    }
    sources = dict(
        Source.objects.filter(
            pk__in={pk for edge in graph.edges for pk in edge["sources"][:EDGE_STATEMENTS]}
        ).values_list("pk", "title")
    )
    data = {
        "nodes": graph.nodes,
        "edges": graph.edges,
        "statements": statements,
        "sources": sources,
        "shown": EDGE_STATEMENTS,
        "urls": {
            "person": reverse("admin:entities_person_change", args=[0]),
            "organisation": reverse("admin:entities_organisation_change", args=[0]),
            "operation": reverse("admin:entities_operation_change", args=[0]),
            "source": reverse("admin:sources_source_change", args=[0]),
            "statements": reverse("admin:sources_statement_changelist"),
        },
    }
    operation = None
    if values.get("operation"):
        operation = Operation.objects.filter(pk=values["operation"]).first()
    return page(
        request,
        "research/network.html",
        f"Network: {operation}" if operation else "Network",
        graph=graph,
        data=data,
        limits={"statements": f"{MAX_STATEMENTS:,}", "sources": f"{MAX_SOURCES:,}"},
        form=form,
        operation=operation,
    )
