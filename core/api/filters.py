"""Filter types shared by every FilterSet (ids, entity references, free text, review status),
and the FilterSet base class that knows the requesting user.

Each filter type carries its exact OpenAPI schema, so what the schema calls valid the API
accepts and what it calls invalid answers 400.
"""

import copy
import re
from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator, RegexValidator
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

from core.review import ReviewStatus

MAX_ID = 2**63 - 1
MAX_TEXT = 200
ENTITY_REF = re.compile(r"^(?:(person|organisation):)?([1-9][0-9]{0,17})$")


class EntityRef(NamedTuple):
    kind: str | None  # "person", "organisation", or None for either
    pk: int


class IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)

    def to_python(self, value):
        # Django's IntegerField takes "1.0" for 1; the schema says digits only.
        if value not in self.empty_values and not str(value).strip().isdigit():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class FreeTextField(forms.CharField):
    """Any text up to MAX_TEXT characters; NUL characters are dropped rather than refused."""

    def __init__(self, **kwargs):
        super().__init__(max_length=MAX_TEXT, strip=False, **kwargs)
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]

    def to_python(self, value):
        return super().to_python(value).replace("\x00", "")


class EntityRefField(forms.CharField):
    default_validators = [
        RegexValidator(ENTITY_REF, "Give an id, or person:ID or organisation:ID.")
    ]

    def to_python(self, value):
        """An EntityRef, or the text as given when it is not one (validate() says why)."""
        value = super().to_python(value)
        match = ENTITY_REF.match(value.strip()) if value else None
        return EntityRef(match[1], int(match[2])) if match else value

    def validate(self, value):
        if isinstance(value, str):
            super().validate(value)

    def run_validators(self, value):
        if isinstance(value, str):
            super().run_validators(value)


class ConfidenceField(forms.FloatField):
    """A confidence between 0 and 1 (Django's FloatField already refuses nan and inf)."""

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=1, **kwargs)


class IdFilter(filters.NumberFilter):
    field_class = IdField


class ConfidenceFilter(filters.NumberFilter):
    field_class = ConfidenceField


class FreeTextFilter(filters.CharFilter):
    field_class = FreeTextField


class EntityRefFilter(filters.CharFilter):
    field_class = EntityRefField


def id_filter(help_text: str, **kwargs):
    """A filter on one record id (a positive integer)."""
    schema = {"type": "integer", "minimum": 1, "maximum": MAX_ID, "description": help_text}
    return extend_schema_field(schema)(IdFilter(help_text=help_text, **kwargs))


def text_filter(help_text: str, **kwargs):
    """A filter on free text of up to MAX_TEXT characters."""
    schema = {"type": "string", "maxLength": MAX_TEXT, "description": help_text}
    return extend_schema_field(schema)(FreeTextFilter(help_text=help_text, **kwargs))


def entity_ref_filter(help_text: str, **kwargs):
    """A filter on a person or an organisation: `12`, `person:12` or `organisation:12`."""
    schema = {"type": "string", "pattern": ENTITY_REF.pattern, "description": help_text}
    return extend_schema_field(schema)(EntityRefFilter(help_text=help_text, **kwargs))


def confidence_filters() -> tuple:
    """`min_confidence` and `max_confidence`: records whose confidence (0 to 1, calibrated on
    the development set) is at least / at most the value. Records people made have none and
    are left out by either."""
    schema = {"type": "number", "minimum": 0, "maximum": 1}
    return tuple(
        extend_schema_field(schema | {"description": text})(
            ConfidenceFilter(help_text=text, field_name="confidence", lookup_expr=lookup)
        )
        for text, lookup in (
            ("Confidence at least this (0 to 1): of records at 0.8, about 80% are right.", "gte"),
            ("Confidence at most this (0 to 1): the least certain, to review first.", "lte"),
        )
    )


def choice_filter(choices, help_text: str, **kwargs):
    return filters.ChoiceFilter(choices=choices, help_text=help_text, **kwargs)


def review_status_filter():
    return choice_filter(
        ReviewStatus.choices,
        "Review status. Anonymous clients only ever see `verified` records.",
        field_name="review_status",
    )


def date_filter(help_text: str, **kwargs):
    return filters.DateFilter(help_text=help_text, **kwargs)


# Form classes by FilterSet class: no filter's form field depends on the request, and
# django-filter would otherwise build the class, labels and fields again for every request.
_FORM_CLASSES: dict[type, type] = {}


class VisibilityFilterSet(filters.FilterSet):
    """A FilterSet whose methods pass the requesting user on, so that the QuerySet methods
    they call apply who may see which related rows."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # django-filter deep-copies every filter for each request (0.6 ms for the statement
        # list's 15). A shallow copy is enough: what a filter holds for one request is its
        # FilterSet (`parent`) and the method bound to that, both set again here.
        filters, self.base_filters = type(self).base_filters, {}
        super().__init__(data, queryset, request=request, prefix=prefix)
        del self.base_filters
        for name, base in filters.items():
            filter_ = self.filters[name] = copy.copy(base)
            if base.method is not None:
                filter_.method = base.method  # bound to this copy, not to the class's filter
            filter_.model, filter_.parent = self.queryset.model, self

    def get_form_class(self):
        form_class = _FORM_CLASSES.get(type(self))
        if form_class is None:
            form_class = _FORM_CLASSES[type(self)] = super().get_form_class()
        return form_class

    @property
    def user(self):
        """The requesting user (None without a request), whom the QuerySet methods ask about."""
        return getattr(self.request, "user", None)
