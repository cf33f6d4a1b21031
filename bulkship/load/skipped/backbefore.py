"""A leaving, then the person said back on a day before it ('Left 2023 - returned 3/4/2019', 'Terminated 2023
- rehired 2019', 'Left 5/1/2023 - back 3/4/2023'): a return before the leaving undoes nothing, or a year is
mistyped? Each was sent as the return read alone (review73's leftover 5; review75). Read by
:func:`.asking.readings` as a remark that asks: as written, the return (sent); the leaving alone (left out):
the error asking. The other way round ('Rehired 2018 - terminated 2019') is
:func:`.leavingundone.back_after_leaving`'s. Also a leaving then 'returned' or 'back' alone, no day nor thing
('Terminated - returned', 'Quit (returned)'): the person back, or the badge returned? Each was left out,
nobody asked: the error asking (review73's leftover 7; under Status 'Quit' alone is no leaving, sent)."""

from __future__ import annotations

import re
from datetime import date

from .leavingundone import _LEFT

_DAY = r"(?:(?P<{0}m>\d{{1,2}})[/.-](?:(?P<{0}d>\d{{1,2}})[/.-])?)?(?P<{0}y>(?:19|20)\d\d|(?<=[/.-])\d\d)\b"
_ON = r"(?:(?:in|on|as\s+of|eff\.?|effective|since)\s+)?"  # ('... - back since 2023': review77)
_BACK_BEFORE = re.compile(
    rf"(?i)\W*(?:(?:the\s+)?(?:employee|ee|she|he|they)\s+)?(?:{_LEFT})\s+{_ON}"
    + _DAY.format("l")
    + r"\s*(?P<cut>[-–—:;,(\[]|\band\b)\s*(?:(?:was|is|has\s+been|been|then|later)\s+)*"
    r"(?:re-?hired|reinstated|returned|back|came\s+back|re-?joined|boomerang(?:\s+hire)?|hired\s+back)\s+"
    + _ON
    + _DAY.format("b")
    + r"[\s)\].!]*"
)


def _day(found: re.Match[str], who: str) -> date:
    year = int(found[f"{who}y"])
    if year < 100 and found[f"{who}d"] is None:  # ('rehired 11/20' is a month and a day, no year)
        return date.min
    year += 2000 if year < 100 else 0
    month = int(found[f"{who}m"] or 1) if found[f"{who}d"] or found[f"{who}m"] else 0
    if not 1 <= month <= 12:
        return date(year, 1, 1) if month == 0 else date.min
    return date(year, month, min(int(found[f"{who}d"] or 1), 28))


def back_before_leaving(text: str) -> tuple[str, str] | None:
    """``text`` as written and its leaving alone, where it says the person back on a day before the leaving
    it names (years compared; months and days where both name them); else None."""
    found = _BACK_BEFORE.fullmatch(text)
    if found is None:
        return None
    left, back = _day(found, "l"), _day(found, "b")
    if date.min in (left, back):
        return None
    both_days = found["lm"] is not None and found["bm"] is not None
    if back.year < left.year or (both_days and back < left):
        return text, text[: found.start("cut")].strip()
    return None


def may_be_back_before(text: str) -> bool:
    """A cheap look before :func:`back_before_leaving`: two years or days."""
    return len(re.findall(r"\d[/.-]\d|(?:19|20)\d\d", text)) >= 2


_RETURNED_ALONE = re.compile(
    rf"(?i)\W*(?P<left>(?:(?:the\s+)?(?:employee|ee|she|he|they)\s+)?(?:{_LEFT}))\s*[-–—:;,(\[/]\s*"
    r"(?:returned|back)[\s)\].!]*"  # (bare: 'now back', 'is back', 'came back' say the person, sent)
)


def returned_alone(text: str) -> tuple[str, str] | None:
    """``text`` read as the person back and as the leaving alone, where it says a leaving then 'returned'
    or 'back' and nothing more; else None."""
    found = _RETURNED_ALONE.fullmatch(text)
    return None if found is None else (f"{found['left']} - came back", found["left"])
