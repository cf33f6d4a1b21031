"""The verbs on a batch's rows waiting for a person (``bulkship reconcile BATCH --review`` and its
settlements): the review with what the vendor shows, rows tied to a vendor order, every row the vendor's
orders show by proof, rows released to be sent (one PO's, or every one from one read of the vendor)."""

from __future__ import annotations

import asyncio
import shlex
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from ..settings import Settings
from .batches import ClientFactory

if TYPE_CHECKING:
    from ..resolve import BulkRelease, FoundSettlement, Resolution, ReviewReport


def review_batch(
    settings: Settings, batch: str, *, client_factory: ClientFactory | None = None
) -> ReviewReport:
    """``bulkship reconcile BATCH --review``: the rows waiting for review, by PO, with what the vendor shows
    for each and whether a release is possible now. Changes nothing."""
    from ..resolve import review

    return _with_vendor(settings, batch, "reconcile", lambda ledger, client: review(ledger, client, batch),
                        client_factory, lock=False)  # fmt: skip


def resolve_at_vendor(
    settings: Settings,
    batch: str,
    po: str,
    order: str,
    *,
    rows: Sequence[int] = (),
    by: str | None = None,
    reason: str = "",
    confirm: Callable[[Resolution], bool] | None = None,
    client_factory: ClientFactory | None = None,
) -> Resolution:
    """``--resolve PO --at-vendor ORDER``: the rows waiting on ``po`` are in vendor order ``order`` (Id or PO
    number); tied by proof, or for ``rows`` (spreadsheet row numbers) by the person's word where no line
    shows which row it is. ``confirm`` sees the plan first (False: nothing changes). Raises
    ReviewRefusedError when the vendor's answer does not allow it."""
    from ..resolve import default_person, settle_at_vendor

    def settle(ledger: Any, client: Any) -> Any:
        return settle_at_vendor(ledger, client, batch, po, order, by=by or default_person(), rows=rows,
                                reason=reason, confirm=confirm)  # fmt: skip

    return _settled(settings, batch, _with_vendor(settings, batch, "resolve", settle, client_factory))


def leave_out_elsewhere(
    settings: Settings,
    batch: str,
    po: str,
    order: str,
    *,
    rows: Sequence[int] = (),
    by: str | None = None,
    reason: str = "",
    confirm: Callable[[Resolution], bool] | None = None,
    client_factory: ClientFactory | None = None,
) -> Resolution:
    """``--resolve PO --sent-elsewhere ORDER``: the rows waiting on ``po`` (or those of ``rows``) whose cards
    are lines of vendor order ``order`` (Id or PO number), another batch's or ledger's, are left out of this
    batch: never sent from it, none of its money. Only rows a line of that order names (its ExternalId, or
    the row's name and street). ``confirm`` sees the plan first (False: nothing changes). Raises
    ReviewRefusedError when the vendor's answer does not show it."""
    from ..resolve import default_person
    from ..resolve import leave_out_elsewhere as leave_out

    def settle(ledger: Any, client: Any) -> Any:
        return leave_out(ledger, client, batch, po, order, by=by or default_person(), rows=rows,
                         reason=reason, confirm=confirm)  # fmt: skip

    return _settled(settings, batch, _with_vendor(settings, batch, "resolve", settle, client_factory))


def settle_found(
    settings: Settings,
    batch: str,
    *,
    by: str | None = None,
    reason: str = "",
    confirm: Callable[[FoundSettlement], bool] | None = None,
    client_factory: ClientFactory | None = None,
) -> FoundSettlement:
    """``--settle-found``: every row waiting for review that the vendor's orders of the batch show by proof
    (a line carrying its ExternalId with the same card and recipient) recorded as ordered there, one read of
    the vendor's list for all. ``confirm`` sees what was found first (False: nothing changes). Raises
    ReviewRefusedError when no row is found."""
    from ..resolve import settle_found as settle_all

    done: FoundSettlement = _every_row(settings, batch, settle_all, by, reason, confirm, client_factory)
    return done


def release_review(
    settings: Settings,
    batch: str,
    po: str,
    *,
    by: str | None = None,
    reason: str = "",
    not_ours: Sequence[str] = (),
    confirm: Callable[[Resolution], bool] | None = None,
    client_factory: ClientFactory | None = None,
) -> Resolution:
    """``--resolve PO --release [--not-ours PO,PO]``: send the rows waiting on ``po`` with the next run, only
    once the vendor shows that it holds none of them (else ReviewRefusedError, with what it saw).
    ``not_ours``: vendor orders the person says are another batch's (only POs that merely may be this
    batch's, e.g. ``BS-GIFTS-STAFF-0001`` for batch ``staff``): their lines are not looked at."""
    from ..resolve import default_person, release

    def settle(ledger: Any, client: Any) -> Any:
        return release(ledger, client, batch, po, by=by or default_person(), reason=reason,
                       not_ours=not_ours, confirm=confirm)  # fmt: skip

    return _settled(settings, batch, _with_vendor(settings, batch, "resolve", settle, client_factory))


def release_all(
    settings: Settings,
    batch: str,
    *,
    by: str | None = None,
    reason: str = "",
    confirm: Callable[[BulkRelease], bool] | None = None,
    client_factory: ClientFactory | None = None,
) -> BulkRelease:
    """``--release`` without ``--resolve``: every row waiting for review settled from one read of the vendor's
    list, the rows its orders show by proof recorded as ordered there and those it provably holds nowhere
    released to be sent by the next run (each PO's rows checked as ``--resolve PO --release`` checks them);
    the others keep waiting. ``confirm`` sees the plan first (False: nothing changes). Raises
    ReviewRefusedError when no row can be settled or released."""
    from ..resolve import release_all as settle_all

    done: BulkRelease = _every_row(settings, batch, settle_all, by, reason, confirm, client_factory)
    return done


def _every_row(
    settings: Settings,
    batch: str,
    settle_all: Callable[..., Any],
    by: str | None,
    reason: str,
    confirm: Callable[[Any], bool] | None,
    client_factory: ClientFactory | None,
) -> Any:
    """``settle_all`` (every row the vendor's list settles, from one read of it) under the batch's lock,
    the result workbook rewritten once it was applied."""
    from ..resolve import default_person

    def settle(ledger: Any, client: Any) -> Any:
        return settle_all(ledger, client, batch, by=by or default_person(), reason=reason, confirm=confirm)

    return _settled(settings, batch, _with_vendor(settings, batch, "resolve", settle, client_factory))


def _with_vendor(
    settings: Settings,
    batch: str,
    action: str,
    work: Callable[[Any, Any], Any],
    client_factory: ClientFactory | None,
    *,
    lock: bool = True,
) -> Any:
    """``work(ledger, client)`` for a batch of the ledger, through the API the batch was ordered with. With
    ``lock``, the ledger stays locked from the first vendor read to the last write: no run sends meanwhile."""
    from ..batchapi import check_batch_api
    from ..client import connect
    from ..errors import BulkshipError
    from ..ledger import Ledger, ledger_exists

    if not ledger_exists(settings.ledger_location):
        raise BulkshipError(
            f"No ledger at {settings.ledger_shown}", hint="pass --ledger PATH (env BULKSHIP_LEDGER)"
        )

    async def go() -> Any:
        with Ledger.open(settings.ledger_location, lock=lock, batch=batch) as ledger:
            check_batch_api(ledger.batch(batch), settings, action=action,
                            command=f"bulkship reconcile {shlex.quote(batch)} --review")  # fmt: skip
            async with (client_factory or connect)(settings) as client:
                return await work(ledger, client)

    return asyncio.run(go())


# what a settlement of rows waiting for review answers: one PO's, the rows found, or every row at once
Settled = TypeVar("Settled", "Resolution", "FoundSettlement", "BulkRelease")


def _settled(settings: Settings, batch: str, outcome: Settled) -> Settled:
    """The settlement, with the batch's result workbook rewritten once it was applied."""
    if not outcome.applied:
        return outcome
    return replace(outcome, notes=(*outcome.notes, *_results_rewritten(settings, batch)))


def _results_rewritten(settings: Settings, batch: str) -> list[str]:
    """The batch's result workbook rewritten after a settlement: where, or why not."""
    from ..ledger import Ledger
    from ..track import rewrite_results

    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        path, problems = rewrite_results(ledger, batch, api=settings.api_url)
    return [f"Result workbook updated: {path}"] if path else list(problems)
