"""Passages around a span: clipping, word boundaries, escaping, and the database window."""

import pytest

from curation.passages import passage, with_passage_window
from sources.models import Statement
from tests.factories import SourceFactory, StatementFactory

TEXT = "One two three. The minister said we will fight. Four five six seven."


def test_passage_marks_the_span_with_its_context():
    start = TEXT.index("we will fight")
    found = passage(TEXT, start, start + len("we will fight"), context=16)

    assert found.quote == "we will fight"
    assert found.before == "minister said "  # cut at a word boundary
    assert found.after == ". Four five six"
    assert found.clipped_start and found.clipped_end


def test_passage_at_the_edges_of_the_text_is_not_clipped():
    found = passage(TEXT, 0, len(TEXT), context=10)
    assert (found.before, found.after, found.clipped_start, found.clipped_end) == (
        "",
        "",
        False,
        False,
    )


def test_passage_html_is_escaped():
    text = 'He said <script>alert("x")</script> & left.'
    html = passage(text, 8, 35).as_html()
    assert "<script>" not in html
    assert "<mark>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</mark>" in html


@pytest.mark.django_db
def test_the_database_window_gives_the_same_passage_as_the_whole_text():
    text = "Preamble. " * 80 + "The quote itself." + " Afterword." * 80
    source = SourceFactory(text=text)
    start = text.index("The quote itself.")
    StatementFactory(source=source, span_start=start, span_end=start + 17)

    row = with_passage_window(Statement.objects.all()).get()

    assert len(row.passage_window) < 600
    windowed = passage(row.passage_window, start, start + 17, offset=row.passage_offset)
    assert windowed == passage(text, start, start + 17)
