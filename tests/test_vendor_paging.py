"""The vendor's order list paged in ways the contract does not rule out, over real HTTP
(``support.vendor_proxy``): what bulkship reads as the whole list must be the whole list."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from support.vendor_proxy import Answer, Call, Rewrite, VendorProxy, place

from bulkship.errors import BatchConflictError

CAP = 2


def counted_per_page(page_size: bool) -> Rewrite:
    """GET /v1/Orders: every order, newest first, at most CAP a page whatever pageSize asks, the PO filter
    ignored, and 'TotalCount' the count of the page's own orders (a server writing its page's count there);
    ``page_size``: the page size it uses said beside it."""

    def rewrite(call: Call) -> Answer:
        if call.method != "GET" or call.path.lower() != "/v1/orders":
            return call.forward()
        listed = call.ask("/v1/Orders?pageIndex=1&pageSize=500").json()["Data"][::-1]
        page = int(call.query.get("pageIndex", "1"))
        shown = listed[(page - 1) * CAP : page * CAP] if page >= 1 else []
        size = {"PageSize": CAP} if page_size else {}
        return Answer.of(200, {"Page": page, **size, "TotalCount": len(shown), "Data": shown})

    return rewrite


@pytest.mark.parametrize("page_size", [True, False], ids=["page size said", "no page size"])
def test_a_list_counted_per_page_is_read_to_its_end_before_a_card_is_sent_again(
    vendor: VendorProxy, tmp_path: Path, page_size: bool
) -> None:
    """Found by hunter-vendor7: a vendor listing its orders newest first, 2 a page, each page's 'TotalCount'
    its own count. The list run again from another ledger (a new laptop) under a new batch name read page 1
    as the whole list (its count reached): the earlier order holding the very cards was never seen, and
    every card went out a second time, nothing said. A full page reaching its count is checked against the
    next page: the run is refused, nothing sent."""
    place(vendor, tmp_path / "old-laptop", [0, 1, 2], batch="DEC")
    place(vendor, tmp_path / "x", [5], batch="X")
    place(vendor, tmp_path / "y", [6], batch="Y")
    vendor.rewrite = counted_per_page(page_size)
    refused = r"holds 1 order\(s\) this ledger does not know \(BS-DEC-0001\)"
    with pytest.raises(BatchConflictError, match=refused):
        place(vendor, tmp_path / "new-laptop", [0, 1, 2], batch="DEC-2026")
    assert Counter(vendor.external_ids())["E0"] == 1, vendor.external_ids()
