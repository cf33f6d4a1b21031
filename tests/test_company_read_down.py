"""A Salesforce report grouped by account: the account on each group's first row only (newcomer22's N6,
given to hunter-sheets32 by the lead)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

HEAD = ["Account Name", "First Name", "Last Name", "Mailing Street", "Mailing City", "Mailing State/Province",
        "Mailing Zip/Postal Code", "Gift Card", "Gift Amount"]  # fmt: skip


def _report(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Client Gifts by Account"])
    sheet.append([])
    sheet.append(HEAD)
    rows: list[list[object]] = [
        ["Brightline Dental", "Olivia", "Nguyen", "1450 Commerce Pkwy Suite 210", "Columbus", "OH", "43219"],
        [None, "Mila", "Rossi", "1450 Commerce Pkwy Suite 210", "Columbus", "OH", "43219"],
        [None, "Dev", "Shah", "1450 Commerce Pkwy Suite 210", "Columbus", "OH", "43219"],
        ["Subtotal"],
        ["Cobalt Logistics", "Liam", "Patel", "88 Harbor St", "Portland", "ME", "04101"],
        [None, "Ana", "Silva", "12 Home Rd", "Portland", "ME", "04102"],  # at home: no company
        [None, "Eve", "Park", "88 Harbor St", "Portland", "ME", "04101"],  # under another street's row
        ["Subtotal"],
    ]
    for row in rows:
        sheet.append([*row, "Starbucks", 25] if len(row) > 1 else [*row, *[None] * 7, 75])
    book.save(path)
    return path


def _sent() -> list[tuple[str, str]]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    addresses = [li["PhysicalDeliveryAddress"] for order in orders for li in order["LineItems"]]
    return sorted((a["Name"], a.get("AddressLine2") or "") for a in addresses)


def test_an_account_on_its_group_s_first_row_is_read_by_the_rows_under_it_at_its_street(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Mila's and Dev's cards went to Brightline's suite with no company line, nothing said. The rows under
    a filled Company at the very same street read it now, said once and on each row; a row at another
    street (Ana, at home), and one under it (Eve), read nothing."""
    path = _report(tmp_path / "Client gifts by account.xlsx")
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert (
        "Column 'Account Name' (A) is filled on a group's first row only, as a report grouped by company "
        "writes it: the rows under it at the same street read it (rows 5, 6)." in said
    ), said
    assert _sent() == [
        ("Ana Silva", ""),
        ("Dev Shah", "Brightline Dental"),
        ("Eve Park", ""),
        ("Liam Patel", "Cobalt Logistics"),
        ("Mila Rossi", "Brightline Dental"),
        ("Olivia Nguyen", "Brightline Dental"),
    ]
    main(["validate", str(path), "--json", "--out", str(tmp_path / "v")])
    out = capsys.readouterr().out
    assert "Row 5, column 'Account Name': empty under 'Brightline Dental' (row 4) at the same street" in out


def test_a_client_column_on_its_group_s_first_row_is_read_by_the_rows_under_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bookkeeper's client report grouped by client, 'Client | Attn | Address': 'Client' is read as the
    Company by its cells (validate/companycolumn), after the load's read-down, so the second contact of a
    client went with no company line (hunter-sheets32's leftover 4, fixed by hunter-sheets33). It is read
    down as 'Account Name' is, at the same street only."""
    path = tmp_path / "clients.csv"
    path.write_text(
        "Client,Attn,Address,City,State,ZIP,Card,Amount\n"
        "Bristol Dental Group,Dr. Anna Whitcomb,210 Commercial St Ste 4,Portland,ME,04101,CVS,25\n"
        ",Mo Hygienist,210 Commercial St Ste 4,Portland,ME,04101,CVS,25\n"
        "Linden Hardware LLC,Ray Linden,5 Elm St,Bangor,ME,04401,CVS,25\n"
        ",Jo Clerk,12 Home Rd,Bangor,ME,04401,CVS,25\n"
        "Quinn Law Office,Pat Quinn,9 Oak St,Augusta,ME,04330,CVS,25\n"
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "Column 'Client' (A) is filled on a group's first row only" in said, said
    lines = {
        a["Name"]: a.get("AddressLine2")
        for order in embedded_sandbox_orders(resolve_settings().data_dir)
        for a in (li["PhysicalDeliveryAddress"] for li in order["LineItems"])
    }
    assert lines == {
        "Dr. Anna Whitcomb": "Bristol Dental Group",
        "Mo Hygienist": "Bristol Dental Group",
        "Ray Linden": "Linden Hardware LLC",
        "Jo Clerk": None,  # at another street: not read down
        "Pat Quinn": "Quinn Law Office",
    }


def test_a_household_under_a_row_naming_its_employer_is_not_given_the_company(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Jane Doe's employer on her row, John Doe under it at their home: 'Acme Corp' was read down onto John's
    parcel, a company printed on a home's (review58's b.csv, newcomer24's leftover). The first row's family
    name at a street that is no office's is its household: not read down. Another family's contact at a
    company's street (Bob Ray under Beta LLC) still reads it, and so does a family business's at its suite."""
    path = tmp_path / "contacts.csv"
    path.write_text(
        "Name,Company,Address,City,State,ZIP,Product,Value\n"
        "Jane Doe,Acme Corp,5 Elm St,Boston,MA,02134,CVS,50\n"
        "John Doe,,5 Elm St,Boston,MA,02134,CVS,50\n"
        "Ann Lee,Beta LLC,100 Market St,Boston,MA,02134,CVS,50\n"
        "Bob Ray,,100 Market St,Boston,MA,02134,CVS,50\n"
        "Bob Smith,Smith & Sons Hardware,12 Main St Suite 2,Boston,MA,02134,CVS,50\n"
        "Mary Smith,,12 Main St Suite 2,Boston,MA,02134,CVS,50\n"
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "the rows under it at the same street read it (rows 5, 7)." in said, said
    assert _sent() == [
        ("Ann Lee", "Beta LLC"),
        ("Bob Ray", "Beta LLC"),
        ("Bob Smith", "Smith & Sons Hardware"),
        ("Jane Doe", "Acme Corp"),
        ("John Doe", ""),
        ("Mary Smith", "Smith & Sons Hardware"),
    ]


def test_one_row_reading_the_company_down_is_said_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bob Ray alone under Beta LLC was said '(rows 5)'."""
    path = tmp_path / "contacts.csv"
    path.write_text(
        "Name,Company,Address,City,State,ZIP,Product,Value\n"
        "Ann Lee,Beta LLC,100 Market St,Boston,MA,02134,CVS,50\n"
        "Bob Ray,,100 Market St,Boston,MA,02134,CVS,50\n"
    )
    main(["validate", str(path), "--out", str(tmp_path / "v")])
    said = " ".join(capsys.readouterr().err.split())
    assert "the row under it at the same street reads it (row 3)." in said, said
