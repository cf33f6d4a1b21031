"""What the ledger says of a list's rows under the batch `validate` checks them for (``--batch``, or the one
`run` would continue), read without changing it: the rows ordered already, those the list now leaves out
whose card went, and those sent elsewhere (their cards in another batch's order), said as `run` says them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..models import ValidationResult
from ..settings import Settings

if TYPE_CHECKING:
    from ..program import ProgramSettings


def ordered_in(settings: Settings, name: str, *, cards_made: bool = False) -> Callable[[], list[str]] | None:
    """The fingerprints batch ``name``, the one `run` would continue, holds as ordered, read from the
    ledger (without changing it) only when two rows are one person: the row already ordered stays it and
    the other is its duplicate, as `run` judges them. None when there is no ledger yet. ``cards_made``:
    not those whose order the vendor ended without their card (`run` sends them again: ``--cost`` prices
    them; it said 'ordered already (never sent again)' and 0.00, found by hunter-money24)."""
    from ..billing import row_made_no_card
    from ..ledger import CARD_MADE_ROWS, Ledger, ledger_exists

    if settings.ledger_url is None and not settings.ledger.is_file():
        return None
    if not ledger_exists(settings.ledger_location):
        return None

    def read() -> list[str]:
        with Ledger.open(settings.ledger_location, lock=False, read_only=True) as ledger:
            rows = [r for r in ledger.batch_rows(name) if r.status in CARD_MADE_ROWS]
            return [r.fingerprint for r in rows if not (cards_made and row_made_no_card(r))]

    return read


def planned_in(settings: Settings, name: str) -> Callable[[], dict[str, list[str]]] | None:
    """PO -> the fingerprints of batch ``name``'s orders planned and never sent, read from the ledger (without
    changing it): `run` keeps each as it is, its PO number and its lines, where every row of it is still to
    send (resume._take_back_changed_orders). None when there is no ledger yet."""
    from ..ledger import Ledger, ledger_exists

    if settings.ledger_url is None and not settings.ledger.is_file():
        return None
    if not ledger_exists(settings.ledger_location):
        return None

    def read() -> dict[str, list[str]]:
        with Ledger.open(settings.ledger_location, lock=False, read_only=True) as ledger:
            planned = {o.po_number for o in ledger.orders(name, ("planned",), payloads=False)}
            members: dict[str, list[str]] = {}
            for row in ledger.batch_rows(name):
                if row.status == "planned" and row.po_number in planned:
                    members.setdefault(row.po_number, []).append(row.fingerprint)
            return members

    return read


def _said_apart(
    settings: Settings, name: str, result: ValidationResult, program: ProgramSettings
) -> ValidationResult:
    """The rows the list leaves out whose card batch ``name`` (or another) ordered already, said apart from
    those never sent, as `run` says them (..refusednow.said_apart): 'not ordered ... Change the cell' read as
    no card."""
    from dataclasses import replace

    from ..batchapi import api_identity
    from ..ledger import Ledger
    from ..refusednow import ordered_in_other_batches, ordered_left_out, said_apart

    if ordered_in(settings, name) is None or not result.sheet.skipped:
        return result
    with Ledger.open(settings.ledger_location, lock=False, read_only=True) as ledger:
        # ... or another batch did (week 2's list checked as a batch of its own: newcomer21's N9)
        gone = ordered_in_other_batches(ledger, name, result, api_identity(settings))
        gone |= ordered_left_out(ledger, name, result)
    return replace(result, sheet=said_apart(result.sheet, gone, program)) if gone else result


ELSEWHERE_SAID = "Sent elsewhere, not ordered here: "
ELSEWHERE_KIND = "Sent elsewhere, not sent from this batch"


def with_elsewhere_warnings(result: ValidationResult, found: Any) -> ValidationResult:
    """The rows `run` leaves out as sent elsewhere (their cards in another batch's order, after a split it
    was advised), as warnings on their rows: validate said '6 rows: 6 valid' of a list whose `run` sent 2
    and left 2 out so, unsaid before the cost page (found by hunter-web28, said by hunter-web29)."""
    from ..api.files import with_row_warnings

    if found is None or not found.elsewhere:
        return result
    return with_row_warnings(result, found.elsewhere, ELSEWHERE_KIND)
