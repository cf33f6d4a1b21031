"""What the vendor answers: an order, its line items and their parcels, the account's balance; read
case-insensitively and tolerant of missing assumed fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..money import cents


@dataclass(frozen=True)
class Shipment:
    tracking_number: str
    carrier: str = ""
    shipping_method_id: str = ""
    tracking_url: str = ""
    shipped_date: str = ""  # ISO 8601 as the vendor sent it
    delivered_date: str = ""

    @property
    def shows_parcel(self) -> bool:
        """A parcel went out: a tracking number or link, a shipped or delivered date (a carrier's name alone
        may be the method's, written before anything ships)."""
        return bool(self.tracking_number or self.tracking_url or self.shipped_date or self.delivered_date)


@dataclass(frozen=True)
class VendorLineItem:
    id: str
    external_id: str
    product_id: str
    value: Decimal
    quantity: int
    cost: Decimal | None
    status: str
    shipments: tuple[Shipment, ...] = ()
    # the largest count of cards the line writes (Quantity, Qty...); None when it writes none (read as 1)
    shown_quantity: int | None = field(default=None, compare=False)
    # its status says the money went back ('Refunded', 'Refund Issued': Cancelled): no doubt that it was
    refunded: bool = field(default=False, compare=False)
    # the vendor's status as written when its words about a refund read it as Cancelled ('Refund Pending')
    refund_word: str = field(default="", compare=False)
    # why the vendor says it ended the line (or its order) as it did, where it says ('StatusReason':
    # 'Cancelled at customer request'): said on the row held rather than sent again (repeats.cancelled)
    reason: str = field(default="", compare=False)


@dataclass(frozen=True)
class VendorOrder:
    """An order as the vendor reports it, read case-insensitively and tolerant of missing assumed fields."""

    id: str
    po_number: str
    status: str  # "Pending" | "Complete" | "Failed" (and whatever else the vendor says)
    type: str = "PhysicalShipment"
    line_items: tuple[VendorLineItem, ...] = ()
    raw: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    total: Decimal | None = None  # the order's own total, when it shows one in dollars (not its lines' sum)
    currency: str = ""  # the order's CurrencyCode as the vendor writes it ("" when it shows none)
    # a discount on the order itself that its total proves taken off (what the order may bill below its card
    # lines: client.totals.order_total_and_discount)
    discount: Decimal = Decimal(0)
    # a document of its own the order shows (an invoice with its own number, a payment listing several
    # orders), not read in its total: (its name, its total) (client.totals.document_shown)
    document: tuple[str, Decimal] | None = None
    # (total, discount) with that document read as the order's own, when it names no other order: how the
    # order counts when no other order shows it (bulkship.billing.with_document)
    document_alone: tuple[Decimal | None, Decimal] | None = None
    # a discount the order shows on itself that no total proves taken off: not taken off, said to the person
    unproven_discount: Decimal = Decimal(0)
    # every card shown at 0.00 and no total: not priced yet (client.parse), its costs read as none shown
    unpriced: bool = False
    # its lines come in pages and this answer shows some of them only (client.parse.lines_partial): a line
    # not shown proves nothing, and its own total covers lines not shown
    lines_partial: bool = False
    # how many lines such an envelope counts (shown or not): None unless lines_partial
    lines_counted: int | None = None
    # the charges (shipping, fees, tax) it writes beside its lines that they do not hold (client.totals)
    charges: Decimal = Decimal(0)

    @property
    def cost(self) -> Decimal:
        return sum((li.cost or Decimal("0") for li in self.line_items), Decimal("0"))

    @property
    def card_lines(self) -> list[VendorLineItem]:
        """The lines that are cards: those naming a product or a reference (ExternalId) when any names a
        product (a line of neither beside them is a fee, shipping or a credit the vendor added: found by
        hunter-vendor3, a 'Handling fee' line of 9.95 was in no total but reconcile's); every line when none
        names one (a vendor not echoing it)."""
        if not any(li.product_id for li in self.line_items):
            return list(self.line_items)
        named = [li for li in self.line_items if li.product_id or li.external_id]
        return named or list(self.line_items)

    @property
    def made_card_lines(self) -> list[VendorLineItem]:
        """The card lines that made (or may make) a card: not those ended Failed or Cancelled before
        shipping."""
        from ..statuses import NO_CARD_STATUSES

        ended = NO_CARD_STATUSES
        return [li for li in self.card_lines if not (li.status.lower() in ended and not li.shipments)]

    @property
    def billed_beside_lines(self) -> Decimal:
        """What the order charges beyond its card lines: lines of no card (fees, shipping) and what its own
        total says beyond the card lines (shipping or fees billed on the order). Nothing beyond lines of no
        card when it shows no total, one its card lines add up to (all of them, or those that made a card;
        in dollars or in cents), or card lines of unknown cost."""
        cards = self.card_lines
        kept = {id(li) for li in cards}
        extra = sum((li.cost or Decimal(0) for li in self.line_items if id(li) not in kept), Decimal(0))
        if self.total is None or not cards or any(li.cost is None for li in cards):
            return extra
        lines = sum((li.cost or Decimal(0) for li in cards), Decimal(0))
        made = sum((li.cost or Decimal(0) for li in self.made_card_lines), Decimal(0))
        # a total of 12375 beside lines of 123.75 is their sum in cents: read as dollars, 12,251.25 of
        # shipping was charged on every page (found by hunter-vendor3)
        if cents(self.total) in {cents(sum_) * factor for sum_ in (lines, made) for factor in (1, 100)}:
            return extra
        beyond = self.total - lines
        # lines it failed refunded and the charges it writes beside the lines billed, to the cent: 105.00 of
        # three 25.00 cards and 'ShippingTotal' 30.00, a fourth line Failed at 25.00, read as 5.00 billed
        # beside the cards (the total less every line): "charged 80.00" of 105.00 billed (hunter-money16)
        if self.charges and made != lines and cents(self.total) == cents(made + extra + self.charges):
            return self.total - made
        # lines it ended, those said refunded in their own words ('Refunded', 'Voided') out of its total and
        # the others ('Refund Pending') in it: no charge of the order's own. Read as one, a card's 100.00
        # awaiting its refund was said as shipping billed on the order (found by newcomer28)
        made_ids = {id(li) for li in self.made_card_lines}
        pending = [li for li in cards if id(li) not in made_ids and not li.refunded]
        held = made + sum((li.cost or Decimal(0) for li in pending), Decimal(0))
        if pending and held != lines and cents(self.total) in {cents(held), cents(held + extra)}:
            return extra
        # lines it failed refunded and the order's own charge kept: beyond the lines that made a card
        if beyond < 0 and made != lines:
            return self.total - made
        # never more than the total leaves beside the lines that made a card: a line ended with its cost shown
        # negative (-25.00, refunded) made the lines' sum 50.00 beside a total of 100.00, and 50.00 billed
        # beside the 75.00 of the cards made read "charged 125.00" everywhere (found by hunter-vendor6)
        return min(beyond, self.total - made)


@dataclass(frozen=True)
class Balance:
    available: Decimal
    pending: Decimal
    currency: str = "USD"

    @property
    def in_dollars(self) -> bool:
        """Whether the account is kept in US dollars, the plan's money: a balance in another currency is
        shown in it and compared with no dollar total (50.00 EUR read 'short by 50.00' of a 100.00 plan)."""
        return self.currency.strip().upper() in ("", "USD")
