"""The web Results page counts and adds up every row of a batch from each row's standing (status, money
bucket, cost) and works out whole outcomes only for the rows it shows: the two must agree on every row, or
the page's totals and filters would say other than its rows and the workbook."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bulkship.ledger import REVIEW_ITEMS, OrderRecord, RowRecord
from bulkship.reconcile.join import NO_PRICES, outcome_from_ledger, row_standing
from bulkship.reconcile.join.prices import _payload_lines

PO = "BS-T-0001"
texts = st.sampled_from([None, "", "Pending", "pending", "Complete", "Shipped", "Delivered", "Failed",
                         "Cancelled", "CANCELED", "Refunded"])  # fmt: skip
maybe = st.sampled_from([None, "", "1Z999", "2026-11-30"])


@st.composite
def orders(draw: st.DrawFn) -> OrderRecord | None:
    if draw(st.booleans()):
        return None
    item: dict[str, object] = {
        "ProductId": "CVS", "Value": 25, "Quantity": draw(st.integers(1, 3)), "ExternalId": "r1",
        "PhysicalDeliveryAddress": {"ShippingMethodId": "USPS"},
    }  # fmt: skip
    payload: dict[str, object] = {"PONumber": PO, "LineItems": [item]}
    if draw(st.booleans()):
        payload[REVIEW_ITEMS] = {"fp": item}
    return OrderRecord(
        po_number=PO, batch="b", seq=1, base_po=PO,
        state=draw(st.sampled_from(["planned", "sending", "unknown", "created", "rejected", "not_sent"])),
        vendor_order_id=draw(st.sampled_from([None, "V1"])), status=draw(texts),
        payload_json=json.dumps(payload),
        cost=Decimal("27.95"), lines=1, error=draw(st.sampled_from([None, "", "PO number already used"])),
        created="2026-12-01", updated="2026-12-01",
    )  # fmt: skip


@st.composite
def rows(draw: st.DrawFn) -> RowRecord:
    statuses = ["planned", "ordered", "review", "failed", "invalid", "duplicate", "skipped", "not sent"]
    return RowRecord(
        batch="b", fingerprint="fp", row=draw(st.integers(2, 9)), status=draw(st.sampled_from(statuses)),
        po_number=draw(st.sampled_from([None, "", PO])), line_index=draw(st.sampled_from([None, 0, 3])),
        external_id=None, line_item_id=None,
        cost=draw(st.sampled_from([None, Decimal("0"), Decimal("27.95"), Decimal("30.00")])),
        error=draw(st.sampled_from([None, "", "ZIP is not one"])), line_status=draw(texts), carrier=None,
        tracking_number=draw(maybe), tracking_url=None, shipped_date=draw(maybe), delivered_date=draw(maybe),
        updated="2026-12-01", current=draw(st.booleans()),
    )  # fmt: skip


@given(rows(), orders())
def test_a_rows_standing_is_what_its_outcome_shows(record: RowRecord, order: OrderRecord | None) -> None:
    lines = _payload_lines(order) if order else []
    outcome = outcome_from_ledger(record.row, record, order, lines, prices=NO_PRICES)
    assert row_standing(record, order) == (outcome.status, outcome.money, outcome.cost)
