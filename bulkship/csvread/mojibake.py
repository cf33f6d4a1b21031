"""Text read as the wrong encoding before it reached bulkship (``JosÃ© MÃ¼ller``): found cell by cell,
with what it probably was."""

from __future__ import annotations

import contextlib
import re

import numpy as np
import pandas as pd

from .limits import MOJIBAKE

# A character that UTF-8's lead byte becomes in Windows-1252 (Ã, Â, â...) followed by one its continuation
# bytes become: how 'é' looks after a wrong decoding ('Ã©'). Only a hint: the round trip below decides.
_CONTINUATION = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
_CONTINUATION += "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_MOJIBAKE_HINT = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]")
# The same as UTF-8 bytes: searched during the byte pass, so that clean files skip the search cell by cell.
_MOJIBAKE_BYTES = re.compile(
    rb"[\xc3][\x82-\xb4](?:\xc2[\x80-\xbf]|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xc6\x92|\xcb[\x86\x9c]"
    rb"|\xe2\x80[\x93\x94\x98-\x9e\xa0-\xa2\xa6\xb0\xb9\xba]|\xe2\x82\xac|\xe2\x84\xa2)"
)
_SEPARATOR = "\x00"  # cannot occur in a cell: NULs are refused


def repaired(text: str) -> str | None:
    """What ``text`` was before UTF-8 was read as Windows-1252 (or Latin-1); None if it does not look so."""
    for codec in ("cp1252", "latin-1"):
        with contextlib.suppress(UnicodeError):
            fixed = text.encode(codec).decode("utf-8")
            if fixed != text:
                return fixed
    return None


def _mojibake(frame: pd.DataFrame) -> list[tuple[int, int, str, str]]:
    """Cells whose text looks garbled by a wrong encoding, as (row, column, MOJIBAKE, what it probably was).
    Each column is searched as one joined string (C speed); only hits are looked at one by one."""
    found: list[tuple[int, int, str, str]] = []
    for position in range(frame.shape[1]):
        values = frame.iloc[:, position].tolist()
        joined = _SEPARATOR.join(values)
        if joined.isascii() or not _MOJIBAKE_HINT.search(joined):
            continue
        starts = np.cumsum([0] + [len(v) + 1 for v in values[:-1]])
        hits = [m.start() for m in _MOJIBAKE_HINT.finditer(joined)]
        rows = set((np.searchsorted(starts, hits, side="right") - 1).tolist())
        for row in sorted(rows):
            fixed = repaired(values[row])
            if fixed is not None:
                found.append((int(frame.index[row]), position + 1, MOJIBAKE, fixed))
    return found
