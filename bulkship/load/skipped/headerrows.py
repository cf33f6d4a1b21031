"""The header read again where it is no recipient: repeated inside the list (two lists one below the other,
the second's header perhaps in other words), a title above it saying the list is not to be sent, and a survey
export's row of import ids under it."""

from __future__ import annotations

import re
from collections.abc import Collection

import pandas as pd

from ...columns.meaning import HeaderIndex
from ...errors import FileFormatError
from ..header import MIN_HEADER_MATCHES
from .languages import straight
from .saysend import SAYS_SEND

_SEND_HEADING = SAYS_SEND


def _repeated_headers(
    body: pd.DataFrame,
    column_map: dict[str, str],
    index: HeaderIndex | None = None,
    spellings: Collection[str] = (),
) -> list[int]:
    """Rows that repeat the header (exports pasted or concatenated one after another): each filled cell
    reads as its column's header, and at least two order fields do. Found through one column at C speed
    (its header as written, or in upper, lower or title case); only those rows are read in full.

    With ``index`` (the header aliases) and ``spellings`` (the aliases as written, case folded, by which its
    first cell is found), also a second list's header in other words ('Surname', 'Given Name',
    'Street', 'Town' below 'First Name', 'Last Name', 'Address', 'City'): its every filled cell under a column
    read names a field. Read as a recipient, it was one row to fix, and the rows below it were read in the
    first list's columns: 'Cy Dunn' sent as 'Dunn Cy' (found by hunter-sheets9)."""
    mapped = [header for header in body.columns if header in column_map]
    if len(mapped) < MIN_HEADER_MATCHES or body.empty:
        return []
    first = mapped[0]
    headers = {str(h).casefold(): h for h in body.columns}
    opening = body[first].astype(str).str.strip().str.casefold()
    candidates = opening.isin(headers) | (opening.isin(spellings) if index is not None else False)
    rows = []
    for row in body.index[candidates.to_numpy()].tolist():
        cells = {header: " ".join(str(value).split()) for header, value in body.loc[row].items()}
        filled = {h: text for h, text in cells.items() if text}
        named = {h: headers[text.casefold()] for h, text in filled.items() if text.casefold() in headers}
        if len(named) == len(filled) and len(set(named.values()) & set(mapped)) >= 2:
            moved = [(h, n) for h, n in named.items() if h != n]
        elif (
            index is not None and (moved_too := _header_in_other_words(filled, column_map, index)) is not None
        ):
            moved = moved_too
        else:
            continue  # a recipient whose cells happen to read like headers, not a header
        if moved:  # the rows below it would be read in the wrong columns: a name as the street...
            raise FileFormatError(
                f"Row {row} repeats the header with its columns in another order ("
                + ", ".join(f"'{n}' under '{h}'" for h, n in moved[:4])
                + "): the rows below it would be read in the wrong columns",
                hint="put both lists' columns in the same order (or send them as two files)",
            )
        rows.append(int(row))
    return rows


def _field_named(text: str, index: HeaderIndex) -> str | None:
    """The field a cell's text names as a header would ('Surname': last_name), None for any other text."""
    meaning = index.meaning(text) if text and len(text) <= 80 else None
    return meaning.field if meaning is not None else None


def _header_in_other_words(
    filled: dict[str, str], column_map: dict[str, str], index: HeaderIndex
) -> list[tuple[str, str]] | None:
    """For a row whose every filled cell under a column read names a field, two of them at least: the cells
    naming another field than their column's ((column, text)); None when the row is no header."""
    under = {h: text for h, text in filled.items() if h in column_map}
    fields = {h: _field_named(text, index) for h, text in under.items()}
    if len(under) < MIN_HEADER_MATCHES or None in fields.values() or len(set(fields.values())) < 2:
        return None
    return [(h, under[h]) for h, field in fields.items() if field != column_map[h]]


# A title above the header saying the whole list is not to go yet: "DRAFT - DO NOT SEND", "ON HOLD", "Do not
# send until approved by Finance", "NOT FINAL - pending approval" (found by hunter-sheets: every row was
# ordered, the title read as nothing). Not an instruction of where ("Do not send to PO boxes"), nor a
# confidentiality banner ("Do not use or distribute outside HR") or a final list naming the draft it replaces
# (found by review15: each refused an ordinary list); "OLD LIST - DO NOT USE" still refuses
_TITLE_SAYS_NO = re.compile(
    r"(?i)\b(?:(?<!the\s)(?<!previous\s)(?<!earlier\s)(?<!old\s)(?<!first\s)draft|not\s+final|"
    r"(?:do\s*n[o']?t|don'?t)\s+(?:(?:send|mail|order|ship)\b(?!\s+(?:to|at|via)\b)|use\b(?=\s*(?:$|[-–—:,.;!)])))|"
    r"on\s+hold|(?:pending|awaiting)\s+(?:approval|review|sign[\s-]*off|confirmation)|not\s+(?:yet\s+)?approved|"
    r"unapproved|for\s+review\s+only|not\s+to\s+be\s+sent)\b|^\W*hold\b"
)

# ... nor a report's description of its filter ("Do Not Mail equals False": a field's name, found by
# hunter-sheets in a Salesforce report's header lines)
_FILTER_LINE = re.compile(
    r"(?i)\b(?:equals?|not\s+equal|contains|starts\s+with|true|false|filtered\s+by)\b|[=<>≠]"
)


def refuse_title_saying_not_to_send(frame: pd.DataFrame, header_row: int, where: str) -> None:
    """A line of one or two cells above the header (a title, a status line) saying the list is not to be
    sent (:data:`_TITLE_SAYS_NO`): refused, quoting it. The person deletes the line once the list may go."""
    for row in frame.index[frame.index < header_row].tolist():
        cells = [" ".join(str(v).split()) for v in frame.loc[row].tolist() if str(v).strip()]
        if not cells or len(cells) > 2:
            continue
        text, plain = " ".join(cells), straight(" ".join(cells))
        if (
            _TITLE_SAYS_NO.search(plain)
            and not _SEND_HEADING.search(plain)
            and not _FILTER_LINE.search(plain)
        ):
            raise FileFormatError(
                f"{where}: row {row}, above the header, says '{text[:80]}': bulkship will not order a list "
                "that says it is not to be sent",
                hint="once the list may go, delete that line (or change it) and run again. Nothing was sent",
            )


# Qualtrics writes a third header row under its two, one import id a cell ({"ImportId":"QID1_TEXT"}): no
# recipient, and an error on each of its cells (found by hunter-sheets8)
_IMPORT_ID = re.compile(r'\s*\{\s*"ImportId"\s*:.*\}\s*')
IMPORT_IDS = "the survey export's row of import ids (a header row, no recipient)"


def import_id_rows(body: pd.DataFrame) -> list[int]:
    """The rows right under the header whose every filled cell is a survey export's import id."""
    rows = []
    for row, cells in body.head(2).iterrows():
        filled = [str(value) for value in cells.tolist() if str(value).strip()]
        if filled and all(_IMPORT_ID.fullmatch(text) for text in filled):
            rows.append(int(row))
    return rows
