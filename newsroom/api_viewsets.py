"""The viewset every API endpoint builds on: who sees what, and how writes are recorded.

Reads use a light read serializer; writes take a ModelSerializer of the model's own field
names (relations as ids) and answer with the read shape. Every write by staff marks a
reviewable row `curated`, so re-ingestion leaves it alone; a change of `review_status`
also records who made it and when.
"""

from functools import cache

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from rest_framework import status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from curation.admin_base import can_review
from entities.review import Reviewable, ReviewStatus, sees_unverified


def visible(obj, context) -> bool:
    """Whether a related row may be shown in a payload built with `context`."""
    if obj is None:
        return False
    if not isinstance(obj, Reviewable) or obj.review_status == ReviewStatus.VERIFIED:
        return True
    check = context.get("sees_unverified")
    return bool(check and check(type(obj)))


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
        context["sees_unverified"] = cache(lambda model: sees_unverified(user, model))
        return context

    def sees_unverified(self, model) -> bool:
        return sees_unverified(self.request.user, model)

    def visible(self, model):
        """The rows of `model` this request's user may see."""
        return model.objects.visible_to(self.request.user)

    def related_visible(self, queryset, field: str, model):
        """`queryset` without rows whose `field` points to a `model` row the user may not see."""
        if self.sees_unverified(model):
            return queryset
        condition = Q(**{f"{field}__in": self.visible(model)})
        if queryset.model._meta.get_field(field).null:
            condition |= Q(**{f"{field}__isnull": True})
        return queryset.filter(condition)

    def with_related(self, queryset):
        """`queryset` with what the read serializer embeds; override per endpoint."""
        return queryset

    def read_data(self, instance):
        """The read payload of a freshly written row."""
        instance = self.with_related(type(instance).objects.filter(pk=instance.pk)).get()
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
        with transaction.atomic():
            serializer.save(**self.curation(serializer, previous_status=ReviewStatus.PENDING))

    def perform_update(self, serializer):
        previous = getattr(serializer.instance, "review_status", None)
        with transaction.atomic():
            serializer.save(**self.curation(serializer, previous_status=previous))

    def perform_destroy(self, instance):
        with transaction.atomic():
            instance.delete()

    def curation(self, serializer, *, previous_status) -> dict:
        """Extra values for a staff write: curated, and the reviewer on a status change."""
        if not issubclass(serializer.Meta.model, Reviewable):
            return {}
        values = {"curated": True}
        new_status = serializer.validated_data.get("review_status", previous_status)
        if new_status != previous_status:
            # Verifying or rejecting is its own permission, as in the admin's review queue.
            if not can_review(self.request.user):
                raise PermissionDenied("Changing review_status needs the review permission.")
            values |= {"reviewed_by": self.request.user, "reviewed_at": timezone.now()}
        return values
