"""A remark typed alone in a person's status column ('Status' = 'Passed away', 'Wife says he passed away',
'Delete this row', 'Dup of row 5', 'Already got one 11/20'): no status word opens it, so the status reading
(:mod:`.person`) saw nothing, and its remark reading (:mod:`.remarks`) reads only what follows a status. It is
read whole as the same words under 'Notes' are, and leaves its row out (or holds it) as they do.

Found by review42 (review40's corpus at 3c7e585a): 136 of its 169 not-to-send remarks were still ordered under
some header, most of them under 'Status' or 'Employee Status' only, where the same words under 'Notes' leave
the row out."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pandas as pd

from ..kinds import _SAYS_CARD_MADE, _SAYS_NOT_YET, _SAYS_SENT_ALREADY
from ..status import _CODED
from ..statusheaders import employment_header
from ..untilwords import AWAY_UNTIL
from .reasons import Masks
from .remarks import _clauses

# A status of a person still here opening the cell ('LOA - last day 11/15', the last day before the leave):
# its remark is read after the status, as :mod:`.remarks` does, never the whole cell as a note
# ... not after a short word saying no of its own, which is no payroll code ('RTS - new hire', 'RTS: intern',
# 'DNS - remote': found by the lead, each ordered where 'RTS - VIP client' is left out since c1c3cdde)
_STILL_HERE = re.compile(
    rf"(?i)\s*(?!(?:rts|dns|d\.n\.s\.?)\s*[-–—:])(?:{_CODED})(?:active|on\s+(?:a\s+)?leave|leave(?:\s+of\s+absence)?|loa|fmla|sabbatical|furlough(?:ed)?|"
    r"part[\s-]*time|full[\s-]*time|seasonal|temp(?:orary)?|contractor|intern|new\s+hire|rehired?|remote|hybrid)\b"
)
# ... unless the leave is said until a day ('on leave until 1/15', 'on leave thru Jan'): sent at once from a
# 'Status', where 'On LOA until 1/15' and the same in 'Notes' wait for the day (newcomer21's N2): read whole
_AWAY_TO_A_DAY = re.compile(rf"(?i)\s*{AWAY_UNTIL}")
# ... and, under a status naming no employment, what a wellness or a training list's status says: 'Quit'
# (smoking), 'Passed 11/30' (the course); hunter-sheets8 kept them sending there
_ANOTHER_LIST_S = re.compile(r"(?i)\s*(?:quit|passed)\b(?!\s+(?:away|on|the\s+company|the\s+firm)\b)")

# The mask of :class:`.Masks` naming each reason a note gives (any other: not to send)
_MASK_OF = (("not_yet", _SAYS_NOT_YET), ("made", _SAYS_CARD_MADE), ("went_out", _SAYS_SENT_ALREADY))

NotesReader = Callable[[pd.Series, date], dict[int, str]]


def read_alone(
    masks: Masks, column: pd.Series, opened: pd.Series, header: object, today: date, read_notes: NotesReader
) -> None:
    """Marks in ``masks`` the distinct texts of the status ``header``'s ``column`` a note would leave out or
    hold, among those no status word opens (``opened``: the texts the status reading matched, whose exceptions
    it weighed: 'Inactive - On Leave' still sends). ``read_notes`` reads texts as a 'Notes'
    column's (:func:`.._said_as_notes`)."""
    still_here = column.str.match(_STILL_HERE) & ~column.str.match(_AWAY_TO_A_DAY)
    alone = ~masks.said & ~opened & column.str.strip().ne("") & ~still_here
    if not employment_header(str(header)):
        alone &= ~column.str.match(_ANOTHER_LIST_S)
    if not alone.any():
        return
    # ... its states still here left out first ('Active - pending termination' sends, as the status reading
    # says), a payroll code before it dropped
    texts = column[alone].map(_clauses)
    found = read_notes(texts, today)
    if not found:
        return
    said = masks.said.copy()
    said.loc[list(found)] = True
    masks.said = said
    # each row's reason the note's, whatever the column's own ('Card Status' says "sent already" of its rows)
    of_kind: dict[str, list[int]] = {}
    for row, reason in found.items():
        of_kind.setdefault(_mask_naming(reason), []).append(row)
    for name, rows in of_kind.items():  # (one mask set per kind: set row by row, 100,000 rows took 8 s)
        mask = getattr(masks, name)
        mask = pd.Series(False, index=column.index) if mask is None else mask.copy()
        mask.loc[rows] = True
        setattr(masks, name, mask)


def _mask_naming(reason: str) -> str:
    """The name of the mask of :class:`.Masks` that names ``reason`` (a note's) for its row."""
    return next((name for name, kind in _MASK_OF if reason.startswith(kind)), "not_sent")
