"""Review decisions on curated records: verify or reject, recording who, when and history."""

from collections.abc import Iterable

from django.db import transaction

from core.review import Reviewable, ReviewStatus, acting_user

DECISIONS = (ReviewStatus.VERIFIED, ReviewStatus.REJECTED)


def review(records: Iterable[Reviewable], *, status: str, user) -> int:
    """Set `status` on each record (who, when, curated) with a history entry; return how many.

    Saves row by row rather than with one `update()`, which would leave no trace in the
    records' history.
    """
    if status not in DECISIONS:
        raise ValueError(f"A review decision is one of {', '.join(DECISIONS)}, not '{status}'.")
    count = 0
    with transaction.atomic():
        for record in records:
            record._history_user = acting_user(user)
            record._change_reason = f"Review: {ReviewStatus(status).label}"
            record.set_review(status, user=user)
            count += 1
    return count


def confident_pending(records, *, threshold: float):
    """The pending records among `records` whose confidence is at least `threshold`: what
    "verify pending records with confidence ≥ X" touches (records people made have none)."""
    return records.filter(review_status=ReviewStatus.PENDING, confidence__gte=threshold)


def verify_confident(records, *, threshold: float, user) -> int:
    """Verify the pending records among `records` with confidence ≥ `threshold`, each with a
    history entry (see `review`); return how many."""
    chosen = confident_pending(records, threshold=threshold).order_by("pk")
    return review(chosen, status=ReviewStatus.VERIFIED, user=user)
