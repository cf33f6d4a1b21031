"""When a batch's money still to send was priced: its planned orders keep the cost of the plan that last
priced them (:mod:`bulkship.reprice`), and the vendor may change a price or fee at any time after. `bulkship
status` and the Batches page never ask the vendor, so they say the day of those prices beside the figure: a
plan kept at 63.38 read 'To send 63.38' days after the vendor raised a fee to make it 69.38, with nothing
saying when 63.38 was true (hunter-money19's leftover).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from .ledger import Ledger

# a look at the vendor's prices that found every planned order's cost right: its batch's costs are as
# recent as it. Recorded at most once in LOOKED_EVERY a batch (every cost page's look would fill the log)
LOOKED = "prices_looked"
LOOKED_EVERY = timedelta(hours=1)


def priced_on(ledger: Ledger, batch: str | None = None) -> dict[str, str]:
    """Batch (``batch``, else every batch) -> when the costs its planned orders hold were priced (ISO time),
    for the batches holding planned orders: of each order's newest pricing (its planning, or its newest
    repricing), the oldest, so every order's cost is at least that recent; or the batch's newest look that
    found them all right, when newer (:func:`note_prices_looked`)."""
    planned = ledger.orders(batch, states=("planned",), payloads=False)
    if not planned:
        return {}
    repriced: dict[str, str] = {}
    looked: dict[str, str] = {}
    for event in ledger.events(batch, kinds=["repriced", LOOKED]):
        if event.kind == LOOKED:
            looked[str(event.batch)] = max(looked.get(str(event.batch), ""), event.at)
        elif event.po_number:
            repriced[event.po_number] = max(repriced.get(event.po_number, ""), event.at)
    found: dict[str, str] = {}
    for order in planned:
        at = max(order.created, repriced.get(order.po_number, ""))
        found[order.batch] = min(found.get(order.batch, at), at)
    return {name: max(at, looked.get(name, "")) for name, at in found.items()}


def note_prices_looked(ledger: Ledger, batch: str) -> None:
    """Record that the vendor's prices of now were found to be the costs every planned order of ``batch``
    holds (a run's or a cost page's look, nothing repriced): 'as priced' said the day they were planned,
    days after looks that found them unchanged (hunter-money20's leftover, fixed by hunter-money25). Only
    when the batch's costs read older than :data:`LOOKED_EVERY`."""
    at = priced_on(ledger, batch).get(batch)
    if at is None:
        return
    then = datetime.fromisoformat(at.replace("Z", "+00:00"))
    if datetime.now(UTC) - then > LOOKED_EVERY:
        ledger.log_event(batch, None, LOOKED)


# the vendor charged an order otherwise than planned during a run, and its prices could not be read again
# (reprice.reprice_after_a_change): the batch's costs to send are of before it
CHARGED_OTHERWISE = "charged_otherwise_unread"


def note_charged_otherwise(ledger: Ledger, batch: str) -> None:
    """Record that the vendor charged otherwise than planned and its prices were not read again since."""
    ledger.log_event(batch, None, CHARGED_OTHERWISE)


def priced_before_a_change(ledger: Ledger, batch: str | None = None) -> set[str]:
    """The batches (``batch``, else every batch) whose money to send was priced before the vendor last charged
    an order otherwise than planned with its prices not read again (:func:`note_charged_otherwise`): after a
    run stopped for a raised fee, 'To send 75.00 as priced ...' read as today's cost where the re-run asks
    81.00 (hunter-money28's leftover 3, when the prices cannot be read at the stop)."""
    changed: dict[str, str] = {}
    for event in ledger.events(batch, kinds=[CHARGED_OTHERWISE]):
        changed[str(event.batch)] = max(changed.get(str(event.batch), ""), event.at)
    if not changed:
        return set()
    priced = priced_on(ledger, batch)
    return {name for name, at in priced.items() if changed.get(name, "") > at}


def priced_words(at: str, changed: bool = False, *, short: bool = False) -> str:
    """'as priced 2026-12-05 10:22' (UTC, as the Batches page writes a batch's start); ``changed``: priced
    before the vendor charged otherwise than planned (:func:`priced_before_a_change`), said so, or
    (``short``: a table's cell, the words said under the table) '(below)'."""
    words = f"as priced {at[:16].replace('T', ' ')}"
    if changed:
        more = "before the vendor charged otherwise than planned: a re-run shows what it costs today"
        words += " (below)" if short else f", {more}"
    return words
