"""Amounts written with a decimal comma in a ';'-separated CSV: a European Excel saves its CSV with ';'
between cells because its decimal separator is the comma, so its amounts are '25,00' and '1.000,00'. Every
row of such a list was an error, "'25,00' is written with a decimal comma, which bulkship does not guess at"
(hunter-sheets31's leftover 1). In a ';' file the comma is read as the decimal point, and a point between
groups of three digits as a thousands separator, where the column holds nothing that reads two ways: no
amount written with a decimal point ('25.50') and no '1,000' or '1.000' (a thousand, or one?). Where it does,
nothing is read so and each such cell stays an error asking for a point, as in a ',' file (decided: a list
mixing both ways has no one way to read it, and a card 100 times its value is real money).
"""

from __future__ import annotations

import re

import pandas as pd

# '25,00', '$ 25,5', '1.000,00': a decimal comma, with or without points between thousands
_DECIMAL_COMMA = re.compile(r"(\$?\s*)(\d{1,3}(?:\.\d{3})+|\d+),(\d{1,2})")
# '25.50' (a decimal point), '1,000' or '1.000' (a thousand, or one to three decimals?): read two ways
_READS_TWO_WAYS = re.compile(r"\$?\s*(?:\d+\.\d{1,2}|\d{1,3}(?:[.,]\d{3})+)")


def read_decimal_commas(
    body: pd.DataFrame, column_map: dict[str, str], delimiter: str, letters: dict[str, str]
) -> list[str]:
    """Rewrite, in ``body``, the value column's amounts written with a decimal comma as amounts with a point
    ('25,00' -> '25.00', '1.000,00' -> '1000.00') when the CSV is ';'-separated and no cell of the column
    reads two ways; the notice saying so, or none."""
    value = next((header for header, field in column_map.items() if field == "value"), None)
    if delimiter != ";" or value is None or value not in body.columns:
        return []
    cells = body[value].fillna("").astype(str).str.strip()
    commas = cells.str.fullmatch(_DECIMAL_COMMA.pattern)
    if not commas.any() or cells.str.fullmatch(_READS_TWO_WAYS.pattern).any():
        return []
    first = cells[commas].iloc[0]
    body.loc[commas, value] = cells[commas].map(_with_point)
    return [
        f"Column '{value}' ({letters.get(value, '?')}) is read with a decimal comma, as a ';'-separated file "
        f"from a European Excel writes its amounts: '{first}' as {_with_point(first).lstrip('$ ')}."
    ]


def _with_point(cell: str) -> str:
    match = _DECIMAL_COMMA.fullmatch(cell)
    if match is None:
        return cell
    sign, whole, cents = match.groups()
    return f"{sign}{whole.replace('.', '')}.{cents}"
