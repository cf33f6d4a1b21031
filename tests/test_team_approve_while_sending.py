"""An approver's Approve arriving while a colleague's approval of the same request is being sent: the page
says who approved it, rather than landing on the progress page without a word (found by hunter-web28 on
two servers sharing a PostgreSQL ledger, fixed by hunter-web29)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import clients_of, visible_text
from support.vendor_proxy import Answer, Call, VendorProxy
from test_team_web import SAMPLES, found, send, shown_plan, sign_in, upload, wait_until_finished

from bulkship.settings import Settings
from bulkship.team import accounts, approvals, audit, store
from bulkship.web import create_app

pytestmark = pytest.mark.usefixtures("quick_hashes")  # argon2's cheapest parameters


@pytest.fixture
def team(vendor: VendorProxy, tmp_path: Path) -> Iterator[Settings]:
    """alice asks; bob and carol approve; every batch above 100.00 needs one of them."""
    settings = vendor.settings(tmp_path)
    for name, role in (("alice", "requester"), ("bob", "approver"), ("carol", "approver")):
        accounts.add_user(settings, name, f"password-{name}", [role], actor="test")
    approvals.set_threshold(settings, "100", actor="test")
    try:
        yield settings
    finally:
        store.forget_engines()


def test_an_approve_arriving_while_a_colleague_s_approval_is_sent_says_who_approved_it(
    team: Settings, vendor: VendorProxy
) -> None:
    reached, release = threading.Event(), threading.Event()

    def held_at_the_vendor(call: Call) -> Answer:
        if call.method == "POST" and call.path.lower() == "/v1/orders":
            reached.set()
            release.wait(60)  # until bob's Approve has been answered
        return call.forward()

    vendor.rewrite = held_at_the_vendor
    clients = clients_of(create_app(team, run_wait_s=0))
    browsers = next(clients)
    try:
        alice, bob, carol = browsers(), browsers(), browsers()
        sign_in(alice, "alice")
        upload(alice, SAMPLES / "anniversary.xlsx")
        assert send(alice, "anniversary").url.path == "/batches/anniversary/approval"
        sign_in(bob, "bob")
        sign_in(carol, "carol")
        bobs_page = bob.get("/batches/anniversary/approval").text  # opened before carol approves
        carols_page = carol.get("/batches/anniversary/approval").text
        url = found(r'action="(/batches/anniversary/approval/\d+/approve)"', carols_page)
        assert carol.post(url, data=shown_plan(carols_page)).url.path == "/batches/anniversary/progress"
        assert reached.wait(60), "the run did not reach the vendor"
        late = bob.post(url, data=shown_plan(bobs_page))  # mid-send: carol's approval is being sent
        said = " ".join(visible_text(late.text).split())
        release.set()
        assert late.url.path == "/batches/anniversary/progress", said
        assert "was approved by carol" in said and "before your Approve" in said, said
        assert "no card is sent twice" in said, said
        wait_until_finished(bob, "anniversary")
        assert len(vendor.orders()) == 2  # carol's approval sent once; bob's added nothing
        trail = [e.action for e in audit.entries(team, batch="anniversary") if e.actor == "bob"]
        assert "approve" not in trail
    finally:
        release.set()
        next(clients, None)


def test_an_approve_arriving_just_after_a_colleague_s_is_no_refusal(
    team: Settings, vendor: VendorProxy
) -> None:
    """hunter-web29's leftover: two approvers pressing Approve at one moment (on two servers of one ledger):
    carol's approval was recorded first, bob's found it and read a 403 page, 'Not approved: request #1 ...
    was approved by carol already', as if the batch were refused. He is sent where carol's approval is
    said, the batch sent once."""
    clients = clients_of(create_app(team, run_wait_s=0))
    browsers = next(clients)
    try:
        alice, bob = browsers(), browsers()
        sign_in(alice, "alice")
        upload(alice, SAMPLES / "anniversary.xlsx")
        assert send(alice, "anniversary").url.path == "/batches/anniversary/approval"
        sign_in(bob, "bob")
        bobs_page = bob.get("/batches/anniversary/approval").text
        url = found(r'action="(/batches/anniversary/approval/\d+/approve)"', bobs_page)
        asked = approvals.latest(team, "anniversary")
        assert asked is not None
        approvals.decide(team, asked.id, person="carol", approve=True)  # hers first, her run not begun
        late = bob.post(url, data=shown_plan(bobs_page))
        said = " ".join(visible_text(late.text).split())
        assert late.status_code == 200 and "Not approved" not in said, said
        assert "was approved by carol" in said, said
    finally:
        next(clients, None)


def test_the_cost_page_of_a_batch_whose_request_waits_offers_no_second_ask(
    team: Settings, vendor: VendorProxy
) -> None:
    """hunter-web29's leftover: alice asked for approval (request #1 waits); her batch's cost page said
    'Waiting for approval (request #1 ...)' and under it offered 'Ask for approval to send 1 order(s) ...'
    as if nothing had been asked. It now leads to the request waiting."""
    clients = clients_of(create_app(team, run_wait_s=0))
    browsers = next(clients)
    try:
        alice = browsers()
        sign_in(alice, "alice")
        upload(alice, SAMPLES / "anniversary.xlsx")
        assert send(alice, "anniversary").url.path == "/batches/anniversary/approval"
        page = alice.get("/batches/anniversary/cost").text
        said = " ".join(visible_text(page).split())
        assert "Waiting for approval" in said and "Ask for approval" not in said, said
        assert (
            'href="/batches/anniversary/approval"' in page and "See request #1, waiting for approval" in said
        )
        assert len(vendor.orders()) == 0
    finally:
        next(clients, None)
