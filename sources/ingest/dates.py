"""Days that articles name ("January 3", "Jan. 3, 2026", "the 12th", "yesterday", "on Monday"),
resolved against the publication date, and the day a statement was said.

A careful reader's rule, which the functions below follow: a date tied to the statement wins;
a relative day ("today", "Monday") is counted back from the publication date; vague times
("last week", "recently", "has said") give no day; a quote with no cue of another day was said
on the day of the occasion the article reports, which is its publication day unless the lead
paragraph dates the occasion otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from sources.ingest.lexicon import MONTHS

ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9}
ABBREVIATIONS |= {"sept": 9, "oct": 10, "nov": 11, "dec": 12}
MONTH_NAMES = {**MONTHS, **ABBREVIATIONS}
_MONTH = "|".join(sorted(MONTH_NAMES, key=len, reverse=True))
MONTH_DAY = re.compile(
    rf"\b({_MONTH})\.? (\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(\s*[-–]\s*\d{{1,2}})?(?:,? (\d{{4}}))?\b",
    re.IGNORECASE,
)
# "the 12th", not "the 26th month in a row" or "the 3rd time": an ordinal counting something.
DAY_ONLY = re.compile(
    r"\bthe (\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:consecutive|straight|months?|times?|years?|"
    r"weeks?|days?|anniversary|century|round|session|edition|annual)\b)"
)
FULL_DATE = re.compile(rf"\b({_MONTH})\.? \d{{1,2}},? (\d{{4}})\b", re.IGNORECASE)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
SAME_DAY = re.compile(
    r"\b(today|tonight|this (morning|afternoon|evening)|(earlier|later) in the day)\b",
    re.IGNORECASE,
)
DAY_BEFORE = re.compile(r"\b(yesterday|last night)\b", re.IGNORECASE)
# Times that name no one day: a reader cannot date a statement made "last week".
VAGUE = re.compile(
    r"\b(last|past|next|this|that|coming) (week|weekend|month|year)s?\b|\brecent(ly)?\b|"
    r"\bearlier\b|\bweeks?\b|\bmonths?\b|\byears?\b|\bdecades?\b|\bseason\b",
    re.IGNORECASE,
)

EXPLICIT, RELATIVE, PUBLISHED = "explicit", "relative", "published"


@dataclass(frozen=True)
class Day:
    """A resolved day and how it was found (explicit / relative / published)."""

    date: dt.date
    basis: str


def reference_date(text: str, published: dt.date | None) -> dt.date | None:
    """The publication date, or else the first full date the text gives."""
    return published or first_full_date(text)


@lru_cache(maxsize=64)
def first_full_date(text: str) -> dt.date | None:
    """The month of the first full date in `text` (asked once per statement of a document)."""
    match = FULL_DATE.search(text)
    if match:
        return dt.date(int(match.group(2)), MONTH_NAMES[match.group(1).lower()], 1)
    return None


def resolve_date(expression: str, *, published: dt.date | None, text: str = "") -> dt.date | None:
    """The day an expression names; None when it names none or the year is unknown."""
    day = resolve_day(expression, published=published, text=text)
    return day.date if day else None


def resolve_day(expression: str, *, published: dt.date | None, text: str = "") -> Day | None:
    """The day an expression names, with its basis; None for vague or unknown times."""
    match = MONTH_DAY.search(expression)
    if match:
        if match.group(3):
            return None  # a range of days ("November 14-15"): no one day
        return _month_day(match, published=published, text=text)
    if published is not None:
        if SAME_DAY.search(expression):
            return Day(published, RELATIVE)
        if DAY_BEFORE.search(expression):
            return Day(published - dt.timedelta(days=1), RELATIVE)
        weekday = WEEKDAY.search(expression)
        if weekday and not re.search(r"\b(next|coming)\b", expression, re.IGNORECASE):
            back = (published.weekday() - WEEKDAYS.index(weekday.group(1).lower())) % 7
            if re.search(r"\blast\b", expression, re.IGNORECASE) and back == 0:
                back = 7
            return Day(published - dt.timedelta(days=back), RELATIVE)
    match = DAY_ONLY.search(expression)
    reference = reference_date(text, published)
    if match and reference:
        try:
            return Day(reference.replace(day=int(match.group(1))), EXPLICIT)
        except ValueError:
            return None
    return None


def _month_day(match: re.Match, *, published: dt.date | None, text: str) -> Day | None:
    month, day = MONTH_NAMES[match.group(1).lower()], int(match.group(2))
    if match.group(4):
        year = int(match.group(4))
    else:
        reference = reference_date(text, published)
        if reference is None:
            return None
        year = reference.year
        # A month later than the publication month is most likely last year's.
        if published and month > published.month:
            year -= 1
    try:
        return Day(dt.date(year, month, day), EXPLICIT)
    except ValueError:
        return None


def names_a_time(expression: str) -> bool:
    """Whether an expression speaks of when at all (a day, or a vague time)."""
    return bool(
        MONTH_DAY.search(expression)
        or SAME_DAY.search(expression)
        or DAY_BEFORE.search(expression)
        or WEEKDAY.search(expression)
        or VAGUE.search(expression)
    )
