"""What a row sends, folded for comparison: its card and recipient (:class:`Card`), and the rows of a sheet
folded once, column by column."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..folding import fold_address, fold_person, fold_person_loosely, fold_reference, fold_unit
from ..models import FINGERPRINT, ROW
from .policy import _NOT_DIGIT

if TYPE_CHECKING:
    import pandas as pd


# Rows and payloads hold validated text (trimmed, inner spaces collapsed): case, ZIP+4 and 25 vs 25.00 are
# what can still differ between two spellings of one gift. Address line 2 is compared folded into line 1,
# as it is sent to a vendor not known to keep it (models.folded_address_line1), so a payload sent either way
# compares equal to its row.

_SEP = "\x00"


@dataclass(frozen=True)
class Card:
    """One row's gift as compared for repeats, every part case-folded."""

    external_id: str
    name: str
    address: str  # line 1 (line 2 folded in) and the 5-digit ZIP
    product: str
    value: str  # the amount with two decimals


class _Folder:
    """Folds a gift's parts for comparison; each distinct ZIP and amount is worked out once."""

    def __init__(self) -> None:
        self._zips: dict[str, str] = {}
        self._amounts: dict[str, str] = {}

    def zip5(self, value: object) -> str:
        text = str(value or "")
        folded = self._zips.get(text)
        if folded is None:
            folded = self._zips[text] = _NOT_DIGIT.sub("", text)[:5]
        return folded

    def amount(self, value: object) -> str:
        text = str(value if value is not None else "").strip()
        folded = self._amounts.get(text)
        if folded is None:
            try:
                folded = str(Decimal(text).quantize(Decimal("0.01")))
            except (InvalidOperation, ValueError):
                folded = text.casefold()
            self._amounts[text] = folded
        return folded

    def card(self, external_id: object, name: object, line1: object, line2: object, zip_code: object,
             product: object, value: object) -> Card:  # fmt: skip
        address = _SEP.join((fold_address(line1, line2), self.zip5(zip_code))).casefold()
        return Card(
            fold_reference(external_id),
            fold_person(name),
            address,
            str(product or "").casefold(),
            self.amount(value),
        )

    def line_key(self, item: Mapping[str, Any], address: Mapping[str, Any], name: str | None = None) -> str:
        """A line item's repeat key: its :class:`Card`'s name, address, product and value, joined, without
        making the card (``address``: its PhysicalDeliveryAddress); ``name``: the recipient's name folded
        already (as :func:`~bulkship.folding.fold_person_loosely` reads it, say)."""
        parts = (
            fold_person(address.get("Name")) if name is None else name,
            fold_address(address.get("AddressLine1"), address.get("AddressLine2")),
            self.zip5(address.get("Zip")),
            str(item.get("ProductId") or ""),
            self.amount(item.get("Value")),
        )
        return _SEP.join(parts).casefold()

    def line_card(self, item: Mapping[str, Any]) -> Card:
        """From a line item of an order's stored payload (what was really sent)."""
        address = item.get("PhysicalDeliveryAddress") or {}
        return self.card(
            item.get("ExternalId"),
            address.get("Name"),
            address.get("AddressLine1"),
            address.get("AddressLine2"),
            address.get("Zip"),
            item.get("ProductId"),
            item.get("Value"),
        )


def _quantity(value: object) -> int:
    """A line's or row's number of cards (1 where it says none, or not a number)."""
    try:
        return int(str(value if value is not None else "").strip() or 1)
    except ValueError:
        return 1


_FIELDS = ("external_id", "name", "address1", "address2", "zip", "product", "value")


class _Rows:
    """The rows of a validated frame that may be held, column by column (no Python object per row until
    one matches)."""

    def __init__(self, frame: pd.DataFrame, folder: _Folder) -> None:
        self.folder = folder
        self.frame = frame
        self.rows = [int(r) for r in (frame[ROW] if ROW in frame.columns else frame.index).tolist()]
        self.fingerprints = frame[FINGERPRINT].astype(str).tolist()
        blank = [""] * len(self.rows)
        self.columns = {f: frame[f].tolist() if f in frame.columns else blank for f in _FIELDS}
        self.zips = [folder.zip5(z) for z in self.columns["zip"]]
        self.streets = list(map(fold_address, self.columns["address1"], self.columns["address2"]))

    @cached_property
    def names(self) -> list[str]:
        """Each row's name folded (:func:`fold_person`), once: several checks compare by it."""
        return list(map(fold_person, self.columns["name"]))

    def card(self, index: int) -> Card:
        """``folder.card`` of the row, from its parts folded already (a 100,000-row list folded again row by
        row cost seconds)."""
        c = self.columns
        return Card(
            fold_reference(c["external_id"][index]),
            self.names[index],
            _SEP.join((self.streets[index], self.zips[index])).casefold(),
            str(c["product"][index] or "").casefold(),
            self.folder.amount(c["value"][index]),
        )

    def cell(self, index: int, field: str) -> str:
        """The row's ``field`` as validated ("" where the list has no such column)."""
        if field in self.columns:
            return str(self.columns[field][index] or "")
        return str(self.frame[field].iat[index] or "") if field in self.frame.columns else ""

    def unit(self, index: int) -> str:
        """The row's apartment, suite or floor, folded (:func:`~bulkship.folding.fold_unit`)."""
        return fold_unit(self.columns["address1"][index], self.columns["address2"][index])

    @cached_property
    def loose_names(self) -> list[str]:
        """Each row's name as :func:`~bulkship.folding.fold_person_loosely` reads it, once."""
        return list(map(fold_person_loosely, self.columns["name"]))

    def repeat_keys(self, *, loosely: bool = False) -> list[str]:
        c = self.columns
        values = [self.folder.amount(v) for v in c["value"]]
        names = self.loose_names if loosely else self.names
        parts = zip(names, self.streets, self.zips, c["product"], values, strict=True)
        return list(map(str.casefold, map(_SEP.join, parts)))

    def recipients(self, *, loosely: bool = False) -> set[str]:
        """Name and street of every row, case-folded: what a line must match to be looked at."""
        parts = zip(self.loose_names if loosely else self.names, self.streets, strict=True)
        return set(map(str.casefold, map(_SEP.join, parts)))

    def addresses(self) -> list[str]:
        parts = zip(self.streets, self.zips, strict=True)
        return list(map(str.casefold, map(_SEP.join, parts)))
