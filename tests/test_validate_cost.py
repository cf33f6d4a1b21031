"""`bulkship validate FILE --cost`: the cost alone, before sending, leaving nothing behind (found by
newcomer18, N3: the only cost preview was answering no at 'Send these orders?', which left a batch in the
ledger and PO numbers 'planned and never sent' in every later run, Summary and `status`)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from support import no_sleep

from bulkship.cli import main
from bulkship.client import connect
from bulkship.pipeline import run_batch
from bulkship.sandbox import Sandbox, SandboxConfig, create_app
from bulkship.settings import Settings
from bulkship.track import track

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"]
ROWS = [
    ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "Visa", "100", ""],
    ["Bo Park", "2 Elm St", "Boston", "MA", "02134", "Target", "50", ""],
    ["Cy Diaz", "", "Boston", "MA", "02134", "Target", "50", ""],  # no street: to fix, not priced
    ["Di Fox", "4 Oak St", "Boston", "MA", "02134", "CVS", "25", "terminated 11/30"],  # left out
]


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main([*args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_validate_cost_prices_what_run_sends_and_records_nothing(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])

    code, checked = _json(capsys, "validate", str(source), "--cost")
    assert code == 1, checked  # Cy's row is to fix
    cost = checked["cost"]
    assert (cost["rows"], cost["cards"], cost["orders"]) == (2, 2, 2), cost  # a Visa order, a Target one
    assert (cost["face_value"], cost["fees"], cost["total"], cost["currency"]) == (
        "150.00", "5.95", "155.95", "USD",
    ), cost  # fmt: skip
    assert not (isolated_data_dir / "ledger.sqlite").exists(), "a look at the cost starts no ledger"

    code, ran = _json(capsys, "run", str(source), "--yes", "--wait", "0")
    assert code == 3, ran  # Cy's row waits for a fix
    assert ran["total_cost"] == cost["total"], "the run charges what the look priced"
    notes = " ".join(str(note) for note in ran["notes"])
    assert "planned and never sent" not in notes, notes  # no PO number was used by the look

    code, again = _json(capsys, "validate", str(source), "--cost")
    assert code == 1
    assert again["cost"] == cost | {
        "orders": 0, "rows": 0, "cards": 0, "face_value": "0.00", "fees": "0.00", "total": "0.00",
        "already_ordered": 2,
    }  # fmt: skip


def test_validate_cost_on_the_terminal_names_the_total_and_says_nothing_was_recorded(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS[:2]])
    assert main(["validate", str(source), "--cost"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "Batch gifts: what `bulkship run` would send" in said
    assert "2 order(s), 155.95 USD at the vendor's prices of today. Nothing was recorded" in said


def test_a_plan_declined_at_send_these_orders_names_the_look_that_leaves_nothing_behind(
    tmp_path: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A person answering no to see the cost learns of the way that uses no PO number."""
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS[:2]])
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert main(["run", str(source)]) == 1
    said = " ".join(capsys.readouterr().err.split())
    assert "Not confirmed: nothing was sent" in said
    assert "the cost alone, leaving no plan nor PO number behind: `bulkship validate FILE --cost`" in said


def test_validate_cost_of_a_file_run_would_refuse_says_so_before_any_figure(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer19: samples/direct-mail.csv, its first 30 rows sent as batch NOV, then `validate
    list.csv --cost`: a warning that `run` as batch 'list' refuses the file, then 'Batch list: what bulkship
    run would send ... 493.75 USD', where that run sends nothing (exit 2)."""
    people = [[f"Person {n}", f"{n} Main St", "Boston", "MA", "02134", "CVS", "25", ""] for n in range(1, 5)]
    for name, rows in (("first", people[:3]), ("list", people)):
        with (tmp_path / f"{name}.csv").open("w", newline="") as handle:
            csv.writer(handle).writerows([HEADER, *rows])
    assert main(["run", str(tmp_path / "first.csv"), "--batch", "NOV", "--yes", "--wait", "0"]) == 0
    code, checked = _json(capsys, "validate", str(tmp_path / "list.csv"), "--cost")
    assert code == 0 and checked["cost"]["refused"] is True, checked
    assert (checked["cost"]["held"], checked["cost"]["rows"], checked["cost"]["total"]) == (3, 1, "25.00")
    assert main(["validate", str(tmp_path / "list.csv"), "--cost"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert (
        "Cost: `bulkship run` as batch list refuses this file (see the warning above): nothing would be sent"
        in said
    )
    assert "a batch of another name: what `bulkship run` would send" in said
    assert "Batch list: what" not in said
    code, ran = _json(capsys, "run", str(tmp_path / "list.csv"), "--yes", "--wait", "0")
    assert code == 2, ran  # what the look said: refused, nothing sent


def test_validate_cost_names_the_rows_the_list_holds_until_a_day_and_their_day(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer19: Bo's Notes 'on leave - send in Feb' left him out of the cost without a word, a
    total read as the whole list's (`run` says him 'not in this plan yet', with his day)."""
    source = tmp_path / "wait.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows(
            [
                HEADER,
                ROWS[1],
                ["Bo Ray", "5 Elm St", "Boston", "MA", "02134", "CVS", "50", "on leave - send in Feb"],
            ]
        )
    code, checked = _json(capsys, "validate", str(source), "--cost")
    assert code == 0, checked
    (waiting,) = checked["cost"]["waiting"]
    assert waiting["row"] == 3 and waiting["until"].endswith("-02-01"), waiting
    assert (checked["cost"]["rows"], checked["cost"]["total"]) == (1, "50.00")
    assert main(["validate", str(source), "--cost"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    day = waiting["until"]
    # ... and what he costs, as `run` says it (hunter-money22): 'Not priced' where run priced him
    assert f"Not in the cost: 1 row(s) the list holds until a day to come (row 3 on or after {day}):" in said
    assert "sends them, at that day's prices (50.00 USD at today's)." in said, said
    assert (checked["cost"]["waiting_cost"], checked["cost"]["waiting_unpriced"]) == ("50.00", 0)


def test_validate_cost_says_an_approver_is_asked_first_in_team_mode(
    tmp_path: Path, isolated_data_dir: Path, quick_hashes: None, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """The brief's (hunter-web28): on a team's ledger, alice (a requester who may send 100.00 alone) looked
    at the cost of a list of 150.00 with `validate --cost`: its cost, and "`bulkship run` prices the plan
    again and asks before sending", no word of the approver it needs; she learned it from the run's refusal
    after her yes. The look says it beside the cost, and says nothing of it within her limit."""
    from bulkship.settings import resolve_settings
    from bulkship.team import accounts, approvals, store

    settings = resolve_settings()
    accounts.add_user(settings, "alice", "password-alice", ["requester"], actor="test")
    accounts.add_user(settings, "carol", "password-carol", ["approver"], actor="test")
    approvals.set_threshold(settings, "100", actor="test")
    monkeypatch.setenv("BULKSHIP_USER", "alice")
    source, small = tmp_path / "gifts.csv", tmp_path / "one.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS[:2]])  # 100.00 Visa (its fee 2.95), 50.00 Target
    with small.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, ROWS[1]])
    try:
        capsys.readouterr()
        assert main(["validate", str(source), "--cost"]) == 0
        said = " ".join(capsys.readouterr().err.split())
        assert (
            "Approval: it costs 155.95, more than the 100.00 alice may send without approval: `bulkship run` "
            "would ask an approver first (a request on the web page's Approvals) and send nothing until "
            "another person approves it." in said
        ), said
        assert main(["validate", str(small), "--cost"]) == 0
        assert "Approval:" not in capsys.readouterr().err  # within her limit: sent alone
    finally:
        store.forget_engines()


def test_validate_cost_leaves_the_rows_sent_elsewhere_out_as_run_does(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-web28: gifts (6 people) refused by --max-total 80 and split as advised (its first 2
    sent as gifts, the next 2 as batch 'rest'); `validate gifts.csv --batch gifts --cost` priced rows 4-7,
    100.00, where `run` leaves rows 4-5 out as sent elsewhere and sends 50.00. It prices what run sends, and
    says the rows sent elsewhere."""
    from test_repeats import person, write_csv

    rows = [person(i) for i in range(6)]
    gifts = write_csv(tmp_path / "gifts.csv", rows)
    cli = ["--yes", "--wait", "0"]
    assert main(["run", str(gifts), "--batch", "gifts", "--max-total", "80", *cli]) == 1
    assert main(["run", str(write_csv(tmp_path / "first.csv", rows[:2])), "--batch", "gifts", *cli]) == 0
    assert main(["run", str(write_csv(tmp_path / "rest.csv", rows[2:4])), *cli]) == 0
    code, checked = _json(capsys, "validate", str(gifts), "--batch", "gifts", "--cost")
    assert code == 0, checked
    cost = checked["cost"]
    figures = (cost["rows"], cost["total"], cost["sent_elsewhere"], cost["already_ordered"])
    assert figures == (2, "50.00", 2, 2), cost
    capsys.readouterr()
    assert main(["validate", str(gifts), "--batch", "gifts", "--cost"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "1 order(s), 50.00 USD" in said, said
    assert (
        "Not priced: 2 row(s) sent elsewhere, their cards in another batch's order already (never sent from "
        "this batch)." in said
    ), said


def test_validate_cost_cuts_the_orders_at_max_lines_as_run_does(
    tmp_path: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found by hunter-money22 (its item 6): `validate samples/direct-mail.csv --cost` said '2 order(s),
    1,210.00 USD' where `run --max-lines 5` planned 11 orders; validate had no --max-lines. It takes it now,
    and says the cut; a run with --max-lines answered no names the look with it."""
    people = [[f"P {n}", f"{n} Main St", "Boston", "MA", "02134", "Target", "25", ""] for n in range(1, 8)]
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *people])

    code, checked = _json(capsys, "validate", str(source), "--cost", "--max-lines", "3")
    assert code == 0, checked
    assert (checked["cost"]["orders"], checked["cost"]["total"]) == (3, "175.00"), checked["cost"]
    assert main(["validate", str(source), "--cost", "--max-lines", "3"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "3 order(s) of at most 3 line item(s) each, 175.00 USD at the vendor's prices of today" in said

    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))  # declined: the hint names the look with the cut
    assert main(["run", str(source), "--max-lines", "3"]) == 1
    assert "`bulkship validate FILE --cost --max-lines 3` with the same file" in " ".join(
        capsys.readouterr().err.split()
    )
    code, ran = _json(capsys, "run", str(source), "--max-lines", "3", "--yes", "--wait", "0")
    assert code == 0, ran
    assert (ran["orders"], ran["total_cost"]) == (3, "175.00"), "the run plans what the look priced"


def test_validate_cost_counts_a_row_sent_before_that_the_list_now_leaves_out_as_run_does(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer21 (N4): an HR export run again a week later, one person's status now 'Terminated'
    (his card had gone), `validate --cost --batch` said 'Not priced: 145 row(s) of batch YE-GIFTS-2026 whose
    cards are ordered already' where `run` said '146 row(s) already ordered are not sent again': the row
    left out today was ordered all the same."""
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    assert main(["run", str(source), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path)]) == 3
    gone = [*ROWS[0][:7], "terminated 12/4"]  # Ann's note, written since her card went
    added = ["Eve Park", "5 Elm St", "Boston", "MA", "02134", "CVS", "25", ""]
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, gone, *ROWS[1:], added])
    code, checked = _json(capsys, "validate", str(source), "--batch", "HR", "--cost", "--out", str(tmp_path))
    assert code == 1, checked  # Cy's row is to fix
    assert checked["cost"]["already_ordered"] == 2, checked["cost"]  # Ann and Bo
    assert main(["run", str(source), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path)]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert "1 order(s) to send; 2 row(s) already ordered are not sent again" in said, said


def test_validate_cost_prices_the_rows_whose_order_the_vendor_failed_as_run_sends_them_again(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-money24: after the vendor ended a batch's orders Failed (no card made, nothing
    charged), `validate --cost --batch` said 'Cost: nothing `bulkship run` would send' and 'Not priced: 2
    row(s) of batch gifts whose cards are ordered already (never sent again)', where `run` sent both again
    for 155.95 USD (the result workbook: 'Re-run the same command to send it again')."""
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS[:2]])
    # the embedded sandbox's own state, failing every order: the CLI below asks that same vendor
    state = SandboxConfig(
        state_file=isolated_data_dir / "sandbox.sqlite", clock_speed=0, order_failure_rate=1
    )
    with Sandbox(state) as sandbox:
        transport = httpx.ASGITransport(app=create_app(sandbox))
        settings = Settings(data_dir=isolated_data_dir, out_dir=tmp_path / "output")
        factory = lambda s: connect(s, transport=transport, sleep=no_sleep)  # noqa: E731
        assert run_batch(source, settings, batch="gifts", wait_s=0, client_factory=factory).ordered_rows == 2
        sandbox.advance(3 * 24 * 3600)  # the vendor ends both orders Failed, nothing shipped
        asyncio.run(track(settings, "gifts", client_factory=factory))

    code, looked = _json(capsys, "validate", str(source), "--batch", "gifts", "--cost")
    assert code == 0, looked
    cost = looked["cost"]
    assert (cost["rows"], cost["total"], cost["already_ordered"]) == (2, "155.95", 0), cost
    code, ran = _json(capsys, "run", str(source), "--batch", "gifts", "--yes", "--wait", "0")
    assert code == 0, ran
    assert (ran["ordered_rows"], ran["total_cost"]) == (2, "155.95"), "the run sends what the look priced"
