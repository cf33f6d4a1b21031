"""The load stage's steps, in order: a file checked (:mod:`.filetype`), read into text cells (CSV by
bulkship.csvread, workbooks by :mod:`.workbook`), its header found (:mod:`.header`), its columns mapped
(bulkship.columns), rows that are not recipients set aside (:mod:`.skipped`), what is not as typed reported
(:mod:`.problems`), each cell's type kept; the result is one :class:`~bulkship.models.LoadedSheet`.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from .. import celltypes
from ..columns import HeaderIndex
from ..columns.meaning import HeaderMeaning
from ..columns.records import ColumnMapping
from ..csvread import CsvLimits, read_csv
from ..errors import FileFormatError, MissingColumnsError
from ..models import CANONICAL_COLUMNS, LoadedSheet
from ..models.sheet import SkippedRow
from ..program import ProgramSettings
from ..schema import SheetContract, load_contract
from ..zipparts import workbook_sheet_names
from . import listcolumns
from .cells import _Grid
from .companydown import company_read_down
from .decimalcomma import read_decimal_commas
from .filetype import CSV_EXTENSIONS, _check_file
from .header import _find_header, _unique_headers, _used_area, refuse_header_merged_across
from .listtotal import list_total_notices
from .lookalikes import (
    lookalike_notices,
)
from .problems import _fill_merged, _left_off_problems, many_cards_notice, unused_default_notice
from .problems.gathered import gathered_problems
from .problems.gridcells import merged_unread
from .savedfrom import refuse_one_sheet_saved, refuse_rows_hidden_beside
from .skipped import _skip_notices, _skipped_rows, earlier_round_notices, typed_under_a_form
from .skipped.headerrows import refuse_title_saying_not_to_send
from .skipped.marks import (
    refuse_colour_key,
    refuse_done_beside_a_course,
    refuse_unheaded_ticks,
    refuse_unlinked_boxes,
)
from .skipped.paid import refuse_paid_alone
from .skipped.readonce import loading_once
from .spelled import spelled_out_notices
from .splitheader import rejoin_split_header
from .streetlines import street_lines_notices
from .uncalculated import refuse_uncalculated
from .workbook import _read_workbook


def load_sheet(
    path: str | Path,
    *,
    sheet: str | None = None,
    program: ProgramSettings | None = None,
    strict_columns: bool = True,
    file_hash: str | None = None,
) -> LoadedSheet:
    """Read ``path`` (CSV, XLSX or ODS) into a :class:`LoadedSheet`. Raises FileFormatError,
    MissingColumnsError (no header row) or ConfigError (bad program settings); AmbiguousColumnsError unless
    ``strict_columns`` is False (two columns for one field are then marked ambiguous and feed nothing).

    ``file_hash``: the file's SHA-256 as the caller already took it (a run checks it against the ledger before
    loading): a workbook is not hashed again, and a CSV whose bytes differ from it (saved again meanwhile) is
    refused rather than recorded under a hash that does not describe its rows."""
    program = program or ProgramSettings()
    path = Path(path)
    kind = _check_file(path)
    if kind == "csv":
        limits = program.limits  # [limits] in the program settings: the same rows, columns and cell size
        csv_limits = CsvLimits(rows=limits.rows, columns=limits.columns, cell_bytes=limits.cell_bytes)
        read = read_csv(path, encoding=program.encoding, limits=csv_limits)
        if file_hash is not None and read.sha256 != file_hash:
            raise FileFormatError(
                f"{path.name} changed while bulkship was reading it",
                hint="save and close the file, then run the same command again. Nothing was sent",
            )
        file_hash = read.sha256  # taken in the same pass that read the rows
        refuse_rows_hidden_beside(path, read.frame, program)
        grid = _Grid(frame=read.frame, typed=read.typed, from_csv=True, head_counts=read.head_counts)
        grid.delimiter = read.delimiter  # ';': a European Excel's, whose amounts are '25,00'
    else:
        if file_hash is None:
            with path.open("rb") as handle:
                file_hash = sheet_identity(
                    hashlib.file_digest(handle, "sha256").hexdigest(), sheet or program.sheet
                )
        grid = _read_workbook(path, kind, sheet or program.sheet, program)
    contract = load_contract(program.schema_path)
    with loading_once():  # (the rows left out and the errors read the same remarks: .skipped.readonce)
        return _to_loaded_sheet(grid, path, file_hash, contract, program, strict_columns)


def sheet_identity(file_hash: str, sheet: str | None) -> str:
    """What the ledger knows a workbook's rows by: its SHA-256, and the sheet when one is named (``--sheet``,
    the sheet picker). Two sheets of one workbook are two lists: the second is not "the same file" as a batch
    of the first, and a batch of one sheet is never "already complete" for the other."""
    if not sheet or not file_hash:
        return file_hash
    return hashlib.sha256(f"{file_hash}\x00sheet\x00{sheet}".encode("utf-8", "surrogatepass")).hexdigest()


def input_identity(path: Path, sheet: str | None, file_hash: str) -> str:
    """:func:`sheet_identity` of the file at ``path``, its bytes hashing to ``file_hash`` (CSV: no sheets)."""
    try:
        kind = _check_file(path)
    except FileFormatError:
        return file_hash  # load_sheet says what is wrong with it
    return file_hash if kind == "csv" else sheet_identity(file_hash, sheet)


def sheet_names(path: str | Path) -> list[str]:
    """The sheets of a workbook (XLSX/ODS), in workbook order; ``[]`` for CSV text."""
    path = Path(path)
    if path.suffix.lower() in CSV_EXTENSIONS:
        return []
    return workbook_sheet_names(path)  # [] for a workbook that cannot be read: load_sheet says why


def require_recipient_rows(loaded: LoadedSheet) -> LoadedSheet:
    """A sheet with a header and no rows (a blank template, a wrong export) is nothing to check or order:
    for ``validate`` and ``run`` it is unusable input, never a success with 0 rows."""
    if loaded.frame.empty:
        raise FileFormatError(f"{Path(loaded.path).name} has a header but no recipient rows")
    return loaded


def _to_loaded_sheet(
    grid: _Grid,
    path: Path,
    file_hash: str,
    contract: SheetContract,
    program: ProgramSettings,
    strict_columns: bool = True,
) -> LoadedSheet:
    frame = grid.frame
    where = f"sheet '{grid.sheet_name}' of {path.name}" if grid.sheet_name else path.name
    header_row, header_cells, meaning = _header(grid, path, contract, program, where)
    body = frame.loc[header_row + 1 :]
    keep, filled_rows = _used_area(body, header_cells)
    body = body.loc[filled_rows, keep].copy()
    headers, repeats = _unique_headers([header_cells[p] for p in keep], [p + 1 for p in keep])
    body.columns = headers
    mapping, beside = listcolumns.mapped(
        grid, header_row, body, keep, headers, repeats, meaning, contract, program, path, strict_columns
    )
    doubts = listcolumns.set_aside(mapping, body, program)
    column_map = mapping.column_map
    letters = {info.header: info.letter for info in mapping.columns}
    mapping.notices += read_decimal_commas(body, column_map, grid.delimiter, letters)  # '25,00' in a ';' CSV
    by_position = {p + 1: h for p, h in zip(keep, headers, strict=True)}
    if grid.scan and grid.scan.merged:
        refuse_header_merged_across(grid.scan.merged, header_row, by_position, column_map, body, where)
    merged_cells = _fill_merged(grid, body, by_position, column_map)
    skipped = _skipped_rows(grid, body, column_map, by_position, program, header_row, path.name)
    _refuse_what_cells_hide(grid, header_row, body, by_position, column_map, skipped, where)
    not_judged = {s.row for s in skipped}  # a totals row's =SUM is no problem of a recipient's
    read_problems, cell_notes = gathered_problems(
        grid, header_row, body, by_position, column_map, skipped, merged_cells, beside, contract, program,
        path,
    )  # fmt: skip
    source, values_of = listcolumns.columns_decided(mapping, body, contract, program, where, strict_columns)
    read_down, read_down_said = company_read_down(body, column_map, letters)  # an account on its first row
    read_problems += read_down
    read_problems += _left_off_problems(body, mapping.columns, column_map, not_judged, program.columns)
    notices = _notices(
        grid, mapping, doubts, values_of, contract, source, program, body, skipped, read_down_said
    )
    cell_types = _cell_types(grid, body, keep, headers, column_map)
    return LoadedSheet(
        path=str(path),
        sheet_name=grid.sheet_name,
        header_row=int(header_row),
        headers=tuple(headers),
        column_map=column_map,
        frame=body,
        file_hash=file_hash,
        defaults=program.effective_defaults,
        read_problems=tuple(read_problems),
        columns=tuple(mapping.columns),
        skipped=tuple(skipped),
        notices=tuple(notices),
        preferred=dict(mapping.preferred),
        last_first=frozenset(mapping.last_first),
        suffix=mapping.suffix,
        fallback=dict(mapping.fallback),
        fallback_over=mapping.fallback_over,
        cell_types=cell_types,
        cell_notes=cell_notes,
        merged_unread=merged_unread(grid, body, by_position, column_map),
    )


def _header(
    grid: _Grid, path: Path, contract: SheetContract, program: ProgramSettings, where: str
) -> tuple[int, list[str], Callable[[str], HeaderMeaning | None]]:
    """The header row and its cells (a header split across cells by a CSV's commas read as one again), and
    what a header means by the program's aliases; refused where no row holds the required columns, or a
    title above it says not to send."""
    frame = grid.frame
    try:
        header_row, header_cells = _find_header(frame, where, contract, program)
    except MissingColumnsError as error:
        if grid.from_csv:  # ... perhaps the workbook's other sheet: said so
            refuse_one_sheet_saved(path, frame, error)
        raise
    refuse_title_saying_not_to_send(frame, header_row, where)
    meaning = HeaderIndex(contract.alias_index(program.aliases)).meaning
    header_cells = rejoin_split_header(grid, header_row, header_cells, lambda h: meaning(h) is not None)
    return header_row, header_cells, meaning


def _refuse_what_cells_hide(
    grid: _Grid,
    header_row: int,
    body: pd.DataFrame,
    by_position: dict[int, str],
    column_map: dict[str, str],
    skipped: list[SkippedRow],
    where: str,
) -> None:
    """A list is refused where its cells say what bulkship cannot read as they mean: formulas no program
    calculated, a colour key, ticks without a header, 'Done' beside a course, a bare 'Paid', unlinked
    boxes."""
    refuse_uncalculated(grid, body.index.tolist(), by_position, column_map, skipped, where)
    refuse_colour_key(grid, header_row, body, skipped, where)
    refuse_unheaded_ticks(grid, header_row, body, skipped, where)
    refuse_done_beside_a_course(body, by_position, column_map, skipped, where)
    refuse_paid_alone(body, by_position, column_map, where)
    refuse_unlinked_boxes(grid, where)


def _notices(
    grid: _Grid,
    mapping: ColumnMapping,
    doubts: list[str],
    values_of: dict[str, list[str]],
    contract: SheetContract,
    source: str,
    program: ProgramSettings,
    body: pd.DataFrame,
    skipped: list[SkippedRow],
    read_down_said: list[str],
) -> list[str]:
    """Everything said of the list beside its rows, in the order it is shown."""
    column_map = mapping.column_map
    not_judged = {s.row for s in skipped}
    return [
        *grid.notices,
        *mapping.notices,
        *doubts,
        *lookalike_notices(
            mapping, values_of, contract, _country_names(), source, frozenset(program.columns)
        ),
        *_skip_notices(skipped, program),
        *earlier_round_notices(body, {i.header: i.letter for i in mapping.columns}, not_judged),
        *typed_under_a_form(body, column_map, not_judged),
        *many_cards_notice(body, column_map, not_judged),
        *unused_default_notice(body, column_map, not_judged, program.defaults.get("value", ""), source),
        *spelled_out_notices(body, column_map, mapping.fallback, not_judged),
        *street_lines_notices(body, column_map, not_judged, program.defaults),
        *list_total_notices(body, column_map, skipped),
        *read_down_said,
    ]


# Fields whose cells are text whatever they look like (ids and ZIP codes keep their zeros, names and addresses
# are words): in a CSV, only the other columns can be numbers or dates.
CSV_TEXT_FIELDS = frozenset(CANONICAL_COLUMNS) - {"value", "quantity"}


def _cell_types(
    grid: _Grid, body: pd.DataFrame, keep: list[int], headers: list[str], column_map: dict[str, str]
) -> pd.DataFrame:
    """The type code of each body cell (bulkship.celltypes), for the columns holding a non-text cell:
    one byte a cell, sharing the body's index."""
    columns: dict[str, np.ndarray] = {}
    if grid.from_csv:
        for header in headers:
            if column_map.get(header) in CSV_TEXT_FIELDS:
                continue
            code = celltypes.csv_column_code(body[header])
            if code:
                columns[header] = np.full(len(body), code, dtype=np.uint8)
    elif grid.codes:
        at = body.index.to_numpy() - int(grid.frame.index[0])  # the grid's index counts rows from 1
        for position, header in zip(keep, headers, strict=True):
            codes = grid.codes.get(position)
            if codes is not None and (picked := codes[at]).any():
                columns[header] = picked
    return pd.DataFrame(columns, index=body.index)


@functools.cache
def _country_names() -> frozenset[str]:
    from ..validate.usps import COUNTRY_ALIASES

    return frozenset(COUNTRY_ALIASES)
