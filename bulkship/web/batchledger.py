"""A batch as the ledger holds it, beside the page's own events (:mod:`.state`): its rows the vendor refused,
sent or ordered, whether it is there at all, sent by another process or through another vendor API, the plan
a deleted batch leaves cancelled, what a plan shown holds for (:func:`plan_key`) and whether orders were sent
since a Send was confirmed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..ledger import CARD_MADE_ROWS, ELSEWHERE, Ledger, ledger_exists
from ..ledger.orderstates import COMMITTED_ORDER_STATES, rows_on_orders_in
from ..repeats.policy import HELD
from ..settings import Settings
from .ledgerreads import reading

if TYPE_CHECKING:  # state reads this module
    from .state import WebBatch

SENT_STATES = ("created", "rejected")  # an order the vendor answered: it stays sent

NO_CARD_WORDS = "no card was made: {ended}. It is sent again as it is when you continue"
# ... its line cancelled: held, not sent again, as the run holds it (repeats.cancelled)
NO_CARD_HELD_WORDS = (
    "no card was made: {ended}. It is held, not sent again, when you continue: a cancellation may be one "
    "your company asked for (to send it after all, tick it on the batch's Held rows page then)"
)


def vendor_refused(settings: Settings, batch: str) -> dict[int, tuple[str, str, bool]]:
    """The batch's rows the vendor refused at its last run, or whose card its order ended without: row
    number -> (ledger key, the vendor's words, whether it is sent again as it is)."""
    from ..ledger.linewords import LINE_WORD, line_words
    from ..reconcile.join import line_ended

    with reading(settings) as ledger:
        if ledger is None:
            return {}
        failed = ledger.current_rows_with_status(batch, "failed")
        no_card = dict(ledger.rows_made_no_card(batch))
        ordered = ledger.current_rows_with_status(batch, "ordered") if no_card else []
        words = line_words(ledger.events(batch, kinds=[LINE_WORD])) if no_card else {}
    found = {r.row: (r.fingerprint, r.error or "", False) for r in failed}
    for r in ordered:
        if r.fingerprint in no_card:
            po = no_card[r.fingerprint]  # (the line's word, or the vendor's: newcomer28's N2, N1)
            ended = line_ended(po, r.line_status, words.get((po, r.fingerprint), ""))
            said = NO_CARD_HELD_WORDS if (r.line_status or "").lower() == "cancelled" else NO_CARD_WORDS
            found[r.row] = (r.fingerprint, said.format(ended=ended[:1].lower() + ended[1:]), True)
    return found


def in_ledger(settings: Settings, batch: str) -> bool:
    """Whether the ledger holds the batch (planned or run once): a draft of the page's is not yet there."""
    with reading(settings) as ledger:
        if ledger is None:
            return False
        return ledger.batch(batch) is not None


def rows_sent(settings: Settings, batch: str) -> dict[int, str]:
    """The batch's rows (of its file as last run) whose card is ordered, or may be (sent, answer not
    settled): row number -> PO number. The page never lets their cells change: editing the sheet never
    changes a card already ordered, and the edited row would be held as a second card."""
    from ..reconcile.join import made_no_card

    with reading(settings) as ledger:
        if ledger is None:
            return {}
        orders = {o.po_number: o for o in ledger.orders(batch, payloads=False)}
        known = {r.fingerprint: r for r in ledger.batch_rows(batch)}
    sent = rows_on_orders_in(known, orders, COMMITTED_ORDER_STATES)
    return {
        known[fp].row: known[fp].po_number or ""
        for fp in sent
        if known[fp].current and not made_no_card(known[fp])
    }


def rows_elsewhere(settings: Settings, batch: str) -> dict[str, str]:
    """The batch's rows left out as sent elsewhere (their card in another batch's order): ledger key -> what
    the row says, naming that order."""
    with reading(settings) as ledger:
        if ledger is None:
            return {}
        return {r.fingerprint: r.error or "" for r in ledger.current_rows_with_status(batch, ELSEWHERE)}


def ordered_fingerprints(settings: Settings, batch: str) -> list[str]:
    """The fingerprints of the batch's rows ordered: of two rows that are one person, the ordered one stays
    it on the Review page too, the other is its duplicate (as ``run`` judges them)."""
    with reading(settings) as ledger:
        if ledger is None:
            return []
        return [r.fingerprint for r in ledger.batch_rows(batch) if r.status in CARD_MADE_ROWS]


def drop_unsent_plan(settings: Settings, batch: str) -> None:
    """A deleted batch's planned orders that never left are cancelled: nothing is left to approve or send
    later, and the same file uploaded again is not refused as "planned, not sent yet" by a batch the page
    no longer shows. Orders that may be at the vendor are never touched."""
    from ..neversent import may_exist_at_vendor

    if not ledger_exists(settings.ledger_location):
        return
    # holding the batch, as a run does: on a PostgreSQL ledger the Delete cancelled the plan `bulkship run`
    # was asking about at 'Send these orders?' ('y': "Nothing was sent in this run", no word why; found by
    # hunter-web9); it is refused while another process works on the batch, as on SQLite
    with Ledger.open(settings.ledger_location, batch=batch) as ledger:
        for order in ledger.orders(batch, payloads=False):
            if order.state == "planned" and not may_exist_at_vendor(ledger, order.po_number):
                ledger.cancel_planned(
                    order.po_number, "its batch was deleted on the web page before it was sent"
                )


def sent_elsewhere_now(settings: Settings, batch: str) -> bool:
    """Whether another process sends the batch right now on a team's PostgreSQL ledger (`bulkship run` of
    the same batch: its orders going out, its lock held). Its pages read 'Nothing has been sent for this
    batch yet' and offered Send and a cell fix, its results 'the vendor's answer was lost' (found by
    hunter-web7). A SQLite ledger's lock file is this server's own while its cost page plans: not read."""
    if not settings.ledger_url:
        return False
    with reading(settings) as ledger:
        if ledger is None or not ledger.order_counts(batch).get("sending"):
            return False
        return bool(ledger.busy_batches([batch]))


def for_another_vendor(settings: Settings, batch: str) -> bool:
    """Whether the batch's orders went to another vendor API than this server's (a server of the embedded
    sandbox, or of another vendor URL, sharing the ledger): only a server of that API may resume it. One
    such server, started while another's batch was due, resumed it, was refused ('ordered through the vendor
    API ..., but this command uses the embedded sandbox') and recorded that end: the batch was no longer due,
    its own server resumed nothing at its restart, its orders left in doubt and its pages showing that
    refusal (found by hunter-web8)."""
    from ..batchapi import api_identity, same_api

    with reading(settings) as ledger:
        if ledger is None:
            return False
        record = ledger.batch(batch)
    return record is not None and not same_api(record.api, api_identity(settings))


def other_api(settings: Settings, batch: str) -> str:
    """What this server's pages say of a batch whose orders went to another API than its own, or "" (see
    :func:`bulkship.batchapi.other_api_note`)."""
    from ..batchapi import other_api_note

    with reading(settings) as ledger:
        if ledger is None:
            return ""
        record = ledger.batch(batch)
    return other_api_note(record.api, settings) if record is not None else ""


def plan_key(settings: Settings, batch: WebBatch) -> tuple[Any, ...]:
    """What a plan shown for the batch holds for (:attr:`WebBatch.plan_key`), and its orders in the ledger by
    state: a command-line run of the batch sends, plans or cancels them without an event of the page's, and
    the page kept showing its plan: 'Send 1 order(s) for 50.00' (or an approver 'Approve and send ...') for a
    batch `bulkship run` had sent in full, while another server's page said nothing was left to send (found
    by hunter-web9). And the latest plan of any batch cancelled unsent: another batch's, deleted, held this
    one's rows as 'planned, not sent yet' there, and the page went on saying 'Nothing is left to send' of
    them until the server restarted (found by newcomer13)."""
    orders: tuple[tuple[str, int], ...] = ()
    changed = dropped = 0
    there: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()
    with reading(settings) as ledger:
        if ledger is not None:
            orders = tuple(sorted(ledger.order_counts(batch.name).items()))
            # and its latest event: rows released from review change no order, and the page went on saying
            # 'Nothing is left to send' of them (found by the lead); counting rows costs a 100k-row batch's
            # page 0.2 s, the event's id an index's look-up
            changed = ledger.last_event_id(batch.name)
            dropped = ledger.last_plan_dropped()
            there = _planned_there(ledger, batch.name)
    return (*batch.plan_key, orders, changed, dropped, there)


# a row held for a card another batch only planned (its note, as the repeats check writes it)
PLANNED_THERE = re.compile(r"planned, not sent yet in batch '([^']+)'")


def _planned_there(ledger: Ledger, batch: str) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    """The batches whose planned cards hold rows of ``batch``, with their orders by state. Once such a batch
    sent them, the plan kept still held the rows as 'planned, not sent yet in batch gifts ... delete batch
    gifts (nothing of it was sent)', on the cost, Held rows and Results pages, of cards at the vendor (found
    by hunter-web26 beside the web page's known leftover)."""
    names = {
        found.group(1)
        for r in ledger.current_rows_with_status(batch, HELD)
        if (found := PLANNED_THERE.search(r.error or "")) is not None
    }
    return tuple((name, tuple(sorted(ledger.order_counts(name).items()))) for name in sorted(names))


def plans_dropped(settings: Settings) -> int:
    """The latest plan of any batch cancelled unsent (0: none), for what is kept of a batch's rows."""
    with reading(settings) as ledger:
        if ledger is None:
            return 0
        return ledger.last_plan_dropped()


def sent_since_confirmed(settings: Settings, batch: WebBatch) -> bool:
    """Whether orders of the batch were answered by the vendor since its last Send was confirmed: a run the
    server's stop cut short, resumed; what is left of it costs less than the total confirmed. Not known
    (True) for a Send an older bulkship recorded."""
    before = batch.sent_before
    if before is None:
        return True
    with reading(settings) as ledger:
        if ledger is None:
            return False
        now = ledger.order_counts(batch.name)
    return any(now.get(s, 0) != before.get(s, 0) for s in SENT_STATES)
