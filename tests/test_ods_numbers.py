"""An ODS number cell whose value is not a number ('nan', as a program may write one) is read as the text it
holds and said of on its row, not the whole file called unreadable XML (found by hunter-hostile6)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from bulkship.load import load_sheet

_NS = "urn:oasis:names:tc:opendocument:xmlns"


def _ods(path: Path, amount: str) -> Path:
    def cell(value: str) -> str:
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    header = "".join(cell(v) for v in ["Name", "Address", "City", "State", "ZIP", "Card", "Amount"])
    person = "".join(cell(v) for v in ["Ann Lee", "1 Main St", "Boston", "MA", "02108", "CVS"])
    person += (
        f'<table:table-cell office:value-type="float" office:value="{amount}"><text:p>25</text:p>'
        "</table:table-cell>"
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{_NS}:office:1.0" '
        f'xmlns:table="{_NS}:table:1.0" xmlns:text="{_NS}:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="Sheet1"><table:table-row>{header}</table:table-row>'
        f"<table:table-row>{person}</table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="{_NS}:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


@pytest.mark.parametrize("amount", ["nan", "NaN"])
def test_a_number_cell_holding_no_number_is_read_and_said_of_on_its_row(tmp_path: Path, amount: str) -> None:
    """Before: 'list.ods is damaged: a sheet is not readable XML ([<class 'decimal.InvalidOperation'>])',
    the scan's comparison of what the cell shows with what it holds raising on the NaN."""
    loaded = load_sheet(_ods(tmp_path / "list.ods", amount))
    assert loaded.frame["Name"].tolist() == ["Ann Lee"]
    assert loaded.frame["Amount"].tolist() != ["25"]  # never the 25 it shows: the row says what it holds
