"""What a row says of its card's line the vendor ended before anything shipped, in an order whose other lines
went: the line's own word, not a failed order (found by newcomer28, N2: one line 'Cancelled' in a Complete
order read "The vendor's order BS-FINQ4-0001 failed for this card before anything shipped", while the order
shipped the rest and did not fail)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from support.vendor_proxy import VendorProxy, orders_rewritten, place

from bulkship.ledger import Ledger
from bulkship.reconcile.sheets import RESULTS_SHEET
from bulkship.track import track


def _ended(ref: str, word: str) -> Any:
    """The vendor's reads show the order Complete, line ``ref`` ended ``word`` with no parcel."""

    def change(order: dict[str, Any]) -> None:
        order["Status"] = "Complete"
        for line in order["LineItems"]:
            if line["ExternalId"] == ref:
                line.update(Status=word, Shipments=[])

    return orders_rewritten(change)


def _said_of(path: Path, name: str) -> str:
    """The row of ``name`` on the workbook's Results sheet, its cells joined."""
    rows = openpyxl.load_workbook(path, read_only=True)[RESULTS_SHEET].iter_rows(values_only=True)
    return next(" | ".join(str(c) for c in r if c is not None) for r in rows if name in str(r))


@pytest.mark.parametrize(
    ("word", "said"),
    [
        ("Cancelled", "The vendor cancelled this card's line in order BS-STAFF-0001 before it shipped"),
        ("Failed", "This card's line in order BS-STAFF-0001 failed at the vendor before it shipped"),
        # the vendor's own word where the status reads it otherwise (57cad70e's, said of a parcel's row too)
        (
            "Refunded",
            "The vendor shows this card's line 'Refunded' (read as cancelled) in order BS-STAFF-0001, "
            "before it shipped",
        ),
    ],
)
def test_a_line_ended_in_an_order_that_shipped_the_rest_says_the_line_s_word(
    vendor: VendorProxy, tmp_path: Path, word: str, said: str
) -> None:
    settings = vendor.settings(tmp_path)
    first = place(vendor, tmp_path, [1, 2, 3])
    vendor.rewrite = _ended("E2", word)
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    row = _said_of(Path(str(first.output)), "E2")
    assert said in row and "no card was made" in row and "order BS-STAFF-0001 failed for" not in row, row
    from bulkship.web.batchledger import vendor_refused  # the web page's line for it says the same

    (shown,) = [words for _key, words, again in vendor_refused(settings, "staff").values() if again]
    assert said[:1].lower() + said[1:] in shown, shown
    # the run sending it again writes the same words on the row it fails before planning it anew
    with Ledger.open(settings.ledger) as ledger:
        made_none = ledger.rows_made_no_card("staff")
    assert len(made_none) == 1
    from bulkship.resume import made_no_card_notes

    with Ledger.open(settings.ledger, lock=False) as ledger:
        notes = made_no_card_notes(ledger, made_none)
    assert [said in n and "no card was made" in n for n in notes.values()] == [True], notes
