"""What a person decided on a batch's Fix these sheet (a cell corrected, a row taken off) holds when they run
the list they started from again under the batch, as the run's own words offer ("re-run the same command"):
the corrected row reads as the row ordered, the row taken off stays off, nobody is listed twice and nothing is
sent again (found by newcomer15, N6, and newcomer16, N1)."""

from __future__ import annotations

import asyncio
import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from support import SandboxVendor, embedded_sandbox_orders

from bulkship.cli import main
from bulkship.ledger import Ledger
from bulkship.overview import overview
from bulkship.pipeline import run_batch
from bulkship.reconcile.fixsheet import REMOVED_NOTE
from bulkship.reconcile.sheets import FIX_SHEET, read_result_workbook
from bulkship.settings import Settings, resolve_settings
from bulkship.track import track

HEADER = ["Record ID", "First Name", "Last Name", "Company Name", "Street Address", "City", "State", "ZIP"]
PEOPLE = [
    ["1001", "Jenna", "Morris", "BrightCo", "100 Summer St", "Boston", "Massachusetts", "02110"],
    ["1002", "Raj", "Patel", "Zentro", "2 Embarcadero Ctr", "San Francisco", "CA", "94111"],
    ["1003", "Claire", "Dubois", "Maple Soft", "88 Queen St W", "Toronto", "ON", "M5H 2M5"],  # row 4
    ["1004", "Ben", "Ortiz", "Ortiz Law", "", "", "", ""],  # row 5: no address
    ["1005", "Hannah", "Lee", "Peak Inc", "500 W 2nd St", "Austin", "TX", "78701"],
]
PROGRAM = '[defaults]\nproduct = "STARBUCKS"\nvalue = "25"\n'


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object], str]:
    capsys.readouterr()
    code = main(["run", *args, "--yes", "--wait", "0", "--json"])
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


def _fix_on_the_sheet(workbook: Path) -> None:
    """Ben's address typed on Fix these; Claire (Canada) taken off it, as the README says to."""
    book = openpyxl.load_workbook(workbook)
    sheet = book[FIX_SHEET]
    header = [c.value for c in sheet[1]]
    off = []
    for at, line in enumerate(sheet.iter_rows(min_row=2), start=2):
        cells = dict(zip(header, line, strict=False))
        if cells["First Name"].value == "Ben":
            for name, value in zip(HEADER[4:], ["75 State St", "Albany", "NY", "12207"], strict=True):
                cells[name].value = value
        if cells["First Name"].value == "Claire":
            off.append(at)
    for at in reversed(off):
        sheet.delete_rows(at)
    book.save(workbook)


def _listed(workbook: Path) -> Counter[tuple[str, str]]:
    """(first name, status) of every row the workbook's Results sheet lists, counted."""
    read = read_result_workbook(workbook)
    at = read.headers.index("First Name")
    return Counter((str(cells[at]), read.outcomes[row].status) for row, cells in read.rows)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_list_run_again_after_fix_these_keeps_what_was_decided_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest, backend: str
) -> None:
    url = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    at = ["--ledger", url] if url else []
    source = tmp_path / "q4.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEADER, *PEOPLE])
    (tmp_path / "q4.toml").write_text(PROGRAM, encoding="utf-8")
    common = ["--config", str(tmp_path / "q4.toml"), "--out", str(tmp_path / "out"), *at]
    code, first, _ = _run(capsys, str(source), *common)
    assert code == 3 and first["ordered_rows"] == 3, first
    workbook = Path(str(first["output"]))
    _fix_on_the_sheet(workbook)
    code, second, _ = _run(capsys, str(workbook), "--batch", "q4", *common)
    assert code == 0 and second["ordered_rows"] == 4, second

    # the list she started from, run again under the batch ("re-run the same command")
    code, third, err = _run(capsys, str(source), *common)
    assert code == 0, err  # it was 3: Claire and Ben 'invalid' again, 'need fixing'
    assert third["orders_sent_this_run"] == 0, third
    # Ben was listed twice: his row 'invalid' and his card 'ordered earlier; no longer in the file'
    assert _listed(workbook) == Counter(
        {("Jenna", "pending"): 1, ("Raj", "pending"): 1, ("Claire", "skipped"): 1, ("Ben", "pending"): 1,
         ("Hannah", "pending"): 1}
    )  # fmt: skip
    read = read_result_workbook(workbook)
    assert read.outcomes[4].problems.startswith(REMOVED_NOTE), read.outcomes[4]
    assert "taken off the 'Fix these' sheet" in err and "corrected on the 'Fix these' sheet" in err, err
    with Ledger.open(url or resolve_settings().ledger_location, lock=False) as ledger:
        assert overview(ledger)["q4"].row_total == 5
    cards = Counter(
        li["Name"] for o in embedded_sandbox_orders(resolve_settings().data_dir) for li in _lines(o)
    )
    assert cards == Counter({"Jenna Morris": 1, "Raj Patel": 1, "Ben Ortiz": 1, "Hannah Lee": 1}), cards

    # ... and once more: complete, nothing to read
    code, fourth, _ = _run(capsys, str(source), *common)
    assert code == 0 and fourth["orders_sent_this_run"] == 0, fourth

    # the file corrected since for Claire (a US address) is the person's new word: her row is sent
    with source.open("w", newline="", encoding="utf-8") as handle:
        moved = ["1003", "Claire", "Dubois", "Maple Soft", "1 Elm St", "Buffalo", "NY", "14201"]
        csv.writer(handle).writerows([HEADER, *[moved if p[0] == "1003" else p for p in PEOPLE]])
    code, fifth, err = _run(capsys, str(source), *common)
    assert code == 0 and fifth["orders_sent_this_run"] == 1, err
    cards = Counter(
        li["Name"] for o in embedded_sandbox_orders(resolve_settings().data_dir) for li in _lines(o)
    )
    assert set(cards.values()) == {1} and len(cards) == 5, cards


def _lines(order: dict[str, Any]) -> list[dict[str, str]]:
    return [{"Name": str(li["PhysicalDeliveryAddress"]["Name"])} for li in order["LineItems"]]


def _failed_and_taken_off(tmp_path: Path) -> tuple[Path, Settings, Path]:
    """Three people, their order failed at the vendor (no card made); Person 1 (row 3) taken off Fix these.
    The list, the settings, the result workbook."""
    sheet = tmp_path / "fail.csv"
    with sheet.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FAILED_HEADER)
        for i in range(3):
            writer.writerow(
                [f"E{i}", f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "25"]
            )
    failing = SandboxVendor(tmp_path / "vendor", order_failure_rate=1.0)
    settings = failing.settings
    try:
        first = run_batch(sheet, settings, batch="fail", wait_s=0, client_factory=failing.factory())
        failing.sandbox.advance(3 * 24 * 3600)  # the vendor ends the order Failed: no card made
        asyncio.run(track(settings, "fail", client_factory=failing.factory()))
    finally:
        failing.close()
    workbook = Path(str(first.output))
    book = openpyxl.load_workbook(workbook)
    fix = book[FIX_SHEET]
    names = [line[1].value for line in fix.iter_rows(min_row=2)]
    fix.delete_rows(2 + names.index("Person 1"))  # she is not to get one after all
    book.save(workbook)
    return sheet, settings, workbook


FAILED_HEADER = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Amount"]


def _made(vendor: SandboxVendor) -> Counter[str]:
    return Counter(
        li["ExternalId"] for o in vendor.sandbox.orders() if o["Status"] != "Failed" for li in o["LineItems"]
    )


def test_a_row_the_vendor_failed_taken_off_fix_these_is_not_sent_by_the_list_run_again(
    tmp_path: Path,
) -> None:
    sheet, settings, workbook = _failed_and_taken_off(tmp_path)
    vendor = SandboxVendor(tmp_path / "vendor")  # the same vendor, no longer failing orders
    try:
        run_batch(workbook, settings, batch="fail", wait_s=0, client_factory=vendor.factory())
        again = run_batch(sheet, settings, batch="fail", wait_s=0, client_factory=vendor.factory())
        assert again.sent_orders == 0, again  # it sent her card under BS-FAIL-0003
        assert _made(vendor) == Counter({"E0": 1, "E2": 1})
    finally:
        vendor.close()


def test_a_row_the_vendor_failed_taken_off_fix_these_reads_taken_off_and_put_back_goes_once(
    tmp_path: Path,
) -> None:
    """The README: a row taken off Fix these is not sent and reads skipped, 'taken off the Fix these sheet'.
    One the vendor failed read 'failed' instead, exit 3, the batch 'needs attention', and was back on Fix
    these after every run (the ledger kept a row with a PO as it was). Put back on the sheet, it goes once."""
    _sheet, settings, workbook = _failed_and_taken_off(tmp_path)
    vendor = SandboxVendor(tmp_path / "vendor")  # the same vendor, no longer failing orders
    try:
        fixed = run_batch(workbook, settings, batch="fail", wait_s=0, client_factory=vendor.factory())
        assert fixed.exit_code == 0 and fixed.by_status == {"pending": 2, "skipped": 1}, fixed
        read = read_result_workbook(workbook)
        assert read.outcomes[3].status == "skipped" and read.outcomes[3].problems.startswith(REMOVED_NOTE)
        book = openpyxl.load_workbook(workbook)
        assert book[FIX_SHEET].max_row == 1, list(book[FIX_SHEET].iter_rows(values_only=True))
        with Ledger.open(settings.ledger_location, lock=False) as ledger:
            assert overview(ledger)["fail"].state() != "needs attention"

        # she is to get one after all: her row back on Fix these
        book[FIX_SHEET].append(["E1", "Person 1", "2 Main St", "Boston", "MA", "02134", "CVS", "25", "", 3])
        book.save(workbook)
        back = run_batch(workbook, settings, batch="fail", wait_s=0, client_factory=vendor.factory())
        assert back.exit_code == 0 and back.sent_orders == 1, back
        assert _made(vendor) == Counter({"E0": 1, "E1": 1, "E2": 1})
        once_more = run_batch(workbook, settings, batch="fail", wait_s=0, client_factory=vendor.factory())
        assert once_more.sent_orders == 0 and _made(vendor)["E1"] == 1, once_more
    finally:
        vendor.close()
