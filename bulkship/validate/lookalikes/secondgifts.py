"""Two gifts to one person are only a warning: the same name and address, or one name written two ways, with
another card or value (two gifts may be meant)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ...folding import (
    fold_address,
    fold_person,
    fold_reference,
    fold_unit,
    same_unit,
)
from ...models import ROW
from ...namealike import names_alike
from ..collect import ProblemCollector
from .columns import _SEP, _by_row, _cards, _column, _text, shared_keys

SECOND_CARD = "Second card for one person"  # the warnings' kind (repeats.samefile reads which rows have one)

# what `run` does with such a row (bulkship.repeats.samefile, the lead's leftover 4.1 of session 49): the
# person got both cards where the same two under two batches hold the second
_SECOND_HELD = (
    "a second card for one person, so `bulkship run` holds the row not sent yet (this one, unless the other "
    "was ordered first) until you say. Remove one row if that is a mistake; for two cards on purpose, write "
    "yes in an 'Allow Duplicate' column on this row, or run with --allow-repeat."
)


def _warn_second_gifts(frame: pd.DataFrame, collector: ProblemCollector, valid: pd.DataFrame) -> None:
    """Warn on a row whose Employee ID and name an earlier row has, with another card or value; on one at
    the address and card of an earlier row under a name written almost alike; and on one whose recipient
    and address an earlier row has (names and streets folded), with another card or value: a list copied
    and its amount edited on one row reads the same way without an Employee ID."""
    second = _second_gift_rows(valid)
    said = f"{collector.header('external_id')} {{old}} is also on row {{first}} with another card or value: "
    _warn_held_or_sent(frame, collector, second, "external_id", said)
    alike = {k: v for k, v in _names_written_two_ways(valid).items() if k not in second}
    _warn_rows(
        frame, collector, alike, "name", "One person written two ways?",
        "the same address and card are on row {first} under a name written almost alike: if it is one "
        "person, remove one of the rows (else two cards go out).",
    )  # fmt: skip
    same_place = {k: v for k, v in _second_gifts_at_one_address(valid).items() if k not in second}
    apart = ids_differ(valid, same_place)  # two people, as across batches
    said = "the same recipient and address are on row {first} with another card or value: "
    one = {k: v for k, v in same_place.items() if k not in apart}
    _warn_held_or_sent(frame, collector, one, "name", said)
    other_id = f"under another {collector.header('external_id')}"
    _warn_rows(
        frame, collector, {k: v for k, v in same_place.items() if k in apart}, "name",
        SECOND_CARD,
        f"the same recipient and address are on row {{first}} {other_id}, with another card or value: both "
        "are sent, as two people who share a name and address; remove one row if it is one person.",
    )  # fmt: skip


def ids_differ(valid: pd.DataFrame, found: dict[object, int]) -> set[object]:
    """The rows of ``found`` (frame index -> an earlier row of ``valid``) whose row and the earlier one carry
    Employee IDs of their own that differ: two people (repeats.othercard reads another batch's card so)."""
    if not found:
        return set()
    references = dict(zip(valid.index, _text(valid, "external_id").map(fold_reference), strict=True))
    by_row = dict(zip(valid[ROW].astype(int), references.values(), strict=True))
    return {k for k, f in found.items() if references[k] and by_row.get(f) not in ("", None, references[k])}


def _warn_held_or_sent(
    frame: pd.DataFrame, collector: ProblemCollector, found: dict[object, int], column: str, said: str
) -> None:
    """The second cards ``found`` as `run` treats them: held, or sent where the row's 'Allow Duplicate' says
    yes."""
    allowed = frame["allow_duplicate"].eq("yes") if "allow_duplicate" in frame.columns else None
    sent = {k: v for k, v in found.items() if allowed is not None and allowed[k]}
    held = {k: v for k, v in found.items() if k not in sent}
    _warn_rows(frame, collector, held, column, SECOND_CARD, said + _SECOND_HELD)
    both = said + "this person gets two cards, as the row's 'Allow Duplicate' says."
    _warn_rows(frame, collector, sent, column, SECOND_CARD, both)


def _warn_rows(
    frame: pd.DataFrame,
    collector: ProblemCollector,
    found: dict[object, int],
    column: str,
    kind: str,
    message: str,
) -> None:
    """A warning on each row of ``found`` (frame index -> the earlier row it names as {first})."""
    if found:
        mask = pd.Series(frame.index.isin(list(found)), index=frame.index)
        collector.warn(mask, column, kind, message, extra={"first": _by_row(frame, found)})


def _two_words(name: str) -> tuple[str, str]:
    """A folded name's two words; ("", "") unless it has two (:func:`names_alike` compares only those)."""
    words = name.split()
    return (words[0], words[1]) if len(words) == 2 else ("", "")


def _sharing_a_word(
    zips: Sequence[str], cards: Sequence[str], firsts: Sequence[str], lasts: Sequence[str]
) -> np.ndarray:
    """Which rows share a word of their name with another row at their ZIP and card, in either place (the
    words are in the order of their letters: 'soprano tony' and 'anthony soprano' share 'soprano'): each
    row twice, once by each word, through :func:`shared_keys`."""
    count = len(zips)
    twice = {"zip": [*zips, *zips], "card": [*cards, *cards], "word": [*firsts, *lasts]}
    shared = shared_keys(twice, ("zip", "card", "word"))
    return np.asarray(shared[:count] | shared[count:])


def _names_written_two_ways(valid: pd.DataFrame) -> dict[object, int]:
    """Rows of ``valid`` at the street, ZIP and card of an earlier row whose name is that row's written with
    a typo (a corrected list re-sent: "Jon Smith" then "John Smith"): frame index -> the earlier row."""
    zips = [z[:5] for z in _column(valid, "zip")]
    cards = _cards(valid)
    names = list(map(fold_person, _column(valid, "name")))
    words = {name: _two_words(name) for name in set(names)}
    # two names alike have their first or their last word the same: only rows sharing one with another row
    # at their ZIP and card are folded further (a million rows took 600 MB and 40 s otherwise)
    alike = _sharing_a_word(
        zips, cards, [words[name][0] for name in names], [words[name][1] for name in names]
    )
    alike &= np.fromiter((bool(words[name][1]) for name in names), dtype=bool, count=len(names))
    if alike.sum() < 2:
        return {}
    shared = valid[alike]
    names = list(itertools.compress(names, alike))
    streets = map(fold_address, _column(shared, "address1"), _column(shared, "address2"))
    at = (itertools.compress(zips, alike), itertools.compress(cards, alike))
    places = list(map(_SEP.join, zip(streets, *at, strict=True)))
    rows = [int(r) for r in shared[ROW].tolist()]
    earlier: dict[str, list[int]] = {}
    found: dict[object, int] = {}
    for position, place in enumerate(places):
        before = next((j for j in earlier.get(place, ()) if names_alike(names[j], names[position])), None)
        if before is not None:
            found[shared.index[position]] = rows[before]
        earlier.setdefault(place, []).append(position)
    return found


def _second_gifts_at_one_address(valid: pd.DataFrame) -> dict[object, int]:
    """Rows of ``valid`` whose folded name, street and ZIP an earlier one has (its unit too, when both name
    one), with another card or value: frame index -> the earlier row."""
    zips = _text(valid, "zip").str[:5]
    shared = valid[zips.duplicated(keep=False).to_numpy()]  # one ZIP at least twice: few rows to fold
    if len(shared) < 2:
        return {}
    people = pd.Series(list(map(fold_person, _column(shared, "name"))), index=shared.index)
    shared = shared[(people + _SEP + zips[shared.index]).duplicated(keep=False).to_numpy()]  # and one name
    if len(shared) < 2:
        return {}
    keys = list(map(_SEP.join, zip(
        people[shared.index],
        map(fold_address, _column(shared, "address1"), _column(shared, "address2")),
        (z[:5] for z in _column(shared, "zip")), strict=True)))  # fmt: skip
    units = list(map(fold_unit, _column(shared, "address1"), _column(shared, "address2")))
    rows = [int(r) for r in shared[ROW].tolist()]
    earlier: dict[str, list[tuple[int, str, str]]] = {}  # key -> (row, unit, card) of the rows before
    found: dict[object, int] = {}
    for position, (key, card) in enumerate(zip(keys, _cards(shared), strict=True)):
        before = [e for e in earlier.get(key, ()) if same_unit(e[1], units[position])]
        if before and all(card != e[2] for e in before):
            found[shared.index[position]] = before[0][0]
        earlier.setdefault(key, []).append((rows[position], units[position], card))
    return found


def _second_gift_rows(valid: pd.DataFrame) -> dict[object, int]:
    """Rows of ``valid`` whose reference and folded name an earlier one has, with another card or value:
    frame index -> the earlier row."""
    references = _text(valid, "external_id").map(fold_reference)
    repeated = valid[(references.ne("") & references.duplicated(keep=False)).to_numpy()]
    if len(repeated) < 2:
        return {}
    keys = [f"{fold_reference(r)}{_SEP}{fold_person(n)}" for r, n in zip(
        _column(repeated, "external_id"), _column(repeated, "name"), strict=True)]  # fmt: skip
    rows = [int(r) for r in repeated[ROW].tolist()]
    first: dict[str, tuple[int, str]] = {}
    found: dict[object, int] = {}
    for position, (key, card) in enumerate(zip(keys, _cards(repeated), strict=True)):
        earlier = first.get(key)
        if earlier is None:
            first[key] = (rows[position], card)
        elif earlier[1] != card:
            found[repeated.index[position]] = earlier[0]
    return found


def check_changed_between_lists(
    frame: pd.DataFrame, collector: ProblemCollector, repeated_headers: list[int], skipped: pd.Series
) -> None:
    """Two lists one below the other (the header repeated on a row between them) naming one person with
    another card or value: a list pasted below its older copy, one amount edited (found by hunter-sheets4:
    the person got both cards, said only as a warning, as two gifts on one list may be meant). An error on
    both rows: which one is meant? An 'Allow Duplicate' yes on the lower row sends both, as two gifts."""
    if not repeated_headers:
        return
    judged = frame[~skipped & ~frame.index.isin(list(collector.error_rows()))]
    found = _second_gift_rows(judged)
    found.update({k: v for k, v in _second_gifts_at_one_address(judged).items() if k not in found})
    allowed = _text(frame, "allow_duplicate").eq("yes")
    pairs: dict[int, tuple[int, int]] = {}  # the lower row -> (the upper one, the header between them)
    for index, first in found.items():
        later = int(str(index))
        between = [h for h in repeated_headers if first < h < later]
        if between and not allowed[index]:
            pairs[later] = (first, between[0])
    if not pairs:
        return
    other: dict[object, int] = {}  # each row of a pair -> the other row
    header: dict[object, int] = {}  # -> the header repeated between them
    for lower, (upper, repeated) in pairs.items():
        other[lower], other[upper] = upper, lower
        header[lower] = header[upper] = repeated
    mask = pd.Series(frame.index.isin(list(other)), index=frame.index)
    collector.error(
        mask, "name", "One person in two lists",
        "'{name}' is on row {other} too, across the header repeated on row {header} (two lists one below "
        "the other), with another card or value: which one is meant? Delete the other row (for two cards on "
        "purpose, write yes in an 'Allow Duplicate' column on the lower one).",
        extra={"other": _by_row(frame, other), "header": _by_row(frame, header)},
    )  # fmt: skip
