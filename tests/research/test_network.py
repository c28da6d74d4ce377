"""Where research.network ends a sentence, and how it writes edges (no database)."""

import json

import pytest

from research.network import SENTENCE_END, Edge, Network


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


def test_edges_written_as_text_are_the_edges():
    network = Network(
        [],
        [
            Edge("person:1", "operation:2", 5, 1, 0, 4, [7], [3, 9, 11]),
            Edge("organisation:3", "person:1", 1, 0, 1, 0, [], [12]),
        ],
    )

    assert json.loads(network.edges_json()) == network.edges
    assert network.edges[0] == {
        "source": "person:1",
        "target": "operation:2",
        "weight": 5,
        "counts": {"statement": 1, "sentence": 0, "source": 4},
        "statements": [7],
        "sources": [3, 9, 11],
    }
    assert Network([], []).edges_json() == "[]"
