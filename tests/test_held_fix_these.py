"""Rows the list holds until a day, in a result workbook given back to `run` (its Fix these sheet corrected):
each is read as the list's own row would be on the day of the run."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main
from bulkship.reconcile.sheets import FIX_SHEET, RESULTS_SHEET

HR_LIST = (
    "Name,Address,City,State,ZIP,Product,Value,Notes\n"
    "Ann Lee,12 Beacon Street,Boston,MA,02108,CVS,50,\n"
    "Cy Orr,3 Main Street,Boston,MA,02134,CVS,20,\n"
    "Dee Park,233 South Wacker Drive,Chicago,IL,60606,CVS,25,On hold until 1/15/2027\n"
)


def _on(monkeypatch: pytest.MonkeyPatch, day: datetime.date) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": day)


def _fixed(workbook: Path) -> None:
    """Cy's card of 20 (CVS makes 10, 25, 50, 100) corrected to 25 on the Fix these sheet."""
    book = openpyxl.load_workbook(workbook)
    sheet = book[FIX_SHEET]
    headers = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[headers.index("Name")].value == "Cy Orr":
            row[headers.index("Value")].value = 25
    book.save(workbook)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    capsys.readouterr()
    main(["run", *args, "--batch", "anniv", "--yes", "--wait", "0", "--json"])
    return dict(json.loads(capsys.readouterr().out))


def _sent_and_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, Path, dict[str, object]]:
    """HR_LIST run on Dec 5, 2026 (Ann sent, Cy invalid, Dee held until 1/15/2027), then Cy corrected on the
    result workbook's Fix these sheet: the list, the workbook, and what the run said."""
    hr_list = tmp_path / "anniv.csv"
    hr_list.write_text(HR_LIST)
    _on(monkeypatch, datetime.date(2026, 12, 5))
    first = _run(capsys, str(hr_list), "--out", str(tmp_path))
    workbook = tmp_path / "anniv-results.xlsx"
    _fixed(workbook)
    return hr_list, workbook, first


def test_a_row_held_until_a_day_is_sent_by_the_result_workbook_run_on_or_after_its_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-money24: Dee Park's card held 'On hold until 1/15/2027', Cy Orr's to fix. On Jan 20 the
    person ran the result workbook, Cy corrected on its Fix these sheet, as the run had told them: Cy was
    sent and Dee not, 'waiting for their day, the first on 2027-01-15', a day gone by (the list itself, run
    that day, sent her). The workbook run sends her on or after her day, and holds her before it."""
    hr_list, workbook, first = _sent_and_fixed(tmp_path, monkeypatch, capsys)
    assert (first["ordered_rows"], first["invalid"]) == (1, 1), first

    _on(monkeypatch, datetime.date(2027, 1, 14))  # the day before hers: Cy alone
    ran = _run(capsys, str(workbook), "--out", str(tmp_path))
    assert (ran["ordered_rows"], ran["waiting_until"]) == (2, [{"row": 4, "day": "2027-01-15"}]), ran

    _on(monkeypatch, datetime.date(2027, 1, 20))  # the workbook run again, as it was written that day
    ran = _run(capsys, str(workbook), "--out", str(tmp_path))
    assert (ran["ordered_rows"], ran["waiting"], ran["orders_sent_this_run"]) == (3, 0, 1), ran
    again = _run(capsys, str(hr_list), "--out", str(tmp_path / "list"))
    assert (again["ordered_rows"], again["orders_sent_this_run"]) == (3, 0), again  # no second card


def _noted(workbook: Path, note: str) -> None:
    """Dee Park's Notes typed anew on the Results sheet (where her row says what happened to it)."""
    book = openpyxl.load_workbook(workbook)
    sheet = book[RESULTS_SHEET]
    headers = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[headers.index("Name")].value == "Dee Park":
            row[headers.index("Notes")].value = note
    book.save(workbook)


@pytest.mark.parametrize(
    ("note", "sent"),
    [("Terminated 1/2 - do not send", False), ("On hold until 3/1/2027", False), ("Address confirmed", True)],
)
def test_a_held_row_whose_words_now_say_no_stays_out_of_the_result_workbook_run_on_its_day(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    note: str,
    sent: bool,
) -> None:
    """Found by review57 after b6aec0da: Dee Park held 'On hold until 1/15/2027'; the person typed
    'Terminated 1/2 - do not send' in her Notes on the Results sheet, fixed Cy on Fix these, and ran the
    workbook on Jan 20: her card was ordered (charged 100.00 for Ann, Cy and Dee), where the list with that
    note leaves her out (before b6aec0da the workbook never sent her). A held row whose day has come is read
    again as the list's are: its words saying no, or holding it to a later day, keep it out; others send."""
    _, workbook, _ = _sent_and_fixed(tmp_path, monkeypatch, capsys)
    _noted(workbook, note)

    _on(monkeypatch, datetime.date(2027, 1, 20))
    ran = _run(capsys, str(workbook), "--out", str(tmp_path))
    assert (ran["ordered_rows"], ran["orders_sent_this_run"]) == (3 if sent else 2, 1), ran


def test_validate_cost_of_the_result_workbook_names_the_day_of_a_held_row_as_the_run_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-money24: `validate anniv-results.xlsx --cost` said 'Not in the cost: 1 row(s) the list
    holds until a day to come (row 4)', no day, where `run` of the same workbook said 'waiting for their day:
    row 4 on or after 2027-01-15' (and `validate anniv.csv --cost` the same)."""
    _, workbook, _ = _sent_and_fixed(tmp_path, monkeypatch, capsys)
    capsys.readouterr()
    main(["validate", str(workbook), "--batch", "anniv", "--cost", "--json", "--out", str(tmp_path / "v")])
    cost = json.loads(capsys.readouterr().out)["cost"]
    assert (cost["waiting"], cost["total"]) == ([{"row": 4, "until": "2027-01-15"}], "25.00"), cost
    ran = _run(capsys, str(workbook), "--out", str(tmp_path))
    assert ran["waiting_until"] == [{"row": 4, "day": "2027-01-15"}], ran
