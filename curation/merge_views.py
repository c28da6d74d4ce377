"""Admin pages for merging: the confirmation page of the merge action, and unmerge."""

from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.html import format_html

from core.review import ReviewStatus
from curation.admin_ids import parse_id
from curation.merge import MergeError, link_counts, merge, plan_merge, unmerge
from curation.models import MergeRecord
from curation.reader import admin_url


def default_survivor(records, counts):
    """The record to keep unless staff choose another: verified first, then best linked, oldest."""
    return min(
        records,
        key=lambda r: (
            r.review_status != ReviewStatus.VERIFIED,
            -sum(n for _, n in counts[r.pk]),
            r.pk,
        ),
    )


def merge_selected_view(model_admin, request, queryset):
    """The merge action: show what would move for the chosen survivor, then merge on confirm."""
    records = list(queryset.order_by("pk"))
    if len(records) < 2:
        model_admin.message_user(request, "Select at least two records to merge.", messages.ERROR)
        return None
    counts = {record.pk: link_counts(record) for record in records}
    chosen = request.POST.get("survivor", "")
    survivor = next((r for r in records if str(r.pk) == chosen), None)
    survivor = survivor or default_survivor(records, counts)
    others = [record for record in records if record.pk != survivor.pk]
    # Merge only for the survivor whose plan was on the page; a new choice is shown first.
    confirmed = "merge" in request.POST and request.POST.get("planned") == chosen
    try:
        plan = plan_merge(survivor=survivor, others=others)
        if confirmed:
            record = merge(survivor=survivor, others=others, user=request.user)
    except MergeError as error:
        model_admin.message_user(request, str(error), messages.ERROR)
        return None
    if confirmed:
        model_admin.message_user(
            request,
            format_html(
                '{} merged into “{}”. <a href="{}">Merge #{}</a> can undo it.',
                ", ".join(f"“{other}”" for other in others),
                survivor,
                admin_url(record),
                record.pk,
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(admin_url(survivor))

    opts = model_admin.model._meta
    labels = [label for label, _ in counts[records[0].pk]]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Merge {opts.verbose_name_plural}",
        "opts": opts,
        "records": records,
        "survivor": survivor,
        "plan": plan,
        "labels": labels,
        "record_rows": [(record, [n for _, n in counts[record.pk]]) for record in records],
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": model_admin.media,
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "curation/merge_confirmation.html", context)


def unmerge_view(model_admin, request, object_id):
    """POST only: undo a merge, then go back to the merge record's page."""
    record = get_object_or_404(MergeRecord, pk=parse_id(MergeRecord, object_id))
    if request.method != "POST" or not model_admin.has_unmerge_permission(request):
        raise PermissionDenied
    try:
        report = unmerge(record=record, user=request.user)
    except MergeError as error:
        model_admin.message_user(request, str(error), messages.ERROR)
    else:
        message = f"Merge #{record.pk} undone: {report.restored} link(s) restored."
        if report.skipped:
            message += f" {report.skipped} changed since the merge and were left as they are."
        model_admin.message_user(request, message, messages.SUCCESS)
    return HttpResponseRedirect(admin_url(record))
