"""The same change in many rows at once on the review page: every cell of a column reading a text changed
to another, one form (newcomer5's L6/L7: an HR list's eight 'Visa' cards were eight row forms; since
25c2837 a bare 'Visa' is the catalog's one Visa card, so the list here writes 'Amex', a card the catalog
lacks)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from test_web import confirm, found, sandbox_orders, token, upload, wait_until_finished

from bulkship.settings import Settings, resolve_settings
from bulkship.web import create_app

HR_LIST = "Name,Street,City,State,Zip,Card,Amount\n" + "".join(
    f"Person {i},{10 + i} Elm St,Boston,MA,02108,{card},50\n"
    for i, card in enumerate(["Amex"] * 6 + ["amex ", "AMEX", "TARGET", "TARGET"])
)


@pytest.fixture
def hr(tmp_path: Path) -> Iterator[tuple[TestClient, Settings]]:
    """A client of a server on which batch 'hr' (:data:`HR_LIST`) was uploaded, and its settings."""
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    path = tmp_path / "anniversaries.csv"
    path.write_text(HR_LIST)
    with TestClient(create_app(settings), follow_redirects=True) as client:
        upload(client, path, name="hr")
        yield client, settings


def shown_change(review: str) -> str:
    """The version of the rows the page's column change was shown for."""
    return found(r'(?s)id="change-column">.*?name="change" value="(\d+)"', review)


def change_column(client: TestClient, batch: str, header: str, was: str, value: str, change: str = ""):
    review = client.get(f"/batches/{batch}/review").text
    shown = change or shown_change(review)
    form = {"csrf_token": token(client), "change": shown, "header": header, "was": was, "value": value}
    return client.post(f"/batches/{batch}/column", data=form)


def test_every_cell_reading_a_card_is_changed_at_once_and_sent_so(hr: tuple[TestClient, Settings]) -> None:
    client, settings = hr
    review = client.get("/batches/hr/review").text
    assert "<strong>8</strong> not valid" in review
    # each 'Amex' problem offers the change of the whole column, which counts the cells it would change
    link = html.unescape(found(r'<a class="same-fix" href="([^"]+)"', review))
    assert link == "?find=Amex&column=Card#change-column"
    offered = client.get("/batches/hr/review" + link.split("#")[0]).text
    assert "8 row(s) read “Amex” in Card (the whole cell, case aside): each is changed." in offered
    changed = change_column(client, "hr", "Card", "Amex", "VISA-PREPAID")
    assert changed.status_code == 200
    page = changed.text
    assert "8 cell(s) changed" in page and "<strong>10</strong> valid" in page
    assert confirm(client, "hr").url.path == "/batches/hr/progress"
    wait_until_finished(client, "hr")
    cards = sorted(li.product_id for o in sandbox_orders(settings) for li in o.line_items)
    assert cards == ["TARGET"] * 2 + ["VISA-PREPAID"] * 8  # each row once


def test_a_column_change_from_a_page_shown_before_another_change_changes_nothing(
    hr: tuple[TestClient, Settings],
) -> None:
    client, _ = hr
    review = client.get("/batches/hr/review").text
    shown = shown_change(review)
    fix = {"csrf_token": token(client), "cell:Card": "TARGET"}
    assert client.post("/batches/hr/rows/2", data=fix).status_code == 200  # another tab, meanwhile
    stale = change_column(client, "hr", "Card", "Amex", "VISA-PREPAID", change=shown)
    assert stale.status_code == 409 and "nothing was changed" in stale.text
    assert "<strong>7</strong> not valid" in client.get("/batches/hr/review").text
    unknown = change_column(client, "hr", "Card", "Mastercard", "VISA-PREPAID")
    assert unknown.status_code == 409 and "No row the page can change has" in unknown.text


def test_rows_ordered_already_keep_their_cells_when_a_column_changes(hr: tuple[TestClient, Settings]) -> None:
    client, settings = hr
    assert confirm(client, "hr", leave_out="yes").url.path == "/batches/hr/progress"  # the two TARGET rows
    wait_until_finished(client, "hr")
    assert change_column(client, "hr", "Amount", "50", "25").status_code == 200
    assert change_column(client, "hr", "Card", "amex", "VISA-PREPAID").status_code == 200
    assert confirm(client, "hr").url.path == "/batches/hr/progress"
    wait_until_finished(client, "hr")
    sent = sorted((li.product_id, float(li.value)) for o in sandbox_orders(settings) for li in o.line_items)
    assert sent == [("TARGET", 50)] * 2 + [("VISA-PREPAID", 25)] * 8


def test_a_cell_too_long_to_find_is_offered_no_change_of_its_column(tmp_path: Path) -> None:
    """The offer led to a Find cut at 200 characters: '0 row(s) read ...', and a change that found none."""
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    path = tmp_path / "long.csv"
    long_card = "Q" * 300
    path.write_text(HR_LIST.splitlines()[0] + f"\nAnn Lee,1 Elm St,Boston,MA,02108,{long_card},50\n")
    with TestClient(create_app(settings), follow_redirects=True) as client:
        upload(client, path, name="long")
        review = client.get("/batches/long/review").text
    assert "is 300 characters" in review and 'class="same-fix"' not in review


def test_a_column_change_sent_twice_changes_the_cells_once_and_says_so_both_times(
    hr: tuple[TestClient, Settings],
) -> None:
    """A double click (or Back and send again) sends the form twice: the second, from the page before the
    first change, read 'nothing was changed' although the first had changed the eight cards."""
    client, _ = hr
    shown = shown_change(client.get("/batches/hr/review").text)
    first = change_column(client, "hr", "Card", "Amex", "VISA-PREPAID", change=shown)
    again = change_column(client, "hr", "Card", "Amex", "VISA-PREPAID", change=shown)
    assert first.status_code == again.status_code == 200
    assert "8 cell(s) changed" in first.text and "8 cell(s) changed" in again.text
    other = change_column(client, "hr", "Card", "Amex", "TARGET", change=shown)
    assert other.status_code == 409 and "nothing was changed" in other.text


@pytest.fixture
def lands_meanwhile(monkeypatch: pytest.MonkeyPatch, hr: tuple[TestClient, Settings]):
    """``lands_meanwhile(row, header, value)``: another person's fix of that cell is recorded while the next
    change posted is judged (after the review it was judged on was read: two servers, a long list)."""
    from bulkship.web import batchledger, state

    _, settings = hr
    ledger_rows = batchledger.rows_sent

    def arrange(row: int, header: str, value: str) -> None:
        def rows_sent(*args, **kwargs):
            monkeypatch.setattr(batchledger, "rows_sent", ledger_rows)
            if header == "Send":  # the rows as they are confirmed to be sent ('value': their total)
                batch = state.web_batch(settings, "hr")
                state.record(settings, "hr", "web_confirmed", total=value, change=batch and batch.change_id)
            else:
                state.record(settings, "hr", "web_fix", row=row, header=header, value=value)
            return ledger_rows(*args, **kwargs)

        monkeypatch.setattr(batchledger, "rows_sent", rows_sent)

    return arrange


def card_of(client: TestClient, row: int) -> str:
    page = client.get(f"/batches/hr/review?find={row}").text
    return found(rf'(?s)action="/batches/hr/rows/{row}".*?name="cell:Card" value="([^"]*)"', page)


def test_a_cell_saved_by_another_person_in_the_same_instant_is_never_undone_unseen(
    hr: tuple[TestClient, Settings], lands_meanwhile
) -> None:
    """Found live (hunter-web14, two people on a 20,000-row list's row 3): both were told their State was
    saved, and the later one's undid the other's, unseen by either."""
    client, _ = hr
    mine = {"csrf_token": token(client), "was:Card": "Amex", "cell:Card": "VISA-PREPAID"}
    lands_meanwhile(2, "Card", "TARGET")
    raced = client.post("/batches/hr/rows/2", data=mine)
    assert raced.status_code == 409 and "Card is now &#39;TARGET&#39;" in raced.text
    assert card_of(client, 2) == "TARGET"
    # another row's fix landing meanwhile changes nothing of this one: it is saved
    lands_meanwhile(4, "Card", "TARGET")
    saved = client.post("/batches/hr/rows/3", data=mine)
    assert saved.status_code == 200 and "Card is now" not in saved.text
    assert (card_of(client, 3), card_of(client, 4)) == ("VISA-PREPAID", "TARGET")


def test_a_column_change_judged_as_another_cell_was_saved_changes_nothing(
    hr: tuple[TestClient, Settings], lands_meanwhile
) -> None:
    """The column change counted the 'Amex' cards before another person's fix of row 2 to TARGET was
    recorded: it changed row 2 back to VISA-PREPAID, unseen."""
    client, _ = hr
    lands_meanwhile(2, "Card", "TARGET")
    raced = change_column(client, "hr", "Card", "Amex", "VISA-PREPAID")
    assert raced.status_code == 409 and "nothing was changed" in raced.text
    assert card_of(client, 2) == "TARGET" and card_of(client, 3) == "Amex"
    again = change_column(client, "hr", "Card", "Amex", "VISA-PREPAID")
    assert again.status_code == 200 and "7 cell(s) changed" in again.text
    assert card_of(client, 2) == "TARGET"


def test_a_cell_saved_as_the_batch_is_sent_is_not_saved_and_says_so(
    hr: tuple[TestClient, Settings], lands_meanwhile
) -> None:
    """Send pressed on another page as the fix was judged: the fix was recorded after the confirmation (the
    cell shown changed, the row sent as it was, or the Send refused when its run began)."""
    client, settings = hr
    from bulkship.web import state

    lands_meanwhile(0, "Send", "1")
    mine = {"csrf_token": token(client), "was:Card": "Amex", "cell:Card": "TARGET"}
    raced = client.post("/batches/hr/rows/2", data=mine)
    assert raced.url.path == "/batches/hr/progress" and "it was not made" in raced.text
    batch = state.web_batch(settings, "hr")
    assert batch is not None and batch.due and (2, "Card") not in batch.corrections


def test_a_row_s_save_sent_twice_saves_it_once_and_says_nothing_of_someone_else(
    hr: tuple[TestClient, Settings],
) -> None:
    """A double click (or Back and Save again) posts the row's form twice: the second, from the page before
    the first was saved, read 'Row 2 was changed by someone else since you opened the page (Card is now
    'TARGET')' of the person's own change."""
    client, settings = hr
    from bulkship.web import state

    mine = {"csrf_token": token(client), "was:Card": "Amex", "cell:Card": "TARGET", "was:Amount": "50"}
    first = client.post("/batches/hr/rows/2", data={**mine, "cell:Amount": "50"})
    again = client.post("/batches/hr/rows/2", data={**mine, "cell:Amount": "50"})
    assert first.status_code == again.status_code == 200 and "someone else" not in again.text
    fixes = [e for e in _web_events(settings) if e.kind == "web_fix"]
    assert [(e.detail["row"], e.detail["value"]) for e in fixes] == [(2, "TARGET")]
    # another change of the same cell from that page is still refused
    other = client.post("/batches/hr/rows/2", data={**mine, "cell:Card": "CVS"})
    assert other.status_code == 409 and "Card is now &#39;TARGET&#39;" in other.text
    batch = state.web_batch(settings, "hr")
    assert batch is not None and batch.corrections == {(2, "Card"): "TARGET"}


def _web_events(settings: Settings) -> list:
    from bulkship.ledger import Ledger

    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        return ledger.events(batch="hr")


def test_an_asking_note_s_same_fix_changes_its_notes_column(tmp_path: Path) -> None:
    """Under the error on Notes 'Deceased?' the link said "Change every 'Deceased?' in Name at once" (the
    error is tied to the name) and found no such name (found by review65). It names Notes: every 'Deceased?'
    there changed to 'do not send' at once, those rows are left out, nothing else is changed."""
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    path = tmp_path / "asks.csv"
    rows = [("Ann Lee", ""), ("Bob Ray", "Deceased?"), ("Cy Orr", "Deceased?")]
    path.write_text(
        "Name,Street,City,State,Zip,Card,Amount,Notes\n"
        + "".join(
            f"{name},{i} Elm St,Boston,MA,02108,TARGET,50,{note}\n" for i, (name, note) in enumerate(rows, 1)
        )
    )
    with TestClient(create_app(settings), follow_redirects=True) as client:
        upload(client, path, name="asks")
        review = client.get("/batches/asks/review").text
        assert "Change every “Deceased?” in Notes at once" in html.unescape(review)
        link = html.unescape(found(r'<a class="same-fix" href="([^"]+)"', review))
        assert link == "?find=Deceased%3F&column=Notes#change-column"
        page = change_column(client, "asks", "Notes", "Deceased?", "do not send").text
    assert "2 cell(s) changed" in page and "<strong>1</strong> valid" in page
