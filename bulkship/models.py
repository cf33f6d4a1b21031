"""Plain typed values that pass between stages. No I/O here.

Contracts between stages:

* ``load`` returns a :class:`LoadedSheet`: every cell as text (its type kept beside it), each row keyed by its
  spreadsheet row number.
* ``validate`` returns a :class:`ValidationResult` whose ``rows`` frame has the :data:`CANONICAL_COLUMNS`
  (normalised text) plus ``ROW`` (spreadsheet row number, also the index), ``STATUS`` and ``FINGERPRINT``.
* ``plan`` turns the valid rows into :class:`PlannedOrder` values.
* The vendor catalog, as read by the client, is a :class:`Catalog`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from .money import card_cost, cents

if TYPE_CHECKING:
    import pandas as pd

# Canonical input columns, in the order the template and the output show them.
CANONICAL_COLUMNS: tuple[str, ...] = (
    "external_id",  # the user's own reference for the row (employee id, customer id)
    "first_name",
    "last_name",
    "name",  # full recipient name; built from first + last when absent
    "company",
    "address1",
    "address2",
    "city",
    "state",
    "zip",
    "country",
    "product",
    "value",
    "quantity",
    "shipping_method",
    "carrier_id",  # the printed card carrier (sleeve), not a freight company
    "email",
    "phone",
    "allow_duplicate",  # yes/true/1: the user means to send this reward twice
)
# Fields kept in the results and never sent to the vendor: one written oddly ("N/A", two addresses, a phone
# with a note or a number crossed out) is a warning, never a reason to send the person no card
NOT_SENT = frozenset({"email", "phone"})

# Bookkeeping columns added by validate.
ROW = "row"  # spreadsheet row number as the user sees it
STATUS = "status"  # "valid" | "invalid" | "duplicate" | "skipped"
FINGERPRINT = "fingerprint"  # stable identity of a row's content (plus occurrence number)

RowStatus = Literal["valid", "invalid", "duplicate", "skipped"]
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with (``error``) or changed in (``warning``) one cell of one row."""

    row: int
    column: str
    value: str
    severity: Severity
    message: str
    kind: str = ""  # short category for summaries, e.g. "ZIP code not valid"; "" = message up to ':'


@dataclass(frozen=True)
class SkippedRow:
    """A row that holds data but is not ordered: hidden (by hand, a filter, a collapsed group) unless the
    user asks for hidden rows, or not a recipient at all (a totals row, a note)."""

    row: int
    kind: str  # "hidden" | "filtered" | "collapsed" | "crossed" | "totals" | "note" | "removed" (Fix these)
    reason: str  # in plain words, e.g. "hidden by the filter on column F 'Eligible'"


@dataclass(frozen=True)
class CardCarrier:
    id: str
    name: str


@dataclass(frozen=True)
class Product:
    id: str
    name: str
    type: str  # "Physical" | "Digital"
    denomination_type: str  # "Fixed" | "Variable"
    denominations: tuple[Decimal, ...]  # Fixed: allowed values; Variable: (min, max)
    delivery_types: tuple[str, ...]
    fulfillment_group: str = ""
    requires_card_carrier: bool = False
    card_carriers: tuple[CardCarrier, ...] = ()
    fee: Decimal = Decimal("0")
    discount_percentage: Decimal = Decimal("0")
    currency: str = "USD"

    @property
    def ships_physically(self) -> bool:
        return "PhysicalShipment" in self.delivery_types

    def accepts_value(self, value: Decimal) -> bool:
        if self.denomination_type == "Variable" and len(self.denominations) >= 2:
            low, high = self.denominations[0], self.denominations[-1]
            return low <= value <= high and value == value.quantize(Decimal("0.01"))
        return value in self.denominations

    def unit_cost(self, value: Decimal) -> Decimal:
        """What one card costs us: face value less discount, plus the per-card fee (api-contract: Money)."""
        return card_cost(value, self.discount_percentage, self.fee)


UNREADABLE_PRICE = "an unreadable amount"  # a shipping method's currency when its price cannot be read
NO_PRICE = "no price"  # ... when the vendor lists it without a price


@dataclass(frozen=True)
class ShippingMethod:
    id: str
    name: str
    price: Decimal
    currency: str = "USD"  # or UNREADABLE_PRICE / NO_PRICE: a price bulkship cannot use, never 0.00
    estimated_delivery_days: int | None = None

    @property
    def priced(self) -> bool:
        """Whether the vendor's list gives the method a price bulkship can read (rows using one that it
        does not are refused; its 0.00 is no price, never free)."""
        return self.currency not in (UNREADABLE_PRICE, NO_PRICE)


@dataclass(frozen=True)
class Catalog:
    products: dict[str, Product]
    shipping_methods: dict[str, ShippingMethod]
    # Whether AddressLine2 goes out as its own field. It is not in the vendor's documented address and an
    # unknown field may be dropped silently, so the client sets this False (line 2 folded into line 1, see
    # :func:`folded_address_line1`) unless the vendor is known to keep it (setting ``address_line2``).
    sends_address_line2: bool = True

    def product(self, product_id: str) -> Product | None:
        return self.products.get(product_id) or self.products.get(product_id.upper())  # as written first


ADDRESS_LINE_MAX = 100  # api-contract: AddressLine1 at most 100 characters


def line2_with_company(line1: str, line2: str, company: str) -> str:
    """Address line 2 as sent: the row's Company before it, as the vendor's address has no company field and
    a card to an office without it is often returned (found by newcomer9: the template's Company column was
    never sent); not when line 1 or 2 names the company already."""
    if not company or company.casefold() in f"{line1} {line2}".casefold():
        return line2
    return f"{company}, {line2}" if line2 else company


def folded_address_line1(line1: str, line2: str) -> str:
    """Address line 2 folded into line 1, the way it is sent to a vendor not known to keep AddressLine2."""
    return f"{line1}, {line2}" if line2 else line1


@dataclass(frozen=True)
class PlannedLine:
    row: int
    fingerprint: str
    external_id: str  # sent as the line item's ExternalId
    product_id: str
    value: Decimal
    quantity: int
    address: dict[str, str]  # PhysicalDeliveryAddress, PascalCase keys as on the wire
    unit_cost: Decimal
    shipping_cost: Decimal

    @property
    def face_value(self) -> Decimal:
        return self.value * self.quantity

    @property
    def cost(self) -> Decimal:
        return self.unit_cost * self.quantity + self.shipping_cost


@dataclass(frozen=True)
class PlannedOrder:
    po_number: str
    lines: tuple[PlannedLine, ...]
    fulfillment_group: str = ""

    @property
    def cost(self) -> Decimal:
        return sum((line.cost for line in self.lines), Decimal("0"))

    def payload(self, webhook_url: str | None = None) -> dict[str, object]:
        """The POST /v1/Orders body, PascalCase as documented."""
        body: dict[str, object] = {
            "Type": "PhysicalShipment",
            "PONumber": self.po_number,
            "LineItems": [
                {
                    "ExternalId": line.external_id,
                    "ProductId": line.product_id,
                    "Value": float(line.value),
                    "Quantity": line.quantity,
                    "PhysicalDeliveryAddress": dict(line.address),
                }
                for line in self.lines
            ],
        }
        if webhook_url:
            body["WebhookSettings"] = {"FulfillmentComplete": webhook_url}
        return body


@dataclass(frozen=True)
class ValidationSummary:
    rows: int
    valid: int
    invalid: int  # rows with an error (duplicates and skipped rows are neither)
    by_problem: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    duplicate: int = 0  # rows repeating an earlier row of the file: not sent, nothing to correct

    @property
    def not_valid(self) -> int:
        """The rows that will not be sent as they are: invalid and duplicate."""
        return self.invalid + self.duplicate


@dataclass(frozen=True)
class LoadedSheet:
    """A sheet as read: every cell text, nothing judged, nothing dropped but fully blank rows."""

    path: str
    sheet_name: str | None
    header_row: int  # spreadsheet row number of the header
    headers: tuple[str, ...]  # original header texts, in sheet order
    column_map: dict[str, str]  # original header -> canonical column, for the headers that map
    frame: (
        pd.DataFrame
    )  # original headers as columns, str cells ('' when blank), index = spreadsheet row number
    file_hash: str  # sha256 of the file's bytes
    defaults: dict[str, str] = field(
        default_factory=dict
    )  # canonical column -> default from program settings
    read_problems: tuple[
        Problem, ...
    ] = ()  # found while reading: formulas, dates/numbers where text was expected
    columns: tuple[Any, ...] = ()  # bulkship.columns.ColumnInfo per header: the field it feeds, or unused
    skipped: tuple[SkippedRow, ...] = ()  # rows kept in ``frame`` but never validated nor ordered
    notices: tuple[str, ...] = ()  # what the user should know about the file (hidden rows, unused columns)
    preferred: dict[str, str] = field(default_factory=dict)  # field -> header filling in where not empty
    last_first: frozenset[str] = frozenset()  # headers whose names are written "Last, First"
    suffix: str | None = None  # header of a name suffix column (Jr., III), written after the name
    fallback: dict[str, str] = field(default_factory=dict)  # address field -> header of the next group, read
    fallback_over: tuple[str, ...] = ()  # on the rows where each of these (the shipping group's) is empty
    # Each cell's type (bulkship.celltypes code, uint8) for the headers holding a non-text cell, index shared
    # with ``frame``; None or no column: every cell is text. The writers give numbers and dates back typed.
    cell_types: pd.DataFrame | None = None
    # Notes on the list's cells (Excel comments) as columns of notes ('Note on Amount'), index shared with
    # ``frame``; None or no column: no note on any cell
    cell_notes: pd.DataFrame | None = None
    # the file's own sha256 when ``file_hash`` names it with cells corrected on the web page: the same file
    # uploaded again is still the file another batch was run from (found by newcomer4); "" otherwise
    upload_hash: str = ""


@dataclass(frozen=True)
class ValidationResult:
    sheet: LoadedSheet
    rows: pd.DataFrame  # CANONICAL_COLUMNS (normalised text) + ROW, STATUS, FINGERPRINT; index = ROW
    problems: tuple[Problem, ...]  # errors and warnings (normalisations applied), in row order

    @property
    def valid_rows(self) -> pd.DataFrame:
        return self.rows[self.rows[STATUS] == "valid"]

    def summary(self) -> ValidationSummary:
        counts: dict[str, int] = {}
        for problem in self.problems:
            if problem.severity == "error":
                key = problem.kind or problem.message.split(":")[0]
                counts[key] = counts.get(key, 0) + 1
        valid = int((self.rows[STATUS] == "valid").sum())
        skipped = len(self.sheet.skipped) and int((self.rows[STATUS] == "skipped").sum())
        duplicate = int((self.rows[STATUS] == "duplicate").sum())
        return ValidationSummary(
            rows=len(self.rows),
            valid=valid,
            invalid=len(self.rows) - valid - skipped - duplicate,
            by_problem=counts,
            skipped=skipped,
            duplicate=duplicate,
        )


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
        from .statuses import NO_CARD_STATUSES

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
