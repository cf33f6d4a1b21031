"""Asking for approval and deciding: a request for the batch's current plan, approve or reject it, undone when
the batch changed as it was written. Who may not approve it: :mod:`.mayapprove`; the requester withdrawing
it while no approver decided it: :mod:`.withdrawing`."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from decimal import Decimal

import sqlalchemy as sa

from ...money import money_text
from ...settings import Settings
from .. import audit, store
from ..tables import approval_decisions, approval_requests
from . import people
from .limits import limit_for, room_for, sent_alone
from .mayapprove import _may_approve, _refused
from .records import (
    Approval,
    ApprovalError,
    _approval,
    _joined,
    approval,
    latest,
    order_prints,
    plan_print,
    rejected_since_approved,
)
from .withdrawing import _withdrawn_said


def needs_approval(settings: Settings, person: str | None, total: Decimal, batch: str) -> bool:
    """Whether ``person`` may not send ``batch`` alone: it costs more than they may, or an approver rejected
    it and none approved it since (:func:`rejected_since_approved`), or its plan holds people an approver
    rejected, in any batch (:func:`.people.rejected_in`)."""
    return (
        total > room_for(settings, person, batch)
        or rejected_since_approved(settings, batch) is not None
        or bool(people.rejected_in(settings, batch))
    )


def request(
    settings: Settings,
    batch: str,
    *,
    total: Decimal,
    person: str,
    address: str = "",
    notes: Sequence[str] = (),
) -> Approval:
    """Ask for approval of the batch's current plan (the orders planned in the ledger now). A request for
    the same plan still waiting is returned as it is: looked for and added in one transaction, one at a time
    per batch, so 'Ask for approval' pressed twice at once (two tabs, a double submit) asks once; it added
    two requests, the first then listed as superseded (found by hunter-web7)."""
    return ask(settings, batch, total=total, person=person, address=address, notes=notes)[0]


def ask(
    settings: Settings,
    batch: str,
    *,
    total: Decimal,
    person: str,
    address: str = "",
    notes: Sequence[str] = (),
) -> tuple[Approval, bool]:
    """:func:`request`, and whether this call asked (False: the same request was waiting already).
    ``notes``: what the run said of the list before asking (a column not used, rows ordering several
    cards), kept with the request's line in the trail for its approver's page (:func:`asked_notes`)."""
    prints = order_prints(settings, batch)
    limit = limit_for(settings, person)
    earlier = sent_alone(settings, person, besides=batch)
    why = f"{money_text(total)} is above the {money_text(limit)} {person} may send without approval"
    rejected = rejected_since_approved(settings, batch)
    rejected_people = people.rejected_in(settings, batch)
    within = total + earlier <= limit
    if rejected is not None and within:  # asked again only for the rejection
        why = (
            f"{money_text(total)}, within the {money_text(limit)} {person} may send without approval, but "
            f"request #{rejected.id} was rejected by {rejected.decided_by or 'an approver'}: an approver "
            "sees it again"
        )
    elif rejected_people and within:  # its people rejected in a batch deleted since, uploaded again
        why = (
            f"{money_text(total)}, within the {money_text(limit)} {person} may send without approval, but "
            + "; ".join(r.said(batch) for r in rejected_people)
            + ": an approver sees them again"
        )
    elif earlier:
        # "75.00 is above the 100.00 ... (with 75.00 sent ...)" read as a slip (found by hunter-web8)
        why = (
            f"{money_text(total)}, with the {money_text(earlier)} {person} sent without approval in other "
            f"batches in the last day {money_text(total + earlier)} in all, is above the {money_text(limit)} "
            f"{person} may send without approval"
        )
    if rejected_people and not within:  # the approver reads it beside the cost
        why += "; " + "; ".join(r.said(batch) for r in rejected_people)
    with store.engine(settings).begin() as db:  # SQLite: BEGIN IMMEDIATE, the write lock taken at once
        if db.dialect.name == "postgresql":
            db.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _request_key(batch)})
        of_batch = _joined().where(approval_requests.c.batch == batch)
        row = db.execute(of_batch.order_by(approval_requests.c.id.desc()).limit(1)).first()
        waiting = _approval(row) if row is not None else None
        if (
            waiting is not None
            and waiting.state == "pending"
            and waiting.requested_by == person
            and waiting.order_prints == frozenset(prints)
            and waiting.total == total
        ):
            return waiting, False
        new_id = db.execute(
            approval_requests.insert().values(
                batch=batch,
                requested_by=person,
                requested_at=store.now_iso(),
                total=str(total),
                plan_print=plan_print(prints),
                order_prints=json.dumps(prints),
                reason=why,
            )
        ).inserted_primary_key[0]  # type: ignore[index]
    said = {"notes": list(notes)} if notes else {}
    audit.record(
        settings, "approval_request", actor=person, address=address, batch=batch, request=new_id,
        total=str(total), orders=len(prints), reason=why, **said,
    )  # fmt: skip
    found = approval(settings, int(new_id))
    assert found is not None
    return found, True


def asked_notes(settings: Settings, found: Approval) -> list[str]:
    """What the run said of the list when it asked for ``found`` (:func:`ask`'s ``notes``): the approver of a
    batch run from the command line read its cards and recipients, none of 'Column 'Amount 2025' is not
    used' or 'row 2 (Ann Able): 3 cards of 25.00 = 75.00' (found by hunter-web19, LO1)."""
    line = audit.last_entry(settings, found.batch, ("approval_request",))
    if line is None or str(line.detail.get("request")) != str(found.id):
        return []
    return [str(note) for note in line.detail.get("notes") or ()]


def _request_key(batch: str) -> int:
    """The advisory lock key of the batch's approval requests (PostgreSQL), apart from every other key."""
    import hashlib

    digest = hashlib.blake2b(b"bulkship approval request\x00" + batch.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def decide(
    settings: Settings,
    request_id: int,
    *,
    person: str,
    approve: bool,
    reason: str = "",
    address: str = "",
    unchanged: Callable[[], bool] | None = None,
) -> Approval:
    """Approve or reject a waiting request. The database refuses the requester's own decision.
    ``unchanged``: whether the batch is still as the decider's page showed it, asked again under the
    ledger's write lock as the decision is written (:class:`ApprovalOutOfDateError` otherwise)."""
    found = approval(settings, request_id)
    if found is None:
        raise ApprovalError(f"No approval request #{request_id}")
    if found.decision is not None:
        raise ApprovalError(
            f"Request #{request_id} for batch {found.batch} was {found.decision} by {found.decided_by} "
            "already" + _withdrawn_said(found)
        )
    newest = latest(settings, found.batch)
    if newest is not None and newest.id != found.id:
        raise ApprovalError(
            f"Request #{request_id} for batch {found.batch} was replaced by request #{newest.id} (the batch "
            "changed): decide on that one"
        )
    if approve:
        _may_approve(settings, found, person, address)
    reason = reason.strip()
    if not approve and not reason:
        raise ApprovalError("Say why the batch is rejected: the requester sees the reason")
    about = people.about(settings, found.batch, found.order_prints, approve=approve)
    try:
        with store.engine(settings).begin() as db:  # SQLite: BEGIN IMMEDIATE, the write lock taken at once
            if not _still_as_shown(db, unchanged):
                raise _Stale  # undone: the trail is written once the write lock is let go
            db.execute(
                approval_decisions.insert().values(
                    request_id=found.id,
                    requested_by=found.requested_by,
                    decided_by=person,
                    decision="approved" if approve else "rejected",
                    reason=reason,
                    decided_at=store.now_iso(),
                )
            )
            people.record(db, found.id, about)  # who it rejected (cleared): with it, or not at all
    except _Stale:
        raise _out_of_date(settings, found, person, address, approve) from None
    except sa.exc.IntegrityError as exc:
        if person == found.requested_by:
            raise _refused(
                settings, found, person, address, "approver is the requester",
                f"{person} asked for this approval: another person must approve or reject it",
            ) from None  # fmt: skip
        now = approval(settings, request_id)  # who won the race, and how: "decided by someone else" said
        if now is not None and now.decision is not None:  # neither (found by hunter-web4)
            raise ApprovalError(
                f"Request #{request_id} for batch {found.batch} was {now.decision} by {now.decided_by} "
                "just now"
                + (f": {now.decision_reason}" if now.decision_reason and now.decision != "withdrawn" else "")
                + _withdrawn_said(now)
            ) from exc
        raise ApprovalError(f"Request #{request_id} was decided by someone else just now") from exc
    audit.record(
        settings, "approve" if approve else "reject", actor=person, address=address, batch=found.batch,
        request=found.id, requested_by=found.requested_by, total=str(found.total), reason=reason,
        plan=found.plan_print,  # what was decided on: the digest of its orders (records.plan_print)
    )  # fmt: skip
    decided = approval(settings, request_id)
    assert decided is not None
    return decided


class ApprovalOutOfDateError(ApprovalError):
    """The batch changed since the decider's page showed it: nothing was decided."""


class _Stale(Exception):
    """Raised inside the decision's transaction to undo it (see :func:`_still_as_shown`)."""


def _still_as_shown(db: sa.Connection, unchanged: Callable[[], bool] | None) -> bool:
    """``unchanged()`` asked while this transaction holds the ledger's write lock, which a cell fix takes to
    be saved (web.state.record_change): a fix saved just before the decision was written had 'approve
    request #1' in the trail of a batch changed before its approver decided (hunter-vendor36's trials)."""
    if unchanged is None:
        return True
    if db.dialect.name == "postgresql":  # the key every page's write takes (ledger.sql.transactions.begin)
        from ...ledger.sql.transactions import WRITE_LOCK_KEY

        db.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
    return unchanged()


def _out_of_date(
    settings: Settings, found: Approval, person: str, address: str, approve: bool
) -> ApprovalOutOfDateError:
    """The refusal of a decision on a batch changed since its page was shown, recorded in the trail once the
    decision's transaction is undone."""
    audit.record(
        settings, "approve_refused" if approve else "reject_refused", actor=person, address=address,
        batch=found.batch, request=found.id, reason="request out of date", plan=found.plan_print,
        said="the batch changed as the decision was being recorded: nothing was decided",
    )  # fmt: skip
    return ApprovalOutOfDateError(
        f"Batch {found.batch} changed as your decision on request #{found.id} was being recorded: nothing "
        "was decided; look at it again"
    )
