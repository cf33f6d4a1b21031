"""Workday's address as its report writes it: 'Home Address - Formatted Line 1..4', the lines of the printed
address block, beside its City, State/Province and Postal Code (found by hunter-sheets29, fixed by
hunter-sheets31)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

WORKDAY = [
    "Employee ID", "Worker", "Home Address - Formatted Line 1", "Home Address - Formatted Line 2",
    "Home Address - Formatted Line 3", "Home Address - Formatted Line 4", "Home Address - City",
    "Home Address - State/Province", "Home Address - Postal Code", "Home Address - Country", "Card", "Amount",
]  # fmt: skip
USA = "United States of America"


def sent() -> list[tuple[str, str, str, str, str, str]]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    addresses = [li["PhysicalDeliveryAddress"] for order in orders for li in order["LineItems"]]
    return sorted(
        (a["Name"], a["AddressLine1"], a.get("AddressLine2") or "", a["City"], a["State"], a["Zip"])
        for a in addresses
    )


def test_a_workday_report_of_formatted_lines_sends_the_street_and_its_unit_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Refused, exit 2: "lacks required column(s): Address Line 1" (the street was under 'Formatted Line
    1'). Now line 1 is the street, line 2 and 3 its unit and floor, and the block's own last lines ('Boston,
    MA 02134', the country) are not printed again on line 2."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(WORKDAY)
    sheet.append(["1001", "Ann Lee", "1 Main St", "Boston, MA 02134", USA, None, "Boston", "Massachusetts",
                  "02134", USA, "TARGET", 25])  # fmt: skip
    sheet.append(["1002", "Bob Ray", "2 Elm St", "Suite 4", "Cambridge, MA 02139-4307", USA, "Cambridge",
                  "Massachusetts", "02139-4307", USA, "CVS", 50])  # fmt: skip
    sheet.append(["1003", "Cy Orr", "3 Oak Ave", "Apt 2B", "Floor 3", "Portland, ME 04101", "Portland",
                  "Maine", "04101", USA, "CVS", 25])  # fmt: skip
    path = tmp_path / "service-awards.xlsx"
    book.save(path)
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert sent() == [
        ("Ann Lee", "1 Main St", "", "Boston", "MA", "02134"),
        ("Bob Ray", "2 Elm St", "Suite 4", "Cambridge", "MA", "02139-4307"),
        ("Cy Orr", "3 Oak Ave", "Apt 2B, Floor 3", "Portland", "ME", "04101"),
    ]


def test_a_line_2_naming_the_row_s_own_place_is_not_printed_again_and_others_are(tmp_path: Path) -> None:
    """Any list's line 2 holding the row's own 'City, ST ZIP' or the country went on the parcel so, the city
    twice. Not printed now; a unit 'A' or a building named after the city is printed as written, and a line
    2 naming another place is an error to fix, as before."""
    path = tmp_path / "list.csv"
    path.write_text(
        "Name,Address Line 1,Address Line 2,City,State,ZIP,Card,Amount\n"
        'Ann Lee,1 Main St,"Boston, MA 2134",Boston,MA,02134,CVS,25\n'
        "Bob Ray,2 Main St,USA,Boston,MA,02134,CVS,25\n"
        'Cy Orr,3 Main St,"Cambridge, MA 02139",Boston,MA,02134,CVS,25\n'
        "Di Fox,4 Main St,A,Boston,MA,02134,CVS,25\n"
        "Ed Ng,5 Main St,Boston Medical Center,Boston,MA,02134,CVS,25\n"
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    assert [(row[0], row[2]) for row in sent()] == [
        ("Ann Lee", ""),
        ("Bob Ray", ""),
        ("Di Fox", "A"),
        ("Ed Ng", "Boston Medical Center"),
    ]
