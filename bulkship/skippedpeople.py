"""Who a batch's skipped rows were, so that a row the list left out and then corrected into a new row of its
person is not kept in the batch's record as 'left out earlier' beside that row.

A row of an earlier file that the latest no longer holds, skipped as a person the list left out, is kept in
the record (:meth:`bulkship.reconcile.join.LedgerView.kept_once_gone`: Do Not Mail, Terminated...). But
Carlos Ruiz, left out for 'new hire, address TBD', then given his street and his note shortened to 'new hire',
was sent, and his old row stayed listed as 'left out earlier ... no longer in the file' under a row number
the file does not have: the batch read 9 rows for an 8-person list, Carlos twice (found by newcomer15, N1).
The ledger keeps no name of a row never sent, so each skipped row's person is recorded, digested
(:data:`SKIPPED_PEOPLE_EVENT`), and on the next run a skipped row gone from the file whose person is on a
row new to the batch is forgotten: that row is its correction. A person's row deleted from the list stays
listed; so does one of a namesake's name on a row the batch held already."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .folding import fold_person, fold_reference
from .models import FINGERPRINT, STATUS
from .plan.ponumbers import is_derived_reference

if TYPE_CHECKING:
    import pandas as pd

    from .ledger import Ledger, RowRecord

SKIPPED_PEOPLE_EVENT = "skipped_people"  # detail: {"people": {fingerprint: [name digest, ID digest]}}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:20] if text else ""


def _people(frame: pd.DataFrame, rows: pd.Series | None = None) -> dict[str, tuple[str, str]]:
    """Fingerprint -> (name digest, Employee ID digest) of the rows of ``frame`` (those ``rows`` picks)."""
    if "name" not in frame.columns or frame.empty:
        return {}
    picked = frame if rows is None else frame[rows]
    ids = picked["external_id"].tolist() if "external_id" in picked.columns else [""] * len(picked)
    found = {}
    for fp, name, ref in zip(
        picked[FINGERPRINT].astype(str).tolist(), picked["name"].tolist(), ids, strict=True
    ):
        folded = fold_person(name)
        if " " not in folded:  # a one-word name (or none) tells nobody
            continue
        reference = fold_reference(ref)
        found[fp] = (_digest(folded), "" if is_derived_reference(reference) else _digest(reference))
    return found


def forget_corrected(ledger: Ledger, batch: str, known: Mapping[str, RowRecord], frame: pd.DataFrame) -> None:
    """Once ``frame`` (the file as it is now) is recorded for ``batch`` (``known``: its rows before): forget
    the skipped rows gone from the file whose person is on a row new to the batch, and record who the
    file's skipped rows are."""
    latest = ledger.latest_event(batch, SKIPPED_PEOPLE_EVENT)
    stored = latest.detail.get("people") if latest is not None else None
    before = {
        fp: (str(p[0]), str(p[1])) for fp, p in (stored or {}).items() if isinstance(p, list) and len(p) == 2
    }
    in_file = set(frame[FINGERPRINT].astype(str).tolist()) if not frame.empty else set()
    gone = [
        r.fingerprint
        for r in known.values()
        if r.status == "skipped"
        and r.po_number is None
        and r.fingerprint not in in_file
        and r.fingerprint in before
    ]
    forgotten: list[str] = []
    if gone:
        new = frame[FINGERPRINT].astype(str).map(lambda fp: fp not in known)
        people = _people(frame, new)
        names: dict[str, set[str]] = {}
        for name, reference in people.values():
            names.setdefault(name, set()).add(reference)
        for fp in gone:
            name, reference = before[fp]
            theirs = names.get(name)
            if theirs and (not reference or reference in theirs or "" in theirs):
                forgotten.append(fp)
        if forgotten:
            ledger.forget_skipped_rows(batch, forgotten)
    skipped = _people(frame, frame[STATUS].eq("skipped")) if not frame.empty else {}
    now = {fp: p for fp, p in before.items() if fp not in forgotten} | skipped
    if now != before:
        ledger.log_event(batch, None, SKIPPED_PEOPLE_EVENT, people={fp: list(p) for fp, p in now.items()})
