"""A Company column beside home addresses: the employer, or the contact's workplace, is no part of a home's
address (found by hunter-sheets32)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings


def _sent() -> list[tuple[str, str, str]]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    addresses = [li["PhysicalDeliveryAddress"] for order in orders for li in order["LineItems"]]
    return sorted((a["Name"], a["AddressLine1"], a.get("AddressLine2") or "") for a in addresses)


def test_a_company_beside_home_addresses_is_not_printed_on_the_parcels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An HR export's 'Company' (the employing legal entity) beside 'Home Address Line 1': each parcel to
    the person's home read 'Acme Corp US' on line 2, before the apartment ('Acme Corp US, Apt 3'). It is
    set aside now, said once; the apartment stays."""
    path = tmp_path / "workers.csv"
    path.write_text(
        "Employee ID,Worker,Company,Home Address Line 1,Home Address Line 2,Home City,Home State,"
        "Home Postal Code,Card,Amount\n"
        "1001,Ann Lee,Acme Corp US,1 Main St,,Boston,MA,02134,CVS,25\n"
        "1002,Bob Ray,Acme Corp US,2 Elm St,Apt 3,Austin,TX,78701,CVS,25\n"
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert (
        "Column 'Company' (C) is not printed on the parcels: the cards go to home addresses ('Home Address "
        "Line 1'), where a company line is no part of the address." in said
    ), said
    assert _sent() == [("Ann Lee", "1 Main St", ""), ("Bob Ray", "2 Elm St", "Apt 3")]


def test_a_company_beside_an_address_not_said_home_is_printed(tmp_path: Path) -> None:
    """The other side: beside 'Address' (a client list's, a business's own street) the company is printed,
    as before; and a program file mapping it prints it beside a home address too."""
    path = tmp_path / "clients.csv"
    path.write_text(
        "Name,Company,Address,City,State,ZIP,Card,Amount\n"
        "Ann Lee,Lee Dental,1 Main St,Boston,MA,02134,CVS,25\n"
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    home = tmp_path / "home.csv"
    home.write_text(path.read_text().replace("Address,", "Home Street,").replace("Ann Lee", "Bo Ray"))
    config = tmp_path / "program.toml"
    config.write_text('[columns]\ncompany = "Company"\n')
    assert (
        main(["run", str(home), "--config", str(config), "--yes", "--wait", "0", "--out", str(tmp_path)]) == 0
    )
    assert _sent() == [("Ann Lee", "1 Main St", "Lee Dental"), ("Bo Ray", "1 Main St", "Lee Dental")]


@pytest.mark.parametrize("header", ["Shipping Address (home or office)", "Home/Work Address"])
def test_a_company_beside_a_street_said_home_or_office_is_printed(tmp_path: Path, header: str) -> None:
    """A form's 'Shipping Address (home or office)': Ann's row is her office's suite, and its parcel went
    without 'Acme Corp' since the header names a home (found by review58 checking ab09ff02). A header naming
    a workplace beside the home keeps the company printed, as beside 'Address'."""
    path = tmp_path / "form.csv"
    path.write_text(
        f"Name,Company,{header},City,State,ZIP,Card,Amount\n"
        "Ann Lee,Acme Corp,100 Market St Suite 400,Boston,MA,02134,CVS,25\n"
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert _sent() == [("Ann Lee", "100 Market St Suite 400", "Acme Corp")]
