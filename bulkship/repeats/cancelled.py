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

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from ..billing import line_ended_without_card
from ..ledger.linewords import (
    CANCELLED,
    CANCELLED_SAID,
    LINE_CANCELLED,
    LINE_MOVED,
    LINE_WORD,
    cancellations,
    is_cancelled_hold,
    line_words,
    moved_cards,
)
from ..models import FINGERPRINT, STATUS
from .policy import _HELD_PREFIX, ALLOW_FLAG

if TYPE_CHECKING:
    import pandas as pd

    from ..ledger import Ledger, RowRecord
    from ..ledger.batchlist import GoneCard

# the statuses such a row has: ordered (the line just read cancelled), failed (a run took it off its card),
# held (a run held it): a row planned or sent again since is on another line, its line status none
_ENDED_ROWS = ("ordered", "failed", "held")


def cancelled_rows(
    ledger: Ledger,
    batch: str,
    frame: pd.DataFrame,
    known: Mapping[str, RowRecord],
    cards: dict[str, tuple[str, str | None, str]] | None = None,
) -> dict[str, str]:
    """The valid rows of ``frame`` whose card, as this very row (its fingerprint), ``batch`` ordered on a
    line the vendor cancelled before it shipped, or another batch did for a row held here for that very
    card (:func:`_cancelled_elsewhere`, each also in ``cards``: its card, kept for the next run), or another
    batch ordered for this very row, new here (:func:`_cancelled_in_other_batches`): fingerprint -> the
    hold's note. An 'Allow Duplicate' yes on the row sends it (none held). Only the batch's rows so ended or
    held, and the rows of lines read cancelled, are looked at, never every row."""
    moved = moved_cards(ledger.events(batch, kinds=[LINE_MOVED]))  # its card in the vendor's own order
    ended = {
        fp: r
        for fp, r in known.items()
        if r.status in _ENDED_ROWS
        and r.po_number
        and (r.line_status or "").lower() == CANCELLED
        and line_ended_without_card(r)
        and (r.po_number, fp) not in moved
    }
    gone = {
        fp: card for fp, card in ledger.held_cards_gone(batch).items() if card.cancelled and card.fingerprint
    }
    new = {fp for fp, r in known.items() if r.status in _NEW_HERE}  # ... or a row this batch never sent
    elsewhere = _cancelled_in_other_batches(ledger, batch, frame, lambda fp: fp not in known or fp in new)
    if not ended and not gone and not elsewhere:
        return {}
    wanted = {*ended, *gone, *elsewhere}
    valid = frame[(frame[STATUS] == "valid") & frame[FINGERPRINT].astype(str).isin(wanted)]
    if "allow_duplicate" in valid.columns:
        valid = valid[~valid["allow_duplicate"].eq("yes")]
    if valid.empty:
        return {}
    fingerprints = valid[FINGERPRINT].astype(str).tolist()
    notes = _cancelled_elsewhere(
        ledger, {fp: gone[fp] for fp in fingerprints if fp in gone and fp not in ended}
    )
    for fp, (_note, card) in notes.items():
        if cards is not None:
            cards[fp] = (card.batch, card.fingerprint, card.po)
    said = {fp: note for fp, (note, _card) in notes.items()}
    theirs = {fp: elsewhere[fp] for fp in fingerprints if fp in elsewhere and fp not in {*ended, *said}}
    said |= {fp: note for fp, (note, _card) in _cancelled_elsewhere(ledger, theirs, held_for=False).items()}
    if not ended:
        return said
    read = cancellations(ledger.events(batch, kinds=[LINE_CANCELLED]))
    words = line_words(ledger.events(batch, kinds=[LINE_WORD]))  # 'Refunded', read as cancelled
    for fp in [fp for fp in fingerprints if fp in ended]:
        po = ended[fp].po_number or ""
        said[fp] = cancelled_note(po, *read.get((po, fp), ("", "")), word=words.get((po, fp), ""))
    return said


# a row of the batch that never went out: a new row's card another batch's line had, cancelled, is held
_NEW_HERE = ("held", "planned", "not sent")


def _cancelled_in_other_batches(
    ledger: Ledger, batch: str, frame: pd.DataFrame, new: Callable[[str], bool]
) -> dict[str, GoneCard]:
    """The valid rows of ``frame`` new to ``batch`` (``new``) that another batch ordered as this very row
    (its fingerprint: name, address, card, value) on a line the vendor cancelled before it shipped, that
    row still on it: fingerprint -> that card. Another list holding the row unchanged, run as its own batch
    after the cancellation, sent it, nothing said, where that batch's re-run holds it (hunter-money32, the
    lead's Q1 of session 52). Read from the lines read cancelled (few), not from every row."""
    from ..ledger.batchlist import GoneCard

    read = [
        (str(e.detail.get("fingerprint") or ""), str(e.batch), str(e.po_number))
        for e in ledger.events(kinds=[LINE_CANCELLED])
        if e.batch and e.batch != batch and e.po_number
    ]
    if not read:
        return {}
    valid = set(frame.loc[frame[STATUS] == "valid", FINGERPRINT].astype(str))
    lines = {fp: (b, po) for fp, b, po in read if fp in valid and new(fp)}
    if not lines:
        return {}
    moved = moved_cards(ledger.events(kinds=[LINE_MOVED]))  # its card in the vendor's own order: a card
    found = {}
    for r in ledger.rows_on_orders(sorted({po for _b, po in lines.values()})):
        if (
            lines.get(r.fingerprint) == (r.batch, r.po_number)
            and (r.po_number, r.fingerprint) not in moved
            and r.current
            and r.status in _ENDED_ROWS
            and (r.line_status or "").lower() == CANCELLED
            and line_ended_without_card(r)
        ):
            found[r.fingerprint] = GoneCard(r.batch, str(r.po_number), r.fingerprint, True)
    return found


def _cancelled_elsewhere(
    ledger: Ledger, gone: Mapping[str, GoneCard], *, held_for: bool = True
) -> dict[str, tuple[str, GoneCard]]:
    """Rows held for the very card another batch made (this person had it: 'nothing to do'), that card's
    line cancelled by the vendor since before it shipped: fingerprint -> (the hold's note, the card). The
    next run of the holding batch sent it, undoing from its side the cancellation the card's own batch holds
    (found by the lead after 05b54c98); a card failed there is sent as before. ``held_for`` False: rows new
    here whose very card it was (:func:`_cancelled_in_other_batches`)."""
    said = {}
    for batch in {card.batch for card in gone.values()}:
        read = cancellations(ledger.events(batch, kinds=[LINE_CANCELLED]))
        words = line_words(ledger.events(batch, kinds=[LINE_WORD]))
        for fp, card in gone.items():
            if card.batch == batch:
                key = (card.po, card.fingerprint)
                at, reason = read.get(key, ("", ""))
                note = cancelled_note(
                    card.po, at, reason, word=words.get(key, ""), whose=batch, held_for=held_for
                )
                said[fp] = (note, card)
    return said


def cancelled_note(
    po: str, at: str, reason: str, word: str = "", whose: str = "", *, held_for: bool = True
) -> str:
    """What a row held for its cancelled line says: the order (``whose``: another batch's, that batch), the
    vendor's own word where it is another ('Refunded', read as cancelled: ledger.linewords), when it was
    read so, the vendor's reason, and how to send it anyway."""
    when = (f" (its word: {word!r})" if word else "") + (f", read so on {at[:10]}" if at else "")
    why = f" (the vendor's reason: {reason.rstrip('.')!r})" if reason else ""
    very = "the very card this row was held for" if held_for else "this very row's card there"
    of = f" of batch {whose!r} ({very})" if whose else ""
    return (
        f"{_HELD_PREFIX}{CANCELLED_SAID}{po}{of} before it shipped{when}{why}; a cancellation may be one "
        "your company asked for, so a re-run does not send it again by itself. To send this card after "
        f"all, write yes in an 'Allow Duplicate' column on this row, or re-run with {ALLOW_FLAG}; a row "
        "changed since (its name, address, card or value) is sent as the fix it is"
    )


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
    return sent_again_counted(len(said), sum(said))


def sent_again_counted(rows: int, cancelled: int) -> str:
    """:func:`sent_again_words` of ``rows`` rows sent again on purpose, ``cancelled`` of them cards the
    vendor cancelled."""
    if not cancelled:
        return "repeat a card already ordered"
    if cancelled >= rows:
        return "are cards the vendor cancelled before they shipped"
    return (
        f"repeat a card already ordered or, {cancelled} of them, are cards the vendor cancelled before they "
        "shipped"
    )
