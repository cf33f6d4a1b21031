"""The cost of every order of a batch still to send, priced as it will be sent: rebuilt from the stored
payloads at the vendor's prices of today (the plan a person confirms: :func:`.planview.plan_view`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from .errors import SpendLimitError
from .ledger import Ledger, OrderRecord
from .models import Balance, Catalog, PlannedLine, PlannedOrder
from .payload import PricedToday, SentLine, sent_lines
from .plan import summarise


def pending_summary(
    ledger: Ledger, batch: str, catalog: Catalog, start: date, balance: Balance | None
) -> Any:
    """Cost of every order still to send, rebuilt from the stored payloads (what will really go out).

    The summary has totals only, so the lines carry no row identity (no ledger read per order), and each
    distinct value, product and unit cost is worked out once: 100k rows are 1,000 orders. Each line is priced
    as :func:`bulkship.reprice.reprice_planned` prices it before sending (``payload.PricedToday``); a line
    it cannot price refuses the plan (SpendLimitError): no total the vendor would not charge is shown."""
    values: dict[Any, Decimal] = {}
    today = PricedToday(catalog)
    # in doubt orders are reported apart; each payload is read when its order's turn comes, and each order's
    # lines are added up and let go before the next (a million rows are 10,000 orders of 100 lines)
    orders = ledger.orders(batch, states=("planned",), payloads=False)

    def pending() -> Iterator[PlannedOrder]:
        for order in orders:
            yield PlannedOrder(order.po_number, tuple(order_lines(order)))

    def order_lines(order: OrderRecord) -> Iterator[PlannedLine]:
        for sent in sent_lines(order, values):
            line = today.line(sent)
            if line is None:
                raise _unpriced(order.po_number, sent, catalog)
            yield line

    return summarise(pending(), catalog, start=start, balance=balance)


def _unpriced(po_number: str, sent: SentLine, catalog: Catalog) -> SpendLimitError:
    """An order still to send whose card or shipping method the catalog no longer lists at a price: its cost
    cannot be shown, so it is not sent (a new run checks its rows against today's catalog, taking it back)."""
    if catalog.product(sent.product_id) is None:
        what = f"card {sent.product_id!r}"
    else:
        what = f"shipping method {sent.shipping_method!r}"
    return SpendLimitError(
        f"Order {po_number} names {what}, which the vendor's catalog no longer lists at a price: its cost "
        "cannot be shown. Nothing was sent; the plan is kept in the ledger",
        hint="re-run the same command: its rows are checked against today's catalog",
    )
