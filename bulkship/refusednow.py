"""Rows of a batch's file whose cards went already and that the list, as read today, would not send: a note
added since ('new address: 55 Summer St' beside the street the card went to), or a reading of the list
bulkship learnt since. The run's plan listed their errors under 'Left out of this plan: 3 invalid (to fix)',
five rows' errors under a count of three: a marketer read rows 52 and 262 as never sent, and row 262's card
had gone to the old street (found by newcomer20). They are said apart: sent, nothing sent again, to check."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from .billing import row_made_no_card
from .ledger import CARD_MADE_ROWS
from .ledger.records import elsewhere_po

if TYPE_CHECKING:
    from .ledger import Ledger, RowRecord
    from .models import LoadedSheet, ValidationResult
    from .program import ProgramSettings

_SHOWN = 3


def ordered_rows(ledger: Ledger, batch: str, validation: ValidationResult) -> frozenset[int]:
    """The rows of the file that are invalid now and whose card the batch ordered already (by their key)."""
    invalid = {p.row for p in validation.problems if p.severity == "error"}
    made = {r.fingerprint for r in ledger.batch_rows(batch) if r.status in CARD_MADE_ROWS}
    if not invalid or not made:
        return frozenset()
    from .reconcile.join import ledger_keys

    rows = validation.rows
    keys, _ = ledger_keys(rows)
    return frozenset(
        int(row) for row, key in zip(rows.index.tolist(), keys, strict=True) if key in made and row in invalid
    )


def refused_now_note(validation: ValidationResult, rows: frozenset[int]) -> list[str]:
    """One note naming ``rows`` (:func:`ordered_rows`) and why the list now says otherwise, or none."""
    if not rows:
        return []
    said = [p.message for p in validation.problems if p.severity == "error" and p.row in rows]
    more = f" ... and {len(said) - _SHOWN} more (see the result workbook)" if len(said) > _SHOWN else ""
    listed = ", ".join(str(r) for r in sorted(rows))
    return [
        f"{len(rows)} row(s) ordered before that the list, as read today, would not send (row {listed}): "
        "their cards went already and nothing is sent again for them; check each against what went: "
        + " ".join(said[:_SHOWN])
        + more
    ]


# what a row left out is for a reason of its own, not a person: never ordered, nothing to say apart
_NO_RECIPIENT = frozenset({"totals", "note"})


def ordered_left_out(ledger: Ledger, batch: str, validation: ValidationResult) -> dict[int, str]:
    """The rows the list leaves out today (a note or status saying not to send, hidden or crossed out since)
    whose card the batch ordered already, each with the PO number it went in."""
    left_out = {s.row for s in validation.sheet.skipped if s.kind not in _NO_RECIPIENT}
    if not left_out:
        return {}
    # ... not a row whose line the vendor ended without a card: nothing went (hunter-vendor33's item 5)
    # ... a row sent elsewhere under the PO its note names (it is on no order of this batch: said 'PO .',
    # no PO, found by review59 checking 64afd088)
    made = {
        r.fingerprint: r.po_number or elsewhere_po(r.error)
        for r in ledger.batch_rows(batch)
        if r.status in CARD_MADE_ROWS and not row_made_no_card(r)
    }
    if not made:
        return {}
    from .reconcile.join import ledger_keys

    rows = validation.rows
    keys, _ = ledger_keys(rows)
    return {
        int(row): made[key]
        for row, key in zip(rows.index.tolist(), keys, strict=True)
        if int(row) in left_out and key in made
    }


def ordered_in_other_batches(
    ledger: Ledger, batch: str, validation: ValidationResult, api: str | None
) -> dict[int, str]:
    """The rows the list leaves out today whose very row another batch through this API ordered: row -> its
    PO and that batch. Week 2's export run as a batch of its own said a person whose card went in week 1's
    batch, now 'Terminated', 'not ordered ... Change the cell to order a row' (newcomer21's N9)."""
    left_out = {s.row for s in validation.sheet.skipped if s.kind not in _NO_RECIPIENT}
    if not left_out:
        return {}
    from .batchapi import same_api
    from .reconcile.join import ledger_keys

    rows = validation.rows
    keys, _ = ledger_keys(rows)
    wanted = {
        key: int(row) for row, key in zip(rows.index.tolist(), keys, strict=True) if int(row) in left_out
    }
    apis = {b.name: b.api for b in ledger.batches()}
    found: dict[int, str] = {}
    for record in ledger.ordered_rows_elsewhere(sorted(wanted), batch):
        if same_api(apis.get(record.batch), api) and not row_made_no_card(record):
            found.setdefault(wanted[record.fingerprint], f"{record.po_number} (batch {record.batch!r})")
    return found


def said_apart(sheet: LoadedSheet, sent: Mapping[int, str], program: ProgramSettings) -> LoadedSheet:
    """The sheet whose notices on the rows it leaves out no longer name ``sent`` (:func:`ordered_left_out`)
    as 'not ordered ... Change the cell to order a row', and say them apart in one note, where those notices
    were. An HR export run again a week later, one person's status now 'Terminated', said him not ordered: HR
    read that he got nothing, and his card had gone (found by newcomer21, N1)."""
    if not sent:
        return sheet
    from .load.skipped.notices import _skip_notices

    old = set(_skip_notices(sheet.skipped, program))
    new = _skip_notices([s for s in sheet.skipped if s.row not in sent], program)
    rows = [s for s in sheet.skipped if s.row in sent]
    listed = "; ".join(f"row {s.row}, {s.said}, PO {sent[s.row]}" for s in rows[:_SHOWN])
    more = f"; and {len(rows) - _SHOWN} more (see the result workbook)" if len(rows) > _SHOWN else ""
    apart = (
        f"{len(rows)} row(s) ordered before that the list now leaves out: {listed}{more}. Their cards went "
        "already: nothing is sent again for them; check each against what the list now says."
    )
    notices: list[str] = []
    for notice in sheet.notices:
        if notice not in old:
            notices.append(notice)
        elif apart not in notices:  # where the first notice on rows left out was
            notices += [*new, apart]
    # each row keeps where its card went: `validate` counted it '(not ordered)', its workbook said 'Not
    # ordered', its --json no PO (hunter-vendor33)
    skipped = tuple(replace(s, ordered=sent[s.row]) if s.row in sent else s for s in sheet.skipped)
    return replace(sheet, notices=tuple(notices), skipped=skipped)


def skipped_ordered_elsewhere(ledger: Ledger, batch: str) -> int:
    """How many of the batch's rows the list leaves out another batch through its API ordered, its card
    made: week 2's export run as a batch of its own ended '2 skipped', its Summary 'not ordered', beside
    validate's '(1 not ordered; 1 ordered before ...)' (hunter-vendor34's leftover 1). From the ledger alone:
    a re-run finding the batch complete, and `status`, count them too."""
    return len(rows_ordered_elsewhere(ledger, batch, ledger.current_rows_with_status(batch, "skipped")))


def rows_ordered_elsewhere(ledger: Ledger, batch: str, records: Sequence[RowRecord]) -> frozenset[int]:
    """Of ``records`` (rows of the batch), those whose very row another batch through its API ordered, its
    card made (not one the vendor ended without a card: that row is still to send)."""
    return frozenset(where_ordered_elsewhere(ledger, batch, records))


def where_ordered_elsewhere(ledger: Ledger, batch: str, records: Sequence[RowRecord]) -> dict[int, str]:
    """:func:`rows_ordered_elsewhere`, each with where its card went: 'BS-HR-0001 (batch 'HR')'."""
    from .batchapi import same_api

    if not records:
        return {}
    record = ledger.batch(batch)
    apis = {b.name: b.api for b in ledger.batches()}
    elsewhere = ledger.ordered_rows_elsewhere(sorted({r.fingerprint for r in records}), batch)
    went: dict[str, str] = {}
    for r in elsewhere:
        if same_api(apis.get(r.batch), record.api if record else None) and not row_made_no_card(r):
            went.setdefault(r.fingerprint, f"{r.po_number} (batch {r.batch!r})")
    return {r.row: went[r.fingerprint] for r in records if r.fingerprint in went}
