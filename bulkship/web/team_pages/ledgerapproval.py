"""The approval of a batch prepared from the command line (or uploaded on the page and deleted there), as
its approver sees it: its figures, cards and recipients from the ledger, the rows it sends again on purpose,
and approving it (its person sends it). A page batch's approval is :mod:`.approving`'s, over the cost page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ... import api
from ...errors import BulkshipError
from ...team import approvals
from .. import pagekit as pages
from .common import _approve, _plan_unchanged, _request_of, _see, _settings, _withdrawn


async def ledger_approval_page(request: Request, name: str, *, deleted: bool = False) -> Response:
    """The approval of a batch prepared from the command line: its figures from the ledger. ``deleted``: a
    batch uploaded on the page and deleted there (a request rejected, then the batch deleted), which read
    'prepared from the command line ... the person who asked runs the same command again' (hunter-web7)."""
    settings = _settings(request)
    asked = await run_in_threadpool(approvals.latest, settings, name)
    if asked is None:
        raise HTTPException(404, f"No batch named {name!r} waits for approval")
    status = await run_in_threadpool(_status_or_none, settings, name)
    current = await run_in_threadpool(_still_covered, settings, asked, status[0] if status else None)
    lapsed = asked.decision == "approved" and not await run_in_threadpool(
        approvals.approver_active, settings, asked
    )
    repeats = await run_in_threadpool(_sent_again_on_purpose, settings, name)
    cards, recipients = await run_in_threadpool(_plan_of, settings, name)
    rejected = await run_in_threadpool(approvals.people.rejected_in, settings, name)
    said = await run_in_threadpool(approvals.asked_notes, settings, asked)  # what the run said of the list
    gone = await run_in_threadpool(approvals.asker_gone, settings, asked) if asked.state == "pending" else ""
    return pages.render(
        request, "approval_ledger.html", batch=name, approval=asked, approval_current=current, said=said,
        approval_lapsed=lapsed, deleted=deleted, approval_asker_gone=gone,
        figures=status[0] if status else None, repeats=repeats, cards=cards, recipients=recipients,
        shown=RECIPIENTS_SHOWN, rejected_people=rejected,
    )  # fmt: skip


RECIPIENTS_SHOWN = 500


def _plan_of(settings: Any, name: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """What the batch's orders still to send hold, from their stored payloads: the cards by product and
    value (how many, their face value), and each recipient (the first :data:`RECIPIENTS_SHOWN`). The
    approver of a batch prepared from the command line saw only a file name, a row count and a total
    (found by newcomer9)."""
    from ...ledger import Ledger
    from ...payload import sent_lines

    cards: dict[tuple[str, str], dict[str, Any]] = {}
    recipients: list[dict[str, Any]] = []
    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        orders = [o for o in ledger.orders(name) if o.state == "planned"]
        for order in orders:
            # each line's row and planned cost: which person's card costs what (the approver read none)
            rows = (
                {
                    r.line_index: r
                    for r in ledger.rows_by_po(order.po_number)
                    if r.status == "planned" and r.current
                }
                if len(recipients) < RECIPIENTS_SHOWN
                else {}
            )
            for index, line in enumerate(sent_lines(order)):
                card = cards.setdefault(
                    (line.product_id, f"{line.value:.2f}"),
                    {"product": line.product_id, "value": line.value, "cards": 0, "face": Decimal(0)},
                )
                card["cards"] += line.quantity
                card["face"] += line.value * line.quantity
                if len(recipients) < RECIPIENTS_SHOWN:
                    row = rows.get(index)
                    recipients.append(
                        {"po": order.po_number, "item": line.item, "address": line.address,
                         "row": row.row if row else None, "cost": row.cost if row else None}
                    )  # fmt: skip
    return sorted(cards.values(), key=lambda c: (str(c["product"]), c["value"])), recipients


def _sent_again_on_purpose(settings: Any, name: str) -> dict[str, Any] | None:
    """The plan's rows that repeat a card already ordered, sent on purpose (``--allow-repeat``): the approver
    is the person who must see them (found by newcomer7: the page said nothing of three second cards), each
    by its row in this batch, as the command line says it: the page named only the earlier batch's row
    ('ordered in batch q3 (row 3, ...)') for what was row 5 of this one (found by hunter-web10)."""
    from ...ledger import Ledger

    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        found = ledger.latest_event(name, "repeat_allowed")
        if found is None:
            return None
        notes = dict(found.detail.get("examples") or {})  # row fingerprint -> the hold's note
        rows = {
            r.fingerprint: r.row for r in ledger.batch_rows(name, current_only=True) if r.fingerprint in notes
        }
    from ...repeats import repeat_said

    examples = sorted(notes.items(), key=lambda note: rows.get(note[0], 0))
    said = [
        f"row {rows[fingerprint]}: {repeat_said(str(note))}"
        if fingerprint in rows
        else repeat_said(str(note))
        for fingerprint, note in examples
    ]
    from ...repeats.cancelled import sent_again_counted, sent_again_words

    count = int(found.detail.get("rows", 0) or 0)
    cancelled = found.detail.get("cancelled")  # of them all (an event before it: read from the examples)
    words = (
        sent_again_words(notes.values()) if cancelled is None else sent_again_counted(count, int(cancelled))
    )
    return {"rows": count, "examples": said, "words": words}


def _status_or_none(settings: Any, name: str) -> list[dict[str, Any]]:
    """The batch's figures, or none when the ledger no longer holds it (the page says so)."""
    try:
        return api.status(settings, name)
    except BulkshipError:
        return []


def _still_covered(settings: Any, asked: approvals.Approval, figures: dict[str, Any] | None) -> bool:
    """Whether the status box may say the approval covers the batch: a request waiting, when its plan is
    unchanged; an approval, when it covers what is left to send (a part may have been sent on it: the run's
    check, :meth:`~bulkship.team.approvals.Approval.covers`)."""
    if asked.decision != "approved":
        return _plan_unchanged(settings, asked)
    if figures is None:
        return False
    total = sum(
        (Decimal(str(figures[k])) for k in ("ordered_cost", "in_doubt_cost", "planned_cost")), Decimal(0)
    )
    return asked.covers(approvals.order_prints(settings, asked.batch), total)


async def approve_ledger_batch(request: Request, name: str) -> Response:
    """Approve a command-line batch's plan when it is still the one asked about; its person sends it."""
    settings = _settings(request)
    asked = await run_in_threadpool(_request_of, request, name)
    if not await run_in_threadpool(_plan_unchanged, settings, asked):
        return _see(f"/batches/{name}/approval")
    try:
        await run_in_threadpool(_approve, request, asked, lambda: _plan_unchanged(settings, asked))
    except approvals.ApprovalOutOfDateError:
        return _see(f"/batches/{name}/approval")
    except approvals.ApprovalError as exc:
        if not await run_in_threadpool(_withdrawn, request, asked.id):
            return pages.render(request, "plain.html", 403, title="Not approved", message=exc.message)
    return _see(f"/batches/{name}/approval")
