"""The requester withdraws a request no approver decided yet, and what a decision refused on a withdrawn
request, or a withdrawal refused on a decided one, says: nothing is sent on it, and how it is asked again."""

from __future__ import annotations

import sqlalchemy as sa

from ...settings import Settings
from .. import audit, store
from ..tables import approval_withdrawals
from .records import Approval, ApprovalError, approval


def withdraw(
    settings: Settings, request_id: int, *, person: str, reason: str = "", address: str = ""
) -> Approval:
    """The person who asked withdraws a request no approver decided yet: nothing is sent on it, and sending
    the batch again asks anew. A requester who saw she had asked about the wrong list could only wait for an
    approver's rejection (Delete is refused while a request can be approved, and an approver could still
    approve it): found by hunter-web19 (LO3). A request is withdrawn or decided, never both: the database
    refuses the second of the two, whichever comes first (revision 0006)."""
    found = approval(settings, request_id)
    if found is None:
        raise ApprovalError(f"No approval request #{request_id}")
    if person != found.requested_by and found.requested_by != f"cli:{person}":
        raise ApprovalError(
            f"Request #{found.id} for batch {found.batch} was asked by {found.requested_by}: only they may "
            "withdraw it. Nothing was withdrawn",
            hint="an approver rejects it on Approvals if it is not to be sent",
        )
    if found.decision is not None:
        raise _not_withdrawn(found, "already")
    try:
        with store.engine(settings).begin() as db:
            db.execute(
                approval_withdrawals.insert().values(
                    request_id=found.id,
                    requested_by=found.requested_by,
                    withdrawn_by=person,
                    reason=reason.strip(),
                    withdrawn_at=store.now_iso(),
                )
            )
    except sa.exc.IntegrityError as exc:  # an approver decided it in the same moment: theirs stands
        now = approval(settings, request_id)
        if now is not None and now.decision is not None:
            raise _not_withdrawn(now, "just now") from exc
        raise ApprovalError(f"Request #{request_id} was decided just now: nothing was withdrawn") from exc
    audit.record(
        settings, "approval_withdraw", actor=person, address=address, batch=found.batch, request=found.id,
        total=str(found.total), reason=reason.strip(),
    )  # fmt: skip
    withdrawn = approval(settings, request_id)
    assert withdrawn is not None
    return withdrawn


def _withdrawn_said(found: Approval) -> str:
    """What a decision refused on a withdrawn request adds: nothing is sent, and how it is asked again."""
    if found.decision != "withdrawn":
        return ""
    why = f" ({found.decision_reason})" if found.decision_reason else ""
    return (
        f"{why}. Nothing is sent on it, and no one can approve it: {found.requested_by} sends the batch "
        "again to ask anew"
    )


def _not_withdrawn(found: Approval, when: str) -> ApprovalError:
    """Why a request decided (or withdrawn) before cannot be withdrawn, and what that means for the batch."""
    said = f"Request #{found.id} for batch {found.batch} was {found.decision} by {found.decided_by} {when}"
    if found.decision == "approved":
        return ApprovalError(
            f"{said}: its orders go out on that approval. Nothing was withdrawn",
            hint="see the batch's progress; what it sends shows on its results",
        )
    if found.decision == "rejected":
        return ApprovalError(f"{said}: nothing is sent on it. Nothing more was withdrawn")
    return ApprovalError(f"{said}: nothing is sent on it")
