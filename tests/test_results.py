"""The result workbook as a person opens it: sheets, columns, statuses, text cells, no formulas."""

from __future__ import annotations

import csv
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from support.libreoffice import convert

from bulkship.reconcile.layout import csv_result_headers
from bulkship.reconcile.sheets import (
    FIX_SHEET,
    KEYS_SHEET,
    ORDERS_SHEET,
    RESULT_COLUMNS,
    RESULTS_SHEET,
    SUMMARY_SHEET,
    OrderSummary,
    ResultBook,
    RowOutcome,
    RunInfo,
    read_result_workbook,
    write_result_workbook,
    write_results_csv,
)

HEADERS = ("Employee ID", "Full Name", "Street", "City", "ST", "Zip Code", "Card", "Amount", "Team notes")
NASTY = ['=HYPERLINK("http://evil","x")', "+1 555 0100", "@SUM(A1:A2)", "-2", "\tTAB", "\rCR"]


def _rows() -> list[tuple[int, list[str]]]:
    return [
        (2, ["E001", "Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "50", "likes =cats"]),
        (3, ["E002", NASTY[0], "2 Elm St", "Newark", "NJ", "07102", "CVS", "25", NASTY[1]]),
        (4, ["E003", "Bo Park", "", "Denver", "CO", "80202", "NOPE", "25", NASTY[2]]),
        (5, ["E004", "Cy Diaz", "4 Oak St", "Austin", "TX", "78701", "CVS", "50", NASTY[3]]),
        (6, ["E001", "Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "50", NASTY[4]]),
        (7, ["E005", "Di Fox", "5 Ash St", "Miami", "FL", "33101", "TARGET", "100", NASTY[5]]),
    ]


def _outcomes() -> dict[int, RowOutcome]:
    shipped: dict[str, Any] = {
        "carrier": "USPS",
        "tracking_number": "9400100000000000000001",
        "tracking_url": "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400100000000000000001",
        "shipped_date": "2026-11-25T12:00:00Z",
    }
    common: dict[str, Any] = {
        "po_number": "ANNIV-0001",
        "order_id": "ord_1",
        "product": "CVS",
        "shipping_method": "STANDARD",
    }
    money: dict[str, Any] = {
        "money": "charged",
        "discount": Decimal(0),
        "fees": Decimal(0),
        "shipping": Decimal("3.50"),
    }
    return {
        2: RowOutcome(2, "delivered", line_item_id="li_1", cost=Decimal("53.50"), face_value=Decimal(50),
                      cards=1, delivered_date="2026-11-28T09:00:00Z", **shipped, **common, **money),
        3: RowOutcome(3, "shipped", line_item_id="li_2", cost=Decimal("28.50"), face_value=Decimal(25),
                      cards=1, normalised="zip: 7102 → 07102", **shipped, **common, **money),
        4: RowOutcome(4, "invalid", problems="address1: required; product: NOPE is not in the catalog"),
        5: RowOutcome(5, "failed", problems="Vendor: LineItems[2].Zip: does not match state", **common),
        6: RowOutcome(6, "duplicate", problems="Same recipient and card as row 2"),
        7: RowOutcome(7, "pending", po_number="ANNIV-0002", order_id="ord_2", line_item_id="li_9",
                      cost=Decimal("103.50"), product="TARGET", shipping_method="STANDARD",
                      face_value=Decimal(100), cards=1, **money),
    }  # fmt: skip


def _book(rows: list[tuple[int, list[str]]] | None = None) -> ResultBook:
    orders = [
        OrderSummary("ANNIV-0001", "ord_1", "Complete", 3),  # rows 2, 3 and 5 (failed there)
        OrderSummary("ANNIV-0002", "ord_2", "Pending", 1),
    ]
    info = RunInfo(
        batch="ANNIV-2026Q4",
        input_file="/data/anniversary.xlsx",
        input_hash="ab" * 32,
        ledger="/data/ledger.sqlite",
        run_time="2026-11-20T10:00:00+00:00",
    )
    rows = rows if rows is not None else _rows()
    fingerprints = {r: f"fp-{r}" for r, _ in rows}
    return ResultBook(HEADERS, rows, _outcomes(), orders, info, fingerprints)


@pytest.fixture
def workbook_path(tmp_path: Path) -> Path:
    return write_result_workbook(_book(), tmp_path / "out" / "ANNIV-2026Q4-results.xlsx")


def _values(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[list[Any]]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_sheets_and_results_columns(workbook_path: Path) -> None:
    book = openpyxl.load_workbook(workbook_path)
    visible = [s.title for s in book.worksheets if s.sheet_state == "visible"]
    assert visible == [RESULTS_SHEET, FIX_SHEET, ORDERS_SHEET, SUMMARY_SHEET]
    assert book[KEYS_SHEET].sheet_state == "veryHidden", "bookkeeping stays out of the person's way"
    results = _values(book[RESULTS_SHEET])
    assert tuple(results[0]) == HEADERS + RESULT_COLUMNS
    assert [r[len(HEADERS)] for r in results[1:]] == [2, 3, 4, 5, 6, 7], (
        "one row per input row, in input order"
    )
    statuses = [r[len(HEADERS) + 1] for r in results[1:]]
    assert statuses == ["delivered", "shipped", "invalid", "failed", "duplicate", "pending"]
    # Original columns, including the one bulkship does not use, come back untouched.
    # (openpyxl leaves the XML escape of a carriage return, _x000D_, undecoded; Excel and calamine decode it.)
    assert [
        tuple(str(c).replace("_x000D_", "\r") if c else c for c in r[: len(HEADERS)]) for r in results[1:]
    ] == [tuple(c or None for c in cells) for _, cells in _rows()]
    delivered = dict(zip(HEADERS + RESULT_COLUMNS, results[1], strict=True))
    assert delivered["Tracking Number"] == "9400100000000000000001"
    assert (delivered["Money"], delivered["Face value"], delivered["Shipping cost"], delivered["Total"]) == (
        "charged",
        50,
        3.5,
        53.5,
    )
    assert delivered["Shipped date"].date().isoformat() == "2026-11-25"
    sheet = book[RESULTS_SHEET]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:AA{len(results)}"


def test_zips_and_ids_are_text_and_nothing_is_a_formula(workbook_path: Path) -> None:
    book = openpyxl.load_workbook(workbook_path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
    results = book[RESULTS_SHEET]
    zip_cells = [row[HEADERS.index("Zip Code")] for row in results.iter_rows(min_row=2)]
    assert [c.value for c in zip_cells] == ["02134", "07102", "80202", "78701", "02134", "33101"]
    assert all(c.data_type == "s" and c.number_format == "@" for c in zip_cells)
    # The formula-like texts survive as the very same text, marked so that editing cannot turn them into one.
    notes = {row[0].value: row[HEADERS.index("Team notes")] for row in results.iter_rows(min_row=2)}
    assert notes["E002"].value == "+1 555 0100" and notes["E002"].quotePrefix
    assert notes["E003"].value == "@SUM(A1:A2)"
    assert notes["E004"].value == "-2" and notes["E004"].data_type == "s"
    name = results.cell(row=3, column=2)
    assert name.value == NASTY[0] and name.data_type == "s" and name.quotePrefix


def test_status_cells_are_coloured(workbook_path: Path) -> None:
    sheet = openpyxl.load_workbook(workbook_path)[RESULTS_SHEET]
    status_col = len(HEADERS) + 2
    colours = {
        sheet.cell(row=r, column=status_col).value: sheet.cell(row=r, column=status_col).fill.fgColor.rgb
        for r in range(2, 8)
    }
    assert colours["failed"] != colours["delivered"] != colours["pending"]
    assert all(c not in (None, "00000000") for c in colours.values())


def test_fix_these_holds_only_rows_needing_the_user_in_input_layout(workbook_path: Path) -> None:
    fixes = _values(openpyxl.load_workbook(workbook_path)[FIX_SHEET])
    assert tuple(fixes[0]) == (*HEADERS, "Problems / vendor error", "Original row")
    assert [(r[0], r[-1]) for r in fixes[1:]] == [("E003", 4), ("E004", 5)]
    assert "not in the catalog" in fixes[1][-2]
    assert fixes[2][: len(HEADERS)] == [
        "E004",
        "Cy Diaz",
        "4 Oak St",
        "Austin",
        "TX",
        "78701",
        "CVS",
        "50",
        "-2",
    ]


def test_orders_and_summary(workbook_path: Path) -> None:
    book = openpyxl.load_workbook(workbook_path)
    orders = _values(book[ORDERS_SHEET])
    assert orders[0] == [
        "PO Number", "Order ID", "Order status", "Money", "Line items", "Rows by status",
        "Face value", "Discount", "Fees", "Shipping cost", "Total",
    ]  # fmt: skip
    # an order's figures are its rows' figures added up
    assert orders[1] == [
        "ANNIV-0001", "ord_1", "Complete", "charged", 3, "1 shipped, 1 delivered, 1 failed", 75, 0, 0, 7, 82,
    ]  # fmt: skip
    summary = book[SUMMARY_SHEET]
    table = {r[0]: r[1:] for r in summary.iter_rows(values_only=True) if r[0]}
    facts = {label: values[0] for label, values in table.items()}
    assert "SANDBOX" in str(summary["A2"].value)
    assert facts["Batch"] == "ANNIV-2026Q4"
    assert facts["Input SHA-256"] == "ab" * 32
    assert facts["Ledger"] == "/data/ledger.sqlite"
    # orders, rows, cards, face value, discount, fees, shipping, total
    assert table["Charged"][:8] == (2, 3, 3, 175, 0, 0, 10.5, 185.5)
    assert table["Total"][:8] == (2, 3, 3, 175, 0, 0, 10.5, 185.5)
    assert facts["invalid"] == 1 and facts["delivered"] == 1 and facts["planned"] == 0
    # each status says what it means beside its count: 'pending' beside 'charged' read as not ordered yet
    assert table["Status"][:2] == ("Rows", "What it means")
    assert table["pending"][1] == "ordered and charged: the card is not made yet"
    assert table["invalid"][1] == "not ordered: fix the row"
    # the statuses' "re-run the same command" said for the person who sent it from the web page too
    notes = [str(r[2]) for r in summary.iter_rows(values_only=True) if len(r) > 2 and r[2]]
    (rerun,) = [note for note in notes if note.startswith("'Re-run the same command' means")]
    assert "on the web page, open the batch and send it again from its cost page" in rerun
    assert table["CVS"][1:3] == (2, 2) and table["TARGET"][1:3] == (1, 1)  # failed rows cost nothing
    assert summary._charts, "a chart of rows by status"


def test_missing_outcome_is_shown_not_dropped(tmp_path: Path) -> None:
    rows = [*_rows(), (9, ["E009", "New Person", "9 Pine", "Reno", "NV", "89501", "CVS", "10", ""])]
    path = write_result_workbook(_book(rows), tmp_path / "r.xlsx")
    last = _values(openpyxl.load_workbook(path)[RESULTS_SHEET])[-1]
    assert last[len(HEADERS)] == 9 and last[len(HEADERS) + 1] == "planned"


def test_rows_past_the_sheet_limit_continue_on_a_second_sheet(tmp_path: Path) -> None:
    rows = [(r, [f"E{r}", "x", "1 St", "C", "MA", "02134", "CVS", "10", ""]) for r in range(2, 12)]
    path = write_result_workbook(_book(rows), tmp_path / "r.xlsx", max_rows_per_sheet=5)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:3] == ["Results", "Results 2", "Results 3"]
    numbers = [r[len(HEADERS)] for name in book.sheetnames[:3] for r in _values(book[name])[1:]]
    assert numbers == list(range(2, 12))
    notes = [r[1] for r in book[SUMMARY_SHEET].iter_rows(values_only=True) if r[0] == "Note"]
    assert notes and "Results 2" in notes[0]
    again = read_result_workbook(path)
    assert [r for r, _ in again.rows] == list(range(2, 12))


def test_csv_export_neutralises_formulas(tmp_path: Path) -> None:
    path = write_results_csv(_book(), tmp_path / "r.csv")
    with path.open(encoding="utf-8-sig", newline="") as stream:
        table = list(csv.reader(stream))
    assert tuple(table[0]) == HEADERS + csv_result_headers(HEADERS)  # money headers name USD
    cells = [c for row in table[1:] for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert '\'=HYPERLINK("http://evil","x")' in cells and "'-2" in cells and "'+1 555 0100" in cells
    assert table[1][HEADERS.index("Zip Code")] == "02134"


def test_read_back_round_trips_originals_and_outcomes(workbook_path: Path) -> None:
    again = read_result_workbook(workbook_path)
    assert again.headers == HEADERS
    assert again.rows == [(r, cells) for r, cells in _rows()]
    assert again.outcomes[2].tracking_number == "9400100000000000000001"
    assert again.outcomes[2].cost == Decimal("53.50")
    assert again.outcomes[4].problems.startswith("address1")
    assert again.fingerprints == {r: f"fp-{r}" for r, _ in _rows()}


def test_rewrite_replaces_the_workbook_in_place(workbook_path: Path) -> None:
    again = read_result_workbook(workbook_path)
    outcomes = dict(again.outcomes)
    outcomes[7] = RowOutcome(7, "delivered", tracking_number="TN7")
    write_result_workbook(ResultBook(again.headers, again.rows, outcomes), workbook_path)
    assert read_result_workbook(workbook_path).outcomes[7].tracking_number == "TN7"
    assert [p.name for p in workbook_path.parent.iterdir()] == [workbook_path.name], "no temp files left"


def test_libreoffice_reads_the_workbook(workbook_path: Path, tmp_path: Path) -> None:
    text = convert(workbook_path, "csv", tmp_path).read_text(encoding="utf-8", errors="replace")
    lines = text.splitlines()
    assert lines[0].startswith("Employee ID,Full Name")
    assert "02134" in lines[1] and "9400100000000000000001" in lines[1]
    assert "+1 555 0100" in text and "#NAME" not in text and "Err:" not in text


def test_sheets_print_landscape_one_page_wide_with_the_header_on_every_page(workbook_path: Path) -> None:
    import re
    import zipfile

    with zipfile.ZipFile(workbook_path) as archive:
        results = archive.read("xl/worksheets/sheet1.xml").decode()
        names = archive.read("xl/workbook.xml").decode()
    setup = re.search(r"<pageSetup [^>]*/>", results)
    assert setup and 'orientation="landscape"' in setup.group() and 'paperSize="1"' in setup.group()
    assert 'fitToHeight="0"' in setup.group() and '<pageSetUpPr fitToPage="1"/>' in results
    assert "_xlnm.Print_Titles" in names and "Results!$1:$1" in names  # the header row on every page
    summary = openpyxl.load_workbook(workbook_path)[SUMMARY_SHEET]
    assert summary.page_setup.fitToWidth in (None, 1) and summary.page_setup.fitToHeight in (None, 1)
    assert read_result_workbook(workbook_path).paper == "letter"


def test_another_paper_size_is_kept_when_the_workbook_is_rewritten(tmp_path: Path) -> None:
    book = _book()
    a4 = ResultBook(book.headers, book.rows, book.outcomes, book.orders, replace(book.info, paper="a4"))
    path = write_result_workbook(a4, tmp_path / "a4.xlsx")
    assert read_result_workbook(path).paper == "a4"


def test_problems_and_changes_name_columns_by_the_sheets_own_headers(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    """Found by a newcomer: the Problems and Normalised cells began with bulkship's field names ("zip:",
    "value:", "external_id:"), words that appear nowhere in the person's sheet."""
    from bulkship.cli import main

    sheet = tmp_path / "gifts.csv"
    with sheet.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Full Name", "Street", "City", "ST", "Zip Code", "Card", "Amount"])
        writer.writerow(["Ann Lee", "1 Main St", "Boston", "Mass.", "2134", "CVS", "$50.00"])
        writer.writerow(["Bo Park", "2 Elm St", "Denver", "CO", "8020X", "CVS", "25"])
    out = tmp_path / "out"
    assert main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(out)]) == 3  # a row to fix
    book = openpyxl.load_workbook(out / "gifts-results.xlsx", read_only=True)
    table = list(book[RESULTS_SHEET].iter_rows(values_only=True))
    at = {str(h): i for i, h in enumerate(table[0])}
    changed = str(table[1][at["Normalised values"]])
    # ('Massachusetts' written out in full is said once for the column: bulkship.load.spelled)
    assert "Zip Code: 2134 → 02134" in changed and "ST: Mass. → MA" in changed, changed
    problem = str(table[2][at["Problems / vendor error"]])
    assert "column 'Zip Code'" in problem, problem
    for text in (changed, problem):
        assert not any(f"{field}:" in text for field in ("zip", "state", "value", "name", "address1")), text


def test_what_an_order_bills_beside_rows_waiting_for_review_is_not_said_billed_for_no_card(
    tmp_path: Path,
) -> None:
    """An order the vendor created billing 7.50 beside its lines, its row waiting for a person (money in
    doubt: the card may be that row's), and an order ended Cancelled billing 2.00 beside lines holding no
    row: only the second is said billed on an order holding no card (found by hunter-money2 reviewing
    057987b, which said it of both)."""
    waiting = RowOutcome(
        2, "needs review", po_number="ANNIV-0001", order_id="ord_1", face_value=Decimal(25), cards=1,
        product="CVS", shipping_method="STANDARD", money="in doubt", cost=Decimal(25),
        discount=Decimal(0), fees=Decimal(0), shipping=Decimal(0),
    )  # fmt: skip
    orders = [
        OrderSummary("ANNIV-0001", "ord_1", "Pending", 1, billed=Decimal("7.50")),
        OrderSummary("ANNIV-0002", "ord_2", "Cancelled", 1, billed=Decimal("2.00")),
    ]
    rows = [(2, ["E001", "Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25", ""])]
    book = ResultBook(HEADERS, rows, {2: waiting}, orders, RunInfo(batch="B"), {2: "fp-2"})
    path = write_result_workbook(book, tmp_path / "B-results.xlsx")
    summary = openpyxl.load_workbook(path)[SUMMARY_SHEET]
    (note,) = [
        str(r[0]) for r in summary.iter_rows(values_only=True) if str(r[0]).startswith("Charged includes")
    ]
    assert "Of it, 2.00 is billed on order(s) holding no card charged (ANNIV-0002: Cancelled)" in note, note


@pytest.mark.parametrize(
    ("api", "said"),
    [
        ("http://127.0.0.1:8760", "Vendor API on this machine: http://127.0.0.1:8760"),
        ("http://localhost:8001", "Vendor API on this machine: http://localhost:8001"),
        ("https://vendor.example", "Real vendor API: https://vendor.example"),
    ],
)
def test_a_vendor_api_on_this_machine_is_not_called_the_real_vendor(
    tmp_path: Path, api: str, said: str
) -> None:
    """Found by newcomer5, finance reading the Summary of a month tried as the README says (`bulkship sandbox
    --port`, to see a webhook): 'Real vendor API: http://127.0.0.1:8760' read as real money spent."""
    book = replace(_book(), info=replace(_book().info, api=api))
    path = write_result_workbook(book, tmp_path / "B-results.xlsx")
    assert openpyxl.load_workbook(path)[SUMMARY_SHEET]["A2"].value == said


def test_the_tables_by_product_and_method_say_an_order_counts_under_each_card_it_holds(
    workbook_path: Path,
) -> None:
    """Found by newcomer5 (newcomer3's N7b, still there): finance summed the Summary's 'Orders' column of the
    table by product, CVS 1 + HOMEDEPOT 1 + TARGET 1 = 3, for a batch of 2 orders (one held CVS and TARGET):
    those tables have no total row, and their column is headed for what it counts."""
    rows = _values(openpyxl.load_workbook(workbook_path)[SUMMARY_SHEET])
    headers = {
        r[0]: r[1] for r in rows if r and r[0] in ("Money", "Product (charged, in doubt)", "Shipping method")
    }
    assert headers == {
        "Money": "Orders",
        "Product (charged, in doubt)": "Orders holding it",
        "Shipping method": "Orders holding it",
    }
