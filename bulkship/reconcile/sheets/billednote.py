"""What the Summary says of money a vendor's order bills beside its lines (its own total beyond its lines'
costs): the line of the tables by product and by shipping method that holds it, and the note under the
money table. The card lines an order shows beyond its rows (a card shown twice, a card of a row the ledger
never knew: :func:`bulkship.billing.cards_billed`) are cards, said apart from shipping, fees or taxes
billed per order: shown as shipping cost, a second 25.00 card read 'Shipping cost 25.00' beside 'Cards 4' of
an order holding 5, 'shipping or fees billed per order' (hunter-vendor20's L4b). A tax is said among them: the
order's total does not say which it is (hunter-money31's leftover 2)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from ...billing import billed_without_a_card
from ...money import BilledCards, MoneyTally, billed_money, money_text

BILLED_ON_ORDERS = "Billed on orders, beside their lines"


def billed_tally(billed: Mapping[str, Decimal], cards: Mapping[str, BilledCards]) -> MoneyTally:
    """What ``billed`` (PO -> amount beside its lines) adds up to, its ``cards`` counted as cards."""
    money = MoneyTally()
    for po, amount in billed.items():
        add_billed(money, po, amount, cards.get(po))
    return money


def add_billed(tally: MoneyTally, po: str, amount: Decimal, cards: BilledCards | None) -> None:
    """One order's charge beside its lines added to ``tally``: no row's, its card lines' cards counted."""
    tally.add(billed_money(amount, cards), cards.cards if cards and amount > 0 else 0, po, rows=0)


def billed_line(
    billed: Mapping[str, Decimal], cards: Mapping[str, BilledCards]
) -> list[tuple[str, MoneyTally]]:
    """The line of the tables by product and by shipping method for what the vendor bills on orders beside
    their lines, no product's or method's: without it those tables added up to 100.00 under a Charged of
    110.00 (found by hunter-money2 adding them up as finance does). [] when nothing is billed so."""
    return [(BILLED_ON_ORDERS, billed_tally(billed, cards))] if billed else []


def split_billed(
    billed: Mapping[str, Decimal], cards: Mapping[str, BilledCards]
) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """What orders bill beside their lines (PO -> amount, above nothing) split into what the card lines
    beyond their rows cost (``cards``) and the rest (shipping, fees or taxes billed per order), each PO ->
    amount (orders of none left out)."""
    card_part = {po: min(cards[po].cost, a) for po, a in billed.items() if po in cards and a > 0}
    rest = {po: a - card_part.get(po, Decimal(0)) for po, a in billed.items()}
    return card_part, {po: a for po, a in rest.items() if a > 0}


def cards_beyond_note(billed: Mapping[str, Decimal], cards: Mapping[str, BilledCards]) -> str:
    """What the card lines orders show beyond the batch's rows cost (``billed``: PO -> amount beside its
    lines; ``cards``: of it, those card lines), in the words the Summary, the run, `status` and `reconcile`
    say it, without a final period; "" when no order shows one. Said by the Summary alone, the run's
    'charged 75.00' for 2 rows of 25.00 said nothing of the third card (hunter-vendor26's LO1)."""
    card_part, _rest = split_billed({po: a for po, a in billed.items() if a > 0}, cards)
    if not card_part:
        return ""
    count = sum(cards[po].cards for po in card_part)
    said = (
        f"Charged includes {money_text(sum(card_part.values(), Decimal(0)))} for {count} card(s) the "
        f"vendor's order(s) hold beyond this batch's rows in them (card lines no row of the list "
        f"is: a card ordered twice, or a row since left out of the list), shown as cards at their face "
        f"value: {', '.join(sorted(card_part))}. Ask the vendor whether those cards were meant"
    )
    waiting = sum(cards[po].waiting for po in card_part)
    if waiting:
        said += (
            f". Of those, {waiting} card(s) are on line(s) carrying the reference of a row of this list "
            "waiting for review (status 'needs review'): they may be that row's card, shown otherwise "
            "than sent; settling the row says which"
        )
    return said


def billed_note(
    billed: Mapping[str, Decimal],
    cards: Mapping[str, BilledCards],
    status: Mapping[str, str],
    no_card: Callable[[str], bool],
) -> str:
    """The Summary's note of what orders bill beside their lines other than cards (``status``: PO -> the
    vendor's word; ``no_card``: whether the order holds no row charged or in doubt); "" when they bill
    nothing so. The card lines beyond the rows are the batch's money notes' (:func:`cards_beyond_note`)."""
    billed = {po: amount for po, amount in billed.items() if amount > 0}
    if not billed:
        return ""
    _card_part, rest = split_billed(billed, cards)
    said = []
    if rest:
        said.append(
            f"Charged includes {money_text(sum(rest.values(), Decimal(0)))} the vendor billed on {len(rest)} "
            "order(s) beside their lines (the order's own total beyond its lines' costs: shipping, fees "
            f"or taxes billed per order), shown as shipping cost: {', '.join(sorted(rest))}."
        )
    cardless = [(po, status.get(po, ""), a) for po, a in billed.items() if no_card(po)]
    if cardless:
        said.append(f"Of it, {billed_without_a_card(cardless)}" if said else billed_without_a_card(cardless))
    return " ".join(said)
