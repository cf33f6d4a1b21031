"""A no-show, a walk-out or a job abandonment said with a day still to come ('NCNS 1/15/2027', 'No call no
show 1/15/2027', 'Job abandonment on 1/15/2027' on Dec 8, 2026): words written once the thing has happened,
on a day that has not come. The day is mistyped (a year, a month), the person perhaps gone: the row asks
(said, the words alone, which leave it out; taken out, nothing). Each was left out, nobody asked (the lead's
closing note of session 52; review79). A passed day leaves the row out as the words alone do; a walk-out
under 'Notes' or 'Status' sends as it does alone (an employment status leaves it out: 0aaf84f9)."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from .leavingday import _A_DAY, leaving_later

_NOT_COMING = (
    r"ncns|no[\s-]*call[\s,/&-]*(?:and\s+)?no[\s-]*show|no[\s-]*show[\s,/&-]*(?:and\s+)?no[\s-]*call|"
    r"walked\s+(?:out|off)(?:\s+(?:on\s+)?(?:the\s+)?job)?|abandoned(?:\s+(?:the\s+)?job)?|job\s+abandonment"
)
_ON_A_DAY = re.compile(
    rf"(?i)\W*(?P<what>{_NOT_COMING})(?:\s+x\s*\d+)?\s*[:,(–—-]?\s*(?:on|eff\.?|effective|as\s+of)?\s*"
    rf"(?P<day>{_A_DAY})(?![/.-]?\d)(?:\s*[-–—,;(]?\s*per\s+[\w.&]+(?:\s+[\w.&]+)?)?\W*"
)
_MAY_BE = re.compile(r"(?i)\b(?:ncns|show|walked|abandon\w*)\b.*\d")


def may_be_a_no_show_to_come(text: str) -> bool:
    """Whether ``text`` may name a no-show and a day (a cheap look before :func:`no_show_readings`)."""
    return _MAY_BE.search(text) is not None


def no_show_readings(text: str, today: date) -> tuple[str, str] | None:
    """('', the no-show alone) where ``text`` names a no-show on a day after ``today``, else None."""
    found = _ON_A_DAY.fullmatch(text)
    if found is None or not bool(leaving_later(pd.Series([found["day"]]), today).iloc[0]):
        return None
    return "", found["what"]
