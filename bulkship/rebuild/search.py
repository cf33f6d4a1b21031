"""The search itself: each vendor line of the batch's orders tied to a row by proof (its ExternalId, or its
full address with the same card), else the rows it may be waiting for review; never a guess."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..addressmatch import vendor_address
from ..folding import fold_address, fold_person
from ..linecards import takes_no_row
from ..linematch import same_line
from ..models import PlannedLine, VendorOrder


@dataclass
class _Tally:
    """The search's working state: which of our lines are tied, in review, and where."""

    ties: dict[str, dict[int, PlannedLine]] = field(default_factory=dict)  # PO -> vendor line -> our line
    review: dict[str, tuple[str, str]] = field(default_factory=dict)  # fingerprint -> (PO, why)
    taken: set[str] = field(default_factory=set)  # fingerprints tied or in review

    def tie(self, po: str, index: int, line: PlannedLine) -> None:
        self.ties.setdefault(po, {})[index] = line
        self.taken.add(line.fingerprint)

    def hold(self, line: PlannedLine, po: str, why: str) -> None:
        if line.fingerprint not in self.taken:
            self.review[line.fingerprint] = (po, why)
            self.taken.add(line.fingerprint)


def _item(line: PlannedLine) -> dict[str, Any]:
    return {
        "ExternalId": line.external_id,
        "ProductId": line.product_id,
        "Value": float(line.value),
        "Quantity": line.quantity,
        "PhysicalDeliveryAddress": dict(line.address),
    }


def _key(product_id: str, value: Decimal, quantity: int) -> tuple[str, Decimal, int]:
    return product_id.casefold(), value, quantity


def _search(
    in_scope: list[VendorOrder], elsewhere: list[VendorOrder], lines: list[PlannedLine], derived: set[str]
) -> _Tally:
    tally = _Tally()
    by_ext: dict[str, list[PlannedLine]] = {}
    by_card: dict[tuple[str, Decimal, int], list[PlannedLine]] = {}  # only lines of the same card can match
    # ExternalIds in any case when no two of ours differ only by it (a vendor may keep references in capitals)
    folds = len({ln.external_id.casefold() for ln in lines}) == len({ln.external_id for ln in lines})

    def ext_key(external_id: str) -> str:
        return external_id.casefold() if folds else external_id

    for line in lines:
        by_ext.setdefault(ext_key(line.external_id), []).append(line)
        by_card.setdefault(_key(line.product_id, line.value, line.quantity), []).append(line)
    unknown_lines: Counter[tuple[str, Decimal, int]] = Counter()
    unknown_where: dict[tuple[str, Decimal, int], str] = {}
    for vendor_order, scoped, index in _cards_first(in_scope, elsewhere):
        po, vendor_line = vendor_order.po_number, vendor_order.line_items[index]
        if vendor_line.external_id:
            ours = [
                ln
                for ln in by_ext.get(ext_key(vendor_line.external_id), [])
                if ln.fingerprint not in tally.taken
            ]
            if scoped and not ours and not shows_line_address(vendor_order, index):
                # a line of the batch's own order that names no row of the file, and shows no
                # recipient: a row edited since (its derived ExternalId follows its content) may be it
                key = _key(vendor_line.product_id, vendor_line.value, vendor_line.quantity)
                unknown_lines[key] += 1
                unknown_where.setdefault(key, po)
            if not scoped:
                ours = [ln for ln in ours if ln.external_id in derived]
            same = next((ln for ln in ours if same_line(_item(ln), vendor_order, index)), None)
            if same is not None:
                tally.tie(po, index, same)
            for other in ours if same is None else ():
                tally.hold(
                    other,
                    po,
                    f"the vendor's order {po} holds this row's ExternalId {other.external_id} with other "
                    "content (product, value, quantity or recipient)",
                )
            continue
        if not scoped:
            continue
        key = _key(vendor_line.product_id, vendor_line.value, vendor_line.quantity)
        match = next(
            (
                ln
                for ln in by_card.get(key, ())
                if ln.fingerprint not in tally.taken
                and same_line(_item(ln), vendor_order, index, full_address=True)
            ),
            None,
        )
        if match is not None:
            tally.tie(po, index, match)
        elif not shows_line_address(vendor_order, index):
            unknown_lines[key] += 1
            unknown_where.setdefault(key, po)
    _hold_edited_rows(in_scope, lines, tally)
    # a line the vendor does not identify may be a row whose card or value was edited since, so any row may be
    # one (found by review13: an amount corrected after a lost ledger, with a vendor that shows no line's
    # recipient, was a second card; then with every amount corrected, each row was one). Another list run
    # under the same batch name cannot be told from such an edit: it waits too (its own batch name sends it)
    surplus = sum(unknown_lines.values())
    for line in lines:
        key = _key(line.product_id, line.value, line.quantity)
        if unknown_lines.get(key) and line.fingerprint not in tally.taken:
            po = unknown_where[key]
            tally.hold(
                line,
                po,
                f"the vendor holds {unknown_lines[key]} line(s) of the same card and value under this "
                f"batch's PO numbers (e.g. {po}) that it does not identify (no ExternalId or address "
                "shown), and this row may be one of them",
            )
        elif surplus and line.fingerprint not in tally.taken:
            po = next(iter(unknown_where.values()))
            tally.hold(
                line,
                po,
                f"the vendor holds {surplus} line(s) under this batch's PO numbers (e.g. {po}) that it does "
                "not identify (no ExternalId or address shown): this row may be one of them, its card or "
                "value edited since (if this file is another list, not the one sent then, run it as a batch "
                "of its own: --batch NEW-NAME)",
            )
    return tally


def _cards_first(
    in_scope: list[VendorOrder], elsewhere: list[VendorOrder]
) -> list[tuple[VendorOrder, bool, int]]:
    """Every vendor line to search, as (order, of the batch's own orders, line index): the lines that made a
    card first, those of orders (or lines) the vendor ended with none after them. A row sent again after
    its order failed is listed twice; tied to the failed line first, a lost ledger sent it a third time,
    beside the card it has (found by the lead's chaos soak)."""
    found = [
        (order, scoped, index)
        for order, scoped in [*((o, True) for o in in_scope), *((o, False) for o in elsewhere)]
        for index in range(len(order.line_items))
    ]
    return sorted(
        found, key=lambda each: bool(takes_no_row(each[0], each[2]))
    )  # stable: the list's order kept


def _hold_edited_rows(in_scope: list[VendorOrder], lines: list[PlannedLine], tally: _Tally) -> None:
    """Hold the rows a line of the batch's own orders, tied to no row, shows to the same recipient name with
    the same card (an address corrected in the file since) or at the same address with another card or value
    (an amount corrected): the ExternalId bulkship derives follows a row's content, so an edited row no
    longer names the card the vendor made for it (found by newcomer8: a second card after a lost ledger)."""
    by_name: dict[str, list[tuple[PlannedLine, tuple[str, str], tuple[str, Decimal, int]]]] = {}
    by_place: dict[tuple[tuple[str, str], tuple[str, Decimal, int]], list[PlannedLine]] = {}
    for line in lines:  # indexed once: a list of thousands is not compared pair by pair
        if line.fingerprint in tally.taken:
            continue
        address = line.address
        place = _place(address.get("AddressLine1"), address.get("AddressLine2"), address.get("Zip"))
        card = _key(line.product_id, line.value, line.quantity)
        by_name.setdefault(fold_person(address.get("Name")), []).append((line, place, card))
        by_place.setdefault((place, card), []).append(line)
    if not by_name:
        return
    for vendor_order in in_scope:
        po, tied = vendor_order.po_number, tally.ties.get(vendor_order.po_number, {})
        for index, vendor_line in enumerate(vendor_order.line_items):
            shown = vendor_address(vendor_order, index)
            if index in tied or shown is None:
                continue
            card = _key(vendor_line.product_id, vendor_line.value, vendor_line.quantity)
            place = _place(shown.get("addressline1"), shown.get("addressline2"), shown.get("zip"))
            held: list[tuple[PlannedLine, str]] = []
            for line, line_place, line_card in by_name.get(fold_person(shown.get("name")), ()):
                if line_card == card:
                    held.append((line, "the same card to the same name at another address"))
                elif line_place == place:
                    held.append((line, "another card or value to the same name and address"))
            # a name corrected (found by review13: a second card)
            held += [
                (line, "the same card to the same address under another name")
                for line in by_place.get((place, card), ())
            ]
            for line, why in held:
                tally.hold(
                    line,
                    po,
                    f"the vendor's order {po} holds {why}, a line that no row of this file names: this row "
                    "may have been edited since that card was ordered",
                )


def _place(line1: Any, line2: Any, zip_code: Any) -> tuple[str, str]:
    return fold_address(line1, line2), "".join(ch for ch in str(zip_code or "") if ch.isdigit())[:5]


def shows_line_address(vendor_order: VendorOrder, index: int) -> bool:
    """Whether the vendor's line ``index`` shows a delivery address."""
    raw = vendor_order.raw
    lines = next((v for k, v in raw.items() if str(k).lower() == "lineitems"), None)
    if not isinstance(lines, list) or index >= len(lines) or not isinstance(lines[index], dict):
        return False
    return any(str(k).lower() == "physicaldeliveryaddress" for k in lines[index])
