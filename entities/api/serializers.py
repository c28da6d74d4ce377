"""Payloads of people, organisations, operations and roles.

Read serializers only shape rows the view has already loaded (no queries); a related record
the client may not see (not verified, for anonymous clients) is shown as null.
"""

from django.db.models import Prefetch
from rest_framework import serializers

from core.api.serializers import BriefSerializer, SpanSerializer, confidence_fields, related
from core.names import name_key
from entities.models import Operation, Organisation, Participation, Person, Role, RoleEvidence


class NamedSerializer(serializers.ModelSerializer):
    merged_into = BriefSerializer(read_only=True, allow_null=True)
    confidence, evidence = confidence_fields().values()

    class Meta:
        fields = [
            *("id", "name", "aliases", "disambiguation", "description", "country"),
            *("wikidata_id", "merged_into", "review_status", "confidence", "evidence"),
            *("created_at", "updated_at"),
        ]
        read_only_fields = fields


class PersonSerializer(NamedSerializer):
    class Meta(NamedSerializer.Meta):
        model = Person


class OrganisationSerializer(NamedSerializer):
    parent = BriefSerializer(read_only=True, allow_null=True)

    class Meta(NamedSerializer.Meta):
        model = Organisation
        fields = [*NamedSerializer.Meta.fields, "kind", "parent"]
        read_only_fields = fields


class ParticipantSerializer(serializers.Serializer):
    """An organisation taking part in an operation, and how."""

    id = serializers.IntegerField(source="organisation_id", read_only=True)
    name = serializers.CharField(source="organisation.name", read_only=True)
    part = serializers.ChoiceField(choices=Participation.Part.choices, read_only=True)

    def to_representation(self, instance):
        return {
            "id": instance.organisation_id,
            "name": instance.organisation.name,
            "part": instance.part,
        }


class OperationSerializer(NamedSerializer):
    parent = BriefSerializer(read_only=True, allow_null=True)
    participants = ParticipantSerializer(source="participations", many=True, read_only=True)
    target_people = BriefSerializer(many=True, read_only=True)
    target_organisations = BriefSerializer(many=True, read_only=True)

    class Meta(NamedSerializer.Meta):
        model = Operation
        fields = [
            *NamedSerializer.Meta.fields,
            *("kind", "start_date", "end_date", "location", "parent", "participants"),
            *("target_people", "target_organisations"),
        ]
        read_only_fields = fields


class SourceBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)

    def to_representation(self, instance):
        return {"id": instance.pk, "title": instance.title}


def evidence_prefetch() -> Prefetch:
    """The sources stating each role, read in one more query (RoleSerializer shows them)."""
    evidence = RoleEvidence.objects.select_related("source").only(
        *("role_id", "span_start", "span_end", "source__id", "source__title")
    )
    return Prefetch("evidence", queryset=evidence)


def with_evidence(roles):
    """Roles with the sources stating them (see evidence_prefetch)."""
    return roles.prefetch_related(evidence_prefetch())


class EvidenceSerializer(serializers.Serializer):
    """A source that states the role, and where."""

    source = SourceBriefSerializer(read_only=True)
    span = SpanSerializer(source="*", read_only=True, allow_null=True)


class RoleSerializer(serializers.ModelSerializer):
    person = BriefSerializer(read_only=True)
    organisation = BriefSerializer(read_only=True, allow_null=True)
    source = SourceBriefSerializer(
        read_only=True,
        allow_null=True,
        help_text="The source whose passage `span` points to: with `?source=ID`, that source; "
        "otherwise the first to state the role.",
    )
    span = SpanSerializer(source="*", read_only=True, allow_null=True)
    sources = EvidenceSerializer(
        source="evidence", many=True, read_only=True, help_text="Every source stating the role."
    )
    confidence, evidence = confidence_fields().values()

    class Meta:
        model = Role
        fields = [
            *("id", "person", "organisation", "title", "start_date", "end_date"),
            *("source", "span", "sources", "certainty", "review_status"),
            *("confidence", "evidence", "created_at", "updated_at"),
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        stated_in = self.context.get("stated_in")
        shown = next((e for e in data["sources"] if e["source"]["id"] == stated_in), None)
        if shown is not None:
            data["source"], data["span"] = shown["source"], shown["span"]
        return data


# --- Writes: the model's own field names, relations as ids ----------------------------


class NamedWriteSerializer(serializers.ModelSerializer):
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, max_length=200
    )

    class Meta:
        # Not merged_into: a merge goes through the merge workflow, which records it (with
        # the aliases and links it moves) so that it can be undone.
        fields = [
            *("name", "aliases", "disambiguation", "description", "country"),
            *("wikidata_id", "review_status", "confidence"),
        ]

    def get_fields(self):
        fields = super().get_fields()
        if "parent" in fields:
            model = self.Meta.model
            fields["parent"] = related(model.objects.all(), required=False, allow_null=True)
        return fields

    def validate_name(self, value):
        if not name_key(value):
            raise serializers.ValidationError("A name needs at least one letter or digit.")
        return value

    def validate(self, attrs):
        instance = self.instance
        model = self.Meta.model
        name = attrs.get("name", getattr(instance, "name", ""))
        disambiguation = attrs.get("disambiguation", getattr(instance, "disambiguation", ""))
        namesakes = model.objects.filter(name_key=name_key(name), disambiguation=disambiguation)
        if instance is not None:
            namesakes = namesakes.exclude(pk=instance.pk)
        if namesakes.exists():
            raise serializers.ValidationError(
                {"name": ["A record with this name exists; set disambiguation for a namesake."]}
            )
        if instance is not None and attrs.get("parent") == instance:
            raise serializers.ValidationError({"parent": ["A record cannot point to itself."]})
        if "merged_into" in self.initial_data:
            message = "Read-only: merge records in the admin (action Merge), which can undo it."
            raise serializers.ValidationError({"merged_into": [message]})
        return attrs


class PersonWriteSerializer(NamedWriteSerializer):
    class Meta(NamedWriteSerializer.Meta):
        model = Person


class OrganisationWriteSerializer(NamedWriteSerializer):
    class Meta(NamedWriteSerializer.Meta):
        model = Organisation
        fields = [*NamedWriteSerializer.Meta.fields, "kind", "parent"]


class OperationWriteSerializer(NamedWriteSerializer):
    target_people = related(Person.objects.all(), many=True, required=False)
    target_organisations = related(Organisation.objects.all(), many=True, required=False)

    class Meta(NamedWriteSerializer.Meta):
        model = Operation
        fields = [
            *NamedWriteSerializer.Meta.fields,
            *("kind", "start_date", "end_date", "location", "parent"),
            *("target_people", "target_organisations"),
        ]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end_date": ["Ends before it starts."]})
        return attrs


class RoleWriteSerializer(serializers.ModelSerializer):
    person = related(Person.objects.all())
    organisation = related(Organisation.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Role
        fields = [
            *("person", "organisation", "title", "start_date", "end_date", "source"),
            *("span_start", "span_end", "certainty", "review_status", "confidence"),
        ]

    def get_fields(self):
        fields = super().get_fields()
        fields["source"] = related(
            Role._meta.get_field("source").related_model.objects.all(),
            required=False,
            allow_null=True,
        )
        return fields

    def validate(self, attrs):
        attrs = super().validate(attrs)
        start = attrs.get("span_start", getattr(self.instance, "span_start", None))
        end = attrs.get("span_end", getattr(self.instance, "span_end", None))
        if start is not None and (end is None or start >= end):
            raise serializers.ValidationError({"span_end": ["Must be after span_start."]})
        return attrs
