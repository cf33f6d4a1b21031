"""Check boxes drawn over a sheet (Excel's form controls, LibreOffice's form check boxes) that keep their tick
in no cell (found by hunter-sheets5): a person ticks the rows to send, and every row was ordered, Bob's
unticked box too. A box linked to a cell keeps its tick there (TRUE / FALSE), read as the column it is in."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

DATA = Path(__file__).parent / "data"
_PEOPLE = [("Ann", "Lee", "1 Main St"), ("Bob", "Ray", "2 Main St"), ("Cy", "Ng", "3 Main St")]
_MAIN = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"


def _workbook(path: Path, ticks: str, *, linked: bool, excel_2007: bool = False) -> Path:
    """Ann, Bob and Cy with a check box over column I of each row, as Excel writes them: ``ticks`` says
    which are ticked ('x' / '-'); ``linked`` boxes keep their tick in J under 'Send?'; ``excel_2007``
    writes only the legacy VML drawing (no ctrlProp parts)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Gifts"
    sheet.append(["First Name", "Last Name", "Street", "City", "State", "ZIP", "Card", "Amount", None]
                 + (["Send?"] if linked else []))  # fmt: skip
    for (first, last, street), tick in zip(_PEOPLE, ticks, strict=True):
        sheet.append([first, last, street, "Boston", "MA", "02108", "TARGET", 25, None]
                     + ([tick == "x"] if linked else []))  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    parts = {n: zipfile.ZipFile(buffer).read(n) for n in zipfile.ZipFile(buffer).namelist()}
    shapes, rels, controls = [], [], []
    for n, tick in enumerate(ticks, start=1):
        link = f"$J${n + 1}" if linked else ""
        shapes.append(
            f'<v:shape id="_x0000_s{1024 + n}" type="#_x0000_t201"><x:ClientData ObjectType="Checkbox">'
            f"<x:Anchor>8, 8, {n}, 2, 8, 72, {n}, 18</x:Anchor>"
            + ("<x:Checked>1</x:Checked>" if tick == "x" else "")
            + (f"<x:FmlaLink>{link}</x:FmlaLink>" if link else "")
            + "<x:NoThreeD/></x:ClientData></v:shape>"
        )
        if not excel_2007:
            parts[f"xl/ctrlProps/ctrlProp{n}.xml"] = (
                f'<formControlPr xmlns="{_MAIN}" objectType="CheckBox"'
                + (' checked="Checked"' if tick == "x" else "")
                + (f' fmlaLink="{link}"' if link else "")
                + ' lockText="1" noThreeD="1"/>'
            ).encode()
            rels.append(
                f'<Relationship Id="rIdC{n}" Type="{_RELS}/ctrlProp" Target="../ctrlProps/ctrlProp{n}.xml"/>'
            )
            controls.append(f'<control shapeId="{1024 + n}" r:id="rIdC{n}" name="Check Box {n}"/>')
    parts["xl/drawings/vmlDrawing1.vml"] = (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">' + "".join(shapes) + "</xml>"
    ).encode()
    parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdV" Type="{_RELS}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/>'
        + "".join(rels)
        + "</Relationships>"
    ).encode()
    worksheet = parts["xl/worksheets/sheet1.xml"].decode()
    if "xmlns:r=" not in worksheet:
        worksheet = worksheet.replace("<worksheet ", f'<worksheet xmlns:r="{_RELS}" ', 1)
    tail = '<legacyDrawing r:id="rIdV"/>' + (f"<controls>{''.join(controls)}</controls>" if controls else "")
    parts["xl/worksheets/sheet1.xml"] = worksheet.replace("</worksheet>", tail + "</worksheet>").encode()
    types = (
        parts["[Content_Types].xml"]
        .decode()
        .replace(
            "</Types>",
            f'<Default Extension="vml" ContentType="{_VML}"/></Types>',
        )
    )
    parts["[Content_Types].xml"] = types.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _names_sent() -> list[str]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    return [li["PhysicalDeliveryAddress"]["Name"] for order in orders for li in order["LineItems"]]


@pytest.mark.parametrize("excel_2007", [False, True], ids=["excel", "excel-2007"])
def test_check_boxes_that_tick_no_cell_refuse_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], excel_2007: bool
) -> None:
    path = _workbook(tmp_path / "gifts.xlsx", "x-x", linked=False, excel_2007=excel_2007)
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert (
        "Error: sheet 'Gifts' of gifts.xlsx has 3 check boxes drawn over its cells (the first over row 2) "
        "whose tick no cell holds: bulkship cannot see which rows are ticked, and would order every row"
    ) in err
    assert "Format Control › Cell link" in err and "Traceback" not in err
    assert _names_sent() == []


def test_check_boxes_linked_to_a_send_column_send_the_ticked_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _workbook(tmp_path / "gifts.xlsx", "x-x", linked=True)
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert _names_sent() == ["Ann Lee", "Cy Ng"]


def test_libreoffice_check_boxes_are_read_the_same_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The two workbooks above, opened in LibreOffice and saved as ODS (form:checkbox, linked or not)."""
    unlinked = DATA / "check-boxes-unlinked.ods"
    assert main(["validate", str(unlinked), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "has 3 check boxes drawn over its cells whose tick no cell holds" in err
    assert main(["run", str(DATA / "check-boxes-linked.ods"), "--yes", "--wait", "0"]) == 0
    assert _names_sent() == ["Ann Lee", "Cy Ng"]
