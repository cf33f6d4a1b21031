"""A mail-merge list's 'City, State ZIP' column beside the street, each cell an address label's last line
(hunter-sheets28)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import embedded_sandbox_orders
from test_web import upload

from bulkship.cli import main
from bulkship.settings import resolve_settings
from bulkship.web import create_app

MAIL_MERGE = (
    'Title,FirstName,LastName,Address1,Address2,"{header}",Card,Amount\n'
    'Ms.,Ann,Lee,12 Main St,Apt 4,"Boston, MA 02134",TARGET,25\n'
    'Mr.,Bob,Ray,7 Elm St,,"St. Louis, MO 63101-1234",TARGET,25\n'
    'Dr.,Cy,Orr,3 Oak Ave,,"New York, New York 10001",TARGET,25\n'
    ",Ed,Wu,5 Bay Rd,,Boston MA,TARGET,25\n"
    ',Fay,Li,6 Bay Rd,,"Austin, TX 02134",TARGET,25\n'
    ",Gus,Tan,7 Bay Rd,,,TARGET,25\n"
)


def sent() -> list[tuple[str, ...]]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    lines = [li["PhysicalDeliveryAddress"] for order in orders for li in order["LineItems"]]
    return sorted(
        (a["Name"], a["AddressLine1"], a.get("AddressLine2") or "", a["City"], a["State"], a["Zip"])
        for a in lines
    )


@pytest.mark.parametrize("header", ["City, State ZIP", "CityStateZip", "City/St/Zip", "CSZ"])
def test_a_column_of_city_state_and_zip_is_split_and_every_row_sent_or_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """Found by hunter-sheets28: a mail-merge list (Avery labels' fields) whose last address line is one
    column, 'City, State ZIP' = 'Boston, MA 02134', was refused whole, exit 2, "lacks required column(s):
    City, State, ZIP Code ... rename the headers", nobody sent. Each cell is split now, said once; the state
    and the ZIP are checked against each other as any row's are; a cell that cannot be split for sure, or
    an empty one, is an error on its row saying how to write it."""
    path = tmp_path / "labels.csv"
    path.write_text(MAIL_MERGE.format(header=header))
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert f"Column '{header}' (F) is read as City, State and ZIP Code" in said, said
    assert sent() == [
        ("Ann Lee", "12 Main St", "Apt 4", "Boston", "MA", "02134"),
        ("Bob Ray", "7 Elm St", "", "St. Louis", "MO", "63101-1234"),
        ("Cy Orr", "3 Oak Ave", "", "New York", "NY", "10001"),
    ]
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    errors = [p["message"] for p in problems if p["severity"] == "error"]
    assert errors == [
        f"Row 5, column '{header}': holds a city, state and ZIP bulkship cannot split for sure: write it as "
        "'Boston, MA 02134' (the city, a comma, the state's two letters and the 5-digit ZIP), or split the "
        "column into City, State and ZIP columns.",
        f"Row 6, column '{header}': ZIP 02134 is not in state TX; check both against the recipient's "
        "address.",
        f"Row 7, column '{header}': is empty; fill in the city, state and ZIP, e.g. 'Boston, MA 02134'.",
    ]


def test_a_city_column_beside_it_keeps_the_list_as_it_was(tmp_path: Path) -> None:
    """A list with its own City, State and ZIP columns reads them, its 'City State Zip' column unused."""
    path = tmp_path / "both.csv"
    path.write_text(
        "Name,Street,City,State,ZIP,City State Zip,Card,Amount\n"
        'Ann Lee,12 Main St,Boston,MA,02134,"Austin, TX 78701",TARGET,25\n'
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert sent() == [("Ann Lee", "12 Main St", "", "Boston", "MA", "02134")]


def test_the_columns_page_shows_the_column_read_as_the_city(tmp_path: Path) -> None:
    """The web page's Columns page showed 'City, State ZIP' as not used, though its review read each row's
    city, state and ZIP from it: it is shown feeding the City, as validate reads it."""
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    path = tmp_path / "labels.csv"
    path.write_text(
        'Name,Address1,"City, State ZIP",Card,Amount\nAnn Lee,12 Main St,"Boston, MA 02134",TARGET,25\n'
    )
    with TestClient(create_app(settings), follow_redirects=True) as client:
        upload(client, path, name="labels")
        columns = client.get("/batches/labels/columns").text
    chosen = re.findall(r'<option value="(\w+)" selected>', columns)
    assert chosen == ["name", "address1", "city", "product", "value"], chosen


def test_a_city_column_beside_it_without_state_or_zip_is_checked_against_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review48 checking b0dd0abd, left for hunter-sheets29: a list with 'City' and 'City, State
    ZIP' but no State or ZIP column was refused whole, exit 2, "lacks required column(s): State, ZIP
    Code", nobody sent. The combined column is read (split as alone), said once; the City column is checked
    against each row's city: where they differ ('Boston' beside 'Cambridge, MA 02139') the row is an error
    asking which is right, never sent to either."""
    path = tmp_path / "two.csv"
    path.write_text(
        'Name,Street,City,"City, State ZIP",Card,Amount\n'
        'Ann Lee,1 Main St,Boston,"Boston, MA 02134",TARGET,25\n'
        'Bob Ray,2 Elm St,st. louis,"St. Louis, MO 63101",TARGET,25\n'
        'Cy Orr,3 Oak Ave,Boston,"Cambridge, MA 02139",TARGET,25\n'
        'Di Pan,4 Bay Rd,,"Austin, TX 78701",TARGET,25\n'
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert (
        "Column 'City, State ZIP' (D) is read as City, State and ZIP Code: each cell is split ('Boston, MA "
        "02134' as Boston, MA, 02134); column 'City' (C) is checked against its city." in said
    ), said
    assert sent() == [
        ("Ann Lee", "1 Main St", "", "Boston", "MA", "02134"),
        ("Bob Ray", "2 Elm St", "", "St. Louis", "MO", "63101"),
        ("Di Pan", "4 Bay Rd", "", "Austin", "TX", "78701"),
    ]
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [p["message"] for p in problems if p["severity"] == "error"] == [
        "Row 4, column 'City, State ZIP': 'Cambridge, MA 02139' names another city than column 'City' "
        "('Boston'): which is right? Write the same city in both, or empty column 'City'."
    ]


@pytest.mark.parametrize("header", ["City, State", "City/State", "City/St"])
def test_a_column_of_city_and_state_beside_a_zip_column_is_split(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """Found by hunter-sheets29: an address list whose 'City, State' = 'Boston, MA' stands beside its own
    'Zip' column was refused whole, exit 2, "lacks required column(s): City, State ... rename the headers",
    nobody sent. Each cell is split into its city and state now, said once, the ZIP read from its column and
    checked against the state as any row's is; a cell that cannot be split for sure (no state) is an error
    on its row saying how to write it."""
    path = tmp_path / "labels.csv"
    path.write_text(
        f'Name,Address,"{header}",Zip,Card,Amount\n'
        'Ann Lee,1 Main St,"Boston, MA",02134,TARGET,25\n'
        "Bob Ray,2 Elm St,Austin TX,78701,TARGET,25\n"
        'Cy Orr,3 Oak Ave,"St. Louis, Missouri",63101,TARGET,25\n'
        'Di Pan,4 Bay Rd,"Boston, MA 02134",02134,TARGET,25\n'
        'Ed Wu,5 Bay Rd,"Austin, TX",02134,TARGET,25\n'
        "Fay Li,6 Bay Rd,Boston,02134,TARGET,25\n"
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert (
        f"Column '{header}' (C) is read as City and State: each cell is split ('Boston, MA' as Boston, MA)."
        in said
    )
    assert sent() == [
        ("Ann Lee", "1 Main St", "", "Boston", "MA", "02134"),
        ("Bob Ray", "2 Elm St", "", "Austin", "TX", "78701"),
        ("Cy Orr", "3 Oak Ave", "", "St. Louis", "MO", "63101"),
        ("Di Pan", "4 Bay Rd", "", "Boston", "MA", "02134"),
    ]
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [p["message"] for p in problems if p["severity"] == "error"] == [
        "Row 6, column 'Zip': ZIP 02134 is not in state TX; check both against the recipient's address.",
        f"Row 7, column '{header}': holds a city and state bulkship cannot split for sure: write it as "
        "'Boston, MA' (the city, a comma and the state's two letters), or split the column into City and "
        "State columns.",
    ]


@pytest.mark.parametrize("header", ["State/Zip", "State Zip", "ST/ZIP", "State & Zip Code"])
def test_a_state_and_zip_column_beside_the_city_is_split(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """hunter-sheets29's leftover 2, fixed by hunter-sheets30: 'Name | Address | City | State/Zip' ('MA
    02134', 'TX, 78701') was refused whole, exit 2, 'lacks required column(s): State, ZIP Code'. Each cell
    is split into the state and the ZIP now, said once; a cell without its ZIP is an error on its row."""
    sheet = tmp_path / "list.csv"
    sheet.write_text(
        f'Name,Address,City,"{header}",Card,Amount\n'
        "Ann Lee,1 Main St,Boston,MA 02134,TARGET,25\n"
        'Bob Ray,2 Elm St,Austin,"TX, 78701",TARGET,25\n'
        "Cy Orr,3 Elm St,Dallas,TX,TARGET,25\n"
    )
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert (
        f"Column '{header}' (D) is read as State and ZIP Code: each cell is split ('MA 02134' as MA" in said
    )
    assert f"Row 4, column '{header}': holds a state and ZIP bulkship cannot split for sure" in said
    assert sent() == [
        ("Ann Lee", "1 Main St", "", "Boston", "MA", "02134"),
        ("Bob Ray", "2 Elm St", "", "Austin", "TX", "78701"),
    ]


def test_a_state_and_zip_column_beside_the_city_and_the_state_is_split(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-sheets30's leftover 6, fixed by hunter-sheets32: a list with 'State' and 'State/Zip' ('MA' |
    'MA 02134', the ZIP only in the second) was refused whole, exit 2, 'lacks required column(s): ZIP
    Code'. 'State/Zip' is split now and 'State' checked against it: a row where they name two states is an
    error asking which is right, not sent to either."""
    sheet = tmp_path / "list.csv"
    sheet.write_text(
        "Name,Address,City,State,State/Zip,Card,Amount\n"
        "Ann Lee,1 Main St,Boston,MA,MA 02134,TARGET,25\n"
        "Bob Ray,2 Elm St,Austin,Texas,TX 78701,TARGET,25\n"
        "Cy Orr,3 Elm St,Austin,TX,NY 78701,TARGET,25\n"
    )
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert "Column 'State/Zip' (E) is read as State and ZIP Code" in said, said
    assert "column 'State' (D) is checked against its state" in said, said
    assert (
        "Row 4, column 'State/Zip': 'NY 78701' names another state than column 'State' ('TX'): which is "
        "right?" in said
    ), said
    assert sent() == [
        ("Ann Lee", "1 Main St", "", "Boston", "MA", "02134"),
        ("Bob Ray", "2 Elm St", "", "Austin", "TX", "78701"),
    ]


def test_a_state_and_zip_column_of_zips_alone_beside_the_state_is_the_zip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-sheets32's leftover 2, fixed by hunter-sheets33: a workbook with 'State' and 'State/Zip' whose
    cells are the ZIPs alone (2134 as Excel keeps it, 78701, '04101-1234') was refused whole, exit 2,
    'lacks required column(s): ZIP Code'. The column is read as the ZIP beside the State, said once."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    rows = [
        ("Name", "Address", "City", "State", "State/Zip", "Card", "Amount"),
        ("Ann Lee", "1 Main St", "Boston", "MA", 2134, "TARGET", 25),
        ("Bob Ray", "2 Elm St", "Austin", "TX", 78701, "TARGET", 25),
        ("Cy Orr", "3 Oak Ave", "Portland", "ME", "04101-1234", "TARGET", 25),
    ]
    for row in rows:
        book.active.append(row)
    sheet = tmp_path / "list.xlsx"
    book.save(sheet)
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert (
        "Column 'State/Zip' (E) holds ZIP codes alone beside column 'State' (D): it is read as the ZIP"
        in said
    )
    assert sent() == [
        ("Ann Lee", "1 Main St", "", "Boston", "MA", "02134"),
        ("Bob Ray", "2 Elm St", "", "Austin", "TX", "78701"),
        ("Cy Orr", "3 Oak Ave", "", "Portland", "ME", "04101-1234"),
    ]
