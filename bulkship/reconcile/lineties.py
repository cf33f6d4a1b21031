"""Which vendor line is which line sent, for ``bulkship reconcile`` (:mod:`.compare`), where the vendor
echoes no ExternalId: by the line Id the ledger recorded for each row; and the lines sent whose rows went out
on another order since (split from :mod:`.compare`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..linematch import RecordedLine, line_id_places
from ..models import VendorOrder


def _sent_elsewhere(sent: Sequence[Any], tied: Sequence[Any], rows: Sequence[RecordedLine]) -> set[str]:
    """ExternalIds of lines sent in the order that the vendor's order does not hold and whose rows the
    ledger records on another order now: a 409 naming an original that held some of them sends the others
    in a follow-up (-R1). Said 'Mismatch BS-STAFF-0003 line E7: lines sent vs vendor missing at the vendor'
    of E7, sent in BS-STAFF-0003-R1, a ledger restored from a backup told a person a card was missing that the
    vendor holds (found by hunter-vendor20). None when the order's rows are not known."""
    if not rows:
        return set()
    held = {r.external_id for r in rows if r.external_id}
    return {
        s.external_id for s, line in zip(sent, tied, strict=True) if line is None and s.external_id
    } - held


@dataclass(frozen=True)
class _Sent:
    """A line sent, as line matching sees a row: its ExternalId, place, and the line Id its row recorded."""

    external_id: str | None
    line_index: int | None
    line_item_id: str | None


def _tied_by_line_id(sent: Sequence[Any], vendor: VendorOrder, rows: Sequence[RecordedLine]) -> list[Any]:
    """For a vendor that echoes no ExternalId: each sent line's vendor line by the line Id the ledger
    recorded for its row (the vendor may list its lines in another order than they were sent), else None."""
    places = line_id_places(vendor)
    by_external = {r.external_id: r.line_item_id for r in rows if r.external_id and r.line_item_id}
    tied = []
    for line in sent:
        place = places.get(by_external.get(line.external_id) or "")
        tied.append(vendor.line_items[place] if place is not None else None)
    return tied


def _tied_again_by_line_id(
    sent: Sequence[Any], vendor: VendorOrder, rows: Sequence[RecordedLine], tied: list[Any]
) -> list[Any]:
    """Sent lines no echoed ExternalId ties, tied by the vendor line Id the ledger recorded for their rows
    when no other sent line holds that vendor line: a row settled by a person on a line the vendor echoes
    another reference on (a colleague's card for that person, under this PO number). Left untied,
    `reconcile` said its card 'missing at the vendor' after the person settled it there, at every reconcile
    (found by hunter-money10)."""
    places = line_id_places(vendor)
    by_external = {r.external_id: r.line_item_id for r in rows if r.external_id and r.line_item_id}
    taken = {id(line) for line in tied if line is not None}
    again = list(tied)
    for place_in_sent, (ours, line) in enumerate(zip(sent, tied, strict=True)):
        place = places.get(by_external.get(ours.external_id) or "")
        if line is not None or place is None or id(vendor.line_items[place]) in taken:
            continue
        again[place_in_sent] = vendor.line_items[place]
        taken.add(id(vendor.line_items[place]))
    return again
