"""Endpoints of statements, sources and mentions."""

from django.db.models import Q

from core.api.errors import Conflict
from core.api.viewsets import RecordViewSet
from core.review import ReviewStatus
from entities.models import Operation, Organisation, Person
from sources.api import filters, serializers
from sources.api.jsonld import ClaimExport
from sources.models import Mention, Source, Statement


class StatementViewSet(ClaimExport, RecordViewSet):
    """Who said what, when, in which source. Newest first by date said (undated last)."""

    serializer_class = serializers.StatementSerializer
    write_serializer_class = serializers.StatementWriteSerializer
    filterset_class = filters.StatementFilter

    def get_queryset(self):
        # A statement is shown only with its speaker (see StatementQuerySet.visible_to).
        queryset = Statement.objects.visible_to(self.request.user).order_by("-said_on")
        if self.action == "list":
            # A page is read as plain rows: 51 statements and their speakers as model instances
            # cost more than the SQL (1.1 ms against 0.2 on SQLite).
            rows = queryset.values(*serializers.STATEMENT_ROW)
            return rows.with_embeds(user=self.request.user)
        return self.with_related(queryset)

    def with_related(self, queryset):
        # Only the speaker is joined; the rest is built in the same query on PostgreSQL, or
        # read by the serializer for the whole page.
        return (
            queryset.select_related("speaker_person", "speaker_organisation")
            .only(*serializers.STATEMENT_ROW)
            .with_embeds(user=self.request.user)
        )


class SourceViewSet(RecordViewSet):
    """Documents: articles, readouts, press releases. Newest first (undated last)."""

    serializer_class = serializers.SourceSerializer
    detail_serializer_class = serializers.SourceDetailSerializer
    write_serializer_class = serializers.SourceWriteSerializer
    filterset_class = filters.SourceFilter

    def get_serializer_class(self):
        if self.request is not None and self.request.method in ("PUT", "PATCH"):
            return serializers.SourceUpdateSerializer
        return super().get_serializer_class()

    def get_queryset(self):
        queryset = self.with_related(Source.objects.all()).order_by("-published")
        # The text can be long: only the detail view shows it.
        return queryset.defer("text") if self.action == "list" else queryset

    def with_related(self, queryset):
        return queryset.select_related("publisher")

    def perform_destroy(self, instance):
        # Staff work would go with the source (statements cascade): refuse, as for a person.
        kept = instance.statements.filter(
            Q(review_status=ReviewStatus.VERIFIED) | Q(curated=True)
        ).count()
        if kept:
            raise Conflict(
                f"Other records depend on this source: {kept} verified or curated "
                "statement(s). Reject or delete them first."
            )
        super().perform_destroy(instance)


class MentionViewSet(RecordViewSet):
    """Passages of a source that name a person, an organisation or an operation."""

    serializer_class = serializers.MentionSerializer
    write_serializer_class = serializers.MentionWriteSerializer
    filterset_class = filters.MentionFilter

    def get_queryset(self):
        queryset = Mention.objects.all()
        for field, model in (
            ("person", Person),
            ("organisation", Organisation),
            ("operation", Operation),
        ):
            queryset = self.related_visible(queryset, field, model)
        return self.with_related(queryset).order_by("pk")

    def with_related(self, queryset):
        return queryset.select_related("source", "person", "organisation", "operation").defer(
            "source__text"
        )
