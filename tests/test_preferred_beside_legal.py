"""A BambooHR report: 'Last Name, First Name' (the legal name) beside 'Preferred Name', filled on a few rows
as HR keeps it (newcomer22's N3, given to hunter-sheets32 by the lead)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

HEAD = ["Employee #", "Last Name, First Name", "Preferred Name", "Home Address", "City", "State", "Zip",
        "Gift", "Amount"]  # fmt: skip
ROWS = [
    ["1001", "Lee, Ann", None, "1 Main St", "Boston", "MA", "02134", "CVS", 50],
    ["1002", "Roe, Robert", "Bob", "2 Main St", "Boston", "MA", "02134", "CVS", 50],
    ["1003", "Orr, Katherine", "Kate Orr", "3 Main St", "Boston", "MA", "02134", "CVS", 50],
    ["1004", "Fox, Diane", None, "4 Main St", "Boston", "MA", "02134", "CVS", 50],
]


def _report(path: Path, more: list[list[object]] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEAD)
    for row in [*ROWS, *(more or [])]:
        sheet.append(row)
    book.save(path)
    return path


def _sent() -> list[str]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    return sorted(li["PhysicalDeliveryAddress"]["Name"] for order in orders for li in order["LineItems"])


def test_a_last_first_column_beside_a_preferred_name_is_the_legal_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Preferred Name' was read as the name and every row without one an error "is empty; fill in the
    recipient's name" (newcomer22's report: 136 of 170 rows), 'Last Name, First Name' among the columns not
    used. It is the legal name now, said, and the preferred name is sent where filled in."""
    path = _report(tmp_path / "anniversaries.xlsx")
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "Column 'Last Name, First Name' (B) is read as Name" in said, said
    assert "column 'Preferred Name' is the name sent where it is filled in" in said, said
    assert _sent() == ["Ann Lee", "Bob Roe", "Diane Fox", "Kate Orr"]


def test_a_batch_ordered_under_the_preferred_name_alone_is_not_ordered_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The other side: a batch ordered when 'Preferred Name' was the name (here by a program file mapping
    it) sent 'Bob' and 'Kate Orr'. The list run again in that batch with a new hire orders the rows left out
    then (Ann, Diane) and the hire, and reads Bob's row, now 'Bob Roe', as the one already ordered: not held
    as an edit (it was, "looks like an edit of row 3 ... other name"), not sent again."""
    path = _report(tmp_path / "anniversaries.xlsx")
    config = tmp_path / "program.toml"
    config.write_text('[columns]\nname = "Preferred Name"\n')
    out = ["--out", str(tmp_path / "out")]
    main(["run", str(path), "--batch", "ANNIV", "--config", str(config), "--yes", "--wait", "0", *out])
    assert _sent() == ["Bob", "Kate Orr"]
    capsys.readouterr()
    _report(path, [["1005", "Wu, Edward", "Ed", "5 Main St", "Boston", "MA", "02134", "CVS", 50]])  # a hire
    assert main(["run", str(path), "--batch", "ANNIV", "--yes", "--wait", "0", *out]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "Held" not in said and "2 row(s) already ordered are not sent again" in said, said
    assert _sent() == ["Ann Lee", "Bob", "Diane Fox", "Ed Wu", "Kate Orr"]
