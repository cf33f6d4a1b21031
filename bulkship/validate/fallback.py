"""The rows whose shipping (or mailing) address is empty in every column, sent to the next address group the
sheet has: a "Shipping Address" or "Delivery Address" filled only where it differs from the home one
(found by hunter-sheets2: every other row was refused as having no street). Which group that is, and when
there is none, :func:`bulkship.columns.choose._fallback_group` decides."""

from __future__ import annotations

import pandas as pd

from ..models import LoadedSheet
from .collect import ProblemCollector


def fallback_rows(sheet: LoadedSheet) -> pd.Series:
    """The rows to read from the next group: each column of the chosen group empty, the next one's street
    filled (a row with neither stays the chosen group's, an error saying its street is empty)."""
    index = sheet.frame.index
    street = sheet.fallback.get("address1")
    if street is None or not sheet.fallback_over:
        return pd.Series(False, index=index)
    rows = _filled(sheet, street)
    for header in sheet.fallback_over:
        rows &= ~_filled(sheet, header)
    return rows


def read_fallback(columns: dict[str, pd.Series], sheet: LoadedSheet, rows: pd.Series) -> None:
    """``columns`` (canonical -> cells) take the next group's cells on ``rows``."""
    if not rows.any():
        return
    for field, header in sheet.fallback.items():
        other = sheet.frame[header].fillna("").astype(object)
        columns[field] = other.where(rows, columns[field])


def say_fallback(sheet: LoadedSheet, collector: ProblemCollector, rows: pd.Series) -> None:
    """A warning on each row sent to the next group, and its problems named by that group's headers."""
    if not rows.any():
        return
    read = set(sheet.fallback.values())
    shown = ", ".join(f"'{h}'" for h in sheet.headers if h in read)  # in the sheet's order
    collector.warn(
        rows,
        "address1",
        "Other address used",
        "is empty, as is the rest of its address: the card goes to the address in "
        + shown.replace("{", "{{").replace("}", "}}")
        + ".",
    )
    collector.read_elsewhere(rows, sheet.fallback)


def _filled(sheet: LoadedSheet, header: str) -> pd.Series:
    return sheet.frame[header].fillna("").astype(str).str.strip().ne("")
