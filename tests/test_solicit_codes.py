"""'Do not solicit' under Notes, a Status, a contact preference or a donor CRM's solicit codes: left out, as a
'Do Not Solicit' = Y column leaves its row out (hunter-asks5's leftover 1; found by hunter-asks6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_validated


@pytest.mark.parametrize(
    "header", ["Notes", "Status", "Contact Preference", "Solicit Codes", "Solicitation Preference"]
)
def test_do_not_solicit_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Before: 'Do not solicit', 'No solicitations' were read as nothing (a card to a donor who asked for no
    solicitation, exit 0), and a 'Solicit Codes' column ('Do not contact' there) was no column read at all.
    Now left out, 'Do not solicit until 1/15/2027' held to its day; 'Solicit', 'OK to solicit', 'Email only',
    'Do not phone' and 'Do not solicit by phone' (as 'DNC (phone)') send; so does 'Do not solicit - gifts OK'
    (review75: left out by 2edf47d0)."""
    out = ["Do not solicit", "No solicitations", "Active - do not solicit", "Do not contact"]
    sends = ["Solicit", "OK to solicit", "Email only", "Do not phone", "Do not solicit by phone",
             "Do not solicit - gifts OK", "Do not solicit (card OK)"]  # fmt: skip
    cells = [*out, *sends, "Do not solicit until 1/15/2027"]
    sheet, result = notes_validated(tmp_path / "list.csv", cells, header)
    rows = dict(enumerate(cells, start=2))
    assert [rows[s.row] for s in sheet.skipped] == [*out, "Do not solicit until 1/15/2027"]
    assert "yet" in sheet.skipped[-1].reason
    assert not [p for p in result.problems if p.severity == "error"]
