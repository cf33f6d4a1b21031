"""Every order state change is guarded: from a state the transition does not start from, or for a PO the
ledger does not hold, it changes nothing and says which PO and what state it is really in."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from bulkship.errors import LedgerError
from bulkship.ledger import (
    TRANSITIONS,
    Ledger,
    LineOutcome,
    PlannedLineRecord,
    PlannedOrderRecord,
    RowUpdate,
)
from bulkship.models import VendorLineItem, VendorOrder

PO = "P-B1-0001"
VENDOR_ORDER = VendorOrder(
    id="ORD-1",
    po_number=PO,
    status="Pending",
    line_items=(VendorLineItem("LI-1", "E1", "CVS", Decimal(25), 1, Decimal("30.50"), "Pending"),),
)

Call = Callable[[Ledger, str], object]
CALLS: dict[str, Call] = {
    "mark_sending": lambda ledger, po: ledger.mark_sending(po),
    "record_created": lambda ledger, po: ledger.record_created(
        po, VENDOR_ORDER, [LineOutcome("fa", "LI-1", Decimal("30.50"), "pending")], created=True
    ),
    "record_rejected": lambda ledger, po: ledger.record_rejected(po, "400", {"fa": "bad zip"}),
    "record_not_sent": lambda ledger, po: ledger.record_not_sent(po, "422"),
    "record_unknown": lambda ledger, po: ledger.record_unknown(po, "timeout"),
    "cancel_planned": lambda ledger, po: ledger.cancel_planned(po, "rows changed"),
    "mark_review (hold)": lambda ledger, po: ledger.mark_review(po, "a person looks", hold_order=True),
}
# the way to each state, through the real transitions
PATHS: dict[str, list[str]] = {
    "planned": [],
    "sending": ["mark_sending"],
    "created": ["mark_sending", "record_created"],
    "rejected": ["mark_sending", "record_rejected"],
    "unknown": ["mark_sending", "record_unknown"],
    "cancelled": ["cancel_planned"],
    "review": ["mark_review (hold)"],
}
TARGET = {
    "mark_sending": "send",
    "record_created": "created",
    "record_rejected": "rejected",
    "record_not_sent": "not_sent",
    "record_unknown": "unknown",
    "cancel_planned": "cancel",
    "mark_review (hold)": "hold",
}
REFUSED = [
    (call, state) for call, name in TARGET.items() for state in PATHS if state not in TRANSITIONS[name].starts
]


def _ledger_with_order_in(path: Path | str, state: str) -> Ledger:
    ledger = Ledger(path)
    ledger.upsert_batch("b1", file_name="f.csv", file_hash="h", po_prefix="P", rows=1, valid=1, invalid=0)
    ledger.record_rows("b1", [RowUpdate("fa", 2, "planned")])
    line = PlannedLineRecord("fa", 0, "E1", Decimal("30.50"))
    ledger.save_planned_orders(
        "b1", [PlannedOrderRecord(PO, 1, PO, {"PONumber": PO}, Decimal("30.50"), [line])]
    )
    for step in PATHS[state]:
        CALLS[step](ledger, PO)
    order = ledger.order(PO)
    assert order is not None and order.state == state
    return ledger


def _snapshot(ledger: Ledger) -> tuple[object, ...]:
    return (ledger.orders(), ledger.batch_rows("b1"), len(ledger.events()))


def test_the_refusals_cover_every_transition() -> None:
    assert {call for call, _ in REFUSED} == set(CALLS)
    assert ("record_not_sent", "unknown") in REFUSED  # may be at the vendor: never back to planned


@pytest.mark.parametrize(("call", "state"), REFUSED)
def test_a_transition_from_a_state_it_does_not_start_from_changes_nothing(
    tmp_path: Path, call: str, state: str
) -> None:
    ledger = _ledger_with_order_in(tmp_path / "ledger.sqlite", state)
    before = _snapshot(ledger)
    with pytest.raises(LedgerError) as refused:
        CALLS[call](ledger, PO)
    assert PO in str(refused.value) and f"it is {state}" in str(refused.value)
    assert _snapshot(ledger) == before
    ledger.close()


@pytest.mark.parametrize("call", [*CALLS, "mark_review (rows)"])
def test_a_transition_of_an_order_the_ledger_does_not_hold_is_a_ledger_error(
    ledger_location: Path | str, call: str
) -> None:
    ledger = _ledger_with_order_in(ledger_location, "planned")
    before = _snapshot(ledger)
    with pytest.raises(LedgerError) as refused:
        if call == "mark_review (rows)":
            ledger.mark_review("P-B1-0099", "a person looks")
        else:
            CALLS[call](ledger, "P-B1-0099")
    assert "P-B1-0099" in str(refused.value) and "not in this ledger" in str(refused.value)
    assert _snapshot(ledger) == before
    ledger.close()


@pytest.mark.parametrize("state", [s for s in PATHS if s != "planned"])
def test_hold_for_review_holds_only_orders_still_planned(tmp_path: Path, state: str) -> None:
    ledger = _ledger_with_order_in(tmp_path / "ledger.sqlite", state)
    before = _snapshot(ledger)
    assert ledger.hold_for_review([PO, "P-B1-0099"], "a person looks") == []
    assert _snapshot(ledger) == before
    ledger.close()


def test_an_allowed_transition_moves_the_order_and_its_rows(ledger_location: Path | str) -> None:
    ledger = _ledger_with_order_in(ledger_location, "unknown")
    ledger.mark_sending(PO, attempt=2)  # an order whose answer was lost is sent again with its own PO
    CALLS["record_created"](ledger, PO)
    order = ledger.order(PO)
    assert order is not None and (order.state, order.vendor_order_id, order.error) == (
        "created",
        "ORD-1",
        None,
    )
    assert [(r.status, r.line_item_id) for r in ledger.rows_by_po(PO)] == [("ordered", "LI-1")]
    ledger.close()
