"""A file of corrections (another name) continuing a batch: the rows the earlier file left out as the list
said (Do Not Mail, Terminated...) are still the batch's, listed by `status`, the result workbook, the web
page and the Batches page, never sent; rows that were no recipient (a note below the list) are not listed
again."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.ledger import Ledger
from bulkship.overview import overview
from bulkship.reconcile.sheets import read_result_workbook
from bulkship.settings import resolve_settings

HEADER = ["Contact ID", "Name", "Street", "City", "State", "ZIP", "Card", "Amount", "Do Not Mail", "Status"]
ANN = ["C1", "Ann Cole", "1 Elm St", "Boston", "MA", "02108", "CVS", "25", "", "Active"]
BO = ["C2", "Bo Diaz", "2 Elm St", "Boston", "MA", "02108", "CVS", "25", "Yes", "Active"]
CY = ["C3", "Cy Eng", "3 Elm St", "Boston", "MA", "02108", "CVS", "25", "", "Terminated"]
DI = ["C4", "Di Fox", "4 Elm St", "", "MA", "02108", "CVS", "25", "", "Active"]
NOTE = ["Prepared by HR, see the handbook for the rules of this list", *[""] * 9]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def _named(capsys: pytest.CaptureFixture[str], workbook: Path) -> dict[str, tuple[str, str]]:
    """Each person the workbook's Results sheet lists -> (status, problems)."""
    read = read_result_workbook(workbook)
    at = read.headers.index("Name")
    return {
        str(cells[at]): (read.outcomes[row].status, read.outcomes[row].problems)
        for row, cells in read.rows
        if cells[at]
    }


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_rows_an_earlier_file_left_out_stay_listed_after_a_file_of_corrections(
    tmp_path: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
    backend: str,
) -> None:
    """Found by newcomer14, reproduced by hunter-vendor25: list.csv sent Ann, left Bo (Do Not Mail) and Cy
    (Terminated) out and had Di (no city) to fix; fix.csv, Di corrected, run under the batch: Di sent, exit
    0, and Bo and Cy were listed nowhere any more (`status` 4 rows -> 2 and 'ordered earlier'; the workbook,
    the Batches page): the batch's record no longer said who was left out and why. They stay listed now,
    each with the reason the earlier file gave, and are never sent: nor by a run of the result workbook."""
    out = tmp_path / "out"
    url = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    at = ["--ledger", url] if url else []
    args = ["--batch", "hr", "--yes", "--wait", "0", "--out", str(out), *at]
    assert main(["run", str(_write(tmp_path / "list.csv", [ANN, BO, CY, DI, NOTE])), *args]) == 3
    assert main(["run", str(_write(tmp_path / "fix.csv", [[*DI[:3], "Boston", *DI[4:]]])), *args]) == 0
    capsys.readouterr()
    assert main(["status", "hr", "--json", *at]) == 0
    (batch,) = json.loads(capsys.readouterr().out)["batches"]
    assert batch["by_status"] == {"pending": 2, "skipped": 2}, batch
    workbook = out / "hr-results.xlsx"
    named = _named(capsys, workbook)
    assert set(named) == {"Ann Cole", "Bo Diaz", "Cy Eng", "Di Fox"}, named
    for who, said in (("Bo Diaz", "'Do Not Mail': 'Yes'"), ("Cy Eng", "Terminated")):
        status, problems = named[who]
        assert status == "skipped" and said in problems and "no longer in the file" in problems, named[who]
    with Ledger.open(url or resolve_settings().ledger_location, lock=False) as ledger:
        assert overview(ledger)["hr"].row_total == 4
    # the workbook run as Fix these: nothing new, nobody sent, nobody gone
    assert main(["run", str(workbook), *args]) == 0
    named = _named(capsys, workbook)
    assert set(named) == {"Ann Cole", "Bo Diaz", "Cy Eng", "Di Fox"}, named
    assert named["Bo Diaz"][0] == named["Cy Eng"][0] == "skipped"
    # ... and the file of corrections again: each said once
    assert main(["run", str(tmp_path / "fix.csv"), *args]) == 0
    named = _named(capsys, workbook)
    assert set(named) == {"Ann Cole", "Bo Diaz", "Cy Eng", "Di Fox"}, named
    assert named["Bo Diaz"][1].count("left out earlier") == 1, named["Bo Diaz"]
    orders = embedded_sandbox_orders(isolated_data_dir)
    sent = [li["PhysicalDeliveryAddress"]["Name"] for o in orders for li in o["LineItems"]]
    assert sorted(sent) == ["Ann Cole", "Di Fox"]


def test_every_reason_of_a_row_that_is_no_recipient_opens_with_words_the_record_knows() -> None:
    """The rows the loader skips as no recipient (headers again, import ids, a header's second row, totals
    and notes rows) are not listed again once a later file no longer holds them; every other skipped row is
    a person (:func:`bulkship.statuses.left_out_person`)."""
    from bulkship.load.skipped.headerrows import IMPORT_IDS
    from bulkship.load.skipped.rows import HEADER_AGAIN, HEADER_SECOND_ROW
    from bulkship.statuses import left_out_person

    for reason in (
        IMPORT_IDS,
        HEADER_AGAIN,
        HEADER_SECOND_ROW,
        "totals row ('Total')",
        "note below the table ('x')",
    ):
        assert not left_out_person("skipped", reason), reason
    for reason in ("the list says not to send it (column 'Do Not Mail': 'Yes')", "hidden row"):
        assert left_out_person("skipped", reason), reason


def test_a_file_of_corrections_run_while_the_batch_s_order_is_in_doubt_is_told_to_continue_the_batch(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-vendor26: list.csv's order (Ann) sent and its answer lost, Di (no city) to fix;
    fix.csv (Di corrected) run under the batch is refused until the order is settled, as meant, but the way
    out said to run fix.csv 'as its own batch': followed, Di's card went from another batch and batch hr
    listed her as still to fix. Now it says to run it under the batch again once settled; followed, Di
    is sent once in the batch and every row is its."""
    from bulkship.errors import SpendLimitError
    from bulkship.pipeline import run_batch

    settings = resolve_settings()
    out = ["--batch", "hr", "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    listed = _write(tmp_path / "list.csv", [ANN, BO, DI])
    with pytest.raises(SpendLimitError):  # planned, stopped at its confirmation
        run_batch(listed, settings, wait_s=0, confirm=lambda *_: False, batch="hr")
    with Ledger.open(settings.ledger_location) as ledger:
        ledger.mark_sending("BS-HR-0001")  # sent; the answer never came (nothing reached the vendor)
    fix = _write(tmp_path / "fix.csv", [[*DI[:3], "Boston", *DI[4:]]])
    capsys.readouterr()
    assert main(["run", str(fix), *out]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert f"then run {fix} --batch hr again if it corrects the batch's rows to fix" in said, said
    assert main(["run", str(listed), *out]) == 3  # settled (and sent) with the batch's own file; Di to fix
    assert main(["run", str(fix), *out]) == 0
    orders = embedded_sandbox_orders(isolated_data_dir)
    assert sorted(li["PhysicalDeliveryAddress"]["Name"] for o in orders for li in o["LineItems"]) == [
        "Ann Cole", "Di Fox"
    ]  # fmt: skip
    capsys.readouterr()
    assert main(["status", "hr", "--json"]) == 0
    (batch,) = json.loads(capsys.readouterr().out)["batches"]
    assert batch["by_status"] == {"pending": 2, "skipped": 1}, batch  # Bo: Do Not Mail


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_row_left_out_then_corrected_into_its_person_s_new_row_is_listed_once(
    tmp_path: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
    backend: str,
) -> None:
    """Found by newcomer15 (N1): Carlos Ruiz left out ('Do Not Mail' = Yes, no street yet), then given his
    street, the mark cleared, run again under the batch: he was sent, and his old row stayed listed as 'left
    out earlier ... no longer in the file' under a row number the file does not have: `status` 3 rows for
    the 2 people left in the list, Carlos twice, on every later run. Now his old row is forgotten once his
    person is on a row new to the batch; Bo (Do Not Mail), deleted from the list, stays listed."""
    carlos = ["C5", "Carlos Ruiz", "", "Miami Beach", "FL", "33139", "CVS", "25", "Yes", "Active"]
    fixed = [*carlos[:2], "18 Ocean Drive", *carlos[3:8], "", "Active"]
    url = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    at = ["--ledger", url] if url else []
    args = ["--batch", "hol", "--yes", "--wait", "0", "--out", str(tmp_path / "out"), *at]
    sheet = tmp_path / "list.csv"
    assert main(["run", str(_write(sheet, [ANN, BO, carlos])), *args]) == 0
    for _ in range(2):
        assert main(["run", str(_write(sheet, [ANN, fixed])), *args]) == 0
        capsys.readouterr()
        assert main(["status", "hol", "--json", *at]) == 0
        (batch,) = json.loads(capsys.readouterr().out)["batches"]
        assert batch["by_status"] == {"pending": 2, "skipped": 1}, batch  # Bo, kept: he is no one's row
        named = _named(capsys, tmp_path / "out" / "hol-results.xlsx")
        assert named["Carlos Ruiz"][0] == "pending" and named["Bo Diaz"][0] == "skipped", named
        with Ledger.open(url or resolve_settings().ledger_location, lock=False) as ledger:
            assert overview(ledger)["hol"].row_total == 3
    sent = [li["PhysicalDeliveryAddress"]["Name"] for o in embedded_sandbox_orders(isolated_data_dir)
            for li in o["LineItems"]]  # fmt: skip
    assert sorted(sent) == ["Ann Cole", "Carlos Ruiz"]


@pytest.mark.parametrize(
    "mark", ["EXAMPLE - delete this row", "SAMPLE ROW - DELETE", "Example only - delete"]
)
def test_a_template_s_example_row_deleted_as_it_asked_is_not_listed_as_left_out(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str], mark: str
) -> None:
    """review41's leftover after 15b4504b: the template's example row (John Doe, Notes 'EXAMPLE - delete this
    row') left out of the first run, then deleted from the list as it asked: listed in the batch for good as
    'left out earlier ... no longer in the file', `status` 3 rows for a 2-person list. It was no one."""
    args = ["--batch", "hol", "--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    sheet = tmp_path / "list.csv"
    example = ["C0", "John Doe", "123 Main St", "Boston", "MA", "02108", "CVS", "25", "", mark]
    assert main(["run", str(_write(sheet, [example, ANN, BO])), *args]) == 0
    assert main(["run", str(_write(sheet, [ANN, BO])), *args]) == 0
    capsys.readouterr()
    assert main(["status", "hol", "--json"]) == 0
    (batch,) = json.loads(capsys.readouterr().out)["batches"]
    assert batch["by_status"] == {"pending": 1, "skipped": 1}, batch  # Ann sent, Bo (Do Not Mail) left out
    named = _named(capsys, tmp_path / "out" / "hol-results.xlsx")
    assert set(named) == {"Ann Cole", "Bo Diaz"}, named
    with Ledger.open(resolve_settings().ledger_location, lock=False) as ledger:
        assert overview(ledger)["hol"].row_total == 2
