"""Who may call what: anyone may read, staff with the model's permissions may write."""

from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly


class ModelPermissionsOrAnonReadOnly(DjangoModelPermissionsOrAnonReadOnly):
    """DRF's class, without building the view's queryset for a read.

    A read needs no model permission (which rows a user sees is the queryset's business), but
    DRF builds the whole queryset to find its model: a second get_queryset() per request.
    """

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return super().has_permission(request, view)
