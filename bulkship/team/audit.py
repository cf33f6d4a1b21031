"""The audit trail: who did what, when, from where. Append-only (see :mod:`.tables`): this module has
``record`` and readers, and no code path that changes or removes a line.

Actions (``action``, with the batch where there is one, and a JSON ``detail``)::

    upload  sheet  mapping  profile  fix  take_in  repeat  confirm  approval_request  approve  approve_refused
    reject  approval_withdraw
    run_start  run_end  run_stop  resume  delete  reconcile  review_check  review_settle  track  export
    audit_export  ledger_copy
    sign_in  sign_in_refused  sign_out  password_change  user_add  user_disable  user_enable
    password_reset  user_roles  user_limit  setting
    refused  (a change or an export the person's roles do not allow, or a disabled account's, on the page
              or from the command line: nothing was done)

The web page records who is signed in and the browser's address; the command line, which signs no one in,
records ``BULKSHIP_USER`` (when it names an account) or ``cli:<login>``, from ``command line: login@host``.

The acting person of a run is also written to the ledger's own journal (a ``team_send`` event beside the
vendor's answers), so what the vendor said stays tied to the batch and to who sent it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ..safetext import csv_safe, needs_quote
from ..settings import Settings
from . import store
from .tables import audit_trail

COLUMNS = ("When (UTC)", "Who", "From", "Action", "Batch", "Detail")


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    address: str
    action: str
    batch: str | None
    detail: dict[str, Any]

    def detail_text(self) -> str:
        return "; ".join(f"{k}: {v}" for k, v in self.detail.items() if v not in ("", None))

    def cells(self) -> tuple[str, ...]:
        return (self.at, self.actor, self.address, self.action, self.batch or "", self.detail_text())


def trial(settings: Settings) -> dict[str, str]:
    """What a run's lines say of a run on the embedded sandbox ({'sandbox': ...}; nothing for a vendor's):
    its 'charged: 100.00' is no money. Unmarked, the trail exported for a period read a trial's runs as
    money charged beside the vendor's (found by hunter-money16)."""
    return {"sandbox": "no real order (the embedded sandbox)"} if settings.is_sandbox else {}


def record(
    settings: Settings,
    action: str,
    *,
    actor: str,
    address: str = "",
    batch: str | None = None,
    **detail: Any,
) -> None:
    """Append one line to the trail (its own transaction: the line stays whatever happens next)."""
    with store.engine(settings).begin() as db:
        db.execute(
            audit_trail.insert().values(
                at=store.now_iso(),
                actor=actor,
                address=address,
                action=action,
                batch=batch,
                detail=json.dumps(detail, default=str, ensure_ascii=False),
            )
        )


def entries(
    settings: Settings,
    *,
    batch: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> list[AuditEntry]:
    """Lines of the trail, oldest first: one batch's, and/or those from ``since`` (inclusive) to ``until``
    (exclusive), both ISO dates or times in UTC."""
    query = _within(sa.select(audit_trail).order_by(audit_trail.c.id), batch, since, until)
    if limit is not None:
        query = query.order_by(None).order_by(audit_trail.c.id.desc()).limit(limit)
    with store.read(settings) as db:
        found = [
            AuditEntry(r.id, r.at, r.actor, r.address, r.action, r.batch, json.loads(r.detail or "{}"))
            for r in db.execute(query)
        ]
    return sorted(found, key=lambda e: e.id)


def _within(query: Any, batch: str | None, since: str | None, until: str | None) -> Any:
    if batch is not None:
        query = query.where(audit_trail.c.batch == batch)
    if since:
        # the trail keeps seconds ('...T14:52:01+00:00'), the ledger microseconds ('...T14:52:01.52Z'): from
        # a ledger moment, the lines of its own second are kept (they sort before it whole)
        query = query.where(audit_trail.c.at >= since[:19])
    if until:
        query = query.where(audit_trail.c.at < until)
    return query


def count(
    settings: Settings, *, batch: str | None = None, since: str | None = None, until: str | None = None
) -> int:
    """How many lines :func:`entries` would return (the page shows the newest only)."""
    query = _within(sa.select(sa.func.count()).select_from(audit_trail), batch, since, until)
    with store.read(settings) as db:
        return int(db.execute(query).scalar() or 0)


@dataclass(frozen=True)
class UnknownBatch:
    """A batch name neither the ledger nor the trail knows: the ledger's batches, the one written alike."""

    batch: str
    batches: tuple[str, ...]
    alike: str = ""

    def message(self, ledger: str = "") -> str:
        """Said of it; ``ledger`` the ledger as shown (the web page names none)."""
        where = f"the ledger {ledger}" if ledger else "the ledger"
        return (
            f"No batch named {self.batch!r} in {where} nor in its audit trail "
            f"(batches: {', '.join(self.batches) or 'none'})"
        )


def unknown_batch(settings: Settings, batch: str) -> UnknownBatch | None:
    """None when the ledger holds ``batch`` or a line of the trail names it (a batch deleted since); else
    what to say of it (found by newcomer12: an export of a mistyped name, empty, read as a batch nobody
    touched). An export's own line names whatever was typed, and makes no name known."""
    from ..ledger import Ledger, ledger_exists

    names: list[str] = []
    if ledger_exists(settings.ledger_location):
        with Ledger.open(settings.ledger_location, lock=False, read_only=True) as ledger:
            names = [b.name for b in ledger.batches()]
    if batch in names or any(e.action != "audit_export" for e in entries(settings, batch=batch)):
        return None
    alike = [n for n in dict.fromkeys([*names, *batch_names(settings)]) if n.casefold() == batch.casefold()]
    return UnknownBatch(batch, tuple(names), alike[0] if alike else "")


def batch_names(settings: Settings) -> list[str]:
    """Every batch a line of the trail names (a batch deleted since too), each once; an export's own line
    names whatever was typed, and is no batch's."""
    named = audit_trail.c.batch.is_not(None) & (audit_trail.c.action != "audit_export")
    query = sa.select(audit_trail.c.batch).where(named).distinct()
    with store.read(settings) as db:
        return sorted({str(name) for (name,) in db.execute(query) if name})


def last_entry(settings: Settings, batch: str, actions: Sequence[str]) -> AuditEntry | None:
    """The batch's newest line of one of ``actions``."""
    query = (
        sa.select(audit_trail)
        .where(audit_trail.c.batch == batch, audit_trail.c.action.in_(list(actions)))
        .order_by(audit_trail.c.id.desc())
        .limit(1)
    )
    with store.read(settings) as db:
        r = db.execute(query).first()
    if r is None:
        return None
    return AuditEntry(r.id, r.at, r.actor, r.address, r.action, r.batch, json.loads(r.detail or "{}"))


# What changes the orders a batch would send: the file, the sheet read, the columns, a row's cells; and asking
# for (or starting) a run of a plan: from the command line, one's own copy of the file (found by newcomer7)
CHANGES = (
    "upload",
    "sheet",
    "mapping",
    "fix",
    "take_in",  # a row the list leaves out ordered after all (the web page's review), or left out again
    "repeat",  # held rows chosen to be sent anyway (the web page's Held rows), or kept held again
    "approval_request",
    "run_start",
    "review_settle",  # rows waiting for review released to be sent again, or said to be at the vendor
    "own_list",  # a list refused as another batch's rows said to be a list of its own (the web page's review)
)  # and a run of one's own file

_CHANGES_SAID = {  # each of CHANGES as a person reads it
    "upload": "uploaded it",
    "sheet": "chose its sheet",
    "mapping": "chose its columns",
    "fix": "fixed a cell",
    "take_in": "ordered a row the list leaves out",
    "repeat": "sent held rows anyway, or left them out",
    "approval_request": "asked for its approval",
    "run_start": "sent it",
    "review_settle": "settled rows waiting for review",
    "own_list": "said it is a list of its own",
}


def changes_said(changed: Sequence[str], *, yours: bool = False) -> str:
    """:func:`changes_by`'s changes in words: 'fixed a cell, sent held rows anyway, or left them out', not
    the trail's 'fix, repeat' (an approval refused to its maker read 'carol changed batch dec (repeat)').
    ``yours``: said to the person who made them ('You changed this batch (the profile “monthly” you saved)':
    it read '... they saved' on the saver's own page, review47)."""
    said = [_CHANGES_SAID.get(c, c) for c in changed]
    if yours:
        said = [s.removesuffix(THEY_SAVED) + " you saved" if s.endswith(THEY_SAVED) else s for s in said]
    return ", ".join(said)


# a 'mapping' line's detail naming who saved the profile the batch was read with: they chose its columns
PROFILE_SAVED_BY = "profile_saved_by"
# ... or saying that it names no one (saved by hand, from the command line, or on a page of no team): anyone
# may have chosen its columns, every approver among them (the lead's decision: fail closed)
PROFILE_SAVER_UNKNOWN = "profile_saver_unknown"
NO_SAVER = "which names no one as its saver"
THEY_SAVED = " they saved"  # a profile the person saved: 'the profile “monthly” they saved'
UNKNOWN_SAVER = "the profile “{}”, " + NO_SAVER


def changes_by(settings: Settings, batch: str, person: str) -> list[str]:
    """The changes (:data:`CHANGES`) ``person`` made to ``batch`` since it was last deleted, oldest first:
    a maker of the batch may not be its checker. A profile ``person`` saved that someone read the batch
    with is one ('the profile “monthly” they saved'): carol saved 'monthly' reading 'Amount 2026' as the
    card's amount, alice read her batch with it and carol approved it alone (hunter-web15's leftover 2, the
    lead's decision). A profile naming no saver is everyone's (:data:`PROFILE_SAVER_UNKNOWN`); the command
    line's ``--config`` of a profile writes a 'mapping' line too (hunter-web16's leftover 1)."""
    deleted = (
        sa.select(sa.func.max(audit_trail.c.id))
        .where(audit_trail.c.batch == batch, audit_trail.c.action == "delete")
        .scalar_subquery()
    )
    query = (
        sa.select(audit_trail.c.actor, audit_trail.c.action, audit_trail.c.detail)
        .where(
            audit_trail.c.batch == batch,
            sa.or_(audit_trail.c.actor == person, audit_trail.c.action == "mapping"),
            audit_trail.c.action.in_(list(CHANGES)),
            audit_trail.c.id > sa.func.coalesce(deleted, 0),
        )
        .order_by(audit_trail.c.id)
    )
    found: list[str] = []
    with store.read(settings) as db:
        for r in db.execute(query):
            if r.actor == person:
                found.append(str(r.action))
                continue
            detail = json.loads(r.detail or "{}")
            if detail.get(PROFILE_SAVED_BY) == person:
                found.append(f"the profile “{detail.get('profile', '')}”{THEY_SAVED}")
            elif detail.get(PROFILE_SAVER_UNKNOWN):
                found.append(UNKNOWN_SAVER.format(detail.get("profile", "")))
    return found


def to_csv(found: Sequence[AuditEntry]) -> bytes:
    """The trail as CSV (UTF-8 with a BOM so Excel reads it), formula-like cells neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in found:
        writer.writerow([csv_safe(cell) for cell in entry.cells()])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


XLSX_SHEET = "Audit trail"


def is_export(path: Path) -> bool:
    """An audit export :func:`to_csv` or :func:`to_xlsx` wrote (what ``bulkship audit --out`` may replace): a
    recipient list or a result workbook named there was replaced by the trail, without a word (found by
    review21: ``audit --out gifts.csv``)."""
    if path.is_file() and path.stat().st_size == 0:  # an empty file made for it (touch, mktemp)
        return True
    if path.suffix.lower() == ".csv":
        try:
            with path.open("rb") as handle:
                first = handle.readline(4096).decode("utf-8-sig", "replace").strip()
        except OSError:
            return False
        return first == ",".join(COLUMNS)
    from ..reconcile.fixsheet import workbook_sheets

    return workbook_sheets(path) == [XLSX_SHEET]


def to_xlsx(found: Sequence[AuditEntry], title: str) -> bytes:
    """The trail as an XLSX workbook: every cell a string, formula-like text quote-prefixed."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet(XLSX_SHEET)
    bold = book.add_format({"bold": True})
    quoted = book.add_format({"quote_prefix": True})
    sheet.write_string(0, 0, title, bold)
    for col, name in enumerate(COLUMNS):
        sheet.write_string(2, col, name, bold)
    for row, entry in enumerate(found, start=3):
        for col, cell in enumerate(entry.cells()):
            sheet.write_string(row, col, cell, quoted if needs_quote(cell) else None)
    sheet.freeze_panes(3, 0)
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 4, 16)
    sheet.set_column(5, 5, 80)
    sheet.autofilter(2, 0, max(2, len(found) + 2), len(COLUMNS) - 1)
    book.close()
    return buffer.getvalue()
