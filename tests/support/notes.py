"""Lists of one recipient a note, for the tests of what notes leave out and what they send."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from bulkship.cli import main
from bulkship.load import load_sheet
from bulkship.models import LoadedSheet
from bulkship.validate import ValidationResult, validate


def notes_sheet(path: Path, notes: list[str], header: str = "Notes") -> Path:
    """A CSV of one recipient a note, the note under ``header`` (row 2 holds the first), and as many rows
    again with no note (most rows of a list say nothing)."""
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", header])
        for i, note in enumerate([*notes, *[""] * len(notes)]):
            writer.writerow([f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "50", note])
    return path


def notes_validated(
    path: Path, notes: list[str], header: str = "Notes"
) -> tuple[LoadedSheet, ValidationResult]:
    """:func:`notes_sheet`'s list loaded and validated in process against the sandbox's catalog: the rows the
    load leaves out are the sheet's ``skipped``, those asking the result's errors."""
    from intake_fixtures import sandbox_catalog

    sheet = load_sheet(notes_sheet(path, notes, header))
    return sheet, validate(sheet, sandbox_catalog())


def notes_left_out(path: Path, notes: list[str]) -> list[str]:
    """The ``notes`` of :func:`notes_sheet`'s ``path`` whose rows the load leaves out."""
    skipped = {s.row for s in load_sheet(path).skipped}
    return [note for row, note in enumerate(notes, start=2) if row in skipped]


def notes_in_error(path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> set[int]:
    """The rows of ``path`` that `bulkship validate --json` says to fix (severity 'error')."""
    main(["validate", str(path), "--json", "--out", str(out)])
    return {p["row"] for p in json.loads(capsys.readouterr().out)["problems"] if p["severity"] == "error"}
