"""A refusal, then approved and nothing more ('Declined - now approved', 'Declined - approved by HR 12/1'):
the error asking whether the card goes, nothing sent. Each was left out, nobody asked: what was approved, the
refusal or the card, the list does not say (review69's leftover 3, session 48's leftover 4; review71)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_in_error, notes_left_out, notes_sheet

ASKS = [
    "Declined - now approved", "Declined - approved 12/1", "Declined - approved by HR 12/1",
    "Declined, now approved", "Declined gift card - now approved", "Opted out - now approved",
]  # fmt: skip
OUT = ["Declined - now approved?", "Declined - approved then revoked", "Declined - approved by mistake"]
OUT += ["Declined"]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_refusal_then_approved_alone_asks_whether_the_card_goes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    cells = [*ASKS, *OUT, "Declined - later approved, send"]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == OUT  # (each of ASKS was left out)
    errors = notes_in_error(path, tmp_path / "out", capsys)
    assert errors == set(range(2, 2 + len(ASKS)))


HOLD_ASKS = [
    "On hold - approved", "Pause - approved", "Paused - approved", "Not yet - approved 12/1",
    "Hold - approved by HR", "Held (approved)",
]  # fmt: skip
HOLD_OUT = ["On hold - approved?", "On hold - approved for 2027", "Do not send - approved 12/1", "On hold"]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_hold_then_approved_alone_asks_whether_the_card_goes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """Each of HOLD_ASKS was left out, nobody asked (review73's leftover 4; review75): the hold approved, or
    the card? The error asking now. Asked, for a later year, a no approved (what was approved may be the no:
    test_notes_no_lifted_since) stay out; 'Hold - now approved' and '... - approved, send' send."""
    cells = [*HOLD_ASKS, *HOLD_OUT, "Hold - now approved", "On hold - approved, send"]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == HOLD_OUT
    assert notes_in_error(path, tmp_path / "out", capsys) == set(range(2, 2 + len(HOLD_ASKS)))
