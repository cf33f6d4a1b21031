"""Which of a batch's orders hold its rows, for every reader deciding whether a row may be planned again
or a file may continue its batch: live (planned, or at the vendor or perhaps), committed (at the vendor, or
perhaps), and the rows on them. Moved out of resume.py (issue 14), whose other readers (batchidentity,
repeats.notes, the web's batch pages, `run`) imported it inside their functions: resume imports them."""

from __future__ import annotations

from ..billing import line_ended_without_card
from .records import CARD_MADE_ROWS, OPEN_STATES, REVIEW_STATE, OrderRecord, RowRecord

LIVE_ORDER_STATES = frozenset({"planned", *OPEN_STATES, "created", REVIEW_STATE})
COMMITTED_ORDER_STATES = frozenset({*OPEN_STATES, "created", REVIEW_STATE})  # at the vendor, or may be
_HELD = "held"  # a row held (repeats.HELD: the repeats package loads pandas)


def rows_on_orders_in(
    known: dict[str, RowRecord], orders: dict[str, OrderRecord], states: frozenset[str]
) -> set[str]:
    """The rows ordered (or left out as made elsewhere: never planned again), or on one of ``orders`` in one
    of ``states`` (a failed row is on none: the vendor refused it, or its line failed before a card was
    made; nor is one left out since, which keeps that PO: ledger.sql.writes.upsert_rows)."""
    return {
        fp
        for fp, rec in known.items()
        if rec.status in CARD_MADE_ROWS
        or (
            rec.status not in ("failed", "skipped")
            and not (rec.status == _HELD and line_ended_without_card(rec))  # held as cancelled: keeps its PO
            and rec.po_number
            and rec.po_number in orders
            and orders[rec.po_number].state in states
        )
    }
