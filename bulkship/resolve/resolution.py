"""A settlement as planned, shown for a person's confirmation and then recorded (:class:`Resolution`, the
rows it ties to vendor lines as :class:`Tie`), and the reading of what the person types (``--rows 3,4,7-9``,
``--not-ours``, who settles when nobody says).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError


@dataclass(frozen=True)
class Tie:
    row: int
    fingerprint: str
    line: int | None  # the vendor line's position; None when a person confirmed the row (no line shows it)
    how: str


@dataclass(frozen=True)
class Resolution:
    """A settlement, as planned (shown for confirmation) and, once ``applied``, recorded."""

    batch: str
    po_number: str
    action: str  # "at-vendor" | "release" | "elsewhere" (left out: its card is another batch's order's)
    vendor_po: str = ""
    vendor_order_id: str = ""
    tied: tuple[Tie, ...] = ()
    released: tuple[int, ...] = ()  # row numbers
    same_po: bool = False
    waiting: tuple[tuple[int, str], ...] = ()  # rows that keep waiting, and why
    evidence: str = ""
    applied: bool = False
    notes: tuple[str, ...] = ()  # e.g. the result workbook rewritten

    def describe(self) -> list[str]:
        if self.action == "release":
            rows = ", ".join(str(r) for r in self.released)
            how = (
                f"the next `bulkship run` sends order {self.po_number} as stored (the same PO number)"
                if self.same_po
                else "the next `bulkship run` plans them in a new order"
            )
            kept = [f"Row {row} keeps waiting for review: {why}" for row, why in self.waiting]
            return [f"Release row(s) {rows} of {self.po_number}: {self.evidence}; {how}.", *kept]
        if self.action == "elsewhere":
            left_out = [
                f"Row {t.row} -> left out of this batch, sent elsewhere: its card is line "
                f"{(t.line or 0) + 1} of {self.vendor_po} (order {self.vendor_order_id}), not this batch's "
                f"order: {t.how}. It is never sent from this batch and counts in none of its money"
                for t in self.tied
            ]
            return [*left_out, *(f"Row {row} keeps waiting for review: {why}" for row, why in self.waiting)]
        lines = [
            f"Row {t.row} -> ordered in {self.vendor_po} (order {self.vendor_order_id})"
            + (f", line {t.line + 1}" if t.line is not None else "")
            + f": {t.how}"
            for t in self.tied
        ]
        lines.extend(f"Row {row} keeps waiting for review: {why}" for row, why in self.waiting)
        return lines

    def digest(self) -> str:
        """What a person is shown and confirms, as one short code: the action, the vendor order, every row
        tied (and to which line, how), released or left waiting, and whether under the same PO. A plan
        recorded after a confirmation must have the digest of the plan that was shown. The vendor's words
        (an order's status in the evidence, why a row keeps waiting) may change meanwhile without changing
        what is recorded, so they are not part of it."""
        ties = [[t.row, t.fingerprint, t.line, t.how] for t in self.tied]
        shown = [self.batch, self.po_number, self.action, self.vendor_po, self.vendor_order_id, ties,
                 list(self.released), self.same_po, sorted(row for row, _why in self.waiting)]  # fmt: skip
        return hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:32]

    def as_json(self) -> dict[str, Any]:
        return {
            "batch": self.batch,
            "po_number": self.po_number,
            "action": self.action,
            "applied": self.applied,
            "vendor_po": self.vendor_po or None,
            "vendor_order_id": self.vendor_order_id or None,
            "tied": [t.__dict__ for t in self.tied],
            "released_rows": list(self.released),
            "same_po": self.same_po,
            "still_waiting": [{"row": r, "why": w} for r, w in self.waiting],
            "evidence": self.evidence or None,
            "describe": self.describe(),
            "notes": list(self.notes),
        }


Confirm = Callable[[Resolution], bool]


def default_person() -> str:
    """Who settles, when nobody says: the account running bulkship."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown user"


def parse_rows(text: str | None) -> list[int]:
    """``"3,4,7-9"`` -> [3, 4, 7, 8, 9]: spreadsheet row numbers, as the result workbook shows them."""
    if not text:
        return []
    found: list[int] = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
        if match is None:
            raise ConfigError(f"--rows {text!r}: write row numbers as 3,4,7-9")
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if last < first or last - first > 100_000:
            raise ConfigError(f"--rows {text!r}: {part.strip()} is not a range of rows")
        found.extend(range(first, last + 1))
    return found


def parse_pos(text: str | None) -> list[str]:
    """``"BS-A-0001, BS-A-0002"`` -> the PO numbers."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]
