"""What every team page reads of its request: the settings, who is signed in and from where, the sessions."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse

from ...team import accounts
from .. import app as pages
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
