"""The pages said instead of a page: not found (or a redirect a handler asked for), a ledger out of reach, and
the pages the guards answer with (a file too large, an upload stalled, a NUL, a form refused)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..errors import NewerLedgerError
from .guards import UNREACHABLE, unreachable_said
from .pagekit import SANDBOX_BANNER, _GoTo, _see, _templates, render


def _error_page(title: str, message: str) -> str:
    return _templates.get_template("plain.html").render(title=title, message=message, banner=SANDBOX_BANNER)


def _too_large_page(size: int, limit: int) -> str:
    return _error_page(
        "File too large",
        f"This upload is {size / 1_048_576:,.1f} MB; the limit is {limit / 1_048_576:,.0f} MB. "
        "Split the file into smaller batches, or start the server with a higher --max-upload-mb.",
    )


def _unreachable_page(exc: Exception) -> str:
    """Said before anyone signed in (the sign-in guard's read): without the ledger's address."""
    return _error_page("Ledger not reachable", _unreachable(_said_to_anyone(exc), exc))


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
    return f"{message.rstrip('.')}. Reload the page to try again in a moment."


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
    message = _unreachable(said, exc)
    return render(request, "plain.html", 503, title="Ledger not reachable", message=message)


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
    return render(
        request, "plain.html", status, title="Not found" if status == 404 else "Error", message=detail
    )
