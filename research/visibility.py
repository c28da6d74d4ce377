"""Visibility helpers for the research views, on top of the one rule in `core.review`."""

from core.review import can_see_unverified


def with_visible(queryset, field: str, model, user):
    """`queryset` without rows whose non-null `field` points to a `model` row `user` may not
    see (as RecordViewSet.related_visible does for the API's lists)."""
    if can_see_unverified(user, model):
        return queryset
    return queryset.filter(**{f"{field}__in": model.objects.visible_to(user)})
