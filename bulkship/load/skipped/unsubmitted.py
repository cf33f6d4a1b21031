"""A form's or survey's answers never submitted: the export's own columns saying a response was left part way
(Typeform's empty 'Submit Date (UTC)' among stamped ones, Qualtrics' 'Finished' = False, a 'Response Status'
= Partial). Such a response may hold an address, but the person never sent the form asking for a card: each
was ordered like the submitted ones (found by hunter-sheets14, leftover 4)."""

from __future__ import annotations

import re

import pandas as pd

from ...quoting import quoted
from .columnkeys import flag_key
from .flags import RESPONSE_STATUS, STAMPED, SUBMITTED_AT
from .kinds import _SAYS_NOT_TO_SEND

# Qualtrics' 'Finished' (True/False, or 1/0 in its numeric export), read beside its 'Progress': alone, a
# tracker's 'Finished' = No is work still to do, a card to send
_FINISHED, _PROGRESS = flag_key("finished"), flag_key("progress")
_SAYS_UNFINISHED = re.compile(r"(?i)\s*(?:false|0|no|n)\s*")

_SAYS_PARTIAL = re.compile(
    r"(?i)\s*(?:partial(?:ly\s+complete[d]?)?|partial\s+response|incomplete|in[\s-]*progress|unfinished|"
    r"abandoned|not\s+(?:submitted|completed?|finished)|unsubmitted|draft)\b.*"
)


def _unsubmitted(body: pd.DataFrame, column_map: dict[str, str]) -> dict[int, str]:
    """Rows of responses never submitted: row -> the reason. Judged after the totals rows and notes, whose
    stamp cell is empty too."""
    keys = {flag_key(str(header)): header for header in body.columns if header not in column_map}
    found: dict[int, str] = {}
    read = SUBMITTED_AT | RESPONSE_STATUS | ({_FINISHED} if _PROGRESS in keys else set())
    for key, header in keys.items():
        if key not in read:  # (only these columns are read: a 100k-row list's others cost nothing)
            continue
        column = body[header].astype(str).str.strip()
        if key in SUBMITTED_AT:
            filled = column.ne("")
            if filled.any() and not filled.all() and column[filled].str.match(STAMPED).all():
                for row in column.index[~filled].tolist():
                    found.setdefault(
                        int(row), f"{_SAYS_NOT_TO_SEND} (column '{header}' is empty: never submitted)"
                    )
            continue
        unfinished = column.str.fullmatch(_SAYS_UNFINISHED) if key == _FINISHED else None
        said = column.str.match(_SAYS_PARTIAL) if unfinished is None else unfinished
        for row, text in column[said].items():
            found.setdefault(
                int(row),
                f"{_SAYS_NOT_TO_SEND} (column '{header}': '{quoted(text)}', a response not finished)",
            )
    return found
