"""The team's pages of ``bulkship serve``: sign-in, your account, approvals, the audit trail and people.

Thin handlers over :mod:`bulkship.team`; who may open each is in :data:`bulkship.web.auth.RULES`. The
confirmation of the cost page passes through :func:`before_confirm`, which turns "send" into "ask for
approval" when the batch costs more than its person may send alone.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from .. import api
from ..errors import BulkshipError
from ..team import ROLES, accounts, approvals, audit, store
from . import app as pages
from . import state
from .auth import SESSION_COOKIE, Sessions, safe_next

AUDIT_PAGE_LINES = 500
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


# -- sign in and out -------------------------------------------------------------------------------------


async def login_page(request: Request) -> Response:
    settings = _settings(request)
    if not await run_in_threadpool(store.team_mode, settings):
        return _see("/")
    target = safe_next(request.query_params.get("next", "/"))
    return pages.render(request, "login.html", next=target, name="", error="")


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


def forbidden_page(needed: str, person: accounts.User) -> str:
    return pages._error_page(
        "Not allowed",
        f"{person.name} ({person.roles_text}) may not do this: it needs the role {needed}. "
        "Ask an admin if you should.",
    )


# -- approvals -------------------------------------------------------------------------------------------


def team_cost(request: Request, batch: str, view: Any) -> dict[str, Any]:
    """What the cost page shows about approval: the batch's latest request (a rejection's reason), whether
    it covers the plan shown, and whether this person's send needs approval."""
    settings = _settings(request)
    empty = {"approval": None, "current": False, "needs": False, "limit": Decimal(0), "nobody": False}
    if not request.scope.get("team_mode"):
        return empty
    found = approvals.latest(settings, batch)
    current = False
    if found is not None and view is not None:
        current = found.order_prints == frozenset(approvals.order_prints(settings, batch)) and (
            Decimal(view.worst_case) <= found.total
        )
    person = _actor(request)
    limit = approvals.room_for(settings, person, batch)  # less what they sent alone today
    needs = view is not None and Decimal(view.batch_total) > limit  # the batch's: charged included
    if needs and found is not None and found.decision == "approved" and current:
        needs = False
    nobody = needs and not approvals.approvers_for(settings, person)  # a request no one could decide
    return {"approval": found, "current": current, "needs": needs, "limit": limit, "nobody": nobody}


async def before_confirm(request: Request, batch: str, view: Any) -> Response | None:
    """Called by the confirmation just before it records "send": None to go on, or the page to show
    instead (the batch now waits for approval)."""
    settings = _settings(request)
    person, address = _actor(request), _address(request)
    total = Decimal(view.worst_case)

    def decide() -> int | None:
        if not store.team_mode(settings):
            return None
        if not approvals.needs_approval(settings, person, Decimal(view.batch_total), batch):
            audit.record(settings, "confirm", actor=person, address=address, batch=batch, total=str(total))
            return None
        found = approvals.latest(settings, batch)
        prints = approvals.order_prints(settings, batch)
        if found is not None and found.covers(prints, total) and approvals.approver_active(settings, found):
            audit.record(
                settings, "confirm", actor=person, address=address, batch=batch, total=str(total),
                approval=found.id,
            )  # fmt: skip
            return None
        asked = approvals.request(
            settings, batch, total=Decimal(view.batch_total), person=person, address=address
        )
        audit.record(
            settings, "confirm", actor=person, address=address, batch=batch, total=str(total),
            waits_for_approval=asked.id,
        )  # fmt: skip
        return asked.id

    waiting = await run_in_threadpool(decide)
    return None if waiting is None else _see(f"/batches/{batch}/approval")


async def approvals_page(request: Request) -> Response:
    settings = _settings(request)
    found = await run_in_threadpool(approvals.approvals, settings)
    threshold = await run_in_threadpool(approvals.threshold, settings)
    newest: dict[str, int] = {}
    for asked in found:  # newest first
        newest.setdefault(asked.batch, asked.id)
    marked = [(a, a.state_beside(newest[a.batch])) for a in found]
    return pages.render(
        request, "approvals.html", waiting=[a for a, s in marked if s == "pending"],
        decided=[(a, s) for a, s in marked if s != "pending"][:100], threshold=threshold,
    )  # fmt: skip


def _status_or_none(settings: Any, name: str) -> list[dict[str, Any]]:
    """The batch's figures, or none when the ledger no longer holds it (the page says so)."""
    try:
        return api.status(settings, name)
    except BulkshipError:
        return []


def _plan_unchanged(settings: Any, asked: approvals.Approval) -> bool:
    return frozenset(approvals.order_prints(settings, asked.batch)) == asked.order_prints


async def ledger_approval_page(request: Request, name: str) -> Response:
    """The approval of a batch prepared from the command line: its figures from the ledger."""
    settings = _settings(request)
    asked = await run_in_threadpool(approvals.latest, settings, name)
    if asked is None:
        raise HTTPException(404, f"No batch named {name!r} waits for approval")
    status = await run_in_threadpool(_status_or_none, settings, name)
    current = await run_in_threadpool(_plan_unchanged, settings, asked)
    repeats = await run_in_threadpool(_sent_again_on_purpose, settings, name)
    return pages.render(
        request, "approval_ledger.html", batch=name, approval=asked, approval_current=current,
        figures=status[0] if status else None, repeats=repeats,
    )  # fmt: skip


def _sent_again_on_purpose(settings: Any, name: str) -> dict[str, Any] | None:
    """The plan's rows that repeat a card already ordered, sent on purpose (``--allow-repeat``): the approver
    is the person who must see them (found by newcomer7: the page said nothing of three second cards)."""
    from ..ledger import Ledger

    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        found = ledger.latest_event(name, "repeat_allowed")
    if found is None:
        return None
    from ..repeats import repeat_said

    examples = [repeat_said(str(note)) for note in (found.detail.get("examples") or {}).values()]
    return {"rows": found.detail.get("rows", 0), "examples": examples}


STALE_APPROVAL = (
    "Nothing was approved: the plan changed since you opened this page (rows were edited or orders planned "
    "again). Check the figures below; approve again if they are still right."
)


async def approval_page(request: Request) -> Response:
    """The cost page as the approver sees it: the same figures, the problems summary, approve or reject."""
    web = pages._web(request)
    name = request.path_params["name"]
    known = await run_in_threadpool(state.web_batch, web.settings, name)
    if known is None or known.deleted:
        return await ledger_approval_page(request, name)
    batch = pages._idle(web, pages._batch_or_404(web, name))
    try:
        found = await run_in_threadpool(web.reviews.review, batch)
        view = await run_in_threadpool(pages._plan, web, batch)
    except BulkshipError as exc:
        return pages.render(request, "problem.html", 409, batch=batch, error=exc)
    changed = STALE_APPROVAL if request.query_params.get("changed") else ""
    return pages.render(
        request, "cost.html", batch=batch, view=view, counts=found.counts, error=changed, approving=True
    )


def _request_of(request: Request, batch: str) -> approvals.Approval:
    try:
        wanted = int(request.path_params["request"])
    except (KeyError, ValueError):
        raise HTTPException(404, "No such approval request") from None
    found = approvals.approval(_settings(request), wanted)
    if found is None or found.batch != batch:
        raise HTTPException(404, "No such approval request")
    return found


async def approve(request: Request) -> Response:
    """Approve the plan asked about, and start sending it (the run acts for the requester)."""
    web = pages._web(request)
    settings = web.settings
    name = request.path_params["name"]
    known = await run_in_threadpool(state.web_batch, web.settings, name)
    if known is None or known.deleted:
        return await approve_ledger_batch(request, name)
    batch = pages._batch_or_404(web, name)
    asked = await run_in_threadpool(_request_of, request, batch.name)
    form = await request.form()
    view = web.reviews.plans.peek(batch.plan_key)
    prints = await run_in_threadpool(approvals.order_prints, settings, batch.name)
    unchanged = (
        view is not None
        and str(form.get("change")) == str(batch.change_id)
        and _decimal(form.get("total")) == view.summary.total
        and frozenset(prints) == asked.order_prints
        and Decimal(view.worst_case) <= asked.total
    )
    if view is None or not unchanged:  # the page said nothing of it: approving seemed to do nothing
        return _see(f"/batches/{batch.name}/approval?changed=1")
    try:
        await run_in_threadpool(
            lambda: approvals.decide(
                settings, asked.id, person=_actor(request), approve=True, address=_address(request)
            )
        )
    except approvals.ApprovalError as exc:
        return pages.render(request, "problem.html", 403, batch=batch, error=exc)
    total = str(view.summary.total)
    await run_in_threadpool(state.record, settings, batch.name, "web_confirmed", total=total)
    web.runner.start(batch.name)
    return _see(f"/batches/{batch.name}/progress")


async def approve_ledger_batch(request: Request, name: str) -> Response:
    """Approve a command-line batch's plan when it is still the one asked about; its person sends it."""
    settings = _settings(request)
    asked = await run_in_threadpool(_request_of, request, name)
    if not await run_in_threadpool(_plan_unchanged, settings, asked):
        return _see(f"/batches/{name}/approval")
    try:
        await run_in_threadpool(
            lambda: approvals.decide(
                settings, asked.id, person=_actor(request), approve=True, address=_address(request)
            )
        )
    except approvals.ApprovalError as exc:
        return pages.render(request, "plain.html", 403, title="Not approved", message=exc.message)
    return _see(f"/batches/{name}/approval")


async def reject(request: Request) -> Response:
    web = pages._web(request)
    name = request.path_params["name"]
    asked = await run_in_threadpool(_request_of, request, name)
    form = await request.form()
    reason = str(form.get("reason") or "")[:2000]
    try:
        await run_in_threadpool(
            lambda: approvals.decide(
                web.settings, asked.id, person=_actor(request), approve=False, reason=reason,
                address=_address(request),
            )
        )  # fmt: skip
    except approvals.ApprovalError as exc:
        return pages.render(request, "plain.html", 403, title="Not rejected", message=exc.message)
    return _see("/approvals")


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


# -- the audit trail -------------------------------------------------------------------------------------

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _period(request: Request) -> tuple[str | None, str, str, str | None]:
    """The page's filters: batch, since (a day), until (a day, inclusive) and ``until`` as the exclusive
    bound the trail's query takes."""
    batch = request.query_params.get("batch", "").strip() or None
    since = request.query_params.get("since", "")
    until = request.query_params.get("until", "")
    since = since if _DAY.fullmatch(since) else ""
    until = until if _DAY.fullmatch(until) else ""
    try:
        _start, end = audit.day_bounds(since, until)
    except ValueError:  # 2026-02-31
        since, until, end = "", "", None
    return batch, since, until, end


async def audit_page(request: Request) -> Response:
    settings = _settings(request)
    batch, since, until, end = _period(request)
    found = await run_in_threadpool(
        lambda: audit.entries(settings, batch=batch, since=since or None, until=end)
    )
    query = urlencode({k: v for k, v in (("batch", batch or ""), ("since", since), ("until", until)) if v})
    return pages.render(
        request, "audit.html", shown=list(reversed(found[-AUDIT_PAGE_LINES:])), total=len(found),
        batch=batch or "", since=since, until=until, query=query,
    )  # fmt: skip


async def audit_download(request: Request) -> Response:
    settings = _settings(request)
    kind = request.path_params["kind"]
    if kind not in ("csv", "xlsx"):
        raise HTTPException(404, "No such download")
    batch, since, until, end = _period(request)
    found = await run_in_threadpool(
        lambda: audit.entries(settings, batch=batch, since=since or None, until=end)
    )
    what = f"batch {batch}" if batch else "every batch"
    when = f" from {since or 'the start'} to {until or 'now'}" if since or until else ""
    name = "audit-" + state.safe_name("-".join(p for p in (batch or "all", since, until) if p))
    if kind == "csv":
        body, media = audit.to_csv(found), "text/csv; charset=utf-8"
    else:
        body = await run_in_threadpool(audit.to_xlsx, found, f"Audit trail of {what}{when} (UTC)")
        media = XLSX_TYPE
    return Response(
        body, media_type=media, headers={"content-disposition": f'attachment; filename="{name}.{kind}"'}
    )


# -- people and settings ---------------------------------------------------------------------------------


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
            if not idle.isdigit():
                raise accounts.AccountError("The idle time is a number of minutes")
            if int(idle) != approvals.idle_minutes(settings):
                approvals.set_idle_minutes(settings, int(idle), actor=actor, address=address)

    try:
        await run_in_threadpool(apply)
    except BulkshipError as exc:
        return await people_page(request, error=exc.message, status=400)
    return await people_page(request, message="Settings saved.")


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
        Route("/audit", audit_page),
        Route("/audit.{kind:str}", audit_download),
        Route("/admin/users", people_page),
        Route("/admin/users", add_person, methods=["POST"]),
        Route("/admin/users/{user}", change_person, methods=["POST"]),
        Route("/admin/settings", change_settings, methods=["POST"]),
    ]


def install(templates: Any) -> None:
    templates.globals["team_cost"] = team_cost


__all__ = ["SESSION_COOKIE", "before_confirm", "forbidden_page", "install", "routes"]
