"""One vocabulary of row statuses and money buckets for every output.

The result workbook (Results colours, Fix these, Summary), its CSV twin, ``status``, ``track`` and
``run --json`` all take a row's status, its colour and what it means from :data:`ROW_STATUSES`; a status
added here shows everywhere. A status not listed (a newer ledger) is still shown and counted, uncoloured.

Money: every dollar of a batch sits in exactly one bucket (:data:`MONEY_BUCKETS`):

* ``charged``  - the vendor created the order: the money is spent;
* ``in doubt`` - the order was sent and its answer was lost: it may be spent; re-running the same command
  asks the vendor (same PO number) and moves it to charged or to send. Never counted as unspent;
* ``to send``  - planned, certainly not at the vendor yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def counted(count: int, noun: str) -> str:
    """'1 row', '2 rows': a count said with its noun in the right number ('1 rows' read in every one-row
    run's summary: newcomer1)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# The reason of a skipped row the list holds until a day to come ('Do Not Send Before'): the same file, run
# on that day, sends it (the load stage gives it; `run` and `status` read it in the ledger)
NOT_YET_REASON = "the list says not to send it yet"
# A held row's words when its very card was made in another batch (..repeats.notes): nobody need act on it
HAS_CARD = "This person has this card already: nothing to do. Only for a second card on purpose,"
# ... what it says once that card is gone (ledger.held_cards_gone): 'nothing to do' was said of one with none
CARD_GONE = (
    "Since then the vendor failed or cancelled that card (PO {po}) before it shipped: this person has none. "
    "Run this batch or batch {batch!r} again to send it (the first run sends it; the other then holds it)"
)


# ... or once the vendor cancelled it: neither batch's re-run sends it by itself (repeats.cancelled)
CARD_CANCELLED = (
    "Since then the vendor cancelled that card (PO {po}) before it shipped: this person has none. A re-run "
    "of this batch or of batch {batch!r} holds it, not sent again by itself (a cancellation may be one your "
    "company asked for); to send it after all, re-run this batch with --allow-repeat"
)


def card_gone_note(note: str | None, batch: str, po: str, *, cancelled: bool = False) -> str:
    """A held row's ``note`` saying :data:`HAS_CARD`, its card gone since: those words and what follows them
    give way to :data:`CARD_GONE` (:data:`CARD_CANCELLED`, ``cancelled``; a note worded otherwise keeps its
    words, the new ones after them)."""
    note, gone = note or "", (CARD_CANCELLED if cancelled else CARD_GONE).format(po=po, batch=batch)
    if HAS_CARD in note:
        return f"{note.split(HAS_CARD)[0]}{gone}"
    return f"{note}; {gone}" if note else gone


# ... then its day, after these words, as the ledger and the workbook keep it (YYYY-MM-DD, the reason's last)
DAY_SAID = ", to send on or after "

# The words opening the reason of a row skipped as no recipient at all (bulkship.load.skipped: a totals row,
# a note or heading, the header again). Every other skipped row is a person the list left out (Do Not Mail,
# Terminated, hidden, crossed out, held until a day): kept in the batch's record (`status`, the result
# workbook, the web page) once a later file no longer holds it, as a row holding money is (found by
# newcomer14: a file of corrections continuing the batch, the earlier file's people left out were listed
# nowhere)
NO_RECIPIENT_REASONS = (
    "totals row",
    "a heading inside the list",
    "no recipient data",
    "note below the table",
    "a note about row",
    "a heading over rows not to send",
    "the header again",
    "the survey export's row of import ids",
    "the header's second row",
)


def left_out_person(status: str, reason: str | None) -> bool:
    """Whether a row of ``status`` skipped for ``reason`` is a person the list left out (not a totals or
    notes row: :data:`NO_RECIPIENT_REASONS`, nor a template's example its cell says it is: 'EXAMPLE - delete
    this row' was listed 'left out earlier' for good once deleted as it asked, review41's leftover)."""
    if status != "skipped" or not reason or reason.startswith(NO_RECIPIENT_REASONS):
        return False
    quoted = _QUOTED_CELL.search(reason)
    if quoted is None:
        return True
    from .validate.examples import marks_example  # the loader's words; statuses is read by every stage

    return not marks_example(quoted.group(1))


_QUOTED_CELL = re.compile(r".*': '(.*)'\)\s*$", re.S)  # the cell a skipped row's reason quotes last


CHARGED = "charged"
IN_DOUBT = "in doubt"
TO_SEND = "to send"
MONEY_BUCKETS: tuple[str, ...] = (CHARGED, IN_DOUBT, TO_SEND)


@dataclass(frozen=True)
class RowStatus:
    name: str
    colour: str
    attention: bool = False  # the user must act: `run` exits 3
    fix: bool = False  # listed on the Fix these sheet (the user corrects the row and runs it again)
    final: bool = False  # nothing more will happen to the row by itself
    meaning: str = ""


# what a held row is, whatever held it (its row says which card, and where)
HELD_MEANING = (
    "not sent: it would be a second card for the same person, or the vendor cancelled its card (see the row)"
)
# In the order a row moves through them.
ROW_STATUSES: tuple[RowStatus, ...] = (
    RowStatus("invalid", "#F4CCCC", attention=True, fix=True, final=True, meaning="not ordered: fix the row"),
    RowStatus("duplicate", "#FCE5CD", attention=True, final=True, meaning="repeats an earlier row"),
    RowStatus("skipped", "#D9D9D9", final=True, meaning="not ordered: the list says not to, or no recipient"),
    # a card of another batch, or of another row of the list (said 'repeats a card already ordered' of a row
    # held for another card on another row, ordered in the same run: hunter-vendor39's leftover 4), or a card
    # the vendor cancelled, not sent again by a re-run (repeats.cancelled)
    RowStatus("held", "#FFD966", attention=True, fix=True, meaning=HELD_MEANING),
    # not on Fix these: the row may already be at the vendor, and running it again must not be suggested
    RowStatus("needs review", "#F9CB9C", attention=True, meaning="may be at the vendor: a person checks"),
    # a row of review a person left out: the vendor's line naming it is another batch's or ledger's order
    RowStatus(
        "sent elsewhere",
        "#D9D2E9",
        final=True,
        meaning="not ordered here: its card is in another batch's order (see the row), never sent from here",
    ),
    RowStatus("planned", "#EFEFEF", meaning="to send: re-run the same command"),
    RowStatus("in doubt", "#F6B26B", meaning="sent, answer lost: re-run the same command to settle it"),
    RowStatus("ordered", "#CFE2F3", meaning="the vendor created the order"),
    RowStatus("pending", "#FFF2CC", meaning="ordered and charged: the card is not made yet"),
    RowStatus("complete", "#D9EAD3", meaning="ordered: the card is made, not shipped yet"),
    RowStatus("shipped", "#B6D7A8", meaning="on its way: see its tracking number"),
    RowStatus("delivered", "#93C47D", final=True, meaning="delivered"),
    RowStatus(
        "failed",
        "#E06666",
        attention=True,
        fix=True,
        final=True,
        meaning="the vendor refused it, or ended it: see the row",
    ),
)
# A valid row in no order: its plan was declined at 'Send these orders?' or dropped (the web's Delete), or a
# person released it from review off its PO. Nothing sends it by itself; it read 'planned' beside '0.00 to
# send' (status, the web's Results page), as if it would go out (review22's leftover). Not one of
# ROW_STATUSES: the Summary lists it only when a row has it.
NOT_SENT = RowStatus(
    "not sent",
    "#EFEFEF",
    meaning="in no order: nothing sends it by itself; re-run the same command to send it",
)
STATUS_NAMES: tuple[str, ...] = tuple(s.name for s in ROW_STATUSES)
# how a skipped row whose card another batch ordered opens its Problems cell: the Summary counts them apart
ORDERED_BEFORE = "ordered before, PO "
STATUS_COLOURS: dict[str, str] = {s.name: s.colour for s in (*ROW_STATUSES, NOT_SENT)}
STATUS_MEANINGS: dict[str, str] = {s.name: s.meaning for s in (*ROW_STATUSES, NOT_SENT)}
# A row's card the vendor cancelled (or refunded): a status of the vendor's, not one of ROW_STATUSES, so the
# Summary said "cancelled | 1 |" beside nothing (found by newcomer25, N3). Said of both kinds: a line
# Cancelled with no parcel never went out, where 'ended it after it went out ... never sent again by itself'
# was said of it too (found by review65 checking a5865f11); since 05b54c98 a re-run holds it
# (repeats.cancelled) where these words still said "a re-run sends it again" (the lead, session 52)
STATUS_MEANINGS["cancelled"] = (
    "the vendor ended it: see the row (after it went out: never sent again, money back where it charged "
    "less; before, no parcel: a re-run holds it, sent again only if you allow it)"
)
# ... and any other word of the vendor's own, shown as it wrote it
VENDOR_WORD_MEANING = "the vendor's own word for the card: see the row"
FINAL_STATUSES = frozenset(s.name for s in ROW_STATUSES if s.final)
# A row whose card went to the vendor: every status from "in doubt" on, in ROW_STATUSES' order
SENT_STATUSES = frozenset(STATUS_NAMES[STATUS_NAMES.index("in doubt") :])
# "Final" for the vendor's own statuses (canonical, lower-cased: bulkship.client.parse.STATUS_SYNONYMS): after
# these nothing more happens to a line or an order, so `track` stops asking about it.
FINAL_LINE_STATUSES = frozenset({"delivered", "failed", "cancelled"})
FINAL_ORDER_STATUSES = frozenset({"complete", "failed", "cancelled"})
# A line (or an order) the vendor ended without making a card: on a line's own status, proof that no card
# exists (before anything shipped); on an order's alone, no proof (the contract only assumes it).
NO_CARD_STATUSES = frozenset({"failed", "cancelled"})


def status_letters(status: str | None) -> str:
    """A vendor's status as the tables here spell it, whatever its case, spaces or punctuation ('Returned To
    Sender' -> 'returnedtosender', 'Partially-Shipped' -> 'partiallyshipped')."""
    return "".join(ch for ch in (status or "") if ch.isalnum()).lower()


# A status the vendor writes as a number (an enum serialised as its value: 'Status': 3): nothing documents
# what a number means, so none is taken for a word. Shown raw, a run ended "4 rows (4 3)" and a 6 (Failed?)
# read as any card on its way, nothing said (found by hunter-vendor7); now 'vendor code 3', said to ask.
VENDOR_CODE = "vendor code "


def is_vendor_code(status: str | None) -> bool:
    """A status the vendor wrote as a number (see :data:`VENDOR_CODE`)."""
    return (status or "").lower().startswith(VENDOR_CODE)


# How the ledger records an order kept in doubt after the vendor refused its PONumber (an answer, not a lost
# one): client.orders writes it, the result workbook shows the vendor's words after it.
PO_REFUSED = "The vendor refused PONumber"
FIX_STATUSES = frozenset(s.name for s in ROW_STATUSES if s.fix)
ATTENTION_STATUSES = frozenset(s.name for s in ROW_STATUSES if s.attention)
# Statuses validation gives (the ledger's view of the row adds nothing to them).
JUDGED_STATUSES = frozenset({"invalid", "duplicate", "skipped"})


def duplicate_note(first_row: int) -> str:
    """What a duplicate row says: it has no PO, line or cost of its own."""
    return f"duplicate of row {first_row} — not ordered"
