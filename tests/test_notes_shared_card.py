"""A note saying a row's card is shared with another row ('Included on Walter's card', 'One card for both'):
read as nothing, both rows were ordered, a second card where the list says one (newcomer25's N1, a volunteer
list's Walter and Linda Pruitt). A row whose card is another's is left out; one card for two rows, which of
them gets it unsaid, is the error asking; so is a row whose card is another's: left out, a pair each saying
so was a household sent no card (review65 and review66 checking f86305ab)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_validated

ANOTHER_S = [
    "Included on Walter's card", "Included in Walter Pruitt's card", "Shares a card with Walter (row 12)",
    "Shared card with Walter", "Card shared with Walter",
]  # fmt: skip
ASKS = [
    "His wife Linda also volunteers - one card for both", "One card for both", "one card for the two of them",
    "Linda also volunteers - send one card to both", "Same household as Walter - one card only",
    "Card goes to Walter & Linda together",
]  # fmt: skip
SENDS = [
    "One card only", "One per household", "Included in wave 1", "Included on Walter's card - send separately",
    "Shares card number with Walter",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_note_sharing_a_card_with_another_row_orders_no_second_card(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*ANOTHER_S, *ASKS, *SENDS]
    sheet, result = notes_validated(tmp_path / "list.csv", cells, header)
    rows = dict(enumerate(cells, start=2))
    assert not sheet.skipped
    assert [rows[p.row] for p in result.problems if p.severity == "error"] == [*ANOTHER_S, *ASKS]
    valid = result.rows.index[result.rows["status"] == "valid"]
    assert [rows[r] for r in valid if r in rows] == SENDS


def test_two_rows_each_sharing_the_other_s_card_are_each_asked_never_both_left_out(tmp_path: Path) -> None:
    """Walter 'Shares a card with Linda (row 3)' and Linda 'Shares a card with Walter (row 2)': both were left
    out, 'the list says not to send it', the household got no card (found by review65 and review66 checking
    f86305ab). Each row is the error asking which of them gets the card; Dan's beside nobody's too."""
    cells = [
        "Shares a card with Linda (row 3)",
        "Shares a card with Walter (row 2)",
        "Card shared with Eve",
        "",
    ]
    sheet, result = notes_validated(tmp_path / "list.csv", cells, "Notes")
    assert not sheet.skipped
    assert sorted({p.row for p in result.problems if p.severity == "error"}) == [2, 3, 4]
