"""Money in one place: the breakdown every output uses and the three ways it is written.

A card's cost is ``face value - discount + fees + shipping = total`` (api-contract: Money). Every output
(plan, result workbook, CSV, ``status``, ``run --json``, ``reconcile``) shows these five figures under these
names (:data:`MONEY_LABELS`: "Shipping cost", since a "Shipping" column of the user's is the method). Amounts
are :class:`~decimal.Decimal` end to end and are written:

* on the terminal as ``1,234.56`` (:func:`money_text`);
* in JSON and CSV as plain two-decimal numbers ``1234.56`` (:func:`money_plain`; JSON keeps them as
  strings so no float rounding can creep in);
* in workbooks as numbers with a currency format, so ``=SUM`` works.

A row whose cost no one recorded (a ledger written by an older bulkship, whose vendor answer had no line
cost) holds money of unknown amount: it is counted in its bucket's rows and ``unknown``, never added as
0.00, and every total it belongs to is marked incomplete (:attr:`MoneyTally.complete`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

MONEY_CURRENCY = "USD"  # every amount bulkship plans, totals and writes is in US dollars
CENT = Decimal("0.01")
ZERO = Decimal(0)
MONEY_FIELDS: tuple[str, ...] = ("face_value", "discount", "fees", "shipping", "total")
# Their names in every table (workbook, terminal, web page): "Shipping cost", as most sheets have a "Shipping"
# column (the method)
MONEY_LABELS: tuple[str, ...] = ("Face value", "Discount", "Fees", "Shipping cost", "Total")
WORKBOOK_MONEY_FORMAT = '"$"#,##0.00'


def cents(amount: Decimal | int | None) -> Decimal:
    return (Decimal(amount) if amount is not None else ZERO).quantize(CENT)


def card_cost(value: Decimal, discount_percentage: Decimal, fee: Decimal) -> Decimal:
    """What one card costs: face value less the discount, plus the per-card fee, to the cent (api-contract:
    Money). The plan prices each card so; a line costs quantity x this, plus its shipping."""
    return (value * (1 - discount_percentage / 100) + fee).quantize(CENT)


def line_shipping(price: Decimal) -> Decimal:
    """What one line item's shipping costs: its method's price, to the cent, as the vendor bills each line.
    Summed unrounded, three lines at a listed 7.777 planned 23.33 where the vendor charged 23.34: every
    order a cent off its plan ('costs differ', `reconcile` 'Mismatch', exit 1), and a --max-total of the
    plan shown passed by the vendor (found by hunter-money9)."""
    return price.quantize(CENT)


def line_fees(value: Decimal, quantity: int, discount_percentage: Decimal | None, fee: Decimal) -> Decimal:
    """A line's fees as a money figure, to the cent: its cards times the product's fee per card. A fee
    in fractions of a cent (0.333) made a figure of 0.999 in cells that show cents, so the sheet's column
    summed otherwise than its cells read (found by hunter-money9); on a card with no discount the fee is
    all the card costs beyond its face value (:func:`card_cost`, to the cent), so that no discount shows
    where the product has none. ``discount_percentage`` None: not known."""
    fees = fee * quantity
    if fees == fees.quantize(CENT):
        return fees
    if discount_percentage == 0:
        return (card_cost(value, ZERO, fee) - value) * quantity
    return fees.quantize(CENT)


def money_text(amount: Decimal | int | None) -> str:
    """The terminal's one money format: ``1,234.56``."""
    return f"{cents(amount):,.2f}"


def money_plain(amount: Decimal | int | None) -> str:
    """JSON and CSV: ``1234.56`` (no thousands separator, always two decimals)."""
    return f"{cents(amount):.2f}"


@dataclass(frozen=True)
class Breakdown:
    """One row's (or order's) money. ``discount`` is what the vendor's discount took off (positive), so
    ``face_value - discount + fees + shipping == total`` always holds."""

    face_value: Decimal = ZERO
    discount: Decimal = ZERO
    fees: Decimal = ZERO
    shipping: Decimal = ZERO
    total: Decimal = ZERO

    @classmethod
    def of(cls, total: Decimal, face_value: Decimal, fees: Decimal, shipping: Decimal) -> Breakdown:
        """The discount is what makes the figures add up to the total the vendor charges."""
        return cls(face_value, face_value + fees + shipping - total, fees, shipping, total)

    def figures(self) -> tuple[Decimal, ...]:
        return (self.face_value, self.discount, self.fees, self.shipping, self.total)


@dataclass(frozen=True)
class BilledCards:
    """Of what a vendor's order bills beside its rows, the card lines it shows beyond them (a card shown
    twice, a card of a row the ledger never knew): how many cards, their face value, what they cost."""

    cards: int
    face_value: Decimal
    cost: Decimal
    # of them, the cards on lines carrying the reference (ExternalId) of a row of the batch waiting for review
    # elsewhere: they may be that row's card, shown otherwise than sent (fewer cards)
    waiting: int = 0

    def as_json(self) -> dict[str, object]:
        figures: dict[str, object] = {"cards": self.cards, "face_value": str(self.face_value)}
        figures["cost"] = str(self.cost)
        if self.waiting:
            figures["waiting"] = self.waiting
        return figures

    @classmethod
    def from_json(cls, data: object) -> BilledCards | None:
        """None when ``data`` is not such a record (an event written before cards were recorded apart)."""
        if not isinstance(data, dict):
            return None
        try:
            figures = (int(data["cards"]), Decimal(str(data["face_value"])), Decimal(str(data["cost"])))
            return cls(*figures, waiting=int(data.get("waiting") or 0))
        except (KeyError, TypeError, ValueError, ArithmeticError):
            return None


def billed_money(amount: Decimal, cards: BilledCards | None = None) -> Breakdown:
    """What a vendor's order bills beside its lines (by its own total), broken down: the card lines it
    shows beyond its rows (``cards``) as cards, their face value and what they cost beyond it (a fee) or
    below it (a discount); the rest as shipping cost, the likeliest charge made per order (it may be a fee:
    the Summary says so); below them (negative), a discount on the order its total proves. Shown as shipping
    cost, a second card of 25.00 read 'Shipping cost 25.00' beside 'Cards 4' of an order holding 5
    (hunter-vendor20's L4b)."""
    part = min(cards.cost, amount) if cards is not None and amount > 0 else ZERO
    face = cards.face_value if cards is not None and part else ZERO
    rest = max(amount - part, ZERO) if amount > 0 else amount
    return Breakdown.of(amount, face, max(part - face, ZERO), max(rest, ZERO))


@dataclass
class MoneyTally:
    """Rows, cards, orders and the five figures, added up."""

    rows: int = 0
    cards: int = 0
    orders: set[str] = field(default_factory=set)
    face_value: Decimal = ZERO
    discount: Decimal = ZERO
    fees: Decimal = ZERO
    shipping: Decimal = ZERO
    total: Decimal = ZERO
    unknown: int = 0  # rows among ``rows`` whose cost is unknown: the figures leave them out

    @property
    def complete(self) -> bool:
        """The figures are the whole of this money (no row of unknown cost among them)."""
        return not self.unknown

    def add_unknown(self, cards: int = 0, po_number: str = "", rows: int = 1) -> None:
        """Rows holding money whose cost no one recorded: counted, never added as 0.00."""
        self.rows += rows
        self.unknown += rows
        self.cards += cards
        if po_number:
            self.orders.add(po_number)

    def add(self, money: Breakdown, cards: int = 0, po_number: str = "", rows: int = 1) -> None:
        self.rows += rows
        self.cards += cards
        if po_number:
            self.orders.add(po_number)
        self.face_value += money.face_value
        self.discount += money.discount
        self.fees += money.fees
        self.shipping += money.shipping
        self.total += money.total

    def figures(self) -> tuple[Decimal, ...]:
        return (self.face_value, self.discount, self.fees, self.shipping, self.total)

    def as_json(self) -> dict[str, object]:
        return {
            "orders": len(self.orders),
            "rows": self.rows,
            "cards": self.cards,
            **{name: money_plain(v) for name, v in zip(MONEY_FIELDS, self.figures(), strict=True)},
            "cost_unknown_rows": self.unknown,
            "complete": self.complete,  # false: the figures leave out rows whose cost is unknown
        }

    def total_text(self, currency: str = "") -> str:
        """The total as the terminal shows it, saying when rows of unknown cost are left out of it."""
        return total_text(self.total, self.unknown, currency)


def total_text(total: Decimal, unknown_rows: int = 0, currency: str = "") -> str:
    """A total as the terminal shows it (``currency`` after it: '1,210.00 USD'); rows of unknown cost (an
    older bulkship's ledger) left out of it are said beside it, never counted as 0.00."""
    text = f"{money_text(total)} {currency}".strip()
    return f"{text} + {unknown_rows} row(s) of unknown cost" if unknown_rows else text


AMOUNT = r"\d+(?:\.\d{1,2})?"  # as MONEY in the sheets, without its cap on a single card's value


class AmountError(ValueError):
    """Text that is not an amount of money, or one bulkship will not guess (``str()``: why, in words)."""


def read_amount(text: str) -> Decimal:
    """An amount typed by a person, read as the sheets' money is: '$5,000.00' is 5000.00, while '25,00' or
    '2.500,00' (a decimal comma, or a thousands separator missing a digit?) is refused rather than guessed:
    a limit or budget read 100 times too large would let 100 times the money go out."""
    from .validate.normalize import DECIMAL_COMMA, MONEY_NOISE  # the sheets' own rules (imports numpy)

    cleaned = text.strip()
    if re.fullmatch(DECIMAL_COMMA, cleaned) or re.fullmatch(r"\$?\s*\d{1,3}(?:\.\d{3})+,\d{1,2}", cleaned):
        raise AmountError("is ambiguous: the comma may be a decimal comma or a thousands separator")
    stripped = re.sub(MONEY_NOISE, "", cleaned)
    if not re.fullmatch(AMOUNT, stripped):
        raise AmountError("is not an amount like 5000 or 5000.00")
    try:
        return Decimal(stripped)
    except InvalidOperation:
        raise AmountError("is not an amount like 5000 or 5000.00") from None
