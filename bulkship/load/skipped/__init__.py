"""Rows that hold data but are not recipients, so are not ordered: hidden rows (unless --include-hidden),
totals rows (an aggregate formula, a "Total" label, an amount that is the sum of those above), notes, and the
header repeated; each with the reason the notices and the output show.

The package, one concern a module (each imports only those before it): :mod:`.kinds` (the kinds of row and the
words their reasons share), :mod:`.flags` (yes/no columns that pick the rows to send: send, eligible, hold, a
form's questions), :mod:`.status` (a status column's words: the person gone, the card gone), :mod:`.dates`
(termination dates, dates not to send before), :mod:`.sent` (columns saying the card went already),
:mod:`.noteheaders` (which headers name a column of notes), :mod:`.notes` (a note saying not to send: DNS,
hold, terminated), :mod:`.days` (a date column's cells and a note's day read as days), :mod:`.headings` (a
heading over people not to send, the header repeated), :mod:`.clauses` (a note read clause by clause),
:mod:`.ticks` (a column of ticks, crosses and dittos), :mod:`.said` (what those columns and notes leave out),
:mod:`.ours` (rows bulkship's own workbooks marked skipped), :mod:`.marks` (hidden and crossed-out rows),
:mod:`.totals` (totals rows and notes), :mod:`.unsubmitted` (form answers never submitted), :mod:`.stray` (a
remark saying not to send in a column of something else: 'Phone' = 'DECEASED'), :mod:`.notices` (what the
notices say), :mod:`.rows` (every skipped row, :func:`_skipped_rows`).
"""

from __future__ import annotations

from .kinds import CROSSED, CROSSED_REASON, MAX_CANDIDATES, NOT_TO_SEND
from .notices import _skip_notices, earlier_round_notices
from .rows import _skipped_rows, said_in_corrections
from .totals import _TOTAL_CELL, IDENTITY_FIELDS, MAX_TRAILING, _short
from .unsubmitted import typed_under_a_form

__all__ = [
    "CROSSED",
    "CROSSED_REASON",
    "IDENTITY_FIELDS",
    "MAX_CANDIDATES",
    "MAX_TRAILING",
    "NOT_TO_SEND",
    "_TOTAL_CELL",
    "_short",
    "_skip_notices",
    "_skipped_rows",
    "earlier_round_notices",
    "said_in_corrections",
    "typed_under_a_form",
]
