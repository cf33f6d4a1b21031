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
