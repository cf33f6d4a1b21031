"""Which of the vendor's listed orders the search reads in full (the batch's own PO numbers, lines with its
ExternalIds, orders repeating one of its rows' cards), and what is said or refused when orders this ledger
never sent hold the rows' cards."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..client.parse import field as raw_field
from ..client.parse import po_number_of, raw_lines, text
from ..models import STATUS, ValidationResult, VendorOrder
from ..quoting import first_few


def list_unread_words(in_full: bool) -> tuple[str, str]:
    """How the vendor's order list went unread ("could not be read", or "... in full": read, but not provably
    whole), and when running again helps: once the vendor answers, or (``in_full``) only if the list then
    reads to its end, which a list ignoring pageIndex never does (review26's F2)."""
    if not in_full:
        return "could not be read", "run the same command again once the vendor answers"
    return (
        "could not be read in full",
        # a list that answered with no list ('busy') reads whole later, one that ignores pageIndex never does
        "run the same command again: it helps only if the vendor's list then reads to its end (an answer "
        "such as 'busy' passes; a list that ignores pageIndex never does)",
    )


def _may_be_ours(pattern: re.Pattern[str], derived: set[str]) -> Callable[[Any], bool]:
    """Which of the vendor's listed orders (as listed, not yet read) the search needs: the batch's PO numbers
    under any prefix, and orders with a line carrying one of the ExternalIds bulkship made up for its rows.
    A large account's other orders are not read into memory at all."""

    folded = {d.casefold() for d in derived}  # a vendor may keep references in capitals

    def keep(raw: Any) -> bool:
        if pattern.fullmatch(po_number_of(raw)):
            return True
        return bool(folded) and any(text(li, "ExternalId").casefold() in folded for li in raw_lines(raw))

    return keep


def _made_up_for_another(batch: str, own_po: re.Pattern[str]) -> Callable[[Any], bool]:
    """Which listed orders under the batch's PO numbers with another prefix are another batch's all the
    same: their lines carry ExternalIds bulkship made up for another batch's rows, none for this batch's,
    and show their addresses (so the cards they repeat are known). Batch 'Q4-2026' under prefix BS and batch
    '2026' under BS-Q4 both number 'BS-Q4-2026-0001': batch '2026' took Q4-2026's order as its own, every row
    in review and the new hire not sent (review61's leftover 3). A batch's own order under any prefix (a lost
    ledger's) carries its own references, or none made up: still found."""
    from ..plan.ponumbers import is_derived_reference, reference_prefix

    own_reference = reference_prefix(batch).casefold()

    def another(raw: Any) -> bool:
        if own_po.fullmatch(po_number_of(raw)):
            return False
        lines = raw_lines(raw)
        made_up = [text(li, "ExternalId") for li in lines if is_derived_reference(text(li, "ExternalId"))]
        shown = all(isinstance(raw_field(li, "PhysicalDeliveryAddress"), dict) for li in lines)
        # '<REFERENCE>-<16 hex>': the reference is the batch's name as its first 24 characters
        return bool(made_up) and shown and all(ref[:-17].casefold() != own_reference for ref in made_up)

    return another


def _repeats_a_row(validation: ValidationResult, known: set[str], since: str) -> Callable[[Any], bool]:
    """Which listed orders, unknown to this ledger, send one of the file's valid rows its very card (same
    name, street, ZIP, card and value, as a vendor that echoes the address shows them): a list run again
    under a new batch name on another machine, or after the ledger was lost (found by newcomer7: every card
    sent twice). A vendor that lists no addresses shows nothing to compare. The rows are folded only when a
    listed order needs comparing: most accounts list only orders this ledger sent (a 100,000-row list was
    folded whole on every new batch, found by review10)."""
    from ..repeats.cards import _Folder, _Rows

    folder = _Folder()
    folded: list[set[str]] = []  # the rows' repeat keys, once a listed order needs them

    def keys() -> set[str]:
        if not folded:
            frame = validation.rows
            valid = frame[frame[STATUS] == "valid"]
            folded.append(set(_Rows(valid, folder).repeat_keys()) if not valid.empty else set())
        return folded[0]

    def keep(raw: Any) -> bool:
        if po_number_of(raw) in known or not _recent_card(raw, since):
            return False
        for line in raw_lines(raw):
            address = raw_field(line, "PhysicalDeliveryAddress")
            if not isinstance(address, dict):
                continue
            item = {"ProductId": text(line, "ProductId"), "Value": text(line, "Value")}
            shown = {k: text(address, k) for k in ("Name", "AddressLine1", "AddressLine2", "Zip")}
            if folder.line_key(item, shown) in keys():
                return True
        return False

    return keep


def _recent_card(raw: Any, since: str) -> bool:
    """An order that made or may make cards, created from ``since``, the repeat window's first day (an
    undated order counts)."""
    from ..statuses import NO_CARD_STATUSES

    if text(raw, "Status").casefold() in NO_CARD_STATUSES:
        return False
    created = created_day(text(raw, "CreatedDate", "Created", "OrderDate"))
    return not (created and since and created < since[:10])


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MS_DATE = re.compile(r"^/?Date\((-?\d+)(?:[+-]\d{4})?\)/?$", re.IGNORECASE)  # ASP.NET's "/Date(ms)/"
_US_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})\b")


def created_day(value: str) -> str:
    """The ISO day (``2026-11-25``) of a vendor's order date, however it is written (the form is not
    documented): ISO 8601, epoch seconds or milliseconds, ASP.NET's ``/Date(ms)/``, ``11/25/2026 3:04 PM``,
    an HTTP date; "" when it does not read (an order of unknown date counts as recent)."""
    from datetime import UTC, datetime
    from email.utils import parsedate_to_datetime

    raw = value.strip()
    if _ISO_DAY.match(raw):
        return raw[:10]
    ms = _MS_DATE.match(raw)
    try:
        if ms or re.fullmatch(r"\d{9,13}(?:\.\d+)?", raw):
            number = float(ms.group(1)) / 1000 if ms else float(raw)
            seconds = number / 1000 if number >= 1e11 else number  # 13 digits: milliseconds
            return datetime.fromtimestamp(seconds, UTC).date().isoformat()
        us = _US_DAY.match(raw)
        if us:
            month, day, year = (int(g) for g in us.groups())
            if day <= 12:  # '02/12/2026' may be written day first (2 December): the later day, the safe side
                return max(datetime(year, month, day), datetime(year, day, month)).date().isoformat()
            return datetime(year, month, day).date().isoformat()
        return parsedate_to_datetime(raw).date().isoformat()
    except (ValueError, TypeError, OverflowError, OSError, IndexError):
        return ""


def _sent_from_elsewhere(others: list[str], since: str) -> list[str]:
    """Said with the plan when a ledger that knows no batch meets an account with recent orders: a vendor
    that shows no recipients lets nothing be compared (found by newcomer7: a list sent from another laptop
    went out again under a new batch name)."""
    if not others:
        return []
    named = first_few(others)
    return [
        f"This ledger knows no earlier batch, but the vendor account holds {len(others)} order(s) created "
        f"since {since[:10]} that it did not send ({named}). If this list, or part of it, was sent from "
        "another computer or ledger, stop here and run it with that ledger: bulkship checks for second cards "
        "against the ledger it is given."
    ]


def _refuse_cards_sent_elsewhere(batch: str, orders: list[VendorOrder], po_prefix: str = "") -> None:
    import shlex

    from ..errors import BatchConflictError
    from ..repeats.policy import ALSO_SENT

    # a vendor showing no PONumber is named by its order Ids ('holds 1 order(s) ... ()' named none)
    named = first_few([o.po_number or f"order {o.id}" for o in orders])
    theirs = _their_batch(batch, po_prefix, [o.po_number for o in orders])
    raise BatchConflictError(
        f"The vendor account holds {len(orders)} order(s) this ledger does not know ({named}) with the very "
        f"cards rows of this file would send (same recipient, address, card and value): batch {batch!r} "
        "would send them again. Nothing was sent",
        hint="run with the ledger they were sent from (the same computer, or the team's shared ledger), or "
        f"continue that batch by its own name (--batch{' ' + shlex.quote(theirs) if theirs else ''}); to "
        f"send these cards again on purpose, add --allow-repeat {ALSO_SENT}",
    )


# A browser's second download of a list ('volunteers-2026 (1).xlsx') runs as batch 'volunteers-2026-1'
_DOWNLOAD_SUFFIX = re.compile(r"(?:\s*\(\d{1,3}\)|-\d{1,3})$")
# ... and a PO stem ending in a name's hash (..plan.ponumbers.po_stem)
_CODED_STEM = re.compile(r"(?:^|-)[0-9A-F]{6}$", re.IGNORECASE)


def _their_batch(batch: str, po_prefix: str, po_numbers: list[str]) -> str:
    """The batch name whose PO numbers the orders carry, for a person to type: this batch's name less a
    download suffix, else the name of the PO numbers' own stem ('DEC' for BS-DEC-0001); "" when neither
    gives them (a name cut or coded in its stem, another prefix). Told "continue that batch by its own name
    (--batch)", a person re-running a list on another computer had to read it out of the PO numbers (found
    by newcomer24)."""
    from ..plan.ponumbers import batch_po_pattern, po_stem

    stems = {re.sub(r"(?i)-\d+(?:-R\d+)?$", "", po) for po in po_numbers if po}
    prefix = f"{po_prefix}-" if po_prefix else ""
    # a stem ending in a name's hash holds a name coded (mixed case) or cut: read as a name, it gives the PO
    # numbers but not the references ('HOLIDAY-GIFTS-2026-EC4EB0' for 'Holiday-gifts-2026': typed, every row
    # needed review; review62 on 1adbf31c)
    named = sorted(s[len(prefix) :] for s in stems if not _CODED_STEM.search(s))
    for candidate in (_DOWNLOAD_SUFFIX.sub("", batch), *named):
        if candidate and candidate != batch and stems:
            pattern = batch_po_pattern(po_stem(po_prefix, candidate))
            if all(pattern.fullmatch(po) for po in po_numbers if po):
                return candidate
    return ""


def _refuse_rows_not_valid_at_the_vendor(batch: str, found: list[tuple[int, str, str]]) -> None:
    """Rows of the file not valid today ((row, reference, PO)) whose reference a line of the batch's own
    orders at the vendor carries: their cards were sent (from a ledger lost, replaced or elsewhere) and the
    row is never tied (only valid rows are); fixed as the Fix these sheet asks, each was sent again (found by
    hunter-vendor3: VISA-PREPAID refused today, V1 and V2 changed to CVS went out in BS-VISA-0002)."""
    from ..errors import BatchConflictError

    named = first_few([f"row {row} ({ref}, in {po})" for row, ref, po in found])
    raise BatchConflictError(
        f"The vendor holds the cards of {len(found)} row(s) of this file that are not valid today ({named}"
        f"), sent in batch {batch!r} from a ledger this one is not: fixed and sent, each would be a "
        "second card. Nothing was sent",
        hint="run with the ledger they were sent from (the same computer, or the team's shared ledger), or "
        "take those rows out of the file: their cards were ordered",
    )
