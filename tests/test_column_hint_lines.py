"""A refusal asking whether a column feeds an order field says the line to write as it goes in the file. A
Zoho export's 'Account Tier' (Gold, Standard) read as a shipping method refused the file with 'leave it out
with [columns] shipping_method = "" in a program file (--config)': a sales-ops person had no program file,
and that line typed into a new bulkship.toml made the next run say 'not valid TOML' (newcomer23's N4)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from bulkship.cli import main

HEADER = ["First Name", "Last Name", "Mailing Street", "Mailing City", "Mailing State", "Mailing Zip"]
HEADER += ["Account Tier", "Gift Card", "Gift Amount"]


def _zoho_export(path: Path) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i, (first, last) in enumerate((("Ann", "Lee"), ("Bo", "Park"), ("Cy", "Diaz"), ("Di", "Fox"))):
            tier = "Gold" if i == 0 else "Standard"
            writer.writerow(
                [first, last, f"{i + 1} Main St", "Boston", "MA", "02134", tier, "Starbucks", "25"]
            )
    return path


def _validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["validate", *args])
    return code, " ".join(capsys.readouterr().err.split())


def test_the_line_leaving_a_look_alike_column_out_is_written_as_it_goes_in_a_new_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = _zoho_export(tmp_path / "Contacts.csv")
    code, said = _validate(capsys, str(sheet), "--out", str(tmp_path / "out"))
    assert code == 2, said
    assert "Column 'Account Tier' (G) looks like Shipping Method" in said, said
    assert "in a file named bulkship.toml beside the list" in said, said
    line = re.search(r"leave it out with `([^`]+)`", said)
    assert line and line.group(1) == 'columns = { shipping_method = "" }', said

    (tmp_path / "bulkship.toml").write_text(line.group(1) + "\n")  # the line, as the hint says it
    code, said = _validate(capsys, str(sheet), "--out", str(tmp_path / "out"))
    assert code == 0, said


def test_with_a_program_file_the_line_goes_under_its_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = _zoho_export(tmp_path / "Contacts.csv")
    program = tmp_path / "bulkship.toml"
    program.write_text("[program]\ninclude_hidden = false\n")
    code, said = _validate(capsys, str(sheet), "--out", str(tmp_path / "out"))
    assert code == 2, said
    assert f'leave it out with `shipping_method = ""`, under [columns] in {program}' in said, said

    program.write_text('[program]\ninclude_hidden = false\n[columns]\nshipping_method = ""\n')
    assert _validate(capsys, str(sheet), "--out", str(tmp_path / "out"))[0] == 0
