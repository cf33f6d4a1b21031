"""A row whose card the vendor cancelled before it shipped, the list's row unchanged since: held, not sent
again (the lead's decision of session 50's leftover 2, found by newcomer28).

The next `run` of the same file sent every such card again under a new PO number, so a cancellation asked
of the vendor by the company was undone by a re-run made for another reason (an HR list's waiting rows on
their day). Now the row is held, naming the order, when bulkship read the line cancelled and the vendor's
reason where its answer gives one; one ``--allow-repeat``, a tick on the web page's Held rows, or an 'Allow
Duplicate' yes on the row sends it. A row changed since (its address, name, card or value: the user's fix)
is another row, sent as before. A line the vendor ended Failed (its fault, not a request) is sent again as
before."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ..billing import line_ended_without_card
from ..ledger.linewords import CANCELLED, LINE_CANCELLED, LINE_WORD, cancellations, line_words
from ..models import FINGERPRINT, STATUS
from .policy import _HELD_PREFIX, ALLOW_FLAG

if TYPE_CHECKING:
    import pandas as pd

    from ..ledger import Ledger, RowRecord

# the statuses such a row has: ordered (the line just read cancelled), failed (a run took it off its card),
# held (a run held it): a row planned or sent again since is on another line, its line status none
_ENDED_ROWS = ("ordered", "failed", "held")
# what the note says first: read back by the web's Held rows page and the run's held lines
CANCELLED_SAID = "the vendor cancelled this card's line in order "


def cancelled_rows(
    ledger: Ledger, batch: str, frame: pd.DataFrame, known: Mapping[str, RowRecord]
) -> dict[str, str]:
    """The valid rows of ``frame`` whose card, as this very row (its fingerprint), ``batch`` ordered on a
    line the vendor cancelled before it shipped: fingerprint -> the hold's note. An 'Allow Duplicate' yes
    on the row sends it (none held). Only the batch's rows so ended are looked at, never every row."""
    ended = {
        fp: r
        for fp, r in known.items()
        if r.status in _ENDED_ROWS
        and r.po_number
        and (r.line_status or "").lower() == CANCELLED
        and line_ended_without_card(r)
    }
    if not ended:
        return {}
    valid = frame[(frame[STATUS] == "valid") & frame[FINGERPRINT].astype(str).isin(set(ended))]
    if "allow_duplicate" in valid.columns:
        valid = valid[~valid["allow_duplicate"].eq("yes")]
    if valid.empty:
        return {}
    read = cancellations(ledger.events(batch, kinds=[LINE_CANCELLED]))
    words = line_words(ledger.events(batch, kinds=[LINE_WORD]))  # 'Refunded', read as cancelled
    notes = {}
    for fp in valid[FINGERPRINT].astype(str).tolist():
        record = ended[fp]
        po = record.po_number or ""
        notes[fp] = cancelled_note(po, *read.get((po, fp), ("", "")), word=words.get((po, fp), ""))
    return notes


def cancelled_note(po: str, at: str, reason: str, word: str = "") -> str:
    """What a row held for its cancelled line says: the order, the vendor's own word where it is another
    ('Refunded', read as cancelled: ledger.linewords), when it was read so, the vendor's reason, and how to
    send it anyway."""
    when = (f" (its word: {word!r})" if word else "") + (f", read so on {at[:10]}" if at else "")
    why = f" (the vendor's reason: {reason.rstrip('.')!r})" if reason else ""
    return (
        f"{_HELD_PREFIX}{CANCELLED_SAID}{po} before it shipped{when}{why}; a cancellation may be one "
        "your company asked for, so a re-run does not send it again by itself. To send this card after "
        f"all, write yes in an 'Allow Duplicate' column on this row, or re-run with {ALLOW_FLAG}; a row "
        "changed since (its name, address, card or value) is sent as the fix it is"
    )


def is_cancelled_hold(note: str | None) -> bool:
    """A held row's note (or validate's word of it) saying its card was cancelled at the vendor."""
    return CANCELLED_SAID in (note or "")


def held_words(notes: Iterable[str | None], whose: str = "the same person") -> str:
    """Why rows with ``notes`` are held, said as they are: 'each would be a second card for the same person'
    (``whose``), 'the vendor cancelled their card before it shipped', or both with how many each."""
    said = [is_cancelled_hold(n) for n in notes]
    cancelled = sum(said)
    if not cancelled:
        return f"each would be a second card for {whose}"
    if cancelled == len(said):
        return "the vendor cancelled their card before it shipped"
    return (
        f"{len(said) - cancelled} would be a second card for {whose}, the vendor cancelled the card of "
        f"{cancelled} before it shipped"
    )


def sent_again_words(notes: Iterable[str | None]) -> str:
    """What rows sent again on purpose (``--allow-repeat``, a tick on Held rows; their holds' ``notes``) are,
    after 'N row(s) in this plan': 'repeat a card already ordered', 'are cards the vendor cancelled before
    they shipped' (no card was made: no second card), or both."""
    said = [is_cancelled_hold(n) for n in notes]
    cancelled = sum(said)
    if not cancelled:
        return "repeat a card already ordered"
    if cancelled == len(said):
        return "are cards the vendor cancelled before they shipped"
    return (
        f"repeat a card already ordered or, {cancelled} of them, are cards the vendor cancelled before they "
        "shipped"
    )
