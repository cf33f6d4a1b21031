"""A vendor taking a product's 2.5 % discount off the order's own total (its 'Discount' shown beside it)
rather than off each card as the plan did: its lines cost the cards at face value (and their shipping).
Every total counts the discount (the order's total proves it: hunter-vendor8), but `reconcile` compared the
plan with the lines alone: 'Mismatch BS-HD-0001: cost planned 195.00 vs vendor 200.00' of an order the
vendor charged 195.00, as planned, exit 1; and 'cost planned 278.09 vs vendor 284.95' of one it charged
278.07, 0.02 less (the discount rounded once on the order), a 6.86 overcharge nobody made (found by
hunter-money14). Lines differing from the plan are compared with it less the discount on the order. Each
row said 'The vendor charged 200.00 for this card, 5.00 more than planned (195.00), so its discount reads
0.00 where the plan took off 5.00 ... ask the vendor why' of the discount the vendor gave on the order: it
names that discount now."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten

from bulkship import api
from bulkship.pipeline import run_batch
from bulkship.sandbox.dialect import parse_dialect

CENT = Decimal("0.01")


def _discount_on_the_order(order: dict[str, Any]) -> None:
    face = Decimal(0)
    total = Decimal(0)
    for line in order[key_of(order, "LineItems")]:
        cost, quantity = key_of(line, "Cost"), line.get(key_of(line, "Quantity")) or 1
        value = Decimal(str(line[key_of(line, "Value")]))
        card = (value * Decimal("0.975")).quantize(CENT, ROUND_HALF_EVEN)
        line[cost] = float(Decimal(str(line[cost])) + (value - card) * quantity)  # at face value
        total += Decimal(str(line[cost]))
        face += value * quantity
    discount = (face * Decimal("0.025")).quantize(CENT, ROUND_HALF_EVEN)
    order[key_of(order, "Cost")] = float(total - discount)
    order["Discount"] = float(discount)


def _reconciled(tmp_path: Path, dialect: str, people: list[tuple[str, int, str]]) -> Any:
    sheet = tmp_path / "hd.csv"
    with sheet.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Amount",
                         "Quantity", "Shipping Method"])  # fmt: skip
        for n, (value, quantity, method) in enumerate(people, start=1):
            writer.writerow([f"E{n}", f"Person {n}", f"{n} Main St", "Boston", "MA", "02134", "HOMEDEPOT",
                             value, quantity, method])  # fmt: skip
    with VendorProxy(tmp_path, dialect=parse_dialect(dialect)) as vendor:
        vendor.rewrite = orders_rewritten(_discount_on_the_order, reads_only=False)
        settings = vendor.settings(tmp_path)
        result = run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory, batch="hd")
        report = api.reconcile_batch(settings, "hd", client_factory=vendor.factory)
        return result, report


@pytest.mark.parametrize("dialect", ["documented", "likely-real"])
def test_a_discount_taken_off_the_order_rather_than_each_card_is_no_cost_difference(
    tmp_path: Path, dialect: str
) -> None:
    result, report = _reconciled(tmp_path, dialect, [("200", 1, "STANDARD")])
    assert result.total_cost == Decimal("195.00"), result
    assert report.matches and not report.mismatches, [m.said() for m in report.mismatches]


def test_what_the_order_costs_less_its_discount_is_what_reconcile_says(tmp_path: Path) -> None:
    result, report = _reconciled(tmp_path, "documented", [("25", 3, "EXPEDITED"), ("200", 1, "STANDARD")])
    assert result.total_cost == Decimal("278.07"), result  # 6.88 off 284.95, where the plan took 6.86
    assert [m.said() for m in report.mismatches] == ["cost planned 278.09 vs vendor 278.07"]
    assert (report.ledger_total, report.vendor_total) == (Decimal("278.07"), Decimal("278.07"))


def test_each_row_names_the_discount_its_order_took_off_rather_than_asking_why_it_cost_more(
    tmp_path: Path,
) -> None:
    result, _report = _reconciled(tmp_path, "documented", [("25", 3, "EXPEDITED"), ("200", 1, "STANDARD")])
    results = list(
        openpyxl.load_workbook(str(result.output), read_only=True)["Results"].iter_rows(values_only=True)
    )
    at = results[0].index("Problems / vendor error")
    notes = [str(r[at] or "") for r in results[1:]]
    assert all("ask the vendor why" not in n for n in notes), notes
    assert notes[1] == (
        "The vendor charged 200.00 for this card on its line, 5.00 more than planned (195.00), its discount "
        "reading 0.00 where the plan took off 5.00: its order BS-HD-0001 shows 6.88 taken off the order as a "
        "discount on the order, which the totals count (the Summary says so)"
    ), notes
