"""The vendor orders in a review that another ledger placed, as their ``Note`` says
(:mod:`bulkship.ordernote`): no command recording rows in one of them is offered, and the review says whose
they are. An order showing no Note of a ledger is read as before."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..ledger import Ledger
from ..models import VendorOrder

# what such an order may be, and why nothing is offered to record rows in it
WHOSE = (
    "Such an order is another office's batch of the same name on this vendor account, or this very list sent "
    "from another computer, or before from a ledger since lost, replaced or restored from an older copy: "
    "nothing the vendor shows tells which, so nothing recording these rows in it is offered. If it is "
    "another office's, these people may have no card yet: ask whoever runs that ledger (`bulkship ledger id` "
    "there shows its id). If it is this list's, name the rows you find in it ({how})"
)
NAME_ROWS = "--at-vendor ORDER --rows N,N"
NAME_ROWS_ON_PAGE = "“They are at the vendor…” with the order and those rows"  # the review page's form


@dataclass(frozen=True)
class PlacedElsewhere:
    """A vendor order whose Note names another ledger than this one."""

    order_id: str
    po_number: str
    ledger_id: str  # the ledger its Note names
    former: bool = False  # an id this ledger carried before it was copied or moved here, not of this order

    def describe(self) -> str:
        return placed_words([self])[0]

    def as_json(self) -> dict[str, str]:
        return {"order_id": self.order_id, "po_number": self.po_number, "ledger_id": self.ledger_id}


SHOWN_ORDERS = 3  # orders named in full; the others counted


def placed_words(
    placed: Sequence[PlacedElsewhere], *, explain: bool = True, how: str = NAME_ROWS
) -> list[str]:
    """One sentence per other ledger, its orders named together (a list run again beside another ledger's
    130 one-line orders said the same paragraph 130 times); ``explain``: the first with what they may be,
    ``how`` the rows found are named (the command line's option, or the review page's form)."""
    by_ledger: dict[str, list[PlacedElsewhere]] = {}
    for one in placed:
        by_ledger.setdefault(one.ledger_id, []).append(one)
    said: list[str] = []
    for ledger_id, orders in by_ledger.items():
        named = [f"{o.order_id} (PO {o.po_number or 'not shown'})" for o in orders[:SHOWN_ORDERS]]
        more = len(orders) - len(named)
        listed = ", ".join(named) + (f" and {more} more" if more else "")
        orders_carry = "vendor order {} carries" if len(orders) == 1 else "vendor orders {} carry"
        first = explain and not said  # what they may be, said once
        whose = "not this ledger's"
        if orders[0].former:  # the id this ledger was copied with: the ledger copied, or another copy of it
            whose = (
                "the id this ledger carried before it was copied or moved here; it holds no record of "
                "sending them: the ledger it was copied from (or another copy of it) placed them"
            )
        said.append(
            f"{orders_carry.format(listed)} the Note of another bulkship ledger ('bulkship ledger "
            f"{ledger_id}'), {whose}" + (f". {WHOSE.format(how=how)}" if first else "")
        )
    return said


def placed_elsewhere(ledger: Ledger, orders: Iterable[VendorOrder | None]) -> tuple[PlacedElsewhere, ...]:
    """Of ``orders`` (each once), those whose Note names another ledger."""
    found: dict[str, PlacedElsewhere] = {}
    for order in orders:
        if order is None or order.id in found:
            continue
        if other := ledger.other_ledger(order):
            former = other in ledger.ledger_ids().former
            found[order.id] = PlacedElsewhere(order.id, order.po_number, other, former)
    return tuple(found.values())


def placed_by_another(ledger: Ledger, order: VendorOrder) -> bool:
    return bool(ledger.other_ledger(order))
