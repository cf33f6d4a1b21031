"""The words of the errors a remark gives its row: they name the column the remark is in, and they say the
cell asks only where it does. Under 'Status' each told the user to "clear the note" (a status cell is no
note: the user looks for one the row has none of), and "asks 'Sent in error'" of cells asking nothing
(review68's leftovers 1 and 2)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from intake_fixtures import sandbox_catalog
from support.notes import notes_sheet

from bulkship.load import load_sheet
from bulkship.models import Problem
from bulkship.validate import validate

# one of each template asking the cell cleared: another address, count, amount, card, an address to change
CLEARED = ["Send to widow", "He gets 2", "Should be $100", "Target instead", "Address changing next month"]


def _problems(
    tmp_path: Path, header: str, cells: list[str], monkeypatch: pytest.MonkeyPatch
) -> list[Problem]:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    sheet = load_sheet(notes_sheet(tmp_path / "list.csv", cells, header))
    return [p for p in validate(sheet, sandbox_catalog()).problems if p.severity == "error"]


def _errors(tmp_path: Path, header: str, cells: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[int, str]:
    return {p.row: p.message for p in _problems(tmp_path, header, cells, monkeypatch)}


@pytest.mark.parametrize("header", ["Notes", "Status", "Employee Status"])
def test_an_error_asking_the_remark_cleared_names_its_column(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors = _errors(tmp_path, header, CLEARED, monkeypatch)
    assert sorted(errors) == list(range(2, 2 + len(CLEARED))), errors
    for message in errors.values():
        assert "clear the note" not in message
        assert message.endswith(f"clear the '{header}' cell.") or (
            f"clear the '{header}' cell, or clear only that cell to send it there." in message
        ), message


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_the_error_says_a_cell_asks_only_where_it_asks(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    says = ["Sent in error", "Possible duplicate", "Terminated: no", "Moved on to Acme"]
    asks = ["Deceased?", "Terminated (confirm)", "Maybe terminated", "Do not mail - check"]
    errors = _errors(tmp_path, header, [*says, *asks], monkeypatch)
    for row, cell in enumerate([*says, *asks], start=2):
        verb = "says" if cell in says else "asks"
        assert errors[row] == (
            f"Row {row}, column '{header}': {verb} '{cell}': is this card to be sent? Check, then write "
            f"'send' or 'do not send' in '{header}' in its place."
        )


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_the_count_of_such_errors_names_no_note_and_no_question(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`validate` counted Status 'Sent in error' under "Note asks whether to send": neither a note nor a
    question."""
    found = _problems(tmp_path, header, ["Sent in error", "Deceased?"], monkeypatch)
    assert [p.kind for p in found] == ["Unclear whether to send"] * 2
