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

The approver must be another person: the database refuses a decision by the requester (see
:mod:`bulkship.team.tables`).

The package: :mod:`.limits` (how much a person may send alone), :mod:`.records` (requests and the plans they
cover), :mod:`.deciding` (asking and deciding), :mod:`.mayapprove` (who may not approve),
:mod:`.withdrawing` (the requester withdraws a request); here, who a call acts for and the check every run
makes.
"""

from __future__ import annotations

import contextlib
import contextvars
import getpass
import os
import socket
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from ...money import MONEY_CURRENCY, money_text
from ...settings import Settings
from .. import accounts, audit, auditruns, store
from . import people
from .deciding import ApprovalOutOfDateError, ask, asked_notes, decide, needs_approval, request
from .limits import (
    DEFAULTS,
    IDLE_MINUTES,
    SPLIT_WINDOW,
    THRESHOLD,
    SenderLimit,
    get_setting,
    idle_minutes,
    limit_for,
    room_for,
    sent_alone,
    set_idle_minutes,
    set_setting,
    set_threshold,
    spent,
    threshold,
)
from .records import (
    Approval,
    ApprovalError,
    ApprovalRequiredError,
    approval,
    approvals,
    approver_active,
    asker_gone,
    lapsed,
    latest,
    order_prints,
    plan_changed,
    plan_print,
    rejected_since_approved,
)
from .withdrawing import withdraw

if TYPE_CHECKING:
    from ...planview import PlanView

_acting = contextvars.ContextVar[str | None]("bulkship_acting_user", default=None)


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
    None for an unknown name (the call acts for ``cli:<login>``). :mod:`bulkship.team.roles` checks what
    it may do."""
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


class Sending(NamedTuple):
    """Who a run sends for, and the most its batch may cost in all as the team allows it."""

    person: str
    limit: SenderLimit


def check_before_send(settings: Settings, view: PlanView) -> Sending | None:
    """Refuse (ApprovalRequiredError, nothing sent) to send a plan its person may not send alone and that
    no approval covers; record who sends otherwise (``run_start``, or ``resume`` after a run that was stopped
    or killed) and return them, with what they may make the batch cost in all: what they may send alone, or
    what the approval covering the plan approved, the larger. Nothing to check outside team mode (None)."""
    if not store.team_mode(settings):
        return None
    from ...db.locks import spend_lock

    with spend_lock(store.engine(settings)):  # the check and the run_start it records, one run at a time
        return _check_before_send(settings, view)


def needs_an_approval(settings: Settings, view: PlanView) -> bool:
    """Whether sending ``view`` would wait for an approver (team mode: more than its person may send alone,
    and no approval covering it), asking nothing of anyone: :func:`check_before_send` decides."""
    if not store.team_mode(settings):
        return False
    covered = _covering(settings, view).covered
    return not covered and needs_approval(settings, acting_person(settings), view.batch_total, view.batch)


class _Covering(NamedTuple):
    found: Approval | None  # the batch's latest request
    covered: bool  # approved for the orders to send, up to the batch's total, by a person who still may
    lapsed: bool  # approved for them, but its approver may no longer approve


def _covering(settings: Settings, view: PlanView, prints: list[str] | None = None) -> _Covering:
    """Whether the batch's latest request lets ``view`` go out, as :func:`needs_an_approval` and the check
    every run makes read it (``prints``: the orders to send, read here when not given)."""
    found = latest(settings, view.batch)
    fits = found is not None and found.covers(
        order_prints(settings, view.batch) if prints is None else prints, view.batch_total
    )
    lapsed = fits and found is not None and not approver_active(settings, found)
    return _Covering(found, fits and not lapsed, lapsed)


def _check_before_send(settings: Settings, view: PlanView) -> Sending:
    person = acting_person(settings)
    total = Decimal(view.worst_case)
    prints = order_prints(settings, view.batch)
    found, covered, lapsed = _covering(settings, view, prints)
    alone = not needs_approval(settings, person, view.batch_total, view.batch)
    if not alone and not covered:
        # what the run said of the list (a column not used, rows of several cards): its approver reads it too
        notes = (*getattr(view, "notes", ()), *getattr(view, "problems", ()))
        asked = request(
            settings, view.batch, total=view.batch_total, person=person, address=origin(), notes=notes
        )
        changed = found is not None and found.decision == "approved" and not lapsed
        charged = view.charged.total
        nobody = not approvers_for(settings, person)
        earlier = sent_alone(settings, person, besides=view.batch)
        limit = limit_for(settings, person)
        within = view.batch_total + earlier <= limit  # asked again for a rejection alone
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
            + (
                _rejected_within(settings, view.batch, person)
                if within
                else f", more than {person} may send without approval ({money_text(limit)})"
            )
            + (_changed_since(found, prints, view.batch_total) if changed and found is not None else "")
            + (  # it did not change: its approver was disabled or lost the role (hunter-web6)
                f" ({found.decided_by} may no longer approve: disabled, or no longer an approver)"
                if lapsed and found is not None
                else ""
            )
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
    action = "resume" if auditruns.unfinished_run(settings, view.batch) else "run_start"
    audit.record(
        settings, action, actor=person, batch=view.batch,
        total=str(total), currency=MONEY_CURRENCY, orders=len(prints), new_orders=view.new_orders,
        **_kept_orders(view, action),
        spent_before=spent(view.money),  # what the run then spends: sent_alone
        approval=found.id if found is not None and covered else "",
        approved_by=(found.decided_by or "") if found is not None and covered else "",
        address=origin(), **audit.trial(settings),
    )  # fmt: skip
    may = room_for(settings, person, view.batch)
    if covered and found is not None and (not alone or found.total > may):
        return Sending(person, SenderLimit(found.total, f"approved (request #{found.id})", approved=True))
    return Sending(person, SenderLimit(may, f"{person} may send without approval"))


def _changed_since(found: Approval, prints: list[str], batch_total: Decimal) -> str:
    """What differs from the plan an approver approved, said with "it changed since it was approved": a run
    asking again said no more, and its requester could not tell the approver why (found by newcomer19, N13:
    a row the list leaves out since, 1,279.75 -> 1,173.80). An approval keeps its orders' digests, not its
    rows: the orders that differ are counted, the totals said."""
    differ = len(set(prints) - found.order_prints)
    orders = f"; {differ} of its {len(prints)} order(s) to send not as approved" if differ else ""
    return (
        f" (it changed since it was approved: request #{found.id} was for {money_text(found.total)}, "
        f"the batch now costs {money_text(batch_total)}{orders}: rows added, taken out or changed, "
        "or prices changed)"
    )


def _rejected_within(settings: Settings, batch: str, person: str) -> str:
    """Why a batch costing no more than ``person`` may send alone waits: an approver rejected it, or people
    of its plan in another batch, and a rejection goes to an approver again whatever it costs (cut below the
    limit, or deleted and uploaded again under another name, it went out unseen)."""
    limit = money_text(limit_for(settings, person))
    within = f", within what {person} may send without approval ({limit}), but "
    rejected = rejected_since_approved(settings, batch)
    if rejected is None:
        said = "; ".join(r.said(batch) for r in people.rejected_in(settings, batch))
        return f"{within}{said}: people an approver rejected go to an approver again, whatever it costs"
    by = rejected.decided_by if rejected.decided_by else "an approver"
    return f"{within}{by} rejected it: a rejected batch goes to an approver again, whatever it costs"


def _kept_orders(view: PlanView, action: str) -> dict[str, int]:
    """The orders of the plan planned before this run, as the trail says them: a run taken up again
    resumes them; a run's start sends those planned by an earlier look at the cost (the web's cost page, a
    run answered no), none sent, and asks about those in doubt. The first send of a web batch read
    'new_orders: 0; resumed_orders: 2', as if a run had stopped part way (found by newcomer4)."""
    if action == "resume":
        return {"resumed_orders": view.resumed_orders}
    in_doubt = len(view.in_doubt.orders) if view.resumed_orders else 0
    kept = {"planned_before": max(view.resumed_orders - in_doubt, 0)}
    return {**kept, "in_doubt_orders": in_doubt} if in_doubt else kept


__all__ = [
    "DEFAULTS",
    "IDLE_MINUTES",
    "SPLIT_WINDOW",
    "THRESHOLD",
    "Approval",
    "ApprovalError",
    "ApprovalOutOfDateError",
    "ApprovalRequiredError",
    "SenderLimit",
    "Sending",
    "acting_as",
    "acting_person",
    "approval",
    "approvals",
    "approver_active",
    "approvers_for",
    "ask",
    "asked_notes",
    "asker_gone",
    "check_before_send",
    "claimed_account",
    "decide",
    "get_setting",
    "idle_minutes",
    "lapsed",
    "latest",
    "limit_for",
    "needs_approval",
    "order_prints",
    "origin",
    "os_login",
    "plan_changed",
    "plan_print",
    "rejected_since_approved",
    "request",
    "room_for",
    "sent_alone",
    "set_idle_minutes",
    "set_setting",
    "set_threshold",
    "threshold",
    "withdraw",
]
