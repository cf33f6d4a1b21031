"""The validation workbook: every input row with its status, problems and the changes made, invalid rows
highlighted; a Problems sheet (one line per problem) and a Summary sheet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..models import STATUS, Problem, ValidationResult
from ..workbook import Table, write_workbook

ROW_HEADER = "Row"
STATUS_HEADER = "Status"
PROBLEMS_HEADER = "Problems"
CHANGES_HEADER = "Changes made"


def validation_workbook_path(result: ValidationResult, out_dir: Path) -> Path:
    return Path(out_dir) / f"{Path(result.sheet.path).stem}-validation.xlsx"


def _cell_message(problem: Problem) -> str:
    """The message without its 'Row N, ' prefix: the row is on the same line of the sheet."""
    prefix = f"Row {problem.row}, "
    return problem.message[len(prefix) :] if problem.message.startswith(prefix) else problem.message


def _rows(result: ValidationResult) -> Iterator[list[Any]]:
    errors: dict[int, list[str]] = {}
    warnings: dict[int, list[str]] = {}
    for problem in result.problems:
        target = errors if problem.severity == "error" else warnings
        target.setdefault(problem.row, []).append(_cell_message(problem))
    statuses = result.rows[STATUS]
    frame = result.sheet.frame
    for row, values in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
        yield [
            int(row),
            str(statuses.get(row, "")),
            "\n".join(errors.get(int(row), ())),
            "\n".join(warnings.get(int(row), ())),
            *values,
        ]


def write_validation_workbook(result: ValidationResult, out_dir: Path, *, path: Path | None = None) -> Path:
    path = path or validation_workbook_path(result, out_dir)
    sheet = result.sheet
    headers = [ROW_HEADER, STATUS_HEADER, PROBLEMS_HEADER, CHANGES_HEADER, *sheet.headers]
    summary = result.summary()
    summary_rows: list[list[Any]] = [
        ["File", sheet.path],
        ["Sheet", sheet.sheet_name or ""],
        ["Header row", sheet.header_row],
        ["Rows", summary.rows],
        ["Valid", summary.valid],
        ["Not valid", summary.invalid],
        ["", ""],
        *([f"Problem: {kind}", count] for kind, count in sorted(summary.by_problem.items())),
        ["", ""],
        *([f"Column '{header}'", f"read as {canonical}"] for header, canonical in sheet.column_map.items()),
    ]
    tables = [
        Table(
            name="Validation",
            headers=headers,
            rows=_rows(result),
            status_column=STATUS_HEADER,
            wrap_columns=(PROBLEMS_HEADER, CHANGES_HEADER),
        ),
        Table(
            name="Problems",
            headers=["Row", "Column", "Value", "Severity", "Message"],
            rows=(
                [p.row, _header(result, p.column), p.value, p.severity, p.message] for p in result.problems
            ),
            status_column="Severity",
            colours={"error": "#FFC7CE", "warning": "#FFEB9C"},
        ),
        Table(name="Summary", headers=["Item", "Value"], rows=summary_rows),
    ]
    write_workbook(path, tables)
    return path


def _header(result: ValidationResult, column: str) -> str:
    for header, canonical in result.sheet.column_map.items():
        if canonical == column:
            return header
    return column
