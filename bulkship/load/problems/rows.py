"""What a row's cells read as, against what the person typed: formulas and their results, error values,
dates and numbers that lost digits in Excel, text garbled by an encoding, true/false values, a formula's text
typed as a value, a row's own Total. Cells the grid places otherwise (beyond the header, merged down rows):
:mod:`.gridcells`."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from ...csvread import MOJIBAKE
from ...models import Problem
from ...money import AmountError, read_amount
from ...schema import header_key
from ..cells import FORMULA_ERROR as _ERROR_TEXT
from ..cells import _Grid
from .bounded import cell_texts, name_field

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
    grid: _Grid,
    headers: dict[int, str],
    column_map: dict[str, str],
    index: pd.Index,
    into: list[Problem] | None = None,
) -> list[Problem]:
    """Formulas, dates and inexact numbers in mapped columns: the value is not what the user typed. Added to
    ``into`` (a :class:`.bounded.BoundedProblems`: a formula in every cell stops at the limit), returned."""
    problems: list[Problem] = [] if into is None else into
    at = cell_texts(grid.frame)
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
            value = str(at(row, col))
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
            value = str(at(row, col))
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
    from ..skipped.columnkeys import picks_rows

    field = name_field(column_map)
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
