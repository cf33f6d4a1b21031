"""A list split as its refused --max-total advised, then run whole again: the rows the part taken out sent
are 'sent elsewhere', naming that part's order. The vendor then ended that order Failed (no card made, nothing
shipped): those rows kept naming it, the whole list read 'already complete', and their people had no card
until the part taken out was run again (hunter-vendor29's leftover). Real CSV files, the sandbox in-process
(one state file: one vendor failing orders, one not), cards counted at the vendor."""

from __future__ import annotations

import asyncio
import csv
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from support import SandboxVendor

from bulkship.errors import SpendLimitError
from bulkship.ledger import Ledger
from bulkship.pipeline import run_batch
from bulkship.track import track

HEADER = ["Name", "Street", "City", "State", "Zip", "Card", "Amount"]
DAY = 24 * 3600


def _people(path: Path, numbers: range) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(
            [f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "25"] for i in numbers
        )
    return path


def _rows(vendor: SandboxVendor, batch: str) -> dict[int, tuple[str, str]]:
    """The batch's rows in the ledger: spreadsheet row -> (status, note)."""
    with Ledger.open(vendor.settings.ledger, lock=False) as ledger:
        return {r.row: (r.status, r.error or "") for r in ledger.batch_rows(batch) if r.current}


def _live_cards(vendor: SandboxVendor) -> Counter[str]:
    """The cards people will get: the lines of the vendor's orders it did not end Failed."""
    return Counter(
        line["PhysicalDeliveryAddress"]["Name"]
        for order in vendor.sandbox.orders()
        if order.get("Status") != "Failed"
        for line in order["LineItems"]
    )


def _split_then_failed(tmp_path: Path, tracked: str | None = None) -> tuple[SandboxVendor, Path, Path]:
    """gifts.csv (Person 0-5) refused by --max-total 80, split as advised: Person 0-1 under gifts, Person 2-3
    as batch rest (its order the vendor fails), then gifts.csv whole again (Person 2-3 sent elsewhere);
    three days on, the vendor has ended rest's order Failed and `track` (of ``tracked``, or every batch)
    has read it."""
    vendor = SandboxVendor(tmp_path / "vendor")
    failing = SandboxVendor(tmp_path / "vendor", order_failure_rate=1.0)
    settings, factory = vendor.settings, vendor.factory()
    sheet = _people(tmp_path / "gifts.csv", range(6))
    with pytest.raises(SpendLimitError):
        run_batch(sheet, settings, batch="gifts", wait_s=0, max_total=Decimal(80), client_factory=factory)
    first = _people(tmp_path / "first.csv", range(2))
    assert run_batch(first, settings, batch="gifts", wait_s=0, client_factory=factory).exit_code == 0
    rest = _people(tmp_path / "rest.csv", range(2, 4))
    run_batch(rest, settings, batch="rest", wait_s=0, client_factory=failing.factory())
    assert run_batch(sheet, settings, batch="gifts", wait_s=0, client_factory=factory).exit_code == 0
    assert {_rows(vendor, "gifts")[r][0] for r in (4, 5)} == {"elsewhere"}
    failing.sandbox.advance(3 * DAY)
    failing.close()
    asyncio.run(track(settings, tracked, client_factory=factory))
    assert _live_cards(vendor) == Counter({f"Person {i}": 1 for i in (0, 1, 4, 5)})
    return vendor, sheet, rest


def test_a_row_sent_elsewhere_whose_card_there_failed_is_sent_by_the_whole_list(tmp_path: Path) -> None:
    from bulkship import api

    vendor, sheet, rest = _split_then_failed(tmp_path)
    settings, factory = vendor.settings, vendor.factory()
    try:
        again = run_batch(sheet, settings, batch="gifts", wait_s=0, client_factory=factory)
        assert again.exit_code == 0 and again.sent_orders == 1, again.notes
        assert _live_cards(vendor) == Counter({f"Person {i}": 1 for i in range(6)})
        assert {_rows(vendor, "gifts")[r][0] for r in (4, 5)} == {"ordered"}
        # the part taken out run again sends no second card: its rows are sent elsewhere, naming gifts' order
        # (they were held 'This person has this card already: nothing to do', exit 3, for good: newcomer20's
        # N11, its second part)
        done = run_batch(rest, settings, batch="rest", wait_s=0, client_factory=factory)
        assert done.exit_code == 0 and done.sent_orders == 0, done.notes
        for row, (status, note) in _rows(vendor, "rest").items():
            assert status == "elsewhere" and "vendor order BS-GIFTS-0004 " in note, (row, status, note)
        assert _live_cards(vendor) == Counter({f"Person {i}": 1 for i in range(6)})
        (part,) = api.status(settings, "rest")
        assert part["state"] != "needs attention" and part["by_status"] == {"sent elsewhere": 2}, part
        assert api.status_total(api.status(settings))["rows"] == 6
        for batch in ("gifts", "rest"):
            assert api.reconcile_batch(settings, batch, client_factory=factory).matches, batch
    finally:
        vendor.close()


def test_a_part_s_row_whose_card_in_the_whole_list_failed_too_names_the_card_sent_again_there(
    tmp_path: Path,
) -> None:
    """Found by hunter-vendor32's fuzz harness (seed 91): rest's rows, sent elsewhere by gifts' BS-GIFTS-0004
    (their own card BS-REST-0001 failed), were held once that order failed too ('Not sent yet: the card
    it was left out for ... Re-run the same command: it sends the card from this batch, or names the order
    holding it now'); gifts.csv run again sent its rows' cards again (BS-GIFTS-0005), and rest.csv run
    again held them 'This person has this card already: nothing to do', exit 3, for good. They name
    BS-GIFTS-0005 now, exit 0; nobody has two cards."""
    from bulkship import api

    vendor, sheet, rest = _split_then_failed(tmp_path)
    settings, factory = vendor.settings, vendor.factory()
    failing = SandboxVendor(tmp_path / "vendor", order_failure_rate=1.0)
    try:
        again = run_batch(sheet, settings, batch="gifts", wait_s=0, client_factory=failing.factory())
        assert again.exit_code == 0 and again.sent_orders == 1, again.notes  # BS-GIFTS-0004, to fail
        assert run_batch(rest, settings, batch="rest", wait_s=0, client_factory=factory).exit_code == 0
        failing.sandbox.advance(3 * DAY)
        asyncio.run(track(settings, None, client_factory=factory))
        assert {status for status, _note in _rows(vendor, "rest").values()} == {"held"}
        assert run_batch(sheet, settings, batch="gifts", wait_s=0, client_factory=factory).sent_orders == 1
        done = run_batch(rest, settings, batch="rest", wait_s=0, client_factory=factory)
        assert done.exit_code == 0 and done.sent_orders == 0, done.notes
        for row, (status, note) in _rows(vendor, "rest").items():
            assert status == "elsewhere" and "vendor order BS-GIFTS-0005 " in note, (row, status, note)
        assert _live_cards(vendor) == Counter({f"Person {i}": 1 for i in range(6)})
        assert api.reconcile_batch(settings, "rest", client_factory=factory).matches
    finally:
        failing.close()
        vendor.close()


def test_a_row_sent_elsewhere_whose_card_there_failed_names_the_card_sent_again_there(tmp_path: Path) -> None:
    vendor, sheet, rest = _split_then_failed(tmp_path)
    settings, factory = vendor.settings, vendor.factory()
    try:
        resent = run_batch(rest, settings, batch="rest", wait_s=0, client_factory=factory)  # BS-REST-0002
        assert resent.exit_code == 0 and resent.sent_orders == 1, resent.notes
        again = run_batch(sheet, settings, batch="gifts", wait_s=0, client_factory=factory)
        assert again.exit_code == 0 and again.sent_orders == 0, again.notes
        for row in (4, 5):
            status, note = _rows(vendor, "gifts")[row]
            assert status == "elsewhere" and "vendor order BS-REST-0002 " in note, (row, status, note)
        assert _live_cards(vendor) == Counter({f"Person {i}": 1 for i in range(6)})
    finally:
        vendor.close()


@pytest.mark.parametrize("tracked", [None, "rest"])
def test_a_row_sent_elsewhere_whose_card_there_failed_reads_needs_attention_once_tracked(
    tmp_path: Path, tracked: str | None
) -> None:
    """hunter-vendor30's leftover: once `track` had read rest's order Failed, `status` still read gifts
    'shipping', {'sent elsewhere': 2, 'shipped': 4}, and its workbook rows 4-5 'sent elsewhere' naming that
    order, until gifts.csv was run again: Person 2-3 have no card. `track` (of every batch, or of rest
    alone) now says so on every surface, and how to send them; it sends nothing itself."""
    import openpyxl

    from bulkship import api

    vendor, _sheet, _rest = _split_then_failed(tmp_path, tracked)
    try:
        (gifts,) = api.status(vendor.settings, "gifts")
        assert gifts["state"] == "needs attention", gifts
        # (gifts' own orders not tracked with rest alone: 'pending' then, 'shipped' once tracked)
        assert gifts["by_status"] == {"held": 2, "pending" if tracked else "shipped": 4}, gifts
        results = openpyxl.load_workbook(gifts["output"], read_only=True)["Results"]
        lines = list(results.iter_rows(values_only=True))
        at = {name: lines[0].index(name) for name in ("Row", "Status", "Problems / vendor error")}
        said = {
            line[at["Row"]]: (line[at["Status"]], line[at["Problems / vendor error"]])
            for line in lines[1:]
            if line[at["Row"]] in (4, 5)
        }
        for row, (status, note) in said.items():
            assert status == "held" and "BS-REST-0001" in note and "without a card" in note, (row, note)
            assert "Re-run" in note, note
        assert len(said) == 2
        assert _live_cards(vendor) == Counter({f"Person {i}": 1 for i in (0, 1, 4, 5)})
    finally:
        vendor.close()


def test_a_row_sent_elsewhere_whose_card_there_failed_reads_needs_attention_once_a_webhook_says_so(
    tmp_path: Path,
) -> None:
    """review51 on 15a3b6af: a team on webhooks (`bulkship webhook serve`) never runs `track`. A delivery
    saying rest's BS-REST-0001 Failed recorded it and rewrote rest's workbook only: gifts read 'sent',
    {'pending': 4, 'sent elsewhere': 2}, Person 2-3 (no card) as sent, until the list was run again. The
    receiver now holds such rows as `track` does, and rewrites gifts' workbook too; it sends nothing."""
    import httpx

    from bulkship import api
    from bulkship.webhook import WebhookReceiver, create_webhook_app

    vendor = SandboxVendor(tmp_path / "vendor")
    failing = SandboxVendor(tmp_path / "vendor", order_failure_rate=1.0)
    settings, factory = vendor.settings, vendor.factory()
    try:
        sheet = _people(tmp_path / "gifts.csv", range(6))
        with pytest.raises(SpendLimitError):
            run_batch(sheet, settings, batch="gifts", wait_s=0, max_total=Decimal(80), client_factory=factory)
        run_batch(
            _people(tmp_path / "first.csv", range(2)),
            settings,
            batch="gifts",
            wait_s=0,
            client_factory=factory,
        )
        rest = _people(tmp_path / "rest.csv", range(2, 4))
        run_batch(rest, settings, batch="rest", wait_s=0, client_factory=failing.factory())
        assert run_batch(sheet, settings, batch="gifts", wait_s=0, client_factory=factory).exit_code == 0
        failing.sandbox.advance(3 * DAY)
        order = next(o for o in vendor.sandbox.orders() if o["PONumber"] == "BS-REST-0001")
        receiver = WebhookReceiver(settings, "s3cret", client_factory=factory, rewrite_delay_s=0)
        app = create_webhook_app(receiver)

        async def deliver() -> httpx.Response:
            async with receiver.lifespan(app):
                transport = httpx.ASGITransport(app=app)
                async with httpx.AsyncClient(transport=transport, base_url="http://r") as client:
                    said = await client.post(
                        "/webhook/s3cret", json={"Id": order["Id"], "PONumber": "BS-REST-0001"}
                    )
                await receiver.wait_for_rewrites()
                return said

        assert asyncio.run(deliver()).json()["status"] == "Failed"
        (gifts,) = api.status(settings, "gifts")
        assert gifts["state"] == "needs attention" and gifts["by_status"].get("held") == 2, gifts
        assert "sent elsewhere" not in gifts["by_status"], gifts
        assert {status for status, _note in (_rows(vendor, "gifts")[r] for r in (4, 5))} == {"held"}
        assert receiver.rewrites_done == 2  # rest's workbook and gifts'
        assert _live_cards(vendor) == Counter({f"Person {i}": 1 for i in (0, 1, 4, 5)})
    finally:
        failing.close()
        vendor.close()
