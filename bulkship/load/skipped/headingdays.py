"""The rows a heading holds until a day ('Below: hold until 1/15/2027', 'Above: new. Below: on hold till
1/15/2027'): held to that day as a Notes cell of its words holds its row (..models.SkippedRow.until, "on
2027-01-16: sent"), and sent once it has passed, as such a note's row is. Left out under the heading, they
were forgotten past their day, and a day passed ('hold until 11/1/2026') still left them out
(hunter-sends18's leftover 6, the lead's decision of session 50). Read after :mod:`.headings` by
:mod:`.rows`."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache

import pandas as pd

from ...quoting import quoted
from .headingapart import _APART
from .heldday import MOST_TEXTS, first_days
from .kinds import _SAYS_NOT_YET, NOT_TO_SEND
from .labelwords import labels_named
from .languages import straight
from .pointing import labels_parted
from .twoparts import _OPENS, _POINTS, parts_in_two
from .upasked import questions_settled

# a heading's reason for the rows it leaves out, its row at the end (.headingsides, .headings)
_UNDER = re.compile(r"^under the heading '.*' \(row (\d+)\)$", re.S)
_OVER = re.compile(r"^the heading under it says so of the rows above it \('.*', row (\d+)\)$", re.S)
# ... and of one it adds to them ('Above: hold until 1/20/2027, Cy Orr too': held with them, to their day)
_ADDED = re.compile(r"^the heading on row (\d+) adds it to the rows above \('.*'\)$", re.S)
# words waiting for a day ('until 1/15/2027', 'till January', 'through 12/31')
_TILL = re.compile(r"(?i)\b(?:until|till|til|thru|through|before)\b")


def held_to_their_day(
    found: dict[int, tuple[str, str]],
    body: pd.DataFrame,
    read_note: Callable[[str, date], str],
    today: date,
) -> dict[int, str]:
    """Of ``found`` (row -> kind, reason: :func:`.headings._sections_left_out`), the rows a heading leaves
    out in words holding them until a day: each held to it (its reason said so, row -> the first day it goes,
    returned) or, that day passed, dropped from ``found`` (sent). ``read_note(words, day)``: the reason a
    Notes cell of ``words`` gives its row on ``day`` ('' for none)."""
    days: dict[int, str] = {}
    read: dict[tuple[int, bool], tuple[str, str] | None] = {}  # (each heading's side read once)
    read_note = cache(read_note)  # (the same words under many headings read once a day: ~5 ms a read)
    for row, (kind, reason) in list(found.items()):
        side = _UNDER.match(reason) or _OVER.match(reason) or _ADDED.match(reason)
        if kind != NOT_TO_SEND or side is None or int(side[1]) not in body.index:
            continue
        key = (int(side[1]), side.re is _UNDER)
        if key not in read:  # (past MOST_TEXTS headings' words, left out as before: each ~0.2 s)
            few = len({k for k, v in read.items() if v is not None}) < MOST_TEXTS
            read[key] = _held_till(_text_of(body, key[0]), key, read_note, today) if few else None
        if (till := read[key]) is None:
            continue
        if not till[0]:  # (its day passed: sent, as a note 'Hold until 11/1/2026' is)
            del found[row]
            continue
        found[row] = (NOT_TO_SEND, till[0])
        if till[1]:
            days[row] = till[1]
    return days


def _held_till(
    text: str, key: tuple[int, bool], read_note: Callable[[str, date], str], today: date
) -> tuple[str, str] | None:
    """The heading ``text``'s side (``key``: its row, below) read as a Notes cell: (its rows' reason, the
    first day they go), ('', '') where its day has passed, None where it holds till no day."""
    words = _side_words(text, key[1])
    if words is None:
        return None
    said = read_note(words, today)
    if not said and _waited(words, read_note, today):
        return "", ""
    if not said.startswith(_SAYS_NOT_YET):
        return None
    first = first_days(
        lambda day: {0} if read_note(words, day).startswith(_SAYS_NOT_YET) else set(), [0], today
    )
    reason = f"{_SAYS_NOT_YET} (the heading on row {key[0]}: '{quoted(text)}')"
    return reason, first[0].isoformat() if 0 in first else ""


def _waited(words: str, read_note: Callable[[str, date], str], today: date) -> bool:
    """Whether ``words`` held a note's row until a day now passed: read as on a day before, they did (not
    words saying nothing on any day: those leave the rows out as before)."""
    return any(read_note(words, today - timedelta(days=ago)).startswith(_SAYS_NOT_YET) for ago in _BEFORE)


_BEFORE = (30, 120, 365, 730)


def _text_of(body: pd.DataFrame, row: int) -> str:
    """The heading's words: its filled cells, joined (as .headings reads them)."""
    return " ".join(text for value in body.loc[row].tolist() if (text := str(value).strip()))


def _side_words(text: str, below: bool) -> str | None:
    """The words of ``text`` for the rows below it (or above), where they wait for a day; None otherwise."""
    plain = questions_settled(labels_parted(labels_named(straight(text))))
    split = parts_in_two(plain)
    words: str | None
    if split is not None:
        up, down = split
        words = (up if down is None else down) if below else up
    else:
        opens = _OPENS[not below].match(plain)  # ('Below: hold until 1/15/2027'; unlabelled, of those below)
        words = plain[opens.end() :] if opens else plain if below and not _POINTS.search(plain) else None
    if words is None or not _TILL.search(words):
        return None
    # ... without whom it sets apart ('hold until 1/20/2027 except Gus': read with him, no day was kept)
    return _APART.sub("", words).strip(" .;:,/!|>-–—")
