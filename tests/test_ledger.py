from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from support.forkserver import ForkServer

from bulkship.errors import LedgerError, LedgerLockedError
from bulkship.ledger import Ledger, LineOutcome, OrderRecord, PlannedLineRecord, PlannedOrderRecord, RowUpdate
from bulkship.models import Shipment, VendorLineItem, VendorOrder


def _planned(ledger: Ledger) -> None:
    ledger.upsert_batch("b1", file_name="f.xlsx", file_hash="h1", po_prefix="P", rows=2, valid=2, invalid=0)
    ledger.record_rows("b1", [RowUpdate("fa", 2, "planned"), RowUpdate("fb", 3, "planned")])
    ledger.save_planned_orders(
        "b1",
        [
            PlannedOrderRecord(
                "P-B1-0001",
                1,
                "P-B1-0001",
                {"PONumber": "P-B1-0001"},
                Decimal("61.00"),
                [
                    PlannedLineRecord("fa", 0, "E1", Decimal("30.50")),
                    PlannedLineRecord("fb", 1, "E2", Decimal("30.50")),
                ],
            )
        ],
    )


def _order(ledger: Ledger, po_number: str) -> OrderRecord:
    order = ledger.order(po_number)
    assert order is not None, po_number
    return order


def _vendor_order(status: str = "Pending", tracking: str = "") -> VendorOrder:
    shipments = (Shipment(tracking_number=tracking, carrier="USPS"),) if tracking else ()
    return VendorOrder(
        id="ORD-1",
        po_number="P-B1-0001",
        status=status,
        line_items=(
            VendorLineItem("LI-1", "E1", "CVS", Decimal(25), 1, Decimal("30.50"), status, shipments),
            VendorLineItem("LI-2", "E2", "CVS", Decimal(25), 1, Decimal("30.50"), status, shipments),
        ),
    )


def test_second_process_on_same_ledger_gets_a_clear_lock_error(
    tmp_path: Path, bulkship_forks: ForkServer
) -> None:
    path = tmp_path / "ledger.sqlite"
    with Ledger.open(path):
        code = (
            "import sys\nfrom pathlib import Path\nfrom bulkship.ledger import Ledger\n"
            "from bulkship.errors import LedgerLockedError\n"
            f"try:\n    Ledger(Path({str(path)!r}))\nexcept LedgerLockedError as e:\n"
            "    print(e); sys.exit(7)\n"
        )
        done = bulkship_forks.run([], code=code, timeout=120)  # a process of its own (support.forkserver)
        assert done.returncode == 7
        assert "Another bulkship process" in done.stdout
    # released on close: the next process gets in
    with Ledger.open(path):
        pass


def test_lock_is_released_when_holder_is_killed(tmp_path: Path, bulkship_forks: ForkServer) -> None:
    path = tmp_path / "ledger.sqlite"
    code = (
        "import time\nfrom pathlib import Path\nfrom bulkship.ledger import Ledger\n"
        f"Ledger(Path({str(path)!r}))\nprint('locked', flush=True)\ntime.sleep(60)\n"
    )
    holder = bulkship_forks.popen([], code=code, capture=True)
    try:
        assert holder.printed(1, 120) == ["locked\n"]
        with pytest.raises(LedgerLockedError):
            Ledger(path)
    finally:
        holder.kill()
        holder.wait()
    with Ledger.open(path):
        pass


def test_created_order_marks_rows_ordered_and_keeps_the_po(ledger_location: Path | str) -> None:
    with Ledger.open(ledger_location) as ledger:
        _planned(ledger)
        ledger.mark_sending("P-B1-0001")
        assert _order(ledger, "P-B1-0001").state == "sending"
        order = _vendor_order()
        ledger.record_created(
            "P-B1-0001",
            order,
            [
                LineOutcome("fa", "LI-1", Decimal("30.50"), "pending"),
                LineOutcome("fb", "LI-2", Decimal("30.50"), "pending"),
            ],
            created=True,
        )
        rows = ledger.batch_rows("b1")
        assert [(r.row, r.status, r.po_number, r.line_item_id) for r in rows] == [
            (2, "ordered", "P-B1-0001", "LI-1"),
            (3, "ordered", "P-B1-0001", "LI-2"),
        ]
        assert _order(ledger, "P-B1-0001").vendor_order_id == "ORD-1"
        # re-recording rows from a new run never takes the PO away
        ledger.record_rows("b1", [RowUpdate("fa", 2, "invalid", "bad zip")])
        assert ledger.batch_rows("b1")[0].status == "ordered"
        kinds = [e.kind for e in ledger.events("b1")]
        assert kinds == ["batch_created", "planned", "sending", "created"]


def test_record_order_status_is_idempotent_and_stores_tracking(ledger_location: Path | str) -> None:
    with Ledger.open(ledger_location) as ledger:
        _planned(ledger)
        ledger.mark_sending("P-B1-0001")
        ledger.record_created("P-B1-0001", _vendor_order(), [], created=True)
        shipped = _vendor_order("Shipped", tracking="9400TRACK")
        assert ledger.record_order_status("P-B1-0001", shipped) is True
        assert ledger.record_order_status("P-B1-0001", shipped) is False
        rows = ledger.rows_by_po("P-B1-0001")
        assert {r.tracking_number for r in rows} == {"9400TRACK"}
        assert {r.line_status for r in rows} == {"shipped"}
        order = ledger.order_by_vendor_id("ORD-1")
        assert order is not None and order.status == "Shipped"


def test_only_sendable_states_can_be_marked_sending(ledger_location: Path | str) -> None:
    with Ledger.open(ledger_location) as ledger:
        _planned(ledger)
        ledger.mark_sending("P-B1-0001")
        ledger.record_created("P-B1-0001", _vendor_order(), [], created=True)
        with pytest.raises(LedgerError):
            ledger.mark_sending("P-B1-0001")


def test_unopenable_ledger_is_a_ledger_error(tmp_path: Path) -> None:
    (tmp_path / "dir.sqlite").mkdir()
    with pytest.raises(LedgerError, match="Cannot open the ledger"):
        Ledger(tmp_path / "dir.sqlite", lock=False)


def test_orders_read_without_payloads_give_the_same_orders_and_payloads(ledger_location: Path | str) -> None:
    """A million-row batch's payloads are not all read at once: an order read without its payload is the
    same order, and still gives the payload that was planned (read when asked)."""
    with Ledger.open(ledger_location) as ledger:
        _planned(ledger)
        [full] = ledger.orders("b1")
        [light] = ledger.orders("b1", payloads=False)
        assert light.payload_json == ""
        assert replace(light, payload_json=full.payload_json) == full  # all else read as before
        assert light.payload() == full.payload() == {"PONumber": "P-B1-0001"}
        assert [r.status for r in ledger.batch_rows("b1")] == ["planned", "planned"]


def test_a_batchs_rows_are_read_whole_a_few_at_a_time(
    ledger_location: Path | str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A million-row batch's rows are taken from the database a slice at a time (never every row's tuple at
    once): every row, in row order, as when read at once."""
    from bulkship.ledger import sql

    with Ledger.open(ledger_location) as ledger:
        ledger.upsert_batch("b1", file_name="f.csv", file_hash="h", po_prefix="P", rows=7, valid=7, invalid=0)
        ledger.record_rows("b1", [RowUpdate(f"f{n}", n, "planned") for n in (8, 2, 5, 3, 7, 6, 4)])
        whole = ledger.batch_rows("b1")
        monkeypatch.setattr(sql, "FETCH_ROWS", 2)
        assert [r.row for r in ledger.batch_rows("b1")] == [2, 3, 4, 5, 6, 7, 8]
        assert ledger.batch_rows("b1") == whole
        assert [r.fingerprint for r in ledger.batch_rows("b1", current_only=True)] == [
            f"f{n}" for n in range(2, 9)
        ]


def test_a_big_file_s_rows_and_plan_are_all_recorded_when_written_a_few_thousand_at_a_time(
    ledger_location: Path | str,
) -> None:
    """record_rows writes a big file's rows a slice at a time in its one transaction: every row still ends
    with its own status, and each planned row on its order's line, with its cost."""
    rows = range(2, 12_003)  # more than two slices
    planned = [n for n in rows if n % 3]
    orders = [
        PlannedOrderRecord(
            f"P-B1-{seq:04d}",
            seq,
            f"P-B1-{seq:04d}",
            {"PONumber": f"P-B1-{seq:04d}", "Items": [{"ExternalId": f"E{n}"} for n in chunk]},
            Decimal(len(chunk)),
            [PlannedLineRecord(f"f{n}", i, f"E{n}", Decimal("1.00")) for i, n in enumerate(chunk)],
        )  # 30 rows an order: more orders than one statement writes
        for seq, chunk in enumerate((planned[i : i + 30] for i in range(0, len(planned), 30)), start=1)
    ]
    with Ledger.open(ledger_location) as ledger:
        ledger.upsert_batch(
            "b1", file_name="f.csv", file_hash="h", po_prefix="P", rows=12_001, valid=8_000, invalid=4_001
        )
        updates = [
            RowUpdate(f"f{n}", n, "planned") if n % 3 else RowUpdate(f"f{n}", n, "invalid", f"bad {n}")
            for n in rows
        ]
        ledger.record_rows("b1", updates, planned=orders)
        recorded = {r.fingerprint: r for r in ledger.batch_rows("b1")}
        assert len(recorded) == len(rows)
        line_of = {ln.fingerprint: (o.po_number, ln.line_index) for o in orders for ln in o.lines}
        for n in rows:
            row = recorded[f"f{n}"]
            if n % 3:
                assert (row.row, row.status, row.cost) == (n, "planned", Decimal("1.00")), row
                assert (row.po_number, row.line_index) == line_of[f"f{n}"], row
            else:
                assert (row.row, row.status, row.po_number, row.error) == (n, "invalid", None, f"bad {n}")
        assert sum(1 for r in recorded.values() if r.po_number) == len(planned)
        assert {o.po_number: o.lines for o in ledger.orders("b1")} == {
            o.po_number: len(o.lines) for o in orders
        }
        # each order keeps the exact payload it will send (they are held packed until written)
        assert {o.po_number: o.payload() for o in ledger.orders("b1")} == {
            o.po_number: o.payload for o in orders
        }


def test_a_plan_whose_po_number_another_batch_holds_is_refused_whole_and_named(
    ledger_location: Path | str,
) -> None:
    """A planned PO already used by another batch, far into a big plan (past the first statement's orders):
    the plan is refused, naming the PO and the batch, and none of its orders or rows is recorded."""
    with Ledger.open(ledger_location) as ledger:
        for batch in ("a", "b"):
            ledger.upsert_batch(
                batch, file_name="f.csv", file_hash=batch, po_prefix="P", rows=1, valid=1, invalid=0
            )
        taken = PlannedOrderRecord("P-X-0250", 250, "P-X-0250", {"PONumber": "P-X-0250"}, Decimal(1),
                                   [PlannedLineRecord("a1", 0, "Ea1", Decimal(1))])  # fmt: skip
        ledger.record_rows("a", [RowUpdate("a1", 2, "planned")], planned=[taken])
        orders = [
            PlannedOrderRecord(
                f"P-X-{seq:04d}",
                seq,
                f"P-X-{seq:04d}",
                {"PONumber": f"P-X-{seq:04d}"},
                Decimal(1),
                [PlannedLineRecord(f"b{seq}", 0, f"Eb{seq}", Decimal(1))],
            )
            for seq in range(1, 301)
        ]
        updates = [RowUpdate(f"b{seq}", seq + 1, "planned") for seq in range(1, 301)]
        with pytest.raises(LedgerError, match=r"PO number P-X-0250 is already used by batch 'a'"):
            ledger.record_rows("b", updates, planned=orders)
        assert ledger.orders("b") == []
        assert ledger.batch_rows("b") == []
        assert [(o.po_number, o.batch) for o in ledger.orders("a")] == [("P-X-0250", "a")]
