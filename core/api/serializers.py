"""Serializer pieces every app's payloads share: a related record in brief, a passage's span,
a relation written as an id."""

from rest_framework import serializers

from core.review import Reviewable, ReviewStatus


def visible(obj, context) -> bool:
    """Whether a related row may be shown in a payload built with `context`."""
    if obj is None:
        return False
    if not isinstance(obj, Reviewable) or obj.review_status == ReviewStatus.VERIFIED:
        return True
    check = context.get("sees_unverified")
    return bool(check and check(type(obj)))


class BriefSerializer(serializers.Serializer):
    """`{id, name}` of a related record, or null when the client may not see it."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)

    def to_representation(self, instance):
        if not visible(instance, self.context):
            return None
        return {"id": instance.pk, "name": instance.name}


class SpanSerializer(serializers.Serializer):
    """Character offsets `[start, end)` of a passage in its source's text."""

    start = serializers.IntegerField(source="span_start", read_only=True)
    end = serializers.IntegerField(source="span_end", read_only=True)

    def to_representation(self, instance):
        if instance.span_start is None:
            return None
        return {"start": instance.span_start, "end": instance.span_end}


def related(queryset, **kwargs):
    """A relation written as an id; rendered as a text input in the browsable API."""
    return serializers.PrimaryKeyRelatedField(
        queryset=queryset, style={"base_template": "input.html"}, **kwargs
    )


EVIDENCE_HELP = (
    "What `confidence` rests on: the rules that fired, how many mentions, whether the label "
    "votes agreed across the document, the speech cue of a statement; `model` is the "
    "calibration version that weighed it. Empty for records people made."
)
CONFIDENCE_HELP = (
    "How likely the record is right (0 to 1), calibrated on the development set: among "
    "records at 0.8, about 80% are right. Null for records people made; kept, no longer "
    "recomputed, once staff curate the record."
)


def confidence_fields() -> dict:
    """The `confidence` and `evidence` fields every machine-made record's payload has."""
    return {
        "confidence": serializers.FloatField(
            read_only=True, allow_null=True, help_text=CONFIDENCE_HELP
        ),
        "evidence": serializers.JSONField(
            source="confidence_evidence", read_only=True, help_text=EVIDENCE_HELP
        ),
    }
