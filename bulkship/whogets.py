"""Who gets what in a batch's plan: each row its orders to send hold, with the person, where the card goes,
the card, its value and what the line costs. The cost page summed the plan by card and by shipping method
only, and an approver (or finance) asked to approve 40,000.00 could not see which person gets which card
for how much without downloading the workbook (hunter-money20)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .ledger import OPEN_STATES, Ledger, RowRecord
from .payload import SentLine, sent_lines

# the rows listed on a page at most: a list of 100,000 rows is the workbook's to show
WHO_GETS_SHOWN = 500


@dataclass(frozen=True)
class Recipient:
    """One row of the plan as its line item sends it."""

    row: int
    name: str
    ships_to: str  # "Boston, MA 02134"
    card: str  # the catalog's product id
    value: Decimal
    cards: int
    shipping: str  # the shipping method's id
    cost: Decimal | None  # the line's: its cards, fees and shipping (None: not recorded)
    po_number: str
    in_doubt: bool = False  # its order sent, the answer lost: the Send asks the vendor first


@dataclass(frozen=True)
class WhoGetsWhat:
    """The first :data:`WHO_GETS_SHOWN` rows of the orders to send, by row, and how many lines they hold."""

    recipients: tuple[Recipient, ...]
    lines: int
    in_doubt: int = 0  # of the lines, those of orders in doubt

    @property
    def more(self) -> int:
        """The lines not listed."""
        return self.lines - len(self.recipients)


def who_gets_what(ledger: Ledger, batch: str, *, shown: int | None = None) -> WhoGetsWhat:
    """The batch's planned orders (those a Send sends), line by line, each with its row and planned cost; the
    ``shown`` lowest rows listed (default :data:`WHO_GETS_SHOWN`), the others counted. Orders hold rows by
    card and shipping method, not by row: the first lines of the orders were not the first rows (review47)."""
    shown = WHO_GETS_SHOWN if shown is None else shown
    # ... and those of orders in doubt, which the Send confirms with them: the page's 'Send 1 order(s) for
    # 125.00' listed the one person of its 50.00 alone (hunter-money20's leftover 4)
    orders = {o.po_number: o for o in ledger.orders(batch, states=("planned", *OPEN_STATES), payloads=False)}
    first: dict[str, list[RowRecord]] = {}
    listed = 0
    for record in ledger.current_rows_with_status(batch, "planned"):  # in row order
        if listed >= shown:
            break
        if record.po_number in orders and record.line_index is not None:
            first.setdefault(record.po_number, []).append(record)
            listed += 1
    found: list[Recipient] = []
    values: dict[object, Decimal] = {}
    for po, records in first.items():  # only the payloads of the orders holding a row listed
        sent = list(sent_lines(orders[po], values))
        doubt = orders[po].state in OPEN_STATES
        found += [
            _recipient(r.row, sent[r.line_index], r.cost, po, doubt)
            for r in records
            if r.line_index is not None and r.line_index < len(sent)
        ]
    lines = sum(o.lines for o in orders.values())
    in_doubt = sum(o.lines for o in orders.values() if o.state in OPEN_STATES)
    return WhoGetsWhat(tuple(sorted(found, key=lambda r: r.row)), lines, in_doubt)


def _recipient(
    row: int, line: SentLine, cost: Decimal | None, po_number: str, in_doubt: bool = False
) -> Recipient:
    address = {key: str(value or "") for key, value in line.address.items()}
    place = f"{address.get('City', '')}, {address.get('State', '')} {address.get('Zip', '')}".strip(" ,")
    country = address.get("Country", "")
    return Recipient(
        row=row,
        name=address.get("Name", ""),
        ships_to=place if country in ("", "US") else f"{place}, {country}",
        card=line.product_id,
        value=line.value,
        cards=line.quantity,
        shipping=line.shipping_method,
        cost=cost,
        po_number=po_number,
        in_doubt=in_doubt,
    )
