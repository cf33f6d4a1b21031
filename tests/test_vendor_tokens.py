"""The vendor's token endpoint failing while a batch is sent, over real HTTP (``support.vendor_proxy``):
an order whose every attempt was refused 401 (documented: not processed) or never left for want of a token
was not created, and says so: no money in doubt, nothing left to ask the vendor about."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from support.vendor_proxy import Answer, Call, VendorProxy, place

from bulkship.ledger import Ledger


def token_endpoint_down_after_the_first(token_down: Answer) -> Any:
    """The first token is issued; then every order is refused 401 and no new token is to be had."""
    issued: list[int] = []

    def rewrite(call: Call) -> Answer:
        path = call.path.lower()
        if call.method == "POST" and path == "/v1/tokens":
            if issued:
                return token_down
            issued.append(1)
        if call.method == "POST" and path == "/v1/orders":
            return Answer(401, b"")
        return call.forward()

    return rewrite


@pytest.mark.parametrize(
    "token_down",
    [
        Answer(500, b"<html><body>Internal Server Error</body></html>", {"Content-Type": "text/html"}),
        Answer(503, b"", {"Retry-After": "1"}),
    ],
    ids=["500 html", "503"],
)
def test_an_order_refused_401_while_no_new_token_can_be_had_is_not_sent_never_in_doubt(
    vendor: VendorProxy, tmp_path: Path, token_down: Answer
) -> None:
    """Found by hunter-vendor3: the token endpoint failing mid-batch (500) after the vendor refused the
    order's token (401, documented as not processed): the run said "4 rows (4 in doubt) ... In doubt: 100.00
    ... sent, no definite answer from the vendor", money no order held. It now says the order was not
    created; the next run, the vendor well again, sends it once."""
    vendor.rewrite = token_endpoint_down_after_the_first(token_down)
    result = place(vendor, tmp_path, [1, 2, 3, 4])
    assert vendor.orders() == []
    assert result.unknown_orders == 0 and result.sent_orders == 0, result
    assert result.money["in doubt"].total == Decimal(0), result.money
    assert result.stopped is not None and "not created" in result.stopped.message, result.stopped
    with Ledger.open(vendor.settings(tmp_path).ledger_location, lock=False) as ledger:
        assert [o.state for o in ledger.orders("staff")] == ["planned"]
    vendor.rewrite = lambda call: call.forward()
    again = place(vendor, tmp_path, [1, 2, 3, 4])
    assert again.ordered_rows == 4 and vendor.external_ids() == ["E1", "E2", "E3", "E4"]
