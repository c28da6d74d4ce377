"""Where research.network ends a sentence (no database)."""

import pytest

from research.network import SENTENCE_END


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("U.S. forces went in. Then they left.", ["U.S. forces went in. "]),
        ("He said “no.” Then he left", ["He said “no.” "]),
        ("A headline\nThe body", ["A headline\n"]),
        # A known limit: an abbreviation before a number or a name still ends one.
        ("It ended on Jan. 3 in Caracas.", ["It ended on Jan. "]),
        ("Who? Nobody", ["Who? "]),
    ],
)
def test_sentence_ends(text, ends):
    found = [text[: match.end()] for match in SENTENCE_END.finditer(text)]

    assert found == ends
