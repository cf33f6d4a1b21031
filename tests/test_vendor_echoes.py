"""A create answer whose line, echoing the row's ExternalId, shows another card or amount than was sent,
over real HTTP (``support.vendor_proxy``): the card the vendor made is not the row's, so the row is never
shown ordered for it, nor sent again: it waits for a person."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.vendor_proxy import VendorProxy, orders_rewritten, place

from bulkship.ledger import Ledger


def second_line_shows(**shown: Any) -> Any:
    """Every order the vendor answers shows its line for E2 with ``shown`` (another card, amount)."""

    def show(order: dict[str, Any]) -> None:
        for line in order["LineItems"]:
            if line.get("ExternalId") == "E2":
                line.update(shown)

    return orders_rewritten(show, reads_only=False)  # the create's answer too


@pytest.mark.parametrize(
    "shown",
    [{"ProductId": "TARGET", "Value": 50.0, "Cost": 50.0}, {"ProductId": "TARGET"}, {"Value": 10.0}],
    ids=["card and amount", "card", "amount"],
)
def test_a_line_echoing_the_row_with_another_card_waits_for_review(
    vendor: VendorProxy, tmp_path: Path, shown: dict[str, Any]
) -> None:
    """Found by hunter-vendor3: the vendor's answer showed row E2's line (its ExternalId) as a TARGET 50.00
    card where CVS 25.00 was sent: the row read 'pending', ordered, charged, and only `reconcile` said
    otherwise (nothing at all when the cost was the same). Its card was made, so it is not sent again."""
    vendor.rewrite = second_line_shows(**shown)
    result = place(vendor, tmp_path, [1, 2, 3])
    with Ledger.open(vendor.settings(tmp_path).ledger_location, lock=False) as ledger:
        rows = {r.external_id: r for r in ledger.batch_rows("staff")}
    assert [rows[e].status for e in ("E1", "E2", "E3")] == ["ordered", "review", "ordered"]
    assert "another card or amount than was sent" in (rows["E2"].error or ""), rows["E2"].error
    assert "sent CVS 25.00" in (rows["E2"].error or "")
    assert result.by_status.get("needs review") == 1, result.by_status
    place(vendor, tmp_path, [1, 2, 3])
    assert vendor.external_ids() == ["E1", "E2", "E3"]  # nothing sent again
