"""The ``Note`` a new order carries (api-contract: observed, optional; the vendor may not keep or echo it):
the ledger that placed it (``bulkship ledger <id>``, :mod:`bulkship.ledger.identity`), and what a vendor
order's Note says of it.

Two offices using one vendor account and the same batch name plan the same PO numbers; through a vendor that
shows no recipient on its lines, office B's rows and office A's order of the same shape look alike, and B's
review offered a ready ``--at-vendor ... --rows`` command recording B's people as sent (they would never get a
card: found by hunter-vendor21). An order whose Note names another ledger is said to be another ledger's and
no command recording rows in it is offered; one naming this ledger is this ledger's; an order showing no such
Note (sent before Notes, or a vendor dropping it) is read as before. Orders planned before keep their stored
payload, without a Note, byte for byte.
"""

from __future__ import annotations

import re
from typing import Any

NOTE_PREFIX = "bulkship ledger "
_NOTED = re.compile(r"\bbulkship ledger ([0-9a-f]{16})\b", re.IGNORECASE)


def note_for(ledger_id: str) -> str:
    """The Note of an order placed by the ledger ``ledger_id`` ("" when it has none)."""
    return f"{NOTE_PREFIX}{ledger_id}" if ledger_id else ""


def placed_by(order: Any) -> str:
    """The ledger id the vendor order's Note names ("" when it shows no Note of a ledger): ``order`` a
    :class:`~bulkship.models.VendorOrder` (its raw answer) or the raw answer itself."""
    # (imported here: the ledger imports this module, and `status` must not load the HTTP client with it)
    from .client.parse import text

    raw = getattr(order, "raw", order)
    found = _NOTED.search(text(raw, "Note", "Notes", "OrderNote"))
    return found.group(1).lower() if found else ""
