"""How to run a batch (:class:`RunOptions`): one frozen object with the default of each option that
``bulkship run`` uses, which the command line and the web page fill in and
:func:`~bulkship.pipeline.run_batch` reads."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import defaults
from .plan import DEFAULT_MAX_LINES
from .planview import PlanView
from .repeats import DEFAULT_WINDOW_DAYS, RepeatPolicy
from .submit import Reporter
from .webhookurl import checked_webhook_url

if TYPE_CHECKING:
    from .models import LoadedSheet
    from .program import ProgramSettings
    from .settings import Settings
    from .team.approvals.limits import SenderLimit
    from .validate.checkedonce import Checking

DEFAULT_WAIT_S = defaults.WAIT_S

ConfirmPlan = Callable[[PlanView], bool]


@dataclass(frozen=True)
class RunOptions:
    """How to run a batch; every field has the default ``bulkship run`` uses."""

    batch: str | None = None  # default: the file's name (default_batch_name)
    # the person said the batch is a list of its own (the web page's review), as a name they typed says it:
    # a file mostly of another batch's rows has those rows held one by one, not refused as that batch again
    own_list: bool = False
    po_prefix: str | None = None  # a new batch's PO prefix (default BS); a known batch keeps its own
    program: ProgramSettings | None = None  # the program file: columns, defaults, paper, repeat window
    sheet: str | None = None  # the workbook's sheet to read (default: the first with recipients)
    confirm: ConfirmPlan | None = None  # sees the plan before anything is sent; False stops (SpendLimitError)
    show_refused: Callable[[PlanView], None] | None = None  # sees a plan --max-total refuses (nothing sent)
    drop_declined: bool = (
        False  # confirm saying False is a person's no: a batch that sent nothing drops its plan
    )
    max_total: Decimal | None = None  # refuse (nothing sent) a plan whose worst case costs more
    max_batch_total: Decimal | None = None  # the same for the whole batch: what it was charged included
    # a limit's refusal advises sending part of the list (the command line's words, recorded in the ledger:
    # bulkship.repeats.takenout); a page's Send refused says to check the new total, and advises no split
    advise_split: bool = True
    webhook_url: str | None = None  # sent with each new order for the vendor's status callbacks
    wait_s: float = DEFAULT_WAIT_S  # how long to poll new orders before writing the workbook
    max_lines: int = DEFAULT_MAX_LINES  # line items per order
    today: date | None = None  # the day arrivals are counted from (default: today)
    reporter: Reporter | None = None  # sees the submission's progress
    client_factory: Callable[[Settings], Any] | None = None  # the vendor client (default: bulkship.client)
    allow_repeat: bool = False  # send rows that repeat a card already ordered (bulkship.repeats)
    allow_repeat_rows: frozenset[str] = frozenset()  # ... only these held rows (fingerprints), each chosen
    repeat_window_days: int | None = None  # else the program file's repeat_window_days, else 60
    loaded: LoadedSheet | None = None  # the sheet already read (and corrected) from the path: not read again
    # the web page's cost page: its review's check of the very rows taken, not made again (a Send and `run`
    # never set it: each checks afresh; bulkship.validate.checkedonce)
    checking: Checking | None = None
    cards_shown: Mapping[str, str] | None = None  # product Id -> the card's name the cost page showed (web)
    total_shown: Decimal | None = None  # the total a page showed and its Send confirmed: that, or nothing
    # what the batch was charged when a page's Send confirmed ``max_total``: the run, and one taken up again
    # after a restart, spends no more than ``max_total`` since then (what was sent before the restart counted)
    charged_at_send: Decimal | None = None
    # the plan's total, once ``confirm`` says yes, is the most the run spends: a person answered the CLI's
    # question seeing it, or --yes confirmed it as shown; a vendor raising its prices meanwhile stops the
    # run, as a web Send does
    limit_to_confirmed: bool = False
    # a person answers ``confirm`` (the CLI without --yes), perhaps long after the plan was made: the prices
    # are read again once answered, and orders in doubt asked of the vendor before the question
    answered_in_person: bool = False
    # in team mode, once ``confirm`` said yes: the most the batch may cost in all as the team allows its
    # person (alone, or by an approval), held to while the orders go out (set by run_batch)
    sender_limit: Callable[[], SenderLimit | None] | None = None
    # in team mode: whether a plan would wait for an approver (set by run_batch): orders in doubt taking it
    # there are asked of the vendor first (bulkship.submit.lookfirst)
    needs_an_approval: Callable[[PlanView], bool] | None = None
    keep: tuple[str, ...] = ()  # the person's options a command offered by a refusal gives again (CLI)
    # a run stopped before sending (declined, a limit) writes the batch's result workbook again; a look at
    # the plan alone (the web's cost page) does not: ~9 s per 20,000 rows, and its Send writes it
    rewrite_when_stopped: bool = True

    def __post_init__(self) -> None:
        checked_webhook_url(self.webhook_url)  # a URL the vendor cannot use would fail every order

    def repeat_policy(self, today: date) -> RepeatPolicy:
        window = self.repeat_window_days
        if window is None and self.program is not None:
            window = self.program.repeat_window_days
        return RepeatPolicy(
            allow=self.allow_repeat,
            chosen=self.allow_repeat_rows,
            window_days=DEFAULT_WINDOW_DAYS if window is None else window,
            today=today,
            keep=self.keep,
        )
