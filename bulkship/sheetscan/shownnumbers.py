"""What an ODS number cell shows beside what it holds: a format showing another number than the cell's
('$50.00' over 100), or the number rounded whole (split from :mod:`.ods`)."""

from __future__ import annotations

import re
from decimal import Decimal

_WHOLE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")  # the digits of a number shown whole: "25", "$1,250"


_SHOWN_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _shows_another_number(value: str, text: str) -> bool:
    """Whether a number cell shows nothing, or a number a unit or more away from what it holds ('$50.00' over
    100): its format shows something else than the cell holds (a rounding is :data:`_WHOLE`'s)."""
    if not value:
        return False
    numbers = _SHOWN_NUMBER.findall(text)
    if not numbers:
        return True
    if len(numbers) != 1:
        return False
    try:
        held = abs(Decimal(value))
    except ArithmeticError:
        return False
    if not held.is_finite():  # 'nan', 'inf': compared, a NaN raised, and the file was called unreadable XML
        return False
    # '25,00' is 25 in a locale writing a decimal comma (found by review13: LibreOffice's '25,00' over 25, in
    # German, was read as 2500 and the row an error, though the sheet shows it right)
    return all(abs(shown - held) >= 1 for shown in _readings(numbers[0]))


def _readings(shown: str) -> list[Decimal]:
    """A number as shown, its comma read as a thousands separator and as a decimal comma."""
    readings = []
    for text in (shown.replace(",", ""), shown.replace(",", ".")):
        try:
            readings.append(Decimal(text))
        except ArithmeticError:
            continue
    return readings
