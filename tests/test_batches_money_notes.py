"""The Batches page says when a batch's money has notes the run, `status`, the Summary and its Results page
say: an order's own total below its lines, card lines beyond its rows (hunter-money18's e58397e7, d9dd4503).
The page read '100.00 charged' and nothing else of an order the vendor totals at 95.00 (found by
hunter-money19, brief of hunter-money18's leftover)."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from support import visible_text
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten, place, total_below_lines

from bulkship import api
from bulkship.sandbox.dialect import parse_dialect
from bulkship.track import track
from bulkship.web import create_app

NOTED = "note(s) on its money: read them on its Results before paying"


def batch_line(client: TestClient, batch: str) -> str:
    """The Batches page's line of ``batch``, as a person reads it."""
    page = client.get("/").text
    found = re.search(rf'<tr data-batch="{batch}">(.*?)</tr>', page, re.S)
    assert found, page
    return " ".join(visible_text(found.group(1)).split())


@pytest.mark.parametrize("dialect", ["documented", "likely-real"])
def test_the_batches_page_says_an_order_total_below_its_lines_as_a_note_on_the_batch_s_money(
    tmp_path: Path, dialect: str
) -> None:
    below = [0.0]
    with VendorProxy(tmp_path, dialect=parse_dialect(dialect)) as vendor:
        vendor.rewrite = total_below_lines(below)
        place(vendor, tmp_path, [5, 6], batch="other")  # a batch of nothing to say
        below[0] = 5.0
        place(vendor, tmp_path, [1, 2, 3, 4])
        settings = vendor.settings(tmp_path)
        (status,) = api.status(settings, "staff")
        said = [n for n in status["notes"] if "below what their lines cost" in n]
        assert len(said) == 1, status["notes"]
        with TestClient(create_app(settings)) as client:
            line = batch_line(client, "staff")
            assert f"100.00 charged (1 {NOTED})" in line, line
            assert NOTED not in batch_line(client, "other")
            # the vendor's total back at its lines: nothing to say any more, as `status`
            below[0] = 0.0
            asyncio.run(track(settings, "staff", client_factory=vendor.factory))
            line = batch_line(client, "staff")
            assert "100.00 charged" in line and NOTED not in line, line


def _one_more_card(order: dict[str, Any]) -> None:
    """The vendor's reads show one more live card line than the 4 sent: the second line again."""
    lines = order[key_of(order, "LineItems")]
    if len(lines) == 4:
        extra = dict(lines[1], **{key_of(lines[1], "Id"): f"{lines[1][key_of(lines[1], 'Id')]}-2"})
        lines.append(extra)
        order[key_of(order, "Cost")] = round(order[key_of(order, "Cost")] + extra[key_of(extra, "Cost")], 2)


def test_the_batches_page_says_a_card_beyond_the_rows_as_a_note_on_the_batch_s_money(tmp_path: Path) -> None:
    with VendorProxy(tmp_path) as vendor:
        place(vendor, tmp_path, [1, 2, 3, 4])
        vendor.rewrite = orders_rewritten(_one_more_card)
        settings = vendor.settings(tmp_path)
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
        (status,) = api.status(settings, "staff")
        assert any("beyond this batch's rows" in n for n in status["notes"]), status["notes"]
        with TestClient(create_app(settings)) as client:
            line = batch_line(client, "staff")
        assert f"125.00 charged (1 {NOTED})" in line, line
