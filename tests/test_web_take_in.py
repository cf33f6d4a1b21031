"""A row the list leaves out, ordered after all from the web page's review (newcomer15's N11): Jack's row says
'terminated 11/30' in its Notes; HR learns he was not. The page said only "to order it, change that in your
file and upload the file again", and an upload is always a new batch: there the people sent in the first came
back held and 'to fix'. The row is now ordered in its own batch, by its next Send, once."""

from __future__ import annotations

import contextlib
import html
import re
from pathlib import Path

import openpyxl
import pytest
from starlette.testclient import TestClient
from support import embedded_sandbox_orders, visible_text
from test_web import confirm, found, token, upload, wait_until_finished

from bulkship.settings import resolve_settings
from bulkship.team import accounts, approvals, audit, store
from bulkship.web import create_app

HEADERS = ["Employee Name", "Home Address", "City", "State", "Zip Code", "Gift Card", "Amount", "Notes"]


def ops_list(path: Path) -> Path:
    """An HR list as Excel writes it: a title, a blank row, the header on row 3; row 6 (Jack) says
    'terminated 11/30', row 8 is the list's total (no recipient)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Year-end thank you cards - Ops team"])
    ws.append([])
    ws.append(HEADERS)
    ws.append(["Grace Kim", "40 Summer St", "Somerville", "MA", "02143", "Target", 50, "VIP"])
    ws.append(["Henry Adams", "12 Oak Ave Apt 3", "Boston", "MA", "02134", "Starbucks", 15, "on leave"])
    ws.append(["Jack Miller", "88 Lake Shore Dr", "Chicago", "IL", "60611", "CVS", 50, "terminated 11/30"])
    ws.append(["Karen Lee", "3 Pine Rd", "Manchester", "NH", "03101", "CVS", 25, None])
    ws.append(["Total", None, None, None, None, None, 140, None])
    wb.save(path)
    return path


def take(client: TestClient, batch: str, row: int, how: str = "in", upload_id: str = ""):
    """The review's button on the row (a forged form where the page shows none: ``upload_id`` given)."""
    if not upload_id:
        form = client.get(f"/batches/{batch}/review?find={row}").text
        upload_id = found(r'name="upload" value="([^"]+)"', form)
    data = {"csrf_token": token(client), "upload": upload_id, "take": how}
    return client.post(f"/batches/{batch}/rows/{row}/take-in", data=data)


def _people(data_dir: Path) -> list[str]:
    return [
        li["PhysicalDeliveryAddress"]["Name"]
        for o in embedded_sandbox_orders(data_dir)
        for li in o["LineItems"]
    ]


def test_a_row_the_list_leaves_out_is_ordered_after_all_in_its_own_batch(tmp_path: Path) -> None:
    settings = resolve_settings()
    with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
        upload(client, ops_list(tmp_path / "ops-thanks.xlsx"), name="ops")
        shown = client.get("/batches/ops/review?find=6").text
        upload_id = found(r'name="upload" value="([^"]+)"', shown)
        said = visible_text(shown)
        assert "terminated 11/30" in said and "Order this row after all" in said, said
        assert "upload the file again" not in said, said
        confirm(client, "ops")
        wait_until_finished(client, "ops")
        assert sorted(_people(settings.data_dir)) == ["Grace Kim", "Henry Adams", "Karen Lee"]

        # HR learns Jack was not terminated: ordered after all, in this batch
        page = html.unescape(visible_text(take(client, "ops", 6).text))
        assert "ordered after all" in page and "Ordered after all by " in page, page
        # the row alone: the page listed every row holding a 6 ('2 row(s) holding “6”': newcomer28)
        assert "Row 6 alone ( every row )" in page and "holding" not in page, page
        assert "Row 6 valid" in page and "Row 4 " not in page and "Row 5 " not in page, page
        assert "though the list says not to send it (column 'Notes': 'terminated 11/30')" in page, page
        cost = visible_text(client.get("/batches/ops/cost").text)
        assert "1 order(s) for 1 row(s), 1 card(s)" in cost and "3 row(s) already ordered" in cost, cost
        assert "Total 1 1 50.00" in cost, cost
        confirm(client, "ops")
        wait_until_finished(client, "ops")
        results = visible_text(client.get("/batches/ops/results").text)
        assert "Nothing is left to send" in visible_text(client.get("/batches/ops/cost").text)
        assert "Jack Miller" in results, results
        # a sent row is not left out again; the list's total is no one to order
        refused = take(client, "ops", 6, "out", upload_id)
        assert refused.status_code == 409 and "ordered in PO" in visible_text(refused.text)
        total = take(client, "ops", 8, upload_id=upload_id)
        assert total.status_code == 409 and "cannot be ordered after all" in visible_text(total.text)
        assert re.search(r'data-batch="ops"', client.get("/").text)
        assert 'data-batch="ops-2"' not in client.get("/").text  # one batch for one list
    people = _people(settings.data_dir)
    assert sorted(people) == ["Grace Kim", "Henry Adams", "Jack Miller", "Karen Lee"]  # each once


def test_a_row_ordered_after_all_is_left_out_again_before_the_send(tmp_path: Path) -> None:
    settings = resolve_settings()
    with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
        upload(client, ops_list(tmp_path / "ops-thanks.xlsx"), name="ops")
        take(client, "ops", 6)
        assert "for 4 row(s), 4 card(s)" in visible_text(client.get("/batches/ops/cost").text)
        page = visible_text(take(client, "ops", 6, "out").text)
        assert "left out again, as the list says" in page and "Order this row after all" in page, page
        cost = visible_text(client.get("/batches/ops/cost").text)
        assert "for 3 row(s), 3 card(s)" in cost, cost
        confirm(client, "ops")
        wait_until_finished(client, "ops")
    assert "Jack Miller" not in _people(settings.data_dir)


@pytest.mark.usefixtures("quick_hashes")
def test_ordering_a_row_after_all_is_a_requester_s_change_in_the_trail(tmp_path: Path) -> None:
    """Who ordered it, in the trail (a change of the batch: its approver may not be the one who took it in);
    finance may not."""
    settings = resolve_settings()
    accounts.add_user(settings, "ria", "password-ria", ["requester", "approver"], actor="test")
    accounts.add_user(settings, "fin", "password-fin", ["finance"], actor="test")
    approvals.set_threshold(settings, "1000", actor="test")
    try:
        with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
            for name in ("ria", "fin"):
                if name == "fin":
                    client.post("/logout", data={"csrf_token": token(client, "/")})
                form = {"csrf_token": token(client, "/login"), "name": name, "password": f"password-{name}"}
                client.post("/login", data={**form, "next": "/"})
                if name == "ria":
                    upload(client, ops_list(tmp_path / "ops-thanks.xlsx"), name="ops")
                    assert take(client, "ops", 6).status_code == 200
                    shown = client.get("/batches/ops/review?find=6").text
                    upload_id = found(r'name="upload" value="([^"]+)"', shown)
            assert (
                "Leave it out again" not in client.get("/batches/ops/review?find=6").text
            )  # finance: no form
            data = {"csrf_token": token(client, "/"), "upload": upload_id, "take": "out"}
            assert client.post("/batches/ops/rows/6/take-in", data=data).status_code == 403  # finance
        lines = [(e.actor, e.action, e.detail) for e in audit.entries(settings, batch="ops")]
        assert audit.changes_by(settings, "ops", "ria") == ["upload", "take_in"]
    finally:
        store.forget_engines()
    taken = [d for actor, action, d in lines if action == "take_in"]
    assert len(taken) == 1 and taken[0]["row"] == "6" and "terminated 11/30" in taken[0]["ordered_after_all"]


@pytest.mark.usefixtures("quick_hashes")
def test_an_approval_refused_as_out_of_date_is_in_the_trail(tmp_path: Path) -> None:
    """ria asks for approval, then orders a row after all; mo, on the approval page shown before, presses
    Approve: 'Nothing was approved: the batch changed since approval was asked for', rightly, and the trail
    said nothing of the attempt (hunter-web24's LO2), as it says of every other refused approval."""
    from support import clients_of

    settings = resolve_settings()
    accounts.add_user(settings, "ria", "password-ria", ["requester"], actor="test")
    accounts.add_user(settings, "mo", "password-mo", ["approver"], actor="test")
    approvals.set_threshold(settings, "30", actor="test")
    try:
        browsers = clients_of(create_app(settings, run_wait_s=0))
        browser = next(browsers)
        ria, mo = browser(), browser()
        for client, name in ((ria, "ria"), (mo, "mo")):
            form = {"csrf_token": token(client, "/login"), "name": name, "password": f"password-{name}"}
            client.post("/login", data={**form, "next": "/"})
        upload(ria, ops_list(tmp_path / "ops-thanks.xlsx"), name="ops")
        assert "/approval" in str(confirm(ria, "ops").url)
        shown = mo.get("/batches/ops/approval").text
        fields = {k: found(rf'name="{k}" value="([^"]+)"', shown) for k in ("csrf_token", "total", "change")}
        assert take(ria, "ops", 6).status_code == 200  # the batch changes after approval was asked
        request = found(r'action="/batches/ops/approval/(\d+)/approve"', shown)
        refused = mo.post(f"/batches/ops/approval/{request}/approve", data=fields)
        assert "changed=1" in str(refused.url)
        lines = [(e.actor, e.action, e.detail) for e in audit.entries(settings, batch="ops")]
        with contextlib.suppress(StopIteration):
            next(browsers)
    finally:
        store.forget_engines()
    attempts = [d for actor, action, d in lines if (actor, action) == ("mo", "approve_refused")]
    assert attempts and attempts[0]["reason"] == "request out of date", lines
    assert not [a for _, a, _ in lines if a == "approve"]  # nothing approved


def test_a_review_form_sent_after_its_columns_changed_in_another_tab_says_nothing_was_saved(
    tmp_path: Path,
) -> None:
    """Found by hunter-web26: the review open in one tab, the Name column set to '— not used' on the Columns
    page in another; the review's 'Order this row after all', a row's 'Save and check again' and a column's
    'Change them' each answered 'Internal Server Error' (the batch's rows could no longer be read: no Name).
    Each now says nothing was saved and where to choose the columns."""
    settings = resolve_settings()
    with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
        upload(client, ops_list(tmp_path / "ops.xlsx"), name="ops")
        assert client.get("/batches/ops/review").status_code == 200  # the first tab's page
        unmapped = client.post(
            "/batches/ops/columns", data={"csrf_token": token(client), "map:Employee Name": ""}
        )
        assert unmapped.status_code == 200
        csrf = token(client)
        answers = [
            client.post("/batches/ops/rows/6/take-in", data={"csrf_token": csrf, "take": "in"}),
            client.post("/batches/ops/rows/7", data={"csrf_token": csrf, "cell:State": "NH"}),
            client.post(
                "/batches/ops/column",
                data={"csrf_token": csrf, "header": "Gift Card", "was": "CVS", "value": "Target"},
            ),
        ]
    for answer in answers:
        said = html.unescape(visible_text(answer.text))
        assert answer.status_code == 409, (answer.status_code, said)
        assert "Nothing was saved" in said and "Columns page" in said, said
