"""What a note waited for, come for a later time than this card ('Budget pending - approved for 2027', '...
for next year', '... for FY27', '... for Q1'): the row waits (:data:`.undone._UNDONE` does not read the wait
over); and the same words naming this year or quarter, which do not wait."""

from __future__ import annotations

import re
from datetime import date

# a thing come for a later time than this card: a year, the next one, a fiscal year or a quarter
_FOR_LATER = (
    r"\b(?:for|from|starting|after)\s+(?:(?:the\s+)?(?:next|coming|following)\b|later\b|fy\s*'?\d{2,4}\b|"
    r"q[1-4]\b|(?:19|20)\d\d\b)"
)

# ... but this year or this quarter is now ('Budget pending - approved for 2026', '... - approved for Q4' on
# Dec 5, 2026: left out as a later year's card since 569fd5ef, found by review54); a fiscal year may be
# either, and waits as before
_FOR_A_TIME = re.compile(rf"(?i){_FOR_LATER}")


def without_this_year(note: str, today: date) -> str | None:
    """``note`` without its words naming a time (:data:`_FOR_LATER`) where each names ``today``'s year or
    quarter; None where it names none, or one to come."""
    found = [words[0].casefold() for words in _FOR_A_TIME.finditer(note)]
    if not found or not all(_now(words, today) for words in found):
        return None
    return _FOR_A_TIME.sub(" ", note)


def _now(words: str, today: date) -> bool:
    year, quarter = re.search(r"\b(?:19|20)\d\d$", words), re.search(r"\bq([1-4])$", words)
    if year is not None:
        return int(year[0]) == today.year
    return quarter is not None and int(quarter[1]) == (today.month - 1) // 3 + 1
