"""Another computer or ledger sending the batch right now (or that may be): the vendor's orders of the batch
looked at before more goes out (:class:`_Elsewhere`), and the error that stops the run, the rest of its plan
held for review (:meth:`~.submitter.Submitter._hold_plan`)."""

from __future__ import annotations

import re
import shlex
from collections.abc import Collection

from ..client.parse import po_number_of
from ..errors import VendorError, VendorUnavailableError
from ..ledger import OrderRecord
from ..ordernote import placed_by
from ..quoting import first_few
from ..rebuild.listing import list_unread_words
from .atvendor import _batch_orders_pattern, _folded
from .base import _Base


class BeingSentElsewhereError(VendorUnavailableError):
    """The run stopped because another computer or ledger is sending the batch right now (or may be): the
    rest of this ledger's plan waits for review (:meth:`~.submitter.Submitter._hold_plan`), ``why``."""

    def __init__(self, why: str, batch: str, *, sent: bool) -> None:
        done = _HELD_PLAN if sent else _HELD_PLAN.replace("Nothing more", "Nothing")
        super().__init__(
            f"{why}. {done}",
            hint=f"once you have checked that no other computer or ledger is still sending it, settle every "
            f"row waiting from one read of the vendor (those it holds recorded, the others released): "
            f"bulkship reconcile {shlex.quote(batch)} --release; then run the same command again (--review "
            "shows what "
            "waits)",
        )
        self.why = why


def _being_sent_elsewhere(batch: str, new: list[str], *, sent: bool = False) -> BeingSentElsewhereError:
    """Orders of a batch new to this ledger that the vendor did not show when this run looked for it, moments
    ago: another computer or ledger is sending the batch right now. Rows this run plans the other way (other
    PO numbers, another grouping) went out beside it: found by hunter-vendor12 (L1: BS-RACE-0301..0304
    created beside the other run's 0296..0299) and by hunter-vendor13 (a 409's rows not shown sent in a
    follow-up the other run was sending one by one), a second card each. ``sent``: said after such a 409."""
    shown = first_few(new)
    return BeingSentElsewhereError(
        f"The vendor now holds {len(new)} order(s) of batch {batch} ({shown}) that it did not show moments "
        "ago, when this run looked for the batch: it is being sent from another computer or ledger right now",
        batch,
        sent=sent,
    )


def _made_elsewhere(batch: str, theirs: list[str], *, own_note: bool = False) -> BeingSentElsewhereError:
    """Orders of a batch this ledger planned before that it did not make (another computer or ledger, under
    its own --po-prefix or grouping), found before the rest of the plan goes out: that run may still be
    sending the list. Only the rows its orders showed were held, and the rest went out beside its next order
    (found by hunter-vendor17: a plan declined here, the colleague's XY-GIFTS-0003 in flight, Gamma sent in
    BS-GIFTS-0003 too: two cards). ``own_note``: every one carries this very ledger's Note (its own id here):
    its own sends whose record it lost, a backup of it restored in place (said as another computer's, the
    person looked for one: found by hunter-vendor26)."""
    shown = first_few(theirs)
    if own_note:
        return BeingSentElsewhereError(
            f"The vendor holds {len(theirs)} order(s) of batch {batch} that this ledger has no record of "
            f"making ({shown}), though their Note names this ledger: its own sends whose record is gone (a "
            "backup of the ledger restored since they went out?)",
            batch,
            sent=False,
        )
    return BeingSentElsewhereError(
        f"The vendor holds {len(theirs)} order(s) of batch {batch} that this ledger did not make ({shown}): "
        "another computer or ledger sent rows of it, and may be sending it still",
        batch,
        sent=False,
    )


def _skipped_words(batch: str, missing: str, after: str) -> str:
    """The batch's PO numbers at the vendor skip ``missing`` between two of its orders (``after`` it): another
    run's order not made yet (its answer lost, the vendor busy) may hold rows found on none of them."""
    return (
        f"the vendor's orders of batch {batch} skip PO number {missing} (before {after}): another computer "
        "or ledger may be sending that order right now, with rows of this one"
    )


def _sent_elsewhere_grouped_otherwise(batch: str, po: str) -> BeingSentElsewhereError:
    """A 409's original holds other rows of the batch: another computer or ledger sent it, grouped its own
    way, and may be sending it still (a follow-up of the rows not shown would go beside its next orders)."""
    return BeingSentElsewhereError(
        f"The vendor's order {po} holds other rows of batch {batch} than this ledger planned under that PO "
        "number: another computer or ledger sent the batch, grouped its own way, and may be sending it still",
        batch,
        sent=True,
    )


# what stays of the plan after such a stop: a run started again too soon sent the orders left planned beside
# the other run's next ones, a second card each (found by hunter-vendor14)
_HELD_PLAN = (
    "Nothing more was sent; the rows not ordered yet wait for review (running the same command again does "
    "not send them)"
)


class _Elsewhere(_Base):
    """The vendor's orders of the batch read before more of it goes out: another ledger's sends of it stop the
    run."""

    async def _check_sent_elsewhere(
        self, first: OrderRecord, planned: Collection[str], *, unread_stops: bool = True
    ) -> str | None:
        """A batch planned before this run (its plan dropped unsent, or sent in part) may have been sent since
        from another ledger (another machine, a colleague), under PO numbers that give this ledger's no 409:
        after a dropped plan its next ones follow the dropped ones (found by hunter-vendor11: BS-GIFTS-0002
        created, a second card each), and the rest of a batch stopped part way goes out under the other
        ledger's PO prefix (found by hunter-vendor12: BS-PA1-0002 and 0003 created beside the colleague's
        XY-PA1-0002 and 0003). When the vendor holds orders of the batch, under any one-part prefix, that
        this ledger never sent (nor a person released rows beside), the run stops, the rest of the plan held
        for review: that run may be sending it still; when its order list cannot be read, nothing is sent.
        Returns the first of ``planned`` (PO numbers) the vendor holds: sent first and alone, its 409
        compares its original with its rows before anything else goes out.
        ``unread_stops`` False: a list that cannot be read (in full) changes nothing (a look only in case)."""
        record = await self._ledger(self.ledger.batch, self.batch)
        stem = re.sub(r"-\d+$", "", first.base_po)
        pattern = _batch_orders_pattern(stem, self.batch, record.po_prefix if record else None)
        # every batch's: another's PO stem may read as this one's under another prefix
        sent = await self._ledger(self.ledger.orders, None, _AT_VENDOR, payloads=False)
        # ... and those a person released rows beside, looked at then (hunter-vendor17: two runs started at
        # one instant, each released its rows, the other's first order held them again at every run)
        looked_at = await self._ledger(self.ledger.released_beside, self.batch)
        mine = {o.po_number.upper() for o in sent} | looked_at
        look = getattr(self.client, "order_listing", None)
        in_full = False  # read, but not provably whole (it ignores pageIndex...): no waiting mends that
        try:
            if look is None:
                orders, unread = await self.client.list_orders(), ""
            else:
                listed = await look(keep=lambda raw: bool(pattern.fullmatch(po_number_of(raw))))
                # a list read to its end whose orders hide their PONumbers proves nothing either way: as
                # before (the first 409 is the guard); one not read to its end may hide the other's orders
                orders, unread = listed.orders, "" if listed.every_order_read else listed.why_incomplete
                in_full = bool(unread)
        except VendorError as exc:
            orders, unread = [], exc.message
        at_vendor = {o.po_number.upper() for o in orders if pattern.fullmatch(o.po_number)} - mine
        ours = {po.upper(): po for po in planned}
        theirs = sorted(at_vendor - set(ours))  # under PO numbers this ledger did not plan: no 409 for them
        if at_vendor and self.found_now:
            self._stop(_being_sent_elsewhere(self.batch, sorted(at_vendor)))
        elif theirs and self.new_here:
            # made since this run looked for the batch (moments ago, or before its plan was shown) under PO
            # numbers this plan does not use: sent under the colleague's own PO prefix, the list got no 409
            # and went out twice (found by hunter-vendor15: two runs started together, BS and XY, 600 cards
            # for 300 rows). Under one of this plan's numbers, that order goes first: its 409 tells more
            went = bool(self.outcome.created or self.outcome.unknown)  # its first order, looked after
            self._stop(_being_sent_elsewhere(self.batch, sorted(at_vendor), sent=went))
        elif theirs:  # the batch planned here before: the rest of the plan waits while that run may send
            own = (await self._ledger(self.ledger.ledger_ids)).own
            noted = {o.po_number.upper(): placed_by(o) for o in orders}
            self._stop(
                _made_elsewhere(
                    self.batch, theirs, own_note=bool(own) and all(noted.get(po) == own for po in theirs)
                )
            )
        elif unread and unread_stops and not self.unchecked_ok:
            # unknown is not absent: the next order would go out under a PO number the other ledger never
            # used, no 409 to stop it (found by hunter-vendor12: the list answering 500, BS-GIFTS-0002 was
            # created beside the colleague's BS-GIFTS-0001, a second card each, exit 0)
            read, again = list_unread_words(in_full)
            # the flag releases every held row too: advised bare beside 40 rows held as second cards, it sent
            # them all (hunter-vendor41's trial u73)
            held = (await self._ledger(self.ledger.row_counts, self.batch)).get("held", 0)
            also = (
                f" (it also sends the {held} row(s) held in this batch, each a second card where it repeats"
                " a card already made: see why each is held)"
                if held
                else ""
            )
            self._stop(
                VendorUnavailableError(
                    f"The vendor's order list {read} ({unread}), and batch {self.batch} was "
                    + (
                        "found at the vendor by this run"
                        if self.found_now
                        else "new to this ledger"
                        if self.new_here
                        else "planned before this run"
                    )
                    + ": whether it was sent since from another ledger (a colleague, another computer) "
                    "cannot be checked, so nothing more was sent; its orders wait, planned",
                    hint=f"{again}; to send without that check, add --allow-repeat{also}",
                )
            )
        return ours[min(at_vendor & set(ours))] if at_vendor & set(ours) else None

    async def _check_doubt_elsewhere(self, open_orders: list[OrderRecord]) -> None:
        """Orders in doubt from an earlier run (sent, no answer) go out again under their PO numbers; when the
        vendor shows their rows in another ledger's orders of the batch (under PO numbers this ledger never
        sent, or under one of theirs beside other rows), that other run sent them, grouped its own way: the
        run stops before any goes out. Re-sent, Delta and Epsilon got a second card each (found by
        hunter-vendor14: a colleague's new ledger sent them in its BS-GIFTS-0003 while this ledger's 0004
        and 0005 were in doubt). A list that cannot be read changes nothing: the same PO resolves it."""
        first = open_orders[0]
        record = await self._ledger(self.ledger.batch, self.batch)
        stem = re.sub(r"-\d+$", "", first.base_po)
        pattern = _batch_orders_pattern(stem, self.batch, record.po_prefix if record else None)
        look = getattr(self.client, "order_listing", None)
        if look is None:
            return
        try:
            listed = await look(keep=lambda raw: bool(pattern.fullmatch(po_number_of(raw))))
        except VendorError:
            return
        made = await self._ledger(self.ledger.orders, self.batch, ("created", "review"), payloads=False)
        made_here = {o.po_number.upper() for o in made}
        in_doubt: dict[str, set[str]] = {}
        for order in open_orders:
            rows = await self._ledger(self.ledger.rows_by_po, order.po_number)
            in_doubt[order.po_number.upper()] = {_folded(r.external_id) for r in rows} - {""}
        ours = set().union(*in_doubt.values())
        for vendor_order in listed.orders:
            po = vendor_order.po_number.upper()
            if po in made_here or not pattern.fullmatch(po):
                continue
            if po in in_doubt:  # other rows than this ledger sent under its PO number: not its send
                if {_folded(line.external_id) for line in vendor_order.line_items} - {""} - in_doubt[po]:
                    self._stop(_sent_elsewhere_grouped_otherwise(self.batch, vendor_order.po_number))
                    return
            elif {_folded(line.external_id) for line in vendor_order.made_card_lines} & ours:
                why = (
                    f"The vendor's order {vendor_order.po_number} holds rows of batch {self.batch} that this "
                    "ledger sent without an answer: another computer or ledger sent them, grouped its own "
                    "way, and may be sending the batch still"
                )
                self._stop(BeingSentElsewhereError(why, self.batch, sent=True))
                return


_AT_VENDOR = ("sending", "created", "unknown", "review")  # orders this ledger sent (or took from the vendor)
