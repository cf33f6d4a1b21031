"""`bulkship validate` of a list whose row was ordered (by this batch or another) and that the list now leaves
out: its count, its --json and its validation workbook say the row's card went, as the note above does."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bulkship.cli import main

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"]
ROWS = [
    ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25", ""],
    ["Cy Diaz", "", "Boston", "MA", "02134", "CVS", "25", ""],  # row 3: no street, to fix
    ["Di Fox", "4 Oak St", "Boston", "MA", "02134", "CVS", "25", "terminated 11/30"],  # row 4: left out
]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


@pytest.mark.parametrize("batch", ["HR-WK2", "HR"])
def test_validate_counts_a_row_ordered_before_that_the_list_now_leaves_out_apart(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str], batch: str
) -> None:
    """hunter-vendor32's leftover: week 2's list (Ann's card went in batch HR, her note now 'terminated
    12/4') checked by `validate --batch HR-WK2` (or HR) said her apart in a note, and then counted '4 rows:
    1 valid, 1 invalid, 2 skipped (not ordered)'; its --json gave no PO for her, its workbook said 'Not
    ordered: the list says not to send it'. Each now says her card went, and where."""
    source = _write(tmp_path / "gifts.csv", ROWS)
    assert main(["run", str(source), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path)]) == 3
    week2 = _write(tmp_path / "week2.csv", [[*ROWS[0][:7], "terminated 12/4"], *ROWS[1:]])
    went = "BS-HR-0001 (batch 'HR')" if batch != "HR" else "BS-HR-0001"
    capsys.readouterr()
    assert main(["validate", str(week2), "--batch", batch, "--out", str(tmp_path)]) == 1  # Cy to fix
    said = " ".join(capsys.readouterr().out.split())
    assert (
        "3 rows: 0 valid, 1 invalid, 2 skipped (1 not ordered; 1 ordered before: their cards went, nothing "
        "is sent again)" in said
    ), said
    book = load_workbook(tmp_path / "week2-validation.xlsx", read_only=True)
    rows = {r[0]: r for r in book["Validation"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows[2][2] == (
        f"Ordered before, PO {went}: its card went; now the list says not to send it (column 'Notes': "
        "'terminated 12/4')"
    ), rows[2]
    assert rows[4][2].startswith("Not ordered: the list says not to send it"), rows[4]
    items = {r[0]: r[1] for r in book["Summary"].iter_rows(values_only=True) if r[0]}
    assert (items["Skipped (not ordered)"], items["Skipped, ordered before (their cards went)"]) == (1, 1)
    book.close()
    assert main(["validate", str(week2), "--batch", batch, "--out", str(tmp_path), "--json"]) == 1
    skipped = json.loads(capsys.readouterr().out)["skipped"]
    assert [s.get("ordered_before") for s in skipped] == [went, None], skipped


def test_the_run_s_workbook_names_the_po_of_a_row_another_batch_sent_that_the_list_now_leaves_out(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    """Found by hunter-vendor33 beside hunter-vendor32's 92f2d7aa: week 2's list run as batch HR-WK2 (Ann's
    card went in batch HR, her note now 'terminated 12/4') said her apart on the terminal, with her PO, and
    its result workbook's row read 'skipped: the list says not to send it', as Di's never sent: HR read that
    Ann got nothing. The row now says where her card went."""
    source = _write(tmp_path / "gifts.csv", ROWS)
    assert main(["run", str(source), "--batch", "HR", "--yes", "--wait", "0", "--out", str(tmp_path)]) == 3
    week2 = _write(tmp_path / "week2.csv", [[*ROWS[0][:7], "terminated 12/4"], *ROWS[1:]])
    common = ["--batch", "HR-WK2", "--yes", "--wait", "0", "--out", str(tmp_path)]
    assert main(["run", str(week2), *common]) == 3
    book = load_workbook(tmp_path / "HR-WK2-results.xlsx", read_only=True)
    sheet = book["Results"]
    head = next(sheet.iter_rows(max_row=1, values_only=True))
    rows = [dict(zip(head, r, strict=False)) for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]]
    book.close()
    ann, di = (next(r for r in rows if r["Name"] == name) for name in ("Ann Lee", "Di Fox"))
    assert (ann["Status"], ann["Problems / vendor error"]) == (
        "skipped",
        "ordered before, PO BS-HR-0001 (batch 'HR'): its card went; now the list says not to send it (column "
        "'Notes': 'terminated 12/4')",
    ), ann
    assert (di["Status"], di["Problems / vendor error"]) == (
        "skipped",
        "the list says not to send it (column 'Notes': 'terminated 11/30')",
    ), di


def test_a_row_sent_elsewhere_that_the_list_now_leaves_out_names_the_po_its_card_went_in(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review59 checking 64afd088: list B (Ann, Bo) refused by --max-total, Ann taken out and sent as
    batch A, B run again (Ann 'sent elsewhere': her card in BS-A-0001), then B's list with Ann 'Terminated
    12/1' and a new row: the run said '1 row(s) ordered before that the list now leaves out: row 2, ...
    'Terminated 12/1'), PO . Their cards went already': no PO, where her card went in BS-A-0001."""
    ann, bo = ROWS[0], ["Bo Ray", "2 Oak Ave", "Cambridge", "MA", "02139", "CVS", "25", ""]
    listed = _write(tmp_path / "b.csv", [ann, bo])
    out = ["--yes", "--wait", "0", "--out", str(tmp_path)]
    assert main(["run", str(listed), "--batch", "B", "--max-total", "10", *out]) != 0  # the plan kept
    taken = _write(tmp_path / "a.csv", [ann])
    assert main(["run", str(taken), "--batch", "A", "--allow-repeat", *out]) == 0
    assert main(["run", str(listed), "--batch", "B", *out]) == 0  # Ann sent elsewhere, Bo sent
    cy = ["Cy Dee", "3 Elm St", "Austin", "TX", "78701", "CVS", "25", ""]
    _write(listed, [[*ann[:7], "Terminated 12/1"], bo, cy])
    capsys.readouterr()
    assert main(["run", str(listed), "--batch", "B", "--max-total", "10", *out]) != 0  # shown, not sent
    printed = capsys.readouterr()
    said = " ".join((printed.out + printed.err).split())
    assert "'Terminated 12/1'), PO BS-A-0001" in said, said
