"""The source reader: a source's text as escaped HTML, mentions and statements highlighted.

Every piece of text goes through `format_html`/`escape`; nothing from a source or a name is
ever marked safe as it is.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join


@dataclass(frozen=True)
class Mark:
    """A highlighted span of the text, linked to the record it stands for."""

    start: int
    end: int
    kind: str  # "mention" or "statement"
    url: str
    title: str
    anchor: str  # the element id, so that other pages can link to the span
    css: str = ""


def admin_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def source_marks(source) -> list[Mark]:
    """Marks for a source's mentions (linked to their entity) and statements."""
    marks = []
    mentions = source.mentions.select_related("person", "organisation", "operation")
    for mention in mentions:
        entity = mention.entity
        kind = entity._meta.model_name
        marks.append(
            Mark(
                mention.span_start,
                mention.span_end,
                "mention",
                admin_url(entity),
                f"{entity._meta.verbose_name.capitalize()}: {entity}",
                f"mention-{mention.pk}",
                f"mention-{kind}",
            )
        )
    statements = source.statements.select_related("speaker_person", "speaker_organisation")
    for statement in statements:
        marks.append(
            Mark(
                statement.span_start,
                statement.span_end,
                "statement",
                admin_url(statement),
                f"Statement by {statement.speaker} ({statement.get_review_status_display()})",
                f"statement-{statement.pk}",
                f"status-{statement.review_status}",
            )
        )
    return marks


def render_text(text: str, marks: list[Mark]):
    """`text` as safe HTML, each mark's span highlighted and linked.

    The text is cut at every mark boundary; each piece is wrapped in the statement that covers
    it (a <mark>) and the mention that covers it (a link), so overlapping spans still give
    well-formed HTML with no link inside another.
    """
    length = len(text)
    marks = sorted(
        (m for m in marks if 0 <= m.start < m.end <= length), key=lambda m: (m.start, -m.end)
    )
    bounds = sorted({0, length, *(m.start for m in marks), *(m.end for m in marks)})
    pieces, active, waiting = [], [], 0
    for start, end in zip(bounds, bounds[1:], strict=False):
        while waiting < len(marks) and marks[waiting].start <= start:
            active.append(marks[waiting])
            waiting += 1
        active = [m for m in active if m.end > start]
        pieces.append(_piece(text[start:end], start, active))
    return format_html('<div class="source-reader">{}</div>', _join(pieces))


def render_source(source):
    """A source's text with its mentions and statements highlighted."""
    return render_text(source.text, source_marks(source))


def _piece(text: str, start: int, active: list[Mark]):
    mention = next((m for m in active if m.kind == "mention"), None)
    statement = next((m for m in active if m.kind == "statement"), None)
    html = escape(text)
    link = mention or statement
    if link is not None:
        html = format_html(
            '<a class="{} {}" href="{}" title="{}"{}>{}</a>',
            link.kind,
            link.css,
            link.url,
            link.title,
            _anchor(link, start) if link is mention else "",
            html,
        )
    if statement is not None:
        html = format_html(
            '<mark class="statement {}"{}>{}</mark>',
            statement.css,
            _anchor(statement, start),
            html,
        )
    return html


def _anchor(mark: Mark, start: int):
    return format_html(' id="{}"', mark.anchor) if mark.start == start else ""


def _join(pieces):
    return format_html_join("", "{}", ((piece,) for piece in pieces))
