"""A cost difference explained by rows bulkship settled itself, its read of the order showing their lines
(track.shownagain), said 'The card(s) a person recorded as the vendor holds them' (hunter-vendor37's
leftover 3): a person looked for who did."""

from __future__ import annotations

from bulkship.ledger.tracking import SETTLED_BY_READ
from bulkship.reconcile.explained import explained_text


def _item(*by: str, rest: bool = False) -> dict[str, object]:
    rows = [
        {"row": 2 + i, "planned": "25.00", "settled": "50.00", "by": who, "at": "2026-12-07T10:00:00+00:00"}
        for i, who in enumerate(by)
    ]
    item: dict[str, object] = {
        "po_number": "BS-A-0001",
        "planned": "100.00",
        "vendor": "125.00",
        "rows": rows,
    }
    if rest:
        item.update(settled_part="25.00", rest="1.00", vendor="126.00")
    return item


def test_who_recorded_the_cards_that_explain_a_cost() -> None:
    said = explained_text(_item(SETTLED_BY_READ))
    assert "a person" not in said, said
    assert "The card(s) bulkship, reading the order again, recorded as the vendor holds them" in said, said
    assert "The card(s) a person recorded" in explained_text(_item("finance"))
    assert "The card(s) a person or bulkship recorded" in explained_text(_item("finance", SETTLED_BY_READ))
    partly = explained_text(_item(SETTLED_BY_READ, rest=True))
    assert "is no card bulkship, reading the order again, recorded" in partly, partly
