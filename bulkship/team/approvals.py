"""Maker-checker: a batch that costs more than its preparer may send alone waits for another person.

How much a person may send without approval is the team threshold (``bulkship users settings --threshold``,
0 by default: every batch needs a second person) or the person's own limit when it is lower
(``bulkship users limit NAME AMOUNT``). The command line acts for ``BULKSHIP_USER`` when that names an
account, else for the login name with the team threshold: a claimed name can only lower the limit.

An approval covers one *plan*: the SHA-256 of each order to send (PO number, payload, planned cost) and the
total. At send time (:func:`check_before_send`, called by the library for every run, CLI or web) the orders
about to be sent must all be in the approved plan and cost no more than approved. A row added, a cell fixed,
an order re-planned or a higher cost therefore needs approval again. After a crash the orders left to send
are a part of the approved plan, so a resumed run goes on.

The approver must be another person: the database refuses a decision by the requester (see :mod:`.tables`).
"""

from __future__ import annotations

import contextlib
import contextvars
import getpass
import hashlib
import json
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from ..errors import BulkshipError, SpendLimitError
from ..money import money_text
from ..settings import Settings
from . import accounts, audit, store
from .tables import approval_decisions, approval_requests, team_settings

if TYPE_CHECKING:
    from ..pipeline import PlanView

THRESHOLD = "approval_threshold"
IDLE_MINUTES = "session_idle_minutes"
DEFAULTS = {THRESHOLD: "0.00", IDLE_MINUTES: "30"}

_acting = contextvars.ContextVar[str | None]("bulkship_acting_user", default=None)


class ApprovalRequiredError(SpendLimitError):
    """The batch costs more than its preparer may send alone and no approval covers its plan."""


class ApprovalError(BulkshipError):
    """An approval or rejection that cannot be recorded (the requester themself, decided already...)."""


# -- settings --------------------------------------------------------------------------------------------


def get_setting(settings: Settings, key: str) -> str:
    with store.read(settings) as db:
        found = db.execute(sa.select(team_settings.c.value).where(team_settings.c.key == key)).scalar()
    return str(found) if found is not None else DEFAULTS[key]


def set_setting(settings: Settings, key: str, value: str, *, actor: str, address: str = "") -> None:
    before = get_setting(settings, key)
    now = store.now_iso()
    with store.engine(settings).begin() as db:
        updated = db.execute(
            team_settings.update()
            .where(team_settings.c.key == key)
            .values(value=value, updated=now, updated_by=actor)
        )
        if not updated.rowcount:
            db.execute(team_settings.insert().values(key=key, value=value, updated=now, updated_by=actor))
    audit.record(settings, "setting", actor=actor, address=address, setting=key, before=before, after=value)


def threshold(settings: Settings) -> Decimal:
    return Decimal(get_setting(settings, THRESHOLD))


def set_threshold(settings: Settings, amount: str | Decimal, *, actor: str, address: str = "") -> Decimal:
    value = accounts.parse_limit(amount)
    if value is None:
        raise accounts.AccountError("The team threshold must be an amount (0: every batch needs approval)")
    set_setting(settings, THRESHOLD, str(value), actor=actor, address=address)
    return value


def idle_minutes(settings: Settings) -> int:
    return int(get_setting(settings, IDLE_MINUTES))


def set_idle_minutes(settings: Settings, minutes: int, *, actor: str, address: str = "") -> None:
    if not 1 <= minutes <= 24 * 60:
        raise accounts.AccountError("The idle time must be between 1 and 1440 minutes")
    set_setting(settings, IDLE_MINUTES, str(minutes), actor=actor, address=address)


def limit_for(settings: Settings, person: str | None) -> Decimal:
    """The most ``person`` may send without approval: the team threshold, or their own lower limit (also
    as cli:<name>, their login without BULKSHIP_USER: found by review10)."""
    team = threshold(settings)
    found = accounts.find_user(settings, person.removeprefix("cli:")) if person else None
    if found is not None and found.spend_limit is not None:
        return min(team, found.spend_limit)
    return team


SPLIT_WINDOW = timedelta(days=1)


def sent_alone(settings: Settings, person: str | None, *, besides: str) -> Decimal:
    """What ``person`` started sending without an approval in the last day, in batches other than
    ``besides``: a list cut into files each under the limit is still one spend (found by newcomer7: three
    uploads of 75.00 went out under a threshold of 100), whether sent as alice or as cli:alice (review10)."""
    if not person:
        return Decimal(0)
    since = (datetime.now(UTC) - SPLIT_WINDOW).isoformat(timespec="seconds")
    name = person.removeprefix("cli:")  # alice and cli:alice (her login, without BULKSHIP_USER): one person
    total = Decimal(0)
    for entry in audit.started_by(settings, (name, f"cli:{name}"), since=since):
        if entry.batch != besides and not entry.detail.get("approval"):
            with contextlib.suppress(ArithmeticError, ValueError):
                total += Decimal(str(entry.detail.get("total") or 0))
    return total


def room_for(settings: Settings, person: str | None, batch: str) -> Decimal:
    """What ``person`` may still send without approval in ``batch``: their limit less :func:`sent_alone`."""
    return max(Decimal(0), limit_for(settings, person) - sent_alone(settings, person, besides=batch))


# -- who acts --------------------------------------------------------------------------------------------


@contextlib.contextmanager
def acting_as(person: str | None) -> Iterator[None]:
    """Library calls in this block act for ``person`` (the web page's signed-in person)."""
    token = _acting.set(person)
    try:
        yield
    finally:
        _acting.reset(token)


def acting_person(settings: Settings) -> str:
    """Who the current library call acts for: the web page's person, else ``BULKSHIP_USER`` when it names
    an account, else ``cli:<login name>``."""
    person = _acting.get()
    if person:
        return person
    account = claimed_account(settings)
    # accounts are named in lower case: a login "Lee" (Windows, macOS) is lee's too (found by review11: as
    # cli:Lee, lee approved his own request and split his spend)
    return account.name if account is not None else f"cli:{os_login().strip().lower()}"


def claimed_account(settings: Settings) -> accounts.User | None:
    """The account ``BULKSHIP_USER`` names, when this call is not the web page's (whose person signed in);
    None for an unknown name (the call acts for ``cli:<login>``). :mod:`.roles` checks what it may do."""
    if _acting.get():
        return None
    claimed = os.environ.get("BULKSHIP_USER", "").strip().lower()
    return accounts.find_user(settings, claimed) if claimed else None


def os_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def origin() -> str:
    """The trail's "from where" of a library call: "" for the web page's person (the page records the
    browser's address), else the command line's login and host. The command line signs no one in: a name
    in BULKSHIP_USER is taken at its word, so the trail keeps who really ran it."""
    if _acting.get():
        return ""
    return f"command line: {os_login()}@{socket.gethostname()}"


# -- plans -----------------------------------------------------------------------------------------------


def order_prints(settings: Settings, batch: str) -> list[str]:
    """A SHA-256 for each order of the batch still to send (planned, or sent with the answer lost)."""
    from ..ledger import OPEN_STATES, Ledger

    with Ledger.open(getattr(settings, "ledger_location", settings.ledger), lock=False) as ledger:
        found = ledger.orders(batch, states=("planned", *OPEN_STATES))
    return sorted(
        hashlib.sha256(f"{o.po_number}\n{o.payload_json}\n{o.cost}".encode()).hexdigest() for o in found
    )


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
    decision: str | None = None  # None: waiting; "approved" or "rejected"
    decided_by: str | None = None
    decided_at: str | None = None
    decision_reason: str = ""

    @property
    def state(self) -> str:
        return self.decision or "pending"

    def state_beside(self, newest_id: int) -> str:
        """The state as lists show it: a request left undecided when a newer one came is "superseded"."""
        return "superseded" if self.decision is None and self.id != newest_id else self.state

    def covers(self, prints: list[str], total: Decimal) -> bool:
        """Whether this approval lets these orders, costing ``total``, be sent."""
        return self.decision == "approved" and set(prints) <= self.order_prints and total <= self.total


def approver_active(settings: Settings, found: Approval) -> bool:
    """Whether the person who approved may still: an approval not yet used lapses with its approver's
    account (found by newcomer7: a batch approved by an account disabled since went out)."""
    approver = accounts.find_user(settings, found.decided_by) if found.decided_by else None
    return approver is None or not approver.disabled


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
    d = approval_decisions
    return sa.select(
        approval_requests,
        d.c.decision,
        d.c.decided_by,
        d.c.decided_at,
        d.c.reason.label("decision_reason"),
    ).select_from(approval_requests.outerjoin(d, d.c.request_id == approval_requests.c.id))


def approvals(settings: Settings, *, batch: str | None = None, pending_only: bool = False) -> list[Approval]:
    """Requests, newest first."""
    query = _joined().order_by(approval_requests.c.id.desc())
    if batch is not None:
        query = query.where(approval_requests.c.batch == batch)
    if pending_only:
        query = query.where(approval_decisions.c.id.is_(None))
    with store.read(settings) as db:
        return [_approval(r) for r in db.execute(query)]


def latest(settings: Settings, batch: str) -> Approval | None:
    found = approvals(settings, batch=batch)
    return found[0] if found else None


def approval(settings: Settings, request_id: int) -> Approval | None:
    with store.read(settings) as db:
        row = db.execute(_joined().where(approval_requests.c.id == request_id)).first()
    return _approval(row) if row else None


def needs_approval(settings: Settings, person: str | None, total: Decimal, batch: str) -> bool:
    return total > room_for(settings, person, batch)


def request(settings: Settings, batch: str, *, total: Decimal, person: str, address: str = "") -> Approval:
    """Ask for approval of the batch's current plan (the orders planned in the ledger now). A request for
    the same plan still waiting is returned as it is."""
    prints = order_prints(settings, batch)
    waiting = latest(settings, batch)
    if (
        waiting is not None
        and waiting.state == "pending"
        and waiting.requested_by == person
        and waiting.order_prints == frozenset(prints)
        and waiting.total == total
    ):
        return waiting
    limit = limit_for(settings, person)
    why = f"{money_text(total)} is above the {money_text(limit)} {person} may send without approval"
    earlier = sent_alone(settings, person, besides=batch)
    if earlier:
        why += f" (with {money_text(earlier)} sent without approval in other batches in the last day)"
    with store.engine(settings).begin() as db:
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
    audit.record(
        settings, "approval_request", actor=person, address=address, batch=batch, request=new_id,
        total=str(total), orders=len(prints), reason=why,
    )  # fmt: skip
    found = approval(settings, int(new_id))
    assert found is not None
    return found


def decide(
    settings: Settings,
    request_id: int,
    *,
    person: str,
    approve: bool,
    reason: str = "",
    address: str = "",
) -> Approval:
    """Approve or reject a waiting request. The database refuses the requester's own decision."""
    found = approval(settings, request_id)
    if found is None:
        raise ApprovalError(f"No approval request #{request_id}")
    if found.decision is not None:
        raise ApprovalError(
            f"Request #{request_id} for batch {found.batch} was {found.decision} by {found.decided_by} "
            "already"
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
    try:
        with store.engine(settings).begin() as db:
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
    except sa.exc.IntegrityError as exc:
        if person == found.requested_by:
            raise _refused(
                settings, found, person, address, "approver is the requester",
                f"{person} asked for this approval: another person must approve or reject it",
            ) from None  # fmt: skip
        raise ApprovalError(f"Request #{request_id} was decided by someone else just now") from exc
    audit.record(
        settings, "approve" if approve else "reject", actor=person, address=address, batch=found.batch,
        request=found.id, requested_by=found.requested_by, total=str(found.total), reason=reason,
    )  # fmt: skip
    decided = approval(settings, request_id)
    assert decided is not None
    return decided


def _may_approve(settings: Settings, found: Approval, person: str, address: str) -> None:
    """Refuse (ApprovalError, written in the trail) an approval the run would act on for a disabled account,
    or by a person who asked for it or changed the batch, on the page or from the command line as
    cli:<their login>: a maker is no checker (found by newcomer7: an approver fixed a colleague's row to
    another recipient, then approved the colleague's request to send it)."""
    login = f"cli:{person}"  # the command line acts for cli:<login> without BULKSHIP_USER: the same person
    if found.requested_by.lower() == login.lower():  # (found by review10: cli:lee asked, lee approved it)
        raise _refused(
            settings, found, person, address, "approver is the requester",
            f"{person} asked for this approval (from the command line, as {login}): another person must "
            "approve or reject it",
        )  # fmt: skip
    asker = accounts.find_user(settings, found.requested_by)
    if asker is not None and asker.disabled:
        raise _refused(
            settings, found, person, address, "requester disabled",
            f"{found.requested_by}'s account is disabled: request #{found.id} lapsed. Nothing is sent until "
            "an active requester asks again",
        )  # fmt: skip
    changed = sorted(
        set(audit.changes_by(settings, found.batch, person) + audit.changes_by(settings, found.batch, login))
    )
    if changed and person != found.requested_by:  # the requester's own decision is refused by the database
        raise _refused(
            settings, found, person, address, "approver changed the batch",
            f"{person} changed batch {found.batch} ({', '.join(changed)}): another approver must decide "
            "on it",
            changes=", ".join(changed),
        )  # fmt: skip


def _refused(
    settings: Settings, found: Approval, person: str, address: str, why: str, message: str, **detail: str
) -> ApprovalError:
    """The refusal of ``person``'s decision, recorded in the trail (``why``), to raise."""
    audit.record(
        settings, "approve_refused", actor=person, address=address, batch=found.batch, request=found.id,
        reason=why, **detail,
    )  # fmt: skip
    return ApprovalError(message)


# -- the check every run makes ---------------------------------------------------------------------------


def approvers_for(settings: Settings, person: str) -> list[str]:
    """Who could decide a request of ``person``: the active accounts holding the approver role, but them (nor
    the account of cli:<name>'s login: it may not approve it either)."""
    return [
        u.name
        for u in accounts.list_users(settings)
        if "approver" in u.roles and not u.disabled and u.name != person.removeprefix("cli:")
    ]


def _no_approver_hint(settings: Settings, person: str) -> str:
    """How a team without an approver gets a batch sent: an approver, or a higher threshold."""
    found = accounts.find_user(settings, person)
    own = found.spend_limit if found is not None else None
    team = threshold(settings)
    raise_it = (
        f"raise {person}'s own limit ({money_text(own)}): bulkship users limit {person} AMOUNT"
        if own is not None and own < team
        else f"let batches up to an amount go without approval (the threshold is {money_text(team)}): "
        "bulkship users settings --threshold AMOUNT"
    )
    return (
        "add an approver: bulkship users add NAME --role approver (or bulkship users roles NAME --role "
        f"approver ... for someone already there), then run the same command again; or {raise_it}"
    )


def _rejection(found: Approval | None) -> str:
    """What a person asking again must hear first: the last request was rejected, by whom and why."""
    if found is None or found.decision != "rejected":
        return ""
    why = f": {found.decision_reason}" if found.decision_reason else ""
    return f"Request #{found.id} was rejected by {found.decided_by or 'an approver'}{why}. Asking again. "


def check_before_send(settings: Settings, view: PlanView) -> str | None:
    """Refuse (ApprovalRequiredError, nothing sent) to send a plan its person may not send alone and that
    no approval covers; record who sends otherwise (``run_start``, or ``resume`` after a run that was stopped
    or killed) and return them. Nothing to check outside team mode (None)."""
    if not store.team_mode(settings):
        return None
    person = acting_person(settings)
    total = Decimal(view.worst_case)
    prints = order_prints(settings, view.batch)
    found = latest(settings, view.batch)
    covered = found is not None and found.covers(prints, total) and approver_active(settings, found)
    if needs_approval(settings, person, view.batch_total, view.batch) and not covered:
        asked = request(settings, view.batch, total=view.batch_total, person=person, address=origin())
        changed = found is not None and found.decision == "approved"
        charged = view.charged.total
        nobody = not approvers_for(settings, person)
        earlier = sent_alone(settings, person, besides=view.batch)
        raise ApprovalRequiredError(
            _rejection(found)
            + f"Batch {view.batch} costs {money_text(view.batch_total)}"
            + (f" in all ({money_text(charged)} charged already)" if charged else "")
            + (  # found by newcomer8: "costs 60.00, more than ... may send" read as an arithmetic slip
                f", and with the {money_text(earlier)} {person} sent without approval in the last day "
                f"{money_text(earlier + view.batch_total)}"
                if earlier
                else ""
            )
            + f", more than {person} may send without approval ({money_text(limit_for(settings, person))})"
            + (" (it changed since it was approved)" if changed else "")
            + f": request #{asked.id} waits for an approver"
            + (
                f", and no active account other than {person} holds the approver role: nobody can approve it"
                if nobody
                else ""
            )
            + ". Nothing was sent; the plan is kept",
            hint=_no_approver_hint(settings, person)
            if nobody
            else "an approver approves it on the web page (Approvals); then run the same command again",
        )
    audit.record(
        settings, "resume" if audit.unfinished_run(settings, view.batch) else "run_start", actor=person,
        batch=view.batch,
        total=str(total), orders=len(prints), new_orders=view.new_orders, resumed_orders=view.resumed_orders,
        approval=found.id if found is not None and covered else "",
        approved_by=(found.decided_by or "") if found is not None and covered else "",
        address=origin(),
    )  # fmt: skip
    return person
