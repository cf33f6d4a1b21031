"""What a person types on the result workbook's Orders and Summary sheets (finance's 'Invoice #' beside the
orders, a note under the Summary) is never lost by a rewrite (found by review19, review18's leftover: `track`
wrote both sheets from the ledger again, and the column and the note were gone without a word)."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main
from bulkship.reconcile.layout import ORDER_COLUMNS
from bulkship.reconcile.sheets import ORDERS_SHEET, SUMMARY_SHEET
from bulkship.sheetscan import column_letter

HEADER = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Amount"]
ROWS = [
    ["E1", "Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25"],
    ["E2", "Bo Park", "2 Elm St", "Boston", "MA", "02134", "CVS", "25"],
]


def _sheet(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


BESIDE = column_letter(len(ORDER_COLUMNS) + 1)  # the column just right of the Orders sheet's own (was K)


def _cells(workbook: Path, sheet: str) -> set[str]:
    return {
        str(v) for row in openpyxl.load_workbook(workbook)[sheet].iter_rows(values_only=True) for v in row
    }


def test_an_invoice_column_beside_the_orders_and_a_note_under_the_summary_are_kept(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _sheet(tmp_path / "gifts.csv", ROWS)
    out = tmp_path / "out"
    assert main(["run", str(source), "--batch", "G", "--yes", "--wait", "0", "--out", str(out)]) == 0
    workbook = out / "G-results.xlsx"
    book = openpyxl.load_workbook(workbook)  # opened and saved as it is: rewritten as ever
    book.save(workbook)
    capsys.readouterr()
    assert main(["track", "G"]) == 0
    assert "typed" not in capsys.readouterr().err

    book = openpyxl.load_workbook(workbook)
    book[ORDERS_SHEET][f"{BESIDE}1"], book[ORDERS_SHEET][f"{BESIDE}2"] = "Invoice #", "INV-1001"
    summary = book[SUMMARY_SHEET]
    summary.cell(summary.max_row + 2, 1).value = "Paid with invoice A-77"
    book.save(workbook)
    capsys.readouterr()
    assert main(["track", "G"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert f"Orders {BESIDE}1 'Invoice #'; Orders {BESIDE}2 'INV-1001'; Summary A" in said, said
    assert "not rewritten, so it is kept" in said, said
    assert {"Invoice #", "INV-1001"} <= _cells(workbook, ORDERS_SHEET)
    assert "Paid with invoice A-77" in _cells(workbook, SUMMARY_SHEET)

    more = _sheet(
        tmp_path / "gifts.csv", [*ROWS, ["E3", "Cy Diaz", "3 Oak St", "Boston", "MA", "02134", "CVS", "25"]]
    )
    capsys.readouterr()
    code = main(["run", str(more), "--batch", "G", "--yes", "--wait", "0", "--out", str(out)])
    said = " ".join(capsys.readouterr().err.split())
    assert code == 2 and "Nothing was sent" in said and f"Orders {BESIDE}1 'Invoice #'" in said, said
    assert {"Invoice #", "INV-1001"} <= _cells(workbook, ORDERS_SHEET)

    book = openpyxl.load_workbook(workbook)  # the advice: moved to a workbook of the person's own
    for cell in (f"{BESIDE}1", f"{BESIDE}2"):
        book[ORDERS_SHEET][cell] = None
    summary = book[SUMMARY_SHEET]
    summary.cell(summary.max_row, 1).value = None
    book.save(workbook)
    assert main(["run", str(more), "--batch", "G", "--yes", "--wait", "0", "--out", str(out)]) == 0
    assert "Cy Diaz" in _cells(workbook, "Results")


def test_a_note_typed_among_the_summary_s_figures_is_kept_too(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _sheet(tmp_path / "gifts.csv", ROWS)
    out = tmp_path / "out"
    assert main(["run", str(source), "--batch", "G", "--yes", "--wait", "0", "--out", str(out)]) == 0
    workbook = out / "G-results.xlsx"
    book = openpyxl.load_workbook(workbook)
    book[SUMMARY_SHEET]["D4"] = "approved by the CFO"  # beside 'Batch | G', inside what bulkship wrote
    book.save(workbook)
    capsys.readouterr()
    assert main(["track", "G"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "Summary: cells typed, changed or deleted among those bulkship wrote" in said, said
    assert "approved by the CFO" in _cells(workbook, SUMMARY_SHEET)


def test_orders_sorted_by_their_total_are_no_note_of_the_person_s(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review19 (after 05d9c5e): finance sorting the Orders sheet (by Total, by status) typed
    nothing, yet the rows' new places read as cells changed and the workbook was no longer rewritten."""
    other_order = ["E3", "Cy Diaz", "3 Oak St", "Boston", "MA", "02134", "HOMEDEPOT", "50"]
    source = _sheet(tmp_path / "gifts.csv", [*ROWS, other_order])
    out = tmp_path / "out"
    assert main(["run", str(source), "--batch", "G", "--yes", "--wait", "0", "--out", str(out)]) == 0
    workbook = out / "G-results.xlsx"
    book = openpyxl.load_workbook(workbook)
    orders = book[ORDERS_SHEET]
    body = [[c.value for c in row] for row in orders.iter_rows(min_row=2)]
    assert len(body) == 2
    for at, values in enumerate(reversed(body), start=2):  # sorted the other way round
        for col, value in enumerate(values, start=1):
            orders.cell(at, col).value = value
    book.save(workbook)
    capsys.readouterr()
    assert main(["track", "G"]) == 0
    assert "typed" not in capsys.readouterr().err


@pytest.mark.parametrize("sheet", [ORDERS_SHEET, SUMMARY_SHEET, "Results", "bulkship-keys"])
def test_a_result_workbook_with_a_damaged_sheet_is_said_not_a_traceback(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str], sheet: str
) -> None:
    """Found by review19: a result workbook one of whose sheets is damaged (an editor that crashed while
    saving, a sync conflict) ended `bulkship track` in a traceback (python_calamine.XmlError). Now one line
    says it and what to do (exit 2, as for a workbook that cannot be read at all); following it works."""
    import zipfile

    source = _sheet(tmp_path / "gifts.csv", ROWS)
    out = tmp_path / "out"
    assert main(["run", str(source), "--batch", "G", "--yes", "--wait", "0", "--out", str(out)]) == 0
    workbook = out / "G-results.xlsx"
    with zipfile.ZipFile(workbook) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    names = openpyxl.load_workbook(workbook, read_only=True).sheetnames
    part = f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"
    parts[part] = parts[part][: parts[part].index(b"<sheetData>") + 40] + b"<<< damaged"
    with zipfile.ZipFile(workbook, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    capsys.readouterr()
    code = main(["track", "G"])
    said = " ".join(capsys.readouterr().err.split())
    assert "Traceback" not in said
    if sheet != ORDERS_SHEET:  # a damaged Orders sheet: nothing of it to keep, written again whole
        assert code == 2, said
        assert "Cannot read the result workbook" in said and "re-run the same `bulkship run` command" in said
        workbook.unlink()  # as the words say
        assert main(["run", str(source), "--batch", "G", "--yes", "--wait", "0", "--out", str(out)]) == 0
    assert "Ann Lee" in _cells(workbook, "Results")


def test_the_csv_twin_is_kept_current_while_the_workbook_is_kept_for_the_person_s_notes(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review19: the README says the CSV twin is "kept current by every later run and track"; while
    the workbook was left as it was for what the person put in it (a note, a sheet of their own, corrections
    not run yet), the CSV was left too, and said 'pending' for cards the ledger knew delivered."""
    source = _sheet(tmp_path / "gifts.csv", ROWS)
    out = tmp_path / "out"
    args = ["run", str(source), "--batch", "G", "--yes", "--wait", "0", "--out", str(out), "--csv"]
    assert main(args) == 0
    workbook, twin = out / "G-results.xlsx", out / "G-results.csv"
    book = openpyxl.load_workbook(workbook)
    book[ORDERS_SHEET][f"{BESIDE}1"] = "Invoice #"
    book.save(workbook)
    from bulkship.sandbox import Sandbox, SandboxConfig

    sandbox = Sandbox(SandboxConfig(state_file=isolated_data_dir / "sandbox.sqlite"))
    sandbox.advance(30 * 24 * 3600)  # every card delivered
    sandbox.close()
    capsys.readouterr()
    assert main(["track", "G"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "not rewritten, so it is kept" in said and "its CSV twin G-results.csv is current" in said, said
    with twin.open(encoding="utf-8-sig") as handle:
        statuses = [row["Status"] for row in csv.DictReader(handle)]
    assert statuses == ["delivered", "delivered"], statuses
    assert "Invoice #" in _cells(workbook, ORDERS_SHEET)
