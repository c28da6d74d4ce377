"""Payloads of sources, mentions and statements.

A statement embeds what a consumer needs without another call: its speaker, its source,
its operations and who reported it. The view loads the speaker with the statement; the
statement serializers read the rest for a whole page at once (`embeds`). Other read
serializers don't query: their views use select_related / prefetch_related. The statement
dict is built directly, because this payload is the API's hot path (50 rows a page must cost
well under 10 ms over the bare SQL); the declared fields describe it for the schema and the
CSV columns.
"""

import hashlib

from rest_framework import serializers

from core.api.serializers import BriefSerializer, SpanSerializer, confidence_fields, related
from entities.models import Operation, Organisation, Person
from sources.api.embeds import Embeds, load_embeds
from sources.models import DateBasis, DatePrecision, Mention, Source, Statement, statement_key
from sources.querysets import EMBEDDED

# The one list of the columns a statement's payload is built from: a page of the list reads
# them with values(), a single statement with only(). The payload's keys are
# StatementSerializer.Meta.fields; tests/sources/test_api_statements.py holds the two together.
STATEMENT_ROW = [
    *("id", "text", "kind", "said_on", "span_start", "span_end", "review_status", "cue"),
    *("said_on_basis", "said_on_precision", "expected", "confidence", "confidence_evidence"),
    *("venue", "created_at", "source_id", "reported_by_id", "speaker_person_id"),
    *("speaker_person__name", "speaker_organisation_id", "speaker_organisation__name"),
]


def statement_row(statement: Statement) -> dict:
    """A statement instance as the row a list page reads."""
    row = {field: getattr(statement, field) for field in STATEMENT_ROW if "__" not in field}
    for kind in ("speaker_person", "speaker_organisation"):
        row[f"{kind}__name"] = getattr(statement, kind).name if row[f"{kind}_id"] else None
    if hasattr(statement, EMBEDDED):
        row[EMBEDDED] = getattr(statement, EMBEDDED)
    return row


def _speaker(row: dict) -> dict:
    if row["speaker_person_id"]:
        return {
            "id": row["speaker_person_id"],
            "type": "person",
            "name": row["speaker_person__name"],
        }
    return {
        "id": row["speaker_organisation_id"],
        "type": "organisation",
        "name": row["speaker_organisation__name"],
    }


_DATETIME = serializers.DateTimeField()


class SpeakerSerializer(serializers.Serializer):
    """Who said it: a person or an organisation."""

    id = serializers.IntegerField(read_only=True)
    type = serializers.ChoiceField(choices=["person", "organisation"], read_only=True)
    name = serializers.CharField(read_only=True)

    def to_representation(self, instance):
        return _speaker(statement_row(instance))


class EntitySerializer(serializers.Serializer):
    """What a mention names: a person, an organisation or an operation."""

    id = serializers.IntegerField(read_only=True)
    type = serializers.ChoiceField(choices=["person", "organisation", "operation"], read_only=True)
    name = serializers.CharField(read_only=True)

    def to_representation(self, instance):
        for kind in ("person", "organisation", "operation"):
            entity = getattr(instance, kind)
            if entity is not None:
                return {"id": entity.pk, "type": kind, "name": entity.name}
        return None


class StatementSourceSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    publisher = BriefSerializer(read_only=True, allow_null=True)
    published = serializers.DateField(read_only=True, allow_null=True)


class StatementListSerializer(serializers.ListSerializer):
    """A page of statements, with what they embed read once for the whole page."""

    def to_representation(self, data):
        items = data.all() if hasattr(data, "all") else data
        rows = [r if isinstance(r, dict) else statement_row(r) for r in items]
        embeds = load_embeds(rows, self.context)
        return [self.child.payload(row, embeds) for row in rows]


class StatementSerializer(serializers.ModelSerializer):
    said_on_basis = serializers.ChoiceField(
        choices=DateBasis.choices,
        allow_null=True,
        read_only=True,
        help_text="How `said_on` was found: `explicit` (a date the text gives), `relative` "
        '("today", "Monday" counted from the publication date) or `published` (no cue of '
        "another day: the publication date). Null when undated.",
    )
    said_on_precision = serializers.ChoiceField(
        choices=DatePrecision.choices, allow_null=True, read_only=True
    )
    expected = serializers.BooleanField(
        read_only=True,
        help_text='Speech announced for later ("will say", "is expected to tell"), not yet said.',
    )
    span = SpanSerializer(source="*", read_only=True)
    speaker = SpeakerSerializer(source="*", read_only=True)
    source = StatementSourceSerializer(read_only=True)
    operations = BriefSerializer(many=True, read_only=True)
    reported_by = BriefSerializer(read_only=True, allow_null=True)
    confidence, evidence = confidence_fields().values()

    class Meta:
        model = Statement
        list_serializer_class = StatementListSerializer
        fields = [
            *("id", "text", "kind", "said_on", "said_on_basis", "said_on_precision"),
            *("expected", "span", "review_status", "confidence", "evidence", "cue", "venue"),
            *("speaker", "source", "operations", "reported_by", "created_at"),
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        row = statement_row(instance)
        return self.payload(row, load_embeds([row], self.context))

    def payload(self, row: dict, embeds: Embeds) -> dict:
        return {
            "id": row["id"],
            "text": row["text"],
            "kind": row["kind"],
            "said_on": row["said_on"].isoformat() if row["said_on"] else None,
            "said_on_basis": row["said_on_basis"] or None,
            "said_on_precision": row["said_on_precision"] or None,
            "expected": row["expected"],
            "span": {"start": row["span_start"], "end": row["span_end"]},
            "review_status": row["review_status"],
            "confidence": row["confidence"],
            "evidence": row["confidence_evidence"],
            "cue": row["cue"],
            "venue": row["venue"],
            "speaker": _speaker(row),
            "source": embeds.sources[row["source_id"]],
            "operations": embeds.operations.get(row["id"], []),
            "reported_by": embeds.organisations.get(row["reported_by_id"]),
            "created_at": _DATETIME.to_representation(row["created_at"]),
        }


class SourceSerializer(serializers.ModelSerializer):
    publisher = BriefSerializer(read_only=True, allow_null=True)
    url = serializers.CharField(read_only=True, help_text="Where it was published; may be empty.")

    class Meta:
        model = Source
        fields = [
            *("id", "title", "publisher", "url", "published", "kind", "file_name"),
            *("ingested_at", "updated_at"),
        ]
        read_only_fields = fields


class SourceDetailSerializer(SourceSerializer):
    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "sha256", "text"]
        read_only_fields = fields


class MentionSourceSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)

    def to_representation(self, instance):
        return {"id": instance.pk, "title": instance.title}


class MentionSerializer(serializers.ModelSerializer):
    source = MentionSourceSerializer(read_only=True)
    entity = EntitySerializer(source="*", read_only=True)
    span = SpanSerializer(source="*", read_only=True)

    class Meta:
        model = Mention
        fields = ["id", "source", "entity", "span", "text", "label", "confidence"]
        read_only_fields = fields


# --- Writes: the model's own field names, relations as ids ----------------------------


def _span_errors(attrs, instance, source) -> dict:
    start = attrs.get("span_start", getattr(instance, "span_start", None))
    end = attrs.get("span_end", getattr(instance, "span_end", None))
    if start is None or end is None:
        return {}
    if start >= end:
        return {"span_end": ["Must be after span_start."]}
    if source is not None and end > len(source.text):
        return {"span_end": [f"Past the end of the source text ({len(source.text)} characters)."]}
    return {}


class StatementWriteSerializer(serializers.ModelSerializer):
    speaker_person = related(Person.objects.all(), required=False, allow_null=True)
    speaker_organisation = related(Organisation.objects.all(), required=False, allow_null=True)
    source = related(Source.objects.all())
    reported_by = related(Organisation.objects.all(), required=False, allow_null=True)
    operations = related(Operation.objects.all(), many=True, required=False)
    about_people = related(Person.objects.all(), many=True, required=False)
    about_organisations = related(Organisation.objects.all(), many=True, required=False)

    class Meta:
        model = Statement
        fields = [
            *("text", "kind", "speaker_person", "speaker_organisation", "cue", "source"),
            *("span_start", "span_end", "said_on", "venue", "reported_by", "operations"),
            *("about_people", "about_organisations", "review_status", "confidence"),
        ]

    def validate(self, attrs):
        instance = self.instance

        def value(name):
            return attrs.get(name, getattr(instance, name, None))

        errors = {}
        if (value("speaker_person") is None) == (value("speaker_organisation") is None):
            errors["speaker_person"] = ["Give exactly one of speaker_person, speaker_organisation."]
        source = value("source")
        errors |= _span_errors(attrs, instance, source)
        if source is not None and value("text"):
            twins = Statement.objects.filter(source=source, text_key=statement_key(value("text")))
            if instance is not None:
                twins = twins.exclude(pk=instance.pk)
            if twins.exists():
                errors["text"] = ["This source already has this statement."]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class SourceWriteSerializer(serializers.ModelSerializer):
    publisher = related(Organisation.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Source
        fields = ["title", "publisher", "url", "published", "kind", "file_name", "text"]

    def validate(self, attrs):
        if "text" in attrs:
            sha256 = hashlib.sha256(attrs["text"].encode()).hexdigest()
            twins = Source.objects.filter(sha256=sha256)
            if self.instance is not None:
                twins = twins.exclude(pk=self.instance.pk)
            if twins.exists():
                raise serializers.ValidationError({"text": ["A source with this text exists."]})
            attrs["sha256"] = sha256
        return attrs


class SourceUpdateSerializer(SourceWriteSerializer):
    """A source's description. Its text changes only through `load_seeds`, which moves kept
    statements and mentions with their passage (a text changed here would leave their spans
    pointing past it); the admin refuses it too."""

    class Meta(SourceWriteSerializer.Meta):
        fields = [name for name in SourceWriteSerializer.Meta.fields if name != "text"]

    def validate(self, attrs):
        text = self.initial_data.get("text")
        # The unchanged text is accepted, so a client may PUT back what it read.
        if text is not None and text != self.instance.text:
            message = "The text of a source cannot be changed here: load the changed file with "
            raise serializers.ValidationError({"text": [message + "load_seeds."]})
        return attrs


class MentionWriteSerializer(serializers.ModelSerializer):
    source = related(Source.objects.all())
    person = related(Person.objects.all(), required=False, allow_null=True)
    organisation = related(Organisation.objects.all(), required=False, allow_null=True)
    operation = related(Operation.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Mention
        fields = [
            *("source", "person", "organisation", "operation", "span_start", "span_end"),
            *("text", "label", "confidence"),
        ]

    def validate(self, attrs):
        instance = self.instance
        entities = [
            attrs.get(name, getattr(instance, name, None))
            for name in ("person", "organisation", "operation")
        ]
        errors = {}
        if sum(entity is not None for entity in entities) != 1:
            errors["person"] = ["Give exactly one of person, organisation, operation."]
        source = attrs.get("source", getattr(instance, "source", None))
        errors |= _span_errors(attrs, instance, source)
        if errors:
            raise serializers.ValidationError(errors)
        return attrs
