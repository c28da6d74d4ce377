"""Payloads of the research endpoints.

The research functions return plain rows; these serializers only turn dates into text and
describe the shapes for the OpenAPI schema (they don't query, except the statement payloads,
which reuse the statement list's serializer and its embeds: three queries for all of them).
"""

from django.db.models import Case, F, Func, TextField, Value, When
from django.urls import reverse
from rest_framework import serializers

from core.api.serializers import BriefSerializer
from core.review import ReviewStatus
from entities.api.serializers import RoleSerializer
from entities.models import Participation
from research.api.renderers import RawJSON, dumps
from research.dates import Precision
from research.network import EDGE_KINDS, MAX_SOURCES, MAX_STATEMENTS, NODE_TYPES
from research.timeline import Encoded, Kind
from sources.api.serializers import EntitySerializer, SpeakerSerializer, StatementSerializer


def iso(value):
    return value.isoformat() if value is not None else None


class DatedSourceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    published = serializers.DateField(allow_null=True)


class PassageSpanSerializer(serializers.Serializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField()


class TimelineOperationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)


class TimelineItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.CHOICES)
    id = serializers.IntegerField(help_text="The record's id (of the kind's own endpoint).")
    date = serializers.DateField(allow_null=True)
    date_precision = serializers.ChoiceField(choices=Precision.CHOICES)
    text = serializers.CharField()
    speaker = SpeakerSerializer(allow_null=True)
    source = DatedSourceSerializer(allow_null=True)
    organisation = BriefSerializer(allow_null=True)
    span = PassageSpanSerializer(
        allow_null=True, help_text="Where the passage is in the source text."
    )
    mention = serializers.IntegerField(
        allow_null=True, help_text="For a source: its first mention of the operation."
    )
    review_status = serializers.ChoiceField(choices=ReviewStatus.choices, allow_null=True)
    url = serializers.URLField(
        help_text="The record in the API: the statement, the source, the (sub-)operation, or "
        "the organisation taking part."
    )

    def to_representation(self, instance, lists=None):
        source = instance["source"]
        if source is not None:
            source = {**source, "published": iso(source["published"])}
        if instance["kind"] == Kind.PARTICIPATION:
            url = f"{lists['organisation']}{instance['organisation']['id']}/"
        else:
            url = f"{lists[ITEM_LISTS[instance['kind']]]}{instance['id']}/"
        return {**instance, "date": iso(instance["date"]), "source": source, "url": url}


# The list endpoint whose detail URL each kind of timeline item links to.
ITEM_LISTS = {
    Kind.STATEMENT: "statement",
    Kind.SOURCE: "source",
    Kind.SUB_OPERATION: "operation",
    Kind.START: "operation",
    Kind.END: "operation",
}


def list_urls(request) -> dict:
    """The list endpoints' URLs that timeline items link into (each item adds its id)."""
    # Each once: reversing a URL per item would cost more than the item.
    return {
        name: request.build_absolute_uri(reverse(f"{name}-list"))
        for name in ("statement", "source", "operation", "organisation")
    }


class TimelineSerializer(serializers.Serializer):
    operation = TimelineOperationSerializer()
    items = TimelineItemSerializer(many=True)

    def to_representation(self, instance):
        operation = instance.operation
        item = TimelineItemSerializer()
        lists = list_urls(self.context["request"])
        items = instance.items
        if any(isinstance(row, Encoded) for row in items):
            # Some written by the database: the rest joins them as text (ResearchJSONRenderer).
            written = (
                row.json if isinstance(row, Encoded) else dumps(item.to_representation(row, lists))
                for row in items
            )
            items = RawJSON(f"[{','.join(written)}]")
        else:
            items = [item.to_representation(row, lists) for row in items]
        return {
            "operation": {
                "id": operation.pk,
                "name": operation.name,
                "start_date": iso(operation.start_date),
                "end_date": iso(operation.end_date),
            },
            "items": items,
        }


class JSONOf(Func):
    """A string as JSON text (`null` for NULL), on PostgreSQL."""

    template = "COALESCE(TO_JSON(%(expressions)s)::text, 'null')"
    output_field = TextField()


class JSONNumber(JSONOf):
    """An integer as JSON text: its digits (TO_JSON looks up the type on every call)."""

    template = "COALESCE((%(expressions)s)::text, 'null')"


class JSONDate(JSONOf):
    """A date as JSON text, as `iso()` writes it."""

    template = "COALESCE('\"' || TO_CHAR(%(expressions)s, 'YYYY-MM-DD') || '\"', 'null')"


class Text(Func):
    """A literal piece of JSON text."""

    template = "%(expressions)s::text"
    output_field = TextField()


def json_text(*parts) -> Func:
    """`parts` joined as one text: strings are written as they are, expressions as given."""
    pieces = [Text(Value(part)) if isinstance(part, str) else part for part in parts]
    return Func(*pieces, template="(%(expressions)s)", arg_joiner=" || ", output_field=TextField())


def statement_item_json(statement_list: str) -> Func:
    """A statement's timeline item as JSON text, for PostgreSQL to write (build_timeline's
    `encode`): the object TimelineItemSerializer makes of timeline.statement_items' dict,
    with its keys in the same order; `statement_list` is the statements' list URL."""

    def speaker(kind):
        return json_text(
            '{"id":',
            JSONNumber(F(f"speaker_{kind}_id")),
            f',"type":"{kind}","name":',
            JSONOf(F(f"speaker_{kind}__name")),
            "}",
        )

    precision = Case(
        When(said_on__isnull=False, then=Text(Value(dumps(Precision.DAY)))),
        When(source__published__isnull=False, then=Text(Value(dumps(Precision.SOURCE_DATE)))),
        default=Text(Value(dumps(Precision.UNKNOWN))),
        output_field=TextField(),
    )
    return json_text(
        f'{{"kind":{dumps(Kind.STATEMENT)},"id":',
        JSONNumber(F("pk")),
        ',"date":',
        JSONDate(F("placed")),
        ',"date_precision":',
        precision,
        ',"text":',
        JSONOf(F("text")),
        ',"speaker":',
        Case(
            When(speaker_person_id__isnull=False, then=speaker("person")),
            default=speaker("organisation"),
            output_field=TextField(),
        ),
        ',"source":{"id":',
        JSONNumber(F("source_id")),
        ',"title":',
        JSONOf(F("source__title")),
        ',"published":',
        JSONDate(F("source__published")),
        '},"organisation":null,"span":{"start":',
        JSONNumber(F("span_start")),
        ',"end":',
        JSONNumber(F("span_end")),
        '},"review_status":',
        JSONOf(F("review_status")),
        ',"mention":null,"url":',
        dumps(statement_list)[:-1],  # the URL's opening quote and text, then the id
        JSONNumber(F("pk")),
        '/"}',
    )


class MonthSerializer(serializers.Serializer):
    month = serializers.CharField(allow_null=True, help_text="`YYYY-MM`; null for undated.")
    count = serializers.IntegerField()


class OperationGroupSerializer(serializers.Serializer):
    operation = BriefSerializer(allow_null=True, help_text="Null: about no operation.")
    statement_count = serializers.IntegerField()
    first_date = serializers.DateField(allow_null=True)
    last_date = serializers.DateField(allow_null=True)
    statements = StatementSerializer(
        many=True, help_text="The newest `per_operation` statements, oldest first."
    )


class RecordParticipationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    operation = BriefSerializer()
    part = serializers.ChoiceField(choices=Participation.Part.choices)
    source = DatedSourceSerializer(allow_null=True)
    review_status = serializers.ChoiceField(choices=ReviewStatus.choices)


class CountedOrganisationSerializer(serializers.Serializer):
    organisation = BriefSerializer()
    count = serializers.IntegerField()


class CountedEntitySerializer(serializers.Serializer):
    entity = EntitySerializer(help_text="A person or an organisation.")
    count = serializers.IntegerField()


class RecordSerializer(serializers.Serializer):
    speaker = SpeakerSerializer()
    statement_count = serializers.IntegerField()
    per_month = MonthSerializer(many=True)
    operations = OperationGroupSerializer(many=True)
    roles = RoleSerializer(many=True)
    participations = RecordParticipationSerializer(
        many=True, help_text="An organisation's parts in operations (empty for a person)."
    )
    reported_by = CountedOrganisationSerializer(many=True)
    mentions = CountedEntitySerializer(
        many=True, help_text="The people and organisations its statements are about most."
    )

    def to_representation(self, record):
        rows = record.statement_rows
        ordered = list(rows.values())
        payloads = StatementSerializer(many=True, context=self.context).to_representation(ordered)
        payloads = {row["id"]: payload for row, payload in zip(ordered, payloads, strict=True)}
        return {
            "speaker": {
                "id": record.speaker.pk,
                "type": record.speaker_type,
                "name": record.speaker.name,
            },
            "statement_count": record.statement_count,
            "per_month": [
                {
                    "month": row["month"].strftime("%Y-%m") if row["month"] else None,
                    "count": row["count"],
                }
                for row in record.per_month
            ],
            "operations": [
                {
                    **group,
                    "first_date": iso(group["first_date"]),
                    "last_date": iso(group["last_date"]),
                    "statements": [payloads[pk] for pk in group["statements"]],
                }
                for group in record.operations
            ],
            "roles": RoleSerializer(record.roles, many=True, context=self.context).data,
            "participations": [
                {
                    "id": part.pk,
                    "operation": {"id": part.operation_id, "name": part.operation.name},
                    "part": part.part,
                    "source": {
                        "id": part.source_id,
                        "title": part.source.title,
                        "published": iso(part.source.published),
                    }
                    if part.source_id
                    else None,
                    "review_status": part.review_status,
                }
                for part in record.participations
            ],
            "reported_by": record.reported_by,
            "mentions": record.mentions,
        }


class NodeSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="`person:ID`, `organisation:ID` or `operation:ID`.")
    type = serializers.CharField(help_text=f"One of {', '.join(NODE_TYPES)}.")
    record_id = serializers.IntegerField()
    name = serializers.CharField()
    degree = serializers.IntegerField(help_text="Edges drawn to it.")
    weight = serializers.IntegerField(help_text="The weights of its drawn edges, summed.")


class EdgeCountsSerializer(serializers.Serializer):
    statement = serializers.IntegerField(help_text=EDGE_KINDS["statement"])
    sentence = serializers.IntegerField(help_text=EDGE_KINDS["sentence"])
    source = serializers.IntegerField(help_text=EDGE_KINDS["source"])


class EdgeSerializer(serializers.Serializer):
    source = serializers.CharField(help_text="A node id.")
    target = serializers.CharField(help_text="A node id.")
    weight = serializers.IntegerField(help_text="Its co-occurrences of every kind, summed.")
    counts = EdgeCountsSerializer()
    statements = serializers.ListField(
        child=serializers.IntegerField(), help_text="Ids of the statements behind the edge."
    )
    sources = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Ids of the sources where both are named (sentence and source edges).",
    )


class NetworkSerializer(serializers.Serializer):
    nodes = NodeSerializer(many=True)
    edges = EdgeSerializer(many=True)
    truncated = serializers.BooleanField(
        help_text=f"More than the newest {MAX_STATEMENTS:,} statements or {MAX_SOURCES:,} "
        "sources were in scope: only those were read. Narrow it with `operation`, `source` "
        "or dates."
    )

    def to_representation(self, network):
        return {
            "nodes": network.nodes,
            "edges": RawJSON(network.edges_json()),  # see ResearchJSONRenderer
            "truncated": network.truncated,
        }
