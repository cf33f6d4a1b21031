"""A Mailchimp audience export, as Mailchimp writes it (found by newcomer24 following the README as a marketing
coordinator): its ADDRESS merge field in one cell, parts apart by two spaces, and the place each subscriber
signed up from (by IP address) in REGION and CC. Real CSV files, read by load_sheet and validate."""

# ruff: noqa: E501  (Mailchimp's header row and cells read best unwrapped)

from __future__ import annotations

import csv
from pathlib import Path

from intake_fixtures import sandbox_catalog

from bulkship.load import load_sheet
from bulkship.validate import validate

HEADER = "Email Address,Full Name,Address,Phone Number,Gift Card,Amount,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES,TAGS"
SUBSCRIBERS = [
    # email, name, ADDRESS (addr1  addr2  city  state  zip  country), CC, REGION: where the sign-up came from
    ("ava.reyes@example.com", "Ava Reyes", "6676 Elm St    Austin  TX  78704  US", "US", "CA"),
    ("liam.kim@example.com", "Liam Kim", "2048 Broad St  Apt 15  Denver  CO  80205  US", "GB", "ENG"),
    ("mia.cohen@example.com", "Mia Cohen", "88 Tremont St  Unit 4  Boston  MA  02118  US", "", ""),
]


def mailchimp_export(path: Path, subscribers: list[tuple[str, str, str, str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER.split(","))
        for n, (email, name, address, cc, region) in enumerate(subscribers):
            writer.writerow([email, name, address, "", "CVS", "25", "2", "2026-10-01 14:22:31", "",
                             "2026-10-01 14:23:02", "", "30.27", "-97.74", "-6", "-5", "America/Chicago", cc, region,
                             "2026-11-28 09:00:00", str(100 + n), f"e{n:07x}", "", "Sample Promo 2026"])  # fmt: skip
    return path


def test_a_mailchimp_audience_export_is_read_by_its_address_merge_field(tmp_path: Path) -> None:
    """The export was refused whole, exit 2: its REGION (the sign-up's state, by IP) was read as the State,
    so the ADDRESS cell was not split ("lacks required column(s): City, ZIP Code"), and its cells, parts
    apart by two spaces, were refused anyway ("split 'Address' ... Text to Columns", which cannot split on
    two spaces); CC was offered as the Country ("map it with [columns] country = "CC""): every subscriber
    who signed up from abroad then refused as not in the US. ADDRESS is read as Mailchimp writes it, street,
    line 2, city, state, ZIP; REGION and CC are not the address."""
    sheet = load_sheet(mailchimp_export(tmp_path / "members_export_8f2a1c9d04.csv", SUBSCRIBERS))
    assert "REGION" not in sheet.column_map and "CC" not in sheet.column_map
    assert not [n for n in sheet.notices if "'CC'" in n and "Country" in n], sheet.notices
    result = validate(sheet, sandbox_catalog())
    assert result.rows[["name", "address1", "address2", "city", "state", "zip"]].values.tolist() == [
        ["Ava Reyes", "6676 Elm St", "", "Austin", "TX", "78704"],
        ["Liam Kim", "2048 Broad St", "Apt 15", "Denver", "CO", "80205"],
        ["Mia Cohen", "88 Tremont St", "Unit 4", "Boston", "MA", "02118"],
    ]
    assert result.rows["status"].tolist() == ["valid"] * 3


def test_a_mailchimp_address_that_does_not_read_for_sure_is_an_error_on_its_row(tmp_path: Path) -> None:
    """Mailchimp's parts are read so (its line 2 and country may be left out); a cell of other parts (a
    subscriber abroad, a unit alone as the street, the state and ZIP in one part) is an error on its row,
    the others sent; a subscriber with no address is one too."""
    odd = [
        *SUBSCRIBERS,
        ("cy.young@example.com", "Cy Young", "400 Main St    Toronto  ON  M5V 2T6  CA", "CA", "ON"),
        ("di.park@example.com", "Di Park", "77 Lake Shore Dr  Chicago  IL  60611", "US", "IL"),
        ("ed.ruiz@example.com", "Ed Ruiz", "Apt 4  Chicago  IL  60611  US", "US", "IL"),
        ("fay.orr@example.com", "Fay Orr", "9 Elm St  Austin TX 78701  US", "US", "TX"),
        ("bo@example.com", "", "", "US", ""),
    ]
    result = validate(load_sheet(mailchimp_export(tmp_path / "members.csv", odd)), sandbox_catalog())
    assert result.rows["status"].tolist() == ["valid"] * 3 + ["invalid", "valid"] + ["invalid"] * 3
    assert result.rows["city"].tolist()[4] == "Chicago"


def test_a_double_space_typed_inside_the_street_is_never_read_as_its_line_2(tmp_path: Path) -> None:
    """Found by review62 checking 288a0efe: '12  Main St    Denver  CO  80205  US' (a subscriber's double
    space inside the street) was read as street '12', line 2 'Main St', the row valid: a card to a street cut
    in two. The parts are counted where two spaces are, an empty line 2 keeping its place: one part too many
    is an error on its row, as is a street of its number alone or a line 2 that is no unit."""
    typed = [
        *SUBSCRIBERS,
        ("di.park@example.com", "Di Park", "77 Lake Shore Dr  Chicago  IL  60611", "US", "IL"),
        ("ann.lee@example.com", "Ann Lee", "12  Main St    Denver  CO  80205  US", "US", "CO"),
        ("bo.ray@example.com", "Bo Ray", "12  Main St  Denver  CO  80205  US", "US", "CO"),
        ("cy.fox@example.com", "Cy Fox", "12  Main St  Apt 3  Denver  CO  80205  US", "US", "CO"),
    ]
    result = validate(load_sheet(mailchimp_export(tmp_path / "members.csv", typed)), sandbox_catalog())
    assert result.rows["status"].tolist() == ["valid"] * 4 + ["invalid"] * 3
    assert "Main St" not in result.rows["address2"].tolist()
