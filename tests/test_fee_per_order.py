"""A vendor billing the Visa card's fee once per order (5.95 on the order's own total) rather than per card
as the plan priced it: its lines cost their cards and shipping alone. The Summary read 'Charged ... Face
value 200, Discount 17.85, Fees 17.85, Shipping cost 15.90', `status` the same, and each row 'Discount 11.90,
Fees 11.90' (Ann Lee's two cards) and 'The vendor charged 109.95 for these 2 cards, 11.90 less than planned
..., so its discount reads 11.90': fees its lines never carried, a discount nobody gave (found by
hunter-money14). A line costing what the plan less its card fees was, to the cent, charged no fee on it (as
a line costing its cards alone charged its shipping elsewhere: hunter-money4): Fees 0.00, Discount 0.00; the
order's 5.95 is what it bills beside its lines, said so."""

from __future__ import annotations

import asyncio
import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten

from bulkship import api
from bulkship.pipeline import run_batch
from bulkship.sandbox.dialect import parse_dialect
from bulkship.track import track

FEE = Decimal("5.95")


def _fee_once_per_order(order: dict[str, Any]) -> None:
    lines = order[key_of(order, "LineItems")]
    total = Decimal(0)
    for line in lines:
        cost, quantity = key_of(line, "Cost"), line.get(key_of(line, "Quantity")) or 1
        line[cost] = float(Decimal(str(line[cost])) - FEE * quantity)
        total += Decimal(str(line[cost]))
    order[key_of(order, "Cost")] = float(total + FEE)


@pytest.mark.parametrize("dialect", ["documented", "likely-real"])
def test_a_card_fee_billed_once_per_order_is_no_discount_and_no_fee_on_the_lines(
    tmp_path: Path, dialect: str
) -> None:
    sheet = tmp_path / "visa.csv"
    with sheet.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Amount",
                         "Quantity", "Shipping Method"])  # fmt: skip
        writer.writerow(["E1", "Ann Lee", "1 Main St", "Boston", "MA", "02134", "VISA-PREPAID", "50", "2",
                         "EXPEDITED"])  # fmt: skip
        writer.writerow(["E2", "Bob Ray", "2 Main St", "Boston", "MA", "02134", "VISA-PREPAID", "100", "1",
                         "STANDARD"])  # fmt: skip
    with VendorProxy(tmp_path, dialect=parse_dialect(dialect)) as vendor:
        vendor.rewrite = orders_rewritten(_fee_once_per_order, reads_only=False)
        settings = vendor.settings(tmp_path)
        result = run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory, batch="visa")
        asyncio.run(track(settings, "visa", client_factory=vendor.factory))
        (status,) = api.status(settings, "visa")
        charged = status["money"]["charged"]
        shown = tuple(charged[k] for k in ("face_value", "discount", "fees", "shipping", "total"))
        assert shown == ("200.00", "0.00", "0.00", "15.90", "215.90"), charged  # 9.95 + the order's 5.95
        book = openpyxl.load_workbook(str(result.output), read_only=True)
        (line,) = [r for r in book["Summary"].iter_rows(values_only=True) if r and r[0] == "Charged"]
        assert line[4:9] == (200, 0, 0, 15.9, 215.9), line
        results = list(book["Results"].iter_rows(values_only=True))
        header = results[0]
        money = [tuple(r[header.index(c)] for c in ("Discount", "Fees", "Shipping cost", "Total")) for r in
                 results[1:]]  # fmt: skip
        assert money == [(0, 0, 9.95, 109.95), (0, 0, 0, 100)], money
        notes = " ".join(str(r[header.index("Problems / vendor error")] or "") for r in results[1:])
        assert "discount reads" not in notes, notes
