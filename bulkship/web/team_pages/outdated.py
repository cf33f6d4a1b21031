"""What changed a batch since its approval request was asked: said where the request reads 'Out of date'."""

from __future__ import annotations

from typing import Any

from ...team import audit


def changed_since(request: Any, batch: str, approval: Any) -> str:
    """Who changed ``batch`` since ``approval`` was asked, and how, from the audit trail: 'carol sent held
    rows anyway, or left them out (2026-12-06 13:41 UTC)'. The requester's cost page said 'Out of date:
    request #2 ... was for the batch as it was before a change' and no more, when an approver had sent a
    held row anyway on the Held rows page (found by hunter-web26). "" when the trail names no change (the
    batch's plan changed by another batch sent meanwhile)."""
    if request is None or approval is None or not request.scope.get("team_mode"):
        return ""
    from .common import _settings

    settings = _settings(request)
    lines = audit.entries(settings, batch=batch, since=approval.requested_at)
    said_id = str(approval.id)
    asked = next(
        (e.id for e in lines if e.action == "approval_request" and str(e.detail.get("request")) == said_id),
        None,
    )
    if asked is None:
        return ""
    latest: dict[tuple[str, str], str] = {}  # each person's kind of change once, at its newest time
    for line in lines:
        if line.id > asked and line.action in audit.CHANGES and line.action != "approval_request":
            latest.pop((line.actor, line.action), None)
            latest[(line.actor, line.action)] = line.at
    return "; ".join(
        f"{actor.removeprefix('cli:')} {audit.changes_said([action])} ({at[:16].replace('T', ' ')} UTC)"
        for (actor, action), at in latest.items()
    )
