"""Every row waiting for review that the vendor's orders of the batch show by proof, settled in one go
(:func:`settle_found`, ``bulkship reconcile BATCH --settle-found``).

A run stopped because another computer or ledger was sending the same list holds the rest of its plan for
review; once the other run has finished, each of those rows is on a line of its orders, one order a row
when it sent them one by one: one ``--resolve PO --at-vendor ORDER`` each (found by hunter-vendor14: 299
commands for one list of 300, L1c). Here the vendor's order list is read once and each pair (PO waited on,
vendor order showing some of its rows) is settled as :func:`~.settle.settle_at_vendor` settles it, with the
same checks, by proof only (no person names a row). Rows nothing proves stay waiting; nothing is sent.
"""

from __future__ import annotations

import hashlib
import json
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..client.orderreads import LookUp
from ..errors import ReviewRefusedError
from ..ledger import Ledger
from .checks import _refuse, _require_batch, waiting_rows
from .resolution import Resolution
from .settle import settle_on
from .vendorview import Proven, VendorView, look_at_vendor, proven_at_vendor


def rows_found(found: Sequence[Proven]) -> int:
    """How many rows waiting for review the vendor's orders show by proof (--settle-found, --release)."""
    return len({(p.po_number, row) for p in found for row in p.rows})


def rows_settled(settled: Sequence[Resolution]) -> int:
    return sum(len(r.tied) for r in settled)


def found_words(found: Sequence[Proven]) -> list[str]:
    """The rows the vendor's orders show by proof, in words, before they are recorded."""
    return [
        f"Row(s) {', '.join(map(str, p.rows))} waiting on {p.po_number} -> ordered in "
        f"{p.vendor_order.po_number} (order {p.vendor_order.id}): a line carrying its ExternalId, with "
        "the same card and recipient"
        for p in found
    ]


@dataclass(frozen=True)
class FoundSettlement:
    """What was found (shown for confirmation) and, once ``applied``, what was recorded."""

    batch: str
    waiting: int  # rows waiting for review before
    found: tuple[Proven, ...]
    settled: tuple[Resolution, ...] = ()
    refused: tuple[tuple[str, str, str], ...] = ()  # (PO waited on, vendor PO, why)
    applied: bool = False
    notes: tuple[str, ...] = ()

    @property
    def rows_found(self) -> int:
        return rows_found(self.found)

    @property
    def rows_settled(self) -> int:
        return rows_settled(self.settled)

    def describe(self) -> list[str]:
        if self.applied:
            # the rows of a PO that other vendor orders hold are said with theirs, not as waiting
            lines = [line for r in self.settled for line in r.describe() if "keeps waiting" not in line]
            lines += [f"Rows waiting on {po} not tied to {vpo}: {why}" for po, vpo, why in self.refused]
            return lines
        return found_words(self.found)

    def digest(self) -> str:
        """What a person is shown and confirms, as one short code (see :meth:`.settle.Resolution.digest`):
        each PO waited on, the vendor order found holding rows of it, and those rows."""
        shown = [self.batch, [[p.po_number, p.vendor_order.id, list(p.rows)] for p in self.found]]
        return hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:32]

    def as_json(self) -> dict[str, Any]:
        return {
            "batch": self.batch,
            "applied": self.applied,
            "rows_waiting_before": self.waiting,
            "rows_found": self.rows_found,
            "rows_settled": self.rows_settled,
            "settled": [r.as_json() for r in self.settled],
            "refused": [{"po_number": po, "vendor_po": vpo, "why": why} for po, vpo, why in self.refused],
            "notes": list(self.notes),
        }


async def settle_found(
    ledger: Ledger,
    client: Any,
    batch: str,
    *,
    by: str,
    reason: str = "",
    confirm: Callable[[FoundSettlement], bool] | None = None,
) -> FoundSettlement:
    """Tie every row waiting for review to the line of the batch's vendor orders that proves it is there
    (see the module docstring); ``confirm`` sees what was found first (False: nothing changes)."""
    _require_batch(ledger, batch)
    groups = waiting_rows(ledger, batch)
    if not groups:
        raise _refuse(f"No rows of batch {batch!r} wait for review")
    waiting = sum(len(rows) for rows in groups.values())
    view = await look_at_vendor(client, ledger, batch, list(groups))
    found = proven_at_vendor(ledger, batch, view, groups)
    if not found:
        raise _refuse(
            f"None of the {waiting} row(s) of batch {batch!r} waiting for review is shown by the vendor's "
            "orders of this batch on a line carrying its ExternalId with the same card and recipient",
            hint=f"see what the vendor shows for them: bulkship reconcile {shlex.quote(batch)} --review",
        )
    plan = FoundSettlement(batch, waiting, tuple(found))
    if confirm is not None and not confirm(plan):
        return plan
    settled, refused = await settle_proven(ledger, client, batch, view, found, by=by, reason=reason)
    return FoundSettlement(batch, waiting, tuple(found), tuple(settled), tuple(refused), applied=True)


async def settle_proven(
    ledger: Ledger,
    client: Any,
    batch: str,
    view: VendorView,
    found: list[Proven],
    *,
    by: str,
    reason: str = "",
) -> tuple[list[Resolution], list[tuple[str, str, str]]]:
    """Each pair of ``found`` (rows waiting on a PO, a vendor order showing them by proof) settled as
    :func:`~.settle.settle_at_vendor` settles it, from ``view`` (one read): what was recorded, and what the
    checks refused ((PO waited on, vendor PO, why))."""
    settled: list[Resolution] = []
    refused: list[tuple[str, str, str]] = []
    for proven in found:
        own = ledger.order(proven.po_number)
        rows = [r for r in ledger.rows_by_po(proven.po_number) if r.status == "review"]
        if own is None or not rows:  # tied to an order settled before in this loop
            continue
        sighting = view.sightings.get(proven.po_number)
        own_po = (
            LookUp(proven.po_number, sighting.order, sighting.absent, sighting.why)
            if sighting is not None
            else None
        )
        try:
            done = await settle_on(
                ledger, client, batch, own, rows, proven.vendor_order, set(), by=by, reason=reason,
                own_po=own_po,
            )  # fmt: skip
        except ReviewRefusedError as exc:
            refused.append((proven.po_number, proven.vendor_order.po_number, exc.message))
            continue
        settled.append(done)
    return settled, refused
