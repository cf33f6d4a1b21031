"""A batch's results CSV (or workbook sheet) sent from another bulkship, with a ledger of its own: the rows
it says were ordered are held, not ordered again (found by hunter-web5: a results CSV downloaded from one
server's Results page and uploaded on another sent every shipped card a second time)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import embedded_sandbox_orders
from test_web import confirm, upload, wait_until_finished

from bulkship.cli import main
from bulkship.settings import resolve_settings
from bulkship.web import create_app

SHEET = (
    "Employee ID,First Name,Last Name,Address,City,State,ZIP,Card,Amount\n"
    "E1,Ann,Lee,1 Main St,Boston,MA,02108,CVS,25\n"
    "E2,Bob,Ray,2 Main St,Boston,MA,02108,CVS,25\n"
    "E3,Cy,Fox,3 Main St,Boston,MA,2108x,CVS,25\n"
)


@pytest.fixture
def results_of_machine_one(tmp_path: Path, isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Batch gifts sent on machine one (rows 2 and 3 ordered, row 4 not valid), its results CSV with row 4's
    ZIP corrected; then the environment is machine two's: another data folder and ledger, the same vendor
    account (one sandbox state for both), a vendor whose order list shows no addresses (the likely-real API):
    the vendor's list cannot tell the rows were sent (a vendor showing them refuses the file: rebuild)."""
    monkeypatch.setenv("BULKSHIP_SANDBOX_STATE", str(tmp_path / "vendor.sqlite"))
    monkeypatch.setenv("BULKSHIP_SANDBOX_DIALECT", "likely-real")
    sheet = tmp_path / "gifts.csv"
    sheet.write_text(SHEET)
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--csv", "--out", str(tmp_path / "one")]) == 3
    results = (tmp_path / "one" / "gifts-results.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(results)))
    assert [r[rows[0].index("Status")] for r in rows[1:]] == ["pending", "pending", "invalid"]
    rows[3][rows[0].index("ZIP")] = "02108"  # the row to fix, fixed in the download
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    downloaded = tmp_path / "gifts-results-fixed.csv"
    downloaded.write_text(out.getvalue())
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(tmp_path / "machine-two"))
    return downloaded


def cards(tmp_path: Path) -> list[str]:
    orders = embedded_sandbox_orders(tmp_path)  # the state file both machines share
    return sorted(li["ExternalId"] for o in orders for li in o["LineItems"])


def test_the_results_csv_of_another_ledger_sends_only_the_rows_it_says_made_no_card(
    tmp_path: Path, results_of_machine_one: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sandbox.sqlite").symlink_to(tmp_path / "vendor.sqlite")
    assert cards(tmp_path) == ["E1", "E2"]
    code = main(["run", str(results_of_machine_one), "--yes", "--wait", "0", "--out", str(tmp_path / "two")])
    printed = capsys.readouterr()
    said = printed.out + printed.err
    assert code == 3, said
    assert cards(tmp_path) == ["E1", "E2", "E3"]  # Ann and Bob were sent their cards a second time
    assert (
        "the sheet's result columns say this row was ordered in PO BS-GIFTS-0001 (status 'pending')" in said
    )


def test_the_results_csv_of_another_server_uploaded_on_the_page_holds_the_rows_ordered(
    tmp_path: Path, results_of_machine_one: Path
) -> None:
    (tmp_path / "sandbox.sqlite").symlink_to(tmp_path / "vendor.sqlite")
    settings = resolve_settings()
    with TestClient(create_app(settings), follow_redirects=True) as client:
        upload(client, results_of_machine_one)
        review = client.get("/batches/gifts-results-fixed/review").text
        confirm(client, "gifts-results-fixed")
        wait_until_finished(client, "gifts-results-fixed")
        results = client.get("/batches/gifts-results-fixed/results").text
    assert cards(tmp_path) == ["E1", "E2", "E3"]  # Ann and Bob were sent their cards a second time
    assert "ordered in PO BS-GIFTS-0001" in review  # said before the cost
    assert results.count("held") >= 2, results


def test_a_list_with_its_own_po_number_and_order_id_columns_is_sent(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    """A shop's export has a 'PO Number' and an 'Order ID' of its own: its rows are no bulkship's results."""
    sheet = tmp_path / "shop.csv"
    sheet.write_text(
        "Order ID,PO Number,First Name,Last Name,Address,City,State,ZIP,Card,Amount\n"
        "1001,PO-2026-0042,Ann,Lee,1 Main St,Boston,MA,02108,CVS,25\n"
    )
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert len(embedded_sandbox_orders(isolated_data_dir)) == 1
