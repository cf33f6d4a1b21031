"""The folded parts of the rows that may repeat one another, and which row each repeats."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ...folding import (
    same_middle,
    same_unit,
    street_without_type,
)
from .columns import _SEP, shared_keys
from .references import _EMAIL


def may_meet(
    names: list[str],
    streets: list[str],
    zips: list[str],
    cards: list[str],
    references: list[str],
    ids_name_people: bool,
) -> np.ndarray:
    """Which positions share one of :meth:`_Keys.repeats`' keys with another position: only these can repeat
    a row or be repeated. The others are left out before the per-row work, whose keys and lists of positions
    took ~700 MB at a million rows; the keys are compared here as codes, column by column."""
    has_reference = np.fromiter(map(bool, references), dtype=bool, count=len(references))
    columns = {
        "name": names,
        "untyped": list(map(street_without_type, streets)),
        "zip": zips,
        "card": cards,
        "reference": references,
    }
    # the same street is the same street without its type: one key covers both of repeats' address keys
    meets = shared_keys(columns, ("name", "untyped", "zip", "card"), ("name", "zip", "card"))
    meets |= has_reference & shared_keys(columns, ("reference", "name", "card"))
    if ids_name_people:
        an_id = has_reference & ~np.fromiter((r.startswith(_EMAIL) for r in references), dtype=bool)
        meets |= an_id & shared_keys(columns, ("reference", "card"))
    return meets


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
    people: list[str] | None = None  # the names folded strictly (:func:`fold_person`); None: ``names``

    def repeats(
        self, order: Iterable[int]
    ) -> tuple[dict[int, int], dict[int, int], dict[int, int], dict[int, int]]:
        """Taking the rows in ``order``: position -> the position of the row it repeats, as the same person
        at the same address, as the same reference at another address, as the same Employee ID and card
        under another name, and as the same full name and card at another street of the same ZIP."""
        seen_person: dict[str, list[int]] = {}  # folded name, street, ZIP, card -> positions of its rows
        # ... and the same with the street's type left out: "12 Beacon" is "12 Beacon Street" (a row copied
        # and its street completed: found by hunter-sheets, both were ordered); "12 Beacon Ave" is not
        seen_untyped: dict[str, list[int]] = {}
        seen_reference: dict[str, int] = {}  # reference, folded name, card -> position of its first row
        seen_id: dict[str, int] = {}  # Employee ID, card -> position of its first row
        # full name, ZIP, card -> reference -> street -> the position of its first row
        seen_name: dict[str, dict[str, dict[str, int]]] = {}
        same_person: dict[int, int] = {}
        same_reference: dict[int, int] = {}
        same_id: dict[int, int] = {}
        same_name: dict[int, int] = {}
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
            untyped_street = street_without_type(self.streets[i])
            untyped = _SEP.join((name, untyped_street, self.zips[i], card))
            if first is None:
                first = next(
                    (
                        j
                        for j in seen_untyped.get(untyped, ())
                        if untyped_street in (self.streets[i], self.streets[j])
                        and same_unit(self.units[i], self.units[j])
                        and self._same_middle(i, j)
                    ),
                    None,
                )
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
            full_name = self._full_name(i)
            if first is None and full_name:
                first = self._moved(i, seen_name.get(full_name, {}))
                if first is not None:
                    same_name[i] = first
            if full_name:
                by_street = seen_name.setdefault(full_name, {}).setdefault(self.references[i], {})
                by_street.setdefault(self.streets[i], i)
            seen_person.setdefault(person, []).append(i)
            seen_untyped.setdefault(untyped, []).append(i)
            if reference:
                seen_reference.setdefault(reference, i)
            if employee:
                seen_id.setdefault(employee, i)
        return same_person, same_reference, same_id, same_name

    def _full_name(self, i: int) -> str:
        """The key of a full name (two words or more: one word proves nothing), ZIP and card."""
        name = (self.people or self.names)[i]
        return _SEP.join((name, self.zips[i], self.cards[i])) if " " in name else ""

    def _moved(self, i: int, earlier: dict[str, dict[str, int]]) -> int | None:
        """The first of ``earlier`` (rows of one full name, ZIP and card: reference -> street -> position)
        that row ``i`` repeats at another street: a form answered again with the street corrected, or a row
        copied and its street edited, has no reference to tell it by (found by the lead's fuzzing: both
        cards were ordered). Two rows carrying different references (Employee IDs, emails), or two different
        middle names, are two people; so are namesakes in two ZIPs, whom this key never meets."""
        mine = self.references[i]
        groups = [earlier.get(""), earlier.get(mine)] if mine else list(earlier.values())
        for by_street in groups:
            for street, j in (by_street or {}).items():
                # the same street: another unit (two floors), or a repeat found above
                if street != self.streets[i] and self._same_middle(i, j) and self._other_row(i, j):
                    return j
        return None

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
