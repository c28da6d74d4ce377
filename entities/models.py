"""People, organisations and operations, and what links them (roles, participations)."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from simple_history.models import HistoricalRecords

from core.names import name_key, search_text
from core.review import Reviewable, ReviewQuerySet

wikidata_id_validator = RegexValidator(r"^Q[1-9]\d*$", "A Wikidata id looks like Q42.")


class Confidence(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class NamedQuerySet(ReviewQuerySet):
    def search(self, query: str):
        """Rows whose name or an alias contains `query`, ignoring accents and case."""
        return self.filter(search_text__contains=name_key(query))

    def known_as(self, keys: set[str]):
        """Rows whose name or one of its aliases folds to one of `keys` (folded names):
        `search_text` is the folded forms joined with " | "."""
        query = Q()
        for key in keys:
            query |= (
                Q(name_key=key)
                | Q(search_text=key)
                | Q(search_text__startswith=f"{key} |")
                | Q(search_text__endswith=f"| {key}")
                | Q(search_text__contains=f"| {key} |")
            )
        return self.filter(query) if keys else self.none()

    def with_surname(self, surname: str):
        """Rows whose folded name ends with `surname` ("roe" finds "jane roe")."""
        return self.filter(name_key__endswith=f" {surname}")

    def mentioned_in(self, source_id):
        return self.filter(mentions__source_id=source_id).distinct()


class OperationQuerySet(NamedQuerySet):
    def under_way_after(self, day):
        """Operations that end on or after `day`, or start on or after it when the end is
        unknown."""
        return self.filter(Q(end_date__gte=day) | Q(end_date__isnull=True, start_date__gte=day))

    def joined_by(self, organisation_id: int, *, user):
        """Operations the organisation takes part in, as far as `user` may see it and its
        participations."""
        participations = Participation.objects.visible_to(user).filter(
            organisation__in=Organisation.objects.visible_to(user).filter(pk=organisation_id)
        )
        return self.filter(pk__in=participations.values("operation_id"))


class RoleQuerySet(ReviewQuerySet):
    def stated_in(self, source_id: int):
        """Roles the source states: as the first source to state them, or any later one."""
        stated = RoleEvidence.objects.filter(role=OuterRef("pk"), source_id=source_id)
        return self.filter(Q(source_id=source_id) | Exists(stated))


def name_key_constraints(prefix: str) -> list:
    """One record per folded name (a namesake needs a disambiguation), and never a blank one."""
    return [
        models.UniqueConstraint(
            fields=["name_key", "disambiguation"], name=f"{prefix}_unique_name_key"
        ),
        models.CheckConstraint(condition=~Q(name_key=""), name=f"{prefix}_name_not_blank"),
    ]


class NamedEntity(Reviewable):
    """A record with a name, other surface forms of it, and a folded key that is unique."""

    name = models.CharField(max_length=300)
    # Folded name (accents, case, spacing, punctuation): one record per key.
    name_key = models.CharField(max_length=300, editable=False, db_index=True)
    # Filled in by staff only for a genuine namesake ("David Rodríguez", the footballer).
    disambiguation = models.CharField(max_length=100, blank=True, default="")
    aliases = models.JSONField(default=list, blank=True)
    # Denormalised folded name and aliases, so that search works alike on SQLite and PostgreSQL.
    search_text = models.TextField(editable=False, default="")
    description = models.TextField(blank=True, default="")
    country = models.CharField(max_length=100, blank=True, default="")
    wikidata_id = models.CharField(
        max_length=20, blank=True, default="", validators=[wikidata_id_validator]
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )

    objects = NamedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.disambiguation})" if self.disambiguation else self.name

    def save(self, *args, **kwargs):
        self.name = " ".join(self.name.split())
        self.aliases = self.clean_aliases(self.aliases)
        if self.pk:
            # A renamed record keeps its old name as an alias, so ingestion finds it again.
            old = type(self).objects.filter(pk=self.pk).values_list("name", flat=True).first()
            if old and name_key(old) != name_key(self.name):
                self.aliases = self.clean_aliases([*self.aliases, old])
        self.name_key = name_key(self.name)
        self.search_text = search_text(self.name, self.aliases)
        super().save(*args, **kwargs)

    def clean_aliases(self, aliases) -> list[str]:
        """Aliases as distinct strings, none of them the name itself."""
        seen = {name_key(self.name)}
        kept = []
        for alias in aliases or []:
            alias = " ".join(str(alias).split())
            key = name_key(alias)
            if key and key not in seen:
                seen.add(key)
                kept.append(alias)
        return kept

    def add_aliases(self, *names: str) -> bool:
        """Add names as aliases; say whether anything was new."""
        before = list(self.aliases)
        self.aliases = self.clean_aliases([*self.aliases, *names])
        return self.aliases != before

    @property
    def all_names(self) -> list[str]:
        return [self.name, *self.aliases]


class Person(NamedEntity):
    history = HistoricalRecords(excluded_fields=["search_text", "name_key"])

    class Meta(NamedEntity.Meta):
        verbose_name_plural = "people"
        constraints = name_key_constraints("person")


class Organisation(NamedEntity):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", "Government body"
        MILITARY = "military", "Military"
        LAW_ENFORCEMENT = "law_enforcement", "Law enforcement"
        INTELLIGENCE = "intelligence", "Intelligence"
        POLITICAL_PARTY = "political_party", "Political party"
        CRIMINAL_GROUP = "criminal_group", "Criminal group"
        NEWS_OUTLET = "news_outlet", "News outlet"
        INTERNATIONAL = "international", "International body"
        COMPANY = "company", "Company"
        OTHER = "other", "Other"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    history = HistoricalRecords(excluded_fields=["search_text", "name_key"])

    class Meta(NamedEntity.Meta):
        constraints = name_key_constraints("organisation")


class Operation(NamedEntity):
    class Kind(models.TextChoices):
        RAID = "raid", "Raid"
        AIR_STRIKE = "air_strike", "Air strike"
        DRONE_STRIKE = "drone_strike", "Drone strike"
        MARITIME_STRIKE = "maritime_strike", "Maritime strike"
        DEPLOYMENT = "deployment", "Deployment"
        CAMPAIGN = "campaign", "Campaign"
        OTHER = "other", "Other"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    start_date = models.DateField(null=True, blank=True, db_index=True)
    end_date = models.DateField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True, default="")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    participants = models.ManyToManyField(
        Organisation, through="Participation", related_name="operations", blank=True
    )
    target_people = models.ManyToManyField(
        Person, related_name="targeted_by_operations", blank=True
    )
    target_organisations = models.ManyToManyField(
        Organisation, related_name="targeted_by_operations", blank=True
    )
    history = HistoricalRecords(excluded_fields=["search_text", "name_key"])

    objects = OperationQuerySet.as_manager()

    class Meta(NamedEntity.Meta):
        constraints = [
            *name_key_constraints("operation"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="operation_ends_after_start",
            ),
        ]


class Role(Reviewable):
    """A person's position in an organisation, and the source that says so."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="roles"
    )
    title = models.CharField(max_length=200)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    source = models.ForeignKey(
        "sources.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="roles"
    )
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    certainty = models.CharField(
        max_length=10, choices=Confidence.choices, default=Confidence.MEDIUM
    )
    history = HistoricalRecords()

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["person__name", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "title"],
                name="role_unique_person_organisation_title",
            ),
            models.CheckConstraint(
                condition=Q(span_start__isnull=True) | Q(span_start__lt=models.F("span_end")),
                name="role_span_ordered",
            ),
        ]

    def __str__(self):
        where = f" at {self.organisation}" if self.organisation_id else ""
        return f"{self.person}: {self.title}{where}"


class RoleEvidence(models.Model):
    """A passage of a source that states a role: one role, every source that says so."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(
        "sources.Source", on_delete=models.CASCADE, related_name="role_evidence"
    )
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["source_id"]
        constraints = [
            models.UniqueConstraint(fields=["role", "source"], name="role_evidence_unique"),
            models.CheckConstraint(
                condition=Q(span_start__isnull=True) | Q(span_start__lt=models.F("span_end")),
                name="role_evidence_span_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.role} (source {self.source_id})"


class Participation(Reviewable):
    """An organisation's part in an operation, and the source that says so."""

    class Part(models.TextChoices):
        LED = "led", "Led"
        CARRIED_OUT = "carried_out", "Carried out"
        SUPPORTED = "supported", "Supported"
        INTELLIGENCE = "intelligence", "Intelligence"
        OTHER = "other", "Other"

    operation = models.ForeignKey(
        Operation, on_delete=models.CASCADE, related_name="participations"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="participations"
    )
    part = models.CharField(max_length=20, choices=Part.choices, default=Part.OTHER)
    source = models.ForeignKey(
        "sources.Source",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participations",
    )
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "organisation", "part"], name="participation_unique"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.get_part_display()} — {self.operation}"
