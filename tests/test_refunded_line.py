"""A vendor's order of 4 cards whose second line it ended Failed, showing that line at 0.00 (refunded) and
the order at 75.00: the ledger records the line failed (no card, nothing charged) and the next run sends the
row again in a follow-up order, every total agreeing (100.00). `reconcile` still said 'Mismatch
BS-STAFF-0001: cost planned 100.00 vs vendor 75.00', 'Differences found', exit 1, at every reconcile after,
before and after the row was sent again: a finance person could never close the batch (found by
hunter-money14). The order's cost differing from its plan by the lines ended without a card alone is no
difference; a card line costing otherwise than planned still is."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten, place

from bulkship import api
from bulkship.sandbox.dialect import parse_dialect
from bulkship.track import track


def _second_line_failed(dearer: float = 0.0, word: str = "Failed", shown: float = 0.0) -> Any:
    """BS-STAFF-0001's second line ``word`` (Failed) at ``shown`` (0.00), the order's cost less its 25.00;
    ``dearer``: the third line costing that much more (a difference the vendor must explain)."""

    def change(order: dict[str, Any]) -> None:
        if order.get(key_of(order, "PONumber")) not in (None, "BS-STAFF-0001"):
            return
        lines = order[key_of(order, "LineItems")]
        if len(lines) != 4:
            return
        failed = lines[1]
        failed[key_of(failed, "Status")] = word
        failed[key_of(failed, "Cost")] = shown
        dear = lines[2]
        dear[key_of(dear, "Cost")] = round(dear[key_of(dear, "Cost")] + dearer, 2)
        total = key_of(order, "Cost")
        if total in order:
            order[total] = round(order[total] - 25 + dearer, 2)

    return orders_rewritten(change)


def _reconciled(vendor: VendorProxy, settings: Any) -> tuple[bool, list[str], str, str]:
    report = api.reconcile_batch(settings, "staff", client_factory=vendor.factory)
    return (
        report.matches,
        [m.said() for m in report.mismatches],
        str(report.ledger_total),
        str(report.vendor_total),
    )


@pytest.mark.parametrize("dialect", ["documented", "likely-real"])
def test_a_line_the_vendor_failed_and_refunded_is_no_cost_difference(tmp_path: Path, dialect: str) -> None:
    with VendorProxy(tmp_path, dialect=parse_dialect(dialect)) as vendor:
        assert place(vendor, tmp_path, [1, 2, 3, 4]).total_cost == 100
        vendor.rewrite = _second_line_failed()
        settings = vendor.settings(tmp_path)
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
        (status,) = api.status(settings, "staff")
        assert status["money"]["charged"]["total"] == "75.00", status
        assert _reconciled(vendor, settings) == (True, [], "75.00", "75.00")
        again = place(vendor, tmp_path, [1, 2, 3, 4])  # the failed row sent again, once
        assert again.sent_orders == 1 and again.total_cost == 100, again
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
        assert _reconciled(vendor, settings) == (True, [], "100.00", "100.00")


def test_a_line_costing_more_beside_a_line_failed_and_refunded_is_still_said(tmp_path: Path) -> None:
    with VendorProxy(tmp_path) as vendor:
        place(vendor, tmp_path, [1, 2, 3, 4])
        vendor.rewrite = _second_line_failed(dearer=1.0)
        settings = vendor.settings(tmp_path)
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
        matches, said, ledger, theirs = _reconciled(vendor, settings)
        # the failed line left out of both sides: 'planned 100.00 vs vendor 76.00' said a 24.00 difference
        # where the cards made cost 1.00 more than planned (newcomer30's N8, changed on purpose)
        ended = "(the cards it made: its 1 line(s) ended without a card, planned at 25.00, left out of both)"
        assert not matches and said == [f"cost planned 75.00 vs vendor 76.00 {ended}"], said
        assert (ledger, theirs) == ("76.00", "76.00")


def test_a_line_cancelled_showing_its_cost_beside_a_line_re_priced_is_said_as_the_cards_made(
    tmp_path: Path,
) -> None:
    """newcomer30's N8: the vendor showed row 3's line Cancelled (nothing shipped) still at its 25.00, the
    order's own total without it (77.50: the other three cards, one re-priced +2.50): reconcile said 'cost
    planned 100.00 vs vendor 102.50', every line's cost with the cancelled one's, a figure said nowhere else
    (status and the Summary: 77.50). It compares the cards made with their plan: 75.00 vs 77.50."""
    with VendorProxy(tmp_path) as vendor:
        place(vendor, tmp_path, [1, 2, 3, 4])
        vendor.rewrite = _second_line_failed(dearer=2.5, word="Cancelled", shown=25.0)
        settings = vendor.settings(tmp_path)
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
        (status,) = api.status(settings, "staff")
        assert status["money"]["charged"]["total"] == "77.50", status["money"]
        matches, said, ledger, theirs = _reconciled(vendor, settings)
        ended = "(the cards it made: its 1 line(s) ended without a card, planned at 25.00, left out of both)"
        assert not matches and said == [f"cost planned 75.00 vs vendor 77.50 {ended}"], said
        assert (ledger, theirs) == ("77.50", "77.50")


def _second_line_failed_and_kept() -> Any:
    """BS-STAFF-0001's second line Failed, its 25.00 still shown and still counted in the order's total
    (100.00): nothing says the vendor refunded it."""

    def change(order: dict[str, Any]) -> None:
        if order.get(key_of(order, "PONumber")) not in (None, "BS-STAFF-0001"):
            return
        lines = order[key_of(order, "LineItems")]
        if len(lines) == 4:
            lines[1][key_of(lines[1], "Status")] = "Failed"

    return orders_rewritten(change)


@pytest.mark.parametrize("dialect", ["documented", "likely-real"])
def test_a_failed_line_the_vendors_total_still_counts_is_said_not_matched(
    tmp_path: Path, dialect: str
) -> None:
    """The vendor shows row 3's line Failed with its 25.00 and its order's total still 100.00 (every line):
    read as refunded, reconcile said 'Everything matches' (75.00 and 75.00); if the vendor did not refund
    it, 25.00 was charged that nobody was told of (found by hunter-money14). It says the line the total
    still counts, its row and money, and to ask the vendor, as a difference (exit 1)."""
    with VendorProxy(tmp_path, dialect=parse_dialect(dialect)) as vendor:
        assert place(vendor, tmp_path, [1, 2, 3, 4]).total_cost == 100
        vendor.rewrite = _second_line_failed_and_kept()
        settings = vendor.settings(tmp_path)
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
        matches, said, ledger, theirs = _reconciled(vendor, settings)
        assert not matches and (ledger, theirs) == ("75.00", "75.00"), said
        (line,) = said
        for words in ("25.00", "row(s) 3", "still counted in its total 100.00", "ask the vendor"):
            assert words in line, line


@pytest.mark.parametrize("dialect", ["documented", "likely-real"])
def test_status_and_the_summary_say_a_failed_line_the_vendors_total_still_counts(
    tmp_path: Path, dialect: str
) -> None:
    """The same order: `status` and the result workbook's Summary said 'Charged 75.00' (then 100.00, the
    row sent again) and nothing of the 25.00 the vendor's total still counts. Both say the order, the row,
    the money and to ask the vendor; the totals stay as counted."""
    with VendorProxy(tmp_path, dialect=parse_dialect(dialect)) as vendor:
        place(vendor, tmp_path, [1, 2, 3, 4])
        vendor.rewrite = _second_line_failed_and_kept()
        settings = vendor.settings(tmp_path)
        asyncio.run(track(settings, "staff", client_factory=vendor.factory))
        (status,) = api.status(settings, "staff")
        assert status["money"]["charged"]["total"] == "75.00", status
        (note,) = [n for n in status["notes"] if "still counts" in n]
        for words in ("BS-STAFF-0001", "row(s) 3", "25.00", "(100.00)", "ask the vendor"):
            assert words in note, note
        again = place(vendor, tmp_path, [1, 2, 3, 4])
        assert again.sent_orders == 1 and again.total_cost == 100, again
        book = openpyxl.load_workbook(str(again.output), read_only=True)
        cells = [str(c) for row in book["Summary"].iter_rows(values_only=True) for c in row if c]
        (said,) = [c for c in cells if "still counts" in c]
        for words in ("BS-STAFF-0001", "row(s) 3", "25.00", "(100.00)", "ask the vendor"):
            assert words in said, said
