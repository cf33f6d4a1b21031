"""The row's Company goes on the parcel (found by newcomer9: the template's Company column, "Company name for
business addresses", was read, checked, shown in the results, and never sent; a card to an office without
it is often returned). The vendor's address has no company field, so it travels on address line 2, before
the row's own line 2, or inside line 1 for a vendor not known to keep line 2, and must fit there."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from intake_fixtures import sandbox_catalog
from support import SandboxVendor
from support.review import run, settings_in

from bulkship.load import load_sheet
from bulkship.validate import validate

ROWS = (
    "Name,Company,Address,Address 2,City,State,ZIP,Product,Value\n"
    "Maria Lopez,Acme Corp,12 Beacon St,Suite 400,Boston,MA,02134,CVS,25\n"
    "Jo Park,,3 Elm St,,Boston,MA,02134,CVS,25\n"
    "Al Lee,Beta LLC,Beta LLC,9 Oak St,Boston,MA,02134,CVS,25\n"  # line 1 names it already
    "Kim Ng,Gamma Inc,5 Oak St,,Boston,MA,02134,CVS,25\n"
)


def test_the_company_is_sent_on_address_line_2(tmp_path: Path) -> None:
    sheet = tmp_path / "office.csv"
    sheet.write_text(ROWS)
    vendor = SandboxVendor(tmp_path)
    run(vendor, settings_in(tmp_path), sheet)
    sent = [li["PhysicalDeliveryAddress"] for o in vendor.sandbox.orders() for li in o["LineItems"]]
    assert [(a["Name"], a["AddressLine1"], a.get("AddressLine2")) for a in sent] == [
        ("Maria Lopez", "12 Beacon St", "Acme Corp, Suite 400"),
        ("Jo Park", "3 Elm St", None),
        ("Al Lee", "Beta LLC", "9 Oak St"),
        ("Kim Ng", "5 Oak St", "Gamma Inc"),
    ]
    vendor.close()


def test_a_company_that_does_not_fit_its_line_is_an_error_on_its_row(tmp_path: Path) -> None:
    sheet = tmp_path / "office.csv"
    long_company = "The Very Long Name Of A Company Incorporated In The State Of Delaware For Gifts"
    sheet.write_text(ROWS + f"Lee Wong,{long_company},77 Main Street,Floor 12,Boston,MA,02134,CVS,25\n")
    folding = dataclasses.replace(sandbox_catalog(), sends_address_line2=False)
    result = validate(load_sheet(sheet), folding)
    assert result.rows["status"].tolist() == ["valid"] * 4 + ["invalid"]
    said = {p.row: p.message for p in result.problems}
    assert "sent inside line 1 as '12 Beacon St, Acme Corp, Suite 400'" in said[2]
    assert "sent inside line 1 as '5 Oak St, Gamma Inc'" in said[5]
    assert "exceed 100 characters" in said[6]
    keeping = validate(load_sheet(sheet), sandbox_catalog())  # a vendor keeping line 2: it fits there
    assert keeping.rows["status"].tolist() == ["valid"] * 5
    sheet.write_text(
        ROWS + f"Lee Wong,{long_company},77 Main Street,Floor 12 and the mail room,Boston,MA,02134,CVS,25\n"
    )
    keeping = validate(load_sheet(sheet), sandbox_catalog())
    assert keeping.rows["status"].tolist()[-1] == "invalid"
    assert "the Company is sent on address line 2" in {p.row: p.message for p in keeping.problems}[6]
