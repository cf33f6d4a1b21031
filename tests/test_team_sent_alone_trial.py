"""What a person sent without approval in the last day counts money of the kind the batch spends: a trial on
the embedded sandbox (no real order, never added to a vendor's money by `status`) apart from a vendor's.
Counted together, alice's 100.00 tried on the embedded sandbox held her first real batch of 100.00 for an
approver under a threshold of 150.00: 'with the 100.00 alice sent without approval in the last day 200.00'
(hunter-money14's leftover, decided by hunter-money16). Real batches still count each other, and trials
each other."""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from support import SandboxVendor

from bulkship.pipeline import run_batch
from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL
from bulkship.team import accounts, approvals, audit, store

pytestmark = pytest.mark.usefixtures("quick_hashes")  # argon2's cheapest parameters


def _cvs_list(sheet: Path, names: list[str], amount: int = 25) -> Path:
    with sheet.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Amount"])
        for i, name in enumerate(names):
            writer.writerow([name, f"{i + 1} {sheet.stem} St", "Boston", "MA", "02134", "CVS", str(amount)])
    return sheet


@pytest.fixture
def vendor(tmp_path: Path) -> Iterator[SandboxVendor]:
    found = SandboxVendor(tmp_path / "vendor")
    try:
        yield found
    finally:
        found.close()
        store.forget_engines()


def test_a_trial_on_the_embedded_sandbox_is_not_counted_in_what_a_person_sent_for_real(
    vendor: SandboxVendor, tmp_path: Path
) -> None:
    trial = vendor.settings  # the embedded sandbox
    # a vendor at its own URL (the sandbox behind it, answering as a vendor would)
    real = dataclasses.replace(
        trial, api_url="https://vendor.example.com", email=SANDBOX_EMAIL, access_token=SANDBOX_ACCESS_TOKEN
    )
    for name, role in (("admin", "admin"), ("alice", "requester"), ("carol", "approver")):
        accounts.add_user(trial, name, f"password-{name}-1", [role], actor="test")
    approvals.set_threshold(trial, Decimal(150), actor="admin")
    with approvals.acting_as("alice"):
        tried = _cvs_list(tmp_path / "tried.csv", ["Ann Lee", "Bob Ray", "Cy Dunn", "Di Fox"])  # 100.00
        assert run_batch(tried, trial, wait_s=0, client_factory=vendor.factory()).total_cost == 100
        elm = _cvs_list(tmp_path / "elm.csv", ["Ed Park", "Flo Hart", "Gus Orr", "Hal Ng"])  # 100.00
        sent = run_batch(elm, real, wait_s=0, client_factory=vendor.factory())
        assert (sent.sent_orders, sent.total_cost) == (1, Decimal(100)), sent  # it waited for an approver
        # real money still counts real money: 100.00 sent, 75.00 more is past 150.00
        oak = _cvs_list(tmp_path / "oak.csv", ["Ida Roe", "Jo Kim", "Kay Poe"])
        with pytest.raises(approvals.ApprovalRequiredError) as waits:
            run_batch(oak, real, wait_s=0, client_factory=vendor.factory())
        said = " ".join(waits.value.message.split())
        assert "with the 100.00 alice sent without approval in the last day 175.00" in said, said
        # and a trial counts the trials: 100.00 tried, 75.00 more is past 150.00
        pine = _cvs_list(tmp_path / "pine.csv", ["Lu Day", "Max Orr", "Ned Fay"])
        with pytest.raises(approvals.ApprovalRequiredError) as trial_waits:
            run_batch(pine, trial, wait_s=0, client_factory=vendor.factory())
        said = " ".join(trial_waits.value.message.split())
        assert "with the 100.00 alice sent without approval in the last day 175.00" in said, said


def test_the_audit_trail_says_a_run_on_the_embedded_sandbox_charged_no_real_money(
    vendor: SandboxVendor, tmp_path: Path
) -> None:
    """The trail exported for a period read 'run_end ... charged: 100.00' of a trial on the embedded
    sandbox exactly as of a vendor's run: a finance person summing what the team spent counted it (found by
    hunter-money16). A trial's run lines say so; a vendor's say nothing new."""
    trial = vendor.settings
    real = dataclasses.replace(
        trial, api_url="https://vendor.example.com", email=SANDBOX_EMAIL, access_token=SANDBOX_ACCESS_TOKEN
    )
    for name, role in (("admin", "admin"), ("alice", "requester")):
        accounts.add_user(trial, name, f"password-{name}-1", [role], actor="test")
    approvals.set_threshold(trial, Decimal(1000), actor="admin")
    with approvals.acting_as("alice"):
        tried = _cvs_list(tmp_path / "tried.csv", ["Ann Lee", "Bob Ray"])
        run_batch(tried, trial, wait_s=0, client_factory=vendor.factory())
        elm = _cvs_list(tmp_path / "elm.csv", ["Ed Park", "Flo Hart"])
        run_batch(elm, real, wait_s=0, client_factory=vendor.factory())
    lines = [e for e in audit.entries(trial) if e.action in ("run_start", "run_end")]
    said = {(e.batch, e.action): e.detail_text() for e in lines}
    assert set(said) == {(b, a) for b in ("tried", "elm") for a in ("run_start", "run_end")}, said
    for action in ("run_start", "run_end"):
        assert "no real order" in said["tried", action], said
        assert "sandbox" not in said["elm", action], said
    assert "charged: 50.00" in said["tried", "run_end"], said
