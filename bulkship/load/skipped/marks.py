"""Rows the sheet's own formatting leaves out: hidden ones (by a filter, in a collapsed group) and
crossed-out ones; and rows a note on one of their cells says not to send."""

from __future__ import annotations

import re

import pandas as pd

from ...errors import FileFormatError
from ...models import NAME_COLUMNS, SkippedRow
from ...sheetscan import COLLAPSED, FILTERED, HIDDEN, column_letter
from ...sheetscan.cellmarks import in_columns
from ...validate.invisible import as_seen
from ..cells import _Grid
from .columnkeys import flag_key
from .headings import _SEND_HEADING
from .kinds import _SAYS_NOT_TO_SEND, MAX_CANDIDATES
from .languages import straight
from .notes import _NOTE_SAYS_NO
from .statusheaders import _STATUS_FLAGS
from .undone import _UNDONE

_HIDDEN_KINDS = frozenset({HIDDEN, FILTERED, COLLAPSED})
_HIDDEN_REASONS = {
    COLLAPSED: "inside a collapsed group of rows",
    FILTERED: "hidden by the filter",
}


def _hidden_rows(
    grid: _Grid, body: pd.DataFrame, by_position: dict[int, str], include_hidden: bool
) -> list[SkippedRow]:
    """The body's hidden rows, unless --include-hidden orders them; a filter's reason names its columns."""
    scan = grid.scan
    if scan is None or not scan.hidden_rows or include_hidden:
        return []
    filter_names = ", ".join(
        f"column {column_letter(c)}" + (f" '{by_position[c]}'" if c in by_position else "")
        for c in scan.filter_columns
    )
    hidden = []
    for row in body.index.intersection(pd.Index(list(scan.hidden_rows))).tolist():
        kind = scan.hidden_rows[row]
        reason = _HIDDEN_REASONS.get(kind, "hidden row")
        if kind == FILTERED and filter_names:
            reason += f" on {filter_names}"
        hidden.append(SkippedRow(int(row), kind, reason))
    return hidden


def _crossed_out(
    grid: _Grid, body: pd.DataFrame, column_map: dict[str, str], by_position: dict[int, str]
) -> list[int]:
    """Rows whose every filled cell the list uses is struck through, or whose name is: a person crossed the
    recipient out ("left the company", "not this one"), often by the name alone (found by newcomer6). A row
    still reads as typed, so only the font tells."""
    struck = grid.scan.struck if grid.scan else set()
    if not struck:
        return []
    used = [(c, h) for c, h in by_position.items() if h in column_map]
    named = [(c, h) for c, h in used if column_map[h] in NAME_COLUMNS]
    rows = sorted({r for r, _ in in_columns(struck, [c for c, _ in used])} & set(body.index.tolist()))
    crossed = []
    for row in rows:
        for cells in (used, named):
            filled = [c for c, header in cells if str(body.at[row, header]).strip()]
            if filled and all((row, c) in struck for c in filled):
                crossed.append(int(row))
                break
    return crossed


def _noted_not_to_send(grid: _Grid, body: pd.DataFrame) -> dict[int, str]:
    """Rows with a note (an Excel comment, a LibreOffice annotation) on one of their cells saying not to send,
    in the words of a Notes column ("Left the company - do not send", "Already received one"), a line of it
    ("Jane HR:" opens Excel's notes): row -> the reason, naming the cell (found by hunter-sheets: the row was
    ordered, the note seen only by hovering the cell's red corner). Read as it shows: a zero-width space
    pasted beside its words hides none (found by hunter-sheets9: '\u200bDo not send' was ordered)."""
    comments = grid.scan.comments if grid.scan else {}
    found: dict[int, str] = {}
    rows = set(body.index.tolist())
    for (row, col), text in sorted(comments.items()):
        if row not in rows or row in found:
            continue
        for line in straight(as_seen(text)).splitlines():
            if _NOTE_SAYS_NO.match(line) and not _SEND_HEADING.search(line) and not _UNDONE.search(line):
                said = " ".join(line.split())
                said = said if len(said) <= 60 else said[:59] + "…"
                found[row] = f"{_SAYS_NOT_TO_SEND} (note on cell {column_letter(col)}{row}: '{said}')"
                break
    return found


# A key to the sheet's colours saying which rows go or not ("Rows highlighted in red = do not send", "Key:
# yellow = removed", "Green - sent already"): bulkship sees no fill colour, and every such row was ordered
# (found by hunter-sheets). A colour word with a separator after it, or "highlighted", "shaded", "in red"...
_COLOURS = r"(?:red|yellow|green|orange|gr[ae]y|blue|pink|purple|bold|italics?)"
_WHAT = r"(?:rows?|cells?|lines?|names?|fill|highlight(?:ing|ed)?|text|font)"
_KEY = re.compile(
    rf"(?i)^\W*(?:(?:key|legend|note)\W+)?{_COLOURS}(?:\s+{_WHAT})?\s*[=:→–—-]"  # "Red: removed"
    rf"|\b{_COLOURS}(?:\s+{_WHAT})?\s*[=→]|\b{_COLOURS}\s+{_WHAT}\s*[:–—-]"  # "Key: red = removed"
    rf"|\b(?:highlighted|shaded|colou?red|(?:marked|filled|shown)\s+in\s+{_COLOURS}|in\s+{_COLOURS})\b"
)
# ... with what it says of those rows: whether they go
_DECIDES = re.compile(
    r"(?i)\b(?:send|sent|sending|mail(?:ed)?|order(?:ed)?|ship(?:ped)?|remove[ds]?|removed|exclude[ds]?|"
    r"skip(?:ped)?|dns|eligible|ineligible|approved|hold|declined|terminated|left\s+(?:the\s+)?company|"
    r"opted\s+out)\b"
)
# ... in the same clause as the key: "approved 11/20 (new names highlighted)" approves the list and marks what
# is new; "names in bold are managers - send all" sends every row (found by review15: both refused the list)
_CLAUSES = re.compile(r"[;()\[\]|]|\.\s")
_SEND_ALL = re.compile(r"(?i)\bsend\s+(?:all|every(?:one|body|\s+row)?|them\s+all)\b")


def _keys_which_go(text: str) -> bool:
    """Whether ``text`` holds a key to colours saying, in the same clause, which rows go or not."""
    return any(
        _KEY.search(clause) and _DECIDES.search(_SEND_ALL.sub("", clause)) for clause in _CLAUSES.split(text)
    )


def refuse_colour_key(
    grid: _Grid, header_row: int, body: pd.DataFrame, skipped: list[SkippedRow], where: str
) -> None:
    """A workbook whose title rows, notes beside or under the list, or header row hold a key to its colours
    saying which rows to send: refused, naming the cell (a person's colours are what bulkship cannot see)."""
    if grid.from_csv:
        return
    frame = grid.frame
    unnamed = [p for p in range(frame.shape[1]) if not str(frame.at[header_row, p]).strip()]
    lines = [s.row for s in skipped if s.kind not in _HIDDEN_KINDS][
        :MAX_CANDIDATES
    ]  # notes, headings, totals
    if lines:  # a row of one or two cells, not a recipient's
        filled = body.loc[lines].astype(str).apply(lambda column: column.str.strip().ne("")).sum(axis=1)
        lines = [int(r) for r in filled.index[filled.to_numpy() <= 2].tolist()]
    rows = [r for r in frame.index if r <= header_row] + lines
    block = frame.loc[[r for r in rows if r in frame.index]]
    cells = [
        (int(r), p, v)
        for r, values in zip(block.index, block.to_numpy(), strict=True)
        for p, v in enumerate(values)
    ]
    for p in unnamed:  # a note typed beside the list, in a column with no header
        column = frame.loc[body.index, p].astype(str)
        keys = [text for text in column.unique() if _KEY.search(text)]  # (each text searched once)
        cells += [(int(r), p, column[r]) for r in column.index[column.isin(keys)].tolist()]
    # each text read once: a web page's cell spanning 200 columns down 20,000 rows of notes was read 1,000,000
    # times, cell by cell, 49 s (review59's span4.xls, left for newcomer24)
    said: dict[str, bool] = {}
    for row, position, value in cells:
        text = " ".join(str(value).split())
        if text and text not in said:
            said[text] = _keys_which_go(text)
        if text and said[text]:
            raise FileFormatError(
                f"{where}: cell {column_letter(position + 1)}{row} says '{text[:80]}': bulkship does not see "
                "colours or highlighting, and would order the rows it marks like any other",
                # (not only 'delete the rows': a volunteer list's red rows are its record of who gets no card)
                hint="mark each row not to be sent as bulkship reads it (strike the row through, or write "
                "'do not send' in a Notes column), or delete those rows; then clear that cell and run again",
            )


# A column with no header that ticks some rows and not others (Excel's checkboxes, TRUE / FALSE; 'x'; ✓): a
# tick may pick the rows to send or mark those done, and ordering every row is wrong either way (found by
# hunter-sheets4: each was ordered, Bob's unticked box too)
_TICK = re.compile(r"(?i)\s*(?:true|x|✓|✔|☑|☒|✅|✔️|yes|y)\s*")
_NO_TICK = re.compile(r"(?i)\s*(?:false|no|n|)\s*")
# The name a program gives a column that had no header: an Excel table's 'Column1', pandas' 'Unnamed: 8',
# Access's and Power Query's 'F9' / 'Field9', a pivot's '(blank)', a dash (found by hunter-sheets5: a ticked
# column so named was read as a headed column, and every row ordered)
_NO_HEADER = re.compile(
    r"(?i)\s*(?:column\s*(?:\d{1,5}|[a-z]{1,3})|col\s*\d{1,5}|field\s*\d{1,5}|f\d{1,5}|"
    r"unnamed:?\s*\d{1,5}(?:_level_\d+)?|\(blank\)|_\d{0,5}|[-–—_.]+)?\s*"
)

# ... or a mark in place of a header ('x', '*', '?', '√', '[x]'): it says no more than no header does (found
# by hunter-sheets6: a column headed 'x' of x's and blanks ordered every row, Bob's blank too). A tick of its
# own (✓, ☑) heads a column of checkboxes that picks the rows (``flags._TICK_HEADER``), as before
_MARK_HEADER = re.compile(r"\s*[(\[]?\s*(?:[x×*?√]|\?\?)\s*[)\]]?\s*", re.IGNORECASE)


def refuse_unheaded_ticks(
    grid: _Grid, header_row: int, body: pd.DataFrame, skipped: list[SkippedRow], where: str
) -> None:
    """A column with no header whose cells tick some of the recipients' rows and leave others: refused in
    one line, saying how to head it."""
    frame = grid.frame
    left_out = {s.row for s in skipped}
    rows = [r for r in body.index if r not in left_out]
    for position in range(frame.shape[1]):
        header = str(frame.at[header_row, position]).strip()
        mark = bool(_MARK_HEADER.fullmatch(header))
        if not (mark or _NO_HEADER.fullmatch(header)) or not rows:
            continue
        column = frame.loc[rows, position].astype(str)
        ticked = column.str.fullmatch(_TICK)
        if not ticked.any() or ticked.all() or not (ticked | column.str.fullmatch(_NO_TICK)).all():
            continue
        first = int(column.index[~ticked.to_numpy()][0])
        raise FileFormatError(
            f"{where}: column {column_letter(position + 1)} has no header"
            + (f" but the mark '{header}'" if mark else "")
            + (
                f" of its own ('{header}', a name a program gives such a column)"
                if header and not mark
                else ""
            )
            + ", and ticks some rows and not "
            f"others (row {first} is not ticked): bulkship cannot tell whether a tick picks a row to send or "
            "marks it done",
            hint="head the column 'Send?' to send only the ticked rows, or 'Sent' to leave the ticked rows "
            "out (or delete the column to send every row); nothing was sent",
        )


def refuse_unlinked_boxes(grid: _Grid, where: str) -> None:
    """Check boxes drawn over the sheet that keep their tick in no cell (:mod:`..sheetscan.controls`): which
    rows they tick is out of bulkship's sight, and ordering every row is wrong whatever they mean."""
    rows = grid.scan.unlinked_boxes if grid.scan else []
    if not rows:
        return
    first = next((r for r in rows if r), 0)
    over = f" (the first over row {first})" if first else ""
    count = f"{len(rows)} check boxes" if len(rows) > 1 else "a check box"
    raise FileFormatError(
        f"{where} has {count} drawn over its cells{over} whose tick no cell holds: bulkship cannot see "
        "which rows are ticked, and would order every row",
        hint="link each box to a cell of its row (right-click › Format Control › Cell link; LibreOffice: "
        "Control Properties › Linked cell) in a column headed 'Send?', or write Yes/No in a 'Send?' column "
        "and delete the boxes; nothing was sent",
    )


# A bare 'Completed' or 'Done' beside the course or training a list rewards ('Course' | 'Completed' = Yes):
# it may say the course was done (why the row gets a card) or the card sent (why it does not). Read as sent,
# a training-reward list left out everyone who finished and ordered a card for each 'No' (hunter-sheets16's
# leftover, hunter-falsealarm2's L3; checked by hunter-sheets17)
_DONE_ALONE = frozenset({"completed", "complete", "done", "finished", "y", "n", "yes", "no"})
# ... and a person's 'Status' = Completed or Done beside it (a learning system's 'Course' | 'Status' =
# Completed, In Progress; a wellness list's 'Challenge' | 'Status' = Done): read as a tracker's card done,
# everyone who finished was left out as not to send and each row in progress ordered, exit 0 (found by
# hunter-falsealarm6). A challenge or a survey is done for a card as a course is
_STATUS_DONE = re.compile(r"(?i)\s*(?:complete[d]?|done|finished)\s*")
_ACTIVITY = frozenset(
    {"course", "courses", "training", "trainings", "module", "modules", "lesson", "lessons", "certification",
     "certifications", "quiz", "exam", "assessment", "workshop", "webinar", "curriculum", "coursework",
     "elearning", "challenge", "challenges", "survey", "surveys"}
)  # fmt: skip


def refuse_done_beside_a_course(
    body: pd.DataFrame,
    by_position: dict[int, str],
    column_map: dict[str, str],
    skipped: list[SkippedRow],
    where: str,
) -> None:
    """A bare 'Completed' column that left rows out as sent, beside a column naming a course or training
    (:data:`_ACTIVITY`): refused in one line, saying how to name it."""
    words = {h: set(re.findall(r"[a-z]+", str(h).casefold())) for h in body.columns}
    course = next((h for h, said in words.items() if said & _ACTIVITY), None)
    if course is None or not skipped:
        return
    left_out = "\n".join(s.reason for s in skipped)
    for position, header in by_position.items():
        said = words[header]
        status = header not in column_map and flag_key(str(header)) in _STATUS_FLAGS
        if not status and (
            header in column_map
            or not said & _DONE_ALONE - {"y", "n", "yes", "no"}
            or not said <= _DONE_ALONE
        ):
            continue
        cells = re.findall(rf"\(column '{re.escape(str(header))}': '([^']*)'", left_out)
        if not cells or (status and not any(_STATUS_DONE.fullmatch(cell) for cell in cells)):
            continue
        noun = sorted(words[course] & _ACTIVITY)[0]
        named = (
            f"'Card Status' if it says the card went out (its {cells[0]} rows are left out), or 'Completion "
            f"Status' if it says whether the {noun} was done (its rows in progress or not started are then "
            "left out, said so, as not done)"
            if status
            else f"'Card Sent' if it says the card went out (its Yes rows are left out), or "
            f"'{noun.capitalize()} Completed' if it says the {noun} was done (its No rows are then left out, "
            "said so, as not done)"
        )
        raise FileFormatError(
            f"{where}: column '{header}' ({column_letter(position)}) beside '{course}' may say the {noun} "
            "was completed (why its row gets a card) or that the card was sent (why it does not): bulkship "
            "will not guess which rows to leave out",
            hint=f"rename it {named}; nothing was sent",
        )
