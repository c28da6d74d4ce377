"""Keyset (cursor) pagination: each page is one index range scan however deep, and no COUNT(*).

A list is ordered on one column plus the primary key as tie-breaker, both in the same
direction; rows whose column is NULL come last in either direction. The cursor carries the
last row's (value, pk), so the next page starts where this one ended instead of counting an
OFFSET of rows to skip.

A page may be read in two segments (values, then NULLs; one UNION ALL on PostgreSQL): a view
prefetches what its rows embed after the page is cut (RecordViewSet.prefetches), not in the
queryset given here.
"""

import base64
import binascii
import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connections
from django.db.models import Q, QuerySet
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

MAX_PK = 2**63 - 1
MAX_CURSOR_LENGTH = 500


@dataclass(frozen=True)
class Position:
    value: Any  # the ordering column's value (None for a NULL), or the pk itself
    pk: int


@dataclass(frozen=True)
class Keyset:
    """One ordering column (or the pk alone) with the pk as tie-breaker."""

    token: str  # as in order_by(): "-said_on", "name_key", "-pk"
    field: str
    descending: bool
    nullable: bool
    to_python: Callable[[Any], Any]

    @classmethod
    def of(cls, queryset: QuerySet) -> "Keyset":
        """The keyset of a queryset's first ordering term (its model's default if unordered)."""
        order = queryset.query.order_by or queryset.model._meta.ordering or ["-pk"]
        token = str(order[0])
        field = token.lstrip("-")
        if field in ("pk", queryset.model._meta.pk.name):
            return cls(token, "pk", token.startswith("-"), False, int)
        if field in queryset.query.annotations:
            output = queryset.query.annotations[field].output_field
            return cls(token, field, token.startswith("-"), False, output.to_python)
        model_field = queryset.model._meta.get_field(field)
        return cls(token, field, token.startswith("-"), model_field.null, model_field.to_python)

    def position(self, row) -> Position:
        if isinstance(row, dict):  # a row of a values() queryset, which names the pk "id"
            return Position(row["id"] if self.field == "pk" else row[self.field], row["id"])
        return Position(row.pk if self.field == "pk" else getattr(row, self.field), row.pk)

    def rows(self, queryset: QuerySet, *, start: Position | None, limit: int, forward: bool):
        """Up to `limit` rows after `start` (forward) or before it (backwards, nearest first)."""
        if self.field == "pk":
            parts = [self._segment(queryset, start, forward)]
        elif forward:
            parts = []
            if start is None or start.value is not None:
                parts.append(self._segment(queryset, start, forward))
            if self.nullable:
                parts.append(self._null_segment(queryset, start, forward))
        else:
            parts = []
            if self.nullable and start is not None and start.value is None:
                parts.append(self._null_segment(queryset, start, forward))
            in_nulls = start is not None and start.value is None
            parts.append(self._segment(queryset, None if in_nulls else start, forward))
        features = connections[queryset.db].features
        if len(parts) > 1 and features.supports_slicing_ordering_in_compound:
            # One round trip instead of one per segment: `(values LIMIT n) UNION ALL (NULLs
            # LIMIT n) LIMIT n`. PostgreSQL runs an Append's branches in turn and stops once the
            # LIMIT is met (the second is not run when the first fills the page); branches with
            # their own LIMIT are never run in parallel workers, so they cannot interleave.
            first, *rest = (part[:limit] for part in parts)
            return list(first.union(*rest, all=True)[:limit])
        rows = []
        for part in parts:
            rows += part[: limit - len(rows)]
            if len(rows) >= limit:
                break
        return rows

    def _direction(self, forward: bool) -> tuple[str, str]:
        descending = self.descending == forward
        return ("-", "lt") if descending else ("", "gt")

    def _segment(self, queryset, start, forward):
        """Rows whose column is not NULL, past `start`."""
        sign, op = self._direction(forward)
        if self.field == "pk":
            if start is not None:
                queryset = queryset.filter(**{f"pk__{op}": start.pk})
            return queryset.order_by(f"{sign}pk")
        if self.nullable:
            queryset = queryset.filter(**{f"{self.field}__isnull": False})
        if start is not None:
            # The first condition alone is an index range; the second breaks ties on the pk.
            queryset = queryset.filter(**{f"{self.field}__{op}e": start.value}).filter(
                Q(**{f"{self.field}__{op}": start.value}) | Q(**{f"pk__{op}": start.pk})
            )
        return queryset.order_by(f"{sign}{self.field}", f"{sign}pk")

    def _null_segment(self, queryset, start, forward):
        """Rows whose column is NULL, past `start` when it is one of them."""
        sign, op = self._direction(forward)
        queryset = queryset.filter(**{f"{self.field}__isnull": True})
        if start is not None and start.value is None:
            queryset = queryset.filter(**{f"pk__{op}": start.pk})
        return queryset.order_by(f"{sign}pk")


class KeysetPagination(BasePagination):
    """`?cursor=` and `?page_size=` (1..max_page_size); answers `{next, previous, results}`."""

    page_size = 50
    max_page_size = 200
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.keyset = Keyset.of(queryset)
        size = self.get_page_size(request)
        start, forward = self.decode_cursor(request)
        rows = self.keyset.rows(queryset, start=start, limit=size + 1, forward=forward)
        more, rows = len(rows) > size, rows[:size]
        if not forward:
            rows.reverse()
        self.next_link = self.previous_link = None
        if forward:
            if more:
                self.next_link = self.link(self.keyset.position(rows[-1]), forward=True)
            if start is not None:
                # Rows before the first shown one, or before the cursor when nothing is shown.
                first = self.keyset.position(rows[0]) if rows else start
                self.previous_link = self.link(first, forward=False)
        else:
            if more:
                self.previous_link = self.link(self.keyset.position(rows[0]), forward=False)
            last = self.keyset.position(rows[-1]) if rows else None
            self.next_link = self.link(last, forward=True)
        return rows

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if not raw:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            message = f"Must be a whole number from 1 to {self.max_page_size}."
            raise ValidationError({self.page_size_query_param: [message]})
        return size

    def decode_cursor(self, request) -> tuple[Position | None, bool]:
        raw = request.query_params.get(self.cursor_query_param)
        if not raw:
            return None, True
        try:
            if len(raw) > MAX_CURSOR_LENGTH:
                raise ValueError("too long")
            data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
            if not isinstance(data, dict) or data.get("o") != self.keyset.token:
                raise ValueError("another ordering")
            pk = data["k"]
            if type(pk) is not int or not 0 < pk <= MAX_PK or data.get("d") not in ("n", "p"):
                raise ValueError("bad position")
            value = data.get("v")
            if self.keyset.field == "pk":
                value = pk
            elif value is not None:
                value = self.keyset.to_python(value)
            elif not self.keyset.nullable:
                raise ValueError("null value")
            if isinstance(value, str):
                # No stored text holds NUL or a lone surrogate, and PostgreSQL refuses them
                # in a query (UnicodeEncodeError is a ValueError).
                if "\x00" in value:
                    raise ValueError("NUL")
                value.encode()
        except (ValueError, TypeError, KeyError, binascii.Error, DjangoValidationError) as exc:
            raise NotFound(
                {
                    self.cursor_query_param: [
                        "Not a cursor of this list: follow a next or previous link."
                    ]
                }
            ) from exc
        return Position(value, pk), data["d"] == "n"

    def encode_cursor(self, position: Position, *, forward: bool) -> str:
        value = position.value
        if isinstance(value, datetime.date):
            value = value.isoformat()
        data = {"o": self.keyset.token, "v": value, "k": position.pk, "d": "n" if forward else "p"}
        payload = json.dumps(data, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(payload).decode().rstrip("=")

    def link(self, position: Position | None, *, forward: bool) -> str:
        """The URL of the page after (or before) `position`; the first page for None."""
        url = self.request.build_absolute_uri()
        if position is None:
            return remove_query_param(url, self.cursor_query_param)
        cursor = self.encode_cursor(position, forward=forward)
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_paginated_response(self, data):
        links = [(self.next_link, "next"), (self.previous_link, "prev")]
        header = ", ".join(f'<{url}>; rel="{rel}"' for url, rel in links if url)
        return Response(
            {"next": self.next_link, "previous": self.previous_link, "results": data},
            headers={"Link": header} if header else None,
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {"next": link, "previous": link, "results": schema},
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "in": "query",
                "required": False,
                "description": "Opaque position taken from a `next` or `previous` link.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "in": "query",
                "required": False,
                "description": f"Rows per page (default {self.page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
