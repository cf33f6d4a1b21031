"""HR-system exports load as they are (issue 9): Workday-, ADP-style headers, preferred names, "Last, First",
country names, and Employee IDs whose leading zeros are only a number format (real XLSX files)."""

# ruff: noqa: E501  (exact user-facing messages and sample data read best unwrapped)

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from intake_fixtures import sandbox_catalog

from bulkship.cli import main
from bulkship.columns.records import AmbiguousColumnsError
from bulkship.errors import BulkshipError, MissingColumnsError
from bulkship.load import load_sheet
from bulkship.program import ProgramSettings
from bulkship.sandbox import Sandbox, SandboxConfig
from bulkship.settings import resolve_settings
from bulkship.validate import validate

PROGRAM = '[defaults]\nproduct = "CVS"\nvalue = "50"\n'


def vendor_lines(data_dir: Path) -> list[dict]:
    sandbox = Sandbox(SandboxConfig(state_file=data_dir / "sandbox.sqlite", clock_speed=0))
    try:
        return [line for order in sandbox.orders() for line in order["LineItems"]]
    finally:
        sandbox.close()


def workday_export(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Workers"
    sheet.append([
        "Employee ID", "Worker", "Preferred Name", "Home Address Line 1", "Home Address Line 2", "Home City",
        "Home State/Province", "Home Postal Code", "Home Country", "Work Address Line 1", "Work City",
        "Work State/Province", "Work Postal Code", "Work Email", "Personal Email", "Hire Date",
    ])  # fmt: skip
    sheet.append([123, "Maria Lopez", "Mia Lopez", "12 Beacon Street", "Apt 4", "Boston", "Massachusetts", "02108",
                  "United States of America", "1 Corporate Way", "Cambridge", "MA", "02139", "m@work.example",
                  "mia@home.example", "2019-03-01"])  # fmt: skip
    sheet.append([124, "John Smith", "", "5 Elm St", "", "Worcester", "MA", "01608", "USA",
                  "1 Corporate Way", "Cambridge", "MA", "02139", "j@work.example", "", "2020-06-15"])  # fmt: skip
    for row in (2, 3):
        sheet.cell(row, 1).number_format = "000000"  # shown as 000123 in Excel
        sheet.cell(row, 8).number_format = "@"
    book.save(path)
    (path.parent / "workday.bulkship.toml").write_text(PROGRAM)  # HR exports have no product or value
    return path


def test_a_workday_export_orders_home_addresses_preferred_names_and_zero_padded_ids(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workday_export(tmp_path / "workday.xlsx")
    code = main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    data = json.loads(captured.out)
    used = {c["header"]: c["field"] for c in data["columns"] if c["status"] == "used"}
    assert used == {
        "Employee ID": "external_id", "Worker": "name", "Preferred Name": "name",
        "Home Address Line 1": "address1", "Home Address Line 2": "address2", "Home City": "city",
        "Home State/Province": "state", "Home Postal Code": "zip", "Home Country": "country",
        "Personal Email": "email",
    }  # fmt: skip
    notes = {c["header"]: c.get("note") for c in data["columns"] if c["status"] == "unused"}
    assert notes == {
        "Work Address Line 1": "another address is used (the home address)",
        "Work City": "another address is used (the home address)",
        "Work State/Province": "another address is used (the home address)",
        "Work Postal Code": "another address is used (the home address)",
        "Work Email": "'Personal Email' (O) is used for Email",
        "Hire Date": None,
    }
    code = main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")])
    assert code == 0, capsys.readouterr().err
    lines = vendor_lines(isolated_data_dir)
    assert [(ln["ExternalId"], ln["PhysicalDeliveryAddress"]) for ln in lines] == [
        ("000123", {"ShippingMethodId": "STANDARD", "CarrierId": "DEFAULT", "Name": "Mia Lopez",
                    "AddressLine1": "12 Beacon Street", "AddressLine2": "Apt 4", "City": "Boston", "State": "MA",
                    "Zip": "02108", "Country": "US"}),
        ("000124", {"ShippingMethodId": "STANDARD", "CarrierId": "DEFAULT", "Name": "John Smith",
                    "AddressLine1": "5 Elm St", "City": "Worcester", "State": "MA", "Zip": "01608", "Country": "US"}),
    ]  # fmt: skip


def test_an_adp_export_with_legal_and_preferred_first_names_and_primary_address_loads(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([
        "Associate ID", "Legal First Name", "Legal Last Name", "Preferred First Name",
        "Primary Address: Address Line 1", "Primary Address: Address Line 2", "Primary Address: City",
        "Primary Address: State / Territory Code", "Primary Address: Zip / Postal Code",
        "Primary Address: Country Code", "Position Status",
    ])  # fmt: skip
    sheet.append(["A00042", "Robert", "Ray", "Bob", "2 Elm St", "", "Boston", "MA", "02134", "US", "Active"])
    sheet.append(
        ["A00043", "Ann", "Lee", "", "1 Main St", "Suite 5", "Boston", "MA", "02134", "US", "Active"]
    )
    book.save(tmp_path / "adp.xlsx")
    loaded = load_sheet(tmp_path / "adp.xlsx")
    assert loaded.column_map == {
        "Associate ID": "external_id", "Legal First Name": "first_name", "Legal Last Name": "last_name",
        "Primary Address: Address Line 1": "address1", "Primary Address: Address Line 2": "address2",
        "Primary Address: City": "city", "Primary Address: State / Territory Code": "state",
        "Primary Address: Zip / Postal Code": "zip", "Primary Address: Country Code": "country",
    }  # fmt: skip
    assert loaded.preferred == {"first_name": "Preferred First Name"}
    program = ProgramSettings(defaults={"product": "CVS", "value": "50"})
    result = validate(loaded, sandbox_catalog(), program=program)
    assert result.rows["name"].tolist() == ["Bob Ray", "Ann Lee"]
    assert result.rows["status"].tolist() == ["valid", "valid"]


def test_a_shopify_customer_export_is_read_by_its_default_address(tmp_path: Path) -> None:
    """A marketing team's direct mail from Shopify's customer export: 'Default Address City', 'Default Address
    Province Code'... were no column bulkship knew, and the file was refused as lacking street, city, state
    and ZIP. A customer's note 'do not contact' leaves the row out, as 'do not mail' does."""
    path = tmp_path / "customers_export.csv"
    path.write_text(
        "First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,"
        "Default Address Address2,Default Address City,Default Address Province Code,"
        "Default Address Country Code,Default Address Zip,Default Address Phone,Total Spent,Note,Tags\n"
        "Maria,Lopez,maria@example.com,yes,,12 Beacon St,Apt 2,Boston,MA,US,'02108,,1250.50,,VIP\n"
        "John,Smith,john@example.com,no,Acme Inc,100 Main St,,Springfield,IL,US,'62701,,310.00,,\n"
        "Ana,Rivera,ana@example.com,yes,,1 Calle Sol,,San Juan,PR,US,'00901,,99.99,do not contact,\n"
    )
    loaded = load_sheet(path)
    assert {field: header for header, field in loaded.column_map.items()} == {
        "first_name": "First Name", "last_name": "Last Name", "email": "Email",
        "company": "Default Address Company", "address1": "Default Address Address1",
        "address2": "Default Address Address2", "city": "Default Address City",
        "state": "Default Address Province Code", "country": "Default Address Country Code",
        "zip": "Default Address Zip", "phone": "Default Address Phone",
    }  # fmt: skip
    program = ProgramSettings(defaults={"product": "CVS", "value": "25"})
    result = validate(loaded, sandbox_catalog(), program=program)
    assert result.rows["status"].tolist() == ["valid", "valid", "skipped"]
    assert result.rows["zip"].tolist()[:2] == ["02108", "62701"]
    # "default" qualifies an address only: a 'Default Amount' is no card's value
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Default Amount\nAl Lee,1 Elm St,Boston,MA,02134,CVS,25\n"
    )
    assert "Default Amount" not in load_sheet(path).column_map


def test_a_hubspot_contact_export_is_read(tmp_path: Path) -> None:
    """HubSpot's contact export heads the state 'State/Region' beside 'Country/Region': the file was refused
    as lacking a State column."""
    path = tmp_path / "hubspot.csv"
    path.write_text(
        "Record ID,First Name,Last Name,Email,Street Address,City,State/Region,Postal Code,Country/Region\n"
        "101,Maria,Lopez,maria@example.com,12 Beacon St,Boston,Massachusetts,02108,United States\n"
    )
    loaded = load_sheet(path)
    assert loaded.column_map["State/Region"] == "state"
    result = validate(
        loaded, sandbox_catalog(), program=ProgramSettings(defaults={"product": "CVS", "value": "25"})
    )
    assert (result.rows["state"].tolist(), result.rows["status"].tolist()) == (["MA"], ["valid"])


@pytest.mark.parametrize(
    ("header", "row", "sent"),
    [
        (  # Microsoft Dynamics 365
            "Full Name,Address 1: Street 1,Address 1: Street 2,Address 1: City,Address 1: State/Province,"
            "Address 1: ZIP/Postal Code,Address 1: Country/Region,Address 2: City",
            "Maria Lopez,12 Beacon St,Suite 4,Boston,MA,02108,United States,Cambridge",
            ("12 Beacon St", "Suite 4", "Boston", "MA", "02108", "US"),
        ),
        (  # Google Contacts
            "First Name,Last Name,Address 1 - Type,Address 1 - Street,Address 1 - Extended Address,"
            "Address 1 - City,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - PO Box",
            "Maria,Lopez,Home,12 Beacon St,Apt 2,Boston,MA,02108,US,",
            ("12 Beacon St", "Apt 2", "Boston", "MA", "02108", "US"),
        ),
        (  # Constant Contact
            "First name,Last name,Street address line 1 - Home,Street address line 2 - Home,City - Home,"
            "State/Province - Home,Zip/Postal code - Home,Country - Home",
            "Maria,Lopez,12 Beacon St,Apt 2,Boston,MA,02108,United States",
            ("12 Beacon St", "Apt 2", "Boston", "MA", "02108", "US"),
        ),
    ],
)
def test_a_contact_export_is_read_by_its_first_address(
    tmp_path: Path, header: str, row: str, sent: tuple[str, ...]
) -> None:
    """CRM and address-book exports number their address groups ("Address 1: City", "Address 1 - Region"):
    none was read, and the file was refused as lacking street, city, state and ZIP. The first is sent."""
    path = tmp_path / "contacts.csv"
    path.write_text(f"{header}\n{row}\n")
    program = ProgramSettings(defaults={"product": "CVS", "value": "25"})
    result = validate(load_sheet(path), sandbox_catalog(), program=program)
    fields = ["address1", "address2", "city", "state", "zip", "country"]
    assert tuple(result.rows[fields].iloc[0]) == sent
    assert result.rows["status"].tolist() == ["valid"]


def test_an_address_group_empty_on_every_row_gives_way_to_the_filled_one(tmp_path: Path) -> None:
    """An event export's "Shipping Address 1" ... left empty beside the filled "Home Address 1": the shipping
    group won by its name and every row was refused ("Shipping Address 1 is empty"). A shipping group filled
    on one row still wins, and the rows it leaves empty stay errors to fix."""
    header = (
        "First Name,Last Name,Home Address 1,Home City,Home State,Home Zip,"
        "Shipping Address 1,Shipping City,Shipping State,Shipping Zip\n"
    )
    path = tmp_path / "attendees.csv"
    path.write_text(
        header + "Maria,Lopez,12 Beacon St,Boston,MA,02108,,,,\nJo,Park,3 Elm St,Salem,MA,01970,,,,\n"
    )
    program = ProgramSettings(defaults={"product": "CVS", "value": "25"})
    loaded = load_sheet(path)
    assert loaded.column_map["Home Address 1"] == "address1"
    assert any("'Shipping City' (H) is not used: it is empty on every row" in n for n in loaded.notices)
    result = validate(loaded, sandbox_catalog(), program=program)
    assert result.rows["status"].tolist() == ["valid", "valid"]
    assert result.rows["city"].tolist() == ["Boston", "Salem"]
    path.write_text(
        header
        + "Maria,Lopez,12 Beacon St,Boston,MA,02108,,,,\nJo,Park,3 Elm St,Salem,MA,01970,9 Oak St,Lynn,MA,01901\n"
    )
    result = validate(load_sheet(path), sandbox_catalog(), program=program)
    assert result.rows["status"].tolist() == ["valid", "valid"]  # the empty row goes home (next test)
    assert result.rows["city"].tolist() == ["Boston", "Lynn"]


def test_a_shipping_address_filled_only_where_it_differs_sends_the_other_rows_home(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Shipping Address'... filled only for the person whose card goes elsewhere: the shipping group won by
    its name and every other row was refused as having no street (found by hunter-sheets2, the known limit
    of 1d402a5). A row whose shipping address is empty in every column goes to its home address, said on
    the row; one filled in part is an error as before; a home group beside a work one is no such pair."""
    header = (
        "Employee ID,First Name,Last Name,Home Address,Home City,Home State,Home Zip,"
        "Shipping Address,Shipping City,Shipping State,Shipping Zip,Product,Amount\n"
    )
    path = tmp_path / "ship.csv"
    path.write_text(
        header + "E1,Ann,Lee,12 Beacon St,Boston,MA,02108,,,,,CVS,25\n"
        "E2,Bob,Ray,5 Main St,Salem,MA,01970,1 Work Plaza,Boston,MA,02110,CVS,25\n"
        "E3,Cy,Ng,9 Elm St,Salem,MA,1970,,,,,CVS,25\n"
        "E4,Di,Ow,,,,,,,,,CVS,25\n"
        "E5,Ed,Fox,3 Elm St,Salem,MA,01970,,Lynn,,,CVS,25\n"
    )
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["valid"], data["invalid"]) == (3, 2)
    home = "is empty, as is the rest of its address: the card goes to the address in 'Home Address', 'Home City', 'Home State', 'Home Zip'."
    assert [(p["row"], p["severity"], p["message"]) for p in data["problems"] if p["row"] in (2, 4, 5)] == [
        (2, "warning", f"Row 2, column 'Shipping Address': {home}"),
        (4, "warning", f"Row 4, column 'Shipping Address': {home}"),
        (
            4,
            "warning",
            "Row 4, column 'Home Zip': ZIP 1970 repaired to 01970 (state MA); Excel had dropped its leading zero. Format the column as Text to keep it.",
        ),
        (5, "error", "Row 5, column 'Shipping Address': is empty; fill in the street address."),
        (
            5,
            "error",
            "Row 5, column 'Shipping City': is empty; fill in the city (APO, FPO or DPO for military mail).",
        ),
        (5, "error", "Row 5, column 'Shipping State': is empty; fill in the 2-letter state code, e.g. MA."),
        (5, "error", "Row 5, column 'Shipping Zip': is empty; fill in the 5-digit ZIP code."),
    ]
    assert next(p["message"] for p in data["problems"] if p["row"] == 6) == (
        "Row 6, column 'Shipping Address': is empty; fill in the street address."
    )
    notes = {c["header"]: c.get("note") for c in data["columns"]}
    assert notes["Home City"] == "the home address: used on the rows where the shipping address is empty"
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    sent = sorted(
        (a["Name"], a["AddressLine1"], a["City"], a["Zip"])
        for a in (li["PhysicalDeliveryAddress"] for li in vendor_lines(isolated_data_dir))
    )
    assert sent == [
        ("Ann Lee", "12 Beacon St", "Boston", "02108"),
        ("Bob Ray", "1 Work Plaza", "Boston", "02110"),
        ("Cy Ng", "9 Elm St", "Salem", "01970"),
    ]
    # a lone 'Delivery Address' beside the list's own address columns: its empty rows take 'Address'
    path = tmp_path / "delivery.csv"
    path.write_text(
        "First Name,Last Name,Address,City,State,Zip,Delivery Address,Product,Amount\n"
        "Ann,Lee,12 Beacon St,Boston,MA,02108,,CVS,25\nBob,Ray,5 Main St,Salem,MA,01970,9 Oak St,CVS,25\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["address1"].tolist() == ["12 Beacon St", "9 Oak St"]
    # home chosen over work: an empty home address is no sign the work one is meant
    path = tmp_path / "work.csv"
    path.write_text(
        "First Name,Last Name,Home Address,Home City,Home State,Home Zip,Work Address,Work City,Work State,"
        "Work Zip,Product,Amount\nAnn,Lee,,,,,1 Corporate Way,Cambridge,MA,02139,CVS,25\n"
        "Bob,Ray,5 Main St,Salem,MA,01970,1 Corporate Way,Cambridge,MA,02139,CVS,25\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["status"].tolist() == ["invalid", "valid"]


@pytest.mark.parametrize(
    "header",
    [
        "Ship To Name,Ship To Address,Ship To Address 2,Ship To City,Ship To State,Ship To Zip",
        "Recipient Name,Recipient Address,Recipient Address 2,Recipient City,Recipient State,Recipient Zip Code",
        "Name,Delivery Address,Unit/Suite,City,State Abbrev.,Postal Code (ZIP)",
    ],
)
def test_an_address_headed_by_whose_it_is_is_the_street(tmp_path: Path, header: str) -> None:
    """'Ship To Address' and 'Recipient Address' were read as a second name column ('Ship To', 'Recipient'
    and a filler word) and the list refused as naming two names; 'Delivery Address' as the shipping method."""
    path = tmp_path / "gifts.csv"
    path.write_text(f"{header},Product,Value\nMaria Lopez,12 Beacon St,Apt 2,Boston,MA,02108,CVS,25\n")
    result = validate(load_sheet(path), sandbox_catalog())
    fields = ["name", "address1", "address2", "city", "state", "zip"]
    assert tuple(result.rows[fields].iloc[0]) == (
        "Maria Lopez",
        "12 Beacon St",
        "Apt 2",
        "Boston",
        "MA",
        "02108",
    )
    assert result.rows["status"].tolist() == ["valid"]


def test_whole_addresses_in_one_cell_are_split_where_they_read_for_sure(tmp_path: Path) -> None:
    """A mailing-list export (Mailchimp) writes the whole address in one 'Address' cell: the refusal listed
    City, State and ZIP as missing and told the person to rename headers; then (newcomer8) it said to split
    the column, refusing the list whole. Each cell is now split where it reads for sure (found by the lead,
    fixed by hunter-sheets25): the street, then after a comma or on a line of its own the city and the
    state's two letters and ZIP, a form's address box keeping its lines; a cell read otherwise ('Boston MA'
    after the street with no comma: where does the street end?) is an error on its row, never guessed."""
    path = tmp_path / "audience.csv"
    path.write_text(
        "Email Address,First Name,Last Name,Address\n"
        'maria@example.com,Maria,Lopez,"12 Beacon St  Boston MA 02108 US"\n'
        'jo@example.com,Jo,Park,"3 Elm St Apt 2, Salem, MA 01970"\n'
        'cy@example.com,Cy,Fox,"7 Pine Rd\nAustin TX 78701"\n'
        'di@example.com,Di,Lu,"9 Oak Ave\nSuite 200\nSan Jose, CA 95112-1234"\n'
    )
    program = ProgramSettings(defaults={"product": "CVS", "value": "25"})
    result = validate(load_sheet(path), sandbox_catalog(), program=program)
    fields = ["address1", "address2", "city", "state", "zip", "status"]
    assert result.rows[fields].values.tolist() == [
        ["12 Beacon St Boston MA 02108 US", "", "", "", "", "invalid"],
        ["3 Elm St Apt 2", "", "Salem", "MA", "01970", "valid"],
        ["7 Pine Rd", "", "Austin", "TX", "78701", "valid"],
        ["9 Oak Ave", "Suite 200", "San Jose", "CA", "95112-1234", "valid"],
    ]
    said = [p.message for p in result.problems if p.row == 2 and p.column == "address1"]
    assert said[0] == (
        "Row 2, column 'Address': holds an address bulkship cannot split for sure into street, city, state and "
        "ZIP (there are no City, State and ZIP columns): write it as '12 Oak Ave, Apt 3, Boston, MA 02134' "
        "(the street, then after a comma or on a line of its own the city, the state's two letters and the "
        "ZIP), or split the column into Street, City, State and ZIP columns."
    )
    assert (
        "Row 5, column 'Address': holds the whole address: read as street '9 Oak Ave', line 2 'Suite 200', "
        "city 'San Jose', state CA, ZIP 95112-1234."
    ) in [p.message for p in result.problems]
    # most of them written a way bulkship does not read for sure (the street and the city apart by a space
    # alone): refused whole, saying to split the column, as before. (Mailchimp's own parts apart by two
    # spaces, '12 Beacon St  Boston  MA  02108  US', read since: test_mailchimp_export.py, newcomer24)
    path.write_text(
        "Email Address,First Name,Last Name,Address\n"
        'maria@example.com,Maria,Lopez,"12 Beacon St Boston MA 02108 US"\n'
        'jo@example.com,Jo,Park,"3 Elm St Apt 2 Salem MA 01970 US"\n'
    )
    with pytest.raises(MissingColumnsError) as refused:
        validate(load_sheet(path), sandbox_catalog(), program=ProgramSettings(defaults={"product": "CVS"}))
    assert "Column 'Address' holds whole addresses" in refused.value.message
    assert (refused.value.hint or "").startswith("split 'Address' into Street, City, State and ZIP columns")
    assert "Ctrl+J" not in (refused.value.hint or ""), "most of its addresses are on one line"


def test_a_whole_address_whose_city_or_street_is_a_unit_is_never_split_so(tmp_path: Path) -> None:
    """Found by review41 reviewing e948da20: a form's address with its city left out, '12 Oak Ave, Apt B, MA
    02134' (or 'Building B'), was read as city 'Apt B', the apartment gone from the parcel, and one with no
    street, 'Apt 4, Boston, MA 02134', as street 'Apt 4': each row valid, the card ordered, a warning only (as
    every split row has). A unit (Apt, Unit, Suite, Building, Floor, Room, #...) is never the city nor, alone,
    the street: not read for sure, an error on its row. A city spelt like one ('Ste. Genevieve') is a city."""
    path = tmp_path / "form.csv"
    path.write_text(
        'Timestamp,Full name,"Mailing address (street, city, state, ZIP)"\n'
        '12/1/2026,Ann Lee,"12 Oak Ave, Apt B, MA 02134"\n'
        '12/1/2026,Bo Ray,"12 Oak Ave, Building B, MA 02134"\n'
        '12/1/2026,Cy Orr,"Apt 4, Boston, MA 02134"\n'
        '12/1/2026,Di Lu,"# 5, Salem, MA 01970"\n'
        '12/1/2026,Ed Fox,"Suite 200, Austin, TX 78701"\n'
        '12/1/2026,Flo Ng,"3 Main St, Ste. Genevieve, MO 63670"\n'
        '12/1/2026,Gus Li,"Unit 5, 7 Pine Rd, Austin, TX 78701"\n'
        '12/1/2026,Hal Wu,"9 Elm St, Apt 2, Salem, MA 01970"\n'
        + "".join(f'12/1/2026,Person {i},"{i} Oak Ave, Boston, MA 02134"\n' for i in range(10, 13))
    )
    program = ProgramSettings(defaults={"product": "CVS", "value": "25"})
    result = validate(load_sheet(path), sandbox_catalog(), program=program)
    fields = ["address1", "address2", "city", "state", "zip", "status"]
    rows = result.rows[fields].values.tolist()
    assert [row[-1] for row in rows[:5]] == ["invalid"] * 5, rows
    for row in range(2, 7):
        said = [p.message for p in result.problems if p.row == row and p.column == "address1"]
        assert any("cannot split for sure" in m for m in said), (row, said)
    assert rows[5:8] == [
        ["3 Main St", "", "Ste. Genevieve", "MO", "63670", "valid"],
        ["7 Pine Rd", "Unit 5", "Austin", "TX", "78701", "valid"],
        ["9 Elm St", "Apt 2", "Salem", "MA", "01970", "valid"],
    ]
    assert [row[-1] for row in rows[8:]] == ["valid"] * 3


def test_a_workday_home_address_ending_in_united_states_of_america_is_read_as_its_parts(
    tmp_path: Path,
) -> None:
    """Found by newcomer8: a Workday service-awards report keeps 'Primary Home Address' in one cell of three
    lines, the last "United States of America"; refused as lacking City, State and ZIP Code with "rename the
    headers", then said to hold whole addresses to split. Its lines read for sure now (hunter-sheets25):
    street, then 'City, ST ZIP', the country left off."""
    path = tmp_path / "awards.csv"
    path.write_text(
        "Employee ID,Worker,Primary Home Address,Award Amount\n"
        '21001,Emeka Okafor,"12 Beacon St\nBoston, MA 02108\nUnited States of America",100\n'
        '21002,Linh Nguyen,"45 Elm Street, Apt 3\nCambridge, MA 02139\nUnited States of America",25\n'
        '21003,Jose Garcia,"9 Harbor Rd\nNewark, NJ 07102\nU.S.A.",250\n'
    )
    result = validate(
        load_sheet(path), sandbox_catalog(), program=ProgramSettings(defaults={"product": "CVS"})
    )
    fields = ["name", "address1", "address2", "city", "state", "zip", "country", "status"]
    assert result.rows[fields].values.tolist() == [
        ["Emeka Okafor", "12 Beacon St", "", "Boston", "MA", "02108", "US", "valid"],
        ["Linh Nguyen", "45 Elm Street", "Apt 3", "Cambridge", "MA", "02139", "US", "valid"],
        ["Jose Garcia", "9 Harbor Rd", "", "Newark", "NJ", "07102", "US", "invalid"],
    ]  # (250 is no CVS card's value: an error of its own)
    assert {p.column for p in result.problems if p.severity == "error"} == {"value"}


def test_a_list_of_long_address_cells_and_no_city_is_refused_at_once(tmp_path: Path) -> None:
    """Found by review26: the look for whole addresses in one cell took time growing with the square of a
    cell's length; 200 address cells of 32,000 digits (a pasted blob, a hostile upload) and no City, State or
    ZIP column kept `validate` (and the web page's check) busy for hours before the refusal."""
    path = tmp_path / "blob.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "Product", "Value"])
        writer.writerows([f"Person {i}", "1" * 32_000, "CVS", "50"] for i in range(200))
    with pytest.raises(MissingColumnsError) as refused:
        validate(load_sheet(path), sandbox_catalog())
    assert refused.value.message.startswith("blob.csv lacks required column(s): City, State, ZIP Code")
    assert "holds whole addresses" not in refused.value.message


def test_a_template_s_instructions_in_brackets_are_no_part_of_its_headers(tmp_path: Path) -> None:
    """A request form's headers carry instructions ("Gift Card (choose one)", "Amount ($25-$100)", "Qty
    (default 1)"): none was read, and the form was refused as lacking a product and an amount. A bracket
    saying the column is something else ("Amount (EUR)", "Name (if different)") still leaves it unread."""
    book = openpyxl.Workbook()
    book.active.append(
        ["Employee\nName:", "Street\nAddress:", "City:", "State\n[2 letters]", "Zip\n(5 digits)",
         "Gift Card\n(choose one)", "Amount\n($25-$100)", "Qty\n(default 1)", "Name (if different)"]
    )  # fmt: skip
    book.active.append(["Maria Lopez", "12 Beacon St", "Boston", "MA", "02108", "CVS", 25, None, "Mia"])
    book.active.append(["Jo Park", "3 Elm St", "Salem", "MA", "01970", "TARGET", 50, 2, None])
    book.save(tmp_path / "form.xlsx")
    loaded = load_sheet(tmp_path / "form.xlsx")
    assert sorted(loaded.column_map.values()) == [
        "address1", "city", "name", "product", "quantity", "state", "value", "zip"
    ]  # fmt: skip
    result = validate(loaded, sandbox_catalog())
    assert result.rows[["name", "product", "value", "quantity"]].values.tolist() == [
        ["Maria Lopez", "CVS", "25", "1"],
        ["Jo Park", "TARGET", "50", "2"],
    ]
    assert result.rows["status"].tolist() == ["valid", "valid"]


def test_a_form_s_own_instructions_in_brackets_are_no_part_of_its_headers(tmp_path: Path) -> None:
    """Found by hunter-sheets20: a Google Form's questions carry the form's own instructions, 'Full name (as it
    should appear on the envelope)', 'Street address (no PO boxes please)', 'Apt (please include unit #)',
    'ZIP (US only)': the list was refused as lacking its name and street, told only to rename headers; a
    'Mailing address (for your gift card)' holding whole addresses was said to look like Product. Each is
    read as its field, and the whole address split into its parts; 'Name (if different)' stays unread."""
    path = tmp_path / "responses.csv"
    path.write_text(
        "Timestamp,Full name (as it should appear on the envelope),Street address (no PO boxes please),"
        "Apt (please include unit #),City,State,ZIP (US only),Which gift card would you like?,Amount,"
        "Name (if different)\n"
        "11/1/2026 10:00:00,Maria Lopez,12 Beacon St,Apt 4,Boston,MA,02108,CVS,25,Mia\n"
    )
    loaded = load_sheet(path)
    assert sorted(loaded.column_map.values()) == [
        "address1", "address2", "city", "name", "product", "state", "value", "zip"
    ]  # fmt: skip
    result = validate(loaded, sandbox_catalog())
    assert result.rows[["name", "address1", "address2"]].values.tolist() == [
        ["Maria Lopez", "12 Beacon St", "Apt 4"]
    ]
    assert result.rows["status"].tolist() == ["valid"]
    whole = tmp_path / "whole.csv"
    whole.write_text(
        "Timestamp,Full name,Mailing address (for your gift card),Which gift card would you like?,Amount\n"
        '11/1/2026 10:00:00,Maria Lopez,"12 Beacon St, Boston, MA 02108",CVS,25\n'
    )
    # (refused as holding whole addresses until hunter-sheets25: now read as its parts, the lead's finding)
    result = validate(load_sheet(whole), sandbox_catalog())
    assert result.rows[["address1", "city", "state", "zip", "status"]].values.tolist() == [
        ["12 Beacon St", "Boston", "MA", "02108", "valid"]
    ]


def test_a_form_s_questions_are_read_as_their_fields(tmp_path: Path) -> None:
    """A Google Forms export heads each column with its question ("What is your name?", "Q2: Street
    address", "Your ZIP code"): none was read and the file was refused as lacking every column."""
    path = tmp_path / "responses.csv"
    path.write_text(
        "Timestamp,Email Address,What is your name?,Q2: Street address,3) City,Your state,Please enter your ZIP "
        "code,Which gift card would you like?\n"
        "11/1/2026 10:00:00,maria@example.com,Maria Lopez,12 Beacon St,Boston,MA,02108,CVS\n"
    )
    loaded = load_sheet(path)
    assert sorted(loaded.column_map.values()) == [
        "address1",
        "city",
        "email",
        "name",
        "product",
        "state",
        "zip",
    ]
    result = validate(
        loaded, sandbox_catalog(), program=ProgramSettings(defaults={"product": "CVS", "value": "25"})
    )
    assert result.rows["status"].tolist() == ["valid"]


def test_a_salesforce_contact_report_s_account_name_goes_on_the_parcel(tmp_path: Path) -> None:
    """Found by newcomer6 (marketing's direct mail to executives from a Salesforce contacts report): 'Account
    Name', the contact's company, was 'not used', and each card went to an office building's street without
    it. It is the company, sent on line 2 as a 'Company' column is."""
    path = tmp_path / "report.csv"
    path.write_text(
        "First Name,Last Name,Title,Account Name,Mailing Street,Mailing City,Mailing State/Province,"
        "Mailing Zip/Postal Code,Mailing Country\n"
        "Zoë,Müller,Director of IT,Harbor Health,45 Pearl St,Portland,ME,04101,USA\n"
    )
    loaded = load_sheet(path)
    assert loaded.column_map["Account Name"] == "company"
    program = ProgramSettings(defaults={"product": "CVS", "value": "25"})
    result = validate(loaded, sandbox_catalog(), program=program)
    assert result.rows[["name", "company", "address1"]].values.tolist() == [
        ["Zoë Müller", "Harbor Health", "45 Pearl St"]
    ]
    assert result.rows["status"].tolist() == ["valid"]


def test_a_crm_export_under_its_api_field_names_is_read(tmp_path: Path) -> None:
    """Salesforce's Data Loader writes its field names as they are ('MailingStreet', 'MailingPostalCode'):
    none was read and the file was refused as lacking street, city, state and ZIP. 'DoNotMail' = true leaves
    its row out."""
    path = tmp_path / "contacts.csv"
    path.write_text(
        "Id,FirstName,LastName,MailingStreet,MailingCity,MailingState,MailingPostalCode,MailingCountry,DoNotMail\n"
        "0031,Maria,Lopez,12 Beacon St,Boston,MA,02108,United States,false\n"
        "0032,Jo,Park,3 Elm St,Salem,MA,01970,United States,true\n"
    )
    loaded = load_sheet(path)
    assert {loaded.column_map[h] for h in ("MailingStreet", "MailingCity", "MailingState", "MailingPostalCode")} == {
        "address1", "city", "state", "zip"
    }  # fmt: skip
    result = validate(
        loaded, sandbox_catalog(), program=ProgramSettings(defaults={"product": "CVS", "value": "25"})
    )
    assert result.rows["status"].tolist() == ["valid", "skipped"]


def test_an_old_payroll_system_s_abbreviated_headers_are_read(tmp_path: Path) -> None:
    """A payroll report's headers abbreviated ('MAIL ADDR 1', 'MAIL CITY', 'MAIL ST', 'ZIP CD', 'GIFT AMT'):
    none was read. Beside a program's default amount, 'GIFT AMT' of 100 and 50 was left out and every card
    went at the default 25."""
    path = tmp_path / "payroll.csv"
    path.write_text(
        "EMP NAME,MAIL ADDR 1,MAIL CITY,MAIL ST,ZIP CD,GIFT AMT\n"
        "Maria Lopez,12 Beacon St,Boston,MA,02108,100\n"
        "Jo Park,3 Elm St,Salem,MA,01970,50\n"
    )
    program = ProgramSettings(defaults={"product": "VISA-PREPAID", "value": "25"})
    result = validate(load_sheet(path, program=program), sandbox_catalog(), program=program)
    assert result.rows[["address1", "city", "state", "zip", "value"]].values.tolist() == [
        ["12 Beacon St", "Boston", "MA", "02108", "100"],
        ["3 Elm St", "Salem", "MA", "01970", "50"],
    ]
    assert result.rows["status"].tolist() == ["valid", "valid"]


def test_a_hand_made_list_s_addr_headers_are_read_as_the_address(tmp_path: Path) -> None:
    """Found by newcomer6: an HR anniversary list made in Excel headed its street 'Mailing Addr' (and 'Addr 2',
    'Email Addr'): refused, 'lacks required column(s): Address Line 1'."""
    path = tmp_path / "awards.csv"
    path.write_text(
        "Associate Name,Mailing Addr,Addr 2,Town,St.,Zip,Card,Award Amt,Email Addr\n"
        "Chidi Okafor,18 Linden St,Apt 2,Brookline,MA,02446,TARGET,100,co@example.com\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows[["name", "address1", "address2", "city", "zip", "value", "email"]].values.tolist() == [
        ["Chidi Okafor", "18 Linden St", "Apt 2", "Brookline", "02446", "100", "co@example.com"]
    ]
    assert result.rows["status"].tolist() == ["valid"]


@pytest.mark.parametrize("header", ["Customer Name", "Contact Name", "Client Name", "Contact Full Name"])
def test_a_sales_or_crm_list_s_customer_or_contact_name_is_the_recipient(tmp_path: Path, header: str) -> None:
    """Found by newcomer7: a sales team's client gift list headed 'Contact Name' beside 'Company' (and a
    marketing list's 'Customer Name', 'Client Name') was refused: 'lacks required column(s): Name'."""
    path = tmp_path / "client-gifts.csv"
    path.write_text(
        f"{header},Company,Street,Suite,City,State,Zip,Card,Amount\n"
        "Helen Park,Brightline Freight,400 Atlantic Ave,Floor 9,Boston,MA,02110,TARGET,100\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows[["name", "company", "address1", "value"]].values.tolist() == [
        ["Helen Park", "Brightline Freight", "400 Atlantic Ave", "100"]
    ]
    assert result.rows["status"].tolist() == ["valid"]


def test_a_lone_last_first_name_among_first_last_names_is_said_on_its_row(tmp_path: Path) -> None:
    """newcomer6's L3, found again by newcomer7: a 'Name' column of First Last names holding one 'Lopez,
    Maria' sent her card to 'Lopez, Maria' with no word, where the README says Last, First names are turned
    around with a warning. Too few to turn the column around (a company, 'Acme, Inc.', or a credential,
    'Ann Lee, CPA', is no such name), she is sent as written and her row says how it would read."""
    path = tmp_path / "names.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50\n"
        "Bo Ray,2 Main St,Boston,MA,02134,CVS,50\n"
        '"Lopez, Maria",3 Main St,Boston,MA,02134,CVS,50\n'
        '"Acme, Inc.",4 Main St,Boston,MA,02134,CVS,50\n'
        '"Cy Dunn, CPA",5 Main St,Boston,MA,02134,CVS,50\n'
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["name"].tolist() == ["Ann Lee", "Bo Ray", "Lopez, Maria", "Acme, Inc.", "Cy Dunn, CPA"]
    said = [(p.row, p.message) for p in result.problems if "Last, First" in p.kind]
    assert said == [
        (4, "Row 4, column 'Name': 'Lopez, Maria' is sent as written (the other names of the column are First "
         "Last): if it is Last, First, write it 'Maria Lopez'."),
    ], said  # fmt: skip


def test_a_payroll_name_turned_around_to_the_row_s_own_first_and_last_name_is_no_warning(
    tmp_path: Path,
) -> None:
    """Found by newcomer7 (an ADP export: 'Payroll Name' 'Okafor, Emeka' beside 'Legal First Name' Emeka and
    'Legal Last Name' Okafor): 25 of 27 rows warned "'Okafor, Emeka' read as Emeka Okafor", the name the row's
    own First and Last Name already gave, and the review's 'Warnings (check them)' held every row. Only a
    name turned around to another than the row's First and Last Name is said."""
    path = tmp_path / "adp.csv"
    path.write_text(
        "Associate ID,Payroll Name,Legal First Name,Legal Last Name,Address,City,State,ZIP,Product,Value\n"
        'ZX1,"Okafor, Emeka",Emeka,Okafor,1 Main St,Boston,MA,02134,CVS,50\n'
        'ZX2,"RAMAN, PRIYA",Priya,Raman,2 Main St,Boston,MA,02134,CVS,50\n'
        'ZX3,"Smith, Bob",Robert,Smith,3 Main St,Boston,MA,02134,CVS,50\n'
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["name"].tolist() == ["Emeka Okafor", "PRIYA RAMAN", "Bob Smith"]
    said = [(p.row, p.message) for p in result.problems if p.kind == "Name written Last, First"]
    assert said == [(4, "Row 4, column 'Payroll Name': 'Smith, Bob' read as Bob Smith.")], said


def test_names_written_last_first_in_one_column_are_turned_around(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text(
        '"Employee Name (Last, First)",Address,City,State,ZIP,Product,Value\n'
        '"Lopez, Maria",1 Main St,Boston,MA,02134,CVS,50\n'
        '"Smith Jr., John",2 Elm St,Boston,MA,02134,CVS,50\n'
        '"Acme, Inc.",3 Oak St,Boston,MA,02134,CVS,50\n'
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["name"].tolist() == ["Maria Lopez", "John Smith Jr.", "Acme, Inc."]
    warnings = [(p.row, p.message) for p in result.problems if p.kind == "Name written Last, First"]
    assert warnings == [
        (2, "Row 2, column 'Employee Name (Last, First)': 'Lopez, Maria' read as Maria Lopez."),
        (3, "Row 3, column 'Employee Name (Last, First)': 'Smith Jr., John' read as John Smith Jr.."),
    ]


def test_text_stays_exactly_as_displayed_leading_zeros_included(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    sheet.append(["000123", "Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 50])  # text
    sheet.append([124, "Bob Ray", "2 Elm St", "Boston", "MA", 2134, "CVS", 50])  # numbers, padded by format
    sheet.append([7, "Cy Orr", "3 Oak St", "Boston", "MA", 21340001, "CVS", 50])
    sheet["A3"].number_format = sheet["A4"].number_format = "000000"
    sheet["F3"].number_format = "00000"
    sheet["F4"].number_format = "00000-0000"
    book.save(tmp_path / "ids.xlsx")
    loaded = load_sheet(tmp_path / "ids.xlsx")
    assert loaded.frame["Employee ID"].tolist() == ["000123", "000124", "000007"]
    assert loaded.frame["ZIP"].tolist() == ["02134", "02134", "02134-0001"]
    csv_path = tmp_path / "ids.csv"
    csv_path.write_text(
        "Employee ID,Name,Address,City,State,ZIP,Product,Value\n000123,Ann Lee,1 Main St,Boston,MA,02134,CVS,50\n"
    )
    assert load_sheet(csv_path).frame["Employee ID"].tolist() == ["000123"]


def test_template_never_overwrites_a_filled_in_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "gifts.xlsx"
    assert main(["template", "--out", str(target)]) == 0
    book = openpyxl.load_workbook(target)
    book["Recipients"].append(
        ["E1", "Ann", "Lee", "", "", "1 Main St", "", "Boston", "MA", "02134", "", "CVS", "50"]
    )
    book.save(target)
    filled = target.read_bytes()
    capsys.readouterr()
    assert main(["template", "--out", str(target)]) == 0
    captured = capsys.readouterr()
    assert target.read_bytes() == filled
    assert captured.out.strip() == str(tmp_path / "gifts-2.xlsx")
    assert f"{target} already exists and was left as it is" in captured.err
    loaded = load_sheet(target)
    assert loaded.frame.index.tolist() == [2] and loaded.frame.loc[2, "Address Line 1"] == "1 Main St"
    assert main(["template", "--out", str(target), "--force"]) == 0
    assert capsys.readouterr().out.strip() == str(target)
    assert load_sheet(target).frame.empty


def test_a_suffix_column_is_part_of_the_name_so_father_and_son_are_two_people(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "suffix.csv"
    path.write_text(
        "First Name,Last Name,Suffix,Address,City,State,Zip,Card,Amount\n"
        "John,Smith,Sr.,1 Main St,Boston,MA,02108,CVS,25\n"
        "John,Smith,Jr.,1 Main St,Boston,MA,02108,CVS,25\n"
        "Mary,Jones,,2 Main St,Boston,MA,02108,CVS,25\n"
    )
    named = (
        tmp_path / "named.csv"
    )  # one Name column, a suffix already in one of them, one written Last, First
    named.write_text(
        '"Name (Last, First)",Name Suffix,Address,City,State,Zip,Card,Amount\n'
        '"Smith, John",III,1 Main St,Boston,MA,02108,CVS,25\n'
        "Al Ray Jr.,Jr.,2 Main St,Boston,MA,02108,CVS,25\n"
    )
    named_rows = validate(load_sheet(named), sandbox_catalog()).rows
    assert named_rows["name"].tolist() == ["John Smith III", "Al Ray Jr."]
    code = main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")])
    assert code == 0, capsys.readouterr().err
    names = [ln["PhysicalDeliveryAddress"]["Name"] for ln in vendor_lines(isolated_data_dir)]
    assert sorted(names) == ["John Smith Jr.", "John Smith Sr.", "Mary Jones"]


def test_adp_s_generation_suffix_is_written_after_the_name(tmp_path: Path) -> None:
    """Found by newcomer10 on an ADP Workforce Now export: its 'Generation Suffix' column (Jr., III) was
    'not used', so 'Seán O'Brien Jr.' went out as 'Seán O'Brien', and without IDs the son beside his father
    at one address was one person (a duplicate, never sent)."""
    path = tmp_path / "adp.csv"
    path.write_text(
        "Legal First Name,Legal Last Name,Generation Suffix,Home Address Line 1,Home Address City,"
        "Home Address State Code,Home Address Zip Code,Card,Amount\n"
        "Sean,OBrien,Jr.,9 Kilmarnock Rd,Worcester,MA,01602,CVS,25\n"
        "Sean,OBrien,,9 Kilmarnock Rd,Worcester,MA,01602,CVS,25\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["name"].tolist() == ["Sean OBrien Jr.", "Sean OBrien"]
    assert not result.problems


@pytest.mark.parametrize(
    "header", ["Value (USD)", "Gift Amount (USD)", "Amount USD", "Gift Card Value", "Amount in dollars"]
)
def test_an_amount_header_naming_the_dollar_is_read_as_the_value(tmp_path: Path, header: str) -> None:
    """Found by newcomer8: 'Value (USD)', 'Amount USD' and 'Gift Card Value' were refused (the file "lacks
    required column(s): Value") while 'Amount ($)' was read; an ADP export's 'Gift Amount (USD)' was said to
    look like Product. Another currency is still no value of a US-dollar card."""
    path = tmp_path / "list.csv"
    path.write_text(
        f'Name,Address,City,State,ZIP,Product,"{header}"\nMaria Lopez,12 Beacon St,Boston,MA,02134,CVS,50\n'
    )
    loaded = load_sheet(path)
    assert loaded.column_map[header] == "value"
    euros = tmp_path / "euros.csv"
    euros.write_text(
        'Name,Address,City,State,ZIP,Product,"Value (EUR)"\nMaria Lopez,12 Beacon St,Boston,MA,02134,CVS,50\n'
    )
    assert "value" not in load_sheet(euros).column_map.values()


def test_a_ship_to_column_saying_where_never_becomes_the_name_on_the_parcel(tmp_path: Path) -> None:
    """Found by newcomer8: 'Ship To' (a name's header) = Home / Office beside First and Last Name went out
    as "Home Lopez", "Office Smith" and "Home address". Where to ship is no name: First and Last Name are
    sent. A name there that shares no word with the row's First and Last Name is another person's: an
    error, never a parcel for the wrong one."""
    path = tmp_path / "shipto.csv"
    path.write_text(
        "First Name,Last Name,Ship To,Address,City,State,ZIP,Product,Value\n"
        "Maria,Lopez,Home,12 Beacon St,Boston,MA,02134,CVS,50\n"
        "John,Smith,Office,400 Main St,Springfield,IL,62701,CVS,50\n"
        "Ann,Lee,Home address,9 Elm Rd,Portland,OR,97201,CVS,50\n"
        "Raj,Patel,Maria Lopez (E1001),1 Oak St,Boston,MA,02134,CVS,50\n"
        "Kim,Ng,Kimberly Ng,2 Oak St,Boston,MA,02134,CVS,50\n"
        "Bo,Ray,,3 Oak St,Boston,MA,02134,CVS,50\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    names = dict(zip(result.rows.index, result.rows["name"], strict=True))
    assert [names[r] for r in (2, 3, 4, 6, 7)] == [
        "Maria Lopez",
        "John Smith",
        "Ann Lee",
        "Kimberly Ng",
        "Bo Ray",
    ]
    errors = [(p.row, p.message) for p in result.problems if p.severity == "error"]
    assert errors == [
        (
            5,
            "Row 5, column 'Ship To': 'Maria Lopez (E1001)' shares no name with First and Last Name ('Raj Patel') of its row: which person gets this card? Write that person's name in both, or leave one of them empty.",
        )
    ]


@pytest.mark.parametrize(
    "street",
    ["ditto", "as above", "same", "Same as row 2", "Use home address", "On file", "Address on file",
     "Will provide", "Ask manager", "Pick up", "Hold for pickup", "Hand deliver", "Deliver to desk", "Office",
     "Remote"],
)  # fmt: skip
def test_a_street_that_only_says_where_or_later_is_an_error(tmp_path: Path, street: str) -> None:
    """Found by newcomer8: each of these went out as the parcel's street line."""
    path = tmp_path / "streets.csv"
    path.write_text(f"Name,Address,City,State,ZIP,Product,Value\nAnn Lee,{street},Salem,MA,01970,CVS,25\n")
    result = validate(load_sheet(path), sandbox_catalog())
    assert [p.kind for p in result.problems if p.severity == "error"] == ["Placeholder instead of an address"]


def test_an_odd_optional_email_or_phone_costs_no_card(tmp_path: Path) -> None:
    """Found by newcomer8: 'N/A', 'none', '-', two addresses or 'Name <address>' under Email, and a phone
    with a note, made their rows invalid: no card, for fields the vendor never sees. They are warnings; an
    email that is not one address identifies no one (two rows of 'N/A' are not one person)."""
    path = tmp_path / "emails.csv"
    emails = ["N/A", "none", "-", "a@x.com; b@x.com", "Maria Lopez <maria@acme.com>", "maria.lopez@acme"]
    rows = [
        f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{e},617-555-0101" for i, e in enumerate(emails, 1)
    ]
    rows.append("Ann Lee,9 Main St,Boston,MA,02134,CVS,50,,617-555-0101 / 617-555-0102 (cell)")
    path.write_text("Name,Address,City,State,ZIP,Product,Value,Email,Phone\n" + "\n".join(rows) + "\n")
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.summary().valid == 7
    warned = [p for p in result.problems if p.column in ("email", "phone")]
    assert len(warned) == 7 and {p.severity for p in warned} == {"warning"}
    assert warned[0].message == (
        "Row 2, column 'Email': 'N/A' is not an email address: kept in your results as typed, never sent to "
        "the vendor."
    )


def test_one_employee_id_with_one_card_under_two_names_is_one_card(tmp_path: Path) -> None:
    """Found by newcomer8: two HR sources merged (the preferred name in one, the legal in the other) gave
    E1 'Bob Jones' and 'Robert Jones' at one address, E2 at two: four cards, no word. One ID is one person:
    the later row is the duplicate. A code many rows share ('Ref' = DM-2026) names no one."""
    path = tmp_path / "sameid.csv"
    path.write_text(
        "Employee ID,Name,Address,City,State,ZIP,Product,Value\n"
        "E1,Bob Jones,3 Oak St,Salem,MA,01970,CVS,25\n"
        "E1,R. Jones,3 Oak St,Salem,MA,01970,CVS,25\n"  # a short form bulkship folds itself is a test of its own
        "E2,Kate Lee,4 Oak St,Salem,MA,01970,CVS,25\n"
        "E2,Katherine Lee,9 Elm St,Lynn,MA,01902,CVS,25\n"
        "E3,Cy Orr,5 Oak St,Salem,MA,01970,CVS,25\n"
        "E3,Cy Orr,5 Oak St,Salem,MA,01970,TARGET,50\n"
        + "".join(f"E{i},Person {i},{i} Elm St,Salem,MA,01970,CVS,25\n" for i in range(4, 14))
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["status"].tolist()[:6] == [
        "valid",
        "duplicate",
        "invalid",  # E2 at two addresses: neither is sent until one is kept (newcomer4's F2)
        "duplicate",
        "valid",
        "valid",
    ]
    messages = [p.message for p in result.problems if p.kind == "Duplicate row"]
    assert messages[0].startswith(
        "Row 3, column 'Name': same Employee ID and card as row 2, under another name ('Bob Jones'): one ID is "
        "one person"
    )
    shared = tmp_path / "shared.csv"
    shared.write_text(
        "Ref,Name,Address,City,State,ZIP,Product,Value\n"
        + "".join(f"DM-2026,Person {i},{i} Oak St,Salem,MA,01970,CVS,25\n" for i in range(5))
    )
    assert validate(load_sheet(shared), sandbox_catalog()).summary().valid == 5
    team = tmp_path / "team.csv"  # found by newcomer8 after the first version of this rule
    team.write_text(
        "ID,Name,Address,City,State,ZIP,Product,Value\n"
        "TEAM-A,Ann Alpha,1 Oak St,Salem,MA,01970,CVS,25\nTEAM-A,Ben Beta,2 Oak St,Salem,MA,01970,CVS,25\n"
        "TEAM-A,Cal Gamma,3 Oak St,Salem,MA,01970,CVS,25\nTEAM-B,Dee Delta,4 Oak St,Salem,MA,01970,CVS,25\n"
    )
    assert validate(load_sheet(team), sandbox_catalog()).summary().valid == 4
    short = tmp_path / "short.csv"  # a short list: most of its IDs differ all the same
    short.write_text(
        "Employee ID,Name,Address,City,State,ZIP,Product,Value\n"
        "E1,Bob Jones,3 Oak St,Salem,MA,01970,CVS,25\nE1,Robert Jones,3 Oak St,Salem,MA,01970,CVS,25\n"
        "E2,Kate Lee,4 Oak St,Salem,MA,01970,CVS,25\n"
    )
    assert validate(load_sheet(short), sandbox_catalog()).rows["status"].tolist() == [
        "valid",
        "duplicate",
        "valid",
    ]


def test_contacts_of_one_customer_at_its_office_are_two_cards(tmp_path: Path) -> None:
    """Found by review11: a client list's 'Customer ID' is the account, and two contacts of one customer at
    its office (C100: Jane Doe and John Roe, Acme Corp) were 'one ID is one person': John got no card."""
    for header in ("Customer ID", "Reference"):
        path = tmp_path / "clients.csv"
        path.write_text(
            f"{header},Name,Company,Address,City,State,ZIP,Product,Value\n"
            "C100,Jane Doe,Acme Corp,1 Main St,Salem,MA,01970,CVS,25\n"
            "C100,John Roe,Acme Corp,1 Main St,Salem,MA,01970,CVS,25\n"
            "C200,Kim Park,Beta LLC,9 Oak Ave,Salem,MA,01970,CVS,25\n"
            "C300,Lee Wong,Gamma Inc,7 Elm St,Salem,MA,01970,CVS,25\n"
        )
        result = validate(load_sheet(path), sandbox_catalog())
        assert result.rows["status"].tolist() == ["valid"] * 4, header


@pytest.mark.parametrize(
    "header",
    ["EE ID", "EEID", "Emp #", "Emp No.", "Payroll ID", "Employee Num", "Team Member ID", "Employee Ref",
     "Staff Reference", "Employee ID (Office)"],
)  # fmt: skip
def test_an_hr_system_s_own_employee_id_header_is_the_employee_id(tmp_path: Path, header: str) -> None:
    """Found by newcomer9: 'EE ID', 'Emp #', 'Payroll ID'... were "not used", so one person merged from two HR
    sources (E1 under her maiden and married names, at two addresses) got two cards, where 'Employee ID' gives one;
    'Employee Ref' or 'Employee ID (Office)' were read, but their 'ref' or 'office' said a group code."""
    path = tmp_path / "ee.csv"
    path.write_text(
        f'"{header}",Name,Address,City,State,ZIP,Product,Value\n'
        "E1,Jane Smith,3 Oak St,Salem,MA,01970,CVS,25\nE1,Jane Brown,77 Pine Rd,Lynn,MA,01902,CVS,25\n"
        "E2,Kate Lee,4 Oak St,Salem,MA,01970,CVS,25\nE3,Amy Wu,5 Oak St,Salem,MA,01970,CVS,25\n"
        "E4,Raj Patel,6 Oak St,Salem,MA,01970,CVS,25\n"
    )
    loaded = load_sheet(path)
    assert loaded.column_map[header] == "external_id"
    assert validate(loaded, sandbox_catalog()).rows["status"].tolist() == [
        "valid", "duplicate", "valid", "valid", "valid"
    ]  # fmt: skip


def test_two_middle_names_that_differ_are_two_people_at_one_address(tmp_path: Path) -> None:
    """Found by newcomer8: sisters Mary Ann and Mary Beth Smith, John A. and John B. Baker at one address
    were "the same recipient, written differently": one of each pair got no card. A middle name on one row
    only, or its initial, is still the same person."""
    path = tmp_path / "family.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value\n"
        "Mary Ann Smith,1 Oak St,Salem,MA,01970,CVS,25\n"
        "Mary Beth Smith,1 Oak St,Salem,MA,01970,CVS,25\n"
        "John A. Baker,2 Oak St,Salem,MA,01970,CVS,25\n"
        "John B. Baker,2 Oak St,Salem,MA,01970,CVS,25\n"
        "Jean Luc Martin,3 Oak St,Salem,MA,01970,CVS,25\n"
        "Jean Paul Martin,3 Oak St,Salem,MA,01970,CVS,25\n"
        "Ann B. Lee,4 Oak St,Salem,MA,01970,CVS,25\n"
        "Ann Beth Lee,4 Oak St,Salem,MA,01970,CVS,25\n"
        "Cy Orr,5 Oak St,Salem,MA,01970,CVS,25\n"
        "Cy J. Orr,5 Oak St,Salem,MA,01970,CVS,25\n"
    )
    statuses = validate(load_sheet(path), sandbox_catalog()).rows["status"].tolist()
    assert statuses == ["valid"] * 6 + ["valid", "duplicate", "valid", "duplicate"]


def test_one_middle_name_spelled_two_ways_at_one_address_is_one_card(tmp_path: Path) -> None:
    """Found by review11: since two different middle names are two people (ba742b4), one person's middle name
    spelled two ways ('Mary Ann' / 'Mary Anne', 'Christopher' / 'Chris', a second family name written on one
    row only) at one address was two cards, with no word; it was one before."""
    path = tmp_path / "spelled.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value\n"
        "Mary Ann Smith,1 Oak St,Salem,MA,01970,CVS,25\n"
        "Mary Anne Smith,1 Oak St,Salem,MA,01970,CVS,25\n"
        "John Christopher Baker,2 Oak St,Salem,MA,01970,CVS,25\n"
        "John Chris Baker,2 Oak St,Salem,MA,01970,CVS,25\n"
        "Lee Marie Wong,3 Oak St,Salem,MA,01970,CVS,25\n"
        "Lee Maria Wong,3 Oak St,Salem,MA,01970,CVS,25\n"
        "Maria Garcia Lopez,4 Oak St,Salem,MA,01970,CVS,25\n"
        "Maria Jose Garcia Lopez,4 Oak St,Salem,MA,01970,CVS,25\n"
    )
    statuses = validate(load_sheet(path), sandbox_catalog()).rows["status"].tolist()
    assert statuses == ["valid", "duplicate"] * 4


def test_workday_s_worker_with_its_number_and_preferred_display_name_are_read_as_people_write_them(
    tmp_path: Path,
) -> None:
    """Found by newcomer8: Workday's "Worker" = "Maria Lopez (100234)" went on the parcel with the number,
    and its "Preferred Name in General Display Format" (like ADP's "Preferred or Chosen First Name") was
    not used."""
    path = tmp_path / "workday.csv"
    path.write_text(
        "Worker,Employee ID,Preferred Name in General Display Format,Address,City,State,ZIP,Product,Value\n"
        "Maria Lopez (100234),100234,Mari Lopez,1 Main St,Boston,MA,02134,CVS,25\n"
        "John Smith (100235),100235,,2 Main St,Boston,MA,02134,CVS,25\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["name"].tolist() == ["Mari Lopez", "John Smith"]
    adp = tmp_path / "adp.csv"
    adp.write_text(
        "Legal First Name,Legal Last Name,Preferred or Chosen First Name,Address,City,State,ZIP,Product,Value\n"
        "Maria,Lopez,Mari,1 Main St,Boston,MA,02134,CVS,25\nJonathan,Smith,,2 Main St,Boston,MA,02134,CVS,25\n"
    )
    assert validate(load_sheet(adp), sandbox_catalog()).rows["name"].tolist() == [
        "Mari Lopez",
        "Jonathan Smith",
    ]


def test_an_address_line_3_goes_on_the_parcel_after_line_2(tmp_path: Path) -> None:
    """Found by newcomer8: 'Address Line 3' ("Floor 12", "Mailroom B") was dropped without a word. The
    vendor's address has two lines: it is written after line 2, with a warning; too long, an error."""
    path = tmp_path / "line3.csv"
    path.write_text(
        "Name,Address Line 1,Address Line 2,Address Line 3,City,State,ZIP,Product,Value\n"
        "L3 One,1 Tower Plaza,Suite 400,Floor 12,Boston,MA,02110,CVS,25\n"
        "L3 Two,2 Tower Plaza,,Mailroom B,Boston,MA,02110,CVS,25\n"
        "L3 Three,3 Tower Plaza,Suite 1,,Boston,MA,02110,CVS,25\n"
        f"L3 Four,4 Tower Plaza,Suite 2,{'B' * 100},Boston,MA,02110,CVS,25\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["address2"].tolist()[:3] == ["Suite 400, Floor 12", "Mailroom B", "Suite 1"]
    assert next(p.message for p in result.problems if p.kind == "Address line 3 added") == (
        "Row 2, column 'Address Line 2': 'Address Line 3' added to line 2: Suite 400, Floor 12."
    )
    assert result.rows["status"].tolist() == ["valid", "valid", "valid", "invalid"]
    # it was listed among the columns not used ("Columns not used: 'Address Line 3'"), though it was sent
    line_3 = next(c for c in result.sheet.columns if c.header == "Address Line 3")
    assert (line_3.status, line_3.note) == ("used", "address line 3: added to line 2")


def test_a_qualified_address_line_3_goes_on_the_parcel_too(tmp_path: Path) -> None:
    """Found by review11: a Workday export's 'Home Address - Address Line 3' ("Floor 12") beside its 'Home
    Address - Address Line 1' was only listed as not used, and the parcel went without its floor. Another
    group's line 3 ('Work Address - ...') is still not read."""
    path = tmp_path / "workday.csv"
    group = "Home Address - "
    path.write_text(
        f"Name,{group}Address Line 1,{group}Address Line 2,{group}Address Line 3,{group}City,{group}State,"
        f"{group}Postal Code,Work Address - Address Line 3,Product,Value\n"
        "Ann Lee,1 Tower Plaza,Suite 400,Floor 12,Boston,MA,02110,Desk 9,CVS,25\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["address2"].tolist() == ["Suite 400, Floor 12"]
    status = {c.header: c.status for c in result.sheet.columns}
    assert (status[f"{group}Address Line 3"], status["Work Address - Address Line 3"]) == ("used", "unused")


def test_a_us_territory_written_as_the_country_is_a_us_address(tmp_path: Path) -> None:
    """Found by newcomer8: a BambooHR export's Country 'Puerto Rico' (State PR, ZIP 00901) was refused as
    "physical gift cards ship to US addresses only", 'Guam' as a country bulkship does not know."""
    path = tmp_path / "territories.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Country,Product,Value\n"
        "Ana Rivera,1 Calle Sol,San Juan,PR,00901,Puerto Rico,CVS,25\n"
        "Joe Cruz,2 Marine Dr,Hagatna,GU,96910,Guam,CVS,25\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.summary().valid == 2, [p.message for p in result.problems]
    assert result.rows["country"].tolist() == ["US", "US"]


def test_an_amount_with_a_tail_of_decimals_says_what_it_is(tmp_path: Path) -> None:
    """Found by newcomer8: 37.499999999999 (a formula's result, shown 37.5) was refused quoting digits the
    person never sees, as "not an amount"."""
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    book.active.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "VISA-PREPAID", 37.499999999999])
    book.save(tmp_path / "noise.xlsx")
    result = validate(load_sheet(tmp_path / "noise.xlsx"), sandbox_catalog())
    assert [p.message for p in result.problems if p.severity == "error"] == [
        "Row 2, column 'Value': '37.499999999999' is 37.50 and a tiny remainder the sheet does not show (a "
        "formula's result?); type the amount itself, 37.50, or paste the cell as a value rounded to cents."
    ]


def test_an_amount_of_more_than_two_decimals_says_so(tmp_path: Path) -> None:
    """Found by review18: a budget split three ways (=100/3, shown $33.33) and a typed 20.005 were refused
    as "'33.3333333333333' is not an amount; use a number such as 50 or 25.50", of a cell showing an
    amount."""
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    for name, value in (("Ann Lee", 100 / 3), ("Bob Ray", 20.005), ("Cy Ng", 33.5)):
        book.active.append([name, "1 Main St", "Boston", "MA", "02134", "VISA-PREPAID", value])
    book.active["G2"].number_format = '"$"#,##0.00'
    book.save(tmp_path / "split.xlsx")
    result = validate(load_sheet(tmp_path / "split.xlsx"), sandbox_catalog())
    assert [p.message for p in result.problems if p.severity == "error"] == [
        f"Row {row}, column 'Value': '{value}' has more than two decimals, and a card's value is in dollars "
        "and cents (the sheet may show it rounded); type the amount to send, such as 25.50."
        for row, value in ((2, "33.3333333333333"), (3, "20.005"))
    ]


@pytest.mark.parametrize("header", ["Known As", "Goes By"])
def test_the_name_a_person_goes_by_is_the_preferred_name(tmp_path: Path, header: str) -> None:
    """Found by newcomer8: UK and US HR systems' 'Known As' / 'Goes By' were not used: parcels went to the
    legal name."""
    path = tmp_path / "known.csv"
    path.write_text(
        f"Name,{header},Address,City,State,ZIP,Product,Value\n"
        "Katherine Lee,Kate,1 Main St,Boston,MA,02134,CVS,25\nRobert Brown,,2 Main St,Boston,MA,02134,CVS,25\n"
    )
    assert validate(load_sheet(path), sandbox_catalog()).rows["name"].tolist() == ["Kate Lee", "Robert Brown"]


@pytest.mark.parametrize(
    ("header", "shown"), [("Amount €", "€"), ("Card Value (£)", "£"), ("Award Amount (¥)", "¥")]
)
def test_an_amount_column_whose_header_names_another_currency_is_no_dollar_card(
    tmp_path: Path, header: str, shown: str
) -> None:
    """Found by hunter-sheets: 'Amount €' (a European office's list) was read as the Value, and 25 € went out
    as a 25-dollar card ('Amount (EUR)' is read as no column at all). A header in dollars is read as before."""
    path = tmp_path / "cur.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,VISA-PREPAID,25\nBo Ray,2 Main St,Boston,MA,02134,VISA-PREPAID,30\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["status"].tolist() == ["invalid", "invalid"]
    assert next(p.message for p in result.problems) == (
        f"Row 2, column '{header}': the header says this amount is in {shown}, and bulkship orders US-dollar "
        f"cards. Write the amounts in US dollars (and take the {shown} out of the header), or take the row out."
    )
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Gift Amount (USD)\nAnn Lee,1 Main St,Boston,MA,02134,CVS,25\n"
    )
    assert validate(load_sheet(path), sandbox_catalog()).rows["status"].tolist() == ["valid"]


@pytest.mark.parametrize(
    ("header", "shown"), [("Amount (EUR)", "EUR"), ("Value GBP", "GBP"), ("Gift Amount in Euros", "Euros")]
)
def test_an_amount_header_naming_another_currency_by_its_code_or_name_is_no_dollar_card(
    tmp_path: Path, isolated_data_dir: Path, header: str, shown: str
) -> None:
    """Found by hunter-sheets3: 'Amount (EUR)' is read as no column, and bulkship's note says to map it with
    [columns] value = "Amount (EUR)"; done as told, 25 EUR went out as a 25-dollar card, nothing said."""
    path = tmp_path / "cur.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,VISA-PREPAID,25\nBo Ray,2 Main St,Boston,MA,02134,VISA-PREPAID,30\n"
    )
    (tmp_path / "cur.bulkship.toml").write_text(f'[columns]\nvalue = "{header}"\n')
    assert main(["run", str(path), "--yes", "--out", str(tmp_path / "out")]) == 3
    assert vendor_lines(isolated_data_dir) == []
    result = validate(load_sheet(path, program=ProgramSettings(columns={"value": header})), sandbox_catalog())
    assert next(p.message for p in result.problems) == (
        f"Row 2, column '{header}': the header says this amount is in {shown}, and bulkship orders US-dollar "
        f"cards. Write the amounts in US dollars (and take the {shown} out of the header), or take the row out."
    )


def test_a_currency_column_naming_another_currency_is_no_dollar_card(tmp_path: Path) -> None:
    """Found by newcomer9: a finance export's 'Currency' column said CAD, EUR or GBP beside the amount; the
    column was "not used" and 25 CAD went out as a 25-dollar card. The dollar however written is fine."""
    path = tmp_path / "cur.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Currency\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,CAD\nBo Ray,2 Main St,Boston,MA,02134,CVS,25,USD\n"
        "Cy Orr,3 Main St,Boston,MA,02134,CVS,50,EUR\nDi Fox,4 Main St,Boston,MA,02134,CVS,25,U.S. Dollars\n"
        "Ed Kim,5 Main St,Boston,MA,02134,CVS,25,\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["status"].tolist() == ["invalid", "valid", "invalid", "valid", "valid"]
    errors = [p.message for p in result.problems if p.severity == "error"]
    assert errors[0] == (
        "Row 2, column 'Currency': the list says this amount is in CAD, and bulkship orders US-dollar cards. "
        "Write the amount in US dollars (and USD here), or take the row out."
    )


def test_the_apartment_of_the_list_s_address_is_not_sent_with_another_delivery_street(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lone 'Delivery Address' beside Address, Address 2, City...: Bob Ray's card went to '1 Derby Sq, Apt 9',
    the apartment of his home at 5 Main St (found by hunter-sheets2). An error on the row; a row sent to its
    Address keeps its apartment, and a delivery street the same as the Address keeps it too."""
    path = tmp_path / "delivery.csv"
    path.write_text(
        "Name,Address,Address 2,City,State,Zip,Delivery Address,Product,Amount\n"
        "Ann Lee,12 Beacon St,Apt 4,Boston,MA,02108,,CVS,25\n"
        "Bob Ray,5 Main St,Apt 9,Salem,MA,01970,1 Derby Sq,CVS,25\n"
        "Cy Ng,9 Elm St,Unit 2,Salem,MA,01970,9 elm st,CVS,25\n"
        "Di Ow,3 Oak St,,Lynn,MA,01901,7 Union St,CVS,25\n"
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    sent = sorted(
        (a["Name"], a["AddressLine1"], a.get("AddressLine2"))
        for a in (li["PhysicalDeliveryAddress"] for li in vendor_lines(isolated_data_dir))
    )
    assert sent == [
        ("Ann Lee", "12 Beacon St", "Apt 4"),
        ("Cy Ng", "9 elm st", "Unit 2"),
        ("Di Ow", "7 Union St", None),
    ]
    capsys.readouterr()
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [p["message"] for p in data["problems"] if p["severity"] == "error"] == [
        "Row 3, column 'Address 2': 'Apt 9' goes with 'Address' ('5 Main St'), and the card goes to 'Delivery Address' ('1 Derby Sq'): write the delivery address's apartment, if any, after its street in 'Delivery Address', and empty this cell on this row."
    ]


def test_a_header_written_with_braces_is_said_as_text_in_the_apartment_check(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review16 (R11, after 91232d7): the list's Address headed 'Address {home}' beside a lone
    'Delivery Address' ended validate and run in a KeyError traceback: the header went into the message's
    template, its braces read as a field to fill."""
    path = tmp_path / "braces.csv"
    path.write_text(
        "Name,Address {home},Address 2,City,State,Zip,Delivery Address,Product,Amount\n"
        "Bob Ray,5 Main St,Apt 9,Salem,MA,01970,1 Derby Sq,CVS,25\n"
        "Di Ow,3 Oak St,,Lynn,MA,01901,,CVS,25\n"
    )
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1
    data = json.loads(capsys.readouterr().out)
    errors = [p["message"] for p in data["problems"] if p["severity"] == "error"]
    assert errors == [
        "Row 2, column 'Address 2': 'Apt 9' goes with 'Address {home}' ('5 Main St'), and the card goes to "
        "'Delivery Address' ('1 Derby Sq'): write the delivery address's apartment, if any, after its street in "
        "'Delivery Address', and empty this cell on this row."
    ], errors


def test_a_ship_to_someone_else_column_neither_picks_rows_nor_sends_to_the_row_unsaid(tmp_path: Path) -> None:
    """Found by hunter-sheets4: 'Ship to manager?' was read as a 'Send?' column: Bob's No left him out ("the
    list says not to send it"), and Ann's Yes went to her own name and address. A No sends the row as it
    is; a Yes is an error on the row (bulkship cannot send to the manager), unless the list's address
    columns are headed by that place ('Send to office?' beside 'Office Address'). 'OK to send' = No still
    leaves its row out."""
    path = tmp_path / "manager.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["First Name", "Last Name", "Address", "City", "State", "ZIP", "Card", "Amount",
                  "Ship to manager?", "Gift to HR (Y/N)", "Send to office?", "OK to send"])  # fmt: skip
    sheet.append(["Ann", "Lee", "12 Beacon St", "Boston", "MA", "02108", "CVS", 25, "Yes", "", "", "Yes"])
    sheet.append(["Bob", "Ray", "9 Elm St", "Cambridge", "MA", "02139", "CVS", 50, "No", "N", "", "Yes"])
    sheet.append(["Cy", "Ng", "3 Oak St", "Salem", "MA", "01970", "CVS", 25, "", "Y", "", "Yes"])
    sheet.append(["Di", "Fox", "4 Oak St", "Salem", "MA", "01970", "CVS", 25, "No", "", "Yes", "Yes"])
    sheet.append(["Ed", "Wu", "5 Oak St", "Salem", "MA", "01970", "CVS", 25, "No", "", "", "No"])
    book.save(path)
    loaded = load_sheet(path)
    # and no note advising to map it as the shipping method or the product (its Yes would be a method 'Yes')
    assert not [n for n in loaded.notices if "Ship to manager?" in n or "Gift to HR" in n], loaded.notices
    result = validate(loaded, sandbox_catalog())
    assert result.rows["status"].tolist() == ["invalid", "valid", "invalid", "invalid", "skipped"]
    errors = {p.row: p.message for p in result.problems if p.severity == "error"}
    assert errors[2] == (
        "Row 2, column 'Ship to manager?': 'Yes' says this card goes to the manager, and bulkship sends it to "
        "the row's name and address (Ann Lee, 12 Beacon St). Write the name and address it goes to in the "
        "row, and clear 'Ship to manager?' (or write No)."
    )
    assert errors[4].startswith("Row 4, column 'Gift to HR (Y/N)': 'Y' says this card goes to the HR,")
    assert errors[5].startswith("Row 5, column 'Send to office?': 'Yes' says this card goes to the office,")
    sheet["C1"] = "Office Address"  # the addresses are the offices: 'Send to office?' = Yes sends as written
    book.save(path)
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["status"].tolist() == ["invalid", "valid", "invalid", "valid", "skipped"]


def test_a_ship_to_column_answering_no_beside_that_place_s_address_is_an_error(tmp_path: Path) -> None:
    """Found by review18 (after 08abe9d): 'Ship to home?' = No beside a 'Home Address' column sent Bob's card
    to his home, nothing said (the column once left him out, as 'the list says not to send it'). Where the
    address columns are headed by the place the column names, a No says the card goes elsewhere: an error
    on the row; a Yes sends it as written."""
    path = tmp_path / "home.csv"
    path.write_text(
        "First Name,Last Name,Home Address,City,State,ZIP,Card,Amount,Ship to home?\n"
        "Ann,Lee,12 Beacon St,Boston,MA,02108,CVS,25,Yes\n"
        "Bob,Ray,9 Elm St,Cambridge,MA,02139,CVS,25,No\n"
        "Cy,Ng,3 Oak St,Salem,MA,01970,CVS,25,\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["status"].tolist() == ["valid", "invalid", "valid"]
    assert [p.message for p in result.problems if p.severity == "error"] == [
        "Row 3, column 'Ship to home?': 'No' says this card does not go to the home, and the row's address is "
        "the home's (Bob Ray, 9 Elm St). Write the name and address it goes to in the row, and clear 'Ship to "
        "home?' (or write Yes)."
    ]


@pytest.mark.parametrize("header", ["Ship to home?", "Ship to employee?", "Ship To Work", "Mail to home?"])
def test_a_ship_to_question_is_never_read_as_the_name_on_the_parcel(tmp_path: Path, header: str) -> None:
    """Found by review18: 'Ship to home?' (Yes / No) beside First and Last Name was read as the name column
    'Ship To' of the home address, and the parcels went to 'Yes Lee' and 'No Ray' (a one-word name is sent
    with the row's last name); 'Mail to home?' was read as the Email. A name or email column of Yes/No
    answers under another header than its own is set aside, said, and its question read as such."""
    path = tmp_path / "ship.csv"
    path.write_text(
        f"First Name,Last Name,Address,City,State,ZIP,Card,Amount,{header}\n"
        "Ann,Lee,12 Beacon St,Boston,MA,02108,CVS,25,Yes\n"
        "Bob,Ray,9 Elm St,Cambridge,MA,02139,CVS,25,No\n"
    )
    sheet = load_sheet(path)
    assert header not in sheet.column_map
    assert any(n.startswith(f"Column '{header}' (I) is not") and "its cells are Yes/No answers" in n
               for n in sheet.notices), sheet.notices  # fmt: skip
    result = validate(sheet, sandbox_catalog())
    sent = result.rows[result.rows["status"] == "valid"]
    assert set(sent["name"]) <= {"Ann Lee", "Bob Ray"}, sent["name"].tolist()
    invalid = result.rows[result.rows["status"] == "invalid"].index.tolist()
    assert invalid == ([3] if header == "Ship to employee?" else [2]), result.problems


@pytest.mark.parametrize("header", ["Attention", "Worker", "Ship To", "Recipient"])
def test_one_word_of_no_name_of_the_row_under_a_name_header_is_never_sent_with_its_last_name(
    tmp_path: Path, header: str
) -> None:
    """Found by review18: an 'Attention' column of High / Low (or a 'Worker' of Full-time / Part-time)
    beside First and Last Name was read as the name, its one word given the row's last name, and the
    parcels went to 'High Lee' and 'Full-time Ray', valid. A word that is neither the row's first nor its
    last name is another person's: an error on its row, as two words are; the row's own first name still
    goes out with its last name."""
    path = tmp_path / "attn.csv"
    path.write_text(
        f"First Name,Last Name,Address,City,State,ZIP,Card,Amount,{header}\n"
        "Ann,Lee,12 Beacon St,Boston,MA,02108,CVS,25,High\n"
        "Bob,Ray,9 Elm St,Cambridge,MA,02139,CVS,25,Full-time\n"
        "Cy,Ng,3 Oak St,Salem,MA,01970,CVS,25,Cy\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["status"].tolist() == ["invalid", "invalid", "valid"], result.problems
    assert result.rows["name"].tolist()[2] == "Cy Ng"
    first = next(p.message for p in result.problems if p.row == 2 and p.severity == "error")
    assert first.startswith(f"Row 2, column '{header}': 'High' shares no name with First and Last Name")


def test_a_company_column_of_yes_and_no_is_not_printed_on_the_parcel(tmp_path: Path) -> None:
    """Found by review18: a 'Company' column answering Yes / No went on each parcel's second line as "Yes"
    and "No" (the vendor's address has no company field). A company column of Yes/No answers only is set
    aside, said."""
    path = tmp_path / "company.csv"
    path.write_text(
        "First Name,Last Name,Address,City,State,ZIP,Card,Amount,Company\n"
        "Ann,Lee,12 Beacon St,Boston,MA,02108,CVS,25,Yes\n"
        "Bob,Ray,9 Elm St,Cambridge,MA,02139,CVS,25,No\n"
    )
    sheet = load_sheet(path)
    assert "Company" not in sheet.column_map
    assert any("Column 'Company' (I) is not read as Company" in n for n in sheet.notices), sheet.notices
    result = validate(sheet, sandbox_catalog())
    assert result.rows["status"].tolist() == ["valid", "valid"]
    assert result.rows["company"].tolist() == ["", ""] and result.rows["address2"].tolist() == ["", ""]


@pytest.mark.parametrize("header", ["Home address?", "Mailing Address?", "Apt?", "Address 2?"])
def test_an_address_question_of_yes_and_no_is_never_the_address_on_the_parcel(
    tmp_path: Path, header: str
) -> None:
    """Found by review18: a 'Home address?' column (Yes / No) beside 'Address' was read as the home street,
    which wins over an unqualified one, and the parcels went to street 'Yes' and street 'No', valid; an
    'Apt?' put 'Yes' on their second line. A column of Yes/No answers is no street, apartment or city: not
    used, said, and the list's own address is sent."""
    path = tmp_path / "addr.csv"
    path.write_text(
        f"First Name,Last Name,Address,City,State,ZIP,Card,Amount,{header}\n"
        "Ann,Lee,12 Beacon St,Boston,MA,02108,CVS,25,Yes\n"
        "Bob,Ray,9 Elm St,Cambridge,MA,02139,CVS,25,No\n"
    )
    sheet = load_sheet(path)
    assert header not in sheet.column_map and sheet.column_map["Address"] == "address1"
    assert any(f"Column '{header}' (I) is not used: its cells are Yes/No answers" in n for n in sheet.notices)
    result = validate(sheet, sandbox_catalog())
    assert result.rows["status"].tolist() == ["valid", "valid"]
    assert result.rows["address1"].tolist() == ["12 Beacon St", "9 Elm St"]
    assert result.rows["address2"].tolist() == ["", ""]


@pytest.mark.parametrize("header", ["Rush?", "Expedite (Y/N)", "Overnight?", "Rush Delivery"])
def test_a_row_asking_for_faster_shipping_where_no_column_gives_the_method_is_an_error(
    tmp_path: Path, header: str
) -> None:
    """Found by review18: a 'Rush?' column (Yes / No) in a list with no Shipping Method column was not read:
    Ann's Yes went STANDARD (7 days), nothing said. A Yes there is an error on its row; a No is sent as is;
    a Shipping Method column, or a program default, decides instead."""
    path = tmp_path / "rush.csv"
    path.write_text(
        f"First Name,Last Name,Address,City,State,ZIP,Card,Amount,{header}\n"
        "Ann,Lee,12 Beacon St,Boston,MA,02108,CVS,25,Yes\n"
        "Bob,Ray,9 Elm St,Cambridge,MA,02139,CVS,25,No\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["status"].tolist() == ["invalid", "valid"]
    (said,) = [p.message for p in result.problems if p.severity == "error"]
    assert said.startswith(f"Row 2, column '{header}': 'Yes' asks for faster shipping")
    program = ProgramSettings(defaults={"shipping_method": "EXPEDITED"})
    assert validate(load_sheet(path, program=program), sandbox_catalog(), program=program).rows[
        "status"
    ].tolist() == ["valid", "valid"]


def test_a_report_listing_each_person_once_per_address_sends_none_of_their_rows(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    """Found by hunter-sheets6: a Workday-style report with an 'Address Type' column, one row per address
    of a worker ('Home', 'Work', 'Mailing'): with no Employee ID Ann Lee got a card at home and one at
    work (50.00 for one person), the duplicate check seeing two people at two addresses. Each such row is
    an error saying which rows list her; one person with one kind of address, and two people of one name
    under two Employee IDs, are sent."""
    path = tmp_path / "addresses.csv"
    path.write_text(
        "Employee ID,Worker,Address Type,Address,City,State,ZIP,Product,Amount\n"
        "1001,Ann Lee,Home,1 Main St,Boston,MA,02108,CVS,25\n"
        "1001,Ann Lee,Work,100 Corporate Dr,Burlington,MA,01803,CVS,25\n"
        "1002,Bob Ray,Home,2 Elm St,Boston,MA,02108,CVS,25\n"
        "1003,Cy Ng,Home,3 Oak St,Boston,MA,02108,CVS,25\n"
        "1004,Cy Ng,Work,9 Pine St,Salem,MA,01970,CVS,25\n"
    )
    without_ids = tmp_path / "no-ids.csv"
    without_ids.write_text(
        "\n".join(line.split(",", 1)[1] for line in path.read_text().splitlines()[:4]) + "\n"
    )
    for sheet, ids in ((path, True), (without_ids, False)):
        result = validate(load_sheet(sheet), sandbox_catalog())
        assert result.rows["status"].tolist() == ["invalid", "invalid", "valid"] + (
            ["valid"] * 2 if ids else []
        )
        said = [p.message for p in result.problems if p.kind == "One person's addresses"]
        assert said == [
            f"Row {row}, column 'Address Type': Ann Lee is listed once per address (row 2 'Home', row 3 'Work'): "
            "each row would send a card to another address. Keep only the row of the address the card goes "
            "to, and delete the others."
            for row in (2, 3)
        ]
    assert main(["run", str(without_ids), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    assert [line["PhysicalDeliveryAddress"]["Name"] for line in vendor_lines(isolated_data_dir)] == [
        "Bob Ray"
    ]


@pytest.mark.parametrize(
    "header",
    ["Preferred Address", "Address Preference", "Deliver To", "Shipping Preference", "Mail To", "Mail", "Mailing"],
)  # fmt: skip
def test_a_column_choosing_the_work_address_is_not_sent_home_unsaid(tmp_path: Path, header: str) -> None:
    """Found by hunter-sheets10: a list with Home and Work address columns and a 'Preferred Address' column
    (Home / Work) was read by its home address for every row: Bob's 'Work' card went to his home, exit 0,
    nothing said. bulkship reads one address group for all rows: a row choosing another is an error on it."""
    path = tmp_path / "choice.csv"
    path.write_text(
        f"Name,{header},Home Address,Home City,Home State,Home ZIP,Work Address,Work City,Work State,Work ZIP,"
        "Product,Amount\n"
        "Ann Lee,Home,1 Main St,Boston,MA,02108,100 Corp Way,Cambridge,MA,02139,CVS,25\n"
        "Bob Ray,Work,2 Main St,Boston,MA,02108,100 Corp Way,Cambridge,MA,02139,CVS,25\n"
        "Cy Dunn,Office,3 Main St,Boston,MA,02108,100 Corp Way,Cambridge,MA,02139,CVS,25\n"
        "Di Fox,,4 Main St,Boston,MA,02108,100 Corp Way,Cambridge,MA,02139,CVS,25\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["status"].tolist() == ["valid", "invalid", "invalid", "valid"]
    errors = {p.row: p.message for p in result.problems if p.severity == "error"}
    assert errors[3] == (
        f"Row 3, column '{header}': 'Work' says this card goes to the work address, and bulkship sends it to "
        f"'Home Address' (2 Main St). Write the address it goes to in 'Home Address' and the columns beside "
        f"it, or clear '{header}'."
    )


def test_an_adp_payroll_name_is_the_legal_name_a_preferred_one_fills_in_over(tmp_path: Path) -> None:
    """Found by newcomer5 with an ADP Workforce Now report: its 'Payroll Name' ('Lopez, Maria J') was not read,
    so 'Preferred Name' was taken for the whole name: every row with none was 'Name missing' (fill in the
    recipient's name), and 'Shiv' went on the parcel alone."""
    path = tmp_path / "adp.csv"
    path.write_text(
        "Associate ID,Payroll Name,Preferred Name,Home Address Line 1,Home City,Home State/Territory Code,"
        "Home Zip Code,Gift Card,Reward Amount\n"
        'A00101,"Lopez, Maria J",,12 Beacon St,Boston,MA,02134,CVS,50\n'
        'A00103,"O\'Brien, Siobhan",Shiv,77 Harbor Rd,Portland,ME,04101,TARGET,100\n'
        'A00106,"Smith Jr., Robert",Bob,221 Baker St,Austin,TX,78701,CVS,25\n'
    )
    loaded = load_sheet(path)
    assert loaded.column_map["Payroll Name"] == "name"
    assert loaded.preferred == {"name": "Preferred Name"}
    result = validate(loaded, sandbox_catalog())
    assert result.rows["name"].tolist() == ["Maria J Lopez", "Shiv O'Brien", "Bob Smith Jr."]
    assert result.rows["status"].tolist() == ["valid", "valid", "valid"]


SHOPIFY_ORDERS = (
    "Name,Email,Financial Status,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,Total,Shipping Method,"
    "Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing Name,Billing Street,Billing Address1,"
    "Billing Address2,Billing City,Billing Zip,Billing Province,Billing Country,Shipping Name,Shipping Street,"
    "Shipping Address1,Shipping Address2,Shipping City,Shipping Zip,Shipping Province,Shipping Country,"
    "Cancelled at\n"
)


def test_a_shopify_orders_export_is_read_by_its_shipping_address(tmp_path: Path) -> None:
    """Found by hunter-sheets14: a Shopify orders export was refused twice before it could be read, each
    time as having two columns for one field: 'Shipping' (what the shipping cost, 0.00) beside 'Shipping
    Method', then 'Shipping Street' (line 1 and line 2 together) beside 'Shipping Address1'. The cost is no
    shipping method and the street is its two lines: 'Shipping Method', 'Shipping Address1' and 'Shipping
    Address2' are read, each other column said unused and why."""
    path = tmp_path / "orders_export.csv"
    path.write_text(
        SHOPIFY_ORDERS
        + "#1001,ann@example.com,paid,,USD,25.00,0.00,0.00,25.00,Standard,1,CVS Gift Card,25.00,CVS,Ann Lee,"
        "1 Main St,1 Main St,,Boston,'02134,MA,US,Ann Lee,1 Main St,1 Main St,,Boston,'02134,MA,US,\n"
        "#1002,bob@example.com,paid,,USD,50.00,5.99,0.00,55.99,Standard,1,Target Gift Card,50.00,TARGET,Bob Ray,"
        "2 Elm St,2 Elm St,,Salem,'01970,MA,US,Robert Ray,\"9 Pine St, Apt 4\",9 Pine St,Apt 4,Salem,'01970,MA,"
        "US,\n"
    )
    program = ProgramSettings(columns={"value": "Lineitem price", "product": "Lineitem sku"})
    loaded = load_sheet(path, program=program)
    fields = {field: header for header, field in loaded.column_map.items()}
    assert [fields[f] for f in ("name", "address1", "address2", "shipping_method")] == [
        "Shipping Name", "Shipping Address1", "Shipping Address2", "Shipping Method"
    ]  # fmt: skip
    assert (
        "Column 'Shipping' (G) is not used: its values ('0.00', '5.99') are not shipping methods: 'Shipping"
        " Method' is used for Shipping Method." in loaded.notices
    )
    assert (
        "Column 'Shipping Street' (X) is not used: it holds what 'Shipping Address1' and 'Shipping Address2'"
        " hold together; they are used." in loaded.notices
    )
    result = validate(loaded, sandbox_catalog(), program=program)
    assert result.rows[["name", "address1", "address2"]].values.tolist() == [
        ["Ann Lee", "1 Main St", ""], ["Robert Ray", "9 Pine St", "Apt 4"]
    ]  # fmt: skip
    assert result.rows["status"].tolist() == ["valid", "valid"]


def test_a_street_saying_more_than_its_two_lines_is_still_a_rival(tmp_path: Path) -> None:
    """The other side of the test above: where one row's street says another address than its lines, the two
    street columns are rivals again, and the file is refused as before."""
    path = tmp_path / "orders_export.csv"
    path.write_text(
        SHOPIFY_ORDERS
        + "#1001,ann@example.com,paid,,USD,25.00,0.00,0.00,25.00,Standard,1,CVS Gift Card,25.00,CVS,Ann Lee,"
        "1 Main St,1 Main St,,Boston,'02134,MA,US,Ann Lee,5 Other Rd,1 Main St,,Boston,'02134,MA,US,\n"
    )
    program = ProgramSettings(columns={"value": "Lineitem price", "product": "Lineitem sku"})
    with pytest.raises(AmbiguousColumnsError, match="'Shipping Street' \\(X\\) and 'Shipping Address1'"):
        load_sheet(path, program=program)


@pytest.mark.parametrize("header", ["Employee Status Code", "Status Code", "Employment Status Code"])
def test_an_hr_export_s_status_code_of_a_person_gone_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Found by hunter-sheets15: an HR export's 'Employee Status Code' (UKG's, Paycom's) = T (terminated) or D
    (deceased) was read as nothing and the card ordered, exit 0, where ADP's 'Position Status' = T left the
    row out. Each leaves its row out; A (active) and L (on leave) send."""
    path = tmp_path / "codes.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,T\nBob Ray,2 Main St,Boston,MA,02134,CVS,25,A\n"
        "Cy Orr,3 Main St,Boston,MA,02134,CVS,25,L\nDi Fox,4 Main St,Boston,MA,02134,CVS,25,D\n"
    )
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': 'T')"),
        (5, f"the list says not to send it (column '{header}': 'D')"),
    ]


WOO_ORDERS = (
    "Order Number,Order Status,Paid Date,First Name (Billing),Last Name (Billing),Email (Billing),"
    "First Name (Shipping),Last Name (Shipping),Address 1 (Shipping),City (Shipping),State Code (Shipping),"
    "Postcode (Shipping),Payment Method Title,Order Total Amount,SKU,Item Cost\n"
)


def _write_shop_orders(path: Path, statuses: list[str]) -> None:
    """A WooCommerce orders export of four paid CVS orders (Cy Ng, Di Fox, Ed Orr, Flo Poe), with ``statuses``."""
    path.write_text(
        WOO_ORDERS
        + "".join(
            f"{1040 + i},{status},2026-12-01 10:0{i},Ann,Lee,ann@example.com,{name},{i} Main St,Boston,MA,"
            f"02134,Credit Card (Stripe),50.00,CVS,50.00\n"
            for i, (status, name) in enumerate(
                zip(statuses, ("Cy,Ng", "Di,Fox", "Ed,Orr", "Flo,Poe"), strict=True)
            )
        )
    )


def test_a_shop_s_paid_order_processing_is_sent(tmp_path: Path) -> None:
    """Found by hunter-falsealarm1 (left for hunter-sheets16): a WooCommerce orders export's 'Order Status' =
    Processing (paid, waiting for its card: the very orders a shop sends) was read as 'a card was made for it
    already' and every paid order left out, exit 0 with nothing to send; and 'Failed' (its payment failed)
    was ordered. In a shop's orders (billing and payment columns) Processing sends, Failed is left out, and
    Completed is sent already as before."""
    path = tmp_path / "orders-2026-12-04.csv"
    statuses = ["Processing", "processing", "Failed", "Completed"]
    _write_shop_orders(path, statuses)
    program = ProgramSettings(columns={"value": "Item Cost", "product": "SKU"})
    loaded = load_sheet(path, program=program)
    assert [(s.row, s.reason) for s in loaded.skipped] == [
        (4, "the list says not to send it (column 'Order Status': 'Failed')"),
        (5, "the list says it was sent already (column 'Order Status': 'Completed')"),
    ]
    result = validate(loaded, sandbox_catalog(), program=program)
    assert result.valid_rows[["first_name", "last_name"]].values.tolist() == [["Cy", "Ng"], ["Di", "Fox"]]


def test_a_shop_s_order_paid_or_awaiting_its_shipment_is_sent(tmp_path: Path) -> None:
    """Found by hunter-falsealarm2: in a shop's orders (billing and payment columns) 'Order Status' = Paid,
    Awaiting Fulfillment or Awaiting Shipment (BigCommerce's paid orders not shipped yet) was left out as
    'sent already', exit 0: each is an order paid and waiting for its card, and sends. Shipped still is sent
    already."""
    path = tmp_path / "orders.csv"
    statuses = ["Paid", "Awaiting Fulfillment", "Awaiting Shipment", "Shipped"]
    _write_shop_orders(path, statuses)
    program = ProgramSettings(columns={"value": "Item Cost", "product": "SKU"})
    assert [(s.row, s.reason) for s in load_sheet(path, program=program).skipped] == [
        (5, "the list says it was sent already (column 'Order Status': 'Shipped')")
    ]


def test_a_card_processing_in_a_tracking_sheet_is_still_a_card_made(tmp_path: Path) -> None:
    """The other side: a tracking sheet's 'Order Status' = Processing (no shop's billing or payment columns)
    is a card being made, left out as before; its 'Failed' (an order that made no card) sends."""
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Order Status,Payment Method\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,Processing,Invoice\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,50,Failed,Invoice\n"
    )
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, "the list says a card was made for it already (column 'Order Status': 'Processing')")
    ]


@pytest.mark.parametrize(
    "billing", ["Billing Code,Payment Method", "Billing Dept,Paid By", "Billing Account,Payment Status"]
)
@pytest.mark.parametrize("status", ["Card Status", "Order Status", "Shipping Status"])
def test_a_tracker_s_billing_and_payment_columns_make_no_shop_of_it(
    tmp_path: Path, billing: str, status: str
) -> None:
    """Found by hunter-sheets17: a tracker of cards bought for a department ('Billing Code', 'Payment
    Method') was read as a shop's orders export, so its 'Card Status' = Processing (a card being made) and
    'Paid' (one paid for) were a shop's paid orders to send: each was ordered a second time, exit 0. A shop
    is known by its buyer's billing name or address, and its paid orders only under the order's own status;
    here both rows are left out as a tracker's."""
    path = tmp_path / "tracker.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{billing},{status}\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,4410,Amex,Processing\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,50,4410,Amex,Paid\n"
        "Cy Ng,3 Main St,Boston,MA,02134,CVS,50,4410,Amex,\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [2, 3]


def test_the_shipping_s_cost_or_a_ship_card_question_is_not_the_card(tmp_path: Path) -> None:
    """Found by hunter-sheets16: a list's 'Shipping Amount' (what shipping cost, 10.00) beside its 'Value' of
    50 was read as the card's value and 'Value' left unused: a $10 card ordered, exit 0; and a 'Ship Card?'
    column (Yes/No) beside 'Product' was read as the card, every row "'No' is not a product". The
    shipping's words around a card or an amount name the shipping: 'Value' and 'Product' are read, 'Ship
    Card?' = No leaves its row out, and a 'Shipping Amount' alone beside a default amount is refused as
    looking like Value (never read as the card's)."""
    path = tmp_path / "list.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Shipping Amount,Ship Card?\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,10.00,Yes\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,50,10.00,No\n"
    )
    loaded = load_sheet(path)
    assert {h: f for h, f in loaded.column_map.items() if f in ("value", "product")} == {
        "Product": "product",
        "Value": "value",
    }
    assert [(s.row, s.reason) for s in loaded.skipped] == [
        (3, "the list says not to send it (column 'Ship Card?': 'No')")
    ]
    result = validate(loaded, sandbox_catalog())
    assert result.valid_rows[["name", "product", "value"]].values.tolist() == [["Ann Lee", "CVS", "50"]]
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Shipping Amount\nAnn Lee,1 Main St,Boston,MA,02134,CVS,10.00\n"
    )
    with pytest.raises(
        BulkshipError, match="Column 'Shipping Amount' \\(G\\) looks like Value, which no column gives"
    ):
        load_sheet(path, program=ProgramSettings(defaults={"value": "50"}))


def test_a_home_s_value_or_a_business_card_is_not_the_card(tmp_path: Path) -> None:
    """Found by hunter-sheets16: a realtor's client list's 'Home Value' (450000) beside its 'Value' of 50 was
    read as the card's value, every row "450000 is not a value CVS comes in"; a 'Business Card' (Yes/No)
    column was read as the card beside 'Product'. A place's words around a card or an amount name something
    of that place: 'Value' and 'Product' are read, the others unused."""
    path = tmp_path / "clients.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Home Value,Business Card\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,450000,Yes\n"
    )
    loaded = load_sheet(path)
    assert {h: f for h, f in loaded.column_map.items() if f in ("value", "product")} == {
        "Product": "product",
        "Value": "value",
    }
    assert validate(loaded, sandbox_catalog()).valid_rows[["product", "value"]].values.tolist() == [
        ["CVS", "50"]
    ]


def test_a_client_list_s_contact_is_the_recipient_and_its_business_the_company(tmp_path: Path) -> None:
    """Found by hunter-sheets16: a B2B client list ('Business Name', 'Contact First Name', 'Contact Last
    Name') was read with 'Business Name' as the recipient's name and the contact's columns unused: the card
    went to 'Acme Corp' with nobody's name on it, exit 0. The contact is the recipient and the business
    the company; 'Customer First Name', 'Donor Last Name' and the like are read as the person's too."""
    path = tmp_path / "clients.csv"
    path.write_text(
        "Business Name,Contact First Name,Contact Last Name,Address,City,State,ZIP,Product,Value\n"
        "Acme Corp,Ann,Lee,1 Main St,Boston,MA,02134,CVS,50\n"
    )
    loaded = load_sheet(path)
    assert {
        h: f for h, f in loaded.column_map.items() if f in ("name", "first_name", "last_name", "company")
    } == {
        "Business Name": "company",
        "Contact First Name": "first_name",
        "Contact Last Name": "last_name",
    }
    result = validate(loaded, sandbox_catalog())
    assert result.valid_rows[["first_name", "last_name", "company"]].values.tolist() == [
        ["Ann", "Lee", "Acme Corp"]
    ]
    path.write_text("Customer First Name,Customer Last Name,Address,City,State,ZIP,Product,Value\n")
    assert set(load_sheet(path).column_map) >= {"Customer First Name", "Customer Last Name"}


@pytest.mark.parametrize(
    "header",
    ["Company / Account", "Associated Company", "Company/Organization", "Organization Name", "Firm Name"],
)
def test_a_crm_s_company_under_another_header_goes_on_the_parcel(
    tmp_path: Path, isolated_data_dir: Path, header: str
) -> None:
    """newcomer14's leftover, found again by hunter-sheets24: a Salesforce lead report's 'Company / Account'
    (HubSpot's 'Associated Company', a form's 'Company/Organization', 'Organization Name', 'Firm Name') was
    'not used': the card went to Suite 400 of the office without its company, exit 0. It is the company,
    read only where no other column names it: beside HubSpot's own 'Company Name' that one is used and
    nothing is refused; two such headers are read as neither, as before, and the file is not refused."""
    path = tmp_path / "leads.csv"
    path.write_text(
        f'First Name,Last Name,"{header}",Street,City,State,ZIP,Product,Value\n'
        "Ann,Lee,Acme Corp,1 Main St Suite 400,Boston,MA,02108,CVS,25\n"
    )
    assert load_sheet(path).column_map[header] == "company"
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    sent = vendor_lines(isolated_data_dir)[0]["PhysicalDeliveryAddress"]
    assert (sent["AddressLine1"], sent.get("AddressLine2")) == ("1 Main St Suite 400", "Acme Corp")
    path.write_text(
        f'Name,Company Name,"{header}",Street,City,State,ZIP,Product,Value\n'
        "Bo Ray,Beta LLC,Beta Holdings,2 Elm St,Boston,MA,02108,CVS,25\n"
    )
    assert load_sheet(path).column_map["Company Name"] == "company"
    path.write_text(
        f'Name,Agency Name,"{header}",Street,City,State,ZIP,Product,Value\n'
        "Bo Ray,Beta LLC,Beta Holdings,2 Elm St,Boston,MA,02108,CVS,25\n"
    )
    assert "company" not in load_sheet(path).column_map.values()


def test_a_shop_export_s_street_lines_together_are_read_as_the_street(tmp_path: Path) -> None:
    """Found by hunter-sheets16: a WooCommerce orders export's 'Address 1&2 (Shipping)' (the street's two
    lines in one column) was not read, the export refused as lacking Address Line 1 beside a note that it
    looked like Shipping Method. It is the street, of the shipping address ('(Billing)' is not read)."""
    path = tmp_path / "orders.csv"
    path.write_text(
        "Order Number,Order Status,Paid Date,First Name (Shipping),Last Name (Shipping),Address 1&2 (Billing),"
        "Address 1&2 (Shipping),City (Shipping),State Code (Shipping),Postcode (Shipping),Payment Method Title,"
        "SKU,Item Cost\n"
        "1041,Processing,2026-12-01,Ann,Lee,9 Bill Rd,2 Elm St Apt 4,Austin,TX,78701,PayPal,CVS,50.00\n"
    )
    program = ProgramSettings(columns={"value": "Item Cost", "product": "SKU"})
    loaded = load_sheet(path, program=program)
    assert {h: f for h, f in loaded.column_map.items() if f == "address1"} == {
        "Address 1&2 (Shipping)": "address1"
    }
    result = validate(loaded, sandbox_catalog(), program=program)
    assert result.valid_rows["address1"].tolist() == ["2 Elm St Apt 4"]


def test_workday_s_worker_on_leave_is_sent_without_the_leave_on_the_parcel(tmp_path: Path) -> None:
    """Found by newcomer9: Workday's "Worker" of a person on leave reads "Tom Reed (On Leave)", and the
    parcel went out to "Tom Reed (On Leave)", unsaid. The leave is taken off the name, said on the row; the
    card still goes (a leave never stops one), and a name of its own in brackets stays as written; with the
    worker's number before it, both are taken off."""
    path = tmp_path / "workday.csv"
    path.write_text(
        "Worker,Employee ID,Address,City,State,ZIP,Product,Value\n"
        "Tom Reed (On Leave),100236,1 Main St,Boston,MA,02134,CVS,25\n"
        "Ana Diaz (Leave of Absence),100237,2 Main St,Boston,MA,02134,CVS,25\n"
        "Bo Ray (LOA),100238,3 Main St,Boston,MA,02134,CVS,25\n"
        "Cy Dunn (Chip),100239,4 Main St,Boston,MA,02134,CVS,25\n"
        "Al Moe (100240) (On Leave),100240,5 Main St,Boston,MA,02134,CVS,25\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["name"].tolist() == ["Tom Reed", "Ana Diaz", "Bo Ray", "Cy Dunn (Chip)", "Al Moe"]
    said = [p.message for p in result.problems if p.column == "name"]
    assert said[0] == "Row 2, column 'Worker': 'Tom Reed (On Leave)' read as Tom Reed: a leave still sends."
    assert len(said) == 5 and all(p.severity == "warning" for p in result.problems if p.column == "name")


def test_a_remark_in_brackets_after_a_name_is_taken_off_or_said(tmp_path: Path) -> None:
    """Found by hunter-sheets20, left for hunter-sheets21: 'Ann Lee (maternity leave)', 'Lu Wu (on medical
    leave)', 'Kim Ro [LOA until 1/15]' went out printed so on the parcel, unsaid, where '(On Leave)' is
    taken off; and 'Di Evans (VIP)', 'Bob Lee (husband)', 'Hal Ix (he/him)', 'Ed Fox [manager]' were printed
    without a word. A leave of any kind is taken off the name (the card still goes); another remark is a
    warning on the row naming what goes on the parcel; a nickname or maiden name ('Robert (Bob) Smith',
    'Jane Doe (Smith)', 'Rey St (Bobby-Jo)') and a name without brackets say nothing."""
    path = tmp_path / "staff.csv"
    names = ["Ann Lee (maternity leave)", "Lu Wu (on medical leave)", "Kim Ro [LOA until 1/15]",
             "Mo Ali (Sabbatical)", "Di Evans (VIP)", "Bob Lee (husband)", "Hal Ix (he/him)", "Ed Fox [manager]",
             "Robert (Bob) Smith", "Jane Doe (Smith)", "Rey St (Bobby-Jo)", "Ola Pe"]  # fmt: skip
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value\n"
        + "".join(f"{name},{i} Main St,Boston,MA,02134,CVS,25\n" for i, name in enumerate(names, start=1))
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["name"].tolist() == ["Ann Lee", "Lu Wu", "Kim Ro", "Mo Ali", *names[4:]]
    assert result.rows["status"].tolist() == ["valid"] * len(names)
    said = {p.row: p.message for p in result.problems if p.column == "name"}
    assert sorted(said) == [2, 3, 4, 5, 6, 7, 8, 9]
    assert (
        said[2] == "Row 2, column 'Name': 'Ann Lee (maternity leave)' read as Ann Lee: a leave still sends."
    )
    assert said[6] == (
        "Row 6, column 'Name': 'Di Evans (VIP)' goes on the parcel as written, its remark in brackets too: take "
        "it out if not a name."
    )


@pytest.mark.parametrize(
    ("header", "row"),
    [
        (  # SAP HCM's addresses (infotype 0006) as its list writes them
            "Personnel Number,Last name,First name,c/o,Street and House No.,2nd Address Line,City,District,Postal Code,Region,Country Key",
            "100,Lopez,Maria,,12 Beacon St,Apt 4,Boston,Suffolk,02108,MA,US",
        ),
        (
            "Pers.No.,Last name,First name,Street/House number,2nd Address Line,City,Region,Postal code",
            "100,Lopez,Maria,12 Beacon St,Apt 4,Boston,MA,02108",
        ),
        (  # Namely's export under its API field names
            "first_name,last_name,home.address1,home.address2,home.city,home.state_id,home.zip,home.country_id",
            "Maria,Lopez,12 Beacon St,Apt 4,Boston,MA,02108,US",
        ),
        (  # RUN powered by ADP's employee census
            "Position ID,Last Name,First Name,Address 1 Line 1,Address 1 Line 2,Address 1 City,Address 1 State Postal Code,Address 1 Zip Code",
            "X1,Lopez,Maria,12 Beacon St,Apt 4,Boston,MA,02108",
        ),
    ],
)
def test_sap_namely_and_adp_run_exports_are_read_under_their_own_headers(
    tmp_path: Path, header: str, row: str
) -> None:
    """SAP's 'Street and House No.', Namely's 'home.state_id' and ADP RUN's 'Address 1 State Postal Code'
    meant nothing: each export was refused, exit 2, 'lacks required column(s): Address Line 1' (or State);
    and SAP's '2nd Address Line' (the apartment) was a column 'not used': the card went without it, exit 0.
    A 'State ID' a person typed beside the State (a number of theirs) is still no state."""
    path = tmp_path / "export.csv"
    path.write_text(f"{header},Gift Card,Amount\n{row},CVS,25\n")
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows[["name", "address1", "address2", "city", "state", "zip"]].values.tolist() == [
        ["Maria Lopez", "12 Beacon St", "Apt 4", "Boston", "MA", "02108"]
    ]
    assert result.rows["status"].tolist() == ["valid"]
    typed = tmp_path / "typed.csv"
    typed.write_text(
        "Name,Address,City,State,Zip,State ID,Product,Amount\nMaria Lopez,12 Beacon St,Boston,MA,02108,S1234567,CVS,25\n"
    )
    assert load_sheet(typed).column_map.get("State ID") is None


def test_workday_s_legal_and_preferred_name_parts_are_read_and_the_preferred_name_goes_on_the_parcel(
    tmp_path: Path,
) -> None:
    """Workday's report fields 'Legal Name - First Name' | 'Legal Name - Last Name' meant nothing: a report
    of them was refused, exit 2, 'lacks required column(s): Name'. Beside 'Worker' (the legal name whole),
    its 'Preferred Name - First Name' | '- Last Name' were unused and the card went to the legal name, and
    a 'Preferred First Name' beside 'Worker' made every row that filled it an error ('Robert Smith' shares
    no name with 'Bob'). The parcel carries the preferred name, as from a 'Preferred Name' of the whole
    name: the part not given is the legal one's, its suffix kept; the legal name stays where none is given."""
    legal = ["1,Robert,Smith,Bob,Smith", "2,Elizabeth,Jones,Liz,Ray", "3,Ann,Lee,,"]
    addresses = ["1 Main St,Boston,MA,02108", "9 Elm St,Salem,MA,01970", "4 Oak St,Boston,MA,02108"]
    where = (
        "Home Address - Address Line 1,Home Address - City,Home Address - State,Home Address - Postal Code"
    )
    report = tmp_path / "report.csv"
    report.write_text(
        f"Employee ID,Legal Name - First Name,Legal Name - Last Name,Preferred Name - First Name,Preferred Name - Last Name,{where},Product,Amount\n"
        + "".join(f"{r},{a},CVS,25\n" for r, a in zip(legal, addresses, strict=True))
    )
    result = validate(load_sheet(report), sandbox_catalog())
    assert result.rows["name"].tolist() == ["Bob Smith", "Liz Ray", "Ann Lee"]
    assert result.rows["status"].tolist() == ["valid"] * 3
    workers = ["Robert Smith Jr.", "Elizabeth Jones", "Ann Lee"]
    beside = tmp_path / "worker.csv"
    beside.write_text(
        f"Employee ID,Legal Name - First Name,Legal Name - Last Name,Preferred Name - First Name,Preferred Name - Last Name,Worker,{where},Product,Amount\n"
        + "".join(f"{r},{w},{a},CVS,25\n" for r, w, a in zip(legal, workers, addresses, strict=True))
    )
    result = validate(load_sheet(beside), sandbox_catalog())
    assert result.rows["name"].tolist() == ["Bob Smith Jr.", "Liz Ray", "Ann Lee"]
    assert result.rows["status"].tolist() == ["valid"] * 3
    for header in ("Preferred Name - First Name", "Preferred First Name"):
        first = tmp_path / "first.csv"
        first.write_text(
            f"Employee ID,Worker,{header},{where},Product,Amount\n"
            + "".join(
                f'{n},"{w}",{f},{a},CVS,25\n'
                for n, w, f, a in zip(
                    (1, 2, 3),
                    ("Smith, Robert", "Mary Ann Jones", "Ann Lee"),
                    ("Bob", "Mary Ann", ""),
                    addresses,
                    strict=True,
                )
            )
        )
        result = validate(load_sheet(first), sandbox_catalog())
        assert result.rows["name"].tolist() == ["Bob Smith", "Mary Ann Jones", "Ann Lee"], header
        assert result.rows["status"].tolist() == ["valid"] * 3, header
    spouse = tmp_path / "spouse.csv"  # the card goes to another person than the employee: her name stays
    spouse.write_text(
        "Employee First Name,Employee Last Name,Employee Preferred First Name,Recipient Name,Address,City,State,ZIP,Product,Amount\n"
        "John,Doe,Johnny,Jane Doe,1 Main St,Boston,MA,02108,CVS,25\n"
    )
    assert validate(load_sheet(spouse), sandbox_catalog()).rows["name"].tolist() == ["Jane Doe"]


def test_a_whole_address_without_its_zip_beside_a_zip_column_is_read_as_its_parts(tmp_path: Path) -> None:
    """newcomer15's N8: 'Home Address' = '88 Pleasant St, Apt 2, Watertown, MA' beside a 'Zip Code' column
    (Excel's, the leading zero lost) was refused, exit 2, 'lacks required column(s): City, State', its hint
    to rename headers or set [defaults] fitting nothing: a whole address is split only where no City, State
    or ZIP column is. Read now with the row's own ZIP; a cell ending with another ZIP than its column's is an
    error on its row (which is right?), one with none where the ZIP column is empty says the ZIP is."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Q4 Spot Awards - Finance approved"])
    sheet.append(["Employee ID", "Employee Name", "Home Address", "Zip Code", "Gift Card", "Amount"])
    for row in (
        ["001234", "Nguyen, Anh", "88 Pleasant St, Apt 2, Watertown, MA", 2472, "CVS", 25],
        ["001235", "Smith, John", "14 Maple Ave, Brookline, MA 02446", 2446, "CVS", 25],
        ["001236", "Garcia, Sofia", "300 Congress Ave\nAustin, TX", 78701, "CVS", 25],
        ["001237", "Brown, Kevin", "21 Jump St, Providence, RI 02903", 2904, "CVS", 25],
        ["001238", "Wilson, Emma", "5 Harbor Rd, Portland, ME", None, "CVS", 25],
    ):  # fmt: skip
        sheet.append(row)
    book.save(tmp_path / "q4.xlsx")
    result = validate(load_sheet(tmp_path / "q4.xlsx"), sandbox_catalog())
    assert result.rows[["address1", "address2", "city", "state", "zip"]].values.tolist()[:3] == [
        ["88 Pleasant St", "Apt 2", "Watertown", "MA", "02472"],
        ["14 Maple Ave", "", "Brookline", "MA", "02446"],
        ["300 Congress Ave", "", "Austin", "TX", "78701"],
    ]
    assert result.rows["status"].tolist() == ["valid", "valid", "valid", "invalid", "invalid"]
    # ... and the cell of two lines is no street with a line 2 (the notice said 'Austin, TX' went as line 2)
    assert not [n for n in result.sheet.notices if "as line 2" in n], result.sheet.notices
    errors = [p.message for p in result.problems if p.severity == "error"]
    assert errors == [
        "Row 6, column 'Home Address': holds a whole address ending with the ZIP '02903', and the row's ZIP "
        "column says '2904': which is right? Write the same ZIP in both, or take it out of the address.",
        "Row 7, column 'Zip Code': is empty; fill in the 5-digit ZIP code.",
    ]


def test_oracle_s_town_or_city_and_ukg_s_name_last_suffix_first_mi_are_read(tmp_path: Path) -> None:
    """Oracle HCM's 'Town or City' and UKG Pro's 'Employee Name (Last Suffix, First MI)' meant nothing: each
    export was refused, exit 2, 'lacks required column(s): City' (or Name). The name is written last name
    first, as its header says: 'Smith Jr, Robert J' goes out as Robert J Smith Jr."""
    oracle = tmp_path / "oracle.csv"
    oracle.write_text(
        "Person Number,Full Name,Address Line 1,Address Line 2,Town or City,State,Postal Code,Product,Amount\n"
        '100,"Smith, Robert",1 Main St,Apt 2,Boston,MA,02108,CVS,25\n'
    )
    ukg = tmp_path / "ukg.csv"
    ukg.write_text(
        "Employee Number,Employee Name (Last Suffix, First MI),Home Address 1,Home City,Home State,Home ZIP,Product,Amount\n"
        '100,"Smith Jr, Robert J",1 Main St,Boston,MA,02108,CVS,25\n'
        '101,"Lee, Ann",2 Main St,Boston,MA,02108,CVS,25\n'
    )
    for path, names in ((oracle, ["Robert Smith"]), (ukg, ["Robert J Smith Jr", "Ann Lee"])):
        result = validate(load_sheet(path), sandbox_catalog())
        assert result.rows["name"].tolist() == names
        assert set(result.rows["city"]) == {"Boston"} and set(result.rows["status"]) == {"valid"}


def test_a_header_naming_its_field_and_its_names_abroad_is_that_field(tmp_path: Path) -> None:
    """PayPal's download names the state 'State/Province/Region/County/Territory/Prefecture/Republic' and line
    2 'Address Line 2/District/Neighborhood': the list was refused, exit 2, 'lacks required column(s): State',
    and the apartment unread. A header of three names or more apart by slashes is its first name's field where
    no other name is another field's; 'City/State/ZIP' (one column of three fields) is still none of them."""
    path = tmp_path / "paypal.csv"
    path.write_text(
        "Name,Address Line 1,Address Line 2/District/Neighborhood,Town/City,"
        "State/Province/Region/County/Territory/Prefecture/Republic,Zip/Postal Code,Country,Product,Amount\n"
        "Robert Smith,1 Main St,Apt 2,Boston,MA,02108,United States,CVS,25\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows[["address1", "address2", "city", "state", "zip"]].values.tolist() == [
        ["1 Main St", "Apt 2", "Boston", "MA", "02108"]
    ]
    combined = tmp_path / "combined.csv"
    combined.write_text(
        "Name,Street,City,State,ZIP,City/State/ZIP,Product,Amount\n"
        'Robert Smith,1 Main St,Boston,MA,02108,"Boston, MA 02108",CVS,25\n'
    )
    assert load_sheet(combined).column_map.get("City/State/ZIP") is None


@pytest.mark.parametrize("buyer", ["Customer Name", "Donor Name", "Employee Name"])
def test_the_recipient_s_name_beside_the_buyer_s_is_the_one_on_the_parcel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], buyer: str
) -> None:
    """hunter-sheets26's leftover 2: Square's gift card orders name the buyer ('Customer Name') and the
    person the card goes to ('Recipient Name', 'Recipient Address' ...): the export was refused, exit 2,
    "Columns 'Customer Name' (A) and 'Recipient Name' (B) both look like Name"; so with a 'Donor Name' or an
    'Employee Name' (who nominated) beside it. The card goes to the recipient; the other column is unused."""
    path = tmp_path / "square.csv"
    path.write_text(
        f"{buyer},Recipient Name,Recipient Address,Recipient Address 2,Recipient City,Recipient Region,"
        "Recipient Postal Code,Product,Amount\nJane Smith,Robert Smith,1 Main St,Apt 2,Boston,MA,02108,CVS,25\n"
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    [line] = vendor_lines(resolve_settings().data_dir)
    assert line["PhysicalDeliveryAddress"]["Name"] == "Robert Smith"
    assert "both look like" not in capsys.readouterr().err
    assert load_sheet(path).column_map.get(buyer) is None


def test_an_outlook_contact_with_a_business_address_alone_is_told_where_its_address_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_data_dir: Path
) -> None:
    """An Outlook contacts export (Home Street ... beside Business Street ...): a contact with only a business
    address was four errors 'is empty; fill in ...' naming no address it has (hunter-sheets32's leftover 1,
    fixed by hunter-sheets33). It is still not sent (an empty home address is no sign the work one is
    meant), and its street's error says which column holds its other address and how to send it there."""
    path = tmp_path / "contacts.CSV"
    path.write_text(
        "First Name,Last Name,Home Street,Home City,Home State,Home Postal Code,Company,Business Street,"
        "Business City,Business State,Business Postal Code,Product,Value\n"
        "Ann,Lee,1 Main St,Boston,MA,02134,Acme,9 Work Rd,Cambridge,MA,02139,CVS,25\n"
        'Bob,Ray,,,,,Ray LLC,"2 Elm St\nSuite 400",Newark,NJ,07102,CVS,25\n'
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert (
        "Row 3, column 'Home Street': this row's 'Business Street' holds '2 Elm St, Suite 400', not used: the "
        "cards go to the address in 'Home Street' and the columns beside it. To send this card to that "
        "address, copy it into those columns on this row." in said
    ), said
    assert "Row 3, column 'Home City': is empty" in said
    assert [a["Name"] for a in (li["PhysicalDeliveryAddress"] for li in vendor_lines(isolated_data_dir))] == [
        "Ann Lee"
    ]


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Employee Status Code"])
def test_a_payroll_census_s_status_code_i_for_inactive_leaves_the_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by newcomer24: a Paychex census's 'Status' = I (inactive) was read as nothing and the card ordered,
    where T and D beside it, and the word 'Inactive' itself, leave the row out. I leaves it out now, said as
    T is; A, L, S and R (the words' decisions: active, a leave, retired) still send."""
    path = tmp_path / "Paychex_Employee_Census.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        + "".join(
            f"Person {i},{i} Main St,Boston,MA,02134,CVS,50,{code}\n"
            for i, code in enumerate(["A", "I", "T", "L", "i", "S", "R", "D"], start=2)
        )
    )
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (3, f"the list says not to send it (column '{header}': 'I')"),
        (4, f"the list says not to send it (column '{header}': 'T')"),
        (6, f"the list says not to send it (column '{header}': 'i')"),
        (9, f"the list says not to send it (column '{header}': 'D')"),
    ]
