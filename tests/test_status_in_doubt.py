"""`bulkship status` after a run cut off mid-send says what happened to the rows in doubt and the one thing to
do (found by newcomer22, N4: a laptop closed while `bulkship run` sent 1,500 rows; the next morning `status`
read 'needs attention', '1400 in doubt', 55,558.20 in doubt, and nothing else)."""

# ruff: noqa: E501  (exact user-facing messages read best unwrapped)

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from bulkship.cli import main
from bulkship.ledger import Ledger
from bulkship.settings import Settings, resolve_settings
from bulkship.team import store
from bulkship.web import create_app

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "anniversary.xlsx"


def cut_off_mid_send(settings: Settings, batch: str) -> None:
    """The batch's first order marked sending and the ledger let go: what a run killed after writing its
    intent, before the vendor's answer, leaves behind."""
    with Ledger.open(settings.ledger_location, batch=batch) as ledger:
        ledger.mark_sending(ledger.orders(batch)[0].po_number)


def test_status_says_to_run_the_same_command_again_for_rows_a_cut_off_run_left_in_doubt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "holiday gifts.csv"
    sheet.write_text(
        "Name,Address,City,State,ZIP,Product,Amount\n"
        "Ana Diaz,1 Main St,Boston,MA,02108,CVS,25\nBo Park,2 Elm St,Boston,MA,02108,CVS,25\n"
    )
    assert main(["run", str(sheet), "--batch", "HOLIDAY", "--yes", "--wait", "0", "--max-total", "1"]) != 0
    cut_off_mid_send(resolve_settings(), "HOLIDAY")
    capsys.readouterr()
    assert main(["status"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert (
        "HOLIDAY: 2 row(s) in doubt (50.00 USD): sent to the vendor, whose answer the run never got (it was cut "
        "off: the computer slept or closed, Ctrl-C, the connection lost). Run the same command again, from the "
        "folder holding the file: bulkship run 'holiday gifts.csv' --batch HOLIDAY (with the options you gave "
        "it). It asks the vendor about them first by their PO numbers, so nothing is charged twice."
    ) in said
    # ... and doing so settles them: nothing in doubt is said any more
    assert main(["run", str(sheet), "--batch", "HOLIDAY", "--yes", "--wait", "0"]) == 0
    capsys.readouterr()
    assert main(["status"]) == 0
    assert "in doubt" not in capsys.readouterr().err


@pytest.fixture
def page_settings(tmp_path: Path) -> Iterator[Settings]:
    yield replace(resolve_settings(), out_dir=tmp_path / "results")
    store.forget_engines()


def test_status_says_to_start_the_server_again_for_rows_a_page_s_cut_off_run_left_in_doubt(
    page_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    with TestClient(create_app(page_settings), follow_redirects=True) as client:
        files = {"file": (SAMPLE.name, SAMPLE.read_bytes(), "application/octet-stream")}
        token = client.get("/batches/new").text.split('name="csrf_token" value="')[1].split('"')[0]
        client.post("/batches", data={"csrf_token": token}, files=files)
        assert "Cost and confirm" in client.get("/batches/anniversary/cost").text  # planned in the ledger
    cut_off_mid_send(page_settings, "anniversary")
    capsys.readouterr()
    assert main(["status"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "anniversary: " in said and "row(s) in doubt" in said
    assert (
        "Start `bulkship serve` again: it resumes the batch, asking the vendor about them first by their PO "
        "numbers, so nothing is charged twice."
    ) in said
    assert "bulkship run" not in said
