"""Repeat orders: a recipient is not sent the same gift twice by accident.

Before a run plans anything it is compared with every earlier batch in the ledger that went to the same API
(a sandbox trial never blocks the real run; batches recorded before the ledger kept the API count as the
same). What is refused or held, and why:

* **The same file under another batch name** (:func:`check_new_run`, before the sheet is read): a file
  byte for byte identical (SHA-256) to the latest file of another batch that holds orders, however old, is
  refused (:class:`~bulkship.errors.BatchConflictError`, exit 2, nothing sent), naming that batch, the date
  of its orders and its result workbook.
* **A near-identical batch name**: a name the ledger does not hold that compares equal to a batch holding
  orders is refused the same way. Names compare case-insensitively, ignoring spacing and punctuation
  (``Q4 gifts`` = ``q4-gifts``) and a browser's download suffix (``gifts (1).csv``). An exact name always
  continues its own batch, so a ledger that already holds two such batches keeps working.
* **The same rows under another batch name** (:func:`find_holds`, once the rows are validated): a new batch
  of which at least half the valid rows were ordered by one other batch within the window is refused.
* **Cross-batch duplicates**: a row to order with the recipient name, address, card and value of a row
  another batch ordered within the window (default :data:`DEFAULT_WINDOW_DAYS` days) is *held* (row status
  ``held``, not sent), naming the earlier batch, row, PO number and date.
* **Probable edits**: a row to order that closely matches a row this batch ordered and the file no longer
  holds (the same ExternalId, recipient name or address, with other details changed) is held as a probable
  edit of that row, whatever row it now sits on. Editing the sheet never changes a card already ordered;
  sorting, inserting or deleting rows never turns an edit into a second card.
* **A row added beside an ordered one** (:mod:`.beside`): a row new to the batch of the name and card of a
  row this batch ordered and the file still holds, at another address (or of another value at the same
  place, or a name written almost alike there), is held as the same row of a later batch is; rows under
  Employee IDs of their own that differ are two people, sent.

* **Rows taken out and sent as a batch of their own** (:mod:`.takenout`): a row this batch planned and never
  sent whose very card another batch made since is left out as sent elsewhere, never held (a list split as
  a refused ``--max-total`` advises, run whole again).

``RepeatPolicy(allow=True)`` (``bulkship run --allow-repeat``) allows all of these on purpose: anniversaries
repeat every year. Orders older than the window are not compared row by row, so a monthly file is never
blocked by last year's rows.

The package, one job a module (each imports only those before it): :mod:`.policy` (the policy and shared
words), :mod:`.cards` (a row's card, folded), :mod:`.newrun` (the same file or a near-identical name),
:mod:`.earlier` (what other batches sent), :mod:`.notes` (what a held row says, probable edits),
:mod:`.beside` (a row added beside one the batch ordered), :mod:`.takenout` (rows sent elsewhere),
:mod:`.madeagain` (a part's row whose card the other part made again), :mod:`.holds`
(:func:`find_holds`), :mod:`.preview` (before planning, releases, held notes).
"""

from __future__ import annotations

from .cards import Card
from .holds import find_holds
from .newrun import as_typed, check_new_run
from .policy import ALLOW_FLAG, DEFAULT_WINDOW_DAYS, HELD, SAME_ROWS_SHARE, RepeatPolicy, fold_name
from .preview import RepeatPreview, held_notes, preview, preview_note, release, repeat_said, rows_held

__all__ = [
    "ALLOW_FLAG",
    "DEFAULT_WINDOW_DAYS",
    "HELD",
    "SAME_ROWS_SHARE",
    "Card",
    "RepeatPolicy",
    "RepeatPreview",
    "as_typed",
    "check_new_run",
    "find_holds",
    "fold_name",
    "held_notes",
    "preview",
    "preview_note",
    "release",
    "repeat_said",
    "rows_held",
]
