"""The Batches page: every batch of the ledger, and the page's own drafts, with one word for its state.

Figures come from :func:`bulkship.overview.overview` (a few aggregate queries for all batches at once); a
batch uploaded through the page but not yet planned is known only from the page's events (its last check).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ..batchapi import other_api_note
from ..heldrows import first_day, held_money, held_until, money_said
from ..ledger import Ledger, ledger_exists
from ..money import MONEY_CURRENCY
from ..overview import BATCH_STATES, BatchOverview, lapse_requests, overview
from ..pricedon import priced_before_a_change, priced_on, priced_words
from ..runnotes import planned_dollars
from . import servers, state
from .batchnotes import money_notes_by_batch

if TYPE_CHECKING:
    from .pagekit import Web


_STEPS = {"sending": "progress", "draft": "columns", "needs fixes": "review", "awaiting approval": "approval"}


@dataclass(frozen=True)
class BatchLine:
    name: str
    state: str
    file_name: str
    rows: int
    cards: int
    cost: Decimal  # charged, or what the plan costs while nothing is charged
    cost_kind: str  # "charged" | "to send" | ""
    by: str
    source: str  # "page" | "command line"
    created: str
    cost_unknown: int = 0  # charged rows of unknown cost, not in ``cost``
    in_doubt: Decimal = Decimal(0)  # sent, the answer lost: perhaps charged (``status``'s In doubt column)
    refused: bool = False  # a page batch whose plan was refused (its cost page says why)
    # ... whose very file was uploaded again since as this batch, as the refusal said to: the refused upload
    # read 'needs attention' beside it, as if it still were to be sent (hunter-vendor35's leftover 4)
    again_as: str = ""
    # ... or else why it was refused, in short: it read 'needs attention' with no word why until deleted
    refused_said: str = ""
    cost_outdated: bool = False  # its rows changed since they were planned: ``cost`` is not what it sends
    # beside money charged, what its plan still sends (``status``'s To send): a batch stopped for funds read
    # '50.00 charged' alone, 476.70 of it still to go (found by hunter-money1)
    to_send: Decimal = Decimal(0)
    # uploaded with no one signed in (before the team's first account): ``by`` is the server's own user, whom
    # no one typed (found by newcomer3, N7p: 'Started by root')
    no_sign_in: bool = False
    # its money counts rows at planned dollars (another currency at the vendor, no price yet): said beside it
    planned_dollars: str = ""
    # of ``cost`` charged, what orders ended holding no card still bill (hunter-money3's LI): said beside it
    billed_without_a_card: Decimal = Decimal(0)
    # its Send's run was cut short with its server process (web/interrupted.py): 'needs attention', not
    # 'sending'; its progress page says so and offers to resume it
    interrupted: bool = False
    # its orders went to another API than this server's (batchapi.other_api_note): said beside its money
    other_api: str = ""
    # notes on its money the run, `status` and its Results say (an order's total below its lines, cards
    # beyond its rows...: web.batchnotes): how many, said beside it
    money_notes: int = 0
    # when the money it has to send was priced ('as priced 2026-12-05 10:22'): the page never asks the vendor,
    # which may have changed a price since (hunter-money19's leftover)
    priced: str = ""
    # its rows the list holds until a day to come, their first day and money ('2 row(s) wait for their day,
    # the first on 2027-01-15: 130.95 USD at the prices of 2026-12-05'): the line said 'waiting' and the
    # money charged alone, where `status`, the Results page and the Summary say them (hunter-money22)
    waiting_said: str = ""
    # its Send's run sent every order, the last charged past the total it confirmed ('150.88 counts against
    # the 149.38 its Send confirmed'): 'sent', as `status` says, and this said beside its money
    past_confirmed: str = ""
    # beside its money to send, the most sending it may cost with what the vendor bills on each order, as its
    # cost page and approval count it: '50.00 to send' beside a Send of 55.95 (hunter-money26's leftover 1)
    to_send_most: str = ""

    @property
    def link(self) -> str:
        """Where a click on the batch goes: the step it is at."""
        if self.interrupted:
            return f"/batches/{self.name}/progress"  # it says so there, and offers to resume it
        step = _STEPS.get(self.state, "results")
        if self.refused or (self.state in ("awaiting confirmation", "rejected") and self.source == "page"):
            step = "cost"  # where it is sent (again); a rejection's or a refusal's reason is shown there
        elif self.state == "rejected":
            step = "approval"  # a batch of the command line: the reason is on its approval page
        return f"/batches/{self.name}/{step}"


# A run's exit codes that need no attention of their own: 0 every row ordered, 3 rows left to fix or held (the
# overview judges those rows as `bulkship status` does: invalid rows left out on purpose need none; found by
# hunter-web, W7: the page said "needs attention" where the status command said "sent")
RUN_ENDED_WELL = (None, 0, 3)


def web_state(batch: state.WebBatch) -> str:
    """A batch only the page knows (never planned, so never asked to be approved): its state from its last
    check."""
    checked = batch.checked or {}
    if batch.refused_now:  # its plan was refused (it repeats another batch): it cannot be confirmed
        return "needs attention"
    if not checked:
        return "draft"
    return "needs fixes" if checked.get("invalid") else "awaiting confirmation"


def _line(name: str, page: state.WebBatch | None, seen: BatchOverview | None, running: bool) -> BatchLine:
    if seen is None:
        assert page is not None
        checked = page.checked or {}
        return BatchLine(
            name, "sending" if running else web_state(page), page.file_name, int(checked.get("rows", 0)),
            0, Decimal(0), "", page.by, "page", page.created, refused=bool(page.refused_now),
            no_sign_in=page.no_sign_in,
        )  # fmt: skip
    word = seen.state(running=running)
    if page is not None and word in ("draft", "needs fixes"):
        word = web_state(page)  # the page's check counts the cells fixed in it
    # its rows fixed since the cost page planned them: the ledger's plan is of the rows before the fix, and
    # the line read '25.00 to send' until the cost page was opened again (found by hunter-web10: two rows
    # fixed, the batch sent 75.00)
    outdated = page is not None and page.plan_outdated and not running
    ended = (page.last_run or {}) if page is not None else {}
    # every order gone, the last charged past the Send's total: sent, as `status` says (hunter-money29's L3)
    past = str(ended.get("all_sent_past") or "")
    stopped = page is not None and ended.get("exit_code") not in RUN_ENDED_WELL and not past
    if stopped and word in ("sent", "waiting"):
        word = "needs attention"  # the run stopped: the progress page says why
    charged = seen.charged
    to_send = seen.money.get("to send", Decimal(0))
    cost, kind = (charged, "charged") if charged or not to_send else (to_send, "to send")
    if outdated and kind == "to send":
        cost, kind = Decimal(0), ""
    elif word == "rejected" and kind == "to send":  # "953.55 to send" of a batch refused (newcomer4)
        kind = "not sent: rejected"
    return BatchLine(
        name, word, seen.file_name, seen.row_total, seen.cards, cost, kind,
        (page.by if page else "") or seen.started_by, "page" if page else "command line",
        (page.created if page else "") or seen.created, seen.cost_unknown if kind == "charged" else 0,
        in_doubt=seen.money.get("in doubt", Decimal(0)),  # said '0.00 charged' alone: review17
        to_send=to_send if kind == "charged" and not outdated else Decimal(0),
        cost_outdated=outdated and not kind, no_sign_in=page is not None and page.no_sign_in,
        billed_without_a_card=seen.billed_without_a_card if kind == "charged" else Decimal(0),
        past_confirmed=past,
    )  # fmt: skip


def batch_lines(web: Web) -> list[BatchLine]:
    pages = state.web_batches(web.settings, deleted=True)
    seen: dict[str, BatchOverview] = {}
    planned: dict[str, str] = {}
    apis: dict[str, str] = {}
    noted: dict[str, int] = {}
    priced: dict[str, str] = {}
    waiting: dict[str, str] = {}
    most: dict[str, str] = {}
    if ledger_exists(web.settings.ledger_location):
        with Ledger.open(web.settings.ledger_location, lock=False) as ledger:
            seen = overview(ledger)
            planned = planned_dollars(ledger)
            apis = {b.name: other_api_note(b.api, web.settings) for b in ledger.batches()}
            noted = money_notes_by_batch(ledger)
            priced = priced_on(ledger)
            changed = priced_before_a_change(ledger) if priced else set()
            waiting = {
                name: _waiting_said(ledger, name, pages.get(name) is not None)
                for name, one in seen.items()
                if one.waiting
            }
            most = _to_send_most(ledger, seen)
    for name, known in list(pages.items()):
        if known.deleted:  # gone from the page, unless orders went out: then the ledger's figures stay
            del pages[name]
            if name in seen and not seen[name].sent:
                del seen[name]
    # a request no approver can approve: its person sends the batch again to ask anew
    lapse_requests(web.settings, seen, lambda name: name in pages and pages[name].plan_outdated)
    lines = []
    for name in set(pages) | set(seen):
        page = pages.get(name)
        cut = page is not None and not web.runner.active(name) and servers.run_gone(web.settings, page)
        running = web.runner.active(name) or bool(page and page.due and not cut)
        line = _line(name, page, seen.get(name), running)
        if line.refused and page is not None:
            again = _uploaded_again_as(pages, name)
            line = replace(
                line, again_as=again, refused_said="" if again else refusal_in_short(page.refused_now)
            )
        if cut:  # 'sending' for good, of a run whose server process is gone (hunter-web19's LO2)
            line = replace(line, state="needs attention", interrupted=True)
        if name in planned and line.cost_kind == "charged":
            line = replace(line, planned_dollars=planned[name])
        if apis.get(name):
            line = replace(line, other_api=apis[name])
        if name in priced and (line.to_send or line.cost_kind in ("to send", "not sent: rejected")):
            line = replace(line, priced=priced_words(priced[name], name in changed))
        if noted.get(name) and name in seen:
            line = replace(line, money_notes=noted[name])
        if waiting.get(name):
            line = replace(line, waiting_said=waiting[name])
        if most.get(name) and (line.to_send or line.cost_kind == "to send"):
            line = replace(line, to_send_most=most[name])
        lines.append(line)
    return sorted(lines, key=lambda b: b.created, reverse=True)


REFUSAL_SHOWN = 200  # characters of a refusal a Batches line shows


def refusal_in_short(refusal: str) -> str:
    """A refusal's first statement, as a Batches line says why the batch is there (its cost page says it
    whole, with the way on): up to its first ': ' or '. ', at most :data:`REFUSAL_SHOWN` characters."""
    said = re.split(r":\s|\.\s", refusal.strip(), maxsplit=1)[0].rstrip(". ")
    return said if len(said) <= REFUSAL_SHOWN else said[: REFUSAL_SHOWN - 1].rstrip() + "\u2026"


def _uploaded_again_as(pages: dict[str, state.WebBatch], refused: str) -> str:
    """The batch the refused upload ``refused``'s very file was uploaded again as since, not refused ("": none
    or its file's hash unknown)."""
    first = pages[refused]
    if not first.file_hash:
        return ""
    again = (
        name
        for name, page in sorted(pages.items(), key=lambda item: item[1].created)
        if name != refused
        and page.file_hash == first.file_hash
        and page.created >= first.created
        and not page.refused_now
    )
    return next(again, "")


def _waiting_said(ledger: Ledger, batch: str, on_the_page: bool) -> str:
    """'2 row(s) wait for their day, the first on 2027-01-15: 130.95 USD at the prices of 2026-12-05; not
    charged, not to send yet', of the batch's rows held until a day to come ("" when none); once that first
    day has come, what sends them ('not to send yet' on Jan 20: found by hunter-money24)."""
    from ..program import local_day

    held = held_until(ledger, batch)
    if not held:
        return ""
    money = money_said(held_money(ledger, batch, held), MONEY_CURRENCY).removeprefix(", ")
    said = f"{len(held)} row(s) wait for their day{first_day(held)}" + (f": {money}" if money else "")
    if not held[0][1] or held[0][1] > local_day().isoformat():
        return f"{said}; not charged, not to send yet"
    return f"{said}; not charged: that day has come, {_SENT_BY[on_the_page]}"


def _to_send_most(ledger: Ledger, seen: dict[str, BatchOverview]) -> dict[str, str]:
    """Batch -> 'up to 55.95 with what the vendor bills on each order', of the batches with money to send on
    orders the vendor bills beside their lines (..billedbefore.to_send_most); others left out."""
    from ..billedbefore import to_send_most
    from ..statuses import TO_SEND

    found = {}
    for name, one in seen.items():
        lines, orders = one.money.get(TO_SEND, Decimal(0)), one.orders.get("planned", 0)
        if lines and (most := to_send_most(ledger, name, lines, orders)):
            found[name] = most.words
    return found


# what sends rows whose day has come: a batch uploaded here, its cost page; else its list run again
_SENT_BY = {True: "send them from its cost page", False: "run its list again to send them"}


def _matches(line: BatchLine, query: str) -> bool:
    return any(query in text.lower() for text in (line.name, line.file_name, line.by))


async def home(request: Request) -> Response:
    from .pagekit import _web, render

    web = _web(request)
    lines = await run_in_threadpool(batch_lines, web)
    query = request.query_params.get("q", "").strip().lower()
    wanted = request.query_params.get("state", "")
    shown = [b for b in lines if (not query or _matches(b, query)) and (not wanted or b.state == wanted)]
    counts = {s: sum(1 for b in lines if b.state == s) for s in BATCH_STATES}
    return render(
        request, "batches.html", batches=shown, query=query, wanted=wanted, states=BATCH_STATES,
        counts=counts, total=len(lines),
    )  # fmt: skip


async def open_batch(request: Request) -> Response:
    """A batch's own address, /batches/NAME (sent to a colleague, typed from its name): the step it is at, as
    its link on the Batches page (a 404 before: newcomer9's L7, found again by newcomer10)."""
    from .pagekit import _see, _web, no_batch

    name = request.path_params["name"]
    lines = await run_in_threadpool(batch_lines, _web(request))
    line = next((b for b in lines if b.name == name), None)
    if line is None:
        raise await run_in_threadpool(no_batch, _web(request).settings, name)
    return _see(line.link)
