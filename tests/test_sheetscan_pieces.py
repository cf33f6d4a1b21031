"""The fast scan of a large XLSX sheet (counted at C speed, piece by piece) finds what the exact walk finds:
hidden, collapsed and filtered-out rows, formulas, error cells, zero-padded ZIPs and merged cells,
wherever in the sheet they fall, and it is the fast path that reads a sheet whose cells carry references."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from bulkship.sheetscan import CHUNK_BYTES, COLLAPSED, FILTERED, HIDDEN, Limits, SheetScan, scan_xlsx

ROWS = 2500  # about 1 MB of sheet XML: more than the first read (256 KB) and many small pieces


def large_tidied_sheet(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Recipients"
    sheet.append(["Name", "Street", "City", "State", "ZIP", "Product", "Value", "Eligible", "Note"])
    for number in range(2, ROWS + 1):
        sheet.append([f"Person {number}", f"{number} Main St", "Boston", "MA", 2134, "CVS", 25, "Yes", "ok"])
        sheet.cell(number, 5).number_format = "00000"
    sheet.cell(1800, 8, "No")
    sheet.cell(5, 9, "=G5*2")
    sheet.cell(2400, 9, "=SUM(G2:G10)")
    sheet.cell(1200, 9, "#N/A")
    for column in range(1, 10):  # a recipient crossed out far down the sheet
        sheet.cell(2200, column).font = Font(strike=True)
    sheet.merge_cells("I1000:J1001")
    sheet.column_dimensions["B"].hidden = True
    for row in (10, 1500, 2490):
        sheet.row_dimensions[row].hidden = True
    for row in (700, 701, 702):
        sheet.row_dimensions[row].outline_level = 1
        sheet.row_dimensions[row].hidden = True
    sheet.auto_filter.ref = "A1:I2000"
    sheet.auto_filter.add_filter_column(7, ["Yes"])
    sheet.row_dimensions[1800].hidden = True  # left out by the filter (its range ends at row 2000)
    book.save(path)
    return path


@pytest.fixture(scope="module")
def big_sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return large_tidied_sheet(tmp_path_factory.mktemp("scan") / "big.xlsx")


def scanned(path: Path, *, exact: bool = False, chunk_bytes: int = CHUNK_BYTES) -> SheetScan:
    with zipfile.ZipFile(path) as archive:
        part = "xl/worksheets/sheet1.xml"
        return scan_xlsx(path, archive, part, "Recipients", Limits(), exact=exact, chunk_bytes=chunk_bytes)


@pytest.mark.parametrize("chunk_bytes", [4096, CHUNK_BYTES])
def test_the_fast_scan_of_a_large_sheet_finds_what_the_exact_walk_finds(
    big_sheet: Path, chunk_bytes: int
) -> None:
    fast = scanned(big_sheet, chunk_bytes=chunk_bytes)
    exact = scanned(big_sheet, exact=True)

    assert not fast.walked and exact.walked
    assert fast == exact
    assert (exact.rows, exact.columns) == (ROWS, 9)  # the merged range adds no cells
    hidden = exact.hidden_rows
    assert {row: hidden[row] for row in (10, 700, 1500, 1800, 2490)} == {
        10: FILTERED,  # hidden inside an active filter's range
        700: COLLAPSED,
        1500: FILTERED,
        1800: FILTERED,
        2490: HIDDEN,
    }
    assert exact.formulas == {(5, 9): "=G5*2", (2400, 9): "=SUM(G2:G10)"}
    assert exact.errors == {(1200, 9): "#N/A"}
    assert exact.merged == [(1000, 9, 1001, 10)]
    assert exact.struck == {(2200, column) for column in range(1, 10)}
    assert exact.hidden_columns == {2}
    assert len(exact.padded) == ROWS - 1 and exact.padded[(2000, 5)] == "00000"


FIRST_READ = 256 * 1024  # what the scan reads before it looks for the first row


def hidden_rows_sheet(path: Path, padding: int) -> Path:
    """Every data row hidden; a formula in the title row whose text is ``padding`` bytes longer moves every
    row that many bytes further into the sheet XML."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Recipients"
    sheet.append(["Name", "Street", "City", "State", "ZIP", "Product", "Value", '="' + "x" * padding + '"'])
    for number in range(2, 1500):
        sheet.append([f"Person {number}", f"{number} Main St", "Boston", "MA", "02134", 123456789, 25])
        sheet.row_dimensions[number].hidden = True
    book.save(path)
    return path


def sheet_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def sheet_with_first_read_ending_inside_a_hidden_row_tag(path: Path) -> tuple[Path, int]:
    """The row whose ``hidden`` attribute the end of the first read cuts in two, and the sheet."""
    xml = sheet_xml(hidden_rows_sheet(path, 0))
    start = xml.rfind(b"<row ", 0, FIRST_READ)
    while start + xml.index(b"hidden", start) - start + 3 > FIRST_READ:
        start = xml.rfind(b"<row ", 0, start)
    shift = FIRST_READ - (xml.index(b"hidden", start) + 3)
    row = int(xml[start:].split(b'r="', 1)[1].split(b'"', 1)[0])
    xml = sheet_xml(hidden_rows_sheet(path, shift))
    assert xml[FIRST_READ - 3 : FIRST_READ + 3] == b"hidden"  # the first read ends inside "hidden"
    return path, row


def test_a_hidden_row_whose_tag_the_first_read_cuts_in_two_is_still_hidden(tmp_path: Path) -> None:
    path, row = sheet_with_first_read_ending_inside_a_hidden_row_tag(tmp_path / "cut.xlsx")

    scan = scanned(path)

    assert not scan.walked
    assert scan.hidden_rows.get(row) == HIDDEN
    assert scan == scanned(path, exact=True)


def test_the_cells_a_scan_notes_read_as_a_set_and_a_dict_of_them_would() -> None:
    """The scan keeps the cells it notes in arrays (.cellmarks, 12 bytes a cell: a sheet formatted throughout
    notes every cell); added, noted again, taken back, in and out of order, one or many at once, they read
    as the set and the dict they stand for."""
    import random

    import numpy as np

    from bulkship.sheetscan.cellmarks import CellMap, CellSet, in_columns

    chance = random.Random(37)
    for _ in range(200):
        cells: set[tuple[int, int]] = set()
        notes: dict[tuple[int, int], str] = {}
        marks, noted = CellSet(), CellMap()
        for _ in range(chance.randint(0, 120)):
            key = (chance.randint(1, 25), chance.randint(1, 4))
            step = chance.random()
            if step < 0.45:
                cells.add(key)
                marks.add(key)
                notes[key] = noted[key] = chance.choice(["0", "00000", "€", ";;;"])
            elif step < 0.55:
                rows = np.arange(key[0], key[0] + chance.randint(1, 5))
                cols = np.full(len(rows), key[1])
                keys = [(int(r), key[1]) for r in rows]
                cells.update(keys)
                marks.add_many(rows, cols)
                notes.update(dict.fromkeys(keys, "0"))
                noted.set_many(rows, cols, "0")
            elif step < 0.8:
                cells.discard(key)
                marks.discard(key)
                notes.pop(key, None)
                if key in noted:
                    del noted[key]
            else:
                assert (key in marks, noted.get(key)) == (key in cells, notes.get(key))
        assert marks == cells and list(marks) == sorted(cells) and len(marks) == len(cells)
        assert noted == notes and dict(noted.items()) == notes and list(noted) == sorted(notes)
        assert list(in_columns(marks, [1, 3])) == sorted(k for k in cells if k[1] in (1, 3))
        some = CellSet(k for k in sorted(cells) if chance.random() < 0.5)
        assert marks - some == cells - set(some)
