"""An approver who changed a batch (a maker is no checker) is told so on its approval page, and offered no
Approve the server would refuse (found by hunter-web26)."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import visible_text
from test_web import confirm, token, upload, wait_until_finished
from test_web_held import DECEMBER, NOVEMBER, held_key, sent_to, workbook

from bulkship.settings import resolve_settings
from bulkship.team import accounts, approvals
from bulkship.web import create_app

pytestmark = pytest.mark.usefixtures("quick_hashes")  # argon2's cheapest parameters


def test_an_approver_who_sent_a_held_row_anyway_is_not_offered_approve_and_another_approver_is(
    tmp_path: Path,
) -> None:
    """Found by hunter-web26: carol, an approver, sent a held row of alice's batch anyway on its Held rows
    page while alice's request waited (the request went out of date; alice sent again, request #3). carol's
    approval page offered 'Approve and send', and pressing it answered 'carol changed batch dec (repeat):
    another approver must decide on it'. Her page now says she changed the batch and offers Reject only;
    dave's offers Approve, and his approval sends the batch once."""
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    for name, roles in (("alice", ["requester"]), ("carol", ["approver"]), ("dave", ["approver"])):
        accounts.add_user(settings, name, f"password-{name}", roles, actor="test")
    approvals.set_threshold(settings, "30", actor="test")
    app = create_app(settings, run_wait_s=0)
    with (
        TestClient(app, follow_redirects=True) as alice,
        TestClient(app, follow_redirects=True) as carol,
        TestClient(app, follow_redirects=True) as dave,
    ):
        for client, name in ((alice, "alice"), (carol, "carol"), (dave, "dave")):
            login = token(client, "/login")
            client.post("/login", data={"csrf_token": login, "name": name, "password": f"password-{name}"})

        def approve(who: TestClient, batch: str) -> str:
            page = who.get(f"/batches/{batch}/approval").text
            action = re.search(rf'action="(/batches/{batch}/approval/\d+/approve)"', page)
            assert action, visible_text(page)
            fields = dict(re.findall(r'name="(csrf_token|total|change)" value="([^"]+)"', page))
            return str(who.post(action.group(1), data=fields).url.path)

        upload(alice, workbook(tmp_path / "nov.xlsx", NOVEMBER), name="nov")
        assert confirm(alice, "nov").url.path == "/batches/nov/approval"
        assert approve(carol, "nov") == "/batches/nov/progress"
        wait_until_finished(alice, "nov")
        upload(alice, workbook(tmp_path / "dec.xlsx", DECEMBER), name="dec")
        assert confirm(alice, "dec").url.path == "/batches/dec/approval"
        held = carol.get("/batches/dec/held").text
        change = re.search(r'name="change" value="([^"]+)"', held)
        assert change
        form = {"csrf_token": token(carol, "/account"), "change": change.group(1), "send": held_key(held, 2)}
        assert carol.post("/batches/dec/held", data=form).url.path == "/batches/dec/cost"
        assert confirm(alice, "dec").url.path == "/batches/dec/approval"  # asks anew: request #3
        page = carol.get("/batches/dec/approval").text
        said = html.unescape(visible_text(page))
        assert 'id="approve"' not in page and 'id="reject"' in page, said
        assert "You changed this batch (sent held rows anyway, or left them out): another approver" in said
        assert 'id="approve"' in dave.get("/batches/dec/approval").text
        assert approve(dave, "dec") == "/batches/dec/progress"
        wait_until_finished(alice, "dec")
    cards = sent_to(settings)
    assert cards.count(("Ann Lee", "400 Main St")) == 1 and ("Cy Po", "77 Lake Dr") not in cards
    assert len(cards) == 3 + 5


def test_a_request_out_of_date_says_who_changed_the_batch_and_what_since_it_was_asked(tmp_path: Path) -> None:
    """Found by hunter-web26: carol, an approver, sent a held row of alice's batch anyway on its Held rows
    page while alice's request #2 waited. alice's cost page said 'Out of date: request #2 ... was for the
    batch as it was before a change' with no word of who changed what, and offered to withdraw it 'Once
    withdrawn ... no approver can approve it', as if one still could. It now names carol and her change,
    and says that sending again replaces the request; carol's approval page and the Approvals list name it
    too."""
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    for name, roles in (("alice", ["requester"]), ("carol", ["approver"]), ("dave", ["approver"])):
        accounts.add_user(settings, name, f"password-{name}", roles, actor="test")
    approvals.set_threshold(settings, "30", actor="test")
    app = create_app(settings, run_wait_s=0)
    with TestClient(app, follow_redirects=True) as alice, TestClient(app, follow_redirects=True) as carol:
        for client, name in ((alice, "alice"), (carol, "carol")):
            login = token(client, "/login")
            client.post("/login", data={"csrf_token": login, "name": name, "password": f"password-{name}"})
        upload(alice, workbook(tmp_path / "nov.xlsx", NOVEMBER), name="nov")
        assert confirm(alice, "nov").url.path == "/batches/nov/approval"
        page = carol.get("/batches/nov/approval").text
        fields = dict(re.findall(r'name="(csrf_token|total|change)" value="([^"]+)"', page))
        carol.post("/batches/nov/approval/1/approve", data=fields)
        wait_until_finished(alice, "nov")
        upload(alice, workbook(tmp_path / "dec.xlsx", DECEMBER), name="dec")
        assert confirm(alice, "dec").url.path == "/batches/dec/approval"  # request #2 waits
        held = carol.get("/batches/dec/held").text
        change = re.search(r'name="change" value="([^"]+)"', held)
        assert change
        form = {"csrf_token": token(carol, "/account"), "change": change.group(1), "send": held_key(held, 2)}
        assert carol.post("/batches/dec/held", data=form).url.path == "/batches/dec/cost"
        for who, page_url in ((alice, "/batches/dec/cost"), (carol, "/batches/dec/approval")):
            said = _words(who.get(page_url).text)
            assert "Out of date: request #2" in said, said
            assert re.search(
                r"nothing is sent on it\. Changed since it was asked: carol sent held rows anyway, or left "
                r"them out \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)\. Sending the batch again",
                said,
            ), said
        listed = _words(carol.get("/approvals").text)  # the approvers' list says it too
        assert (
            "Out of date: the batch changed since this was asked, or was sent without it (carol sent held"
            in (listed)
        ), listed
        said = _words(alice.get("/batches/dec/cost").text)
        assert "Once withdrawn" not in said
        assert "No approver can approve request #2 any more: sending the batch again replaces it" in said
    assert len(sent_to(settings)) == 3  # nov's cards only: nothing sent on request #2


def _words(page: str) -> str:
    """The page's text as read: no space before a colon, comma, full stop or closing bracket, nor after an
    opening one."""
    return re.sub(r"\s+([:,.)])|(\()\s+", r"\1\2", html.unescape(visible_text(page)))
