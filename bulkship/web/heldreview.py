"""What the review says of the rows held as repeats of earlier cards, as the send will treat them: the rows
a person left out on the Held rows page (they have their card) are left out of the review too, and the rows
picked there are said to be sent anyway. The review counted a row left out there as valid, and said of it,
as of a row picked to be sent, 'Sending would hold this row ... ask whoever runs bulkship on the command
line', while the Held rows page is where that is done (found by hunter-web20, LO4, and hunter-web21)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from .. import api
from ..api.files import leave_rows_out
from ..batchnames import default_batch_for
from ..models import FINGERPRINT, LoadedSheet, ValidationResult
from ..repeats import preview_note, repeat_said
from ..settings import Settings
from .state import WebBatch

HELD_ADVICE = (
    "To send it anyway (another person of the same name, or a card meant again), tick it on the batch's Held "
    "rows page; if they have their card already, leave it out there."
)


def left_out(loaded: LoadedSheet, batch: WebBatch) -> LoadedSheet:
    """The sheet as the send reads it: the rows left out on the Held rows page left out, saying by whom and
    why (:func:`bulkship.api.files.leave_rows_out`, as the run's)."""
    return leave_rows_out(loaded, batch.repeats_left) if batch.repeats_left else loaded


def repeat_warnings(
    settings: Settings, batch: WebBatch, result: ValidationResult
) -> tuple[ValidationResult, tuple[str, ...], dict[int, str]]:
    """The rows the send would hold as repeats of another batch's cards, as warnings on their rows (a list
    uploaded again showed nothing of it before the cost page: found by hunter-web), the rows picked on the
    Held rows page said as sent anyway, why the send would refuse the whole upload, if it would, and the
    rows sent elsewhere (:func:`sent_elsewhere`)."""
    from .pagewords import page_note  # (it imports the review, which imports this module)

    upload = Path(batch.upload or "")
    named = batch.own_list or batch.name != default_batch_for(upload, batch.sheet)  # as the run judges it
    found = api.preview_repeats(
        result, settings, batch.name, batch.program, file_name=upload.name, named=named
    )
    if found is None:
        return result, (), {}
    fingerprints = result.rows[FINGERPRINT].astype(str).to_dict() if FINGERPRINT in result.rows else {}
    picked = {row for row in found.rows if fingerprints.get(row) in batch.repeats_chosen}

    def held(note: str) -> str:  # in the page's words: the command line's --allow-repeat is no advice here
        return page_note(preview_note(note, by="Sending"), held_page=HELD_ADVICE)

    def sent_anyway(note: str) -> str:
        return (
            f"Sent anyway, as picked on the batch's Held rows page, though it repeats a card: "
            f"{repeat_said(note)}. It is a second card if it is the same person."
        )

    still = dataclasses.replace(found, rows={r: n for r, n in found.rows.items() if r not in picked})
    chosen = dataclasses.replace(found, rows={r: n for r, n in found.rows.items() if r in picked})
    said = api.with_repeat_warnings(result, still, held)
    said = api.with_repeat_warnings(said, chosen, sent_anyway)
    return said, found.refused, sent_elsewhere(settings, batch.name, result, found.elsewhere)


def sent_elsewhere(
    settings: Settings, batch: str, result: ValidationResult, to_be: Mapping[int, str]
) -> dict[int, str]:
    """The rows of the file whose card is in another batch's order already, never sent from this one: those
    the send would leave out so (``to_be``, the repeats' preview) and those a plan or a person left out so
    (the ledger's, by the row as it reads now): row -> what it says, naming that order. The review read them
    'valid', their cells to change and 'Save and check again', where the cost page said them sent elsewhere
    (found by hunter-web27)."""
    from .batchledger import rows_elsewhere

    recorded = rows_elsewhere(settings, batch)
    if not recorded or FINGERPRINT not in result.rows:
        return dict(to_be)
    fingerprints = result.rows[FINGERPRINT].astype(str)
    found = {int(row): recorded[fp] for row, fp in fingerprints.items() if fp in recorded}
    return {**found, **to_be}
