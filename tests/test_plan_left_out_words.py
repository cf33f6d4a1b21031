"""What `bulkship run`'s plan says of the rows it leaves out, before 'Send these orders?': the rows to fix
under their count, the rows the list itself leaves out under theirs (found by newcomer19, N7: an HR list's
'Row 9, column Notes: ...' and 'Row 13, column Gift Card: AMAZON ...' were printed, indented, after the
list of rows 'the list itself says' not to send, and read as two more of them)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bulkship.cli import main

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"]
ROWS = [
    ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25", ""],
    ["Cy Diaz", "", "Boston", "MA", "02134", "CVS", "25", ""],  # row 3: no street, to fix
    ["Di Fox", "4 Oak St", "Boston", "MA", "02134", "CVS", "25", "terminated 11/30"],  # row 4: left out
]


def test_the_rows_to_fix_are_said_under_their_count_not_under_the_list_s_own(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    assert main(["run", str(source), "--yes", "--wait", "0"]) == 3
    lines = capsys.readouterr().err.splitlines()
    count = next(i for i, line in enumerate(lines) if line.startswith("Left out of this plan: 1 invalid"))
    own = next(i for i, line in enumerate(lines) if "Left out of this plan, as the list itself says" in line)
    assert lines[count + 1].startswith("  Row 3, column 'Address'"), lines[count : count + 2]
    assert own > count + 1
    under_own = lines[own + 1 :]
    said = under_own[: next(i for i, line in enumerate(under_own) if not line.startswith("  "))]
    assert said == ["  row 4: the list says not to send it (column 'Notes': 'terminated 11/30')"], said


def test_the_plan_refused_by_max_total_names_where_the_rest_of_its_problems_are(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer20 (N10): a marketer's 300-row CRM export over its --max-total 5000 printed 'Row 24
    ...', 'Row 72 ...' and '... and 11 more problems: see the result workbook.', then 'Nothing was sent':
    a run that sends nothing writes no result workbook, so the other 11 were nowhere to be seen. The plan
    names `bulkship validate`, which lists them all before anything is sent."""
    source = tmp_path / "gifts.csv"
    broken = [[f"Person {i}", "", "Boston", "MA", "02134", "CVS", "25", ""] for i in range(12)]
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS[:1], *broken])
    assert main(["run", str(source), "--yes", "--max-total", "10", "--out", str(tmp_path)]) == 1
    said = " ".join(capsys.readouterr().err.split())
    assert "... and 2 more problems: `bulkship validate` of the same file lists them all" in said, said
    assert "see the result workbook" not in said and not (tmp_path / "gifts-results.xlsx").exists()


def test_rows_sent_before_that_the_list_now_refuses_are_said_apart_not_as_rows_to_fix(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer20: a marketer's list run again after a note was read that was not before ('new
    address: 55 Summer St ...' under 'Description', beside the street the card went to) printed 'Left out of
    this plan: 3 invalid (to fix), 1 duplicate' over five rows' errors: two of them were sent already, one
    to the street its note says is old. They are said apart, as sent; the count and its lines agree."""
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    common = ["--batch", "DM", "--yes", "--wait", "0", "--out", str(tmp_path)]
    assert main(["run", str(source), *common]) == 3  # Ann sent; Cy to fix; Di left out
    moved = [*ROWS[0][:7], "new address: 55 Summer St, Boston MA 02110"]  # Ann's note, written since
    added = ["Eve Park", "5 Elm St", "Boston", "MA", "02134", "CVS", "25", ""]
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, moved, *ROWS[1:], added])
    capsys.readouterr()
    assert main(["run", str(source), *common]) == 3
    lines = capsys.readouterr().err.splitlines()
    count = next(i for i, line in enumerate(lines) if line.startswith("Left out of this plan: 1 invalid"))
    assert lines[count + 1].startswith("  Row 3, column 'Address'"), lines
    assert "Row 2," not in lines[count + 2], lines
    said = " ".join(" ".join(lines).split())
    assert "1 row(s) ordered before that the list, as read today, would not send (row 2)" in said, said
    assert said.index("ordered before that the list") < said.index("Batch DM: orders to send"), said


def test_a_row_sent_before_that_the_list_now_says_not_to_send_is_said_apart_not_as_not_ordered(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer21 (N1): an HR export run again a week later, Michael Martin's 'Position Status' now
    'Terminated' (his card had gone in the first run), was told 'Note: 2 row(s) the list says not to send are
    not ordered: ...; row 120 (column 'Position Status': 'Terminated'). Change the cell to order a row.': HR
    read that he got nothing. A row whose card went is said apart, with its PO number; a row never sent is
    said as before."""
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    common = ["--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path)]
    assert main(["run", str(source), *common]) == 3  # Ann sent; Cy to fix; Di left out
    gone = [*ROWS[0][:7], "terminated 12/4"]  # Ann's note, written since her card went
    added = ["Eve Park", "5 Elm St", "Boston", "MA", "02134", "CVS", "25", ""]
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, gone, *ROWS[1:], added])
    capsys.readouterr()
    assert main(["run", str(source), *common]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert (
        "1 row(s) the list says not to send are not ordered: row 4 (column 'Notes': 'terminated 11/30'). "
        "Change the cell to order a row." in said
    ), said
    assert (
        "1 row(s) ordered before that the list now leaves out: row 2, the list says not to send it (column "
        "'Notes': 'terminated 12/4'), PO BS-HR-0001. Their cards went already: nothing is sent again for them"
        in said
    ), said
    assert said.index("ordered before that the list now leaves out") < said.index("Batch HR: orders to send")


def test_a_row_another_batch_sent_that_the_list_now_says_not_to_send_is_said_apart(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """newcomer21's N9 (N1 across batches): week 2's export run as a batch of its own, Ann's note now
    'terminated 12/4' (her card went in week 1's batch HR), was told 'not ordered ... Change the cell to
    order a row', nothing saying her card went. Said apart with the batch and PO her card went in."""
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    assert main(["run", str(source), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path)]) == 3
    gone = [*ROWS[0][:7], "terminated 12/4"]
    added = [[f"New {i}", f"{i} Elm St", "Boston", "MA", "02134", "CVS", "25", ""] for i in range(1, 4)]
    week2 = tmp_path / "week2.csv"
    with week2.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, gone, *ROWS[1:], *added])
    capsys.readouterr()
    assert main(["validate", str(week2), "--batch", "HR-WK2", "--out", str(tmp_path)]) == 1  # Cy to fix
    checked = " ".join(capsys.readouterr().err.split())  # the check before the run says the same
    common = ["--batch", "HR-WK2", "--yes", "--wait", "0", "--out", str(tmp_path)]
    assert main(["run", str(week2), *common]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert "PO BS-HR-0001 (batch 'HR'). Their cards went already" in checked, checked
    assert (
        "1 row(s) the list says not to send are not ordered: row 4 (column 'Notes': 'terminated 11/30'). "
        "Change the cell to order a row." in said
    ), said
    assert (
        "1 row(s) ordered before that the list now leaves out: row 2, the list says not to send it (column "
        "'Notes': 'terminated 12/4'), PO BS-HR-0001 (batch 'HR'). Their cards went already" in said
    ), said


def test_validate_of_the_batch_says_a_row_sent_before_that_the_list_now_leaves_out_apart(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`bulkship validate FILE --batch NAME`, the check before the run, said the same as the run did before
    200ec804 (newcomer21's N1): Ann, sent, her note now 'terminated 12/4', 'not ordered ... Change the cell to
    order a row'. It says her apart as the run now does."""
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    assert main(["run", str(source), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path)]) == 3
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, [*ROWS[0][:7], "terminated 12/4"], *ROWS[1:]])
    capsys.readouterr()
    assert main(["validate", str(source), "--batch", "HR", "--out", str(tmp_path)]) == 1  # Cy to fix
    said = " ".join(capsys.readouterr().err.split())
    assert (
        "1 row(s) the list says not to send are not ordered: row 4 (column 'Notes': 'terminated 11/30')"
        in said
    )
    assert (
        "1 row(s) ordered before that the list now leaves out: row 2, the list says not to send it" in said
    ), said


def test_the_plan_lists_a_row_ordered_before_that_the_list_now_leaves_out_apart(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-vendor33's item 2: week 2's list (Ann's card went in batch HR, her note now 'terminated 12/4';
    a new hire added) planned under HR-WK2 listed her under 'Left out of this plan, as the list
    itself says' as 'row 2: the list says not to send it (...)', as Di's row never ordered: the note above
    said her card went, the list under the question did not. Each row now says which it is."""
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    assert main(["run", str(source), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path)]) == 3
    week2 = tmp_path / "week2.csv"
    with week2.open("w", newline="") as handle:
        added = ["New 1", "1 Elm St", "Boston", "MA", "02134", "CVS", "25", ""]
        csv.writer(handle).writerows([HEADER, [*ROWS[0][:7], "terminated 12/4"], *ROWS[1:], added])
    capsys.readouterr()
    assert main(["run", str(week2), "--batch", "HR-WK2", "--yes", "--wait", "0", "--out", str(tmp_path)]) == 3
    said = " ".join(capsys.readouterr().err.split())
    listed = said.partition("Left out of this plan, as the list itself says (2 row(s)):")[2].strip()
    assert listed.startswith(
        "row 2: ordered before, PO BS-HR-0001 (batch 'HR'): its card went; now the list says not to send "
        "it (column 'Notes': 'terminated 12/4') row 4: the list says not to send it (column 'Notes': "
        "'terminated 11/30')"
    ), said
