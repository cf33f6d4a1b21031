"""newcomer28's N1 (session 50): a vendor line 'Refunded' beside its parcel read 'The vendor shows this card
cancelled in order X, but also its parcel': finance went looking for a cancellation that never happened. The
status stays 'cancelled' (one vocabulary: the money and the counts are unchanged, the lead's decision); the
row's note says the vendor's own word."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from support.vendor_proxy import VendorProxy, place, second_line_shown

from bulkship import api
from bulkship.track import track


def _row_3(tmp_path: Path, word: str) -> tuple[str, dict[str, Any]]:
    with VendorProxy(tmp_path) as vendor:
        place(vendor, tmp_path, [1, 2, 3, 4])
        settings = vendor.settings(tmp_path)
        vendor.rewrite = second_line_shown(word, None)  # its cost as it was
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
        (status,) = api.status(settings, "staff")
        (said,) = [
            line for line in api.export_csv(settings, "staff").read_text().splitlines() if ",3," in line
        ]
    return said, status


def test_the_vendors_word_beside_its_status(tmp_path: Path) -> None:
    said, status = _row_3(tmp_path, "Refunded")
    assert "The vendor shows this card 'Refunded' (read as cancelled) in order BS-STAFF-0001" in said, said
    assert status["by_status"].get("cancelled") == 1, status["by_status"]  # one vocabulary: counted so


def test_a_cancelled_line_says_cancelled_alone(tmp_path: Path) -> None:
    said, _status = _row_3(tmp_path, "Cancelled")
    assert "The vendor shows this card cancelled in order BS-STAFF-0001" in said, said
