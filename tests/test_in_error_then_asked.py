"""A leaving said a mistake, then a question of another thing ('Terminated in error - call Sue?', '... - new
address?') or a check of the mistake ('Terminated in error - confirm?', 'Terminated in error (confirm)'). The
first were left out (any question after the mistake kept the leaving), the person still here dropped; the
check was left out, or sent ('(confirm)'), nobody asked (review75)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_in_error, notes_left_out, notes_sheet

# the mistake said, another thing asked: the person still here, sent
SENDS = [
    "Terminated in error - call Sue?",
    "Terminated in error - new address?",
    "Terminated in error - Target?",
]
# the mistake checked: its yes sends, its no is the leaving: the error asking
ASKS = [
    "Terminated in error - confirm?", "Terminated in error (confirm)", "Terminated in error - check with HR",
    "Deceased in error - confirm?", "Terminated in error - really?", "Terminated in error - deceased?",
]  # fmt: skip
STAYS_OUT = ["Terminated in error - then resigned", "Terminated in error? No", "Terminated"]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_mistake_said_then_asked_of_another_thing_sends_and_checked_asks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    cells = [*SENDS, *ASKS, *STAYS_OUT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == STAYS_OUT
    errors = notes_in_error(path, tmp_path / "out", capsys)
    assert errors == set(range(2 + len(SENDS), 2 + len(SENDS) + len(ASKS)))
