"""The Results page's words to a person who never read the README (newcomer15's N12): every card read
'pending', unexplained ('not done yet / not ordered' to HR; the workbook's Summary says 'ordered and charged:
the card is not made yet'), and a row left out on purpose (a note 'terminated 11/30') had its reason under a
column headed 'Error'."""

from __future__ import annotations

import html
import re
from pathlib import Path

from starlette.testclient import TestClient
from support import visible_text
from test_web import confirm, token, upload, wait_until_finished
from test_web_take_in import ops_list

from bulkship.settings import resolve_settings
from bulkship.statuses import STATUS_MEANINGS
from bulkship.web import create_app


def test_the_results_page_says_what_each_status_means_and_why_a_row_was_left_out(tmp_path: Path) -> None:
    with TestClient(create_app(resolve_settings(), run_wait_s=0), follow_redirects=True) as client:
        upload(client, ops_list(tmp_path / "ops-thanks.xlsx"), name="ops")
        confirm(client, "ops")
        wait_until_finished(client, "ops")
        page = client.get("/batches/ops/results").text
    counts = re.findall(r'<li class="status-([a-z ]+)"><strong>\d+</strong>', page)
    said = html.unescape(visible_text(page))
    assert "skipped" in counts and len(counts) >= 2, counts  # the sent cards' status and the left-out row
    for status in counts:
        assert f"{status}: {STATUS_MEANINGS[status]}" in said, (status, said)
    assert "<th>Why</th>" in page and "<th>Error</th>" not in page
    assert "the list says not to send it (column 'Notes': 'terminated 11/30')" in said, said


def test_the_vendor_check_offers_rows_waiting_for_review_only_when_some_wait(tmp_path: Path) -> None:
    """'Check against the vendor' showed a 'Rows waiting for review' button when none waited (an empty page
    behind it), and never said what 'the ledger' it compares is (newcomer15's N12)."""
    from dataclasses import replace

    from support import write_sheet

    from bulkship.pipeline import run_batch

    settings = replace(resolve_settings(), out_dir=tmp_path / "results", sandbox_dialect="likely-real")
    with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
        upload(client, ops_list(tmp_path / "ops-thanks.xlsx"), name="ops")
        confirm(client, "ops")
        wait_until_finished(client, "ops")
        page = client.get("/batches/ops/reconcile").text
        assert 'href="/batches/ops/needs-review"' not in page and "waiting for review" not in page
        assert "The ledger is bulkship's own record of every order it sent" in html.unescape(page)

    # rows waiting for review (a ledger lost after the command line sent the list, the same list uploaded)
    sheet = write_sheet(tmp_path / "staff.csv", range(1, 4))
    run_batch(sheet, settings, wait_s=0)
    settings.ledger.unlink()
    with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
        client.post(
            "/batches",
            data={"csrf_token": token(client), "name": "staff"},
            files={"file": ("staff.csv", sheet.read_bytes(), "text/csv")},
        )
        assert "Nothing is left to send" in client.get("/batches/staff/cost").text
        page = client.get("/batches/staff/reconcile").text
    assert 'href="/batches/staff/needs-review"' in page and "Settle 3 row(s) waiting for review" in page


def test_the_columns_page_says_a_notes_column_is_read_and_fills_in_no_carrier(tmp_path: Path) -> None:
    """The Columns page showed 'Notes' (the column that decides who gets nothing) as '— not used —' beside
    'read to leave rows out', and the Card Carrier box a grey 'THANKYOU', read as a value filled in
    (newcomer15's N12)."""
    with TestClient(create_app(resolve_settings(), run_wait_s=0), follow_redirects=True) as client:
        upload(client, ops_list(tmp_path / "ops-thanks.xlsx"), name="ops")
        page = client.get("/batches/ops/columns").text
    notes = re.search(r'(?s)<tr class="column-unused[^"]*" data-header="Notes">.*?</tr>', page)
    assert notes, page
    chosen = re.search(r"<option value=\"\" selected>([^<]*)</option>", notes.group(0))
    assert chosen and "read to leave rows out" in chosen.group(1), notes.group(0)
    assert 'placeholder="THANKYOU"' not in page
