"""A remark written into the name or street itself that says not to send ("Maria Lopez (DO NOT SEND)",
"DNS - Maria Lopez", "Maria Lopez (deceased)", "9 Elm St (do not send)"): lists without a Notes column keep
their remarks there, and the parcel would go out under that label (found by newcomer9). The remark is read
as a Notes cell is: in brackets or asterisks, or set off by a spaced dash."""

from __future__ import annotations

import re

import pandas as pd

from ...models import NAME_COLUMNS
from ...quoting import quoted
from .headings import _SEND_HEADING
from .kinds import _SAYS_NOT_TO_SEND
from .languages import straight
from .notes import _NOTE_SAYS_NO
from .undone import _UNDONE

_FIELDS = (*NAME_COLUMNS, "address1", "address2")
_BRACKETED = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]|\*+([^*]+)\*+")
_DASHED = re.compile(r"\s+[-–—]+\s+")


def _remarks(text: str) -> list[str]:
    """The parts of a cell that may be a remark: what brackets or asterisks hold, and each side of a
    spaced dash."""
    parts = [next(p for p in match if p) for match in _BRACKETED.findall(text) if any(match)]
    outside = _BRACKETED.sub(" ", text)
    pieces = _DASHED.split(outside)
    if len(pieces) > 1:
        parts += pieces
    return [part.strip() for part in parts if part.strip()]


# ... or a death or a dismissal marked as a name carries it: 'Estate of John Smith', 'The late Bob Lee', 'Ed
# Wu †', 'Al Fox (dec.)', 'Kim Orr (Estate)', 'Oz Za c/o estate', 'Ike Su (term)': each ordered, exit 0, where
# 'Flo Li (deceased)' is left out (found by hunter-asks6). In a name only (a street may be 'Estate Rd');
# 'late' only after 'the' ('Late Row' may be a name: test_unusual_sheets' was left out, main red)
_GONE_IN_NAME = re.compile(
    r"(?i)^\s*(?:the\s+)?estate\s+of\s+\w|^\s*the\s+late\s+(?-i:[A-Z])|†|\bc/o\s+(?:the\s+)?estate\b|\(\s*(?:dec\.?|dec['’]?d|decd|"
    r"term|r\.?\s?i\.?\s?p\.?|estate(?:\s+of)?)\s*\)|\s[-–—]+\s*(?:dec['’]?d|decd|estate|r\.?i\.?p\.?)\s*$"
)


def _says_no(remark: str) -> bool:
    remark = straight(remark)  # 'Bob Ray (don’t send)' is "(don't send)"
    return bool(
        _NOTE_SAYS_NO.match(remark) and not _SEND_HEADING.search(remark) and not _UNDONE.search(remark)
    )


def _named_not_to_send(body: pd.DataFrame, column_map: dict[str, str]) -> dict[int, str]:
    """Rows whose name or street carries a remark saying not to send them: row -> the reason."""
    found: dict[int, str] = {}
    for header, field in column_map.items():
        if field not in _FIELDS or header not in body.columns:
            continue
        column = body[header].astype(str)
        marked = column.str.contains(
            r"[()\[\]*†]|\s[-–—]+\s|^\s*(?:the\s+)?(?:estate|late)\s|/o", regex=True, case=False
        )
        for row in column.index[marked].tolist():
            text = column[row].strip()
            gone = field in NAME_COLUMNS and _GONE_IN_NAME.search(text) is not None
            if gone or any(_says_no(remark) for remark in _remarks(text)):
                found.setdefault(int(row), f"{_SAYS_NOT_TO_SEND} (column '{header}': '{quoted(text)}')")
    return found
