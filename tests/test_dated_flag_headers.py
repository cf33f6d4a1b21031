"""A column saying the card went, or not to send, whose header names a period beside its words: 'Sent 2026',
'Date Sent 2026', 'Sent Q4', 'Do Not Send 2026', 'Opt Out 2026'. Read as 'Sent' or 'Do Not Send' are; a
year's round as 'Card Sent 2025' is (an annual tracker's earlier years are not this year's)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from bulkship.load import load_sheet

THIS = date.today().year


def _left_out(path: Path, header: list[str], rows: list[list[str]]) -> list[int]:
    """The rows (2 = the first) of a list with the columns ``header`` beside the address that are left out."""
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Name", "Street", "City", "State", "ZIP", "Product", "Amount", *header])
        for i, cells in enumerate(rows):
            writer.writerow([f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02108", "CVS", "25", *cells])
    return sorted(s.row for s in load_sheet(path).skipped)


@pytest.mark.parametrize(
    ("header", "said"),
    [
        (f"Sent {THIS}", "Yes"),
        (f"{THIS} Sent", "Yes"),
        (f"Sent in {THIS}", "Yes"),
        (f"Mailed {THIS}", "x"),
        (f"Shipped {THIS}", "Yes"),
        (f"Date Sent {THIS}", f"12/1/{THIS}"),
        (f"Sent? {THIS}", "Y"),
        (f"Sent FY{THIS % 100}", "Yes"),
        ("Sent Q4", "Yes"),
        (f"Sent Dec {THIS}", "Yes"),
        ("Sent this year", "Yes"),
        (f"Do Not Send {THIS}", "x"),
        (f"DNS {THIS}", "x"),
        (f"Opt Out {THIS}", "Yes"),
    ],
)
def test_a_sent_or_do_not_send_column_naming_a_period_leaves_its_row_out(
    tmp_path: Path, header: str, said: str
) -> None:
    """Found by review42: a holiday list's 'Sent 2026' (or '2026 Sent', 'Date Sent 2026', 'Sent Q4', 'Sent
    this year', 'Do Not Send 2026', 'DNS 2026', 'Opt Out 2026') = Yes (or x, or the day) on row 3 was read
    as nothing: its card was ordered, exit 0, a second card or one to a person who said no, where 'Sent',
    'Card Sent 2026' or 'Sent (2026)' leave the row out. The other rows, the column empty, still send."""
    assert _left_out(tmp_path / "list.csv", [header], [[""], [said], [""]]) == [3]


def test_an_annual_tracker_s_earlier_years_say_nothing_of_this_year_s_card(tmp_path: Path) -> None:
    """'2024 Sent', '2025 Sent', '2026 Sent' side by side (a tracker kept year after year): only this year's
    leaves a row out; a person sent a card in earlier years is sent this year's; a year long past, alone
    ('Sent 2023' on a 2026 list), is an earlier round's."""
    header = [f"{THIS - 2} Sent", f"{THIS - 1} Sent", f"{THIS} Sent"]
    rows = [["Yes", "Yes", ""], ["", "Yes", "Yes"], ["Yes", "", ""], ["", "", ""]]
    assert _left_out(tmp_path / "tracker.csv", header, rows) == [3]
    assert _left_out(tmp_path / "old.csv", [f"Sent {THIS - 3}"], [["Yes"], [""]]) == []
