"""The pages said instead of a page: not found (or a redirect a handler asked for), a ledger out of reach, and
the pages the guards answer with (a file too large, an upload stalled, a NUL, a form refused)."""

from __future__ import annotations

from datetime import datetime

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Match

from ..errors import NewerLedgerError
from .guards import UNREACHABLE, Scope, _header, unreachable_said
from .kept import STOPPING
from .pagekit import SANDBOX_BANNER, _GoTo, _see, _templates, _web, render

AWAY_RELOAD_S = 10  # a page the ledger's database could not serve loads itself again this often


def _error_page(title: str, message: str, *, reload_s: int = 0, sandbox: bool = False) -> str:
    return _templates.get_template("plain.html").render(
        title=title, message=message, banner=SANDBOX_BANNER, reload_s=reload_s, sandbox=sandbox
    )


def _too_large_page(size: int, limit: int) -> str:
    return _error_page(
        "File too large",
        f"This upload is {size / 1_048_576:,.1f} MB; the limit is {limit / 1_048_576:,.0f} MB. "
        "Split the file into smaller batches, or start the server with a higher --max-upload-mb.",
    )


def _unreachable_page(
    exc: Exception, scope: Scope, away: dict[str, datetime], *, sandbox: bool = False
) -> tuple[int, str]:
    """Said before anyone signed in (the sign-in guard's read): without the ledger's address, nor the
    batches whose run waits for it (``away``, the runner's), only how many and since when."""
    return _ledger_down(_unreachable(_said_to_anyone(exc), exc), exc, scope, away, sandbox=sandbox)


def _ledger_down(
    message: str, exc: Exception, scope: Scope, away: dict[str, datetime], *, sandbox: bool
) -> tuple[int, str]:
    """The page said while the ledger cannot be read: with this server's runs waiting for its database, if
    any (hunter-web23's LO1: nobody was told). A page asked for (GET) loads itself again until the database
    answers; the progress page's live part, polled, is answered as a part that goes on polling: a 503 left
    the page reading 'Sending…' with nothing sent for as long as the database was away."""
    if isinstance(exc, NewerLedgerError):
        return 503, _error_page("Ledger not reachable", message, sandbox=sandbox)
    waits = _away_said(away)
    if scope.get("method") == "GET" and _header(scope, b"hx-request"):
        path = scope.get("path", "")
        part = _templates.get_template("progress_away.html")
        return 200, part.render(path=path, message=message, waits=waits)
    if scope.get("method") in ("GET", "HEAD"):
        again, reload_s = (
            "This page loads again by itself until it answers (or reload it to try again).",
            AWAY_RELOAD_S,
        )
    else:  # a form: the database may have gone away after what it did was recorded (a Send), or before
        again, reload_s = (
            "What this form asked may or may not have been done: once the database answers, open the batch "
            "again to see (a Send pressed again never sends a card twice).",
            0,
        )
    said = " ".join(part for part in (message, again, waits) if part)
    return 503, _error_page("Ledger not reachable", said, reload_s=reload_s, sandbox=sandbox)


def _away_said(away: dict[str, datetime]) -> str:
    if not away:
        return ""
    since = min(away.values())
    many = f"{len(away)} batches" if len(away) > 1 else "a batch"
    return (
        f"This server was sending {many} when the database stopped answering ({since:%H:%M} UTC): the "
        "sending waits for it and goes on by itself, where it stopped, once it answers. Nothing is sent "
        "meanwhile, and no card twice."
    )


def _said_to_anyone(exc: Exception) -> str:
    """What a ledger out of reach is said to be to a person not signed in: not where it is."""
    return _NEWER if isinstance(exc, NewerLedgerError) else UNREACHABLE


def _unreachable(message: str, exc: Exception) -> str:
    """A ledger that cannot be read or written now (its database server stopped, the network): found by
    hunter-web (W12), every page answered a bare "Internal Server Error". One a newer bulkship upgraded
    (a colleague's command line, on the team's shared ledger) is no moment's outage: its page said to
    reload, which never helps (found by newcomer9); it says to upgrade this server."""
    if isinstance(exc, NewerLedgerError):
        return f"{message.rstrip('.')}. {_UPGRADE_SERVER}"
    return f"{message.rstrip('.')}."


_NEWER = "The ledger was upgraded by a newer bulkship than this server's: nothing was read or changed"
_UPGRADE_SERVER = (
    "Until this server is upgraded it reads and changes nothing: upgrade bulkship on the server's machine to "
    "the version the others use (pip install -U bulkship), then start bulkship serve again."
)


async def ledger_down(request: Request, exc: Exception) -> Response:
    if request.scope.get("team_mode") and request.scope.get("team_user") is None:
        # nobody signed in (the sign-in form's own read): the ledger's path or address is the team's only
        # (newcomer9's L2: a sign-in named /srv/.../ledger.sqlite to whoever tried it)
        said = _said_to_anyone(exc)
    else:
        said = unreachable_said(exc)
    web = _web(request)
    away, sandbox = web.runner.away(), web.settings.is_sandbox
    status, page = _ledger_down(_unreachable(said, exc), exc, request.scope, away, sandbox=sandbox)
    return HTMLResponse(page, status)


def _stopping_page() -> str:
    """A page the server's stop let go, which went on without what it could not read: said instead."""
    said = f"{STOPPING}. Open this page again once the server is started again."
    return _error_page("Server stopping", said)


def _stalled_page() -> str:
    return _error_page(
        "Upload stalled",
        "Nothing of this form or file arrived for a while, so the server stopped waiting for it. Nothing "
        "was saved. Send it again.",
    )


def _nul_page() -> str:
    return _error_page(
        "Not understood",
        "This address or form holds a character no page of bulkship takes (a NUL, %00). Nothing was done. "
        "Go back, reload the page and try again.",
    )


def _csrf_page() -> str:
    return _error_page(
        "Form refused",
        "This form did not come from this page (its security token is missing or out of date). "
        "Go back, reload the page and send it again.",
    )


async def not_found(request: Request, exc: Exception) -> Response:
    if isinstance(exc, _GoTo):
        if not exc.busy or request.method != "POST":
            return _see(exc.detail)
        # a Send clicked again (another tab, another person) is the sending already going on, not a change
        # to make again once it ends, as a cell fix is (hunter-web4's leftover, hunter-web5)
        sending = request.url.path.endswith("/confirm")
        return _see(exc.detail + ("?busy=send" if sending else "?busy=1"))
    detail = getattr(exc, "detail", "Not found")
    status = getattr(exc, "status_code", 404)
    if status == 405 and request.method in ("GET", "HEAD"):  # a form's address opened as a page
        return _see(page_above(request))
    return render(
        request, "plain.html", status, title="Not found" if status == 404 else "Error", message=detail
    )


def page_above(request: Request) -> str:
    """The page a form's address belongs to: its nearest parent address a page answers (/batches/q3/confirm:
    /batches/q3, the step the batch is at). Typed, pasted, or Enter pressed in the address bar of a page a
    form answered, it read 'Error: Method Not Allowed' (found by hunter-web29)."""
    parts = request.url.path.rstrip("/").split("/")
    while len(parts) > 1:
        parts.pop()
        path = "/".join(parts) or "/"
        scope = {"type": "http", "method": "GET", "path": path, "root_path": ""}
        if any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
            return path
    return "/"
