"""Team use in a real browser (Debian's Chromium via Playwright, as in test_web_browser): sign-in, a requester
sending a batch above the threshold, the same person refused as its approver, another person approving, the
batch sent exactly once, finance downloading the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import test_web_browser
from support.forkserver import ForkServer
from test_web_browser import (
    SAMPLES,
    WAIT_MS,
    Server,
    start_server,
    stop,
    vendor_lines,
)

from bulkship.settings import resolve_settings
from bulkship.team import accounts, approvals, store

pytestmark = pytest.mark.slow
chromium = test_web_browser.browser  # that module's Chromium, as a fixture of this one too


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick_hashes: None) -> Iterator[dict[str, str]]:
    """A data folder with a team in it: lee prepares and approves, mo approves, kim is finance."""
    data = tmp_path / "bulkship-data"
    environ = {
        **__import__("os").environ,
        "BULKSHIP_DATA_DIR": str(data),
        "BULKSHIP_OUT": str(tmp_path / "results"),
    }
    settings = resolve_settings(env=environ)
    for name, roles in (("dana", ["admin"]), ("lee", ["requester", "approver"]), ("mo", ["approver"]),
                        ("kim", ["finance"])):  # fmt: skip
        accounts.add_user(settings, name, f"password-{name}", roles, actor="test")
    approvals.set_threshold(settings, "500", actor="test")
    yield environ
    store.forget_engines()


@pytest.fixture
def server(env: dict[str, str], bulkship_forks: ForkServer) -> Iterator[Server]:
    running = start_server(bulkship_forks, env)
    yield running
    stop(running)


def person(launched: Any, server: Server, name: str) -> Any:
    """A browser window of its own (its own cookies), signed in as ``name``."""
    context = launched.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    page.goto(server.url + "/")
    page.wait_for_url("**/login**")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", f"password-{name}")
    page.click("#sign-in")
    page.wait_for_url(server.url + "/")
    assert name in page.inner_text(".who")
    return page


def test_a_batch_above_the_threshold_is_approved_by_another_person_sent_once_and_audited(
    chromium: Any, server: Server, env: dict[str, str], tmp_path: Path
) -> None:
    lee = person(chromium, server, "lee")
    lee.goto(server.url + "/batches/new")
    lee.set_input_files("input[name=file]", str(SAMPLES / "anniversary.xlsx"))
    lee.click("form.upload button[type=submit]")
    lee.wait_for_url("**/batches/anniversary/columns")  # the detected columns first, then the review
    lee.click("#to-review")
    lee.wait_for_url("**/batches/anniversary/review")
    lee.click("#continue")
    lee.wait_for_url("**/cost")
    assert "Ask for approval" in lee.inner_text("#send")
    lee.click("#send")
    lee.wait_for_url("**/batches/anniversary/approval")
    assert "Waiting for approval" in lee.inner_text("#approval-status")
    # lee is an approver too, but asked for this one: not offered (the server refuses it: test_team_web)
    assert "Waiting for an approver" in lee.inner_text("main") and lee.locator("#approve").count() == 0
    assert vendor_lines(env) == []

    mo = person(chromium, server, "mo")
    mo.click("text=Approvals")
    mo.click("#waiting >> text=anniversary")
    mo.wait_for_url("**/batches/anniversary/approval")
    assert mo.inner_text("#total") == "1,734.25"  # the same cost page
    assert "valid row(s)" in mo.inner_text("#problem-summary")
    mo.click("#approve")
    mo.wait_for_url("**/progress")
    mo.wait_for_selector("#finished")
    sent = vendor_lines(env)
    assert len(sent) == 25 == len(set(sent))

    kim = person(chromium, server, "kim")
    kim.goto(server.url + "/batches/new")
    # finance never prepares nor sends
    assert "kim (finance) may not open the page to upload a new list" in kim.inner_text("main")
    kim.goto(server.url + "/audit")
    kim.fill("input[name=batch]", "anniversary")
    kim.click("text=Show")
    kim.wait_for_url("**/audit?batch=anniversary**")
    with kim.expect_download() as download_info:
        kim.click("#audit-xlsx")
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.name == "audit-anniversary.xlsx"
    rows = list(openpyxl.load_workbook(saved, read_only=True).active.iter_rows(values_only=True))
    lines = {(r[1], r[3]) for r in rows[3:]}
    for expected in (("lee", "upload"), ("lee", "approval_request"), ("mo", "approve"), ("lee", "run_start"),
                     ("lee", "run_end")):  # fmt: skip
        assert expected in lines
    assert all(r[2] == "127.0.0.1" for r in rows[3:] if r[3] in ("upload", "approve"))

    # found by review16 (R7): on a shared computer, Back after signing out showed the page kept by the
    # browser, recipients' names and addresses on it; now every page is fetched again (a sign-in is asked)
    lee.goto(server.url + "/batches/anniversary/results")
    assert "BS-ANNIVERSARY-0001" in lee.inner_text("main")
    lee.click("#sign-out")
    lee.wait_for_url("**/login**")
    lee.go_back()
    lee.wait_for_load_state()
    assert "/login" in lee.url and "BS-ANNIVERSARY" not in lee.content(), lee.url


def test_enter_in_a_persons_limit_box_sets_the_limit(
    chromium: Any, server: Server, env: dict[str, str]
) -> None:
    """Found by hunter-web5: the person's changes were one form whose first button was 'Set roles', so Enter
    in the limit box set the roles as ticked and no limit ('lee: approver, requester.'): lee still sent up to
    the team threshold without approval."""
    dana = person(chromium, server, "dana")
    dana.goto(server.url + "/admin/users")
    dana.fill("input[aria-label='Limit of lee']", "50")
    with dana.expect_navigation():  # the answer is a page of its own: wait for it, loaded
        dana.press("input[aria-label='Limit of lee']", "Enter")
    assert "Limit of lee set" in dana.inner_text("main")
    assert getattr(accounts.find_user(resolve_settings(env=env), "lee"), "spend_limit", None) == 50
    store.forget_engines()
