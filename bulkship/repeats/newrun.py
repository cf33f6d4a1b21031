"""Before the sheet is read (:func:`check_new_run`): the same file under another batch name, or a name
nearly identical to a batch holding orders, refused."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..batchapi import same_api
from ..errors import BatchConflictError
from ..ledger.records import ELSEWHERE
from .policy import (
    _COUNTED_STATES,
    _SENT_STATES,
    ALLOW_FLAG,
    ALSO_SENT,
    ALSO_SENT_PLANNED,
    RepeatPolicy,
    fold_name,
)

if TYPE_CHECKING:
    from ..ledger import BatchRecord, Ledger


def _where(record: BatchRecord, first_order: str, *, sent: bool = True, waiting: int = 0) -> str:
    results = f"results: {record.output}" if record.output else "no result workbook written yet"
    if not sent and waiting:  # its rows wait for review: no card of them recorded as sent
        return (
            f"batch {record.name!r} (planned on {first_order[:10]}, {waiting} row(s) waiting for review, "
            f"none recorded as sent; {results})"
        )
    if not sent:  # planned only: confirmed by nobody yet, waiting for approval, or rejected
        return f"batch {record.name!r} (planned on {first_order[:10]}, not sent yet)"
    return f"batch {record.name!r} (orders of {first_order[:10]}, {results})"


def _twice(sent: bool, waiting: int = 0) -> str:
    """What running the same cards under a second batch would do, true whether or not they were sent."""
    if sent:
        return "send those cards a second time"
    if waiting:
        return "order those cards twice once that batch's rows waiting for review are released and sent"
    return "order those cards twice once both batches are sent"


def sent_cards(ledger: Ledger, batch: str) -> tuple[bool, int]:
    """Whether ``batch`` sent cards as this ledger records it (a row ordered or found sent elsewhere, or an
    order this ledger sent whose answer or rows are still in doubt), and how many of its rows wait for review.
    Rows waiting on an order another ledger placed (found at the vendor after a lost ledger, or another
    office's batch of the same name) are no card of this ledger's: office B, whose people had no card yet,
    was refused a run under another name in words saying it 'would send those cards a second time'
    (hunter-vendor22's L5)."""
    counts = ledger.row_counts(batch)
    waiting = counts.get("review", 0)
    if counts.get("ordered") or counts.get(ELSEWHERE):
        return True, waiting
    doubt = [o.po_number for o in ledger.orders(batch=batch) if o.state in _SENT_STATES]
    return any(ledger.events(po_number=po, kinds=("sending",)) for po in doubt), waiting


def as_typed(path: Path, private: Path | None = None) -> str:
    """The file as a command bulkship suggests names it: as typed ('samples/gifts.xlsx', run from the folder
    the person is in; its name alone ended "File not found"), an absolute path too (a file dragged into the
    terminal is typed so: its name alone, followed from another folder, ended "File not found": newcomer11's
    W5, found again by newcomer13); by its name alone when it lies in ``private``, bulkship's data folder (a
    list uploaded on the web page, whose server path the page never shows)."""
    if private is not None and path.is_absolute() and path.resolve().is_relative_to(private.resolve()):
        return path.name
    return str(path)


def _command(file_name: str, batch: str, keep: Sequence[str] = ()) -> str:
    """The command line that runs the file as ``batch``, with the person's options (``keep``: what they
    ran with that decides what is read and spent), quoted for a shell."""
    return " ".join(["bulkship run", *map(shlex.quote, (file_name, "--batch", batch, *keep))])


def _continue_hint(
    record: BatchRecord, file_name: str, *also: str, keep: Sequence[str] = (), sent: bool = True
) -> str:
    return "; ".join(
        (
            f"to continue that batch with this file, run `{_command(file_name, record.name, keep)}`",
            *also,
            f"to send these cards again on purpose, add {ALLOW_FLAG} {ALSO_SENT}"
            if sent
            else f"to order them under this batch too on purpose, add {ALLOW_FLAG} {ALSO_SENT_PLANNED}",
        )
    )


def _same_file(
    ledger: Ledger, others: Sequence[BatchRecord], ours: set[str]
) -> tuple[BatchRecord, bool] | None:
    """The first of ``others`` read from one of the files ``ours`` (SHA-256: as run, or as uploaded on the
    web page), and whether it sent orders."""
    uploaded = ledger.upload_hashes() if others else {}
    found = next((b for b in others if ours & {b.file_hash, *uploaded.get(b.name, ())}), None)
    if found is None:
        return None
    return found, sent_cards(ledger, found.name)[0]


def same_file_as(ledger: Ledger, file_hash: str, *, api: str | None) -> tuple[str, bool] | None:
    """The batch holding orders read from this very file (its SHA-256) at ``api``, and whether it sent
    them: a file uploaded again on the web page is said so at once, as its cost page would refuse it after
    its columns and review (found by newcomer9, L6)."""
    holding = ledger.batches_holding_orders(_COUNTED_STATES)
    others = [b for b in ledger.batches() if b.name in holding and same_api(b.api, api)]
    found = _same_file(ledger, others, {file_hash})
    return (found[0].name, found[1]) if found is not None else None


def check_new_run(
    ledger: Ledger,
    batch: str,
    *,
    file_name: str,
    file_hash: str,
    policy: RepeatPolicy,
    api: str | None,
    default_names: Sequence[str] = (),
    upload_hash: str = "",
) -> None:
    """Refuse (BatchConflictError) a run of ``batch`` that repeats another batch: the same file (SHA-256),
    or a batch name the ledger does not hold that folds to one of another batch holding orders.
    ``default_names`` are other spellings of the name when it was taken from the file's name.

    The same file is the same whatever cells were corrected on the web page, here or in the other batch
    (``upload_hash``: the file's own hash when ``file_hash`` names it with corrections): a row left out there
    by a 'Terminated' typed on the page was ordered when the file was uploaded again (found by newcomer4)."""
    if policy.allow:
        return
    stored = ledger.batch(batch)
    if stored is not None and stored.file_hash == file_hash:
        return  # this batch's own file: a resume
    holding = ledger.batches_holding_orders(_COUNTED_STATES)
    others = [b for b in ledger.batches() if b.name != batch and b.name in holding and same_api(b.api, api)]
    found = _same_file(ledger, others, {file_hash, upload_hash} - {""})
    if found is not None:
        same_file, was_sent = found
        waiting = sent_cards(ledger, same_file.name)[1]
        where = _where(same_file, holding[same_file.name], sent=was_sent, waiting=waiting)
        review = (
            "to see and settle its rows waiting for review, run "
            f"`bulkship reconcile {shlex.quote(same_file.name)} --review`"
        )
        raise BatchConflictError(
            f"{file_name} is the same file (identical content) as {where}. Running it as batch {batch!r} "
            f"would {_twice(was_sent, waiting)}. Nothing was sent",
            hint=_continue_hint(
                same_file, file_name, *([review] if waiting else []), keep=policy.keep, sent=was_sent
            ),
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
            hint=f"to continue that batch, run `{_command(file_name, similar.name, policy.keep)}`; for a "
            "separate batch give it a clearly different name (its rows are still compared with every "
            f"earlier batch); {ALLOW_FLAG} runs it under this name but also sends every row repeating a card "
            "already ordered (that batch's included), a second card each",
            other=similar.name,
        )
