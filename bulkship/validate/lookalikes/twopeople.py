"""Two people of one name at one address, told apart by their Employee IDs and the list's other cells: a
father and son without 'Jr.', two roommates of a common name. Read as one person written differently, the
second was not sent (hunter-falsealarm3's L6; the lead decided so): they are two people, both sent with a
warning, where the IDs are of one kind ('E2' and 'E3', not 'E2' and '100234', one person in two systems) and
another cell of the rows differs ('Notes' = 'father of E2', another email). Rows alike in every other cell
stay one person's: an ID alone mistyped on a copied row would send a second card; so do rows of one email,
and a cell about the record (its owner, when it was made) tells no two people apart."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from .references import _EMAIL, _ONE_EMAIL

# The fields the look-alike keys compare (folded) and the ID itself: their cells differ by how they are
# written, which tells no two people apart
_KEYED = frozenset(
    {"name", "first_name", "last_name", "address1", "address2", "city", "state", "zip", "country", "product",
     "value", "quantity", "external_id", "allow_duplicate"}
)  # fmt: skip
_DIGITS = re.compile(r"\d+")
_AN_EMAIL = re.compile(_ONE_EMAIL)
# a column about the record, not its person: who owns or made it, when, from where. A CRM lists one contact
# twice, each record its own 'Contact Owner' (the sales rep): read as two people, both sent (newcomer23's N2)
_ABOUT_THE_RECORD = re.compile(
    r"(?i)(?:^|[\W_])(?:owner|rep|reps|representative|sales\s*person|account\s+(?:manager|executive|exec)|"
    r"assigned|created|modified|updated|edited|imported|last\s+activity|lead\s+source|source)(?:$|[\W_])"
)


def two_people(
    pairs: Mapping[int, int],
    references: list[str],
    rows: list[int],
    listed: pd.DataFrame | None,
    column_map: Mapping[str, str],
) -> dict[int, tuple[int, str]]:
    """Of ``pairs`` (position -> the position it repeats as the same person), those told apart as two
    people: position -> (the other's position, the header of a cell that differs). ``rows``: each position's
    row of ``listed`` (the list's cells as read; None: nothing to tell them by)."""
    if listed is None or not pairs:
        return {}
    found: dict[int, tuple[int, str]] = {}
    others = [
        h for h in listed.columns if column_map.get(h) not in _KEYED and not _ABOUT_THE_RECORD.search(str(h))
    ]
    emails = [h for h in others if column_map.get(h) == "email"]
    counters: dict[str, bool] = {}  # header -> whether it differs on every row (read once, when asked)
    for i, first in pairs.items():
        mine, theirs = references[i], references[first]
        if not mine or not theirs or mine == theirs or mine.startswith(_EMAIL) or theirs.startswith(_EMAIL):
            continue
        if _DIGITS.sub("9", mine) != _DIGITS.sub("9", theirs):
            continue
        mine_said, theirs_said = (_said(listed.loc[rows[j], others]) for j in (i, first))
        if any(
            _AN_EMAIL.fullmatch(mine_said[str(h)]) and mine_said[str(h)] == theirs_said[str(h)]
            for h in emails
        ):
            continue  # one email is one person, whatever else differs
        differ = (h for h in others if mine_said[str(h)] != theirs_said[str(h)])
        telling = next((h for h in differ if not _a_counter(listed, column_map, h, counters)), None)
        if telling is not None:
            found[i] = (first, str(telling))
    return found


def _a_counter(
    listed: pd.DataFrame, column_map: Mapping[str, str], header: str, seen: dict[str, bool]
) -> bool:
    """Whether a column is different on every row, which tells no two people apart (a row counter, a time
    stamp, a row's own id); an email does."""
    if header not in seen:
        cells = listed[header].astype(str).str.strip()
        seen[header] = (
            column_map.get(header) != "email"
            and len(cells) > 2
            and bool(cells.ne("").all() and cells.is_unique)
        )
    return seen[header]


def _said(cells: pd.Series) -> dict[str, str]:
    """A row's cells (header -> cell) as compared: spaces folded, case-folded."""
    return {str(h): " ".join(str(v).split()).casefold() for h, v in cells.items()}
