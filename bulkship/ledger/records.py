"""What the ledger holds and takes, as typed records; the order states and row statuses it knows."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from ..models import VendorOrder

ORDER_STATES = ("planned", "sending", "created", "rejected", "unknown", "cancelled", "review")
OPEN_STATES = ("sending", "unknown")  # may exist at the vendor: resolve with the same PO, never re-plan
LIVE_STATES = ("planned", *OPEN_STATES, "created", "review")  # to send, maybe sent, held by the vendor
# The vendor's order charges money beside its lines (its own total beyond them: shipping or fees billed on
# the order); the latest such event of a PO is what it bills so (Ledger.billed_on_orders).
BILLED_ON_ORDER = "billed_on_order"
# In a billed_on_order event: of its amount, the card lines its order shows beyond its rows (BilledCards)
BILLED_CARDS = "cards"
PRICES_EVENT = "prices"  # the catalog figures a batch's money is broken down with (reconcile.join.prices)
REVIEW_STATE = "review"  # held for a person: never sent, never re-planned (see Ledger.hold_for_review)
# In a stored payload: fingerprint -> the line item a row in review would send, for rows that have no line of
# the payload (rows found at the vendor's orders after a lost ledger); bulkship.resolve reads it.
REVIEW_ITEMS = "ReviewItems"
# In a review_released event: the vendor's orders of the batch (PO numbers) a person released rows beside,
# looked at then; made by another computer or ledger, they no longer stop the run that sends those rows
RELEASED_BESIDE = "vendor_orders_seen"
# how an order set aside as another batch's or ledger's (cancelled, holding no row) starts its error
SET_ASIDE_ERROR = "another batch's"
# In a created / already_existed event: how many lines the vendor's order showed (a 409's original, another
# ledger's send, may hold fewer than this ledger planned under its PO)
VENDOR_LINES = "vendor_lines"
# A row waiting for review whose card a person found in another batch's or ledger's vendor order (a line
# naming the row): left out of this batch, never sent from it, no money of it (bulkship.resolve.elsewhere)
ELSEWHERE = "elsewhere"
ROW_STATUSES = ("invalid", "duplicate", "held", "planned", "ordered", "failed", "review", ELSEWHERE)
# A row whose card exists: ordered in this batch, or found made elsewhere by a person
CARD_MADE_ROWS = ("ordered", ELSEWHERE)
# What an ``elsewhere`` row says (its error column), naming the vendor order that holds its card; the row is
# on no order of this ledger, and its result shows that order's PO number (elsewhere_po)
ELSEWHERE_NOTE = (
    "Sent elsewhere, not ordered here: its card is line {line} of vendor order {po} (order {order_id}), "
    "another batch's or ledger's ({how}); left out of this batch by {by}, never sent from it"
)
# The event of an order some of whose rows the vendor ended without a card: those rows are sent again
MADE_NO_CARD = "made_no_card"
# The event of a batch's rows sent elsewhere held as their card there is gone: that card's PO and line and
# the rows' fingerprints, which tie the rows to the other batch's (..repeats.takenout.sent_by_the_list)
ELSEWHERE_MADE_NO_CARD = "elsewhere_made_no_card"
# In a review_left_out event: fingerprint -> the line item each row left out would have sent
LEFT_OUT_ITEMS = "items"
_ELSEWHERE_PO = re.compile(r"Sent elsewhere, not ordered here: its card is line \d+ of vendor order (\S+) ")


_ELSEWHERE_CARD = re.compile(
    r"Sent elsewhere, not ordered here: its card is line (\d+) of vendor order (\S+) "
)


def elsewhere_card(note: str | None) -> tuple[str, int] | None:
    """The vendor order (PO) and its line index (from 0) an ``elsewhere`` row's note names, if any."""
    found = _ELSEWHERE_CARD.match(note or "")
    return (found.group(2), int(found.group(1)) - 1) if found else None


def elsewhere_po(note: str | None) -> str:
    """The PO number of the vendor order an ``elsewhere`` row's note names ("" when it names none)."""
    found = _ELSEWHERE_PO.match(note or "")
    return found.group(1) if found else ""


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def day_bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """Bounds of the days ``since`` to ``until`` (both YYYY-MM-DD, ``until`` included) to compare the
    ledger's times with (``start <= at < end``); a day that is not a date is refused (ValueError)."""
    start = date.fromisoformat(since).isoformat() if since else None
    end = (date.fromisoformat(until) + timedelta(days=1)).isoformat() if until else None
    return start, end


def swapped_days(since: str | None, until: str | None) -> str:
    """What is wrong with a period whose first day comes after its last (days that :func:`day_bounds` read),
    or "": swapped, `status` said no batch was sent in it, exit 0, as if the month had sent nothing
    (newcomer11)."""
    if since and until and date.fromisoformat(since) > date.fromisoformat(until):
        return f"--since {since} comes after --until {until}: no day is in that period (swapped?)"
    return ""


def money_column(value: Decimal | None) -> str | None:
    """A money amount as the ledger stores it: its exact text."""
    return None if value is None else str(value)


def decimal_column(text: str | None) -> Decimal | None:
    return None if text in (None, "") else Decimal(str(text))


@dataclass(frozen=True)
class BatchRecord:
    name: str
    file_name: str
    file_hash: str
    po_prefix: str
    created: str
    updated: str
    rows: int
    valid: int
    invalid: int
    output: str | None
    api: str | None = None  # "sandbox" or the vendor base URL its orders went to (None: an older ledger)


@dataclass(frozen=True, slots=True)  # slots: a batch can hold a million rows (56 bytes less each)
class RowRecord:
    batch: str
    fingerprint: str
    row: int
    status: str
    po_number: str | None
    line_index: int | None
    external_id: str | None
    line_item_id: str | None
    cost: Decimal | None
    error: str | None
    line_status: str | None
    carrier: str | None
    tracking_number: str | None
    tracking_url: str | None
    shipped_date: str | None
    delivered_date: str | None
    updated: str
    current: bool = True


@dataclass(frozen=True)
class OrderRecord:
    po_number: str
    batch: str
    seq: int
    base_po: str
    state: str
    vendor_order_id: str | None
    status: str | None
    payload_json: str
    cost: Decimal
    lines: int
    error: str | None
    created: str
    updated: str
    # Read without its payload (``Ledger.orders(payloads=False)``): ``payload_json`` is "" and ``payload()``
    # reads it from the ledger (which must still be open) when asked.
    load_payload: Callable[[str], str] | None = field(default=None, repr=False, compare=False)

    def payload(self) -> dict[str, Any]:
        """The exact JSON that was (or will be) sent, decoded."""
        text = self.payload_json
        if not text and self.load_payload is not None:
            text = self.load_payload(self.po_number)
        data: dict[str, Any] = json.loads(text)
        return data


@dataclass(frozen=True)
class EventRecord:
    id: int
    at: str
    batch: str | None
    po_number: str | None
    kind: str
    detail: dict[str, Any]


@dataclass(frozen=True, slots=True)
class PlannedLineRecord:
    """One row's line on a planned order; ``cost`` (planned) stands in ``rows.cost`` until the vendor's own
    figure replaces it."""

    fingerprint: str
    line_index: int
    external_id: str
    cost: Decimal


@dataclass(frozen=True, slots=True)
class PlannedOrderRecord:
    """A new order to record in state ``planned`` with the exact payload that will be sent."""

    po_number: str
    seq: int
    base_po: str
    payload: dict[str, Any]
    cost: Decimal
    lines: Sequence[PlannedLineRecord]


@dataclass(frozen=True, slots=True)
class RowUpdate:
    """What the pipeline records for one input row at the start of a run."""

    fingerprint: str
    row: int
    status: str  # "invalid" | "duplicate" | "held" | "planned"
    error: str | None = None
    # held for the very card another batch made: (that batch, its row's fingerprint or None, the PO)
    card: tuple[str, str | None, str] | None = None


@dataclass(frozen=True)
class AdoptedRow:
    """One input row tied to (``ordered``), or possibly among (``review``), an adopted vendor order."""

    fingerprint: str
    row: int
    status: str  # "ordered" | "review"
    external_id: str
    line_index: int | None = None
    line_item_id: str | None = None
    cost: Decimal | None = None
    line_status: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class AdoptedOrder:
    """A vendor order taken into the ledger (see :meth:`Ledger.adopt_vendor_orders`)."""

    po_number: str
    seq: int
    base_po: str
    vendor_order: VendorOrder
    payload: dict[str, Any]  # what is known of its lines: ours where tied, the vendor's otherwise
    rows: Sequence[AdoptedRow]
    note: str | None = None


@dataclass(frozen=True)
class LineOutcome:
    """What the vendor said about one line of a created order."""

    fingerprint: str
    line_item_id: str | None
    cost: Decimal | None
    line_status: str | None
