"""The merge log, and the permissions that the review and merge workflows check."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords


class ReviewQueue(models.Model):
    """Gives the review queue a place in the admin and owns `review_records`; never has rows.

    A real (empty) table rather than an unmanaged model: `dumpdata` reads every managed and
    unmanaged model's table, so a model without one would break it.
    """

    class Meta:
        default_permissions = ()
        permissions = [("review_records", "Can verify or reject records")]
        verbose_name = "review queue"
        verbose_name_plural = "review queue"

    def __str__(self):
        return "Review queue"


class MergeRecord(models.Model):
    """Records merged into a survivor, by whom and when, and a snapshot of what moved.

    The snapshot (see `curation.merge`) lists every row that moved and where it came from,
    so that `unmerge` can put each one back.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    survivor_id = models.PositiveBigIntegerField(db_index=True)
    merged_ids = models.JSONField(default=list)
    # Names at merge time, so the log still reads well if a record is renamed or deleted.
    survivor_name = models.CharField(max_length=300)
    merged_names = models.JSONField(default=list)
    snapshot = models.JSONField(default=dict)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True, db_index=True)
    unmerged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unmerged_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        ordering = ["-merged_at", "-id"]
        permissions = [("merge_records", "Can merge duplicates and undo merges")]

    def __str__(self):
        names = ", ".join(self.merged_names)
        return f"{names} → {self.survivor_name}"

    @property
    def is_active(self) -> bool:
        return self.unmerged_at is None

    @property
    def entity_model(self):
        return self.content_type.model_class()

    def involves(self, pk) -> bool:
        return pk == self.survivor_id or pk in self.merged_ids
