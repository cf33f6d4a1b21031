"""What every page handler uses: the templates (and the ``money`` filter), the app's state (:class:`Web`),
rendering, redirects, the batch a URL names and whether it may change now."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse

from .. import api
from ..errors import BulkshipError
from ..reconcile.explained import explained_text
from ..repeats.policy import ALLOW_FLAG
from ..repeats.preview import repeat_said
from ..settings import Settings
from ..statuses import STATUS_MEANINGS
from ..team.approvals import acting_as
from ..validate.rules.money import MONEY_CURRENCY
from . import batchledger, servers, state
from .balance import BalanceReader
from .batchledger import PLANNED_THERE
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

# A refusal's hint is written for the command line; the page's reader has no terminal. What each flag does,
# said as this page can do it (the sheet picker and the Columns page cover --sheet and [columns]).
_PAGE_HINTS = (
    (
        "--encoding",
        "The file's characters were saved in an encoding bulkship cannot be sure of. Open it in Excel and "
        'save it again as "CSV UTF-8 (Comma delimited)" or as an Excel workbook (.xlsx); upload that file.',
    ),
    (
        "--include-hidden",
        "Hidden rows are not sent. To send them, unhide them in the spreadsheet and upload it again.",
    ),
    (
        ALLOW_FLAG,
        "This page does not send a card again on purpose: ask whoever runs bulkship on the command line.",
    ),
    (  # a run refused for want of an approval (a team's page): the command line re-runs once approved,
        # while on the page the approval itself sends it (hunter-web6: "then run the same command again")
        "bulkship users add NAME --role approver",
        "An admin adds an approver on People, or raises the approval threshold there; then send the batch "
        "again from its cost page.",
    ),
    (
        "(Approvals); then run the same command again",
        "An approver approves it on Approvals, and the approval sends it: nothing more to do here.",
    ),
    (  # the results folder holds this batch's workbook as another ledger wrote it: the run refused, naming
        # both ledgers' paths and --out (found by hunter-web18): the server's folders, a flag the page lacks
        "was written from another ledger (",
        "The batch's result workbook in this server's results folder was written by bulkship with another "
        "ledger: sending would write over it, and what it says of that ledger's orders would be lost.",
    ),
    (
        "pass --out with another folder",
        "Ask whoever runs this bulkship server to move that workbook out of its results folder (it holds "
        "that ledger's PO numbers and order ids), then send the batch again from its cost page.",
    ),
    (  # a run refused for costing more than the total confirmed on the cost page (hunter-web, W10)
        "--max-total",
        "The cost of this batch changed since you confirmed it (its rows, the prices or other batches "
        "changed): open its cost page, check the new total and send it from there.",
    ),
)


# "Re-run the same command": the command line's way on (a run resumes, asks again, sends what is left); the
# page's reader has no command, and does the same from the batch's cost page
_RERUN = (
    (re.compile(r"\bRe-running the same command\b"), "Sending the batch again from its cost page"),
    (re.compile(r"\bre-running the same command\b"), "sending the batch again from its cost page"),
    (re.compile(r"\bRe-run the same command\b"), "Send the batch again from its cost page"),
    (re.compile(r"\bre-run the same command\b"), "send the batch again from its cost page"),
    (re.compile(r"\bre-run the same `bulkship run` command\b"), "send the batch again from its cost page"),
    (re.compile(r"\bthen run the same command again\b"), "then send the batch again from its cost page"),
    # what a release of rows waiting for review leaves to the next send (found by hunter-web16: the page's
    # confirmation read "the next `bulkship run` plans them in a new order")
    (re.compile(r"\bthe next `bulkship run`"), "the batch's next Send from its cost page"),
    # a duplicate's way on: the page cannot add a column (found by newcomer3)
    (
        re.compile(r"\badd a column 'Allow Duplicate' and put yes in it for this row\b"),
        "add a column 'Allow Duplicate' to your file with yes on this row, and upload the file again",
    ),
    # a row the file says not to send: its cells on the page are the file's, which the file's reading keeps
    # leaving out (the review page says so: found by newcomer3, N7f, the two pages said two things)
    (
        re.compile(r"\bChange the cell to order a row\."),
        "To order such a row, find it on the review page and order it after all (or change the cell in your "
        "file and upload the file again, which makes a new batch).",
    ),
    (
        re.compile(r"\bis sent by running the same file again on or after that day\b"),
        "is sent by sending the batch again from its cost page on or after that day",
    ),
    # a formula in a cell read for the order: the page's cell takes its value (found by newcomer5: HR on the
    # review page was told to Paste Special in Excel, where typing 50 over the formula there is the way on)
    (
        re.compile(r"\breplace it with its value \(Copy, then Paste Special › Values\)"),
        "type its value in place of the formula on the review page (in your file: Copy, then Paste Special › "
        "Values)",
    ),
    # a held row's way on: the page sends it once a person picks it there (newcomer12's W-held)
    (re.compile(r"\bre-run with --allow-repeat\b"), "tick the row on the batch's “Held rows” page"),
    (re.compile(r"\bRun the same command again\b"), "Send the batch again from its cost page"),
    (re.compile(r"\brun the same command again\b"), "send the batch again from its cost page"),
)


# `bulkship reconcile BATCH --review/--resolve ...`: the command line's way to settle rows waiting for review;
# the page's reader does the same with the buttons of the batch's "Rows waiting for review" page (review17)
_REVIEW_PAGE = "the batch's page “Rows waiting for review”"
_END = r"`?(?=[;.,]?(?:\s|$))"  # the command's end: a closing backtick, then punctuation or a space
_SETTLE = (
    (
        re.compile(r"`?bulkship reconcile \S+ --resolve (\S+) --at-vendor (\S+) --rows (\S+?)" + _END),
        rf"“They are at the vendor…” for PO \1 on {_REVIEW_PAGE}, naming order \2 and rows \3",
    ),
    (
        re.compile(r"`?bulkship reconcile \S+ --resolve (\S+) --at-vendor (\S+?)" + _END),
        rf"“They are at the vendor…” for PO \1 on {_REVIEW_PAGE}, naming order \2",
    ),
    (
        re.compile(r"`?bulkship reconcile \S+ --resolve (\S+) --release --not-ours (\S+?)" + _END),
        rf"“Vendor order(s) \2 are another batch's: release to send…” for PO \1 on {_REVIEW_PAGE}",
    ),
    (  # every row waiting settled in one go (7a01d71): the page's button of the same verb
        re.compile(r"`?bulkship reconcile \S+ --release" + _END),
        rf"“Every row at once…” on {_REVIEW_PAGE}",
    ),
    (re.compile(r"`?bulkship reconcile \S+ --review`?"), _REVIEW_PAGE),
    # the vendor comparison (`reconcile BATCH`, a charge beyond the plan's): the Results page's button, where
    # the progress page said the command, with a placeholder for the batch (found by hunter-web18)
    (
        re.compile(r"`?bulkship reconcile \S+?" + _END + r"(?! --)(?: \(with --concurrency 1[^)]*\))?"),
        "“Check against the vendor” on the batch's Results page",
    ),
    # a batch's result workbook by its path on the server (nothing the page's reader can open): its page
    (re.compile(r", results: [^)]*\)"), ", see its Results page)"),
)


def page_words(text: object, sent_here: object = True) -> str:
    """A message written for the command line (a row's status, a run's end) in the page's words.
    ``sent_here``: the batch's file is on this server; a batch sent from the command line has no cost page
    to send it again from, its page says to run it from there, and its rows keep the command's words (found
    by review19: "Send the batch again from its cost page" under that very advice)."""
    said = str(text or "")
    for pattern, words in (*(_RERUN if sent_here else ()), *_SETTLE):
        said = pattern.sub(words, said)
    return said


def page_hint(hint: object) -> str:
    """A refusal's hint as the page's reader can follow it: command-line flags said in the page's words.

    A hint offering --allow-repeat beside another way on ("run the same command again once the vendor
    answers; to send without that check, add --allow-repeat") gives the page that other way: the flag's
    words alone told the reader to ask someone else, where sending again later is all there is to do.
    Other ways on ("run with the ledger they were sent from") are the command line's: the flag's words
    stay."""
    text = str(hint or "")
    clauses = text.split("; ")
    if len(clauses) > 1 and any(ALLOW_FLAG in c for c in clauses):
        rest = "; ".join(c for c in clauses if ALLOW_FLAG not in c)
        if page_words(rest) != rest:  # the other way on is to send again: the page can do that
            return page_words(rest)
    for flag, said in _PAGE_HINTS:
        if flag in text:
            return said
    return page_words(text)


_templates.filters["page_hint"] = page_hint

_SENTENCE_END = re.compile(r"(?<=[.:;])\s+(?=[A-Z])")
# a page's Send holds to the total its cost page showed, passed to the run as its --max-total: the refusal's
# figures said in the page's words, not dropped with the flag's sentence (found by hunter-money12: the page
# read only 'The cost of this batch changed since you confirmed it', neither total)
_CONFIRMED_TOTAL = re.compile(r"more than --max-total ([0-9][0-9,]*\.[0-9]{2})(?: \(the batch's budget\))?")
_MAPPING_ADVICE = ("[columns]", "program file", "--config")


# a row held for a card another batch only planned: that batch sent nothing, and deleting it is the page's
# way to send the row here ("ask whoever runs bulkship on the command line" left a web-only team with a
# cut list, uploaded after its approver rejected the first, held for good: found by newcomer13)
PLANNED_ADVICE = (
    "Batch {0} planned this card and has sent nothing yet: to send it from this batch, delete batch {0} "
    "(nothing of it was sent), then open this batch's cost page again."
)


def page_note(note: object, held_page: str = "") -> str:
    """A notice about the file as the page's reader can follow it: its facts kept, a sentence of
    command-line advice said in the page's words (a column choice is made on the Columns page).
    ``held_page``: what a row's hold says to do instead of --allow-repeat, where the batch's Held rows page
    can send it (a batch uploaded on the page)."""
    sentences = _SENTENCE_END.split(
        _CONFIRMED_TOTAL.sub(r"more than the \1 confirmed on its cost page", str(note or ""))
    )
    planned = PLANNED_THERE.search(str(note or ""))
    kept: list[str] = []
    for sentence in sentences:
        flag = next((said for flag, said in _PAGE_HINTS if flag in sentence), None)
        if flag is not None and planned and ALLOW_FLAG in sentence:
            kept.append(PLANNED_ADVICE.format(planned.group(1)))
        elif flag is not None and held_page and ALLOW_FLAG in sentence:
            kept.append(held_page)
        elif flag is not None:
            kept.append(flag)
        elif any(advice in sentence for advice in _MAPPING_ADVICE):
            head = sentence.split(":")[0] if ":" in sentence else ""
            kept.append(
                (head + ": choose it on the Columns page.") if head else "Choose it on the Columns page."
            )
        else:
            kept.append(page_words(sentence))
    return " ".join(kept)


_templates.filters["page_note"] = page_note
_templates.filters["page_words"] = page_words
_templates.filters["explained"] = explained_text  # a cost difference a person's settlement accounts for
_templates.filters["repeat_said"] = repeat_said  # what a held row repeats, without the command line's advice


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
        raise HTTPException(404, f"No batch named {name!r}")
    return found


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
