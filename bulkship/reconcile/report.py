"""What ``bulkship reconcile`` reports for one batch (:func:`bulkship.reconcile.compare.compare` builds it):
the differences between the ledger and the vendor's order list, and the two totals."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..money import money_text

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Mismatch:
    po_number: str
    order_id: str
    what: str  # "lines", "product", "value", "quantity", "recipient", "cost", "po_number"
    line: str  # the line's ExternalId, or "" for the order as a whole
    ledger: str
    vendor: str
    # an order's cost: what the order bills beside those lines (shipping or fees on the order), said beside
    # the lines' cost ("" when none): 'vendor 100.00' alone read as what a vendor billing 109.95 charged
    beside: str = ""
    # ... and the lines it ended without a card, left out of both figures: what the plan priced them at and
    # how many ("" and 0 when none); 'vendor 377.50' read as charged of an order whose own total is 327.50,
    # its cancelled line's 50.00 in it (newcomer30's N8)
    ended: str = ""
    ended_lines: int = 0

    @property
    def ours(self) -> str:
        """What the ledger's side is, in words: an order's cost there is the plan's (a row's cost becomes
        the vendor's once `track` records it, so "ledger" beside the ledger's total read as two figures)."""
        return _OURS.get(self.what, "ledger")

    def said(self) -> str:
        """'cost planned 2,552.20 vs vendor 2,553.20', amounts as the terminal writes money."""
        ours, theirs = self.ledger, self.vendor
        if self.what in _AMOUNTS:
            ours, theirs = _money(ours), _money(theirs)
        if ours == self.ours:  # a line sent the vendor does not hold: 'lines sent sent vs vendor ...'
            return f"{self.what} {ours} vs vendor {theirs}"
        if self.beside:  # 'cost planned 139.80 vs vendor 100.00 (its lines; 109.95 with 9.95 billed on ...)'
            whole = _money(str(Decimal(self.vendor) + Decimal(self.beside)))
            theirs += (
                f" (its lines; {whole} with the {_money(self.beside)} it bills on the order beside them)"
            )
        if self.ended_lines:
            theirs += (
                f" (the cards it made: its {self.ended_lines} line(s) ended without a card, planned at "
                f"{_money(self.ended)}, left out of both)"
            )
        return f"{self.what} {self.ours} {ours} vs vendor {theirs}"


_OURS = {
    "cost": "planned", "product": "sent", "value": "sent", "quantity": "sent", "lines": "sent",
    "lines with a card": "recorded",  # as `track` last recorded them
    "failed lines in its total": "ledger",
}  # fmt: skip
_AMOUNTS = frozenset({"cost", "order total", "value"})


def _money(text: str) -> str:
    try:
        return money_text(Decimal(text))
    except ArithmeticError:
        return text


@dataclass(frozen=True)
class ReconcileReport:
    batch: str
    po_stem: str
    ledger_orders: int
    vendor_orders: int
    vendor_only: tuple[dict[str, Any], ...] = ()
    ledger_only: tuple[dict[str, Any], ...] = ()
    unresolved: tuple[dict[str, Any], ...] = ()
    mismatches: tuple[Mismatch, ...] = ()
    pending_lines: tuple[dict[str, Any], ...] = ()
    ledger_total: Decimal = Decimal(0)
    vendor_total: Decimal = Decimal(0)
    vendor_unknown_lines: int = 0  # lines the vendor shows no cost for: not in vendor_total, never 0.00
    notes: tuple[str, ...] = field(default_factory=tuple)
    money: dict[str, Any] = field(default_factory=dict)  # the ledger's money by bucket (as `status` shows)
    # why the vendor's order list could not be read in full ("" when it was): the batch's orders it did not
    # show were read one by one, but a second order under one of its PO numbers could hide in the rest
    list_incomplete: str = ""
    unread_orders: tuple[str, ...] = ()  # orders the list does not show that could not be read now (POs)
    # cost differences a person's settlement explains to the cent (reconcile.explained): not a difference
    explained: tuple[dict[str, Any], ...] = ()
    # cost differences a person's settlements explain in part: still a difference, the part said beside it
    partly_explained: tuple[dict[str, Any], ...] = ()

    @property
    def matches(self) -> bool:
        return not (
            self.vendor_only
            or self.ledger_only
            or self.unresolved
            or self.mismatches
            or self.totals_differ
            or self.list_incomplete
        )

    @property
    def totals_differ(self) -> bool:
        """What the ledger's rows were charged and what the vendor's orders cost disagree, although the ledger
        knows every row's cost: finance cannot file it as matching, whatever the order-by-order checks say."""
        if self.ledger_unknown_rows or self.vendor_unknown_lines or self.unread_orders:  # a total leaving out
            return False  # what it does not know: no sum to hold against the other
        return to_cents(self.ledger_total) != to_cents(self.vendor_total)

    @property
    def ledger_unknown_rows(self) -> int:
        """Charged rows whose cost the ledger never recorded (an older bulkship): not in ``ledger_total``."""
        return int((self.money.get("charged") or {}).get("cost_unknown_rows") or 0)

    def as_json(self) -> dict[str, Any]:
        return {
            "batch": self.batch,
            "po_stem": self.po_stem,
            "matches": self.matches,
            "ledger_orders": self.ledger_orders,
            "vendor_orders": self.vendor_orders,
            "ledger_total": str(to_cents(self.ledger_total)),
            # false: charged rows of unknown cost (an older bulkship's ledger) are left out of ledger_total
            "ledger_total_complete": not self.ledger_unknown_rows,
            "vendor_total": str(to_cents(self.vendor_total)),
            # false: lines the vendor shows no cost for are left out of vendor_total
            "vendor_total_complete": not self.vendor_unknown_lines,
            "vendor_unknown_lines": self.vendor_unknown_lines,
            "totals_differ": self.totals_differ,
            "vendor_only": list(self.vendor_only),
            "ledger_only": list(self.ledger_only),
            "unresolved": list(self.unresolved),
            "mismatches": [m.__dict__ for m in self.mismatches],
            "pending_lines": list(self.pending_lines),
            "notes": list(self.notes),
            "money": self.money,
            "vendor_list_complete": not self.list_incomplete,
            "vendor_list_incomplete_why": self.list_incomplete,
            "unread_orders": list(self.unread_orders),
            "explained": list(self.explained),
            "partly_explained": list(self.partly_explained),
        }


def to_cents(value: Any) -> Decimal:
    """An amount as the report shows it: to the cent (None and "" are 0)."""
    return Decimal(str(value or 0)).quantize(CENT)
