"""The admin's page of people and team settings: add a person, change one, the approval threshold and the
idle time of a session."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ...errors import BulkshipError
from ...team import ROLES, accounts, approvals
from .. import app as pages
from .common import _actor, _address, _settings


async def people_page(request: Request, *, message: str = "", error: str = "", status: int = 200) -> Response:
    settings = _settings(request)
    people = await run_in_threadpool(accounts.list_users, settings)
    threshold = await run_in_threadpool(approvals.threshold, settings)
    idle = await run_in_threadpool(approvals.idle_minutes, settings)
    return pages.render(
        request, "people.html", status, people=people, roles=ROLES, threshold=threshold, idle_minutes=idle,
        message=message, error=error,
    )  # fmt: skip


async def add_person(request: Request) -> Response:
    settings = _settings(request)
    form = await request.form()
    name = str(form.get("name") or "")
    try:
        added = await run_in_threadpool(
            lambda: accounts.add_user(
                settings, name, str(form.get("password") or ""), [str(r) for r in form.getlist("role")],
                spend_limit=str(form.get("limit") or "") or None, actor=_actor(request),
                address=_address(request),
            )
        )  # fmt: skip
    except BulkshipError as exc:
        return await people_page(request, error=exc.message, status=400)
    return await people_page(request, message=f"Added {added.name} ({added.roles_text}).")


async def change_person(request: Request) -> Response:
    settings = _settings(request)
    form = await request.form()
    name = request.path_params["user"]
    action = str(form.get("action") or "")
    actor, address = _actor(request), _address(request)

    def apply() -> str:
        if action in ("disable", "enable"):
            accounts.set_disabled(settings, name, action == "disable", actor=actor, address=address)
            return f"{name} is {action}d."
        if action == "roles":
            found = accounts.set_roles(
                settings, name, [str(r) for r in form.getlist("role")], actor=actor, address=address
            )
            return f"{found.name}: {found.roles_text}."
        if action == "limit":
            accounts.set_limit(settings, name, str(form.get("limit") or ""), actor=actor, address=address)
            return f"Limit of {name} set."
        if action == "reset":
            password = str(form.get("password") or "")
            accounts.reset_password(settings, name, password, actor=actor, address=address)
            return f"New password set for {name}; their sessions ended."
        raise accounts.AccountError("Choose what to change")

    try:
        message = await run_in_threadpool(apply)
    except BulkshipError as exc:
        return await people_page(request, error=exc.message, status=400)
    return await people_page(request, message=message)


async def change_settings(request: Request) -> Response:
    settings = _settings(request)
    form = await request.form()
    actor, address = _actor(request), _address(request)

    def apply() -> None:
        threshold = str(form.get("threshold") or "").strip()
        if threshold and accounts.parse_limit(threshold) != approvals.threshold(settings):
            approvals.set_threshold(settings, threshold, actor=actor, address=address)
        idle = str(form.get("idle_minutes") or "").strip()
        if idle:
            if not idle.isdecimal():  # isdigit() let '²' through to int(): a 500 page (hunter-web, W6)
                raise accounts.AccountError("The idle time is a number of minutes")
            if int(idle) != approvals.idle_minutes(settings):
                approvals.set_idle_minutes(settings, int(idle), actor=actor, address=address)

    try:
        await run_in_threadpool(apply)
    except BulkshipError as exc:
        return await people_page(request, error=exc.message, status=400)
    return await people_page(request, message="Settings saved.")
