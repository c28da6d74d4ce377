"""Resolve dates written in articles ("January 3", "the 12th") against a reference date."""

from __future__ import annotations

import datetime as dt
import re

from sources.ingest.lexicon import MONTHS

MONTH_DAY = re.compile(
    r"\b("
    + "|".join(m.capitalize() for m in MONTHS)
    + r")\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?\b"
)
DAY_ONLY = re.compile(r"\bthe (\d{1,2})(?:st|nd|rd|th)\b")
FULL_DATE = re.compile(r"\b(" + "|".join(m.capitalize() for m in MONTHS) + r") \d{1,2},? (\d{4})\b")


def reference_date(text: str, published: dt.date | None) -> dt.date | None:
    """The publication date, or else the first full date the text gives."""
    if published:
        return published
    match = FULL_DATE.search(text)
    if match:
        return dt.date(int(match.group(2)), MONTHS[match.group(1).lower()], 1)
    return None


def resolve_date(expression: str, *, published: dt.date | None, text: str = "") -> dt.date | None:
    """A date for "January 3" / "January 3, 2026" / "the 12th"; None when the year is unknown."""
    reference = reference_date(text, published)
    match = MONTH_DAY.search(expression)
    if match:
        month, day = MONTHS[match.group(1).lower()], int(match.group(2))
        if match.group(3):
            year = int(match.group(3))
        elif reference:
            year = reference.year
            # A month later than the reference month is most likely last year's.
            if published and month > reference.month:
                year -= 1
        else:
            return None
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    match = DAY_ONLY.search(expression)
    if match and reference:
        try:
            return reference.replace(day=int(match.group(1)))
        except ValueError:
            return None
    return None
