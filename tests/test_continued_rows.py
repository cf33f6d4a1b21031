"""A row below a recipient holding only the rest of that recipient's address (found by hunter-sheets5): a
report that wraps one record onto two rows ('Apt 4' under Address, 'c/o Acme Corp' under Name). Bob's card
went out to '2 Main St' without his flat, the row below read as one to fix, or as a note below the table."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

HEADER = "Name,Address,City,State,ZIP,Card,Amount\n"
ANN = "Ann Lee,1 Main St,Boston,MA,02108,TARGET,25\n"
BOB = "Bob Ray,2 Main St,Boston,MA,02108,TARGET,25\n"
CY = "Cy Ng,3 Main St,Salem,MA,01970,TARGET,25\n"


def _names_sent() -> list[str]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    return [li["PhysicalDeliveryAddress"]["Name"] for order in orders for li in order["LineItems"]]


@pytest.mark.parametrize(
    ("below", "said", "column"),
    [
        (",Apt 4,,,,,\n", "'Apt 4' (Address)", "Address"),
        (',"Boston, MA 02108",,,,,\n', "'Boston, MA 02108' (Address)", "Address"),
        ("(c/o Acme Corp),,,,,,\n", "'(c/o Acme Corp)' (Name)", "Name"),
    ],
)
def test_the_rest_of_a_row_on_the_row_below_holds_the_row_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], below: str, said: str, column: str
) -> None:
    for name, text in (
        ("middle.csv", HEADER + ANN + BOB + below + CY),
        ("last.csv", HEADER + ANN + BOB + below),
    ):
        path = tmp_path / name
        path.write_text(text)
        assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1
        errors = [p["message"] for p in json.loads(capsys.readouterr().out)["problems"] if p["row"] == 3]
        assert errors == [
            f"Row 3, column '{column}': the row below it (row 4) holds only {said}, which looks like the "
            "rest of this row (a report may wrap one record onto two rows): this card would go without it. "
            "Move it into this row, then delete row 4."
        ]
    main(["run", str(tmp_path / "middle.csv"), "--yes", "--wait", "0", "--out", str(tmp_path / "out")])
    assert _names_sent() == ["Ann Lee", "Cy Ng"]


def test_an_export_wrapping_line_2_onto_its_own_row_holds_the_row_back(tmp_path: Path) -> None:
    """As a Workday report's multi-instance field writes it: the worker's cells empty on the second row."""
    book = openpyxl.Workbook()
    book.active.append(
        ["Worker", "Address Line 1", "Address Line 2", "City", "State", "Postal Code", "Card", "Amount"]
    )
    book.active.append(["Ann Lee", "1 Main St", None, "Boston", "MA", "02108", "TARGET", 25])
    book.active.append(["Bob Ray", "2 Main St", None, "Boston", "MA", "02108", "TARGET", 25])
    book.active.append([None, None, "Suite 200", None, None, None, None, None])
    book.save(tmp_path / "workers.xlsx")
    assert main(["run", str(tmp_path / "workers.xlsx"), "--yes", "--wait", "0", "--out", str(tmp_path)]) == 3
    assert _names_sent() == ["Ann Lee"]


def test_a_heading_of_the_next_group_is_no_part_of_the_row_above(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Salem' under City beside the row's own city, 'Salem office' under Address: a heading (a row to fix,
    as before); Bob's row is valid."""
    for name, below in (("city.csv", ",,Salem,,,,\n"), ("office.csv", ",Salem office,,,,,\n")):
        path = tmp_path / name
        path.write_text(HEADER + ANN + BOB + below + CY)
        main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
        rows = json.loads(capsys.readouterr().out)["problems"]
        assert sorted({p["row"] for p in rows if p["severity"] == "error"}) == [4]
