"""Acting on the vendor's answer to one order: created (201 or 409), rejected (400: the bad lines' rows fail,
the rest go out in a follow-up), not created (funds, credentials: the run stops), or no definite answer."""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

from ..addressmatch import other_recipient
from ..client.orders import NotCreatedNoToken, NotCreatedThrottled
from ..client.refusals import original_order_ids
from ..client.totals import costs_per_card_by_plan
from ..errors import (
    AccessDeniedError,
    AuthenticationError,
    DuplicateOrderError,
    InsufficientFundsError,
    OrderRejectedError,
    UnverifiableOrderError,
    VendorError,
)
from ..ledger import OPEN_STATES, LineOutcome, OrderRecord, RowRecord
from ..ledger.identity import placed_by_another_send
from ..linecards import more_cards, other_card
from ..linematch import match_created, match_lines
from ..models import VendorOrder
from ..payload import line_items
from ..plan import batch_po_pattern
from ..references import unprefixed
from ..silentorder import says_nothing_of_lines, waiting_note
from ..splitlines import merge_split
from .inpart import _InPart
from .shared import (
    MAX_CONSECUTIVE_UNKNOWN,
    Unrecorded,
    _line_errors,
    _review_text,
    _sent_before,
    _sent_items,
    _shows_fewer,
    lines_named_in,
)


class _Answers(_InPart):
    """The vendor's answer to one order, recorded: created, rejected, not created, or unknown."""

    async def _settle(self, order: OrderRecord, rows: list[RowRecord], answer: Any) -> Unrecorded | None:
        """Act on the vendor's answer; returns the write of a created order's outcome, for the worker to
        commit with its next intent (every other outcome is committed here)."""
        po = order.po_number
        if isinstance(answer, OrderRejectedError):
            self._consecutive_unknown = 0
            await self._rejected(order, rows, answer)
        elif isinstance(
            answer,
            InsufficientFundsError
            | AuthenticationError
            | AccessDeniedError
            | NotCreatedThrottled
            | NotCreatedNoToken,
        ):  # not created (a 429 at every attempt too: the vendor asks to slow down, the run stops)
            await self._not_created(order, answer, order.state in OPEN_STATES)
            self._stop(answer)
        elif (
            isinstance(answer, DuplicateOrderError)
            and answer.first_attempt
            and order.state == "planned"
            and (taken_by := await self._ledger(self._held_order_named, order, answer.body))
        ):
            self._consecutive_unknown = 0
            await self._po_taken(order, rows, taken_by)
        elif isinstance(answer, VendorError):
            # no definite answer (or a 409 we could not resolve): it may exist; the same PO resolves it later
            await self._ledger(self.ledger.record_unknown, po, answer.message)
            if isinstance(answer, UnverifiableOrderError):  # refused, and not checkable: a person looks
                await self._ledger(self.ledger.mark_review, po, _review_text(answer))
            self.outcome.unknown.append(po)
            await self._count_lost(order)  # it may be made: counted against the run's limit so
            self._report(po, "unknown")
            self._consecutive_unknown += 1
            if self._consecutive_unknown >= MAX_CONSECUTIVE_UNKNOWN:
                self._stop(answer)
        else:
            self._consecutive_unknown = 0
            ours = bool(getattr(answer, "after_lost_answer", False))
            self._count_cost(order, answer.order)
            return await self._created(order, rows, answer.order, created=bool(answer.created), ours=ours)
        return None

    def _held_order_named(self, order: OrderRecord, body: Any) -> OrderRecord | None:
        """On the ledger thread: the order a 409 on ``order``'s PO number names as its original when this
        ledger holds it already, made, for this batch, under a PO number the vendor gave it (its lines tied to
        the rows they hold, ``order``'s rows not among them); None when it names any other order."""
        named = [self.ledger.order_by_vendor_id(order_id) for order_id in original_order_ids(body)]
        ours = batch_po_pattern(re.sub(r"-\d+(?:-R\d+)?$", "", order.base_po))
        held = [
            found
            for found in named
            if found is not None
            and found.batch == self.batch
            and found.state == "created"
            and not ours.fullmatch(found.po_number)
        ]
        return held[0] if held and len(held) == len(named) else None

    async def _po_taken(self, order: OrderRecord, rows: list[RowRecord], held: OrderRecord) -> None:
        """The PO number is the vendor's for an order of the batch this ledger holds under the number the
        vendor shows (it re-numbered it; found by hunter-vendor13, L5b: such a 409 left the rows planned, 'in
        doubt', never sent, at every run). That order holds none of these rows: they go out in a follow-up
        order, under a PO number of their own."""
        message = (
            f"PONumber {order.po_number} is taken at the vendor by its order {held.po_number} of this batch "
            "(the vendor's own number for it), which holds none of these rows: they go out under another "
            "PONumber"
        )
        await self._ledger(self.ledger.record_rejected, order.po_number, message, {})
        self.outcome.rejected.append(order.po_number)
        self._report(order.po_number, f"PONumber taken by {held.po_number}")
        await self._follow_up(order, rows, [r.line_index for r in rows if r.line_index is not None])

    async def _not_created(self, order: OrderRecord, exc: VendorError, may_exist: bool) -> None:
        reason = f"{exc.status_code or ''} {exc.message}".strip()
        if may_exist:  # an earlier attempt may still have gone through: keep it for resolution
            await self._ledger(self.ledger.record_unknown, order.po_number, reason)
            self.outcome.unknown.append(order.po_number)
        else:
            await self._ledger(self.ledger.record_not_sent, order.po_number, reason)
        self._report(order.po_number, "not sent")

    async def _created(
        self,
        order: OrderRecord,
        rows: list[RowRecord],
        vendor_order: VendorOrder,
        *,
        created: bool,
        ours: bool = False,
    ) -> Unrecorded | None:
        """Record what the vendor holds. When every row is in it (the usual case) the write is handed back
        to the worker, to commit with its next intent; otherwise it is committed now and the missing rows go
        out in a follow-up order. ``ours``: this call's own lost attempt may have created it."""
        recorded_send = created or ours or await self._ledger(_sent_before, self.ledger, order)
        if recorded_send and not created:
            # the order under the PO carries another ledger's Note: no send of this ledger's made it
            recorded_send = not await self._ledger(placed_by_another_send, self.ledger, order, vendor_order)
        if not created and not recorded_send:
            # a 409 for a PO number this ledger never sent (a lost ledger, another machine): no other new PO
            # number of this batch goes out that could hold a row the vendor already has
            await self._check_batch(order)
        if created and not vendor_order.line_items:
            # a 201 showing the order without its lines (the contract documents no more than "the order"):
            # its lines are read now, while they are as created, and tied to rows as a create answer's are.
            # Untied, a later read would tie them by position, and a vendor listing them in its own order
            # would give one row another's status ("no card was made": a second card)
            vendor_order = await self._read_again(vendor_order, order.po_number)
        if (created or recorded_send) and says_nothing_of_lines(vendor_order):
            # Failed or Cancelled, its lines silent (found by hunter-vendor5): neither ordered nor sent again
            await self._ledger(
                self.ledger.record_created, order.po_number, vendor_order, [], created=created,
                missing=[r.fingerprint for r in rows],
                missing_error=waiting_note(order.po_number, vendor_order, self.batch),
            )  # fmt: skip
            self.outcome.created.append(order.po_number)
            self._report(
                order.po_number, f"{vendor_order.status}, its lines silent: rows need review", ordered=0
            )
            return None
        if created and _shows_fewer(rows, vendor_order):
            vendor_order = await self._read_again(vendor_order, order.po_number)
            if _shows_fewer(rows, vendor_order) and not vendor_order.lines_partial:
                await self._created_without_some(order, rows, vendor_order)
                return None
        vendor_order = unprefixed(vendor_order, line_items(order))  # 'ACME-K1' echoed for the K1 sent
        vendor_order = merge_split(vendor_order, line_items(order))  # a line item shown in pieces: one
        vendor_order = costs_per_card_by_plan(vendor_order, order.cost)  # one card's cost, by the plan
        if created:  # our exact payload was accepted (201): its lines, checked against what was sent
            proven = await self._created_lines(order, rows, vendor_order)
            if proven is None:
                return None
            matches = proven
            missing: list[Any] = []
        elif recorded_send and not vendor_order.line_items:  # our recorded send, its lines not shown
            matches = match_lines([r.external_id or "" for r in rows], vendor_order)
            missing = []
        else:
            matches, missing, review, note = await self._check_original(
                order, rows, vendor_order, recorded_send
            )
            if review:
                await self._settle_conflict(
                    order, rows, vendor_order, matches, missing, review, note, recorded_send=recorded_send
                )
                return None
        outcomes = [
            LineOutcome(
                row.fingerprint,
                line.id if line is not None else None,
                line.cost if line is not None and line.cost is not None else row.cost,
                (line.status or "").lower() or None if line is not None else None,
            )
            for row, line in zip(rows, matches, strict=True)
            if row not in missing
        ]
        record = functools.partial(
            self.ledger.record_created,
            order.po_number,
            vendor_order,
            outcomes,
            created=created,
            missing=[r.fingerprint for r in missing],
            not_our_send=not recorded_send,
            repriced=self._sent_again_at_today(order, vendor_order, created=created),
        )
        if missing:
            await self._ledger(record)
        self.outcome.created.append(order.po_number)
        self._report(order.po_number, "created" if created else "already existed", ordered=len(outcomes))
        if not missing:
            return record
        await self._follow_up(order, rows, [r.line_index for r in missing if r.line_index is not None])
        return None

    async def _created_lines(
        self, order: OrderRecord, rows: list[RowRecord], vendor_order: VendorOrder
    ) -> list[Any] | None:
        """A 201's lines checked against what was sent: each row's line (None: not proven), or None when
        the order is recorded here as created in part (a line unproven, or showing another card, amount or
        recipient than was sent on it): its rows wait for a person, nothing sent again."""
        ids = [r.external_id or "" for r in rows]
        costs = [r.cost for r in rows]
        items = _sent_items(order, rows)
        matches = match_created(ids, vendor_order, items, costs)
        if vendor_order.line_items and None in matches and not _rest_on_other_pages(vendor_order, matches):
            await self._created_unproven(order, rows, vendor_order, matches)
            return None
        # a line echoing the row's ExternalId with another card or amount (found by hunter-vendor3: the
        # row read 'pending', ordered, for a card it was not) or to another recipient (hunter-vendor5):
        # made, never sent again, a person looks
        cards = [
            other_card(item, line) or more_cards(item, line)
            for item, line in zip(items, matches, strict=True)
        ]
        other = {
            i: cards[i] or other_recipient(item, vendor_order, line)
            for i, (item, line) in enumerate(zip(items, matches, strict=True))
        }
        if any(other.values()):
            said = "; ".join(f"{ids[i] or f'line {i + 1}'}: {o}" for i, o in other.items() if o)
            matches = [None if other[i] else line for i, line in enumerate(matches)]
            what = "card or amount" if any(cards) else "recipient"
            why = f"shows another {what} than was sent on its line ({said})"
            await self._created_in_part(order, rows, vendor_order, matches, why)
            return None
        return matches

    async def _rejected(self, order: OrderRecord, rows: list[RowRecord], exc: OrderRejectedError) -> None:
        references = Counter(r.external_id for r in rows if r.external_id)
        by_reference = {  # a line named by its ExternalId, when no other row of the order has it
            r.external_id: r.line_index
            for r in rows
            if r.external_id and references[r.external_id] == 1 and r.line_index is not None
        }
        said = _line_errors(exc, order.lines, self._line_base, by_reference)
        by_index = {r.line_index: r for r in rows}
        if said.base is not None:
            self._line_base = said.base
        # which line an index names is not told ('LineItems[2]': the third counted from 0, the second from
        # 1): no row fails on a guess (a good one would never be ordered); each line it may be goes alone,
        # where the vendor's answer names it for sure
        apart = sorted(
            {line for i in said.unsure for line in (i - 1, i) if line in by_index and line not in said.sure}
        )
        failed: dict[str, str] = {
            by_index[i].fingerprint: "; ".join(msgs) for i, msgs in said.sure.items() if i in by_index
        }
        if not said.sure and not said.unsure:  # no line named by its place or reference
            reason = "; ".join(said.general) or exc.message
            # its words may name a recipient ('could not verify 2 Ash St'): that row fails, the rest goes
            # on; else the whole order is wrong (every row failed for one bad address: found by
            # hunter-vendor2)
            named = set(lines_named_in(" ".join([exc.message, *said.general]), line_items(order)))
            failed = {r.fingerprint: reason for r in rows if not named or r.line_index in named}
        await self._ledger(self.ledger.record_rejected, order.po_number, exc.message, failed, body=exc.body)
        self.outcome.rejected.append(order.po_number)
        self._report(order.po_number, "rejected", failed=len(failed))
        good = [
            r.line_index
            for r in rows
            if r.fingerprint not in failed and r.line_index is not None and r.line_index not in apart
        ]
        if good:
            await self._follow_up(order, rows, good)
        for line in apart:
            await self._follow_up(order, rows, [line])


def _rest_on_other_pages(vendor_order: VendorOrder, matches: list[Any]) -> bool:
    """Whether the rows the created order does not show are on pages of its lines the answer does not
    hold (client.parse.lines_partial), every line it shows tied to a row: our payload was created (201), so
    they are ordered, at their planned cost, as when it shows no line at all. Put in review, the 2 rows of
    a second page read 'in doubt', the batch 'needs attention' (found by hunter-vendor10)."""
    tied = sum(1 for line in matches if line is not None)
    return vendor_order.lines_partial and tied == len(vendor_order.card_lines)
