"""Money in doubt is what may have left: whenever an order reaches the vendor (when a kill -9 can strike), the
ledger holds as 'sending' only orders that went out, never the next order's intent written ahead."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, ClassVar

import httpx
from support import SandboxVendor as Vendor
from test_submit import rows_frame, run_once

import bulkship.submit.submitter as submitter
from bulkship.ledger import Ledger, LedgerThread
from bulkship.overview import overview
from bulkship.statuses import IN_DOUBT


class _Recorded(LedgerThread):
    """The submitter's ledger thread, kept so that the vendor's side can wait for its queued writes."""

    made: ClassVar[list[LedgerThread]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.made.append(self)


def _nothing() -> None:
    return None


def test_money_in_doubt_whenever_an_order_reaches_the_vendor_is_only_that_of_orders_sent(
    tmp_path, monkeypatch
) -> None:
    """Found by hunter-web29, fixed by hunter-vendor33: a run killed -9 while its second order was at the
    vendor read '200 in doubt', 5,000.00 in doubt in `status`, Batches and Results, where the vendor held
    one order of 2,500.00 in doubt: the third order's intent was committed while the second was in flight,
    and it never left. Now an order's intent is committed once the previous answer is in, just before it
    leaves. One order in flight at a time: what is 'sending' is what went out and got no answer yet."""
    monkeypatch.setattr(_Recorded, "made", [])
    monkeypatch.setattr(submitter, "LedgerThread", _Recorded)
    vendor = Vendor(tmp_path)
    inner = vendor.transport
    sent: list[str] = []
    answered: set[str] = set()
    seen: list[tuple[str, set[str], set[str], Decimal, Decimal]] = []

    class AtEachOrder(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if request.method == "POST" and request.url.path.lower() == "/v1/orders":
                po = json.loads(request.content)["PONumber"]
                sent.append(po)
                # every write the submitter queued before this send is committed once this returns
                await _Recorded.made[-1].call(_nothing)
                with Ledger.open(vendor.settings.ledger, lock=False) as other:
                    orders = {o.po_number: o for o in other.orders("B1")}
                    doubt = overview(other)["B1"].money.get(IN_DOUBT, Decimal(0))
                sending = {p for p, o in orders.items() if o.state == "sending"}
                out = sum((orders[p].cost for p in set(sent) - answered), Decimal(0))
                seen.append((po, sending, set(sent), doubt, out))
                response = await inner.handle_async_request(request)
                answered.add(po)
                return response
            return await inner.handle_async_request(request)

    vendor.transport = AtEachOrder()
    outcome = run_once(vendor, rows_frame(24), max_lines=3, concurrency=1)
    assert outcome.stopped is None and len(outcome.created) == 8
    assert len(seen) == 8
    for po, sending, sent_then, doubt, out in seen:
        assert sending == {po} and sending <= sent_then, (po, sending, sent_then)
        assert doubt == out > 0, (po, doubt, out)
