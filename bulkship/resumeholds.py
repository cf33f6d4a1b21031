"""The rows of a run's file that its resume does not plan now, and why (a step of
:func:`bulkship.resume.sync_ledger`): held as the repeat policy says (a card ordered already, here or by
another ledger; its line cancelled at the vendor; the very card another batch made), released on purpose
(--allow-repeat, logged), taken out of the file and sent by another batch, or read as a row the batch
ordered, written otherwise."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from pathlib import Path
from typing import Any, NamedTuple

from .ledger import Ledger, OrderRecord, RowRecord
from .models import FINGERPRINT, ValidationResult
from .repeats import RepeatPolicy, find_holds, release, rows_held
from .repeats.cancelled import cancelled_rows
from .repeats.foreign import ordered_by_another_ledger
from .repeats.samefile import warned_rows
from .validate.lookalikes import references_people


class Held(NamedTuple):
    """The rows of this file not planned now, and why (:func:`rows_held_now`)."""

    holds: dict[str, str]  # fingerprint -> why held: it repeats a card, its card cancelled, ...
    taken_out: dict[str, str]  # rows taken out of the file and sent by another batch: sent elsewhere
    cards: dict[str, tuple[str, str | None, str]]  # rows held for the very card another batch made
    repeated: dict[int, str]  # rows planned although they repeat (every one, or those a person chose)
    read_as: tuple[int, ...]  # rows the batch ordered, written otherwise (repeats.notes)


def rows_held_now(
    ledger: Ledger,
    batch: str,
    validation: ValidationResult,
    known: dict[str, RowRecord],
    orders: dict[str, OrderRecord],
    repeats: RepeatPolicy | None,
    *,
    api: str | None,
    unread: Collection[str],
) -> Held:
    """The rows held as ``repeats`` says (a card ordered already, here or by another ledger; its line
    cancelled at the vendor; the very card another batch made), those released (--allow-repeat: sent on
    purpose, logged), and those taken out of the file and sent by another batch."""
    frame, sheet = validation.rows, validation.sheet
    file_name = Path(sheet.path).name
    people = references_people(sheet.column_map)  # an account's contacts share its 'Customer ID'
    policy = dataclasses.replace(repeats or RepeatPolicy(), references_people=people)
    adopted: dict[str, str] = {}  # rows the batch ordered, written otherwise: read as those rows
    taken_out: dict[str, str] = {}  # rows taken out of the file and sent by another batch: sent elsewhere
    cards: dict[str, tuple[str, str | None, str]] = {}  # rows held for the very card another batch made
    found = find_holds(
        ledger, batch, frame, known=known, orders=orders, policy=policy, api=api, file_name=file_name,
        adopted=adopted, taken_out=taken_out, cards=cards, warned=warned_rows(validation.problems),
    )  # fmt: skip
    for fingerprint, note in ordered_by_another_ledger(ledger, sheet, frame).items():
        found.setdefault(fingerprint, note)  # another ledger's results sheet (found by hunter-web5)
    # its line cancelled at the vendor, or the card another batch made it was held for: not undone by a
    # re-run (a card made elsewhere since stands: held as this person's, nothing to do)
    theirs: dict[str, tuple[str, str | None, str]] = {}
    ended = {
        fp: n for fp, n in cancelled_rows(ledger, batch, frame, known, theirs).items() if fp not in cards
    }
    found |= ended
    cards |= theirs  # kept: the next run holds it again
    read_as = _read_as_ordered(frame, adopted, found)
    holds = release(ledger, batch, found, policy)  # --allow-repeat: sent on purpose, logged
    # ... but not one whose order could not be read again now: the vendor may have made its card since
    holds |= {fp: note for fp, note in ended.items() if fp in known and known[fp].po_number in unread}
    # the rows planned although they repeat (every one, or those a person chose): listed with the plan
    repeated = rows_held(frame, {fp: n for fp, n in found.items() if fp not in holds}) if found else {}
    return Held(holds, taken_out, cards, repeated, read_as)


def _read_as_ordered(frame: Any, adopted: dict[str, str], found: dict[str, str]) -> tuple[int, ...]:
    """The rows of ``frame`` that are rows the batch ordered, written otherwise (``adopted``: fingerprint ->
    the ordered row's), given that row's fingerprint in place: its card, its status and the workbook's
    line are that row's, nothing is sent for it and nothing held (``found`` loses them). Their rows."""
    if not adopted:
        return ()
    fingerprints = frame[FINGERPRINT].astype(str)
    mine = fingerprints.isin(set(adopted))
    frame.loc[mine, FINGERPRINT] = fingerprints[mine].map(adopted)
    for fingerprint in adopted:
        found.pop(fingerprint, None)
    return tuple(int(row) for row in frame.index[mine.to_numpy()].tolist())
