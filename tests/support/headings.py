"""The list the headings tests share: Hal, Gus, Dee (rows 2-4), a heading (row 5), Ann, Bob, Cy (rows 6-8),
the rows /tmp/lead/tools/hp.py probes by hand."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value"]
ABOVE = [
    ["Hal Moe", "7 Elm St", "Quincy", "MA", "02169", "CVS", 25],
    ["Gus Tan", "9 Elm St", "Quincy", "MA", "02169", "CVS", 25],
    ["Dee Fox", "4 Pine St", "Newton", "MA", "02458", "CVS", 25],
]
BELOW = [
    ["Ann Lee", "1 Main St", "Boston", "MA", "02108", "CVS", 25],
    ["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", 25],
    ["Cy Orr", "3 Oak St", "Newton", "MA", "02458", "CVS", 25],
]


def heading_list(path: Path, heading: str) -> Path:
    """``path`` written as Hal, Gus, Dee (rows 2-4), ``heading`` (row 5), Ann, Bob, Cy (6-8)."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [HEADER, *ABOVE, [heading], *BELOW]:
        sheet.append(row)
    book.save(path)
    return path


def validated_heading(
    tmp_path: Path, heading: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[int], list[int]]:
    """`bulkship validate --json` of Hal, Gus, Dee (rows 2-4), ``heading`` (row 5), Ann, Bob, Cy (6-8): its
    exit code, the rows left out and the rows in error."""
    path = heading_list(tmp_path / "gifts.xlsx", heading)
    code = main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    data = json.loads(capsys.readouterr().out)
    return code, sorted(s["row"] for s in data["skipped"]), sorted({p["row"] for p in data["problems"]})
