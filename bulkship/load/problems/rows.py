"""What a row's cells read as, against what the person typed: formulas and their results, error values,
dates and numbers that lost digits in Excel, text garbled by an encoding, true/false values, a formula's text
typed as a value, cells a comma outside quotes pushed beyond the header's columns, merged cells, a row's own
Total."""

from __future__ import annotations

import re
from decimal import Decimal

import numpy as np
import pandas as pd

from ...csvread import MOJIBAKE
from ...models import Problem
from ...money import AmountError, read_amount
from ...schema import header_key
from ...sheetscan import column_letter
from ..cells import FORMULA_ERROR as _ERROR_TEXT
from ..cells import _blank_cells, _Grid
from ..skipped import _short
from ..skipped.said import _note_header

TEXT_COLUMNS = frozenset({"external_id", "zip", "phone"})  # numbers here must be exact


def _show_formulas(
    body: pd.DataFrame,
    formulas: dict[tuple[int, int], str],
    headers: dict[int, str],
    column_map: dict[str, str],
    not_judged: set[int],
) -> None:
    """A recipient's cell that held a formula shows the formula itself from here on (inert, quote-prefixed in
    every output), not its cached result: on the Fix these sheet an untouched row then still holds it, and is
    refused again, instead of its empty result passing for a value nobody typed."""
    for (row, col), formula in formulas.items():
        header = headers.get(col)
        if header in column_map and row in body.index and row not in not_judged:
            body.at[row, header] = formula


# A column of the sheet's own totals beside Amount and Quantity (what the requester and approver add up)
_TOTAL_HEADERS = frozenset(
    {"total", "totalamount", "linetotal", "rowtotal", "totalvalue", "amounttotal", "total$"}
)


def _total_problems(body: pd.DataFrame, column_map: dict[str, str], not_judged: set[int]) -> list[Problem]:
    """A row whose own Total is less than its Amount × Quantity ("CVS 50, Qty 2, Total 50": 25 each, or 50
    for the row?): bulkship would order 100 where the sheet adds up 50 (found by newcomer9). A Total above
    it may count fees and shipping: no word."""
    fed = {field: header for header, field in column_map.items()}
    if "value" in fed and "quantity" in fed and header_key(fed["value"]) in _TOTAL_HEADERS:
        return _total_as_value(body, fed["value"], fed["quantity"], not_judged)
    totals = [h for h in body.columns if h not in column_map and header_key(str(h)) in _TOTAL_HEADERS]
    if "value" not in fed or not totals:
        return []
    problems = []
    counts = body[fed["quantity"]] if "quantity" in fed else pd.Series("1", index=body.index)
    for row, value, count, total in zip(body.index, body[fed["value"]], counts, body[totals[0]], strict=True):
        amounts = [_money(value), _money(str(count).strip() or "1"), _money(total)]
        if row in not_judged or None in amounts:
            continue
        each, many, said = amounts
        if said is not None and each is not None and many is not None and said < each * many:
            times = f"{fed['value']} × {fed.get('quantity', 'Quantity')}"
            message = (
                f"Row {row}, column '{totals[0]}': the sheet's total {total} is less than {times} ({value} × "
                f"{count or 1} = {each * many:.2f}): which is right? Correct the amount, the quantity or the "
                "total."
            )
            problems.append(Problem(int(row), "value", str(value), "error", message, "Total does not add up"))
    return problems


def _total_as_value(body: pd.DataFrame, value: str, quantity: str, not_judged: set[int]) -> list[Problem]:
    """The card's Value read from a column headed as the row's total ('Total Amount', mapped as bulkship's
    note advises, or chosen on the Columns page) beside a Quantity: 'Qty 2, Total Amount 100' went out as two
    cards of 100 (found by hunter-sheets3). A row of more than one card is an error: each, or together?"""
    problems = []
    for row, amount, count in zip(body.index, body[value], body[quantity], strict=True):
        cards = _money(str(count).strip() or "1")
        if row in not_judged or cards is None or cards <= 1 or _money(amount) is None:
            continue
        message = (
            f"Row {row}, column '{value}': the header says {amount} is the row's total, and bulkship would "
            f"order {count} cards of {amount} each: which is meant? Write each card's value in a column "
            "headed Amount (or Value), or make the quantity 1."
        )
        problems.append(Problem(int(row), "value", str(amount), "error", message, "Total does not add up"))
    return problems


# Words that make a column the correction of an order field beside it ("Revised Amount", "New Address", "Card
# (corrected)", "Approved Amount"): what the person changed their mind to
def _quoted(text: str) -> str:
    return text if _money(text) is not None else f"'{text}'"


def _money(text: object) -> Decimal | None:
    """An amount as the sheets read money (:func:`bulkship.money.read_amount`); None when it is none."""
    try:
        return read_amount(str(text))
    except AmountError:
        return None


def _overflowing_rows(
    grid: _Grid, header_row: int, column_map: dict[str, str], not_judged: set[int]
) -> list[Problem]:
    """CSV rows with filled cells beyond the fields of the header line: a comma inside a value that is not
    in quotes ('1,000', '250,50', '1 Main St, Apt 4') moved every cell after it one column to the right, so
    the row's columns do not hold what it meant (an amount of 250 from '250,50'). An error on each such row,
    unless most rows have them as a column of its own would (then it is a column the header does not name,
    listed as unused): not when other rows end where the header does, nor when a cell starts with a space
    (', ' in text: 'Left in Nov, do not send' read as 'Left in Nov' and a cell nobody reads), nor after a
    column of notes (its text goes on past a comma, spaced or not: 'Left in Nov,do not send')."""
    if len(grid.head_counts) < header_row or not column_map:
        return []
    named = grid.head_counts[header_row - 1]
    below = grid.frame.loc[header_row + 1 :]
    if below.shape[1] <= named or below.empty:
        return []
    beyond = below.iloc[:, named:]
    filled = np.zeros(len(below), dtype=bool)
    for position in range(beyond.shape[1]):
        filled |= ~_blank_cells(beyond.iloc[:, position].tolist())
    if not filled.any():
        return []
    last_header = str(grid.frame.loc[header_row].iloc[named - 1]) if header_row in grid.frame.index else ""
    if (
        filled.sum() * 2 > len(below)
        and _a_column_of_its_own(grid.head_counts[header_row:], named, beyond)
        and not _note_header(last_header)  # 'Left in Nov,do not send' under Notes: the note's own end
    ):
        return []
    last = list(column_map)[-1]
    problems = []
    for row in below.index[filled].tolist():
        if row in not_judged:
            continue
        extra = [text for text in beyond.loc[row].tolist() if str(text).strip()]
        shown = ", ".join(f"'{_short(str(text), 20)}'" for text in extra)
        message = (
            f"Row {row}: cells beyond the {named} columns of the header ({shown}): a comma inside a value "
            "that is not in quotes ('1,000', '1 Main St, Apt 4') moves every cell after it one column to the "
            'right. Put that value in quotes ("1,000") or remove the comma.'
        )
        problems.append(Problem(int(row), column_map[last], "", "error", message, "Cells out of line"))
    return problems


def _a_column_of_its_own(counts: tuple[int, ...], named: int, beyond: pd.DataFrame) -> bool:
    """Cells beyond the header's columns on most rows are a column the header does not name when every row
    has them (rows as the file writes them, of the first records: a row ending where the header does was cut
    by no comma) and none starts with a space, as the text after a comma does ('Congrats, Ann!')."""
    if named in counts:
        return False
    for position in range(beyond.shape[1]):
        cells = beyond.iloc[:, position].astype(str)
        if (cells.str.len() > cells.str.lstrip().str.len()).any():
            return False
    return True


def _fill_merged(
    grid: _Grid, body: pd.DataFrame, by_position: dict[int, str], column_map: dict[str, str]
) -> list[Problem]:
    """A cell merged down several rows (a product or an amount for a group of people) shows its value on
    each of them, but the reader gives it to the first row only: the rows below read it too, with a
    warning. Only merges within one column of a field, below the header (a title's merge is no value).
    A quantity merged so is an error on each of its rows: 3 for the team, or 3 each? (found by newcomer8: a
    team's merged 3 beside its total of 3 cards made 9)."""
    problems: list[Problem] = []
    for first_row, col, last_row, last_col in grid.scan.merged if grid.scan else []:
        header = by_position.get(col)
        if last_col != col or header not in column_map or first_row not in body.index:
            continue
        text = body.at[first_row, header]
        codes = grid.codes.get(col - 1)
        ref = f"{column_letter(col)}{first_row}:{column_letter(col)}{last_row}"
        if column_map[header] == "quantity" and text:
            problems += _merged_quantity(body, header, text, ref, first_row, last_row)
            continue
        for row in range(first_row + 1, last_row + 1):
            if row not in body.index or body.at[row, header] or not text:
                continue
            body.at[row, header] = text
            if codes is not None:
                codes[row - 1] = codes[first_row - 1]
            message = (
                f"Row {row}, column '{header}': inside the merged cell {ref} ('{text}'); read as {text}."
            )
            problems.append(
                Problem(row, column_map[header], "", "warning", message, "Merged cell read on each row")
            )
    return problems


def _merged_quantity(
    body: pd.DataFrame, header: str, text: str, ref: str, first_row: int, last_row: int
) -> list[Problem]:
    rows = [row for row in range(first_row, last_row + 1) if row in body.index]
    if len(rows) < 2:
        return []
    message = (
        f"column '{header}': the quantity {text} is one cell merged over rows {first_row}-{last_row} "
        f"({ref}): {text} cards for these rows together, or {text} for each? Unmerge the cells and write "
        "each row's own quantity."
    )
    return [
        Problem(row, "quantity", text, "error", f"Row {row}, {message}", "Quantity merged over rows")
        for row in rows
    ]


def _starting_with(column: pd.Series, prefix: str | tuple[str, ...]) -> pd.Series | None:
    """The cells of a text column that start with ``prefix`` once trimmed as validation trims them (a
    street '\t=1+9' went out as '=1+9': review17), None when none does. The usual column has none: that is
    found in one search of its joined text (four times faster than a per-cell test)."""
    values = column.tolist()
    prefixes = (prefix,) if isinstance(prefix, str) else prefix
    try:
        joined = _JOINER.join(values)
    except TypeError:  # a cell that is not text
        joined = "".join(prefixes)
    if not any(p in joined for p in prefixes):
        return None
    starts = column.str.lstrip().str.startswith(prefix, na=False)
    return starts if starts.any() else None


_JOINER = "\x1f"
_TEXT_LITERAL = re.compile(r'="((?:[^"]|"")*)"')


def _formula_text_problems(
    body: pd.DataFrame,
    column_map: dict[str, str],
    formulas: dict[tuple[int, int], str],
    headers: dict[int, str],
    not_judged: set[int],
    *,
    text_literals: bool = False,
) -> list[Problem]:
    """Text that starts with '=' in a field bulkship orders from: a formula typed into a CSV, or one written
    back as text (a Fix these sheet), never a name, address or amount to print on a card.

    ``text_literals`` (a CSV): ``="02134"`` is how many systems export a ZIP or an id so that Excel keeps
    its zeros (Excel shows 02134): it is read as the text it shows, with a warning, not refused."""
    reported = {(row, headers.get(col)) for row, col in formulas}
    problems = []
    for header, canonical in column_map.items():
        column = body[header]
        if not (column.dtype == object or pd.api.types.is_string_dtype(column.dtype)):
            continue
        # the full-width '＝' too: validation writes it '=' on the parcel (82f5c59; review17)
        starts = _starting_with(column, ("=", "\uff1d"))
        if starts is None:
            continue
        for row, value in column[starts].items():
            if row in not_judged or (row, header) in reported:
                continue
            literal = _TEXT_LITERAL.fullmatch(str(value).strip()) if text_literals else None
            if literal is not None:
                text = literal.group(1).replace('""', '"')
                body.at[row, header] = text
                message = (
                    f"Row {row}, column '{header}': '{value}' (Excel's way to keep zeros) read as {text}."
                )
                problems.append(
                    Problem(int(row), canonical, str(value), "warning", message, "Text written as a formula")
                )
                continue
            message = (
                f"Row {row}, column '{header}': '{value}' is the text of a formula, not a value; type the "
                "value itself (the name, address or amount the card needs)."
            )
            problems.append(
                Problem(int(row), canonical, str(value), "error", message, "Formula instead of a value")
            )
    return problems


# The fields any text passes (an Employee ID "#N/A" went to the vendor as the row's reference)
_FREE_TEXT = frozenset(
    {"external_id", "name", "first_name", "last_name", "company", "address1", "address2", "city", "email",
     "phone"}
)  # fmt: skip


def _error_texts(
    grid: _Grid, headers: dict[int, str], column_map: dict[str, str], index: pd.Index
) -> dict[tuple[int, int], str]:
    """The cells of the rows ``index`` whose text is an Excel error (#N/A, #REF!...), in the columns of
    :data:`_FREE_TEXT` (an amount, a ZIP or a state reading "#N/A" is refused by its own rule already). A
    column is looked at cell by cell only when its joined text holds a "#" (C speed: most hold none)."""
    found: dict[tuple[int, int], str] = {}
    for col, header in headers.items():
        if column_map.get(header) not in _FREE_TEXT or col - 1 not in grid.frame.columns:
            continue
        cells = grid.frame[col - 1].reindex(index).fillna("")
        if "#" not in "\x00".join(cells.tolist()):
            continue
        for row, text in cells[cells.str.fullmatch(_ERROR_TEXT)].items():
            found[(int(row), col)] = text.strip()
    return found


def _read_problems(
    grid: _Grid, headers: dict[int, str], column_map: dict[str, str], index: pd.Index
) -> list[Problem]:
    """Formulas, dates and inexact numbers in mapped columns: the value is not what the user typed."""
    problems: list[Problem] = []
    typed_errors = _error_texts(grid, headers, column_map, index)
    if not grid.formulas and not grid.typed and not (grid.scan and grid.scan.errors) and not typed_errors:
        return problems
    rows = set(index)

    def add(row: int, col: int, value: str, message: str, kind: str) -> None:
        header = headers[col]
        problems.append(
            Problem(row, column_map[header], value, "error", f"Row {row}, column '{header}': {message}", kind)
        )

    unvalued = grid.scan.unvalued if grid.scan else set()
    for (row, col), formula in grid.formulas.items():
        if row in rows and headers.get(col) in column_map:
            value = str(grid.frame.at[row, col - 1])
            # "whose result ''" read as a result that is blank (found by newcomer1): the file holds none; but
            # an =IFERROR(VLOOKUP(...),"") Excel or LibreOffice calculated holds an empty one (newcomer5)
            if value.strip():
                result = f"whose result '{value}' bulkship will not order from"
            elif (row, col) in unvalued:
                result = (
                    "whose result the file does not hold (it was saved without calculating it); bulkship "
                    "will not order from a formula"
                )
            else:
                result = "whose result is empty; bulkship will not order from a formula"
            add(
                row,
                col,
                value,
                f"holds a formula ({formula}) {result}; replace it with its value (Copy, then Paste "
                "Special › Values).",
                "Formula instead of a value",
            )
    errors = grid.scan.errors if grid.scan else {}
    for (row, col), text in errors.items():
        if row in rows and headers.get(col) in column_map and (row, col) not in grid.formulas:
            add(
                row,
                col,
                text,
                f"holds the error {text} (what a failed formula shows, here kept as a value) where a value "
                "was expected; type the value itself.",
                "Error value instead of a value",
            )
    for (row, col), text in typed_errors.items():
        if (row, col) not in errors and (row, col) not in grid.formulas:
            add(
                row,
                col,
                text,
                f"holds {text}, the error a failed formula shows (saved as text), where a value was "
                "expected; type the value itself.",
                "Error value instead of a value",
            )
    for row, col, kind, text in grid.typed:
        if row not in rows or headers.get(col) not in column_map:
            continue
        canonical = column_map[headers[col]]
        if kind == "date":
            add(
                row,
                col,
                text,
                f"holds a date or time ({text}) where text was expected; Excel changed what was typed. "
                "Format the column as Text and type the value again.",
                "Date where text was expected",
            )
        elif kind == "inexact" and canonical in TEXT_COLUMNS:
            add(
                row,
                col,
                text,
                f"holds the number {text}, too long for Excel to keep every digit. "
                "Format the column as Text and type the value again.",
                "Number lost digits in Excel",
            )
        elif kind == MOJIBAKE:
            value = str(grid.frame.at[row, col - 1])
            message = (
                f"Row {row}, column '{headers[col]}': '{value}' looks garbled by a wrong text encoding; "
                f"it was probably '{text}'. If so, fix it in the file (save it as CSV UTF-8) before ordering."
            )
            problems.append(Problem(row, canonical, value, "warning", message, "Text garbled by an encoding"))
        elif kind == "bool" and canonical != "allow_duplicate":
            add(
                row,
                col,
                text,
                f"holds {text} (a true/false value) where text was expected.",
                "True/false value",
            )
    problems.sort(key=lambda p: p.row)
    return problems


def _errors_where_rows_are_picked(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: set[int]
) -> list[Problem]:
    """A failed formula's error (#N/A, #REF!...) in a column the list picks its rows by ('Date Sent', 'Send?',
    'Termination Date'): the row is neither sent nor left out until the person says which. A lookup of the
    sent log finding no one gives #N/A: read as a date sent, the person was left out as sent already; under
    'Send?' or 'Eligible' the card went (found by hunter-sheets12)."""
    from ..skipped.said import picks_rows

    fed = {field: header for header, field in column_map.items()}
    field = next((f for f in ("name", "first_name", "last_name") if f in fed), next(iter(fed), "name"))
    problems: list[Problem] = []
    for header in body.columns:
        if header in column_map or not picks_rows(str(header)):
            continue
        cells = body[header].astype(str)
        if "#" not in "\x00".join(cells.tolist()):
            continue
        for row, text in cells[cells.str.fullmatch(_ERROR_TEXT)].items():
            if int(row) in not_judged:
                continue
            message = (
                f"Row {row}, column '{header}': holds {text.strip()}, the error a failed formula shows, "
                "where the list says whether to send this row (a lookup that found nothing?): bulkship will "
                "not guess; type what it should say, or clear the cell."
            )
            problems.append(
                Problem(int(row), field, text.strip(), "error", message, "Error value instead of a value")
            )
    return problems
