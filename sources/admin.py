"""Admin for sources (with the reader), statements and mentions."""

import hashlib

from django import forms
from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.html import format_html, format_html_join

from curation.admin_base import ReadOnlyInline, ReviewAdmin, SafeHistoryAdmin
from curation.passages import passage
from curation.reader import admin_url, render_source
from entities.admin import MeasuredConfidence
from sources.models import Mention, Source, Statement

CURATION_CSS = {"all": ["curation/admin.css"]}


def count_of(model, **lookups):
    """A subquery counting `model` rows per source: no join fan-out when counting two kinds."""
    rows = model.objects.filter(source=OuterRef("pk"), **lookups).order_by().values("source")
    return Coalesce(
        Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0
    )


class SpeakerTypeFilter(admin.SimpleListFilter):
    title = "speaker type"
    parameter_name = "speaker_type"

    def lookups(self, request, model_admin):
        return [("person", "Person"), ("organisation", "Organisation")]

    def queryset(self, request, queryset):
        if self.value() == "person":
            return queryset.filter(speaker_person__isnull=False)
        if self.value() == "organisation":
            return queryset.filter(speaker_organisation__isnull=False)
        return queryset


class EntityTypeFilter(admin.SimpleListFilter):
    title = "entity type"
    parameter_name = "entity_type"

    def lookups(self, request, model_admin):
        return [("person", "Person"), ("organisation", "Organisation"), ("operation", "Operation")]

    def queryset(self, request, queryset):
        if self.value() in ("person", "organisation", "operation"):
            return queryset.filter(**{f"{self.value()}__isnull": False})
        return queryset


class SourceForm(forms.ModelForm):
    url = forms.URLField(max_length=1000, required=False, assume_scheme="https")

    class Meta:
        model = Source
        fields = ["title", "publisher", "kind", "published", "url", "file_name", "text"]

    def clean_text(self):
        text = self.cleaned_data["text"]
        if Source.objects.filter(sha256=sha256_of(text)).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("A source with exactly this text already exists.")
        return text


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class SourceStatementInline(ReadOnlyInline):
    """A source's statements, read-only here: each links to its own page."""

    model = Statement
    fields = ["text", "speaker", "said_on", "review_status"]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("speaker_person", "speaker_organisation")
            .order_by("span_start")
        )

    @admin.display(description="Speaker")
    def speaker(self, obj):
        return obj.speaker


class MentionInline(ReadOnlyInline):
    model = Mention
    fields = ["text", "entity_link", "label", "span_start", "span_end"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "organisation", "operation")

    @admin.display(description="Record")
    def entity_link(self, obj):
        return format_html('<a href="{}">{}</a>', admin_url(obj.entity), obj.entity)


@admin.register(Source)
class SourceAdmin(SafeHistoryAdmin):
    form = SourceForm
    list_display = [
        "title",
        "publisher",
        "kind",
        "published",
        "file_name",
        "statement_count",
        "mention_count",
    ]
    list_filter = ["kind", ("publisher", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["publisher"]
    search_fields = ["title", "url", "file_name", "publisher__name"]
    date_hierarchy = "published"
    autocomplete_fields = ["publisher"]
    readonly_fields = ["sha256", "ingested_at", "updated_at", "reader"]
    inlines = [SourceStatementInline, MentionInline]

    class Media:
        css = CURATION_CSS

    def get_queryset(self, request):
        # Texts can be megabytes: load one only where it is shown (the reader).
        return (
            super()
            .get_queryset(request)
            .defer("text")
            .annotate(statement_count=count_of(Statement), mention_count=count_of(Mention))
        )

    def get_inlines(self, request, obj):
        # A new source has no statements or mentions yet.
        return self.inlines if obj is not None else []

    def get_fieldsets(self, request, obj=None):
        about = ["title", "publisher", "kind", "published", "url", "file_name"]
        if obj is None:
            return [(None, {"fields": [*about, "text"]})]
        # Mentions and statements point into the text by offset, so it is not edited here.
        return [
            (None, {"fields": about}),
            ("Reader", {"fields": ["reader"], "classes": ["wide"]}),
            ("Record", {"fields": ["sha256", "ingested_at", "updated_at"]}),
        ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.sha256 = sha256_of(obj.text)
        super().save_model(request, obj, form, change)

    @admin.display(description="Statements", ordering="statement_count")
    def statement_count(self, obj):
        return obj.statement_count

    @admin.display(description="Mentions", ordering="mention_count")
    def mention_count(self, obj):
        return obj.mention_count

    @admin.display(description="Text")
    def reader(self, obj):
        # The key uses the reader's own classes, so it shows the reader's colours.
        statuses = [("pending", "statement"), ("verified", "verified"), ("rejected", "rejected")]
        kinds = ["person", "organisation", "operation"]
        legend = format_html(
            '<p class="reader-legend">{}{}</p>',
            format_html_join(
                "",
                '<span><mark class="statement status-{}">{}</mark></span>',
                statuses,
            ),
            format_html_join(
                "", '<span><a class="mention mention-{}">{}</a></span>', ((k, k) for k in kinds)
            ),
        )
        return format_html("{}{}", legend, render_source(obj))


class StatementForm(forms.ModelForm):
    class Meta:
        model = Statement
        fields = [
            "text",
            "kind",
            "speaker_person",
            "speaker_organisation",
            "cue",
            "said_on",
            "venue",
            "reported_by",
            "source",
            "span_start",
            "span_end",
            "about_people",
            "about_organisations",
            "operations",
            "review_status",
            "confidence",
        ]

    def clean(self):
        data = super().clean()
        source, start, end = data.get("source"), data.get("span_start"), data.get("span_end")
        if source and start is not None and end is not None:
            text = Source.objects.filter(pk=source.pk).values_list("text", flat=True).get()
            if not 0 <= start < end <= len(text):
                raise forms.ValidationError(
                    f"The span must lie inside the source text (0 to {len(text)} characters)."
                )
        return data


def passage_with_link(obj, anchor: str, **options):
    """The passage a statement or mention spans, and a link to it in the source reader."""
    if obj.pk is None:
        return "—"
    text = Source.objects.filter(pk=obj.source_id).values_list("text", flat=True).get()
    return format_html(
        '{}<p><a href="{}#{}-{}">Open in the source reader</a></p>',
        passage(text, obj.span_start, obj.span_end, **options).as_html(),
        admin_url(obj.source),
        anchor,
        obj.pk,
    )


@admin.register(Statement)
class StatementAdmin(MeasuredConfidence, ReviewAdmin):
    confidence_kind = "statement"
    form = StatementForm
    # Speaker type is a filter, not a column: the list then fits a 1,000 px window.
    list_display = [
        "short_text",
        "speaker",
        "kind",
        "said_on",
        "source_title",
        "review_status",
        "confidence",
    ]
    list_filter = [
        "review_status",
        "curated",
        "kind",
        SpeakerTypeFilter,
        ("source__publisher", admin.RelatedOnlyFieldListFilter),
        ("reported_by", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["speaker_person", "speaker_organisation", "source", "reported_by"]
    search_fields = ["text", "speaker_person__name", "speaker_organisation__name", "source__title"]
    date_hierarchy = "said_on"
    autocomplete_fields = [
        "speaker_person",
        "speaker_organisation",
        "source",
        "reported_by",
        "about_people",
        "about_organisations",
        "operations",
    ]
    readonly_fields = ["passage_in_context"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "text",
                    "kind",
                    ("speaker_person", "speaker_organisation"),
                    "cue",
                    "said_on",
                    "venue",
                    "reported_by",
                ]
            },
        ),
        ("Source", {"fields": ["source", ("span_start", "span_end"), "passage_in_context"]}),
        ("About", {"fields": ["about_people", "about_organisations", "operations"]}),
        (
            "Review",
            {
                "fields": [
                    *("review_status", "confidence", "confidence_evidence"),
                    *("reviewed_by", "reviewed_at", "curated"),
                ]
            },
        ),
    ]

    class Media:
        css = CURATION_CSS

    def get_queryset(self, request):
        return super().get_queryset(request).defer("source__text")

    def get_search_results(self, request, queryset, search_term):
        # Also match speakers by accent- and case-folded names and aliases.
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            found |= queryset.by_speaker_name(search_term)
        return found, may_have_duplicates

    @admin.display(description="Statement", ordering="text")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 100 else obj.text[:99] + "…"

    @admin.display(description="Source", ordering="source__title")
    def source_title(self, obj):
        # Titles run to 200 characters, some joined by no-break spaces that never wrap.
        title = obj.source.title
        return title if len(title) <= 60 else title[:59] + "…"

    @admin.display(description="Speaker")
    def speaker(self, obj):
        return obj.speaker

    @admin.display(description="Passage in context")
    def passage_in_context(self, obj):
        return passage_with_link(obj, "statement", context=500)


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["text", "entity", "label", "source", "span_start", "span_end", "confidence"]
    list_filter = ["label", EntityTypeFilter]
    list_select_related = ["person", "organisation", "operation", "source"]
    search_fields = ["text", "source__title"]
    autocomplete_fields = ["source", "person", "organisation", "operation"]
    readonly_fields = ["passage_in_context"]

    class Media:
        css = CURATION_CSS

    def get_queryset(self, request):
        return super().get_queryset(request).defer("source__text")

    @admin.display(description="Record")
    def entity(self, obj):
        return obj.entity

    @admin.display(description="Passage in context")
    def passage_in_context(self, obj):
        return passage_with_link(obj, "mention")
