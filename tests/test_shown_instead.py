"""A cell whose number format shows something else than it holds (found by newcomer9): Excel's ';;;' hides a
cell's content, '"$50.00"' shows that text whatever the cell holds. The person sees no amount, or another one,
and bulkship would order what the cell holds: an error on the row, in XLSX and in LibreOffice's ODS copy
(which keeps what it shows beside the value)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from intake_fixtures import sandbox_catalog
from support.libreoffice import convert

from bulkship.load import load_sheet
from bulkship.validate import validate

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Quantity"]
# (value, its number format, quantity, its number format)
ROWS = [
    (25, "0.00", 1, "General"),  # shown as it is
    (50, ";;;", 1, "General"),  # the amount hidden
    (25, "0.00", 3, ";;;"),  # the quantity hidden: the sheet shows the default 1
    (100, '"$50.00"', 1, "General"),  # another amount shown
    (500, '[>=100]"n/a";0', 1, "General"),
    (25, '#,##0.00;(#,##0.00);"-"', 1, "@"),  # a zero shown as "-", a text format: both show the value
    (25, '[>=100]"n/a";0', 1, "General"),  # 25 is under 100: shown by the second section (review13)
]


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for i, (value, value_format, quantity, quantity_format) in enumerate(ROWS, start=2):
        sheet.append([f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", value, quantity])
        sheet.cell(i, 7).number_format = value_format
        sheet.cell(i, 8).number_format = quantity_format
    book.save(path)
    return path


def _said(path: Path) -> dict[int, str]:
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["status"].tolist() == ["valid", *["invalid"] * 4, "valid", "valid"]
    return {p.row: p.message for p in result.problems if p.kind == "Cell hidden by its format"}


def test_a_cell_shown_as_something_else_than_it_holds_is_an_error(tmp_path: Path) -> None:
    said = _said(_workbook(tmp_path / "formats.xlsx"))
    assert sorted(said) == [3, 4, 5, 6]
    assert "column 'Value': the cell holds '50', and its number format (;;;) does not show it" in said[3]
    assert "column 'Quantity': the cell holds '3', and its number format (;;;) does not show it" in said[4]
    assert "holds '100', and its number format (\"$50.00\") does not show it" in said[5]
    assert "holds '500', and its number format ([>=100]\"n/a\";0) does not show it" in said[6]


def test_the_same_cells_in_libreoffice_s_ods_copy_are_errors_too(tmp_path: Path) -> None:
    ods = convert(_workbook(tmp_path / "formats.xlsx"), "ods", tmp_path)
    said = _said(ods)
    assert sorted(said) == [3, 4, 5, 6]  # what LibreOffice shows is kept beside the value
    assert "the cell holds '50', and its number format (\"\") does not show it" in said[3]


def test_an_amount_libreoffice_shows_with_a_decimal_comma_is_no_error(tmp_path: Path) -> None:
    """Found by review13: a German-locale amount, 25 shown '25,00', was read as 2500 shown over 25: an error
    "its number format does not show it" on a row the sheet shows right. 100 shown '50,00' is still one."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for i, (value, shown) in enumerate([(25, "[$-407]0.00"), (300, "[$-407]#,##0.00"), (100, '"50,00"')], 2):
        sheet.append([f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "VISA-PREPAID", value, 1])
        sheet.cell(i, 7).number_format = shown
    book.save(tmp_path / "euro.xlsx")
    ods = convert(tmp_path / "euro.xlsx", "ods", tmp_path)
    result = validate(load_sheet(ods), sandbox_catalog())
    assert result.rows["status"].tolist() == ["valid", "valid", "invalid"], result.problems
