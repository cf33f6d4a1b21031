"""A bookkeeper's client list: 'Client' of businesses beside 'Attn', the person each card goes to
(newcomer21's N6, given to hunter-sheets31 by the lead)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

HEAD = ["Client", "Attn", "Address", "City", "ST", "Zip", "Gift", "Amount"]


def sent() -> list[tuple[str, str, str]]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    addresses = [li["PhysicalDeliveryAddress"] for order in orders for li in order["LineItems"]]
    return sorted((a["Name"], a["AddressLine1"], a.get("AddressLine2") or "") for a in addresses)


def _clients(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEAD)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_client_column_of_businesses_beside_attn_is_printed_as_the_company(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Client' was among "Columns not used" and each card went to the person with no company line
    ('Dr. Anna Whitcomb, 210 Commercial St Ste 4'). It is read as the Company now, said, and printed."""
    path = _clients(
        tmp_path / "clients.xlsx",
        [
            ["Bristol Dental Group", "Dr. Anna Whitcomb", "210 Commercial St Ste 4", "Portland", "ME",
             "04101", "Visa", 150],
            ["Linden Hardware", "Tom Linden", "88 Main St", "Keene", "NH", "03431", "Home Depot", 100],
            ["Meyer Bakery", "Greta Meyer", "9 Water St", "Exeter", "NH", "03833", "Starbucks", 25],
        ],
    )  # fmt: skip
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "Column 'Client' (A) is read as Company, printed on the parcel" in said
    assert sent() == [
        ("Dr. Anna Whitcomb", "210 Commercial St Ste 4", "Bristol Dental Group"),
        ("Greta Meyer", "9 Water St", "Meyer Bakery"),
        ("Tom Linden", "88 Main St", "Linden Hardware"),
    ]


def test_a_client_column_of_people_beside_attn_is_not_a_company(tmp_path: Path) -> None:
    """The other side: an advisor's 'Client' of people ('John Smith' beside 'Attn' = 'Mary Smith') is no
    business: not printed, as before."""
    path = _clients(
        tmp_path / "clients.xlsx",
        [["John Smith", "Mary Smith", "1 Main St", "Boston", "MA", "02134", "CVS", 25]],
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert sent() == [("Mary Smith", "1 Main St", "")]
