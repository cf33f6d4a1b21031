"""Guards around a run that a user meets: a batch stays with the API it was ordered through, a bad --out
is one error line before anything is sent, the result workbook is found from any folder, a header-only file is
refused, rows ordered earlier stay in the result workbook, and the Summary's counts are numbers."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest
import support
from support import embedded_sandbox_orders
from support.money_invariants import check_money

from bulkship.batchstatus import batch_status
from bulkship.cli import main
from bulkship.client import connect
from bulkship.ledger import Ledger
from bulkship.overview import overview
from bulkship.pipeline import run_batch
from bulkship.settings import Settings

FAKE_VENDOR = "http://127.0.0.1:9"  # nothing listens there: a guard that works sends nothing


write_sheet = partial(support.write_sheet, id_format="E{:03d}")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


@pytest.fixture
def real_vendor_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BULKSHIP_API_URL", FAKE_VENDOR)
    monkeypatch.setenv("BULKSHIP_EMAIL", "finance@example.com")
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", "not-a-real-token")


# -- A: a batch belongs to the API it was ordered through ---------------------------------------------------


def test_sandbox_batch_rerun_against_a_real_api_is_refused_not_reported_complete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = write_sheet(tmp_path / "direct-mail.csv", [1, 2, 3])
    out = tmp_path / "out"
    code, err = cli(capsys, "run", str(sheet), "--yes", "--wait", "0", "--out", str(out))
    assert code == 0, err
    workbook = out / "direct-mail-results.xlsx"
    before = workbook.read_bytes()

    monkeypatch.setenv("BULKSHIP_API_URL", FAKE_VENDOR)
    monkeypatch.setenv("BULKSHIP_EMAIL", "finance@example.com")
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", "not-a-real-token")
    code, err = cli(capsys, "run", str(sheet), "--yes", "--wait", "0", "--out", str(out))
    assert code == 2, err
    assert "Error:" in err and "already complete" not in err
    assert "ordered through the embedded sandbox" in err and FAKE_VENDOR in err
    assert "--batch NEW-NAME" in err and "BULKSHIP_API_URL unset" in err
    assert "Traceback" not in err
    assert workbook.read_bytes() == before  # the Summary still says SANDBOX


def test_the_command_to_run_a_batch_through_its_own_api_is_quoted_to_be_pasted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by newcomer22 (N7): the file 'Holiday gifts 2026.csv' was given back as `bulkship run Holiday
    gifts 2026.csv --batch HOLIDAY-2026`, which the shell reads as three files."""
    sheet = write_sheet(tmp_path / "Holiday gifts 2026.csv", [1, 2])
    code, err = cli(capsys, "run", str(sheet), "--batch", "Q4 gifts", "--yes", "--wait", "0")
    assert code == 0, err
    monkeypatch.setenv("BULKSHIP_API_URL", FAKE_VENDOR)
    monkeypatch.setenv("BULKSHIP_EMAIL", "finance@example.com")
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", "not-a-real-token")
    code, err = cli(capsys, "run", str(sheet), "--batch", "Q4 gifts", "--yes", "--wait", "0")
    assert code == 2, err
    assert f"run `bulkship run '{sheet}' --batch 'Q4 gifts'` without --api-url" in " ".join(err.split())
    for command in ("track", "reconcile"):
        code, err = cli(capsys, command, "Q4 gifts")
        assert code == 2, err
        assert f"run `bulkship {command} 'Q4 gifts'`" in " ".join(err.split())


def test_track_and_reconcile_of_a_sandbox_batch_against_a_real_api_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = write_sheet(tmp_path / "direct-mail.csv", [1, 2])
    code, err = cli(capsys, "run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out"))
    assert code == 0, err
    monkeypatch.setenv("BULKSHIP_EMAIL", "finance@example.com")
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", "not-a-real-token")
    for command in ("track", "reconcile"):
        code, err = cli(capsys, command, "direct-mail", "--api-url", FAKE_VENDOR)
        assert code == 2, err
        assert "ordered through the embedded sandbox" in err, err
        assert f"bulkship {command} direct-mail" in err


def test_batch_ordered_through_a_vendor_url_is_refused_on_the_sandbox(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = write_sheet(tmp_path / "q4.csv", [1, 2])
    settings = Settings(
        api_url=FAKE_VENDOR + "/v1/",
        email="finance@example.com",
        access_token="token",
        data_dir=tmp_path / "data",
        ledger_path=tmp_path / "ledger.sqlite",
        out_dir=tmp_path / "out",
    )

    def embedded(s: Settings) -> object:  # the orders really go to the embedded sandbox, for the test
        return connect(replace(s, api_url=None, email=None, access_token=None))

    result = run_batch(sheet, settings, wait_s=0, client_factory=embedded)
    assert result.ordered_rows == 2
    with Ledger.open(settings.ledger, lock=False) as ledger:
        record = ledger.batch("q4")
        assert record is not None and record.api == FAKE_VENDOR  # normalised as the client uses it

    # the same URL spelled differently is the same API: the re-run resumes (already complete)
    again = run_batch(sheet, replace(settings, api_url=FAKE_VENDOR), wait_s=0, client_factory=embedded)
    assert again.already_complete

    ledger_arg = ("--ledger", str(settings.ledger))
    code, err = cli(capsys, "run", str(sheet), "--yes", "--wait", "0", *ledger_arg)
    assert code == 2
    assert f"ordered through the vendor API {FAKE_VENDOR}" in err
    assert f"--api-url {FAKE_VENDOR}" in err


def test_a_ledger_from_before_the_api_column_opens_and_its_batch_takes_the_next_runs_api(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old-ledger.sqlite"
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE batches (name TEXT PRIMARY KEY, file_name TEXT NOT NULL, file_hash TEXT NOT NULL,
            po_prefix TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL,
            rows INTEGER NOT NULL DEFAULT 0, valid INTEGER NOT NULL DEFAULT 0,
            invalid INTEGER NOT NULL DEFAULT 0, output TEXT);
        INSERT INTO batches VALUES ('old', 'old.csv', 'h', 'BS', 't', 't', 0, 0, 0, NULL);
        """
    )
    db.commit()
    db.close()
    with Ledger.open(path) as ledger:
        old = ledger.batch("old")
        assert old is not None and old.api is None and old.file_name == "old.csv"
    sheet = write_sheet(tmp_path / "old.csv", [1])
    args = ("--yes", "--wait", "0", "--ledger", str(path), "--out", str(tmp_path))
    code, err = cli(capsys, "run", str(sheet), *args)
    assert code == 0, err
    with Ledger.open(path, lock=False) as ledger:
        record = ledger.batch("old")
        assert record is not None and record.api == "sandbox"


# -- B: a bad --out is one error line, before anything is sent ----------------------------------------


def test_run_with_out_naming_a_file_is_refused_before_anything_is_sent(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = write_sheet(tmp_path / "staff.csv", [1, 2])
    afile = tmp_path / "afile"
    afile.touch()
    code, err = cli(capsys, "run", str(sheet), "--yes", "--wait", "0", "--out", str(afile))
    assert code == 2, err
    assert "Error:" in err and "is a file, not a folder" in err and "Nothing was sent" in err
    assert "Traceback" not in err
    assert len(embedded_sandbox_orders(isolated_data_dir)) == 0


@pytest.mark.parametrize("where", ["under-a-file", "dangling-link"])
def test_run_with_out_under_a_file_or_a_dead_link_names_what_is_in_the_way(
    where: str, tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'--out afile/results' said 'The output folder afile/results is a file', and '--out' a link to a folder
    that is gone 'is a file' too (found by review21): the message names the part in the way."""
    sheet = write_sheet(tmp_path / "staff.csv", [1, 2])
    if where == "under-a-file":
        (tmp_path / "afile").touch()
        out, said = tmp_path / "afile" / "results", f"{tmp_path / 'afile'} is a file, not a folder"
    else:
        (tmp_path / "gone").symlink_to(tmp_path / "no-such-folder")
        out, said = tmp_path / "gone", "is a link that leads to no folder"
    code, err = cli(capsys, "run", str(sheet), "--yes", "--wait", "0", "--out", str(out))
    err = " ".join(err.split())
    assert code == 2 and said in err and "Nothing was sent" in err and "Traceback" not in err, err
    assert len(embedded_sandbox_orders(isolated_data_dir)) == 0


def test_run_with_out_naming_a_folder_nothing_can_be_written_in_is_refused_before_sending(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a newcomer: --out /proc (a folder whose permission bits say yes) sent the orders, then could
    not write the workbook."""
    sheet = write_sheet(tmp_path / "staff.csv", [1, 2])
    code, err = cli(capsys, "run", str(sheet), "--yes", "--wait", "0", "--out", "/proc")
    assert code == 2 and "The output folder /proc is not writable. Nothing was sent" in err, err
    assert len(embedded_sandbox_orders(isolated_data_dir)) == 0


def test_validate_with_an_uncreatable_out_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = write_sheet(tmp_path / "staff.csv", [1])
    code, err = cli(capsys, "validate", str(sheet), "--out", "/proc/nope")
    assert code == 2, err
    assert "Error:" in err and "/proc/nope" in err and "Traceback" not in err


def test_a_workbook_that_cannot_be_written_after_sending_says_the_orders_are_in_the_ledger(
    tmp_path: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import bulkship.reconcile

    def disk_full(*_args: object, **_kwargs: object) -> Path:
        raise OSError(28, "No space left on device")

    sheet = write_sheet(tmp_path / "staff.csv", [1, 2])
    with monkeypatch.context() as patch:
        patch.setattr(bulkship.reconcile, "write_result_workbook", disk_full)
        code, err = cli(capsys, "run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out"))
    assert code == 1, err
    assert "Traceback" not in err
    assert "Error: The orders are recorded in the ledger" in err and "No space left on device" in err
    assert "re-run the same command" in err
    assert "2 ordered" in err  # what was sent is still reported
    assert len(embedded_sandbox_orders(isolated_data_dir)) == 1

    code, err = cli(capsys, "run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert (tmp_path / "out" / "staff-results.xlsx").exists()
    assert len(embedded_sandbox_orders(isolated_data_dir)) == 1  # nothing ordered twice


# -- C: the result workbook is found from any folder ----------------------------------------------------


def test_result_workbook_written_with_a_relative_out_is_found_by_track_from_another_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    write_sheet(work / "direct-mail.csv", [1, 2])
    monkeypatch.chdir(work)
    code, err = cli(capsys, "run", "direct-mail.csv", "--yes", "--wait", "0", "--out", "results")
    assert code == 0, err
    expected = work / "results" / "direct-mail-results.xlsx"
    assert f"Results: {expected}" in err.replace("\n", "")  # rich may fold a long path

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, err = cli(capsys, "track", "direct-mail")
    assert code == 0, err
    assert "is gone" not in err and "no result workbook" not in err
    assert f"Results: {expected}" in err.replace("\n", "")


# -- D: a header without rows is not a success ----------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "run"])
def test_a_file_with_only_a_header_row_is_one_error_line_exit_2(
    command: str, tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = write_sheet(tmp_path / "hdronly.csv", [])
    extra = ("--yes", "--wait", "0") if command == "run" else ()
    code, err = cli(capsys, command, str(sheet), *extra, "--out", str(tmp_path / "out"))
    assert code == 2, err
    assert "Error: hdronly.csv has a header but no recipient rows" in err
    assert "0 rows" not in err
    with Ledger.open(isolated_data_dir / "ledger.sqlite", lock=False) as ledger:
        assert ledger.batches() == []  # no empty batch was created


# -- E: rows ordered earlier stay in the result workbook ----------------------------------------------------


def results_rows(workbook: Path) -> list[dict[str, object]]:
    import openpyxl

    sheet = openpyxl.load_workbook(workbook, read_only=True)["Results"]
    lines = list(sheet.iter_rows(values_only=True))
    return [dict(zip(lines[0], line, strict=True)) for line in lines[1:]]


def test_rows_ordered_then_deleted_from_the_file_stay_in_the_results_after_a_rerun(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_data_dir: Path
) -> None:
    sheet = tmp_path / "team.csv"
    out = tmp_path / "out"
    write_sheet(sheet, [1, 2, 3, 4])
    code, err = cli(capsys, "run", str(sheet), "--yes", "--wait", "0", "--out", str(out))
    assert code == 0, err
    first = {r["Employee ID"]: r for r in results_rows(out / "team-results.xlsx")}

    write_sheet(sheet, [1, 3, 5])  # E002 and E004 deleted, E005 added
    code, err = cli(capsys, "run", str(sheet), "--yes", "--wait", "0", "--out", str(out))
    assert code == 0, err
    said = " ".join(err.split())
    assert "Batch team: 3 rows + 2 ordered earlier, no longer in the file (5 pending)" in said
    # every card the batch holds is counted, as the charged total is (it said "3 ordered": newcomer)
    assert "; 5 ordered (2 no longer in the file) in 2 order(s)" in said, said
    rows = results_rows(out / "team-results.xlsx")
    assert [r["Employee ID"] for r in rows] == ["E001", "E003", "E005", "E002", "E004"]
    assert [r["Row"] for r in rows] == [2, 3, 4, 5, 6]
    gone = rows[3:]
    assert [r["Problems / vendor error"] for r in gone] == [
        "ordered earlier; no longer in the file (row 3 of the earlier file: Person 2, 3 Main St, Boston, "
        "02134 (E002))",
        "ordered earlier; no longer in the file (row 5 of the earlier file: Person 4, 5 Main St, Boston, "
        "02134 (E004))",
    ]
    for row in gone:
        earlier = first[row["Employee ID"]]
        assert row["Status"] == earlier["Status"] and row["PO Number"] == earlier["PO Number"]
        assert row["Total"] == earlier["Total"] and row["Name"] == earlier["Name"]
    # every card paid for is on the sheet: its costs add up to what the run reports
    assert sum(float(str(r["Total"])) for r in rows) == pytest.approx(5 * 25)

    code, err = cli(capsys, "track", "team")  # a rewrite keeps them too
    assert code == 0, err
    assert [r["Employee ID"] for r in results_rows(out / "team-results.xlsx")] == [
        "E001", "E003", "E005", "E002", "E004",
    ]  # fmt: skip
    # the Batches page counts them as `status` and the workbook do (found by hunter-web4: 'Rows 3' there)
    seen = check_money(isolated_data_dir / "ledger.sqlite", "team", input_rows=range(2, 7), web=True)
    assert len(seen.rows) == 5
    with Ledger.open(isolated_data_dir / "ledger.sqlite", lock=False) as ledger:
        assert overview(ledger)["team"].row_total == batch_status(ledger, "team")["rows"] == 5


# -- F: no one to confirm; the Summary's counts -------------------------------------------------------------


@pytest.mark.parametrize("stdin", ["closed", "empty"])
def test_run_without_yes_and_no_input_says_nothing_was_sent_and_to_pass_yes(
    stdin: str,
    tmp_path: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", None if stdin == "closed" else io.StringIO(""))
    sheet = write_sheet(tmp_path / "staff.csv", [1, 2])
    code, err = cli(capsys, "run", str(sheet), "--wait", "0", "--out", str(tmp_path / "out"))
    assert code == 1, err
    assert "Traceback" not in err and "Aborted." not in err
    assert "nothing was sent" in err and "pass --yes to confirm non-interactively" in err
    assert len(embedded_sandbox_orders(isolated_data_dir)) == 0


def test_summary_sheet_rows_and_orders_are_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    sheet = write_sheet(tmp_path / "staff.csv", [1, 2, 3])
    code, err = cli(capsys, "run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out"))
    assert code == 0, err
    summary = openpyxl.load_workbook(tmp_path / "out" / "staff-results.xlsx")["Summary"]
    facts = {row[0]: row[1] for row in summary.iter_rows(min_col=1, max_col=2, values_only=True) if row[0]}
    assert facts["Rows"] == 3 and facts["Orders"] == 1
