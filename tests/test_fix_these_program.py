"""The Fix these follow-up of a list run with a program file found next to it (`bulkship.toml`): the result
workbook is elsewhere (output/), so the follow-up is told the program file, or its rows read otherwise."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import openpyxl
import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

SHEET = (
    "Name,Address,City,State,Zip,Product,Amount\n"
    "Ann Lee,1 Main St,Boston,MA,02108,CVS,25\n"
    "Bob Ray,2 Main St,Boston,MA,0210X,CVS,25\n"
)


def _fix_bob(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    sheet = book["Fix these"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        cells = dict(zip(header, row, strict=False))
        if cells["Name"].value == "Bob Ray":
            cells["Zip"].value = "02108"
    book.save(workbook)


def test_the_fix_these_follow_up_command_keeps_the_program_file_found_next_to_the_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review20: a list beside a bulkship.toml saying `shipping_method = "OVERNIGHT"` ran (Bob's ZIP
    wrong) and said "see the 'Fix these' sheet, correct them and run it with --batch staff"; the workbook,
    run so from output/, was read without the program file: refused as "a different file", whose advice
    ("give it its own batch: ... --batch NEW-NAME") sends Bob's card at STANDARD. Now the follow-up command
    names the workbook and the program file, and works as printed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "staff.csv").write_text(SHEET)
    (tmp_path / "bulkship.toml").write_text('[defaults]\nshipping_method = "OVERNIGHT"\n')
    assert main(["run", "staff.csv", "--yes", "--wait", "0"]) == 3
    said = " ".join(capsys.readouterr().err.split())
    command = re.search(r"then run `([^`]+)`", said)
    assert command, said
    argv = shlex.split(command.group(1))
    workbook = Path(argv[2])
    assert argv[:2] == ["bulkship", "run"] and workbook == tmp_path / "output" / "staff-results.xlsx", argv
    assert argv[3:] == ["--batch", "staff", "--config", str(tmp_path / "bulkship.toml")], argv
    _fix_bob(workbook)

    assert main([*argv[1:3], "--batch", "staff", "--yes", "--wait", "0"]) == 2  # as before: no program
    said = " ".join(capsys.readouterr().err.split())
    assert "is a result workbook of batch 'staff'" in said and "--config PROGRAM.toml" in said, said
    assert "NEW-NAME" not in said

    assert main([*argv[1:], "--yes", "--wait", "0"]) == 0
    sent = embedded_sandbox_orders(resolve_settings().data_dir)
    lines = [line for order in sent for line in order["LineItems"]]
    names = sorted(line["PhysicalDeliveryAddress"]["Name"] for line in lines)
    methods = {line["PhysicalDeliveryAddress"]["ShippingMethodId"] for line in lines}
    assert (names, methods) == (["Ann Lee", "Bob Ray"], {"OVERNIGHT"}), sent
