"""A CRM's cells about the record (its owner, when it was made) tell no two people of one name apart, and
one email on both rows is one person (bulkship/validate/lookalikes/twopeople.py)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from bulkship.cli import main
from bulkship.sandbox import Sandbox, SandboxConfig

HEADER = ["Contact Id", "Contact Owner", "First Name", "Last Name", "Account Name", "Email", "Mailing Street",
          "Mailing City", "Mailing State", "Mailing Zip", "Gift Card", "Gift Amount"]  # fmt: skip
PLACE = ["1820 Market St", "San Francisco", "CA", "94105", "Starbucks", "25"]


def _row(contact: str, owner: str, first: str, email: str) -> list[str]:
    return [contact, owner, first, "Nakamura", "Contoso Ltd", email, *PLACE]


@pytest.fixture(autouse=True)
def _in_tmp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("email", ["hnakamura@example.com", ""], ids=["one-email", "no-email"])
def test_one_contact_listed_twice_under_two_owners_gets_one_card(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str], email: str
) -> None:
    """newcomer23's N2: a Zoho CRM export lists one contact twice (two records, each its own 'Contact Owner',
    the sales rep): same name, company, email, street, card. validate said '2 valid', 'Two people of one
    name? ... 'Contact Owner' differs: read as two people ... both are sent', and run sent two cards. The
    owner is the record's, not the person's; one email is one person: one card, the second row a
    duplicate."""
    rows = [
        _row("zcrm_4876000555", "Dana Whitfield", "Hiroshi", email),
        _row("zcrm_4876009999", "Priya Shah", "Hiroshi", email),
    ]
    sheet = tmp_path / "crm-twice.csv"
    with sheet.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    main(["validate", str(sheet), "--json"])
    checked = json.loads(capsys.readouterr().out)
    assert (checked["valid"], checked["duplicate"]) == (1, 1), checked
    assert main(["run", str(sheet), "--batch", "crm", "--yes", "--wait", "0"]) in (0, 3)  # 3: a duplicate
    cards = Sandbox(SandboxConfig(state_file=isolated_data_dir / "sandbox.sqlite", clock_speed=0))
    try:
        names = Counter(
            li["PhysicalDeliveryAddress"]["Name"] for o in cards.orders() for li in o["LineItems"]
        )
    finally:
        cards.close()
    assert names == Counter({"Hiroshi Nakamura": 1})


def test_two_people_of_one_name_at_one_address_with_emails_of_their_own_still_get_a_card_each(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The other way: a parent and child of one name at one address, each with an email of their own (and
    a note), are two people whoever owns their records: both sent, as before."""
    header = [*HEADER, "Description"]
    rows = [
        [*_row("zcrm_4876000555", "Dana Whitfield", "Hiroshi", "hnakamura@example.com"), ""],
        [*_row("zcrm_4876009999", "Dana Whitfield", "Hiroshi", "hiro.jr@example.com"), "son of Hiroshi"],
        [*_row("zcrm_4876001111", "Dana Whitfield", "Ken", ""), "father of Ken"],
        [*_row("zcrm_4876002222", "Priya Shah", "Ken", ""), ""],
    ]
    sheet = tmp_path / "family.csv"
    with sheet.open("w", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    main(["validate", str(sheet), "--json"])
    checked = json.loads(capsys.readouterr().out)
    assert (checked["valid"], checked["duplicate"]) == (4, 0), checked
    assert main(["run", str(sheet), "--batch", "family", "--yes", "--wait", "0"]) == 0
    cards = Sandbox(SandboxConfig(state_file=isolated_data_dir / "sandbox.sqlite", clock_speed=0))
    try:
        names = Counter(
            li["PhysicalDeliveryAddress"]["Name"] for o in cards.orders() for li in o["LineItems"]
        )
    finally:
        cards.close()
    assert names == Counter({"Hiroshi Nakamura": 2, "Ken Nakamura": 2})
