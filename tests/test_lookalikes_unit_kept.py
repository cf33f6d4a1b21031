"""One person on two rows of a list, one naming the flat and the other not: the row naming it is the one
sent (bulkship/validate/lookalikes/__init__.py)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from bulkship.cli import main
from bulkship.sandbox import Sandbox, SandboxConfig

WITH_THE_UNIT_IN_THE_STREET = (
    ["Timestamp", "Full name", "Mailing address", "City", "State", "ZIP code", "Card", "Amount"],
    ["11/2/2026 9:00", "Ivan Petrov", "375 Maple St", "Springfield", "IL", "62701", "Starbucks", "$15"],
    [
        "11/29/2026 8:00",
        "Ivan Petrov",
        "375 Maple St Apt 2",
        "Springfield",
        "IL",
        "62701",
        "Starbucks",
        "$15",
    ],
)
WITH_AN_APT_COLUMN = (
    ["Timestamp", "Full name", "Mailing address", "Apt", "City", "State", "ZIP code", "Card", "Amount"],
    ["11/2/2026 9:00", "Ivan Petrov", "375 Maple St", "", "Springfield", "IL", "62701", "Starbucks", "$15"],
    [
        "11/29/2026 8:00",
        "Ivan Petrov",
        "375 Maple St",
        "Apt 2",
        "Springfield",
        "IL",
        "62701",
        "Starbucks",
        "$15",
    ],
)


@pytest.fixture(autouse=True)
def _in_tmp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _sent_to(data_dir: Path) -> list[str]:
    sandbox = Sandbox(SandboxConfig(state_file=data_dir / "sandbox.sqlite", clock_speed=0))
    try:
        return [
            " ".join(filter(None, (a.get("AddressLine1"), a.get("AddressLine2"))))
            for order in sandbox.orders()
            for a in (li["PhysicalDeliveryAddress"] for li in order["LineItems"])
        ]
    finally:
        sandbox.close()


@pytest.mark.parametrize("rows", [WITH_THE_UNIT_IN_THE_STREET, WITH_AN_APT_COLUMN], ids=["street", "apt"])
@pytest.mark.parametrize("first_the_flat", [False, True], ids=["flat-added", "flat-dropped"])
def test_a_form_answered_twice_adding_the_flat_sends_the_row_naming_it(
    tmp_path: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    rows: tuple[list[str], ...],
    first_the_flat: bool,
) -> None:
    """newcomer22's N5: a Google Form answered twice, the second time adding the apartment ('375 Maple St'
    on 11/2, '375 Maple St Apt 2' on 11/29, or 'Apt 2' in a column of its own): the later row, with the
    apartment, was the duplicate, not sent, and the card went to '375 Maple St' without the flat number (a
    parcel often returned). The row naming the flat is sent, the other its duplicate: one card, to Apt 2,
    whichever row comes first."""
    header, *answers = rows
    sheet = tmp_path / "responses.csv"
    with sheet.open("w", newline="") as handle:
        csv.writer(handle).writerows([header, *(reversed(answers) if first_the_flat else answers)])
    main(["validate", str(sheet), "--json"])
    checked = json.loads(capsys.readouterr().out)
    assert (checked["valid"], checked["duplicate"]) == (1, 1), checked
    without = 2 if not first_the_flat else 3
    assert [p["row"] for p in checked["problems"]] == [without], checked["problems"]
    assert main(["run", str(sheet), "--batch", "form", "--yes", "--wait", "0"]) in (0, 3)  # 3: a duplicate
    assert _sent_to(isolated_data_dir) == ["375 Maple St Apt 2"]
