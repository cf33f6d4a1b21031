"""A row the list holds until a day to come ('on leave - send in Feb', 'On hold until 1/15/2027') says its
day wherever the batch is shown: the run, its last line, `bulkship status` (and --json), the result
workbook's row and the cost page. Said only as 'waiting for their day', with exit 0, an HR person had no day
to put in a calendar and the person could be forgotten (newcomer18's N1)."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from starlette.testclient import TestClient
from support import visible_text
from test_web import client, settings, token, upload

from bulkship.cli import main

__all__ = ["client", "settings"]  # fixtures

DEC_5 = datetime.date(2026, 12, 5)
HR_LIST = (
    "Name,Address,City,State,ZIP,Product,Value,Notes\n"
    "Ann Lee,12 Beacon Street,Boston,MA,02108,CVS,50,\n"
    "Bob Ray,455 Massachusetts Avenue,Cambridge,MA,02139,STARBUCKS,25,Terminated\n"
    "Carla Diaz,350 Fifth Avenue,New York,NY,10118,VISA-PREPAID,100,on leave - send in Feb\n"
    "Dee Park,233 South Wacker Drive,Chicago,IL,60606,CVS,25,On hold until 1/15/2027\n"
)
DAYS = "row 5 on or after 2027-01-15, row 4 on or after 2027-02-01"


@pytest.fixture
def hr_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": DEC_5)
    path = tmp_path / "anniv.csv"
    path.write_text(HR_LIST)
    return path


def test_a_row_held_until_a_day_says_its_day_on_the_run_status_and_workbook(
    hr_list: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer18 (N1): Carla Diaz ('on leave - send in Feb') and Dee Park ('On hold until
    1/15/2027') read 'Not in this plan yet: 2 row(s) ... (waiting for their day)', the last line '(2 waiting
    for their day)', `status` the same and --json only "waiting": 2, the workbook's row 'the list says not to
    send it yet': no day anywhere. Each now names the day the same command sends it."""
    assert (
        main(["run", str(hr_list), "--batch", "anniv", "--yes", "--wait", "0", "--out", str(tmp_path)]) == 0
    )
    said = " ".join(capsys.readouterr().err.split())
    assert f"(waiting for their day: {DAYS}): their cards are not in the total above" in said, said
    assert "3 skipped (2 waiting for their day, the first on 2027-01-15, " in said, said
    assert main(["status", "anniv", "--json"]) == 0
    (batch,) = json.loads(capsys.readouterr().out)["batches"]
    assert batch["waiting_until"] == [{"row": 5, "day": "2027-01-15"}, {"row": 4, "day": "2027-02-01"}]
    assert main(["status", "anniv"]) == 0
    table = capsys.readouterr().out  # (its cells wrap at the terminal's width)
    assert "(2 waiting for their day, the first" in table and "2027-01-15, " in table, table
    sheet = openpyxl.load_workbook(tmp_path / "anniv-results.xlsx").worksheets[0]
    cells = [" ".join(str(c) for c in row if c is not None) for row in sheet.iter_rows(values_only=True)]
    assert any("Carla Diaz" in c and "to send on or after 2027-02-01" in c for c in cells), cells
    assert any("Dee Park" in c and "to send on or after 2027-01-15" in c for c in cells), cells


def test_the_cost_page_names_the_day_of_each_row_held_until_one(client: TestClient, hr_list: Path) -> None:
    """The cost page's 'Not in this plan yet' said no day either (newcomer18's N1, on the web page)."""
    upload(client, hr_list, "anniv")
    said = visible_text(" ".join(client.get("/batches/anniv/cost").text.split()))
    assert f"(waiting for their day: {DAYS}): their cards are not in the total below" in said, said
    # ... and what they cost (newcomer18's N4, on the web page)
    assert re.search(r"at that day's prices \(130\.95 USD at the prices of \d{4}-\d\d-\d\d\)\.", said), said


def _run_on(day: datetime.date, path: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": day)
    assert main(["run", str(path), "--batch", "anniv", "--yes", "--wait", "0", "--out", str(out)]) == 0


def _batch(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert main(["status", "anniv", "--json"]) == 0
    (batch,) = json.loads(capsys.readouterr().out)["batches"]
    return dict(batch)


def test_the_money_of_rows_held_until_a_day_is_said_and_is_what_their_day_charges(
    hr_list: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    client: TestClient,
) -> None:
    """Found by newcomer18 (N4): finance given the workbook of a run holding Carla Diaz's VISA-PREPAID 100
    (plus its fee) until February read Charged 50.00, To send 0.00, and Carla counted with the terminated
    Bob Ray as 'not ordered': her money was in no figure of the Summary nor of `status`, and the budget was
    closed without it. What the rows waiting for their day cost at the run's prices is said now on the run's
    plan and last line, `status` (--json "waiting_cost") and the Summary, and it is what their days charge."""
    _run_on(DEC_5, hr_list, tmp_path, monkeypatch)
    said = " ".join(capsys.readouterr().err.split())
    waiting = _batch(capsys)
    cost = Decimal(str(waiting["waiting_cost"]))
    assert cost > Decimal("125.00"), waiting  # 100 + 25 of face value, and the VISA card's fee
    priced = rf"{cost:,.2f} USD at the prices of \d{{4}}-\d\d-\d\d"
    assert re.search(rf"at that day's prices \({priced}\)\.", said), said
    assert re.search(rf"\(2 waiting for their day, the first on 2027-01-15, {priced}\)", said), said
    summary = openpyxl.load_workbook(tmp_path / "anniv-results.xlsx")["Summary"]
    notes = [str(row[0]) for row in summary.iter_rows(values_only=True) if row and row[0]]
    assert any(
        re.match(rf"2 row\(s\) the list holds until a day to come are in no figure above \({priced}, not", n)
        and "row 5 on or after 2027-01-15, row 4 on or after 2027-02-01" in n
        for n in notes
    ), notes
    # ... and the Results page, which counted them alone: '2 row(s) wait for the day their list names'
    results = visible_text(" ".join(client.get("/batches/anniv/results").text.split()))
    assert re.search(
        rf"2 row\(s\) wait for the day their list names, the first on 2027-01-15, {priced}:", results
    )
    charged = Decimal(str(waiting["ordered_cost"]))
    _run_on(datetime.date(2027, 1, 15), hr_list, tmp_path, monkeypatch)
    _run_on(datetime.date(2027, 2, 1), hr_list, tmp_path, monkeypatch)
    sent = _batch(capsys)
    assert sent["waiting"] == 0 and "waiting_cost" not in sent, sent
    assert Decimal(str(sent["ordered_cost"])) - charged == cost, sent


def test_the_batches_page_says_the_rows_held_until_a_day_and_their_money(
    hr_list: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    client: TestClient,
) -> None:
    """hunter-money22's leftover 1: the run holding Carla Diaz's VISA card until February and Dee Park's
    until Jan 15 read on the Batches page 'anniv waiting hr.csv 4 1 50.00 charged' and nothing of the two
    rows, their days nor their money, where `status`, the Results page and the Summary say them. The line
    says them now, apart from what was charged."""
    _run_on(DEC_5, hr_list, tmp_path, monkeypatch)
    cost = Decimal(str(_batch(capsys)["waiting_cost"]))
    (line,) = [
        visible_text(" ".join(row.split()))
        for row in re.findall(r"<tr data-batch=.*?</tr>", client.get("/").text, flags=re.S)
    ]
    assert re.search(
        rf"50\.00 charged \(2 row\(s\) wait for their day, the first on 2027-01-15: {cost:,.2f} USD at the "
        r"prices of \d{4}-\d\d-\d\d; not charged, not to send yet\)",
        line,
    ), line


def test_a_row_held_until_a_day_with_an_error_is_a_row_to_fix_now_and_held_again_once_fixed(
    hr_list: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-money21's leftover 1: Dee Park's CVS card of 20 (CVS comes in 10, 25, 50, 100) held until
    1/15/2027 read 'waiting for their day' on Dec 5, exit 0, its 20.00 counted in what the held rows cost,
    and was refused only on Jan 15. It is a row to fix on Dec 5, in no held money; corrected on Fix these it
    waits for its day again, and the batch's own file run again reads the correction."""
    hr_list.write_text(HR_LIST.replace("CVS,25,On hold", "CVS,20,On hold"))
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": DEC_5)
    run = ["run", str(hr_list), "--batch", "anniv", "--yes", "--wait", "0", "--out", str(tmp_path)]
    assert main(run) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert "Row 5, column 'Value': 20 is not a value CVS comes in" in said, said
    assert "(waiting for their day: row 4 on or after 2027-02-01)" in said, said
    waiting = _batch(capsys)
    assert waiting["waiting_until"] == [{"row": 4, "day": "2027-02-01"}], waiting
    assert waiting["by_status"] == {"pending": 1, "skipped": 2, "invalid": 1}, waiting
    carla = Decimal(str(waiting["waiting_cost"]))  # her VISA card of 100 and its fee, nothing of Dee's
    book = tmp_path / "anniv-results.xlsx"
    workbook = openpyxl.load_workbook(book)
    fix = workbook["Fix these"]
    (dee,) = [row for row in fix.iter_rows(min_row=2) if row[0].value == "Dee Park"]
    assert "to send on or after 2027-01-15" in str(dee[8].value), dee[8].value
    dee[6].value = 25
    workbook.save(book)
    assert main(["run", str(book), "--batch", "anniv", "--yes", "--wait", "0", "--out", str(tmp_path)]) == 0
    fixed = _batch(capsys)
    assert fixed["waiting_until"] == [{"row": 5, "day": "2027-01-15"}, {"row": 4, "day": "2027-02-01"}], fixed
    assert fixed["ordered_cost"] == waiting["ordered_cost"], fixed  # nothing sent before its day
    # Carla, not on the sheet, as priced by the run before: not '25.00 USD ... and 1 row(s) not priced'
    assert (Decimal(str(fixed["waiting_cost"])), fixed["waiting_unpriced"]) == (carla + 25, 0), fixed
    assert main(run) == 0  # the list as it was: read with the correction, held, no row to fix
    again = _batch(capsys)
    assert again["waiting_until"] == fixed["waiting_until"], again
    assert again["by_status"] == {"pending": 1, "skipped": 3}, again
    assert Decimal(str(again["waiting_cost"])) == carla + Decimal("25.00"), again


def test_a_row_typed_on_the_review_page_to_wait_for_a_day_says_its_day_and_money(
    client: TestClient, hr_list: Path
) -> None:
    """hunter-money21's leftover 2: Ann Lee's Notes typed on the review page as 'hold until 1/15/2031' left
    her out as waiting, but named no day and priced nothing: the cost page read '(waiting for their day: row
    2, row 5 on or after ...)' and her 50.00 was in no figure. Her day and money are said as a list's own."""
    hr_list.write_text(HR_LIST + "Eve Moss,1 Elm St,Boston,MA,02108,CVS,25,\n")  # one row left to send
    upload(client, hr_list, "anniv")
    typed = {"csrf_token": token(client), "cell:Notes": "hold until 1/15/2031"}
    assert client.post("/batches/anniv/rows/2", data=typed).status_code == 200
    said = visible_text(" ".join(client.get("/batches/anniv/cost").text.split()))
    days = "row 5 on or after 2027-01-15, row 4 on or after 2027-02-01, row 2 on or after 2031-01-15"
    assert f"(waiting for their day: {days}): their cards are not in the total below" in said, said
    # ... and what they cost: 130.95 of the list's, and Ann's CVS card of 50
    assert re.search(r"at that day's prices \(180\.95 USD at the prices of \d{4}-\d\d-\d\d\)\.", said), said


def test_rows_held_past_the_days_probed_are_priced_all_the_same(
    hr_list: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-money21's leftover 2: a list holding rows to more different days than are probed for their day
    (the first 12 cells) priced only the rows whose day was found: 13 CVS cards of 25 each held to its own
    January day read '300.00 USD at the prices of ... and 1 row(s) not priced'. What a row costs needs no
    day: all 13 are priced, 325.00."""
    held = "".join(
        f"P{d} Lee,{d} Beacon Street,Boston,MA,02108,CVS,25,Hold until 1/{d}/2031\n" for d in range(1, 14)
    )
    hr_list.write_text(HR_LIST.splitlines(keepends=True)[0] + HR_LIST.splitlines(keepends=True)[1] + held)
    run = ["run", str(hr_list), "--batch", "anniv", "--yes", "--wait", "0", "--out", str(tmp_path)]
    assert main(run) == 0
    waiting = _batch(capsys)
    assert waiting["waiting"] == 13, waiting
    assert (waiting["waiting_cost"], waiting["waiting_unpriced"]) == ("325.00", 0), waiting


def test_rows_held_past_the_days_probed_each_say_their_day(
    hr_list: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-money22's leftover 2: a list holding rows to more different days than are probed (the first
    12 cells) said no day for the rest: 13 CVS cards held each to its own January day, `status --json`
    gave row 15 "day": "", the run 'waiting for their day' without it. Each row says its day now, the one
    its cell names, read as the readers read it ('send in Feb': Feb 1)."""
    held = "".join(
        f"P{d} Lee,{d} Beacon Street,Boston,MA,02108,CVS,25,Hold until 1/{d}/2031\n" for d in range(1, 14)
    )
    carla = HR_LIST.splitlines(keepends=True)[3]  # 'on leave - send in Feb', the 14th different cell
    hr_list.write_text("".join(HR_LIST.splitlines(keepends=True)[:2]) + held + carla)
    run = ["run", str(hr_list), "--batch", "anniv", "--yes", "--wait", "0", "--out", str(tmp_path)]
    assert main(run) == 0
    days = {one["row"]: one["day"] for one in _batch(capsys)["waiting_until"]}  # type: ignore[attr-defined]
    assert days == {2 + d: f"2031-01-{d:02d}" for d in range(1, 14)} | {16: "2027-02-01"}, days


def test_the_review_page_says_the_day_each_held_row_goes(client: TestClient, hr_list: Path) -> None:
    """review71's leftover (the lead's leftover 5.3): the review page's held rows read 'Held until the day its
    list names: on or after that day, send the batch again from its cost page', no day, where the cost page,
    the run and `status` name it: Carla's 'on leave - send in Feb' gave a person no day to come back on."""
    upload(client, hr_list, "anniv")
    review = visible_text(" ".join(client.get("/batches/anniv/review?filter=all").text.split()))
    carla, dee = review[review.index("Row 4") : review.index("Row 5")], review[review.index("Row 5") :]
    said = "Held until 2027-02-01, the day its list names: on or after that day, send the batch"
    assert said in carla, carla
    assert "Held until 2027-01-15, the day its list names" in dee, dee
