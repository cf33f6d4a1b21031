"""The admin's page of people and team settings: add a person, change one, the approval threshold and the
idle time of a session."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ...errors import BulkshipError
from ...settings import Settings
from ...team import ROLES, accounts, approvals
from .. import pagekit as pages
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
    name, password = str(form.get("name") or ""), str(form.get("password") or "")
    roles, limit = [str(r) for r in form.getlist("role")], str(form.get("limit") or "") or None
    try:
        added = await run_in_threadpool(
            lambda: accounts.add_user(
                settings, name, password, roles, spend_limit=limit, actor=_actor(request),
                address=_address(request),
            )
        )  # fmt: skip
    except BulkshipError as exc:
        again = await run_in_threadpool(
            lambda: accounts.added_just_now(settings, name, password, roles, spend_limit=limit)
        )
        if again is None:
            return await people_page(request, error=exc.message, status=400)
        added = again  # 'Add' pressed twice: the first press added them
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
            _roles_as_shown(settings, name, str(form.get("roles_was") or ""))
            found = accounts.set_roles(
                settings, name, [str(r) for r in form.getlist("role")], actor=actor, address=address
            )
            return f"{found.name}: {found.roles_text}."
        if action == "limit":
            typed = str(form.get("limit") or "").strip()
            if not typed:  # the box is shown empty: Set limit (or Enter) on it took a person's limit away
                raise accounts.AccountError(
                    f"Type the most {name} may send without approval, or none for the team threshold: "
                    "nothing was changed."
                )
            found = accounts.set_limit(settings, name, typed, actor=actor, address=address)
            if found.spend_limit is None:
                return f"Limit of {found.name} set: none (the team threshold applies)."
            return f"Limit of {found.name} set: {found.spend_limit:,.2f} without approval."
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


def _roles_as_shown(settings: Settings, name: str, shown: str) -> None:
    """Refuse roles set from a page showing others than the person has now: its checkboxes, ticked as
    they were, set back what another admin changed since (an approver role taken away given back)."""
    now = accounts.find_user(settings, name)
    if now is not None and shown and set(shown.split(",")) != set(now.roles):
        roles = now.roles_text or "none"
        raise accounts.AccountError(
            f"The roles of {now.name} were changed since this page was shown (now: {roles}): nothing was "
            "changed. Check them below and set them again."
        )


def _same_money(a: object, b: object) -> bool:
    return accounts.parse_limit(str(a)) == accounts.parse_limit(str(b))


def _same_text(a: object, b: object) -> bool:
    return str(a).strip() == str(b).strip()


def _changed(what: str, posted: str, shown: str | None, now: object, same: Any) -> bool:
    """Whether the admin changed a setting the form posts (every field is posted, changed or not). A value
    left as the page showed it is not a change, even when another admin (or the command line) changed it
    since: saving the idle time set the threshold back to the one the page showed (found by hunter-web5).
    A value changed on a page showing what is no longer so is refused: it was decided on a stale figure."""
    if not posted:
        return False
    if shown is None:  # a form without what it showed (a script): changed when it differs from now
        return not same(posted, now)
    if same(posted, shown) or same(posted, now):
        return False
    if not same(shown, now):
        raise accounts.AccountError(
            f"The {what} was changed since this page was shown (it is {now} now): nothing was saved. "
            "Check the settings below and save them again."
        )
    return True


async def change_settings(request: Request) -> Response:
    settings = _settings(request)
    form = await request.form()
    actor, address = _actor(request), _address(request)

    def shown(key: str) -> str | None:
        value = form.get(key + "_was")
        return None if value is None else str(value).strip()

    def apply() -> None:
        threshold = str(form.get("threshold") or "").strip()
        idle = str(form.get("idle_minutes") or "").strip()
        if idle and not idle.isdecimal():  # isdigit() let '²' through to int(): a 500 page (hunter-web, W6)
            raise accounts.AccountError("The idle time is a number of minutes")
        now = approvals.threshold(settings)
        new_threshold = _changed("approval threshold", threshold, shown("threshold"), now, _same_money)
        now_idle = approvals.idle_minutes(settings)
        if _changed("idle time", idle, shown("idle_minutes"), now_idle, _same_text):
            approvals.set_idle_minutes(settings, int(idle), actor=actor, address=address)
        if new_threshold:  # after every check: a refusal saves nothing
            approvals.set_threshold(settings, threshold, actor=actor, address=address)

    try:
        await run_in_threadpool(apply)
    except BulkshipError as exc:
        return await people_page(request, error=exc.message, status=400)
    return await people_page(request, message="Settings saved.")
