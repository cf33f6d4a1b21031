"""A list's own total against its rows (found by hunter-money20): 'Total | 140' under rows of 50, 15 and 25
was left out as a totals row and nothing more was said: the plan's 90.00 beside the list's 140 read as right,
while a recipient of 50.00 may be missing from what bulkship reads (or the total is out of date). It is said
with the plan now, and nothing else changes: the rows read are ordered, the total never is."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main

HEADER = "Employee Name,Home Address,City,State,Zip Code,Gift Card,Amount\n"
PEOPLE = (
    "Grace Kim,40 Summer St,Somerville,MA,02143,Target,50\n"
    "Henry Adams,12 Oak Ave Apt 3,Boston,MA,02134,Starbucks,15\n"
    "Karen Lee,3 Pine Rd,Manchester,NH,03101,CVS,25\n"
)
SAID = "Row 5 of the list is a total of 140.00 in column 'Amount', and the 3 row(s) above it add up to 90.00"


def validated(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["validate", str(path)]) == 0
    said = capsys.readouterr()
    return " ".join((said.err + said.out).split())


def test_a_list_total_other_than_its_rows_is_said_before_sending(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "ops.csv"
    sheet.write_text(HEADER + PEOPLE + "Total,,,,,,140\n")
    said = validated(sheet, capsys)
    assert SAID in said and "3 valid" in said, said
    assert main(["run", str(sheet), "--max-total", "1"]) != 0  # the plan says it before any send
    assert SAID in " ".join(capsys.readouterr().err.split())


@pytest.mark.parametrize(
    "tail",
    [
        "Total,,,,,,90\n",  # the rows' sum
        "Total,,,,,,$90.00\n",  # written as money
        "Total,,,,,,\n",  # a label alone
        "Total,,,,,,3 cards\n",  # no amount
    ],
)
def test_a_list_total_that_is_its_rows_sum_or_no_amount_says_nothing(
    tail: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "ops.csv"
    sheet.write_text(HEADER + PEOPLE + tail)
    assert "is a total of" not in validated(sheet, capsys)


def test_subtotals_a_grand_total_cards_and_hidden_rows_are_added_as_a_sheet_adds_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Employee Name", "Home Address", "City", "State", "Zip Code", "Gift Card", "Amount", "Qty"])
    sheet.append(["Grace Kim", "40 Summer St", "Somerville", "MA", "02143", "Target", 50, 2])
    sheet.append(["Henry Adams", "12 Oak Ave", "Boston", "MA", "02134", "Starbucks", 15, 1])
    sheet.append(["Subtotal", None, None, None, None, None, 115, None])  # 50 x 2 + 15: what they cost
    sheet.append(["Karen Lee", "3 Pine Rd", "Manchester", "NH", "03101", "CVS", 25, 1])
    sheet.append(["Ed Wu", "4 Elm St", "Boston", "MA", "02134", "CVS", 10, 1])  # hidden: SUBTOTAL(109) skips
    sheet.append(["Subtotal", None, None, None, None, None, 25, None])
    sheet.append(["Grand Total", None, None, None, None, None, 100, None])  # 50 + 15 + 25 + 10
    sheet.row_dimensions[6].hidden = True
    book.save(tmp_path / "groups.xlsx")
    said = validated(tmp_path / "groups.xlsx", capsys)
    assert "is a total of" not in said, said


def test_a_list_total_of_cards_other_than_its_rows_is_said_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-money20's leftover, fixed by hunter-money21: a list with a 'Qty' column closing on 'Total |
    90 | 5' over three rows of 1 card (the amounts right) said nothing: two people may be missing from what
    bulkship reads. Said as the amount's total is; a card total that adds up ('3', or blanks read as 1 card
    each) says nothing."""
    header = HEADER.replace("Amount\n", "Amount,Qty\n")
    people = "".join(line.replace("\n", ",1\n") for line in PEOPLE.splitlines(keepends=True))
    sheet = tmp_path / "ops.csv"
    sheet.write_text(header + people + "Total,,,,,,90,5\n")
    said = validated(sheet, capsys)
    assert (
        "Row 5 of the list is a total of 5 card(s) in column 'Qty', and the 3 row(s) above it add up to 3"
        in said
    )
    assert "in column 'Amount'" not in said, said
    for right in (people + "Total,,,,,,90,3\n", PEOPLE.replace("\n", ",\n") + "Total,,,,,,90,3\n"):
        sheet.write_text(header + right)
        assert "card(s) in column 'Qty'" not in validated(sheet, capsys)


@pytest.mark.parametrize(
    "label",
    # (a 'Count' under 'Total' in a Workday export: found by newcomer29)
    ["Headcount", "Number of employees", "# of recipients", "Employee count", "Count", "Count:"],
)
def test_a_headcount_under_the_total_is_a_count_of_rows_not_a_total_of_money(
    label: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An ADP export's 'Headcount | 14' (=COUNTA(B5:B18)) under its 'Total' row was said "a total of 14.00 in
    column 'Award Amount', and the 14 row(s) above it add up to 1,750.00: a recipient may be missing" (found
    by newcomer28, N3), and without a formula (a CSV) it was a row to fix: 'Address is empty; fill in the
    street address'. It is a totals row; its figure is checked against the number of rows, in its words."""
    sheet = tmp_path / "hr.csv"
    sheet.write_text(HEADER + PEOPLE + ",,,,,,\nTotal,,,,,,90\n" + f"{label},,,,,,3\n")
    said = validated(sheet, capsys)
    assert "is a total of" not in said and "counts" not in said and "is empty" not in said, said
    assert f"totals row ('{label}')" in said and "3 valid" in said, said
    sheet.write_text(HEADER + PEOPLE + f"{label},,,,,,4\n")
    said = validated(sheet, capsys)
    assert "is a total of" not in said, said
    assert (
        f"Row 5 of the list counts 4 ('{label}') in column 'Amount', and 3 row(s) are above it: a recipient "
        "may be missing from what bulkship reads"
    ) in said, said
