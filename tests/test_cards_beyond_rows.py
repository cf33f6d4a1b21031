"""A card line the vendor's order shows beyond the rows this ledger sent in it (the same card twice, or the
card of a row since left out of the list, a ledger restored from a backup): 85419bc counts what it costs as
charged everywhere, but as money billed on the order: the Summary read 'Shipping cost 25.00' and 'Cards 4'
for an order of 5 cards, 'shipping or fees billed per order', and so did `status` and the Results page
(hunter-vendor20's L4b, left by hunter-money10). It is a card: counted as one, at its face value, and said
as a card no row of the list is, for finance to ask the vendor about."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from starlette.testclient import TestClient
from support import visible_text
from support.money_invariants import check_money
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten, place

from bulkship import api
from bulkship.ledger import Ledger
from bulkship.overview import overview
from bulkship.sandbox.dialect import parse_dialect
from bulkship.track import track
from bulkship.web import create_app


def _one_more_card(value: float | None) -> Any:
    """The vendor's reads show one more live card line than the 4 sent: the second line again (another
    Id), at ``value`` when given (a card of another amount, a row this ledger never knew)."""

    def change(order: dict[str, Any]) -> None:
        lines = order[key_of(order, "LineItems")]
        if len(lines) == 4:
            extra = dict(lines[1], **{key_of(lines[1], "Id"): f"{lines[1][key_of(lines[1], 'Id')]}-2"})
            if value is not None:
                extra[key_of(extra, "Value")] = value
                extra[key_of(extra, "Cost")] = value
            lines.append(extra)
            cost = order[key_of(order, "Cost")] + extra[key_of(extra, "Cost")]
            order[key_of(order, "Cost")] = round(cost, 2)

    return orders_rewritten(change)


@pytest.mark.parametrize(("dialect", "value"), [("documented", None), ("likely-real", 40.0)])
def test_a_card_line_beyond_the_rows_is_shown_as_a_card_not_as_shipping(
    tmp_path: Path, dialect: str, value: float | None
) -> None:
    extra = Decimal(str(value or 25)).quantize(Decimal("0.01"))
    total = Decimal("100.00") + extra
    with VendorProxy(tmp_path, dialect=parse_dialect(dialect)) as vendor:
        place(vendor, tmp_path, [1, 2, 3, 4])
        vendor.rewrite = _one_more_card(value)
        settings = vendor.settings(tmp_path)
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
        result = place(vendor, tmp_path, [1, 2, 3, 4])
        assert result.sent_orders == 0 and len(vendor.orders()) == 1  # nothing sent again
        check_money(settings.ledger, "staff")
        (status,) = api.status(settings, "staff")
        charged = status["money"]["charged"]
        assert (charged["cards"], charged["face_value"], charged["shipping"], charged["total"]) == (
            5, str(total), "0.00", str(total)
        ), charged  # fmt: skip
        book = openpyxl.load_workbook(str(result.output), read_only=True)
        summary = [r for r in book["Summary"].iter_rows(values_only=True) if r and r[0]]
        (line,) = [r for r in summary if r[0] == "Charged"]
        assert (line[3], line[4], line[7], line[8]) == (5, float(total), 0, float(total)), line
        (order,) = [r for r in book["Orders"].iter_rows(values_only=True) if r[0] == "BS-STAFF-0001"]
        assert (order[6], order[9], order[10]) == (float(total), 0, float(total)), order
        text = " ".join(str(r[0]) for r in summary)
        assert (
            f"Charged includes {extra} for 1 card(s) the vendor's order(s) hold beyond the rows this ledger "
            "sent in them (card lines no row of the list is: a card ordered twice, or a row since left out "
            "of the list), shown as cards at their face value: BS-STAFF-0001." in text
        ), text
        assert "shown as shipping cost" not in text, text
        with TestClient(create_app(settings)) as client:
            page = visible_text(client.get("/batches/staff/results").text)
        said = f"{total} charged (with {extra} for 1 card(s) the vendor's order(s) hold beyond the rows"
        assert said in page, page
        assert "shipping or fees billed per order" not in page, page
        with Ledger.open(settings.ledger_location, lock=False) as ledger:  # the Batches page, as `status`
            assert overview(ledger)["staff"].cards == 5
