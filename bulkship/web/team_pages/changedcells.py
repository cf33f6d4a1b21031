"""The cells a batch's rows were changed in on the review page, for its approver: what the uploaded file
said, what the batch sends, and who changed them."""

from __future__ import annotations

from typing import Any

from ...team import audit
from .. import state

SHOWN = 20  # cells named; the rest counted


def changed_cells(web: Any, batch: state.WebBatch) -> dict[str, Any] | None:
    """``{"cells": ["row 8 ZIP Code: '0211' -> '02110'", ...], "count": N, "by": ["hr-sam"]}``, or None
    when no cell differs from the file. The approver saw only the plan as changed: a ZIP, a card, an Amount
    50 -> 500 changed on the review page read as the uploaded file's, only the audit trail said otherwise
    (found by newcomer19, N8)."""
    if not batch.corrections:
        return None
    frame = web.reviews.sheet(batch).frame  # the file as uploaded (the review applies the changes)
    cells = []
    for (row, header), value in sorted(batch.corrections.items()):
        if row not in frame.index or header not in frame.columns:
            continue
        was = str(frame.at[row, header])
        if was != value:  # (one changed back is the file's again)
            cells.append(f"row {row} {header}: '{was}' \u2192 '{value}'")
    if not cells:
        return None
    lines = audit.entries(web.settings, batch=batch.name, since=batch.created)
    by = sorted({e.actor.removeprefix("cli:") for e in lines if e.action == "fix"})
    return {"cells": cells[:SHOWN], "count": len(cells), "by": by}
