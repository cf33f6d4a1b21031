"""Characters a person does not see in a cell: invisible ones (zero-width spaces, text-direction marks,
variation selectors) dropped, blank-looking letters read as a space, runs of whitespace collapsed
(:func:`clean_text`, every change but plain trimming reported); and a sheet's cells as the person sees them
(:func:`without_invisible`, :func:`as_seen`) for the readers that judge a cell before validation."""

from __future__ import annotations

import itertools
import re

import pandas as pd

from .normalize import by_unique, map_each

# Invisible characters that survive copy-paste from web pages and HR systems, and the text-direction marks and
# overrides (U+200E/F, U+202A-E, U+2066-9) that make a label read otherwise than it is written; and the rest
# of what Unicode says to show as nothing (a combining grapheme joiner, variation selectors, tags, the
# invisible operators U+2061-4: found by hunter-sheets8, 'Eve\u034f Kim' was sent so)
_INVISIBLE = (
    "\u200b\u200c\u200d\u2060-\u206f\ufeff\u00ad\u200e\u200f\u202a-\u202e\u034f\u061c\u17b4\u17b5"
    "\u180b-\u180f\ufe00-\ufe0f\U000e0000-\U000e0fff"
)
# Letters that show as a blank (the Hangul fillers, the blank braille pattern): read as a space (found by
# hunter-sheets8: a name of only U+3164 was sent as a card with no name, and 'Lee\u115f Park' beside
# 'Lee Park' at one address was two people, a card each)
_BLANK = "\u115f\u1160\u3164\uffa0\u2800"
_SUSPICIOUS = re.compile(f"[^\\S ]|  |[{_INVISIBLE}{_BLANK}\\x00-\\x1f\\x7f]")
_ODD_PRINTABLE = re.compile(f"[{_INVISIBLE}{_BLANK}]")  # some of them are printable (str.isprintable)
_INVISIBLE_RE = f"[{_INVISIBLE}\\x00-\\x08\\x0e-\\x1f\\x7f]"
_SPACES_RE = f"[\\s{_BLANK}]+"
_INVISIBLE_PATTERN = re.compile(_INVISIBLE_RE)
_BLANK_PATTERN = re.compile(f"[{_BLANK}]")
_SEEN_APART = re.compile(f"{_INVISIBLE_RE}|[{_BLANK}]")  # what without_invisible changes


def _suspicious(column: pd.Series) -> bool:
    """Any value with invisible characters, whitespace other than a space, or a run of spaces (values are
    trimmed). Apart from runs of spaces and the few printable ones of _ODD_PRINTABLE, every character
    _SUSPICIOUS looks for is non-printable (str.isprintable): only the rare non-printable values need the
    regular expression."""
    values = column.tolist()
    joined = "|".join(values)  # a printable separator: trimmed values cannot make a run of spaces with it
    if "  " in joined:
        return True
    if joined.isascii():  # in ASCII, the non-printable characters are exactly the control characters
        return not joined.isprintable()
    if _ODD_PRINTABLE.search(joined):
        return True
    return any(map(_SUSPICIOUS.search, itertools.filterfalse(str.isprintable, values)))


def _cleanup(column: pd.Series) -> pd.Series:
    removed = column.str.replace(_INVISIBLE_RE, "", regex=True)
    return removed.str.replace(_SPACES_RE, " ", regex=True).str.strip()


def without_invisible(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the invisible characters :func:`clean_text` drops removed from its text cells, nothing
    else changed: each cell as the person sees it ('\u200bdeceased' reads 'deceased'). ``frame`` itself when
    no cell holds one."""
    seen = frame
    for position in range(frame.shape[1]):
        values = frame.iloc[:, position].tolist()
        try:
            joined = "|".join(values)
        except TypeError:  # a cell that is not text (NA)
            joined = "|".join(v for v in values if isinstance(v, str))
        if (joined.isascii() and joined.isprintable()) or not _SEEN_APART.search(joined):
            continue
        if seen is frame:
            seen = frame.copy()
        seen.isetitem(position, [as_seen(v) if isinstance(v, str) else v for v in values])
    return seen


def as_seen(text: str) -> str:
    """``text`` as the person sees it: without the characters that show as nothing, a blank one a space."""
    return _BLANK_PATTERN.sub(" ", _INVISIBLE_PATTERN.sub("", text))


def clean_text(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Trim; drop invisible characters; collapse runs of whitespace. Plain trimming is not reported (the
    value means the same); any other change is."""
    stripped = map_each(column, str.strip, lambda c: c.str.strip())
    if not _suspicious(stripped):
        return stripped, pd.Series(False, index=column.index)
    cleaned = by_unique(stripped, _cleanup)
    return cleaned, cleaned.ne(stripped)
