"""A card typed with a slip ('Starbuck', 'Targett', 'Home Depo') is an error that names the one card of the
catalog it is near, never one picked for the row. Found by newcomer23 (N7) as a PTA volunteer: 'Starbuck'
was told "use one of CVS, HOMEDEPOT, STARBUCKS, TARGET, VISA-PREPAID", which card it meant left to find."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bulkship.cli import main

HEADER = "Name,Address,City,State,ZIP,Card,Amount"


def test_a_card_typed_with_a_slip_names_the_one_card_it_is_near(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cards = ["Starbuck", "Targett", "Home Depo", "Amex", "Gift"]
    lines = [f"Person {i},{i + 1} Main St,Boston,MA,02134,{card},25" for i, card in enumerate(cards)]
    sheet = tmp_path / "teachers.csv"
    sheet.write_text("\n".join([HEADER, *lines]) + "\n")
    capsys.readouterr()
    assert main(["validate", str(sheet), "--json", "--out", str(tmp_path / "out")]) == 1
    found = json.loads(capsys.readouterr().out)
    said = {p["row"]: p["message"] for p in found["problems"] if p["severity"] == "error"}
    assert found["invalid"] == len(cards), said  # named, never picked: every row stays to fix
    assert said[2].endswith("(the nearest to it: STARBUCKS, Starbucks)."), said[2]
    assert said[3].endswith("(the nearest to it: TARGET, Target)."), said[3]
    assert said[4].endswith("(the nearest to it: HOMEDEPOT, The Home Depot)."), said[4]
    for row in (5, 6):  # no card near: the list alone, as before
        assert "nearest" not in said[row], said[row]
        assert "is not a product in the vendor catalog; use one of" in said[row], said[row]
