"""Who may not approve a request: its requester (also as cli:<login>), a person whose requester is disabled,
and a person who changed the batch (a maker is no checker); each refusal written in the trail."""

from __future__ import annotations

from ...settings import Settings
from .. import audit
from .records import Approval, ApprovalError, asker_gone


def _may_approve(settings: Settings, found: Approval, person: str, address: str) -> None:
    """Refuse (ApprovalError, written in the trail) an approval the run would act on for a disabled account,
    or by a person who asked for it or changed the batch, on the page or from the command line as
    cli:<their login>: a maker is no checker (found by newcomer7: an approver fixed a colleague's row to
    another recipient, then approved the colleague's request to send it)."""
    login = f"cli:{person}"  # the command line acts for cli:<login> without BULKSHIP_USER: the same person
    if found.requested_by.lower() == login.lower():  # (found by review10: cli:lee asked, lee approved it)
        raise _refused(
            settings, found, person, address, "approver is the requester",
            f"{person} asked for this approval (from the command line, as {login}): another person must "
            "approve or reject it",
        )  # fmt: skip
    gone = asker_gone(settings, found)
    if gone:  # (found by hunter-web22: one whose requester role was taken away was approved, its run refused)
        raise _refused(
            settings, found, person, address, "requester disabled",
            f"{gone}: request #{found.id} lapsed. Nothing is sent until an active requester asks again",
        )  # fmt: skip
    changed = sorted(
        set(audit.changes_by(settings, found.batch, person) + audit.changes_by(settings, found.batch, login))
    )
    anyones = [c for c in changed if c.endswith(audit.NO_SAVER)]
    if anyones and person != found.requested_by:  # its saver unknown: every approver may be (fail closed)
        raise _refused(
            settings, found, person, address, "profile saved by no one named",
            f"Batch {found.batch} was read with {', '.join(anyones)} (saved by hand, from the command line "
            "or on a page of no team): any approver may have chosen its columns, so none may approve it. "
            "Reject it, and read the list in a new batch with its columns chosen on the web page's Columns "
            "step, or a profile saved there (it names who saved it)",
            changes=", ".join(changed),
        )  # fmt: skip
    if changed and person != found.requested_by:  # the requester's own decision is refused by the database
        raise _refused(
            settings, found, person, address, "approver changed the batch",
            f"{person} changed batch {found.batch} ({audit.changes_said(changed)}): another approver must "
            "decide on it",
            changes=", ".join(changed),
        )  # fmt: skip


def _refused(
    settings: Settings, found: Approval, person: str, address: str, why: str, message: str, **detail: str
) -> ApprovalError:
    """The refusal of ``person``'s decision, recorded in the trail (``why``), to raise."""
    audit.record(
        settings, "approve_refused", actor=person, address=address, batch=found.batch, request=found.id,
        reason=why, **detail,
    )  # fmt: skip
    return ApprovalError(message)
