"""`bulkship template`: canonical headers, instructions, a text ZIP column and drop-downs from the catalog."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from intake_fixtures import sandbox_catalog

from bulkship.cli import main
from bulkship.load import load_sheet
from bulkship.schema import load_contract
from bulkship.template import write_template


def test_template_has_headers_dropdowns_and_text_zip(tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.xlsx", sandbox_catalog())
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Recipients", "Instructions", "Lists"]
    sheet = book["Recipients"]
    titles = [spec.title for spec in load_contract().columns.values()]
    assert [c.value for c in sheet[1]] == titles
    zip_column = titles.index("ZIP Code") + 1
    assert sheet.column_dimensions[openpyxl.utils.get_column_letter(zip_column)].number_format == "@"
    sources = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation if dv.formula1}
    product = openpyxl.utils.get_column_letter(titles.index("Product") + 1)
    assert sources[f"{product}2:{product}5001"] == "Lists!$B$2:$B$5"
    lists = book["Lists"]
    assert [c.value for c in lists["B"]][1:5] == ["CVS", "HOMEDEPOT", "TARGET", "VISA-PREPAID"]  # no AMAZON
    assert "MA" in [c.value for c in lists["A"]] and lists.sheet_state == "hidden"
    instructions = [r for r in book["Instructions"].values if r[0] == "ZIP Code"]
    assert instructions[0][3].startswith("5-digit ZIP or ZIP+4")


def test_blank_template_reads_back_as_a_sheet_with_no_rows(tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.xlsx", sandbox_catalog())
    loaded = load_sheet(path)
    assert loaded.sheet_name == "Recipients" and len(loaded.frame) == 0
    assert set(loaded.column_map.values()) >= {"name", "zip", "product", "value"}


def test_template_command_uses_the_sandbox_catalog(tmp_path: Path) -> None:
    out = tmp_path / "mine.xlsx"
    assert main(["template", "--out", str(out)]) == 0
    lists = openpyxl.load_workbook(out)["Lists"]
    assert "STARBUCKS" in [c.value for c in lists["B"]]


def test_a_sheet_schema_setting_bulkship_would_misread_is_refused(tmp_path: Path, capsys) -> None:
    """A program's own sheet schema ([program] schema = FILE): 'max_lenght' checked no length, required =
    "false" made the column required, and a column written as text ended in a traceback."""
    packaged = (Path(__file__).resolve().parents[1] / "schemas" / "recipients.toml").read_text()
    sheet = tmp_path / "list.csv"
    sheet.write_text("Name,Address,City,State,Zip,Product,Value\nAnn Lee,1 Main St,Boston,MA,02134,CVS,25\n")
    cases = [
        (
            packaged.replace("\nmax_length = 100", "\nmax_lenght = 100", 1),
            "'max_lenght', which bulkship does not",
        ),
        (packaged.replace("\nrequired = true", '\nrequired = "false"', 1), "required written in quotes"),
        ('[columns]\nname = "Name"\n', "must be a table"),
    ]
    for n, (text, said) in enumerate(cases):
        (tmp_path / f"schema-{n}.toml").write_text(text)
        config = tmp_path / f"program-{n}.toml"
        config.write_text(f'[program]\nschema = "schema-{n}.toml"\n')
        assert main(["validate", str(sheet), "--config", str(config)]) == 2
        err = capsys.readouterr().err
        assert said in err and "Traceback" not in err
