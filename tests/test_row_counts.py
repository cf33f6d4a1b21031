"""Every row of the file is one row of the ledger: `run`, `status` and the result workbook count the same
rows, whatever two rows share. Real CSV files through the commands a user runs."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main

HEADER = "Name,Address,City,State,ZIP,Card,Amount,Qty,Total"
ANN = "Ann Lee,1 Main St,Boston,MA,02108,CVS,25,1,25"
BO_RIGHT = "Bo Chan,2 Main St,Boston,MA,02108,CVS,25,2,50"
BO_SHORT = "Bo Chan,2 Main St,Boston,MA,02108,CVS,25,2,25"  # its Total says less than 2 x 25: an error


def _counts(
    capsys: pytest.CaptureFixture[str], path: Path, out: Path
) -> tuple[dict[str, int], dict[str, int]]:
    capsys.readouterr()
    main(["run", str(path), "--yes", "--wait", "0", "--json", "--out", str(out)])
    ran = json.loads(capsys.readouterr().out)["by_status"]
    assert main(["status", "--json"]) == 0
    return ran, json.loads(capsys.readouterr().out)["batches"][0]["by_status"]


def _shown(workbook: Path) -> list[str]:
    rows = list(openpyxl.load_workbook(workbook, read_only=True)["Results"].iter_rows(values_only=True))
    status = rows[0].index("Status")
    return sorted(str(r[status]) for r in rows[1:])


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([ANN, BO_RIGHT, BO_SHORT], {"pending": 2, "invalid": 1}),  # the wrong one second: its own error
        ([ANN, BO_SHORT, BO_RIGHT], {"pending": 1, "invalid": 1, "duplicate": 1}),  # second: a duplicate
    ],
)
def test_a_row_with_an_earlier_rows_card_but_an_error_of_its_own_is_counted_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: list[str], expected: dict[str, int]
) -> None:
    """Found by the eleventh session: the same card to the same person on two rows, the second invalid for
    its own Total column, shared the first's ledger row: `run` and `status` counted 2 rows where the
    workbook showed 3. One card is ordered for Bo Chan either way."""
    path = tmp_path / "gifts.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    for _ in range(2):  # the run, then the same command again
        ran, status = _counts(capsys, path, tmp_path / "out")
        assert ran == status == expected
    shown = _shown(tmp_path / "out" / "gifts-results.xlsx")
    assert sorted(shown) == sorted(s for s, n in expected.items() for _ in range(n))
