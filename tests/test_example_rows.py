"""A template's example row left in the list is an error on its row, never a card (found by newcomer6);
a real person named like one is not, nor one living on a real road named like one (W Sample Rd, Coconut
Creek FL: found by review10)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from intake_fixtures import sandbox_catalog

from bulkship.load import load_sheet
from bulkship.validate import examples, validate


def test_example_rows_are_errors_and_real_people_are_not(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "Zip", "Card", "Amount", "Notes"])
    rows = [
        ["John Doe", "123 Main St", "Springfield", "IL", "62701", "CVS", 25, "EXAMPLE - delete this row"],
        ["Jane Sample", "1 Example Rd", "Anytown", "NY", "12345", "CVS", 25, ""],
        ["Test Test", "1 Test St", "Boston", "MA", "02108", "CVS", 25, ""],
        ["Ann Real", "5 Oak St", "Boston", "MA", "02108", "CVS", 25, "(sample)"],
        ["Your Name", "7 Oak St", "Boston", "MA", "02108", "CVS", 25, ""],
        ["John Doe", "9 Elm St", "Boston", "MA", "02108", "CVS", 25, "sample of the loyalty program"],
        ["Bo Sampleton", "11 Elm St", "Boston", "MA", "02108", "CVS", 25, "example: great launch"],
        ["Maria Garcia", "4400 W Sample Rd", "Coconut Creek", "FL", "33073", "CVS", 25, ""],  # a real road
        ["John Doe", "12 Test Rd", "Rindge", "NH", "03461", "CVS", 25, ""],
        ["Amy Form", "123 Sample Street", "Springfield", "IL", "62701", "CVS", 25, ""],  # a template's street
    ]
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "request.xlsx")
    sheet = load_sheet(tmp_path / "request.xlsx")
    result = validate(sheet, sandbox_catalog())
    status = dict(zip(result.rows["row"], result.rows["status"], strict=True))
    # row 2's own note says to delete it: left out as the list says (0f8d8fc7), never a card either way
    assert status == {
        2: "skipped",
        **dict.fromkeys(range(3, 7), "invalid"),
        7: "valid",
        8: "valid",
        9: "valid",
        10: "invalid",
        11: "invalid",
    }
    assert {s.row: s.reason for s in sheet.skipped} == {
        2: "the list says not to send it (column 'Notes': 'EXAMPLE - delete this row')"
    }
    said = [p.message for p in result.problems if p.kind == "Example row"]
    assert said[0] == (
        "Row 3, column 'Name': 'Jane Sample' at 1 Example Rd, Anytown looks like the template's example, "
        "not a recipient: delete the row (or, for a real person, write their real name and address)."
    )
    assert len(said) == 6


def test_a_person_whose_last_name_is_sample_is_no_example(tmp_path: Path) -> None:
    """Found by hunter-falsealarm2: an HR export's Rose | Sample (First Name | Last Name; Sample is a surname)
    was an error as 'the template's example', exit 1, and the way out it gave (write their real name) was
    none. A surname is no mark; 'Jane | Sample' and 'Test | Test' still are the template's."""
    path = tmp_path / "hr.csv"
    path.write_text(
        "First Name,Last Name,Address,City,State,Zip,Product,Amount\n"
        "Rose,Sample,9 Pine Rd,Denver,CO,80202,CVS,25\nJane,Sample,1 Example Rd,Anytown,NY,12345,CVS,25\n"
        "Test,Test,5 Oak St,Boston,MA,02108,CVS,25\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert dict(zip(result.rows["row"], result.rows["status"], strict=True)) == {
        2: "valid",
        3: "invalid",
        4: "invalid",
    }


def test_a_row_of_examples_under_the_header_is_said_as_the_template_s_example(tmp_path: Path) -> None:
    """Found by hunter-sheets3: a request form's row of examples ('e.g. Maria', 'e.g. Lopez', 'e.g. 02108')
    was four errors on a state, a ZIP, a card and an amount, and the example message, where it was given,
    named the person '' (a list of First and Last Name). A note saying 'e.g. loves coffee' is no example."""
    path = tmp_path / "form.csv"
    path.write_text(
        "First Name,Last Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "e.g. Maria,e.g. Lopez,e.g. 12 Beacon Street,e.g. Boston,e.g. MA,e.g. 02108,e.g. CVS,e.g. 50,\n"
        "Jane,Example,1 Sample St,Anytown,MA,01234,CVS,25,\n"
        "Ann,Lee,12 Beacon St,Boston,MA,02108,CVS,25,e.g. loves coffee\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["status"].tolist() == ["invalid", "invalid", "valid"]
    said = [p.message for p in result.problems if p.kind == "Example row"]
    assert said == [
        "Row 2, column 'Name': 'e.g. Maria e.g. Lopez' at e.g. 12 Beacon Street, e.g. Boston looks like the "
        "template's example, not a recipient: delete the row (or, for a real person, write their real name "
        "and address).",
        "Row 3, column 'Name': 'Jane Example' at 1 Sample St, Anytown looks like the template's example, not "
        "a recipient: delete the row (or, for a real person, write their real name and address).",
    ]


def test_a_template_s_line_describing_its_columns_is_said_as_such(tmp_path: Path) -> None:
    """Found by hunter-sheets4: a request form's line under its header saying what each column takes
    ('Required', '2-letter code', '5 digits', '(required)', 'Text (5)') read as a row of a person whose State
    '2-LETTER CODE' is not a US state and ZIP '5 digits' not a ZIP code. It is said as the template's line,
    to delete; a real row with a note 'optional' or a product 'List' is no such line."""
    path = tmp_path / "form.csv"
    path.write_text(
        "Name,Address,City,State,Zip,Product,Amount,Notes\n"
        "Required,Required,Required,2-letter code,5 digits,Dropdown,Number,Optional\n"
        "(required),(required),(required),(required),(required),(required),(required),\n"
        "Ann Lee,12 Beacon St,Boston,MA,02108,CVS,25,optional\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["status"].tolist() == ["invalid", "invalid", "valid"]
    said = [p.message for p in result.problems if p.kind == "Template's description row"]
    assert said == [
        "Row 2, column 'Name': describes the columns ('Required', '2-LETTER CODE', '5 digits'...), as a "
        "request form's line under its header does, and is no recipient: delete the row.",
        "Row 3, column 'Name': describes the columns ('(required)', '(REQUIRED)', '(required)'...), as a "
        "request form's line under its header does, and is no recipient: delete the row.",
    ]


def test_a_line_describing_the_columns_in_words_is_said_as_such_its_one_error(tmp_path: Path) -> None:
    """Found by newcomer16 (N16): an HR template's line under its header, 'Full legal name | Street and
    number | | 2-letter | 5 digits | CVS/Target/Visa | USD' (openpyxl, as a workbook holds it), was a
    recipient with five errors ("'2-LETTER' is not a US state", "'USD' is not an amount" ...), exit 1, on
    Fix these as a person to fix. Its cells say what each column holds in words, a date's format, the
    currency and the choices: it is the template's description line, its one error saying so."""
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", "State", "ZIP", "Card", "Amount", "Start Date"])
    book.active.append(
        [
            "Full legal name",
            "Street and number",
            None,
            "2-letter",
            "5 digits",
            "CVS/Target/Visa",
            "USD",
            "MM/DD/YYYY",
        ]
    )
    book.active.append(["Ana Ruiz", "1 Bay Rd", "Miami", "FL", "33101", "CVS", 25, None])
    book.active.append(["Ben Soto", "2 Bay Rd", "Miami", "FL", "33101", "Target", 25, None])
    path = tmp_path / "template.xlsx"
    book.save(path)
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["status"].tolist() == ["invalid", "valid", "valid"]
    assert [p.message for p in result.problems if p.severity == "error"] == [
        "Row 2, column 'Name': describes the columns ('Full legal name', '2-LETTER', '5 digits'...), as a "
        "request form's line under its header does, and is no recipient: delete the row."
    ]


def test_a_units_line_under_the_header_is_one_error_saying_so(tmp_path: Path) -> None:
    """Found by hunter-sheets29 (its leftover 4), fixed by hunter-sheets30: a list with '(USD)' under its
    'Amount' header, the rest of that line empty, made the line a person to fix with seven errors ('Name is
    empty', ..., "'(USD)' is not an amount"). One error now says what it is; Ann below is valid as before."""
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", "State", "ZIP", "Product", "Amount"])
    book.active.append([None] * 6 + ["(USD)"])
    book.active.append(["Ann Lee", "1 Main St", "Boston", "MA", "02134", "TARGET", 25])
    book.save(path := tmp_path / "units.xlsx")
    result = validate(load_sheet(path), sandbox_catalog())
    assert [p.message for p in result.problems] == [
        "Row 2, column 'Name': holds only '(USD)', which describes its column as a line under a header does, "
        "and is no recipient: delete the row."
    ]
    assert result.rows["status"].tolist() == ["invalid", "valid"]


def test_a_template_s_rows_are_looked_for_reading_each_column_s_text_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-speed1 (issue 14): the three readers of a template's rows (its example's mark, a
    line describing the columns, a units line alone) each made the sheet's cells text again, and the units
    line counted each row's filled cells with pandas' strip per cell: ~0.3 CPU-s of a 100,000-row validate.
    Now the cells are made text once, and filled_cells counts as pandas does (spaces of every kind are
    empty; a cell that is not text goes pandas' way)."""
    made = []

    class Counted(examples._Texts):
        def __init__(self, cells: pd.DataFrame) -> None:
            made.append(cells.shape)
            super().__init__(cells)

    monkeypatch.setattr(examples, "_Texts", Counted)
    path = tmp_path / "form.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Card,Amount,Notes\n,,,,,,(USD),\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,\n"
        "John Doe,123 Main St,Springfield,IL,62701,CVS,25,EXAMPLE\n"
    )
    said = [
        p.message for p in validate(load_sheet(path), sandbox_catalog()).problems if p.severity == "error"
    ]
    assert made == [(3, 8)]
    assert said == [
        "Row 2, column 'Name': holds only '(USD)', which describes its column as a line under a header does, "
        "and is no recipient: delete the row.",
        "Row 4, column 'Name': 'John Doe' at 123 Main St, Springfield looks like the template's example, "
        "not a recipient: delete the row (or, for a real person, write their real name and address).",
    ]
    cells = pd.DataFrame(
        {
            "Name": ["Ann Lee", "", " ", "\u00a0", "Bo Ray"],
            "Amount": ["25", "(USD)", "\t", "\u2003x", None],
            "Notes": pd.Series(["", "", 7, "", "EXAMPLE"], dtype=object),
        }
    )
    texts = cells.fillna("").astype(str)
    pandas_way = texts.apply(lambda column: column.str.strip().ne("")).sum(axis=1)
    assert examples.filled_cells(texts).tolist() == pandas_way.tolist() == [2, 1, 1, 1, 2]
    pandas_way = cells.apply(lambda column: column.str.strip().ne("")).sum(axis=1)
    assert examples.filled_cells(cells).tolist() == pandas_way.tolist()
