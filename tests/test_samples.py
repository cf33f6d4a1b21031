"""The samples in samples/ give the outcomes the README promises (checked against the sandbox catalog)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bulkship.cli import main

SAMPLES = Path(__file__).parent.parent / "samples"


def run_json(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict]:
    code = main(["validate", str(SAMPLES / name), "--json", "--out", str(tmp_path), *extra])
    return code, json.loads(capsys.readouterr().out)


def test_anniversary_is_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json("anniversary.xlsx", tmp_path, capsys)
    assert (code, data["rows"], data["valid"], data["problems"]) == (0, 25, 25, [])


def test_direct_mail_is_valid_and_its_dollar_amounts_need_no_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'$10.00' is how people write an amount: 50 warnings 'read as 10' were noise (found by a newcomer)."""
    code, data = run_json("direct-mail.csv", tmp_path, capsys)
    assert (code, data["rows"], data["valid"]) == (0, 50, 50)
    assert data["problems"] == []


def test_messy_shows_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json("messy.xlsx", tmp_path, capsys)
    assert code == 1 and (data["rows"], data["valid"]) == (25, 7)  # row 20's odd email costs no card
    errors = {(p["row"], p["column"]) for p in data["problems"] if p["severity"] == "error"}
    assert errors == {
        (6, "value"), (7, "value"), (8, "zip"), (9, "zip"), (12, "city"), (13, "product"), (14, "product"),
        (16, "quantity"), (17, "shipping_method"), (18, "carrier_id"), (19, "city"),
        (21, "last_name"), (22, "external_id"), (23, "external_id"), (24, "address1"),
        (25, "zip"), (26, "first_name"), (30, "state"),
    }  # fmt: skip
    # row 25 is Toronto, ON, M5H 2N2: one error, a Canadian address (hunter-sheets27's 1692a615), no longer
    # also "'ON' is not a US state"
    assert any(
        p["message"].startswith("Row 25, column 'ZIP': 'M5H 2N2' in ON is a Canadian address")
        for p in data["problems"]
    )
    warnings = {p["message"] for p in data["problems"] if p["severity"] == "warning"}
    assert (
        "Row 5, column 'ZIP': ZIP 2108 repaired to 02108 (state MA); Excel had dropped its leading zero. "
        "Format the column as Text to keep it." in warnings
    )
    assert not any(w.startswith("Row 5, column 'State'") for w in warnings)  # said once, as a note
    assert any("writes states out in full" in n for n in data["notices"])
    assert "Row 28, column 'ZIP': ZIP 432151234 written as 43215-1234." in warnings
    assert any(w.startswith("Row 20, column 'Email': ") for w in warnings)


def test_program_settings_sample_applies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = tmp_path / "short.csv"
    csv_path.write_text(
        "Badge,Name,Address,City,State,ZIP\n7,Ann Lee,1 Main St,Boston,MA,02134\n", encoding="utf-8"
    )
    code = main(
        [
            "validate",
            str(csv_path),
            "--json",
            "--out",
            str(tmp_path),
            "--config",
            str(SAMPLES / "program.toml"),
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert (code, data["valid"]) == (0, 1)
