"""The rows a batch's list holds until a day to come, each with its day (..load.skipped.heldday), as the run,
`bulkship status` and the cost page name them: 'waiting for their day' alone gave an HR person no day to put
in a calendar, and the run exits 0, so a person could be forgotten (newcomer18's N1)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .ledger import Ledger
from .statuses import DAY_SAID, NOT_YET_REASON

SHOWN = 5  # the rows named with their day; the rest counted


def held_day(reason: str) -> date | None:
    """The day a held row's reason names (.models.SkippedRow.said), or None."""
    if not reason.startswith(NOT_YET_REASON) or DAY_SAID not in reason:
        return None
    try:
        return date.fromisoformat(reason.rsplit(DAY_SAID, 1)[1][:10])
    except ValueError:
        return None


def without_day(reason: str) -> str:
    """``reason`` without the day it names (an older ledger's reasons never had one)."""
    return reason.rsplit(DAY_SAID, 1)[0] if held_day(reason) is not None else reason


def held_until(ledger: Ledger, batch: str) -> tuple[tuple[int, str], ...]:
    """(row, its day as YYYY-MM-DD, or "" where its reason names none: an older bulkship's) of the batch's
    current rows held until a day to come, the soonest first."""
    found = []
    for record in ledger.current_rows_with_status(batch, "skipped"):
        reason = record.error or ""
        if reason.startswith(NOT_YET_REASON):
            day = held_day(reason)
            found.append((record.row, day.isoformat() if day else ""))
    return tuple(sorted(found, key=lambda held: (held[1] or "9999", held[0])))


def days_said(held: Sequence[tuple[int, str]]) -> str:
    """'row 5 on or after 2027-01-15, row 4 on or after 2027-02-01' (the first :data:`SHOWN`)."""
    said = [f"row {row}" + (f" on or after {day}" if day else "") for row, day in held[:SHOWN]]
    more = f" and {len(held) - SHOWN} more" if len(held) > SHOWN else ""
    return ", ".join(said) + more


def first_day(held: Sequence[tuple[int, str]]) -> str:
    """', the first on 2027-01-15' (nothing where no day is known)."""
    return f", the first on {held[0][1]}" if held and held[0][1] else ""
