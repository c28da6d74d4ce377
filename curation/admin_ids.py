"""Ids from admin URLs and forms, checked before a lookup."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError


def parse_id(model, value):
    """`value` (from a URL or a form) as a primary key of `model`, or None when it is none.

    Looking a model up by "abc" or "1.5" raises ValueError (a 500); callers answer 404.
    """
    try:
        return model._meta.pk.to_python(unquote(str(value)))
    except ValidationError:
        return None
