"""What the submitter's layers share: the client it needs (:class:`OrderClient`), its progress and outcome,
and reading a vendor's answer (a 400's line errors, an order that shows fewer lines than rows)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from ..errors import BulkshipError, OrderRejectedError, VendorError
from ..ledger import OPEN_STATES, Ledger, OrderRecord, RowRecord
from ..linematch import match_lines
from ..models import Balance, Catalog, VendorOrder
from ..payload import line_items

MAX_CONSECUTIVE_UNKNOWN = 3
T = TypeVar("T")
# An outcome's ledger write not committed yet: it runs first in the worker's next claim, so it commits in
# the same transaction as the next intent (no wait of its own), or alone when the worker has no next order.
Unrecorded = Callable[[], object]
Claimed = tuple[OrderRecord, list[RowRecord]]  # an order marked sending, and its rows
_LINE_PATH = re.compile(r"lineitems\[(\d+)\]\.?(.*)", re.IGNORECASE)
_LINE_BY_REFERENCE = re.compile(r"lineitems\[@?[\"']?([^\]\"']+)[\"']?\]\.?(.*)", re.IGNORECASE)


class OrderClient(Protocol):
    """What submit needs of :class:`bulkship.client.VendorClient`."""

    async def create_order(
        self,
        payload: dict[str, Any],
        *,
        body: bytes | None = None,
        sent_before: bool = False,
        on_conflict: Callable[[], None] | None = None,
    ) -> Any: ...

    async def find_order(self, po_number: str) -> VendorOrder | None: ...

    async def list_orders(self, po_number: str | None = None) -> list[VendorOrder]: ...

    # look_up_order (found / absent / unknown) and order_listing (with completeness) are used when the
    # client has them (VendorClient does); a client without them is asked find_order / list_orders.

    async def balance(self) -> Balance | None: ...

    async def catalog(self, refresh: bool = False) -> Catalog: ...  # an order in doubt priced today


@dataclass
class SubmitProgress:
    orders_total: int
    rows_total: int
    orders_done: int = 0
    rows_ordered: int = 0
    rows_failed: int = 0
    last_po: str = ""
    last_outcome: str = ""


Reporter = Callable[[SubmitProgress], None]


@dataclass
class SubmitOutcome:
    """What one submission pass did. ``stopped`` is the error that stopped it (funds, credentials)."""

    created: list[str] = field(default_factory=list)  # POs the vendor now holds (new or found)
    rejected: list[str] = field(default_factory=list)
    follow_ups: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # outcome still unknown: re-run resolves them
    not_sent: list[str] = field(default_factory=list)  # still planned because sending stopped
    stopped: BulkshipError | None = None
    missing_funds: Decimal | None = None  # after a 422: what the unsent orders need beyond the balance
    available_funds: Decimal | None = None  # after a 422: the balance the vendor shows (None: it shows none)
    funds_currency: str = ""  # ... kept in another currency than dollars (then neither above): that currency
    unsent_cost: Decimal = Decimal("0")
    charged_otherwise: bool = False  # an order charged otherwise than planned (RoomTally)
    # why the orders a limit's stop left planned were not sent, given whether the vendor's prices were read
    # again after it (RoomTally.left_note): their rows' note, written once that reading is done (note_left)
    left_note: Callable[[bool | None], str | None] | None = None


@dataclass(frozen=True)
class LineErrors:
    """What a 400 says of an order's lines: messages per line index (counted from 0) named for sure,
    per line index it may name (``unsure``: counted from 0 as documented, or from 1), those about the whole
    order, and how the vendor counts lines when told (``base``)."""

    sure: dict[int, list[str]]
    unsure: dict[int, list[str]]
    general: list[str]
    base: int | None


def _line_errors(
    exc: OrderRejectedError,
    line_count: int,
    base: int | None = None,
    references: Mapping[str, int] | None = None,
) -> LineErrors:
    """What ``exc`` says of the order's lines (see :class:`LineErrors`). The contract only assumes how a
    400 names a line (``LineItems[3].Value``), and a vendor may count them from 1: ``base`` when known,
    else told by the answer itself (:func:`line_base`). Not told, the lines it names are not sure
    (``LineItems[1]`` is the second line, or the first): the caller sends them apart rather than fail a row
    that may be good. ``references``: each line's ExternalId -> its index, for a line named by it
    (``LineItems[@E7].Zip``, ``LineItems[E7].Zip``): that line for sure."""
    found: list[tuple[int, str, list[str]]] = []
    sure: dict[int, list[str]] = {}
    general: list[str] = []
    for path, messages in (exc.field_errors or {}).items():
        match = _LINE_PATH.match(path)
        texts = [str(m) for m in messages] if isinstance(messages, list) else [str(messages)]
        if match and int(match.group(1)) > line_count and match.group(1) in (references or {}):
            match = None  # no line of the order: a numeric ExternalId ('lineItems[100232]', an Employee ID)
        named = _LINE_BY_REFERENCE.match(path) if not match else None
        line = (references or {}).get(named.group(1).strip()) if named else None
        if named is not None and line is not None:
            sure.setdefault(line, []).extend(_said(named.group(2), texts))
        elif match and int(match.group(1)) <= line_count:
            found.append((int(match.group(1)), match.group(2), texts))
        else:
            general.extend(f"{path}: {t}" if path else t for t in texts)
    told = line_base([index for index, _where, _texts in found], line_count, base)
    by_index: dict[int, list[str]] = {}
    for index, where, texts in found:
        line = index - (told or 0)
        if 0 <= line < line_count:
            by_index.setdefault(line, []).extend(_said(where, texts))
        else:
            general.extend(f"LineItems[{index}]{'.' + where if where else ''}: {t}" for t in texts)
    if told is not None:
        for line, texts in by_index.items():
            sure.setdefault(line, []).extend(texts)
        by_index = {}
    return LineErrors(sure, by_index, general, told if found else None)


MIN_NAMED = 5  # a recipient's name, street or reference shorter than this names no line in a refusal


def lines_named_in(text: str, items: Sequence[Any]) -> list[int]:
    """The lines (indexes of ``items``, the line items sent) whose recipient a refusal's words name: its
    street, its name or its ExternalId, written whole (case and spacing aside). A street two lines share
    names both."""
    said = " ".join(text.split()).casefold()
    named: list[int] = []
    for index, item in enumerate(items):
        address = item.get("PhysicalDeliveryAddress") if isinstance(item, dict) else None
        address = address if isinstance(address, dict) else {}
        values = (item.get("ExternalId"), address.get("AddressLine1"), address.get("Name"))
        for value in values if isinstance(item, dict) else ():
            folded = " ".join(str(value or "").split()).casefold()
            if len(folded) >= MIN_NAMED and re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", said):
                named.append(index)
                break
    return named


def _said(where: str, texts: Sequence[str]) -> list[str]:
    return [f"{where}: {t}" if where else t for t in texts]


def line_base(indexes: Sequence[int], line_count: int, known: int | None = None) -> int | None:
    """Whether a 400's line indexes count from 0 or 1: ``known`` (told by an earlier answer), 0 when one
    is 0, 1 when one is the number of lines (past the last line counted from 0); None when they do not
    tell."""
    if known is not None:
        return known
    if 0 in indexes:
        return 0
    if line_count in indexes:
        return 1
    return None


def _sent_before(ledger: Ledger, order: OrderRecord) -> bool:
    """On the ledger thread: whether this ledger recorded sending this PO before the current attempt (its
    state was sending/unknown, or an older bulkship sent it and put it back to planned)."""
    if order.state in OPEN_STATES:
        return True
    return sum(1 for e in ledger.events(po_number=order.po_number) if e.kind == "sending") > 1


def _shows_fewer(rows: Sequence[RowRecord], vendor_order: VendorOrder) -> bool:
    """The vendor's order shows its lines, but not every row's: fewer lines than rows, or ExternalIds
    without some row's."""
    lines = vendor_order.line_items
    if not lines:
        return False  # no lines shown at all: nothing to hold against the vendor's "created"
    if any(li.external_id for li in lines):
        return any(m is None for m in match_lines([r.external_id or "" for r in rows], vendor_order))
    return len(lines) < len(rows)


def _sent_items(order: OrderRecord, rows: Sequence[RowRecord]) -> list[Any]:
    """The line item sent for each row (None where the row's place in the payload is not known)."""
    items = line_items(order)
    return [
        items[r.line_index] if r.line_index is not None and 0 <= r.line_index < len(items) else None
        for r in rows
    ]


def _review_text(exc: VendorError) -> str:
    return f"Needs review: {exc.message}" + (f"; {exc.hint}" if exc.hint else "")


@dataclass(frozen=True)
class _Found:
    """An order already at the vendor, found by its PONumber: resolved like a 409."""

    order: VendorOrder
    created: bool = False
