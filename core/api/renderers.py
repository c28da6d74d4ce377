"""CSV for any list (`?format=csv`): one row per record, nested objects flattened to columns.

`speaker` becomes `speaker.id`, `speaker.type`, `speaker.name`; a list of objects such as
`operations` becomes `operations.id` and `operations.name`, each value joined with "; ". A
field whose payload is free-form JSON (`evidence`) is one column holding that JSON.
The cursor of the next page travels in the `Link` header.
"""

import json

from rest_framework import serializers
from rest_framework_csv.renderers import CSVRenderer

SEPARATOR = "; "
# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ListCSVRenderer(CSVRenderer):
    """Renders the `results` of a page (or a single record) with columns in field order."""

    def render(self, data, media_type=None, renderer_context=None):
        renderer_context = dict(renderer_context or {})
        if isinstance(data, dict) and "results" in data:
            data = data["results"]
        view, response = renderer_context.get("view"), renderer_context.get("response")
        header = None
        if hasattr(view, "get_serializer") and not (response and response.status_code >= 400):
            header = _columns(view.get_serializer())
        self.json_columns = _json_columns(view.get_serializer()) if header else set()
        rows = [self.flatten_item(item) for item in (data if isinstance(data, list) else [data])]
        if not header:
            header = list(dict.fromkeys(key for row in rows for key in row))
        renderer_context.setdefault("header", header)
        return super().render(rows, media_type, renderer_context)

    def flatten_data(self, data):
        # Rows arrive flattened from render().
        return (row for row in data)

    def flatten_item(self, item):
        if not isinstance(item, dict):
            return {"value": _cell(item)}
        flat = {}
        for key, value in item.items():
            if key in getattr(self, "json_columns", ()) and isinstance(value, dict):
                flat[key] = _cell(json.dumps(value, ensure_ascii=False, sort_keys=True))
            elif isinstance(value, dict):
                for sub, flat_value in self.flatten_item(value).items():
                    flat[f"{key}.{sub}"] = flat_value
            elif isinstance(value, list):
                flat.update(_flatten_list(key, value))
            else:
                flat[key] = _cell(value)
        return flat


def _flatten_list(key: str, values: list) -> dict:
    if not values or not all(isinstance(v, dict) for v in values):
        return {key: _cell(SEPARATOR.join(str(v) for v in values))}
    subkeys = dict.fromkeys(sub for v in values for sub in v)
    return {
        f"{key}.{sub}": _cell(SEPARATOR.join(str(v.get(sub, "")) for v in values))
        for sub in subkeys
    }


def _cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _json_columns(serializer) -> set[str]:
    """Top-level fields whose value is free-form JSON: an object there is one JSON cell (a
    list, such as `aliases`, is joined as any list is)."""
    if isinstance(serializer, serializers.ListSerializer):
        serializer = serializer.child
    fields = getattr(serializer, "fields", {})
    return {name for name, field in fields.items() if isinstance(field, serializers.JSONField)}


def _columns(serializer, prefix: str = "") -> list[str]:
    """Column names for a serializer's readable fields, nested ones flattened."""
    if isinstance(serializer, serializers.ListSerializer):
        serializer = serializer.child
    if not isinstance(serializer, serializers.Serializer):
        return []
    columns = []
    for name, field in serializer.fields.items():
        if field.write_only:
            continue
        nested = _columns(field, f"{prefix}{name}.")
        columns += nested or [f"{prefix}{name}"]
    return columns
