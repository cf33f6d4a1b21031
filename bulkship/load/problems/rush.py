"""A yes/no column asking for faster shipping ('Rush?', 'Expedite (Y/N)', 'Overnight?') in a list where no
column gives the shipping method: a Yes there is an error on its row, since the row would go by the default
method (STANDARD) and arrive days later than asked (found by review18: each such row was sent standard, no
word said)."""

from __future__ import annotations

import re

import pandas as pd

from ...models import Problem
from .notecolumns import clear_cell, note_columns

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
    return problems + _rush_in_a_note(body, column_map, not_judged)


# A note opening with a faster shipping ('Rush - needs by Friday', 'Overnight please', 'Expedite'): the card
# went STANDARD, the note read by no one (found by newcomer6, an HR list's Notes)
# ... not the word of something else ('Rush hour commuter', 'Rush Street office', 'Expedited approval by VP',
# 'Two-day offsite attendee', 'Next day after anniversary is fine': each stopped an ordinary HR list's row,
# found by hunter-falsealarm1)
_NOT_SHIPPING = (
    r"(?:stay|trip|visit|shift|hours?|street|st|ave(?:nue)?|road|rd|approvals?|approved|review|offsite|"
    r"off-site|onsite|on-site|meetings?|event|conference|workshop|training|course|retreat|summit|after)"
)
_PLEASE = r"(?:please|pls)"
_FASTER = r"(?:\s+(?:it|delivery|shipping|ship|mail|order))?"
_ASKED_RUSH = rf"(?:{_PLEASE}\s+)?(?:rush|expedite){_FASTER}(?:\s+{_PLEASE})?"
_ASKED_OVERNIGHT = (
    rf"(?:{_PLEASE}\s+(?:overnight|next[\s-]?day){_FASTER}|(?:overnight|next[\s-]?day){_FASTER}\s+{_PLEASE})"
)
_RUSH_NOTE = re.compile(
    r"(?i)^\W*(?:please\s+|pls\s+)?(?:rush|expedite[ds]?|overnight|next[\s-]?day|two[\s-]?day|2[\s-]?day)"
    r"(?:\s+(?:it|delivery|shipping|ship|mail|order|please))?\b(?!\s+" + _NOT_SHIPPING + r"\b)"
    # ... or as a clause of its own after what the note says first ('25 yrs! overnight please', 'Congrats on
    # 25 years - rush please': newcomer20's N2, each went STANDARD); 'overnight' there with a please only
    # ('Team offsite, overnight' is the stay)
    r"|.*[!.;,–—-]\s*(?:" + _ASKED_RUSH + r"|" + _ASKED_OVERNIGHT + r")\W*(?:[-–—(;:]\s*.*)?$"
)


def _rush_in_a_note(body: pd.DataFrame, column_map: dict[str, str], not_judged: set[int]) -> list[Problem]:
    """Each row whose note (a column of notes nothing else reads) asks for faster shipping."""
    problems = []
    for column in note_columns(body, column_map):
        for row in column.rows(column.saying(lambda note: bool(_RUSH_NOTE.match(note))), not_judged):
            message = (
                f"Row {row}, column '{column.header}': says '{column.said(row)[:60]}', asking for faster "
                "shipping, and no column gives the shipping method: the card would go STANDARD. Write the "
                "method (EXPEDITED, OVERNIGHT: see `bulkship catalog`) in a 'Shipping Method' column, and "
                f"{clear_cell(column.header)}."
            )
            problems.append(Problem(row, "shipping_method", "", "error", message, "Faster shipping asked"))
    return problems
