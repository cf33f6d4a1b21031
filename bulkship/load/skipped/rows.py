"""Every row that is not ordered although it holds data, each once, with the first reason found."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from functools import partial
from pathlib import PurePath

import pandas as pd

from ...columns.meaning import HeaderIndex, own_titles
from ...models import SkippedRow
from ...program import ProgramSettings
from ...schema import load_contract
from ...sheetscan.cellmarks import in_columns
from ...validate.invisible import without_invisible
from ..cells import _Grid
from .addressmissing import rows_to_fix
from .asking import rows_to_ask, unstruck
from .columnkeys import picks_rows
from .digital import _digital_rows
from .headerrows import IMPORT_IDS, _repeated_headers, import_id_rows
from .headingdays import held_to_their_day
from .headings import _sections_left_out
from .heldday import held_days, held_days_and_left, left_on_its_day
from .kinds import _SAYS_NOT_TO_SEND, CROSSED, CROSSED_REASON, NOT_TO_SEND
from .marks import _crossed_out, _hidden_rows, _noted_not_to_send
from .named import _named_not_to_send
from .ours import _skipped_by_bulkship
from .said import _said_not_to_send
from .stray import _stray_remarks
from .ticks import not_picked
from .totals import _not_recipients
from .unsubmitted import _unsubmitted

HEADER_AGAIN = "the header again (two lists one below the other)"  # the validate stage reads the lists apart
HEADER_SECOND_ROW = "the header's second row (the header's cells are merged down over it)"


def _skipped_rows(
    grid: _Grid,
    body: pd.DataFrame,
    column_map: dict[str, str],
    by_position: dict[int, str],
    program: ProgramSettings,
    header_row: int = 0,
    file_name: str = "",
) -> list[SkippedRow]:
    """Rows that are not ordered although they hold data: hidden ones (unless --include-hidden), totals
    rows and notes. Hidden comes first: a hidden totals row is reported as hidden. Cells are read as the
    person sees them: a zero-width space pasted beside 'deceased' or 'Inactive' hides no word (found by
    hunter-sheets8: each such row was ordered)."""
    body = _merged_down(grid, without_invisible(body), column_map, by_position)
    skipped = {s.row: s for s in _hidden_rows(grid, body, by_position, program.include_hidden)}
    for row in _crossed_out(grid, body, column_map, by_position):
        skipped.setdefault(row, SkippedRow(row, CROSSED, CROSSED_REASON))
    # before what the row's cells say: its 'Termination Date' cell reads "Termination Date", no date at all
    contract = load_contract(program.schema_path)
    index = HeaderIndex(contract.alias_index(program.aliases), own_titles(contract))
    spellings = {
        a.casefold() for spec in contract.columns.values() for a in (spec.name, spec.title, *spec.aliases)
    }
    spellings |= {a.casefold() for aliases in program.aliases.values() for a in aliases}
    for row in _repeated_headers(body, column_map, index, spellings):
        skipped.setdefault(row, SkippedRow(row, "note", HEADER_AGAIN))
    for row in import_id_rows(body):
        skipped.setdefault(row, SkippedRow(row, "note", IMPORT_IDS))
    for row in _header_merged_down(grid, body, column_map, by_position, header_row):
        skipped.setdefault(row, SkippedRow(row, "note", HEADER_SECOND_ROW))
    scan = grid.scan
    on_purpose = scan.hidden_rows.keys() if scan is not None and program.include_hidden else ()
    # a CSV's cells beyond its header's fields: a note cut by a comma outside quotes, an error on its row
    named = (
        grid.head_counts[header_row - 1] if grid.from_csv and 0 < header_row <= len(grid.head_counts) else 0
    )
    beyond = {h for p, h in by_position.items() if named and p > named}
    grouped = _under_a_group(grid, column_map, by_position, header_row)
    said = body.rename(columns=grouped) if grouped else body
    kept = {grouped.get(h, h): cells for h, cells in _kept(grid, by_position).items()}
    struck = _struck_whole(grid, by_position, column_map)
    withdrawn = {grouped.get(h, h): cells for h, cells in struck.items()}
    titles = _titles(grid, header_row, file_name)
    seen = unstruck(body, struck)
    said_no = _said_unless_withdrawn(
        said,
        column_map,
        on_purpose,
        kept,
        withdrawn,
        program,
        beyond,
        titles,
        seen=seen,
    )

    def read(frame: pd.DataFrame, day: date) -> dict[int, str]:
        return _said_not_to_send(frame, column_map, on_purpose, kept, day, beyond, titles)

    def decided(frame: pd.DataFrame, day: date) -> dict[int, str]:  # as the list is read on ``day``, whole
        said_then = _said_unless_withdrawn(
            frame, column_map, on_purpose, kept, withdrawn, program, beyond, titles, seen=seen, today=day
        )
        return dict(said_then)

    days, left_then = held_days_and_left(said_no, said, read, program.today(), decided)
    for row, reason in said_no:
        if then := left_then.get(row):  # never sent: left out now, as on its day (the lead, session 51)
            skipped.setdefault(row, SkippedRow(row, NOT_TO_SEND, left_on_its_day(then, days[row])))
            continue
        held = SkippedRow(row, NOT_TO_SEND, reason, days.get(row, ""), left_then=row in left_then)
        skipped.setdefault(row, held)
    for row, reason in _noted_not_to_send(grid, body).items():
        skipped.setdefault(row, SkippedRow(row, NOT_TO_SEND, reason))
    for row, reason in _skipped_by_bulkship(body, column_map).items():
        skipped.setdefault(row, SkippedRow(row, NOT_TO_SEND, reason))
    for row, reason in _digital_rows(body, column_map).items():
        skipped.setdefault(row, SkippedRow(row, NOT_TO_SEND, reason))
    sections = _sections_left_out(body, column_map)
    till = held_to_their_day(sections, body, _read_as_a_note, program.today())  # ('Below: hold until 1/15')
    for row, (kind, reason) in sections.items():
        skipped.setdefault(row, SkippedRow(row, kind, reason, till.get(row, "")))
    for row, (kind, reason) in _not_recipients(grid, body, column_map, by_position).items():
        skipped.setdefault(row, SkippedRow(row, kind, reason))
    for row, reason in _unsubmitted(body, column_map).items():
        skipped.setdefault(row, SkippedRow(row, NOT_TO_SEND, reason))
    for row, reason in not_picked(said, column_map, on_purpose).items():
        skipped.setdefault(row, SkippedRow(row, NOT_TO_SEND, reason))
    for row, reason in _named_not_to_send(body, column_map).items():
        skipped.setdefault(row, SkippedRow(row, NOT_TO_SEND, reason))  # a heading's reason first
    for row, reason in _stray_remarks(body, column_map, beyond).items():  # 'Phone' = 'DECEASED'
        skipped.setdefault(row, SkippedRow(row, NOT_TO_SEND, reason))
    return sorted(skipped.values(), key=lambda s: s.row)


def _read_as_a_note(words: str, day: date) -> str:
    """The reason a Notes cell of ``words`` gives its row on ``day`` ('' for none)."""
    return _said_not_to_send(pd.DataFrame({"Notes": [words]}, index=[0]), {}, today=day).get(0, "")


def _under_a_group(
    grid: _Grid, column_map: dict[str, str], by_position: dict[int, str], header_row: int
) -> dict[str, str]:
    """Header -> the header read with the group header above it, for a column no field reads that picks no
    rows alone and does with its group ('Card Sent' merged over 'Date' | 'By': 'Card Sent: Date'). Read
    alone, 'Date' = 11/15/2026 said nothing and the card was ordered again (found by hunter-sheets12)."""
    above = header_row - 1
    if above not in grid.frame.index:
        return {}
    starts = {  # each column of a merged cell over the header -> where its text is
        col: (first_row, first_col)
        for first_row, first_col, last_row, last_col in (grid.scan.merged if grid.scan else [])
        if first_row <= above <= last_row and not _over_a_field(first_col, last_col, column_map, by_position)
        for col in range(first_col, last_col + 1)
    }
    found: dict[str, str] = {}
    for position, header in by_position.items():
        if header in column_map or picks_rows(header):
            continue
        row, col = starts.get(position, (above, position))  # (the frame's columns count from 0)
        group = " ".join(str(grid.frame.at[row, col - 1]).split()) if col - 1 in grid.frame.columns else ""
        if group and picks_rows(f"{group}: {header}"):
            found[header] = f"{group}: {header}"
    return found


def _header_merged_down(
    grid: _Grid, body: pd.DataFrame, column_map: dict[str, str], by_position: dict[int, str], header_row: int
) -> list[int]:
    """The row under the header when the header's cells of the fields are merged down over it ('Name' over
    rows 1 and 2, 'Card Sent' over 'Date' | 'By' on row 2): the header's second row, no recipient. Read as
    one, it was a row left out as "sent already (column 'Card Sent': 'Date')" (found by hunter-sheets12)."""
    below = header_row + 1
    merged_down = [
        col
        for first_row, col, last_row, _last_col in (grid.scan.merged if grid.scan else [])
        if first_row == header_row and last_row >= below and by_position.get(col) in column_map
    ]
    return [below] if merged_down and below in body.index else []


def _over_a_field(first: int, last: int, column_map: dict[str, str], by_position: dict[int, str]) -> bool:
    """Whether a cell merged over the header's columns ``first`` to ``last`` also covers a column a field
    reads (Name, Address): the list's title ('Card Sent' across the whole top row), no group header. Read as
    one, every dated row of the list was left out as sent already (found by review26)."""
    return any(by_position.get(col) in column_map for col in range(first, last + 1))


def _struck_whole(
    grid: _Grid, by_position: dict[int, str], column_map: dict[str, str]
) -> dict[str, dict[int, str]]:
    """The cells struck through whole in the columns no field reads, by header and row, each as the nothing
    it keeps (a remark crossed out: "~~Do not send~~"). Not one a conditional format strikes: a rule striking
    'Do not send' wherever it is written marks the remark, it does not withdraw it."""
    struck: dict[str, dict[int, str]] = {}
    scan = grid.scan
    unread = [col for col, header in by_position.items() if header not in column_map]
    for row, col in in_columns(scan.struck - scan.struck_by_rule, unread) if scan else ():
        struck.setdefault(by_position[col], {})[row] = ""
    return struck


def _titles(grid: _Grid, header_row: int, file_name: str = "") -> list[str]:
    """The file's name, the sheet's and the lines above its header (a title: '2026 Holiday Gifts'), each as
    one text: a CSV has no sheet's name, and a workbook's is often 'Sheet1', where the file's says what the
    list is ('Holiday Gifts 2026.csv', 'birthday-cards-dec.xlsx': found by review36 after 46629d60)."""
    frame = grid.frame
    above = frame.index[frame.index < header_row].tolist()[:_TITLE_LINES]
    lines = [" ".join(str(v) for v in frame.loc[row].tolist() if str(v).strip()) for row in above]
    stem = " ".join(re.split(r"[\s._-]+", PurePath(file_name).stem)) if file_name else ""
    return [stem, grid.sheet_name or "", *lines]


_TITLE_LINES = 20  # the lines above a header read as its titles


def _said_unless_withdrawn(
    said: pd.DataFrame,
    column_map: dict[str, str],
    on_purpose: Collection[int],
    kept: dict[str, dict[int, str]],
    withdrawn: dict[str, dict[int, str]],
    program: ProgramSettings,
    beyond: Collection[str],
    titles: Collection[str] = (),
    seen: pd.DataFrame | None = None,
    today: date | None = None,
) -> list[tuple[int, str]]:
    """The rows the list says not to send (:func:`.said._said_not_to_send`), a remark struck through whole
    read as withdrawn, as a struck part is ("~~Yes~~ No" is No): an HR tracker's 'Notes' = "~~Do not send~~",
    'Status' = "~~Terminated~~", 'Hold' = "~~Yes~~" (the hold over, crossed out rather than deleted) left each
    row out, exit 0 (found by hunter-falsealarm6). Not a cell saying the card went or was made ('Card Sent' =
    "~~Yes~~"): sent again on a guess it would be a second card, and the row stays out as it says. ``titles``:
    the sheet's name and the lines above its header; ``seen``: the list's cells before its columns were named
    under their groups, where a remark that asks is read (:func:`.asking.rows_to_ask`); ``today``: the day
    read as (the program's today when None)."""
    today = today or program.today()
    as_typed = _said_not_to_send(said, column_map, on_purpose, kept, today, beyond, titles)
    # ... but not a row of no street whose remark says its address is not known yet: a row to fix
    for row in rows_to_fix(
        said,
        column_map,
        as_typed,
        lambda f: _said_not_to_send(f, column_map, on_purpose, kept, today, beyond, titles),
    ):
        del as_typed[row]
    # ... nor a row whose note or status asks whether to send it ('Duplicate of E2001?'): an error asking
    again = partial(_said_not_to_send, column_map=column_map, on_purpose=on_purpose, kept=kept, today=today)
    reads = partial(again, beyond=beyond, titles=titles)
    for row in rows_to_ask(seen if seen is not None else said, said, column_map, as_typed, reads, today):
        del as_typed[row]
    if not withdrawn or not as_typed:
        return list(as_typed.items())
    unstruck = {h: {**kept.get(h, {}), **withdrawn.get(h, {})} for h in kept.keys() | withdrawn.keys()}
    as_meant = _said_not_to_send(said, column_map, on_purpose, unstruck, today, beyond, titles)
    found = []
    for row, reason in as_typed.items():
        if not reason.startswith(_SAYS_NOT_TO_SEND):  # sent already, made, dated: as typed
            found.append((row, reason))
        elif row in as_meant:
            found.append((row, as_meant[row]))
    return found


def _kept(grid: _Grid, by_position: dict[int, str]) -> dict[str, dict[int, str]]:
    """The text not struck of each cell partly struck through, by header and row ("~~Yes~~ No": No)."""
    kept: dict[str, dict[int, str]] = {}
    for (row, col), text in (grid.scan.partly_kept if grid.scan else {}).items():
        if col in by_position:
            kept.setdefault(by_position[col], {})[row] = text
    return kept


def _merged_down(
    grid: _Grid, body: pd.DataFrame, column_map: dict[str, str], by_position: dict[int, str]
) -> pd.DataFrame:
    """``body`` with each cell merged down several rows of a column no field reads ('Notes' = 'Do not send -
    contractors' over two people, 'Send?' = No over a team) read on every row it covers, as the person sees
    it: the reader gives it to its first row only, and the people below were ordered (found by
    hunter-sheets9). The fields' own merged cells are read so by :func:`..problems._fill_merged`."""
    seen = body
    for first_row, col, last_row, _last_col in grid.scan.merged if grid.scan else []:
        header = by_position.get(col)
        if header is None or header in column_map or last_row <= first_row or first_row not in body.index:
            continue
        text = seen.at[first_row, header]
        if not isinstance(text, str) or not text.strip():
            continue
        below = [row for row in range(first_row + 1, last_row + 1) if row in body.index]
        empty = [row for row in below if not str(seen.at[row, header]).strip()]
        if empty:
            if seen is body:
                seen = body.copy()
            seen.loc[empty, header] = text
    return seen


def said_in_corrections(
    body: pd.DataFrame,
    column_map: dict[str, str],
    program: ProgramSettings,
    cells: Collection[tuple[int, str]],
) -> list[SkippedRow]:
    """Of the rows of ``cells`` (row, header: cells a person corrected after the list was read, the web
    page's review), those their cells now say not to send ('Terminated' in a status column, 'do not send' in a
    note, 'Maria Lopez (DO NOT SEND)'), read as the list is read (found by newcomer3: typed in the review,
    each stayed valid and was ordered, where the same words in the file leave the row out).

    Only the corrected columns are read again, each whole (a column's cells are read together: a ditto
    reads the cell above, a date column is read day first or not as a whole): the row's other cells said
    nothing when the list was read. Read over every column, each fix on a 100k-row list took 1.6 s."""
    rows = sorted({row for row, _ in cells if row in body.index})
    headers = [h for h in dict.fromkeys(h for _, h in cells) if h in body.columns]
    typed = without_invisible(body[headers])
    found = _said_not_to_send(typed, column_map, (), None, program.today())
    for row, reason in _named_not_to_send(without_invisible(body.loc[rows]), column_map).items():
        found.setdefault(row, reason)
    said = [(row, found[row]) for row in rows if row in found]
    # a row typed to wait for a day ('hold until 1/15/2031') has its day as one of the list's has: without
    # it the page said no day and left its money out of what the rows held cost (hunter-money21's leftover)
    days = held_days(
        said, typed, lambda frame, day: _said_not_to_send(frame, column_map, (), None, day), program.today()
    )
    return [SkippedRow(row, NOT_TO_SEND, reason, days.get(row, "")) for row, reason in said]
