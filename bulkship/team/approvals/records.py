"""Approval requests as recorded: the plan an approval covers (a SHA-256 of each order to send), the
request with its decision, and the reads of them; the errors of approval."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from ...errors import BulkshipError, SpendLimitError
from ...settings import Settings
from .. import accounts, store
from ..tables import approval_decisions, approval_requests, approval_withdrawals

if TYPE_CHECKING:
    from ...ledger import OrderRecord


class ApprovalRequiredError(SpendLimitError):
    """The batch costs more than its preparer may send alone and no approval covers its plan."""


class ApprovalError(BulkshipError):
    """An approval or rejection that cannot be recorded (the requester themself, decided already...)."""


def order_prints(settings: Settings, batch: str) -> list[str]:
    """A SHA-256 for each order of the batch still to send (planned, or sent with the answer lost)."""
    from ...ledger import OPEN_STATES, Ledger

    with Ledger.open(getattr(settings, "ledger_location", settings.ledger), lock=False) as ledger:
        found = ledger.orders(batch, states=("planned", *OPEN_STATES))
    return sorted(order_print(o) for o in found)


def order_print(order: OrderRecord) -> str:
    """The SHA-256 an approval keeps of one order: its PO number, payload and planned cost."""
    return hashlib.sha256(f"{order.po_number}\n{order.payload_json}\n{order.cost}".encode()).hexdigest()


def plan_print(prints: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(prints)).encode()).hexdigest()


@dataclass(frozen=True)
class Approval:
    id: int
    batch: str
    requested_by: str
    requested_at: str
    total: Decimal
    plan_print: str
    order_prints: frozenset[str]
    reason: str
    decision: str | None = None  # None: waiting; "approved", "rejected" or "withdrawn" (by its requester)
    decided_by: str | None = None  # who approved, rejected or withdrew it
    decided_at: str | None = None
    decision_reason: str = ""

    @property
    def state(self) -> str:
        return self.decision or "pending"

    def state_beside(self, newest_id: int) -> str:
        """The state as lists show it: a request left undecided when a newer one came is "superseded"."""
        return "superseded" if self.decision is None and self.id != newest_id else self.state

    def covers(self, prints: list[str], batch_total: Decimal) -> bool:
        """Whether this approval lets these orders be sent, the batch then costing ``batch_total`` in all
        (what it was charged and the orders to send), as :attr:`total` was asked. Compared with the orders
        to send alone, a part of the batch sent before a price rise left room: approved up to 150.00, 50.00
        charged, the other orders' fee raised, and 158.00 was charged on that approval (found by
        hunter-web4)."""
        return self.decision == "approved" and set(prints) <= self.order_prints and batch_total <= self.total


def approver_active(settings: Settings, found: Approval) -> bool:
    """Whether the person who approved may still: an approval not yet used lapses with its approver's
    account (found by newcomer7: a batch approved by an account disabled since went out) or role (found by
    hunter-web4: an admin took the approver role away, and the requester's re-run still sent on it)."""
    approver = accounts.find_user(settings, found.decided_by) if found.decided_by else None
    return approver is None or (not approver.disabled and "approver" in approver.roles)


def asker_gone(settings: Settings, found: Approval) -> str:
    """Why the person who asked for a request may not send it since, "" when they may: no approver may
    approve it while that holds (the run acts for them, and would be refused:
    :func:`.mayapprove._may_approve`).
    Their account disabled ("alice's account is disabled"), or holding no role that sends ("alice holds no
    requester role (finance)"); of ``cli:<login>``, the account of that login disabled (the command line's
    roles are not the page's)."""
    from ..roles import SEND

    name = found.requested_by
    login = name[4:] if name.lower().startswith("cli:") else ""
    asker = accounts.find_user(settings, login or name)
    if asker is None:
        return ""
    if asker.disabled:
        return f"{asker.name}'s account is disabled"
    if not login and not asker.roles & SEND.roles:
        return f"{asker.name} holds no requester role ({asker.roles_text})"
    return ""


def plan_changed(settings: Settings, found: Approval) -> bool:
    """Whether the batch's orders to send are no longer those ``found`` was asked for (a fix, a re-plan, or
    sent without it)."""
    return frozenset(order_prints(settings, found.batch)) != found.order_prints


def lapsed(settings: Settings, found: Approval, *, rows_changed: bool = False) -> bool:
    """Whether ``found`` waits and can no longer be approved: its plan changed (:func:`plan_changed`), or
    its rows on the page since they were planned (``rows_changed``: the ledger's plan shows it only once
    the cost page plans them again), or its asker may not send since (:func:`asker_gone`). The Batches page
    and `bulkship status` read its batch as asking nothing (`bulkship status` said 'awaiting approval'
    where the page said 'awaiting confirmation': hunter-web22's LO4)."""
    return found.state == "pending" and (
        rows_changed or plan_changed(settings, found) or bool(asker_gone(settings, found))
    )


def _approval(row: Any) -> Approval:
    return Approval(
        id=int(row.id),
        batch=str(row.batch),
        requested_by=str(row.requested_by),
        requested_at=str(row.requested_at),
        total=Decimal(row.total),
        plan_print=str(row.plan_print),
        order_prints=frozenset(json.loads(row.order_prints)),
        reason=str(row.reason or ""),
        decision=row.decision,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        decision_reason=str(row.decision_reason or ""),
    )


def _joined() -> sa.Select[Any]:
    """Each request with its decision, or its withdrawal read as the decision "withdrawn" (never both: the
    database refuses the one when the other is there)."""
    d, w, r = approval_decisions, approval_withdrawals, approval_requests
    return sa.select(
        r,
        sa.func.coalesce(d.c.decision, sa.case((w.c.id.is_not(None), sa.literal("withdrawn")))).label(
            "decision"
        ),
        sa.func.coalesce(d.c.decided_by, w.c.withdrawn_by).label("decided_by"),
        sa.func.coalesce(d.c.decided_at, w.c.withdrawn_at).label("decided_at"),
        sa.func.coalesce(d.c.reason, w.c.reason).label("decision_reason"),
    ).select_from(r.outerjoin(d, d.c.request_id == r.c.id).outerjoin(w, w.c.request_id == r.c.id))


def approvals(settings: Settings, *, batch: str | None = None, pending_only: bool = False) -> list[Approval]:
    """Requests, newest first."""
    query = _joined().order_by(approval_requests.c.id.desc())
    if batch is not None:
        query = query.where(approval_requests.c.batch == batch)
    if pending_only:
        query = query.where(approval_decisions.c.id.is_(None), approval_withdrawals.c.id.is_(None))
    with store.read(settings) as db:
        return [_approval(r) for r in db.execute(query)]


def latest(settings: Settings, batch: str) -> Approval | None:
    found = approvals(settings, batch=batch)
    return found[0] if found else None


def rejected_since_approved(settings: Settings, batch: str) -> Approval | None:
    """The batch's last rejected request when no request of it was approved after: such a batch goes to an
    approver again whatever it costs. Rejected ('Lou and Ann left: do not send to them'), its amounts cut
    below what the requester may send alone, it went out on Send with no approver seeing it again (found by
    newcomer7; the lead's decision)."""
    for found in approvals(settings, batch=batch):  # newest first; only the newest request is decided
        if found.decision in ("approved", "rejected"):
            return found if found.decision == "rejected" else None
    return None


def approval(settings: Settings, request_id: int) -> Approval | None:
    with store.read(settings) as db:
        row = db.execute(_joined().where(approval_requests.c.id == request_id)).first()
    return _approval(row) if row else None
