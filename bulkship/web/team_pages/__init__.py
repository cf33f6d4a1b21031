"""The team's pages of ``bulkship serve``: sign-in, your account, approvals, the audit trail and people.

Thin handlers over :mod:`bulkship.team`; who may open each is in :data:`bulkship.web.auth.RULES`. The
confirmation of the cost page passes through :func:`before_confirm`, which turns "send" into "ask for
approval" when the batch costs more than its person may send alone.

The package, one concern a module (each imports only those before it): :mod:`.common` (what a page reads of
its request), :mod:`.signin` (sign in and out, your account), :mod:`.asking` (the requester's side of
approval), :mod:`.ledgerapproval` (a command-line batch's approval page), :mod:`.approving` (the approver's
pages), :mod:`.trail` (the audit trail), :mod:`.people` (people and settings).
"""

from __future__ import annotations

from typing import Any

from starlette.routing import Route

from ..auth import SESSION_COOKIE, allowed, rule_for
from .approving import approval_page, approvals_page, approve, reject
from .asking import after_confirm, before_confirm, team_cost, withdraw
from .outdated import changed_since
from .people import add_person, change_person, change_settings, people_page
from .signin import account, change_password, forbidden_page, login, login_page, logout
from .trail import audit_download, audit_page


def routes() -> list[Route]:
    return [
        Route("/login", login_page),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/account", account),
        Route("/account/password", change_password, methods=["POST"]),
        Route("/approvals", approvals_page),
        Route("/batches/{name}/approval", approval_page),
        Route("/batches/{name}/approval/{request:int}/approve", approve, methods=["POST"]),
        Route("/batches/{name}/approval/{request:int}/reject", reject, methods=["POST"]),
        Route("/batches/{name}/approval/{request:int}/withdraw", withdraw, methods=["POST"]),
        Route("/audit", audit_page),
        Route("/audit.{kind:str}", audit_download),
        Route("/admin/users", people_page),
        Route("/admin/users", add_person, methods=["POST"]),
        Route("/admin/users/{user}", change_person, methods=["POST"]),
        Route("/admin/settings", change_settings, methods=["POST"]),
    ]


def may(request: Any, method: str, path: str) -> bool:
    """Whether the page's person may use the route ``method`` ``path`` (the rules of
    :data:`bulkship.web.auth.RULES`, which refuse it otherwise): a page offers no button its reader would be
    refused ("Refresh tracking" and "Check against the vendor" for an approver, the settling forms for
    finance: found by hunter-web6). Anyone, in single-user mode."""
    me = request.scope.get("team_user") if request is not None else None
    if me is None:
        return True
    rule, _params = rule_for(method, path)
    return allowed(rule, method, frozenset(me.roles))


def install(templates: Any) -> None:
    templates.globals["team_cost"] = team_cost
    templates.globals["may"] = may
    templates.globals["changed_since"] = changed_since


__all__ = ["SESSION_COOKIE", "after_confirm", "before_confirm", "forbidden_page", "install", "routes"]
