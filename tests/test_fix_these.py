"""The README's Fix-these follow-up, as a user does it: run a file, correct the rows on the result workbook's
'Fix these' sheet, run that workbook under the same batch. The rewritten workbook keeps every row once, with
its original row number and cells; fixed errors are gone; nothing is ordered twice; the money adds up."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from support.money_invariants import check_money

from bulkship.cli import main
from bulkship.reconcile.sheets import FIX_SHEET, KEYS_SHEET, RESULT_COLUMNS, RESULTS_SHEET, SUMMARY_SHEET
from bulkship.sandbox import Sandbox, SandboxConfig
from bulkship.settings import resolve_settings

HEADER = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Amount", "Team notes"]
ROWS = [
    ["E1", "Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25", "first"],
    ["E2", "Bo Park", "2 Elm St", "Boston", "MA", "02134", "CVS", "25", ""],
    ["E2", "Bo Park", "2 Elm St", "Boston", "MA", "02134", "CVS", "25", ""],  # row 4 repeats row 3
    ["E3", "Cy Diaz", "", "Boston", "MA", "02134", "CVS", "25", "no street"],  # invalid
    ["E4", "Di Fox", "4 Oak St", "Boston", "MA", "02134", "NOSUCHCARD", "25", "=1+1"],  # invalid
    ["E5", "Ed Gray", "5 Pine Rd", "Boston", "MA", "02134", "CVS", "25", ""],
]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    capsys.readouterr()
    code = main(["run", *args, "--yes", "--wait", "0", "--json"])
    return code, json.loads(capsys.readouterr().out)


def _results(path: Path) -> tuple[list[str], dict[int, dict[str, object]]]:
    table = list(openpyxl.load_workbook(path, read_only=True)[RESULTS_SHEET].iter_rows(values_only=True))
    header = [str(h) for h in table[0]]
    at = header.index("Row")
    return header, {int(r[at]): dict(zip(header, r, strict=True)) for r in table[1:]}


def test_fix_these_follow_up_keeps_every_row_once_and_orders_only_the_fixed_ones(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    out = tmp_path / "out"
    code, first = _run(capsys, str(source), "--batch", "GIFTS", "--out", str(out))
    assert code == 3, first
    workbook = Path(str(first["output"]))
    _, before = _results(workbook)

    # the user corrects both rows on the Fix these sheet, in the workbook itself
    book = openpyxl.load_workbook(workbook)
    fix = book[FIX_SHEET]
    fix_header = [c.value for c in fix[1]]
    assert fix_header == [*HEADER, "Problems / vendor error", "Original row"]
    for line in fix.iter_rows(min_row=2):
        original = line[fix_header.index("Original row")].value
        if original == 5:
            line[HEADER.index("Address")].value = "3 Oak Ave"
        if original == 6:
            line[HEADER.index("Product")].value = "CVS"
    book.save(workbook)

    code, second = _run(capsys, str(workbook), "--batch", "GIFTS", "--out", str(out))
    assert code == 3, second  # row 4 is still a duplicate: it needs the user, nothing else does
    header, after = _results(workbook)
    assert header == [*HEADER, *RESULT_COLUMNS], "the user's header once, then bulkship's columns once"
    assert sorted(after) == [2, 3, 4, 5, 6, 7], "every row of the first file, with its own row number"
    assert [after[r]["Status"] for r in (2, 3, 4, 5, 6, 7)] == [
        "pending", "pending", "duplicate", "pending", "pending", "pending",
    ]  # fmt: skip
    for row in (5, 6):  # fixed: ordered now, the old error gone
        assert after[row]["PO Number"] and not after[row]["Problems / vendor error"]
    for row in (2, 3, 7):  # ordered by the first run: untouched
        assert after[row]["PO Number"] == before[row]["PO Number"]
        assert after[row]["Line Item ID"] == before[row]["Line Item ID"]
    assert after[2]["Team notes"] == "first" and after[6]["Team notes"] == "=1+1"
    assert str(after[4]["Problems / vendor error"]).startswith("duplicate of row 3")

    summary = {
        r[0]: r[1]
        for r in openpyxl.load_workbook(workbook)[SUMMARY_SHEET].iter_rows(values_only=True)
        if r[0]
    }
    assert summary["Rows"] == 6
    assert summary["Input file 1"] == "gifts.csv" and summary["Input file 2"] == workbook.name
    assert len(str(summary["Input SHA-256 1"])) == 64 and len(str(summary["Input SHA-256 2"])) == 64

    with Sandbox(SandboxConfig(state_file=resolve_settings().sandbox_state_file)) as sandbox:
        orders = sandbox.orders()
    lines = Counter(li["ExternalId"] for o in orders for li in o["LineItems"])
    assert sorted(lines.values()) == [1, 1, 1, 1, 1], lines  # five cards, each once; no duplicate sent
    check_money(
        isolated_data_dir / "ledger.sqlite", "GIFTS", input_rows=range(2, 8), vendor_orders=orders, web=True
    )


def test_a_formula_cell_left_untouched_on_fix_these_is_still_refused_and_never_ordered(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Last Name is a formula with no saved result: bulkship refuses it. The Fix these sheet shows the formula
    # (as inert text), so a follow-up run of the untouched sheet refuses it again, once, by its own row
    # number; before, the sheet held the empty result and the row went out as a card for "Ada".
    source = tmp_path / "gifts.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        ["Employee ID", "First Name", "Last Name", "Address", "City", "State", "ZIP", "Product", "Amount"]
    )
    sheet.append(["E1", "Ann", "Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25"])
    sheet.append(["E2", "Ada", '=UPPER("miller")', "2 Elm St", "Boston", "MA", "02134", "CVS", "25"])
    book.save(source)
    out = tmp_path / "out"
    code, first = _run(capsys, str(source), "--batch", "GIFTS", "--out", str(out))
    assert code == 3 and first["ordered_rows"] == 1, first
    workbook = Path(str(first["output"]))
    fix = openpyxl.load_workbook(workbook)[FIX_SHEET]
    assert [c.value for c in fix[2]][:3] == ["E2", "Ada", '=UPPER("miller")']
    assert fix.cell(2, 3).data_type == "s", "shown as text, never a live formula"

    code, second = _run(capsys, str(workbook), "--batch", "GIFTS", "--out", str(out))
    assert code == 3 and second["ordered_rows"] == 1, second
    _, after = _results(workbook)
    assert after[3]["Status"] == "invalid" and not after[3]["PO Number"]
    problem = str(after[3]["Problems / vendor error"])
    assert problem.count("formula") == 1 and "Row 3, column 'Last Name'" in problem, problem


def test_formula_text_in_a_csv_is_not_printed_on_a_card(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, ROWS[0], ["E9", '=HYPERLINK("x")', "9 Elm St", "Boston", "MA",
                                                         "02134", "CVS", "25", ""]])  # fmt: skip
    code, result = _run(capsys, str(source), "--batch", "GIFTS", "--out", str(tmp_path / "out"))
    assert code == 3 and result["ordered_rows"] == 1, result
    _, rows = _results(Path(str(result["output"])))
    assert rows[3]["Status"] == "invalid" and "is the text of a formula" in str(
        rows[3]["Problems / vendor error"]
    )


def test_the_run_counts_the_rows_to_fix_as_the_fix_these_sheet_lists_them(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])  # 2 invalid rows and 1 duplicate
    capsys.readouterr()
    assert main(["run", str(source), "--batch", "GIFTS", "--yes", "--wait", "0", "--out", str(tmp_path)]) == 3
    said = " ".join(capsys.readouterr().err.split())
    fix = openpyxl.load_workbook(tmp_path / "GIFTS-results.xlsx")[FIX_SHEET]
    assert fix.max_row - 1 == 2  # the duplicate is not on Fix these: it needs no correction
    assert "2 row(s) need fixing" in said and "correct them on the 'Fix these' sheet of" in said
    assert "1 duplicate row(s) repeat an earlier row of the file and are not sent" in said
    # the list has no 'Allow Duplicate' column, which "put yes in its 'Allow Duplicate' column" took for given
    assert "in an 'Allow Duplicate' column (add the column to the file if it has none)" in said


def _fix_row(workbook: Path, original_row: int, column: str, value: str) -> None:
    """The user corrects one cell of a row on the Fix these sheet, in the workbook itself."""
    book = openpyxl.load_workbook(workbook)
    fix = book[FIX_SHEET]
    header = [c.value for c in fix[1]]
    for line in fix.iter_rows(min_row=2):
        if line[header.index("Original row")].value == original_row:
            line[header.index(column)].value = value
    book.save(workbook)


def _first_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """The README's first step: ROWS run as batch GIFTS; its result workbook and the output folder."""
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    out = tmp_path / "out"
    _code, first = _run(capsys, str(source), "--batch", "GIFTS", "--out", str(out))
    return Path(str(first["output"])), out


def _vendor_lines() -> Counter[str]:
    settings = resolve_settings()
    with Sandbox(SandboxConfig(state_file=settings.sandbox_state_file, clock_speed=0)) as sandbox:
        return Counter(li["ExternalId"] for order in sandbox.orders() for li in order["LineItems"])


def test_an_employee_fixed_twice_around_a_rerun_of_the_original_and_a_track_gets_one_card(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a newcomer: after a Fix-these follow-up ordered E3, the original file run again (E3 invalid
    once more, its ordered row kept as 'no longer in the file') and `track` rewriting the workbook, a second
    correction of E3 on Fix these sent E3 a second card. (The original file as it was now reads E3 as
    corrected on Fix these: bulkship.fixdecisions. Its E3 row is edited here, still without a street, so
    that it is read as a row of its own, as the original was then.)"""
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    out = tmp_path / "out"
    first = _run(capsys, str(source), "--batch", "GIFTS", "--out", str(out))[1]
    workbook = Path(str(first["output"]))
    _fix_row(workbook, 5, "Address", "3 Oak Ave")
    assert _run(capsys, str(workbook), "--batch", "GIFTS", "--out", str(out))[0] == 3
    assert _vendor_lines()["E3"] == 1
    with source.open("w", newline="") as handle:  # E3's row, still without a street, its ZIP edited
        csv.writer(handle).writerows(
            [HEADER, *[[*r[:5], "02135", *r[6:]] if r[0] == "E3" else r for r in ROWS]]
        )
    assert _run(capsys, str(source), "--batch", "GIFTS", "--out", str(out))[0] == 3  # the original again
    assert main(["track", "GIFTS"]) == 0
    earlier = [r for r in _results(workbook)[1].values() if r["Employee ID"] == "E3" and r["Row"] != 5]
    assert [str(r["Problems / vendor error"]).startswith("ordered earlier; no longer in the file") for r in
            earlier] == [True]  # the rewrite still says the ordered row is not the file's  # fmt: skip
    _fix_row(workbook, 5, "Address", "3 Oak Avenue")  # E3 corrected again, another way
    last = _run(capsys, str(workbook), "--batch", "GIFTS", "--out", str(out))[1]
    assert _vendor_lines()["E3"] == 1, last  # never a second card
    _, rows = _results(workbook)
    e3 = [r for r in rows.values() if r["Employee ID"] == "E3"]
    assert any(r["Status"] == "held" for r in e3), e3  # the new version waits for a person
    assert [r["Row"] for r in e3 if r["Status"] in ("pending", "ordered", "shipped", "delivered")] != []


def test_validate_checks_the_corrected_fix_these_sheet_as_run_would_read_it(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a newcomer: `validate` on the result workbook read its Results sheet, so it reported the old
    errors (under other row numbers) and missed the corrections and a row added on Fix these."""
    workbook, out = _first_run(tmp_path, capsys)
    _fix_row(workbook, 5, "Address", "3 Oak Ave")  # row 6 (the unknown card) is left as it was
    book = openpyxl.load_workbook(workbook)
    book[FIX_SHEET].append(["E9", "Flo Hart", "9 Ash St", "Boston", "MA", "0213", "CVS", "25", ""])  # bad ZIP
    book.save(workbook)

    capsys.readouterr()
    code = main(["validate", str(workbook), "--out", str(out), "--json"])
    said = json.loads(capsys.readouterr().out)
    assert code == 1
    errors = {p["row"]: p["message"] for p in said["problems"] if p["severity"] == "error"}
    assert said["rows"] == 7 and said["duplicate"] == 1 and said["invalid"] == 2, said
    assert 5 not in errors  # the corrected street
    assert "NOSUCHCARD" in errors[6]  # still wrong, under its own row number
    assert [r for r in errors if r not in (4, 6)] == [8] and "ZIP" in errors[8]  # the added row
    with Sandbox(SandboxConfig(state_file=resolve_settings().sandbox_state_file)) as sandbox:
        assert sum(len(o["LineItems"]) for o in sandbox.orders()) == 3  # validate sent nothing


def test_a_totals_row_stays_skipped_after_the_follow_up(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a newcomer: the sheet's totals row, skipped by the first run, came back from the result
    workbook as an invalid row to fix ("Name is empty; ..."), so the batch could never end clean."""
    source = tmp_path / "holiday.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(ROWS[0])
    sheet.append(["E3", "Cy Diaz", "", "Boston", "MA", "02134", "CVS", "25", ""])  # row 3: no street
    sheet.append(ROWS[5])
    sheet.append(["Total", None, None, None, None, None, None, "=SUM(H2:H4)", None])  # row 5
    book.save(source)
    out = tmp_path / "out"
    code, first = _run(capsys, str(source), "--batch", "HOL", "--out", str(out))
    assert code == 3 and first["by_status"] == {"invalid": 1, "pending": 2, "skipped": 1}, first
    workbook = Path(str(first["output"]))
    _fix_row(workbook, 3, "Address", "3 Oak Ave")

    code, second = _run(capsys, str(workbook), "--batch", "HOL", "--out", str(out))
    assert code == 0, second
    assert second["by_status"] == {"pending": 3, "skipped": 1}, second
    _, after = _results(workbook)
    assert after[5]["Status"] == "skipped" and "totals row" in str(after[5]["Problems / vendor error"])
    fix_rows = list(openpyxl.load_workbook(workbook, read_only=True)[FIX_SHEET].iter_rows(values_only=True))
    assert len(fix_rows) <= 1, fix_rows  # nothing left to fix


def test_a_result_workbook_saved_again_as_ods_by_libreoffice_is_read_as_the_follow_up(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a newcomer: LibreOffice saves as ODS by default; the saved workbook was taken for an edited
    input file, its Results sheet read, the corrections on Fix these silently ignored."""
    from support.libreoffice import convert

    workbook, out = _first_run(tmp_path, capsys)
    _fix_row(workbook, 5, "Address", "3 Oak Ave")
    saved = convert(workbook, "ods", tmp_path)

    code, second = _run(capsys, str(saved), "--batch", "GIFTS", "--out", str(out))
    assert code == 3, second  # row 6's unknown card and row 4's duplicate are still there
    assert second["by_status"] == {"pending": 4, "duplicate": 1, "invalid": 1}, second
    with Sandbox(SandboxConfig(state_file=resolve_settings().sandbox_state_file)) as sandbox:
        lines = Counter(li["ExternalId"] for o in sandbox.orders() for li in o["LineItems"])
    assert lines == Counter({"E1": 1, "E2": 1, "E3": 1, "E5": 1})  # Cy Diaz (row 5) once, nobody twice


def test_track_keeps_corrections_on_fix_these_not_run_yet(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a newcomer: `track` rewrote the result workbook while HR was correcting rows on its Fix
    these sheet, and the corrections were gone without a word."""
    workbook, out = _first_run(tmp_path, capsys)
    assert main(["track", "GIFTS"]) == 0  # nothing corrected yet: rewritten as usual
    capsys.readouterr()
    _fix_row(workbook, 5, "Address", "3 Oak Ave")

    main(["track", "GIFTS"])
    said = " ".join(capsys.readouterr().err.split())
    assert "corrections on its 'Fix these' sheet not run yet (row 5)" in said, said
    kept = openpyxl.load_workbook(workbook)[FIX_SHEET]
    assert any(line[HEADER.index("Address")].value == "3 Oak Ave" for line in kept.iter_rows(min_row=2))
    _run(capsys, str(workbook), "--batch", "GIFTS", "--out", str(out))
    _, after = _results(workbook)
    assert after[5]["PO Number"] and after[5]["Address"] == "3 Oak Ave"  # the correction was sent


def test_a_run_of_the_grown_list_keeps_corrections_on_fix_these_not_run_yet(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-money2 (leftover LB): HR typed a street for row 5 on Fix these, then ran the list,
    grown by a new person, first: the new card went out and the workbook was written again without the
    street, nothing said. Now that run is refused before anything is sent, naming the command that sends the
    corrections first; after it, the list's run sends the new person."""
    workbook, out = _first_run(tmp_path, capsys)
    _fix_row(workbook, 5, "Address", "3 Oak Ave")
    grown = tmp_path / "gifts.csv"
    with grown.open("a", newline="") as handle:
        csv.writer(handle).writerow(["E6", "Flo Hart", "6 Ash Ln", "Boston", "MA", "02134", "CVS", "25", ""])

    assert main(["run", str(grown), "--batch", "GIFTS", "--out", str(out), "--yes", "--wait", "0"]) != 0
    said = " ".join(capsys.readouterr().err.split())
    assert "corrections on its 'Fix these' sheet not run yet (row 5)" in said and "Nothing was sent" in said
    assert f"bulkship run {workbook} --batch GIFTS --out {out}" in said, said
    assert _vendor_lines() == Counter({"E1": 1, "E2": 1, "E5": 1})  # the new person waits too
    kept = openpyxl.load_workbook(workbook)[FIX_SHEET]
    assert any(line[HEADER.index("Address")].value == "3 Oak Ave" for line in kept.iter_rows(min_row=2))

    _run(capsys, str(workbook), "--batch", "GIFTS", "--out", str(out))  # the corrections, as said
    _code, third = _run(capsys, str(grown), "--batch", "GIFTS", "--out", str(out))
    assert _vendor_lines() == Counter({"E1": 1, "E2": 1, "E3": 1, "E5": 1, "E6": 1}), third
    check_money(resolve_settings().ledger_location, "GIFTS")


@pytest.mark.parametrize("typed", ["inf", "1e999", "nan"])
def test_a_row_number_typed_over_on_the_results_sheet_is_passed_over_not_a_traceback(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    """Found by review28 reading 497d6cf: a 'Row' cell of the Results sheet typed over with 'inf' (or
    1e999), while Fix these held a correction, made the list's next run end in an OverflowError traceback.
    That cell is passed over as a row bulkship did not write; the run is refused as for any correction."""
    workbook, out = _first_run(tmp_path, capsys)
    _fix_row(workbook, 5, "Address", "3 Oak Ave")
    book = openpyxl.load_workbook(workbook)
    results = book[RESULTS_SHEET]
    at = [c.value for c in results[1]].index("Row")
    results.cell(row=2, column=at + 1).value = typed
    book.save(workbook)
    grown = tmp_path / "gifts.csv"
    with grown.open("a", newline="") as handle:
        csv.writer(handle).writerow(["E6", "Flo Hart", "6 Ash Ln", "Boston", "MA", "02134", "CVS", "25", ""])

    code = main(["run", str(grown), "--batch", "GIFTS", "--out", str(out), "--yes"])
    said = " ".join(capsys.readouterr().err.split())
    assert code != 0 and "Traceback" not in said and "Nothing was sent" in said, said


@pytest.mark.parametrize("typed", ["inf", "-inf", "1e999"])
def test_an_amount_too_big_for_a_number_on_fix_these_is_passed_over_not_a_traceback(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    """Found by the lead's fuzzer (seed 2334): a row not valid for its amount 'inf' stood on Fix these as the
    list had it; the list corrected and run again ended in an OverflowError traceback, while reading which
    rows Fix these holds, and nothing was sent for the corrected rows."""
    sheet, out = tmp_path / "gifts.csv", tmp_path / "out"
    rows = [ROWS[0], ["E7", "Gil Hunt", "7 Bay St", "Boston", "MA", "02134", "CVS", typed, ""]]
    with sheet.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    assert _run(capsys, str(sheet), "--batch", "GIFTS", "--out", str(out))[1]["invalid"] == 1
    rows[1][HEADER.index("Amount")] = "25"  # corrected in the list itself
    with sheet.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    code, second = _run(capsys, str(sheet), "--batch", "GIFTS", "--out", str(out))
    assert code == 0, second
    assert _vendor_lines() == Counter({"E1": 1, "E7": 1})


def test_a_row_number_typed_over_on_the_hidden_keys_sheet_is_said_not_a_traceback(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by the lead beside the fuzzer's seed 2334: 'inf' over a row number of the workbook's hidden sheet
    of row keys made the Fix-these follow-up end in an OverflowError traceback."""
    workbook, out = _first_run(tmp_path, capsys)
    book = openpyxl.load_workbook(workbook)
    book[KEYS_SHEET].cell(row=2, column=1).value = "inf"
    book.save(workbook)
    code = main(["run", str(workbook), "--batch", "GIFTS", "--out", str(out), "--yes"])
    said = " ".join(capsys.readouterr().err.split())
    assert code == 2 and "Cannot read the result workbook" in said and "Traceback" not in said, said
    assert _vendor_lines() == Counter({"E1": 1, "E2": 1, "E5": 1})


def _ann_and_bo_held(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, dict[str, object]]:
    """October's list (Ann, Bo) sent, then November's (Ann and Bo again, and Ed) run into ``tmp_path/out``:
    its file, and the run's answer holding the two as repeats."""
    out = tmp_path / "out"
    october = tmp_path / "october.csv"
    with october.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, ROWS[0], ROWS[1]])
    assert _run(capsys, str(october), "--batch", "OCT", "--out", str(out))[0] == 0
    november = tmp_path / "november.csv"
    with november.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, ROWS[0], ROWS[1], ROWS[5]])  # Ann and Bo again, and Ed
    code, second = _run(capsys, str(november), "--batch", "NOV", "--out", str(out))
    assert code == 0 and second["held_rows"] == second["held_with_card"] == 2, second
    return november, second


def test_allow_repeat_on_fix_these_sends_only_the_held_rows_still_on_it(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a newcomer: to send one held card again on purpose, HR took the other held rows off Fix these
    and ran it with --allow-repeat: every held row of the batch went out, the removed ones too."""
    out = tmp_path / "out"
    _, second = _ann_and_bo_held(tmp_path, capsys)
    workbook = Path(str(second["output"]))
    book = openpyxl.load_workbook(workbook)
    fix = book[FIX_SHEET]
    header = [c.value for c in fix[1]]
    bo = next(
        i for i, line in enumerate(fix.iter_rows(min_row=2, values_only=True), start=2) if "Bo Park" in line
    )
    assert header.index("Original row") >= 0
    fix.delete_rows(bo)  # only Ann's card is to go again
    book.save(workbook)

    _, third = _run(capsys, str(workbook), "--batch", "NOV", "--allow-repeat", "--out", str(out))
    assert _vendor_lines() == Counter({"E1": 2, "E2": 1, "E5": 1}), third
    _, rows = _results(workbook)
    assert rows[3]["Status"] == "skipped" and "taken off the Fix these sheet" in str(
        rows[3]["Problems / vendor error"]
    )


def test_a_declined_allow_repeat_run_leaves_the_held_rows_on_fix_these_to_take_off(
    tmp_path: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found by newcomer6 (marketing, a second CRM export): two rows held; `run --allow-repeat` showed both
    sent again, answered no (only Bo's card was to go again). That declined run wrote the workbook again with
    both rows 'planned' and none on Fix these: Ann's row could not be taken off, and the workbook run with
    --allow-repeat sent her a second card. The held rows stay on Fix these, as a plain re-run holds them."""
    out = tmp_path / "out"
    november, second = _ann_and_bo_held(tmp_path, capsys)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("n\n"))
    declined = ["run", str(november), "--batch", "NOV", "--allow-repeat", "--out", str(out), "--wait", "0"]
    assert main(declined) == 1
    workbook = Path(str(second["output"]))
    book = openpyxl.load_workbook(workbook)
    fix = book[FIX_SHEET]
    on_fix = [line[1] for line in fix.iter_rows(min_row=2, values_only=True)]
    assert on_fix == ["Ann Lee", "Bo Park"]
    fix.delete_rows(2)  # Ann has her card: only Bo's is to go again
    book.save(workbook)

    _run(capsys, str(workbook), "--batch", "NOV", "--allow-repeat", "--out", str(out))
    assert _vendor_lines() == Counter({"E1": 1, "E2": 2, "E5": 1})


def test_status_after_a_declined_allow_repeat_run_says_the_held_rows_are_held_not_to_send(
    tmp_path: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """newcomer6's L1, found again by newcomer7: after `run --allow-repeat` answered no, `bulkship status`
    gave the two held rows as '2 planned' with 50.00 'To send', money no run would send (a plain re-run holds
    them again) and finance read as owed. They are held in the ledger too, the plan of the others kept."""
    november, _ = _ann_and_bo_held(tmp_path, capsys)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("n\n"))
    declined = ["run", str(november), "--batch", "NOV", "--allow-repeat", "--out", str(tmp_path / "out")]
    assert main([*declined, "--wait", "0"]) == 1
    capsys.readouterr()
    assert main(["status", "NOV", "--json"]) == 0
    batch = json.loads(capsys.readouterr().out)["batches"][0]
    assert batch["by_status"] == {"held": 2, "pending": 1}, batch["by_status"]
    assert batch["money"]["to_send"]["total"] == "0.00", batch["money"]
    _run(capsys, str(november), "--batch", "NOV", "--allow-repeat", "--out", str(tmp_path / "out"))
    assert _vendor_lines() == Counter({"E1": 2, "E2": 2, "E5": 1})  # sent on purpose when said so


def test_a_sheet_of_new_people_added_to_the_result_workbook_refuses_it_never_left_out(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer7: a "January" sheet of new people added to the result workbook was never read."""
    workbook, out = _first_run(tmp_path, capsys)
    book = openpyxl.load_workbook(workbook)
    january = book.create_sheet("January", 0)
    january.append(HEADER)
    january.append(["E8", "Jan One", "8 Main St", "Boston", "MA", "02134", "CVS", "25", ""])
    book.save(workbook)
    before = _vendor_lines()
    code, data = _run(capsys, str(workbook), "--batch", "GIFTS", "--out", str(out))
    assert code == 2 and "a sheet of its own, 'January', holding 1 row(s) of recipients" in str(data["error"])
    assert _vendor_lines() == before
    code, data = _run(capsys, str(workbook), "--sheet", "January", "--batch", "JAN", "--out", str(out))
    assert code == 0 and _vendor_lines()["E8"] == 1


def test_a_sheet_of_contacts_added_to_the_result_workbook_is_no_list_of_recipients_and_is_kept(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review10: a "Contacts" sheet (Name, Email, Phone: who to call about the batch) added to the
    result workbook refused it as "holding 2 row(s) of recipients", advising to run it as a batch; and a
    run rewriting that workbook lost the sheet (track keeps it). Refused before sending, saying so."""
    workbook, out = _first_run(tmp_path, capsys)
    book = openpyxl.load_workbook(workbook)
    contacts = book.create_sheet("Contacts")
    contacts.append(["Name", "Email", "Phone"])
    contacts.append(["Carol Hr", "carol@example.com", "555-0101"])
    contacts.append(["Dan Mgr", "dan@example.com", "555-0102"])
    book.save(workbook)
    before = _vendor_lines()
    code, data = _run(capsys, str(workbook), "--batch", "GIFTS", "--out", str(out))
    assert code == 2 and "holds a sheet of your own ('Contacts')" in str(data["error"]), data
    assert "recipients" not in str(data["error"]) and _vendor_lines() == before
    assert "Contacts" in openpyxl.load_workbook(workbook).sheetnames
    book = openpyxl.load_workbook(workbook)
    del book["Contacts"]
    book.save(workbook)
    code, data = _run(capsys, str(workbook), "--batch", "GIFTS", "--out", str(out))
    assert code == 3 and not data.get("error"), data  # the Fix these follow-up: rows still to fix


def test_a_row_the_list_says_went_out_already_is_not_called_hidden_after_the_follow_up(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review9: in the Fix these run, a row skipped as "the list says it was sent already" was
    taken for a hidden row, and the notice advised --include-hidden."""
    source = tmp_path / "sent.csv"
    with source.open("w", newline="") as handle:
        no_street = ["E3", "Cy Diaz", "", "Boston", "MA", "02134", "CVS", "25", "", ""]
        csv.writer(handle).writerows([[*HEADER, "Sent"], [*ROWS[0], "Yes - Nov"], no_street, [*ROWS[5], ""]])
    out = tmp_path / "out"
    code, first = _run(capsys, str(source), "--batch", "SENT", "--out", str(out))
    assert code == 3 and first["by_status"] == {"invalid": 1, "pending": 1, "skipped": 1}, first
    workbook = Path(str(first["output"]))
    _fix_row(workbook, 3, "Address", "3 Oak Ave")
    from bulkship.reconcile.fixsheet import load_fix_sheet

    follow_up = load_fix_sheet(workbook)
    assert follow_up is not None
    assert [(s.row, s.kind) for s in follow_up.skipped] == [(2, "not to send")]  # was "hidden"
    code = main(["run", str(workbook), "--batch", "SENT", "--out", str(out), "--yes", "--wait", "0"])
    assert code == 0 and _vendor_lines()["E1"] == 0


def test_a_result_workbook_run_without_batch_finishes_the_batch_it_was_written_for(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer8: the fixed workbook, saved under a new name and run without --batch, became a
    batch of its own: the rows it shows ordered were held there, with advice to re-run with --allow-repeat
    (a second card), and the first batch kept its rows "to fix" for ever. It finishes its own batch now,
    and validate checks it as that batch too."""
    workbook, out = _first_run(tmp_path, capsys)
    _fix_row(workbook, 5, "Address", "3 Oak Ave")
    _fix_row(workbook, 6, "Product", "CVS")
    fixed = workbook.with_name("gifts-fixed.xlsx")
    workbook.rename(fixed)
    capsys.readouterr()
    assert main(["validate", str(fixed), "--json", "--out", str(out)]) == 1  # row 4: the duplicate
    checked = json.loads(capsys.readouterr().out)
    assert (checked["valid"], checked["repeats"]) == (5, []), checked  # nothing held as a repeat
    code, second = _run(capsys, str(fixed), "--out", str(out))
    assert code == 3, second  # row 4 is still a duplicate
    assert second["batch"] == "GIFTS" and not second.get("held"), second
    assert sorted(_vendor_lines().values()) == [1, 1, 1, 1, 1]  # each card once


def test_a_column_added_after_the_result_columns_is_kept_and_track_says_where_to_put_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer8: a column of notes added after 'Delivered date' made every `track` fail with
    "does not end with bulkship's result columns" and no hint. The workbook is still left as it is (a
    rewrite would lose the notes); the error names the column and where it can go: moved to the left of
    'Row', it is kept by the next rewrite."""
    workbook, _out = _first_run(tmp_path, capsys)
    book = openpyxl.load_workbook(workbook)
    results = book[RESULTS_SHEET]
    last = results.max_column + 1
    results.cell(1, last, "My follow-up notes")
    results.cell(2, last, "called her")
    book.save(workbook)
    capsys.readouterr()
    assert main(["track", "GIFTS", "--json"]) == 2
    error = json.loads(capsys.readouterr().out)
    assert (
        "has 'My follow-up notes' (" in error["error"] and "after bulkship's result columns" in error["error"]
    )
    assert error["hint"].startswith("move your column(s) to the left of 'Row'")
    header, _ = _results(workbook)
    book = openpyxl.load_workbook(workbook)
    results = book[RESULTS_SHEET]
    at = header.index("Row") + 1
    results.insert_cols(at)
    results.cell(1, at, "My follow-up notes")
    results.cell(2, at, "called her")
    results.delete_cols(results.max_column)
    book.save(workbook)
    assert main(["track", "GIFTS"]) == 0
    _, rows = _results(workbook)
    assert rows[2]["My follow-up notes"] == "called her"


def test_a_row_copied_on_fix_these_is_a_row_of_its_own_and_its_person_gets_one_card(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by fuzzing the follow-up with a user's edits: a row copied on Fix these (copy-paste below, its
    'Original row' copied too) ended the run in a traceback (two rows of one number). The copy is a row of
    its own, after the batch's rows: fixed alike, it is a duplicate, not sent; its person gets one card."""
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    out = tmp_path / "out"
    _code, first = _run(capsys, str(source), "--batch", "GIFTS", "--out", str(out))
    workbook = Path(str(first["output"]))
    book = openpyxl.load_workbook(workbook)
    fix = book[FIX_SHEET]
    fix_header = [c.value for c in fix[1]]
    for line in list(fix.iter_rows(min_row=2)):
        if line[fix_header.index("Original row")].value == 5:
            line[HEADER.index("Address")].value = "3 Oak Ave"
            fix.append([cell.value for cell in line])  # the fixed row, copied below
    book.save(workbook)

    code, second = _run(capsys, str(workbook), "--batch", "GIFTS", "--out", str(out))
    assert code == 3, second
    _header, after = _results(workbook)
    assert sorted(after) == [2, 3, 4, 5, 6, 7, 8], "the copy is row 8, after the batch's rows"
    assert after[5]["Status"] == "pending" and after[5]["PO Number"]
    assert after[8]["Status"] == "duplicate" and str(after[8]["Problems / vendor error"]).startswith(
        "duplicate of row 5"
    )
    with Sandbox(SandboxConfig(state_file=resolve_settings().sandbox_state_file)) as sandbox:
        orders = sandbox.orders()
    lines = Counter(li["ExternalId"] for o in orders for li in o["LineItems"])
    assert lines["E3"] == 1 and sorted(lines.values()) == [1, 1, 1, 1], lines


def test_a_note_on_a_cell_of_fix_these_asking_for_another_card_stops_that_row(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets3: the notes on a row's cells are read as a Notes column; on the Fix these sheet
    they belong to the row they were written on (its original row), not to the sheet's own row number."""
    from openpyxl.comments import Comment

    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    out = tmp_path / "out"
    code, first = _run(capsys, str(source), "--batch", "GIFTS", "--out", str(out))
    workbook = Path(str(first["output"]))
    book = openpyxl.load_workbook(workbook)
    fix = book[FIX_SHEET]
    fix_header = [c.value for c in fix[1]]
    for line in fix.iter_rows(min_row=2):
        original = line[fix_header.index("Original row")].value
        if original == 5:  # fixed, and a note on its card asking for another
            line[HEADER.index("Address")].value = "3 Oak Ave"
            line[HEADER.index("Product")].comment = Comment("Target instead", "HR")
        if original == 6:
            line[HEADER.index("Product")].value = "CVS"
    book.save(workbook)
    code, second = _run(capsys, str(workbook), "--batch", "GIFTS", "--out", str(out))
    assert code == 3, second
    _, after = _results(workbook)
    assert (after[5]["Status"], after[6]["Status"]) == ("invalid", "pending")
    assert "'Note on Product' says 'Target instead', asking for TARGET" in str(
        after[5]["Problems / vendor error"]
    )


def test_do_not_send_written_on_fix_these_leaves_out_that_row_and_no_other(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer3: 'do not send' typed in a row's note on Fix these while correcting it was read on
    the row of the file one above (by its row on the sheet, not in the file). Bo (row 3, fixed) was left out
    as "the list says not to send it", and Ed (row 4), whom the note was about, was ordered."""
    source = tmp_path / "fix.csv"
    rows = [
        ["E1", "Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25", ""],
        ["E2", "Bo Park", "2 Elm St", "Boston", "ZZ", "02134", "CVS", "25", ""],  # invalid: the state
        ["E5", "Ed Gray", "5 Pine Rd", "Boston", "MA", "02134", "CVS", "30", ""],  # invalid: the amount
    ]
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    out = tmp_path / "out"
    code, first = _run(capsys, str(source), "--batch", "FIX", "--out", str(out))
    workbook = Path(str(first["output"]))
    _fix_row(workbook, 3, "State", "MA")
    _fix_row(workbook, 4, "Amount", "25")
    _fix_row(workbook, 4, "Team notes", "do not send")  # Ed has left: corrected, then called off
    capsys.readouterr()
    code = main(["run", str(workbook), "--batch", "FIX", "--out", str(out), "--yes", "--wait", "0"])
    said = " ".join(capsys.readouterr().err.split())
    assert code == 0, said
    assert _vendor_lines() == Counter({"E1": 1, "E2": 1}), said
    _header, results = _results(workbook)
    assert (results[3]["Status"], results[4]["Status"]) == ("pending", "skipped"), results
    assert "row 4 (column 'Team notes': 'do not send')" in said, said


def test_a_row_with_a_preferred_first_name_corrected_on_fix_these_continues_the_batch(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A UKG Pro export's 'Preferred First Name' (found by newcomer30): Farhana Chowdhury, who goes by Fara,
    corrected on Fix these, refused the README's follow-up, exit 2, "continues batch 'AWARDS' ..., but not row
    2 (Farhana Chowdhury), still waiting on you": the workbook named her by her legal first name, the
    corrected row by the one on her card, and the two were taken for two people."""
    source = tmp_path / "awards.csv"
    source.write_text(
        "Employee Number,First Name,Last Name,Preferred First Name,Address,City,State,ZIP,Product,Amount\n"
        "1,Farhana,Chowdhury,Fara,925 Davis St,Evanston,IL,60201,TARGET,150\n"
        "2,Rosa,Alvarez,,1420 N Lake Shore Dr,Chicago,IL,60610,TARGET,100\n"
        "3,Nils,Bergstrom,,77 W Wacker Dr,Chicago,IL,60601,TARGET,140\n"
    )
    out = tmp_path / "out"
    code, first = _run(capsys, str(source), "--batch", "AWARDS", "--out", str(out))
    assert code == 3, first
    workbook = Path(str(first["output"]))
    _fix_row(workbook, 2, "Amount", "100")
    _fix_row(workbook, 4, "Amount", "100")
    code, second = _run(capsys, str(workbook), "--batch", "AWARDS", "--out", str(out))
    assert code == 0, second
    assert sorted(_vendor_lines().values()) == [1, 1, 1]  # each card once
