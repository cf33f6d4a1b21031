"""The user's cells keep their type through to every output: numbers stay numbers (so ``=SUM`` over a
carried-over amount works), dates stay dates, text stays text as shown (Employee ID ``000123``, ZIP
``02134``, also when Excel or LibreOffice stored them as numbers shown through a zero-padding format).

Inputs are real files written by openpyxl (XLSX), odfpy (ODS) and the csv module; outputs are read back by
openpyxl, and by LibreOffice headless where it says what a person would see."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from support.libreoffice import convert

from bulkship.celltypes import CODE_NAMES
from bulkship.cli import main
from bulkship.load import load_sheet
from bulkship.reconcile.sheets import FIX_SHEET, RESULTS_SHEET
from bulkship.sandbox import Sandbox, SandboxConfig
from bulkship.settings import resolve_settings

HEADER = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Value", "Hire date", "Bonus",
          "Remote", "Note"]  # fmt: skip
HIRED = dt.date(2020, 1, 5)
MET = dt.datetime(2021, 3, 4, 10, 30)


def _xlsx(path: Path) -> Path:
    """An HR sheet as Excel keeps it: an id typed as text, an id and a ZIP stored as numbers shown through
    zero-padding formats, amounts, dates, a fraction, a negative number, true/false."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(
        ["000123", "Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", 25, HIRED, 12.5, True, "-x"]
    )
    sheet.append([124, "Bo Park", "2 Elm St", "Boston", "MA", 2134, "CVS", 50, MET, -3, False, "=note"])
    sheet.append([125, "Cy Diaz", "", "Boston", "MA", "02134", "CVS", 25, HIRED, 0, True, "no street"])
    sheet["A3"].number_format = "000000"
    sheet["F3"].number_format = "00000"
    sheet["L3"].data_type = "s"  # text that looks like a formula, as typed after an apostrophe
    book.save(path)
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main(["run", *args, "--yes", "--wait", "0", "--json", "--csv"])
    return code, json.loads(capsys.readouterr().out)


def _sheet(path: Path, name: str) -> list[dict[str, Any]]:
    rows = list(openpyxl.load_workbook(path)[name].iter_rows())
    header = [c.value for c in rows[0]]
    return [dict(zip(header, line, strict=True)) for line in rows[1:]]


def _sent_external_ids() -> Counter[str]:
    with Sandbox(SandboxConfig(state_file=resolve_settings().sandbox_state_file)) as sandbox:
        return Counter(li["ExternalId"] for o in sandbox.orders() for li in o["LineItems"])


def _check_original_cells(cells: dict[str, Any]) -> None:
    """Row 2 and 3 of :func:`_xlsx` as a spreadsheet shows them, from their cells (openpyxl)."""
    assert cells["Employee ID"].value == "000123" and cells["Employee ID"].data_type == "s"
    assert cells["ZIP"].value == "02134" and cells["ZIP"].data_type == "s"
    assert cells["Value"].value == 25 and cells["Value"].data_type == "n"
    assert cells["Hire date"].value == dt.datetime(2020, 1, 5) and cells["Hire date"].is_date
    assert cells["Hire date"].number_format == "yyyy-mm-dd"
    assert cells["Bonus"].value == 12.5
    assert cells["Remote"].value is True and cells["Remote"].data_type == "b"
    assert cells["Note"].value == "-x" and cells["Note"].data_type == "s" and cells["Note"].quotePrefix


def test_numbers_and_dates_stay_typed_and_padded_ids_stay_text_in_every_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _xlsx(tmp_path / "hr.xlsx")
    out = tmp_path / "out"
    code, report = _run(capsys, str(source), "--batch", "HR", "--out", str(out))
    assert code == 3, report  # row 4 has no street
    workbook = Path(report["output"])

    results = _sheet(workbook, RESULTS_SHEET)
    _check_original_cells(results[0])
    second = results[1]
    assert second["Employee ID"].value == "000124" and second["Employee ID"].data_type == "s"
    assert second["ZIP"].value == "02134" and second["ZIP"].data_type == "s"
    assert second["Hire date"].value == MET and second["Hire date"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert second["Bonus"].value == -3 and second["Bonus"].data_type == "n"
    assert second["Remote"].value is False and second["Remote"].data_type == "b"
    assert second["Note"].value == "=note" and second["Note"].data_type == "s"  # never a formula
    assert results[2]["Bonus"].value == 0 and results[2]["Bonus"].data_type == "n"  # a 0 is not a blank
    # =SUM over the carried-over amounts adds them up: they are numbers
    assert sum(r["Value"].value for r in results if r["Value"].data_type == "n") == 100

    fixes = _sheet(workbook, FIX_SHEET)  # the invalid row, in its own cells
    assert [f["Employee ID"].value for f in fixes] == [125]
    assert fixes[0]["Value"].value == 25 and fixes[0]["Hire date"].value == dt.datetime(2020, 1, 5)

    # what was sent: the ids as shown
    assert _sent_external_ids() == Counter({"000123": 1, "000124": 1})

    # the CSV export: the cells as the user sees them, text neutralised, numbers not
    with (out / f"{workbook.stem}.csv").open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    at = {h: lines[0].index(h) for h in HEADER}
    first, second_line = lines[1], lines[2]
    assert [first[at[h]] for h in HEADER] == [
        "000123", "Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25", "2020-01-05", "12.5", "TRUE",
        "'-x",
    ]  # fmt: skip
    assert [second_line[at[h]] for h in ("Employee ID", "ZIP", "Hire date", "Bonus", "Note")] == [
        "000124", "02134", "2021-03-04 10:30:00", "-3", "'=note",
    ]  # fmt: skip

    # the validation workbook shows the same cells
    capsys.readouterr()
    assert main(["validate", str(source), "--out", str(out)]) == 1  # some rows invalid
    validation = _sheet(out / "hr-validation.xlsx", "Validation")
    _check_original_cells(validation[0])


def test_libreoffice_shows_the_cells_as_the_input_did(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _xlsx(tmp_path / "hr.xlsx")
    code, report = _run(capsys, str(source), "--batch", "HR", "--out", str(tmp_path / "out"))
    assert code == 3, report
    shown = convert(
        Path(report["output"]),
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false",
        tmp_path,
    )
    with shown.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    at = {h: lines[0].index(h) for h in HEADER}
    assert [lines[1][at[h]] for h in ("Employee ID", "ZIP", "Value", "Hire date", "Bonus", "Remote")] == [
        "000123", "02134", "25", "2020-01-05", "12.5", "TRUE",
    ]  # fmt: skip
    assert [lines[2][at[h]] for h in ("Employee ID", "ZIP", "Hire date", "Bonus")] == [
        "000124", "02134", "2021-03-04 10:30:00", "-3",
    ]  # fmt: skip


def test_track_and_the_fix_these_follow_up_keep_the_types(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _xlsx(tmp_path / "hr.xlsx")
    out = tmp_path / "out"
    code, report = _run(capsys, str(source), "--batch", "HR", "--out", str(out))
    workbook = Path(report["output"])

    capsys.readouterr()
    assert main(["track", "HR"]) in (0, 3)  # rewrites the workbook from what it holds
    _check_original_cells(_sheet(workbook, RESULTS_SHEET)[0])

    book = openpyxl.load_workbook(workbook)  # the user fixes the street on 'Fix these' and runs it again
    fix = book[FIX_SHEET]
    fix.cell(2, HEADER.index("Address") + 1).value = "3 Oak St"
    book.save(workbook)
    code, report = _run(capsys, str(workbook), "--batch", "HR", "--out", str(out))
    assert code == 0, report
    results = _sheet(workbook, RESULTS_SHEET)
    _check_original_cells(results[0])
    fixed = results[2]
    assert fixed["Employee ID"].value == 125 and fixed["Address"].value == "3 Oak St"
    assert fixed["Value"].value == 25 and fixed["Hire date"].value == dt.datetime(2020, 1, 5)
    assert fixed["Status"].value != "invalid"
    assert _sent_external_ids() == Counter({"000123": 1, "000124": 1, "125": 1})


def test_a_csv_keeps_its_text_and_only_plain_number_and_date_columns_become_typed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Value", "Hire date",
              "Budget", "Code"]  # fmt: skip
    rows = [
        ["000123", "Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25", "2020-01-05", "25.50", "-5"],
        ["124", "Bo Park", "2 Elm St", "Boston", "MA", "02134", "CVS", "50", "2021-03-04", "7", "007"],
    ]
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    out = tmp_path / "out"
    code, report = _run(capsys, str(source), "--batch", "G", "--out", str(out))
    assert code == 0, report
    results = _sheet(Path(report["output"]), RESULTS_SHEET)
    first, second = results
    assert (first["Employee ID"].value, second["Employee ID"].value) == ("000123", "124")  # an id: text
    assert first["ZIP"].value == "02134"
    assert (first["Value"].value, second["Value"].value) == (25, 50)  # plain numbers: numbers
    assert first["Hire date"].value == dt.datetime(2020, 1, 5) and first["Hire date"].is_date
    assert first["Budget"].value == "25.50"  # 25.5 would not be what the user wrote: the column stays text
    assert (first["Code"].value, second["Code"].value) == ("-5", "007")
    assert first["Code"].data_type == "s" and first["Code"].quotePrefix
    with (out / "G-results.csv").open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert [line[: len(header)] for line in lines[1:]] == [
        [*rows[0][:-1], "'-5"],
        rows[1],
    ]


def _ods(path: Path) -> Path:
    """An ODS sheet as LibreOffice keeps it: numbers shown through a zero-padding format carry the text
    shown beside the value (office:value 2134, text 02134)."""
    from odf.number import Number, NumberStyle
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    for name, digits in (("N5", "5"), ("N6", "6")):
        number_style = NumberStyle(name=name)
        number_style.addElement(Number(minintegerdigits=digits, decimalplaces="0"))
        doc.automaticstyles.addElement(number_style)
        doc.automaticstyles.addElement(Style(name=f"c{name}", family="table-cell", datastylename=name))
    table = Table(name="Recipients")

    def row(values: list[Any]) -> None:
        line = TableRow()
        for value in values:
            if isinstance(value, tuple):  # (number, style, text shown)
                cell = TableCell(valuetype="float", value=str(value[0]), stylename=value[1])
                cell.addElement(P(text=value[2]))
            elif isinstance(value, int):
                cell = TableCell(valuetype="float", value=str(value))
                cell.addElement(P(text=str(value)))
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=value))
            line.addElement(cell)
        table.addElement(line)

    row(["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    row([(123, "cN6", "000123"), "Ann Lee", "1 Main St", "Boston", "MA", (2134, "cN5", "02134"), "CVS", 25])
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def test_ods_zero_padded_numbers_are_the_text_they_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _ods(tmp_path / "gifts.ods")
    loaded = load_sheet(source)
    assert loaded.frame.loc[2, "Employee ID"] == "000123" and loaded.frame.loc[2, "ZIP"] == "02134"
    code, report = _run(capsys, str(source), "--batch", "ODS", "--out", str(tmp_path / "out"))
    assert code == 0, report
    row = _sheet(Path(report["output"]), RESULTS_SHEET)[0]
    assert (row["Employee ID"].value, row["ZIP"].value, row["Value"].value) == ("000123", "02134", 25)
    assert "zip" not in str(row["Normalised values"].value or "")  # nothing to repair: read as shown
    assert _sent_external_ids() == Counter({"000123": 1})


@pytest.mark.parametrize(
    ("cells", "kind"),
    [
        (["25", "-4.5", "", "100"], "number"),
        (["2026-01-15", "", "2025-12-31"], "date"),
        (["2026-01-15 10:30:00"], "datetime"),
        (["25", "007"], "text"),  # a leading zero would be lost
        (["25.50"], "text"),  # written back as 25.5
        (["1e5"], "text"),
        (["+1"], "text"),
        (["-0"], "text"),
        (["0.00001"], "text"),  # a spreadsheet shows 1E-05
        (["1234567890123456"], "text"),  # more digits than a spreadsheet keeps
        (["2026-02-30"], "text"),  # no such day
        (["25", " 3"], "text"),
        (["", ""], "text"),
    ],
)
def test_a_csv_column_is_typed_only_when_every_cell_reads_back_as_written(
    cells: list[str], kind: str
) -> None:
    import pandas as pd

    from bulkship.celltypes import CODE_NAMES, csv_column_code

    assert CODE_NAMES[csv_column_code(pd.Series(cells, dtype="str"))] == kind


def test_a_sheet_saved_by_libreoffice_as_ods_loads_with_the_same_text_and_types(tmp_path: Path) -> None:
    ods = convert(_xlsx(tmp_path / "hr.xlsx"), "ods", tmp_path)  # LibreOffice keeps 000124 as 124 + format
    loaded = load_sheet(ods)
    frame, types = loaded.frame, loaded.cell_types
    assert types is not None
    assert frame.loc[2, "Employee ID"] == "000123" and frame.loc[3, "Employee ID"] == "000124"
    assert frame.loc[3, "ZIP"] == "02134" and "ZIP" not in types.columns
    assert (frame.loc[2, "Value"], frame.loc[3, "Hire date"]) == ("25", "2021-03-04 10:30:00")
    assert {h: [CODE_NAMES[c] for c in types[h]] for h in ("Value", "Hire date")} == {
        "Value": ["number"] * 3,
        "Hire date": ["date", "datetime", "date"],
    }


def test_an_xlsxwriter_workbook_keeps_its_types(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import xlsxwriter

    path = tmp_path / "gifts.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    padded, dated = book.add_format({"num_format": "000000"}), book.add_format({"num_format": "mm/dd/yyyy"})
    header = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Value", "Start"]
    sheet.write_row(0, 0, header)
    sheet.write_number(1, 0, 42, padded)
    sheet.write_row(1, 1, ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS"])
    sheet.write_number(1, 7, 50)
    sheet.write_datetime(1, 8, dt.datetime(2019, 7, 1), dated)
    book.close()
    code, report = _run(capsys, str(path), "--batch", "XW", "--out", str(tmp_path / "out"))
    assert code == 0, report
    row = _sheet(Path(report["output"]), RESULTS_SHEET)[0]
    assert row["Employee ID"].value == "000042" and row["Employee ID"].data_type == "s"
    assert row["Value"].value == 50 and row["Start"].value == dt.datetime(2019, 7, 1) and row["Start"].is_date
    assert _sent_external_ids() == Counter({"000042": 1})
