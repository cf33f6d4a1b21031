"""A cost difference a person's settlement explains: rows held for review, settled by a person on the
vendor's lines of their cards (``reconcile BATCH --resolve PO --at-vendor ...``), cost what the vendor's lines
cost, not what the plan said (a colleague's card under this batch's PO number at another amount). The order's
plan was this ledger's; the vendor's order costs the plan plus what those settlements recorded. Compared as
it was, it read 'cost planned 400.00 vs vendor 425.00' and 'Differences found' at every reconcile, although
the ledger holds each card as the vendor does (found by hunter-money10).

A cost mismatch is explained only when the plan plus what the settlements recorded (each row's settled cost
less its planned cost, as recorded when the person settled it, the row still on that order) is the vendor's
cost to the cent; anything else differing is said as before."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from ..ledger import Ledger, RowRecord
from ..ledger.tracking import SETTLED_AT_VENDOR
from ..money import money_text
from .report import Mismatch, ReconcileReport, to_cents


def explain_costs(
    report: ReconcileReport, ledger: Ledger, batch: str, rows: Mapping[str, Sequence[RowRecord]]
) -> ReconcileReport:
    """``report`` with each cost mismatch that a person's settlements explain to the cent moved to
    ``explained`` (what, by whom, when)."""
    costs = [m for m in report.mismatches if m.what == "cost"]
    if not costs:
        return report
    explained: list[dict[str, Any]] = []
    kept: list[Mismatch] = []
    for m in report.mismatches:
        said = _explained(m, ledger, batch, rows.get(m.po_number, ())) if m.what == "cost" else None
        if said is None:
            kept.append(m)
        else:
            explained.append(said)
    return replace(report, mismatches=tuple(kept), explained=(*report.explained, *explained))


def _explained(
    m: Mismatch, ledger: Ledger, batch: str, on_order: Sequence[RowRecord]
) -> dict[str, Any] | None:
    here = {r.row: r for r in on_order}
    settled: dict[int, dict[str, Any]] = {}  # row -> its latest settlement on this order
    for event in ledger.events(batch=batch, po_number=m.po_number, kinds=[SETTLED_AT_VENDOR]):
        for row, figures in (event.detail.get("costs") or {}).items():
            try:
                number, planned, cost = int(row), Decimal(figures["planned"]), Decimal(figures["settled"])
            except (KeyError, TypeError, ValueError, InvalidOperation):
                continue  # a figure unknown: nothing explained by it
            if number in here and (number not in settled or event.at >= settled[number]["at"]):
                by = str(event.detail.get("by") or "a person")
                settled[number] = {
                    "row": number,
                    "planned": planned,
                    "settled": cost,
                    "by": by,
                    "at": event.at,
                }
    moved = [s for s in settled.values() if to_cents(s["settled"]) != to_cents(s["planned"])]
    if not moved:
        return None
    difference = sum((s["settled"] - s["planned"] for s in moved), Decimal(0))
    if to_cents(Decimal(m.ledger) + difference) != to_cents(Decimal(m.vendor)):
        return None  # the settlements do not account for all of it: said as a difference
    moved.sort(key=lambda s: s["row"])
    return {
        "po_number": m.po_number,
        "order_id": m.order_id,
        "planned": str(to_cents(Decimal(m.ledger))),
        "vendor": str(to_cents(Decimal(m.vendor))),
        "rows": [
            {
                "row": s["row"],
                "planned": str(to_cents(s["planned"])),
                "settled": str(to_cents(s["settled"])),
                "by": s["by"],
                "at": s["at"],
            }
            for s in moved
        ],
    }


def explained_text(item: Mapping[str, Any]) -> str:
    """'BS-G10-0001 costs 425.00 where its plan costs 400.00: row 2 (planned 25.00, the vendor's line
    50.00) settled by finance on 2026-12-05 15:07 UTC ...'."""
    rows = "; ".join(
        f"row {r['row']} (planned {money_text(Decimal(r['planned']))}, the vendor's line "
        f"{money_text(Decimal(r['settled']))}) settled by {r['by']} on {_when(r['at'])}"
        for r in item["rows"]
    )
    return (
        f"{item['po_number']} costs {money_text(Decimal(item['vendor']))} where its plan costs "
        f"{money_text(Decimal(item['planned']))}: {rows}. The card(s) a person recorded as the vendor "
        "holds them account for the difference to the cent; the ledger's totals hold what the vendor charged."
    )


def _when(at: str) -> str:
    """An event's time as the terminal says it: '2026-12-05 15:07 UTC'."""
    return f"{at[:10]} {at[11:16]} UTC" if len(at) >= 16 else at
