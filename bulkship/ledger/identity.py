"""The ledger's own identity: a random id kept in ``meta`` (``ledger_id``), made the first time an order is
planned, that every new order carries in its ``Note`` (:mod:`bulkship.ordernote`). It tells the vendor's
orders this ledger placed from another ledger's, of a batch of the same name (another office on the same
account): found by hunter-vendor21, whose office B was offered a ready ``--at-vendor`` command recording its
people as sent in office A's order. Nothing personal and no secret: 16 random hex digits.

A new ledger holds none (ledgers made from one schema dump share no identity: :mod:`bulkship.db.newledger`);
``bulkship ledger copy`` copies it with ``meta`` (a copy is the same ledger), and a backup restored keeps the
one it held.
"""

from __future__ import annotations

import secrets

from .sql.meta import insert_meta_once, meta_value
from .store import LedgerStore

LEDGER_ID_KEY = "ledger_id"


class LedgerIdentity(LedgerStore):
    def ledger_id(self) -> str:
        """This ledger's id, made (and committed) the first time it is asked for."""
        found = self.known_ledger_id()
        if found:
            return found
        with self.transaction() as db:
            insert_meta_once(db, LEDGER_ID_KEY, secrets.token_hex(8))
        return self._read(meta_value, LEDGER_ID_KEY) or ""

    def known_ledger_id(self) -> str:
        """This ledger's id, "" when it has none yet (it placed no order carrying one). Changes nothing."""
        return self._read(meta_value, LEDGER_ID_KEY) or ""


__all__ = ["LEDGER_ID_KEY", "LedgerIdentity"]
