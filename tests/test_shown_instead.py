"""A cell whose number format shows something else than it holds (found by newcomer9): Excel's ';;;' hides a
cell's content, '"$50.00"' shows that text whatever the cell holds. The person sees no amount, or another one,
and bulkship would order what the cell holds: an error on the row, in XLSX and in LibreOffice's ODS copy
(which keeps what it shows beside the value)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from intake_fixtures import sandbox_catalog
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.colors import Color
from support.libreoffice import ConvertedTogether

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


def test_the_same_cells_in_libreoffice_s_ods_copy_are_errors_too(
    tmp_path: Path, libreoffice: ConvertedTogether
) -> None:
    ods = libreoffice.copy(_workbook(tmp_path / "formats.xlsx"), tmp_path)
    said = _said(ods)
    assert sorted(said) == [3, 4, 5, 6]  # what LibreOffice shows is kept beside the value
    assert "the cell holds '50', and its number format (\"\") does not show it" in said[3]


def _euro(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for i, (value, shown) in enumerate([(25, "[$-407]0.00"), (300, "[$-407]#,##0.00"), (100, '"50,00"')], 2):
        sheet.append([f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "VISA-PREPAID", value, 1])
        sheet.cell(i, 7).number_format = shown
    book.save(path)
    return path


def test_an_amount_libreoffice_shows_with_a_decimal_comma_is_no_error(
    tmp_path: Path, libreoffice: ConvertedTogether
) -> None:
    """Found by review13: a German-locale amount, 25 shown '25,00', was read as 2500 shown over 25: an error
    "its number format does not show it" on a row the sheet shows right. 100 shown '50,00' is still one."""
    ods = libreoffice.copy(_euro(tmp_path / "euro.xlsx"), tmp_path)
    result = validate(load_sheet(ods), sandbox_catalog())
    assert result.rows["status"].tolist() == ["valid", "valid", "invalid"], result.problems


def _white_text(path: Path) -> Path:
    """Bob's Quantity 2 in a white font, Cy's whole row in the theme's white, Di's row white on a dark
    fill (a banded table's look: it shows), Ed's Value in a light grey (it shows)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    people = [("Ann Lee", 25, 1), ("Bob Ray", 50, 2), ("Cy Ng", 25, 1), ("Di Fox", 25, 1), ("Ed Wu", 50, 1)]
    for name, value, quantity in people:
        sheet.append([name, "12 Beacon St", "Boston", "MA", "02108", "CVS", value, quantity])
    sheet["H3"].font = Font(color="FFFFFF")
    for cell in sheet[4]:
        cell.font = Font(color=Color(theme=0))
    for cell in sheet[5]:
        cell.font, cell.fill = Font(color="FFFFFF"), PatternFill("solid", fgColor="1F4E78")
    sheet["G6"].font = Font(color="BFBFBF")
    book.save(path)
    return path


def test_a_cell_written_in_white_on_white_is_an_error(tmp_path: Path, libreoffice: ConvertedTogether) -> None:
    """Found by hunter-sheets4: a Quantity of 2 written in a white font shows an empty cell (the default 1),
    and 2 cards went out; a whole row so written (a person "hidden" by colour) was ordered. Only what the
    sheet shows is ordered: an error on each such cell, in XLSX and in LibreOffice's ODS copy. White on a
    dark fill, or a light grey, shows."""
    xlsx = _white_text(tmp_path / "white.xlsx")
    for path in (xlsx, libreoffice.copy(xlsx, tmp_path)):
        result = validate(load_sheet(path), sandbox_catalog())
        assert result.rows["status"].tolist() == ["valid", "invalid", "invalid", "valid", "valid"], path
        said = [(p.row, p.column) for p in result.problems if p.kind == "Cell written in white on white"]
        assert said == [(3, "quantity")] + [(4, field) for field in _ROW_FIELDS], path
        first = next(p.message for p in result.problems if p.row == 3)
        assert first == (
            "Row 3, column 'Quantity': the cell holds '2' written in white on a white background: the sheet "
            "shows an empty cell. Give the cell a visible font colour to see what it holds, and clear it if "
            "it is not meant."
        )


_ROW_FIELDS = ["name", "address1", "city", "state", "zip", "product", "value", "quantity"]


def _same_colour(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for name in ("Ann Lee", "Bob Ray", "Cy Ng", "Di Fox", "Ed Wu"):
        sheet.append(
            [name, "12 Beacon St", "Boston", "MA", "02108", "CVS", 25, 2 if name == "Bob Ray" else 1]
        )
    sheet["H3"].font, sheet["H3"].fill = Font(color="C0C0C0"), PatternFill("solid", fgColor="C8C8C8")
    for cell in sheet[4]:
        cell.font, cell.fill = Font(color="FFFF00"), PatternFill("solid", fgColor="FFFF00")
    for cell in sheet[5]:
        cell.font, cell.fill = Font(color="1F4E78"), PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[6]:
        cell.font = Font(color=Color(theme=4))
        cell.fill = PatternFill("solid", fgColor=Color(theme=4, tint=0.7999816888943144))
    book.save(path)
    return path


def test_a_cell_written_in_the_colour_of_its_fill_is_an_error(
    tmp_path: Path, libreoffice: ConvertedTogether
) -> None:
    """Found by hunter-sheets6 (after hunter-sheets4's white on white): Bob's Quantity 2 in grey on the same
    grey fill showed an empty grey cell (the default 1), and 2 cards went out; Cy's row in yellow on yellow
    (a person 'hidden' by a highlighter) was ordered. An error on each such cell, in XLSX and in
    LibreOffice's ODS copy. Dark blue on a light blue fill, and a theme colour on a tint of itself, show."""
    xlsx = _same_colour(tmp_path / "same.xlsx")
    for path in (xlsx, libreoffice.copy(xlsx, tmp_path)):
        result = validate(load_sheet(path), sandbox_catalog())
        assert result.rows["status"].tolist() == ["valid", "invalid", "invalid", "valid", "valid"], path
        kind = "Cell written in its background's colour"
        said = [(p.row, p.column) for p in result.problems if p.kind == kind]
        assert said == [(3, "quantity")] + [(4, field) for field in _ROW_FIELDS], path
        assert next(p.message for p in result.problems if p.row == 3) == (
            "Row 3, column 'Quantity': the cell holds '2' written in the colour of its background: the sheet "
            "shows an empty cell. Give the cell a visible font colour to see what it holds, and clear it if "
            "it is not meant."
        )


def _percent(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    cells = [(25, "0%", 1), (0.25, "0.00%", 1), (50, '#,##0.0" "%', 1), (25, "0.00", 1), (25, "0.00", 2)]
    for i, (value, shown, quantity) in enumerate(cells, start=2):
        sheet.append([f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", value, quantity])
        sheet.cell(i, 7).number_format = shown
    sheet["H6"].number_format = "0%"  # a Quantity 2 shown as 200%
    book.save(path)
    return path


def test_an_amount_formatted_as_a_percentage_is_an_error(
    tmp_path: Path, libreoffice: ConvertedTogether
) -> None:
    """Found by hunter-hostile7 (hunter-hostile6's LO6): an Amount column given a percentage format (the %
    button pressed on it) shows 25 as 2500%, and a $25 card went out of a cell the sheet shows 2500%; 0.25
    typed into such a column shows 25%. Neither is what the sheet shows: an error on the cell, whichever
    percentage format (Excel's built-in 0% and 0.00% are written by id alone, a custom one by its code), in
    XLSX and in LibreOffice's ODS copy (a cell of value-type percentage). A zero shows 0%; 0.00 shows 25."""
    xlsx = _percent(tmp_path / "percent.xlsx")
    for path in (xlsx, libreoffice.copy(xlsx, tmp_path)):
        result = validate(load_sheet(path), sandbox_catalog())
        assert result.rows["status"].tolist() == ["invalid", "invalid", "invalid", "valid", "invalid"], path
        said = {
            (p.row, p.column): p.message for p in result.problems if p.kind == "Cell shown as a percentage"
        }
        assert sorted(said) == [(2, "value"), (3, "value"), (4, "value"), (6, "quantity")], path
        assert said[(2, "value")] == (
            "Row 2, column 'Value': the cell holds 25 and is formatted as a percentage: the sheet shows "
            "2500%. Format the cell as a number (or as $) and type what it should be."
        )
        assert (
            "the cell holds 0.25 and is formatted as a percentage: the sheet shows 25%." in said[(3, "value")]
        )
        assert "the sheet shows 200%" in said[(6, "quantity")]


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> ConvertedTogether:
    """LibreOffice's ODS copies of this module's workbooks, converted together (one soffice start)."""
    inputs = {
        "formats.xlsx": _workbook, "euro.xlsx": _euro, "white.xlsx": _white_text, "same.xlsx": _same_colour,
        "percent.xlsx": _percent,
    }  # fmt: skip
    return ConvertedTogether(
        tmp_path_factory.mktemp("libreoffice"), {n: (b, "ods") for n, b in inputs.items()}
    )
