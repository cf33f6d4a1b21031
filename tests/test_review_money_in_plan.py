"""Rows waiting for review are not money a run may spend: no run sends them nor asks the vendor for them.
After a lost ledger, a row never sent (its order refused for funds) waits for review beside the last order the
vendor shows, one it failed; the next run's plan said 'In doubt: 105.95 ... sent before without an answer:
asked again with the same PO numbers' of it, and 'The orders to send cost 611.90 (105.95 of it in doubt from
an earlier run), more than --max-total 505.95' of a run sending one 505.95 card (newcomer11's L6)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from support.vendor_proxy import Answer, Call, VendorProxy, key_of

from bulkship.errors import SpendLimitError
from bulkship.pipeline import run_batch
from bulkship.runresult import PlanView

PEOPLE = [("CVS", 25), ("CVS", 25), ("CVS", 25), ("VISA-PREPAID", 500), ("VISA-PREPAID", 100)]


def _failed(order: dict[str, Any]) -> None:
    order[key_of(order, "Status")] = "Failed"
    for line in order[key_of(order, "LineItems")]:
        line[key_of(line, "Status")] = "Failed"
        line.pop(key_of(line, "Shipments"), None)


def test_a_row_waiting_for_review_after_a_lost_ledger_is_not_in_what_the_run_may_spend(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    sheet = tmp_path / "fin.csv"
    sheet.write_text(
        "Name,Address,City,State,ZIP,Product,Value\n"
        + "".join(
            f"P{i} Lee,{i} Main St,Boston,MA,02134,{card},{value}\n"
            for i, (card, value) in enumerate(PEOPLE, 1)
        )
    )

    def refuse_the_fifth(call: Call) -> Answer:
        if call.method == "POST" and call.path.lower() == "/v1/orders" and b"BS-FIN-0005" in call.body:
            return Answer.of(422, {"Message": "Insufficient funds"})
        return call.forward()

    vendor.rewrite = refuse_the_fifth
    settings = vendor.settings(tmp_path)
    run: dict[str, Any] = {"batch": "FIN", "wait_s": 0, "max_lines": 1, "client_factory": vendor.factory}
    first = run_batch(sheet, settings, **run)
    assert first.stopped is not None and len(vendor.orders()) == 4

    def fourth_failed(call: Call) -> Answer:  # the vendor ends BS-FIN-0004 (the 500.00 card) Failed
        answer = call.forward()
        if call.method != "GET" or not call.path.lower().startswith("/v1/orders") or answer.status >= 300:
            return answer
        body = answer.json()
        listed = body if isinstance(body, list) else body.get(key_of(body, "Data"), [body])
        for order in listed:
            if order.get(key_of(order, "PONumber")) == "BS-FIN-0004":
                _failed(order)
        return Answer.of(answer.status, body)

    vendor.rewrite = fourth_failed
    lost = replace(settings, ledger_path=tmp_path / "new-ledger.sqlite", out_dir=tmp_path / "out2")
    with pytest.raises(SpendLimitError) as refused:  # the batch's budget counts them: they may be charged
        run_batch(sheet, lost, **run, max_batch_total=Decimal("600"))
    said = " ".join(refused.value.message.split())
    assert (
        "Batch FIN would cost 686.90 in all: 75.00 charged already, 105.95 for 1 row(s) waiting for review "
        "(their card may be charged already: `reconcile --review` settles them) and 505.95 to send now"
    ) in said, said
    shown: list[PlanView] = []

    def confirm(view: PlanView) -> bool:
        shown.append(view)
        return True

    again = run_batch(sheet, lost, **run, max_total=Decimal("505.95"), confirm=confirm)
    (view,) = shown
    assert view.in_doubt.total == 0 and view.worst_case == Decimal("505.95"), view  # it said 611.90
    assert view.waiting_review.total == Decimal("105.95") and view.waiting_review.rows == 1, view
    assert view.batch_total == Decimal("75.00") + Decimal("105.95") + Decimal("505.95")  # the batch's: all
    assert again.money["charged"].total == Decimal("580.95"), again.money  # the 500.00 card sent once more
    made = [o for o in vendor.orders() if o["PONumber"] != "BS-FIN-0004"]
    assert sorted(li["Value"] for o in made for li in o["LineItems"]) == [25, 25, 25, 500], made
