"""How a cell is quoted in what bulkship says of it (a notice, a row's error, a skipped row's reason): whole
when it is as short as cells are, else its start and its length. Quoted whole, a 40,000-character note or
state made a 40 KB line on the terminal, in the workbooks and on the web page (found by hunter-sheets14)."""

from __future__ import annotations

from collections.abc import Sequence

QUOTED_WHOLE = 200  # a cell up to this long is quoted whole: every ordinary address, name or note
QUOTED_START = 60  # ... a longer one by its first characters


def quoted(text: str) -> str:
    """``text`` as a message quotes it: whole, or its start, '…' and how long it is."""
    if len(text) <= QUOTED_WHOLE:
        return text
    return f"{text[:QUOTED_START]}… ({len(text):,} characters)"


def first_few(names: Sequence[str]) -> str:
    """The first three of ``names``, comma-separated, and ' ...' when there are more."""
    return ", ".join(names[:3]) + (" ..." if len(names) > 3 else "")
