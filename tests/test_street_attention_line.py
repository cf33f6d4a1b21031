"""A street cell whose first line is an attention line ('Attn: Accounts Payable' over the street, as a CRM's
'Mailing Street' keeps it): the street is sent as line 1, the attention line on line 2 (found by newcomer22,
N1: a Salesforce report's 'Attn:' and 'c/o' lines went out as line 1, the street on line 2 behind the
company, where a vendor's or carrier's address check reads line 1 as the delivery line)."""

# ruff: noqa: E501  (exact user-facing messages and sample data read best unwrapped)

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

CRM_REPORT = (
    "Account Name,First Name,Last Name,Mailing Street,Mailing City,Mailing State/Province,Mailing Zip/Postal Code,Gift Card,Gift Amount\n"
    'Cobalt Logistics,Noah,Reed,"Attn: Accounts Payable\n2200 Westlake Ave N, Ste 300",Seattle,WA,98109,Starbucks,25\n'
    'Blue Heron Software,James,Chen,"c/o Front Desk\n15 Mill Rd",Edison,NJ,08817,Starbucks,25\n'
    'Quarry Lane Bakery,Ava Lin,Ortiz,"Care of Jane Roe\nPO Box 119",Manchester,NH,03105,Starbucks,25\n'
    'Atlas Fabrication,Mia,Rossi,"1801 Market St\nAttn: Receiving",Philadelphia,PA,19103,Starbucks,25\n'
    'Harbor Pine,Leo,Park,"Attn: Dr. Kim\nSuite 400",Boston,MA,02108,Starbucks,25\n'
)


def test_an_attention_line_above_the_street_is_sent_on_line_2_with_the_street_on_line_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "client gifts.csv"
    path.write_text(CRM_REPORT)
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    sent = {
        li["PhysicalDeliveryAddress"]["Name"]: (
            li["PhysicalDeliveryAddress"]["AddressLine1"],
            li["PhysicalDeliveryAddress"].get("AddressLine2"),
        )
        for order in embedded_sandbox_orders(resolve_settings().data_dir)
        for li in order["LineItems"]
    }
    assert sent == {
        "Noah Reed": ("2200 Westlake Ave N, Ste 300", "Cobalt Logistics, Attn: Accounts Payable"),
        "James Chen": ("15 Mill Rd", "Blue Heron Software, c/o Front Desk"),
        "Ava Lin Ortiz": ("PO Box 119", "Quarry Lane Bakery, Care of Jane Roe"),
        # as before: the street first already; no street among its lines, nothing moved before it
        "Mia Rossi": ("1801 Market St", "Atlas Fabrication, Attn: Receiving"),
        "Leo Park": ("Attn: Dr. Kim", "Harbor Pine, Suite 400"),
    }


def test_validate_says_the_street_is_sent_as_line_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "client gifts.csv"
    path.write_text(CRM_REPORT)
    main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    notices = json.loads(capsys.readouterr().out)["notices"]
    assert (
        "Column 'Mailing Street' writes the street on more than one line on 5 row(s), Address Line 2 empty there: "
        "each later line is sent as line 2 (row 2: '2200 Westlake Ave N, Ste 300' as line 1, 'Attn: Accounts Payable' "
        "as line 2). Said here once, not as a warning on every row."
    ) in notices


def test_a_row_with_an_attention_line_above_the_street_keeps_the_fingerprint_it_had(tmp_path: Path) -> None:
    """The street sent first on line 1 changes no row's fingerprint: it reads the cell's lines joined as
    written, as it did when the attention line was sent on line 1, so a batch sent then is the same rows now
    (already ordered, never an edit held)."""
    from intake_fixtures import sandbox_catalog

    from bulkship.load import load_sheet
    from bulkship.validate import validate

    def fingerprint(street: str) -> list[str]:
        path = tmp_path / "report.csv"
        path.write_text(
            f'Name,Mailing Street,City,State,ZIP,Product,Value\nAnn Lee,"{street}",Seattle,WA,98109,CVS,25\n'
        )
        return validate(load_sheet(path), sandbox_catalog()).rows["fingerprint"].tolist()

    assert fingerprint("Attn: Accounts Payable\n2200 Westlake Ave N") == fingerprint(
        "Attn: Accounts Payable 2200 Westlake Ave N"
    )


def test_an_attention_line_before_the_street_on_one_line_is_sent_on_line_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same written on one line ('Attn: Accounts Payable, 2200 Westlake Ave N', as a CRM's single-line
    street field gets it typed) went whole on line 1. Split at the comma before the street where line 2 is
    empty, said on the row; a name with a comma of its own, or a line 2 filled already, leaves it whole.
    The row's fingerprint reads the cell as written, as before."""
    from intake_fixtures import sandbox_catalog

    from bulkship.load import load_sheet
    from bulkship.validate import addresslines, validate

    path = tmp_path / "contacts.csv"
    path.write_text(
        "Company,Name,Street,Street 2,City,State,ZIP,Product,Value\n"
        'Cobalt Logistics,Noah Reed,"Attn: Accounts Payable, 2200 Westlake Ave N",,Seattle,WA,98109,CVS,25\n'
        "Blue Heron,James Chen,c/o Front Desk; PO Box 119,,Edison,NJ,08817,CVS,25\n"
        'Atlas,Mia Rossi,"Attn: Bo Ray, Jr., 5 Elm St",,Boston,MA,02108,CVS,25\n'
        'Quarry,Ava Ortiz,"Attn: Receiving, 9 Oak St",Suite 4,Boston,MA,02108,CVS,25\n'
    )
    checked = validate(load_sheet(path), sandbox_catalog())
    assert checked.rows[["address1", "address2"]].values.tolist() == [
        ["2200 Westlake Ave N", "Attn: Accounts Payable"],
        ["PO Box 119", "c/o Front Desk"],
        ["Attn: Bo Ray, Jr., 5 Elm St", ""],
        ["Attn: Receiving, 9 Oak St", "Suite 4"],
    ]
    assert [p.message for p in checked.problems if p.row == 2] == [
        "Row 2, column 'Street': 'Attn: Accounts Payable, 2200 Westlake Ave N' opens with an attention line: the "
        "street is sent as line 1, '2200 Westlake Ave N', and the attention line as line 2, where the carrier "
        "looks for each."
    ]
    split = checked.rows["fingerprint"].tolist()
    monkeypatch.setattr(addresslines, "attention_first", lambda line1, line2: (line1, line2, line1.ne(line1)))
    assert validate(load_sheet(path), sandbox_catalog()).rows["fingerprint"].tolist() == split
    monkeypatch.undo()

    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    sent = {
        li["PhysicalDeliveryAddress"]["Name"]: li["PhysicalDeliveryAddress"]["AddressLine1"]
        for order in embedded_sandbox_orders(resolve_settings().data_dir)
        for li in order["LineItems"]
    }
    assert sent["Noah Reed"] == "2200 Westlake Ave N" and sent["James Chen"] == "PO Box 119"


def test_a_floor_between_the_attention_line_and_the_street_is_no_street(tmp_path: Path) -> None:
    """'Attn: Accounts Payable' over '3rd Floor' over '2200 Westlake Ave N': '3rd Floor' went as line 1 and
    the street behind the attention line on line 2 (found by review58 checking 2ae1b782). The street is line
    1; the attention line and the floor are line 2."""
    path = tmp_path / "clients.csv"
    path.write_text(
        "Name,Mailing Street,City,State,ZIP,Gift Card,Gift Amount\n"
        'Noah Reed,"Attn: Accounts Payable\n3rd Floor\n2200 Westlake Ave N",Seattle,WA,98109,Starbucks,25\n'
        'James Chen,"c/o Front Desk\n2nd Fl\n15 Mill Rd",Edison,NJ,08817,Starbucks,25\n'
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    sent = sorted(
        (a["AddressLine1"], a.get("AddressLine2"))
        for order in embedded_sandbox_orders(resolve_settings().data_dir)
        for a in (li["PhysicalDeliveryAddress"] for li in order["LineItems"])
    )
    assert sent == [
        ("15 Mill Rd", "c/o Front Desk 2nd Fl"),
        ("2200 Westlake Ave N", "Attn: Accounts Payable 3rd Floor"),
    ]


def test_a_suite_above_the_street_is_sent_on_line_2_with_the_street_on_line_1(tmp_path: Path) -> None:
    """A CRM's 'Mailing Street' 'Suite 208' over '111 Broadway' (Zoho and Salesforce keep a suite typed
    first) went as line 1 'Suite 208', line 2 'Acme, 111 Broadway' (newcomer23's N5: 15 of 146 contacts of a
    sales list; fixed by hunter-sheets33). The street is line 1, the suite line 2; a cell with no street
    below its unit, or a street that names a building, reads as before."""
    path = tmp_path / "contacts.csv"
    path.write_text(
        "Name,Account Name,Mailing Street,Mailing City,Mailing State,Mailing Zip,Gift Card,Gift Amount\n"
        'Ann Lee,Acme,"Suite 208\n111 Broadway",New York,NY,10006,Starbucks,25\n'
        'Bob Ray,,"Ste. 4B, Bldg 2\n15 Mill Rd",Edison,NJ,08817,Starbucks,25\n'
        'Cy Orr,,"3rd Floor\n2200 Westlake Ave N",Seattle,WA,98109,Starbucks,25\n'
        'Dee Park,,"#12\nPO Box 9",Boston,MA,02134,Starbucks,25\n'
        'Ed Wu,,"Suite 400\nAttn: Dr. Kim",Boston,MA,02108,Starbucks,25\n'
        'Fay Li,,"Building 5 Main St\nApt 2",Boston,MA,02108,Starbucks,25\n'
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    sent = {
        a["Name"]: (a["AddressLine1"], a.get("AddressLine2"))
        for order in embedded_sandbox_orders(resolve_settings().data_dir)
        for a in (li["PhysicalDeliveryAddress"] for li in order["LineItems"])
    }
    assert sent == {
        "Ann Lee": ("111 Broadway", "Acme, Suite 208"),
        "Bob Ray": ("15 Mill Rd", "Ste. 4B, Bldg 2"),
        "Cy Orr": ("2200 Westlake Ave N", "3rd Floor"),
        "Dee Park": ("PO Box 9", "#12"),
        "Ed Wu": ("Suite 400", "Attn: Dr. Kim"),
        "Fay Li": ("Building 5 Main St", "Apt 2"),
    }


def test_a_row_with_a_suite_above_the_street_keeps_the_fingerprint_it_had(tmp_path: Path) -> None:
    """The street sent first changes no row's fingerprint: it reads the cell's lines joined as written, as
    when the suite went as line 1, so a batch sent then finds the row already ordered (not an edit held)."""
    from intake_fixtures import sandbox_catalog

    from bulkship.load import load_sheet
    from bulkship.validate import validate

    def fingerprint(street: str) -> list[str]:
        path = tmp_path / "report.csv"
        path.write_text(
            f'Name,Mailing Street,City,State,ZIP,Product,Value\nAnn Lee,"{street}",New York,NY,10006,CVS,25\n'
        )
        return validate(load_sheet(path), sandbox_catalog()).rows["fingerprint"].tolist()

    assert fingerprint("Suite 208\n111 Broadway") == fingerprint("Suite 208 111 Broadway")
