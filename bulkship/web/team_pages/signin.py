"""Signing in and out, your account and its password, and the page of a person not allowed."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ...errors import BulkshipError
from ...team import accounts, approvals, audit, store
from .. import pagekit as pages
from ..auth import Sessions, safe_next
from ..error_pages import _error_page
from .common import _address, _me, _see, _sessions, _settings


async def login_page(request: Request) -> Response:
    settings = _settings(request)
    if not await run_in_threadpool(store.team_mode, settings):
        return _see("/")
    target = safe_next(request.query_params.get("next", "/"))
    error = ENDED if request.query_params.get("ended") else ""
    return pages.render(request, "login.html", next=target, name="", error=error)


ENDED = (
    "You were signed out (idle too long, signed out elsewhere, your password was changed or your account was "
    "disabled) before your last click reached the "
    "server: it was not done, and nothing you typed in it was saved. Sign in to go back to that page and "
    "do it again."
)


async def login(request: Request) -> Response:
    settings = _settings(request)
    form = await request.form()
    name, password = str(form.get("name") or ""), str(form.get("password") or "")
    target = safe_next(str(form.get("next") or "/"))
    try:
        person = await run_in_threadpool(
            lambda: accounts.authenticate(settings, name, password, address=_address(request))
        )
    except accounts.SignInRefused as exc:
        refused = pages.render(request, "login.html", 401, next=target, name=name[:64], error=exc.message)
        if exc.retry_after_s:
            refused.headers["retry-after"] = str(exc.retry_after_s)
        return refused
    token = await run_in_threadpool(
        lambda: accounts.start_session(settings, person, address=_address(request))
    )
    response = _see(target)
    response.headers.append("set-cookie", _sessions(request).cookie(token, request.scope))
    return response


async def logout(request: Request) -> Response:
    settings = _settings(request)
    token = _sessions(request).token(request.scope)
    if token:
        await run_in_threadpool(accounts.end_session, settings, token)
    me = _me(request)
    if me is not None:
        await run_in_threadpool(
            lambda: audit.record(settings, "sign_out", actor=me.name, address=_address(request))
        )
    response = _see("/login")
    response.headers.append("set-cookie", Sessions.cleared())
    return response


async def account(request: Request) -> Response:
    me = _me(request)
    if me is None:
        return _see("/")
    limit = await run_in_threadpool(approvals.limit_for, _settings(request), me.name)
    return pages.render(request, "account.html", me=me, limit=limit, message="", error="")


async def change_password(request: Request) -> Response:
    settings = _settings(request)
    me = _me(request)
    if me is None:
        return _see("/")
    form = await request.form()
    old, new, again = (str(form.get(k) or "") for k in ("old", "new", "again"))
    limit = await run_in_threadpool(approvals.limit_for, settings, me.name)
    if new != again:
        error = "The two new passwords differ: the password was not changed."
        return pages.render(request, "account.html", 400, me=me, limit=limit, message="", error=error)
    token = _sessions(request).token(request.scope)
    try:
        await run_in_threadpool(
            lambda: accounts.change_password(settings, me, old, new, token=token, address=_address(request))
        )
    except BulkshipError as exc:
        return pages.render(request, "account.html", 400, me=me, limit=limit, message="", error=exc.message)
    message = "Your password is changed; your other sessions are signed out."
    return pages.render(request, "account.html", me=me, limit=limit, message=message, error="")


def forbidden_page(needed: str, person: accounts.User, doing: str = "do this") -> str:
    return _error_page(
        "Not allowed",
        f"{person.name} ({person.roles_text}) may not {doing}: it needs the role {needed}. "
        "Ask an admin if you should.",
    )
