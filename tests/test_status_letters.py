"""An employment status written in one letter: SAP SuccessFactors' codes (S Suspended, O Reported No Show)
read as its words where the column is its codes, and a letter that means two things (S and T in a column of
F/P/S/T kinds of employment) the error asking (hunter-asks7; newcomer29's N5)."""

from __future__ import annotations

from pathlib import Path

from intake_fixtures import sandbox_catalog

from bulkship.load import load_sheet
from bulkship.validate import validate


def _read(tmp_path: Path, header: str, cells: list[str]) -> tuple[list[int], dict[int, str]]:
    """The rows left out, and each row's error, of a list whose ``header`` column holds ``cells``."""
    path = tmp_path / "hr.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        + "".join(f"Person {i},{i + 1} Main St,Boston,MA,02134,CVS,50,{c}\n" for i, c in enumerate(cells))
    )
    sheet = load_sheet(path)
    errors = {p.row: p.message for p in validate(sheet, sandbox_catalog()).problems if p.severity == "error"}
    return [s.row for s in sheet.skipped], errors


def test_successfactors_s_and_o_leave_the_row_out_where_the_column_is_its_codes(tmp_path: Path) -> None:
    """Found by newcomer29 (N5): a SuccessFactors export's 'Employee Status' S (Suspended) and O (Reported
    No Show) were sent, exit 0, where its words 'Suspended' and 'Reported No Show' leave the row out. Beside
    its A, U and D they are its codes: left out, as T and D were; its leaves (U, P), F (Furlough), R and A
    send."""
    out, errors = _read(tmp_path, "Employee Status", ["A", "S", "O", "U", "P", "F", "R", "T", "D", "A"])
    assert out == [3, 4, 9, 10]
    assert errors == {}


def test_s_and_t_among_kinds_of_employment_ask_what_they_stand_for(tmp_path: Path) -> None:
    """Many an export's 'Employee Status' holds F/P/S/T for full-time, part-time, seasonal, temporary: T there
    was left out as a termination (a temporary hire lost, said as the list's no), S sent. Each asks now,
    naming both readings; F and P send."""
    out, errors = _read(tmp_path, "Employee Status", ["F", "S", "P", "T", "F"])
    assert out == []
    assert sorted(errors) == [3, 5]
    assert errors[3] == (
        "Row 3, column 'Employee Status': says 'S': SuccessFactors' code for Suspended (no card), or "
        "Seasonal, as a column of kinds of employment (F, P, S, T) writes it (the card is sent)? The "
        "column's other letters do not tell which. Write the status in words in 'Employee Status' in its "
        "place."
    )
    assert errors[5].startswith("Row 5, column 'Employee Status': says 'T': Terminated (no card), or Tempor")


def test_s_and_o_beside_another_system_s_letters_ask(tmp_path: Path) -> None:
    """Beside ADP's L (a leave), not SuccessFactors' code: S and O ask; T and D are left out as before."""
    out, errors = _read(tmp_path, "Employment Status", ["A", "S", "O", "L", "T", "D"])
    assert out == [6, 7]
    assert sorted(errors) == [3, 4]
    assert "says 'O': SuccessFactors' code for Reported No Show (no card), or another system's" in errors[4]


def test_letters_under_a_bare_status_or_peoplesoft_s_header_read_as_before(tmp_path: Path) -> None:
    """Only an employment status is read so: under a bare 'Status' S and O send as before (another system's
    letters); under PeopleSoft's 'Empl Status' S is its Suspended (left out) whatever the column holds."""
    assert _read(tmp_path, "Status", ["F", "S", "P", "T", "O"]) == ([5], {})
    assert _read(tmp_path, "Empl Status", ["F", "S", "P", "T"]) == ([3, 5], {})


def test_successfactors_own_empl_status_field_reads_its_codes_not_peoplesoft_s(tmp_path: Path) -> None:
    """SuccessFactors' own field is 'emplStatus', which reads as PeopleSoft's 'Empl Status': its U (Unpaid
    Leave) was left out as PeopleSoft's Terminated With Pay and its O (Reported No Show) sent. Where the
    column holds F or O and none of PeopleSoft's own letters (L, Q, V, W, X) its codes read as its words: U
    sends, O is left out; beside L or Q, U is PeopleSoft's as before."""
    assert _read(tmp_path, "emplStatus", ["A", "U", "O", "T", "A"]) == ([4, 5], {})
    assert _read(tmp_path, "emplStatus", ["A", "U", "L", "T", "Q"]) == ([3, 5], {})
