"""Another computer or ledger sending the batch right now (or that may be): the error that stops the run, the
rest of its plan held for review (:meth:`~.submitter.Submitter._hold_plan`)."""

from __future__ import annotations

from ..errors import VendorUnavailableError
from ..quoting import first_few


class BeingSentElsewhereError(VendorUnavailableError):
    """The run stopped because another computer or ledger is sending the batch right now (or may be): the
    rest of this ledger's plan waits for review (:meth:`~.submitter.Submitter._hold_plan`), ``why``."""

    def __init__(self, why: str, batch: str, *, sent: bool) -> None:
        done = _HELD_PLAN if sent else _HELD_PLAN.replace("Nothing more", "Nothing")
        super().__init__(
            f"{why}. {done}",
            hint=f"once you have checked that no other computer or ledger is still sending it, settle every "
            f"row waiting from one read of the vendor (those it holds recorded, the others released): "
            f"bulkship reconcile {batch} --release; then run the same command again (--review shows what "
            "waits)",
        )
        self.why = why


def _being_sent_elsewhere(batch: str, new: list[str], *, sent: bool = False) -> BeingSentElsewhereError:
    """Orders of a batch new to this ledger that the vendor did not show when this run looked for it, moments
    ago: another computer or ledger is sending the batch right now. Rows this run plans the other way (other
    PO numbers, another grouping) went out beside it: found by hunter-vendor12 (L1: BS-RACE-0301..0304
    created beside the other run's 0296..0299) and by hunter-vendor13 (a 409's rows not shown sent in a
    follow-up the other run was sending one by one), a second card each. ``sent``: said after such a 409."""
    shown = first_few(new)
    return BeingSentElsewhereError(
        f"The vendor now holds {len(new)} order(s) of batch {batch} ({shown}) that it did not show moments "
        "ago, when this run looked for the batch: it is being sent from another computer or ledger right now",
        batch,
        sent=sent,
    )


def _made_elsewhere(batch: str, theirs: list[str]) -> BeingSentElsewhereError:
    """Orders of a batch this ledger planned before that it did not make (another computer or ledger, under
    its own --po-prefix or grouping), found before the rest of the plan goes out: that run may still be
    sending the list. Only the rows its orders showed were held, and the rest went out beside its next order
    (found by hunter-vendor17: a plan declined here, the colleague's XY-GIFTS-0003 in flight, Gamma sent in
    BS-GIFTS-0003 too: two cards)."""
    shown = first_few(theirs)
    return BeingSentElsewhereError(
        f"The vendor holds {len(theirs)} order(s) of batch {batch} that this ledger did not make ({shown}): "
        "another computer or ledger sent rows of it, and may be sending it still",
        batch,
        sent=False,
    )


def _skipped_words(batch: str, missing: str, after: str) -> str:
    """The batch's PO numbers at the vendor skip ``missing`` between two of its orders (``after`` it): another
    run's order not made yet (its answer lost, the vendor busy) may hold rows found on none of them."""
    return (
        f"the vendor's orders of batch {batch} skip PO number {missing} (before {after}): another computer "
        "or ledger may be sending that order right now, with rows of this one"
    )


def _sent_elsewhere_grouped_otherwise(batch: str, po: str) -> BeingSentElsewhereError:
    """A 409's original holds other rows of the batch: another computer or ledger sent it, grouped its own
    way, and may be sending it still (a follow-up of the rows not shown would go beside its next orders)."""
    return BeingSentElsewhereError(
        f"The vendor's order {po} holds other rows of batch {batch} than this ledger planned under that PO "
        "number: another computer or ledger sent the batch, grouped its own way, and may be sending it still",
        batch,
        sent=True,
    )


# what stays of the plan after such a stop: a run started again too soon sent the orders left planned beside
# the other run's next ones, a second card each (found by hunter-vendor14)
_HELD_PLAN = (
    "Nothing more was sent; the rows not ordered yet wait for review (running the same command again does "
    "not send them)"
)
