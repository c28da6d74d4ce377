"""The viewset every API endpoint builds on: who sees what, and how writes are recorded.

Reads use a light read serializer; writes take a ModelSerializer of the model's own field
names (relations as ids) and answer with the read shape. Every write by staff marks a
reviewable row `curated`, so re-ingestion leaves it alone; a change of `review_status`
also records who made it and when.
"""

from functools import cache

from django.db import transaction
from django.db.models import prefetch_related_objects
from rest_framework import status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from core.review import Reviewable, ReviewStatus, can_review, can_see_unverified, related_visible


def private_if_logged_in(request, response):
    """Mark an answer to a logged-in client private and not to be stored.

    It may hold unverified records; no shared cache (or the browser's disk) should keep it.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response


class RecordViewSet(viewsets.ModelViewSet):
    """A ModelViewSet with separate read and write serializers and curated writes."""

    write_serializer_class = None
    # Any id reaches the view, which answers a JSON 404 (not Django's HTML one) for "1.5".
    lookup_value_regex = "[^/]+"
    # Read serializer for single records, when it differs from the list one.
    detail_serializer_class = None

    def get_serializer_class(self):
        # By method, not action: the browsable API renders its forms under the form's method.
        if self.request is not None and self.request.method in ("POST", "PUT", "PATCH"):
            return self.write_serializer_class
        if self.action != "list" and self.detail_serializer_class:
            return self.detail_serializer_class
        return self.serializer_class

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return private_if_logged_in(request, response)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user = self.request.user if self.request else None
        context["sees_unverified"] = cache(lambda model: can_see_unverified(user, model))
        return context

    def visible(self, model):
        """The rows of `model` this request's user may see."""
        return model.objects.visible_to(self.request.user)

    def related_visible(self, queryset, field: str, model):
        """`queryset` without rows whose `field` points to a `model` row the user may not see."""
        return related_visible(queryset, field, model, self.request.user)

    def with_related(self, queryset):
        """`queryset` joined to what the read serializer embeds (select_related); override
        per endpoint."""
        return queryset

    def prefetches(self) -> list:
        """prefetch_related() lookups of what the read serializer embeds from other tables,
        applied to the rows shown once the page is cut (a page may be read in two segments,
        and each would prefetch); override per endpoint."""
        return []

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            prefetch_related_objects(page, *self.prefetches())
        return page

    def get_object(self):
        instance = super().get_object()
        prefetch_related_objects([instance], *self.prefetches())
        return instance

    def read_data(self, instance):
        """The read payload of a freshly written row."""
        instance = self.with_related(type(instance).objects.filter(pk=instance.pk)).get()
        prefetch_related_objects([instance], *self.prefetches())
        serializer_class = self.detail_serializer_class or self.serializer_class
        return serializer_class(instance, context=self.get_serializer_context()).data

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        return Response(self.read_data(serializer.instance), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return Response(self.read_data(serializer.instance))

    def perform_create(self, serializer):
        new = serializer.Meta.model()  # unsaved: only to take the curation values
        with transaction.atomic():
            serializer.save(**self.curation(new, serializer, previous_status=ReviewStatus.PENDING))

    def perform_update(self, serializer):
        instance = serializer.instance
        previous = getattr(instance, "review_status", None)
        with transaction.atomic():
            serializer.save(**self.curation(instance, serializer, previous_status=previous))

    def perform_destroy(self, instance):
        with transaction.atomic():
            instance.delete()

    def curation(self, instance, serializer, *, previous_status) -> dict:
        """Extra values for a staff write: curated, and the reviewer on a status change."""
        if not isinstance(instance, Reviewable):
            return {}
        new_status = serializer.validated_data.get("review_status", previous_status)
        changed = new_status != previous_status
        # Verifying or rejecting is its own permission, as in the admin's review queue.
        if changed and not can_review(self.request.user):
            raise PermissionDenied("Changing review_status needs the review permission.")
        return instance.mark_curated(by=self.request.user, status_changed=changed)
