"""Team use: people and roles (:mod:`.accounts`), maker-checker approvals (:mod:`.approvals`) and the audit
trail (:mod:`.audit`), in the ledger's own database (:mod:`.store`, tables in :mod:`.tables`).

A ledger without accounts is a single-user ledger and none of this applies; the first account
(``bulkship users add``) turns team mode on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

ROLES = ("admin", "requester", "approver", "finance")

if TYPE_CHECKING:
    from ..settings import Settings


def team_mode(settings: Settings) -> bool:
    """Whether the ledger has accounts (see :func:`.store.team_mode`)."""
    from .store import team_mode as has_accounts

    return has_accounts(settings)


def person_acting(settings: Settings) -> str | None:
    """Who this call acts for in team mode (the page's person, else ``BULKSHIP_USER`` naming an account,
    else ``cli:<login>``, as the audit trail says); None for a single-user ledger."""
    if not team_mode(settings):
        return None
    from .approvals import acting_person

    return acting_person(settings)


def run_actor(settings: Settings, batch: str) -> str | None:
    """Who a background run of the batch acts for: the person who last confirmed it, or who asked for the
    approval given since (team mode only). A page's batch whose approval `bulkship run` asked for, approved
    on the page, was sent "by" the server's own login, 'cli:root' from 'command line: root@host', and the
    requester's role was never checked (found by hunter-web8)."""
    if not team_mode(settings):
        return None
    from .audit import last_entry

    found = last_entry(settings, batch, ("confirm", "approve"))
    if found is None:
        return None
    if found.action == "approve":
        return str(found.detail.get("requested_by") or "") or None
    return found.actor


def note(settings: Settings, action: str, *, actor: str, batch: str | None = None, **detail: Any) -> None:
    """A line in the audit trail, in team mode only (a single-user ledger keeps no trail)."""
    if team_mode(settings):
        from .audit import record

        record(settings, action, actor=actor, batch=batch, **detail)


def note_from_cli(settings: Settings, action: str, *, batch: str | None = None, **detail: Any) -> None:
    """A command's line in the trail (team mode only): it acts for ``BULKSHIP_USER`` when that names an
    account, else ``cli:<login>`` (the command line signs no one in), from ``command line: login@host``."""
    if team_mode(settings):
        from .approvals import acting_person, origin
        from .audit import record

        record(settings, action, actor=acting_person(settings), address=origin(), batch=batch, **detail)


__all__ = ["ROLES", "note", "note_from_cli", "person_acting", "run_actor", "team_mode"]
