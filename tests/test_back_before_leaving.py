"""A leaving, then the person said back on a day before it ('Left 2023 - returned 3/4/2019'): the error
asking (review73's leftover 5; review75)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_in_error, notes_left_out, notes_sheet

ASKS = [
    "Left 2023 - returned 3/4/2019", "Left 2023 - returned 2019", "Terminated 2023 - rehired 2019",
    "Left 5/1/2023 - back 3/4/2023", "Resigned 2022 - came back 2021", "Terminated 2021 (rehired 2019)",
]  # fmt: skip
# back after the leaving, or its order not told: as before
SENDS = [
    "Left 2019 - returned 2021", "Left 2023 - returned 12/2", "Terminated 5/1/2023 - rehired 6/4/2023",
    "Left 2023 - returned 2023", "Rehired 2021 - terminated 2019", "Left 2023 - rehired 11/20",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_return_dated_before_the_leaving_asks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """Before (main ba0484a0): each of ASKS was ordered, the return read alone, where a return before the
    leaving undoes nothing (or a year is mistyped): a card to someone who may be gone. The error asking now,
    nothing sent; SENDS as before."""
    cells = [*ASKS, *SENDS]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == []
    assert notes_in_error(path, tmp_path / "out", capsys) == set(range(2, 2 + len(ASKS)))
