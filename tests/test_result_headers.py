"""A recipient sheet with columns named as bulkship's own result columns ("Shipping" for the method, "Status",
"Total", "Original row"): in the result workbook, its CSV and the Fix these sheet a person filtering by header
never takes bulkship's column for theirs, and `track` and the Fix-these follow-up read the workbooks written
now and those written before."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from starlette.testclient import TestClient
from support.money_invariants import check_money

from bulkship.cli import main
from bulkship.reconcile.layout import STATUS, csv_result_headers, is_header_of, result_headers
from bulkship.reconcile.sheets import FIX_SHEET, RESULTS_SHEET
from bulkship.settings import resolve_settings
from bulkship.web import create_app

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Shipping", "Status", "total"]
ROWS = [
    ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "50", "EXPEDITED", "new hire", "50"],
    ["Bo Park", "2 Elm St", "Boston", "MA", "1234X", "CVS", "25", "STANDARD", "returning", "25"],  # bad ZIP
    ["Cy Diaz", "3 Oak St", "Boston", "MA", "02134", "CVS", "25", "STANDARD", "new hire", "25"],
]
BATCH = "GIFTS"
ORDERS_MONEY = ("Face value", "Discount", "Fees", "Shipping cost", "Total")

SENT = ("pending", "shipped", "delivered")  # a line the vendor holds; its clock runs 12,000 times fast


def _key(header: Any) -> str:
    return " ".join(str(header).split()).casefold()


def _sheet(path: Path, name: str) -> list[list[Any]]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = [list(r) for r in book[name].iter_rows(values_only=True)]
    book.close()
    return rows


def _by_name(path: Path) -> dict[str, dict[str, Any]]:
    """Results rows by recipient name, each cell under its header (which must then be unique)."""
    header, *rows = _sheet(path, RESULTS_SHEET)
    assert len({_key(h) for h in header}) == len(header), f"two columns read the same: {header}"
    return {str(r[0]): dict(zip(header, r, strict=True)) for r in rows}


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main(["run", *args, "--batch", BATCH, "--yes", "--wait", "0", "--json"])
    return code, json.loads(capsys.readouterr().out)


def _fix_zip(workbook: Path, fixed: Path) -> list[str]:
    """Correct Bo's ZIP on the Fix these sheet, as a person does in Excel; the sheet's header."""
    book = openpyxl.load_workbook(workbook)
    sheet = book[FIX_SHEET]
    header = [str(c.value) for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "Bo Park":
            row[header.index("ZIP")].value = "02134"
    book.save(fixed)
    return header


def test_columns_named_like_bulkships_stay_the_users_own_in_results_csv_and_fix_these(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(
        tmp_path / "gifts.csv", [*HEADER, "Original row"], [[*r, str(i)] for i, r in enumerate(ROWS)]
    )
    code, first = _run(capsys, str(source))
    assert code == 3, first
    workbook = Path(first["output"])
    header = _sheet(workbook, RESULTS_SHEET)[0]
    assert header[: len(HEADER) + 1] == [*HEADER, "Original row"]  # the user's headers as they wrote them
    assert {"Shipping cost", "Status (bulkship)", "Total (bulkship)"} <= set(header)
    ann = _by_name(workbook)["Ann Lee"]
    assert (ann["Shipping"], ann["Status"], ann["total"]) == ("EXPEDITED", "new hire", 50)
    assert ann["Status (bulkship)"] in SENT and ann["Shipping cost"] > 0
    assert ann["Total (bulkship)"] == ann["Face value"] - ann["Discount"] + ann["Fees"] + ann["Shipping cost"]
    fix_header = _sheet(workbook, FIX_SHEET)[0]
    assert fix_header[-2:] == ["Problems / vendor error", "Original row (bulkship)"]
    assert len({_key(h) for h in fix_header}) == len(fix_header)

    assert main(["track", BATCH, "--csv"]) == 0  # rewrites the workbook, and its CSV twin
    with workbook.with_suffix(".csv").open(encoding="utf-8-sig", newline="") as stream:
        # the workbook's, but its money headers name their currency (hunter-money25)
        users = header[: len(HEADER) + 1]
        assert next(csv.reader(stream)) == [*users, *csv_result_headers(users)]
    rewritten = _by_name(workbook)["Ann Lee"]
    assert [rewritten[h] for h in HEADER] == [ann[h] for h in HEADER] and rewritten["PO Number"] == ann[
        "PO Number"
    ]

    fix_header = _fix_zip(workbook, tmp_path / "fixed.xlsx")
    code, second = _run(capsys, str(tmp_path / "fixed.xlsx"))
    assert code == 0, second
    after = _by_name(Path(second["output"]))
    assert list(after) == ["Ann Lee", "Bo Park", "Cy Diaz"]  # every row once: their "Original row" is data
    assert [after[n]["Original row"] for n in after] == [0, 1, 2]
    assert after["Bo Park"]["Status (bulkship)"] in SENT and after["Bo Park"]["Shipping"] == "STANDARD"
    assert main(["track", BATCH, "--csv"]) == 0
    check_money(
        resolve_settings().ledger, BATCH, input_rows=range(2, 5), web=True
    )  # the CSV with the workbook


def test_a_workbook_written_before_with_the_same_headers_twice_still_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, first = _run(capsys, str(_write(tmp_path / "gifts.csv", HEADER, ROWS)))
    assert code == 3, first
    workbook = Path(first["output"])
    # as bulkship wrote it until now: its "Shipping", "Status" and "Total" beside the user's of that name
    book = openpyxl.load_workbook(workbook)
    older = {"Shipping cost": "Shipping", "Status (bulkship)": "Status", "Total (bulkship)": "Total"}
    for cell in book[RESULTS_SHEET][1]:
        cell.value = older.get(cell.value, cell.value)
    book.save(workbook)
    before = [str(h) for h in _sheet(workbook, RESULTS_SHEET)[0]]
    assert before.count("Shipping") == 2 and before.count("Status") == 2

    assert main(["track", BATCH]) == 0
    capsys.readouterr()
    rewritten = _by_name(workbook)  # now each header once
    assert (
        rewritten["Ann Lee"]["Status (bulkship)"] in SENT  # the sandbox's clock may have shipped it
        and rewritten["Ann Lee"]["Shipping"] == "EXPEDITED"
    )
    assert (
        rewritten["Bo Park"]["Status (bulkship)"] == "invalid"
        and rewritten["Bo Park"]["Status"] == "returning"
    )

    book = openpyxl.load_workbook(workbook)  # and the Fix these sheet as it was written before
    book[FIX_SHEET].cell(1, len(HEADER) + 2).value = "Original row"
    book.save(workbook)
    _fix_zip(workbook, tmp_path / "fixed.xlsx")
    code, second = _run(capsys, str(tmp_path / "fixed.xlsx"))
    assert code == 0, second
    assert second["orders_sent_this_run"] == 1
    assert all(r["Status (bulkship)"] in SENT for r in _by_name(Path(second["output"])).values())


def test_the_validation_workbook_marks_its_status_beside_the_users_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(tmp_path / "gifts.csv", HEADER, ROWS)
    assert main(["validate", str(source), "--out", str(tmp_path / "out")]) == 1
    header, *rows = _sheet(tmp_path / "out" / "gifts-validation.xlsx", "Validation")
    assert header[:2] == ["Row", "Status (bulkship)"] and header[4:] == HEADER
    assert [(r[1], r[header.index("Status")]) for r in rows][:2] == [
        ("valid", "new hire"),
        ("invalid", "returning"),
    ]


def test_the_plan_on_the_terminal_and_the_cost_page_name_the_money_as_the_workbook_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    source = _write(tmp_path / "gifts.csv", HEADER, ROWS)
    assert main(["run", str(source), "--batch", BATCH, "--yes", "--wait", "0"]) == 3
    plan = capsys.readouterr()
    header = next(line for line in (plan.out + plan.err).splitlines() if "Face value" in line)
    assert [cell.strip() for cell in header.strip("┃ ").split("┃")][-5:] == list(ORDERS_MONEY)
    orders = _sheet(resolve_settings().out_dir / f"{BATCH}-results.xlsx", "Orders")[0]
    assert orders[-5:] == list(ORDERS_MONEY)
    with TestClient(create_app(resolve_settings()), follow_redirects=True) as browser:
        form = re.search(r'name="csrf_token" value="([^"]+)"', browser.get("/batches/new").text)
        assert form, "no upload form"
        other = _write(tmp_path / "web.csv", HEADER, [["Di Fox", *ROWS[0][1:]]])  # not a repeat of GIFTS
        files = {"file": (other.name, other.read_bytes(), "text/csv")}
        browser.post("/batches", data={"csrf_token": form.group(1), "name": ""}, files=files)
        cost = browser.get("/batches/web/cost").text
    # the plan's table (the who-gets-what list under it names each row's own value and cost)
    plan_table = cost.split('id="who-gets-what"')[0]
    shown = re.findall(r'<th class="num">([^<]+)</th>', plan_table)
    assert shown[-5:] == list(ORDERS_MONEY), shown


def test_a_mark_already_taken_by_the_user_gets_a_number() -> None:
    written = result_headers(["status", "Status  (bulkship)", "Row"])
    assert written[:3] == ("Row (bulkship)", "Status (bulkship 2)", "Problems / vendor error")
    assert is_header_of("Status (bulkship 2)", STATUS) and not is_header_of("Status (2)", STATUS)
