"""Review status and provenance shared by every curated model, and the two rules that go with
them: who may see unverified records, and what a staff write records.

Machine-extracted rows start `pending`; staff verify or reject them. A row that staff
reviewed or edited is `curated`, and ingestion never overwrites or deletes it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "Pending review"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"


def acting_user(user):
    """The user to record as reviewer or author of a change: None for an anonymous or absent
    one (a foreign key cannot hold AnonymousUser)."""
    return user if user is not None and user.is_authenticated else None


def can_see_unverified(user, model) -> bool:
    """Whether `user` may see every row of `model`, not just verified ones: the one rule the
    API, the exports, the research views and the admin ask."""
    opts = model._meta
    return bool(
        acting_user(user) is not None and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    )


def can_review(user) -> bool:
    """Whether `user` may verify or reject records (in the admin or by a write to the API)."""
    return user.has_perm("curation.review_records")


def related_visible(queryset, field: str, model, user):
    """`queryset` without rows whose `field` points to a `model` row `user` may not see; rows
    whose `field` is empty (where it may be) stay."""
    if can_see_unverified(user, model):
        return queryset
    condition = Q(**{f"{field}__in": model.objects.visible_to(user)})
    if queryset.model._meta.get_field(field).null:
        condition |= Q(**{f"{field}__isnull": True})
    return queryset.filter(condition)


class ReviewQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(review_status=ReviewStatus.VERIFIED)

    def pending(self):
        return self.filter(review_status=ReviewStatus.PENDING)

    def status_counts(self) -> dict[str, int]:
        """How many rows have each review status, every status listed: {"pending": 3, ...}."""
        found = dict(self.order_by().values_list("review_status").annotate(n=models.Count("pk")))
        return {status: found.get(status, 0) for status in ReviewStatus.values}

    def visible_to(self, user):
        """Everything for users who may view this model; only verified rows for the rest."""
        return self if can_see_unverified(user, self.model) else self.verified()


class Reviewable(models.Model):
    review_status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Set when staff review or edit the row: ingestion leaves curated rows alone.
    curated = models.BooleanField(default=False)
    # 0..1 for machine-made rows, calibrated on the development set (sources/ingest/
    # confidence.py); null for rows a person made. Kept as it was once staff curate the row.
    confidence = models.FloatField(null=True, blank=True, db_index=True)
    # What the confidence rests on: the rules that fired, mentions, label votes, speech cue
    # (`evidence` in the API; Role.evidence is already the sources that state a role).
    confidence_evidence = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        abstract = True

    def mark_curated(self, *, by, status_changed: bool) -> dict:
        """Record a staff write on this row, without saving it: curated, so that ingestion
        leaves it alone, and, when its review status changed, who changed it and when.

        Returns the values set, for a write that passes them on (a serializer's `save()`).
        """
        values = {"curated": True}
        if status_changed:
            values |= {"reviewed_by": acting_user(by), "reviewed_at": timezone.now()}
        for name, value in values.items():
            setattr(self, name, value)
        return values

    def set_review(self, status: str, *, user) -> None:
        """Record a review decision on this row (who and when) and save it."""
        self.review_status = status
        self.mark_curated(by=user, status_changed=True)
        self.save()
