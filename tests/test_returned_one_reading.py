"""A leaving then 'returned' or 'back' alone ('Terminated - returned', 'Quit (returned)'), and a leaving
undone with no mark ('Term reversed'): one reading under Notes and Status (review73's leftover 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_in_error, notes_left_out, notes_sheet

# the person back, or a thing returned? Left out, nobody asked, in both columns
ASKS = [
    "Terminated - returned",
    "Left - returned",
    "Resigned (returned)",
    "Terminated - back",
    "Terminated reversed?",
]
# the leaving undone: 'Term reversed' was left out under Status, sent under Notes
SENDS = [
    "Term reversed",
    "Term rescinded",
    "Termination reversed",
    "Terminated - now back",
    "Terminated cancelled",
]
STAYS_OUT = [
    "Terminated - returned badge",
    "Terminated - mail returned",
    "Terminated - returned, do not send",
]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_return_said_alone_asks_and_a_leaving_undone_sends_in_both_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    cells = [*ASKS, *SENDS, *STAYS_OUT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == STAYS_OUT
    assert notes_in_error(path, tmp_path / "out", capsys) == set(range(2, 2 + len(ASKS)))


def test_quit_returned_asks_under_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'Quit - returned' was left out under Notes; under Status 'Quit' alone is no leaving (a wellness list's
    word: test_visible_rows), and it is sent there as before."""
    path = notes_sheet(tmp_path / "list.csv", ["Quit - returned", "Quit (returned)"])
    assert notes_in_error(path, tmp_path / "out", capsys) == {2, 3}
