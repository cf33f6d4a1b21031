"""A page's Send cut short by the server's stop (SIGKILL) and taken up again at its next start spends no more
than the total its cost page showed: `bulkship serve` as a process of its own (support.forkserver), the vendor
a real HTTP proxy in this process (support.vendor_proxy) that raises its prices during the run."""

from __future__ import annotations

import os
import threading
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from support import visible_text
from support.vendor_proxy import Answer, Call, VendorProxy
from test_prices import raised_cvs_fee
from test_web import confirm, found, upload, wait_until_finished
from test_web_browser import START_LIMIT_S, many_rows, start_server, stop

from bulkship.sandbox.catalog import load_catalog
from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL

pytestmark = pytest.mark.slow


def test_a_send_taken_up_again_after_a_restart_spends_no_more_than_its_cost_page_showed(
    vendor: VendorProxy, tmp_path: Path, bulkship_forks
) -> None:
    """hunter-money6's L3, reproduced live by hunter-money7 (/tmp/money7/l3.py): 250 cards in three orders,
    the cost page's Send of 6,250.00, the vendor raising CVS's fee to 2.00 once it made the first order, the
    server killed while the second was at the vendor. Taken up again, the run was held to the total confirmed
    against what was left to send only: the vendor charged 6,550.00, the progress page said 'Finished'. What
    the run charged before the restart counts: the run stops, saying so, and the third order stays to send."""
    raised = raised_cvs_fee(tmp_path, 2.0)
    second_sent, killed = threading.Event(), threading.Event()
    posts: list[Call] = []

    def rewrite(call: Call) -> Answer:
        if call.method != "POST" or call.path.lower() != "/v1/orders":
            return call.forward()
        posts.append(call)
        if len(posts) == 2:  # the server is killed while it waits for this answer
            second_sent.set()
            killed.wait(START_LIMIT_S)
            return Answer.of(503, {"Message": "unavailable"})
        answer = call.forward()
        vendor.sandbox.catalog = load_catalog(raised)
        return answer

    vendor.rewrite = rewrite
    env = {
        **{name: value for name, value in os.environ.items() if not name.startswith("BULKSHIP_")},
        "BULKSHIP_DATA_DIR": str(tmp_path / "bulkship-data"), "BULKSHIP_OUT": str(tmp_path / "results"),
        "BULKSHIP_TRACK_EVERY_MIN": "0", "BULKSHIP_API_URL": vendor.url, "BULKSHIP_EMAIL": SANDBOX_EMAIL,
        "BULKSHIP_ACCESS_TOKEN": SANDBOX_ACCESS_TOKEN, "BULKSHIP_CONCURRENCY": "1",
    }  # fmt: skip
    server = start_server(bulkship_forks, env)
    try:
        with httpx.Client(base_url=server.url, follow_redirects=True, timeout=START_LIMIT_S) as client:
            upload(client, many_rows(tmp_path / "big.csv", 250), name="big")  # type: ignore[arg-type]
            shown = Decimal(found(r'name="total" value="([^"]+)"', client.get("/batches/big/cost").text))
            assert shown == Decimal("6250.00")
            confirm(client, "big")  # type: ignore[arg-type]
        assert second_sent.wait(START_LIMIT_S), "the second order never reached the vendor"
    finally:
        server.process.kill()  # SIGKILL: no chance to finish or record anything
        server.process.wait()
        killed.set()
    restarted = start_server(bulkship_forks, env)
    try:
        with httpx.Client(base_url=restarted.url, follow_redirects=True, timeout=START_LIMIT_S) as client:
            page = visible_text(wait_until_finished(client, "big"))  # type: ignore[arg-type]
    finally:
        stop(restarted)
    charged = [Decimal(str(order["Cost"])) for order in vendor.sandbox.orders()]
    # the second order, in doubt, is asked again; what is left is priced again at today's prices, and the
    # run stops before it (its plan too dear) or once the second order's answer shows the raised fee
    assert charged in ([Decimal(2500)], [Decimal(2500), Decimal(2700)]), page
    assert "its Send confirmed" in page, page
    assert "the rest stays to send" in page or "they stay to send" in page, page
