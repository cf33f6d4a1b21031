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


def test_a_company_or_line_2_saying_there_is_none_is_not_printed_on_the_parcel(tmp_path: Path) -> None:
    """HR exports fill empty parts with "N/A" or "-": they were printed on the parcel ("N/A, N/A" on line 2).
    A line 2 nobody knows yet ("TBD") is an error: the parcel would go without its apartment."""
    sheet = tmp_path / "export.csv"
    sheet.write_text(
        "Name,Company,Address,Address 2,Address 3,City,State,ZIP,Product,Value\n"
        "Maria Lopez,N/A,12 Beacon St,N/A,n/a,Boston,MA,02134,CVS,25\n"
        "Jo Park,-,3 Elm St,--,,Boston,MA,02134,CVS,25\n"
        "Al Lee,none,9 Oak St,No apt,Floor 2,Boston,MA,02134,CVS,25\n"
        "Kim Ng,Acme Corp,5 Oak St,Apt 4,,Boston,MA,02134,CVS,25\n"
        "Lee Wong,,7 Elm St,TBD,,Boston,MA,02134,CVS,25\n"
    )
    vendor = SandboxVendor(tmp_path)
    run(vendor, settings_in(tmp_path), sheet)
    sent = [li["PhysicalDeliveryAddress"] for o in vendor.sandbox.orders() for li in o["LineItems"]]
    assert [(a["Name"], a["AddressLine1"], a.get("AddressLine2")) for a in sent] == [
        ("Maria Lopez", "12 Beacon St", None),
        ("Jo Park", "3 Elm St", None),
        ("Al Lee", "9 Oak St", "Floor 2"),
        ("Kim Ng", "5 Oak St", "Acme Corp, Apt 4"),
    ]
    vendor.close()
    result = validate(load_sheet(sheet), sandbox_catalog())
    said = {(p.row, p.column): p.message for p in result.problems}
    assert "'N/A' says there is none: no company printed on the parcel" in said[(2, "company")]
    assert "'--' says there is none" in said[(3, "address2")]
    assert result.rows["status"].tolist() == ["valid"] * 4 + ["invalid"]
    assert "'TBD' is a placeholder, not an apartment, suite or unit" in said[(6, "address2")]


def test_the_zeros_a_lookup_gives_for_empty_cells_are_never_printed_on_the_parcel(tmp_path: Path) -> None:
    """Found by hunter-sheets8: a list built with VLOOKUPs from an HR export holds 0 where the export's cell
    was empty (Excel's =VLOOKUP of a blank gives 0, kept as a value by Paste Values): Ann's card went to
    '0 Lee' (her Preferred Name 0 taken for a first name) with '0' on address line 2, and Cy's to '0 Orr' at
    street '0', a warning at most. A 0 there now says there is none: Ann's First and Last Name are sent, no
    line 2; a 0 for a street is an error."""
    import openpyxl

    sheet = tmp_path / "lookup.xlsx"
    book = openpyxl.Workbook()
    book.active.append(
        [
            "First Name",
            "Last Name",
            "Preferred Name",
            "Company",
            "Address",
            "Address 2",
            "City",
            "State",
            "ZIP",
            "Product",
            "Value",
        ]
    )
    book.active.append(["Ann", "Lee", 0, 0, "1 Main St", 0, "Boston", "MA", "02134", "CVS", 25])
    book.active.append(
        ["Bob", "Ray", "Bobby", "Acme", "2 Main St", "Apt 4", "Boston", "MA", "02134", "CVS", 25]
    )
    book.active.append(["Cy", "Orr", 0, 0, 0, 0, "Boston", "MA", "02134", "CVS", 25])
    book.save(sheet)
    vendor = SandboxVendor(tmp_path)
    run(vendor, settings_in(tmp_path), sheet)
    sent = [li["PhysicalDeliveryAddress"] for o in vendor.sandbox.orders() for li in o["LineItems"]]
    assert [(a["Name"], a["AddressLine1"], a.get("AddressLine2")) for a in sent] == [
        ("Ann Lee", "1 Main St", None),
        ("Bobby Ray", "2 Main St", "Acme, Apt 4"),
    ]
    vendor.close()
    result = validate(load_sheet(sheet), sandbox_catalog())
    said = {(p.row, p.column): p.message for p in result.problems}
    assert "'0' says there is none: no address line 2 printed on the parcel" in said[(2, "address2")]
    assert "'0' is a placeholder, not a street address" in said[(4, "address1")]


def test_what_a_pivot_table_shows_for_an_empty_item_is_never_printed_on_the_parcel(tmp_path: Path) -> None:
    """Found by hunter-sheets9: a list copied out of an Excel pivot table (tabular form, values pasted) holds
    '(blank)' wherever the source was empty: Ann's card went to '(blank) Lee' with '(blank)' on line 2, Cy's
    to the street '(blank)', and both people without an Employee ID were sent under one reference
    '(blank)', exit 0. '(blank)' (and '(empty)', '<NA>', a script's 'nan') now says there is none as 'N/A'
    does: no line 2 or company, a Preferred Name of none sends First and Last Name, a street of none is an
    error, and an Employee ID of none is no reference shared."""
    import openpyxl

    sheet = tmp_path / "pivot.xlsx"
    book = openpyxl.Workbook()
    header = ["Employee ID", "First Name", "Last Name", "Preferred Name", "Company", "Address", "Address 2"]
    book.active.append([*header, "City", "State", "ZIP", "Product", "Value"])
    place = ["Boston", "MA", "02134", "CVS", 25]
    book.active.append(["(blank)", "Ann", "Lee", "(blank)", "(blank)", "1 Main St", "(blank)", *place])
    book.active.append(["(blank)", "Robert", "Ray", "Bob", "nan", "2 Main St", "<NA>", *place])
    book.active.append(["E3", "Cy", "Orr", "(blank)", "(empty)", "(blank)", "(blank)", *place])
    book.active.append(["Grand Total", None, None, None, None, None, None, None, None, None, None, 75])
    book.save(sheet)
    vendor = SandboxVendor(tmp_path)
    run(vendor, settings_in(tmp_path), sheet)
    sent = [li["PhysicalDeliveryAddress"] for o in vendor.sandbox.orders() for li in o["LineItems"]]
    assert [(a["Name"], a["AddressLine1"], a.get("AddressLine2")) for a in sent] == [
        ("Ann Lee", "1 Main St", None),
        ("Bob Ray", "2 Main St", None),
    ]
    references = [li["ExternalId"] for o in vendor.sandbox.orders() for li in o["LineItems"]]
    assert "(blank)" not in references and len(set(references)) == 2
    vendor.close()
    said = {(p.row, p.column): p.message for p in validate(load_sheet(sheet), sandbox_catalog()).problems}
    assert "'(blank)' says there is none: no address line 2 printed on the parcel" in said[(2, "address2")]
    assert "'(blank)' is a placeholder, not a street address" in said[(4, "address1")]


def test_a_ditto_mark_for_the_row_above_is_never_printed_on_the_parcel(tmp_path: Path) -> None:
    """Found by hunter-sheets10: a list typed by hand says "the same as above" with a ditto mark. '"' or '〃'
    (as typed in Japan) as the Company, '〃' or a curly '”' (autocorrect's) on line 2 or as the city were
    printed on the parcel as written, exit 0. Each is now an error on its row (the ASCII '"' on line 2 and as
    the city already was); the other rows are sent."""
    import openpyxl

    sheet = tmp_path / "typed.xlsx"
    book = openpyxl.Workbook()
    header = ["Name", "Company", "Address", "Address 2", "City", "State", "ZIP", "Product", "Value"]
    book.active.append(header)
    place = ["MA", "02134", "CVS", 25]
    book.active.append(["Ann Lee", "Acme", "1 Main St", "Suite 100", "Boston", *place])
    book.active.append(["Bob Ray", '"', "2 Main St", None, "Boston", *place])
    book.active.append(["Cy Dunn", "〃", "3 Main St", None, "Boston", *place])
    book.active.append(["Di Fox", None, "4 Main St", "〃", "Boston", *place])
    book.active.append(["Ed Wu", None, "5 Main St", "”", "Boston", *place])
    book.active.append(["Fa Li", None, "6 Main St", "“ ”", "〃", *place])
    book.active.append(["Gu Yo", "Same", "7 Main St", None, "Boston", *place])
    book.active.append(["Hu Lo", "Acme", "8 Main St", None, "Boston", *place])
    book.save(sheet)
    vendor = SandboxVendor(tmp_path)
    run(vendor, settings_in(tmp_path), sheet)
    sent = [li["PhysicalDeliveryAddress"] for o in vendor.sandbox.orders() for li in o["LineItems"]]
    assert [a["Name"] for a in sent] == ["Ann Lee", "Hu Lo"], sent
    vendor.close()
    said = {(p.row, p.column): p.message for p in validate(load_sheet(sheet), sandbox_catalog()).problems}
    assert "'\"' says 'the same as above'" in said[(3, "company")], said
    assert "'〃' is a placeholder, not an apartment, suite or unit" in said[(5, "address2")], said
    assert "'〃' is a placeholder, not a city" in said[(7, "city")], said


def test_a_company_folded_into_line_1_is_said_in_the_company_column_where_line_2_is_empty(
    tmp_path: Path,
) -> None:
    """Found by newcomer7 (a sales team's client gift list: Company | Street | Suite, sent to a vendor not
    known to keep line 2): 'Row 5, column 'Suite': sent inside line 1 as '5 Oak St, Gamma Inc'', the row's
    Suite empty; the person looked for a suite that was never there. Such a row names its Company."""
    sheet = tmp_path / "office.csv"
    sheet.write_text(ROWS)
    folding = dataclasses.replace(sandbox_catalog(), sends_address_line2=False)
    said = {
        (p.row, p.column)
        for p in validate(load_sheet(sheet), folding).problems
        if "inside line 1" in p.message
    }
    assert said == {(2, "address2"), (4, "address2"), (5, "company")}, said
