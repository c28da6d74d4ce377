"""Admin for the review queue and the merge log (with unmerge)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html, format_html_join

from core.review import can_review
from curation.admin_base import SafeHistoryAdmin, can_merge
from curation.admin_ids import parse_id
from curation.decisions import DECISIONS, review
from curation.merge import LINKS
from curation.merge_views import unmerge_view
from curation.models import MergeRecord, ReviewQueue
from curation.queue import (
    DEFAULT_ORDER,
    KINDS_BY_KEY,
    ORDERS,
    kinds_for,
    pending_counts,
    pending_page,
)
from curation.reader import admin_url


@admin.register(ReviewQueue)
class ReviewQueueAdmin(admin.ModelAdmin):
    """Pending records, least confident first (or oldest first), each with its passage and
    verify/reject buttons."""

    def has_view_permission(self, request, obj=None):
        return can_review(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "",
                self.admin_site.admin_view(self.queue_view),
                name=f"{opts.app_label}_{opts.model_name}_changelist",
            )
        ]

    def queue_view(self, request):
        if not can_review(request.user):
            raise PermissionDenied
        kinds = kinds_for(request.user)
        if not kinds:
            raise PermissionDenied
        if request.method == "POST":
            kind = KINDS_BY_KEY.get(request.POST.get("type", ""))
            if kind not in kinds:
                raise PermissionDenied
            return self._decide(request, kind)
        kind = KINDS_BY_KEY.get(request.GET.get("type", ""))
        if kind not in kinds:
            kind = kinds[0]
        order = request.GET.get("order", DEFAULT_ORDER)
        order = order if order in ORDERS else DEFAULT_ORDER
        page, items = pending_page(kind, request.GET.get("page"), order=order)
        counts = pending_counts(kinds)
        context = {
            **self.admin_site.each_context(request),
            "title": "Review queue",
            "opts": self.model._meta,
            "kind": kind,
            "tabs": [(k, counts[k.key]) for k in kinds],
            "page": page,
            "items": items,
            "order": order,
        }
        return TemplateResponse(request, "curation/review_queue.html", context)

    def _decide(self, request, kind):
        decision = request.POST.get("decision")
        if decision not in DECISIONS:
            raise PermissionDenied
        pk = parse_id(kind.model_class, request.POST.get("pk", ""))
        record = get_object_or_404(kind.model_class, pk=pk)
        review([record], status=decision, user=request.user)
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>: {}.',
                kind.model_class._meta.verbose_name.capitalize(),
                admin_url(record),
                record,
                record.get_review_status_display().lower(),
            ),
            messages.SUCCESS,
        )
        query = f"?type={kind.key}"
        if request.POST.get("order") in ORDERS:
            query += f"&order={request.POST['order']}"
        if request.POST.get("page"):
            query += f"&page={request.POST['page']}"
        return HttpResponseRedirect(request.path + query)


@admin.register(MergeRecord)
class MergeRecordAdmin(SafeHistoryAdmin):
    """The merge log: read-only, with an unmerge button on each active merge."""

    list_display = ["__str__", "content_type", "merged_by", "merged_at", "unmerged_at"]
    list_filter = ["content_type", "merged_at", "unmerged_at"]
    list_select_related = ["content_type", "merged_by"]
    search_fields = ["survivor_name", "merged_names"]
    date_hierarchy = "merged_at"
    fields = [
        "survivor_link",
        "merged_links",
        "merged_by",
        "merged_at",
        "unmerged_by",
        "unmerged_at",
        "what_moved",
    ]
    readonly_fields = fields
    change_form_template = "curation/mergerecord_change_form.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_unmerge_permission(self, request) -> bool:
        return can_merge(request.user)

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/unmerge/",
                self.admin_site.admin_view(self.unmerge),
                name=f"{opts.app_label}_{opts.model_name}_unmerge",
            ),
            *super().get_urls(),
        ]

    def unmerge(self, request, object_id):
        return unmerge_view(self, request, object_id)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {"can_unmerge": self.has_unmerge_permission(request)}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    @admin.display(description="Survivor")
    def survivor_link(self, record):
        return _entity_link(record, record.survivor_id, record.survivor_name)

    @admin.display(description="Merged into it")
    def merged_links(self, record):
        return format_html_join(
            ", ",
            "{}",
            (
                (_entity_link(record, pk, name),)
                for pk, name in zip(record.merged_ids, record.merged_names, strict=False)
            ),
        )

    @admin.display(description="What moved")
    def what_moved(self, record):
        labels = {
            (link.model, link.field): link.label
            for link in LINKS.get(
                record.content_type.app_label + "." + record.content_type.model, ()
            )
        }
        rows = [
            (
                labels.get((entry["model"], entry["field"]), entry["field"]),
                len(entry["moved"]),
                len(entry["kept"]),
            )
            for entry in record.snapshot.get("links", [])
        ]
        aliases = record.snapshot.get("survivor", {}).get("added_aliases", [])
        return format_html(
            "<table><thead><tr><th>Relation</th><th>Moved</th><th>Left on the merged record"
            "</th></tr></thead><tbody>{}</tbody></table><p>Aliases added: {}</p>",
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
            ", ".join(aliases) or "none",
        )


def _entity_link(record, pk, name):
    model = record.entity_model
    obj = model.objects.filter(pk=pk).first() if model else None
    if obj is None:
        return format_html("{} (deleted)", name)
    return format_html('<a href="{}">{}</a>', admin_url(obj), obj)
