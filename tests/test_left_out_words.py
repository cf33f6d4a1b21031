"""Who the list itself leaves out of a plan, and why, said before anything is sent (newcomer16's N4,
newcomer15's N5): 'Left out of this plan: 2 skipped (rows the list itself leaves out: hidden, crossed out,
totals or notes rows, a row it says not to send, taken off Fix these) row(s) of the file.' named every reason
a row may be skipped for, and neither the rows nor theirs. The command line now names each row with its
reason (the first few); the cost page and the approver's name the people apart from the totals or notes rows,
by row, the reasons in the file's notes just below."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font
from starlette.testclient import TestClient
from support import visible_text
from test_team_web import send, sign_in, upload

from bulkship.cli import main
from bulkship.settings import Settings, resolve_settings
from bulkship.team import accounts, approvals, store
from bulkship.web import create_app

HEADERS = ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"]


def hr_list(path: Path, more_gone: int = 0) -> Path:
    """An HR list as openpyxl writes it: row 3 hidden, row 4 struck through, row 5 'terminated 11/30', and a
    totals row last; ``more_gone`` more people whose Notes say they left."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS)
    people = [
        ["Ana Silva", "12 Elm St", "Boston", "MA", "02108", "CVS", 25, ""],
        ["Lou Hidden", "5 Elm St", "Boston", "MA", "02108", "CVS", 25, ""],
        ["Sam Struck", "6 Elm St", "Boston", "MA", "02108", "CVS", 25, ""],
        ["Tom Gone", "7 Elm St", "Boston", "MA", "02108", "CVS", 25, "terminated 11/30"],
        *[[f"Left {i}", f"{i} Oak St", "Boston", "MA", "02108", "CVS", 25, "left the company"]
          for i in range(more_gone)],
    ]  # fmt: skip
    for row in people:
        sheet.append(row)
    sheet.append(["Total", None, None, None, None, None, f"=SUM(G2:G{len(people) + 1})", None])
    sheet.row_dimensions[3].hidden = True
    for cell in sheet[4]:
        cell.font = Font(strike=True)
    book.save(path)
    return path


def test_the_question_before_sending_names_each_row_the_list_leaves_out_and_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hr_list(tmp_path / "staff.xlsx", more_gone=7)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("n\n"))
    assert main(["run", str(path), "--wait", "0", "--out", str(tmp_path / "out")]) == 1
    said = capsys.readouterr().err
    assert "hidden, crossed out, totals or notes rows" not in said, said
    lines = said.split("Left out of this plan, as the list itself says (11 row(s)):\n", 1)[1].splitlines()
    assert lines[0].startswith("  row 3: hidden"), said
    assert lines[1].startswith("  row 4: crossed out"), said
    assert lines[2] == "  row 5: the list says not to send it (column 'Notes': 'terminated 11/30')", said
    assert lines[3] == "  row 6: the list says not to send it (column 'Notes': 'left the company')", said
    assert lines[8] == "  ... and 3 more", said  # 8 named: 3 more people who left, and the totals row
    assert said.index("Left out of this plan") < said.index("Send these orders?"), said


@pytest.fixture
def team(quick_hashes: None) -> Iterator[Settings]:
    settings = resolve_settings()
    accounts.add_user(settings, "alice", "password-alice", ["requester"], actor="test")
    accounts.add_user(settings, "carol", "password-carol", ["approver"], actor="test")
    approvals.set_threshold(settings, "10", actor="test")
    yield settings
    store.forget_engines()


def test_the_cost_page_and_the_approver_s_page_say_who_the_list_leaves_out_and_why(
    team: Settings, tmp_path: Path
) -> None:
    path = hr_list(tmp_path / "staff.xlsx")
    app = create_app(team, run_wait_s=0)
    with TestClient(app, follow_redirects=True) as alice, TestClient(app, follow_redirects=True) as carol:
        assert sign_in(alice, "alice").status_code == 200 and sign_in(carol, "carol").status_code == 200
        upload(alice, path)
        cost = visible_text(alice.get("/batches/staff/cost").text)
        assert "rows the list leaves out: hidden, crossed out" not in cost, cost
        assert (
            "Left out of this plan, as the list itself says: 3 person(s) it hides, crosses out or says not "
            "to send (rows 3, 4, 5), and 1 row(s) that are no recipient: totals or notes (row 6); why, just "
            "below. A person among them can be ordered after all on the review" in cost
        ), cost
        assert "terminated 11/30" in cost.split("why, just below")[1], cost  # the file's notes say it
        assert send(alice, "staff").url.path == "/batches/staff/approval"  # 25.00 waits for an approver
        page = visible_text(carol.get("/batches/staff/approval").text)
        said = page.split("Left out of this plan, as the list itself says: ", 1)[1]
        assert said.startswith(
            "3 person(s) it hides, crosses out or says not to send (rows 3, 4, 5), and 1 row(s) that are no "
            "recipient: totals or notes (row 6); why, just below. 1 row(s) crossed out"
        ), page  # the requester's words, the file's notes below them; no step of a requester's
        assert "A person among them can be ordered after all" not in page, page
