"""Rows of a batch's file whose cards went already and that the list, as read today, would not send: a note
added since ('new address: 55 Summer St' beside the street the card went to), or a reading of the list
bulkship learnt since. The run's plan listed their errors under 'Left out of this plan: 3 invalid (to fix)',
five rows' errors under a count of three: a marketer read rows 52 and 262 as never sent, and row 262's card
had gone to the old street (found by newcomer20). They are said apart: sent, nothing sent again, to check."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .ledger import CARD_MADE_ROWS

if TYPE_CHECKING:
    from .ledger import Ledger
    from .models import ValidationResult

_SHOWN = 3


def ordered_rows(ledger: Ledger, batch: str, validation: ValidationResult) -> frozenset[int]:
    """The rows of the file that are invalid now and whose card the batch ordered already (by their key)."""
    invalid = {p.row for p in validation.problems if p.severity == "error"}
    made = {r.fingerprint for r in ledger.batch_rows(batch) if r.status in CARD_MADE_ROWS}
    if not invalid or not made:
        return frozenset()
    from .reconcile.join import ledger_keys

    rows = validation.rows
    keys, _ = ledger_keys(rows)
    return frozenset(
        int(row) for row, key in zip(rows.index.tolist(), keys, strict=True) if key in made and row in invalid
    )


def refused_now_note(validation: ValidationResult, rows: frozenset[int]) -> list[str]:
    """One note naming ``rows`` (:func:`ordered_rows`) and why the list now says otherwise, or none."""
    if not rows:
        return []
    said = [p.message for p in validation.problems if p.severity == "error" and p.row in rows]
    more = f" ... and {len(said) - _SHOWN} more (see the result workbook)" if len(said) > _SHOWN else ""
    listed = ", ".join(str(r) for r in sorted(rows))
    return [
        f"{len(rows)} row(s) ordered before that the list, as read today, would not send (row {listed}): "
        "their cards went already and nothing is sent again for them; check each against what went: "
        + " ".join(said[:_SHOWN])
        + more
    ]
