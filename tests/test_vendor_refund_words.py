"""A vendor's line status saying the money went back in other words than 'Refunded': 'Refund Issued',
'Credited', 'REFUND_PROCESSED', 'Cancelled - Refunded'. Read as an unknown status, a card that may be made,
row 3's line 'Refund Issued' at its 25.00 (the order's total still 100.00) was counted charged, reconcile said
'Everything matches', and the same command run again sent nothing ('already complete', exit 0): the person
never got a card (hunter-money16's leftover, found again by hunter-money17). A refund said made is money
back and no card, as 'Refunded' is; one under way ('Refund Pending') is no card, its money said until the
vendor shows it back; a status that only looks like one ('Partially Refunded', 'Refund Failed', 'Credit
Hold') stays unknown: never money back without the vendor saying so."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from support.vendor_proxy import VendorProxy, key_of, orders_rewritten, place

from bulkship import api
from bulkship.client.parse import parse_order, status_name
from bulkship.client.parse.refunds import MONEY_BACK, refund_said
from bulkship.track import track


def _row_3_shows(word: str) -> Any:
    """BS-STAFF-0001 (4 CVS 25) with its second line (row 3) showing ``word``, nothing shipped, its 25.00
    and the order's total (100.00) kept."""

    def change(order: dict[str, Any]) -> None:
        lines = order[key_of(order, "LineItems")]
        if order.get(key_of(order, "PONumber")) not in (None, "BS-STAFF-0001") or len(lines) != 4:
            return
        lines[1][key_of(lines[1], "Status")] = word
        lines[1][key_of(lines[1], "Shipments")] = []

    return orders_rewritten(change)


def _held_note(vendor: VendorProxy, tmp_path: Path) -> str:
    """Row 3's note once held (the vendor's own word said where it reads as cancelled)."""
    from bulkship.ledger import Ledger

    with Ledger.open(vendor.settings(tmp_path).ledger, lock=False) as ledger:
        (row,) = ledger.current_rows_with_status("staff", "held")
    return row.error or ""


def _tracked(vendor: VendorProxy, tmp_path: Path) -> tuple[Any, Any]:
    settings = vendor.settings(tmp_path)
    asyncio.run(track(settings, "staff", client_factory=vendor.factory))
    (status,) = api.status(settings, "staff")
    return status, api.reconcile_batch(settings, "staff", client_factory=vendor.factory)


@pytest.mark.parametrize("word", ["Refund Issued", "REFUND_PROCESSED", "Credited", "Cancelled - Refunded"])
def test_a_line_the_vendor_says_refunded_in_its_own_words_is_money_back_and_sent_again(
    tmp_path: Path, word: str
) -> None:
    with VendorProxy(tmp_path) as vendor:
        place(vendor, tmp_path, [1, 2, 3, 4])
        vendor.rewrite = _row_3_shows(word)
        status, report = _tracked(vendor, tmp_path)
        assert status["money"]["charged"]["total"] == "75.00", status
        assert not [n for n in status["notes"] if "refunded" in n], status["notes"]
        assert report.matches, [m.said() for m in report.mismatches]
        sent = len(vendor.posts())
        held = place(vendor, tmp_path, [1, 2, 3, 4])  # a cancellation: held, not undone
        assert held.held_cancelled == 1 and f"(its word: {word!r})" in _held_note(vendor, tmp_path), word
        again = place(vendor, tmp_path, [1, 2, 3, 4], allow_repeat=True)
        assert len(vendor.posts()) == sent + 1, again.notes  # row 3's card, once more
        (order,) = [o for o in vendor.orders() if o["PONumber"] != "BS-STAFF-0001"]
        assert [li["ExternalId"] for li in order["LineItems"]] == [vendor.external_ids()[1]]


@pytest.mark.parametrize("word", ["Refund Pending", "Awaiting Refund"])
def test_a_line_whose_refund_is_under_way_is_no_card_its_money_said_while_the_total_counts_it(
    tmp_path: Path, word: str
) -> None:
    with VendorProxy(tmp_path) as vendor:
        place(vendor, tmp_path, [1, 2, 3, 4])
        vendor.rewrite = _row_3_shows(word)
        status, report = _tracked(vendor, tmp_path)
        assert status["money"]["charged"]["total"] == "75.00", status
        (note,) = [n for n in status["notes"] if "BS-STAFF-0001" in n and "ask the vendor" in n]
        assert f"1 line(s) {word} (row(s) 3)" in note and "25.00" in note, note
        (said,) = [m.said() for m in report.mismatches]
        assert f"1 line(s) {word} (row(s) 3)" in said, said


def test_a_refund_under_way_beside_one_made_in_one_order_is_said_as_the_card_s_not_as_shipping(
    tmp_path: Path,
) -> None:
    """Found by newcomer28: an order of four cards at 25.00, row 3's line 'Refunded' and row 4's 'Refund
    Pending', its total 75.00 (the refund made off, the one under way still in it): status said charged
    75.00 with 'shipping' 25.00 billed on the order beside its lines, reconcile 'Everything matches'. The
    25.00 is row 4's card, its refund under way: said so, as with one such line alone."""

    def change(order: dict[str, Any]) -> None:
        lines = order[key_of(order, "LineItems")]
        if order.get(key_of(order, "PONumber")) not in (None, "BS-STAFF-0001") or len(lines) != 4:
            return
        for line, word in zip(lines[1:3], ("Refunded", "Refund Pending"), strict=True):
            line[key_of(line, "Status")], line[key_of(line, "Shipments")] = word, []
        order[key_of(order, "Cost")] = 75.0

    with VendorProxy(tmp_path) as vendor:
        place(vendor, tmp_path, [1, 2, 3, 4])
        vendor.rewrite = orders_rewritten(change)
        status, report = _tracked(vendor, tmp_path)
        charged = status["money"]["charged"]
        assert (charged["total"], charged["shipping"]) == ("50.00", "0.00"), status
        (note,) = [n for n in status["notes"] if "BS-STAFF-0001" in n and "ask the vendor" in n]
        assert "1 line(s) Refund Pending (row(s) 4)" in note and "25.00" in note, note
        (said,) = [m.said() for m in report.mismatches]
        assert "1 line(s) Refund Pending (row(s) 4)" in said, said


@pytest.mark.parametrize("word", ["Partially Refunded", "Refund Failed", "Credit Hold", "Non-Refundable"])
def test_a_status_only_looking_like_a_refund_stays_unknown_charged_and_never_sent_again(
    tmp_path: Path, word: str
) -> None:
    """The control: nothing says the money went back, nor that no card was made."""
    with VendorProxy(tmp_path) as vendor:
        place(vendor, tmp_path, [1, 2, 3, 4])
        vendor.rewrite = _row_3_shows(word)
        status, report = _tracked(vendor, tmp_path)
        assert status["money"]["charged"]["total"] == "100.00", status
        assert report.matches, [m.said() for m in report.mismatches]
        sent = len(vendor.posts())
        place(vendor, tmp_path, [1, 2, 3, 4])
        assert len(vendor.posts()) == sent


def test_refund_words_read_as_the_vendor_writes_them() -> None:
    ended = ["Refund Issued", "refund_issued", "RefundProcessed", "Credited", "Credit Note Issued", "Voided",
             "Order Cancelled, Refund Issued", "Refund Pending", "Awaiting Refund", "To Be Refunded",
             "Refund"]  # fmt: skip
    unknown = ["Partially Refunded", "Refund Failed", "Refund Declined", "Refund Cancelled", "Not Refunded",
               "Non-Refundable", "Credit Hold", "Credit", "Credit Card Declined",
               "Refunded - Reversed"]  # fmt: skip
    assert {w: status_name(w) for w in ended} == {w: "Cancelled" for w in ended}
    assert {w: status_name(w) for w in unknown} == {w: w for w in unknown}

    def line(word: str) -> Any:
        order = {"Id": "1", "PONumber": "P", "Status": "Pending", "LineItems": [{"Id": "L", "Status": word}]}
        (item,) = parse_order(order).line_items
        return item.refunded

    assert [line(w) for w in ("Refunded", "Refund Issued", "Credited", "Voided", "Cancelled - Refunded")] == [
        True
    ] * 5
    assert not any(line(w) for w in ("Refund Pending", "Awaiting Refund", "Refund", "Cancelled", *unknown))


@pytest.mark.parametrize(
    "word",
    [
        "Delivered - Shipping Refunded",
        "Delivered, Refund Requested",
        "Voided - Reissued",
        "Shipped - Discount Credited",
    ],
)
def test_a_card_said_delivered_or_made_again_beside_a_refund_of_a_part_is_never_sent_again(
    tmp_path: Path, word: str
) -> None:
    """Row 3's line 'Delivered - Shipping Refunded' (the card arrived, its shipping refunded), 'Delivered,
    Refund Requested', 'Voided - Reissued' (the vendor made it again) or 'Shipped - Discount Credited' was
    read Cancelled by its refund word, and the same command run again sent row 3 a second card (found by
    review42 reviewing f96b5654; at its parent it stayed unknown, charged, never sent again, as now)."""
    with VendorProxy(tmp_path) as vendor:
        place(vendor, tmp_path, [1, 2, 3, 4])
        vendor.rewrite = _row_3_shows(word)
        status, _ = _tracked(vendor, tmp_path)
        assert status["money"]["charged"]["total"] == "100.00", status
        sent = len(vendor.posts())
        again = place(vendor, tmp_path, [1, 2, 3, 4])
        assert len(vendor.posts()) == sent, again.notes  # no second card for row 3


def test_a_refund_of_a_part_or_beside_a_card_made_is_no_refund_of_the_card() -> None:
    """The words: a part's money ('Shipping Refunded', 'Fee Credited', 'Price difference refunded', 'Credit
    issued for late delivery') or a card delivered, shipped, re-made or replaced beside the refund word is
    none of the card's; a card refunded before shipping, or lost or stolen on its way, still is."""
    unknown = ["Delivered - Shipping Refunded", "Shipped (shipping fee refunded)", "Shipping Refunded",
               "Fee Credited", "Delivered, Refund Requested", "Delivered; Refund Pending",
               "Activated - Refund Requested", "Voided - Reissued", "Reissued (original voided)",
               "Card replaced, old one voided", "Re-sent - refunded", "Delivered - price difference refunded",
               "Completed - Overcharge Refunded", "Shipped - Discount Credited",
               "Credit issued for late delivery", "REFUNDED_SHIPPING",
               "In Transit - Refund Pending"]  # fmt: skip
    cancelled = ["Cancelled before shipping - refunded", "Refunded prior to shipping",
                 "Lost in transit - refunded", "Shipped - stolen - refund issued", "Undeliverable - refunded",
                 "Delivery failed - Refunded", "Refund issued for lost card", "Refund Issued",
                 "Order Cancelled, Refund Issued"]  # fmt: skip
    assert {w: status_name(w) for w in unknown} == {w: w for w in unknown}
    assert {w: status_name(w) for w in cancelled} == {w: "Cancelled" for w in cancelled}


@pytest.mark.parametrize("word", ["Funds Credited", "Card Credited", "Credited to recipient"])
def test_a_card_s_load_said_credited_is_no_refund_and_never_sent_again(tmp_path: Path, word: str) -> None:
    """Row 3's line 'Funds Credited' (or 'Card Credited', 'Credited to recipient': the card's value loaded)
    was read Cancelled by its credit word, and the same command run again sent row 3 a second card (found
    by review41 reviewing f96b5654; at its parent unknown, charged, never sent again, as now)."""
    with VendorProxy(tmp_path) as vendor:
        place(vendor, tmp_path, [1, 2, 3, 4])
        vendor.rewrite = _row_3_shows(word)
        status, _ = _tracked(vendor, tmp_path)
        assert status["money"]["charged"]["total"] == "100.00", status
        sent = len(vendor.posts())
        again = place(vendor, tmp_path, [1, 2, 3, 4])
        assert len(vendor.posts()) == sent, again.notes  # no second card for row 3


def test_a_status_holding_words_no_refund_of_the_card_is_said_in_stays_unknown() -> None:
    """Every word of a status must be one the card's refund is said in: what was credited (funds, value,
    balance, points, a reward, the card), to whom or where ('to card', 'to recipient'), an amount in figures
    leave it unknown; the account's credit, a card refunded or voided, 'Lost in transit - refunded' are the
    card's money back."""
    unknown = ["Funds Credited", "Value Credited", "Balance Credited", "Card Credited",
               "Credited to recipient", "Credited to card", "Reward Credited", "Points Credited",
               "Refunded to card", "Refunded 25.00", "Card Loaded - Credited"]  # fmt: skip
    back = ["Credited", "Account Credited", "Credit Issued", "Credit Note Issued", "Card Refunded",
            "Card Voided", "Lost in transit - refunded", "Refunded in full"]  # fmt: skip
    assert {w: status_name(w) for w in unknown} == {w: w for w in unknown}
    assert {w: refund_said(w) for w in back} == {w: MONEY_BACK for w in back}


@pytest.mark.parametrize(
    "word",
    ["Refund issued 12/01", "Refunded on 2026-12-01", "Refunded 11/25", "REFUNDED (Dec 1, 2026 3:45 PM)"],
)
def test_a_refund_said_with_its_day_is_money_back_and_the_row_sent_again(tmp_path: Path, word: str) -> None:
    """review41's leftover (after c0e06d43, fixed by hunter-money18): row 3's line 'Refund issued 12/01'
    (or 'Refunded on 2026-12-01') was an unknown status by its figures: its 25.00 counted charged ('Charged
    100.00', reconcile 'Everything matches') and the same command run again sent nothing: the person never
    got a card. Its day is no word of the status: money back, as 'Refund Issued' is, the row sent again (held
    as the vendor's cancellation until --allow-repeat: the lead's decision of session 50's leftover 2)."""
    with VendorProxy(tmp_path) as vendor:
        place(vendor, tmp_path, [1, 2, 3, 4])
        vendor.rewrite = _row_3_shows(word)
        status, report = _tracked(vendor, tmp_path)
        assert status["money"]["charged"]["total"] == "75.00", status
        assert report.matches, [m.said() for m in report.mismatches]
        sent = len(vendor.posts())
        held = place(vendor, tmp_path, [1, 2, 3, 4])  # a cancellation: held, not undone
        assert held.held_cancelled == 1 and f"(its word: {word!r})" in _held_note(vendor, tmp_path), word
        again = place(vendor, tmp_path, [1, 2, 3, 4], allow_repeat=True)
        assert len(vendor.posts()) == sent + 1, again.notes  # row 3's card, once more
        (order,) = [o for o in vendor.orders() if o["PONumber"] != "BS-STAFF-0001"]
        assert [li["ExternalId"] for li in order["LineItems"]] == [vendor.external_ids()[1]]


def test_a_status_s_day_is_read_apart_from_its_words_and_never_from_a_share_or_an_amount() -> None:
    """A day written as one for sure (its year, a month's name, a time, 'on', a month and day that cannot
    be a share of the line's cards or money) is no word of the status, before or after it; figures that may
    be a share ('1/2' of a line: half its money, one of two cards; an order's '11/25': 11 of its 25 lines?)
    or an amount keep it unknown. The words a second card was sent for (review41, review42) stay unknown with
    a day beside them."""

    def line(word: str, cards: int = 1) -> tuple[str, bool]:
        order = {"Id": "1", "PONumber": "P", "Status": "Pending",
                 "LineItems": [{"Id": "L", "Status": word, "Quantity": cards}]}  # fmt: skip
        (item,) = parse_order(order).line_items
        return item.status, item.refunded

    back = ["Refund issued 12/01", "Refunded on 2026-12-01", "Refunded 12/01/2026",
            "Refunded 2026-12-01T10:32Z", "Refunded Dec 1", "Refunded 1 Dec 2026", "Refunded 01-Dec-26",
            "Refunded 12.01.2026",
            "Refunded 11/25", "Refunded on 11/25", "Refunded 11/25 10:32 AM", "12/01 - Refunded",
            "2026-12-01: Credit Note Issued", "Voided 12/01", "Refunded at 3 PM",
            "Lost in transit - refunded 12/03"]  # fmt: skip
    ended = {"Cancelled 12/01": "Cancelled", "Failed on 2026-12-01": "Failed", "Delivered 12/01": "Delivered",
             "Shipped Dec 1, 2026": "Shipped", "Pending since 12/01": "Pending since 12/01"}  # fmt: skip
    assert {w: line(w) for w in back} == {w: ("Cancelled", True) for w in back}
    assert {w: line(w)[0] for w in ended} == ended
    assert line("Refund Pending 12/01") == ("Cancelled", False)  # under way: no card, money not back yet
    unknown = ["Refunded 1/2", "Refunded 3/4", "Cancelled 1/2", "Refunded 25.00", "Refunded 12.01",
               "Refund #12", "Refunded 2026", "Partially Refunded 12/01", "Refund Failed 12/01",
               "Funds Credited 12/01", "Credited to card on 2026-12-01", "Voided - Reissued 12/01",
               "Delivered 12/01 - Shipping Refunded", "Shipped 12/01 - Discount Credited",
               "Refunded 12/01 - 2 cards", "Refunded 1 amount"]  # fmt: skip
    assert {w: line(w) for w in unknown} == {w: (w, False) for w in unknown}
    assert line("Refunded 11/25", cards=25) == ("Refunded 11/25", False)  # 11 of its 25 cards?
    assert line("Cancelled 2/4", cards=4) == ("Cancelled 2/4", False)
    assert status_name("Cancelled 11/25") == "Cancelled 11/25"  # an order's: 11 of its 25 lines?
    assert status_name("Cancelled on 11/25") == "Cancelled"
