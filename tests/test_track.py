"""``bulkship track``: statuses and tracking numbers reach the ledger and the result workbook, in place."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from test_track_support import BATCH, HEADERS, ORDERS, ScriptedVendor, sent_batch

from bulkship.cli import main
from bulkship.ledger import Ledger
from bulkship.reconcile.sheets import FIX_SHEET, ORDERS_SHEET, RESULT_COLUMNS, read_result_workbook
from bulkship.settings import resolve_settings
from bulkship.track import TrackReport, open_orders, track


@pytest.fixture
def vendor() -> ScriptedVendor:
    return ScriptedVendor()


@pytest.fixture
def output(tmp_path: Path, vendor: ScriptedVendor) -> Path:
    return sent_batch(resolve_settings().ledger, tmp_path / "output", vendor)


def _track(vendor: ScriptedVendor, **kwargs: Any) -> TrackReport:
    async def no_wait(_seconds: float) -> None:
        vendor.ship_everything(delivered=True)  # time passes between passes: the cards arrive

    return asyncio.run(
        track(resolve_settings(), BATCH, client_factory=vendor.factory(), sleep=no_wait, **kwargs)
    )


def test_track_records_tracking_numbers_and_rewrites_the_workbook(
    output: Path, vendor: ScriptedVendor
) -> None:
    vendor.ship_everything()
    report = _track(vendor)
    assert report.polled == 2 and report.changed == 2 and not report.done
    again = read_result_workbook(output)
    statuses = {row: o.status for row, o in again.outcomes.items()}
    assert statuses == {2: "shipped", 3: "shipped", 4: "invalid", 5: "shipped"}
    assert again.outcomes[2].tracking_number == "TRK-ord-1-0"
    assert again.outcomes[5].tracking_number == "TRK-ord-2-0"
    assert again.outcomes[2].carrier == "USPS" and again.outcomes[2].order_id == "ord-1"
    # What only validation knew survives the rewrite; the original cells are untouched.
    assert again.outcomes[2].normalised == "zip: 2134 → 02134"
    assert again.outcomes[4].problems == "name: required"
    assert again.rows[0] == (2, ["E1", "Ann Lee", "02134", "CVS", "50", "=1+1"])
    book = openpyxl.load_workbook(output)
    orders = list(book[ORDERS_SHEET].iter_rows(values_only=True))
    assert [r[:3] for r in orders[1:]] == [(po, f"ord-{i}", "Complete") for i, po in enumerate(ORDERS, 1)]
    assert [r[-1] for r in book[FIX_SHEET].iter_rows(values_only=True)][1:] == [4]
    header = next(book["Results"].iter_rows(values_only=True))
    assert header == HEADERS + RESULT_COLUMNS


def test_second_pass_with_nothing_new_changes_nothing(output: Path, vendor: ScriptedVendor) -> None:
    vendor.ship_everything()
    _track(vendor)
    before = vendor.reads
    report = _track(vendor)
    assert report.changed == 0
    assert vendor.reads - before == 2, "shipped orders are not final yet: still polled"


def test_delivered_orders_are_final_and_no_longer_polled(output: Path, vendor: ScriptedVendor) -> None:
    vendor.ship_everything(delivered=True)
    report = _track(vendor)
    assert report.done
    with Ledger.open(resolve_settings().ledger, lock=False) as ledger:
        assert open_orders(ledger, BATCH) == []
    reads = vendor.reads
    assert _track(vendor).polled == 0 and vendor.reads == reads
    delivered = read_result_workbook(output).outcomes[3]
    assert delivered.status == "delivered" and delivered.delivered_date.startswith("2026-11-28")


def test_watch_keeps_polling_until_everything_is_final(output: Path, vendor: ScriptedVendor) -> None:
    passes: list[int] = []
    report = _track(vendor, watch=True, on_pass=lambda r: passes.append(r.passes), max_passes=5)
    assert report.done and passes == [1, 2]
    assert {o.status for o in read_result_workbook(output).outcomes.values()} == {"delivered", "invalid"}


def test_track_cli_json_names_the_rewritten_workbook(
    output: Path, vendor: ScriptedVendor, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    vendor.ship_everything()
    monkeypatch.setattr("bulkship.track.connect", lambda _settings: vendor)
    assert main(["track", BATCH, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["batches"][0]["output"] == str(output)
    assert data["batches"][0]["rows"] == {"invalid": 1, "shipped": 3}


def test_track_unknown_batch_is_one_error_line(output: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["track", "NOPE"]) == 2  # a mistake in the command, as reconcile's (newcomer11's W4)
    err = capsys.readouterr().err
    assert "No batch named 'NOPE'" in err and "bulkship status" in err and "Traceback" not in err


def test_status_of_an_unknown_batch_is_one_error_line_from_the_library_and_the_cli(
    output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import bulkship
    from bulkship.errors import BulkshipError

    with pytest.raises(BulkshipError, match=f"No batch named 'NOPE'.*batches: {BATCH}"):
        bulkship.status(resolve_settings(), "NOPE")
    assert [s["batch"] for s in bulkship.status(resolve_settings(), BATCH)] == [BATCH]
    assert main(["status", "NOPE"]) == 2
    err = capsys.readouterr().err
    assert "No batch named 'NOPE'" in err and "Traceback" not in err


def test_track_without_a_ledger_says_what_to_run(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["track"]) == 1
    assert "bulkship run FILE" in capsys.readouterr().err


def test_track_when_the_workbook_was_deleted_still_records_and_says_how_to_get_it(
    output: Path, vendor: ScriptedVendor
) -> None:
    output.unlink()
    vendor.ship_everything()
    report = _track(vendor)
    assert report.changed == 2 and report.batches[0].output is None
    (said,) = report.batches[0].warnings
    assert "The same `bulkship run` command, where the batch was run, writes it again" in said, said


def test_cancelled_lines_are_final_and_watching_stops(output: Path, vendor: ScriptedVendor) -> None:
    # the vendor cancelled every line: nothing more will happen to them, so `track --watch` does not poll for
    # ever (each order's status stays Pending, as a vendor may leave it)
    for order_id, order in vendor.orders.items():
        for i in range(len(order.line_items)):
            vendor.set_line(order_id, i, "Cancelled")

    async def nothing_changes(_seconds: float) -> None:
        return None

    passes: list[int] = []
    report = asyncio.run(
        track(resolve_settings(), BATCH, client_factory=vendor.factory(), sleep=nothing_changes, watch=True,
              on_pass=lambda r: passes.append(r.passes), max_passes=4)
    )  # fmt: skip
    assert report.done and passes == [1]


def test_rows_and_cells_typed_into_the_result_workbook_never_stop_track(
    output: Path, vendor: ScriptedVendor, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer7: a new hire typed at the bottom of Results, or "n/a" typed over a Total, crashed
    every `track` of the batch (ValueError, InvalidOperation) and `track --json` printed nothing. The ledger
    knows the results: track rewrites the workbook, leaving the typed-in row out and saying so."""
    book = openpyxl.load_workbook(output)
    results = book["Results"]
    header = [c.value for c in results[1]]
    results.cell(2, header.index("Total") + 1).value = "n/a (by hand)"
    results.append(["E9", "Dan New", "4 Ash St"])
    book.save(output)
    vendor.ship_everything()
    monkeypatch.setattr("bulkship.track.connect", lambda _settings: vendor)
    assert main(["track", BATCH, "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["batches"][0]["rows"] == {"invalid": 1, "shipped": 3}
    assert "line(s) 6 of" in captured.out + captured.err and "typed in by hand" in captured.out + captured.err
    rewritten = read_result_workbook(output)
    assert len(rewritten.rows) == 4 and all(
        o.total is not None for o in rewritten.outcomes.values() if o.po_number
    )


def test_track_never_rewrites_away_a_sheet_the_person_added(
    output: Path, vendor: ScriptedVendor, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rewrite writes bulkship's sheets only: a sheet of the person's own ("My notes") was lost."""
    book = openpyxl.load_workbook(output)
    book.create_sheet("My notes").append(["call Ann about her address"])
    book.save(output)
    vendor.ship_everything()
    monkeypatch.setattr("bulkship.track.connect", lambda _settings: vendor)
    assert main(["track", BATCH]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "holds a sheet of your own ('My notes'): not rewritten, so it is kept" in said
    assert openpyxl.load_workbook(output)["My notes"]["A1"].value == "call Ann about her address"


def test_running_a_result_workbook_refuses_a_typed_in_row_but_reads_a_typed_over_cell(output: Path) -> None:
    """A note typed over an ordered row's Total is no reason to delete that row (found by newcomer7): it
    reads blank, the ledger knows the amount. A row typed in by hand is refused when the workbook is run."""
    from bulkship.errors import FileFormatError

    book = openpyxl.load_workbook(output)
    results = book["Results"]
    header = [c.value for c in results[1]]
    results.cell(2, header.index("Total") + 1).value = "n/a (by hand)"
    book.save(output)
    assert len(read_result_workbook(output).rows) == 4
    results.append(["E9", "Dan New", "4 Ash St"])
    book.save(output)
    with pytest.raises(FileFormatError, match="row 6 of the Results sheet has no Row number bulkship wrote"):
        read_result_workbook(output)


def test_a_results_row_pasted_twice_is_one_clear_error_never_a_traceback(output: Path) -> None:
    """Found by review10: a Results row pasted again below (or the sheet copied under a Results name) made
    running the workbook crash with a ValueError traceback."""
    from bulkship.errors import FileFormatError

    book = openpyxl.load_workbook(output)
    results = book["Results"]
    results.append([cell.value for cell in results[2]])
    book.save(output)
    with pytest.raises(FileFormatError, match=r"row 6 of the Results sheet repeats row 2 of the list"):
        read_result_workbook(output)
    assert main(["run", str(output), "--batch", BATCH, "--yes", "--wait", "0"]) == 2
    assert len(read_result_workbook(output, lenient=True).rows) == 4  # track leaves the copy out


@pytest.mark.parametrize("name", ["Results notes", "Orders by region", "Summary 2025", "Results (2)"])
def test_a_sheet_the_person_added_under_a_name_like_bulkship_s_is_theirs(
    name: str, output: Path, vendor: ScriptedVendor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review10: a sheet named like one of bulkship's ("Results notes", "Orders by region", Excel's
    copy "Results (2)") was taken for bulkship's own: "Results notes" stopped every track and run ("does not
    end with bulkship's result columns"), the others were lost at the next rewrite. bulkship's own next
    sheets are "Results 2", "Results 3"."""
    book = openpyxl.load_workbook(output)
    if name == "Results (2)":
        book.copy_worksheet(book["Results"]).title = name
    else:
        book.create_sheet(name).append(["Region", "Cards"])
    book.save(output)
    vendor.ship_everything()
    monkeypatch.setattr("bulkship.track.connect", lambda _settings: vendor)
    assert main(["track", BATCH]) == 0
    assert name in openpyxl.load_workbook(output).sheetnames  # kept: not rewritten
    assert len(read_result_workbook(output).rows) == 4


def test_the_watch_bar_fills_once_every_card_sent_is_final() -> None:
    """Found by newcomer3: `track --watch` counted the skipped rows (a totals row, a person who left) among
    the cards to deliver, so the bar stopped at 7/9 once everything was final."""
    from bulkship.cli.track_cmd import _WatchDisplay
    from bulkship.track import BatchProgress, TrackReport

    display = _WatchDisplay()
    try:
        rows = {"delivered": 6, "failed": 1, "skipped": 2, "invalid": 1, "needs review": 1}
        display.update(TrackReport((BatchProgress("DEC", rows, 0, 0, None),), polled=1, changed=0))
        task = display.progress.tasks[0]
        assert (task.completed, task.total) == (7, 7)
        # ... and says what the cards came to (newcomer4: "8/8 0 shipped" once every card was delivered)
        assert task.fields["note"] == "6 delivered, 1 failed, 0 orders open", task.fields
    finally:
        display.stop()


def test_track_of_a_batch_whose_plan_is_not_sent_yet_never_says_all_final(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer16: a plan kept unsent (stopped by --max-total, as the web page's cost page shown and
    not sent keeps one) read 'gifts: 2 planned (all final)' under `bulkship track`, as if the batch were done;
    its rows are still to send. The line says so and how to send them."""
    sheet = tmp_path / "gifts.csv"
    sheet.write_text(
        "Name,Address,City,State,ZIP,Product,Amount\n"
        "Ana Diaz,1 Main St,Boston,MA,02108,CVS,25\nBo Park,2 Elm St,Boston,MA,02108,CVS,25\n"
    )
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--max-total", "1"]) == 1  # planned, kept
    capsys.readouterr()
    assert main(["track"]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert "all final" not in err
    assert "2 planned (2 rows planned, not sent yet: send them with the same `bulkship run` command" in err


def test_track_of_a_batch_with_a_row_waiting_for_its_day_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer16: a row whose note says 'Do not send before' a day to come read 'bday: 2 delivered,
    1 skipped (all final)' under `bulkship track` (status: 'waiting'): a card still to go, read as done."""
    sheet = tmp_path / "bday.csv"
    sheet.write_text(
        "Name,Address,City,State,ZIP,Product,Amount,Notes\n"
        "Ana Diaz,1 Main St,Boston,MA,02108,CVS,25,\n"
        "Bo Park,2 Elm St,Boston,MA,02108,CVS,25,Do not send before 12/31/2099\n"
    )
    assert main(["run", str(sheet), "--yes", "--wait", "0"]) == 0
    capsys.readouterr()
    assert main(["track"]) == 0
    err = " ".join(capsys.readouterr().err.split())
    said = "1 row waiting for its day: the same `bulkship run` command run on or after it sends them"
    assert said in err, err
