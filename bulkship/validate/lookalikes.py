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
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from ..folding import (
    fold_address,
    fold_person,
    fold_reference,
    fold_unit,
    middle_names,
    same_middle,
    same_unit,
)
from ..models import FINGERPRINT, ROW, STATUS
from .collect import ProblemCollector

_SEP = "\x00"


def _column(frame: pd.DataFrame, name: str) -> list[str]:
    return _text(frame, name).tolist()


def _by_row(frame: pd.DataFrame, values: dict[object, int]) -> pd.Series:
    """``values`` (frame index -> a row number) over the whole frame, whole numbers (0 elsewhere)."""
    return pd.Series(values, dtype="int64").reindex(frame.index, fill_value=0)


def _cards(frame: pd.DataFrame) -> list[str]:
    """Each row's card and value, as one text."""
    return list(map(_SEP.join, zip(_column(frame, "product"), _column(frame, "value"), strict=True)))


def _text(frame: pd.DataFrame, name: str) -> pd.Series:
    if name not in frame.columns:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[name].fillna("").astype(str)


def _may_repeat(candidates: pd.DataFrame) -> pd.Series:
    """Rows that may repeat another, by keys coarser than the folded ones (the same ZIP and card; the same
    reference and card), worked out column-wise: most rows of a list are ruled out without folding."""
    card = _text(candidates, "product") + _SEP + _text(candidates, "value")
    person = _text(candidates, "zip").str[:5] + _SEP + card
    reference = _references(candidates)
    by_reference = reference + _SEP + card
    return person.duplicated(keep=False) | (reference.ne("") & by_reference.duplicated(keep=False))


def mark_lookalikes(
    frame: pd.DataFrame,
    collector: ProblemCollector,
    where: str,
    ordered: Callable[[], Collection[str]] | None = None,
) -> None:
    """Mark valid rows that repeat an earlier row written differently as duplicates, in place (status,
    fingerprint and an error naming the first row); ``where`` says how to send one on purpose. A row whose
    fingerprint is ``ordered`` (the batch's ledger) goes first: the row already ordered is never made the
    duplicate of a row edited into the same person (it would read "not ordered", its card "no longer in the
    file"). Asked for only when some row repeats another."""
    valid = frame[STATUS].eq("valid")
    candidates = frame[valid]
    if len(candidates) < 2:
        return
    _warn_second_gifts(frame, collector, candidates)
    open_rows = valid & ~frame["allow_duplicate"].eq("yes")  # an allowed row may be repeated, not marked
    shared = candidates[_may_repeat(candidates).to_numpy()]
    if len(shared) < 2:
        return
    names = list(map(fold_person, _column(shared, "name")))
    streets = list(map(fold_address, _column(shared, "address1"), _column(shared, "address2")))
    units = list(map(fold_unit, _column(shared, "address1"), _column(shared, "address2")))
    zips = [z[:5] for z in _column(shared, "zip")]
    cards = _cards(shared)
    references = _references(shared).tolist()
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
        _ids_name_people(candidates) and _names_people(collector.header("external_id")),
        middles,
    )
    same_person, same_reference, same_id = keys.repeats(range(len(rows)))
    if (same_person or same_reference or same_id) and ordered is not None:
        known = set(ordered())
        if any(fingerprints[i] in known for i in [*same_person, *same_reference, *same_id]):
            first = sorted(range(len(rows)), key=lambda i: fingerprints[i] not in known)
            same_person, same_reference, same_id = keys.repeats(first)
    index = shared.index
    elsewhere = "name and card as row {first}, at another address (keep the right address on one row)"
    written = _column(shared, "name")
    first_names = pd.Series({index[i]: written[f] for i, f in same_id.items()}, dtype=object).reindex(
        frame.index, fill_value=""
    )
    counts = _other_counts(frame, shared, rows, {**same_reference, **same_person, **same_id})
    for found, message in (
        (
            same_id,
            f"same {collector.header('external_id')} and card as row {{first}}, under another name "
            "('{first_name}'): one ID is one person (keep the name to print on one row)",
        ),
        (same_person, "same recipient, address and card as row {first}, written differently"),
        (
            {i: f for i, f in same_reference.items() if i not in by_email},
            f"same {collector.header('external_id')}, {elsewhere}",
        ),
        (
            {i: f for i, f in same_reference.items() if i in by_email},
            f"same {collector.header('email')}, {elsewhere}",
        ),
    ):
        if not found:
            continue
        at = [index[i] for i in found]
        mask = pd.Series(frame.index.isin(at), index=frame.index)
        first_rows = _by_row(frame, {index[i]: rows[f] for i, f in found.items()})
        collector.error(
            mask,
            "name",
            "Duplicate row",
            f"{message}{{counts}}; it will not be sent twice. To send it again on purpose, {where}.",
            extra={"first": first_rows, "first_name": first_names, "counts": counts},
        )
        frame.loc[at, FINGERPRINT] = [fingerprints[f] for f in found.values()]
        frame.loc[at, STATUS] = "duplicate"


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


_EMAIL = "email: "  # an Employee ID never reads so
_ONE_EMAIL = r"[^@\s;,<>]+@[^@\s;,<>]+\.[^@\s;,<>]+"


def _references(frame: pd.DataFrame) -> pd.Series:
    """What identifies a recipient besides name and address, case-folded: the Employee ID, else the email
    (a form resubmitted with the street corrected, a marketing or CRM export: they carry no employee ID)."""
    ids = _text(frame, "external_id").map(fold_reference)
    no_id = ids.eq("")
    if not no_id.any():  # every row has its Employee ID
        return ids
    emails = _text(frame, "email").str.strip().str.casefold()
    # "N/A", "-" or two addresses in one cell identify no one (they are warnings, not errors, now)
    emails = emails.where(emails.str.fullmatch(_ONE_EMAIL), "")
    return ids.where(~no_id | emails.eq(""), _EMAIL + emails)


def _ids_name_people(candidates: pd.DataFrame) -> bool:
    """Whether the list's references name one person each, not a code many rows share (a campaign "Ref" =
    DM-2026): at least half of them differ. A team or account code over a few rows (found by newcomer8) is
    told apart by the names, which share no word (:meth:`_Keys._one_person`); a stricter share missed the
    same ID under two names in a short list (found by newcomer8 again)."""
    ids = _text(candidates, "external_id").map(fold_reference)
    ids = ids[ids.ne("")]
    return len(ids) > 0 and ids.nunique() >= 0.5 * len(ids)


# A reference column named for something other than a person: a customer's or account's contacts share its ID
# (Jane Doe and John Roe of Acme, C100, at its office were one person: found by review11)
_NOT_PEOPLE = frozenset(
    {"customer", "client", "account", "acct", "company", "organization", "organisation", "org", "business",
     "household", "family", "team", "group", "department", "dept", "store", "location", "site", "branch",
     "office", "order", "campaign", "reference", "ref", "vendor", "partner", "dealer", "school", "sponsor"}
)  # fmt: skip


# A header naming a person's own number wins over those words: "Employee Ref", "Staff Reference", "Employee ID
# (Office)" (found by newcomer9)
_PEOPLE = frozenset(
    {"employee", "emp", "ee", "staff", "worker", "associate", "personnel", "person", "member", "payroll",
     "badge", "recipient"}
)  # fmt: skip


def references_people(column_map: Mapping[str, str]) -> bool:
    """Whether a sheet's reference column (``column_map``: header -> field) may name people, as
    :func:`_names_people` reads its header; True without one."""
    return _names_people(next((h for h, f in column_map.items() if f == "external_id"), ""))


def _names_people(header: str) -> bool:
    """Whether a reference column's header may name people ("Employee ID", "ID", "Employee Ref"), not what
    several people share ("Customer ID", "Account #", "Ref"). A "Team Member ID" is a retailer's employee
    id."""
    words = set(re.findall(r"[a-z]+", header.casefold()))
    return bool(words & _PEOPLE) or not words & _NOT_PEOPLE


@dataclass(frozen=True)
class _Keys:
    """The folded parts of the rows that may repeat one another, by position."""

    names: list[str]
    streets: list[str]
    units: list[str]
    zips: list[str]
    cards: list[str]
    references: list[str]
    fingerprints: list[str]
    may_repeat: list[bool]
    ids_name_people: bool = False  # the references are Employee IDs, one a person (:func:`_ids_name_people`)
    middles: list[tuple[str, ...]] | None = None  # the middle names (two different ones: two people)

    def repeats(self, order: Iterable[int]) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
        """Taking the rows in ``order``: position -> the position of the row it repeats, as the same person
        at the same address, as the same reference at another address, and as the same Employee ID and
        card under another name."""
        seen_person: dict[str, list[int]] = {}  # folded name, street, ZIP, card -> positions of its rows
        seen_reference: dict[str, int] = {}  # reference, folded name, card -> position of its first row
        seen_id: dict[str, int] = {}  # Employee ID, card -> position of its first row
        same_person: dict[int, int] = {}
        same_reference: dict[int, int] = {}
        same_id: dict[int, int] = {}
        for i in order:
            name, card, reference_of = self.names[i], self.cards[i], self.references[i]
            person = _SEP.join((name, self.streets[i], self.zips[i], card))
            reference = _SEP.join((reference_of, name, card)) if reference_of else ""
            an_id = self.ids_name_people and reference_of and not reference_of.startswith(_EMAIL)
            employee = _SEP.join((reference_of, card)) if an_id else ""
            # one person unless both rows name a unit and the units differ (namesakes on two floors), or
            # both give a middle name and these differ (Mary Ann and Mary Beth Smith: found by newcomer8)
            units = (
                j
                for j in seen_person.get(person, ())
                if same_unit(self.units[i], self.units[j]) and self._same_middle(i, j)
            )
            first = next(units, None)
            if first is None and reference:
                first = seen_reference.get(reference)
                if first is not None and self._other_row(i, first):
                    same_reference[i] = first
                elif first is None and employee:
                    first = seen_id.get(employee)
                    if first is not None and self._other_row(i, first) and self._one_person(i, first):
                        same_id[i] = first
            elif first is not None and self._other_row(i, first):
                same_person[i] = first
            seen_person.setdefault(person, []).append(i)
            if reference:
                seen_reference.setdefault(reference, i)
            if employee:
                seen_id.setdefault(employee, i)
        return same_person, same_reference, same_id

    def _one_person(self, i: int, j: int) -> bool:
        """Two rows of one Employee ID may be one person's: their names share a word ("Bob Jones" /
        "Robert Jones", "Kate Lee" / "Kate Smith") or they go to one address. Ann Alpha and Ben Beta under
        one team code are two people (found by newcomer8)."""
        shared = set(self.names[i].split()) & set(self.names[j].split())
        return bool(shared) or (self.streets[i] == self.streets[j] and self.zips[i] == self.zips[j])

    def _same_middle(self, i: int, j: int) -> bool:
        return self.middles is None or same_middle(self.middles[i], self.middles[j])

    def _other_row(self, i: int, first: int) -> bool:
        """Row ``i`` may be marked as repeating ``first``: it is not allowed on purpose, nor the same row."""
        return self.may_repeat[i] and self.fingerprints[first] != self.fingerprints[i]


def _warn_second_gifts(frame: pd.DataFrame, collector: ProblemCollector, valid: pd.DataFrame) -> None:
    """Warn on a row whose Employee ID and name an earlier row has, with another card or value; on one at
    the address and card of an earlier row under a name written almost alike; and on one whose recipient
    and address an earlier row has (names and streets folded), with another card or value: a list copied
    and its amount edited on one row reads the same way without an Employee ID."""
    second = _second_gift_rows(valid)
    _warn_rows(
        frame, collector, second, "external_id", "Second card for one person",
        f"{collector.header('external_id')} {{old}} is also on row {{first}} with another card or value: "
        "this person gets two cards; remove one row if that is a mistake.",
    )  # fmt: skip
    alike = {k: v for k, v in _names_written_two_ways(valid).items() if k not in second}
    _warn_rows(
        frame, collector, alike, "name", "One person written two ways?",
        "the same address and card are on row {first} under a name written almost alike: if it is one "
        "person, remove one of the rows (else two cards go out).",
    )  # fmt: skip
    same_place = {k: v for k, v in _second_gifts_at_one_address(valid).items() if k not in second}
    _warn_rows(
        frame, collector, same_place, "name", "Second card for one person",
        "the same recipient and address are on row {first} with another card or value: this person gets "
        "two cards; remove one row if that is a mistake.",
    )  # fmt: skip


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


def _names_alike(one: str, other: str) -> bool:
    """Two folded names (:func:`fold_person`: two words) with one word the same and the other one typo or
    two apart: "Jon Smith" / "John Smith", "Katherine Lee" / "Kathrine Lee", "Ann Smith" / "Ann Smyth"."""
    a, b = one.split(), other.split()
    if len(a) != 2 or len(b) != 2 or one == other:
        return False
    for same, other_a, other_b in ((0, a[1], b[1]), (1, a[0], b[0])):
        if a[same] == b[same] and min(len(other_a), len(other_b)) >= 3:
            return _within(other_a, other_b, 2)
    return False


def _within(one: str, other: str, most: int) -> bool:
    """Levenshtein distance of at most ``most`` (short words: a row each)."""
    if abs(len(one) - len(other)) > most:
        return False
    previous = list(range(len(other) + 1))
    for i, char in enumerate(one, start=1):
        current = [i]
        for j, theirs in enumerate(other, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != theirs)))
        if min(current) > most:
            return False
        previous = current
    return previous[-1] <= most


def _names_written_two_ways(valid: pd.DataFrame) -> dict[object, int]:
    """Rows of ``valid`` at the street, ZIP and card of an earlier row whose name is that row's written with
    a typo (a corrected list re-sent: "Jon Smith" then "John Smith"): frame index -> the earlier row."""
    zips = _text(valid, "zip").str[:5]
    cards = pd.Series(_cards(valid), index=valid.index)
    shared = valid[(zips + _SEP + cards).duplicated(keep=False).to_numpy()]
    if len(shared) < 2:
        return {}
    streets = map(fold_address, _column(shared, "address1"), _column(shared, "address2"))
    places = [_SEP.join(p) for p in zip(streets, zips[shared.index], cards[shared.index], strict=True)]
    names = list(map(fold_person, _column(shared, "name")))
    rows = [int(r) for r in shared[ROW].tolist()]
    earlier: dict[str, list[int]] = {}
    found: dict[object, int] = {}
    for position, place in enumerate(places):
        before = next((j for j in earlier.get(place, ()) if _names_alike(names[j], names[position])), None)
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
