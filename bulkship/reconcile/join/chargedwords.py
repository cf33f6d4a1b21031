"""The words a row's note says when the vendor charged it otherwise than its price or its plan: an overcharge,
a discount other than planned, one taken off the order instead (split from :mod:`.outcome`)."""

from __future__ import annotations

import functools
from decimal import Decimal

from ...money import Breakdown, cents, money_text
from .prices import Prices, _Line

OVERCHARGED_NOTE = (
    "The vendor charged {total} for {cards}, {more} more than {their} face value, fees and shipping "
    "({price}): an overcharge, shown as a Discount of -{more}. The totals hold what it charged; ask the "
    "vendor why"
)


def overcharge_note(money: Breakdown | None, quantity: int = 1) -> str:
    """Words for a row (of ``quantity`` cards) the vendor charged more than its price (face value + fees +
    shipping): the figures add up only with a negative Discount, which alone read as a discount (review18's
    leftover). A row of 2 cards, each charged its shipping, read 'charged 69.90 for this card' (found by
    hunter-money18)."""
    if money is None or money.discount >= 0:
        return ""
    more = money_text(-money.discount)
    price = money_text(money.face_value + money.fees + money.shipping)
    cards, their = ("this card", "its") if quantity == 1 else (f"these {quantity} cards", "their")
    return OVERCHARGED_NOTE.format(
        total=money_text(money.total), cards=cards, their=their, more=more, price=price
    )


NOT_PLANNED_NOTE = (
    "The vendor charged {total} for {cards}, {by} {side} than planned ({planned}), so its discount reads "
    "{discount} where the plan took off {planned_discount}. The totals hold what it charged; ask the vendor "
    "why"
)


ORDER_DISCOUNT_NOTE = (
    "The vendor charged {total} for {cards} on its line, {by} more than planned ({planned}), its discount "
    "reading {discount} where the plan took off {planned_discount}: its order {po} shows {taken} taken off "
    "the order as a discount on the order, which the totals count (the Summary says so)"
)


MONEY_BACK_NOTE = (
    "The vendor charges {total} for {cards}, {by} less than planned ({planned}): money back for a card it "
    "{status} after it went out (a refund, not a discount), which its Discount column holds so that the "
    "figures add up. The totals hold what it charges"
)


# ... and a card shown below zero: "The vendor charges -25.00 for this card" said no figure below zero plainly
# (hunter-money32's leftover, found by hunter-money33: .belowzero)
MONEY_BACK_BELOW_ZERO_NOTE = (
    "The vendor shows {total} for {cards}, below zero: {by} less than planned ({planned}), {beyond} more "
    "back than {their} cost, for a card it {status} after it went out (a refund, not a discount), which its "
    "Discount column holds so that the figures add up. The totals hold what it shows; ask the vendor "
    "whether it owes you the {beyond} beyond the cost"
)


def not_planned_note(
    money: Breakdown | None,
    line: _Line | None,
    prices: Prices | None,
    taken_off: tuple[str, Decimal] = ("", Decimal(0)),
    ended: str = "",
) -> str:
    """Words for a row charged otherwise than its plan priced it (with the prices it was sent with): the
    figures add up by the Discount, so a discounted card charged 0.50 more read only 'Discount 1.36' where
    the plan took off 1.86, said on no row (hunter-money3's LF). An undiscounted card charged more is said
    by :func:`overcharge_note` alone. "" when the plan's cost is not known (a ledger of an older bulkship).
    ``ended``: the status of a line the vendor ended after its card went out (outcome.ended_after_parcel),
    whose money back read 'so its discount reads 25.00 ... ask the vendor why' (hunter-money25's L2)."""
    plan = prices.planned(line) if money is not None and line is not None and prices is not None else None
    # its fees or shipping as the vendor's prices read since have them (not as billed elsewhere: on the order)
    if money is not None and line is not None and prices is not None and plan is not None and not ended:
        priced_since = prices.priced_since(line, money.total)
        since = priced_since_note(money, line, plan, taken_off) if priced_since else ""
        if since:
            return since
    if money is None or line is None or plan is None or money.discount == plan.discount:
        return ""  # as planned, or the difference is in another column (shipping billed on the order)
    if money.discount < 0 and plan.discount == 0:
        return ""  # an overcharge: said so
    po, taken = taken_off
    if ended and money.total < plan.total:
        below = money.total < 0
        return (MONEY_BACK_BELOW_ZERO_NOTE if below else MONEY_BACK_NOTE).format(
            total=money_text(money.total),
            cards="this card" if line.quantity == 1 else f"these {line.quantity} cards",
            by=money_text(plan.total - money.total),
            planned=money_text(plan.total),
            status=ended,
            beyond=money_text(-money.total),
            their="its" if line.quantity == 1 else "their",
        )
    if taken <= 0 and within_rounding(money.total, plan.total, line.quantity):
        return ""  # the vendor's rounding: said once beside the totals (.rounding), not on each row
    if taken > 0 and money.total > plan.total:
        # the discount taken off the order rather than its cards: 'ask the vendor why' each row charged more
        # than planned, of a discount the vendor gave (found by hunter-money14)
        return ORDER_DISCOUNT_NOTE.format(
            total=money_text(money.total),
            cards="this card" if line.quantity == 1 else f"these {line.quantity} cards",
            by=money_text(money.total - plan.total),
            planned=money_text(plan.total),
            discount=money_text(money.discount),
            planned_discount=money_text(plan.discount),
            po=po,
            taken=money_text(taken),
        )
    return _not_planned_words(money, line, plan)


PRICED_SINCE_NOTE = (
    "The vendor charged {total} for {cards}{on_line}, {by} {side} than planned ({planned}): {what} {where} "
    "the plan{discounted}. {changed} at the vendor's prices read after its order was planned, where the plan "
    "priced {them} {was}: the vendor {verb} {them} since. {ending}"
)
HELD = "The totals hold what it charged"
# its card discount not on its line (``Prices.priced_since`` matched it so): off its order, or not at all
TAKEN_OFF_ENDING = (
    "Its discount reads 0.00 where the plan took off {planned_discount}: its order {po} shows {taken} taken "
    "off the order as a discount on the order, which the totals count (the Summary says so)"
)
NOT_TAKEN_ENDING = (
    "Its discount reads 0.00 where the plan took off {planned_discount}. " + HELD + "; ask the vendor why"
)


def priced_since_note(
    money: Breakdown, line: _Line, plan: Breakdown, taken_off: tuple[str, Decimal] = ("", Decimal(0))
) -> str:
    """Words for a row charged otherwise than planned whose fees or shipping, as the vendor's prices read
    since have them, make up the difference (``Prices.priced_since`` broke it down so): a fee raised after
    the plan read 'an overcharge, shown as a Discount of -2.00 ... ask the vendor why' (hunter-money28's
    leftover 2), a fee dropped nothing at all. Its card discount may be off its line, ``taken_off`` its order
    (po, amount) instead. "" when they are not what changed."""
    changed = [
        (what, name, now, was)
        for what, name, now, was in (
            ("a fee", "its fees are", money.fees, plan.fees),
            ("shipping", "its shipping is", money.shipping, plan.shipping),
        )
        if now != was
    ]
    off_its_line = money.discount == 0 < plan.discount
    if not changed or money.total == plan.total or (money.discount != plan.discount and not off_its_line):
        return ""
    up = [now > was for *_rest, now, was in changed]
    said = " and ".join(f"{name} {money_text(now)}" for _what, name, now, _was in changed)
    po, taken = taken_off
    ending = (TAKEN_OFF_ENDING if taken > 0 else NOT_TAKEN_ENDING) if off_its_line else HELD
    return PRICED_SINCE_NOTE.format(
        **_against_the_plan(money, line, plan),
        on_line=" on its line" if off_its_line and taken > 0 else "",
        discounted=(", and its discount taken off the order" if taken > 0 else ", and no discount on it")
        if off_its_line
        else "",
        what=" and ".join(what for what, *_rest in changed),
        where="above" if all(up) else "below" if not any(up) else "other than in",
        changed=said[:1].upper() + said[1:],
        them="it" if [what for what, *_rest in changed] == ["shipping"] else "them",
        was=" and ".join(money_text(was) for *_rest, was in changed),
        verb="raised" if all(up) else "lowered" if not any(up) else "changed",
        ending=ending.format(planned_discount=money_text(plan.discount), po=po, taken=money_text(taken)),
    )


def within_rounding(charged: Decimal, planned: Decimal, cards: int) -> bool:
    """Whether ``charged`` differs from ``planned`` by a cent a card of ``cards`` at most, and differs: the
    vendor rounding otherwise than the plan (as ``billing.rounding_allowance`` reads it for a run's limit)."""
    difference = abs(cents(charged) - cents(planned))
    return bool(difference) and difference <= Decimal("0.01") * max(cards, 1)


@functools.lru_cache(maxsize=4096)  # a batch charged otherwise than planned has few kinds of row
def _not_planned_words(money: Breakdown, line: _Line, plan: Breakdown) -> str:
    return NOT_PLANNED_NOTE.format(
        **_against_the_plan(money, line, plan),
        discount=money_text(money.discount),
        planned_discount=money_text(plan.discount),
    )


def _against_the_plan(money: Breakdown, line: _Line, plan: Breakdown) -> dict[str, str]:
    """The words both notes of a row charged otherwise than planned say of it: what it cost, how many cards,
    by how much more or less than the plan."""
    return {
        "total": money_text(money.total),
        "cards": "this card" if line.quantity == 1 else f"these {line.quantity} cards",
        "by": money_text(abs(money.total - plan.total)),
        "side": "more" if money.total > plan.total else "less",
        "planned": money_text(plan.total),
    }
