"""A yes/no column asking for faster shipping ('Rush?', 'Expedite (Y/N)', 'Overnight?') in a list where no
column gives the shipping method: a Yes there is an error on its row, since the row would go by the default
method (STANDARD) and arrive days later than asked (found by review18: each such row was sent standard, no
word said)."""

from __future__ import annotations

import re

import pandas as pd

from ...models import Problem

_RUSH = re.compile(
    r"(?i)^\W*(?:rush|expedite[ds]?|overnight|express|priority|next[\s-]?day|two[\s-]?day|2[\s-]?day|urgent)"
    r"(?:\s+(?:delivery|shipping|ship|mail|order))?\s*(?:\(?\s*y(?:es)?\s*/\s*n(?:o)?\s*\)?)?\W*$"
)
_YES = re.compile(r"(?i)\s*(?:yes|y|x|true|1|✓|✔|☑|✅)(?:\s*[-–—:,.;!(].*)?\s*")


def _rush_problems(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: set[int], defaults: dict[str, str]
) -> list[Problem]:
    """Each row answering Yes under a faster-shipping question nothing reads, when neither a column nor the
    program's defaults give the shipping method."""
    if "shipping_method" in column_map.values() or defaults.get("shipping_method"):
        return []
    problems = []
    for header in body.columns:
        if header in column_map or not _RUSH.match(str(header)):
            continue
        answers = body[header].astype(str)
        for row in answers.index[answers.str.fullmatch(_YES)].tolist():
            if int(row) in not_judged:
                continue
            message = (
                f"Row {row}, column '{header}': '{answers[row].strip()}' asks for faster shipping, and no "
                "column gives the shipping method: the card would go STANDARD. Write the method (EXPEDITED, "
                f"OVERNIGHT: see `bulkship catalog`) in a 'Shipping Method' column, and clear '{header}'."
            )
            problems.append(
                Problem(int(row), "shipping_method", "", "error", message, "Faster shipping asked")
            )
    return problems
