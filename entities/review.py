"""Review status and provenance shared by every curated model.

Machine-extracted rows start `pending`; staff verify or reject them. A row that staff
reviewed or edited is `curated`, and ingestion never overwrites or deletes it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "Pending review"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"


def sees_unverified(user, model) -> bool:
    """Whether `user` may see every row of `model`, not just verified ones."""
    opts = model._meta
    return bool(
        user is not None
        and user.is_authenticated
        and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    )


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
        return self if sees_unverified(user, self.model) else self.verified()

    def mark_reviewed(self, status: str, *, user) -> int:
        """Set the review status of every row here, recording who and when."""
        return self.update(
            review_status=status, reviewed_by=user, reviewed_at=timezone.now(), curated=True
        )


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
    # 0..1 for machine-made rows; null for rows a person made.
    confidence = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        abstract = True

    def set_review(self, status: str, *, user) -> None:
        """Record a review decision on this row (who and when) and save it."""
        self.review_status = status
        self.reviewed_by = user if user is not None and user.is_authenticated else None
        self.reviewed_at = timezone.now()
        self.curated = True
        self.save()
