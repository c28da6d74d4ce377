"""Admin for people, organisations, operations, roles and participations."""

from django.contrib import admin
from django.db.models import Count

from curation.admin_base import NamedEntityAdmin, ReadOnlyInline, ReviewAdmin
from entities.models import Operation, Organisation, Participation, Person, Role
from sources.ingest.confidence import precision_measured_at
from sources.models import Statement

REVIEW_FILTERS = ["review_status", "curated"]
NAMED_FIELDS = [
    "name",
    "disambiguation",
    "aliases",
    "description",
    "country",
    "wikidata_id",
    "merged_into",
]
# Only a merge sets `merged_into`; an unmerge clears it.
READONLY = ["merged_into", "merges"]
REVIEW_FIELDSET = (
    "Review",
    {
        "fields": [
            *("review_status", "confidence", "confidence_evidence", "reviewed_by"),
            *("reviewed_at", "curated", "merges"),
        ]
    },
)


class MeasuredConfidence:
    """An admin of records whose confidence is calibrated (sources/ingest/confidence.py): the
    precision measured on the development set, for "verify pending records with confidence
    ≥ X"."""

    confidence_kind = ""  # the calibration's name for these records: "person", "role", ...

    def measured_precision(self, threshold: float) -> dict | None:
        return precision_measured_at(threshold, self.confidence_kind)


class MergedFilter(admin.SimpleListFilter):
    title = "merged"
    parameter_name = "merged"

    def lookups(self, request, model_admin):
        return [("no", "Not merged"), ("yes", "Merged into another")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(merged_into__isnull=self.value() == "no")
        return queryset


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    # No dates here (they are on each role's page, behind "Change"): with them the table was
    # wider than the window, its Source, Review status and Delete columns off-screen.
    fields = ["title", "organisation", "source", "review_status"]
    autocomplete_fields = ["organisation", "source"]
    show_change_link = True

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("person", "organisation", "source")
            .defer("source__text")
        )


class OrganisationRoleInline(RoleInline):
    fields = ["person", "title", "source", "review_status"]
    autocomplete_fields = ["person", "source"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    fields = ["organisation", "part", "source", "review_status"]
    autocomplete_fields = ["organisation", "source"]
    show_change_link = True

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("operation", "organisation", "source")
            .defer("source__text")
        )


class OrganisationParticipationInline(ParticipationInline):
    fields = ["operation", "part", "source", "review_status"]
    autocomplete_fields = ["operation", "source"]


class SpokenStatementInline(ReadOnlyInline):
    """A speaker's statements, read-only here: each links to its own page."""

    model = Statement
    fk_name = "speaker_person"
    fields = ["text", "source", "said_on", "review_status"]
    readonly_fields = fields
    verbose_name_plural = "statements as speaker"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source").defer("source__text")


@admin.register(Person)
class PersonAdmin(MeasuredConfidence, NamedEntityAdmin):
    confidence_kind = "person"
    list_display = [
        "name",
        "aliases_list",
        "country",
        "statement_count",
        "review_status",
        "confidence",
        "curated",
        "merged_into",
    ]
    list_filter = [*REVIEW_FILTERS, MergedFilter, "country"]
    list_select_related = ["merged_into"]
    date_hierarchy = "created_at"
    readonly_fields = READONLY
    fieldsets = [(None, {"fields": NAMED_FIELDS}), REVIEW_FIELDSET]
    inlines = [RoleInline, SpokenStatementInline]

    def get_inlines(self, request, obj):
        # A new person has no statements yet.
        return self.inlines if obj is not None else [RoleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(statement_count=Count("statements"))

    @admin.display(description="Statements", ordering="statement_count")
    def statement_count(self, obj):
        return obj.statement_count


@admin.register(Organisation)
class OrganisationAdmin(MeasuredConfidence, NamedEntityAdmin):
    confidence_kind = "organisation"
    list_display = [
        "name",
        "kind",
        "aliases_list",
        "country",
        "parent",
        "review_status",
        "confidence",
        "curated",
        "merged_into",
    ]
    list_filter = [*REVIEW_FILTERS, MergedFilter, "kind", "country"]
    list_select_related = ["parent", "merged_into"]
    autocomplete_fields = ["parent"]
    readonly_fields = READONLY
    fieldsets = [
        (None, {"fields": [*NAMED_FIELDS[:2], "kind", "parent", *NAMED_FIELDS[2:]]}),
        REVIEW_FIELDSET,
    ]
    inlines = [OrganisationRoleInline, OrganisationParticipationInline]


@admin.register(Operation)
class OperationAdmin(MeasuredConfidence, NamedEntityAdmin):
    confidence_kind = "operation"
    list_display = [
        "name",
        "kind",
        "start_date",
        "end_date",
        "location",
        "parent",
        "review_status",
        "confidence",
        "curated",
    ]
    list_filter = [*REVIEW_FILTERS, MergedFilter, "kind", "country"]
    list_select_related = ["parent"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["parent", "target_people", "target_organisations"]
    readonly_fields = READONLY
    fieldsets = [
        (
            None,
            {
                "fields": [
                    *NAMED_FIELDS[:2],
                    "kind",
                    ("start_date", "end_date"),
                    "location",
                    "parent",
                    "target_people",
                    "target_organisations",
                    *NAMED_FIELDS[2:],
                ]
            },
        ),
        REVIEW_FIELDSET,
    ]
    inlines = [ParticipationInline]


@admin.register(Role)
class RoleAdmin(MeasuredConfidence, ReviewAdmin):
    confidence_kind = "role"
    list_display = [
        "person",
        "title",
        "organisation",
        "start_date",
        "end_date",
        "certainty",
        "source",
        "review_status",
        "confidence",
    ]
    list_filter = [*REVIEW_FILTERS, "certainty", "organisation__kind"]
    list_select_related = ["person", "organisation", "source"]
    search_fields = ["title", "person__name", "person__search_text", "organisation__name"]
    autocomplete_fields = ["person", "organisation", "source"]
    date_hierarchy = "start_date"

    def get_queryset(self, request):
        return super().get_queryset(request).defer("source__text")


@admin.register(Participation)
class ParticipationAdmin(ReviewAdmin):
    list_display = ["operation", "organisation", "part", "source", "review_status"]
    list_filter = [*REVIEW_FILTERS, "part", "operation__kind"]
    list_select_related = ["operation", "organisation", "source"]
    search_fields = ["operation__name", "operation__search_text", "organisation__name"]
    autocomplete_fields = ["operation", "organisation", "source"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("source__text")
