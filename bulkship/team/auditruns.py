"""The runs of the audit trail: who started or took up a run, every run's line of some batches, whether a
batch's last run ended well. Read by the approvals' limits (what people spent alone) and before a run
(its line is a ``resume`` after one that did not end)."""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa

from ..settings import Settings
from . import store
from .audit import AuditEntry
from .tables import audit_trail

RUN_LINES = ("run_start", "resume", "run_end", "run_stop")
RUN_OPENERS = ("run_start", "resume")  # a run past the approval check: it may send


def started_by(settings: Settings, people: Sequence[str], *, since: str) -> list[AuditEntry]:
    """The runs any of ``people`` started (``run_start``) or took up again (``resume``) from ``since`` (ISO
    time, UTC)."""
    query = sa.select(audit_trail).where(
        audit_trail.c.actor.in_(list(people)),
        audit_trail.c.action.in_(RUN_OPENERS),
        audit_trail.c.at >= since,
    )
    with store.read(settings) as db:
        return [
            AuditEntry(r.id, r.at, r.actor, r.address, r.action, r.batch, json.loads(r.detail or "{}"))
            for r in db.execute(query)
        ]


def run_lines_after(settings: Settings, batches: Sequence[str], first: int) -> list[AuditEntry]:
    """Every run's line (:data:`RUN_LINES`) of ``batches`` from line ``first`` on, oldest first."""
    query = (
        sa.select(audit_trail)
        .where(
            audit_trail.c.batch.in_(list(batches)),
            audit_trail.c.action.in_(RUN_LINES),
            audit_trail.c.id >= first,
        )
        .order_by(audit_trail.c.id)
    )
    with store.read(settings) as db:
        return [
            AuditEntry(r.id, r.at, r.actor, r.address, r.action, r.batch, json.loads(r.detail or "{}"))
            for r in db.execute(query)
        ]


def unfinished_run(settings: Settings, batch: str) -> bool:
    """Whether the batch's last run did not end well: stopped (the vendor, an error, Ctrl-C) or gone
    without a word (killed). Its next run is then a ``resume``."""
    query = (
        sa.select(audit_trail.c.action)
        .where(audit_trail.c.batch == batch, audit_trail.c.action.in_(RUN_LINES))
        .order_by(audit_trail.c.id.desc())
        .limit(1)
    )
    with store.read(settings) as db:
        found = db.execute(query).scalar()
    return found is not None and found != "run_end"
