"""A recognition's, an incentive's, a voucher's or an e-gift's status ('Recognition Status' = Sent, 'Payout
Status' = Paid): read as a card's status, as 'Award Status' and 'Reward Status' are (found by hunter-asks6,
session 51)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_validated


@pytest.mark.parametrize(
    "header",
    ["Recognition Status", "Incentive Status", "Voucher Status", "E-Gift Status", "Redemption Status",
     "Payout Status"],
)  # fmt: skip
def test_a_reward_s_status_saying_it_went_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Before: 'Recognition Status' = Sent, 'Payout Status' = Paid, 'E-Gift Status' = Sent, 'Redemption
    Status' = Redeemed, 'Declined' there were 'Columns not used' and a second card ordered, exit 0, where
    'Reward Status' = Sent is left out. Now read as a card's status; 'Pending', 'Approved', 'Not sent'
    send."""
    out = ["Sent", "Paid", "Redeemed", "Declined"]
    sends = ["Pending", "Approved", "Not sent"]
    sheet, result = notes_validated(tmp_path / "list.csv", [*out, *sends], header)
    rows = dict(enumerate([*out, *sends], start=2))
    assert [rows[s.row] for s in sheet.skipped] == out
    assert not [p for p in result.problems if p.severity == "error"]
