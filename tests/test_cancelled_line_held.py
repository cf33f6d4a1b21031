"""A card the vendor cancelled before it shipped, its row unchanged: a re-run holds it, never sends it again
by itself (the lead's decision of session 50's leftover 2, found by newcomer28). The next `run` of the same
file sent it again under a new PO number, so a cancellation the company asked the vendor for was undone by
a re-run made for another reason. One --allow-repeat (or an 'Allow Duplicate' yes) sends it; a row changed
since is the user's fix, sent; a line the vendor Failed is sent again as before."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from support.vendor_proxy import Answer, Call, VendorProxy, orders_rewritten

from bulkship.cli import main
from bulkship.ledger import Ledger
from bulkship.reconcile.sheets import RESULTS_SHEET
from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL
from bulkship.track import track

HEADER = "Employee ID,Name,Address,City,State,ZIP,Product,Amount"
REASON = "Cancelled at customer request"


def _row(n: int, street: str = "") -> str:
    return f"E{n},Person {n},{street or f'{n} Main St'},Boston,MA,02134,CVS,25"


def _list(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "list.csv"
    path.write_text("\n".join([header, *rows]) + "\n")
    return path


def _ended(ref: str | tuple[str, ...], word: str, reason: str = "") -> Any:
    """The vendor's reads show line ``ref`` ended ``word``, nothing shipped (and ``reason`` as its own)."""

    def change(order: dict[str, Any]) -> None:
        for line in order["LineItems"]:
            if line["ExternalId"] in ((ref,) if isinstance(ref, str) else ref):
                line.update(Status=word, Shipments=[], **({"StatusReason": reason} if reason else {}))

    return orders_rewritten(change)


@pytest.fixture
def cli(vendor: VendorProxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> VendorProxy:
    """`bulkship` commands ordering from ``vendor`` with a data folder of their own."""
    monkeypatch.setenv("BULKSHIP_API_URL", vendor.url)
    monkeypatch.setenv("BULKSHIP_EMAIL", SANDBOX_EMAIL)
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", SANDBOX_ACCESS_TOKEN)
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    return vendor


def _run(path: Path, *more: str) -> int:
    return main(["run", str(path), "--batch", "Q", "--yes", "--wait", "0", "--out", str(path.parent), *more])


def _said(capsys: pytest.CaptureFixture[str]) -> str:
    return " ".join("".join(capsys.readouterr()).split())


def _cancel(cli: VendorProxy, word: str = "Cancelled", reason: str = REASON) -> None:
    cli.rewrite = _ended("E2", word, reason)
    assert main(["track", "Q"]) in (0, 3)


def test_a_card_the_vendor_cancelled_is_held_by_a_re_run_naming_order_day_and_reason(
    cli: VendorProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _list(tmp_path, _row(1), _row(2), _row(3))
    assert _run(path) == 0
    _cancel(cli)
    capsys.readouterr()
    assert main(["validate", str(path), "--batch", "Q", "--cost"]) == 0
    priced = _said(capsys)
    assert "would hold, not send: the vendor cancelled their card before it shipped" in priced, priced
    assert "Not priced: 1 row(s) `bulkship run` would hold as cancelled at the vendor" in priced, priced
    assert "Cost: nothing `bulkship run` would send" in priced, priced

    assert _run(path) == 3  # it sent E2 again under BS-Q-0002, exit 0
    said = _said(capsys)
    assert cli.external_ids().count("E2") == 1, cli.external_ids()
    assert (
        "row 3: Held, not sent: the vendor cancelled this card's line in order BS-Q-0001 before it shipped, "
        "read so on " in said
    ), said
    assert f"(the vendor's reason: '{REASON}')" in said, said
    assert "1 row(s) held: the vendor cancelled their card before it shipped" in said, said
    assert "so that no one gets the same card twice" not in said, said
    main(["status", "Q", "--json"])
    (batch,) = json.loads(capsys.readouterr().out)["batches"]
    assert (batch["state"], batch["ordered_cost"]) == ("needs attention", "50.00"), batch
    book = openpyxl.load_workbook(tmp_path / "Q-results.xlsx", read_only=True)
    (row,) = [r for r in book[RESULTS_SHEET].iter_rows(values_only=True) if "E2" in r]
    assert "held" in row and any("order BS-Q-0001 before it shipped" in str(c) for c in row), row

    assert _run(path) == 3  # again: still held, nothing sent
    assert cli.external_ids().count("E2") == 1
    capsys.readouterr()
    assert _run(path, "--allow-repeat") == 0  # on purpose: sent once
    said = _said(capsys)
    again = "1 row(s) in this plan are cards the vendor cancelled before they shipped and are sent again on"
    assert again in said, said
    assert cli.external_ids().count("E2") == 2
    assert _run(path) == 0
    assert cli.external_ids().count("E2") == 2, cli.external_ids()


def test_a_row_changed_since_is_sent_and_a_failed_line_is_sent_again_as_before(
    cli: VendorProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _list(tmp_path, _row(1), _row(2), _row(3))
    assert _run(path) == 0
    _cancel(cli)
    assert _run(path) == 3  # held first: the fix comes after the run said why
    fixed = _list(tmp_path, _row(1), _row(2, street="22 New St"), _row(3))  # the user's fix: a new address
    assert _run(fixed) == 0, _said(capsys)  # not held as an edit of a card ordered: none was made
    sent = [li for o in cli.orders() for li in o["LineItems"] if li["ExternalId"] == "E2"]
    assert [li["PhysicalDeliveryAddress"]["AddressLine1"] for li in sent] == ["2 Main St", "22 New St"]


def test_a_failed_line_is_sent_again_as_before(
    cli: VendorProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _list(tmp_path, _row(1), _row(2))
    assert _run(path) == 0
    _cancel(cli, word="Failed", reason="")
    assert _run(path) == 0, _said(capsys)
    assert cli.external_ids().count("E2") == 2


def test_an_allow_duplicate_yes_on_the_row_sends_it(
    cli: VendorProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _list(tmp_path, _row(1), _row(2))
    assert _run(path) == 0
    _cancel(cli, reason="")
    allowed = _list(tmp_path, _row(1) + ",", _row(2) + ",yes", header=HEADER + ",Allow Duplicate")
    assert _run(allowed) == 0, _said(capsys)
    assert cli.external_ids().count("E2") == 2


def test_the_cancellation_is_read_with_its_reason_once(vendor: VendorProxy, tmp_path: Path) -> None:
    """The line read cancelled is recorded once with the vendor's reason (an order's own, its lines silent),
    however often it is read again."""
    from support.vendor_proxy import place

    from bulkship.ledger.linewords import LINE_CANCELLED, cancellations

    settings = vendor.settings(tmp_path)
    place(vendor, tmp_path, [1, 2], batch="q")

    def order_reason(call: Call) -> Answer:
        answer = _ended("E2", "Canceled")(call)
        body = answer.json()
        if call.method == "GET" and isinstance(body, dict):
            for order in body.get("Data", [body]):
                order["CancellationReason"] = "Out of stock"
        return Answer.of(answer.status, body) if body is not None else answer

    vendor.rewrite = order_reason
    for _ in range(2):
        asyncio.run(track(settings, "q", client_factory=vendor.factory))
    with Ledger.open(settings.ledger, lock=False) as ledger:
        events = ledger.events("q", kinds=[LINE_CANCELLED])
        (said,) = cancellations(events).values()
    assert len(events) == 1 and said[1] == "Out of stock", events


def test_the_web_page_holds_it_and_a_tick_on_held_rows_sends_it(vendor: VendorProxy, tmp_path: Path) -> None:
    """The page as the command line: after the vendor cancelled row 3's card, the cost page sends nothing,
    Held rows names the cancellation, and a tick there sends it once."""
    import re
    from dataclasses import replace

    from starlette.testclient import TestClient
    from support import visible_text
    from test_web import confirm, token, upload, wait_until_finished
    from test_web_held import held_key

    from bulkship.web import create_app

    settings = replace(vendor.settings(tmp_path), out_dir=tmp_path / "results")
    path = _list(tmp_path, _row(1), _row(2), _row(3))
    with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
        upload(client, path, name="q")
        assert confirm(client, "q").url.path == "/batches/q/progress"
        wait_until_finished(client, "q")
        vendor.rewrite = _ended(("E2", "E3"), "Cancelled", REASON)
        asyncio.run(track(settings, "q", client_factory=vendor.factory))
        cost = visible_text(client.get("/batches/q/cost").text)
        assert "Send 1 order(s)" not in cost and "or the vendor cancelled its card: see Held rows" in cost, (
            cost
        )
        held = client.get("/batches/q/held").text
        said = visible_text(held)
        assert (
            "each one's card before it shipped, and sending again does not undo a cancellation (below" in said
        )
        assert "order BS-Q-0001 before it shipped, read so on" in said and REASON in said, said
        change = re.search(r'name="change" value="([^"]+)"', held)
        assert change, held
        assert "Leave out: has their card, or not to be sent" in said, said
        data = {
            "csrf_token": token(client),
            "change": change.group(1),
            "send": held_key(held, 3),
            "leave": "4",
        }
        cost_page = visible_text(client.post("/batches/q/held", data=data).text)
        assert "Send 1 order(s)" in cost_page, cost_page
        again = "1 row(s) in this plan are cards the vendor cancelled before they shipped and are sent again"
        assert again in cost_page and "second card" not in cost_page, cost_page
        assert confirm(client, "q").url.path == "/batches/q/progress"
        wait_until_finished(client, "q")
        results = visible_text(client.get("/batches/q/results").text)
    assert vendor.external_ids().count("E2") == 2 and vendor.external_ids().count("E3") == 1
    assert "1 skipped" in results and "not to be sent, as the vendor" in results, results


def test_a_held_card_the_vendor_made_after_all_is_never_sent_again(
    cli: VendorProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Held as cancelled, then the vendor shipped it after all (put back in its queue): the run with
    --allow-repeat reads its order again first, the row is ordered (shipped), nothing is sent."""
    path = _list(tmp_path, _row(1), _row(2))
    assert _run(path) == 0
    _cancel(cli)
    assert _run(path) == 3  # held

    def shipped(order: dict[str, Any]) -> None:
        for line in order["LineItems"]:
            if line["ExternalId"] == "E2":
                parcel = {"TrackingNumber": "9400111", "ShippedDate": "2026-12-07T10:00:00Z"}
                line.update(Status="Shipped", Shipments=[parcel])

    cli.rewrite = orders_rewritten(shipped)
    capsys.readouterr()
    assert _run(path, "--allow-repeat") == 0, _said(capsys)
    assert cli.external_ids().count("E2") == 1, cli.external_ids()
    main(["status", "Q", "--json"])
    (batch,) = json.loads(capsys.readouterr().out)["batches"]
    assert batch["by_status"] == {"pending": 1, "shipped": 1} and batch["ordered_cost"] == "50.00", batch


def test_a_held_row_the_list_now_says_not_to_send_is_left_out(
    cli: VendorProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The person agrees with the cancellation and writes 'Do not send' on the row: it is left out, the
    batch no longer waits on it (it stayed 'held' for ever: a held row kept its status as on an order)."""
    path = _list(tmp_path, _row(1), _row(2))
    assert _run(path) == 0
    _cancel(cli)
    assert _run(path) == 3
    noted = _list(tmp_path, _row(1) + ",", _row(2) + ",Do not send", header=HEADER + ",Notes")
    capsys.readouterr()
    assert _run(noted) == 0, _said(capsys)
    main(["status", "Q", "--json"])
    (batch,) = json.loads(capsys.readouterr().out)["batches"]
    assert batch["by_status"] == {"pending": 1, "skipped": 1} and batch["state"] == "sent", batch
    assert cli.external_ids().count("E2") == 1


@pytest.mark.parametrize("word", ["Cancelled", "Failed"])
def test_a_line_ended_while_the_run_waits_is_said_as_the_re_run_will_treat_it(
    cli: VendorProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str], word: str
) -> None:
    """The lead's suspect B of session 52: a line the vendor cancelled, read by the run's own wait, was said
    as failed: '1 row(s) failed at the vendor before their card was made ...: re-run the same command to send
    them again under a new PO number', while the re-run holds it (05b54c98). A Failed line is said and
    re-sent as before."""
    path = _list(tmp_path, _row(1), _row(2))
    cli.rewrite = _ended("E2", word)  # the vendor's reads show it ended from the first
    _run(path, "--wait", "1")
    said = _said(capsys)
    failed = "1 row(s) failed at the vendor before their card was made"
    held = "1 row(s) whose card the vendor cancelled before it shipped (nothing charged for them): a re-run"
    assert (failed in said, held in said) == (word == "Failed", word == "Cancelled"), said
    assert "need fixing" not in said, said
    assert _run(path) == (3 if word == "Cancelled" else 0), _said(capsys)
    assert cli.external_ids().count("E2") == (1 if word == "Cancelled" else 2)


def test_the_approval_page_says_what_every_row_sent_again_is_not_its_first_examples(tmp_path: Path) -> None:
    """hunter-vendor40's leftover 3: the approval page said what the rows sent again on purpose are from the
    repeat_allowed event's first 8 examples: 10 rows, the first 8 cancelled cards, read "10 row(s) of this
    plan are cards the vendor cancelled before they shipped", the 2 second cards beside them unsaid to the
    approver. The event counts the cancelled ones among them all."""
    from dataclasses import replace

    from bulkship.repeats import release
    from bulkship.repeats.cancelled import cancelled_note
    from bulkship.repeats.policy import RepeatPolicy
    from bulkship.settings import resolve_settings
    from bulkship.web.team_pages.ledgerapproval import _sent_again_on_purpose

    settings = replace(resolve_settings(), ledger_path=tmp_path / "ledger.sqlite")
    repeat = "Held, not sent: the same recipient, address, card and value were ordered in batch 'p' (row 2)"
    holds = {f"c{i}": cancelled_note("BS-Q-0001", "", "") for i in range(8)} | {"r1": repeat, "r2": repeat}
    with Ledger.open(settings.ledger_location) as ledger:
        assert release(ledger, "Q", holds, RepeatPolicy(allow=True)) == {}
    said = _sent_again_on_purpose(settings, "Q")
    assert said is not None and (said["rows"], len(said["examples"])) == (10, 8), said
    assert said["words"].startswith("repeat a card already ordered or, 8 of them, are cards"), said


def test_another_list_holding_the_row_unchanged_run_as_its_own_batch_holds_it_too(
    cli: VendorProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The lead's Q1 of session 52 (found by hunter-money32): batch Q's line for E2 cancelled at the
    vendor ('Cancelled at customer request'), Q's re-run holds it; another list holding E2 unchanged (and
    E4), run as batch R, sent E2 again (BS-R-0001 holding E2 and E4), exit 0, nothing said. R holds it as Q
    does, naming Q's order; --allow-repeat sends it once; Q's next run then holds its own row for R's card."""
    path = _list(tmp_path, _row(1), _row(2), _row(3))
    assert _run(path) == 0
    _cancel(cli)
    other = tmp_path / "r"
    other.mkdir()
    second = _list(other, _row(2), _row(4))
    r_run = ["run", str(second), "--batch", "R", "--yes", "--wait", "0", "--out", str(other)]
    capsys.readouterr()
    assert main(["validate", str(second), "--batch", "R", "--cost"]) == 0
    priced = _said(capsys)
    assert "would hold, not send: the vendor cancelled their card before it shipped" in priced, priced
    assert main(r_run) == 3
    said = _said(capsys)
    assert sorted(cli.external_ids()) == ["E1", "E2", "E3", "E4"], cli.external_ids()
    held = (
        "row 2: Held, not sent: the vendor cancelled this card's line in order BS-Q-0001 of batch 'Q' (this "
        "very row's card there) before it shipped, read so on "
    )
    assert held in said and f"(the vendor's reason: '{REASON}')" in said, said
    main(["status", "R", "--json"])
    (batch,) = json.loads(capsys.readouterr().out)["batches"]
    assert (batch["state"], batch["ordered_cost"], batch["by_status"]["held"]) == (
        "needs attention",
        "25.00",
        1,
    )
    book = openpyxl.load_workbook(other / "R-results.xlsx", read_only=True)
    (row,) = [r for r in book[RESULTS_SHEET].iter_rows(values_only=True) if "E2" in r]
    assert "held" in row and any("order BS-Q-0001 of batch 'Q'" in str(c) for c in row), row
    assert main(r_run) == 3  # again: still held
    assert cli.external_ids().count("E2") == 1
    assert main([*r_run, "--allow-repeat"]) == 0  # on purpose: once
    assert cli.external_ids().count("E2") == 2
    assert main(r_run) == 0 and _run(path) in (0, 3)
    assert cli.external_ids().count("E2") == 2, cli.external_ids()
