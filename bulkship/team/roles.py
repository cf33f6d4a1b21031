"""Who may do what: the roles each action needs, one table for the web page (its rules in
:mod:`bulkship.web.auth` use it) and the command line.

The command line signs no one in: it acts for ``BULKSHIP_USER`` when that names an account, taken at its
word, else for ``cli:<login>`` (see :func:`.approvals.acting_person`). Taken at its word, the name still
brings its account's rules: a command that sends, tracks or settles refuses to act for an account that is
disabled or lacks the role the web page would require (:func:`check_acting`), so the trail never says that
finance, or a disabled account, sent orders.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:
    from ..planview import PlanView
    from ..settings import Settings
    from .accounts.records import User


@dataclass(frozen=True)
class Action:
    """What a person does and the roles that may do it (any one of them)."""

    roles: frozenset[str]
    doing: str  # in a refusal: "<name> may not <doing>"


SEND = Action(frozenset({"requester"}), "send orders")  # prepare a batch and send it (upload, fix, confirm)
TRACK = Action(frozenset({"finance", "requester"}), "track orders")  # ask the vendor for statuses
RECONCILE = Action(frozenset({"finance", "requester"}), "reconcile batches")  # and list rows to review
SETTLE = Action(frozenset({"requester"}), "settle rows waiting for review")  # a release may send again


class NotAllowedError(ConfigError):
    """``BULKSHIP_USER`` names an account that is disabled or lacks the role the action needs (exit 2)."""


def check_acting(settings: Settings, action: Action) -> None:
    """Refuse (:class:`NotAllowedError`, nothing done) when this call acts for the account ``BULKSHIP_USER``
    names and that account is disabled or holds none of the ``action``'s roles. The web page's person was
    checked by the page; ``cli:<login>`` (no account named) and a single-user ledger have no roles to
    check, but a login whose account of that name is disabled is refused as well."""
    from . import team_mode
    from .approvals import claimed_account

    if not team_mode(settings):
        return
    account = claimed_account(settings)
    if account is None:  # no account named: the page's person, or cli:<login>
        _check_login(settings, action)
        return
    why = _why_not(account, action)
    if why:
        _refuse(why, account.disabled, action, settings)


def _why_not(account: User, action: Action) -> str:
    """Why ``account`` may not do ``action`` (disabled, or without its roles); "" when it may."""
    if account.disabled:
        return f"{account.name} is disabled and may not {action.doing}"
    if not account.roles & action.roles:
        return f"{account.name} ({account.roles_text}) may not {action.doing}"
    return ""


def _check_login(settings: Settings, action: Action) -> None:
    """``cli:<login>`` is the account of that name in the limits and approvals, so an account disabled by an
    admin does not go on sending from its owner's command line (found by review10). Roles stay the web
    page's: the command line signs no one in."""
    from .accounts import find_user
    from .approvals import acting_person

    person = acting_person(settings)
    account = find_user(settings, person.removeprefix("cli:")) if person.startswith("cli:") else None
    if account is not None and account.disabled:
        _refuse(
            f"{account.name} is disabled and may not {action.doing} (as {person})", True, action, settings
        )


def check_page_person(settings: Settings, action: Action, view: PlanView | None = None) -> None:
    """Refuse (:class:`NotAllowedError`, nothing sent) a run of the web page that acts for a person who was
    disabled, or lost the ``action``'s roles, after they pressed Send: the page checked them then, but the
    run may start later (its turn behind another batch's, an approval, a restarted server). Found by
    hunter-web (W8): a disabled requester's approved batch went out as them. Another requester sends it
    from its cost page. The command line's person is checked by :func:`check_acting`. ``view``: the plan
    the run would send, whose batch may have sent orders before (a run resumed after a restart)."""
    from . import team_mode
    from .accounts import find_user
    from .approvals import acting_person, origin

    if not team_mode(settings) or origin():  # single-user, or the command line
        return
    account = find_user(settings, acting_person(settings))
    if account is None:
        return
    why = _why_not(account, action)
    if not why:
        return
    raise NotAllowedError(
        f"{why}: {_nothing_more(view)}",
        hint=f"another person with the {' or '.join(sorted(action.roles))} role sends it from its cost page",
    )


def _nothing_more(view: PlanView | None) -> str:
    """What a refused run says it sent: a run resumed after the server's restart, refused because its person
    was disabled meanwhile, said "nothing was sent" beside 37,500.00 charged for the 15 orders sent before
    the restart (found by hunter-web6)."""
    if view is None or not (view.charged.orders or view.in_doubt.orders):
        return "nothing was sent"
    from ..money import money_text

    charged, in_doubt = view.charged, view.in_doubt
    before = (
        [f"{money_text(charged.total)} charged for {len(charged.orders)} order(s)"] if charged.orders else []
    )
    if in_doubt.orders:
        before.append(
            f"{money_text(in_doubt.total)} in doubt in {len(in_doubt.orders)} order(s) whose answer was lost"
        )
    return f"nothing more was sent (sent before: {'; '.join(before)})"


def _refuse(why: str, disabled: bool, action: Action, settings: Settings) -> None:
    """Refused, nothing done; the trail says who tried (as the web page's refusals: found by hunter-web25)."""
    from . import audit
    from .approvals import acting_person, origin

    with contextlib.suppress(Exception):  # the refusal is what the person must read
        audit.record(
            settings, "refused", actor=acting_person(settings), address=origin(), tried=action.doing,
            needs=" or ".join(sorted(action.roles)), reason=why,
        )  # fmt: skip
    raise NotAllowedError(
        f"{why}: nothing was done",
        hint="ask an admin "
        + ("to enable the account" if disabled else f"for the {' or '.join(sorted(action.roles))} role"),
    )
