"""One row as the ledger knows it: the status a person sees, where its money is, the note it carries, and
its :class:`~bulkship.reconcile.sheets.RowOutcome`."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from ...billing import row_made_no_card
from ...ledger import ELSEWHERE, REVIEW_ITEMS, OrderRecord, RowRecord, elsewhere_po
from ...money import Breakdown, money_text
from ...statuses import CHARGED, IN_DOUBT, NO_CARD_STATUSES, NOT_SENT, PO_REFUSED, TO_SEND
from ..sheets import RowOutcome
from .chargedwords import not_planned_note, overcharge_note
from .prices import Prices, _Line, _payload_item_line

SENT_ELSEWHERE = "sent elsewhere"  # statuses.ROW_STATUSES' word for a row left out as made elsewhere
VENDOR_LINE_STATUSES = ("pending", "complete", "shipped", "delivered", "failed")
UNSETTLED_ORDER_STATES = ("planned", "sending", "unknown")
IN_DOUBT_ORDER_STATES = ("sending", "unknown")  # sent, no definite answer: may be charged
ORDER_SHEET_STATES = ("created", "sending", "unknown", "planned")  # orders holding money of any bucket
COST_UNKNOWN_NOTE = (
    "cost unknown: the ledger holds no price for this row (recorded by an older bulkship); totals leave it "
    "out and say so"
)


def row_status(record: RowRecord, order: OrderRecord | None) -> str:
    """The status a person sees: the vendor's own line status once the order exists (one bulkship does not
    know is shown as the vendor wrote it, never taken for another); ``in doubt`` while the row's order was
    sent without a definite answer; ``needs review`` for a row held for a person."""
    if record.status == "ordered":
        line = (record.line_status or "").lower()
        if not line and order is not None and (order.status or "").lower() in NO_CARD_STATUSES:
            return (order.status or "").lower()  # the order's word, its lines silent: see ORDER_ONLY_NOTE
        return line or "ordered"
    if record.status == "review":
        return "needs review"
    if record.status == ELSEWHERE:
        return SENT_ELSEWHERE
    if record.status == "planned" and order is not None and order.state in IN_DOUBT_ORDER_STATES:
        return "in doubt"
    if record.status == "planned" and not record.po_number:  # in no order: nothing sends it (review22)
        return NOT_SENT.name
    return record.status


FAILED_AT_VENDOR_NOTE = (
    "{ended}: no card was made. Re-run the same command to send it again under a new PO number"
)


def line_ended(po: str | None, line_status: str | None, word: str = "") -> str:
    """How the vendor ended a row's line before it shipped, in the line's own word: a line cancelled in an
    order that shipped the rest read "the vendor's order ... failed for this card", where the order did not
    fail (found by newcomer28, N2); ``word``: the vendor's own, where the status reads it otherwise
    ('Refunded' read as cancelled: ledger.linewords)."""
    if word:
        return (
            f"The vendor shows this card's line '{word}' (read as {line_status}) in order {po}, before it "
            "shipped"
        )
    if (line_status or "").lower() == "cancelled":
        return f"The vendor cancelled this card's line in order {po} before it shipped"
    return f"This card's line in order {po} failed at the vendor before it shipped"


# ... a line cancelled: a re-run holds it (bulkship.repeats.cancelled), it is not sent again by itself
CANCELLED_AT_VENDOR_NOTE = (
    "{ended}: no card was made. A re-run holds it, not sent again: a cancellation may be one your company "
    "asked for. To send it after all, re-run with --allow-repeat; a row changed since is sent as the fix"
)


# ... its card moved by the vendor into an order of its own (track.moved): sent from there, not cancelled
MOVED_NOTE = (
    "The vendor moved this card out of order {po} into {where}, one bulkship did not send: the line left "
    "behind reads Cancelled, but the card goes out from that order, so it is not sent again (--allow-repeat "
    "does not either while that order may make it). Ask the vendor about that order: bulkship does not "
    "follow it"
)


def made_no_card_note(po: str | None, line_status: str | None, word: str = "") -> str:
    """What a row whose line the vendor ended before anything shipped says (:func:`made_no_card`)."""
    cancelled = (line_status or "").lower() == "cancelled"
    note = CANCELLED_AT_VENDOR_NOTE if cancelled else FAILED_AT_VENDOR_NOTE
    return note.format(ended=line_ended(po, line_status, word))


ORDER_ONLY_NOTE = (
    "The vendor shows order {po} {status}, but its lines say nothing of this card: it may have been made. "
    "Ask the vendor before sending it again; nothing is re-sent by itself"
)


ENDED_AFTER_PARCEL_NOTE = (
    "The vendor shows this card {status} in order {po}, but also its parcel ({parcel}): a card went out, so "
    "it is not sent again by itself. If it never reached the person, ask the vendor; to send another on "
    "purpose, put the row in a new list and run it with --allow-repeat"
)


def ended_after_parcel(record: RowRecord) -> str:
    """What shows a parcel of an ordered row whose line the vendor ended Failed or Cancelled (returned,
    refunded after it shipped): such a row is not sent again (see :func:`made_no_card`), and says why; ""
    for any other row."""
    if record.status != "ordered" or (record.line_status or "").lower() not in NO_CARD_STATUSES:
        return ""
    if record.tracking_number or record.tracking_url:
        return f"tracking {record.tracking_number or record.tracking_url}"
    if record.shipped_date:
        return f"shipped {record.shipped_date}"
    return f"delivered {record.delivered_date}" if record.delivered_date else ""


def made_no_card(record: RowRecord) -> bool:
    """An ordered row whose line the vendor ended Failed or Cancelled before anything shipped (no tracking
    number or link, no shipped or delivered date): proof from the line itself that no card exists, so the
    row holds no money and the next run sends it again (a card returned after shipping is not: it was
    made). The SQL twin is ``ledger.sql.driver._made_no_card``: they must agree, or the web's totals differ
    from the workbook's. One rule with :func:`bulkship.billing.row_made_no_card`, which the ledger reads."""
    return row_made_no_card(record)


def waits_in_created_order(record: RowRecord, order: OrderRecord | None) -> bool:
    """A row waiting for review in an order the vendor created with it, at a planned cost: its card may be
    one of the order's lines (not proven which), so its money is in doubt, never in no bucket at all. (A
    row of no known cost, adopted by an older bulkship after a lost ledger, is said with its order's
    cost instead: see :func:`bulkship.runresult._untied`.)"""
    return (
        record.status == "review"
        and record.cost is not None
        and order is not None
        and order.state == "created"
    )


def money_bucket(record: RowRecord, order: OrderRecord | None) -> str:
    """Where the row's money is (see :mod:`bulkship.statuses`); "" when the row holds none."""
    if record.status == "ordered":
        return "" if made_no_card(record) else CHARGED
    if waits_in_created_order(record, order):
        return IN_DOUBT
    if record.status != "planned" or not record.po_number:  # (a cost not recorded is unknown, not none)
        return ""
    if order is not None and order.state in IN_DOUBT_ORDER_STATES:
        return IN_DOUBT
    return TO_SEND


def waiting_lines(order: OrderRecord) -> dict[str, _Line]:
    """Fingerprint -> the line item each row waiting for review on ``order`` would send, as the order keeps
    them apart from its lines (``REVIEW_ITEMS`` of an order taken from the vendor after a lost ledger)."""
    waiting = order.payload().get(REVIEW_ITEMS)
    if not isinstance(waiting, dict):
        return {}
    lines = {fp: _payload_item_line(item) for fp, item in waiting.items() if isinstance(item, dict)}
    return {fp: line for fp, line in lines.items() if line is not None}


NOT_SENT_NOTE = (
    "Not sent, and in no order (its plan was declined or dropped, or it was released to be sent again): "
    "nothing sends it by itself. Re-run the same command to see its cost and send it."
)


def _sentence(error: str) -> str:
    """A stored refusal as a row's note quotes it: without its own closing full stop (the note goes on after
    it: 'Nothing was debited.. Re-run' on every row of an order refused for funds, found by hunter-web19),
    nor the status code it was stored after when its words name it already ('422 ... (422): ...')."""
    code, _, words = error.partition(" ")
    if code.isdecimal() and len(code) == 3 and f"({code})" in words:
        error = words
    # a run stopped before the order left wrote 'not sent: the run stopped ...' (ledgers of session 47 and
    # before): read after 'Not sent yet', it said 'not sent' twice
    return re.sub(r"^not sent:\s*", "", error).rstrip(". ")


def _unsettled_note(order: OrderRecord | None) -> str:
    if order is None or order.state not in UNSETTLED_ORDER_STATES:
        return ""
    if order.state == "planned":
        said = f": {_sentence(order.error)}" if order.error else ""
        return f"Not sent yet{said}. Re-run the same command to send it."
    if order.error and order.error.startswith(PO_REFUSED):  # an answer, not a lost one
        said = order.error[:1].lower() + order.error[1:]
        return (
            f"In doubt: sent, and {said}; so it may be charged. Re-running the same command asks the vendor "
            "with the same PO number; nothing is sent under another."
        )
    return (
        "In doubt: sent, but the vendor's answer was lost, so it may be charged; re-running the same command "
        "asks the vendor with the same PO number."
    )


def kept_apart(record: RowRecord, order: OrderRecord | None) -> bool:
    """A row whose line item the order keeps apart from its lines (``REVIEW_ITEMS``): waiting for review in
    an order the vendor created, or settled there by a person with no line shown to be its (``--rows``: no
    line index), whose card, value and method are still the ones it was sent with."""
    placed_by_person = record.status == "ordered" and record.line_index is None and order is not None
    return placed_by_person or waits_in_created_order(record, order)


def row_line(
    record: RowRecord,
    order: OrderRecord | None,
    lines: Sequence[_Line],
    waiting: Mapping[str, _Line] | None = None,
) -> _Line | None:
    """The line item the row was (or would be) sent as: its line of ``order``'s ``lines``, else the one the
    order keeps apart for it (``waiting``, :func:`kept_apart`). Without it, a row settled with ``--rows`` read
    face value 0.00 and no card beside its total of 25.00, its product '?' on the Summary (review20). An order
    taken from the vendor's list holds its lines without their method, or not all of them (shown in pages):
    a row settled on one by proof read 'Shipping cost 0.00' and an overcharge, or face value 0.00 (found by
    hunter-money5); the row's own item, which ``waiting`` then holds, says them."""
    index = record.line_index
    line = lines[index] if order is not None and index is not None and 0 <= index < len(lines) else None
    kept = waiting.get(record.fingerprint) if waiting is not None else None
    if line is None:
        return kept
    if not line.shipping_method and kept is not None and kept.shipping_method:
        return line._replace(shipping_method=kept.shipping_method)
    return line


def as_shown(record: RowRecord, line: _Line | None, shown: int | None) -> _Line | None:
    """The row's line with the cards the vendor shows on it when fewer than were sent (``shown``), else
    ``line`` itself. Broken down with the cards sent, a row of 2 cards the vendor shows 1 of
    read 'Face value 50.00, Discount 25.00' and 'charged 25.00 less than planned, so its discount reads
    25.00', the Summary 'Cards 6 ... Discount 75.00' where the vendor holds 3 cards and gave no discount
    (found by hunter-money12)."""
    if line is None or shown is None or record.status != "ordered" or not 0 <= shown < line.quantity:
        return line
    return line._replace(quantity=shown)


def fewer_shown_note(
    record: RowRecord, money: Breakdown | None, sent: _Line | None, shown: _Line | None, prices: Prices | None
) -> str:
    """What a row whose line the vendor shows with fewer cards than were sent (:func:`as_shown`) says."""
    if sent is None or shown is None:
        return ""
    plan = prices.planned(sent) if prices is not None else None
    charged = (
        f" It charged {money_text(money.total)} for them, {money_text(plan.total - money.total)} less than "
        f"planned ({money_text(plan.total)}) for {sent.quantity}: ask"
        if money is not None and plan is not None and money.total < plan.total
        else " Ask"
    )
    cards = {"shown": shown.quantity, "sent": sent.quantity}
    return FEWER_SHOWN_NOTE.format(**cards, po=record.po_number, said=charged)


FEWER_SHOWN_NOTE = (
    "The vendor shows {shown} card(s) on this row's line of {po} where {sent} were sent: the person may get "
    "fewer cards than asked for.{said} the vendor for the missing card(s)"
)


def row_money(
    record: RowRecord, order: OrderRecord | None, line: _Line | None, prices: Prices | None
) -> tuple[str, Breakdown | None]:
    """The row's bucket (:func:`money_bucket`) and its figures: None when it holds no money, or holds money
    whose cost no one recorded (an older bulkship's ledger: never counted as 0.00)."""
    bucket = money_bucket(record, order)
    if not bucket or record.cost is None:
        return bucket, None
    if line is not None and prices is not None:
        return bucket, prices.breakdown(line, record.cost)
    return bucket, Breakdown(total=record.cost, face_value=line.value * line.quantity if line else Decimal(0))


def row_standing(record: RowRecord, order: OrderRecord | None) -> tuple[str, str, Decimal | None]:
    """The row's status, money bucket and cost as its outcome has them (:func:`outcome_from_ledger`), without
    its line or note: what a page counts and adds up over every row of a batch (they must agree:
    tests/test_results_page_counts.py)."""
    bucket = money_bucket(record, order)
    return row_status(record, order), bucket, record.cost if bucket else None


def outcome_from_ledger(
    row: int,
    record: RowRecord,
    order: OrderRecord | None,
    lines: Sequence[_Line],
    normalised: str = "",
    prices: Prices | None = None,
    waiting: Mapping[str, _Line] | None = None,
    shown: int | None = None,
    taken_off: Decimal = Decimal(0),
    *,
    word: str = "",
) -> RowOutcome:
    """``shown``: how many cards the vendor shows on the row's line where more were sent (ledger.ordernotes.
    fewer_cards_shown), which its money is broken down with; ``taken_off``: what its order shows taken off
    the order as a discount on the order; ``word``: the vendor's own word for its line, where read as a
    status (ledger.linewords)."""
    sent = row_line(record, order, lines, waiting)
    line = as_shown(record, sent, shown)
    status = row_status(record, order)
    problems = record.error or ""
    parcel = ended_after_parcel(record)
    if made_no_card(record):
        problems = problems or made_no_card_note(record.po_number, record.line_status, word)
    elif parcel:
        # the vendor's own word said ('Refunded'), its status beside it: 'cancelled' alone sent finance
        # looking for a cancellation (newcomer28's N1)
        shown_as = f"'{word}' (read as {status})" if word else status
        said = ENDED_AFTER_PARCEL_NOTE.format(status=shown_as, po=record.po_number, parcel=parcel)
        problems = "; ".join(filter(None, [problems, said]))
    elif record.status == "ordered" and status in NO_CARD_STATUSES and not record.line_status:
        problems = problems or ORDER_ONLY_NOTE.format(po=record.po_number, status=status.capitalize())
    if status in ("planned", "in doubt"):
        problems = problems or _unsettled_note(order)
    elif status == NOT_SENT.name:
        problems = problems or NOT_SENT_NOTE
    bucket, money = row_money(record, order, line, prices)
    if bucket and money is None:
        problems = "; ".join(filter(None, [problems, COST_UNKNOWN_NOTE]))
    # money charged only: a row to send at the cost of its plan, broken down with a fee the vendor dropped
    # since, read 'The vendor charged 26.00 for this card ... an overcharge' (found by hunter-money1)
    cards = line.quantity if line is not None else 1
    problems = "; ".join(filter(None, [problems, overcharge_note(money, cards) if bucket == CHARGED else ""]))
    if bucket == CHARGED:
        fewer = fewer_shown_note(record, money, sent, line, prices) if line is not sent else ""
        taken = (record.po_number or "", taken_off)
        planned = not_planned_note(money, line, prices, taken, status if parcel else "")
        problems = "; ".join(filter(None, [problems, fewer, planned]))
    return RowOutcome(
        row=row,
        status=status,
        problems=problems,
        normalised=normalised,
        # a row left out as sent elsewhere: the order holding its card (a results sheet read by another
        # ledger then holds the person: bulkship.repeats.foreign)
        po_number=record.po_number or (elsewhere_po(record.error) if status == SENT_ELSEWHERE else ""),
        order_id=(order.vendor_order_id or "") if order and record.status == "ordered" else "",
        line_item_id=record.line_item_id or "",
        cost=money.total if money else None,
        carrier=record.carrier or "",
        tracking_number=record.tracking_number or "",
        tracking_url=record.tracking_url or "",
        shipped_date=record.shipped_date or "",
        delivered_date=record.delivered_date or "",
        product=line.product if line else "",
        shipping_method=line.shipping_method if line else "",
        face_value=money.face_value if money else None,
        cards=line.quantity if line and bucket else 0,
        money=bucket,  # with no figures when the cost is unknown (RowOutcome.cost_unknown)
        discount=money.discount if money else None,
        fees=money.fees if money else None,
        shipping=money.shipping if money else None,
    )
