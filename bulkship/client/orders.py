"""Orders at the vendor: creating one exactly once (a 409, a refusal saying "duplicate" in other words, or a
refusal after an unanswered attempt, each checked with the vendor by PONumber). Reading them (by Id, by
PONumber, the list): :mod:`.orderreads`.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import (
    AuthenticationError,
    DuplicateOrderError,
    RateLimitedError,
    TerminalVendorError,
    TransientVendorError,
    UnverifiableOrderError,
    VendorError,
    VendorUnavailableError,
)
from ..models import VendorOrder
from ..statuses import PO_REFUSED
from .orderreads import _OrderReads
from .paging import _shape
from .parse import parse_order, text
from .policy import MAX_RETRY_AFTER_S, json_default
from .refusals import (
    _DUPLICATE_WORDS,
    _is_po_field,
    error_message,
    field_errors,
    names_the_po,
    original_order_ids,
    says_duplicate,
)
from .transport import _NotSent


@dataclass(frozen=True)
class CreateResult:
    """The order as the vendor holds it; ``created`` is False when the PONumber already existed (409).
    ``after_lost_answer``: an attempt of this same call got no answer first, so the order found may well be
    the one that attempt created (our exact payload)."""

    order: VendorOrder
    created: bool
    after_lost_answer: bool = False


class _Orders(_OrderReads):
    """:class:`~.orderreads._OrderReads` with the order created exactly once."""

    async def create_order(
        self,
        payload: Mapping[str, Any],
        *,
        body: bytes | None = None,
        sent_before: bool = False,
        on_conflict: Callable[[], None] | None = None,
    ) -> CreateResult:
        """POST /v1/Orders. The body is serialised once, so every retry sends the same bytes and PONumber.
        ``body`` is the payload already serialised (the ledger's stored JSON text): it is sent as it is, and
        ``payload`` then need only hold the PONumber.

        A 409 (the PONumber exists, e.g. an earlier attempt went through) resolves to the original order with
        ``created=False``, checked to carry the PONumber sent. When no attempt gets a definite answer, raises
        VendorUnavailableError: the outcome is unknown, and re-sending the same PONumber later resolves it.

        A refusal (400/401/403/422) after an attempt whose answer was lost (timeout, 5xx, dropped connection)
        says nothing about that earlier attempt, which may have created the order: the vendor is asked
        (:meth:`look_up_order`) before the refusal is believed. Found: resolved like a 409. Provably absent:
        the refusal stands. Unknown (the lookup fails, or the order list cannot prove that nothing carries
        this PONumber): :class:`~bulkship.errors.UnverifiableOrderError`. ``sent_before``: an earlier call
        sent this PONumber without a definite answer, so any refusal is checked the same way.
        ``on_conflict`` is called the moment a first send's 409 comes back, before its original is read: the
        caller may hold its other sends until it has settled what that 409 means.
        """
        po_number = text(payload, "PONumber")
        subject = f"order {po_number}" if po_number else "the order"
        if body is None:
            body = json.dumps(payload, default=json_default, separators=(",", ":")).encode("utf-8")
        lost_answers: list[VendorUnavailableError] = []
        try:
            try:
                status, data = await self._call(
                    "POST", "/v1/Orders", body=body, allow={409}, subject=subject, lost=lost_answers
                )
            except RateLimitedError as exc:
                if lost_answers or sent_before:
                    raise
                raise _throttled(exc, subject, po_number, self.max_attempts) from exc
            except TerminalVendorError as refusal:
                if po_number and says_duplicate(refusal):  # a 409 in other words, perhaps: ask the vendor
                    vague = None if names_the_po(refusal) else refusal  # absent: then it was not about the PO
                    ours = bool(lost_answers) or sent_before
                    if on_conflict is not None and not ours:
                        on_conflict()
                    original = await _first_attempt_said(
                        self._original_of_duplicate(
                            refusal.body, po_number, status=refusal.status_code or 409, vague=vague
                        ),
                        not ours,
                    )
                    return CreateResult(original, created=False, after_lost_answer=ours)
                if not (lost_answers or sent_before) or not po_number:
                    raise
                earlier = await self._look_up_after_refusal(po_number, subject, refusal)
                return CreateResult(earlier, created=False, after_lost_answer=True)
            if status == 409:
                ours = bool(lost_answers) or sent_before
                if on_conflict is not None and not ours:
                    on_conflict()
                original = await _first_attempt_said(self._original_of_duplicate(data, po_number), not ours)
                return CreateResult(original, created=False, after_lost_answer=ours)
            order = parse_order(data)
            if not po_number or (_is_order_for(order, po_number) and (status != 202 or _shows_order(order))):
                return CreateResult(order, created=True)
            # a success that shows no order of this PO (an error body with 200, another order): the vendor
            # is asked; what it holds under the PO is taken with the care of a 409's original
            found = await self._order_after_unreadable_success(po_number, subject, status, data)
            if isinstance(found, VendorOrder):
                return CreateResult(found, created=False, after_lost_answer=True)
        except TransientVendorError as exc:
            if isinstance(exc, UnverifiableOrderError | NotCreatedThrottled):
                raise
            if isinstance(exc, _NotSent) and not (lost_answers or sent_before):
                raise _no_token(exc, subject, po_number) from exc
            raise VendorUnavailableError(
                f"No definite answer from the vendor for {subject} after {self.max_attempts} attempts "
                f"({exc.message}); whether it was created is unknown",
                hint=f"re-run the same command: it re-sends PONumber {po_number}, which resolves to the "
                "existing order if this one went through, so nothing is ordered twice",
                status_code=exc.status_code,
                body=exc.body,
            ) from exc
        raise found

    async def _order_after_unreadable_success(
        self, po_number: str, subject: str, status: int, data: Any
    ) -> VendorOrder | VendorUnavailableError:
        """The order under ``po_number`` after a 2xx that showed none; else the error to raise (its outcome
        unknown: re-sending the same PO resolves it)."""
        try:
            found = await self.look_up_order(po_number)
        except VendorError as exc:
            why = f"looking it up failed ({exc.message})"
        else:
            if found.order is not None:
                return found.order
            why = "no order carries it" if found.absent else found.why_unknown
        said = error_message(data) if data is not None else ""
        return VendorUnavailableError(
            f"The vendor answered {status} to {subject} without the order ({_shape(data)}"
            + (f": {said}" if said else "")
            + f"), and {why}: whether it was created is unknown",
            hint=f"re-run the same command: it asks the vendor about PONumber {po_number} and re-sends the "
            "same PONumber, so nothing is ordered twice",
            status_code=status,
            body=data,
        )

    async def _look_up_after_refusal(
        self, po_number: str, subject: str, refusal: TerminalVendorError
    ) -> VendorOrder:
        """The order an earlier, unanswered attempt created; the refusal again when the vendor provably has
        none; UnverifiableOrderError when that cannot be told."""
        try:
            found = await self.look_up_order(po_number)
        except VendorError as exc:
            why = f"looking the order up failed ({exc.message})"
        else:
            if found.order is not None:
                return found.order
            if found.absent:
                raise refusal
            why = f"the vendor's order list cannot show whether it exists ({found.why_unknown})"
        raise UnverifiableOrderError(
            f"The vendor refused {subject} ({refusal.status_code}: {refusal.message}) after an earlier "
            f"attempt got no answer, and {why}: it may exist at the vendor",
            hint=f"nothing more is sent for it under another PO number; look PONumber {po_number} up in the "
            "vendor's portal, or compare with `bulkship reconcile`",
            status_code=refusal.status_code,
            body=refusal.body,
        )

    async def _original_of_duplicate(
        self, body: Any, po_number: str, *, status: int = 409, vague: TerminalVendorError | None = None
    ) -> VendorOrder:
        """The order a 409 (or a refusal saying the same with ``status``) names, checked to carry
        ``po_number`` (an order that shows no PONumber is taken only when none of the named orders shows
        ours); else looked up by PONumber. Not found: DuplicateOrderError (it may exist: unknown). ``vague``:
        a refusal whose "duplicate" names no PO; it stands as it is when the vendor provably has no such
        PO."""
        unverified: VendorOrder | None = None
        for original_id in original_order_ids(body):
            try:
                order = await self.get_order(original_id)
            except AuthenticationError:
                raise
            except TerminalVendorError:  # not found, or refused (400: no valid Id...): it is no way to ours
                continue
            if order.po_number == po_number.strip().upper() or not po_number:
                return order
            if not order.po_number and unverified is None:
                unverified = order
        if unverified is not None:
            return unverified
        try:
            found = await self.look_up_order(po_number) if po_number else None
            why = "it cannot be found by PONumber"
        except AuthenticationError:
            raise
        except TerminalVendorError as exc:  # the look-up refused (a PO filter it does not take): unknown
            found, why = None, f"looking it up by PONumber failed ({exc.message})"
        if vague is not None and found is not None and found.absent:
            raise vague
        if found is None or found.order is None:
            said = error_message(body) if status != 409 and body is not None else ""
            on_po = [f"{k}: {m}" for k, ms in field_errors(body).items() if _is_po_field(k) for m in ms]
            said = "; ".join(w for w in (said, *on_po) if w)  # a refusal of the PO's form says so here
            if status != 409 and not _DUPLICATE_WORDS.search(said):
                # the PONumber refused in words that say no duplicate (its length, its characters...): what
                # the vendor said is what the person reads, never "already exists"
                raise DuplicateOrderError(
                    f"{PO_REFUSED} {po_number} ({status}: {said}), and {why}: it may hold an "
                    "order under it (a duplicate PONumber is refused this way) or not take this PONumber",
                    hint=f"nothing is sent for these rows under another PO number; re-running sends "
                    f"PONumber {po_number} again. Look it up in the vendor's portal, or ask the vendor why",
                    status_code=status,
                    body=body,
                )
            raise DuplicateOrderError(
                f"The vendor says PONumber {po_number} already exists ({status}"
                + (f": {said}" if said else "")
                + f") but names no original order that carries it, and {why}",
                hint="look the order up in the vendor's portal before re-sending anything",
                status_code=status,
                body=body,
            )
        return found.order


async def _first_attempt_said(original: Awaitable[VendorOrder], first_attempt: bool) -> VendorOrder:
    """A 409's original; its DuplicateOrderError says whether the 409 answered the PO's only attempt."""
    try:
        return await original
    except DuplicateOrderError as exc:
        exc.first_attempt = first_attempt
        raise


class NotCreatedThrottled(RateLimitedError):
    """The order's POST was refused with 429 at every attempt, none lost, none sent before: the vendor
    certainly holds nothing of it (a 429 of a read that follows a 409 is no such proof: that order exists)."""


def _throttled(exc: RateLimitedError, subject: str, po_number: str, attempts: int) -> NotCreatedThrottled:
    asks = f", asking to wait {exc.retry_after:.0f} s" if exc.retry_after else ""
    gave_up = (exc.retry_after or 0) > MAX_RETRY_AFTER_S  # longer than bulkship waits: refused at once
    tries = "and bulkship does not wait that long" if gave_up else f"at each of {attempts} attempts"
    return NotCreatedThrottled(
        f"The vendor refused {subject} as rate limited (429){asks}, {tries}: it was not created",
        hint=f"nothing was charged for it; re-run the same command later: it sends PONumber {po_number} "
        "again",
        retry_after=exc.retry_after,
        status_code=exc.status_code,
        body=exc.body,
    )


class NotCreatedNoToken(VendorUnavailableError):
    """Each attempt refused 401 (not processed) or kept back, no new token to be had, none lost: not "in
    doubt", which showed money no order held (found by hunter-vendor3)."""


def _no_token(exc: VendorUnavailableError, subject: str, po: str) -> NotCreatedNoToken:
    said = f"No token could be had from the vendor to send {subject} ({exc.message}): it was not created"
    hint = f"nothing was charged for it; re-run the same command later: it sends PONumber {po} again"
    return NotCreatedNoToken(said, hint=hint, status_code=exc.status_code, body=exc.body)


def _shows_order(order: VendorOrder) -> bool:
    """A 202 (accepted, perhaps not created yet) is the order only when it shows the PO or its lines: an Id
    alone may be its request's or operation's, which no read of the order would ever find."""
    return bool(order.po_number or order.line_items)


def _is_order_for(order: VendorOrder, po_number: str) -> bool:
    """A success's body is the order sent: it has an Id, and any PONumber it shows is this one."""
    return bool(order.id) and order.po_number in ("", po_number.strip().upper())
