"""Sources (documents), the mentions found in them, and the statements they report."""

import hashlib

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.names import name_key
from core.review import Reviewable
from entities.models import Operation, Organisation, Person
from sources.querysets import SourceQuerySet, StatementQuerySet


class Source(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", "Article"
        READOUT = "readout", "Readout"
        PRESS_RELEASE = "press_release", "Press release"
        TRANSCRIPT = "transcript", "Transcript"
        OTHER = "other", "Other"

    title = models.CharField(max_length=500)
    publisher = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="published"
    )
    url = models.URLField(max_length=1000, blank=True, default="")
    published = models.DateField(null=True, blank=True, db_index=True)
    file_name = models.CharField(max_length=500, blank=True, default="", db_index=True)
    text = models.TextField()
    sha256 = models.CharField(max_length=64, unique=True, editable=False)
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.ARTICLE, db_index=True
    )
    ingested_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["text"])

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "title"]
        constraints = [
            models.CheckConstraint(condition=~Q(sha256=""), name="source_sha256_not_blank"),
        ]

    def __str__(self):
        return self.title


class SpanConstraints:
    """Span rules the database enforces; a trigger also keeps the end inside the source text."""

    @staticmethod
    def ordered(prefix: str):
        return models.CheckConstraint(
            condition=Q(span_start__gte=0) & Q(span_start__lt=models.F("span_end")),
            name=f"{prefix}_span_ordered",
        )


class Mention(models.Model):
    """One passage of a source that names a person, an organisation or an operation."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="mentions")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    operation = models.ForeignKey(
        Operation, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    span_start = models.PositiveIntegerField()
    span_end = models.PositiveIntegerField()
    text = models.CharField(max_length=500)
    label = models.CharField(max_length=20, blank=True, default="")  # the NER label it came from
    confidence = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["source", "span_start"]
        indexes = [models.Index(fields=["source", "span_start"])]
        constraints = [
            SpanConstraints.ordered("mention"),
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, organisation__isnull=True, operation__isnull=True)
                    | Q(person__isnull=True, organisation__isnull=False, operation__isnull=True)
                    | Q(person__isnull=True, organisation__isnull=True, operation__isnull=False)
                ),
                name="mention_exactly_one_entity",
            ),
        ]

    def __str__(self):
        return f"{self.text} [{self.span_start}:{self.span_end}]"

    @property
    def entity(self):
        return self.person or self.organisation or self.operation


class DateBasis(models.TextChoices):
    EXPLICIT = "explicit", "A date the text gives"
    RELATIVE = "relative", "A relative day resolved against the publication date"
    PUBLISHED = "published", "The publication date (no cue of another day)"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class Statement(Reviewable):
    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct (verbatim quote)"
        INDIRECT = "indirect", "Indirect (reported speech)"
        MIXED = "mixed", "Mixed"

    text = models.TextField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DIRECT, db_index=True)
    speaker_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    speaker_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    cue = models.CharField(max_length=100, blank=True, default="")  # the speech verb: "said"
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="statements")
    span_start = models.PositiveIntegerField()
    span_end = models.PositiveIntegerField()
    # Folded text: a statement's identity within its source across re-extractions.
    text_key = models.CharField(max_length=64, editable=False, db_index=True)
    said_on = models.DateField(null=True, blank=True, db_index=True)
    # How said_on was found, so a researcher can leave out inferred dates.
    said_on_basis = models.CharField(
        max_length=12, choices=DateBasis.choices, blank=True, default=""
    )
    said_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, blank=True, default=""
    )
    # Announced for later ("will say", "is expected to tell"): not yet said.
    expected = models.BooleanField(default=False)
    venue = models.CharField(max_length=300, blank=True, default="")
    reported_by = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="reported"
    )
    about_people = models.ManyToManyField(Person, blank=True, related_name="statements_about")
    about_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="statements_about"
    )
    operations = models.ManyToManyField(Operation, blank=True, related_name="statements")
    history = HistoricalRecords()

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["-said_on", "-id"]
        indexes = [
            models.Index(fields=["speaker_person", "said_on"]),
            models.Index(fields=["speaker_organisation", "said_on"]),
            models.Index(fields=["source", "span_start"]),
            models.Index(fields=["review_status", "said_on"]),
        ]
        constraints = [
            SpanConstraints.ordered("statement"),
            models.CheckConstraint(
                condition=(
                    Q(speaker_person__isnull=False, speaker_organisation__isnull=True)
                    | Q(speaker_person__isnull=True, speaker_organisation__isnull=False)
                ),
                name="statement_exactly_one_speaker",
            ),
            models.UniqueConstraint(fields=["source", "text_key"], name="statement_unique_text"),
        ]

    def __str__(self):
        return f"{self.speaker}: {self.text[:80]}"

    def save(self, *args, **kwargs):
        self.text_key = statement_key(self.text)
        super().save(*args, **kwargs)

    @property
    def speaker(self):
        return self.speaker_person or self.speaker_organisation

    @property
    def speaker_type(self) -> str:
        return "person" if self.speaker_person_id else "organisation"


def statement_key(text: str) -> str:
    """A hash of the folded statement text, stable across whitespace and quote styles."""
    return hashlib.sha256(name_key(text).encode()).hexdigest()
