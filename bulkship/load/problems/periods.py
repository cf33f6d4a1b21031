"""The period a header names beside a field's words: 'Amount 2026', 'FY26 Amount', 'Q4 Gift Amount',
'Address (Nov 2026)', 'This Year Amount'. A list kept from year to year adds such a column beside the
field's own (or hides the old one and adds it): the card went out at 'Amount' = 25 where 'Amount 2026' said
50, to 'Address' where 'Address 2026' named the new street, exit 0 (found by hunter-sheets25). A past year's
column ('2025 Amount' read in 2026) is a record of what was given, as 'Last Year Amount' is."""

from __future__ import annotations

import re

_YEAR = re.compile(r"(?:19|20)\d\d")
_FISCAL = re.compile(r"fy(\d{2}|(?:19|20)\d\d)?")  # 'FY26', 'FY2026', or 'FY' before '26' / '2026'
_QUARTER = re.compile(r"[qh][1-4]")  # 'Q4', 'H2' (a half: h1, h2)
_MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
     "dec"}
)  # fmt: skip
_NOW = frozenset({"this", "current", "next"})  # before 'year', 'quarter', 'month'
_SPANS = frozenset({"year", "yr", "quarter", "qtr", "month"})


def without_period(words: list[str], this_year: int) -> tuple[list[str], bool]:
    """``words`` (a header's, as :func:`bulkship.columns._words` gives them) without the period they name,
    and whether that period is past (a year before ``this_year``). The words unchanged, False, when they
    name none; a month or a quarter alone is this year's."""
    rest: list[str] = []
    years: list[int] = []
    fiscal = False
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        if _YEAR.fullmatch(word):
            years.append(int(word))
        elif fiscal and before == "fy" and word.isdigit() and len(word) == 2:
            years.append(2000 + int(word))
        elif found := _FISCAL.fullmatch(word):
            fiscal = True
            if found.group(1):
                years.append(int(found.group(1)) + (2000 if len(found.group(1)) == 2 else 0))
        elif not (_QUARTER.fullmatch(word) or word in _MONTHS or _this_span(words, i)):
            rest.append(word)
    if len(rest) == len(words):
        return words, False
    return rest, bool(years) and max(years) < this_year


def _this_span(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is 'this'/'current'/'next' before 'year', 'quarter' or 'month', or that span after
    it ('This Year's Amount', 'Current Quarter Amount')."""
    after = words[i + 1] if i + 1 < len(words) else ""
    before = words[i - 1] if i else ""
    return (words[i] in _NOW and after in _SPANS) or (words[i] in _SPANS and before in _NOW)
