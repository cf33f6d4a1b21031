"""A list's note saying the person may get no gift now: a gift limit reached, gifts barred, the household's
one card gone to another member. Each such row is left out, said; a limit kept, a household's limit alone
and other limits still send."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_left_out as _left_out
from support.notes import notes_sheet as _sheet

NO_GIFT_NOW = [
    "Gift limit reached", "Over gift limit this year", "Already at $100 limit", "Over the gift limit",
    "Exceeds the $75 annual gift limit", "Over the limit this year", "Annual limit exceeded",
    "Government employee - gift ban", "Compliance: no gifts to government employees", "Cannot accept gifts",
    "Gifts not permitted (state employee)", "One per household - sent to spouse",
    "Max 1 per household - sent to spouse", "Spouse also works here - one card per household",
    "Household limit - husband gets it (row 7)", "Household already received",
    "Sister already got one (same address)",
]  # fmt: skip
STILL_SENT = [
    "Under the gift limit", "Within limit", "Over the weight limit - ship ground",
    "Over the limit for express shipping", "At max capacity", "Limit one per customer",
    "Government employee", "One per household", "One per household - this is the one",
    "Same household as row 5", "Spouse also works here (Sales)", "Sister already got one",
    "Family received flowers", "Reached out 11/20",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Comments", "Status"])
def test_a_note_saying_no_gift_is_allowed_now_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Found by hunter-sends4 (hunter-sends3's leftovers, review40's remarks still sent): an HR list's Notes
    'Gift limit reached', 'Over gift limit this year', 'Already at $100 limit', 'Government employee - gift
    ban', 'Compliance: no gifts to government employees', 'One per household - sent to spouse', 'Max 1 per
    household - sent to spouse', 'Household already received', 'Sister already got one (same address)' were
    each ordered, exit 0, where 'Not eligible' leaves the row out: a card the person may not take, or a
    household's second. Each is left out now; a limit kept, another limit, and a household's limit alone
    (which of its rows is the one only the list's maker knows) still send."""
    notes = [*NO_GIFT_NOW, *STILL_SENT]
    path = _sheet(tmp_path / "staff.csv", notes, header)
    assert _left_out(path, notes) == NO_GIFT_NOW


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_gift_limit_or_ban_with_an_exception_made_since_sends_the_row(tmp_path: Path, header: str) -> None:
    """Found by review46 reviewing 4ab048fd: 'Gift limit reached - exception approved', 'Over the $75 limit
    - approved by VP', 'Already at $100 limit - CFO approved exception', 'Over gift limit this year - waiver
    signed 12/1' were left out since 4ab048fd (each sent before it): the exception the list records made no
    difference, and the person it was made for got no card. An exception made, an approval or a waiver in
    the clause after it sends the row; one to come, for later, asked, refused or taken back still leaves it
    out."""
    excepted = [
        "Gift limit reached - exception approved", "Gift limit reached - approved by compliance",
        "Over the $75 limit - approved by VP", "Over gift limit this year - waiver signed 12/1",
        "Already at $100 limit - CFO approved exception", "Exceeds the $75 annual gift limit - OKd by HR",
    ]  # fmt: skip
    still = [
        "Gift limit reached - approved for 2027", "Over the gift limit - not approved",
        "Gift limit reached - approved?", "Gift limit reached - exception denied",
        "Over the gift limit - approved, then revoked", "Gift limit reached - approved by mistake",
        "Over the $75 limit - exception to be approved",
    ]  # fmt: skip
    path = _sheet(tmp_path / "staff.csv", [*excepted, *still], header)
    assert _left_out(path, [*excepted, *still]) == still
