"""Duplicates written differently: one person on two rows of a file, spelled or referenced otherwise.

Exact duplicates (same fingerprint) are found first (``_judge_repeats``). A second row for the same person
often differs in ways a fingerprint keeps apart: another system's Employee ID, ``12 Beacon St.`` against
``12 Beacon Street``, ``O’Brien`` against ``O'Brien``. Such a row would be a second card, so it is a
duplicate as well (not sent; the Allow Duplicate column sends it on purpose):

* the same recipient, address, card and value once names and streets are folded
  (:mod:`bulkship.folding`), whatever the Employee IDs say;
* the same Employee ID, name, card and value at another address (which address is right is for a person
  to say);
* the same Employee ID, card and value under another name ("Bob Jones" / "Robert Jones": two HR sources
  merged, one with the preferred name; found by newcomer8). An ID names one person; an email does not
  always (a household's), so this is for Employee IDs only.

The same Employee ID and name, or the same recipient and address, with another card or value is only a
warning: two gifts to one person may be meant. A duplicate row takes the fingerprint of the row it repeats,
so the ledger and the result workbook treat it exactly as an exact duplicate ("duplicate of row N — not
ordered").

The package: :mod:`.keys` (which row each repeats), :mod:`.references` (Employee IDs and emails),
:mod:`.secondgifts` (the warnings), :mod:`.columns`; here the rows are marked.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Mapping

import numpy as np
import pandas as pd

from ...folding import fold_address, fold_person, fold_person_loosely, fold_unit, middle_names
from ...models import FINGERPRINT, ROW, STATUS
from ..collect import ProblemCollector
from .columns import _by_row, _cards, _column, _narrow, shared_keys
from .keys import _Keys, may_meet
from .namesakes import one_name_two_zips
from .references import _EMAIL, _ids_name_people, _names_people, _references, references_people
from .secondgifts import _warn_second_gifts
from .twopeople import two_people

__all__ = ["mark_lookalikes", "references_people"]


def _may_repeat(candidates: pd.DataFrame) -> np.ndarray:
    """Rows that may repeat another, by keys coarser than the folded ones (the same ZIP and card; the same
    reference and card), compared as codes (:func:`shared_keys`): most rows of a list are ruled out without
    folding."""
    references = _references(candidates)
    columns = {
        "zip": [z[:5] for z in _column(candidates, "zip")],
        "card": _cards(candidates),
        "reference": references,
    }
    has_reference = np.fromiter(map(bool, references), dtype=bool, count=len(references))
    by_reference = has_reference & shared_keys(columns, ("reference", "card"))
    return shared_keys(columns, ("zip", "card")) | by_reference


def mark_lookalikes(
    frame: pd.DataFrame,
    collector: ProblemCollector,
    where: str,
    ordered: Callable[[], Collection[str]] | None = None,
    listed: pd.DataFrame | None = None,
    column_map: Mapping[str, str] | None = None,
) -> None:
    """Mark valid rows that repeat an earlier row written differently as duplicates, in place (status,
    fingerprint and an error naming the first row); ``where`` says how to send one on purpose. A row whose
    fingerprint is ``ordered`` (the batch's ledger) goes first: the row already ordered is never made the
    duplicate of a row edited into the same person (it would read "not ordered", its card "no longer in the
    file"). Asked for only when some row repeats another. ``listed``: the list's cells as read
    (``column_map``: header -> field), which may tell two people of one name and address apart
    (:mod:`.twopeople`)."""
    valid = frame[STATUS].eq("valid")
    skipped = frame[STATUS].eq("skipped")
    if ordered is not None and valid.any() and skipped.any():
        # ... and a row the list leaves out now whose card the batch ordered: its person has the card
        # (validate.fingerprints: found by review40 reviewing 59cb16a4). It is never marked itself
        valid = valid | (skipped & frame[FINGERPRINT].astype(str).isin(set(ordered())))
    candidates = _narrow(frame, valid, ROW, FINGERPRINT)
    if len(candidates) < 2:
        return
    _warn_second_gifts(frame, collector, candidates)
    _warn_one_name_two_zips(frame, collector, candidates)
    open_rows = valid & ~skipped & ~frame["allow_duplicate"].eq("yes")  # an allowed row may be repeated
    shared = candidates[_may_repeat(candidates)]
    if len(shared) < 2:
        return
    # a short form in either word read in full ('TAYLOR BOB' = 'Robert Taylor'): these names are compared at
    # one street and ZIP, or under one reference (folding.fold_person_loosely)
    names = list(map(fold_person_loosely, _column(shared, "name")))
    streets = list(map(fold_address, _column(shared, "address1"), _column(shared, "address2")))
    zips = [z[:5] for z in _column(shared, "zip")]
    cards = _cards(shared)
    references = _references(shared)
    ids_name_people = _ids_name_people(candidates) and _names_people(collector.header("external_id"))
    meets = may_meet(names, streets, zips, cards, references, ids_name_people)
    if meets.sum() < 2:
        return
    shared = shared[meets]
    names, streets, zips, cards, references = (
        list(itertools.compress(values, meets)) for values in (names, streets, zips, cards, references)
    )
    units = list(map(fold_unit, _column(shared, "address1"), _column(shared, "address2")))
    by_email = {i for i, r in enumerate(references) if r.startswith(_EMAIL)}
    rows = [int(r) for r in shared[ROW].tolist()]
    fingerprints = shared[FINGERPRINT].astype(str).tolist()
    may_repeat = open_rows[shared.index].tolist()
    middles = list(map(middle_names, _column(shared, "name")))
    keys = _Keys(
        names,
        streets,
        units,
        zips,
        cards,
        references,
        fingerprints,
        may_repeat,
        ids_name_people,
        middles,
        list(map(fold_person, _column(shared, "name"))),  # a full name elsewhere: read as written
    )
    same_person, same_reference, same_id, same_name = keys.repeats(range(len(rows)))
    same_person, same_reference, same_id, same_name, known = _ordered_first(
        keys, fingerprints, units, ordered, (same_person, same_reference, same_id, same_name)
    )
    index = shared.index
    apart = two_people(same_person, references, rows, listed, column_map or {})
    if apart:
        same_person = {i: f for i, f in same_person.items() if i not in apart}
        _warn_two_people(
            frame, collector, shared, {index[i]: (rows[f], i, f, h) for i, (f, h) in apart.items()}
        )
    _mark_repeats(
        frame,
        collector,
        where,
        shared,
        rows,
        fingerprints,
        references,
        by_email,
        (same_person, same_reference, same_id, same_name),
    )
    _hold_first_addresses(frame, collector, index, rows, fingerprints, same_reference, same_name, known)


def _ordered_first(
    keys: _Keys,
    fingerprints: list[str],
    units: list[str],
    ordered: Callable[[], Collection[str]] | None,
    found: tuple[dict[int, int], dict[int, int], dict[int, int], dict[int, int]],
) -> tuple[dict[int, int], dict[int, int], dict[int, int], dict[int, int], set[str]]:
    """The repeats found again with the rows the batch ordered first (never made the duplicate of a row
    edited into the same person), then a row naming its flat over one without; also the fingerprints
    ordered."""
    same_person, same_reference, same_id, same_name = found
    known: set[str] = set()
    if (same_person or same_reference or same_id or same_name) and ordered is not None:
        known = set(ordered())
        if any(fingerprints[i] in known for i in [*same_person, *same_reference, *same_id, *same_name]):
            first = sorted(range(len(fingerprints)), key=lambda i: fingerprints[i] not in known)
            same_person, same_reference, same_id, same_name = keys.repeats(first)
    if any(units[i] and not units[f] for i, f in same_person.items()):
        # a form answered again adding the flat number: the row naming it is kept, the other its duplicate
        # (the card went to '375 Maple St' without 'Apt 2': newcomer22's N5); a row ordered still goes first
        first = sorted(range(len(fingerprints)), key=lambda i: (fingerprints[i] not in known, not units[i]))
        same_person, same_reference, same_id, same_name = keys.repeats(first)
    return same_person, same_reference, same_id, same_name, known


def _mark_repeats(
    frame: pd.DataFrame,
    collector: ProblemCollector,
    where: str,
    shared: pd.DataFrame,
    rows: list[int],
    fingerprints: list[str],
    references: list[str],
    by_email: set[int],
    repeats: tuple[dict[int, int], dict[int, int], dict[int, int], dict[int, int]],
) -> None:
    """Each row repeating another marked a duplicate, its error naming the first row and how: the same ID
    under another name, the same recipient written differently (under another ID), the same ID or email at
    another address, the same name at another street of the ZIP."""
    same_person, same_reference, same_id, same_name = repeats
    index = shared.index
    elsewhere = "name and card as row {first}, at another address (keep the right address on one row)"
    written = _column(shared, "name")
    first_names = pd.Series({index[i]: written[f] for i, f in same_id.items()}, dtype=object).reindex(
        frame.index, fill_value=""
    )
    counts = _other_counts(frame, shared, rows, {**same_reference, **same_person, **same_id, **same_name})
    for found, message in (
        (
            same_id,
            f"same {collector.header('external_id')} and card as row {{first}}, under another name "
            "('{first_name}'): one ID is one person (keep the name to print on one row)",
        ),
        (
            {i: f for i, f in same_person.items() if not _other_ids(references, i, f)},
            "same recipient, address and card as row {first}, written differently",
        ),
        (  # ... under other IDs, nothing else telling two people apart (.twopeople): one person, said so
            {i: f for i, f in same_person.items() if _other_ids(references, i, f)},
            f"same recipient, address and card as row {{first}}, written differently, under another "
            f"{collector.header('external_id')}: one person, it seems (IDs of two systems, or a row copied "
            "and its ID mistyped; nothing else in the rows tells two people apart)",
        ),
        (
            {i: f for i, f in same_reference.items() if i not in by_email},
            f"same {collector.header('external_id')}, {elsewhere}",
        ),
        (
            {i: f for i, f in same_reference.items() if i in by_email},
            f"same {collector.header('email')}, {elsewhere}",
        ),
        (
            same_name,
            "same name and card as row {first}, at another street of the same ZIP (one person's old and "
            "corrected address, or two people who share a name)",
        ),
    ):
        if not found:
            continue
        at = [index[i] for i in found]
        mask = pd.Series(frame.index.isin(at), index=frame.index)
        first_rows = _by_row(frame, {index[i]: rows[f] for i, f in found.items()})
        collector.error(
            mask,
            collector.person_column(),
            "Duplicate row",
            f"{message}{{counts}}; it will not be sent twice. To send it again on purpose, {where}.",
            extra={"first": first_rows, "first_name": first_names, "counts": counts},
        )
        frame.loc[at, FINGERPRINT] = [fingerprints[f] for f in found.values()]
        frame.loc[at, STATUS] = "duplicate"


def _hold_first_addresses(
    frame: pd.DataFrame,
    collector: ProblemCollector,
    index: pd.Index,
    rows: list[int],
    fingerprints: list[str],
    same_reference: dict[int, int],
    same_name: dict[int, int],
    known: set[str],
) -> None:
    """The first row of a person repeated at another address held too, unless it was ordered: which address
    is right is the person's to say."""
    later = {index[f]: rows[i] for i, f in same_reference.items() if fingerprints[f] not in known}
    _hold_the_first_address(frame, collector, later)
    namesakes = {index[f]: rows[i] for i, f in same_name.items() if fingerprints[f] not in known}
    if namesakes:
        header = collector.header("allow_duplicate")
        added = "" if collector.has_column("allow_duplicate") else " (add that column: the file has none)"
        both = f"put yes in the '{header}' column of row {{later}}{added}"
        _hold_the_first_address(frame, collector, namesakes, namesakes_fix=both)


def _warn_one_name_two_zips(frame: pd.DataFrame, collector: ProblemCollector, valid: pd.DataFrame) -> None:
    """A warning on each row whose full name and card an earlier row has in another ZIP, no Employee ID or
    email on either (:mod:`.namesakes`): both are sent."""
    found = one_name_two_zips(valid)
    if found:
        collector.warn(
            pd.Series(frame.index.isin(list(found)), index=frame.index),
            "name",
            "One person at two addresses?",
            "the same name and card are on row {first} at an address in another ZIP: both are sent, as two "
            "people who share a name. If it is one person (moved, listed twice), keep one row.",
            extra={"first": _by_row(frame, found)},
        )


def _other_ids(references: list[str], i: int, first: int) -> bool:
    """Whether two rows carry Employee IDs (no emails) that differ."""
    mine, theirs = references[i], references[first]
    emails = mine.startswith(_EMAIL) or theirs.startswith(_EMAIL)
    return bool(mine and theirs and mine != theirs and not emails)


def _warn_two_people(
    frame: pd.DataFrame,
    collector: ProblemCollector,
    shared: pd.DataFrame,
    found: dict[object, tuple[int, int, int, str]],
) -> None:
    """A warning on each row read as another person than the row of its name and address
    (:func:`.twopeople.two_people`; ``found``: frame index -> that row, the two positions in ``shared``, the
    header of a cell that differs): both are sent."""
    ids = _column(shared, "external_id")
    id_header = collector.header("external_id")
    collector.warn(
        pd.Series(frame.index.isin(list(found)), index=frame.index),
        collector.person_column(),
        "Two people of one name?",
        f"the same name and address are on row {{first}} under another {id_header} ('{{first_id}}'), and "
        "'{differs}' differs: read as two people who share a name (a parent and child?), both are sent. If "
        "it is one person, remove one row.",
        extra={
            "first": _by_row(frame, {k: v[0] for k, v in found.items()}),
            "first_id": pd.Series({k: ids[v[2]] for k, v in found.items()}, dtype=object).reindex(
                frame.index, fill_value=""
            ),
            "differs": pd.Series({k: v[3] for k, v in found.items()}, dtype=object).reindex(
                frame.index, fill_value=""
            ),
        },
    )


def _hold_the_first_address(
    frame: pd.DataFrame, collector: ProblemCollector, later: dict[object, int], namesakes_fix: str = ""
) -> None:
    """The first of one person's rows with one card at two addresses is not sent either (``later``: its
    frame index -> the row at the other address): sent, a form answered twice with the street corrected
    ordered the old street, nobody asked (found by newcomer4). Which address is right is the person's to
    say; a first row already ordered is not in ``later`` (its card went). ``namesakes_fix``: the rows are
    only of one full name, ZIP and card (no reference says one person), and this says how to send both."""
    if not later:
        return
    at = list(later)
    whose = (
        "name and card as row {later}, at another street of the same ZIP"
        if namesakes_fix
        else ("person and card as row {later}, at another address")
    )
    two_people = f" If they are two people who share a name, {namesakes_fix}." if namesakes_fix else ""
    collector.error(
        pd.Series(frame.index.isin(at), index=frame.index),
        "address1",
        "Two addresses",
        f"the same {whose}: which one is right is yours to say, so neither row is sent. Keep the right "
        f"address on one row (correct this row, or take the other off), then run again.{two_people}",
        extra={"later": _by_row(frame, later)},
    )
    frame.loc[at, STATUS] = "invalid"


def _other_counts(
    frame: pd.DataFrame, shared: pd.DataFrame, rows: list[int], found: dict[int, int]
) -> pd.Series:
    """For each duplicate asking another number of cards than the row it repeats, what each asks: only the
    first row's count is ordered (found by newcomer9: "1 card" then "3 cards" read as one card, no word of
    the 3)."""
    quantities = [q or "1" for q in _column(shared, "quantity")]
    said = {}
    for i, f in found.items():
        if quantities[i] != quantities[f]:
            first, asked = rows[f], quantities[f]
            said[shared.index[i]] = (
                f" (row {first} asks for {asked} card(s), this row for {quantities[i]}: only row {first}'s "
                f"{asked} is ordered; if this row's count is right, correct row {first})"
            )
    return pd.Series(said, dtype=object).reindex(frame.index, fill_value="")
