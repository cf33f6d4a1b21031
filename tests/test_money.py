"""Money that adds up: duplicates, orders in doubt and a 422 stop, end to end against the sandbox; after each
scenario the money invariants (tests/support/money_invariants.py) hold in every output."""

from __future__ import annotations

import contextlib
import csv
import json
import sqlite3
from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest
from support.money_invariants import check_money

from bulkship.cli import main
from bulkship.client import connect
from bulkship.errors import BatchConflictError
from bulkship.ledger import Ledger
from bulkship.money import MoneyTally
from bulkship.pipeline import run_batch
from bulkship.reconcile.join import LedgerView, money_by_bucket
from bulkship.reconcile.sheets import RESULT_COLUMNS, RESULTS_SHEET, read_result_workbook
from bulkship.resultfile import output_stem, result_path
from bulkship.runresult import PlanView
from bulkship.sandbox import Sandbox, SandboxConfig, create_app
from bulkship.settings import Settings, resolve_settings
from bulkship.statuses import CHARGED, IN_DOUBT, MONEY_BUCKETS, TO_SEND

HEADER = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Amount"]


def person(i: int, *, address: str | None = None) -> list[str]:
    street = f"{i + 1} Main St" if address is None else address
    return [f"E{i}", f"Person {i}", street, "Boston", "MA", "02134", "CVS", "25"]


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def results_by_row(path: Path) -> dict[int, dict[str, Any]]:
    table = list(openpyxl.load_workbook(path, read_only=True)[RESULTS_SHEET].iter_rows(values_only=True))
    width = len(table[0]) - len(RESULT_COLUMNS)
    return {int(r[width]): dict(zip(table[0], r, strict=True)) for r in table[1:]}


async def _no_sleep(_seconds: float) -> None:
    return None


class Vendor:
    def __init__(self, tmp_path: Path, **config: Any) -> None:
        self.sandbox = Sandbox(SandboxConfig(state_file=tmp_path / "vendor.sqlite", clock_speed=0, **config))
        self.transport: httpx.AsyncBaseTransport = httpx.ASGITransport(app=create_app(self.sandbox))

    def factory(self, transport: httpx.AsyncBaseTransport | None = None) -> Any:
        chosen = transport or self.transport
        return lambda settings: connect(settings, transport=chosen, sleep=_no_sleep)

    def line_counts(self) -> Counter[str]:
        return Counter(li["ExternalId"] for o in self.sandbox.orders() for li in o["LineItems"])


@pytest.fixture
def vendor(tmp_path: Path) -> Any:
    made = Vendor(tmp_path)
    yield made
    made.sandbox.close()


class AnswerLost(httpx.AsyncBaseTransport):
    """While ``lose`` holds, POST /v1/Orders reaches the vendor (the order is created) but its answer is lost,
    and the order list is down from then on (read before: a new batch is not sent unchecked): the run cannot
    tell whether the money was spent."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner, self.lose, self.posted = inner, True, False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.lower()
        if self.lose and request.method == "POST" and path == "/v1/orders":
            await self.inner.handle_async_request(request)
            self.posted = True
            return httpx.Response(504, json={"Message": "timeout"})
        if self.lose and self.posted and request.method == "GET" and path == "/v1/orders":
            return httpx.Response(503, json={"Message": "down"})
        return await self.inner.handle_async_request(request)


def test_a_duplicate_row_is_not_ordered_and_costs_nothing_in_any_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [person(0), person(1), person(1), person(2), person(3, address="")]  # row 4 repeats row 3
    sheet = write_rows(tmp_path / "gifts.csv", rows)
    out = tmp_path / "out"
    code = main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(out), "--json", "--csv"])
    data = json.loads(capsys.readouterr().out)
    assert code == 3 and data["exit"] == 3, data  # an invalid row and a duplicate need the user
    assert data["by_status"] == {"duplicate": 1, "invalid": 1, "pending": 3}
    results = results_by_row(Path(data["output"]))
    duplicate = results[4]
    assert duplicate["Status"] == "duplicate"
    assert str(duplicate["Problems / vendor error"]).startswith("duplicate of row 3 — not ordered")
    assert not (duplicate["PO Number"] or duplicate["Line Item ID"] or duplicate["Total"])
    assert results[3]["Status"] == "pending" and results[3]["PO Number"]
    ledger = resolve_settings().ledger
    seen = check_money(ledger, "gifts", input_rows=range(2, 7), run_json=data, web=True)
    assert seen.total("charged") == Decimal("75.00") and seen.statuses["duplicate"] == 1
    # a re-run (resume) and a track keep the duplicate apart and the sums equal
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(out)]) == 3
    assert main(["track", "gifts", "--csv"]) == 0
    capsys.readouterr()
    seen = check_money(ledger, "gifts", input_rows=range(2, 7))
    assert seen.total("charged") == Decimal("75.00") and seen.rows[4]["Status"] == "duplicate"


def test_orders_in_doubt_show_their_money_and_the_resume_plan_keeps_them_apart(
    tmp_path: Path, vendor: Vendor
) -> None:
    sheet = write_rows(tmp_path / "staff.csv", [person(i) for i in range(4)])
    settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out", concurrency=1)
    lossy = AnswerLost(vendor.transport)
    first = run_batch(sheet, settings, wait_s=0, max_lines=2, client_factory=vendor.factory(lossy))
    assert first.exit_code == 1 and first.unknown_orders == 2
    report = first.as_json()
    assert report["orders_in_doubt"] == 2 and report["money"]["in_doubt"]["total"] == "100.00"
    assert report["money"]["to_send"]["total"] == "0.00", "money in doubt is never shown as unspent"
    seen = check_money(settings.ledger, "staff", input_rows=range(2, 6), run_json=report)
    assert seen.total("in doubt") == Decimal("100.00") and seen.statuses["in doubt"] == 4

    plans: list[PlanView] = []

    def confirm(view: PlanView) -> bool:
        plans.append(view)
        return True

    lossy.lose = False  # the vendor answers again: the re-run settles both orders with their PO numbers
    second = run_batch(sheet, settings, wait_s=0, confirm=confirm, client_factory=vendor.factory(lossy))
    assert plans and plans[0].in_doubt.total == Decimal("100.00") and plans[0].summary.total == 0
    assert second.exit_code == 0 and second.total_cost == Decimal("100.00")
    assert vendor.line_counts() == Counter({f"E{i}": 1 for i in range(4)})
    check_money(settings.ledger, "staff", input_rows=range(2, 6), vendor_orders=vendor.sandbox.orders())


def test_a_422_stop_reports_funds_missing_and_rows_not_sent_then_resumes(tmp_path: Path) -> None:
    made = Vendor(tmp_path, balance=Decimal("60"))
    try:
        sheet = write_rows(tmp_path / "staff.csv", [person(i) for i in range(4)])
        settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out", concurrency=1)
        first = run_batch(sheet, settings, wait_s=0, max_lines=1, client_factory=made.factory())
        report = first.as_json()
        assert first.exit_code == 1 and report["stopped"] and "fund" in str(report["stop_reason"]).lower()
        assert report["rows_not_sent"] == 2 and report["missing_funds"] is not None
        money = report["money"]
        assert money["charged"]["total"] == "50.00" and money["to_send"]["total"] == "50.00"
        check_money(settings.ledger, "staff", input_rows=range(2, 6), run_json=report)
        made.sandbox.fund(Decimal("1000"))
        second = run_batch(sheet, settings, wait_s=0, max_lines=1, client_factory=made.factory())
        assert second.exit_code == 0 and second.as_json()["money"]["charged"]["total"] == "100.00"
        check_money(settings.ledger, "staff", input_rows=range(2, 6), vendor_orders=made.sandbox.orders())
    finally:
        made.sandbox.close()


def test_rows_an_older_bulkship_left_without_a_cost_show_cost_unknown_never_0_00(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """bulkship 0.1 recorded each ordered row's cost from the vendor's answer, and none when the answer had no
    line cost. Such a row shows its cost as unknown; every total it belongs to (Summary, Orders sheet,
    status, run --json, reconcile --json) says it leaves rows out, and nothing counts them as 0.00 spent."""
    sheet = write_rows(tmp_path / "gifts.csv", [person(i) for i in range(4)])
    out = tmp_path / "out"
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--max-lines", "2", "--out", str(out)]) == 0
    ledger = resolve_settings().ledger
    with contextlib.closing(sqlite3.connect(ledger)) as db, db:  # what bulkship 0.1 left for such an answer
        db.execute("UPDATE rows SET cost = NULL WHERE row IN (2, 3)")
    capsys.readouterr()
    with Ledger.open(ledger, lock=False) as opened:
        record = opened.batch("gifts")
        assert record is not None and record.output
        path = Path(record.output)
    path.unlink()  # the same run again writes the workbook from the ledger (nothing sent, nothing polled)
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["money_complete"] is False and data["money"]["charged"]["cost_unknown_rows"] == 2
    assert data["total_cost"] == "50.00" and data["orders_sent_this_run"] == 0
    assert main(["status", "gifts", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)["batches"][0]
    charged = status["money"]["charged"]
    assert (charged["rows"], charged["cost_unknown_rows"], charged["complete"]) == (4, 2, False)
    assert charged["total"] == status["ordered_cost"] == "50.00"  # the two known rows, nothing for the others
    assert status["money_complete"] is False
    results = results_by_row(path)
    for row in (2, 3):
        assert results[row]["Money"] == "charged" and results[row]["Total"] is None, results[row]
        assert "cost unknown" in str(results[row]["Problems / vendor error"])
    assert results[4]["Total"] == 25
    book = openpyxl.load_workbook(path, read_only=True)
    summary = [[c for c in line if c is not None] for line in book["Summary"].iter_rows(values_only=True)]
    orders = {line[0]: line for line in book["Orders"].iter_rows(values_only=True)}
    book.close()
    assert ["Total (incomplete)", 2, 4, 4, 50, 0, 0, 0, 50, 2] in summary, summary
    assert any(str(line[0]).startswith("Incomplete: 2 row(s) hold money") for line in summary if line)
    first_po = results[2]["PO Number"]
    assert "cost of 2 row(s) unknown" in str(orders[first_po][2]) and orders[first_po][-1] == 0
    check_money(ledger, "gifts", input_rows=range(2, 6), run_json=data)
    assert main(["status", "gifts"]) == 0
    assert "50.00 + 2 row(s) of unknown cost" in " ".join(capsys.readouterr().out.split())
    assert main(["reconcile", "gifts", "--json"]) == 0  # the same orders as the vendor's
    report = json.loads(capsys.readouterr().out)
    assert (report["ledger_total"], report["vendor_total"]) == ("50.00", "100.00")
    assert report["ledger_total_complete"] is False and report["money"]["charged"]["cost_unknown_rows"] == 2
    assert main(["reconcile", "gifts"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "50.00 USD + 2 row(s) of unknown cost; vendor 2 orders" in said  # (its currency since e795c196)
    # track records the vendor's line costs when its answer has them: the totals are whole again
    assert main(["track", "gifts"]) == 0
    seen = check_money(ledger, "gifts", input_rows=range(2, 6), web=True)
    assert seen.total("charged") == Decimal("100.00") and not seen.unknown


@pytest.mark.parametrize(
    ("one", "other"),
    [("Q4.2024", "Q4.2025"), ("a/b/c", "c"), ("!!!", "???"), ("Q4 2024", "Q4-2024"), ("CON", "con-x")],
)
def test_every_batch_gets_its_own_workbook(one: str, other: str, tmp_path: Path) -> None:
    assert result_path(tmp_path, one) != result_path(tmp_path, other)
    for name in (one, other):
        stem = output_stem(name)
        assert stem and "/" not in stem and not stem.startswith(".")


def test_track_never_rewrites_another_batchs_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    first = write_rows(tmp_path / "first.csv", [person(0)])
    second = write_rows(tmp_path / "second.csv", [person(5)])
    assert main(["run", str(first), "--batch", "Q4.2024", "--yes", "--wait", "0", "--out", str(out)]) == 0
    assert main(["run", str(second), "--batch", "Q4.2025", "--yes", "--wait", "0", "--out", str(out)]) == 0
    mine, theirs = result_path(out, "Q4.2024"), result_path(out, "Q4.2025")
    assert mine.exists() and theirs.exists() and mine != theirs
    # a ledger pointing one batch at the other's workbook (as older versions could): track refuses to mix them
    with Ledger.open(resolve_settings().ledger) as ledger:
        ledger.set_batch_output("Q4.2024", str(theirs))
    before = theirs.read_bytes()
    capsys.readouterr()
    main(["track", "Q4.2024"])
    assert "not rewritten" in capsys.readouterr().err
    assert theirs.read_bytes() == before
    assert read_result_workbook(theirs).batch == "Q4.2025"


def test_json_errors_are_one_object_on_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["run", str(tmp_path / "missing.csv"), "--yes", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 2 and data["exit"] == 2 and data["error"]


def test_an_edited_copy_of_a_batch_in_doubt_is_refused_then_its_edits_held_in_a_batch_of_their_own(
    tmp_path: Path, vendor: Vendor
) -> None:
    """Found by newcomer7: a run cut off while sending (orders in doubt), then the corrected file, refused
    for the batch as "a different file", run as a new batch as the refusal advised: the corrected street
    and the corrected value went out again, two second cards."""
    no_id = HEADER[1:]
    first = tmp_path / "p1.csv"
    first.write_text(
        ",".join(no_id) + "\n"
        "Ann Plan,1 Main St,Boston,MA,02108,CVS,25\n"
        "Bob Plan,2 Main St,Boston,MA,02108,CVS,25\n"
        "Cat Plan,3 Main St,Boston,MA,02108,TARGET,50\n"
    )
    edited = tmp_path / "p1-edit.csv"
    edited.write_text(
        ",".join(no_id) + "\n"
        "Ann Plan,11 Main St,Boston,MA,02108,CVS,25\n"
        "Cat Plan,3 Main St,Boston,MA,02108,TARGET,100\n"
        "Dan Plan,4 Main St,Boston,MA,02108,CVS,25\n"
    )
    settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out", concurrency=1)
    lossy = AnswerLost(vendor.transport)
    cut_off = run_batch(first, settings, batch="PKA", wait_s=0, client_factory=vendor.factory(lossy))
    assert cut_off.unknown_orders == 1
    lossy.lose = False
    with pytest.raises(BatchConflictError, match="in doubt") as refused:
        run_batch(edited, settings, batch="PKA", wait_s=0, client_factory=vendor.factory())
    assert "bulkship run p1.csv --batch PKA" in str(refused.value.hint)
    second = run_batch(edited, settings, batch="PKA2", wait_s=0, client_factory=vendor.factory())
    assert (second.ordered_rows, second.held_rows) == (1, 2), second
    names = Counter(
        li["PhysicalDeliveryAddress"]["Name"] for o in vendor.sandbox.orders() for li in o["LineItems"]
    )
    assert names == Counter({"Ann Plan": 1, "Bob Plan": 1, "Cat Plan": 1, "Dan Plan": 1})


def _money_as_the_rows_outcomes_add_it_up(view: LedgerView) -> dict[str, MoneyTally]:
    """What ``money_by_bucket`` was before it stopped building every row's whole outcome: the reference."""
    tallies = {bucket: MoneyTally() for bucket in MONEY_BUCKETS}
    for record in view.shown_rows():
        outcome = view.outcome_of(record.row, record)
        if outcome.cost_unknown:
            tallies[outcome.money].add_unknown(outcome.cards, outcome.po_number)
        elif outcome.money:
            tallies[outcome.money].add(outcome.breakdown(), outcome.cards, outcome.po_number)
    return tallies


def _as_written(tallies: dict[str, MoneyTally]) -> dict[str, tuple[object, ...]]:
    """Every count and figure, the figures as text: 0 and 0.00 are told apart."""
    return {
        bucket: (t.rows, t.cards, sorted(t.orders), t.unknown, [str(f) for f in t.figures()])
        for bucket, t in tallies.items()
    }


def test_money_by_bucket_adds_up_what_the_rows_outcomes_show_on_a_mixed_ledger(tmp_path: Path) -> None:
    """status, run and reconcile add a batch's money up without the rest of each row's outcome (a re-run of
    100k rows spent most of its time on the outcomes): the sums must be the rows' own, to the digit, in
    every bucket: charged, charged at an unknown cost, in doubt (sent, answer lost; waiting for review in
    a created order), to send, no card made, and a row of an earlier file still holding money."""
    made = Vendor(tmp_path, balance=Decimal("160"))
    try:
        values = ["25", "50", "25", "50", "25", "25", "25", "25"]
        rows = [[*person(i)[:6], "TARGET" if v == "50" else "CVS", v] for i, v in enumerate(values)]
        sheet = write_rows(tmp_path / "staff.csv", rows)
        settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out", concurrency=1)
        first = run_batch(sheet, settings, wait_s=0, max_lines=1, client_factory=made.factory())
        assert first.exit_code == 1 and first.ordered_rows == 4  # the balance ran out: 4 rows to send
    finally:
        made.sandbox.close()
    with contextlib.closing(sqlite3.connect(settings.ledger)) as db, db:
        db.execute("UPDATE rows SET cost = NULL WHERE row = 2")  # an older bulkship's: cost unknown
        db.execute("UPDATE rows SET line_status = 'Failed' WHERE row = 3")  # no card made
        db.execute("UPDATE rows SET status = 'review' WHERE row = 4")  # waits in a created order
        db.execute("UPDATE rows SET current = 0 WHERE row = 5")  # a row of an earlier file, charged
        po = db.execute("SELECT po_number FROM rows WHERE row = 6").fetchone()[0]
        db.execute("UPDATE orders SET state = 'unknown' WHERE po_number = ?", (po,))  # sent, answer lost
    with Ledger.open(settings.ledger, lock=False) as ledger:
        money = money_by_bucket(LedgerView(ledger, "staff"))
        assert _as_written(money) == _as_written(
            _money_as_the_rows_outcomes_add_it_up(LedgerView(ledger, "staff"))
        )
    charged, in_doubt, to_send = money[CHARGED], money[IN_DOUBT], money[TO_SEND]
    assert (charged.rows, charged.unknown, in_doubt.rows, to_send.rows) == (2, 1, 2, 3), _as_written(money)
    assert (charged.total, in_doubt.total, to_send.total) == (50, 50, 75)


def test_a_plan_not_sent_yet_breaks_its_money_down_as_the_plan_showed_it(isolated_data_dir: Path) -> None:
    # found by newcomer1: a plan declined at 'Send these orders?' (or waiting for approval) showed fees and
    # shipping as a discount: status 'to send' fees 0.00, shipping 0.00, discount -109.25 for the plan's
    # fees 59.50 and shipping 49.75, and the web's rows 'an overcharge ... ask the vendor why'
    from bulkship import api

    settings = resolve_settings()
    samples = Path(__file__).resolve().parent.parent / "samples"
    view = api.plan_batch(settings, samples / "anniversary.xlsx")
    assert view is not None
    [batch] = api.status(settings, "anniversary")
    to_send = batch["money"]["to_send"]
    assert (to_send["fees"], to_send["shipping"], to_send["discount"]) == ("59.50", "49.75", "0.00"), to_send
    assert to_send["total"] == "1734.25"


def test_status_adds_up_the_batches_of_a_period(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """newcomer5's L1: finance reading a month's spending in `bulkship status` added its batches by hand
    (1,734.25 + 1,210.00 + 298.71), a batch of last month listed beside them: no total, no period."""
    out = str(tmp_path / "out")
    for name, people in (("dec-a", range(2)), ("dec-b", range(2, 3)), ("nov", range(3, 7))):
        sheet = write_rows(tmp_path / f"{name}.csv", [person(i) for i in people])
        assert main(["run", str(sheet), "--batch", name, "--yes", "--wait", "0", "--out", out]) == 0
    _backdate(resolve_settings().ledger, "nov", "2000-01-31T23:59:59.000000Z")  # a batch before the period
    today = datetime.now(UTC).date().isoformat()
    capsys.readouterr()

    assert main(["status", "--since", "2000-02-01", "--until", today, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [b["batch"] for b in shown["batches"]] == ["dec-a", "dec-b"]
    total = shown["total"]
    assert (total["batches"], total["rows"], total["orders"]) == (2, 3, 2)
    assert (total["money"]["charged"]["total"], total["money"]["charged"]["cards"]) == ("75.00", 3)
    assert main(["status", "--until", "2000-01-31"]) == 0
    table = " ".join(capsys.readouterr().out.split())
    assert "batches started or sending from the start to 2000-01-31" in table and "dec-a" not in table
    assert "nov" in table and "Total" not in table  # one batch: its own line is the total
    assert main(["status"]) == 0
    table = " ".join(capsys.readouterr().out.split())
    assert "Total (3 batches) │ │ │ 7 │ │ 3 │ 175.00 │ 0.00 │ 0.00" in table, table
    assert main(["status", "--since", "1 Dec"]) == 2
    assert "days written YYYY-MM-DD" in capsys.readouterr().err


def test_a_period_whose_first_day_comes_after_its_last_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer11 as finance: `status --since 2026-12-10 --until 2026-12-01` (the two days swapped)
    said 'No batch of the ledger ... was started or sending from 2026-12-10 to 2026-12-01', exit 0, as if the
    month had sent nothing; `audit` alike. One line, exit 2."""
    sheet = tmp_path / "staff.csv"
    sheet.write_text("Name,Address,City,State,ZIP,Product,Value\nAnn Lee,1 Main St,Boston,MA,02134,CVS,25\n")
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    swapped = ["--since", "2026-12-10", "--until", "2026-12-01"]
    for argv in (["status", *swapped], ["status", "--json", *swapped], ["audit", "--out", "a.csv", *swapped]):
        assert main(argv) == 2, argv
        said = " ".join("".join(capsys.readouterr()).split())  # --json: the error is the JSON on stdout
        assert "--since 2026-12-10 comes after --until 2026-12-01" in said, (argv, said)


def _backdate(ledger: Path, batch: str, at: str) -> None:
    """The batch, its orders and their sending as if they happened at ``at``."""
    with contextlib.closing(sqlite3.connect(ledger)) as db, db:
        db.execute("UPDATE batches SET created = ? WHERE name = ?", (at, batch))
        db.execute("UPDATE orders SET created = ? WHERE batch = ?", (at, batch))
        db.execute("UPDATE events SET at = ? WHERE batch = ?", (at, batch))


def test_status_of_a_period_counts_the_money_of_orders_sent_in_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-money4's M2: `status --since/--until` chose batches by the day they started, so a batch started
    on Jan 31 whose follow-up run sent one more card in February counted its 75.00 wholly in January, and
    February's list left it out: finance's month missed 25.00. Each batch started or sending in the days is
    listed with the money charged on its orders sent in them, and the total adds that up."""
    out = str(tmp_path / "out")
    sheet = write_rows(tmp_path / "jan.csv", [person(i) for i in range(2)])
    assert main(["run", str(sheet), "--batch", "jan", "--yes", "--wait", "0", "--out", out]) == 0
    _backdate(resolve_settings().ledger, "jan", "2000-01-31T23:59:59.000000Z")
    sheet = write_rows(tmp_path / "jan.csv", [person(i) for i in range(3)])  # one more person, sent today
    assert main(["run", str(sheet), "--batch", "jan", "--yes", "--wait", "0", "--out", out]) == 0
    other = write_rows(tmp_path / "feb.csv", [person(5)])
    assert main(["run", str(other), "--batch", "feb", "--yes", "--wait", "0", "--out", out]) == 0
    capsys.readouterr()

    assert main(["status", "--since", "2000-02-01", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    in_days = {b["batch"]: b["charged_in_days"]["total"] for b in shown["batches"]}
    assert in_days == {"jan": "25.00", "feb": "25.00"}, in_days
    assert shown["total"]["charged_in_days"]["total"] == "50.00"
    assert shown["total"]["money"]["charged"]["total"] == "100.00"  # the batches' whole money, as before
    assert main(["status", "--until", "2000-01-31", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [(b["batch"], b["charged_in_days"]["total"]) for b in shown["batches"]] == [("jan", "50.00")]
    assert main(["status", "--since", "2000-02-01"]) == 0
    table = " ".join(capsys.readouterr().out.split())
    assert "┃ To send ┃ Charged in these days ┃" in table, table
    assert "│ jan │ sent │ jan.csv │ 3 │ 3 pending │ 2 │ 75.00 │ 0.00 │ 0.00 │ 25.00 │" in table, table
    assert "Total (2 batches) │ │ │ 4 │ │ 3 │ 100.00 │ 0.00 │ 0.00 │ 50.00" in table, table


def test_status_never_adds_sandbox_trials_to_a_vendors_money(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review29 (after d674186): lists tried on the embedded sandbox (no real order) and one sent to
    the vendor, in one ledger: `bulkship status` ended 'Total (3 batches) ... 75.00' charged where the vendor
    charged 25.00, and nothing said which batches were trials. Each API's batches are added up apart, the
    sandbox's said to order nothing real."""
    out = str(tmp_path / "out")
    for name, i in (("trial-a", 0), ("trial-b", 1), ("real", 2)):
        sheet = write_rows(tmp_path / f"{name}.csv", [person(i)])
        assert main(["run", str(sheet), "--batch", name, "--yes", "--wait", "0", "--out", out]) == 0
    vendor = "https://api.vendor.example"
    with contextlib.closing(sqlite3.connect(resolve_settings().ledger)) as db, db:  # sent to the vendor
        db.execute("UPDATE batches SET api = ? WHERE name = 'real'", (vendor,))
    capsys.readouterr()

    assert main(["status"]) == 0
    table = " ".join(capsys.readouterr().out.split())
    assert "75.00" not in table, table
    assert "Total (2 batches) at the embedded sandbox: no real order │ │ │ 2 │ │ 2 │ 50.00" in table, table
    assert "Total (1 batch) at the vendor API │ │ │ 1 │ │ 1 │ 25.00" in table, table  # its URL wrapped below
    assert f"│ {vendor} │" in table, table
    assert main(["status", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["total"] is None  # no one total of two APIs' money
    assert [(t["api"], t["batches"], t["money"]["charged"]["total"]) for t in shown["totals"]] == [
        ("sandbox", 2, "50.00"),
        (vendor, 1, "25.00"),
    ]
    assert [b["api"] for b in shown["batches"]] == ["sandbox", "sandbox", vendor]
