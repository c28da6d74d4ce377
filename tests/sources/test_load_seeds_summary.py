"""The summary load_seeds prints: counts in words a user understands."""

from collections import Counter

import pytest
from django.core.management import call_command

from sources.management.commands.load_seeds import summary_lines


def test_summary_says_what_is_new_and_what_was_found_again():
    counts = Counter(
        {
            ("Person", "created"): 16,
            ("Person", "updated"): 3,
            ("Organisation", "updated"): 1,
            ("Statement", "created"): 58,
            ("Participation", "created"): 1,
        }
    )
    lines = summary_lines(counts)
    assert lines[0] == "  New: 58 statements, 16 people, 1 part in an operation."
    assert lines[1] == (
        "  Found again: 3 people, 1 organisation (in another document or under a fuller name; "
        "new spellings kept as aliases)."
    )
    assert "pending" in lines[2] and "verified" in lines[2]
    assert not any("updated" in line for line in lines)


def test_summary_of_a_changed_file_says_it_was_read_again():
    lines = summary_lines(Counter({("Source", "updated"): 1}))
    assert lines == [
        "  Found again: 1 source document (files changed since the last run are read again)."
    ]


@pytest.mark.django_db
def test_command_prints_the_summary_in_words(seeds_dir, nlp, capsys):
    call_command("load_seeds", str(seeds_dir))
    out = capsys.readouterr().out
    assert "  New: 5 source documents, " in out
    assert " updated " not in out
