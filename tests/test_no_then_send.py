"""A remark saying no, then a bare word to send the card ('Declined - send card', 'Nomination Status' = 'Not
selected - runner up, send card'): the list says both, so the row asks, nothing sent until a person says
(the lead's closing note of session 52; review79). Left out on the no before, the runner-up's card the list
asked for was never sent and nobody was asked; 'Deceased, send them a card' was ordered."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_validated

# left out before, nobody asked
LEFT_OUT_BEFORE = [
    "Declined - send card", "Rejected; send consolation card", "Declined (send gift card)",
    "Denied: mail card", "Do not send - send the card", "Terminated - send $25 card",
]  # fmt: skip
# ordered before
SENT_BEFORE = ["Deceased, send them a card", "Do not send, send them a card"]
# a send put off, refused, asked or done, a no beside it, or what comes after a hold to a day: as before
STAYS_OUT = [
    "Declined - send card next year", "Declined - do not send card", "Declined - card sent",
    "Declined - send card?", "Send card - declined", "Declined - no card",
    "Hold until 1/15/2027 - send card", "On leave until 1/15/2027 - send card",
]  # fmt: skip
# a send said plainly, or beside no no
SENDS = [
    "Declined - send card anyway", "Declined - please send card", "Approved - send card", "Active, send card",
]  # fmt: skip


def _read(folder: Path, header: str, cells: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The cells whose rows ask, are left out, are sent (on Dec 8, 2026)."""
    sheet, result = notes_validated(folder / "list.csv", cells, header)
    rows = dict(enumerate(cells, start=2))
    errors = {p.row for p in result.problems if p.severity == "error"}
    valid = set(result.rows.index[result.rows["status"] == "valid"])
    return (
        [rows[r] for r in sorted(errors)],
        [rows[s.row] for s in sheet.skipped],
        [rows[r] for r in sorted(valid) if r in rows],
    )


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_no_then_a_bare_send_asks(tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 8))
    asks = [*LEFT_OUT_BEFORE, *SENT_BEFORE]
    assert _read(tmp_path, header, [*asks, *STAYS_OUT, *SENDS]) == (asks, STAYS_OUT, SENDS)
    _, result = notes_validated(tmp_path / "list.csv", ["Declined - send card"], header)
    assert [p.message for p in result.problems if p.severity == "error"] == [
        f"Row 2, column '{header}': says 'Declined - send card': is this card to be sent? Check, then write "
        f"'send' or 'do not send' in '{header}' in its place."
    ]


@pytest.mark.parametrize("header", ["Nomination Status", "Registration Status"])
def test_a_nominee_passed_over_with_a_card_asked_for_asks(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lead's two texts, and a question there ('Declined?' was ordered, where under 'Status' it asks):
    a nomination's or a registration's status is read for what asks as a person's is."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 8))
    asks = ["Declined - send card", "Not selected - runner up, send card",
            "Not selected, send consolation card", "Declined?", "Not selected?"]  # fmt: skip
    stays_out = ["Declined", "Not selected", "Declined - send card next year", "Declined - card sent"]
    sends = ["Selected - send card", "Registered", "Declined - send card anyway", "Winner"]
    assert _read(tmp_path, header, [*asks, *stays_out, *sends]) == (asks, stays_out, sends)
