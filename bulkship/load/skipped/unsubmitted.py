"""A form's or survey's answers never submitted: the export's own columns saying a response was left part way
(Typeform's empty 'Submit Date (UTC)' among stamped ones, Qualtrics' 'Finished' = False, a 'Response Status'
= Partial). Such a response may hold an address, but the person never sent the form asking for a card: each
was ordered like the submitted ones (found by hunter-sheets14, leftover 4)."""

from __future__ import annotations

import re
from collections.abc import Collection

import pandas as pd

from ...quoting import quoted
from .columnkeys import flag_key
from .flags import RESPONSE_STATUS, STAMPED, SUBMITTED_AT
from .kinds import _SAYS_NOT_TO_SEND
from .languages import plain_key

# Qualtrics' 'Finished' (True/False, or 1/0 in its numeric export), read beside its 'Progress': alone, a
# tracker's 'Finished' = No is work still to do, a card to send
_FINISHED, _PROGRESS = flag_key("finished"), flag_key("progress")
_SAYS_UNFINISHED = re.compile(r"(?i)\s*(?:false|0|no|n)\s*")

_SAYS_PARTIAL = re.compile(
    r"(?i)\s*(?:partial(?:ly\s+complete[d]?)?|partial\s+response|incomplete|in[\s-]*progress|unfinished|"
    # (and one not begun: 'Not Started', as a learning system's 'Completion Status' says it)
    r"abandoned|not\s+(?:submitted|completed?|finished|started|begun|attempted)|unsubmitted|draft)\b.*"
)


# ... but not a row typed in by hand under the form's answers (a late reply by phone, a person HR added):
# no cell the form writes itself, and the order's own cells filled (a name, a full address, an amount). Each
# was left out as never submitted (hunter-falsealarm3's L2; the lead decided so): it is sent, a notice naming
# it (:func:`typed_under_a_form`). A row the form began (its start stamp, its response's token) or lacking
# part of the order stays out
_FORM_OWN = frozenset(
    plain_key(h)
    for h in ("#", "token", "response id", "respondent id", "submission id", "network id", "ip address", "ip",
              "start date", "start date utc", "start time", "started", "started at", "time started",
              "date started", "start timestamp", "session id", "collector id", "landing id")
)  # fmt: skip
_ORDER_CELLS = (("name", "first_name"), ("address1",), ("city",), ("state",), ("zip",), ("value",))


def _unsubmitted(body: pd.DataFrame, column_map: dict[str, str]) -> dict[int, str]:
    """Rows of responses never submitted: row -> the reason. Judged after the totals rows and notes, whose
    stamp cell is empty too."""
    keys = {flag_key(str(header)): header for header in body.columns if header not in column_map}
    found: dict[int, str] = {}
    read = SUBMITTED_AT | RESPONSE_STATUS | ({_FINISHED} if _PROGRESS in keys else set())
    for key, header in keys.items():
        if key not in read:  # (only these columns are read: a 100k-row list's others cost nothing)
            continue
        column = body[header].astype(str).str.strip()
        if key in SUBMITTED_AT:
            typed = set(_typed_by_hand(body, column_map, header, column))
            for row in _never_stamped(column):
                if row not in typed:
                    found.setdefault(
                        row, f"{_SAYS_NOT_TO_SEND} (column '{header}' is empty: never submitted)"
                    )
            continue
        unfinished = column.str.fullmatch(_SAYS_UNFINISHED) if key == _FINISHED else None
        said = column.str.match(_SAYS_PARTIAL) if unfinished is None else unfinished
        for row, text in column[said].items():
            found.setdefault(
                int(row),
                f"{_SAYS_NOT_TO_SEND} (column '{header}': '{quoted(text)}', a response not finished)",
            )
    return found


def _never_stamped(column: pd.Series) -> list[int]:
    """The rows of a submit stamp's column (its cells stripped) left empty where the others hold the time
    of day a form writes: none when it is empty throughout or stamps no time (a tracker's 'Date
    Submitted')."""
    filled = column.ne("")
    if filled.any() and not filled.all() and column[filled].str.match(STAMPED).all():
        return [int(row) for row in column.index[~filled].tolist()]
    return []


def _typed_by_hand(
    body: pd.DataFrame, column_map: dict[str, str], header: str, column: pd.Series
) -> list[int]:
    """Of the rows never stamped under ``header``, those typed in by hand: no cell of the form's own
    (:data:`_FORM_OWN`, or another column stamping the time of day) filled, and the order's cells of the
    list (:data:`_ORDER_CELLS`) all filled."""
    rows = _never_stamped(column)
    if not rows:
        return []
    fed = {field: h for h, field in column_map.items()}
    needed = [next((fed[f] for f in fields if f in fed), None) for fields in _ORDER_CELLS]
    if "name" not in fed and "last_name" in fed:
        needed.append(fed["last_name"])
    if any(h is None for h in needed[:5]):  # (no name or no address column: nothing to judge by)
        return []
    stamped = body.loc[column.ne("")].iloc[:200]  # (a form's own stamps fill every row: a 100k-row export's
    # every column read whole cost a second)
    own = [
        h
        for h in body.columns
        if h != header
        and h not in column_map
        and (plain_key(str(h)) in _FORM_OWN or _stamps_times(stamped[h].astype(str).str.strip()))
    ]
    cells = body.loc[rows, [h for h in needed if h is not None]].astype(str).apply(lambda c: c.str.strip())
    began = body.loc[rows, own].astype(str).apply(lambda c: c.str.strip()).ne("").any(axis=1)
    complete = cells.ne("").all(axis=1) & ~began
    return [int(row) for row in complete.index[complete].tolist()]


def _stamps_times(column: pd.Series) -> bool:
    """Whether a column's filled cells each hold a time of day (a form's 'Start Date (UTC)')."""
    filled = column[column.ne("")]
    return not filled.empty and bool(filled.str.match(STAMPED).all())


def typed_under_a_form(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: Collection[int]
) -> list[str]:
    """A line for the rows typed in by hand under a form's answers (:func:`_typed_by_hand`), which are sent:
    naming them, and how to leave one out that is a response never submitted."""
    notices = []
    for header in body.columns:
        if header in column_map or flag_key(str(header)) not in SUBMITTED_AT:
            continue
        column = body[header].astype(str).str.strip()
        rows = [row for row in _typed_by_hand(body, column_map, str(header), column) if row not in not_judged]
        if rows:
            shown = ", ".join(str(row) for row in rows[:10]) + (
                f" and {len(rows) - 10} more" if len(rows) > 10 else ""
            )
            notices.append(
                f"{len(rows)} row(s) have no '{header}' where the form's answers have one, typed in by hand"
                f" it seems: row(s) {shown}. Each gives a name, a full address and an amount, and is"
                " ordered. If one is a response the person never submitted, delete it."
            )
    return notices
