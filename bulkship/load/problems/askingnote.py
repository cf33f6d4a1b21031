"""The error on a row whose note or status asks whether its card goes ('Deceased?', 'Do not send?', 'Possible
duplicate', 'Terminated (confirm)', 'Terminated - rehired?': :mod:`..skipped.asking`): nothing is sent until a
person says, on *Fix these* as any error. Ordered, a card went to a person the list asked about (who may have
died or left); left out, the person was dropped with nobody asked (the lead's decision, review60's items 1
and 2)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date

import pandas as pd

from ...models import Problem
from ...validate.invisible import without_invisible
from ..cells import _Grid
from ..skipped import _short
from ..skipped.asking import asking_rows, readings, unstruck
from ..skipped.yearasked import days_asked
from .bounded import name_field
from .notecolumns import note_columns, status_columns

ASKS = "Unclear whether to send"  # (a Status cell is no note, and many a cell asks nothing)
# a cell that asks: a question mark, a question's opening word, or words asking a person to find out. The
# error said "asks 'Sent in error'" of cells that ask nothing: those it says "says" of (review68's leftover 2)
_ASKING = re.compile(
    r"(?i)[?？]|\b(?:confirm|check|verify|tbd|maybe|unsure|not\s+sure|unclear|whether)\b"
    r"|^\W*(?:should|shall|could|can|is|are|was|were|does|did|do\s+(?:we|i|they)|who|what|when|where|which"
    r"|why|how)\b"
)


def asking_headers(body: pd.DataFrame, column_map: dict[str, str]) -> list[str]:
    """The columns of notes and of a person's or a card's status no field reads, where a remark may ask; and
    those of another's status ('Nomination Status', 'Registration Status', 'Donor Status', 'Account Status'):
    'Declined?' or 'Not selected - send card' there was sent or left out, nobody asked (review79)."""
    from ..skipped.otherpeople import event_status, held_thing_status, other_people_status

    headers = [c.header for c in (*note_columns(body, column_map), *status_columns(body, column_map))]
    others = (event_status, other_people_status, held_thing_status)
    return headers + [
        h for h in body.columns if h not in column_map and h not in headers and any(o(str(h)) for o in others)
    ]


def said_out(column_map: dict[str, str], today: date) -> Callable[[pd.DataFrame], dict[int, str]]:
    """The rows a frame of remarks says not to send or holds, read as the list's are on ``today``."""
    from ..skipped.said import _said_not_to_send

    return lambda frame: _said_not_to_send(frame, column_map, (), None, today)


def asked_of(remarks: pd.DataFrame, column_map: dict[str, str], today: date) -> dict[int, tuple[str, str]]:
    """The rows whose remark (a frame of the note and status columns, as seen) asks whether the card goes,
    every row read (:func:`asking_rows`): the same rows whether read for the rows left out or for the
    others. Row -> (header, the remark). Each read once a load: the rows left out and the errors ask it of the
    same remarks (issue 14)."""
    reader = ("said out", tuple(column_map.items()), today)
    return asking_rows(remarks, list(remarks.columns), None, said_out(column_map, today), reader, today)


def asking_problems(
    body: pd.DataFrame,
    column_map: dict[str, str],
    not_judged: Collection[int],
    today: date,
    grid: _Grid | None = None,
    by_position: dict[int, str] | None = None,
) -> list[Problem]:
    """An error on each row not left out whose remark asks whether the card goes (:func:`asked_of`, the
    remarks read alone, as seen: a cell merged down over several rows is each one's, with ``grid``): the rows
    :func:`..skipped.rows._skipped_rows` took off those left out for it, and those a question would have
    sent."""
    from ..skipped.rows import _merged_down, _struck_whole

    headers = asking_headers(body, column_map)
    if not headers:
        return []
    remarks = without_invisible(body[headers])
    if grid is not None and by_position is not None:
        own = {position: header for position, header in by_position.items() if header in headers}
        remarks = _merged_down(grid, remarks, column_map, own)
        remarks = unstruck(remarks, _struck_whole(grid, by_position, column_map))
    asked = asked_of(remarks, column_map, today)
    field = name_field(column_map)
    return [
        year_problem(row, header, note, field, today) or asking_problem(row, header, note, field)
        for row, (header, note) in sorted(asked.items())
        if row not in not_judged
    ]


def year_problem(row: int, header: str, note: str, field: str, today: date) -> Problem | None:
    """The error on a row whose ``note`` asks only which year its leaving day is (:mod:`..skipped.yearasked`):
    the question put, both answers said; None for any other note."""
    if readings(note) is not None or not (days := days_asked(note, today)):
        return None
    day = days[0][2]
    coming, passed = (f"{day.month}/{day.day}/{year}" for year in (day.year, day.year - 1))
    message = (
        f"Row {row}, column '{header}': says '{_short(note, 60)}', a leaving day without its year: {coming}, "
        f"the person still here until then (the card is sent), or {passed}, gone since (no card)? Write the "
        f"day with its year in '{header}'."
    )
    return Problem(row, field, note, "error", message, ASKS)


def asking_problem(row: int, header: str, note: str, field: str) -> Problem:
    """The error on a row whose ``note`` in ``header`` asks whether its card goes."""
    says = "asks" if _ASKING.search(note) else "says"
    message = (
        f"Row {row}, column '{header}': {says} '{_short(note, 60)}': is this card to be sent? Check, then "
        f"write 'send' or 'do not send' in '{header}' in its place."
    )
    return Problem(row, field, note, "error", message, ASKS)


# a yes in a yes/no column ('Pending Termination' = Y, 'Government Official' = true)
_YES = re.compile(r"(?i)\s*(?:y|yes|true|t|1|x|✓|✔)\s*")


def yes_column_problems(
    body: pd.DataFrame,
    column_map: dict[str, str],
    not_judged: Collection[int],
    why_of: Callable[[str], str | None],
) -> list[Problem]:
    """The error asking on each row whose yes/no column says yes, in the column's words: ``why_of(header)``
    says what its yes means, None for a column not read so (leavingflags, giftrules). A no or an empty cell
    sends; the way on is writing No in that column."""
    field = name_field(column_map)
    problems: list[Problem] = []
    for header in body.columns:
        why = None if header in column_map else why_of(str(header))
        if why is None:
            continue
        reason = _reason_beside(body, str(header))
        for row, cell in body[header].items():
            said = str(cell if pd.notna(cell) else "").strip()
            if int(row) in not_judged or not _YES.fullmatch(said):
                continue
            given = str(body.at[row, reason]).strip() if reason else ""
            because = f" ('{reason}': '{given}')" if given and given != "nan" else ""
            message = (
                f"Row {row}, column '{header}': says '{said}'{because}: {why}: is this card to be sent? "
                f"Check, then write No in '{header}' to send it, or take the row off the list."
            )
            problems.append(Problem(int(row), field, said, "error", message, ASKS))
    return problems


def _reason_beside(body: pd.DataFrame, header: str) -> str:
    """The column giving a yes/no column's reason ('Marketing Suspended Reason', '... Cause'), or ''."""
    wanted = {f"{header} {word}".casefold() for word in ("reason", "cause")}
    return next((str(h) for h in body.columns if " ".join(str(h).split()).casefold() in wanted), "")
