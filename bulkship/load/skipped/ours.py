"""Rows bulkship itself marked skipped, when its own validation or result workbook is run as the list."""

from __future__ import annotations

import pandas as pd

from ...otherheaders import BULKSHIP_MARK
from ...schema import header_key

_OUR_STATUS, _OUR_PROBLEMS = "status", frozenset({"problems", "problemsvendorerror"})


def _skipped_by_bulkship(body: pd.DataFrame, column_map: dict[str, str]) -> dict[int, str]:
    """Rows bulkship's own validation or result workbook marks "skipped" (hidden, crossed out, not to send),
    when that workbook is run as the list: the workbook shows them unhidden and unstruck, so only its Status
    column says so (found by newcomer7: the hidden and the crossed-out rows were ordered). Row -> reason."""
    keys = {h: header_key(BULKSHIP_MARK.sub("", str(h))) for h in body.columns if h not in column_map}
    status = next((h for h, k in keys.items() if k == _OUR_STATUS), None)
    problems = next((h for h, k in keys.items() if k in _OUR_PROBLEMS), None)
    if status is None or problems is None:
        return {}
    marked = body[status].astype(str).str.strip().str.casefold().eq("skipped")
    return {
        int(row): f"bulkship's own {status!r} column says skipped ({str(body.at[row, problems]).strip()})"
        for row in body.index[marked.to_numpy()].tolist()
    }
