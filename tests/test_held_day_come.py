"""Rows the list holds until a day, once that day has come: `status` says a run sends them."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from bulkship.cli import main

HR_LIST = (
    "Name,Address,City,State,ZIP,Product,Value,Notes\n"
    "Ann Lee,12 Beacon Street,Boston,MA,02108,CVS,50,\n"
    "Dee Park,233 South Wacker Drive,Chicago,IL,60606,CVS,25,On hold until 1/15/2027\n"
)


def test_status_says_rows_whose_day_has_come_are_sent_by_running_the_list_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-money24: Dee Park held 'On hold until 1/15/2027', run on Dec 5. On Jan 20 `bulkship
    status` still read 'waiting', '1 skipped (1 waiting for their day, the first on 2027-01-15, ...)' and
    nothing more: her day had come, and nothing sends her card until the list is run again. It says so,
    with the command; before her day it says nothing of it."""
    hr_list = tmp_path / "anniv.csv"
    hr_list.write_text(HR_LIST)
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    assert (
        main(["run", str(hr_list), "--batch", "anniv", "--yes", "--wait", "0", "--out", str(tmp_path)]) == 0
    )
    said = "1 row(s) held until a day that has come (row 3 on or after 2027-01-15)"
    for day, told in ((datetime.date(2027, 1, 14), False), (datetime.date(2027, 1, 20), True)):
        monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="", day=day: day)
        capsys.readouterr()
        assert main(["status", "anniv"]) == 0
        err = " ".join(capsys.readouterr().err.split())
        assert (said in err) is told, err
    assert "are not sent until the list runs again: bulkship run anniv.csv --batch anniv" in err, err


def test_the_batches_page_says_rows_whose_day_has_come_are_sent_by_running_the_list_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-money24, as for `status`: on Jan 20 the Batches page said of Dee Park's row held until
    2027-01-15 '(1 row(s) wait for their day, the first on 2027-01-15: ...; not charged, not to send yet)'."""
    from starlette.testclient import TestClient
    from support import visible_text

    from bulkship.settings import resolve_settings
    from bulkship.web import create_app

    hr_list = tmp_path / "anniv.csv"
    hr_list.write_text(HR_LIST)
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    assert (
        main(["run", str(hr_list), "--batch", "anniv", "--yes", "--wait", "0", "--out", str(tmp_path)]) == 0
    )
    said = {}
    for day in (datetime.date(2027, 1, 14), datetime.date(2027, 1, 20)):
        monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="", day=day: day)
        with TestClient(create_app(resolve_settings())) as client:
            said[day.day] = visible_text(client.get("/").text)
    assert "2027-01-15: 25.00 USD at the prices of" in said[14], said[14]
    assert "; not charged, not to send yet)" in said[14], said[14]
    assert "; not charged: that day has come, run its list again to send them)" in said[20], said[20]
