"""An email column telling people apart across batches, as it does within a list without Employee IDs
(``validate.lookalikes.references``): Q3 sent Min Kim (min.kim@acme.com) at 1 Market St, and Q4's Jin Kim
(jin.kim@acme.com) there, a colleague, was held as the name written almost alike; Q4's John Smith
(john.smith@globex.com) in Seattle as Q3's John Smith (jsmith@acme.com) of Boston moved (hunter-falsealarm7's
LO1 and LO6, fixed by hunter-falsealarm8). The vendor's order keeps no email: each batch's rows' emails are
recorded in the ledger, digested (:data:`EMAILS_EVENT`), and a row whose email differs from the one of the
row that was sent is another person. The very name, street and card stays one person whatever the emails
say, as within a list."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..folding import fold_person
from ..models import FINGERPRINT, STATUS

if TYPE_CHECKING:
    import pandas as pd

    from ..ledger import Ledger, OrderRecord
    from .cards import _Rows
    from .earlier import Changed

EMAILS_EVENT = "row_emails"  # detail: {"digests": {fingerprint: digest}}, the latest of a batch holding all
_ONE_EMAIL = re.compile(r"[^@\s;,<>]+@[^@\s;,<>]+\.[^@\s;,<>]+")


def email_digest(text: object) -> str:
    """The email, case-folded, as a short digest (the ledger need not hold the address itself); "" when the
    text is no one email."""
    folded = str(text if text is not None else "").strip().casefold()
    if not _ONE_EMAIL.fullmatch(folded):
        return ""
    return hashlib.sha256(folded.encode()).hexdigest()[:20]


def _digests(frame: pd.DataFrame, statuses: tuple[str, ...] = ("valid",)) -> dict[str, str]:
    """Fingerprint -> the email digest of each row of ``frame`` of ``statuses`` that has one."""
    if "email" not in frame.columns or frame.empty:
        return {}
    valid = frame[frame[STATUS].isin(statuses)]
    pairs = zip(valid[FINGERPRINT].astype(str).tolist(), valid["email"].tolist(), strict=True)
    return {fp: digest for fp, email in pairs if (digest := email_digest(email))}


def record_emails(ledger: Ledger, batch: str, frame: pd.DataFrame) -> None:
    """Record the digests of the batch's rows' emails (with those recorded before), unless recorded."""
    digests = _digests(frame, ("valid", "invalid"))  # an invalid row's too: fixed, it is that row (beside)
    if not digests:
        return
    latest = ledger.latest_event(batch, EMAILS_EVENT)
    before = latest.detail.get("digests") if latest is not None else None
    before = before if isinstance(before, dict) else {}
    if all(before.get(fp) == digest for fp, digest in digests.items()):
        return
    ledger.log_event(batch, None, EMAILS_EVENT, digests={**before, **digests})


def recorded_emails(ledger: Ledger, batch: str) -> dict[str, str]:
    """The batch's rows' email digests recorded by its runs so far: fingerprint -> digest."""
    latest = ledger.latest_event(batch, EMAILS_EVENT)
    digests = latest.detail.get("digests") if latest is not None else None
    return {str(fp): str(d) for fp, d in digests.items()} if isinstance(digests, dict) else {}


def owners_told_apart(
    rows: _Rows, owners: Mapping[tuple[int, int], str], frame: pd.DataFrame
) -> dict[int, set[tuple[int, int]]]:
    """Of ``owners`` (a card another batch made, (order, line) -> the fingerprint of the row of ``frame``, the
    file, that is its very recipient, address, card and value), the cards that are no edit of a namesake's
    row: index in ``rows`` -> those cards. The card is its row's; a row of the same name whose email differs
    from that row's is another person, as within the list. Hartford's Oli Diaz, fixed after a split, was
    held for good as an edit of the card of Austin's Oli Diaz, a row of the same list sent elsewhere for it
    (hunter-vendor33's leftover 1)."""
    if not owners:
        return {}
    mails = _digests(frame)
    names = dict(zip(frame[FINGERPRINT].astype(str), frame["name"].map(fold_person), strict=True))
    # the rows of each name, once: each card looked through every row, an 8,000-row list run again as a new
    # batch spent a minute here (8,000 cards x 8,000 rows; found by review59 checking a9f41014)
    named: dict[str, list[int]] = {}
    for i, other in enumerate(rows.names):
        named.setdefault(other, []).append(i)
    apart: dict[int, set[tuple[int, int]]] = {}
    for card, owner in owners.items():
        theirs, name = mails.get(owner), names.get(owner)
        for i in named.get(name, []) if name else []:
            mine = mails.get(rows.fingerprints[i])
            if mine and mine != theirs:
                apart.setdefault(i, set()).add(card)
    return apart


def told_apart(
    ledger: Ledger, rows: _Rows, earlier: Sequence[OrderRecord], found: Mapping[int, Changed]
) -> dict[int, Changed]:
    """``found`` (row index in ``rows`` -> the card of ``earlier`` to the same name elsewhere or a name
    written alike) without the rows whose email differs from the one of the row that card was sent to. Only
    for a row without its own reference (an Employee ID says who it is)."""
    mine = _digests(rows.frame) if found else {}
    asked = {
        i: (changed.order, changed.line)
        for i, changed in found.items()
        if rows.fingerprints[i] in mine and not str(rows.columns["external_id"][i] or "").strip()
    }
    if not asked:
        return dict(found)
    pos = sorted({earlier[order].po_number for order, _line in asked.values()})
    sent = {
        (r.po_number or "", r.line_index): r for r in ledger.rows_on_orders(pos) if r.line_index is not None
    }
    theirs: dict[str, dict[str, str]] = {}
    for record in sent.values():
        if record.batch not in theirs:
            latest = ledger.latest_event(record.batch, EMAILS_EVENT)
            digests = latest.detail.get("digests") if latest is not None else None
            theirs[record.batch] = digests if isinstance(digests, dict) else {}
    apart = set()
    for i, (order, line) in asked.items():
        row = sent.get((earlier[order].po_number, line))
        their = theirs.get(row.batch, {}).get(row.fingerprint) if row is not None else None
        if their and their != mine[rows.fingerprints[i]]:
            apart.add(i)
    return {i: value for i, value in found.items() if i not in apart}
