"""A row's line the vendor shows with fewer cards than were sent on it ('Quantity': 1 and the cost of one
card where 2 or 3 were sent): the run names the rows (hunter-vendor9), but their money was broken down with
the cards sent: 'Face value 50.00, Discount 25.00' and 'The vendor charged 25.00 for these 2 cards, 25.00 less
than planned ... its discount reads 25.00' on the row, 'Cards 6 ... Discount 75.00' on the Summary and in
`status`, where the vendor holds 3 cards and gave no discount (found by hunter-money12). Its money is what
the vendor shows, broken down with the cards it shows, and the row says which cards may be missing."""

from __future__ import annotations

import asyncio
import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from support import HEADER
from support.money_invariants import check_money
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten

from bulkship import api
from bulkship.ledger import Ledger
from bulkship.overview import overview
from bulkship.pipeline import run_batch
from bulkship.sandbox.dialect import parse_dialect
from bulkship.track import track


def _one_card_each(order: dict[str, Any]) -> None:
    for line in order[key_of(order, "LineItems")]:
        cost, quantity = key_of(line, "Cost"), key_of(line, "Quantity")
        line[cost] = float(Decimal(str(line[cost])) / line[quantity])
        line[quantity] = 1
    order[key_of(order, "Cost")] = sum(
        line[key_of(line, "Cost")] for line in order[key_of(order, "LineItems")]
    )


def test_a_line_shown_with_fewer_cards_is_money_for_the_cards_shown_not_a_discount(
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "staff.csv"
    with sheet.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*HEADER, "Quantity"])
        for i, cards in ((1, 2), (2, 1), (3, 3)):
            writer.writerow(
                [f"E{i}", f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "25", cards]
            )
    with VendorProxy(tmp_path, dialect=parse_dialect("documented")) as vendor:
        vendor.rewrite = orders_rewritten(_one_card_each, reads_only=False)
        settings = vendor.settings(tmp_path)
        result = run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory, batch="staff")
        assert result.total_cost == Decimal("75.00") and len(vendor.orders()) == 1
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
        check_money(settings.ledger, "staff", web=True)
        (status,) = api.status(settings, "staff")
        charged = status["money"]["charged"]
        assert (charged["cards"], charged["face_value"], charged["discount"], charged["total"]) == (
            3, "75.00", "0.00", "75.00"
        ), charged  # fmt: skip
        book = openpyxl.load_workbook(str(result.output), read_only=True)
        (line,) = [r for r in book["Summary"].iter_rows(values_only=True) if r and r[0] == "Charged"]
        assert (line[3], line[4], line[5], line[8]) == (3, 75, 0, 75), line
        results = list(book["Results"].iter_rows(values_only=True))
        header = list(results[0])
        rows = {r[header.index("Employee ID")]: r for r in results[1:]}
        said = rows["E1"][header.index("Problems / vendor error")]
        assert (
            "The vendor shows 1 card(s) on this row's line of BS-STAFF-0001 where 2 were sent: the person "
            "may get fewer cards than asked for. It charged 25.00 for them, 25.00 less than planned (50.00) "
            "for 2: ask the vendor for the missing card(s)" in said
        ), said
        assert "discount reads" not in said, said
        figures = [rows["E3"][header.index(name)] for name in ("Face value", "Discount", "Total")]
        assert figures == [25, 0, 25], figures
        assert not rows["E2"][header.index("Problems / vendor error")]  # shown whole: nothing said
        with Ledger.open(settings.ledger_location, lock=False) as ledger:  # the Batches page, as `status`
            assert overview(ledger)["staff"].cards == 3
