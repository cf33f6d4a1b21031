"""Rows crossed out by a conditional format (a rule striking text through), as the person sees them: left out
as rows struck by hand are (found by hunter-sheets3: each was ordered, nothing said)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from intake_fixtures import sandbox_catalog
from openpyxl.formatting.rule import CellIsRule, Rule
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles.numbers import NumberFormat
from support import embedded_sandbox_orders
from support.libreoffice import ConvertedTogether

from bulkship.cli import main
from bulkship.load import load_sheet
from bulkship.models import Problem
from bulkship.settings import resolve_settings
from bulkship.validate import validate

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

HEADER = ["Name", "Address", "City", "State", "Zip", "Product", "Amount", "Code"]
PEOPLE = [
    ["Ann Lee", "12 Beacon St", "Boston", "MA", "02108", "CVS", 25, ""],
    ["Bob Ray", "5 Main St", "Salem", "MA", "01970", "CVS", 25, "X"],
    ["Cy Ng", "9 Elm St", "Quincy", "MA", "02169", "CVS", 50, "keep"],
    ["Di Ow", "7 Oak Ave", "Lowell", "MA", "01852", "CVS", 100, "x"],
]


def struck(**font: bool) -> DifferentialStyle:
    return DifferentialStyle(font=Font(**font))


def expr(formula: str) -> Rule:
    return Rule(type="expression", dxf=struck(strike=True), formula=[formula])


def workbook(path: Path, *rules: tuple[str, Rule]) -> Path:
    book = openpyxl.Workbook()
    for row in [HEADER, *PEOPLE]:
        book.active.append(row)
    for area, rule in rules:
        book.active.conditional_formatting.add(area, rule)
    book.save(path)
    return path


def crossed(path: Path) -> list[int]:
    return [s.row for s in load_sheet(path).skipped if s.kind == "crossed"]


@pytest.mark.parametrize(
    ("area", "rule", "rows"),
    [
        ("A2:H100", expr('$H2="x"'), [3, 5]),
        ("A2:H100", expr('"X"=$H2'), [3, 5]),
        ("A1:H200", expr("$G1>=100"), [5]),
        ("A2:H9", expr('AND($H2<>"",$H2<>"keep")'), [3, 5]),
        ("A2:H9", expr('ISNUMBER(SEARCH("x",$H2))'), [3, 5]),
        ("A2:H9", expr("NOT(ISBLANK($H2))"), [3, 4, 5]),
        ("A2:A9", CellIsRule(operator="equal", formula=['"bob ray"'], font=Font(strike=True)), [3]),
        ("A2:H100", Rule(type="expression", dxf=struck(bold=True), formula=['$H2="x"']), []),
    ],
)  # fmt: skip
def test_rows_a_conditional_format_crosses_out_are_not_ordered(
    tmp_path: Path, area: str, rule: Rule, rows: list[int]
) -> None:
    assert crossed(workbook(tmp_path / "cf.xlsx", (area, rule))) == rows


def test_a_list_whose_rows_a_rule_crosses_out_orders_the_others_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'=$H2="x"' over A2:H100 strikes Bob and Di through in Excel: both were ordered."""
    rule = expr('$H2="x"')
    path = workbook(tmp_path / "cf.xlsx", ("A2:H100", rule))
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    lines = [li for o in embedded_sandbox_orders(resolve_settings().data_dir) for li in o["LineItems"]]
    assert sorted(li["PhysicalDeliveryAddress"]["Name"] for li in lines) == ["Ann Lee", "Cy Ng"]


def test_a_rule_crossing_cells_out_that_bulkship_cannot_evaluate_refuses_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rule = expr("COUNTIF($A$2:$A$9,$A2)>1")
    path = workbook(tmp_path / "cf.xlsx", ("A2:H9", rule))
    code = main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    assert code == 2
    assert json.loads(capsys.readouterr().out)["error"] == (
        "sheet 'Sheet' of cf.xlsx: a rule of the sheet (conditional formatting on A2:H9: "
        "=COUNTIF($A$2:$A$9,$A2)>1) crosses cells out, and bulkship cannot tell which: it would order the "
        "rows it crosses out"
    )


def _struck_by_two_rules(path: Path) -> Path:
    named = CellIsRule(operator="equal", formula=['"Cy Ng"'], font=Font(strike=True))
    rules = [("A2:H100", expr('$H2="x"')), ("A2:A9", named)]
    return workbook(path, *rules)


def test_rows_a_libreoffice_conditional_format_crosses_out_are_not_ordered(
    tmp_path: Path, libreoffice: ConvertedTogether
) -> None:
    """The same rules in an ODS saved by LibreOffice (calcext:conditional-format, a named style striking
    through): each row was ordered too."""
    ods = libreoffice.copy(_struck_by_two_rules(tmp_path / "cf.xlsx"), tmp_path)
    assert crossed(ods) == [3, 4, 5]


X14_RULE = (
    '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings>'
    '<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    '<x14:cfRule type="expression" priority="1" id="{00000000-0000-0000-0000-000000000001}">'
    "<xm:f>COUNTIF(Removed!$A:$A,$A2)&gt;0</xm:f><x14:dxf><font><strike/></font></x14:dxf></x14:cfRule>"
    "<xm:sqref>A2:H100</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>"
)


def test_a_rule_naming_another_sheet_as_excel_2010_writes_it_refuses_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rule crossing out the people listed on another sheet ('Removed'), which Excel writes in an extension
    list with its format inside: bulkship cannot evaluate it, and it was not seen at all."""
    import zipfile

    path = workbook(tmp_path / "cf.xlsx")
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b"</worksheet>", X14_RULE.encode() + b"</worksheet>")
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    code = main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    assert code == 2
    assert json.loads(capsys.readouterr().out)["error"].startswith(
        "sheet 'Sheet' of cf.xlsx: a rule of the sheet (conditional formatting on A2:H100: "
        "=COUNTIF(Removed!$A:$A,$A2)>0) crosses cells out"
    )


WHITE = DifferentialStyle(font=Font(color="FFFFFF"))  # a rule writing the rows marked x in white


def _white_rows(path: Path) -> Path:
    return workbook(path, ("A2:G100", Rule(type="expression", dxf=WHITE, formula=['$H2="x"'])))


def test_cells_a_conditional_format_hides_are_errors_on_their_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], libreoffice: ConvertedTogether
) -> None:
    """Found by hunter-sheets4 (the last note's 'rules that hide text are not read'): a rule writing the rows
    marked x in white ('=$H2="x"', no fill), or giving them the number format ';;;', shows Bob and Di as
    empty rows in Excel and LibreOffice, and both were ordered. Only what the sheet shows is ordered: each
    cell so hidden is an error on its row, as a white font or ';;;' given by hand is; in LibreOffice's ODS
    copy too. A rule in white over a dark fill shows, and changes nothing."""
    white = Rule(type="expression", dxf=WHITE, formula=['$H2="x"'])
    semis = DifferentialStyle(numFmt=NumberFormat(numFmtId=200, formatCode=";;;"))
    dark = DifferentialStyle(font=Font(color="FFFFFF"), fill=PatternFill(bgColor="1F4E78"))
    for rules, hidden in (
        ([("A2:G100", white)], [3, 5]),
        ([("A2:G100", Rule(type="expression", dxf=semis, formula=['$H2="x"']))], [3, 5]),
        ([("A2:G100", Rule(type="expression", dxf=dark, formula=['$H2="x"']))], []),
    ):
        path = workbook(tmp_path / "cf.xlsx", *rules)
        code = main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
        data = json.loads(capsys.readouterr().out)
        assert (code, data["invalid"]) == (1 if hidden else 0, len(hidden))
        assert sorted({p["row"] for p in data["problems"] if p["severity"] == "error"}) == hidden
    white_rows = _white_rows(tmp_path / "white.xlsx")
    said = [p for p in _problems(libreoffice.copy(white_rows, tmp_path)) if p.severity == "error"]
    assert sorted({p.row for p in said}) == [3, 5]
    assert said[0].message == (
        "Row 3, column 'Name': the cell holds 'Bob Ray' written in white on a white background: the sheet "
        "shows an empty cell. Give the cell a visible font colour to see what it holds, and clear it if it "
        "is not meant."
    )


# a rule greying out the rows marked x, its font the grey of its fill; and one in dark text on the same fill
GREY = DifferentialStyle(font=Font(color="D9D9D9"), fill=PatternFill(bgColor="D9D9D9", fill_type="solid"))
LIGHT = DifferentialStyle(font=Font(color="595959"), fill=PatternFill(bgColor="D9D9D9", fill_type="solid"))


def _grey_rows(path: Path) -> Path:
    return workbook(path, ("A2:G100", Rule(type="expression", dxf=GREY, formula=['$H2="x"'])))


def _light_rows(path: Path) -> Path:
    return workbook(path, ("A2:G100", Rule(type="expression", dxf=LIGHT, formula=['$H2="x"'])))


def test_cells_a_conditional_format_writes_in_the_colour_of_its_fill_are_errors_on_their_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], libreoffice: ConvertedTogether
) -> None:
    """Found by hunter-sheets6: a rule greying out the rows marked x, its font the grey of its fill, showed
    Bob and Di as empty grey rows, and both were ordered. Each cell so hidden is an error on its row, in
    LibreOffice's ODS copy too; a rule in dark text on a light fill shows, and changes nothing."""
    for build, hidden in ((_grey_rows, [3, 5]), (_light_rows, [])):
        path = build(tmp_path / f"{build.__name__[1:]}.xlsx")
        code = main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
        data = json.loads(capsys.readouterr().out)
        assert (code, data["invalid"]) == (1 if hidden else 0, len(hidden))
        assert sorted({p["row"] for p in data["problems"] if p["severity"] == "error"}) == hidden
        said = [p for p in _problems(libreoffice.copy(path, tmp_path)) if p.severity == "error"]
        assert sorted({p.row for p in said}) == hidden
        assert all("written in the colour of its background" in p.message for p in said)


def _problems(path: Path) -> list[Problem]:
    return list(validate(load_sheet(path), sandbox_catalog()).problems)


def test_a_rule_hiding_error_values_in_white_is_read_not_refused(tmp_path: Path) -> None:
    """After 1d7894e: the common rule hiding a look-up's '#N/A' in white ('Format only cells that contain
    errors') would have refused the file as a hiding rule bulkship cannot evaluate. It is evaluated: it
    hides error values only, which are errors on their rows already where bulkship orders from them."""
    hide_errors = Rule(
        type="containsErrors", dxf=DifferentialStyle(font=Font(color="FFFFFF")), formula=["ISERROR(A2)"]
    )
    loaded = load_sheet(workbook(tmp_path / "cf.xlsx", ("A2:H100", hide_errors)))
    assert len(loaded.frame) == 4 and loaded.skipped == ()


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> ConvertedTogether:
    """LibreOffice's ODS copies of this module's workbooks, converted together (one soffice start)."""
    inputs = {
        "cf.xlsx": _struck_by_two_rules, "white.xlsx": _white_rows, "grey_rows.xlsx": _grey_rows,
        "light_rows.xlsx": _light_rows,
    }  # fmt: skip
    return ConvertedTogether(
        tmp_path_factory.mktemp("libreoffice"), {n: (b, "ods") for n, b in inputs.items()}
    )
