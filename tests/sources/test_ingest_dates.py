"""Days that articles name, resolved against the publication date (sources/ingest/dates.py)."""

import datetime as dt

import pytest

from sources.ingest.dates import EXPLICIT, RELATIVE, names_a_time, resolve_day

PUBLISHED = dt.date(2024, 3, 14)  # a Thursday


@pytest.mark.parametrize(
    ("expression", "expected", "basis"),
    [
        ("on January 28, 2023", dt.date(2023, 1, 28), EXPLICIT),
        ("on Jan. 3", dt.date(2024, 1, 3), EXPLICIT),
        ("Sept. 9", dt.date(2023, 9, 9), EXPLICIT),  # later than March: last year's
        ("this morning, March 12", dt.date(2024, 3, 12), EXPLICIT),
        ("the 12th", dt.date(2024, 3, 12), EXPLICIT),
        ("today", PUBLISHED, RELATIVE),
        ("this morning", PUBLISHED, RELATIVE),
        ("yesterday", dt.date(2024, 3, 13), RELATIVE),
        ("on Monday", dt.date(2024, 3, 11), RELATIVE),
        ("Thursday", PUBLISHED, RELATIVE),
        ("last Thursday", dt.date(2024, 3, 7), RELATIVE),
    ],
)
def test_a_day_is_resolved_against_the_publication_date(expression, expected, basis):
    day = resolve_day(expression, published=PUBLISHED)
    assert (day.date, day.basis) == (expected, basis)


@pytest.mark.parametrize(
    "expression",
    [
        "last week",
        "recently",
        "November 14-15, 2019",
        "next Monday",
        "in May",
        "for the 26th month in a row",  # an ordinal counting months, not the 26th
        "for the 3rd time",
    ],
)
def test_vague_times_and_ranges_name_no_day(expression):
    assert resolve_day(expression, published=PUBLISHED) is None


def test_relative_days_need_a_publication_date():
    assert resolve_day("yesterday", published=None) is None
    # A month and day with no year anywhere cannot be dated either.
    assert resolve_day("on March 3", published=None, text="No year is given.") is None
    assert resolve_day("on March 3", published=None, text="Filed March 9, 2021.").date == (
        dt.date(2021, 3, 3)
    )


def test_vague_times_are_recognised_as_times():
    assert names_a_time("last week")
    assert not names_a_time("the ministry")
