"""Every row of a batch waiting for review settled from one read of the vendor's order list
(:func:`release_all`, ``bulkship reconcile BATCH --release`` without ``--resolve``): the rows its orders show
by proof recorded as ordered there (as ``--settle-found``), the rows it provably holds nowhere released to be
sent by the next run (as ``--resolve PO --release``, each PO's rows with that command's checks), the others
left waiting with why.

A run that finds its list part sent at the vendor under orders it did not make holds every row it did not
find (the run that made them may still be sending it); two runs started at the same instant each stop after
their first order. Once the person has checked that no other run is still sending, this one command settles
the lot: each row is found, or provably absent, or left waiting, never sent twice on a guess. Nothing here
sends an order.
"""

from __future__ import annotations

import hashlib
import json
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..ledger import CARD_MADE_ROWS, RELEASED_BESIDE, Ledger, RowRecord
from .checks import _refuse, _require_batch, check_release, waiting_rows
from .found import found_words, rows_found, rows_settled, settle_proven
from .lines import _line_card, card_text, planned_item
from .recipients import Line, LineIndex
from .resolution import Resolution
from .settle import release_evidence, seen_at_release
from .suspects import Suspect, unclaimed_lines
from .vendorview import Proven, VendorView, look_at_vendor, proven_at_vendor


@dataclass(frozen=True)
class BulkRelease:
    """What one read of the vendor allows (shown for confirmation), and once ``applied`` what was done."""

    batch: str
    waiting: int  # rows waiting for review before
    found: tuple[Proven, ...]  # rows the vendor's orders show by proof
    releases: tuple[Resolution, ...]  # by PO: rows the vendor provably holds nowhere
    kept: tuple[tuple[str, tuple[int, ...], str], ...] = ()  # (PO, rows, why they keep waiting)
    settled: tuple[Resolution, ...] = ()
    applied: bool = False
    notes: tuple[str, ...] = ()

    @property
    def rows_found(self) -> int:
        return rows_found(self.found)

    @property
    def rows_settled(self) -> int:
        return rows_settled(self.settled)

    @property
    def rows_released(self) -> int:
        return sum(len(r.released) for r in self.releases)

    @property
    def rows_kept(self) -> int:
        return sum(len(rows) for _po, rows, _why in self.kept)

    def describe(self) -> list[str]:
        found = found_words(self.found)
        released = [line for r in self.releases for line in r.describe()]
        kept = [
            f"Row(s) {', '.join(map(str, rows))} waiting on {po} keep waiting: {why}"
            for po, rows, why in self.kept
        ]
        return [*found, *released, *kept]

    def digest(self) -> str:
        """What a person is shown and confirms, as one short code (as :meth:`.settle.Resolution.digest`):
        the rows found and the vendor order of each, each PO's release, the rows kept waiting (not why: the
        vendor's words may change without changing what is recorded)."""
        found = [[p.po_number, p.vendor_order.id, list(p.rows)] for p in self.found]
        kept = sorted([po, list(rows)] for po, rows, _why in self.kept)
        shown = [self.batch, found, [r.digest() for r in self.releases], kept]
        return hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:32]

    def recorded(self, next_send: str) -> str:
        """What was recorded, in a few words: '1 row(s) found at the vendor recorded as ordered there; 2
        released: NEXT_SEND' (how the rows released are sent: the command line's run, the page's Send)."""
        said = []
        if self.rows_settled:
            said.append(f"{self.rows_settled} row(s) found at the vendor recorded as ordered there")
        if self.rows_released:
            said.append(f"{self.rows_released} released: {next_send}")
        return "; ".join(said) or "nothing"

    def as_json(self) -> dict[str, Any]:
        return {
            "batch": self.batch,
            "applied": self.applied,
            "rows_waiting_before": self.waiting,
            "rows_found": self.rows_found,
            "rows_settled": self.rows_settled,
            "rows_released": self.rows_released,
            "settled": [r.as_json() for r in self.settled],
            "released": [r.as_json() for r in self.releases],
            "still_waiting": [
                {"po_number": po, "rows": list(rows), "why": why} for po, rows, why in self.kept
            ],
            "describe": self.describe(),
            "notes": list(self.notes),
        }


async def release_all(
    ledger: Ledger,
    client: Any,
    batch: str,
    *,
    by: str,
    reason: str = "",
    confirm: Callable[[BulkRelease], bool] | None = None,
) -> BulkRelease:
    """Settle every row of ``batch`` waiting for review from one read of the vendor's list (see the module
    docstring); ``confirm`` sees the plan first (False: nothing changes). Raises ReviewRefusedError when no
    row can be settled or released now."""
    _require_batch(ledger, batch)
    groups = waiting_rows(ledger, batch)
    if not groups:
        raise _refuse(f"No rows of batch {batch!r} wait for review")
    waiting = sum(len(rows) for rows in groups.values())
    view = await look_at_vendor(client, ledger, batch, list(groups))
    found = proven_at_vendor(ledger, batch, view, groups)
    releases, kept = _releases(ledger, batch, view, groups, found, by=by)
    if not found and not releases:
        raise _refuse(
            f"None of the {waiting} row(s) of batch {batch!r} waiting for review can be settled or released "
            "now: " + "; ".join(f"{po}: {why}" for po, _rows, why in kept[:3]),
            hint=f"see what the vendor shows for them: bulkship reconcile {shlex.quote(batch)} --review",
        )
    plan = BulkRelease(batch, waiting, tuple(found), tuple(releases), tuple(kept))
    if confirm is not None and not confirm(plan):
        return plan
    settled, refused = await settle_proven(ledger, client, batch, view, found, by=by, reason=reason)
    rows_of = {(p.po_number, p.vendor_order.po_number): p.rows for p in found}
    kept += [(po, rows_of.get((po, vpo), ()), f"not tied to {vpo}: {why}") for po, vpo, why in refused]
    done: list[Resolution] = []
    for planned in releases:
        applied = _release(ledger, batch, view, planned, by=by, reason=reason)
        if applied is None:
            kept.append((planned.po_number, planned.released, "the ledger changed since it was read"))
        else:
            done.append(applied)
    return BulkRelease(batch, waiting, tuple(found), tuple(done), tuple(kept), tuple(settled), applied=True)


def _releases(
    ledger: Ledger,
    batch: str,
    view: VendorView,
    groups: dict[str, list[RowRecord]],
    found: list[Proven],
    *,
    by: str,
) -> tuple[list[Resolution], list[tuple[str, tuple[int, ...], str]]]:
    """By PO waited on, the rows not ``found`` that may be released (as ``--resolve PO --release`` checks
    them), and those that may not, with why."""
    proven = {(p.po_number, row) for p in found for row in p.rows}
    # the lines found hold rows about to be tied; lines carrying a row ordered elsewhere are that row's card
    tied_now = [Suspect(p.vendor_order, "found", set(p.lines)) for p in found]
    claimed = {
        (r.external_id or "").casefold()
        for r in ledger.batch_rows(batch, current_only=True)
        if r.status in CARD_MADE_ROWS
    } - {""}
    unclaimed = unclaimed_lines(ledger, view, batch, tied_now, claimed=claimed)
    lines = LineIndex.of([(vendor_order, at) for vendor_order, ats in unclaimed for at in ats])
    releases: list[Resolution] = []
    kept: list[tuple[str, tuple[int, ...], str]] = []
    for po, rows in groups.items():
        order = ledger.order(po)
        rest = [r for r in rows if (po, r.row) not in proven]
        if order is None or not rest:
            continue
        check = check_release(ledger, order, rest, view)
        beside = check.suspects
        if check.partly:  # the rows lines may be keep waiting, the others go on their own (review31's L1)
            kept += _by_why(po, [(r.row, check.kept_why(r.row)) for r in rest if r.row not in check.free])
            rest = [r for r in rest if r.row in check.free]
            check = check_release(ledger, order, rest, view)
        if not check.allowed:
            kept.append((po, tuple(r.row for r in rest), "; ".join(check.blockers)))
            continue
        # a card no row claims may be one of these rows as first sent (edited since): only the rows it may
        # be, by its recipient, wait for a person, PO by PO (hunter-vendor17's leftover)
        unsure = {r.row: lines.may_be(planned_item(order, r)) for r in rest}
        kept += _by_why(po, [(n, _unsure_why(batch, po, hit)) for n, hit in unsure.items() if hit])
        free = [r for r in rest if unsure[r.row] is None]
        if len(free) < len(rest) and free:
            check = check_release(ledger, order, free, view)  # the rows released, checked on their own
        if not free or not check.allowed:
            continue
        # the lines found are those rows' cards, recorded in this same settlement: no other card
        evidence = release_evidence(
            ledger,
            view,
            batch,
            po,
            check,
            beside=[*beside, *tied_now],
            recipients_checked=True,
            claimed=claimed,
        )
        numbers = tuple(r.row for r in free)
        releases.append(
            Resolution(batch, po, "release", released=numbers, same_po=check.same_po, evidence=evidence)
        )
    return releases, kept


def _by_why(po: str, rows: list[tuple[int, str]]) -> list[tuple[str, tuple[int, ...], str]]:
    """Rows kept waiting on ``po``, one entry per reason."""
    grouped: dict[str, list[int]] = {}
    for row, why in rows:
        grouped.setdefault(why, []).append(row)
    return [(po, tuple(numbers), why) for why, numbers in grouped.items()]


def _unsure_why(batch: str, po: str, hit: tuple[Line, str]) -> str:
    (vendor_order, at), how = hit
    return (
        f"line {at + 1} of {vendor_order.po_number} (order {vendor_order.id}) holds a card tied to no row "
        f"({card_text(_line_card(vendor_order, at))}) and {how}: it may be this row as first sent (edited "
        "since), and a release would send a second card. Once you have checked that it is not theirs, "
        f"release them on their own: bulkship reconcile {shlex.quote(batch)} --resolve {po} --release"
    )


def _release(
    ledger: Ledger, batch: str, view: VendorView, planned: Resolution, *, by: str, reason: str
) -> Resolution | None:
    """One PO's rows released as planned, checked again on the ledger as it is now (rows settled on the
    found orders since); None when they no longer may be."""
    order = ledger.order(planned.po_number)
    rows = [r for r in waiting_rows(ledger, batch).get(planned.po_number, []) if r.row in planned.released]
    if order is None or tuple(r.row for r in rows) != planned.released:
        return None
    check = check_release(ledger, order, rows, view)
    if not check.allowed:
        return None
    detail = {"by": by, "reason": reason, "rows": list(planned.released), "evidence": planned.evidence,
              "release_all": True, RELEASED_BESIDE: seen_at_release(view)}  # fmt: skip
    ledger.release_review(
        batch, planned.po_number, [r.fingerprint for r in rows], same_po=check.same_po, detail=detail,
        absent=check.absent,
    )  # fmt: skip
    return Resolution(**{**planned.__dict__, "same_po": check.same_po, "applied": True})
