"""The ledger's own identity: a random id kept in ``meta`` (``ledger_id``), made the first time an order is
planned, that every new order carries in its ``Note`` (:mod:`bulkship.ordernote`). It tells the vendor's
orders this ledger placed from another ledger's, of a batch of the same name (another office on the same
account): found by hunter-vendor21, whose office B was offered a ready ``--at-vendor`` command recording its
people as sent in office A's order. Nothing personal and no secret: 16 random hex digits.

The id is bound to where it was made (``ledger_home``: the machine and the SQLite file's full path, or the
PostgreSQL database's name), something a copy does not carry. A ledger file copied with ``cp`` (to another
folder, or another laptop) and run there is another ledger: two offices starting from one copied file were
'one ledger' to the Note, and office B was offered, ready, to record its people as sent in office A's order
(found by hunter-vendor24, its L2). Opened elsewhere, its id is no longer its own: the next order it plans
gets a new one, the old kept among its former ids (``ledger_former_ids``). An order naming a former id is
this ledger's only where this ledger sent its PO (its records before the copy); the others are the ledger
it was copied from, or its copy. A backup restored in its own place keeps its id; one restored elsewhere (or
a ledger moved to another folder or machine) reads the orders its former id placed that it holds no record
of as another ledger's: nothing recording rows in them is offered ready, the command a person types still
works. ``bulkship ledger copy`` (SQLite to PostgreSQL for a team) is a copy too: the database gets an id of
its own at its first order, the SQLite one's kept as former.

A new ledger holds none (ledgers made from one schema dump share no identity: :mod:`bulkship.db.newledger`).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..ordernote import placed_by
from .sql.meta import insert_meta_once, meta_value, replace_meta, set_meta
from .store import LedgerStore

LEDGER_ID_KEY = "ledger_id"
LEDGER_HOME_KEY = "ledger_home"
FORMER_IDS_KEY = "ledger_former_ids"
COPIED_FROM_KEY = "copied_from"  # the SQLite ledger `bulkship ledger copy` made this one from (db.copy)


@dataclass(frozen=True)
class LedgerIds:
    """This ledger's id here and the ids its orders carried before (as a copy's source, or elsewhere)."""

    own: str  # "" when it has none yet here (none made, or made in another place: a copy)
    former: frozenset[str] = frozenset()

    def other_ledger(self, order: Any, sent_here: Callable[[str], bool]) -> str:
        """The id of the ledger the vendor order's Note names when it is another ledger than this one; ""
        when it names this one, or none. A former id is this ledger's where ``sent_here(po)`` (this ledger
        sent that PO: its records from before it was copied); else the ledger it was copied from (or a copy
        of it) placed the order."""
        named = placed_by(order)
        if not named or named == self.own:
            return ""
        if named in self.former and sent_here(str(getattr(order, "po_number", "") or "")):
            return ""
        return named


def read_ids(db: Any, home: str) -> LedgerIds:
    """The ledger's ids as ``meta`` holds them, read from ``home`` (where this process opened it)."""
    current = (meta_value(db, LEDGER_ID_KEY) or "").lower()
    former = {i for i in (meta_value(db, FORMER_IDS_KEY) or "").split(",") if i}
    if current and meta_value(db, LEDGER_HOME_KEY) != home:  # copied (or moved) since it was made
        return LedgerIds("", frozenset(former | {current}))
    return LedgerIds(current, frozenset(former))


class LedgerIdentity(LedgerStore):
    def ledger_ids(self) -> LedgerIds:
        """This ledger's id here and its former ids (see the module's docstring), read once a connection
        (:meth:`ledger_id` reads them afresh). Changes nothing."""
        ids: LedgerIds | None = getattr(self, "_ids", None)
        if ids is None:
            ids = self._ids = self._read(read_ids, self.ledger_home())
        return ids

    def ledger_id(self) -> str:
        """This ledger's id, made (and committed) the first time it is asked for here: a ledger opened in
        another place than where its id was made (a copy) gets one of its own, the old one kept as former."""
        home = self.ledger_home()
        found = self._ids = self._read(read_ids, home)
        if found.own:
            return found.own
        made = secrets.token_hex(8)
        with self.transaction() as db:
            current = meta_value(db, LEDGER_ID_KEY)  # read first: what the swap below expects to replace
            ids = read_ids(db, home)  # another process may have made it meanwhile: the first one's stays
            if not ids.own:
                # the id row first, only if no other process changed it meanwhile (runs of two batches on
                # PostgreSQL write at once): the one that did keeps it, with its home and former ids
                if current is None:
                    insert_meta_once(db, LEDGER_ID_KEY, made)
                else:
                    replace_meta(db, LEDGER_ID_KEY, current, made)
                if meta_value(db, LEDGER_ID_KEY) == made:
                    set_meta(db, FORMER_IDS_KEY, ",".join(sorted(ids.former)))
                    set_meta(db, LEDGER_HOME_KEY, home)
        self._ids = self._read(read_ids, home)
        return self._ids.own or self._read(meta_value, LEDGER_ID_KEY) or made

    def copied_from(self) -> str:
        """The ledger `bulkship ledger copy` made this one from ("" for any other: a ``cp`` records none)."""
        return self._read(meta_value, COPIED_FROM_KEY) or ""

    def known_ledger_id(self) -> str:
        """This ledger's id here, "" when it has none yet (it placed no order carrying one here). Changes
        nothing."""
        return self.ledger_ids().own

    def other_ledger(self, order: Any) -> str:
        """The id of the other ledger the vendor order's Note names ("" when this one, or none)."""
        return self.ledger_ids().other_ledger(order, lambda po: sent_by_this_ledger(self, po))


def placed_by_another_send(ledger: Any, order: Any, vendor_order: Any) -> str:
    """The ledger id the vendor's order under ``order``'s PO number names in its Note when no send of this
    ledger's can have made it ("" otherwise): this ledger's sends of ``order`` carried the Note its stored
    payload holds, and the vendor's names another ledger, that neither this one is nor ever was. A vendor
    holds one order under a PO number (documented), made by the request that created it and carrying that
    request's Note: this ledger's send made nothing there, whether it came before (refused, or never
    arrived) or after (a 409 it never heard). Its rows are this ledger's to send, not to be read as at the
    vendor (found by review37: office B's send of BS-STAFF-0001, its answer lost, read as made in office
    A's order under that PO: B's people waited for ever, --release and --not-ours refused). No proof where
    either Note is missing (a vendor dropping it, a payload planned before Notes)."""
    named = placed_by(vendor_order)
    try:
        sent = placed_by(order.payload())
    except (TypeError, ValueError):  # no stored payload to read
        return ""
    if not named or not sent:
        return ""
    ids = ledger.ledger_ids()
    return "" if named in {sent, ids.own, *ids.former} else named


def sent_by_this_ledger(ledger: Any, po: str) -> bool:
    """Whether this ledger sent ``po`` (an order held before it was ever sent, after a lost ledger, holds rows
    the vendor may have under other PO numbers of the batch). A send the vendor answered with a 409 naming
    another's order (its only attempt answered: submit's ``not_our_send``) left nothing under ``po``: its rows
    may be in any order of the batch (found by hunter-vendor16: rows held after such a 409, while another
    ledger sent the list, could not be settled on its orders holding them)."""
    if not po:
        return False
    events = ledger.events(po_number=po)
    return any(e.kind == "sending" for e in events) and not any(e.detail.get("not_our_send") for e in events)


__all__ = [
    "FORMER_IDS_KEY",
    "LEDGER_HOME_KEY",
    "LEDGER_ID_KEY",
    "LedgerIdentity",
    "LedgerIds",
    "placed_by_another_send",
    "read_ids",
]
