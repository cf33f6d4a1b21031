"""What the web page's Batches list reads of every batch at once (aggregates, never every row in Python),
and which batches a live process works on now (moved out of reads.py for issue 14)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from ..errors import LedgerError
from . import sql
from .lock import lock_held
from .store import LedgerStore


class GoneCard(NamedTuple):
    """The very card another batch made that a held row relies on, gone since: its ``batch``, ``po``, its
    row's ``fingerprint`` there ("" when this ledger holds none) and whether the vendor ``cancelled`` its line
    (else failed it, or the row there failed or was left out)."""

    batch: str
    po: str
    fingerprint: str
    cancelled: bool


# a held row's words up to revision 0007 when its very card was made in another batch (frozen: they are read
# only of a ledger opened read-only from before it)
_HAS_CARD_UP_TO_0007 = "This person has this card already: nothing to do."


class LedgerBatchList(LedgerStore):
    """Every batch at once (the web page's Batches list): aggregates, never every row in Python."""

    def batch_row_tallies(self) -> list[tuple[str, str, str | None, str | None, bool, bool, int]]:
        """(batch, status, line_status, cost, current, made no card, count) over every row of every batch
        (made no card: :func:`bulkship.reconcile.join.made_no_card`)."""
        rows = self._read(sql.batch_row_tallies)
        return [(r[0], r[1], r[2], r[3], bool(r[4]), bool(r[5]), int(r[6])) for r in rows]

    def batch_earlier_rows(self) -> dict[str, int]:
        """Batch -> rows of earlier files the result workbook still shows (they hold money)."""
        return {r[0]: int(r[1]) for r in self._read(sql.batch_earlier_rows)}

    def batch_left_out_earlier(self) -> list[tuple[str, str | None, int]]:
        """(batch, reason, count) of the skipped rows of earlier files the latest no longer holds."""
        return [(r[0], r[1], int(r[2])) for r in self._read(sql.batch_left_out_earlier)]

    def batch_rows_skipped_saying(self, reason: str) -> dict[str, int]:
        """Batch -> its current rows skipped for a reason opening with ``reason``."""
        return {r[0]: int(r[1]) for r in self._read(sql.batch_rows_skipped_saying, reason)}

    def batch_rows_holding_card(self, batch: str | None = None) -> dict[str, int]:
        """Batch -> its current held rows whose person has the very card another batch made, as that card is
        now (:func:`.sql.batch_rows_holding_card`); every batch, or ``batch`` alone. A ledger opened
        read-only from before revision 0007 has no such table: its rows are read from their message."""
        try:
            found = self._read(sql.batch_rows_holding_card, batch)
        except LedgerError:
            found = [
                r
                for r in self._read(sql.batch_rows_saying, "held", _HAS_CARD_UP_TO_0007)
                if batch is None or r[0] == batch
            ]
        return {r[0]: int(r[1]) for r in found}

    def batches_holding_cards_gone(self, card_batches: Iterable[str], gone: bool = True) -> set[str]:
        """The batches with a row held for the very card a row of one of ``card_batches`` made, gone since
        (their result workbooks say it once rewritten); ``gone`` False: made or gone. None read of a ledger
        from before revision 0007."""
        try:
            wanted = sorted(set(card_batches))
            return {str(r[0]) for r in self._read(sql.batches_holding_cards_gone, wanted, gone)}
        except LedgerError:
            return set()

    def held_cards_gone(self, batch: str) -> dict[str, GoneCard]:
        """The batch's rows held for the very card another batch made whose card is gone since (ended there
        without one): fingerprint -> that card (:class:`GoneCard`). None read of a ledger opened read-only
        from before revision 0007."""
        try:
            found = self._read(sql.held_rows_whose_card_is_gone, batch)
        except LedgerError:
            return {}
        return {
            str(r[0]): GoneCard(
                str(r[1] or ""), str(r[2]), str(r[3] or ""), (r[4] or "").lower() == "cancelled"
            )
            for r in found
        }

    def batch_review_tallies(self) -> list[tuple[str, str | None, int]]:
        """(batch, cost, count) of rows waiting for review in an order the vendor created."""
        return [(r[0], r[1], int(r[2])) for r in self._read(sql.batch_review_tallies)]

    def batch_order_tallies(self) -> list[tuple[str, str, str, int]]:
        """(batch, state, cost, count) over every order of every batch."""
        return [(r[0], r[1], r[2], int(r[3])) for r in self._read(sql.batch_order_tallies)]

    def batch_cards(self) -> dict[str, int]:
        """Batch -> cards its ordered rows hold (none for a line the vendor ended without a card)."""
        return {r[0]: int(r[1] or 0) for r in self._read(sql.batch_cards)}

    def newest_approvals(self) -> dict[str, str]:
        """Batch -> its newest approval request's state: "pending", "approved", "rejected" or "withdrawn"
        (team mode). A ledger opened read-only from before withdrawals (revision 0006) is read without
        them."""
        try:
            found = self._read(sql.newest_approvals)
        except LedgerError:
            found = self._read(functools.partial(sql.newest_approvals, withdrawals=False))
        return {str(r[0]): str(r[1] or "pending") for r in found}

    def busy(self) -> bool:
        """Whether a live process holds the ledger's lock right now (a run is planning or sending). A
        PostgreSQL ledger has no lock file: its batch locks are the server's, so this says False (see
        :meth:`busy_batches`)."""
        return isinstance(self.path, Path) and lock_held(self.path)

    def busy_batches(self, batches: Iterable[str]) -> set[str]:
        """Which of ``batches`` a live process works on right now (plans or sends): on SQLite every one while
        a process holds the ledger's lock file; on PostgreSQL those whose advisory lock a session holds (a
        run of the command line, or of another server sharing the ledger, is sending it). Without it a
        batch being sent there read 'needs attention' with its orders 'in doubt' (found by hunter-web7)."""
        wanted = set(batches)
        if not wanted:
            return set()
        if isinstance(self.path, Path):
            return wanted if lock_held(self.path) else set()
        from ..db.locks import batch_lock_key

        held = self.advisory_locks_held()
        return {batch for batch in wanted if batch_lock_key(batch) in held}

    def advisory_locks_held(self) -> set[int]:
        """PostgreSQL: the keys of the session-level advisory locks some session holds now (SQLite: none)."""
        if isinstance(self.path, Path):
            return set()
        held = set()
        for classid, objid in self._read(sql.advisory_locks_held):
            key = (int(classid) << 32) | int(objid)
            held.add(key - (1 << 64) if key >= 1 << 63 else key)  # the signed key the lock was taken with
        return held
