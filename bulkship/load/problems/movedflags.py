"""A column a mail house or a CRM marks moved addresses with ('Moved' = Y, 'COA', 'Change of Address', 'NCOA
Flag' = Y, 'NCOA Status' = Moved, an NCOA return code): the row's street may be the one the person left. Read
as nothing, each card was mailed there, exit 0 (found by newcomer26 and newcomer27 as marketing users; the
lead's decision): an error on the row asking to confirm the address, unless a column says the address was
updated on that row ('NCOA Updated', 'Address Updated' = Y). A no, blank or 'Not moved' sends; what the
cell says otherwise, a code too, asks. Rows the list leaves out ('Moved Away' = x, 'NCOA' = 'Moved - left no
address') are not asked about."""

from __future__ import annotations

import re
from collections.abc import Collection

import pandas as pd

from ...models import Problem
from ..skipped import _short
from ..skipped.addressmissing import CHANGING
from ..skipped.flags import ADDRESS_STATUS
from ..skipped.languages import plain_key

# the words of a header marking a move ('Change of Address' and 'Address Change' read as 'coa')
_MOVED = frozenset({"ncoa", "coa", "moved", "mover", "movers", "relocated"})
# (not 'Address Changed' = Yes, an HR export's row whose address was updated: review14)
_COA = re.compile(r"\bchanges? of address\b|\baddress changes?\b")
# ... with nothing else but what names a flag or a code ('NCOA Match Flag', 'Has Moved', 'NCOA Return Code'):
# not its day, the new address, whether it was put right, nor a move of something else ('Moved to Sales')
_FLAG_WORDS = frozenset(
    {"flag", "flags", "indicator", "ind", "yn", "y", "n", "code", "codes", "status", "result", "results",
     "match", "matched", "hit", "type", "return", "action", "footnote", "move", "moves", "out", "has", "have",
     "is", "was", "did", "the", "this", "person", "employee", "recipient", "contact", "record", "customer",
     "member", "usps", "ncoalink"}
)  # fmt: skip
# ... and a column saying it was ('NCOA Updated', 'Address Updated', 'COA Applied' = Y): the row holds the new
_UPDATED = frozenset({"updated", "applied", "corrected", "standardized", "standardised", "fixed"})
_OF_ADDRESS = frozenset({"ncoa", "coa", "address", "addr"})
# what says no move: blank, a no, a code of none, or the address found good
_NO_MOVE = re.compile(
    r"(?i)\s*(?:no|n|false|f|0+|none|nil|null|n\.?\s*/?\s*a\.?|[-–—_.]+|not\s+(?:moved|a\s+mover|applicable)|"
    r"no\s+(?:move|match|change|coa|ncoa|record)|nomatch|unchanged|same|valid|verified|ok|okay|current|"
    r"confirmed|deliverable|clean|pass(?:ed)?|good)\s*\.?\s*"
)
# ... and, under an address's own status ('Address Status', 'NCOA Status'), the words of a move
_SAYS_MOVED = re.compile(r"(?i)\s*(?:moved|mover|relocated|coa|ncoa|change\s+of\s+address|new\s+address)\b")
_YES = re.compile(r"(?i)\s*(?:y|yes|true|t|1|x|✓|✔|updated|applied|corrected|done)\s*")


def _words(header: object) -> list[str]:
    return _COA.sub("coa", " ".join(re.findall(r"[a-z]+", str(header).casefold()))).split()


def _bare_coa(header: object) -> bool:
    """A header of 'COA' alone, which a ledger's list names its chart of accounts by: read by a yes only."""
    return _words(header) == ["coa"] and not re.search(r"(?i)change|address", str(header))


def moved_header(header: object) -> bool:
    """Whether ``header`` marks the rows whose address moved ('Moved', 'NCOA Flag', 'Change of Address')."""
    words = set(_words(header))
    return bool(words & _MOVED) and words <= _MOVED | _FLAG_WORDS


def _updated_header(header: object) -> bool:
    words = set(_words(header))
    return bool(words & _UPDATED) and bool(words & _OF_ADDRESS)


def reads_moves(header: object) -> bool:
    """Whether :func:`moved_flag_problems` reads ``header``'s cells for a move (a column no field reads):
    listed as 'not used' while its marks raised errors (newcomer27's N5b)."""
    return moved_header(header) or _bare_coa(header) or plain_key(str(header)) in ADDRESS_STATUS


def moved_flag_problems(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: Collection[int]
) -> list[Problem]:
    """An error on each row a moved column marks, where no column says its address was updated: one naming
    every column marking it (asked one at a time, the second asked once the first was cleared: newcomer27's
    N5b)."""
    street = next((h for h, field in column_map.items() if field == "address1"), None)
    if street is None:
        return []
    updated = [h for h in body.columns if h not in column_map and _updated_header(h)]
    marked: dict[int, list[tuple[str, str]]] = {}
    for header in body.columns:
        if header in column_map:
            continue
        whole, bare = moved_header(header), _bare_coa(header)
        if not whole and plain_key(str(header)) not in ADDRESS_STATUS:
            continue
        for row, cell in body[header].items():
            said = " ".join(str(cell if pd.notna(cell) else "").split())
            if int(row) in not_judged or not said or _NO_MOVE.fullmatch(said):
                continue
            if not whole and not _SAYS_MOVED.match(said):
                continue  # ('Address Status' = Valid, Undeliverable: read as the list's no where it is one)
            if bare and not (_YES.fullmatch(said) or _SAYS_MOVED.match(said)):
                continue  # ('COA' = 6100-200, an account)
            if any(_YES.fullmatch(str(body.at[row, h])) for h in updated):
                continue
            marked.setdefault(int(row), []).append((str(header), _short(said, 40)))
    return [_asked(row, marks, street, body) for row, marks in sorted(marked.items())]


def _asked(row: int, marks: list[tuple[str, str]], street: str, body: pd.DataFrame) -> Problem:
    typed = " ".join(str(body.at[row, street]).split())
    names = " and ".join(", ".join(f"'{h}'" for h, _said in marks).rsplit(", ", 1))
    columns, verb = ("column", "marks") if len(marks) == 1 else ("columns", "mark")
    shown = ", ".join(f"'{h}' = {said}" for h, said in marks)
    message = (
        f"Row {row}, {columns} {names}: {verb} this address as moved ({shown}): the card would go to "
        f"'{typed}'. Confirm it is the new address (or put the new one in '{street}' and the columns beside "
        f"it), then clear {names} on this row."
    )
    return Problem(row, "address1", typed, "error", message, CHANGING)
