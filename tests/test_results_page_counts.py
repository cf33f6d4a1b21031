"""The web Results page counts and adds up every row of a batch from each row's standing (status, money
bucket, cost) and works out whole outcomes only for the rows it shows: the two must agree on every row, or
the page's totals and filters would say other than its rows and the workbook."""

from __future__ import annotations

import itertools
import json
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from bulkship.batchstatus import batch_status
from bulkship.ledger import REVIEW_ITEMS, Ledger, OrderRecord, RowRecord
from bulkship.ledger.records import BILLED_ON_ORDER
from bulkship.overview import overview
from bulkship.payload import line_items
from bulkship.reconcile.join import NO_PRICES, outcome_from_ledger, row_standing
from bulkship.reconcile.join.prices import _payload_lines
from bulkship.settings import Settings
from bulkship.web.results_pages import _results

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
    lines = _payload_lines(line_items(order)) if order else []
    outcome = outcome_from_ledger(record.row, record, order, lines, prices=NO_PRICES)
    assert row_standing(record, order) == (outcome.status, outcome.money, outcome.cost)


# ---------------------------------------------------------------------------- every page, the same sums

# rows an order in each state may hold, as runs leave them (an order sent holds rows ordered, waiting for
# review, or failed on their line; one planned or in doubt, rows planned)
ROWS_OF_ORDERS = {
    "planned": ["planned"], "sending": ["planned"], "unknown": ["planned"], "rejected": ["failed"],
    "created": ["ordered", "ordered", "review", "failed"], "review": ["review"],
}  # fmt: skip
ROWS_ALONE = ["invalid", "duplicate", "skipped", "held", "not sent", "failed"]
# an order the vendor created drawn as often as the others together, and its lines often ended without a card
# (the sums most outputs add up apart): drawn evenly, 1 example in 100 held such a line
ORDER_STATES = [*sorted(ROWS_OF_ORDERS), *["created"] * 5]
LINE_WORDS = [None, "Pending", "Shipped", "Delivered", "Failed", "Cancelled", "CANCELED"]
PARCELS = [None, None, "1Z999"]


@st.composite
def batches(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Orders (state, vendor status, payload lines, cost, what it bills beside its lines) and rows (status,
    line, cost, the vendor's word for its line, a parcel, in the latest file or an earlier one)."""
    orders: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    for number in range(draw(st.integers(0, 3))):
        state = draw(st.sampled_from(ORDER_STATES))
        sent = state == "created"
        lines, total = [], Decimal(0)
        for index in range(draw(st.integers(1, 3))):
            quantity = draw(st.integers(1, 3))
            lines.append({"ProductId": "CVS", "Value": 25, "Quantity": quantity, "ExternalId": f"x{index}",
                          "PhysicalDeliveryAddress": {"ShippingMethodId": "STANDARD"}})  # fmt: skip
            # a row sent may hold no cost (an older bulkship's ledger), one planned always has its plan's
            cost = draw(
                st.sampled_from([None, 25 * quantity, 25 * quantity + 1] if sent else [25 * quantity])
            )
            rows.append({
                "status": draw(st.sampled_from(ROWS_OF_ORDERS[state])), "po": number, "line": index,
                "cost": None if cost is None else str(cost),
                "line_status": draw(st.sampled_from(LINE_WORDS)) if sent else None,
                "tracking": draw(st.sampled_from(PARCELS)) if sent else None,
                "current": draw(st.booleans()) if state != "planned" else True,
            })  # fmt: skip
            total += Decimal(cost or 25 * quantity)
        billed = draw(st.sampled_from([None, "4.95", "-2.00"])) if sent else None
        orders.append({"state": state, "status": draw(texts) if sent else None, "lines": lines,
                       "cost": str(total), "billed": billed})  # fmt: skip
    for _ in range(draw(st.integers(0 if orders else 1, 2))):
        rows.append({"status": draw(st.sampled_from(ROWS_ALONE)), "po": None, "line": None, "cost": None,
                     "line_status": None, "tracking": None, "current": draw(st.booleans())})  # fmt: skip
    return orders, rows


ORDER_COLUMNS = (
    "po_number, batch, seq, base_po, state, vendor_order_id, status, payload, cost, lines, created, updated"
)
ROW_COLUMNS = (
    "batch, fingerprint, row, status, po_number, line_index, cost, line_status, tracking_number, updated,"
    " current"
)


def _insert(db: Any, table: str, columns: str, values: list[tuple[object, ...]]) -> None:
    names = [c.strip() for c in columns.split(",")]
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(':' + n for n in names)})"
    for value in values:
        db.execute(text(sql), dict(zip(names, value, strict=True)))


def _recorded(ledger: Ledger, batch: str, orders: list[dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    """The batch written to the ledger as the runs would have left it."""
    ledger.upsert_batch(batch, file_name=f"{batch}.csv", file_hash=batch, po_prefix="BS", rows=len(rows),
                        valid=len(rows), invalid=0)  # fmt: skip
    po = [f"BS-{batch.upper()}-{n + 1:04d}" for n in range(len(orders))]
    day = "2026-12-01"
    with ledger.transaction() as db:
        _insert(db, "orders", ORDER_COLUMNS, [
            (po[n], batch, n + 1, po[n], o["state"], "V", o["status"],
             json.dumps({"PONumber": po[n], "LineItems": o["lines"]}), o["cost"], len(o["lines"]), day, day)
            for n, o in enumerate(orders)
        ])  # fmt: skip
        _insert(db, "rows", ROW_COLUMNS, [
            (batch, f"fp{n}", n + 2, r["status"], po[r["po"]] if r["po"] is not None else None, r["line"],
             r["cost"], r["line_status"], r["tracking"], day, int(r["current"]))
            for n, r in enumerate(rows)
        ])  # fmt: skip
    for n, order in enumerate(orders):
        if order["billed"]:
            ledger.log_event(batch, po[n], BILLED_ON_ORDER, amount=order["billed"])


@pytest.fixture(scope="module")
def one_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One ledger for every example (each a batch of its own): opening a new one costs its migrations."""
    folder = tmp_path_factory.mktemp("pages")
    with Ledger.open(folder / "ledger.sqlite"):
        pass
    return folder


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=batches())
def test_the_batches_page_status_and_the_results_page_add_up_to_the_same_money(
    one_ledger: Path, batch: tuple[list[dict[str, Any]], list[dict[str, Any]]]
) -> None:
    """The Batches page adds a batch up with a few grouped queries over every batch (bulkship.overview), never
    reading its rows one by one; `status` and the Results page from each row's standing. Charged, in doubt,
    to send, cards, rows and rows of unknown cost must be the same figures on all three."""
    name = f"b{next(_names)}"
    orders, rows = batch
    settings = Settings(ledger_path=one_ledger / "ledger.sqlite", data_dir=one_ledger)
    with Ledger.open(settings.ledger_location) as ledger:
        _recorded(ledger, name, orders, rows)
        listed = overview(ledger)[name]
        status = batch_status(ledger, name)
    page = _results(SimpleNamespace(settings=settings), name, "", 1)  # type: ignore[arg-type]
    money = status["money"]
    seen = {
        "charged": (listed.charged, money["charged"]["total"], page.charged + sum(page.billed.values(), 0)),
        "in doubt": (listed.money.get("in doubt", 0), money["in_doubt"]["total"], page.in_doubt),
        "to send": (listed.money.get("to send", 0), money["to_send"]["total"], page.to_send),
        "cards": (listed.cards, money["charged"]["cards"]),
        "rows": (listed.row_total, status["rows"], sum(page.counts.values())),
        "unknown": (listed.cost_unknown, money["charged"]["cost_unknown_rows"], page.cost_unknown),
    }  # fmt: skip
    for what, figures in seen.items():
        assert len({Decimal(str(f)).quantize(Decimal("0.01")) for f in figures}) == 1, (what, figures, batch)
    # money charged on orders the vendor ended with no card: said by status and the page alike (LD)
    cardless = [n for n in page.notes if "billed on order(s) holding no card charged" in n]
    assert len(cardless) == bool(status["billed_without_a_card"]), (cardless, status, batch)


_names = itertools.count()
