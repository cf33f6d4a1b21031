"""The approval check every run passes before anything is sent (imported by the pipeline; light to import:
the team's modules load only when a plan is about to be sent)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..pipeline import PlanView
    from ..settings import Settings


def guard_confirm(
    settings: Settings, confirm: Callable[[PlanView], bool] | None
) -> Callable[[PlanView], bool]:
    """``confirm`` followed by :func:`bulkship.team.approvals.check_before_send`. A plan only looked at (the
    confirmation says no) is never checked; a confirmed one is refused when it needs an approval it lacks."""

    def confirmed(view: PlanView) -> bool:
        if confirm is not None and not confirm(view):
            return False
        from .approvals import check_before_send

        check_before_send(settings, view)
        return True

    return confirmed
