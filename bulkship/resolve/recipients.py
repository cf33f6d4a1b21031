"""Which rows waiting a vendor line tied to no row may be, by the recipient it shows (:class:`LineIndex`).

A card of the batch that no row claims may be a row as first sent, edited since (its amount or card
corrected): a release would send that person a second card. ``bulkship reconcile BATCH --release`` released
nothing while one such line was shown, a new person listed beside an edited one included (hunter-vendor17's
leftover). It now keeps only the rows the line may be: the same name (folded), the same street, or any row
when the line shows no name or street. A person releases those by PO, told of the line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..addressmatch import CUT_AT_LEAST, _words, same_part, vendor_address
from ..folding import fold_address, fold_person_loosely
from ..models import VendorOrder

Line = tuple[VendorOrder, int]  # a vendor order and a line's position in it
_HOUSE_NUMBER = re.compile(r"[0-9]+[a-z]?")  # as bulkship.folding reads a street's first word
_DIGITS = re.compile(r"[0-9]+")


def _shown(vendor_order: VendorOrder, at: int) -> tuple[str, str, str] | None:
    """(name, street, line 2) the line shows; None when it shows no name or no street."""
    address = vendor_address(vendor_order, at)
    if address is None:
        return None
    name, street = str(address.get("name") or ""), str(address.get("addressline1") or "")
    if not name.strip() or not street.strip():
        return None
    return name, street, str(address.get("addressline2") or "")


def _cut_key(name: str) -> str:
    """A name as the vendor's field length may have cut it (:data:`CUT_AT_LEAST` letters, as they start)."""
    return " ".join(_words(name))[:CUT_AT_LEAST]


@dataclass
class LineIndex:
    """Vendor lines tied to no row, indexed once by the recipient they show: each row looked up in it, not
    compared with every line (100,000 rows beside a few thousand such lines). One person's name as folded
    (order, titles, a short form: 'Bob Jones' is 'JONES ROBERT'), or cut to the vendor's field length; not a
    name a letter or two apart ('Lost Delta' would be held beside 'Lost Beta''s card): a name corrected since
    is caught by the line's street."""

    blind: list[Line] = field(default_factory=list)  # showing no name or street: may be any row
    by_name: dict[str, list[Line]] = field(default_factory=dict)  # folded loosely (every word)
    by_cut: dict[str, list[tuple[Line, str]]] = field(default_factory=dict)  # names long enough to be cut
    by_street: dict[str, list[Line]] = field(default_factory=dict)
    # the house numbers their streets start with; a row naming none of them in its address lines is at none
    # of those streets, unfolded (a street folded is most of a row's look-up); None: a street starts with none
    numbers: set[str] | None = field(default_factory=set)

    @classmethod
    def of(cls, lines: Sequence[Line]) -> LineIndex:
        index = cls()
        for vendor_order, at in lines:
            shown = _shown(vendor_order, at)
            if shown is None:
                index.blind.append((vendor_order, at))
                continue
            name, street, line2 = shown
            index.by_name.setdefault(fold_person_loosely(name), []).append((vendor_order, at))
            if len(" ".join(_words(name))) >= CUT_AT_LEAST:
                index.by_cut.setdefault(_cut_key(name), []).append(((vendor_order, at), name))
            folded = fold_address(street, line2)
            index.by_street.setdefault(folded, []).append((vendor_order, at))
            first = folded.split()[0] if folded else ""
            if index.numbers is not None and _HOUSE_NUMBER.fullmatch(first):
                index.numbers.add(first.rstrip("abcdefghijklmnopqrstuvwxyz"))
            else:
                index.numbers = None
        return index

    def _street_of(self, line1: Any, line2: Any) -> str:
        """The row's street folded, or "" when it names none of the house numbers the lines' streets start
        with (ASCII digits as written: a folded street's house number is the row's own, lowercased)."""
        raw = f"{line1 or ''} {line2 or ''}"
        if self.numbers is not None and raw.isascii() and self.numbers.isdisjoint(_DIGITS.findall(raw)):
            return ""
        return fold_address(line1, line2)

    def may_be(self, item: Any) -> tuple[Line, str] | None:
        """A line that may be the card of the row sending ``item`` (its line item), and why; None when none
        may."""
        if self.blind:
            return self.blind[0], "shows no recipient"
        if not self.by_street:  # no card tied to no row: no row looked at
            return None
        address = item.get("PhysicalDeliveryAddress") if isinstance(item, dict) else None
        if not isinstance(address, dict):  # nothing to tell the row from the lines by: fail closed
            every = [line for lines in self.by_street.values() for line in lines]
            return (every[0], "this ledger holds no recipient for the row") if every else None
        ours = str(address.get("Name") or "")
        same = self.by_name.get(fold_person_loosely(ours))  # folded every word: one name folded is too
        if not same and self.by_cut:
            cut = self.by_cut.get(_cut_key(ours), [])
            same = [line for line, name in cut if same_part("Name", name, ours)]
        if same:
            return same[0], "shows the row's name"
        street = self.by_street.get(self._street_of(address.get("AddressLine1"), address.get("AddressLine2")))
        return (street[0], "shows the row's street") if street else None


def shown_recipients(lines: Sequence[tuple[VendorOrder, Sequence[int]]], shown: int = 3) -> str:
    """Whom vendor lines (an order, its lines' positions) show, in words: 'Person 2 at 3 Main St and 4 more
    line(s)'. Said beside rows the bulk release lets go for showing other recipients: a person renamed and
    moved since is none of them to the index, and only a person reading the names can tell (review32)."""
    said: list[str] = []
    for vendor_order, ats in lines:
        for at in ats:
            found = _shown(vendor_order, at)
            said.append(f"{found[0]} at {found[1]}" if found else "no recipient")
            if len(said) == shown:
                break
        if len(said) == shown:
            break
    more = sum(len(ats) for _order, ats in lines) - len(said)
    return ", ".join(said) + (f" and {more} more line(s)" if more > 0 else "")
