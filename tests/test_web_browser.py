"""The web page in a real browser: Debian's Chromium driven by Playwright, against `bulkship serve` started
as a real server (a process of its own on a free loopback port, forked: support.forkserver), with the
embedded sandbox, or the sandbox as a real HTTP server where a test needs sending to take a while.

Under CI (CI=true) these tests must run: a missing Chromium or Playwright is a failure, never a skip.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from support.forkserver import Forked, ForkServer, sandbox

from bulkship.settings import resolve_settings

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
START_LIMIT_S = 120.0  # a readiness wait, generous for a loaded machine
WAIT_MS = 120_000

pytestmark = pytest.mark.slow


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests must run under CI: {reason}")
    pytest.skip(reason)


def chromium_path() -> str | None:
    """Debian's browser binary (its /usr/bin/chromium wrapper works too, with a warning)."""
    for candidate in (
        "/usr/lib/chromium/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    executable = chromium_path()
    if executable is None:
        _unavailable("Chromium is not installed (apt-get install -y --no-install-recommends chromium)")
    with sync_playwright() as playwright:
        # Playwright's own limit for the start is 30 s: the suite starts its slow tests (browsers, servers,
        # PostgreSQL clusters) at once, on two cores
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, timeout=WAIT_MS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(WAIT_MS)
    yield context.new_page()
    context.close()


@dataclass
class Server:
    url: str
    process: Forked


def start_server(forks: ForkServer, env: dict[str, str], *flags: str) -> Server:
    """`bulkship serve --port 0` as a process of its own; its first stdout line names its URL. A server that
    exits first fails the test with its own words (stderr), not after the whole start limit."""
    process = forks.popen(
        ["serve", "--port", "0", *flags], env={**env, "PYTHONUNBUFFERED": "1"}, capture=True
    )
    printed = process.printed(1, START_LIMIT_S)
    if printed is None:
        process.kill()
        process.wait()
        assert process.stderr is not None
        raise RuntimeError(f"bulkship serve did not start: {process.stderr.read_text()[-2000:]}")
    first = printed[0]
    url = first.strip().rpartition(" ")[2]
    assert url.startswith("http://127.0.0.1:"), first
    return Server(url, process)


def stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    data = tmp_path / "bulkship-data"
    return {
        **os.environ, "BULKSHIP_DATA_DIR": str(data), "BULKSHIP_OUT": str(tmp_path / "results"),
        "BULKSHIP_TRACK_EVERY_MIN": "0",  # no background tracking unless a test wants it
    }  # fmt: skip


@pytest.fixture
def server(env, bulkship_forks) -> Iterator[Server]:
    running = start_server(bulkship_forks, env)
    yield running
    stop(running)


@pytest.fixture(scope="module")
def shared_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The data folder of the module's shared server (no BULKSHIP_* setting of this process leaks in)."""
    root = tmp_path_factory.mktemp("shared-server")
    return {
        **{name: value for name, value in os.environ.items() if not name.startswith("BULKSHIP_")},
        "BULKSHIP_DATA_DIR": str(root / "bulkship-data"), "BULKSHIP_OUT": str(root / "results"),
        "BULKSHIP_TRACK_EVERY_MIN": "0",
    }  # fmt: skip


@pytest.fixture(scope="module")
def shared_server(shared_env, bulkship_forks) -> Iterator[Server]:
    """One server for the tests that need neither a fresh vendor nor a fresh ledger: each sends under batch
    names and rows of its own and reads the vendor's lines of its own batch only. A server's start and its
    first pages (imports, templates, the catalog) took ~5 s of a loaded machine per test."""
    running = start_server(bulkship_forks, shared_env)
    yield running
    stop(running)


def upload(page, server: Server, path: Path, name: str = "", *, review: bool = True) -> None:
    """Upload a file; it lands on the Columns page, and (``review``) goes on to the review from there."""
    page.goto(server.url + "/batches/new")
    page.set_input_files("input[name=file]", str(path))
    if name:
        page.fill("input[name=name]", name)
    page.click("button[type=submit]")
    if review:
        page.wait_for_url("**/columns")
        page.click("#to-review")


def click_and_load(page, target) -> None:
    """Click what loads another page (a link, a form's button; ``target`` a selector or a locator) and wait
    until that page has loaded. Right after a click the new page may be committed but half parsed (count(),
    content() and input_value() do not wait for the rest; CI read a page so) and an element both pages have
    may still be the old one's; wait_for_url cannot tell when the page comes back to its own URL."""
    with page.expect_navigation():
        (page.locator(target) if isinstance(target, str) else target).click()


def vendor_lines(env: dict[str, str], batch: str = "") -> list[str]:
    """The ExternalId of every line item the vendor (the sandbox) holds; with ``batch``, of that batch's
    orders only (PO numbers BS-BATCH-…), the ones a test sent on a vendor the module's tests share."""
    from bulkship.client import connect

    settings = resolve_settings(env=env)
    stem = f"BS-{batch.upper()}-" if batch else ""

    async def listed() -> list[str]:
        async with connect(settings) as client:
            orders = [order for order in await client.list_orders() if order.po_number.startswith(stem)]
            return [li.external_id for order in orders for li in order.line_items]

    # Playwright's sync API keeps an event loop running in this thread: ask from another one
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, listed()).result()


def many_rows(path: Path, count: int) -> Path:
    lines = ["Employee ID,First Name,Last Name,Address,City,State,Zip Code,Product,Amount"]
    lines += [f"E-{i:05d},Person,Number {i},{i} Beacon Street,Boston,MA,02108,CVS,25" for i in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_happy_path_upload_review_confirm_and_download_the_result_workbook(
    page, shared_server, shared_env, tmp_path
) -> None:
    upload(page, shared_server, SAMPLES / "anniversary.xlsx")
    page.wait_for_url("**/batches/anniversary/review")
    assert "SANDBOX — no real orders" in page.inner_text(".banner")
    assert "25 rows" in page.inner_text(".counts")
    page.click("#continue")
    page.wait_for_url("**/cost")
    assert page.inner_text("#total") != ""
    page.click("#send")
    page.wait_for_url("**/progress")
    page.wait_for_selector("#finished")
    page.click("text=See the results")
    page.wait_for_url("**/results")
    with page.expect_download() as download_info:
        page.click("#download-xlsx")
    download = download_info.value
    assert download.suggested_filename == "anniversary-results.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    sheet = openpyxl.load_workbook(saved, read_only=True)["Results"]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == 25
    po = header.index("PO Number") if "PO Number" in header else None
    assert po is None or all(str(r[po]).startswith("BS-ANNIVERSARY-") for r in body)
    sent = vendor_lines(shared_env, "anniversary")
    assert len(sent) == 25 == len(set(sent))  # every row ordered, once


def test_a_row_fixed_in_the_page_is_checked_again_and_sent(page, shared_server, shared_env) -> None:
    upload(page, shared_server, SAMPLES / "messy.xlsx", name="messy")
    page.wait_for_url("**/review")
    valid_before = int(page.inner_text(".counts .ok strong"))
    click_and_load(page, "text=Errors (not sent unless fixed)")  # its #row-8 is the old page's too
    row = page.locator("#row-8")
    assert "is not a US ZIP code" in row.inner_text()
    row.locator('input[name="cell:ZIP"]').fill("60606")
    click_and_load(page, row.locator("button[type=submit]"))  # back on this same URL
    assert page.locator("#row-8").count() == 0  # no longer among the errors
    assert int(page.inner_text(".counts .ok strong")) == valid_before + 1
    page.click("#continue")
    page.check("input[name=leave_out]")
    page.click("#send")
    page.wait_for_selector("#finished")
    assert vendor_lines(shared_env, "messy").count("E-2004") == 1


def test_a_row_with_a_cell_on_two_lines_is_fixed_in_the_page_and_sent_with_both_lines(
    page, shared_server, shared_env, tmp_path
) -> None:
    """Found by review16 (R1): a cell written on two lines (Alt+Enter: '455 Massachusetts Avenue' / 'Apt 7')
    sat in a one-line box, which drops line breaks, and the browser sends the shown value's break as CR LF:
    fixing the row's ZIP was refused as "changed by someone else since you opened the page", every time;
    and had it been saved, the street would have read 'AvenueApt 7'."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Employee ID", "Name", "Address", "City", "State", "ZIP", "Card", "Amount"])
    sheet.append(["TL-1", "Tova Lindqvist", "81 Hanover Street", "Boston", "MA", "02108", "CVS", 25])
    two_lines = "455 Massachusetts Avenue\nApt 7"  # people of their own: the module's server is shared
    sheet.append(["TL-2", "Orrin Pike", two_lines, "Cambridge", "MA", "0213", "CVS", 25])
    path = tmp_path / "two-lines.xlsx"
    book.save(path)
    upload(page, shared_server, path, name="twolines")
    page.wait_for_url("**/review")
    row = page.locator("#row-3")
    assert "is not a US ZIP code" in row.inner_text()
    row.locator('input[name="cell:ZIP"]').fill("02139")
    click_and_load(page, row.locator("button[type=submit]"))  # back on this same URL
    assert "changed by someone else" not in page.inner_text("main")
    assert int(page.inner_text(".counts .ok strong")) == 2  # row 3 is valid now
    page.click("#continue")
    page.click("#send")
    page.wait_for_selector("#finished")
    from bulkship.ledger import Ledger
    from bulkship.payload import sent_lines

    with Ledger.open(resolve_settings(env=shared_env).ledger_location, lock=False) as ledger:
        lines = {li.external_id: li for o in ledger.orders("twolines") for li in sent_lines(o)}
    assert sorted(lines) == ["TL-1", "TL-2"]
    street = " ".join(str(v) for k, v in lines["TL-2"].address.items() if k.startswith("Address"))
    assert "455 Massachusetts Avenue" in street and "Apt 7" in street and "AvenueApt" not in street, street


def test_leaving_the_invalid_rows_out_sends_only_the_valid_ones(page, server, env) -> None:
    upload(page, server, SAMPLES / "messy.xlsx", name="leave-out")
    page.wait_for_url("**/review")
    valid = int(page.inner_text(".counts .ok strong"))
    page.goto(server.url + "/batches/leave-out/cost")  # not by the review's "Leave ... out": it ticks it
    click_and_load(page, "#send")  # without saying what to do with the invalid rows: refused, nothing sent
    assert "Tick" in page.inner_text(".error")
    assert vendor_lines(env) == []
    page.check("input[name=leave_out]")
    page.click("#send")
    page.wait_for_selector("#finished")
    sent = vendor_lines(env)
    assert len(sent) == valid
    assert "E-2009" not in sent  # an unknown product: left out
    page.click("text=See the results")
    page.wait_for_url("**/batches/leave-out/results")  # loaded: count() does not wait (CI saw it half-parsed)
    assert page.locator("#fix-these").count() == 1


@pytest.fixture
def slow_vendor(env, bulkship_forks) -> Iterator[dict[str, str]]:
    """The sandbox as a real server where creating an order takes 1 s (its other answers come at once), with
    one order in flight at a time: sending 8 orders takes over 8 s, a window to act in. The page counts an
    order once its answer is recorded, and the vendor holds the next one a moment later: acting on '7 of 8
    sent' acts after the vendor has them all. At 400 ms a progress page whose polls (every second) a loaded
    machine answered late could go from 0 to 7 sent, and leave no window at all."""
    with sandbox(bulkship_forks, "--order-latency-ms", "1000", env=env) as vendor:
        yield {**env, **vendor.printed, "BULKSHIP_CONCURRENCY": "1"}


def _window_used(vendor: dict[str, str]) -> None:
    """The window acted in is used: the rest of the send goes at the vendor's usual pace (about 7 s of 1 s
    order creations waited out otherwise, in each test)."""
    import httpx

    answer = httpx.post(
        vendor["BULKSHIP_API_URL"] + "/_sandbox/config", json={"order_latency_ms": 0}, timeout=30
    )
    assert answer.status_code == 200, answer.text


def _wait_for_some_sent(page) -> None:
    page.wait_for_function(
        "() => { const p = document.querySelector('progress'); return p && p.value >= 1 && p.value < p.max; }"
    )


def test_a_reload_during_sending_shows_the_same_run_going_on(
    page, slow_vendor, tmp_path, bulkship_forks
) -> None:
    server = start_server(bulkship_forks, slow_vendor)
    try:
        upload(page, server, many_rows(tmp_path / "reload.csv", 800))
        page.wait_for_url("**/review")
        page.click("#continue")
        page.click("#send")
        page.wait_for_url("**/progress")
        _wait_for_some_sent(page)
        page.reload()
        assert page.get_attribute("#live", "data-running") == "yes"
        assert "of 8 orders sent" in page.inner_text("#live")
        _window_used(slow_vendor)
        page.wait_for_selector("#finished")
        assert "8 of 8 orders sent" in page.inner_text("#live")
    finally:
        stop(server)
    sent = vendor_lines(slow_vendor)
    assert len(sent) == 800 == len(set(sent))


def test_the_server_killed_while_sending_resumes_on_restart_and_orders_each_row_once(
    page, slow_vendor, tmp_path, bulkship_forks
) -> None:
    server = start_server(bulkship_forks, slow_vendor)
    upload(page, server, many_rows(tmp_path / "crash.csv", 800))
    page.wait_for_url("**/review")
    page.click("#continue")
    page.click("#send")
    page.wait_for_url("**/progress")
    _wait_for_some_sent(page)
    server.process.kill()  # SIGKILL: no chance to finish or record anything
    server.process.wait()
    assert len(vendor_lines(slow_vendor)) < 800
    _window_used(slow_vendor)
    restarted = start_server(bulkship_forks, slow_vendor)
    try:
        page.goto(restarted.url + "/batches/crash/progress")
        page.wait_for_selector("#finished")
        assert "8 of 8 orders sent" in page.inner_text("#live")
    finally:
        stop(restarted)
    sent = vendor_lines(slow_vendor)
    assert len(sent) == 800 == len(set(sent))


def test_an_oversized_upload_is_refused_with_a_page_saying_the_limit(
    page, env, tmp_path, bulkship_forks
) -> None:
    server = start_server(bulkship_forks, env, "--max-upload-mb", "1")
    try:
        big = many_rows(tmp_path / "big.csv", 30_000)
        assert big.stat().st_size > 1024 * 1024
        responses = []
        page.on("response", lambda r: responses.append(r.status))
        upload(page, server, big, review=False)
        page.wait_for_selector("text=File too large")
        page.wait_for_load_state()  # that page's: its heading may come before the rest is parsed
        assert "the limit is 1 MB" in page.inner_text("main")
        assert 413 in responses
    finally:
        stop(server)
    assert not list((Path(env["BULKSHIP_DATA_DIR"]) / "uploads").glob("*/*"))


def test_a_form_posted_without_its_csrf_token_is_refused(page, shared_server, tmp_path) -> None:
    server = shared_server
    # a list of its own: the happy path's anniversary.xlsx, sent on this shared server, is refused at upload
    upload(page, server, many_rows(tmp_path / "kept.csv", 3), name="kept")
    page.wait_for_url("**/review")
    page.eval_on_selector_all("input[name=csrf_token]", "inputs => inputs.forEach(i => i.remove())")
    page.click("text=Delete this batch")
    page.wait_for_selector("text=Form refused")
    page.goto(server.url + "/")
    assert "kept" in page.inner_text("table")  # not deleted


def test_the_columns_page_lets_a_person_choose_the_column_and_save_a_profile(
    page, shared_server, shared_env, tmp_path
) -> None:
    server, env = shared_server, shared_env
    sheet = tmp_path / "hr.csv"
    sheet.write_text(
        "Employee Name,Address,Street Address,City,State,ZIP,Product,Amount,Postage Class\n"
        "Ana Silva,9 Old Rd,12 Elm St,Boston,MA,02108,CVS,25,OVERNIGHT\n"
        "Ben Ode,8 Old Rd,14 Oak Ave,Cambridge,MA,02139,CVS,50,EXPEDITED\n"
    )
    upload(page, server, sheet, name="hr", review=False)
    page.wait_for_url("**/batches/hr/columns")
    assert "2 columns mean the same field" in page.inner_text("#ambiguous")
    assert page.locator("#to-review").count() == 0
    page.select_option("select[name='map:Street Address']", "address1")
    page.select_option("select[name='map:Postage Class']", "shipping_method")
    click_and_load(page, "#apply")
    page.wait_for_selector("#to-review")
    assert "2 valid" in page.inner_text("ul.counts")
    assert page.input_value("select[name='map:Address']") == ""
    page.fill("input[name=profile]", "hr-export")
    click_and_load(page, "text=Save as a profile")
    page.wait_for_selector("#using-profile")
    assert (Path(env["BULKSHIP_DATA_DIR"]) / "programs" / "hr-export.toml").exists()
    # the next file with these headers: the profile is offered, and used with one click
    upload(page, server, sheet, name="hr-2", review=False)
    page.wait_for_url("**/batches/hr-2/columns")
    click_and_load(page, "text=Use “hr-export”")  # #using-profile is parsed before the columns' choices
    page.wait_for_selector("#using-profile")
    assert page.input_value("select[name='map:Street Address']") == "address1"
    page.click("#to-review")
    page.wait_for_url("**/batches/hr-2/review")
    assert "2</strong> valid" in page.content()
