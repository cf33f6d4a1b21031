"""What the web page knows about a batch: its page's events from the ledger's journal, folded in order.

The web page keeps no state of its own: every step a person takes is one ledger event (``log_event``), and a
batch's web state is those events folded in order. A reload, another browser or a restarted server sees the
same thing. Events (kind and detail)::

    web_upload     file_name, path (private copy), sheet, by,  a new batch (starts its web history over)
                   server, site, signed_in                    on the server holding the file (its address)
    web_sheet      sheet                                      another sheet of the workbook (fixes reset)
    web_columns    columns, profile                           the mapping chosen on the Columns page
                                                              (field -> header, "" for none; over guesses)
    web_fix        row, header, value                         a cell corrected in the review page
    web_fix_rows   rows, header, was, value                   the same cell of many rows corrected at once
                                                              (every one reading ``was`` in a column)
    web_repeat     chosen (fingerprint -> row), said, leave,  the held rows a person chose to send anyway
                   by                                         (each a repeat of an earlier card: said ->
                                                              what), or to leave out (row -> why), replacing
                                                              the earlier choice
    web_own_list   by                                         a person said it is a list of its own (the
                                                              review, refused as another batch's rows):
                                                              judged as a batch named by them
    web_take_in    row, take, said, by                        a row the list leaves out ordered after all
                                                              (take: true), or left out again (false)
    web_every_row  values                                     one value for every row of a field no column
                                                              gives (field -> value, "" for none): the
                                                              Columns page's, as a program's [defaults]
    web_checked    rows, valid, invalid, duplicate, warnings  the last validation's counts
    web_planned    change                                     the cost page planned the rows of that change
                                                              (the ledger's "to send" is theirs till the next)
    web_confirmed  total, change, before, charged             "send": the cost the person accepted, for the
                                                              rows as of that change (upload, sheet, fix);
                                                              the batch's orders sent before it, by state,
                                                              and what it was charged then
    web_run_started host, boot, pid, start                    a server process starts (or takes up) its run
                                                              (as web_confirmed's ``runner``: who sends it)
    web_run_done   exit_code, message, hint                   a background run ended (a killed one did not)
    web_deleted    -                                          gone from the page, and its upload from disk

A batch is *confirmed* when its latest confirmation is newer than its latest change (upload, sheet, fix); a
confirmed batch whose run has not ended since is *due*: the server (re)starts it, and the ledger makes the
re-run resume exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..ledger import EventRecord
from ..program import ProgramSettings

WEB_EVENTS = (
    "web_upload", "web_sheet", "web_columns", "web_fix", "web_checked", "web_planned", "web_confirmed",
    "web_run_done", "web_deleted", "web_refused", "web_every_row", "web_fix_rows", "web_repeat",
    "web_run_started", "web_take_in", "web_own_list",
)  # fmt: skip


@dataclass
class WebBatch:
    name: str
    file_name: str = ""
    upload: Path | None = None
    sheet: str | None = None
    by: str = ""
    no_sign_in: bool = False  # uploaded with no one signed in: ``by`` is the user running the server
    created: str = ""
    server: str = ""  # the server holding its upload (this_server there), "" before it was recorded
    site: str = ""  # that server's address, as the person uploading it reached it
    time_zone: str = ""  # the uploading browser's ("America/Los_Angeles"): its list's dates are of that day
    file_hash: str = ""  # the SHA-256 of the file as uploaded ("": recorded by an older bulkship)
    corrections: dict[tuple[int, str], str] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)  # the Columns page's mapping: field -> header
    profile: str = ""  # the profile the mapping came from, if any
    every_row: dict[str, str] = field(default_factory=dict)  # field -> one value for every row (no column)
    repeats_chosen: dict[str, int] = field(default_factory=dict)  # held rows sent anyway: fingerprint -> row
    repeats_said: dict[str, str] = field(default_factory=dict)  # ... and what each repeats
    repeats_left: dict[int, str] = field(
        default_factory=dict
    )  # held rows left out (they have their card): why
    # rows the list leaves out a person chose to order after all: row -> who, and what the list said of it
    taken_in: dict[int, str] = field(default_factory=dict)
    own_list: bool = False  # a person said it is a list of its own (web_own_list), though named by its file
    checked: dict[str, Any] | None = None
    change_id: int = 0  # id of the latest upload/sheet/fix event: names this version of the rows
    first_id: int = 0  # id of its upload event: change_id is still it while nothing was changed
    confirmed_id: int = 0
    confirmed_total: Decimal | None = None
    confirmed_cards: dict[str, str] = field(default_factory=dict)  # product Id -> name, as the page showed
    # the request an approver approved to send these rows (its id, who asked): None when a person's Send did
    confirmed_approval: tuple[int, str] | None = None
    done_id: int = 0
    last_run: dict[str, Any] | None = None
    deleted: bool = False
    deleted_said: str = ""  # by whom and when it was deleted ("by alice on 2026-12-06 17:33 UTC")
    refused: str = ""  # why its plan was refused (a repeat of another batch), for these rows
    refused_id: int = 0  # the change_id the refusal was for
    sent_by: str = ""  # the ``press`` of the Send that confirmed these rows first (others repeat it)
    # the batch's orders sent before its last Send, by state (created, rejected): that Send's progress
    # (None: a Send recorded by an older bulkship, which did not count them)
    sent_before: dict[str, int] | None = None
    # what the batch was charged when that Send was confirmed (None: an older bulkship's Send): a run taken up
    # again after a restart spends no more than the total confirmed, what its part sent before counted
    charged_at_send: Decimal | None = None
    planned_change: int | None = None  # the change_id of the rows the ledger's plan is of (None: not said)
    # the latest change of a column's cells at once: its event, (header, was, value) and the cells changed
    column_fix: tuple[int, tuple[str, str, str], int] | None = None
    runner: dict[str, str] = field(
        default_factory=dict
    )  # the server process sending it (servers.this_process)

    @property
    def upload_id(self) -> str:
        """This upload's own folder: a name deleted and then taken by another upload names another batch."""
        return self.upload.parent.name if self.upload else ""

    @property
    def refused_now(self) -> str:
        """Why the rows as they are now cannot be planned ("" when nothing refused them)."""
        return self.refused if self.refused_id == self.change_id else ""

    @property
    def plan_outdated(self) -> bool:
        """Whether the rows changed since the cost page last planned them: the ledger's orders to send (what
        the Batches page and `bulkship status` add up) are those of the rows before that change."""
        return self.planned_change is not None and self.planned_change != self.change_id

    @property
    def confirmed(self) -> bool:
        return self.confirmed_id > self.change_id

    @property
    def plan_key(self) -> tuple[str, int, int, date]:
        """What a plan shown for the batch holds for: its rows as changed, its last confirmation (the plan a
        run has spent is never shown again: the next view plans what is left), and the day its list is read
        on (a Send from a page shown before midnight is shown its cost again)."""
        return (self.name, self.change_id, self.confirmed_id, self.day)

    @property
    def day(self) -> date:
        """Today where the person uploading the list is: the day its dates are read by."""
        return self.program.today()

    @property
    def program(self) -> ProgramSettings:
        """The settings its file is read with: the mapping chosen on the Columns page over every guess, and
        the day where the person uploading it is (its 'Do Not Send Before' dates are theirs)."""
        columns, every_row = dict(self.columns), dict(self.every_row)
        return ProgramSettings(
            columns=columns, source="the Columns page", time_zone=self.time_zone, defaults=every_row
        )

    @property
    def due(self) -> bool:
        """Confirmed, and no run has ended since: a run must be (re)started."""
        return self.confirmed and self.confirmed_id > self.done_id


def fold(name: str, events: list[EventRecord]) -> WebBatch | None:
    """The batch named ``name`` as its page's ``events`` leave it (None: never uploaded)."""
    batch: WebBatch | None = None
    for event in events:
        kind, d = event.kind, event.detail
        if kind == "web_upload":
            if batch is not None and not batch.deleted:  # the name is taken: another upload under it at the
                continue  # same moment is its loser's, who takes another name (new_batch)
            batch = WebBatch(
                name=name,
                file_name=str(d.get("file_name", "")),
                upload=Path(d["path"]) if d.get("path") else None,
                sheet=d.get("sheet") or None,
                by=str(d.get("by", "")),
                no_sign_in=d.get("signed_in") is False,
                created=event.at,
                server=str(d.get("server", "")),
                site=str(d.get("site", "")),
                time_zone=str(d.get("time_zone", "")),
                file_hash=str(d.get("sha256", "")),
                change_id=event.id,
                first_id=event.id,
            )
            continue
        if batch is None:
            continue
        if kind == "web_sheet":
            batch.sheet, batch.corrections, batch.change_id = d.get("sheet") or None, {}, event.id
            batch.columns, batch.profile, batch.every_row, batch.repeats_chosen = {}, "", {}, {}
            batch.taken_in = {}
        elif kind == "web_columns":
            columns = {str(k): str(v) for k, v in dict(d.get("columns") or {}).items()}
            if columns != batch.columns:  # a profile saved under a name reads the rows as they were read
                batch.columns, batch.change_id = columns, event.id
            batch.profile = str(d.get("profile") or "")
        elif kind == "web_every_row":
            values = {**batch.every_row, **{str(k): str(v) for k, v in dict(d.get("values") or {}).items()}}
            batch.every_row, batch.change_id = {k: v for k, v in values.items() if v}, event.id
        elif kind == "web_fix":
            batch.corrections[int(d["row"]), str(d["header"])] = str(d.get("value", ""))
            batch.change_id = event.id
        elif kind == "web_fix_rows":
            header, value = str(d["header"]), str(d.get("value", ""))
            batch.corrections.update({(int(row), header): value for row in d.get("rows") or ()})
            batch.change_id = event.id
            changed = (header, str(d.get("was", "")), value)
            batch.column_fix = (event.id, changed, len(d.get("rows") or ()))
        elif kind == "web_repeat":
            batch.repeats_chosen = {str(fp): int(row) for fp, row in dict(d.get("chosen") or {}).items()}
            batch.repeats_said = {str(fp): str(said) for fp, said in dict(d.get("said") or {}).items()}
            batch.repeats_left = {int(row): str(why) for row, why in dict(d.get("leave") or {}).items()}
            batch.change_id = event.id
        elif kind == "web_own_list":
            batch.own_list, batch.change_id = True, event.id
        elif kind == "web_take_in":
            if d.get("take"):
                said = str(d.get("said") or "the list leaves it out")
                batch.taken_in[int(d["row"])] = f"by {d.get('by') or 'someone'}, though {said}"
            else:
                batch.taken_in.pop(int(d["row"]), None)
            batch.change_id = event.id
        elif kind == "web_checked":
            batch.checked = dict(d)
        elif kind == "web_planned":
            batch.planned_change = int(d.get("change", 0))
        elif kind == "web_confirmed":
            # a confirmation of rows changed before it was recorded (a fix saved in another tab meanwhile)
            # confirms nothing: the person saw the cost of the rows before that change
            # nor does a Send pressed as the batch was deleted (found by hunter-web9, below)
            if str(d.get("change", batch.change_id)) == str(batch.change_id) and not batch.deleted:
                if not batch.due:  # a Send of rows confirmed and not yet sent repeats that one
                    batch.sent_by = str(d.get("press", ""))
                    # (a repeat's count, taken as the first Send's run sends, would count its orders)
                    before = d.get("before")  # (None: an older bulkship's Send)
                    batch.sent_before = None if before is None else {k: int(n) for k, n in before.items()}
                    charged = d.get("charged")
                    batch.charged_at_send = None if charged is None else Decimal(str(charged))
                batch.confirmed_id, batch.confirmed_total = event.id, Decimal(str(d["total"]))
                batch.runner = dict(d.get("runner") or {})  # its server starts the run
                batch.confirmed_cards = {str(k): str(v) for k, v in dict(d.get("cards") or {}).items()}
                asked = d.get("approval")
                batch.confirmed_approval = None if asked is None else (int(asked), str(d.get("asked_by", "")))
        elif kind == "web_run_started":
            batch.runner = {str(k): str(v) for k, v in d.items()}
        elif kind == "web_run_done":
            batch.done_id, batch.last_run = event.id, dict(d)
        elif kind == "web_deleted":
            # a Send recorded first wins: its run may be sending (the Delete says so and deletes nothing).
            # Pressed at the same moment, both were recorded and both said done: the Delete's page
            # reported the batch deleted while its run sent it (found by hunter-web9)
            if not batch.deleted and not batch.due:
                by = f"by {d['by']} " if d.get("by") else ""
                batch.deleted, batch.deleted_said = True, f"{by}on {event.at[:16].replace('T', ' ')} UTC"
        elif kind == "web_refused":
            batch.refused, batch.refused_id = str(d.get("error", "")), batch.change_id
    return batch
