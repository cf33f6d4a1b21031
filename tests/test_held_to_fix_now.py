"""A row the list holds until a day to come that has an error (a card value the vendor does not make) is a
row to fix now (..validate.heldnow): said once, as that, on the terminal."""

from __future__ import annotations

import datetime
import html
from pathlib import Path

import pytest

from bulkship.cli import main

HR_LIST = (
    "Name,Address,City,State,ZIP,Product,Value,Notes\n"
    "Ann Lee,12 Beacon Street,Boston,MA,02108,CVS,50,\n"
    "Bob Ray,455 Massachusetts Avenue,Cambridge,MA,02139,STARBUCKS,25,Terminated\n"
    "Carla Diaz,350 Fifth Avenue,New York,NY,10118,VISA-PREPAID,100,on leave - send in Feb\n"
    "Dee Park,233 South Wacker Drive,Chicago,IL,60606,CVS,20,On hold until 1/15/2027\n"
)


def test_a_row_held_until_a_day_with_an_error_is_named_once_as_a_row_to_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-money22's item 3: Dee Park's CVS card of 20 held until 1/15/2027 was named by the run first as
    'Note: 3 row(s) the list says not to send are not ordered: ... row 5 (...), to send on or after
    2027-01-15', then under 'Left out of this plan: 1 invalid (to fix) row(s)': a row to fix now, said not
    ordered until its day. It is named once, as the row to fix; `validate` says the same."""
    hr_list = tmp_path / "anniv.csv"
    hr_list.write_text(HR_LIST)
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    for command in (["validate", str(hr_list)], ["run", str(hr_list), "--batch", "anniv", "--yes"]):
        capsys.readouterr()
        assert main([*command, "--out", str(tmp_path)]) in (1, 3)
        out = capsys.readouterr()
        said = " ".join((out.err + out.out).split())
        assert "Note: 2 row(s) the list says not to send are not ordered: row 3 " in said, said
        assert "'On hold until 1/15/2027'" not in said, said
        assert "Row 5, column 'Value': 20 is not a value CVS comes in" in said, said


def test_the_results_page_says_a_held_row_to_fix_is_not_valid_beside_its_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """hunter-money22's item 8 (hunter-money23's item 1): Dee Park's CVS card of 20 held until 1/15/2027,
    sent from the page with 'Leave the rows not valid out': her row on the Results page read 'invalid' and,
    as why, only 'the list says not to send it yet (...), to send on or after 2027-01-15', nothing of what
    to fix, where another invalid row reads 'not valid: see the review' and the workbook names the value.
    Nothing was sent either way."""
    from starlette.testclient import TestClient
    from support import visible_text
    from test_web import confirm, upload, wait_until_finished

    from bulkship.settings import Settings
    from bulkship.web import create_app

    hr_list = tmp_path / "anniv.csv"
    hr_list.write_text(HR_LIST)
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "output")
    with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
        upload(client, hr_list, name="anniv")
        assert confirm(client, "anniv", leave_out="yes").url.path == "/batches/anniv/progress"
        wait_until_finished(client, "anniv")
        page = html.unescape(visible_text(client.get("/batches/anniv/results").text))
    hold = "the list says not to send it yet (column 'Notes': 'On hold until 1/15/2027')"
    assert f"5 Dee Park invalid {hold}, to send on or after 2027-01-15; not valid: see the review" in page, (
        page
    )
