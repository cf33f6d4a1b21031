"""A client list's note barring gifts by a policy ('Gift policy: cannot accept', 'Ethics policy prohibits
gifts') or a mail house's 'DNM' (do not mail): left out, as 'Cannot accept gifts', 'Ethics policy: no gifts'
and 'Do not mail' are (found by newcomer22, N8: each was ordered, exit 0, from a marketing coordinator's
CRM export)."""

from __future__ import annotations

from pathlib import Path

from support.notes import notes_left_out, notes_sheet

LEFT_OUT = [
    "gift policy: cannot accept", "Gift policy - can't accept", "ethics policy prohibits gifts",
    "Company policy does not allow gift cards", "Ethics rules forbid gifts", "DNM", "D.N.M.", "DNM - moved",
]  # fmt: skip
SENDS = [
    "gift policy: can accept up to $50", "ethics policy reviewed, OK to send", "DNM? check",
    "no mail on Saturdays", "policy reviewed",
]  # fmt: skip


def test_a_note_barring_gifts_by_a_policy_or_saying_dnm_leaves_the_row_out(tmp_path: Path) -> None:
    cells = [*LEFT_OUT, *SENDS]
    out = notes_left_out(notes_sheet(tmp_path / "list.csv", cells), cells)
    assert [cell for cell in LEFT_OUT if cell not in out] == []  # each was ordered before
    assert [cell for cell in SENDS if cell in out] == []  # a limit it allows, a question, other words: sent


GONE = [
    "out of business", "company closed", "Business closed permanently", "closed down", "vacant",
    "Vacant - returned 11/20", "no longer there",
]  # fmt: skip
STILL_THERE = [
    "No longer there - new address on row", "Office closed for the holidays",
    "company closed - new address on row", "store closed on Sundays", "vacant lot next door",
    "no longer there? confirm",
]  # fmt: skip


def test_a_note_saying_nobody_is_there_to_take_the_card_leaves_the_row_out(tmp_path: Path) -> None:
    """The business closed, the address vacant, the contact no longer there (found by newcomer22, N8: each was
    ordered, where 'No longer at this address' is left out); the address put right on the row, a closing for
    a time, another place, a question: sent as before."""
    cells = [*GONE, *STILL_THERE]
    out = notes_left_out(notes_sheet(tmp_path / "list.csv", cells), cells)
    assert [cell for cell in GONE if cell not in out] == []
    assert [cell for cell in STILL_THERE if cell in out] == []


CLOSED_FOR_DAYS = [
    "Company closed 12/24-1/2, deliver after", "company closed 12/24 - 1/2", "store closed 12/24 to 1/2",
]  # fmt: skip
CLOSED_FOR_GOOD = ["company closed", "Company closed permanently 12/1", "Business closed 11/30"]


def test_a_company_closed_for_some_days_is_sent(tmp_path: Path) -> None:
    """A client's office closed over the holidays, its days written as numbers ('Company closed 12/24-1/2,
    deliver after'): left out for good since ad919d62, where 'Company closed Dec 24-26' is sent (found by
    review58 checking it). A closing with no days, or on one day, stays left out."""
    cells = [*CLOSED_FOR_DAYS, *CLOSED_FOR_GOOD]
    out = notes_left_out(notes_sheet(tmp_path / "list.csv", cells), cells)
    assert [cell for cell in CLOSED_FOR_DAYS if cell in out] == []
    assert [cell for cell in CLOSED_FOR_GOOD if cell not in out] == []
