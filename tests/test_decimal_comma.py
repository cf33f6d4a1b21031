"""A European Excel's CSV: ';' between cells and amounts written '25,00' (hunter-sheets31's leftover 1,
fixed by hunter-sheets32)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

HEAD = ["Name", "Address", "City", "State", "ZIP", "Product", "Value"]


def _semicolons(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEAD)
        writer.writerows(rows)
    return path


def _sent() -> list[tuple[str, str, float]]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    lines = [li for order in orders for li in order["LineItems"]]
    return sorted(
        (li["PhysicalDeliveryAddress"]["Name"], li["ProductId"], float(li["Value"])) for li in lines
    )


def test_a_semicolon_csv_s_decimal_commas_are_read_as_its_amounts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every '25,00' was an error "written with a decimal comma, which bulkship does not guess at": exit 3,
    nothing sent from a list a European Excel saved. In a ';' file the comma is the decimal point, and a
    point between thousands is no decimal: each card goes at its value, said once for the column."""
    path = _semicolons(
        tmp_path / "gifts.csv",
        [
            ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25,00"],
            ["Bob Ray", "2 Main St", "Boston", "MA", "02134", "TARGET", "50"],
            ["Cy Orr", "3 Main St", "Boston", "MA", "02134", "VISA-PREPAID", "120,5"],
            ["Di Fox", "4 Main St", "Boston", "MA", "02134", "VISA-PREPAID", "1.000,00"],
        ],
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert "Column 'Value' (G) is read with a decimal comma" in said, said
    assert "'25,00' as 25.00" in said, said
    assert "1000 is outside the range VISA-PREPAID accepts: 20 to 500" in said, said
    assert _sent() == [
        ("Ann Lee", "CVS", 25.0),
        ("Bob Ray", "TARGET", 50.0),
        ("Cy Orr", "VISA-PREPAID", 120.5),
    ]


def test_a_semicolon_csv_with_an_amount_written_with_a_point_reads_no_comma(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The other side: beside '25.50' (a point) or '1,000' (a thousand, or one?), a '25,00' reads two ways
    in one column: it stays an error asking for a point, as in a ',' file, and is not sent."""
    for other in ("25.50", "1,000"):
        path = _semicolons(
            tmp_path / f"mixed{other[-2:]}.csv",
            [
                ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25,00"],
                ["Bob Ray", "2 Main St", "Boston", "MA", "02134", "VISA-PREPAID", other],
            ],
        )
        main(["validate", str(path), "--out", str(tmp_path / "out")])
        said = " ".join(capsys.readouterr().out.split())
        assert "'25,00' is written with a decimal comma, which bulkship does not guess at" in said, said
        assert "read with a decimal comma" not in said, said
    assert _sent() == []
