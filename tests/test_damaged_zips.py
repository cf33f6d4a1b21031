"""Damaged XLSX archives (a broken deflate stream, a part whose size is a bomb's) get one line and exit 2, not
a traceback, and no part is expanded before the loader's zip-bomb check: found by fuzzing `bulkship validate`
with mutated sample workbooks (the result-workbook check read xl/workbook.xml whole, first)."""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from pathlib import Path

import pytest
from support.forkserver import ForkServer

from bulkship.cli import main
from bulkship.errors import FileFormatError
from bulkship.load import load_sheet
from bulkship.zipparts import read_part, read_tail

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "anniversary.xlsx"


def _broken_deflate(tmp_path: Path, part: str) -> Path:
    """The sample with the compressed bytes of ``part`` damaged so that inflating it fails (zlib.error)."""
    source = zipfile.ZipFile(SAMPLE)
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(2, info.compress_size - 2, 3):  # enough damage that the stream cannot inflate
        data[start + offset] ^= 0x5A
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive, pytest.raises(zlib.error):
        archive.read(part)  # the damage is the one found: a broken stream, not only a bad CRC
    return path


@pytest.mark.parametrize("command", ["validate", "run"])
def test_an_xlsx_whose_workbook_part_cannot_inflate_gets_one_line_and_exit_2(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _broken_deflate(tmp_path, "xl/workbook.xml")
    args = [command, str(path), *(["--yes"] if command == "run" else [])]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "damaged.xlsx" in err and "damaged" in err and "Traceback" not in err, err


def test_a_part_larger_than_asked_is_never_read(tmp_path: Path) -> None:
    """A part is read only within the size given (as the archive declares it, which zipfile reads no
    further than): a bomb in xl/workbook.xml is never expanded to look for sheet names."""
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook>" + " " * 200_000 + "</workbook>")
    assert read_part(path, "xl/workbook.xml", 1000) is None
    assert read_tail(path, "xl/workbook.xml", 11, 1000) is None
    assert read_part(path, "xl/workbook.xml", 300_000) is not None
    assert read_tail(path, "xl/workbook.xml", 11, 300_000) == b"</workbook>"
    assert read_part(path, "xl/missing.xml", 300_000) is None
    assert read_part(tmp_path / "absent.xlsx", "xl/workbook.xml", 300_000) is None


def test_a_password_protected_ods_is_called_so_not_damaged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets3: an ODS saved with a password (its parts encrypted, the manifest saying how)
    was 'damaged: its part content.xml is not readable XML', and the person had no way to tell why."""
    import os

    path = tmp_path / "locked.ods"
    ns = 'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
    manifest = (
        f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest {ns}>'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
        '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
        "</manifest:encryption-data></manifest:file-entry></manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", os.urandom(2000))
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "Error: locked.ods is password-protected" in err and "remove the password" in err


def _patched(tmp_path: Path, name: str, part: str, old: bytes, new: bytes) -> Path:
    """A list written by XlsxWriter (its texts kept as shared strings), ``old`` in ``part`` made ``new``."""
    import xlsxwriter

    plain = tmp_path / "plain.xlsx"
    book = xlsxwriter.Workbook(str(plain))
    sheet = book.add_worksheet()
    for row, values in enumerate(
        [["Name", "Address", "City", "State", "ZIP", "Card", "Amount"]]
        + [[f"Person {n}", f"{n} Main St", "Boston", "MA", "02108", "CVS", 25] for n in (1, 2)]
    ):
        sheet.write_row(row, 0, values)
    book.close()
    path = tmp_path / name
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                assert re.search(old, data), data[:600]
                data = re.sub(old, new, data, count=1)
            target.writestr(item, data)
    return path


def _validate_process(forks: ForkServer, path: Path, tmp_path: Path) -> tuple[int, str]:
    """`bulkship validate` as a process (an abort there ends it alone), under a 3 GB address space: a child
    of the fork server (~0.2 CPU-s, not ~1.8 importing the package again)."""
    done = forks.run(
        ["validate", str(path), "--out", str(tmp_path / "out")],
        env={**os.environ, "BULKSHIP_DATA_DIR": str(tmp_path / "data")},
        timeout=600,
        address_space=3 * 2**30,
    )
    return done.returncode, done.stderr


@pytest.mark.parametrize(
    ("name", "old", "new", "said"),
    [  # found by hunter-hostile6: each aborted `bulkship validate` (signal 6, not a word), the web server too
        (
            "claims.xlsx",
            rb'uniqueCount="\d+"',
            b'uniqueCount="2000000000"',
            "is damaged: its shared strings (where a workbook keeps its cells' text) say they hold "
            "2,000,000,000 texts, and hold 15",
        ),
        ("row.xlsx", rb'r="A3"', b'r="A99999999999"', "spans 99,999,999,999 rows and 7 columns, above"),
        ("column.xlsx", rb'r="B3"', b'r="BBBBBB3"', "spans 3 rows and 24,713,262 columns, above"),
    ],
)
def test_a_workbook_claiming_what_no_reader_can_make_room_for_gets_one_line_and_exit_2(
    bulkship_forks: ForkServer, tmp_path: Path, name: str, old: bytes, new: bytes, said: str
) -> None:
    """A 2 KB workbook whose shared strings claim two billion texts (calamine makes room for as many as
    claimed), or one of whose cells is named past any sheet ('A99999999999': the scan's counting passed it by
    and calamine aborted; 'BBBBBB3': calamine built 24 million columns, 1.2 GB, before the refusal)."""
    part = "xl/sharedStrings.xml" if name == "claims.xlsx" else "xl/worksheets/sheet1.xml"
    code, err = _validate_process(bulkship_forks, _patched(tmp_path, name, part, old, new), tmp_path)
    errors = [line for line in err.splitlines() if line.startswith("Error:")]
    assert code == 2 and len(errors) == 1 and said in errors[0], (code, err)
    assert "Traceback" not in err


@pytest.mark.parametrize("index", ["-1", "1.5", "abc", "99999999999999999999", ""])
def test_a_cell_naming_its_shared_text_by_no_number_refuses_the_file(tmp_path: Path, index: str) -> None:
    """Found by hunter-hostile6: a cell pointing at its shared string by '-1' (or '1.5', 'abc', 20 digits) was
    read by calamine as the first shared string, the header 'Name': that row's card went to 'Name' at Person
    1's street, and nothing said so. Such a file is damaged (Excel says it must repair it): one line."""
    path = _patched(
        tmp_path,
        "index.xlsx",
        "xl/worksheets/sheet1.xml",
        rb'(<c r="A2" t="s"><v>)\d+',
        rb"\g<1>" + index.encode(),
    )
    with pytest.raises(FileFormatError, match=rf"is damaged: cell A2 names its text by '{re.escape(index)}'"):
        load_sheet(path)


def test_a_damaged_cell_is_found_behind_another_attribute_ending_as_its_type(tmp_path: Path) -> None:
    """The quick count looks for ' t="s"' by its letters (the bench's 100 MB sheet read byte by byte else): an
    attribute whose name ends so ('foot="s"', which no reader knows) before the cell's own type must not hide
    the damaged index behind it, nor be read as the type itself."""
    path = _patched(
        tmp_path,
        "foot.xlsx",
        "xl/worksheets/sheet1.xml",
        rb'(<c r="A2") t="s"><v>\d+',
        rb'\g<1> foot="s" t="s"><v>-1',
    )
    with pytest.raises(FileFormatError, match=r"is damaged: cell A2 names its text by '-1'"):
        load_sheet(path)


def test_a_workbook_holding_far_more_shared_strings_than_cells_gets_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-hostile9: a 2.5 MB XLSX of one recipient whose shared strings hold 100 million empty
    texts (1.3 GB of XML, within [limits] xml_mb; its count claimed truly) took 4 minutes, then calamine
    aborted `bulkship validate` asking 2.4 GB (signal 6, not a word; the web server with it). Excel and
    LibreOffice keep only the texts the cells use: a workbook holding more than its cells (and a million
    more) is refused in one line, and one holding more than its sheets may hold cells is refused as they
    stream (here with the million made 100). A few texts no cell uses still load."""
    from bulkship.load import workbook
    from bulkship.program import ProgramSettings
    from bulkship.sheetscan import Limits, textsize

    monkeypatch.setattr(textsize, "MAX_UNHELD_STRINGS", 100)
    monkeypatch.setattr(workbook, "MAX_UNHELD_STRINGS", 100, raising=False)

    def held(extra: int) -> Path:
        path = _patched(
            tmp_path,
            f"held{extra}.xlsx",
            "xl/sharedStrings.xml",
            rb"</sst>",
            b"<si><t/></si>" * extra + b"</sst>",
        )
        with zipfile.ZipFile(path) as archive:  # the count claimed truly, as a writer would
            data = archive.read("xl/sharedStrings.xml")
        assert data.count(b"<si>") == 15 + extra
        return path

    assert len(load_sheet(held(50)).frame) == 2  # 65 texts for 21 cells

    many = held(500)  # 515 texts for 21 cells
    with pytest.raises(FileFormatError) as refused:
        load_sheet(many)
    said = (
        "held500.xlsx holds 515 shared strings (the texts its cells point at) for 21 cells: no list needs "
        "them, and a reader makes room for each"
    )
    assert str(refused.value).startswith(said + " ("), refused.value
    with pytest.raises(FileFormatError) as streamed:
        load_sheet(many, program=ProgramSettings(limits=Limits(cells=100)))
    assert str(streamed.value).startswith("held500.xlsx holds more than 200 shared strings"), streamed.value

    assert main(["validate", str(many), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if line.startswith("Error:")] == [f"Error: {said}"], err
    assert "Traceback" not in err
