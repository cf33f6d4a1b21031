"""What the Batches page says beside a batch's money where its figure alone hides what the vendor shows:
an order's own total below its lines, card lines beyond the batch's rows, a total still counting lines the
vendor failed, fewer cards than sent, a document of an order's own. These are the notes the run, `status`,
the Summary and the Results page say (:mod:`bulkship.runnotes`), counted here: the page read '100.00
charged' and nothing else of an order the vendor totals at 95.00, where every other surface said it (found
by hunter-money19, after hunter-money18's e58397e7 and d9dd4503). Read only for the batches whose ledger
holds such a record (one read of those events for all batches): the page stays a few queries however many
batches the ledger holds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..failedkept import FAILED_COUNTED
from ..ledger import Ledger, OrderRecord
from ..ledger.ordernotes import FEWER_CARDS, OWN_DOCUMENT
from ..ledger.records import BILLED_ON_ORDER
from ..money import BilledCards
from ..runnotes import (
    below_lines_notes,
    cards_beyond_rows,
    failed_counted_notes,
    fewer_cards_notes,
    own_documents,
    rounded,
)

# the records a note below is read from: a batch holding none of them has none of these notes
_NOTED = (BILLED_ON_ORDER, FAILED_COUNTED, FEWER_CARDS, OWN_DOCUMENT)


@dataclass(frozen=True)
class _Orders:
    """A batch's orders as the notes read them (runnotes.OrdersSeen), without its rows."""

    orders: Mapping[str, OrderRecord]
    billed: Mapping[str, Decimal]
    billed_cards: Mapping[str, BilledCards]


def money_notes_by_batch(ledger: Ledger) -> dict[str, int]:
    """Batch -> how many such notes its money has (batches with none left out)."""
    noted = sorted({str(e.batch) for e in ledger.events(kinds=_NOTED) if e.batch})
    found: dict[str, int] = {}
    for batch in noted:
        orders = {o.po_number: o for o in ledger.orders(batch, payloads=False)}
        billed = {
            po: amount
            for po, (_batch, amount) in ledger.billed_on_orders(batch).items()
            if po in orders and orders[po].state == "created"
        }
        cards = {po: c for po, c in ledger.billed_cards(batch).items() if po in billed}
        seen = _Orders(orders, billed, cards)
        notes = [
            *own_documents(ledger, batch),
            *fewer_cards_notes(ledger, batch),
            *failed_counted_notes(ledger, batch),
            *cards_beyond_rows(seen),
            *below_lines_notes(ledger, seen, batch),
            *rounded(ledger, seen, batch),  # the vendor's rounding on the order (hunter-money33)
        ]
        if notes:
            found[batch] = len(notes)
    return found
