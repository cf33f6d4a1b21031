"""The country as lists write it: by its ISO number ('840'), a number that is no country's ('country_id' = 1),
another country's address (hunter-sheets27)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

HEADERS = ["Employee ID", "Name", "Home Street", "Home City", "Home State", "Home Zip"]
PEOPLE = [
    ["E1", "Ann Lee", "1 Main St", "Boston", "MA", "02134"],
    ["E2", "Bo Ray", "2 Elm St", "Austin", "TX", "78701"],
    ["E3", "Cy Orr", "3 Oak Ave", "Denver", "CO", "80202"],
]


def workbook(path: Path, header: str, countries: list[object]) -> Path:
    """An HR export as openpyxl writes it, the country a number cell where it is one."""
    book = openpyxl.Workbook()
    book.active.append([*HEADERS, header, "Gift Card", "Amount"])
    for person, country in zip(PEOPLE, countries, strict=True):
        book.active.append([*person, country, "CVS", 25])
    book.save(path)
    return path


def said_errors(capsys: pytest.CaptureFixture[str]) -> list[str]:
    problems = json.loads(capsys.readouterr().out)["problems"]
    return [p["message"] for p in problems if p["severity"] == "error"]


def sent() -> list[tuple[str, str]]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    lines = [li["PhysicalDeliveryAddress"] for order in orders for li in order["LineItems"]]
    return sorted((a["Name"], a["Country"]) for a in lines)


@pytest.mark.parametrize(
    ("header", "countries", "said"),
    [
        (  # ISO 3166 numeric, a number cell: the US, said once
            "home.country_id",
            [840, 840, 840],
            "Column 'home.country_id' writes the country as its ISO 3166 number on 3 row(s), each read as "
            "its code (840 as US)",
        ),
        ("Country", ["840", "840", "840"], "writes the country as its ISO 3166 number on 3 row(s)"),
        (  # a system's own number for the country: no country said, each address checked as a US one
            "country_id",
            [1, 1, 1],
            "Column 'country_id' (G) is not read as Country: its cells are numbers ('1'), none of them a "
            "country's code",
        ),
        (  # the phone's country code
            "Country Code",
            ["+1", "+1", "1"],
            "Column 'Country Code' (G) is not read as Country: its cells are numbers ('+1', '1'), none",
        ),
    ],
)
def test_a_country_written_as_a_number_sends_every_us_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, countries: list[object], said: str
) -> None:
    """Found by review43 (a leftover of 9eb90b49, which reads an API field 'country_id' as the country): a
    list whose country column held numbers, ISO 3166's '840' for the US or an HR system's own '1', beside
    full US addresses, made every row an error "'840' is not a country bulkship knows", exit 1, nothing
    sent (a 'Country' or 'Country Code' of them did so before 9eb90b49 too). '840' is the US now, said once;
    a column of numbers that are no country's code is not read as the country, said once: each address is
    checked as a US one, as where no column gives the country."""
    path = workbook(tmp_path / "export.xlsx", header, countries)
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert said in " ".join(capsys.readouterr().err.split())
    assert sent() == [("Ann Lee", "US"), ("Bo Ray", "US"), ("Cy Orr", "US")]


def test_another_country_s_iso_number_is_that_country_and_its_row_is_not_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A row numbered 124 (Canada) among rows numbered 840 is that country's, an error on its row (the
    vendor ships to US addresses only); the others are sent."""
    path = workbook(tmp_path / "export.xlsx", "Country", [840, 124, 840])
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert "Row 3, column 'Country': '124'" in said and "US addresses only" in said, said
    assert sent() == [("Ann Lee", "US"), ("Cy Orr", "US")]


def test_an_address_abroad_is_one_error_saying_the_cards_ship_to_us_addresses_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer16 (N8): a HubSpot export's Canadian contact (Toronto, ON, M5H 2M5, Canada) had three
    errors, the first two "'ON' is not a US state; use the 2-letter code (e.g. MA)" and "'M5H 2M5' is not a
    US ZIP code; use 5 digits", advice wrong for it, the real one last. Its one error now says the cards
    ship to US addresses only; so for a Canadian address in a list with no country column (its province
    and postal code say it). A US row's state stays checked as before."""
    path = tmp_path / "hubspot.csv"
    header = "First Name,Last Name,Street Address,City,State/Region,Postal Code,Country/Region"
    path.write_text(
        f"{header},Gift Card,Amount\n"
        "Jenna,Morris,100 Summer St,Boston,Massachusetts,02110,United States,CVS,25\n"
        "Claire,Dubois,88 Queen St W,Toronto,ON,M5H 2M5,Canada,CVS,25\n"
        "Hugo,Roy,1 Rue Sherbrooke,Montreal,QC,H2X 1Y4,124,CVS,25\n"
    )
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1
    errors = [
        p["message"] for p in json.loads(capsys.readouterr().out)["problems"] if p["severity"] == "error"
    ]
    assert errors == [
        "Row 3, column 'Country/Region': 'Canada': physical gift cards ship to US addresses only (including "
        "APO/FPO/DPO).",
        "Row 4, column 'Country/Region': '124' (Canada): physical gift cards ship to US addresses only "
        "(including APO/FPO/DPO).",
    ]
    bare = tmp_path / "bare.csv"
    bare.write_text(
        "Name,Address,City,State,ZIP,Product,Amount\n"
        "Claire Dubois,88 Queen St W,Toronto,Ontario,M5H 2M5,CVS,25\n"
        "Ed Lo,5 Elm St,Boston,ON,02134,CVS,25\n"
    )
    assert main(["validate", str(bare), "--json", "--out", str(tmp_path / "out")]) == 1
    errors = [
        p["message"] for p in json.loads(capsys.readouterr().out)["problems"] if p["severity"] == "error"
    ]
    assert errors == [
        "Row 2, column 'ZIP': 'M5H 2M5' in Ontario is a Canadian address: physical gift cards ship to US "
        "addresses only (including APO/FPO/DPO).",
        "Row 3, column 'State': 'ON' is not a US state; use the 2-letter code (e.g. MA) or the full name "
        "(Massachusetts).",
    ]


@pytest.mark.parametrize(
    "header", ["Country ISO", "Country ISO Code", "Country (ISO)", "ISO Country Code", "Country ISO2"]
)
def test_a_country_column_named_by_its_iso_code_is_read_as_the_country(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """Found by hunter-sheets28: an HR export's 'Country ISO' column (US, US, GB) was unused, "Column
    'Country ISO' (G) is not used, although its header looks like Country", and the London row was told
    "'SW1A 1AA' is not a US ZIP code; use 5 digits" and "State is empty; fill in the 2-letter state code",
    advice wrong for it. The column is the country now: the London row's one error says the cards ship to
    US addresses only, the US rows are sent."""
    path = tmp_path / "export.xlsx"
    book = openpyxl.Workbook()
    book.active.append([*HEADERS, header, "Gift Card", "Amount"])
    book.active.append([*PEOPLE[0], "US", "CVS", 25])
    book.active.append(["E2", "Ed Wu", "5 High St", "London", None, "SW1A 1AA", "GB", "CVS", 25])
    book.active.append([*PEOPLE[2], "US", "CVS", 25])
    book.save(path)
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert "is not used" not in said, said
    assert "not a US ZIP code" not in said and "State" not in said, said
    told = f"Row 3, column '{header}': 'GB' (United Kingdom): physical gift cards ship to US addresses"
    assert told in said, said
    assert sent() == [("Ann Lee", "US"), ("Cy Orr", "US")]


def test_a_us_territory_written_as_the_country_with_no_state_is_sent_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets28: Workday and SAP export Puerto Rico, Guam and the other US territories as
    countries with no state (ISO 3166 gives them no subdivision): 'San Juan', '', '00901', 'Puerto Rico'
    was an error "State is empty; fill in the 2-letter state code, e.g. MA", advice that fits no address
    there, and so for Guam by its code and the Virgin Islands by their ISO number. The state is the
    territory's code now, said on the row; the ZIP is still checked against it (Guam's row with a Boston
    ZIP stays an error)."""
    path = tmp_path / "workday.xlsx"
    book = openpyxl.Workbook()
    book.active.append([*HEADERS, "Country", "Gift Card", "Amount"])
    book.active.append(
        ["E1", "Ana Rivera", "1 Calle Luna", "San Juan", None, "00901", "Puerto Rico", "CVS", 25]
    )
    book.active.append(["E2", "Joe Cruz", "3 Marine Dr", "Hagatna", None, "96910", "GU", "CVS", 25])
    book.active.append(["E3", "Kim Smith", "4 Main St", "Charlotte Amalie", None, "00802", 850, "CVS", 25])
    book.active.append(["E4", "Lee Taitano", "5 Marine Dr", "Hagatna", None, "02134", "Guam", "CVS", 25])
    book.save(path)
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert "Row 5, column 'Home Zip': ZIP 02134 is not in state GU" in said, said
    assert "fill in the 2-letter state code" not in said, said
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    lines = [li["PhysicalDeliveryAddress"] for order in orders for li in order["LineItems"]]
    assert sorted((a["Name"], a["City"], a["State"], a["Zip"], a["Country"]) for a in lines) == [
        ("Ana Rivera", "San Juan", "PR", "00901", "US"),
        ("Joe Cruz", "Hagatna", "GU", "96910", "US"),
        ("Kim Smith", "Charlotte Amalie", "VI", "00802", "US"),
    ]


def test_an_address_abroad_in_a_list_with_no_country_is_told_why_it_is_not_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets28: in a list with no country column, a Mexican row ('Guadalajara', 'Jalisco',
    '44100') was told "'JALISCO' is not a US state; use the 2-letter code (e.g. MA)", a London row "State is
    empty; fill in the 2-letter state code" and "'SW1A 1AA' is not a US ZIP code; use 5 digits", advice that
    fits no address there (only Canada's were told the cards ship to US addresses only). A state of another
    country, or a UK postcode, is one error saying so now; a US row and a misspelled US state stay as
    they were."""
    path = tmp_path / "partners.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Card,Amount\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25\n"
        "Di Fox,4 Av Vallarta,Guadalajara,Jalisco,44100,CVS,25\n"
        "Ed Wu,5 High St,London,,SW1A 1AA,CVS,25\n"
        "Gus Tan,7 Hauptstr.,München,Bayern,80331,CVS,25\n"
        "Hal Poe,8 Elm St,Boston,Masachusetts,02134,CVS,25\n"
    )
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1
    assert said_errors(capsys) == [
        "Row 3, column 'State': 'Jalisco' is in Mexico: physical gift cards ship to US addresses only "
        "(including APO/FPO/DPO).",
        "Row 4, column 'Zip': 'SW1A 1AA' is a postcode of the United Kingdom: physical gift cards ship to US "
        "addresses only (including APO/FPO/DPO).",
        "Row 5, column 'State': 'Bayern' is in Germany: physical gift cards ship to US addresses only "
        "(including APO/FPO/DPO).",
        "Row 6, column 'State': 'MASACHUSETTS' is not a US state; use the 2-letter code (e.g. MA) or the "
        "full name (Massachusetts).",
    ]


def test_the_us_written_in_another_language_or_with_its_code_in_brackets_is_the_us(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets28: a bilingual HR system's 'Estados Unidos' and 'EE.UU.', and 'United States of
    America (USA)', were each "not a country bulkship knows; use a 2-letter code such as US", exit 1, beside
    full US addresses. Each is the US now; the state and ZIP are checked as any US row's."""
    path = tmp_path / "bilingual.csv"
    path.write_text(
        "Name,Street,City,State,ZIP,Country,Card,Amount\n"
        "Ann Lee,1 Main St,Boston,MA,02134,Estados Unidos,CVS,25\n"
        "Bo Ray,2 Elm St,Austin,TX,78701,EE.UU.,CVS,25\n"
        "Cy Orr,3 Oak Ave,Denver,CO,80202,United States of America (USA),CVS,25\n"
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert sent() == [("Ann Lee", "US"), ("Bo Ray", "US"), ("Cy Orr", "US")]
