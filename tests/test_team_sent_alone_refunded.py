"""What a person sent without approval in the last day counts what the vendor kept, not a card it failed
and gave the money back for (found by hunter-money9: alice's batch of 100.00, failed at the vendor after
its run and sent again, counted 200.00, and her next batch of 50.00 was refused 'with the 200.00 alice sent
without approval in the last day 250.00', 100.00 being all the vendor charged her)."""

from __future__ import annotations

import asyncio
import csv
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from support import SandboxVendor

from bulkship.pipeline import run_batch
from bulkship.team import accounts, approvals, store
from bulkship.track import track

pytestmark = pytest.mark.usefixtures("quick_hashes")  # argon2's cheapest parameters
DAY = 24 * 3600


NAMES = {"Elm": ("Ann Lee", "Bob Ray", "Cy Dunn", "Di Fox"), "Oak": ("Ed Park", "Flo Hart")}


def _cvs_list(sheet: Path, count: int, street: str) -> Path:
    with sheet.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Amount"])
        for i in range(count):
            writer.writerow([NAMES[street][i], f"{i + 1} {street} St", "Boston", "MA", "02134", "CVS", "25"])
    return sheet


@pytest.fixture
def failing(tmp_path: Path) -> Iterator[SandboxVendor]:
    vendor = SandboxVendor(tmp_path / "vendor", order_failure_rate=1.0)
    try:
        yield vendor
    finally:
        vendor.close()
        store.forget_engines()


def test_a_batch_failed_at_the_vendor_and_sent_again_counts_once_as_sent_without_approval(
    failing: SandboxVendor, tmp_path: Path
) -> None:
    settings = failing.settings
    for name, role in (("admin", "admin"), ("alice", "requester"), ("carol", "approver")):
        accounts.add_user(settings, name, f"password-{name}-1", [role], actor="test")
    approvals.set_threshold(settings, Decimal(100), actor="admin")
    elm = _cvs_list(tmp_path / "elm.csv", 4, "Elm")  # 100.00
    with approvals.acting_as("alice"):
        assert (
            run_batch(elm, settings, batch="elm", wait_s=0, client_factory=failing.factory()).ordered_rows
            == 4
        )
        failing.sandbox.advance(3 * DAY)  # the vendor ends the order Failed, nothing shipped (refunded)
        asyncio.run(track(settings, "elm", client_factory=failing.factory()))
        failing.close()
        healed = SandboxVendor(tmp_path / "vendor")  # the same vendor, no longer failing orders
        try:
            again = run_batch(elm, settings, batch="elm", wait_s=0, client_factory=healed.factory())
            assert again.sent_orders == 1 and again.total_cost == Decimal(100)
            oak = _cvs_list(tmp_path / "oak.csv", 2, "Oak")  # 50.00
            with pytest.raises(approvals.ApprovalRequiredError) as waits:
                run_batch(oak, settings, batch="oak", wait_s=0, client_factory=healed.factory())
        finally:
            healed.close()
    said = " ".join(waits.value.message.split())
    assert "with the 100.00 alice sent without approval in the last day 150.00" in said, said
