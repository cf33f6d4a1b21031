"""Repeat orders: a recipient is not sent the same gift twice by accident.

Before a run plans anything it is compared with every earlier batch in the ledger that went to the same API
(a sandbox trial never blocks the real run; batches recorded before the ledger kept the API count as the
same). What is refused or held, and why:

* **The same file under another batch name** (:func:`check_new_run`, before the sheet is read): a file
  byte for byte identical (SHA-256) to the latest file of another batch that holds orders, however old, is
  refused (:class:`~bulkship.errors.BatchConflictError`, exit 2, nothing sent), naming that batch, the date
  of its orders and its result workbook.
* **A near-identical batch name**: a name the ledger does not hold that compares equal to a batch holding
  orders is refused the same way. Names compare case-insensitively, ignoring spacing and punctuation
  (``Q4 gifts`` = ``q4-gifts``) and a browser's download suffix (``gifts (1).csv``). An exact name always
  continues its own batch, so a ledger that already holds two such batches keeps working.
* **The same rows under another batch name** (:func:`find_holds`, once the rows are validated): a new batch
  of which at least half the valid rows were ordered by one other batch within the window is refused.
* **Cross-batch duplicates**: a row to order with the recipient name, address, card and value of a row
  another batch ordered within the window (default :data:`DEFAULT_WINDOW_DAYS` days) is *held* (row status
  ``held``, not sent), naming the earlier batch, row, PO number and date.
* **Probable edits**: a row to order that closely matches a row this batch ordered and the file no longer
  holds (the same ExternalId, recipient name or address, with other details changed) is held as a probable
  edit of that row, whatever row it now sits on. Editing the sheet never changes a card already ordered;
  sorting, inserting or deleting rows never turns an edit into a second card.

``RepeatPolicy(allow=True)`` (``bulkship run --allow-repeat``) allows all of these on purpose: anniversaries
repeat every year. Orders older than the window are not compared row by row, so a monthly file is never
blocked by last year's rows.
"""

from __future__ import annotations

import math
import re
import shlex
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from . import defaults
from .batchapi import same_api
from .errors import BatchConflictError
from .folding import fold_address, fold_person, fold_unit, same_unit
from .models import FINGERPRINT, ROW, STATUS
from .payload import line_items
from .statuses import NO_CARD_STATUSES

if TYPE_CHECKING:
    import pandas as pd

    from .ledger import BatchRecord, Ledger, OrderRecord, RowRecord

DEFAULT_WINDOW_DAYS = defaults.REPEAT_WINDOW_DAYS
SAME_ROWS_SHARE = 0.5  # a new batch this much made of another batch's rows is that batch again: refused
ALLOW_FLAG = "--allow-repeat"
HELD = "held"
_HELD_PREFIX = "Held, not sent: "
_SENT_STATES = ("sending", "unknown", "created", "review")  # the vendor holds the order, or may
_COUNTED_STATES = ("planned", *_SENT_STATES)  # another batch's orders a run is compared with
_SHOWN = 8
_DOWNLOAD_SUFFIX = re.compile(r"\s*\(\d{1,3}\)$")  # "gifts (1)": a browser's second download of gifts
_NOT_WORD = re.compile(r"[\W_]+")
_NOT_DIGIT = re.compile(r"\D")


@dataclass(frozen=True)
class RepeatPolicy:
    """How a run treats repeats: ``allow`` (``--allow-repeat``) sends them on purpose; ``window_days``
    (``--repeat-window``, the program file's ``repeat_window_days``) is how far back rows are compared;
    ``today`` is the day the window ends (the run's date); ``own_name``: the person named the batch (it was
    not taken from the file's name), so a file mostly made of another batch's rows is meant as a batch of
    its own: those rows are held one by one, not the whole file refused as that batch again."""

    allow: bool = False
    window_days: int = DEFAULT_WINDOW_DAYS
    today: date | None = None
    own_name: bool = False

    @property
    def since(self) -> str:
        """The first day of the window, as the ledger's ISO times start (compares as text)."""
        return ((self.today or date.today()) - timedelta(days=max(0, self.window_days))).isoformat()


# -- names -----------------------------------------------------------------------------------------------


def fold_name(name: str) -> str:
    """A batch name as compared with the others: no download suffix, case, spacing or punctuation."""
    text = _DOWNLOAD_SUFFIX.sub("", name.strip())
    return _NOT_WORD.sub("-", text.casefold()).strip("-")


# -- what a row sends, folded for comparison -------------------------------------------------------------
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

    @property
    def repeat_key(self) -> str:
        return _SEP.join((self.name, self.address, self.product, self.value))


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
            str(external_id or "").casefold(),
            fold_person(name),
            address,
            str(product or "").casefold(),
            self.amount(value),
        )

    def line_key(self, item: Mapping[str, Any], address: Mapping[str, Any]) -> str:
        """``line_card(item).repeat_key`` without the card (``address``: its PhysicalDeliveryAddress)."""
        parts = (
            fold_person(address.get("Name")),
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


_FIELDS = ("external_id", "name", "address1", "address2", "zip", "product", "value")


class _Rows:
    """The rows of a validated frame that may be held, column by column (no Python object per row until
    one matches)."""

    def __init__(self, frame: pd.DataFrame, folder: _Folder) -> None:
        self.folder = folder
        self.rows = [int(r) for r in (frame[ROW] if ROW in frame.columns else frame.index).tolist()]
        self.fingerprints = frame[FINGERPRINT].astype(str).tolist()
        blank = [""] * len(self.rows)
        self.columns = {f: frame[f].tolist() if f in frame.columns else blank for f in _FIELDS}
        self.zips = [folder.zip5(z) for z in self.columns["zip"]]
        self.streets = list(map(fold_address, self.columns["address1"], self.columns["address2"]))

    def card(self, index: int) -> Card:
        return self.folder.card(*(self.columns[f][index] for f in _FIELDS))

    def repeat_keys(self) -> list[str]:
        c = self.columns
        values = [self.folder.amount(v) for v in c["value"]]
        names = map(fold_person, c["name"])
        parts = zip(names, self.streets, self.zips, c["product"], values, strict=True)
        return list(map(str.casefold, map(_SEP.join, parts)))

    def recipients(self) -> set[str]:
        """Name and street of every row, case-folded: what a line must match to be looked at."""
        parts = zip(map(fold_person, self.columns["name"]), self.streets, strict=True)
        return set(map(str.casefold, map(_SEP.join, parts)))

    def addresses(self) -> list[str]:
        parts = zip(self.streets, self.zips, strict=True)
        return list(map(str.casefold, map(_SEP.join, parts)))


# -- before the sheet is read: the same file, a near-identical name --------------------------------------


def _where(record: BatchRecord, first_order: str, *, sent: bool = True) -> str:
    if not sent:  # planned only: confirmed by nobody yet, waiting for approval, or rejected
        return f"batch {record.name!r} (planned on {first_order[:10]}, not sent yet)"
    results = f"results: {record.output}" if record.output else "no result workbook written yet"
    return f"batch {record.name!r} (orders of {first_order[:10]}, {results})"


def _twice(sent: bool) -> str:
    """What running the same cards under a second batch would do, true whether or not they were sent."""
    return "send those cards a second time" if sent else "order those cards twice once both batches are sent"


def _command(file_name: str, batch: str) -> str:
    """The command line that continues ``batch`` with the file, quoted for a shell."""
    return f"bulkship run {shlex.quote(file_name)} --batch {shlex.quote(batch)}"


def _continue_hint(record: BatchRecord, file_name: str, *also: str) -> str:
    return "; ".join(
        (
            f"to continue that batch with this file, run `{_command(file_name, record.name)}`",
            *also,
            f"to send these cards again on purpose, add {ALLOW_FLAG}",
        )
    )


def check_new_run(
    ledger: Ledger,
    batch: str,
    *,
    file_name: str,
    file_hash: str,
    policy: RepeatPolicy,
    api: str | None,
    default_names: Sequence[str] = (),
) -> None:
    """Refuse (BatchConflictError) a run of ``batch`` that repeats another batch: the same file (SHA-256),
    or a batch name the ledger does not hold that folds to one of another batch holding orders.
    ``default_names`` are other spellings of the name when it was taken from the file's name."""
    if policy.allow:
        return
    stored = ledger.batch(batch)
    if stored is not None and stored.file_hash == file_hash:
        return  # this batch's own file: a resume
    holding = ledger.batches_holding_orders(_COUNTED_STATES)
    sent = ledger.batches_holding_orders(_SENT_STATES)
    others = [b for b in ledger.batches() if b.name != batch and b.name in holding and same_api(b.api, api)]
    same_file = next((b for b in others if file_hash and b.file_hash == file_hash), None)
    if same_file is not None:
        was_sent = same_file.name in sent
        raise BatchConflictError(
            f"{file_name} is the same file (identical content) as "
            f"{_where(same_file, holding[same_file.name], sent=was_sent)}. Running it as batch {batch!r} "
            f"would {_twice(was_sent)}. Nothing was sent",
            hint=_continue_hint(same_file, file_name),
            other=same_file.name,
        )
    if stored is not None:
        return
    wanted = {fold_name(name) for name in (batch, *default_names)} - {""}
    similar = next((b for b in others if fold_name(b.name) in wanted), None)
    if similar is not None:
        raise BatchConflictError(
            f"Batch {batch!r} is new, but the ledger holds {_where(similar, holding[similar.name])}, a name "
            "that differs only in case, spacing or a download suffix such as ' (1)'. Nothing was sent",
            hint=f"to continue that batch, run `{_command(file_name, similar.name)}`; for a "
            "separate batch give it a clearly different name (its rows are still compared with every "
            f"earlier batch), or add {ALLOW_FLAG}",
            other=similar.name,
        )


# -- once the rows are validated: the same rows, cross-batch duplicates, probable edits ------------------


def _is_sent(record: RowRecord, orders: Mapping[str, OrderRecord]) -> bool:
    order = orders.get(record.po_number or "")
    if record.status == "failed":  # on no live order: refused, or its line made no card (sent again)
        return False
    return record.status == "ordered" or (order is not None and order.state in _SENT_STATES)


def find_holds(
    ledger: Ledger,
    batch: str,
    frame: pd.DataFrame,
    *,
    known: Mapping[str, RowRecord],
    orders: Mapping[str, OrderRecord],
    policy: RepeatPolicy,
    api: str | None,
    file_name: str,
) -> dict[str, str]:
    """The rows of ``frame`` (a validated file of ``batch``) to hold rather than order: fingerprint ->
    why, in plain words. ``known`` and ``orders`` are the batch's rows and orders in the ledger. Raises
    BatchConflictError when a new batch is mostly the rows of another one, unless ``policy.allow`` (then
    the rows are still found, for :func:`release`)."""
    if frame.empty:
        return {}
    # Rows on a planned order of this batch are compared too: that order has not left yet, and a row held
    # now takes it back (the pipeline cancels a planned order whose rows are not all to be sent).
    sent = {fp for fp, record in known.items() if _is_sent(record, orders)}
    fingerprints = frame[FINGERPRINT].astype(str)
    candidates = frame[(frame[STATUS] == "valid") & ~fingerprints.isin(sent)]
    if candidates.empty:
        return {}
    present = set(fingerprints.tolist())
    gone = [known[fp] for fp in sent if fp not in present]
    earlier = _recent_orders(ledger, batch, policy, api)
    staying = [known[fp] for fp in sent if fp in present]
    if not gone and not earlier and not staying:
        return {}
    rows = _Rows(candidates, _Folder())
    holds: dict[str, str] = _same_reference(staying, rows, candidates)
    references = {str(r).casefold() for r in rows.columns["external_id"] if r}
    where, lines = _first_lines(
        earlier, rows, references, _lines_without_card(ledger, batch, policy, earlier)
    )
    found = _sent_to_the_same_place(rows, where) if where else []
    by_reference = _same_reference_elsewhere(rows, lines, {i for i, _ in found})
    found += by_reference.items()
    copied_from = None  # another batch whose file this one mostly is (an edited copy run under a new name)
    if found:
        if not policy.allow:  # on every run, not only the first: a re-run must hold the same edits
            valid = int((frame[STATUS] == "valid").sum())
            repeated = [earlier[o] for _i, (o, _l) in found]
            copied_from = _mostly_of(repeated, valid)
            if copied_from is not None and not known and not policy.own_name:
                _refuse_same_rows(batch, file_name, ledger, repeated, valid, copied_from)
        numbers = _row_numbers(ledger, [(earlier[o].po_number, line) for _i, (o, line) in found])
        for i, (o, line) in found:
            order = earlier[o]
            reference = rows.columns["external_id"][i] if i in by_reference else None
            row = numbers.get((order.po_number, line))
            holds[rows.fingerprints[i]] = _repeat_note(order, row, policy, reference=reference)
    if copied_from is not None:  # its changed rows are edits of that batch's rows, as in that batch itself
        gone += [r for r in ledger.batch_rows(copied_from) if r.status == "ordered"]
        orders = {**orders, **{o.po_number: o for o in ledger.orders(copied_from)}}
    if gone:
        shared = {a for a, n in Counter(_Rows(frame, rows.folder).addresses()).items() if n > 1}
        for fp, note in _probable_edits(gone, orders, rows, shared).items():
            holds.setdefault(fp, note)
    return holds


def _sent_to_the_same_place(rows: _Rows, where: _Sent) -> list[tuple[int, tuple[int, int]]]:
    """The rows a line of ``where`` repeats: row -> (index in the orders, line index), the first line with
    its repeat key at the same place: not another unit of one building (namesakes on two floors of one
    office are two people), while a unit written on one side only is the same place."""
    found = []
    for i, key in enumerate(rows.repeat_keys()):
        sent = where.get(key)
        if sent:
            unit = fold_unit(rows.columns["address1"][i], rows.columns["address2"][i])
            at = next(((o, line) for o, line, theirs in sent if same_unit(unit, theirs)), None)
            if at is not None:
                found.append((i, at))
    return found


def _mostly_of(repeats: Sequence[OrderRecord], valid: int) -> str | None:
    """The other batch at least ``SAME_ROWS_SHARE`` of the file's valid rows repeat, if any."""
    by_batch = Counter(order.batch for order in repeats)
    if not by_batch or valid == 0:
        return None
    other, count = by_batch.most_common(1)[0]
    return other if count >= max(1, math.ceil(valid * SAME_ROWS_SHARE)) else None


def _same_reference(staying: Sequence[RowRecord], rows: _Rows, candidates: pd.DataFrame) -> dict[str, str]:
    """Rows to order that carry the reference (ExternalId: the sheet's own, e.g. an employee ID) of a row
    this batch already ordered and the file still holds: fingerprint -> why. One reference is one
    recipient's card; a second row with it is an edit come back beside the original (a re-run of an older
    file, a Fix-these copy), not a new card, unless the sheet says so (its allow-duplicate column)."""
    by_row = sorted(staying, key=lambda r: r.row)
    ordered = {str(r.external_id).casefold(): r for r in by_row if r.external_id}
    if not ordered:
        return {}
    on_purpose = (
        candidates["allow_duplicate"].eq("yes").tolist()
        if "allow_duplicate" in candidates.columns
        else [False] * len(rows.rows)
    )
    holds = {}
    for i, reference in enumerate(rows.columns["external_id"]):
        record = ordered.get(str(reference or "").casefold()) if reference else None
        if record is not None and not on_purpose[i]:
            holds[rows.fingerprints[i]] = (
                f"Held, not sent: ExternalId {reference} was already ordered in this batch (row "
                f"{record.row}, PO {record.po_number}) and that row is still in the file. One reference is "
                f"one card: remove one of the two rows, or re-run with {ALLOW_FLAG} to send another card on "
                "purpose"
            )
    return holds


def _recent_orders(ledger: Ledger, batch: str, policy: RepeatPolicy, api: str | None) -> list[OrderRecord]:
    """The other batches' orders through this API within the window (to send, sent, or maybe sent)."""
    apis = {b.name: b.api for b in ledger.batches()}
    recent = ledger.orders_since(policy.since, exclude_batch=batch, states=_COUNTED_STATES)
    return [o for o in recent if same_api(apis.get(o.batch), api)]


_Lines = dict[str, list[tuple[int, int, Card]]]  # reference, card, value -> (order, line, card sent)
_Sent = dict[str, list[tuple[int, int, str]]]  # repeat key -> (order, line, its unit) in the orders' order


def _lines_without_card(
    ledger: Ledger, batch: str, policy: RepeatPolicy, orders: Sequence[OrderRecord]
) -> set[tuple[str, int]]:
    """(PO, line index) of the lines of ``orders`` that made no card: the row tied to it failed there or its
    line was ended without a card, or no row is tied to it any more and the vendor ended the whole order
    Failed or Cancelled (its rows were sent again elsewhere). A person whose every card failed has none: a
    new list sends them one, it does not hold them (found by a newcomer). Anything less sure is a card."""
    tied = ledger.lines_tied_since(policy.since, exclude_batch=batch, states=_COUNTED_STATES)
    found: set[tuple[str, int]] = set()
    for order in orders:
        on = tied.get(order.po_number, {})
        found.update((order.po_number, i) for i, card in on.items() if not card)
        if (order.status or "").casefold() in NO_CARD_STATUSES:
            found.update((order.po_number, i) for i in range(order.lines) if i not in on)
    return found


def _first_lines(
    orders: Sequence[OrderRecord], rows: _Rows, references: set[str], no_card: set[tuple[str, int]]
) -> tuple[_Sent, _Lines]:
    """Where each gift to one of the rows' recipients (:meth:`_Rows.recipients`) was sent in ``orders``:
    repeat key -> (index in ``orders``, line index, the unit it went to), first sent first; and the lines
    whose reference (ExternalId) is one of ``references``, for :func:`_same_reference_elsewhere`. Lines in
    ``no_card`` made no card and are left out. Each payload is read once; a line to anyone else costs one
    look-up."""
    recipients, folder = rows.recipients(), rows.folder
    where: _Sent = {}
    by_reference: _Lines = {}
    for number, order in enumerate(orders):
        for line, item in enumerate(line_items(order)):
            if (order.po_number, line) in no_card:
                continue
            address = item.get("PhysicalDeliveryAddress") or {}
            street = fold_address(address.get("AddressLine1"), address.get("AddressLine2"))
            who = f"{fold_person(address.get('Name'))}{_SEP}{street}"
            if who in recipients:
                unit = fold_unit(address.get("AddressLine1"), address.get("AddressLine2"))
                where.setdefault(folder.line_key(item, address), []).append((number, line, unit))
            reference = str(item.get("ExternalId") or "").casefold()
            if reference and reference in references:
                card = folder.line_card(item)
                key = _SEP.join((reference, card.product, card.value))
                by_reference.setdefault(key, []).append((number, line, card))
    return where, by_reference


def _same_reference_elsewhere(rows: _Rows, lines: _Lines, matched: set[int]) -> dict[int, tuple[int, int]]:
    """Rows (index in ``rows``, not in ``matched``) whose reference (ExternalId, e.g. an employee ID) another
    batch sent the same card and value to, with the same name or the same address: row -> (index in the
    orders, line index). One person exported by two systems spells the address or name differently
    ("Fl 21" / "Floor 21", a middle initial) but keeps the ID; a reference alone (a shared code, a row
    number) is not enough."""
    found: dict[int, tuple[int, int]] = {}
    if not lines:
        return found
    for i, reference in enumerate(rows.columns["external_id"]):
        if not reference or i in matched:
            continue
        card = rows.card(i)
        for number, line, sent in lines.get(_SEP.join((card.external_id, card.product, card.value)), ()):
            if sent.name == card.name or sent.address == card.address:
                found[i] = (number, line)
                break
    return found


def _row_numbers(ledger: Ledger, lines: Sequence[tuple[str, int]]) -> dict[tuple[str, int], int]:
    """The spreadsheet row of each (PO number, line index), read only for the orders named."""
    if not lines:
        return {}
    records = ledger.rows_on_orders(sorted({po for po, _line in lines}))
    return {(r.po_number or "", r.line_index or 0): r.row for r in records if r.line_index is not None}


_VERBS = {"created": "ordered", "planned": "planned, not sent yet", "review": "perhaps ordered (in review)"}


def _repeat_note(
    order: OrderRecord, row: int | None, policy: RepeatPolicy, *, reference: object = None
) -> str:
    verb = _VERBS.get(order.state, "sent")
    where = f"row {row}, " if row is not None else ""
    what = (
        f"reference {reference} (the same person: same name or address), card and value"
        if reference
        else "recipient, address, card and value"
    )
    return (
        f"Held, not sent: the same {what} were {verb} in batch "
        f"{order.batch!r} ({where}PO {order.po_number}, {order.created[:10]}), within the last "
        f"{policy.window_days} days. To send it again on purpose, re-run with {ALLOW_FLAG}"
    )


def _refuse_same_rows(
    batch: str, file_name: str, ledger: Ledger, repeats: Sequence[OrderRecord], valid: int, other: str
) -> None:
    count = sum(1 for order in repeats if order.batch == other)
    record = ledger.batch(other)
    first = min(order.created for order in repeats if order.batch == other)
    sent = any(order.state in _SENT_STATES for order in repeats if order.batch == other)
    where = _where(record, first, sent=sent) if record is not None else f"batch {other!r}"
    verb = "were already ordered by" if sent else "are already planned in"
    own = (
        f"to send only the rows no batch has ordered yet (the {len(repeats)} already ordered are held, not "
        "sent), give this file a batch name of its own: "
        f"`bulkship run {shlex.quote(file_name)} --batch NEW-NAME`"
    )
    raise BatchConflictError(
        f"{count} of the {valid} valid rows of {file_name} {verb} {where}: the same rows "
        f"under another batch name ({batch!r}). Nothing was sent",
        hint=_continue_hint(record, file_name, own) if record is not None else f"{own}; or add {ALLOW_FLAG}",
        other=other,
    )


def _probable_edits(
    gone: Sequence[RowRecord], orders: Mapping[str, OrderRecord], rows: _Rows, shared: set[str]
) -> dict[str, str]:
    """Rows to order that look like an edit of an ordered row the file no longer holds: fingerprint -> why.
    An address is a recipient's identity only where one row has it: ``shared`` (addresses of several rows
    of the file, such as an office every card goes to) and addresses of several gone rows are not."""
    payloads: dict[str, list[Any]] = {}
    by_id: dict[str, tuple[RowRecord, Card]] = {}
    by_name: dict[str, tuple[RowRecord, Card]] = {}
    by_address: dict[str, tuple[RowRecord, Card]] = {}
    for record in sorted(gone, key=lambda r: (r.row, r.fingerprint)):
        order = orders.get(record.po_number or "")
        if order is None or record.line_index is None:
            continue
        if order.po_number not in payloads:
            payloads[order.po_number] = line_items(order)
        items = payloads[order.po_number]
        if not 0 <= record.line_index < len(items):
            continue
        card = rows.folder.line_card(items[record.line_index])
        by_id.setdefault(card.external_id, (record, card))
        by_name.setdefault(card.name, (record, card))
        if card.address in by_address:
            shared.add(card.address)
        by_address.setdefault(card.address, (record, card))
    for address in shared:
        by_address.pop(address, None)
    notes: dict[str, str] = {}
    ids = list(map(str.casefold, map(str, rows.columns["external_id"])))
    names = list(map(fold_person, rows.columns["name"]))
    for i, (ext, name, address) in enumerate(zip(ids, names, rows.addresses(), strict=True)):
        for same, index, key in (
            ("ExternalId", by_id, ext),
            ("recipient name", by_name, name),
            ("address", by_address, address),
        ):
            if key and key in index:
                notes[rows.fingerprints[i]] = _edit_note(*index[key], rows.card(i), same)
                break
    return notes


def _edit_note(record: RowRecord, ordered: Card, new: Card, same: str) -> str:
    changed = [
        what
        for what, before, after in (
            ("name", ordered.name, new.name),
            ("address", ordered.address, new.address),
            ("card", ordered.product, new.product),
            ("value", ordered.value, new.value),
        )
        if before != after
    ]
    if new.external_id and new.external_id != ordered.external_id:
        changed.append("ExternalId")
    other = f", other {' and '.join(changed)}" if changed else ", other details"
    return (
        f"Held, not sent: looks like an edit of row {record.row} of the file as it was ordered (PO "
        f"{record.po_number}; sorting or inserting rows may have moved it) "
        f"(same {same}{other}). Editing the sheet does not change a card already ordered: restore the row "
        f"as it was, or re-run with {ALLOW_FLAG} to send another card on purpose"
    )


@dataclass(frozen=True)
class RepeatPreview:
    """What ``bulkship run`` would refuse or hold as a repeat of an earlier batch, as ``bulkship validate``
    shows it: ``refusals`` of the whole file, and ``rows`` (spreadsheet row -> why it would be held)."""

    refusals: tuple[str, ...] = ()
    rows: Mapping[int, str] = field(default_factory=dict)


def preview(
    ledger: Ledger,
    batch: str,
    frame: pd.DataFrame,
    *,
    file_name: str,
    file_hash: str,
    policy: RepeatPolicy,
    api: str | None,
    default_names: Sequence[str] = (),
) -> RepeatPreview:
    """The checks ``bulkship run`` makes before planning (:func:`check_new_run`, :func:`find_holds`) on a
    validated file, reading the ledger only: nothing is recorded, refused or held."""
    refusals: list[str] = []
    try:
        check_new_run(
            ledger, batch, file_name=file_name, file_hash=file_hash, policy=policy, api=api,
            default_names=default_names,
        )  # fmt: skip
    except BatchConflictError as exc:
        refusals.append(_refusal(batch, exc))
    known = {r.fingerprint: r for r in ledger.batch_rows(batch)}
    orders = {o.po_number: o for o in ledger.orders(batch)}
    arguments: dict[str, Any] = {"known": known, "orders": orders, "api": api, "file_name": file_name}
    try:  # once the file is refused, its rows are still listed (allow: found, not refused again)
        holds = find_holds(ledger, batch, frame, policy=replace(policy, allow=bool(refusals)), **arguments)
    except BatchConflictError as exc:
        refusals.append(_refusal(batch, exc))
        holds = find_holds(ledger, batch, frame, policy=replace(policy, allow=True), **arguments)
    return RepeatPreview(tuple(refusals), rows_held(frame, holds))


def rows_held(frame: pd.DataFrame, holds: Mapping[str, str]) -> dict[int, str]:
    """Holds (row fingerprint -> why) by spreadsheet row."""
    fingerprints = frame[FINGERPRINT].astype(str).tolist()
    return {
        int(row): holds[fp] for row, fp in zip(frame.index.tolist(), fingerprints, strict=True) if fp in holds
    }


def _refusal(batch: str, exc: BatchConflictError) -> str:
    said = exc.message.removesuffix(". Nothing was sent")
    return f"`bulkship run` as batch {batch!r} would refuse this file: {said}" + (
        f" ({exc.hint})." if exc.hint else "."
    )


def preview_note(note: str) -> str:
    """A hold's note as validate words it: what run would do, not what it did."""
    return "`bulkship run` would hold this row, not send it: " + note.removeprefix(_HELD_PREFIX)


def repeat_said(note: str) -> str:
    """What a hold's note says the row repeats, without the advice: "the same recipient, address, card and
    value were ordered in batch 'q3' (row 4, PO ..., 2026-09-01), within the last 60 days"."""
    return note.removeprefix(_HELD_PREFIX).split(". ")[0]


def release(ledger: Ledger, batch: str, holds: Mapping[str, str], policy: RepeatPolicy) -> dict[str, str]:
    """The holds this run keeps: none when repeats are allowed, and then the ledger's event log says which
    rows went out on purpose (``repeat_allowed``), so a second card can be explained later."""
    if not policy.allow or not holds:
        return dict(holds)
    shown = dict(list(holds.items())[:_SHOWN])
    ledger.log_event(batch, None, "repeat_allowed", rows=len(holds), flag=ALLOW_FLAG, examples=shown)
    return {}


def held_notes(ledger: Ledger, batch: str) -> list[str]:
    """What the run tells the user about the batch's held rows (empty when none)."""
    held = ledger.current_rows_with_status(batch, HELD)
    if not held:
        return []
    lines = [f"{len(held)} row(s) held, not sent, because they repeat a card already ordered:"]
    lines += [f"  row {r.row}: {r.error}" for r in held[:_SHOWN]]
    if len(held) > _SHOWN:
        lines.append(f"  ... and {len(held) - _SHOWN} more (see the result workbook)")
    return lines
