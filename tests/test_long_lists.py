"""Time bounded by the rows a list holds (found by hunter-hostile6, hunter-hostile5's LO3): a 941-byte ODS
repeating one row a million times, or a CSV of as many rows without a street, kept `bulkship validate` busy
for many minutes in the loader's checks of rows without an address (totals rows, notes, notes naming a
recipient), each looked up with pandas one at a time (a millisecond a row). Those checks read the rows they
look at in one pass: the lookups a list costs do not grow with its rows."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from bulkship.cli import main
from bulkship.errors import FileFormatError
from bulkship.load import load_sheet

HEADER = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Card", "Amount"]


def _list(path: Path, extra: int) -> Path:
    """Two people, then ``extra`` rows holding an id and a name only (no street), and a note naming one."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerow(["E1", "Ann Lee", "1 Main St", "Boston", "MA", "02108", "CVS", "25"])
        writer.writerow(["E2", "Bob Ray", "2 Main St", "Boston", "MA", "02108", "CVS", "25"])
        for n in range(extra):
            writer.writerow([f"E{n + 9}", f"Zed Person{n}"])
        writer.writerow(["", "Bob Ray should get $50 instead"])
    return path


def _row_lookups(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    """How many times the loader looks rows up by label while reading ``path``, and its problems' columns."""
    calls = 0
    original = pd.core.indexing._LocIndexer.__getitem__

    def counting(self: object, key: object) -> object:
        nonlocal calls
        calls += 1
        return original(self, key)

    with monkeypatch.context() as patch:
        patch.setattr(pd.core.indexing._LocIndexer, "__getitem__", counting)
        loaded = load_sheet(path)
    return calls, [p.message for p in loaded.read_problems]


def test_rows_without_a_street_are_read_in_one_pass_whatever_their_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    few, few_problems = _row_lookups(_list(tmp_path / "few.csv", 20), monkeypatch)
    many, many_problems = _row_lookups(_list(tmp_path / "many.csv", 2_000), monkeypatch)
    # the note under the list still names Bob Ray's row, in both
    for problems in (few_problems, many_problems):
        assert any(m.startswith("Row 3, column 'Name': the note on row") for m in problems), problems
    assert many - few < 100, f"{few} row lookups for 20 rows without a street, {many} for 2,000"


_NS = "urn:oasis:names:tc:opendocument:xmlns"
_ODS_HEAD = (
    f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{_NS}:office:1.0" '
    f'xmlns:table="{_NS}:table:1.0" xmlns:text="{_NS}:text:1.0" office:version="1.2"><office:body>'
    '<office:spreadsheet><table:table table:name="Sheet1">'
)
_MANIFEST = (
    f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="{_NS}:manifest:1.0">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
    'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _ods(path: Path, rows: list[tuple[list[str], int]]) -> Path:
    """An ODS of ``rows``: (cells, how many rows the row element stands for), as a program writes it."""

    def row(cells: list[str], repeat: int) -> str:
        attr = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
        written = "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            if v
            else "<table:table-cell/>"
            for v in cells
        )
        return f"<table:table-row{attr}>{written}</table:table-row>"

    body = "".join(row(cells, repeat) for cells, repeat in rows)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", _MANIFEST)
        archive.writestr(
            "content.xml",
            f"{_ODS_HEAD}{body}</table:table></office:spreadsheet></office:body></office:document-content>",
        )
    return path


PEOPLE = [
    (["Employee ID", "Name", "Address", "City", "State", "ZIP", "Card", "Amount", "Sent?"], 1),
    (["E1", "Ann Lee", "1 Main St", "Boston", "MA", "02108", "CVS", "25", "FALSE"], 1),
    (["E2", "Bob Ray", "2 Main St", "Boston", "MA", "02108", "CVS", "25", "FALSE"], 1),
]


def test_an_ods_row_written_once_and_repeated_a_million_times_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-hostile5's LO3: a 941-byte ODS whose fourth row (an id and a name) says it repeats 1,000,000
    times was read as a million people, each checked and reported: over 11 minutes, then out of memory under
    4 GB (a MemoryError traceback). LibreOffice writes each filled row of its own; a list names each person on
    one: refused at once, in one line, exit 2."""
    path = _ods(tmp_path / "repeated.ods", [*PEOPLE, (["E9", "Zed"], 1_000_000)])
    assert path.stat().st_size < 2_000
    with pytest.raises(
        FileFormatError, match=r"writes row 4 \(2 filled cells\) once for rows 4 to 1,000,003"
    ):
        load_sheet(path)
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if line.startswith("Error:")] == [
        next(line for line in err.splitlines() if "repeated rows stand for 1,999,998 copied cells" in line)
    ], err
    assert "Traceback" not in err
    # a default filled down under the list (an empty row repeated, and a 'FALSE' in 'Sent?' on 5,000 rows
    # written once) is read as before: its rows are no recipients
    filled = _ods(tmp_path / "filled.ods", [*PEOPLE, ([""] * 8 + ["FALSE"], 5_000), ([""] * 9, 1_000_000)])
    loaded = load_sheet(filled)
    assert len(loaded.frame) == 5_002 and loaded.frame["Name"].tolist()[:2] == ["Ann Lee", "Bob Ray"]


def _soldiers(path: Path, count: int) -> Path:
    """``count`` soldiers at an APO whose Country is the base's, 'Germany' (US mail all the same)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Country"])
        for n in range(count):
            writer.writerow(
                [f"Sgt Ann Lee{n}", f"Unit {n} Box 12", "APO", "AE", "09001", "CVS", "25", "Germany"]
            )
    return path


def test_warnings_taken_back_on_many_rows_are_taken_back_in_one_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-hostile7: the country warning ('Germany' changed to DE) taken back on the rows of an
    APO/FPO/DPO address compared every problem with every warning taken back: 2,000 soldiers 1.5 s of CPU,
    20,000 30 s, 200,000 an hour of a web server's thread (for a 9 MB upload). Problems are compared a
    number of times that does not grow with the rows; every row still says its mail is US mail."""
    from intake_fixtures import sandbox_catalog

    from bulkship.models import Problem
    from bulkship.validate import validate

    compared = 0
    original = Problem.__eq__

    def counting(self: Problem, other: object) -> bool:
        nonlocal compared
        compared += 1
        return original(self, other)

    monkeypatch.setattr(Problem, "__eq__", counting)
    result = validate(load_sheet(_soldiers(tmp_path / "apo.csv", 300)), sandbox_catalog())
    assert [p.kind for p in result.problems] == ["Military mail is US mail"] * 300
    assert set(result.rows["status"]) == {"valid"}
    assert compared < 300, compared


def _formatted_throughout(path: Path, rows: int, style: str) -> Path:
    """An XLSX whose every recipient cell is in a white font, formatted ';;;' or struck through (openpyxl)."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Card", "Amount"])
    for n in range(rows):
        sheet.append([f"Person {n}", f"{n + 1} Main St", "Boston", "MA", "02108", "CVS", 25])
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if style == "white":
                cell.font = Font(color="FFFFFF")
            elif style == "hidden":
                cell.number_format = ";;;"
            else:
                cell.font = Font(strike=True)
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("style", "kind"),
    [
        ("white", "Cell written in white on white"),
        ("hidden", "Cell hidden by its format"),
    ],
)
def test_a_sheet_whose_every_cell_is_hidden_by_its_format_stops_at_the_problems_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], style: str, kind: str
) -> None:
    """Found by hunter-hostile7 (its LO-B), fixed by hunter-hostile8: the loader's own problems (a cell in
    white on white, formatted ';;;', as a percentage, struck through) were all made before validation's
    [limits] problems refused them: 300,000 rows in a white font (an 8.8 MB XLSX) took 1.8 GB and a
    minute, a million rows ~6 GB. The loader now stops at the limit and refuses the list with
    validation's own line, exit 2; a list within the limit gets every problem as before."""
    from bulkship.load.problems import cells
    from bulkship.program import ProgramSettings
    from bulkship.sheetscan import Limits

    path = _formatted_throughout(tmp_path / "list.xlsx", 30, style)  # 7 cells a row: 210 problems
    made = 0
    original = cells.Problem

    def counted(*args: object, **kwargs: object) -> object:
        nonlocal made
        made += 1
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cells, "Problem", counted)
    with pytest.raises(FileFormatError) as refused:
        load_sheet(path, program=ProgramSettings(limits=Limits(problems=20)))
    said = (
        f"list.xlsx has more than 20 problems, above bulkship's limit for one list (the commonest: {kind} "
        "(20)); bulkship stopped checking it"
    )
    assert str(refused.value).startswith(said + " ("), refused.value
    assert made <= 21, made  # never one a cell: the sheet's 210 cells are not all made into problems

    (tmp_path / "bulkship.toml").write_text("[limits]\nproblems = 20\n", encoding="utf-8")
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if line.startswith("Error:")] == [f"Error: {said}"], err
    assert "Traceback" not in err

    loaded = load_sheet(path, program=ProgramSettings(limits=Limits(problems=210)))
    assert [p.kind for p in loaded.read_problems] == [kind] * 210


def test_a_sheet_formatted_throughout_is_scanned_within_a_few_bytes_a_cell(tmp_path: Path) -> None:
    """Found by hunter-hostile8 (its LO1), fixed by hunter-hostile9: the scan kept a set or dict entry for
    each cell it notes (shown without decimals, padded with zeros, struck through, in another currency,
    hidden by its format), ~120 bytes a cell: 300,000 rows of 30 columns all formatted '0' (a 30 MB XLSX
    that loads with no problem) took 2.6 GB where the same list unformatted took 1.5 GB, and [limits] cells
    (30 million) let a sheet reach 4.5 GB more. The noted cells are kept in arrays now, 12 bytes a cell,
    and read as before: the padded ZIP shows its zero, every row loads."""
    import tracemalloc

    import xlsxwriter

    from bulkship.sheetscan import Limits, scan_xlsx

    rows, columns = 20_000, 8
    path = tmp_path / "formatted.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    whole, zip_code = book.add_format({"num_format": "0"}), book.add_format({"num_format": "00000"})
    sheet = book.add_worksheet("List")
    sheet.write_row(0, 0, ["Name", "Address", "City", "State", "ZIP", "Card", "Amount", "Quantity"])
    for n in range(1, rows + 1):
        sheet.write_row(n, 0, [f"Person {n}", f"{n} Main St", "Boston", "MA"], whole)
        sheet.write_number(n, 4, 2108, zip_code)
        sheet.write_row(n, 5, ["CVS", 25, 1], whole)
    book.close()

    with zipfile.ZipFile(path) as archive:
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            scan = scan_xlsx(path, archive, "xl/worksheets/sheet1.xml", "List", Limits())
            kept = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
    noted = rows * columns
    assert (len(scan.whole), len(scan.padded)) == (rows * (columns - 1), rows)
    assert (2, 1) in scan.whole and (2, 5) not in scan.whole and scan.padded[(rows + 1, 5)] == "00000"
    assert kept < 40 * noted, (kept, noted)  # a set's entry a cell: 115 bytes

    loaded = load_sheet(path)
    assert len(loaded.frame) == rows and not loaded.read_problems
    assert set(loaded.frame["ZIP"]) == {"02108"}
