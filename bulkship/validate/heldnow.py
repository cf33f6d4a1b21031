"""A row the list holds until a day to come ('On hold until 1/15/2027') is judged now, as a row to send is.
Judged only on its day, a card the vendor does not make ('CVS' of 20.00) read 'waiting for their day' for
weeks, its 20.00 counted in the money held rows will cost, and on the day it was refused, nobody at the desk
to fix it (hunter-money21's leftover 1). Such a row is invalid now, on *Fix these* with the hold said beside
its error; once fixed it is held again, until its day."""

from __future__ import annotations

from collections.abc import Collection

from ..models import LoadedSheet
from ..program import ProgramSettings
from ..statuses import NOT_YET_REASON


def held_with_errors(sheet: LoadedSheet, error_rows: Collection[int]) -> frozenset[int]:
    """The rows ``sheet`` holds until a day to come that have an error (``error_rows``)."""
    if not error_rows:
        return frozenset()
    held = {s.row for s in sheet.skipped if s.reason.startswith(NOT_YET_REASON)}
    return frozenset(held.intersection(error_rows))


def said_once(sheet: LoadedSheet, to_fix: Collection[int], program: ProgramSettings) -> tuple[str, ...]:
    """``sheet``'s notices no longer naming the rows ``to_fix`` among those the list says not to send ('row 5
    (...), to send on or after 2027-01-15'): their error names them, with their hold (hunter-money22's item
    3: Dee Park's row was said not ordered, to send on its day, and then a row to fix now)."""
    from ..load.skipped.notices import _skip_notices

    old = set(_skip_notices(sheet.skipped, program))
    new = _skip_notices([s for s in sheet.skipped if s.row not in to_fix], program)
    notices: list[str] = []
    for notice in sheet.notices:
        if notice not in old:
            notices.append(notice)
        elif not any(n in notices for n in new):  # where the first notice on rows left out was
            notices += new
    return tuple(notices)
