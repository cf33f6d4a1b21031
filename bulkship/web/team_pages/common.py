"""What every team page reads of its request: the settings, who is signed in and from where, the sessions;
the approval request it names, whether it was withdrawn, whether the plan is still the one it asked about."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse

from ...team import accounts, approvals
from .. import pagekit as pages
from ..auth import Sessions


def _see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _settings(request: Request) -> Any:
    return pages._web(request).settings


def _me(request: Request) -> accounts.User | None:
    found: accounts.User | None = request.scope.get("team_user")
    return found


def _actor(request: Request) -> str:
    return str(request.scope.get("actor") or "")


def _address(request: Request) -> str:
    return str(request.scope.get("client_address") or "")


def _sessions(request: Request) -> Sessions:
    found: Sessions | None = getattr(request.app.state, "sessions", None)
    if found is None:
        found = request.app.state.sessions = Sessions(_settings(request))
    return found


def _request_of(request: Request, batch: str) -> approvals.Approval:
    """The approval request the route names (``{request}``), of ``batch``; else 404."""
    try:
        wanted = int(request.path_params["request"])
    except (KeyError, ValueError):
        raise HTTPException(404, "No such approval request") from None
    if not 0 < wanted < 2**63:  # no request has such a number (PostgreSQL refused to look: W4, a 500 page)
        raise HTTPException(404, "No such approval request")
    found = approvals.approval(_settings(request), wanted)
    if found is None or found.batch != batch:
        raise HTTPException(404, "No such approval request")
    return found


def _withdrawn(request: Request, request_id: int) -> bool:
    """Whether the person who asked withdrew the request (before this decision): an approver's Approve or
    Reject from a page opened before showed a refusal page ('Not rejected', 403); the batch's approval page
    now says it, 'Withdrawn by ria ... Nothing is sent on it; no approver can approve it'."""
    found = approvals.approval(_settings(request), request_id)
    return found is not None and found.decision == "withdrawn"


def _plan_unchanged(settings: Any, asked: approvals.Approval) -> bool:
    return frozenset(approvals.order_prints(settings, asked.batch)) == asked.order_prints


def _approve(request: Request, asked: approvals.Approval, unchanged: Callable[[], bool]) -> None:
    """Approve ``asked`` as the person signed in, written only while ``unchanged()`` holds, asked under the
    ledger's write lock (:func:`bulkship.team.approvals.decide`)."""
    approvals.decide(
        _settings(request),
        asked.id,
        person=_actor(request),
        approve=True,
        address=_address(request),
        unchanged=unchanged,
    )
