"""One batch as `bulkship status` (and its --json) gives it: its state word, counts and money as the result
workbook adds them up, and the money charged on its orders sent within given days. Every batch at a glance,
and the state words themselves, are :mod:`bulkship.overview`'s."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .heldrows import held_money, held_until, waiting_money_json
from .ledger import ELSEWHERE, Ledger
from .overview import batch_states
from .refusednow import skipped_ordered_elsewhere

if TYPE_CHECKING:
    from .billedbefore import ToSendMost
    from .ledger import RowRecord
    from .money import MoneyTally
    from .reconcile.join import LedgerView


def batch_status(
    ledger: Ledger, batch: str, *, state: str | None = None, days: tuple[str | None, str | None] | None = None
) -> dict[str, Any]:
    """One batch's state word (``state`` when the caller has every batch's from :func:`batch_states`), counts
    and money, as ``status --json`` prints it: the rows and sums the result workbook shows (the same functions
    add them up), money by bucket (charged, in doubt, to send); ``days`` (``start <= at < end``, either
    None: open): ``charged_in_days``, the money charged on its orders sent within them."""
    from .pricedon import priced_before_a_change, priced_on
    from .reconcile.join import LedgerView, counts_by_row_status, money_by_bucket
    from .runnotes import money_notes, planned_dollars

    view = LedgerView(ledger, batch)
    record = view.batch
    counts = counts_by_row_status(view)
    money = money_by_bucket(view)
    created = [o for o in view.orders.values() if o.state == "created"]
    failed = view.orders_without_a_card()  # no card: the run and the workbook's Summary leave them out
    held = held_until(ledger, batch)
    return {
        "batch": batch,
        # the API its orders went to ("sandbox": the embedded sandbox, no real order; None: an older ledger)
        "api": record.api if record else None,
        "state": batch_states(ledger).get(batch, "") if state is None else state,
        "input_file": record.file_name if record else "",
        "input_hash": record.file_hash if record else "",
        # the list a batch last finished on its result workbook's Fix these sheet was run from before (None
        # otherwise): `status` named the workbook as its input file, no list anyone made (newcomer22)
        "input_list": list_before_fix_these(ledger, batch),
        "rows": sum(counts.values()),
        "by_status": dict(sorted(counts.items())),
        "waiting": len(held),  # of the skipped: held until a day (not those whose card went elsewhere)
        # ... and those whose card another batch ordered already: not sent here, their card went
        "skipped_ordered_before": skipped_ordered_elsewhere(ledger, batch) if counts.get("skipped") else 0,
        # ... each with the day it goes on or after (YYYY-MM-DD; "" where none is known), soonest first
        "waiting_until": [{"row": row, "day": day} for row, day in held],
        # rows sent elsewhere, by the batch holding their card: a total counts each person once (..api)
        **(
            {"sent_elsewhere_to": _elsewhere_to(ledger, batch)}
            if ledger.row_counts(batch).get(ELSEWHERE)
            else {}
        ),
        # ... and what they cost as last priced ("waiting_cost", "waiting_unpriced", "waiting_priced")
        **waiting_money_json(held_money(ledger, batch, held)),
        "orders": len(created) - failed,  # "Orders 1" beside the run's "0 ordered in 0 order(s)" (review18)
        "orders_failed": failed,  # created, then ended by the vendor with no card made (nothing charged)
        # ... of which those still billing money beside their lines, counted in charged: said beside it
        "billed_without_a_card": [
            {"po_number": po, "status": status, "amount": _cents(amount)}
            for po, (status, amount) in sorted(view.billed_without_a_card().items())
        ],
        # where the money above is not simply the vendor's (another currency, not priced yet...): the run's
        # notes, which `status` said none of (found by hunter-money3: 'Charged 100.00' of orders in CAD)
        "notes": money_notes(ledger, view, batch),
        # ... and in a few words beside its charged figure, as the run's last line and the Batches page say
        # it ("" when none): `status` read 'Charged 125.00' of orders charged in CAD under 'amounts in US
        # dollars', its total adding them (hunter-money31's leftover 3)
        "planned_dollars": planned_dollars(ledger, batch).get(batch, ""),
        "orders_by_state": ledger.order_counts(batch),
        "orders_by_vendor_status": _vendor_statuses(created),
        "money": {bucket.replace(" ", "_"): tally.as_json() for bucket, tally in money.items()},
        "ordered_cost": _cents(money["charged"].total),
        "in_doubt_cost": _cents(money["in doubt"].total),
        "planned_cost": _cents(money["to send"].total),
        # ... and with what the vendor bills beside the lines of each of its orders, as on earlier orders, the
        # most sending it may cost: what its plan confirms and counts against limits (None: nothing billed)
        "to_send_most": most.as_json() if (most := _to_send_most(ledger, batch, money["to send"])) else None,
        # when that money to send was priced (ISO time; None: nothing planned): the vendor may have changed a
        # price since, and `status` never asks it
        "to_send_priced": priced_on(ledger, batch).get(batch),
        # ... before the vendor charged an order otherwise than planned (its prices not read again since)
        "to_send_priced_before_a_change": batch in priced_before_a_change(ledger, batch),
        # false: some rows hold money whose cost the ledger never recorded (an older bulkship); the costs
        # above leave them out (each bucket's cost_unknown_rows says how many)
        "money_complete": all(tally.complete for tally in money.values()),
        "updated": record.updated if record else "",
        "output": record.output if record else None,
        **({} if days is None else {"charged_in_days": _charged_in_days(ledger, batch, view, days)}),
    }


def _to_send_most(ledger: Ledger, batch: str, to_send: MoneyTally) -> ToSendMost | None:
    """On each order still to send, as the plan counts them (every planned order: ..pendingcost)."""
    from .billedbefore import to_send_most

    return to_send_most(ledger, batch, to_send.total, ledger.order_counts(batch).get("planned", 0))


def list_before_fix_these(ledger: Ledger, batch: str) -> str | None:
    """The list the batch was run from before its last run read the Fix these sheet of its result workbook;
    None when its last run read a list."""
    from .reconcile.sheets.book import FIX_SHEET

    files = [e.detail for e in ledger.events(batch, kinds=["batch_created", "batch_file_changed"])]
    if not files or files[-1].get("sheet") != FIX_SHEET:
        return None
    lists = [str(f.get("file") or "") for f in files if f.get("sheet") != FIX_SHEET]
    return lists[-1] if lists and lists[-1] else None


def first_sent(ledger: Ledger, batch: str | None = None) -> dict[str, tuple[str, str]]:
    """PO -> (its batch, when it was first sent): the day the vendor charged it, whichever day its batch
    started or its rows were planned (a follow-up run, an order in doubt settled later)."""
    found: dict[str, tuple[str, str]] = {}
    for event in ledger.events(batch, kinds=["sending"]):
        if event.po_number and event.batch and event.po_number not in found:
            found[event.po_number] = (event.batch, event.at)  # events come oldest first
    return found


def within_days(at: str, days: tuple[str | None, str | None]) -> bool:
    start, end = days
    return (not start or at >= start) and (not end or at < end)


def _charged_in_days(
    ledger: Ledger, batch: str, view: LedgerView, days: tuple[str | None, str | None]
) -> dict[str, object]:
    """The batch's charged money on its orders sent within ``days`` (an order the ledger holds with no
    sending, taken from the vendor's list, by the day it entered the ledger): a batch started on Nov 30 whose
    follow-up went out on Dec 2 counted wholly in November (hunter-money4's M2)."""
    from .reconcile.join import money_by_bucket
    from .statuses import CHARGED

    sent = {po: at for po, (_batch, at) in first_sent(ledger, batch).items()}
    orders = {po for po, order in view.orders.items() if within_days(sent.get(po, order.created), days)}
    return money_by_bucket(view, orders)[CHARGED].as_json()


def _cents(amount: Decimal) -> str:
    """Money as finance reads it: 100.00, whether the vendor answered 100, 100.0 or 100.00."""
    from .money import money_plain

    return money_plain(amount)


def _vendor_statuses(created: list[Any]) -> dict[str, int]:
    """Created orders by the vendor's own status as last recorded (Pending, Complete, Failed)."""
    counts: dict[str, int] = {}
    for order in created:
        counts[order.status or "Unknown"] = counts.get(order.status or "Unknown", 0) + 1
    return dict(sorted(counts.items()))


def _elsewhere_to(ledger: Ledger, batch: str) -> dict[str, int]:
    """The batch's rows sent elsewhere, counted by the batch whose order holds their card ("": another
    ledger's). A split list's 205 rows sent elsewhere were counted in both batches: 'Total (2 batches) 515
    rows' of a 300-row list (newcomer19's N11)."""
    from .repeats.takenout import elsewhere_po

    found: dict[str, int] = {}
    for record in ledger.current_rows_with_status(batch, ELSEWHERE):
        order = ledger.order(po) if (po := elsewhere_po(record.error) or record.po_number) else None
        holder = order.batch if order is not None else ""
        found[holder] = found.get(holder, 0) + 1
    return found


# A row's own card (planned, sent, or sent with no answer yet): two batches each giving a person one are two
# cards, counted twice in a total of rows
_OWN_CARD = frozenset({"planned", "ordered", "review"})
# the part of a row's key telling apart rows of one content in one file (..reconcile.join.ledger_keys)
_IN_FILE = re.compile(r"~(?:duplicate-)?row-\d+$")


def rows_counted_once(ledger: Ledger, batches: Iterable[str]) -> int:
    """The rows of ``batches`` with a row in several of them (one content: the person's row sent elsewhere or
    held for the card another made, left out of both, the list's footer under both parts) counted once,
    unless each gave it its own card. The parts of a 300-contact list split as advised, run whole and
    fixed, read 'Total (2 batches) 311 rows' (newcomer20's N11): its footer lines and the rows held for
    a card made in the other batch counted in each part. A row held as the very card another batch listed
    ordered (its note names that batch's row) is that row's person, however the two lists wrote it."""
    rows = {batch: ledger.batch_rows(batch, current_only=True) for batch in batches}
    keys = {(batch, r.row): _IN_FILE.sub("", r.fingerprint) for batch, held in rows.items() for r in held}
    per_key: dict[str, Counter[str]] = {}
    cards: Counter[str] = Counter()
    for batch, held in rows.items():
        for record in held:
            repeats = _repeats_row(record, batch)
            key = (keys.get(repeats) if repeats else None) or keys[(batch, record.row)]
            per_key.setdefault(key, Counter())[batch] += 1
            cards[key] += record.status in _OWN_CARD
    return sum(max(max(counts.values()), cards[key]) for key, counts in per_key.items())


# a held row's note naming the very card another batch listed (repeats.notes._repeat_note): its batch, its row
_SAME_CARD = re.compile(
    r"Held, not sent: the same (?:recipient|reference)\b.*? in batch (['\"])(.+?)\1 \(row (\d+), PO "
)


def _repeats_row(record: RowRecord, batch: str) -> tuple[str, int] | None:
    """(batch, row) of the row whose card ``record``, held, repeats, in another batch; None otherwise. Keyed
    by content alone, one person written 'Main St' in October's list and 'Main Street' in November's (or
    with an Employee ID column in one) read 'Total (2 batches) 4 rows' of 3 people (hunter-money22's item 7,
    fixed by hunter-money27)."""
    from .repeats.policy import HELD

    found = _SAME_CARD.match(record.error or "") if record.status == HELD else None
    return (found.group(2), int(found.group(3))) if found and found.group(2) != batch else None
