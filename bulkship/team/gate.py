"""The approval check every run passes before anything is sent, and the audit trail's record of how the run
ended (imported by the pipeline; light to import: the team's modules load only when a plan is about to be
sent).

A run that got past the check (``run_start``, or ``resume`` after a run that was stopped or killed) always
gets a closing line in team mode, whoever started it (the CLI or the web page): ``run_end`` with the rows
ordered and the money, ``run_stop`` when the vendor stopped it, an error ended it or it was interrupted. A
run killed outright (SIGKILL, power) cannot write one: its next run's ``resume`` line follows its start.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..planview import PlanView
    from ..runresult import RunResult
    from ..settings import Settings
    from .approvals.limits import SenderLimit


class RunGuard:
    """Wraps a run's confirmation with the approval check and records the run's end in the trail."""

    def __init__(
        self, settings: Settings, confirm: Callable[[PlanView], bool] | None, program_file: str = ""
    ) -> None:
        self.settings = settings
        self.confirm = confirm
        self.program_file = program_file  # the program file the rows were read with (--config), if any
        self.person: str | None = None  # who the run acts for, once it got past the check (team mode)
        self.batch = ""
        self.address = ""  # where it was started from (the command line's login and host)
        self.charged_before = Decimal(0)  # the batch's money charged when it got past the check
        self.limit: SenderLimit | None = None  # the most the batch may cost in all, as the team allows it

    def sender_limit(self) -> SenderLimit | None:
        """What the run's person may make the batch cost in all, once the check passed (team mode)."""
        return self.limit

    def needs_an_approval(self, view: PlanView) -> bool:
        """Whether the plan would wait for an approver (team mode), before anyone is asked."""
        from .approvals import needs_an_approval

        return needs_an_approval(self.settings, view)

    def confirmed(self, view: PlanView) -> bool:
        """``confirm`` followed by :func:`bulkship.team.approvals.check_before_send`. A plan only looked at
        (the confirmation says no) is never checked; a confirmed one is refused when it needs an approval it
        lacks."""
        if self.confirm is not None and not self.confirm(view):
            return False
        from .approvals import check_before_send, origin
        from .roles import SEND, check_page_person

        check_page_person(self.settings, SEND, view)  # the page's person, as they are now the run starts
        self._read_with_profile(view.batch)
        sending = check_before_send(self.settings, view)
        self.person, self.limit = (sending.person, sending.limit) if sending is not None else (None, None)
        self.batch, self.address = view.batch, origin()
        self.charged_before = view.charged.total
        return True

    def _read_with_profile(self, batch: str) -> None:
        """A command line's run of rows read with a profile saved on the web page (``--config monthly``)
        writes the 'mapping' line its Use on the page writes: who saved it chose the batch's columns and may
        not approve it; one naming no saver is anyone's (:func:`bulkship.team.audit.changes_by`). carol's
        profile, run by alice from the command line, was approved by carol alone (hunter-web16's leftover)."""
        from ..profiles import profile_at
        from . import audit, store
        from .approvals import acting_person, origin

        if not self.program_file or not origin() or not store.team_mode(self.settings):
            return  # the web page's run: its Use of a profile wrote its line already
        found = profile_at(self.program_file)
        if found is None:
            return
        saver = (
            {audit.PROFILE_SAVED_BY: found.saved_by}
            if found.saved_by
            else {audit.PROFILE_SAVER_UNKNOWN: "yes"}
        )
        audit.record(
            self.settings, "mapping", actor=acting_person(self.settings), address=origin(), batch=batch,
            profile=found.name, program_file=str(found.path), **saver,
        )  # fmt: skip

    def run(self, work: Callable[[], RunResult]) -> RunResult:
        """``work()`` (the run), with its end recorded once it started sending. Refused before anything
        is read or planned when ``BULKSHIP_USER`` names an account that may not send (:mod:`.roles`)."""
        from .roles import SEND, check_acting

        check_acting(self.settings, SEND)
        try:
            result = work()
        except BaseException as exc:  # an error or Ctrl-C after the start: the trail says so
            if self.person is not None:
                from . import audit

                interrupted = isinstance(exc, KeyboardInterrupt)
                why = "interrupted" if interrupted else getattr(exc, "message", str(exc))
                with contextlib.suppress(Exception):  # the run's own error is the one to show
                    audit.record(
                        self.settings, "run_stop", actor=self.person, address=self.address,
                        batch=self.batch, error=why,
                    )  # fmt: skip
            raise
        if self.person is not None:
            self._record_end(result)
        return result

    def _record_end(self, result: RunResult) -> None:
        from ..money import MONEY_CURRENCY, money_plain
        from . import audit
        from .approvals.limits import spent

        stopped = result.stopped
        audit.record(
            self.settings, "run_stop" if stopped is not None else "run_end", actor=self.person or "",
            address=self.address, batch=result.batch, exit_code=result.exit_code,
            orders_sent=result.sent_orders, ordered_rows=result.ordered_rows, rows=result.rows,
            charged=money_plain(result.total_cost), currency=MONEY_CURRENCY, spent_after=spent(result.money),
            # 'charged' is the batch's, all runs together: summed over the trail, a follow-up counted twice
            charged_in_this_run=money_plain(result.total_cost - self.charged_before),
            **self._charged_apart(result),
            in_doubt_orders=result.unknown_orders, rows_not_sent=result.unsent_rows,
            error=stopped.message if stopped is not None else "",
            workbook=result.output.name if result.output else "", **audit.trial(self.settings),
        )  # fmt: skip

    def _charged_apart(self, result: RunResult) -> dict[str, str]:
        """``charged_in_this_run`` told apart: what the orders this run sent charge, and how much the money
        of the batch's earlier orders changed meanwhile (a line the vendor failed during its wait, refunded).
        Alone, 'charged_in_this_run: -25.00' beside 'orders_sent: 1' puzzled (hunter-money3's LG, found live:
        the run's own card 25.00, an earlier order's two cards failed). Nothing when it cannot be told (an
        older bulkship's row of no recorded cost)."""
        from ..ledger import Ledger
        from ..money import money_plain

        with Ledger.open(self.settings.ledger_location, lock=False, read_only=True) as ledger:
            own = ledger.charged_on_orders(result.created_orders) if result.created_orders else Decimal(0)
            billed = ledger.billed_on_orders(result.batch) if result.created_orders else {}
        if own is None:
            return {}
        own += sum((amount for po, (_b, amount) in billed.items() if po in result.created_orders), Decimal(0))
        earlier = result.total_cost - self.charged_before - own
        return {
            "charged_by_its_orders": money_plain(own),
            "charged_change_of_earlier_orders": money_plain(earlier),
        }
