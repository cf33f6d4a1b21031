"""Every batch of the ledger at a glance: its state, rows, cards and money, from a few aggregate queries.

The web page's Batches list (and anything else that shows many batches) reads this: one grouped query over
the rows, one over the orders and one adding up cards, whatever the number of batches or rows; never every
row or event in Python. A batch's state is one word, decided here once::

    draft                   nothing checked yet (a web upload not reviewed)
    needs fixes             rows are not valid, and nothing is planned or sent (or all else is delivered)
    awaiting confirmation   orders planned, nothing sent (the cost was shown, nobody said "send")
    awaiting approval       orders planned and a person asked to send them: an approver must approve or
                            reject the request first (team mode, a cost above the person's limit)
    rejected                orders planned, nothing sent, and an approver rejected the request (its reason
                            is on the cost page): change the batch and send again, or delete it
    sending                 a run is sending it now
    waiting                 rows the list holds until a day still to come ('Do Not Send Before') wait for
                            it, and nothing else is to do now: the same file, run again on that day, sends
                            them (the rest may be sent, shipping or delivered)
    sent                    orders created at the vendor, none shipped yet
    shipping                some ordered cards shipped (or delivered), not all delivered
    delivered               every ordered card delivered
    needs attention         a person must act: the vendor refused rows, orders are in doubt or held for
                            review, rows repeat earlier cards (held; beside a plan not yet sent, that plan
                            is awaiting confirmation, its cost page saying them), or a run stopped with
                            orders unsent

Rows left out because they are not valid (or repeat a row of the same file) after the rest was sent do not
make a batch "needs attention": the person chose to send without them, and the counts show them. Once every
card sent is delivered, such a batch reads "needs fixes", not "delivered": people on it have no card yet.
A batch partly sent whose further orders wait for an approver is "awaiting approval" (a rejected follow-up:
"needs attention"). The approvals are the newest request of each batch, read for all batches in one query
(the team's tables, in the ledger's database).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from .errors import LedgerError
from .heldrows import held_until
from .ledger import OPEN_STATES, REVIEW_STATE, BatchRecord, Ledger

if TYPE_CHECKING:
    from .settings import Settings
from .statuses import CHARGED, IN_DOUBT, NOT_YET_REASON, TO_SEND, left_out_person

BATCH_STATES = (
    "draft",
    "needs fixes",
    "awaiting confirmation",
    "awaiting approval",
    "rejected",
    "sending",
    "waiting",
    "sent",
    "shipping",
    "delivered",
    "needs attention",
)
SHIPPED_LINE_STATUSES = frozenset({"shipped", "delivered"})
_SENT_ORDER_STATES = frozenset({"created", "rejected", *OPEN_STATES, REVIEW_STATE})
_ATTENTION_ROWS = ("failed", "review")  # and "held", but for those whose card was made (held_with_card)
_WAITING = {"pending": "awaiting approval", "rejected": "rejected"}  # planned, by its newest approval


@dataclass
class BatchOverview:
    name: str
    file_name: str = ""
    created: str = ""  # ISO time the ledger first saw the batch
    updated: str = ""
    started_by: str = ""
    rows: dict[str, int] = field(default_factory=dict)  # ledger row status -> rows in the latest file
    # rows of earlier files the latest no longer holds that hold money (ordered, in doubt, or waiting for
    # review in a created order) or that the list left out (people, not totals or notes rows): the result
    # workbook and `status` show them, so the row count does too; the batch's one word reads the latest
    # file's rows
    earlier: int = 0
    orders: dict[str, int] = field(default_factory=dict)  # order state -> orders
    shipped: int = 0  # ordered rows whose line shipped or was delivered
    delivered: int = 0
    cards: int = 0  # cards on orders the vendor created
    money: dict[str, Decimal] = field(default_factory=dict)  # charged / in doubt / to send -> amount
    cost_unknown: int = 0  # ordered rows of a cost never recorded (an older bulkship): not in money
    busy: bool = False  # the ledger is locked by a run and this batch has orders going out
    # its newest approval request: "pending", "approved", "rejected", "withdrawn" ("" none); "lapsed": one
    # waiting that can no longer be approved (:func:`lapse_requests`)
    approval: str = ""
    # rows skipped as held until a day to come: a batch with such rows read 'sent' (or 'draft', nothing sent)
    # in `bulkship status`, as if done (found by hunter-sheets12)
    waiting: int = 0
    # of the held rows, those held for the very card another batch made (..repeats.notes.HAS_CARD): the run
    # says 'nothing to do' of them and exits 0, where the batch read 'needs attention' for good (session 47);
    # as that card is now: failed there since, the person has none (ledger.sql.batch_rows_holding_card)
    held_with_card: int = 0
    # of ``charged``, what orders the vendor ended holding no card still bill beside their lines: the page
    # said '7.50 charged' of a batch of no card, with no word (hunter-money3's LI)
    billed_without_a_card: Decimal = Decimal(0)

    @property
    def row_total(self) -> int:
        return sum(self.rows.values()) + self.earlier

    @property
    def ordered(self) -> int:
        return self.rows.get("ordered", 0)

    @property
    def charged(self) -> Decimal:
        return self.money.get(CHARGED, Decimal(0))

    @property
    def sent(self) -> bool:
        """Whether anything went to the vendor (or may have)."""
        return any(self.orders.get(s) for s in _SENT_ORDER_STATES) or bool(self.ordered)

    def state(self, *, running: bool = False) -> str:
        """The batch's one word (see the module docstring); ``running``: the caller is sending it."""
        if running or self.busy:
            return "sending"
        sent = self.sent
        held = self.rows.get("held", 0) > self.held_with_card
        attention = (
            held
            or any(self.rows.get(s) for s in _ATTENTION_ROWS)
            or any(self.orders.get(s) for s in (*OPEN_STATES, REVIEW_STATE))
        )
        planned = bool(self.orders.get("planned"))
        if sent:
            if planned and not attention and self.approval == "pending":
                return "awaiting approval"
            if attention or planned:
                return "needs attention"
            if self.waiting:
                return "waiting"
            if self.ordered and self.delivered >= self.ordered:
                # every card sent is delivered, but people left out to fix have none: not done
                return "needs fixes" if self.rows.get("invalid") else "delivered"
            return "shipping" if self.shipped else "sent"
        if planned and not any(self.rows.get(s) for s in ("failed", "review")):
            # rows held as repeats of earlier cards beside a plan nobody sent: what comes next is its Send,
            # whose cost page says the rows held and offers to send one anyway ('needs attention' hid it
            # from the filter of batches to confirm: newcomer16's N7)
            return _WAITING.get(self.approval, "awaiting confirmation")
        if attention:
            return "needs attention"
        if self.rows.get("invalid"):
            return "needs fixes"
        if self.waiting:
            return "waiting"
        return "sent" if self.held_with_card else "draft"  # each card its list asks was made, elsewhere


def overview(ledger: Ledger, batches: Iterable[BatchRecord] | None = None) -> dict[str, BatchOverview]:
    """Every batch of the ledger (or of ``batches``) by name, oldest first."""
    approvals = _newest_approvals(ledger)
    found = {
        b.name: BatchOverview(b.name, b.file_name, b.created, b.updated, approval=approvals.get(b.name, ""))
        for b in (ledger.batches() if batches is None else batches)
    }
    for batch, status, line_status, cost, current, no_card, count in ledger.batch_row_tallies():
        item = found.get(batch)
        if item is None:
            continue
        if status == "ordered" and not no_card:  # an ordered row stays paid for even after it left the file
            amount = Decimal(cost) if cost else Decimal(0)
            item.cost_unknown += count if cost is None else 0
            item.money[CHARGED] = item.money.get(CHARGED, Decimal(0)) + amount * count
        if not current:
            continue
        if status == "ordered" and no_card:  # the vendor failed it: no card, to send again (a batch whose
            status = "failed"  # every order failed read "sent": found by newcomer8)
        item.rows[status] = item.rows.get(status, 0) + count
        if status == "ordered" and (line_status or "").lower() in SHIPPED_LINE_STATUSES:
            item.shipped += count
            item.delivered += count if (line_status or "").lower() == "delivered" else 0
    for batch, count in ledger.batch_earlier_rows().items():
        if batch in found:
            found[batch].earlier = count
    for batch, reason, count in ledger.batch_left_out_earlier():  # ... and the people the list left out
        if batch in found and left_out_person("skipped", reason):
            found[batch].earlier += count
    for batch, count in ledger.batch_rows_skipped_saying(NOT_YET_REASON).items():
        if batch in found:  # ... not a row whose card another batch ordered: no more to send (review62)
            found[batch].waiting = len(held_until(ledger, batch)) if count else 0
    for batch, count in ledger.batch_rows_holding_card().items():
        if batch in found:
            found[batch].held_with_card = count
    for batch, state, cost, count in ledger.batch_order_tallies():
        item = found.get(batch)
        if item is None:
            continue
        item.orders[state] = item.orders.get(state, 0) + count
        bucket = IN_DOUBT if state in OPEN_STATES else TO_SEND if state == "planned" else None
        if bucket:
            item.money[bucket] = item.money.get(bucket, Decimal(0)) + Decimal(cost) * count
    for batch, cost, count in ledger.batch_review_tallies():  # sent in a created order: may be charged
        item = found.get(batch)
        if item is not None and cost:
            item.money[IN_DOUBT] = item.money.get(IN_DOUBT, Decimal(0)) + Decimal(cost) * count
    billed = ledger.billed_on_orders()
    for batch, amount in billed.values():  # on the order, beside its lines
        if batch in found and found[batch].orders.get("created"):
            found[batch].money[CHARGED] = found[batch].money.get(CHARGED, Decimal(0)) + amount
    for batch, amount in _billed_without_a_card(ledger, billed, found).values():
        found[batch].billed_without_a_card += amount
    for batch, cards in ledger.batch_cards().items():
        if batch in found:
            found[batch].cards = cards
    for batch, cards in _cards_as_shown(ledger).items():
        if batch in found:
            found[batch].cards = max(found[batch].cards + cards, 0)
    sending = [name for name, item in found.items() if item.orders.get("sending")]
    for batch in ledger.busy_batches([*sending, *_runs_under_way(ledger, found)]):
        found[batch].busy = True
    for event in ledger.events(kinds=("batch_created",)):
        if event.batch in found:
            found[event.batch].started_by = str(event.detail.get("by") or "")
    return found


# a web Send's run started, and not ended since (web.webbatch's events): its orders stay 'planned' while it
# reads the file and prices it (seconds on a long list), and a restarted server resuming it read 'awaiting
# confirmation' on `status` until its first order went (hunter-vendor38's leftover 2)
_RUN_STARTED, _RUN_ENDED = "web_run_started", "web_run_done"


def _runs_under_way(ledger: Ledger, found: dict[str, BatchOverview]) -> list[str]:
    """The batches with orders planned and none sending whose web run started and has not ended: busy when
    the ledger's lock says a process works on them (:meth:`Ledger.busy_batches`). Their events only."""
    under_way = []
    for name in [n for n, item in found.items() if item.orders.get("planned")]:
        if found[name].orders.get("sending"):
            continue
        runs = ledger.events(batch=name, kinds=(_RUN_STARTED, _RUN_ENDED))
        if runs and runs[-1].kind == _RUN_STARTED:
            under_way.append(name)
    return under_way


def _cards_as_shown(ledger: Ledger) -> dict[str, int]:
    """Batch -> the cards to add to those its rows' lines hold (:meth:`Ledger.batch_cards`) to count them
    as the vendor shows them, as `status` and the workbook do: the card lines a created order shows beyond
    its rows (:meth:`Ledger.billed_cards`), less the cards missing from a row's line the vendor shows with
    fewer than were sent (ledger.ordernotes.fewer_cards_shown). Counted by the lines sent, the Batches page
    read 4 cards beside `status`'s 5 (found by hunter-money12)."""
    from .billing import row_made_no_card
    from .ledger.ordernotes import FEWER_CARDS, fewer_cards_shown
    from .payload import line_items

    added: dict[str, int] = {}
    for po, cards in ledger.billed_cards().items():
        order = ledger.order(po)
        if order is not None and order.state == "created":
            added[order.batch] = added.get(order.batch, 0) + cards.cards
    for (po, fingerprint), shown in fewer_cards_shown(ledger.events(kinds=[FEWER_CARDS])).items():
        order = ledger.order(po)
        row = next((r for r in ledger.rows_by_po(po) if r.fingerprint == fingerprint), None)
        if order is None or row is None or row.status != "ordered" or row_made_no_card(row):
            continue
        items = line_items(order)
        index = row.line_index
        if index is None or not 0 <= index < len(items):
            continue
        try:
            sent = int(items[index].get("Quantity") or 1)
        except (TypeError, ValueError):
            continue
        if shown < sent:
            added[order.batch] = added.get(order.batch, 0) - (sent - shown)
    return added


def _billed_without_a_card(
    ledger: Ledger, billed: dict[str, tuple[str, Decimal]], found: dict[str, BatchOverview]
) -> dict[str, tuple[str, Decimal]]:
    """Of the orders billing money beside their lines (``billed``: PO -> (batch, amount)), those the vendor
    ended holding no card (:func:`bulkship.billing.ended_without_a_card`): the orders of their batches read
    without payloads, the rows of those ended only (few; none in most ledgers)."""
    from .billing import ended_without_a_card

    batches = {batch for batch, _amount in billed.values() if batch in found}
    orders = [o for b in sorted(batches) for o in ledger.orders(b, payloads=False) if o.po_number in billed]
    ended = [o for o in orders if ended_without_a_card([o], ())]
    if not ended:
        return {}
    rows = ledger.rows_on_orders([o.po_number for o in ended])
    return {po: billed[po] for po in ended_without_a_card(ended, rows)}


def _newest_approvals(ledger: Ledger) -> dict[str, str]:
    """Batch -> its newest approval request's state, one query for all; none in a ledger opened read-only
    before the team's tables existed."""
    try:
        return ledger.newest_approvals()
    except LedgerError:
        return {}


def lapse_requests(
    settings: Settings, found: dict[str, BatchOverview], rows_changed: Callable[[str], bool]
) -> None:
    """Read each batch of ``found`` whose newest request waits but can no longer be approved (its plan or,
    ``rows_changed``, its rows on the page changed since, or its asker may not send since:
    ``approvals.lapsed``) as asking nothing: 'awaiting confirmation' (its person sends it again to ask
    anew), 'needs attention' when partly sent, as a withdrawn request reads. The Batches page and `bulkship
    status` both read it so (status said 'awaiting approval' of a request no approver could approve, where
    the page said 'awaiting confirmation': hunter-web22's LO4)."""
    from .team import approvals

    for name, item in found.items():
        if item.approval == "pending":
            asked = approvals.latest(settings, name)
            if asked is not None and approvals.lapsed(settings, asked, rows_changed=rows_changed(name)):
                item.approval = "lapsed"


def batch_states(ledger: Ledger) -> dict[str, str]:
    """Every batch's one word (see the module docstring), by name."""
    return {name: item.state() for name, item in overview(ledger).items()}
