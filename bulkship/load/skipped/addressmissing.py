"""A remark saying the row's address is not known yet ('Address TBD', 'new hire, address TBD', 'Need address',
'Waiting on home address', 'No address yet', 'Moved, no forwarding address') on a row whose street is empty:
a row to fix, its address missing, on the *Fix these* sheet for the person to fill in once it is known. Left
out as "the list says not to send it", the row never reached Fix these, where the person fixing the list
looks, while 'New address TBD' did (found by newcomer15, review44's LO1). Nor is such a row sent to another
address group of the list (a 'Mailing Address' empty beside a 'Work Address': the card went to the office
on 'No address yet', 'Address pending', 'Address to follow': :func:`address_missing_problems`).

A remark saying something more ('Address TBD - terminated', 'Address unknown; do not send') still leaves the
row out: :func:`rows_to_fix` reads the row again without the remark's clauses naming the address."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

import pandas as pd

from ...models import Problem
from .totals import _short
from .undone import _UNDONE

# (not another kind's: 'Email address needed', 'Need IP address' say nothing of the street)
_ADDRESS = r"(?<!mail\s)(?<!\bip\s)(?<!web\s)addr(?:ess)?(?:es)?\b\.?"
_WHOSE = (
    r"(?:(?:an?|the|her|his|their|its|home|mailing|shipping|postal|delivery|new|updated|current|correct|"
    r"forwarding|valid|full|complete|street|residential|personal)\s+)*"
)
_ADDRESS_TO_COME = re.compile(
    # the address, then that it is not known yet ('Address TBD', 'Home address: unknown', 'Address to follow')
    rf"(?i)\b{_ADDRESS}\s*(?:[:=-]\s*|(?:is|still|not\s+yet|currently|was)\s+)*(?:tbd|tba|tbc|t\.b\.[dac]\b|"
    r"unknown|pending|missing|needed|required|requested|coming|outstanding|unavailable|n/?a\b|"
    r"to\s+(?:follow|come|be\s+(?:confirmed|determined|provided|updated|added|sent|given|supplied|collected))|"
    r"not\s+(?:yet\s+)?(?:known|provided|received|available|given|supplied|on\s+file|collected|in))\b"
    # ... or what is done or awaited to get it ('Need address', 'Waiting on home address', 'Hold for address')
    r"|\b(?:need(?:s|ed)?|requires?|required|request(?:ed|ing)?|ask(?:ed|ing)?\s+for|get(?:ting)?|"
    r"collect(?:ing)?|chas(?:e|ing)|wait(?:ing)?\s+(?:on|for)|await(?:s|ing|ed)?|pending|"
    rf"(?:on\s+)?hold(?:ing)?\s+(?:for|pending|until))\s+{_WHOSE}{_ADDRESS}"
    # ... or none given ('No address yet', 'Moved, no forwarding address'); not 'No address change'
    rf"|\b(?:no|without)\s+{_WHOSE}{_ADDRESS}(?:\s+(?:yet|on\s+file|given|provided|available|known|listed|"
    r"found|received))?\s*(?:$|[-–—:;,.!?()/])"
)
# a clause's end: a sign, a dash or a stop not inside a day ('Address TBD - left 11/30': 'left 11/30') nor a
# word ('Waiting on VP sign-off; Address TBD': 'sign' and 'off' said nothing, the wait was lost)
_CLAUSE = re.compile(r"\s*(?:[;,:()|!?]+|[–—]+|(?<![\w])-+|-+(?![\w])|\.(?!\d)|\s(?:and|but|so)\s)\s*")
_NAMES_ADDRESS = re.compile(r"(?i)\baddr(?:ess)?")
# ... or none needed ('No address needed': an e-gift's row)
# ... or none on file, as a bad address is read ('No address on file', 'Address missing': ..badaddress),
_NONE_NEEDED = re.compile(
    r"(?i)\W*(?:no\s+(?:\w+\s+)?addr(?:ess)?\s+(?:is\s+)?(?:needed|required|necessary)\b|no\s+(?:home\s+)?"
    r"addr(?:ess)?(?:\s+on\s+file)?\W*$|(?:addr(?:ess)?\s+missing|missing\s+addr(?:ess)?)\W*$|"
    # ... or the street known bad ('Moved, no forwarding address', 'Need new address', 'Address unknown')
    r".*\bno\s+forwarding|\W*needs?\s+(?:a\s+)?new\s+addr(?:ess)?\W*$|\W*addr(?:ess)?\s+(?:is\s+)?unknown\W*$)"
)
# ... nor a hold or a wait for it, or until the street is confirmed ('Wait for address', 'On hold until
# address confirmed': left out as before)
# ... the address got since, after a cut ('No address on file - added 12/1', 'Address missing - found in
# Workday', 'No home address - using work address'): the street filled is it
_SETTLED_SINCE = re.compile(
    r"(?i)[-–—:;,.(/]\s*(?:(?!\b(?:not|never|no|yet|still)\b).){0,40}\b(?:added|found|using|used|updated|confirmed|"
    r"verified|corrected|fixed|entered|provided|received|on\s+file\s+now|in\s+(?:the\s+)?row)\b(?![^?]*\?)"
    r"|\b(?:confirm|verif|validat|wait|await|hold)\w*"
)


def address_to_come(note: str) -> bool:
    """Whether a remark says the address is not known yet (read at its start: a long note costs no more),
    and not that it came since ('On hold until address confirmed - confirmed 12/1': :data:`.undone._UNDONE`)
    """
    note = note[:200]
    return bool(_ADDRESS_TO_COME.search(note)) and not _UNDONE.search(note)


def _without_address(note: str) -> str:
    """The remark with each clause naming the address taken out: 'new hire, address TBD' is 'new hire'."""
    return "; ".join(c for c in _CLAUSE.split(note) if c.strip() and not _NAMES_ADDRESS.search(c))


def _street_empty(body: pd.DataFrame, column_map: dict[str, str]) -> pd.Series:
    street = next((h for h, field in column_map.items() if field == "address1"), None)
    if street is None or street not in body.columns:
        return pd.Series(False, index=body.index)
    return body[street].fillna("").astype(str).str.strip().eq("")


def _remarks(body: pd.DataFrame, column_map: dict[str, str]) -> list[str]:
    """The columns no field reads (a note, a status): where such a remark is written."""
    return [h for h in body.columns if h not in column_map]


def _notes_and_statuses(body: pd.DataFrame, column_map: dict[str, str]) -> list[str]:
    from ..problems.notecolumns import note_columns, status_columns

    return [c.header for c in (*note_columns(body, column_map), *status_columns(body, column_map))]


def _saying(body: pd.DataFrame, column_map: dict[str, str], filled: bool = False) -> dict[str, pd.Series]:
    """Header -> the rows of an empty street (or of any, ``filled``) whose cell there says the address is not
    known yet."""
    of_filled = filled and any(field == "address1" for field in column_map.values())
    if of_filled:  # ... of a street filled, its notes or statuses alone (not a result workbook's 'Problems')
        headers = _notes_and_statuses(body, column_map)
        says = {header: _to_come(body[header]) for header in headers}
        if not any(len(rows) for rows in says.values()):
            return {}  # (no remark says it: nearly every list, ~3 ms of pandas steps a load finding nothing)
        empty = _street_empty(body, column_map)
        empty |= nothing_settled(body, headers, [row for rows in says.values() for row in rows.index])
    else:
        empty = _street_empty(body, column_map)
        if not empty.any():
            return {}
        says = {header: _to_come(body[header]) for header in _remarks(body, column_map)}
    found: dict[str, pd.Series] = {}
    for header, rows in says.items():
        rows = rows[empty[rows.index].to_numpy(dtype=bool)]
        if rows.any():
            found[header] = rows
    return found


def _to_come(column: pd.Series) -> pd.Series:
    """The rows whose cell says the address is not known yet (True each)."""
    cells = column.fillna("").astype(str)
    says = cells[cells.str.contains("addr", case=False, regex=False)].map(address_to_come)
    return says[says]


def nothing_settled(body: pd.DataFrame, headers: list[str], rows: Collection[object]) -> pd.Series:
    """Of ``rows`` (those whose remark says the address is to come), those none of whose ``headers`` says it
    came since or is not needed ('No address on file - added 12/1': the row has it); False for the others.
    Read only there: the patterns read every character of a long note, 9 CPU-s of a list of 300 rows with
    two 32,000-character notes, none saying the address is to come (found by hunter-speed1)."""
    kept = body.index[body.index.isin(list(rows))]
    filled_in = pd.Series(True, index=kept)
    for header in headers:
        cells = body.loc[kept, header].fillna("").astype(str)
        filled_in &= ~(cells.str.contains(_SETTLED_SINCE) | cells.str.match(_NONE_NEEDED))
    return filled_in.reindex(body.index, fill_value=False).astype(bool)


def rows_to_fix(
    body: pd.DataFrame,
    column_map: dict[str, str],
    said: dict[int, str],
    again: Callable[[pd.DataFrame], Collection[int]],
) -> set[int]:
    """Of the rows ``said`` leaves out, those whose remark says the address is not known yet and which nothing
    else leaves out: read again by ``again`` (the rows a frame says not to send) with those remarks' clauses
    naming the address taken out. Of a street filled too ('4 Main St' beside 'Address TBD', 'Need address',
    'Waiting for address'): left out, the person was on no Fix these sheet and nobody was asked for the
    address, where 'New address TBD' is a row to fix (found by newcomer20, N15)."""
    saying = _saying(body, column_map, filled=True)
    rows = {int(row) for rows in saying.values() for row in rows.index} & set(said)
    if not rows:
        return set()
    frame = body.copy()
    for header, found in saying.items():
        for row in found.index:
            if int(row) in rows:
                frame.at[row, header] = _without_address(str(body.at[row, header]))
    still = set(again(frame))
    return rows - still


def address_missing_problems(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: Collection[int], told: Collection[int] = ()
) -> list[Problem]:
    """An error on each row of an empty street whose remark says the address is not known yet: filled in
    once known, never sent meanwhile to another address group the list has (the row's 'Work Address'). Of
    a street filled, the card would go to a street the remark says is not the one ('Address to follow',
    'Address pending' were sent there: newcomer20's N15). ``told``: rows another error says so already ('New
    address TBD')."""
    street = next((h for h, field in column_map.items() if field == "address1"), None)
    problems: list[Problem] = []
    seen: set[int] = set()
    for header, found in _saying(body, column_map, filled=True).items():
        for row in found.index:
            row = int(row)
            if row in not_judged or row in told or row in seen:
                continue
            seen.add(row)
            note = " ".join(str(body.at[row, header]).split())
            typed = " ".join(str(body.at[row, street]).split()) if street in body.columns else ""
            if typed:
                problems.append(address_to_change(row, header, note, str(street), typed))
            else:
                problems.append(address_missing(row, header, note, str(street)))
    return problems


def address_to_change(row: int, header: str, note: str, street: str, typed: str) -> Problem:
    """The error on a row whose remark in ``header`` says its address is to change or not known yet, its
    ``street`` holding ``typed``: the card would go there."""
    from ..problems.notecolumns import clear_cell  # (..problems reads this package first)

    message = (
        f"Row {row}, column '{header}': says '{_short(note, 60)}': the card would go to '{typed}'. Put the "
        f"new address in '{street}' (and the address columns beside it) once known and {clear_cell(header)}, "
        "or clear only that cell to send it there."
    )
    return Problem(row, "address1", typed, "error", message, CHANGING)


def address_missing(row: int, header: str, note: str, street: str) -> Problem:
    """The error on a row of an empty ``street`` whose remark in ``header`` says its address is to come."""
    from ..problems.notecolumns import clear_cell

    message = (
        f"Row {row}, column '{header}': says '{_short(note, 60)}' and '{street}' is empty: the address is "
        f"not known yet, and the card is sent to no other address. Put the address in '{street}' (and the "
        f"address columns beside it) once known and {clear_cell(header)}."
    )
    return Problem(row, "address1", "", "error", message, MISSING)


MISSING = "Address not known yet"
CHANGING = "Address to change"
