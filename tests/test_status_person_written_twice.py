"""One person in two lists, written otherwise in each ('1 Main St' in October's list with an Employee ID
column, '1 Main Street' in November's without one): November's row is held, the very card October ordered,
but `bulkship status` read 'Total (2 batches) 4 rows' of 3 people, the held row counted as a person of its
own (hunter-money22's item 7, fixed by hunter-money27). A row held as the very card another batch listed
ordered is that row's person."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bulkship.cli import main

OCTOBER = (
    "Employee ID,Name,Address,City,State,ZIP,Product,Amount\n"
    "E1,Ann Lee,1 Main St,Boston,MA,02134,CVS,25\n"
    "E2,Bob Ray,2 Main St,Boston,MA,02134,CVS,25\n"
)
NOVEMBER = (
    "Name,Address,City,State,ZIP,Product,Amount\n"
    "Ann Lee,1 Main Street,Boston,MA,02134,CVS,25\n"
    "Cy Orr,3 Main St,Boston,MA,02134,CVS,25\n"
)


def _run(path: Path, batch: str, *more: str) -> int:
    where = ["--out", str(path.parent)]
    return main(["run", str(path), "--batch", batch, "--yes", "--wait", "0", *where, *more])


@pytest.mark.usefixtures("isolated_data_dir")
def test_a_person_held_in_a_second_list_written_otherwise_counts_once_in_the_total(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "october.csv").write_text(OCTOBER)
    (tmp_path / "november.csv").write_text(NOVEMBER)
    assert _run(tmp_path / "october.csv", "oct") == 0
    assert _run(tmp_path / "november.csv", "nov") == 0  # Ann held with this very card: nothing to do
    capsys.readouterr()
    assert main(["status", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert {b["batch"]: b["by_status"] for b in shown["batches"]} == {
        "oct": {"pending": 2},
        "nov": {"held": 1, "pending": 1},
    }
    assert shown["total"]["rows"] == 3, shown["total"]  # Ann, Bob, Cy
    assert shown["total"]["rows_in_several_batches"] == 1, shown["total"]
    assert main(["status"]) == 0
    table = " ".join(capsys.readouterr().out.split())
    assert "each person once (1 row(s) of more than one" in table, table


@pytest.mark.usefixtures("isolated_data_dir")
def test_a_person_each_list_gave_a_card_on_purpose_still_counts_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "october.csv").write_text(OCTOBER)
    (tmp_path / "november.csv").write_text(NOVEMBER)
    assert _run(tmp_path / "october.csv", "oct") == 0
    assert _run(tmp_path / "november.csv", "nov", "--allow-repeat") == 0  # Ann's second card, on purpose
    capsys.readouterr()
    assert main(["status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"]["rows"] == 4
