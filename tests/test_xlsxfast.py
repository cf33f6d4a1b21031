"""The fast splice must give a workbook that real readers see as XlsxWriter would have written it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import xlsxwriter
from python_calamine import CalamineWorkbook

from bulkship.xlsxfast import ColumnStyle, column_letter, splice_sheet_data


def _skeleton(path: Path) -> dict[str, int]:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Results")
    header = book.add_format({"bold": True})
    quoted = book.add_format({"quote_prefix": True})
    red = book.add_format({"bg_color": "#F4CCCC"})
    money = book.add_format({"num_format": "#,##0.00"})
    for col, fmt in enumerate((header, quoted, red, money)):
        sheet.write_string(1, col, "x", fmt)  # registers the format; the splice replaces these cells
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, 4, 3)
    other = book.add_worksheet("Summary")
    other.write_string(0, 0, "kept as written")
    book.close()
    formats = {"header": header, "quoted": quoted, "red": red, "money": money}
    return {name: fmt.xf_index for name, fmt in formats.items()}


def test_spliced_cells_read_back_as_text_numbers_and_styles(tmp_path: Path):
    path = tmp_path / "out.xlsx"
    styles = _skeleton(path)
    columns = [
        ColumnStyle(style=styles["header"]),
        ColumnStyle(quote_style=styles["quoted"], value_styles={"failed": styles["red"]}),
        ColumnStyle(),
        ColumnStyle(number=True, style=styles["money"]),
    ]
    rows: list[list[object]] = [
        ["Zip", "Status", "Note", "Cost"],
        ["02134", "failed", "Tom & Jerry <x>", Decimal("12.50")],
        ["00501", '=HYPERLINK("http://evil")', " padded \x07", 7],
        ["\rCR first", "_x0041_ literal", "line\nbreak", None],
    ]
    splice_sheet_data(path, "Results", rows, columns)

    book = openpyxl.load_workbook(path)
    sheet = book["Results"]
    assert [c.value for c in sheet[2]] == ["02134", "failed", "Tom & Jerry <x>", 12.5]
    assert sheet["A3"].value == "00501" and sheet["A3"].data_type == "s"
    assert sheet["B3"].data_type == "s"  # text, not a formula
    assert sheet["B3"].quotePrefix
    assert sheet["B2"].fill.fgColor.rgb.endswith("F4CCCC")
    assert sheet["C3"].value == " padded _x0007_"  # escaped as XlsxWriter does; openpyxl leaves it encoded
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D4" or sheet.auto_filter.ref.startswith("A1:D")
    assert book["Summary"]["A1"].value == "kept as written"
    fast = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Results").to_python()
    assert fast[1][0] == "02134"
    assert fast[2][2] == " padded \x07"  # calamine (like Excel) decodes it back
    assert fast[3][:3] == ["\rCR first", "_x0041_ literal", "line\nbreak"]


def test_column_letters():
    indices = (0, 25, 26, 51, 52, 701, 702)
    assert [column_letter(i) for i in indices] == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]


def test_a_splice_keeps_the_workbooks_mode_and_a_new_workbook_is_private(tmp_path: Path):
    """A workbook someone made readable to colleagues stays so when it is rewritten; a new one holds
    recipients' addresses and is the user's alone (0600, see tests/test_private_files.py)."""
    import stat

    from bulkship.reconcile.sheets import ResultBook, RowOutcome, write_result_workbook

    path = tmp_path / "spliced.xlsx"
    _skeleton(path)
    path.chmod(0o644)
    splice_sheet_data(path, "Results", [["a"], ["b"]], [ColumnStyle()])
    assert stat.S_IMODE(path.stat().st_mode) == 0o644

    outcomes = {2: RowOutcome(row=2, status="ordered")}
    book = ResultBook(headers=("Name",), rows=[(2, ["Ann"])], outcomes=outcomes)
    result = write_result_workbook(book, tmp_path / "results.xlsx")
    assert stat.S_IMODE(result.stat().st_mode) == 0o600
