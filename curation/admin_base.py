"""Base admin classes for curated models: safe history, review actions, merge, name search.

The apps' admin modules build on these; the work itself is done in `curation.decisions` and
`curation.merge`.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from core.review import Reviewable, ReviewStatus, can_review
from curation.admin_ids import parse_id
from curation.confident_views import verify_confident_view
from curation.decisions import review
from curation.merge_views import merge_selected_view
from curation.models import MergeRecord
from curation.reader import admin_url

# Set by review decisions and by ingestion, never typed in.
REVIEW_FIELDS = ("reviewed_by", "reviewed_at", "curated", "confidence_evidence")


def can_merge(user) -> bool:
    return user.has_perm("curation.merge_records")


class ReadOnlyInline(admin.TabularInline):
    """Rows shown beside a record, not edited there: each links to its own page.

    Subclasses set `readonly_fields = fields` (the admin's checks read it statically).
    """

    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SafeHistoryAdmin(SimpleHistoryAdmin):
    """History with revert, where reverting needs the change permission.

    simple_history lets anyone who may view the history POST its revert form; a user who
    may only view would then revert the record.
    """

    class Media:
        # The curation pages' layout fixes (inlines, long titles) and the reader's colours.
        css = {"all": ["curation/admin.css"]}

    def history_view(self, request, object_id, extra_context=None):
        if parse_id(self.model, object_id) is None:
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if parse_id(self.model, object_id) is None:
            raise Http404
        if parse_id(self.model.history.model, version_id) is None:
            raise Http404
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReviewAdmin(SafeHistoryAdmin):
    """Verify/reject actions; staff edits mark a record curated, so ingestion leaves it alone.

    An admin whose records have a calibrated confidence also offers Editors "verify pending
    records with confidence ≥ X": it overrides `measured_precision`.
    """

    actions = ["verify_selected", "reject_selected", "verify_confident"]

    def has_review_permission(self, request) -> bool:
        return can_review(request.user)

    def has_bulk_verify_permission(self, request) -> bool:
        """Editors only (review and change), and only where a precision was measured."""
        return (
            can_review(request.user)
            and self.has_change_permission(request)
            and self.measured_precision(0.0) is not None
        )

    def measured_precision(self, threshold: float) -> dict | None:
        """{"threshold", "n", "precision"} of these records on the development set at
        `threshold`; None where confidence is not calibrated (the bulk action is hidden)."""
        return None

    @admin.action(
        description="Verify pending %(verbose_name_plural)s with confidence ≥ X…",
        permissions=["bulk_verify"],
    )
    def verify_confident(self, request, queryset):
        return verify_confident_view(self, request, queryset)

    @admin.action(description="Verify selected %(verbose_name_plural)s", permissions=["review"])
    def verify_selected(self, request, queryset):
        self._review(request, queryset, ReviewStatus.VERIFIED)

    @admin.action(description="Reject selected %(verbose_name_plural)s", permissions=["review"])
    def reject_selected(self, request, queryset):
        self._review(request, queryset, ReviewStatus.REJECTED)

    def _review(self, request, queryset, status):
        count = review(queryset, status=status, user=request.user)
        label = ReviewStatus(status).label.lower()
        self.message_user(request, f"{count} record(s) {label}.", messages.SUCCESS)

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *REVIEW_FIELDS)

    def save_model(self, request, obj, form, change):
        obj.mark_curated(by=request.user, status_changed="review_status" in form.changed_data)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            if isinstance(obj, Reviewable):
                # The row's own status is not edited inline (its page records who reviews).
                obj.mark_curated(by=request.user, status_changed=False)
            obj._history_user = request.user
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


class AliasesField(forms.CharField):
    """A JSON list of names, edited as one name a line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(name) for name in value)
        return value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def has_changed(self, initial, data):
        return list(initial or []) != self.to_python(data)


class NamedEntityAdmin(ReviewAdmin):
    """People, organisations and operations: search by folded names and aliases; merging."""

    actions = [*ReviewAdmin.actions, "merge_selected"]
    search_fields = ["name", "search_text", "wikidata_id"]
    object_history_template = "curation/object_history.html"

    def get_search_results(self, request, queryset, search_term):
        # Also match accent- and case-folded names and aliases ("Nicolas" finds "Nicolás").
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            found |= queryset.search(search_term)
        return found, may_have_duplicates

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "aliases":
            return AliasesField(
                required=False, label="Aliases", help_text="Other names for it, one a line."
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_merge_permission(self, request) -> bool:
        return can_merge(request.user) and self.has_change_permission(request)

    @admin.action(description="Merge selected %(verbose_name_plural)s…", permissions=["merge"])
    def merge_selected(self, request, queryset):
        return merge_selected_view(self, request, queryset)

    @admin.display(description="Aliases")
    def aliases_list(self, obj):
        return ", ".join(obj.aliases)

    @admin.display(description="Merges")
    def merges(self, obj):
        records = merge_records_for(obj)
        if not records:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">Merge #{}</a>: {} ({}){}</li>',
                (
                    (
                        admin_url(record),
                        record.pk,
                        str(record),
                        record.merged_at.date(),
                        " — undone" if not record.is_active else "",
                    )
                    for record in records
                ),
            ),
        )

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        extra = {"merge_records": merge_records_for(obj) if obj else []}
        return super().history_view(request, object_id, {**extra, **(extra_context or {})})


def merge_records_for(obj) -> list[MergeRecord]:
    """Merges in which `obj` was the survivor or one of the merged records, newest first."""
    content_type = ContentType.objects.get_for_model(obj)
    # merged_ids is a JSON list, and SQLite has no JSON containment lookup: filter here.
    records = (
        MergeRecord.objects.filter(content_type=content_type)
        .select_related("content_type", "merged_by")
        .defer("snapshot")
    )
    return [record for record in records if record.involves(obj.pk)]
