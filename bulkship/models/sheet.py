"""A sheet as read (:class:`LoadedSheet`) and as validated (:class:`ValidationResult`): the canonical
columns, each row's problems, the rows left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..statuses import DAY_SAID

if TYPE_CHECKING:
    import pandas as pd


# Canonical input columns, in the order the template and the output show them.
CANONICAL_COLUMNS: tuple[str, ...] = (
    "external_id",  # the user's own reference for the row (employee id, customer id)
    "first_name",
    "last_name",
    "name",  # full recipient name; built from first + last when absent
    "company",
    "address1",
    "address2",
    "city",
    "state",
    "zip",
    "country",
    "product",
    "value",
    "quantity",
    "shipping_method",
    "carrier_id",  # the printed card carrier (sleeve), not a freight company
    "email",
    "phone",
    "allow_duplicate",  # yes/true/1: the user means to send this reward twice
)
# The fields holding a recipient's name, in the order a name is read: whole, then first, then last (a
# problem is filed under the first the list feeds; the name said of a row is read from them in this order)
NAME_COLUMNS: tuple[str, ...] = ("name", "first_name", "last_name")
# Fields kept in the results and never sent to the vendor: one written oddly ("N/A", two addresses, a phone
# with a note or a number crossed out) is a warning, never a reason to send the person no card
NOT_SENT = frozenset({"email", "phone"})

# Bookkeeping columns added by validate.
ROW = "row"  # spreadsheet row number as the user sees it
STATUS = "status"  # "valid" | "invalid" | "duplicate" | "skipped"
FINGERPRINT = "fingerprint"  # stable identity of a row's content (plus occurrence number)

RowStatus = Literal["valid", "invalid", "duplicate", "skipped"]
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with (``error``) or changed in (``warning``) one cell of one row."""

    row: int
    column: str
    value: str
    severity: Severity
    message: str
    kind: str = ""  # short category for summaries, e.g. "ZIP code not valid"; "" = message up to ':'


@dataclass(frozen=True)
class SkippedRow:
    """A row that holds data but is not ordered: hidden (by hand, a filter, a collapsed group) unless the
    user asks for hidden rows, or not a recipient at all (a totals row, a note)."""

    row: int
    kind: str  # "hidden" | "filtered" | "collapsed" | "crossed" | "totals" | "note" | "removed" (Fix these)
    reason: str  # in plain words, e.g. "hidden by the filter on column F 'Eligible'"
    # held until a day to come: the first day the list sends it (YYYY-MM-DD; ..load.skipped.heldday)
    until: str = ""
    # its card went already: the PO number (and batch, another's) it went in (..refusednow.said_apart)
    ordered: str = ""
    # held until a day (``until``) on which other words of the row leave it out ('Exclude'): not judged now
    # as a row to send is (..load.skipped.heldday.left_on_their_day)
    left_then: bool = False

    @property
    def said(self) -> str:
        """:attr:`reason`, and the day a row held until one goes, as the ledger and the workbook keep it."""
        return f"{self.reason}{DAY_SAID}{self.until}" if self.until else self.reason


@dataclass(frozen=True)
class FixTheseRows:
    """What a person did on the *Fix these* sheet of a result workbook given back to ``run``
    (:mod:`bulkship.reconcile.fixsheet`), each row by the key the batch's ledger knew it under (the workbook's
    hidden key sheet): ``corrected`` the rows still on the sheet, with the cells they changed (header -> text;
    none when the row was left as it was, or put back), ``rows`` the row each has in the batch's file,
    ``removed`` the rows they took off."""

    corrected: dict[str, dict[str, str]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    removed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ValidationSummary:
    rows: int
    valid: int
    invalid: int  # rows with an error (duplicates and skipped rows are neither)
    by_problem: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    duplicate: int = 0  # rows repeating an earlier row of the file: not sent, nothing to correct

    @property
    def not_valid(self) -> int:
        """The rows that will not be sent as they are: invalid and duplicate."""
        return self.invalid + self.duplicate


@dataclass(frozen=True)
class LoadedSheet:
    """A sheet as read: every cell text, nothing judged, nothing dropped but fully blank rows."""

    path: str
    sheet_name: str | None
    header_row: int  # spreadsheet row number of the header
    headers: tuple[str, ...]  # original header texts, in sheet order
    column_map: dict[str, str]  # original header -> canonical column, for the headers that map
    frame: (
        pd.DataFrame
    )  # original headers as columns, str cells ('' when blank), index = spreadsheet row number
    file_hash: str  # sha256 of the file's bytes
    defaults: dict[str, str] = field(
        default_factory=dict
    )  # canonical column -> default from program settings
    read_problems: tuple[
        Problem, ...
    ] = ()  # found while reading: formulas, dates/numbers where text was expected
    columns: tuple[Any, ...] = ()  # bulkship.columns.ColumnInfo per header: the field it feeds, or unused
    skipped: tuple[SkippedRow, ...] = ()  # rows kept in ``frame`` but never validated nor ordered
    notices: tuple[str, ...] = ()  # what the user should know about the file (hidden rows, unused columns)
    preferred: dict[str, str] = field(default_factory=dict)  # field -> header filling in where not empty
    last_first: frozenset[str] = frozenset()  # headers whose names are written "Last, First"
    suffix: str | None = None  # header of a name suffix column (Jr., III), written after the name
    fallback: dict[str, str] = field(default_factory=dict)  # address field -> header of the next group, read
    fallback_over: tuple[str, ...] = ()  # on the rows where each of these (the shipping group's) is empty
    # Each cell's type (bulkship.celltypes code, uint8) for the headers holding a non-text cell, index shared
    # with ``frame``; None or no column: every cell is text. The writers give numbers and dates back typed.
    cell_types: pd.DataFrame | None = None
    # Notes on the list's cells (Excel comments) as columns of notes ('Note on Amount'), index shared with
    # ``frame``; None or no column: no note on any cell
    cell_notes: pd.DataFrame | None = None
    # the file's own sha256 when ``file_hash`` names it with cells corrected on the web page: the same file
    # uploaded again is still the file another batch was run from (found by newcomer4); "" otherwise
    upload_hash: str = ""
    # a result workbook's Fix these sheet, run: what the person did there (bulkship.fixdecisions); None else
    fix_these: FixTheseRows | None = None
    # the header of the Product column whose cells give the Value too ('Target $25': bulkship.validate
    # .cardamount), None where none does
    card_amount: str | None = None
    # the header of a preferred name that was read as the name before the legal name's column beside it was
    # (bulkship.validate.namecolumn): the fingerprint reads its one-word names as then, so a batch ordered
    # before is the same rows now; None elsewhere
    name_as_before: str | None = None
    # cells merged down one column no field read by its header, (header, first row, last row): read on each
    # row they cover where the check reads the column by its cells (bulkship.validate.columnread)
    merged_unread: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True)
class ValidationResult:
    sheet: LoadedSheet
    rows: pd.DataFrame  # CANONICAL_COLUMNS (normalised text) + ROW, STATUS, FINGERPRINT; index = ROW
    problems: tuple[Problem, ...]  # errors and warnings (normalisations applied), in row order

    @property
    def valid_rows(self) -> pd.DataFrame:
        return self.rows[self.rows[STATUS] == "valid"]

    def summary(self) -> ValidationSummary:
        counts: dict[str, int] = {}
        for problem in self.problems:
            if problem.severity == "error":
                key = problem.kind or problem.message.split(":")[0]
                counts[key] = counts.get(key, 0) + 1
        valid = int((self.rows[STATUS] == "valid").sum())
        skipped = len(self.sheet.skipped) and int((self.rows[STATUS] == "skipped").sum())
        duplicate = int((self.rows[STATUS] == "duplicate").sum())
        return ValidationSummary(
            rows=len(self.rows),
            valid=valid,
            invalid=len(self.rows) - valid - skipped - duplicate,
            by_problem=counts,
            skipped=skipped,
            duplicate=duplicate,
        )
