"""Memory bounded by the data, not the file's claims (issue 15): tiny workbooks that claim (or hold) huge grids
are refused with one line and exit 2, by `bulkship validate` run as a process, with its peak RSS (sampled with
psutil) under 500 MB. Legitimate files with the same features still load."""

# ruff: noqa: E501  (XML fixtures read best unwrapped)

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import openpyxl
import psutil
import pytest
from support.forkserver import ForkServer

from bulkship.errors import FileFormatError
from bulkship.load import load_sheet
from bulkship.program import load_program

PEAK_RSS_LIMIT = 500 * 2**20
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" t="inlineStr"><is><t>Address</t></is>'
    "</c></row>"
)

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
    'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def raw_xlsx(path: Path, rows_xml: str, *, dimension: str = "A1:B2") -> Path:
    """An XLSX whose sheet XML is exactly ``rows_xml`` (what an attacker controls), readable by calamine."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.'
        f'openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{rows_xml}'
        "</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def ods(path: Path, rows_xml: str) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
        'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="Sheet1">{rows_xml}</table:table></office:spreadsheet>'
        "</office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
        'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml"'
        ' manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


def ods_cells(*values: str, repeat: int = 1) -> str:
    cells = "".join(
        f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
        for v in values
    )
    attr = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{attr}>{cells}</table:table-row>"


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def run_validate(
    forks: ForkServer,
    path: Path,
    tmp_path: Path,
    *,
    address_space: int = 0,
    command: tuple[str, ...] = ("validate",),
) -> tuple[int, str, int]:
    """`bulkship validate FILE` as a process: exit code, stderr, and its peak RSS sampled every few ms.
    ``address_space``: the most memory it may map (RLIMIT_AS), where going past the limits would take more
    than the machine has: it stops there, and the test fails, instead. A child of the fork server (~0.2
    CPU-s, not ~1.8 importing the package again): its RSS and address space hold the server's pages too, so
    the bounds are a little stricter than on a fresh interpreter (support/forkserver.py)."""
    process = forks.popen(
        [*command, str(path), "--out", str(tmp_path / "out")],
        env={**os.environ, "BULKSHIP_DATA_DIR": str(tmp_path / "data")},
        capture=True,
        address_space=address_space,
    )
    watched = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            peak = max(peak, watched.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.005)
    _, err = process.communicate()
    return process.wait(), err, peak


def assert_refused(
    forks: ForkServer,
    path: Path,
    tmp_path: Path,
    *words: str,
    address_space: int = 0,
    command: tuple[str, ...] = ("validate",),
) -> None:
    code, err, peak = run_validate(forks, path, tmp_path, address_space=address_space, command=command)
    errors = [line for line in err.splitlines() if line.startswith("Error:")]
    assert code == 2, err
    assert len(errors) == 1 and "Traceback" not in err, err
    for word in words:
        assert word in errors[0], errors[0]
    assert peak < PEAK_RSS_LIMIT, f"peak RSS {peak / 2**20:.0f} MB"


def test_a_tiny_xlsx_with_cells_at_a1_and_xfd1048576_is_refused_in_one_line(
    bulkship_forks: ForkServer, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "Name"
    book.active["B1"] = "Address"
    book.active["XFD1048576"] = "x"
    book.save(tmp_path / "sparse.xlsx")
    assert (tmp_path / "sparse.xlsx").stat().st_size < 10_000
    assert_refused(
        bulkship_forks, tmp_path / "sparse.xlsx", tmp_path, "sparse.xlsx", "1,048,576 rows and 16,384 columns"
    )


def test_a_far_cell_behind_a_lying_dimension_is_found_by_its_reference(
    bulkship_forks: ForkServer, tmp_path: Path
) -> None:
    path = raw_xlsx(tmp_path / "lie.xlsx", HEADER_ROW + f'<row r="2">{inline("XFD1048576", "x")}</row>')
    assert_refused(bulkship_forks, path, tmp_path, "spans 1,048,576 rows and 16,384 columns")


def test_a_far_cell_inside_an_early_row_deep_in_a_big_sheet_is_found(
    bulkship_forks: ForkServer, tmp_path: Path
) -> None:
    rows = [HEADER_ROW]
    for number in range(2, 60_000):
        rows.append(
            f'<row r="{number}">{inline(f"A{number}", "Ann Lee")}{inline(f"B{number}", "1 Main St")}</row>'
        )
    rows.append(f'<row r="60000">{inline("A60000", "Bob")}{inline("IV999999", "x")}</row>')
    path = raw_xlsx(tmp_path / "deep.xlsx", "".join(rows), dimension="A1:B60000")
    assert_refused(
        bulkship_forks, path, tmp_path, "999,999 rows and 256 columns", "limit of 30,000,000 cells"
    )


def test_an_ods_repeating_one_row_five_million_times_is_refused(
    bulkship_forks: ForkServer, tmp_path: Path
) -> None:
    path = ods(
        tmp_path / "rows.ods", ods_cells("Name", "Address") + ods_cells("Ann", "1 Main St", repeat=5_000_000)
    )
    assert (path.stat().st_size) < 2_000
    assert_refused(bulkship_forks, path, tmp_path, "rows.ods", "5,000,001 rows")


def test_an_ods_repeating_a_filled_cell_across_every_column_is_refused(
    bulkship_forks: ForkServer, tmp_path: Path
) -> None:
    wide = (
        '<table:table-row><table:table-cell office:value-type="string" table:number-columns-repeated="16384">'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    path = ods(tmp_path / "wide.ods", ods_cells("Name", "Address") + wide * 3)
    assert_refused(bulkship_forks, path, tmp_path, "16,384 columns")


def test_a_giant_cell_is_refused(bulkship_forks: ForkServer, tmp_path: Path) -> None:
    path = raw_xlsx(tmp_path / "giant.xlsx", HEADER_ROW + f'<row r="2">{inline("A2", "x" * 2_000_000)}</row>')
    assert_refused(bulkship_forks, path, tmp_path, "holds a cell of more than 256 KB of text")


def test_limits_are_configurable_in_the_program_file(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    for number in range(300):
        book.active.append([f"P{number}", "1 Main St", "Boston", "MA", "02134", "CVS", 50])
    book.save(tmp_path / "list.xlsx")
    assert len(load_sheet(tmp_path / "list.xlsx").frame) == 300
    (tmp_path / "small.toml").write_text("[limits]\nrows = 200\n")
    with pytest.raises(
        FileFormatError, match=r"spans 301 rows and 7 columns, above bulkship's limits of 200 rows"
    ):
        load_sheet(tmp_path / "list.xlsx", program=load_program(tmp_path / "small.toml"))
    (tmp_path / "cells.toml").write_text("[limits]\ncells = 1000\n")
    with pytest.raises(FileFormatError, match=r"\(2,107 cells\), above bulkship's limit of 1,000 cells"):
        load_sheet(tmp_path / "list.xlsx", program=load_program(tmp_path / "cells.toml"))


def test_legitimate_files_with_the_same_features_still_load(tmp_path: Path) -> None:
    # LibreOffice ends a sheet with a million repeated empty rows of 1,024 empty cells: that is no data
    trailer = (
        '<table:table-row table:number-rows-repeated="1048570"><table:table-cell '
        'table:number-columns-repeated="1024"/></table:table-row>'
    )
    header = ods_cells("Name", "Address", "City", "State", "ZIP", "Product", "Value")
    person = ods_cells("Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "50", repeat=3)
    loaded = load_sheet(ods(tmp_path / "libre.ods", header + person + trailer))
    assert loaded.frame.index.tolist() == [2, 3, 4]
    rows = "".join(
        f'<row r="{n}">{inline(f"A{n}", "Ann Lee")}{inline(f"B{n}", f"{n} Main St")}</row>'
        for n in range(2, 60_001)
    )
    big = raw_xlsx(tmp_path / "big.xlsx", HEADER_ROW + rows, dimension="A1:B60000")
    assert len(load_sheet(big).frame) == 59_999


def test_ods_rows_hidden_by_a_filter_or_a_collapsed_group_and_hidden_columns_are_read(tmp_path: Path) -> None:
    columns = (
        '<table:table-column table:number-columns-repeated="2"/>'
        '<table:table-column table:visibility="collapse"/>'
        '<table:table-column table:number-columns-repeated="6"/>'
    )
    header = ods_cells("Name", "Address", "Street Address", "City", "State", "ZIP", "Product", "Value")
    person = ods_cells("Ann Lee", "9 Old Rd", "1 Main St", "Boston", "MA", "02134", "CVS", "50")
    filtered = person.replace("<table:table-row>", '<table:table-row table:visibility="filter">')
    collapsed = person.replace("<table:table-row>", '<table:table-row table:visibility="collapse">')
    grouped = f'<table:table-row-group table:display="false">{collapsed}</table:table-row-group>'
    rows = person + filtered + grouped + person + collapsed  # (the last hidden by hand: in no group)
    loaded = load_sheet(ods(tmp_path / "list.ods", columns + header + rows))
    assert [(s.row, s.kind) for s in loaded.skipped] == [(3, "filtered"), (4, "collapsed"), (6, "hidden")]
    assert next(h for h, c in loaded.column_map.items() if c == "address1") == "Address"
    assert [(c.header, c.hidden) for c in loaded.columns if c.hidden] == [("Street Address", True)]


def _person_row(row: int, name: str, amount: int, *, refs: bool = True) -> str:
    values = [name, f"{row} Oak St", "Salem", "MA", "01970", "CVS"]
    cells = "".join(
        inline(f"{chr(65 + i)}{row}", v) if refs else f'<c t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    value = f'<c r="G{row}"><v>{amount}</v></c>' if refs else f"<c><v>{amount}</v></c>"
    return f'<row r="{row}">{cells}{value}</row>'


_PEOPLE_HEADER = (
    '<row r="1">'
    + "".join(
        inline(f"{chr(65 + i)}1", h)
        for i, h in enumerate(["Name", "Street", "City", "State", "ZIP", "Product", "Value"])
    )
    + "</row>"
)


@pytest.mark.parametrize("refs", [True, False])
def test_a_row_or_a_cell_written_twice_refuses_the_file(
    bulkship_forks: ForkServer, tmp_path: Path, refs: bool
) -> None:
    """Found by hunter-sheets4: a program's export holding row 3 twice (Ed Wu, then Fay Li) was read as Fay
    alone, Ed left out with no word; a cell written twice (Value 50, then 500) was read as its last. Such a
    file is damaged (Excel says so): refused in one line, exit 2, on the fast path and on the exact walk (a
    row's cells without references; only it sees a cell twice). Rows out of order, each once, are read by
    their numbers."""
    rows = _person_row(2, "Ann Lee", 25, refs=refs) + _person_row(3, "Ed Wu", 25, refs=refs)
    twice = raw_xlsx(tmp_path / "twice.xlsx", _PEOPLE_HEADER + rows + _person_row(3, "Fay Li", 25, refs=refs))
    with pytest.raises(FileFormatError, match=r"sheet 'Sheet1' holds row 3 twice: the file is damaged"):
        load_sheet(twice)
    if not refs:  # the exact walk also sees a cell twice (the fast path counts rows, not each cell's ref)
        cell = _person_row(2, "Ann Lee", 25, refs=refs).replace("</row>", '<c r="G2"><v>500</v></c></row>')
        with pytest.raises(FileFormatError, match=r"holds cell G2 of row 2 twice"):
            load_sheet(raw_xlsx(tmp_path / "cell.xlsx", _PEOPLE_HEADER + cell))
    assert_refused(bulkship_forks, twice, tmp_path, "row 3 twice")
    disorder = raw_xlsx(
        tmp_path / "disorder.xlsx",
        _PEOPLE_HEADER + _person_row(3, "Ed Wu", 25) + _person_row(2, "Ann Lee", 50),
    )
    loaded = load_sheet(disorder)
    assert loaded.frame.loc[[2, 3], "Name"].tolist() == ["Ann Lee", "Ed Wu"]


def test_a_giant_shared_string_is_refused(bulkship_forks: ForkServer, tmp_path: Path) -> None:
    """Found by hunter-sheets14: a cell's text kept among the workbook's shared strings (as Excel, LibreOffice
    and XlsxWriter write text) was not measured: 100 MB of text there (a 100 KB file) was read, its row
    message quoting it whole (100 MB on stderr) after 100 s, at 620 MB. Refused as an inline one is."""
    path = _shared_string_replaced(tmp_path / "giant.xlsx", b"GIANT", b"x" * 2_000_000)
    assert_refused(bulkship_forks, path, tmp_path, "holds a text of more than 256 KB")


_PIECE = "x" * 100_000  # each piece below [limits] cell_kb (256 KB), twenty of them above it
_RUNS = "".join(f"<r><t>{_PIECE}</t></r>" for _ in range(20))  # as rich-text runs


def _shared_string_replaced(path: Path, old: bytes, new: bytes) -> Path:
    """An XlsxWriter workbook (Name, Address, Marker; Ann, 1 Main St, GIANT) whose shared strings part has
    ``old`` (around the marker) replaced by ``new``: a text Excel and LibreOffice keep there."""
    import xlsxwriter

    built = path.with_name("built.xlsx")
    book = xlsxwriter.Workbook(built)
    book.add_worksheet("List").write_row(0, 0, ["Name", "Address", "Marker"])
    book.worksheets()[0].write_row(1, 0, ["Ann", "1 Main St", "GIANT"])
    book.close()
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/sharedStrings.xml":
                data = data.replace(old, new)
            archive.writestr(item.filename, data)
    return path


@pytest.mark.parametrize("written", ["shared runs", "inline runs", "inline comments", "ods spans"])
def test_a_giant_text_written_in_pieces_is_refused(
    bulkship_forks: ForkServer, tmp_path: Path, written: str
) -> None:
    """Found by review28 after d13ef98: a cell's text is measured between two '<', so 2 MB (or 100 MB) written
    as rich-text runs of 100 KB each, or split by XML comments, or as an ODS paragraph's spans, was read
    whole: 100 MB of it took `bulkship validate` 50-60 s at 520-640 MB (a 110 KB file), 1 s of it calamine's.
    The cells as read are measured too."""
    if written == "shared runs":
        path = _shared_string_replaced(tmp_path / "runs.xlsx", b"<t>GIANT</t>", _RUNS.encode())
    elif written == "inline runs":
        path = raw_xlsx(
            tmp_path / "runs.xlsx",
            HEADER_ROW + f'<row r="2"><c r="A2" t="inlineStr"><is>{_RUNS}</is></c></row>',
        )
    elif written == "inline comments":
        path = raw_xlsx(
            tmp_path / "comments.xlsx",
            HEADER_ROW + '<row r="2">' + inline("A2", "<!---->".join([_PIECE] * 20)) + "</row>",
        )
    else:
        spans = "".join(f"<text:span>{_PIECE}</text:span>" for _ in range(20))
        path = ods(tmp_path / "spans.ods", ods_cells("Name", "Address") + ods_cells(spans, "1 Main St"))
    assert_refused(bulkship_forks, path, tmp_path, "more than 256 KB")


_NOTE = "Left the company in May; her manager asked that the card go to her home address instead. " * 400


def _filled_down(path: Path, rows: int, columns: int, note: str) -> Path:
    """A list (XlsxWriter, as Excel keeps text: each text once, among the shared strings) whose ``columns``
    note columns hold ``note`` on each of its ``rows`` rows: a long text filled down."""
    import xlsxwriter

    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("List")
    sheet.write_row(0, 0, ["Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    sheet.write_row(0, 7, [f"Note {n}" for n in range(1, columns + 1)])
    for row in range(1, rows + 1):
        sheet.write_row(row, 0, [f"Person {row}", f"{row} Main St", "Boston", "MA", "02134", "CVS", "50"])
        sheet.write_row(row, 7, [note] * columns)
    book.close()
    return path


def test_a_small_workbook_whose_cells_point_at_one_long_text_is_refused(
    bulkship_forks: ForkServer, tmp_path: Path
) -> None:
    """Found by hunter-hostile5: a 650 KB XLSX whose 200,000 cells point at one 32,000-character shared string
    (a long note filled down and across, as Excel saves it) is 6.4 GB of text once read; within every limit
    (cells, XML, one cell's text), calamine aborted `bulkship validate` ("memory allocation failed", signal
    6) or the machine ran out of memory. Here 120,000 cells of it (3.7 GB once read, a 600 KB file): refused
    in one line, exit 2, before any reader builds it; a list whose notes add up to less still loads."""
    note = _NOTE[:32_000]
    path = _filled_down(tmp_path / "notes.xlsx", 3_000, 40, note)
    assert path.stat().st_size < 1_000_000
    assert_refused(
        bulkship_forks,
        path,
        tmp_path,
        "notes.xlsx",
        "sheet 'List' holds 3,662 MB of text",
        address_space=3 * 2**30,
    )
    loaded = load_sheet(_filled_down(tmp_path / "fine.xlsx", 300, 2, note))
    assert len(loaded.frame) == 300
    (tmp_path / "small.toml").write_text("[limits]\ntext_mb = 10\n")
    with pytest.raises(FileFormatError, match=r"holds 18 MB of text .* above bulkship's limit of 10 MB"):
        load_sheet(tmp_path / "fine.xlsx", program=load_program(tmp_path / "small.toml"))


@pytest.mark.parametrize("written", ["repeated", "spaces", "repeated spaces"])
def test_a_tiny_ods_repeating_a_long_text_is_refused(
    bulkship_forks: ForkServer, tmp_path: Path, written: str
) -> None:
    """Found by hunter-hostile5: ODS repeats a cell with one attribute and writes a run of spaces as
    <text:s text:c="N"/>, which calamine expands: a 1.2 KB file repeating a 200 KB text over 20,000 cells
    (4 GB once read) and one of 1 KB repeating 250,000 spaces over 100,000 cells (25 GB) aborted `bulkship
    validate`; a 900-byte one of two billion spaces in one cell took 116 s and 9.8 GB before the 256 KB cell
    limit refused it. And calamine parsed every cell of an ODS only to list its sheets, before the limits
    were checked. Each refused in one line, exit 2."""
    cell = '<table:table-cell office:value-type="string" table:number-columns-repeated="{}"><text:p>{}</text:p></table:table-cell>'
    if written == "repeated":
        rows = f'<table:table-row table:number-rows-repeated="100">{cell.format(200, "y" * 200_000)}</table:table-row>'
        words = ("holds 3,815 MB of text",)
    elif written == "spaces":
        rows = ods_cells('Ann<text:s text:c="2000000000"/>Lee', "1 Main St")
        words = ("holds a cell of more than 256 KB of text",)
    else:
        spaces = 'a<text:s text:c="250000"/>b'
        rows = (
            f'<table:table-row table:number-rows-repeated="1000">{cell.format(100, spaces)}</table:table-row>'
        )
        words = ("holds 23,842 MB of text",)
    path = ods(tmp_path / "tiny.ods", ods_cells("Name", "Address") + ods_cells("Ann Lee", "1 Main St") + rows)
    assert path.stat().st_size < 2_000
    assert_refused(bulkship_forks, path, tmp_path, "tiny.ods", *words, address_space=3 * 2**30)


def test_a_workbook_named_like_a_result_workbook_and_holding_a_long_text_filled_down_is_refused(
    bulkship_forks: ForkServer,
    tmp_path: Path,
) -> None:
    """Found by hunter-hostile5: a workbook whose sheets are named as bulkship's result workbook's (Results,
    Fix these, Summary, bulkship-keys) is read as one (its Summary's batch, its Results) before any list is
    loaded, so before the loader's limits: a 420 KB one whose Summary points 200,000 times at one long text
    aborted `bulkship run` (calamine: 'memory allocation failed', signal 6) and, uploaded, the web server
    itself. It is refused as any list past the limits is, in one line, exit 2."""
    import xlsxwriter

    path = tmp_path / "results.xlsx"
    book = xlsxwriter.Workbook(path)
    book.add_worksheet("Results").write_row(0, 0, ["Name", "Address", "Row", "Status"])
    book.add_worksheet("Fix these").write_row(0, 0, ["Name"])
    summary = book.add_worksheet("Summary")
    summary.write_row(0, 0, ["Batch", "gifts"])
    for row in range(1, 3_001):
        summary.write_row(row, 0, [_NOTE[:32_000]] * 40)
    book.add_worksheet("bulkship-keys").write_row(0, 0, ["Row", "Key"])
    book.close()
    assert path.stat().st_size < 1_000_000
    assert_refused(
        bulkship_forks,
        path,
        tmp_path,
        "sheet 'Summary' holds 3,662 MB of text",
        address_space=3 * 2**30,
        command=("run", "--yes"),
    )


def _merged(path: Path, people: int, refs: list[str]) -> Path:
    """A list of ``people`` rows (openpyxl) whose sheet XML lists the merged ranges ``refs``, as written."""
    book = openpyxl.Workbook()
    book.active.append(["Name", "Street", "City", "State", "ZIP", "Product", "Value"])
    for n in range(people):
        book.active.append([f"Person {n}", f"{n} Oak St", "Salem", "MA", "01970", "CVS", 25])
    book.active.merge_cells("C2:C3")
    book.save(path.with_name("plain.xlsx"))
    with zipfile.ZipFile(path.with_name("plain.xlsx")) as source, zipfile.ZipFile(path, "w") as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                merges = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)
                data = data.replace(
                    b'count="1"><mergeCell ref="C2:C3" />', f'count="{len(refs)}">{merges}'.encode()
                )
            assert item.filename != "xl/worksheets/sheet1.xml" or merges.encode() in data
            archive.writestr(item, data)
    return path


def test_merged_cells_are_read_within_the_sheet_and_overlapping_ones_refuse_it(tmp_path: Path) -> None:
    """Found by hunter-hostile5: each reader of a sheet's merged cells walks the rows they cover, and 2,000
    merges of C2:C1048576 (a 2 KB file) kept `bulkship validate` busy for over 20 minutes. A merge covers the
    sheet's own cells only (each counted once); merges overlapping each other, which no spreadsheet program
    writes (Excel calls such a file damaged), refuse the file in one line."""
    overlapping = [f"{c}{a}:{c}{b}" for c in "CD" for a in range(2, 6) for b in range(a + 1, 7)]
    with pytest.raises(
        FileFormatError, match=r"holds merged cells that overlap each other: the file is damaged"
    ):
        load_sheet(_merged(tmp_path / "overlap.xlsx", 5, overlapping))
    loaded = load_sheet(_merged(tmp_path / "repeated.xlsx", 2, ["C2:C1048576"] * 2_000))
    assert loaded.frame["City"].tolist() == ["Salem", "Salem"]


def test_a_styles_part_of_many_cell_styles_is_read_as_it_streams(tmp_path: Path) -> None:
    """Found by hunter-hostile8: a 185 KB XLSX whose styles.xml holds a million cell styles (62 MB of XML, well
    within [limits] xml_mb; Excel itself holds 64,000 at most) took 540 MB to read its styles, kept whole
    as one tree (624 MB for `validate` of its one row; the XML limit's 1.5 GB would be ~13 GB). styles.xml is
    now read as it streams: memory for the few values kept per style, not for the tree. What the styles say
    (a struck font, a ';;;' format) is read as before."""
    import tracemalloc

    from bulkship.sheetscan.formats import cell_styles

    count = 100_000
    xf = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    styles = (
        b'<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<numFmts count="1"><numFmt numFmtId="164" formatCode=";;;"/></numFmts>'
        b'<fonts count="2"><font><sz val="11"/></font><font><strike/><sz val="11"/></font></fonts>'
        b'<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        b'<cellXfs count="%d">' % (count + 2) + xf * count
        + b'<xf numFmtId="0" fontId="1" fillId="0"/><xf numFmtId="164" fontId="0" fillId="0"/></cellXfs></styleSheet>'
    )  # fmt: skip
    path = tmp_path / "styles.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/styles.xml", styles)
    with zipfile.ZipFile(path) as archive:
        tracemalloc.start()
        try:
            _, struck, _, _, hiding = cell_styles(archive)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert struck == {count} and hiding == {count + 1: ";;;"}
    # as one tree: ~9 times its XML (~50 MB here); as it streams: ~3 (the values kept per style)
    assert peak < 5 * len(styles), (peak, len(styles))


def test_an_ods_of_many_cell_styles_is_read_as_it_streams(tmp_path: Path) -> None:
    """Found by hunter-hostile9 (hunter-hostile8's styles.xml, in an ODS): a 2.9 MB ODS whose content.xml holds
    a million automatic cell styles (150 MB of XML, within [limits] xml_mb) took 1.1 GB to read its one row,
    every style kept in the tree as it was read; xml_mb would let it reach ~11 GB. Each style is now dropped
    once read; what the styles say (text struck through, white on white) is read as before."""
    import tracemalloc

    from bulkship.sheetscan import scan_ods

    count = 20_000
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
    )
    style = (
        '<style:style style:name="ce{}" style:family="table-cell"><style:text-properties '
        'style:text-line-through-style="{}"/></style:style>'
    )
    cells = "".join(
        f'<table:table-cell{extra} office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
        for extra, text in (("", "Ann Lee"), (f' table:style-name="ce{count - 1}"', "1 Main St"))
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:automatic-styles>'
        + "".join(style.format(n, "none") for n in range(count - 1))
        + style.format(count - 1, "solid")
        + '</office:automatic-styles><office:body><office:spreadsheet><table:table table:name="List">'
        + f"<table:table-row>{cells}</table:table-row></table:table></office:spreadsheet></office:body>"
        + "</office:document-content>"
    ).encode()
    path = tmp_path / "styles.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    with zipfile.ZipFile(path) as archive:
        tracemalloc.start()
        try:
            scans = scan_ods(path, archive, load_program(None).limits)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert list(scans["List"].struck) == [(1, 2)]
    # kept in the tree: ~6 times its XML; dropped once read: about the XML's size
    assert peak < 2 * len(content), (peak, len(content))


def test_the_shared_strings_of_a_list_of_long_notes_are_read_as_they_stream(tmp_path: Path) -> None:
    """hunter-hostile9's leftover, measured by hunter-hostile10: the shared strings (where Excel, LibreOffice
    and openpyxl keep every text) were read whole to find the texts struck through in part, at twice the
    part's size at once: a list of 100,000 recipients with a note of 2,000 characters each (a 200 MB part)
    took 528 MB to scan where the same list written inline took 113 MB; [limits] xml_mb lets the part reach
    1.5 GB. Read as they stream now, only the strings a run may strike kept: the struck name is read as
    before."""
    import tracemalloc

    import xlsxwriter

    from bulkship.sheetscan.runs import shared_strings, struck_runs

    rows, note = 10_000, "Thanks for your years of service to the team. " * 80  # ~3.7 KB a note
    path = tmp_path / "notes.xlsx"
    book = xlsxwriter.Workbook(str(path))  # shared strings, as Excel and LibreOffice write them
    sheet = book.add_worksheet("List")
    sheet.write_row(0, 0, ["Name", "Address", "City", "State", "ZIP", "Product", "Amount", "Notes"])
    for n in range(1, rows + 1):
        sheet.write_row(
            n, 0, [f"Person {n}", f"{n} Main St", "Boston", "MA", "02108", "CVS", 25, f"{n}. {note}"]
        )
    sheet.write_rich_string(1, 0, book.add_format({"font_strikeout": True}), "Dan Old", " Dan New")
    book.close()

    with zipfile.ZipFile(path) as archive:
        part = archive.getinfo("xl/sharedStrings.xml").file_size
        tracemalloc.start()
        try:
            strings = shared_strings(archive)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert part > 30 * 2**20, part
    [runs] = strings.rich.values()
    struck = struck_runs(runs)
    assert struck is not None and (struck.part, struck.kept, struck.whole) == ("Dan Old", "Dan New", False)
    # read whole: twice the part; streamed: a few of its 4 MB chunks
    assert peak < part / 2, (peak, part)


def test_an_ods_defining_more_cell_styles_than_any_list_needs_gets_one_line_and_exit_2(
    bulkship_forks: ForkServer, tmp_path: Path
) -> None:
    """hunter-hostile9's leftover, refused by hunter-hostile10: an ODS's cell styles each keep their name
    while the file is read (to know the cells they strike through or write white on white): a 2.9 MB ODS of
    one recipient defining a million of them took 13.7 s and 240 MB to read, [limits] xml_mb letting ten
    times as many (~2 GB, over two minutes; the web server the same). Excel holds 64,000 cell styles at
    most and LibreOffice writes one for each look its cells take: past 200,000 the file is refused in one
    line, exit 2, before its tables are read."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    )
    manifest = (
        '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
        'manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
        'opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type='
        '"text/xml"/></manifest:manifest>'
    )
    row = "".join(
        f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
        for text in ("Ann Lee", "1 Main St", "Boston", "MA", "02108", "CVS", "25")
    )
    header = "".join(
        f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
        for text in ("Name", "Address", "City", "State", "ZIP", "Product", "Amount")
    )

    def ods(styles: int) -> Path:
        content = (
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:automatic-styles>'
            + "".join(f'<style:style style:name="ce{n}" style:family="table-cell"/>' for n in range(styles))
            + '</office:automatic-styles><office:body><office:spreadsheet><table:table table:name="List">'
            + f"<table:table-row>{header}</table:table-row><table:table-row>{row}</table:table-row>"
            + "</table:table></office:spreadsheet></office:body></office:document-content>"
        ).encode()
        path = tmp_path / f"styles{styles}.ods"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            archive.writestr("META-INF/manifest.xml", manifest)
            archive.writestr("content.xml", content)
        return path

    many = ods(200_001)
    result = bulkship_forks.run(
        ["validate", str(many), "--out", str(tmp_path / "out")],
        env={**os.environ, "BULKSHIP_DATA_DIR": str(tmp_path / "data")},
    )
    said = result.stdout + result.stderr
    assert result.returncode == 2, said
    assert f"{many.name} defines more than 200,000 cell styles" in said and "Traceback" not in said
    assert len(load_sheet(ods(20_000)).frame) == 1  # many, as a big real workbook may define: read


def test_an_xlsx_defining_more_cell_styles_than_any_list_needs_is_refused(tmp_path: Path) -> None:
    """The same in an XLSX (hunter-hostile10): a 1.1 MB workbook of 10,000 recipients whose styles.xml holds
    two million cell styles took 18 s and 442 MB to validate (hunter-hostile8 had its tree streamed, the
    values of each style still kept). Past 200,000 it is refused in one line; before, a refusal there would
    have been read as a workbook of no styles (none struck through)."""
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", "State", "ZIP", "Product", "Amount"])
    book.active.append(["Ann Lee", "1 Main St", "Boston", "MA", "02108", "CVS", 25])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    xf = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    count = 200_001
    styles = (
        b'<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill '
        b'patternType="none"/></fill></fills><borders count="1"><border/></borders>'
        b'<cellXfs count="%d">' % count + xf * count + b"</cellXfs></styleSheet>"
    )
    many = tmp_path / "many.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(many, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = styles if item.filename == "xl/styles.xml" else source.read(item.filename)
            target.writestr(item.filename, data)
    with pytest.raises(FileFormatError) as refused:
        load_sheet(many)
    assert str(refused.value).startswith("many.xlsx defines more than 200,000 cell styles")
    assert len(load_sheet(plain).frame) == 1


@pytest.mark.parametrize("refs", [True, False])
def test_rows_hidden_with_no_cells_in_them_are_not_kept_one_by_one(tmp_path: Path, refs: bool) -> None:
    """hunter-hostile9's and hunter-hostile10's leftover, measured by hunter-hostile11: a 2.6 MB XLSX of
    three recipients and a million empty rows marked hidden took `bulkship validate` to 417 MB (222 MB the
    same rows not hidden), each hidden row kept and looked up though it holds nothing to leave out. A row
    with no cell hides nothing now, on the fast path and on the exact walk (cells without references); a
    hidden row of a recipient is still left out."""
    from bulkship.load.workbook import _scan_workbook

    hidden = _person_row(3, "Ed Wu", 25, refs=refs).replace('<row r="3">', '<row r="3" hidden="1">')
    empty = "".join(
        f'<row r="{n}" hidden="1"/>' if n % 2 else f'<row r="{n}" hidden="1"> </row>'
        for n in range(5, 20_005)
    )
    path = raw_xlsx(
        tmp_path / "hidden.xlsx", _PEOPLE_HEADER + _person_row(2, "Ann Lee", 25, refs=refs) + hidden + empty
    )
    [scan] = _scan_workbook(path, "xlsx", load_program(None).limits).values()
    assert list(scan.hidden_rows) == [3], len(scan.hidden_rows)
    loaded = load_sheet(path)
    assert loaded.frame["Name"].tolist() == ["Ann Lee", "Ed Wu"]
    assert [s.row for s in loaded.skipped] == [3]
