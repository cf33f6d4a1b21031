"""The ledger thread's group commit keeps every call's own guarantees: a caller resumes only once its write is
committed (seen from another connection), one failing call is undone alone, and the submitter never leaves an
earlier order's outcome behind its next intent."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from support import SandboxVendor as Vendor
from test_submit import RefuseOrders, rows_frame, run_once

from bulkship.errors import AccessDeniedError, LedgerError
from bulkship.ledger import Ledger, LedgerThread, PlannedLineRecord, PlannedOrderRecord, RowUpdate

POS = [f"PO-{i}" for i in range(8)]


def planned_ledger(path: Path | str) -> Ledger:
    ledger = Ledger(path)
    ledger.upsert_batch("B", file_name="f.csv", file_hash="h", po_prefix="P", rows=8, valid=8, invalid=0)
    ledger.record_rows("B", [RowUpdate(f"fp{i}", i + 2, "planned") for i in range(8)])
    ledger.save_planned_orders(
        "B",
        [
            PlannedOrderRecord(
                po,
                i + 1,
                po,
                {"PONumber": po},
                Decimal("25"),
                [PlannedLineRecord(f"fp{i}", 0, f"E{i}", Decimal("25"))],
            )
            for i, po in enumerate(POS)
        ],
    )
    return ledger


def states_seen_elsewhere(path: Path | str) -> dict[str, str]:
    with Ledger.open(path, lock=False) as other:
        return {order.po_number: order.state for order in other.orders("B")}


def test_intents_queued_together_are_committed_together_before_any_caller_resumes(
    ledger_location: Path | str,
):
    path = ledger_location
    ledger = planned_ledger(path)

    async def mark_all() -> tuple[int, list[dict[str, str]]]:
        writer = LedgerThread(ledger)
        seen: list[dict[str, str]] = []

        async def mark(po: str) -> None:
            await writer.call(ledger.mark_sending, po)
            seen.append(states_seen_elsewhere(path))  # what a crash right now would leave

        await asyncio.gather(*(mark(po) for po in POS))
        await writer.aclose()
        return writer.commits, seen

    commits, seen = asyncio.run(mark_all())
    ledger.close()
    assert commits == 1  # eight intents, one transaction, one fsync
    assert all(states[po] == "sending" for states in seen for po in POS)


def test_a_failing_call_is_undone_alone_and_its_caller_alone_gets_the_error(ledger_location: Path | str):
    path = ledger_location
    ledger = planned_ledger(path)
    ledger.record_not_sent(POS[1], "set up")  # still planned
    ledger.mark_sending(POS[2])
    ledger.record_rejected(POS[2], "400", {})  # rejected: it can never be sent again

    async def calls() -> list[BaseException | None]:
        writer = LedgerThread(ledger)
        try:
            return list(
                await asyncio.gather(
                    writer.call(ledger.mark_sending, POS[0]),
                    writer.call(ledger.mark_sending, POS[2]),
                    writer.call(ledger.mark_sending, POS[1]),
                    return_exceptions=True,
                )
            )
        finally:
            await writer.aclose()

    results = asyncio.run(calls())
    ledger.close()
    assert results[0] is None and results[2] is None
    assert isinstance(results[1], LedgerError) and "cannot be sent" in str(results[1])
    states = states_seen_elsewhere(path)
    assert (states[POS[0]], states[POS[1]], states[POS[2]]) == ("sending", "sending", "rejected")


def test_closing_waits_for_calls_still_queued(ledger_location: Path | str):
    path = ledger_location
    ledger = planned_ledger(path)

    async def queue_then_close() -> None:
        writer = LedgerThread(ledger)
        pending = [asyncio.ensure_future(writer.call(ledger.mark_sending, po)) for po in POS]
        await asyncio.sleep(0)
        await writer.aclose()
        await asyncio.gather(*pending)

    asyncio.run(queue_then_close())
    ledger.close()
    assert set(states_seen_elsewhere(path).values()) == {"sending"}


@pytest.mark.parametrize("concurrency", [1, 3])
def test_answered_orders_are_recorded_as_the_run_goes(tmp_path: Path, concurrency: int):
    """Outcomes ride with the next intent: whenever an order goes out, each worker has at most its last
    finished order and the one just answered not yet recorded as created (the sender itself, only the
    first); all the others are, and whatever a crash leaves ``sending`` a re-run resolves with the same PO."""
    vendor = Vendor(tmp_path)
    inner = vendor.transport
    answered: set[str] = set()
    behind: list[tuple[str, dict[str, str]]] = []

    class Spy(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            is_order = request.method == "POST" and request.url.path.lower() == "/v1/orders"
            if is_order:
                with Ledger.open(vendor.settings.ledger, lock=False) as other:
                    states = {o.po_number: o.state for o in other.orders("B1")}
                stale = {po: states[po] for po in answered if states[po] != "created"}
                if len(stale) > 2 * concurrency - 1:
                    behind.append((json.loads(request.content)["PONumber"], stale))
            response = await inner.handle_async_request(request)
            if is_order:
                answered.add(json.loads(request.content)["PONumber"])
            return response

    vendor.transport = Spy()
    outcome = run_once(vendor, rows_frame(24), max_lines=3, concurrency=concurrency)
    assert outcome.stopped is None and len(outcome.created) == 8
    assert behind == []
    with Ledger.open(vendor.settings.ledger, lock=False) as ledger:
        assert {o.state for o in ledger.orders("B1")} == {"created"}
        assert {r.status for r in ledger.batch_rows("B1")} == {"ordered"}


def test_a_stop_leaves_no_order_sending_at_several_in_flight(tmp_path: Path):
    """Intents committed ahead for orders that never left (the run stopped on a 403) go back to planned, and a
    re-run sends each row once."""
    vendor = Vendor(tmp_path)
    vendor.transport = RefuseOrders(vendor.transport, 403, allow=4)
    outcome = run_once(vendor, rows_frame(30), max_lines=2, concurrency=3)
    assert isinstance(outcome.stopped, AccessDeniedError)
    with Ledger.open(vendor.settings.ledger, lock=False) as ledger:
        states = Counter(o.state for o in ledger.orders("B1"))
    assert states["created"] == len(vendor.po_numbers()) == 4
    assert set(states) == {"created", "planned"}
    vendor.transport = vendor.transport.inner
    outcome = run_once(vendor, rows_frame(30), max_lines=2, concurrency=3)
    assert outcome.stopped is None
    assert vendor.external_ids() == Counter({f"E{i:04d}": 1 for i in range(30)})


def test_a_thread_stopped_under_a_call_gives_its_caller_the_error_and_leaves_no_task_failing(
    ledger_location: Path | str,
):
    """Found by hunter-web5: `bulkship serve` stopped (SIGTERM, Ctrl-C) while sending printed 'Task exception
    was never retrieved ... RuntimeError: cannot schedule new futures after shutdown' with its traceback."""
    ledger = planned_ledger(ledger_location)

    async def call_after_the_stop() -> tuple[BaseException | None, BaseException | None]:
        writer = LedgerThread(ledger)
        writer._executor.shutdown()  # as the interpreter's exit does
        pending = asyncio.ensure_future(writer.call(ledger.mark_sending, POS[0]))
        await asyncio.sleep(0)
        flusher = writer._flusher
        assert flusher is not None
        caught = (await asyncio.gather(pending, return_exceptions=True))[0]
        await asyncio.sleep(0)
        return caught, flusher.exception()

    caught, left = asyncio.run(call_after_the_stop())
    ledger.close()
    assert isinstance(caught, LedgerError) and "did not finish" in str(caught)
    assert left is None
