"""Passages: the words around a span of a source text, escaped and with the span marked."""

from dataclasses import dataclass

from django.db.models import F, Value
from django.db.models.functions import Greatest, Substr
from django.utils.html import format_html

CONTEXT = 240


@dataclass(frozen=True)
class Passage:
    before: str
    quote: str
    after: str
    clipped_start: bool
    clipped_end: bool

    def as_html(self):
        """The passage as escaped HTML with the quote in a <mark>."""
        return format_html(
            '<span class="curation-passage">{}{}<mark>{}</mark>{}{}</span>',
            "… " if self.clipped_start else "",
            self.before,
            self.quote,
            self.after,
            " …" if self.clipped_end else "",
        )


def passage(text: str, start: int, end: int, *, context: int = CONTEXT, offset: int = 0):
    """The span [start, end) of a source text with up to `context` characters either side.

    `text` may be a window of the source that starts at character `offset` (see
    `with_passage_window`). Cut context starts and ends at a word boundary.
    """
    start, end = start - offset, end - offset
    first = max(0, start - context)
    last = min(len(text), end + context)
    before, after = text[first:start], text[end:last]
    clipped_start, clipped_end = first > 0 or offset > 0, last < len(text)
    if clipped_start and " " in before:
        before = before[before.index(" ") + 1 :]
    if clipped_end and " " in after:
        after = after[: after.rindex(" ")]
    return Passage(before, text[start:end], after, clipped_start, clipped_end)


def with_passage_window(queryset, *, text="source__text", context: int = CONTEXT):
    """Annotate `passage_offset` and `passage_window`: only the part of the source text needed.

    Sources can be megabytes long; this reads a few hundred characters of each instead.
    Use with `passage(row.passage_window, row.span_start, row.span_end,
    offset=row.passage_offset)`.
    """
    offset = Greatest(F("span_start") - context, Value(0))
    # One character more than shown, so that `passage` can tell whether the text goes on.
    length = F("span_end") - offset + context + 1
    return queryset.annotate(passage_offset=offset, passage_window=Substr(text, offset + 1, length))
