"""A person settles the rows waiting on one PO: "they are at the vendor" (:func:`settle_at_vendor`) or "they
are not, send them" (:func:`release`), each planned as a :class:`~.resolution.Resolution` shown for
confirmation, then recorded with who and why.

Nothing here sends an order: a released row goes out with the next ``bulkship run``.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Any

from ..client.orderreads import LookUp
from ..errors import ReviewRefusedError, VendorError
from ..ledger import RELEASED_BESIDE, AdoptedOrder, Ledger, OrderRecord, RowRecord
from ..models import VendorOrder
from ..plan import order_seq
from .checks import (
    ReleaseCheck,
    _check_not_ours,
    _check_target,
    _refuse,
    _refuse_no_card_order,
    _rows_to_confirm,
    _waiting_on,
    check_release,
    fetch_vendor_order,
    sent_by_this_ledger,
)
from .hints import _confirm_command, _release_hint
from .otheroffice import other_offices_words
from .recipients import shown_recipients
from .resolution import Confirm, Resolution, Tie
from .suspects import Suspect, unclaimed_lines, unclaimed_words
from .ties import _old_content, _settled_payload, _tied_row, tie_rows
from .vendorview import VendorView, _set_aside, look_at_vendor

_FOLLOW_UP = re.compile(r"-R\d+$", re.IGNORECASE)


async def release(
    ledger: Ledger,
    client: Any,
    batch: str,
    po: str,
    *,
    by: str,
    reason: str = "",
    not_ours: Sequence[str] = (),
    confirm: Confirm | None = None,
) -> Resolution:
    """Release the rows waiting on ``po`` to be sent, when the vendor provably holds none of them.
    ``not_ours``: PO numbers of vendor orders the person says are another batch's (only orders whose PO only
    may be this batch's, e.g. ``BS-GIFTS-STAFF-0001`` for batch ``staff``): their lines are not looked at."""
    order, rows = _waiting_on(ledger, batch, po)
    view = await look_at_vendor(client, ledger, batch, [po])
    _check_not_ours(ledger, batch, view, not_ours)
    unseen = _set_aside_suspects(ledger, order, rows, view, not_ours) if not_ours else ""
    seen = seen_at_release(view)  # the orders set aside too: looked at, never again a stop of the next run
    view = _set_aside(
        view,
        [o.po_number for o in view.in_range if o.po_number.casefold() in {p.casefold() for p in not_ours}],
    )
    check = check_release(ledger, order, rows, view)
    kept: tuple[tuple[int, str], ...] = ()
    beside = check.suspects  # the lines the rows kept may be: no other card's
    if check.partly and not not_ours:  # an order set aside as another batch's holds none of its rows
        kept = tuple((r.row, check.kept_why(r.row)) for r in rows if r.row not in check.free)
        rows = [r for r in rows if r.row in check.free]
        check = check_release(ledger, order, rows, view)  # the rows released, checked on their own
    if not check.allowed:
        raise _refuse(
            f"Cannot release the {len(rows)} row(s) waiting on {po}: " + "; ".join(check.blockers),
            hint=_release_hint(ledger, batch, order, rows, view, check),
        )
    aside = f"; set aside as another batch's by {by}: {', '.join(not_ours)}{unseen}" if not_ours else ""
    evidence = release_evidence(ledger, view, batch, po, check, beside=beside) + aside
    plan = Resolution(
        batch, po, "release", released=tuple(r.row for r in rows), same_po=check.same_po, waiting=kept,
        evidence=evidence,
    )  # fmt: skip
    if confirm is not None and not confirm(plan):
        return plan
    detail = {"by": by, "reason": reason, "rows": list(plan.released), "evidence": evidence,
              RELEASED_BESIDE: seen}  # fmt: skip
    if not_ours:
        detail["not_ours"] = list(not_ours)
    ledger.release_review(
        batch,
        po,
        [r.fingerprint for r in rows],
        same_po=check.same_po,
        detail=detail,
        absent=check.absent,
        not_ours=po.casefold() in {p.casefold() for p in not_ours},
    )
    return Resolution(**{**plan.__dict__, "applied": True})


def _set_aside_suspects(
    ledger: Ledger, order: OrderRecord, rows: Sequence[RowRecord], view: VendorView, not_ours: Sequence[str]
) -> str:
    """What the orders set aside hold that may be these rows, in the words shown before "Record this?": a
    line showing no recipient, of a row's card, is not looked at once its order is another batch's, yet it
    may be that person's card (on both lists: the likely-real dialect's BS-GIFTS-STAFF-0001 held E1's card,
    and the plan released E1 with not a word of it: found by hunter-vendor19)."""
    aside = {p.casefold() for p in not_ours}
    found = check_release(ledger, order, rows, view).suspects
    # a line carrying a row's ExternalId left in the way refuses the release: only another office's person's
    # is let through (:mod:`.otheroffice`), said so
    said = [
        s.describe()
        for s in found
        if s.vendor_order.po_number.casefold() in aside and not s.why.startswith("it carries the row's")
    ]
    others = other_offices_words(
        ledger, order, rows, [o for o in view.in_range if o.po_number.casefold() in aside]
    )
    return others + "".join(
        f"; but {words}: if one of these people is on that batch's list too, it is their card and a release "
        "sends them a second one"
        for words in said
    )


def seen_at_release(view: VendorView) -> list[str]:
    """The vendor's orders of the batch a person released rows beside (their PO numbers): orders another
    computer or ledger made, that a person has looked at. A run sending the released rows is not stopped by
    them again (after two runs started at one instant, Alpha's two cards held every released row again at
    each run: found by hunter-vendor17), only by orders made since."""
    return sorted({o.po_number.upper() for o in view.in_range})


def release_evidence(
    ledger: Ledger,
    view: VendorView,
    batch: str,
    po: str,
    check: ReleaseCheck,
    *,
    beside: Sequence[Suspect] = (),
    recipients_checked: bool = False,
    claimed: Collection[str] = (),
) -> str:
    """Why the rows waiting on ``po`` may be released, in the words shown before "Record this?".
    ``beside``: lines that may be rows of the PO kept waiting (said with those rows, not as other cards), or
    that rows are tied to in the same settlement. ``recipients_checked``: the lines tied to no row show other
    recipients than these rows' (the bulk release keeps the rows they may be), said so instead of "a release
    sends each a second one". ``claimed``: ExternalIds (folded) of rows ordered elsewhere."""
    # the last words read before it: the cards the vendor holds of other amounts too (review20, after F3)
    unclaimed = unclaimed_lines(ledger, view, batch, [*check.suspects, *beside], claimed=claimed)
    # named: a person renamed and moved since shows neither, and only a person reading the names can tell
    shown = shown_recipients(unclaimed) if recipients_checked and unclaimed else ""
    others = (
        f"; the vendor's other cards tied to no row show other recipients than these rows' ({shown})"
        if shown
        else "".join(f"; but {unclaimed_words(o, ats)}" for o, ats in unclaimed)
    )
    return (
        f"the vendor's order list is complete ({len(view.in_range)} order(s) of this batch) and none of "
        f"their lines holds their card as the file has it now; {view.sightings[po].describe(po)}{others}"
    )


def _own_po_known(po: str, found: LookUp, *, sent_here: bool) -> LookUp | None:
    """:func:`_look_up_own_po` from an answer read before (the batch's order list, read once for many)."""
    if sent_here and found.unknown:
        raise _refuse(
            f"The vendor's order list cannot show whether it holds these rows' own PO {po} "
            f"({found.why_unknown or 'not read to its end'}): they were sent under it, and if it holds them "
            "they are in no other order",
            hint="try again once the vendor's list shows every order's PO number and reads to its end",
        )
    return None if found.unknown else found


async def _look_up_own_po(client: Any, po: str, *, sent_here: bool) -> LookUp | None:
    """The vendor's answer for the rows' own PO number; None when it cannot be asked now and the rows were
    not sent under it (then it only tells whether a held order may be cancelled). Rows sent under it are
    tied to no other order unasked: a look-up answering 503 tied them to another order's lines of the same
    card, whose real owners then read as not at the vendor (found by hunter-vendor12, L3)."""
    try:
        found: LookUp = await client.look_up_order(po)
    except VendorError as exc:
        if sent_here:
            raise _refuse(
                f"The vendor could not be asked whether it holds these rows' own PO {po} ({exc.message}): "
                "they were sent under it, and if it holds them they are in no other order",
                hint="try again once the vendor answers",  # words for the review page too: no command there
            ) from None
        return None
    # a list that cannot show absence (its orders hide their PONumbers) leaves it unasked too (review27)
    if sent_here and found.unknown:
        raise _refuse(
            f"The vendor's order list cannot show whether it holds these rows' own PO {po} "
            f"({found.why_unknown or 'not read to its end'}): they were sent under it, and if it holds them "
            "they are in no other order",
            hint="try again once the vendor's list shows every order's PO number and reads to its end; until "
            "then these rows wait for review as they are",
        )
    return found


def _own_po_held(batch: str, po: str, held: VendorOrder, vendor_order: VendorOrder) -> ReviewRefusedError:
    """Rows this ledger sent went to the vendor under their own PO number: when the vendor holds it, their
    card is in it (or its order failed), never in another order's lines that merely carry the same card
    (following such a tie, the real owners of those lines were released and sent a second card: found by
    newcomer6)."""
    return _refuse(
        f"The vendor holds these rows' own PO {po} (order {held.id}, {held.status or 'no status'}): "
        f"they were sent under it, so they are not in vendor order {vendor_order.id} (PO "
        f"{vendor_order.po_number}), whatever lines of the same card it shows",
        hint=f"settle them against their own order: bulkship reconcile {shlex.quote(batch)} --review",
    )


async def settle_at_vendor(
    ledger: Ledger,
    client: Any,
    batch: str,
    po: str,
    reference: str,
    *,
    by: str,
    rows: Sequence[int] = (),
    reason: str = "",
    confirm: Confirm | None = None,
) -> Resolution:
    """The rows waiting on ``po`` are in the vendor order ``reference`` (its Id or PO number): tie them by
    proof, or by the person's confirmation for the ``rows`` no line can show (see the package docstring)."""
    own, waiting = _waiting_on(ledger, batch, po)
    confirmed = _rows_to_confirm(waiting, rows)
    vendor_order = await fetch_vendor_order(client, ledger, batch, reference)
    return await settle_on(
        ledger, client, batch, own, waiting, vendor_order, confirmed, by=by, reason=reason, confirm=confirm,
        reference=reference,
    )  # fmt: skip


async def settle_on(
    ledger: Ledger,
    client: Any,
    batch: str,
    own: OrderRecord,
    waiting: Sequence[RowRecord],
    vendor_order: VendorOrder,
    confirmed: set[int],
    *,
    by: str,
    reason: str = "",
    confirm: Confirm | None = None,
    reference: str = "",
    own_po: LookUp | None = None,
) -> Resolution:
    """:func:`settle_at_vendor` once the vendor order is read: the rows ``waiting`` on ``own`` tied to its
    lines. ``own_po``: the vendor's answer for the rows' own PO number, when already read (else it is asked
    here when it matters)."""
    po = own.po_number
    target = _check_target(ledger, batch, own, vendor_order)
    _refuse_no_card_order(batch, po, vendor_order)
    elsewhere = vendor_order.po_number != po
    sent_here = elsewhere and sent_by_this_ledger(ledger, po)
    # one look-up of the rows' own PO: held there, they are in no other order; absent, a held order is
    # cancelled
    asked = sent_here or (elsewhere and own.state == "review")
    if asked and own_po is not None:
        own_po = _own_po_known(po, own_po, sent_here=sent_here)
    elif asked:
        own_po = await _look_up_own_po(client, po, sent_here=sent_here)
    else:
        own_po = None
    if sent_here and own_po is not None and own_po.order is not None:
        raise _own_po_held(batch, po, own_po.order, vendor_order)
    ties, left, nameable = tie_rows(ledger, own, waiting, vendor_order, confirmed, by)
    if not ties:
        command = _confirm_command(
            ledger, batch, own, waiting, vendor_order, nameable, reference or vendor_order.po_number
        )
        raise _refuse(
            f"None of the {len(waiting)} row(s) waiting on {po} can be tied to vendor order "
            f"{vendor_order.id} (PO {vendor_order.po_number}): "
            + "; ".join(f"row {r}: {why}" for r, why in left),
            hint=f"if you checked in the vendor's portal that it holds them: {command}"
            if command
            else f"see what the vendor shows for them, and whether they can be released: bulkship "
            f"reconcile {batch} --review",
        )
    plan = Resolution(
        batch, po, "at-vendor", vendor_order.po_number, vendor_order.id,
        tied=tuple(Tie(r.row, r.fingerprint, i, how) for r, i, how in ties), waiting=tuple(left),
    )  # fmt: skip
    if confirm is not None and not confirm(plan):
        return plan
    from_absent = elsewhere and own.state == "review" and own_po is not None and own_po.absent
    vpo = vendor_order.po_number
    tied_rows = [
        _tied_row(vendor_order, own, row, index, how if _old_content(own, row, vendor_order, index) else "")
        for row, index, how in ties
    ]
    adopted = AdoptedOrder(
        vpo,
        order_seq(vpo),
        _FOLLOW_UP.sub("", vpo),
        vendor_order,
        {},
        tied_rows,
        note=f"found at the vendor by {by}",
    )
    detail = {
        "by": by,
        "reason": reason,
        "order_id": vendor_order.id,
        "vendor_po": vpo,
        "rows": [
            {"row": t.row, "line": None if t.line is None else t.line + 1, "how": t.how} for t in plan.tied
        ],
        # each row's cost before the settlement (its plan's) and as settled (the vendor's line): what the
        # person's settlement explains of the order's cost against its plan (reconcile.explained)
        "costs": {
            str(row.row): {"planned": _cents(row.cost), "settled": _cents(tied.cost)}
            for (row, _i, _how), tied in zip(ties, tied_rows, strict=True)
        },
        "still_waiting": [row for row, _why in left],
    }
    payload = _settled_payload(ledger, own, target, vendor_order, ties)
    # the ledger's order of the vendor's PO held (or dropped) before it ever left: the vendor's is another
    # ledger's send, and its cost is that order's, not this ledger's plan of other rows
    theirs = (
        target is not None
        and target.state in ("review", "cancelled")
        and not sent_by_this_ledger(ledger, vpo)
    )
    ledger.settle_review_at_vendor(
        batch, po, adopted, payload=payload, detail=detail, from_absent=from_absent, theirs=theirs
    )
    return Resolution(**{**plan.__dict__, "applied": True})


def _cents(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(Decimal("0.01")))
