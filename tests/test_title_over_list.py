"""Two lists one below the other, the second under a title: 'Second shipment' alone on the row above the
header written again (found by hunter-sheets31)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

HEAD = ["Name", "Address", "City", "State", "ZIP", "Product", "Value"]


def sent() -> list[str]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    return sorted(li["PhysicalDeliveryAddress"]["Name"] for order in orders for li in order["LineItems"])


def test_a_title_above_the_header_written_again_is_one_error_asking_what_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The title was read as a person with nothing filled in: six errors on row 4 ('Address is empty' ...
    'Value is empty'), none saying what the row is. One error now, asking whether it is the title of the
    list below (delete it) or a person (fill in the rest); both lists' people are sent."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        HEAD,
        ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25],
        [],
        ["Second shipment"],
        HEAD,
        ["Bob Ray", "2 Main St", "Boston", "MA", "02134", "TARGET", 50],
    ):
        sheet.append(row)
    path = tmp_path / "gifts.xlsx"
    book.save(path)
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert (
        "Row 4, column 'Name': holds only 'Second shipment', just above the header written again (row 5): "
        "if it is the title of the list below, delete the row" in said
    )
    assert "Row 4, column 'Address': is empty" not in said
    assert sent() == ["Ann Lee", "Bob Ray"]
