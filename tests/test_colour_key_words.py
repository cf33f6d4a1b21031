"""A Google Sheet keyed 'Key: red = do not send' is refused (bulkship sees no colours), and the refusal told a
volunteer coordinator to delete the red rows: her record of who is not to get a card, gone from the sheet
she keeps all year (found by newcomer25, following the README as that coordinator). It now names the ways
bulkship reads a row not to send, which keep the row: struck through, or 'do not send' in a Notes column;
each, followed, leaves the red row out."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font, PatternFill

from bulkship.cli import main

RED = PatternFill("solid", fgColor="FFF4CCCC")


def _keyed(path: Path, key: str | None = "Key: red = do not send", mark: str = "") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Volunteer thank-you cards 2026"])
    sheet.append([key])
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Card", "Amount", "Notes"])
    sheet.append(["Ann Lee", "1 Main St", "Dayton", "OH", "45405", "TARGET", 25, ""])
    sheet.append(["Tom Kessler", "515 Wayne Ave", "Dayton", "OH", "45410", "TARGET", 25, ""])
    sheet.append(["Mei Lin", "250 W First St", "Dayton", "OH", "45402", "TARGET", 25, ""])
    for cell in sheet[5]:
        cell.fill = RED
        if mark == "struck":
            cell.font = Font(strike=True)
    if mark == "noted":
        sheet["H5"] = "do not send"
    book.save(path)
    return path


def _validate(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, dict, str]:
    code = main(["validate", str(path), "--json", "--out", str(path.parent / "out")])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), " ".join(captured.err.split())


def test_a_colour_key_s_refusal_says_how_to_keep_the_rows_not_to_send(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _validate(capsys, _keyed(tmp_path / "cards.xlsx"))
    assert code == 2
    assert (
        "mark each row not to be sent as bulkship reads it (strike the row through, or write 'do not send' "
        "in a Notes column), or delete those rows; then clear that cell and run again" in err
    ), err


@pytest.mark.parametrize("mark", ["struck", "noted"])
def test_each_way_the_refusal_names_leaves_the_red_row_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mark: str
) -> None:
    code, data, err = _validate(capsys, _keyed(tmp_path / "cards.xlsx", key=None, mark=mark))
    assert (code, data["rows"], data["valid"]) == (0, 3, 2), err
    assert [s["row"] for s in data["skipped"]] == [5]
