"""A vendor's status giving its day beside its word: 'Refund issued 12/01', 'Refunded on 2026-12-01',
'Cancelled 12/01/2026', 'Delivered Dec 1, 2026 3:45 PM'. Read whole, the figures made each an unknown
status: a line the vendor said refunded or cancelled was counted charged and its row never sent again (the
person without a card; review41's leftover after c0e06d43, fixed by hunter-money18). The day is no word of
the status: :func:`without_day` takes it off before the status is read.

Only a day written as one for sure: with its year ('2026-12-01', '12/01/2026', '1 Dec 2026'), a month's name
('Dec 1'), a time of day ('10:32', '3 PM'), or a month and day alone ('12/01') where they cannot be a share
of the line's cards or of its money: after 'on', followed by a time, the first above the second ('12/01' is
no 12 of 1), or, of a line of a known count of cards, the second above 4 (no half, third or quarter of its
money) and not that count ('Refunded 11/25' of a line of 1 card). 'Cancelled 1/2' (one of two cards? half
its money?), an order's 'Cancelled 11/25' (11 of its 25 lines?), an amount ('Refunded 25.00'), a reference
('Refund #12') stay in the status, which stays unknown: never a refund or a card not made on a guess.
"""

from __future__ import annotations

import re

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
)
_YEAR = r"(?:19|20)\d\d"
_ORDINAL = r"(?:st|nd|rd|th)?"
_TIME = (
    r"(?:(?:\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\b\.?)?|\d{1,2}\s*[ap]\.?m\b\.?)"
    r"(?:\s*(?:z|utc|gmt|[ecmp][sd]t|[+-]\d{2}:?\d{2}))?)"
)
_DAY = re.compile(
    rf"""(?ix)
    (?P<on>\b(?:on|at|dated)\s+)?
    (?:
        (?P<iso>\b{_YEAR}[-/.]\d{{1,2}}[-/.]\d{{1,2}})(?:[t\s]\s*{_TIME})?
      | (?P<mdy>\b\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:{_YEAR}|\d\d))\b
      | \b{_MONTH}\s*\d{{1,2}}{_ORDINAL}(?:,?\s*{_YEAR})?\b
      | \b\d{{1,2}}{_ORDINAL}[\s-]*{_MONTH}(?:[\s,-]*(?:{_YEAR}|\d\d))?\b
      | (?P<md>\b\d{{1,2}}/\d{{1,2}})\b(?![/.-]\d)(?P<timed>,?\s*(?:at\s+)?{_TIME})?
      | \b{_TIME}(?!\S*\d)
    )
    (?:,?\s*(?:at\s+)?{_TIME})?
    """
)


def _pair(first: int, second: int) -> bool:
    """Whether two figures may be a month and a day, in either order."""
    return (1 <= first <= 12 and 1 <= second <= 31) or (1 <= second <= 12 and 1 <= first <= 31)


def _a_day(found: re.Match[str], cards: int | None) -> bool:
    """Whether what :data:`_DAY` found is a day for sure (see the module) in the status of a line of
    ``cards`` cards (None: an order's, or not known)."""
    if found["iso"]:
        _year, month, day = (int(n) for n in re.split(r"[-/.]", found["iso"]))
        return 1 <= month <= 12 and 1 <= day <= 31
    if found["mdy"]:
        first, second, _year = (int(n) for n in re.split(r"[-/.]", found["mdy"]))
        return _pair(first, second)
    if found["md"]:
        first, second = (int(n) for n in found["md"].split("/"))
        if not _pair(first, second):
            return False
        of_the_line = cards is not None and second > 4 and second != cards  # no share of its cards or money
        return bool(found["on"] or found["timed"] or first > second or of_the_line)
    return True


def without_day(status: str, cards: int | None = None) -> str:
    """``status`` (of a line of ``cards`` cards, None: an order's or not known) with the day (and time) it
    gives taken off; itself when it gives none for sure."""
    if not any(ch.isdigit() for ch in status):
        return status
    kept, at = [], 0
    for found in _DAY.finditer(status):
        if _a_day(found, cards):
            kept.append(status[at : found.start()])
            at = found.end()
    if not kept:
        return status
    return " ".join(" ".join([*kept, status[at:]]).split())
