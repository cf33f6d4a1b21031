"""A web page saved as .xls (an HR report's 'Export to Excel') read within bounds, and as the command asks
(hunter-sheets33's and review59's leftovers, mended by newcomer24): real pages written to disk, read by
load_sheet and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulkship.cli import main
from bulkship.load import load_sheet
from bulkship.load.skipped import marks

HEADINGS = ("Name", "Address", "City", "State", "Zip", "Product", "Value")
HEADER = "<tr>" + "".join(f"<th>{h}</th>" for h in HEADINGS)


def test_a_cell_spanning_a_wide_block_of_note_rows_is_read_once_per_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """review59's hostile page: a cell spanning 200 columns and 1,000,000 rows over 20,000 rows of one cell
    each took 49 s to read (15 s of CPU): the check for a key to colours read every cell of those rows one by
    one, 1,000,000 of them, each through pandas. Each text is read once now (the page here: 100 columns over
    1,500 rows, 150,000 cells, one text)."""
    rows = "".join("<tr><td>a</td></tr>" for _ in range(1_500))
    span = '<tr><td colspan="100" rowspan="1000000">x</td></tr>'
    page = f"<html><body><table>{HEADER}</tr>{span}{rows}</table></body></html>"
    path = tmp_path / "span.xls"
    path.write_text(page)
    read: list[str] = []
    real = marks._keys_which_go

    def counted(text: str) -> bool:
        read.append(text)
        return real(text)

    monkeypatch.setattr(marks, "_keys_which_go", counted)
    sheet = load_sheet(path)
    assert len(sheet.skipped) == 1_501  # every row a note: nothing to order, as before
    assert len(read) == len(set(read)) <= 10, len(read)


def test_a_sheet_asked_of_a_web_page_is_refused_but_the_one_excel_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-sheets33's leftover: `--sheet Hourly` on a web page saved as .xls was ignored, and every table
    of the page read and ordered, those the person meant to leave out with it. A web page is one sheet, named
    as Excel opens it after the file ('report'): that name is read, any other refused in one line, exit 2."""
    ann = ("Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25")
    people = "<tr>" + "".join(f"<td>{cell}</td>" for cell in ann) + "</tr>"
    path = tmp_path / "report.xls"
    path.write_text(f"<html><body><table>{HEADER}</tr>{people}</table></body></html>")
    out = str(tmp_path / "out")
    assert main(["validate", str(path), "--sheet", "Hourly", "--out", out]) == 2
    said = " ".join(capsys.readouterr().err.split())
    told = "its one sheet, as Excel opens it, is 'report', not 'Hourly'"
    assert f"report.xls is a web page (HTML) saved under a spreadsheet's name: {told}" in said
    assert main(["validate", str(path), "--sheet", "report", "--out", out]) == 0
