"""The vendor's own word for a row's line where bulkship reads it as one of its statuses: 'Refunded' (or
'Voided', 'Credited', ...) is kept as 'cancelled', the one vocabulary the money and the counts read, and a
row whose card went out said "The vendor shows this card cancelled in order X, but also its parcel": finance
went looking for a cancellation that never happened (newcomer28's N1 of session 50; the lead's decision: keep
the status, say the vendor's word). Recorded at track time as an event a row (the latest word of each;
none while it is the status itself), read back by the result's notes (reconcile.join.view)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..models import VendorLineItem
from . import sql
from .records import now_iso

LINE_WORD = "line_word"  # a row's line shown in the vendor's own word for a status bulkship reads otherwise
LINE_CANCELLED = "line_cancelled"  # a row's line first read cancelled, nothing shipped: when, and the reason
CANCELLED = "cancelled"
LINE_MOVED = "line_moved"  # where the vendor moved a row's card from a line it shows ended (track.moved)
MOVES_READ = "moves_read"  # the vendor's order list read in full for those moves: the lines read ended before
# what a row held for its cancelled line says first (repeats.cancelled writes it): here, with its test, so
# that the result views, the web pages and `status` read it without loading the repeats package (and pandas)
CANCELLED_SAID = "the vendor cancelled this card's line in order "


def is_cancelled_hold(note: str | None) -> bool:
    """A held row's note (or validate's word of it) saying its card was cancelled at the vendor."""
    return CANCELLED_SAID in (note or "")


def note_line_words(
    db: Any, batch: str, po_number: str, rows: Sequence[Any], lines: Sequence[VendorLineItem | None]
) -> None:
    """Record each row's line word (``lines``: the vendor's line of each of ``rows``, or None) where it
    changed since last said: a money-back word the status reads as 'cancelled' ('Refunded'), or "" once the
    line shows its status's own word again."""
    earlier: dict[str, str] = {}
    for event in sql.events(db, None, po_number, None, [LINE_WORD]):
        detail = json.loads(event["detail"] or "{}")
        earlier[str(detail.get("fingerprint"))] = str(detail.get("word") or "")
    for row, line in zip(rows, lines, strict=True):
        if line is None:
            continue
        word = line.refund_word.strip()
        if word.casefold() == (line.status or "").casefold():
            word = ""
        if word == earlier.get(row.fingerprint, ""):
            continue
        detail = json.dumps({"fingerprint": row.fingerprint, "row": row.row, "word": word}, sort_keys=True)
        sql.insert_event(db, now_iso(), batch, po_number, LINE_WORD, detail)


def line_words(events: Iterable[Any]) -> dict[tuple[str, str], str]:
    """(PO, fingerprint) -> the vendor's own word for the row's line, by the latest :data:`LINE_WORD`
    event of each (``Ledger.events``' records); rows shown in the status's word again left out."""
    latest: dict[tuple[str, str], str] = {}
    for event in events:
        key = (str(event.po_number), str(event.detail.get("fingerprint")))
        latest[key] = str(event.detail.get("word") or "")
    return {key: word for key, word in latest.items() if word}


def note_cancelled(db: Any, batch: str, po_number: str, rows: Sequence[tuple[Any, str]]) -> None:
    """Record when each of ``rows`` ((row, the vendor's reason or "") each) was first read with its line
    cancelled before it shipped, and why where the vendor says: what a re-run holding it names
    (:mod:`bulkship.repeats.cancelled`)."""
    for row, reason in rows:
        detail = {"fingerprint": row.fingerprint, "row": row.row, "reason": reason}
        sql.insert_event(db, now_iso(), batch, po_number, LINE_CANCELLED, json.dumps(detail, sort_keys=True))


def cancellations(events: Iterable[Any]) -> dict[tuple[str, str], tuple[str, str]]:
    """(PO, fingerprint) -> (when it was read cancelled, the vendor's reason or ""), by the latest
    :data:`LINE_CANCELLED` event of each (``Ledger.events``' records)."""
    return {
        (str(e.po_number), str(e.detail.get("fingerprint"))): (str(e.at), str(e.detail.get("reason") or ""))
        for e in events
    }


def moved_cards(events: Iterable[Any]) -> dict[tuple[str, str], str]:
    """(PO, fingerprint) -> where the vendor moved the row's card (an order of its own), by the latest
    :data:`LINE_MOVED` event of each; rows no longer so left out."""
    latest = {
        (str(e.po_number), str(e.detail.get("fingerprint"))): str(e.detail.get("where") or "") for e in events
    }
    return {key: where for key, where in latest.items() if where}
