"""The review of a batch: its rows waiting, by the PO they wait on, with why, what the vendor shows for that
PO, the vendor lines that may be them, whether a release is possible now and the commands that would be
accepted (:func:`review`, :class:`ReviewReport`, what ``bulkship reconcile BATCH --review`` and the
web page show). It changes nothing.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Any

from ..ledger import Ledger
from .checks import ReleaseCheck, _require_batch, check_release, waiting_rows
from .elsewhere import ElsewhereOffer, elsewhere_offer
from .hints import at_vendor_command, not_ours_command, same_name_aside, same_name_orders
from .lines import _name_of_item, card_of_item, card_text, planned_item
from .otheroffice import other_offices_people, said_shortly
from .placed import NAME_ROWS_ON_PAGE, PlacedElsewhere, placed_elsewhere, placed_words
from .suspects import other_cards
from .vendorview import LISTING_REUSE_S, look_at_vendor, proven_at_vendor


@dataclass(frozen=True)
class WaitingRow:
    row: int
    fingerprint: str
    external_id: str
    card: str
    name: str
    why: str
    in_file: bool  # in the file of the latest run


@dataclass(frozen=True)
class ReviewGroup:
    """The rows waiting on one PO number, and what the vendor shows."""

    po_number: str
    state: str  # the order's state in the ledger
    rows: tuple[WaitingRow, ...]
    vendor: str  # what the vendor shows for this PO
    vendor_order_id: str
    maybe: tuple[str, ...]  # vendor lines of the batch that may be these rows
    release: ReleaseCheck
    at_vendor: str = ""  # a --at-vendor command the vendor's answer now allows ("" when none is known)
    not_ours: str = ""  # a --release --not-ours command the vendor's answer now allows ("" when none)
    # rows whose cards another batch's or ledger's order holds, by a line naming them: left out (None: none)
    elsewhere: ElsewhereOffer | None = None
    # of the orders that command sets aside, the batch's own PO numbers: only another ledger's batch of the
    # same name (a list other than this one) makes them not this batch's
    not_ours_same_name: tuple[str, ...] = ()
    # the vendor's orders here (of this PO, or whose lines may be these rows) whose Note names another ledger
    placed_elsewhere: tuple[PlacedElsewhere, ...] = ()
    # when every line of those same-name orders in the way is another office's person of the same Employee
    # ID: whom each shows ('row 2's E0: Person 0 at 1 Main St on BS-STAFF-0001')
    not_ours_other_people: tuple[str, ...] = ()

    @property
    def other_people_said(self) -> str:
        return said_shortly(self.not_ours_other_people)

    @property
    def placed_said(self) -> list[str]:
        """The vendor orders here another ledger placed, in the review page's words, by ledger."""
        return placed_words(self.placed_elsewhere, how=NAME_ROWS_ON_PAGE)

    @property
    def order_to_name(self) -> str:
        """The vendor order a person is offered to name these rows in: the one of their PO, unless another
        ledger placed it."""
        theirs = {p.order_id for p in self.placed_elsewhere}
        return "" if self.vendor_order_id in theirs else self.vendor_order_id

    def as_json(self) -> dict[str, Any]:
        return {
            "po_number": self.po_number,
            "order_state": self.state,
            "rows": [r.__dict__ for r in self.rows],
            "vendor": self.vendor,
            "vendor_order_id": self.vendor_order_id or None,
            "maybe_at_vendor": list(self.maybe),
            "release_possible": self.release.allowed,
            "release_refused_because": list(self.release.blockers),
            "release_same_po": self.release.same_po,
            "release_possible_for_rows": list(self.release.free),
            "at_vendor_command": self.at_vendor or None,
            "release_not_ours_command": self.not_ours or None,
            "release_not_ours_same_batch_name": list(self.not_ours_same_name),
            "release_not_ours_other_people": list(self.not_ours_other_people),
            "sent_elsewhere_command": self.elsewhere.command if self.elsewhere else None,
            "sent_elsewhere_rows": list(self.elsewhere.rows) if self.elsewhere else [],
            "placed_by_another_ledger": [p.as_json() for p in self.placed_elsewhere],
        }


@dataclass(frozen=True)
class ReviewReport:
    batch: str
    groups: tuple[ReviewGroup, ...]
    vendor_orders: int  # the vendor's orders of the batch's PO range
    list_complete: bool
    why_incomplete: str = ""
    rows_found: int = 0  # rows waiting that the vendor's orders of the batch show by proof

    @property
    def settle_found(self) -> str:
        """The command recording them as ordered in one go ("" when none is found)."""
        return f"bulkship reconcile {shlex.quote(self.batch)} --settle-found" if self.rows_found else ""

    @property
    def rows_waiting(self) -> int:
        return sum(len(g.rows) for g in self.groups)

    def as_json(self) -> dict[str, Any]:
        return {
            "batch": self.batch,
            "rows_waiting": self.rows_waiting,
            "vendor_orders_of_batch": self.vendor_orders,
            "vendor_list_complete": self.list_complete,
            "vendor_list_incomplete_because": self.why_incomplete or None,
            "rows_found_at_vendor": self.rows_found,
            "settle_found_command": self.settle_found or None,
            "groups": [g.as_json() for g in self.groups],
        }


async def review(ledger: Ledger, client: Any, batch: str) -> ReviewReport:
    """The batch's rows waiting for review, by PO, with what the vendor shows (see the package docstring)."""
    _require_batch(ledger, batch)
    groups = waiting_rows(ledger, batch)
    if not groups:
        return ReviewReport(batch, (), 0, True)
    view = await look_at_vendor(client, ledger, batch, list(groups), reuse_s=LISTING_REUSE_S)
    current = {r.fingerprint for r in ledger.batch_rows(batch, current_only=True)}
    found: list[ReviewGroup] = []
    for po, rows in groups.items():
        order = ledger.order(po)
        if order is None:
            continue
        shown = []
        for row in rows:
            item = planned_item(order, row)
            shown.append(
                WaitingRow(row.row, row.fingerprint, row.external_id or "", card_text(card_of_item(item)),
                           _name_of_item(item), row.error or "", row.fingerprint in current)
            )  # fmt: skip
        sighting = view.sightings[po]
        check = check_release(ledger, order, rows, view)
        not_ours = "" if check.allowed else not_ours_command(ledger, batch, order, rows, view, check)
        same_name = tuple(same_name_orders(ledger, batch, not_ours.split("--not-ours ")[-1].split(",")))
        theirs = same_name_aside(ledger, batch, not_ours, check)
        maybe = [s.describe() for s in check.suspects]
        if check.allowed:  # nothing holds their card as the file has it: what the vendor holds still counts
            maybe += other_cards(ledger, view, batch, check.suspects)
        found.append(
            ReviewGroup(
                po,
                order.state,
                tuple(shown),
                sighting.describe(po),
                sighting.order.id if sighting.order else "",
                tuple(maybe),
                check,
                at_vendor_command(ledger, batch, order, rows, view, check),
                not_ours,
                None if check.allowed else elsewhere_offer(ledger, batch, order, rows, check.suspects),
                not_ours_same_name=same_name if not_ours else (),
                placed_elsewhere=placed_elsewhere(
                    ledger, [sighting.order, *(s.vendor_order for s in check.suspects)]
                ),
                not_ours_other_people=other_offices_people(ledger, order, rows, theirs, check.suspects),
            )
        )
    proven = {(p.po_number, row) for p in proven_at_vendor(ledger, batch, view, groups) for row in p.rows}
    return ReviewReport(
        batch, tuple(found), len(view.in_range), view.complete, view.why_incomplete, len(proven)
    )
