"""Shipping methods as people type them ('Next Day', 'FedEx Overnight', 'Ground', '2-Day'): read as the
vendor's method they surely name, else an error listing the methods by their names and days (newcomer16's
N10, fixed by hunter-sheets27)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

TYPED = {  # what a person typed -> the vendor's method it names (sandbox: 7, 3 and 1 days), None: none
    "Next Day": "OVERNIGHT",
    "Next-day air": "OVERNIGHT",
    "FedEx Overnight": "OVERNIGHT",
    "3 Day": "EXPEDITED",
    "UPS Three-Day Select": "EXPEDITED",
    "Ground": "STANDARD",
    "Regular": "STANDARD",
    "USPS": "STANDARD",
    "USPS First Class Mail": "STANDARD",
    "2-Day": None,  # no method takes 2 days: faster or slower is the person's to say
    "Rush": None,  # which of the two faster ones?
    "Express": None,
    "FedEx": None,  # a carrier alone asks no speed, and the standard method is no FedEx one
    "UPS Ground": None,  # the standard method goes by USPS
    "UPS Next Day Air": None,  # the next-day method goes by FedEx
}


def test_a_shipping_method_typed_in_other_words_is_read_as_the_one_it_names_else_the_error_lists_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer16 (N10): a list whose 'Shipping' said 'Next Day', '2-Day', 'Ground', 'FedEx
    Overnight' or 'Rush' was an error on each such row, "use one of EXPEDITED, OVERNIGHT, STANDARD": bare
    codes, though the vendor's catalog says what each is (UPS 3 Day Select, 3 days), so someone who typed
    '2-Day' could not tell which is 2 days. A method named for sure by its days, its plain words or its
    name's words is read (said on its row); any other is an error listing the methods by names and days."""
    path = tmp_path / "ship.csv"
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Card", "Amount", "Shipping"])
        for n, typed in enumerate(TYPED):
            writer.writerow(
                [f"Pat Test{chr(65 + n)}", f"{n + 1} Cedar St", "Dayton", "OH", "45402", "CVS", 25, typed]
            )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    said = " ".join(capsys.readouterr().err.split())
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    sent = {
        li["PhysicalDeliveryAddress"]["Name"]: li["PhysicalDeliveryAddress"]["ShippingMethodId"]
        for order in orders
        for li in order["LineItems"]
    }
    expected = {f"Pat Test{chr(65 + n)}": method for n, method in enumerate(TYPED.values()) if method}
    assert sent == expected
    listed = (
        "is not a shipping method; use one of STANDARD (USPS First-Class, about 7 days), EXPEDITED (UPS 3 "
        "Day Select, about 3 days), OVERNIGHT (FedEx Standard Overnight, about 1 day)."
    )
    for n, (typed, method) in enumerate(TYPED.items()):
        if method is None:
            assert f"Row {n + 2}, column 'Shipping': '{typed}' {listed}" in said, typed
