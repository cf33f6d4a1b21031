"""A row's fingerprint (the hash of what it orders) and the rows that repeat another: duplicates, repeats
allowed on purpose ('#2'...), and skipped rows, which are never anyone's duplicate."""

from __future__ import annotations

import hashlib
import operator
from collections.abc import Callable, Collection, Mapping

import pandas as pd

from ..models import FINGERPRINT, ROW, STATUS
from ..schema import SheetContract
from .collect import ProblemCollector
from .lookalikes import mark_lookalikes

# Ordering-relevant fields: a change in any of them makes a different order (fingerprint input).
FINGERPRINT_FIELDS = (
    "name",
    "address1",
    "address2",
    "city",
    "state",
    "zip",
    "country",
    "product",
    "value",
    "quantity",
    "shipping_method",
    "carrier_id",
    "external_id",
)
_CASE_INSENSITIVE = ("name", "address1", "address2", "city")
FINGERPRINT_HEX = 32


def _fingerprint_and_duplicates(
    frame: pd.DataFrame,
    collector: ProblemCollector,
    contract: SheetContract,
    skipped: pd.Series,
    ordered: Callable[[], Collection[str]] | None = None,
    *,
    names: pd.Series | None = None,
    streets: pd.Series | None = None,
    lines_2: pd.Series | None = None,
    listed: pd.DataFrame | None = None,
    column_map: Mapping[str, str] | None = None,
) -> None:
    """``names``: the name a row's fingerprint reads where it is not the one sent ("" elsewhere);
    ``streets``: likewise the street, read with no line 2 (a street of two lines, its second moved to line
    2); ``lines_2``: likewise line 2 (its unit named or found in the street since). ``listed``,
    ``column_map``: the list's cells as read, which may tell two people of one name apart."""
    base = pd.Series(_fingerprints(frame, names, streets, lines_2), index=frame.index, dtype=object)
    if not skipped.any():
        _judge_repeats(frame, base, collector, ordered, listed, column_map)
        return
    # skipped rows are never anyone's duplicate; one whose card the batch ordered is the row its person's
    # other rows repeat ('Ann Lee, 1 Old St' sent, then left out for her row below noted 'Second entry -
    # correct address': that row was ordered too, a second card; found by review40 reviewing 59cb16a4)
    judged = ~skipped
    if ordered is not None and judged.any():
        judged = judged | (skipped & base.isin(set(ordered())))
    shown = frame[judged].copy()
    _judge_repeats(shown, base[judged], collector, ordered, listed, column_map)
    fingerprints = base.copy()
    fingerprints[~skipped] = shown.loc[frame.index[~skipped], FINGERPRINT]
    fingerprints[skipped] = _skipped_fingerprints(base[skipped], set(base[~skipped].tolist()))
    frame[FINGERPRINT] = fingerprints
    frame.loc[shown.index[shown[STATUS].eq("duplicate").to_numpy()], STATUS] = "duplicate"


def _judge_repeats(
    frame: pd.DataFrame,
    base: pd.Series,
    collector: ProblemCollector,
    ordered: Callable[[], Collection[str]] | None = None,
    listed: pd.DataFrame | None = None,
    column_map: Mapping[str, str] | None = None,
) -> None:
    """Fingerprints (with '#2'... for repeats allowed on purpose) and duplicate rows, in place."""
    codes, uniques = pd.factorize(base)
    if len(uniques) == len(base):  # the usual list: no two rows alike
        occurrence = pd.Series(0, index=frame.index, dtype="int64")
        first_row = frame[ROW]
    else:
        occurrence = base.groupby(codes).cumcount()
        first_row = frame[ROW].groupby(codes).transform("first")
    repeat = occurrence.gt(0)
    allowed = repeat & frame["allow_duplicate"].eq("yes")
    fingerprint = base.copy()
    if allowed.any():  # '#2', '#3'... only where built: a million-row column of suffixes costs 150 MB
        fingerprint[allowed] = base[allowed] + "#" + (occurrence[allowed] + 1).astype(str)
    frame[FINGERPRINT] = fingerprint
    duplicate = repeat & ~allowed
    header = collector.header("allow_duplicate")
    where = (
        f"put yes in the '{header}' column"
        if collector.has_column("allow_duplicate")
        else f"add a column '{header}' and put yes in it for this row"
    )
    collector.error(
        duplicate & frame[STATUS].eq("valid"),
        collector.person_column(),
        "Duplicate row",
        f"same recipient, address and card as row {{first}}; it will not be sent twice. To send it again on "
        f"purpose, {where}.",
        extra={"first": first_row},
    )
    frame.loc[duplicate & frame[STATUS].eq("valid"), STATUS] = "duplicate"
    mark_lookalikes(frame, collector, where, ordered, listed, column_map)  # one person written differently


def _skipped_fingerprints(base: pd.Series, shown: set[str]) -> list[str]:
    """A skipped row keeps the fingerprint it would have if shown (a row ordered before and hidden since is
    still known as ordered), unless a shown row has the same content: then its own, so the ledger never
    takes one for the other. Skipped rows alike (three empty 'SUBTOTAL' rows) are told apart by their
    place among them: one ledger row for all three counted one skipped row where the workbook showed three
    (found by hunter-sheets)."""
    found: list[str] = []
    seen: dict[str, int] = {}
    for fp in base.tolist():
        own = fp if fp not in shown else f"{fp}~skipped"
        seen[own] = seen.get(own, 0) + 1
        found.append(own if seen[own] == 1 else f"{own}~skipped{seen[own]}")
    return found


def _fingerprints(
    frame: pd.DataFrame,
    names: pd.Series | None = None,
    streets: pd.Series | None = None,
    lines_2: pd.Series | None = None,
) -> list[str]:
    """sha256 of the ordering fields joined by U+001F (names and address case-folded), first 32 hex digits;
    computed with C-level maps: no Python bytecode per row. ``names``: the name read in place of ``name``
    where not ""; ``streets``: the street read in place of ``address1``, with an empty ``address2``;
    ``lines_2``: line 2 read in place of ``address2`` where not "" (a bare '4' named 'Apt 4' reads '4', as
    every batch ordered before did)."""
    columns = {c: frame[c] for c in FINGERPRINT_FIELDS}
    if lines_2 is not None and lines_2.ne("").any():
        columns["address2"] = frame["address2"].where(lines_2.eq(""), lines_2)
    if names is not None and names.ne("").any():
        columns["name"] = frame["name"].where(names.eq(""), names)
    if streets is not None and streets.ne("").any():
        columns["address1"] = frame["address1"].where(streets.eq(""), streets)
        columns["address2"] = frame["address2"].where(streets.eq(""), "")
    fields = [  # case-folded lazily: a million rows' folded copies never exist at once
        map(str.casefold, columns[c].tolist()) if c in _CASE_INSENSITIVE else columns[c].tolist()
        for c in FINGERPRINT_FIELDS
    ]
    digests = map(hashlib.sha256, map(str.encode, map("\x1f".join, zip(*fields, strict=True))))
    return list(map(operator.itemgetter(slice(FINGERPRINT_HEX)), map(_hexdigest, digests)))


_hexdigest = operator.methodcaller("hexdigest")
