"""A note saying its row repeats another of the list and is the one to keep ('Second entry - correct address',
'Listed twice - use this row', 'Repeat of row 2 - keep this one, delete row 2'): read as a repeat alone, the
row the note calls right was left out and its twin sent, a card to the old address (found by review39
reviewing 0f8d8fc7). The row it calls right is sent and the row it repeats (the one it names, or the same
person's other rows, above or below where it says so) left out, said. Which of them an earlier run of the
batch ordered is the ledger's: where the row left out had its card made, or may have (its order in doubt),
the row called right is held as its edit, never a second card (bulkship.repeats.holds, found by review40
after 59cb16a4; until then both rows were held, review39's fcdcddf7, and the person got no card until
someone deleted a row). A row saying so that repeats none in the list is sent: the other row is gone."""

from __future__ import annotations

import re

import pandas as pd

from ...models import NAME_COLUMNS
from ...quoting import quoted
from .kinds import _SAYS_NOT_TO_SEND

_ROW = r"(?:row|line|entry|#)\s*(\d{1,7})"
# the note says the row repeats another
_REPEAT = (
    r"(?:second|2nd|double|extra|duplicate|dup\.?|dupe)\s+(?:entry|row|listing|record|line)|listed\s+(?:twice|two\s+"
    r"times|already)|(?:entered|added|included|input|typed)\s+twice|repeat(?:ed)?\s+(?:of\s+)?"
    + _ROW
    + r"|same\s+"
    r"(?:(?:person|employee|recipient|individual|entry|record)\s+)?as\s+(?:(?:the\s+)?"
    + _ROW
    + r"|above|below)|"
    r"already\s+(?:on|in)\s+(?:the\s+)?list(?:\W+" + _ROW + r")?|duplicate(?:\s+of\s+" + _ROW + r")?"
)
# ... and that this row is the one to keep: its words, not another row's ('see corrected row below' is not)
_KEEP = (
    r"(?:keep|kept|keeping|use|using|send|sending|ship)\s+this(?:\s+(?:one|row|entry|line|record|address))?|"
    r"this\s+(?:one|row|entry|line|record)\s+(?:is\s+)?(?:the\s+)?(?:correct|right|good|valid|current|updated|"
    r"new|latest|one\s+to\s+(?:use|keep|send))|(?:this\s+is\s+the\s+)?(?:correct|corrected|right|good|valid|"
    r"current|updated|new|latest)\s+(?:address|entry|row|one|info|information|details|record|version|amount|"
    r"card)(?:\s+here)?"
)
# ... and perhaps which row goes ('delete row 2', 'ignore the one above', 'remove the old one')
_DROP = (
    r"(?:delete|remove|drop|ignore|skip|void|disregard)\s+(?:the\s+)?(?:other(?:\s+(?:one|row|entry))?|"
    + _ROW
    + r"|(?:one|row|entry|line)\s+(?:above|below)|old(?:\s+(?:one|row|entry|line))?)"
)
KEPT_TWIN = re.compile(
    rf"(?i)^\W*(?:(?:{_REPEAT})\W+(?:{_KEEP})|(?:{_KEEP})\W+(?:{_REPEAT}))(?:\W+(?:{_DROP}))?\W*$"
)
_NAMED_ROW = re.compile(rf"(?i)\b{_ROW}")
_WAY = re.compile(r"(?i)\b(above|below)\b")


def kept_twins(
    notes: pd.Series, body: pd.DataFrame, column_map: dict[str, str], header: object
) -> tuple[dict[int, str], set[int]]:
    """Of ``notes`` (a note column's cells, by row), the rows saying they repeat another row and are the one
    to keep (:data:`KEPT_TWIN`): the rows they repeat -> the reason each is left out, and the rows saying so
    (sent: the row they repeat is left out, or gone)."""
    kept = notes[notes.str.fullmatch(KEPT_TWIN)]
    if kept.empty:
        return {}, set()
    headers = [h for h, field in column_map.items() if field in NAME_COLUMNS and h in body.columns]
    names = (
        body[headers]
        .astype(str)
        .apply(lambda c: c.str.casefold().str.split().str.join(" "))
        .agg(" ".join, axis=1)
        if headers
        else pd.Series("", index=body.index)
    )
    rows = body.index.tolist()
    found: dict[int, str] = {}
    lone: set[int] = set()
    for row, text in kept.items():
        own = names.get(row, "").strip()
        # the row it names, where it is this person (the rows under a deleted one are numbered anew)
        named = [
            int(n)
            for n in _NAMED_ROW.findall(text)
            if int(n) != row and int(n) in body.index and (not own or names[int(n)] == names[row])
        ]
        if named:
            twins = named
        elif own:
            way = _WAY.search(text)
            same = [r for r in rows if r != row and names[r] == names[row]]
            if way is not None and way.group(1).lower() == "above":
                same = [r for r in same if r < row][-1:]
            elif way is not None:
                same = [r for r in same if r > row][:1]
            twins = same
        else:
            twins = []
        lone.add(int(row))  # sent, as the note says; held instead where the batch made the other's card
        said = f"row {row} is the same person, its column '{header}' calling it the one to send: "
        for twin in twins:
            found.setdefault(int(twin), f"{_SAYS_NOT_TO_SEND} ({said}'{quoted(text.strip())}')")
    return found, {row for row in lone if row not in found}


__all__ = ["KEPT_TWIN", "kept_twins"]
