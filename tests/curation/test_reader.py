"""The source reader's HTML: highlights, links, anchors, overlaps and escaping."""

import pytest

from curation.reader import Mark, render_source, render_text
from tests.curation.scenarios import mention, statement
from tests.factories import PersonFactory, SourceFactory

HOSTILE = '<script>alert("pwned")</script>'


def test_marks_become_links_and_highlights_with_anchors():
    html = str(
        render_text(
            "Ana said hello.",
            [
                Mark(0, 3, "mention", "/p/1/", "Person: Ana", "mention-1", "mention-person"),
                Mark(9, 14, "statement", "/s/2/", "Statement by Ana", "statement-2"),
            ],
        )
    )
    assert '<a class="mention mention-person" href="/p/1/" title="Person: Ana" ' in html
    assert 'id="mention-1">Ana</a> said ' in html
    assert '<mark class="statement " id="statement-2">' in html
    assert html.endswith(".</div>")


def test_a_mention_inside_a_statement_is_one_link_inside_the_highlight():
    text = "He said Ana would resign."
    html = str(
        render_text(
            text,
            [
                Mark(8, 24, "statement", "/s/1/", "S", "statement-1"),
                Mark(8, 11, "mention", "/p/1/", "P", "mention-1"),
            ],
        )
    )
    assert html.count("<mark") == 2  # the statement, cut around the mention
    assert html.count('id="statement-1"') == 1
    assert '<mark class="statement " id="statement-1"><a class="mention ' in html
    assert "<a" not in html.split('id="mention-1">Ana')[1].split("</a>")[0]


def test_spans_outside_the_text_are_ignored():
    html = str(render_text("Short.", [Mark(2, 99, "mention", "/x/", "X", "m")]))
    assert html == '<div class="source-reader">Short.</div>'


def test_hostile_text_and_titles_are_escaped():
    html = str(render_text(HOSTILE, [Mark(0, 8, "mention", "/p/", HOSTILE, "mention-1")]))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'title="&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;"' in html


@pytest.mark.django_db
def test_a_source_with_a_hostile_text_and_a_hostile_speaker_renders_escaped():
    source = SourceFactory(text=f"Breaking: {HOSTILE} said the minister.")
    speaker = PersonFactory(name=f"Minister {HOSTILE}")
    statement(source, HOSTILE, speaker)
    mention(source, "minister", person=speaker)

    html = str(render_source(source))

    assert "<script" not in html
    assert html.count("&lt;script&gt;") == 3  # the text, and the speaker in two titles
