"""Batch identity: whether a file may continue a batch (:func:`check_batch_identity`, and another sheet of
its workbook: :func:`check_same_sheet`). Refused: ``BatchConflictError``, exit 2, nothing sent.

* same file name or any row already ordered present → an edit of the batch's file: accepted; a changed row
  already ordered is recognised by its content, not its row number (:mod:`bulkship.repeats`: held as a
  probable edit of that row, wherever it now sits);
* otherwise (another file name sharing no ordered row) it may be the result workbook's "Fix these" sheet
  copied to a file of its own: accepted when each of its new rows is one of the batch's rows needing the
  user (invalid/failed/duplicate/held), the same person as the batch's result workbook names them, and it
  leaves none of the batch's rows to fix (invalid/failed) out; else refused as a different file. Another
  list of as few rows was taken for the batch's own, the batch's rows to fix then listed nowhere (found by
  newcomer13, its L5: wave2.csv run as crm-wave1; :func:`corrections_of`).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from .errors import BatchConflictError
from .folding.names import fold_person, name_words
from .ledger import Ledger, RowRecord
from .ledger.orderstates import COMMITTED_ORDER_STATES, rows_on_orders_in
from .load import sheet_names
from .models import FINGERPRINT, NAME_COLUMNS, LoadedSheet
from .plan import batch_name_of
from .statuses import NOT_YET_REASON


def check_batch_identity(
    batch: str,
    file_name: str,
    stored_file_name: str,
    known: dict[str, RowRecord],
    committed: set[str],
    frame: Any,
    *,
    in_doubt: int = 0,
    fix_sheet: bool = False,
    shown: str = "",
    book: str | None = None,
) -> None:
    """Raise BatchConflictError when this file cannot continue ``batch`` (see the module docstring).
    ``in_doubt``: the batch's orders sent with no answer yet: settled with the batch's own file first.
    ``fix_sheet``: the file is a result workbook read by its Fix these sheet. ``shown``: the file as the
    person typed it, in the commands offered (its name alone, typed by its full path and followed from
    another folder, was not found: newcomer13). ``book``: the batch's result workbook, which names the
    batch's rows to fix (:func:`corrections_of`)."""
    typed = shlex.quote(shown or file_name)
    fingerprints = frame[FINGERPRINT].astype(str).tolist()
    present = set(fingerprints)
    new_rows = [fp for fp in fingerprints if fp not in known]
    outstanding = [rec for rec in known.values() if rec.status in OUTSTANDING or _waiting(rec)]
    if file_name == stored_file_name:
        return  # an edit of the batch's file: changed ordered rows are held by content (repeats.find_holds)
    if committed & present:
        # another file holding rows the batch ordered: an edit of its list saved under another name, or the
        # next wave with a person already sent. Each row still to fix must be in it, as it was or corrected:
        # wave2.csv (Ann ordered in wave 1 among new people) took the batch, exit 0, wave 1's row to fix
        # listed nowhere and never sent (found by review40)
        left = corrections_of(frame, set(new_rows), outstanding, book, batch, others=True)
        if left:
            raise BatchConflictError(
                f"{file_name} continues batch {batch!r} (it holds rows the batch ordered from "
                f"{stored_file_name}), but not {_listed(left)}, still waiting on you (to correct, held as "
                "a repeat for you to decide on, held until a day to come, or planned and not sent yet): run "
                "so, the batch would list them no more and they would get no card. Nothing was sent",
                hint=f"put them in {file_name} too, or run the batch's own file: bulkship run "
                f"{shlex.quote(stored_file_name)} --batch {shlex.quote(batch)}; a list of other people is "
                f"a batch of its own: bulkship run {typed} --batch NEW-NAME (its rows already ordered are "
                "held, not sent again)",
            )
        return
    if not committed and (len(new_rows) < len(fingerprints) or not outstanding):
        # nothing at the vendor: a shorter or edited copy of the batch's list (its plan declined or over
        # --max-total), or a batch with nothing left to do. A list sharing no row with a batch stopped for
        # funds (its rows planned) took its place, exit 0, those people listed nowhere (found by newcomer14)
        return
    tied = (
        None
        if len(new_rows) > len(outstanding)
        else corrections_of(frame, set(new_rows), outstanding, book, batch)
    )
    other, left_out = tied is None, tied or []
    if other and in_doubt:
        raise BatchConflictError(
            f"Batch {batch!r} was ordered from {stored_file_name} and {in_doubt} of its orders are in doubt "
            f"(sent, no answer yet); {file_name} is a different file. Nothing was sent",
            hint=f"first settle the orders in doubt with the batch's own file: bulkship run "
            f"{shlex.quote(stored_file_name)} --batch {shlex.quote(batch)} (it asks the vendor and never "
            f"sends a card twice); then run {typed} --batch {shlex.quote(batch)} again if it corrects the "
            "batch's rows to fix (it continues the batch then), or, a list of other people, as a batch of "
            f"its own: bulkship run {typed} --batch NEW-NAME (its rows already ordered are held, not sent "
            "again)",
        )
    if other and fix_sheet:
        # its rows read otherwise than the batch's: another program file (one next to the batch's list is
        # not next to its result workbook), not another list: "give it its own batch" sent them at STANDARD
        # beside the OVERNIGHT of the program (found by review20)
        raise BatchConflictError(
            f"{file_name} is a result workbook of batch {batch!r}, but {len(new_rows)} of its rows read "
            f"otherwise than the rows the batch ordered from {stored_file_name}: read without the program "
            "settings that file was run with? Nothing was sent",
            hint=f"run it with them: bulkship run {typed} --batch {shlex.quote(batch)} "
            "--config PROGRAM.toml (a bulkship.toml next to the list is not read next to the workbook)",
        )
    fixes = ""
    if outstanding and book:
        fixes = (
            f"; to correct the batch's rows to fix, correct them on the 'Fix these' sheet of {book} and run "
            f"bulkship run {shlex.quote(book)} --batch {shlex.quote(batch)}"
        )
    if other:
        raise BatchConflictError(
            f"Batch {batch!r} was {'ordered' if committed else 'planned'} from {stored_file_name}; "
            f"{file_name} is a different file ({len(new_rows)} rows the batch has never seen, none of its "
            f"{'ordered rows' if committed else 'rows'}"
            f"{', none of its rows to fix' if committed and 0 < len(new_rows) <= len(outstanding) else ''}). "
            "Nothing was sent",
            hint=f"to order it, give it its own batch: bulkship run {typed} --batch "
            "NEW-NAME (a new batch is compared with every earlier one: rows already ordered are held, "
            f"not sent again){fixes}",
        )
    if left_out:
        raise BatchConflictError(
            f"{file_name} holds corrections of batch {batch!r}'s rows to fix, but not {_listed(left_out)}, "
            "also waiting on you (to correct, held as a repeat for you to decide on, held until a day to "
            "come, or planned and not sent yet): run so, "
            "the batch would list them no more and they would get no card. Nothing was sent",
            hint=f"put them in {file_name} too{fixes} (a row taken off that sheet is not sent, and says so)",
        )


def identity_refusal(
    ledger: Ledger,
    batch: str,
    frame: Any,
    *,
    file_name: str,
    file_hash: str,
    fix_sheet: bool,
    sheet: LoadedSheet | None = None,
) -> BatchConflictError | None:
    """What :func:`check_batch_identity` would refuse when this file runs as ``batch``, read from the ledger
    without changing it: ``bulkship validate --batch`` said nothing of it, and the run then refused the file
    it had passed (found by newcomer14: wave2.csv validated with --batch crm-wave1, exit 0, run: exit 2).
    ``sheet``: the sheet read, which :func:`check_same_sheet` refuses where it is another of a workbook the
    batch read (validate passed it, exit 0: hunter-money30)."""
    from .ledger import OPEN_STATES

    stored, name = ledger.batch(batch), Path(file_name).name  # validate names the file as typed
    if sheet is not None and stored is not None and stored.file_hash != file_hash:
        sent_as = partial(sheet_sent_as, ledger, batch, name)
        try:
            check_same_sheet(batch, name, name, ledger.batch_sheet(batch, name), sheet, file_name, sent_as)
        except BatchConflictError as exc:
            return exc
    if stored is None or stored.file_hash == file_hash or stored.file_name == name:
        return None
    known = {r.fingerprint: r for r in ledger.batch_rows(batch)}
    orders = {o.po_number: o for o in ledger.orders(batch)}
    try:
        check_batch_identity(
            batch,
            name,
            stored.file_name,
            known,
            rows_on_orders_in(known, orders, COMMITTED_ORDER_STATES),
            frame,
            in_doubt=sum(1 for o in orders.values() if o.state in OPEN_STATES),
            fix_sheet=fix_sheet,
            shown=file_name,
            book=stored.output,
        )
    except BatchConflictError as exc:
        return exc
    return None


OUTSTANDING = ("invalid", "failed", "duplicate", "held", "planned")  # rows of a batch not done with
# of those, the rows a file of corrections may not leave out: to correct, or held for a person to decide on
# (--allow-repeat); left out, the batch listed them no more and read 'sent' (found by newcomer14). A
# duplicate's person has the card of the row it repeats.
TO_FIX = ("invalid", "failed", "held", "planned")  # planned: not sent yet (a run stopped for funds)


def corrections_of(
    frame: Any,
    new: set[str],
    outstanding: list[RowRecord],
    book: str | None,
    batch: str,
    *,
    others: bool = False,
) -> list[str] | None:
    """The batch's rows to fix that a file of corrections leaves out (named as the result workbook ``book``
    names them), or None when the file's ``new`` rows are not corrections of the batch's ``outstanding``
    rows: each must be a row of them, the same person (a correction of the address, card or amount keeps
    the name: its name folded as repeats compare names, or every word of the name the workbook shows among
    the row's name, first and last name: a one-word Preferred Name 'Dave' is 'Dave Kim' sent), and where the
    workbook cannot tell (gone, another batch's, or naming nobody) nothing is taken for a correction.
    ``others``: the file may hold other people too (it continues the batch as an edit): a row correcting
    none of them is one of those, and the rows to fix it leaves out are said all the same, those the
    workbook names (gone or renamed, it cannot tell a corrected row from one left out)."""
    from .reconcile.booknames import rows_of_workbook

    written = rows_of_workbook(book, batch)
    named = {
        rec.fingerprint: written[rec.row].name
        for rec in outstanding
        if rec.row in written and written[rec.row].fingerprint == rec.fingerprint and written[rec.row].name
    }
    by_fold: dict[str, list[str]] = {}
    by_word: dict[str, list[str]] = {}
    words_of = {fingerprint: name_words(name) for fingerprint, name in named.items()}
    # every word naming the person (first and last name beside a one-word Preferred Name 'Dave'): a row tied
    # by a one-word name must share another of them, or the next wave's 'Dave Park' corrected David Kim's row
    # and Kim was listed nowhere (found by review38 after f381ff41)
    every = {rec.fingerprint: name_words(written[rec.row].words) | words_of[rec.fingerprint]
             for rec in outstanding if rec.fingerprint in named}  # fmt: skip
    for fingerprint, name in named.items():
        by_fold.setdefault(fold_person(name), []).append(fingerprint)
        for word in words_of[fingerprint]:
            by_word.setdefault(word, []).append(fingerprint)
    lost = _LostLetters(named)
    fingerprints = frame[FINGERPRINT].astype(str)
    present = set(fingerprints)  # a row to fix the file holds as it was is not left out
    rows = frame[fingerprints.isin(new)]
    columns = [c for c in NAME_COLUMNS if c in rows.columns]
    corrected: set[str] = set()
    for cells in rows[columns].astype(str).itertuples(index=False):
        name = cells[0] if columns and columns[0] == "name" else ""
        said: set[str] = set().union(*(name_words(cell) for cell in cells))
        folded = fold_person(name) if name.strip() else None
        candidates = [*by_fold.get(folded or "", ()), *(fp for word in said for fp in by_word.get(word, ()))]
        tied = next(
            (
                fp
                for fp in candidates
                if fp not in corrected
                and (
                    (
                        bool(words_of[fp])
                        and words_of[fp] <= said
                        and len(every[fp] & said) >= min(2, len(every[fp]))
                    )
                    or folded == fold_person(named[fp])
                )
            ),
            None,
        )
        if tied is None:
            tied = lost.tie(dict(zip(columns, cells, strict=True)), corrected)
        if tied is None:
            if others:
                continue
            return None
        corrected.add(tied)
    return [
        f"row {rec.row} ({named[rec.fingerprint]})" if rec.fingerprint in named else f"row {rec.row}"
        for rec in sorted(outstanding, key=lambda r: r.row)
        if (rec.status in TO_FIX or _waiting(rec))
        and rec.fingerprint not in corrected
        and rec.fingerprint not in present
        and (not others or rec.fingerprint in named)  # unnamed (the workbook renamed): cannot tell
    ]


class _LostLetters:
    """The rows to fix whose name lost letters to a code page ('Kai ?ukasz': Excel's 'CSV (Comma delimited)'
    writes '?' for a letter Windows-1252 cannot hold), each tied by the row whose name reads the same with a
    letter outside ASCII in each '?': the list saved again as 'CSV UTF-8', as that row's error asks. Their
    name words ({kai, ukasz}) are not the corrected row's ({kai, łukasz}): the run was refused, the rows
    named as left out of a file holding them (found by newcomer28). A name keeping fewer letters than it
    lost ('?? ??') ties nothing: another person's name may read so."""

    def __init__(self, named: dict[str, str]) -> None:
        self.by_length: dict[int, list[tuple[str, re.Pattern[str]]]] = {}
        for fingerprint, name in named.items():
            said = " ".join(name.split())
            kept = sum(c.isalpha() for c in said)
            if "?" in said and kept >= max(3, said.count("?")):
                pattern = "".join(_NOT_ASCII if c == "?" else re.escape(c) for c in said)
                self.by_length.setdefault(len(said), []).append((fingerprint, re.compile(pattern, re.I)))

    def tie(self, cells: dict[str, str], corrected: set[str]) -> str | None:
        """The row to fix that a row's name cells ('name', 'first_name', 'last_name') correct, or None."""
        if not self.by_length:
            return None
        parts = (cells.get("first_name", ""), cells.get("last_name", ""))
        for name in {" ".join(cells.get("name", "").split()), " ".join(" ".join(parts).split())}:
            for fingerprint, pattern in self.by_length.get(len(name), ()):
                if fingerprint not in corrected and pattern.fullmatch(name):
                    return fingerprint
        return None


_NOT_ASCII = r"[^\x00-\x7f]"  # a letter a code page could not hold: never ASCII, which every one holds


def _waiting(rec: RowRecord) -> bool:
    """A row the list holds until a day to come, sent by the batch's file run on or after it: left out of a
    file of corrections, it would be listed nowhere, and `status` would no longer say it waits."""
    return rec.status == "skipped" and (rec.error or "").startswith(NOT_YET_REASON)


def _listed(rows: list[str]) -> str:
    return ", ".join(rows[:5]) + (f" and {len(rows) - 5} more" if len(rows) > 5 else "")


def check_same_sheet(
    batch: str,
    file_name: str,
    stored_file_name: str,
    stored_sheet: str | None,
    sheet: LoadedSheet,
    shown: str = "",
    sent_as: Callable[[str], str | None] = lambda _sheet: None,
) -> None:
    """Raise BatchConflictError when this is another sheet of the workbook the batch was read from: each
    sheet is a list of its own (found by newcomer8: January run after December under the file's name took
    December's place, December's people "no longer in the file"). A sheet renamed is the batch's own.
    ``sent_as``: the other batch that sent a sheet of this file, if one did: named, to continue it (a hint
    to a batch of its own held every row of a sheet sent already, for good: found by newcomer21, N8)."""
    here = sheet.sheet_name
    if file_name != stored_file_name or not stored_sheet or not here or here == stored_sheet:
        return
    if stored_sheet not in sheet_names(sheet.path):
        return
    run = f"bulkship run {shlex.quote(shown or file_name)} --sheet {shlex.quote(here)}"
    other = sent_as(here)
    if other is not None:
        hint = (
            f"Sheet {here!r} of {file_name} was sent as batch {other!r}: to continue it, {run} --batch "
            f"{shlex.quote(other)}"
        )
    else:
        own = batch_name_of(f"{batch}-{here}")
        hint = (
            f"give it a batch of its own: {run} --batch {shlex.quote(own)} (a card another batch ordered is "
            "held, not sent again)"
        )
    raise BatchConflictError(
        f"Batch {batch!r} was ordered from sheet {stored_sheet!r} of {file_name}; sheet {here!r} is another "
        "list. Nothing was sent",
        hint=hint,
    )


def sheet_sent_as(ledger: Ledger, batch: str, file_name: str, sheet: str) -> str | None:
    """Another batch than ``batch`` that sent orders read from ``sheet`` of a file named ``file_name``."""
    return next(
        (
            other.name
            for other in ledger.batches()
            if other.name != batch
            and other.file_name == file_name
            and ledger.batch_sheet(other.name) == sheet
            and ledger.orders(other.name)
        ),
        None,
    )
