"""An amount of eight digits or more is more than one card's value bulkship sends (9,999,999.99): it was
refused as "'99999999.99' is not an amount; use a number such as 50 or 25.50", of a cell holding one, and a
catalog's Variable card of 1 to 100,000,000 read as taking it (found by hunter-money9)."""

from __future__ import annotations

import csv
from pathlib import Path

from intake_fixtures import sandbox_catalog

from bulkship.load import load_sheet
from bulkship.validate import validate


def test_an_amount_too_big_for_one_card_says_so(tmp_path: Path) -> None:
    sheet = tmp_path / "huge.csv"
    amounts = ["99999999.99", "$12,000,000.00", "100000000 USD", "$1,000,000", "50"]
    with sheet.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
        for i, amount in enumerate(amounts):
            writer.writerow(
                [f"{'ABCDE'[i]}nn Lee", f"{i + 1} Main St", "Boston", "MA", "02134", "VISA-PREPAID", amount]
            )
    result = validate(load_sheet(sheet), sandbox_catalog())
    too_big = "is more than the 9,999,999.99 bulkship sends on one card; check the amount (a total for many "
    assert [p.message for p in result.problems if p.severity == "error"] == [
        *(f"Row {row}, column 'Value': '{amounts[row - 2]}' {too_big}people, or cents typed as dollars?) and "
          "type one card's value." for row in (2, 3, 4)),
        "Row 5, column 'Value': 1000000 is outside the range VISA-PREPAID accepts: 20 to 500.",
    ]  # fmt: skip
