"""The preview of a record: a small HTML page a client shows in an iframe beside a candidate."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join

from reconcile.manifest import PREVIEW_SIZE
from reconcile.records import Record

SHOWN_ALIASES = 6


def preview_html(record: Record, request) -> str:
    """The page: name, type and kind, what tells namesakes apart, aliases, a link to the record."""
    link = request.build_absolute_uri(reverse(f"{record.type.id}-detail", args=[record.pk]))
    facts = [
        ("Type", record.type.name),
        ("Kind", (record.fields.get("kind") or "").replace("_", " ")),
        ("Disambiguation", record.disambiguation),
        ("Country", record.fields.get("country", "")),
        ("Also known as", "; ".join(record.aliases[:SHOWN_ALIASES])),
        ("Description", record.description[:400]),
    ]
    rows = format_html_join(
        "", "<dt>{}</dt><dd>{}</dd>", ((label, value) for label, value in facts if value)
    )
    return format_html(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{name}</title></head>'
        '<body style="font: 14px/1.4 sans-serif; margin: 8px; max-width: {width}px">'
        '<h1 style="font-size: 16px; margin: 0 0 6px">{name}</h1>'
        '<dl style="margin: 0">{rows}</dl>'
        '<p style="margin: 6px 0 0"><a href="{link}" target="_blank" rel="noopener">{id}</a></p>'
        "</body></html>",
        name=record.name,
        width=PREVIEW_SIZE["width"] - 16,
        rows=rows,
        link=link,
        id=record.id,
    )
