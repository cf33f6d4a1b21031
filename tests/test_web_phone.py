"""The web page in a phone-sized window (Chromium, 390 x 844, as a mobile browser): an approver approving
from a phone saw the cost page's money table run 290 px off the right edge, the whole page scrolling
sideways, the Total column out of sight (found by newcomer25, following the README as a team, N6). A wide
table scrolls inside its own box; the page keeps the window's width."""

from __future__ import annotations

import pytest
from test_web_browser import SAMPLES, WAIT_MS, browser, shared_env, shared_server, upload  # noqa: F401

pytestmark = pytest.mark.slow


@pytest.fixture
def phone(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.set_default_timeout(WAIT_MS)
    yield context.new_page()
    context.close()


def test_the_cost_page_keeps_a_phone_s_width(phone, shared_server) -> None:  # noqa: F811
    upload(phone, shared_server, SAMPLES / "anniversary.xlsx", name="phone-cost")
    phone.wait_for_url("**/review")
    phone.click("#continue")
    phone.wait_for_url("**/cost")
    page = "document.documentElement"
    widths = phone.evaluate(f"() => [{page}.scrollWidth, {page}.clientWidth]")
    assert widths[0] <= widths[1], widths  # (a mobile window's innerWidth grows with the page: not it)
    total = phone.locator("table.grid.money").first
    assert total.evaluate("t => t.scrollWidth > t.clientWidth")  # the table scrolls within its box
