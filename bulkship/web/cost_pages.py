"""The cost page and its Send: the plan worked out for the batch's rows as they are (under the runner's lock,
kept for the Send to act on), what it says of the rows left out, and the Send that confirms the total shown
and starts the run once (an approver asked first in team mode)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ..errors import BatchConflictError, BulkshipError
from ..ledger import Ledger
from ..settings import Settings
from . import batchledger, state
from .balance import Unread
from .ledgerreads import one_open
from .pagekit import Web, _idle, _see, _web, _with_upload, plan_of, render
from .reviewrows import Review

BUSY_WAIT_S = 10.0  # how long the cost page waits for another batch's run to let go of the ledger
# a plan kept longer is priced again when a page shows it: kept for its rows all day, the cost page shown at
# 9:00 said 'Send 1 order(s) for 125.00 USD' at 14:00 of a vendor charging 135.00 since noon, and its Send
# was refused 'more than the 125.00 confirmed' (an approver's Approve the same: found by hunter-money25)
PLAN_FRESH_S = 600.0
CATALOG_WAIT_S = 30.0  # a look at the vendor's prices of now, before a kept plan is worked out again


def _clock() -> float:
    return time.monotonic()


def _plan(web: Web, batch: state.WebBatch, *, balance_now: bool = False) -> Any:
    """The batch's plan, kept for its rows as they are (priced again once older than :data:`PLAN_FRESH_S`);
    ``balance_now``: a plan kept from an earlier look is shown with the vendor's balance read again
    (:func:`with_balance_now`)."""
    made = False

    def make() -> tuple[Any, float]:
        nonlocal made
        if not web.runner.exclusive.acquire(timeout=BUSY_WAIT_S):
            raise BulkshipError(
                "Another batch is being sent right now: the cost of this one is worked out once it is done. "
                "Nothing was sent",
                hint="reload this page in a moment",
            )
        try:
            planned = plan_of(web, batch)
            if batch.planned_change != batch.change_id:  # the Batches page's "to send" is this plan's now
                state.record(web.settings, batch.name, "web_planned", change=batch.change_id)
            made = True  # (with the vendor's balance of now)
            return planned, _clock()
        finally:
            web.runner.exclusive.release()

    with one_open(web.settings):
        key = batchledger.plan_key(web.settings, batch)
        kept = web.reviews.plans.get_or_make(key, make)
        if not made and _clock() - kept[1] > PLAN_FRESH_S:
            kept = _priced_again(web, key, make, kept)
        view = kept[0]
        planned = batchledger.plan_key(web.settings, batch)  # its orders as the plan just recorded them
    if planned != key:
        web.reviews.plans.put(planned, kept)
    if balance_now and not made:
        return with_balance_now(web, view)
    return view


def _priced_again(
    web: Web, key: tuple[Any, ...], make: Callable[[], tuple[Any, float]], kept: tuple[Any, float]
) -> tuple[Any, float]:
    """The plan of ``key`` made again at the vendor's prices of now; ``kept`` (the plan and when it was
    priced) while another batch's run holds the ledger, as before, or when the vendor's prices of now are
    those it was priced with (:func:`_priced_as_now`)."""
    if _priced_as_now(web, kept[0]):
        kept = (kept[0], _clock())
        web.reviews.plans.put(key, kept)
        return kept
    web.reviews.plans.discard(lambda other: other != key)
    try:
        return web.reviews.plans.get_or_make(key, make)
    except BulkshipError:
        web.reviews.plans.put(key, kept)
        return kept


def _priced_as_now(web: Web, view: Any) -> bool:
    """Whether ``view``, a plan kept, costs as much at the vendor's prices of now: the prices of its cards
    and shipping methods (plan.price_changes) and what it counts beside each order's lines (billedbefore)
    as they were. Worked out again in full, a 100k-row list's kept plan cost its page seconds of CPU every
    10 minutes for the same figures (hunter-money25's leftover 7, fixed by hunter-money26). Orders in doubt
    are priced apart from the plan's cards (reprice.dearer_in_doubt): such a plan is worked out again."""
    from ..billedbefore import order_charge
    from ..plan import price_changes

    shown = getattr(view, "priced_with", None)
    if view is None or shown is None or view.in_doubt.orders:
        return False
    now = _catalog_now(web.settings)
    if now is None or price_changes(shown, now, view.summary):
        return False
    from ..pricedon import note_prices_looked

    try:
        with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
            charge = order_charge(ledger, view.batch) if view.orders_made_most else Decimal(0)
            if charge != view.order_charge:
                return False
            note_prices_looked(ledger, view.batch)  # 'as priced' now on status and Batches, as a replan says
    except BulkshipError:
        return False
    return True


def _catalog_now(settings: Settings) -> Any:
    """The vendor's catalog now (read afresh); None when it cannot be read (the plan is worked out again)."""
    from ..client import connect

    async def read() -> Any:
        async with connect(settings, max_attempts=1, timeout_s=CATALOG_WAIT_S) as client:
            return await client.catalog(refresh=True)

    try:
        return asyncio.run(read())
    except Exception:  # slow, a vendor error, no credentials: worked out in full, as before
        return None


def with_balance_now(web: Web, view: Any) -> Any:
    """``view`` (a plan kept for the batch's rows) with the vendor's balance as it is now, or said unknown for
    now when the vendor does not tell it in a moment (:mod:`bulkship.web.balance`: one client, one token, for
    the server). The plan kept the balance of the look that made it: a Send stopped for funds said to fund
    the account and send again from the cost page, which then read 'Available balance: 69.65. The balance is
    short by 631.33 ... fund the account first' of an account funded with 1,000.00 (found by hunter-web19 in
    Chromium), and went on saying so until the rows changed."""
    if view is None:
        return None
    balance = web.balances.read()
    if isinstance(balance, Unread):
        return replace(view, summary=view.summary.with_balance(None, unread=True))
    return replace(view, summary=view.summary.with_balance(balance))


def plan_shown(web: Web, batch: state.WebBatch, change: object) -> Any:
    """The plan a page showed for the batch's rows as they are (``change``), for its Send or Approve to act
    on; None when the rows changed since. A server keeps a few plans: one pushed out by other batches' cost
    pages since (a ninth batch looked at on a busy server) is worked out again, and the total posted must
    still match it; Send showed the cost page again with nothing said (found by hunter-web13)."""
    kept = web.reviews.plans.peek(batchledger.plan_key(web.settings, batch))
    if kept is not None or str(change) != str(batch.change_id):
        return kept[0] if kept is not None else None
    try:
        return _plan(web, batch)
    except BulkshipError:  # another batch holds the ledger, the file repeats another batch: shown on the page
        return None


async def cost(request: Request) -> Response:
    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    try:
        found = await run_in_threadpool(web.reviews.review, batch)
        view = await run_in_threadpool(lambda: _plan(web, batch, balance_now=True))
    except BulkshipError as exc:  # another run holds the ledger, the file repeats another batch...
        if isinstance(exc, BatchConflictError) and batch.refused_now != exc.message:  # said once per change
            await run_in_threadpool(state.record, web.settings, batch.name, "web_refused", error=exc.message)
        exc = await run_in_threadpool(page_error, web.settings, batch.name, exc)
        return render(request, "problem.html", 409, batch=batch, error=exc)
    notes = await run_in_threadpool(_cost_notes, web, batch, found)
    error = NO_LONGER_ASKED if request.query_params.get("approval") == "unneeded" else ""
    if request.query_params.get("changed"):  # a Send from a page shown before a change: nothing was sent
        error = CHANGED_SINCE if view is not None else NOTHING_LEFT_SINCE
    return render(
        request, "cost.html", batch=batch, view=view, counts=found.counts, error=error, notes=notes,
        for_a_day=len(found.for_a_day),  # followed from the results before the day: said, not "nothing left"
    )  # fmt: skip


def _cost_notes(web: Web, batch: state.WebBatch, found: Review) -> list[str]:
    """What the cost page says of the rows left out: the file's notices, and the rows a cell changed on the
    review page leaves out, named (found by review27: counted in '2 skipped', only the file's row named)."""
    notes = list(
        found.result.sheet.notices
    )  # the checks' too: a card carrier given for every row read as its id
    here = [s for s in found.loaded.skipped if s.row in found.skipped_here]
    if here:
        named = "; ".join(f"row {s.row} ({s.reason})" for s in here[:10]) + (
            "; and more" if len(here) > 10 else ""
        )
        notes.append(
            f"{len(here)} row(s) left out for what was changed on the review page: {named}. Change that cell "
            "back there to order a row."
        )
    # an order whose own total still counts lines it failed: said before their rows are sent and paid again
    # (found by hunter-money16)
    from ..billedbefore import billed_before_notes, currency_before_notes
    from ..runnotes import failed_counted_notes

    try:
        with Ledger.open(web.settings.ledger_location, lock=False, read_only=True) as ledger:
            notes.extend(failed_counted_notes(ledger, batch.name))
            # what the vendor billed beside its orders' lines before: not in the total shown (hunter-money25)
            planned = len(ledger.orders(batch.name, states=("planned",), payloads=False))
            notes.extend(billed_before_notes(ledger, batch.name, planned))
            notes.extend(currency_before_notes(ledger, batch.name, planned))
    except BulkshipError:  # no ledger yet
        pass
    return notes


def sent_elsewhere(view: Any, shown: int = 8) -> dict[str, Any] | None:
    """The plan's rows sent elsewhere (their cards in another batch's order), by that order, as the command
    line's plan says them before its question (73def641): the cost page said '2 row(s) already ordered are
    not sent again' and nothing of the list's other rows, only its Results page did, after the Send (found
    by hunter-vendor30). None when there are none."""
    from ..resolve.lines import ranges

    found = tuple(getattr(view, "elsewhere", ()) or ()) if view is not None else ()
    if not found:
        return None
    orders = [
        f"{'row' if len(rows) == 1 else 'rows'} {ranges(rows)}: {where}" for where, rows in found[:shown]
    ]
    count = sum(len(rows) for _where, rows in found)
    return {"count": count, "orders": orders, "more": max(0, len(found) - shown)}


def who_gets(request: Request, batch: str, view: Any) -> Any:
    """Who gets what in the plan shown (:func:`bulkship.whogets.who_gets_what`), for the cost page and the
    approver's (one template); None without a plan or a ledger. Card and shipping names as the table above
    names them."""
    from ..whogets import who_gets_what

    if view is None:
        return None
    try:
        with Ledger.open(_web(request).settings.ledger_location, lock=False, read_only=True) as ledger:
            found = who_gets_what(ledger, batch)
    except BulkshipError:  # no ledger yet
        return None
    summary = view.summary
    names = {line.key: line.name or line.key for line in (*summary.by_product, *summary.by_shipping_method)}
    return {"list": found, "names": names}


NO_LONGER_ASKED = (
    "Nothing was sent: this page asked for an approval, and the batch no longer needs one (the approval "
    "threshold or your limit was raised since it was shown). Send it below if it is to go without an approver"
)


CHANGED_SINCE = (
    "Nothing was sent: the cost of this batch changed since you confirmed it (its rows, the prices or other "
    "batches changed since the page you sent from was shown). Check the cost below and send it from here."
)


# ... and nothing is left to send since: a second tab's Send, pressed after the first tab's had sent the
# batch, read 'Nothing is left to send in this batch' alone, and its person could not tell whether that press
# sent anything (found by hunter-web28)
NOTHING_LEFT_SINCE = (
    "Nothing was sent from the page you pressed Send on: since it was shown, what it would have sent was "
    "sent (from another tab, or by someone else) or is held now, as said below. No card is sent twice."
)


def page_error(settings: Settings, batch: str, exc: BulkshipError) -> BulkshipError:
    """``exc`` as the page says it: a batch of another vendor API than this server's read 'run `bulkship run
    /srv/.../uploads/<id>/list.csv --batch B` with --api-url ...', the command line's advice and the upload's
    private path (found by hunter-web8)."""
    if not batchledger.for_another_vendor(settings, batch):  # (the refusal is a ConfigError or a conflict)
        return exc
    from ..batchapi import api_identity, describe_api

    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        record = ledger.batch(batch)
    theirs = describe_api(record.api) if record is not None and record.api else "another vendor API"
    ours = describe_api(api_identity(settings))
    return BatchConflictError(
        f"Batch {batch}'s orders went to {theirs}, and this server sends to {ours}: only a bulkship server "
        "using that vendor sends it, or asks about it. Nothing was sent or changed",
        hint="open this batch on the page of the bulkship server that uses that vendor",
    )


async def confirm(request: Request) -> Response:
    """Send, once: a second click, a reload or a late resend of this form finds the batch confirmed and
    running (or done) and only shows its progress. The run never spends more than the total confirmed."""
    web = _web(request)
    batch = _idle(web, _with_upload(web, request.path_params["name"]))
    form = await request.form()
    view = await run_in_threadpool(plan_shown, web, batch, form.get("change"))
    try:
        total = Decimal(str(form.get("total", "")))
    except InvalidOperation:
        total = None
    if total is not None and not total.is_finite():  # sNaN cannot even be compared (found by hunter-web, W6)
        total = None
    try:
        found = await run_in_threadpool(web.reviews.review, batch)
    except BulkshipError as exc:  # its file gone from the server's disk: a bare 500 (found by hunter-web9)
        return render(request, "problem.html", 409, batch=batch, error=exc)
    # the total confirmed is the most the run may spend: what it sends and the orders in doubt it asks about
    if view is None or total != view.worst_case or str(form.get("change")) != str(batch.change_id):
        # the rows (or the plan) changed since the page was shown: show the cost again, saying why (another
        # batch's plan deleted meanwhile gives this one more rows to send: newcomer13)
        return _see(f"/batches/{batch.name}/cost?changed=1")
    if found.counts.get("invalid") and form.get("leave_out") != "yes":
        error = "Tick 'leave the rows that are not valid out' to send the valid rows only, or fix them first."
        notes = await run_in_threadpool(_cost_notes, web, batch, found)
        shown = await run_in_threadpool(with_balance_now, web, view)
        return render(
            request, "cost.html", 400, batch=batch, view=shown, counts=found.counts, error=error, notes=notes
        )
    from .team_pages import (
        after_confirm,
        before_confirm,
    )  # the team's approval step (none in single-user mode)

    waiting = await before_confirm(request, batch.name, view, asks=form.get("asks") == "yes")
    if waiting is not None:
        return waiting
    cards = {line.key: line.name for line in view.summary.by_product}  # Send sends the cards shown, or none
    first = await run_in_threadpool(
        lambda: state.confirm_send(
            web.settings, batch, total, cards, view.charged.total, process=web.runner.process()
        )
    )
    if first is None:
        now = await run_in_threadpool(state.web_batch, web.settings, batch.name)
        if now is not None and now.deleted:  # Delete pressed at the same moment, on another page
            gone = BulkshipError(
                f"Batch {batch.name} was deleted at the same moment (on another page): nothing was sent",
                hint="to send its list, upload it again",
            )
            return render(request, "problem.html", 409, batch=batch, error=gone)
        return _see(f"/batches/{batch.name}/cost")  # changed meanwhile: its cost again, nothing sent
    await after_confirm(request, batch.name, first=first)
    web.runner.start(batch.name)
    return _see(f"/batches/{batch.name}/progress")
