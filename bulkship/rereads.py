"""What a run reads again at the vendor before it plans (step 3 of :mod:`.pipeline`): its own rows the vendor
failed or moved (asked first: the vendor may have shipped them since), the orders an earlier run planned
again without sending them (a cost page), and the other batches' cards the repeat guard judges its rows
against, as the vendor shows them now (their workbooks rewritten where that changed them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .batchapi import api_identity
from .track import rewrite_others
from .track.moved import moved_elsewhere
from .track.recheck import (
    read_orders_in_review,
    recheck_made_no_card,
    recheck_other_batches,
    recheck_planned_again,
)

if TYPE_CHECKING:
    from .ledger import Ledger
    from .models import Catalog
    from .settings import Settings


@dataclass(frozen=True)
class ReadAgain:
    """PO -> why, each: the batch's orders whose rows could not be read again (not sent again in this run),
    its orders planned again and not checked (held back), and the other batches' not read as made."""

    unread: dict[str, str]
    unchecked: dict[str, str]
    unread_elsewhere: dict[str, str]


async def read_again(
    client: Any, ledger: Ledger, batch: str, settings: Settings, catalog: Catalog, *, stored: bool, since: str
) -> ReadAgain:
    """The vendor read again for ``batch`` (``stored``: the ledger knew it before this run) before its plan;
    ``since``: the repeat policy's, how far back other batches' cards count."""
    unread = await recheck_made_no_card(client, ledger, batch, settings.concurrency) if stored else {}
    unread |= await moved_elsewhere(client, ledger, batch) if stored else {}  # ... or moved the cards
    if stored:  # rows waiting for review that the vendor's order may show now, read or not by polling
        await read_orders_in_review(client, ledger, batch, settings.concurrency)
    # ... and those an earlier run planned again without sending them (a cost page)
    unchecked = await recheck_planned_again(client, ledger, batch) if stored else {}
    others_changed: set[str] = set()
    unread_elsewhere = await recheck_other_batches(  # the repeat guard judges their cards as the
        client, ledger, batch, api_identity(settings), since, settings.concurrency, others_changed
    )  # vendor shows them now, and those it could not read as made
    rewrite_others(ledger, others_changed, api=settings.api_url, catalog=catalog)  # ... their workbooks too
    return ReadAgain(unread, unchecked, unread_elsewhere)
