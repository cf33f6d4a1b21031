"""The submit stage: drive a batch's planned orders through the vendor client, exactly once.

For every order, in this order and without exception:

1. ``ledger.mark_sending(po)`` is **committed** (the intent, with the exact payload stored at plan time);
2. the stored payload goes out, unchanged, through ``client.create_order`` (the client retries transient
   failures with the same bytes and resolves a 409 to the original order);
3. the outcome is committed right after: a created order's in the same transaction as the next intent of
   the same worker (committed while that worker's next order is in flight), or alone when it has no next
   order; every other outcome at once, before anything else happens to that order. Until it is committed
   the order reads ``sending``, which a re-run resolves with the same PO (the vendor answers 409 with the
   original).

Each worker commits its next order's intent while the current request is in flight, so no ledger wait sits
between an answer and the next send. When the run stops (funds, credentials), an order whose intent was
committed but that never left goes back to what it was (``planned``, or ``unknown`` to resolve).

Work order: orders left ``sending``/``unknown`` by an earlier (crashed) run are resolved first, by re-sending
their stored payload: the vendor either creates it (it never arrived) or answers 409 with the original. They
are never re-planned under a new PO. Then ``planned`` orders, by sequence, ``concurrency`` at a time (the
client applies the rate limit).

Outcomes:

* created (201) or already there (409): rows ``ordered``. On a 409 the original's line items are matched to
  ours by ExternalId; lines the original lacks (possible only when a re-planned file put different rows under
  the same PO) go out in a follow-up order ``<PO>-R<n>``, so no row is silently dropped; when the original
  holds other rows of the batch (another ledger sent it grouped its own way, and may be sending it still),
  they wait for review and the run stops.
* a 409 on a PO number's first send that names an order of the batch this ledger already holds under a PO
  number the vendor gave it (it re-numbered it): that order holds none of these rows, which go out in a
  follow-up ``<PO>-R<n>``.
* 400: the vendor's ``LineItems[i]...`` messages are attributed to the rows on those lines, which end
  ``failed`` with the vendor's words; the other rows of the order go out in a follow-up ``<PO>-R<n>``. A 400
  that names no line fails every row of that order.
* 422 (funds), 401/403 (credentials): stop taking new orders, let those in flight finish, keep everything
  sent. The vendor did not create the order, so it goes back to ``planned`` (or stays ``unknown`` when an
  earlier attempt may have gone through). Re-running resumes.
* No definite answer after the client's retries: ``unknown``; retried once at the end of the run, and after
  :data:`MAX_CONSECUTIVE_UNKNOWN` in a row the run stops (the vendor is not answering).

Ledger access runs on one background thread (:class:`~bulkship.ledger.LedgerThread`): the event loop never
waits on an fsync, and the intents (and outcomes) of the orders in flight that reach the ledger together are
committed together, one fsync for several. Each send still waits for its own intent's commit, and the stored
payload JSON text is what goes out, byte for byte.

Progress goes to an optional ``reporter(SubmitProgress)`` callback; nothing here prints.

The package, a class in layers (each module imports only those before it): :mod:`.shared` (the client
submit needs, progress and outcome, reading an answer), :mod:`.base` (the submitter's state, the ledger
thread, follow-up orders), :mod:`.elsewhere` (the vendor's orders of the batch read before more goes out:
another ledger sending it stops the run), :mod:`.conflicts` (a 409's original checked against ours),
:mod:`.answers` (acting on one order's answer), :mod:`.submitter` (:class:`Submitter`, driving the batch:
``Submitter`` -> ``_Answers`` -> ``_Conflicts`` -> ``_Elsewhere`` -> ``_Base``).
"""

from __future__ import annotations

from .shared import MAX_CONSECUTIVE_UNKNOWN, OrderClient, Reporter, SubmitOutcome, SubmitProgress
from .submitter import Submitter, note_left, submit_batch

__all__ = [
    "MAX_CONSECUTIVE_UNKNOWN",
    "OrderClient",
    "Reporter",
    "SubmitOutcome",
    "SubmitProgress",
    "Submitter",
    "note_left",
    "submit_batch",
]
