"""What every page handler uses: the templates (and the ``money`` filter), the app's state (:class:`Web`),
rendering, redirects, the batch a URL names and whether it may change now."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse

from .. import api
from ..errors import BulkshipError
from ..heldrows import days_said, money_said
from ..reconcile.explained import explained_text
from ..repeats.cancelled import sent_again_words
from ..repeats.preview import repeat_said
from ..settings import Settings
from ..statuses import STATUS_MEANINGS
from ..team.approvals import acting_as
from ..validate.checkedonce import Checking
from ..validate.rules.money import MONEY_CURRENCY
from . import batchledger, servers, state
from .balance import BalanceReader
from .pagewords import page_hint, page_note, page_words
from .review import Reviews
from .runner import Runner
from .uploads import upload_of

SANDBOX_BANNER = "SANDBOX — no real orders"

_templates = Environment(
    loader=PackageLoader("bulkship.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def money(value: Any) -> str:
    """Money as the pages show it: 1,234.50 (one place, so every page agrees)."""
    if value in (None, ""):
        return ""
    return f"{Decimal(str(value)):,.2f}"


_templates.filters["money"] = money
# the currency of every amount a plan holds (cards of another are refused): said where a person confirms a
# total, which read 'Send 2 order(s) for 595.95' and nothing else (hunter-web24's LO4)
_templates.globals["currency"] = MONEY_CURRENCY
# what each row status means, as the workbook's Summary says it: 'pending' alone read 'not done yet / not
# ordered' to HR on the Results page (newcomer15's N12)
_templates.globals["status_meanings"] = STATUS_MEANINGS

_templates.filters["page_hint"] = page_hint
_templates.filters["page_note"] = page_note
_templates.filters["page_words"] = page_words
_templates.filters["explained"] = explained_text  # a cost difference a person's settlement accounts for
_templates.filters["repeat_said"] = repeat_said  # what a held row repeats, without the command line's advice
_templates.filters["sent_again_words"] = sent_again_words  # what rows sent again on purpose are
_templates.filters["held_days"] = days_said  # the rows waiting for their day, each with its day
_templates.filters["held_money"] = lambda held: money_said(held, MONEY_CURRENCY).removeprefix(", ")


@dataclass
class Web:
    settings: Settings
    runner: Runner
    reviews: Reviews
    max_upload_bytes: int
    balances: BalanceReader  # the vendor's balance for the cost pages, through one client (one token)


def plan_of(web: Web, batch: state.WebBatch, *, write_workbook: bool = False) -> Any:
    """The batch's plan (``api.plan_batch``: its orders planned in the ledger, nothing sent) of its rows as
    the page has them; ``write_workbook``: its result workbook written again with them. The caller holds
    the runner's lock."""
    with acting_as(batch.by or None):  # the ledger records who started the batch: its uploader
        return api.plan_batch(
            web.settings,
            upload_of(batch),
            batch=batch.name,
            sheet=batch.sheet,
            program=batch.program,
            corrections=batch.corrections,
            webhook_url=web.runner.webhook_url,
            write_workbook=write_workbook,
            allow_repeat_rows=frozenset(batch.repeats_chosen),
            leave_out=batch.repeats_left,
            take_in=batch.taken_in,
            own_list=batch.own_list,
            # the review's check of these rows where nothing it read changed since (prices, the ledger's
            # orders, the day...): the Send checks them again (bulkship.validate.checkedonce)
            checking=Checking(web.reviews.checks, reuse=True),
        )


def _web(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    web = _web(request)
    html = _templates.get_template(template).render(
        request=request,
        csrf_token=request.scope.get("csrf_token", ""),
        sandbox=web.settings.is_sandbox,
        banner=SANDBOX_BANNER,
        **context,
    )
    return HTMLResponse(html, status_code=status)


def _see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _batch_or_404(web: Web, name: str) -> state.WebBatch:
    """The batch named in the URL: one of the page's, or any batch of the ledger (e.g. run from the CLI)."""
    found = state.any_batch(web.settings, name)
    if found is None:
        raise no_batch(web.settings, name)
    return found


def no_batch(settings: Settings, name: str) -> HTTPException:
    """The page of a batch there is none of: one deleted on this page before it sent anything says so. A
    Send pressed in one tab as the batch was deleted in another answered 'Not found: No batch named
    'small'', and its person could not tell whether anything went out (found by hunter-web28)."""
    gone = state.web_batch(settings, name)
    if gone is not None and gone.deleted:
        return HTTPException(
            404,
            f"Batch {name} was deleted on this page {gone.deleted_said}, before anything of it was sent: "
            "nothing of it was sent. To send its list, upload the file again.",
        )
    return HTTPException(404, f"No batch named {name!r}")


def another_upload(form: Any, batch: state.WebBatch, nothing: str) -> BulkshipError | None:
    """Why a form from a page of another upload than ``batch`` does nothing (None when it is this upload's,
    or does not say, from an older page): the batch it showed was deleted, and its name taken since by a
    new upload, whose batch a Delete or a row's Save left open on that page deleted or changed (found by
    hunter-web15). ``nothing``: "Nothing was deleted", "Nothing was saved"."""
    shown = str(form.get("upload") or "")
    if not shown or shown == batch.upload_id:
        return None
    return BulkshipError(
        f"Batch {batch.name} is not the upload the page showed: that one was deleted "
        f"already, and {batch.file_name} was uploaded under its name since (by {batch.by or 'someone'}). "
        f"{nothing}",
        hint="open the batch from the Batches page, and change it there if it is to change",
    )


def _with_upload(web: Web, name: str) -> state.WebBatch:
    """The batch, for a step that reads its file (review, cost, send); a batch whose file is not on the
    server (run from the command line, or deleted) has only its results to show."""
    batch = _batch_or_404(web, name)
    if batch.upload is None:
        raise _GoTo(f"/batches/{batch.name}/results")
    return _here(web, batch)


def _here(web: Web, batch: state.WebBatch) -> state.WebBatch:
    """``batch``, when its file is on this server; a page naming the server that holds it otherwise (it
    said 'File not found: <a path of that server>' and offered to delete the batch)."""
    if servers.elsewhere(web.settings, batch):
        where = f" ({batch.site})" if batch.site else ""
        raise HTTPException(
            409,
            f"Batch {batch.name}'s file was uploaded to another bulkship server sharing this ledger{where}: "
            "it is reviewed, sent and approved on that server's page. Nothing was changed here.",
        )
    return batch


def _sending(web: Web, batch: state.WebBatch) -> bool:
    """A run of the batch is going on or due to resume, here or in another process (the command line)."""
    return bool(
        web.runner.active(batch.name) or batch.due or batchledger.sent_elsewhere_now(web.settings, batch.name)
    )


def _idle(web: Web, batch: state.WebBatch) -> state.WebBatch:
    """``batch``, for a step that could change it; while a run of it goes on, its progress page instead."""
    if _sending(web, batch):
        raise _GoTo(f"/batches/{batch.name}/progress", busy=True)
    return batch


class _GoTo(HTTPException):
    """Answered with a redirect (see :func:`not_found`). ``busy``: a change (a form) answered so was not
    made, the batch being sent: its progress page says so (a cell fix typed and saved during the sending
    vanished unsaid: review17)."""

    def __init__(self, url: str, *, busy: bool = False) -> None:
        super().__init__(303, url)
        self.busy = busy


def _page_number(request: Request) -> int:
    try:
        return max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        return 1
