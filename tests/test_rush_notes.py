"""A note asking for faster shipping after what it says first: the row stops, as a note opening with it
does, rather than the card going STANDARD unsaid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.notes import notes_sheet

from bulkship.cli import main

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def test_a_note_asking_for_faster_shipping_after_other_words_stops_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer20 (N2): an HR list's Notes '25 yrs! overnight please' went STANDARD, exit 0, its
    25-year award a week late, where 'overnight please' stops the row asking for the method. It stops now, as
    'Congrats on 25 years - rush please' and '25 yr award, rush' do; 'no rush', a stay ('Team offsite,
    overnight'), 'Address change - expedited' still send."""
    asks = ["25 yrs! overnight please", "25 yrs! please expedite", "Congrats on 25 years - rush please",
            "25 yr award, rush", "Card for 25 yrs; please rush it",
            "25 yrs! overnight please - needs by Fri"]  # fmt: skip
    still = ["no rush", "Not a rush", "Team offsite, overnight", "Night crew; overnight",
             "Address change - expedited", "Rush Street office, please", "Thanks! Rush hour"]  # fmt: skip
    path = notes_sheet(tmp_path / "awards.csv", [*asks, *still])
    code = main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    data = json.loads(capsys.readouterr().out)
    errors = {p["row"]: p["message"] for p in data["problems"] if p["severity"] == "error"}
    assert code == 1
    assert sorted(errors) == list(range(2, 2 + len(asks)))
    assert all("asking for faster shipping" in message for message in errors.values())
