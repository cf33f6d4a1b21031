"""A remark that asks whether the card goes ('Deceased?', 'Do not send?', 'Possible duplicate', 'Terminated
(confirm)', 'Duplicate of E2001?', 'Terminated - rehired?'): an error on its row asking, never a card, never a
person left out with nobody asked (the lead's decision; review60's items 1 and 2)."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import openpyxl
import pytest
from intake_fixtures import sandbox_catalog
from support import embedded_sandbox_orders
from support.notes import notes_validated

from bulkship.cli import main
from bulkship.load import load_sheet
from bulkship.settings import resolve_settings
from bulkship.validate import validate

# each was ordered (a card to a person who may have died or left, or a second one) ...
SENT_BEFORE = [
    "Deceased?", "Terminated?", "Do not send?", "Left?", "verify - may have left", "Possible duplicate",
    "Maybe terminated", "Dup?", "Same person as row 5?", "Got card?",
]  # fmt: skip
# ... or left out, nobody asked
LEFT_OUT_BEFORE = [
    "Duplicate of E2001?", "Terminated (confirm)", "Deceased - per HR?", "Deceased? check with HR",
    "Duplicate of row 5?",
]  # fmt: skip
# a question answered, beside a no of its own, or whether a no said is undone: as before
STAYS_OUT = [
    "Deceased, Do not send?", "Resend? No", "Check with HR - HR says no card", "Deceased",
    "Terminated - rehired?", "Hold - removed?",
]  # fmt: skip
SENDS = ["Send?", "Received your gift card? no", "Approved 12/1", "Which color envelope?", "Retiring May 15"]


@pytest.mark.parametrize("header", ["Notes", "Status", "Employee Status"])
def test_a_remark_asking_whether_to_send_is_an_error_asking_never_a_card(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    asks = [*SENT_BEFORE, *LEFT_OUT_BEFORE]
    cells = [*asks, *STAYS_OUT, *SENDS]
    sheet, result = notes_validated(tmp_path / "list.csv", cells, header)
    left_out = {s.row for s in sheet.skipped}
    errors = {p.row: p.message for p in result.problems if p.severity == "error"}
    valid = set(result.rows.index[result.rows["status"] == "valid"])
    rows = dict(enumerate(cells, start=2))
    assert [rows[r] for r in sorted(errors)] == asks
    assert [rows[r] for r in sorted(left_out)] == STAYS_OUT
    assert [rows[r] for r in sorted(valid) if r in rows] == SENDS
    assert errors[2] == (
        f"Row 2, column '{header}': asks 'Deceased?': is this card to be sent? Check, then write 'send' or "
        f"'do not send' in '{header}' in its place."
    )


def test_a_row_asking_is_on_fix_these_and_sent_once_answered_send(tmp_path: Path) -> None:
    """Run on the sandbox: the rows asking are errors (exit 3), on *Fix these*, no card; answered there
    ('send' for Ann, 'do not send' for Bob) and the workbook run again, Ann's card goes, Bob's never."""
    path = tmp_path / "staff.csv"
    people = {ANN: "Deceased?", "Bob Ray": "Duplicate of E2001?", CY: "", "Dee Fox": "Deceased"}
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"])
        for i, (name, note) in enumerate(people.items(), start=1):
            writer.writerow([name, f"{i} Main St", "Boston", "MA", "02108", "CVS", "25", note])
    out = tmp_path / "out"
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(out)]) == 3
    assert _card_names() == [CY]
    results = out / "staff-results.xlsx"
    book = openpyxl.load_workbook(results)
    fix = book["Fix these"]
    header = [c.value for c in fix[1]]
    found = {row[header.index("Name")].value: row for row in fix.iter_rows(min_row=2)}
    assert sorted(found) == ["Ann Lee", "Bob Ray"]
    assert "asks 'Duplicate of E2001?'" in str(
        found["Bob Ray"][header.index("Problems / vendor error")].value
    )
    found["Ann Lee"][header.index("Notes")].value = "send"
    found["Bob Ray"][header.index("Notes")].value = "do not send"
    book.save(results)
    assert main(["run", str(results), "--batch", "staff", "--yes", "--wait", "0", "--out", str(out)]) == 0
    assert _card_names() == [ANN, CY]


ANN = "Ann Lee"
CY = "Cy Doe"


def _card_names() -> list[str]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    return sorted(line["PhysicalDeliveryAddress"]["Name"] for order in orders for line in order["LineItems"])


@pytest.mark.parametrize("note", ["Duplicate of E2001?", "Deceased?"])
def test_a_remark_asking_merged_over_two_rows_asks_of_each(tmp_path: Path, note: str) -> None:
    """A workbook's Notes cell merged down over Ann's and Bob's rows: each row reads it (as a 'Do not send'
    so merged leaves both out). Read for the rows left out over both rows and for the error over Ann's
    alone, Bob's row was taken off the rows left out with no error: valid, his card ordered (found by
    hunter-asks1 checking fa888382). Both are errors now; Cy's row sends."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"])
    for i, (name, cell) in enumerate({ANN: note, "Bob Ray": None, CY: "Thanks"}.items(), start=1):
        sheet.append([name, f"{i} Main St", "Boston", "MA", "02108", "CVS", 25, cell])
    sheet.merge_cells("H2:H3")
    book.save(tmp_path / "staff.xlsx")
    loaded = load_sheet(tmp_path / "staff.xlsx")
    result = validate(loaded, sandbox_catalog())
    assert sorted({p.row for p in result.problems if p.severity == "error"}) == [2, 3]
    assert list(result.rows.index[result.rows["status"] == "valid"]) == [4]
    assert not loaded.skipped


def test_a_remark_asking_struck_through_asks_nothing(tmp_path: Path) -> None:
    """A workbook's Notes 'Deceased?' and 'Duplicate of E2001?' struck through whole (the question crossed
    out, answered): each row was an error since fa888382, where before it the question was withdrawn as a
    struck 'Do not send' is, the card sent with a warning (found by hunter-asks1 checking it). Sent again."""
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"])
    for i, (name, cell) in enumerate({ANN: "Deceased?", "Bob Ray": "Duplicate of E2001?"}.items(), start=1):
        sheet.append([name, f"{i} Main St", "Boston", "MA", "02108", "CVS", 25, cell])
        sheet.cell(row=i + 1, column=8).font = Font(strike=True)
    book.save(tmp_path / "staff.xlsx")
    loaded = load_sheet(tmp_path / "staff.xlsx")
    result = validate(loaded, sandbox_catalog())
    assert not [p for p in result.problems if p.severity == "error"]
    assert list(result.rows.index[result.rows["status"] == "valid"]) == [2, 3]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_no_to_mailing_then_a_check_asks(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'Do not mail - check' asks someone to check whether to send: left out unasked since 615f26bf read its
    'mail' as the address's (found by review66). The error asking; a check of the address or of returned
    mail leaves the row out as before, and an order to mail sends."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    asks = ["Do not mail - check", "Do not mail - verify with HR", "Do not mail card - confirm with manager"]
    asks += ["No mail - check", "Mail hold - check"]  # (left out unasked since 'No mail' reads as a no)
    out = ["Bad address - check", "Returned mail - verify", "Mail returned - check"]
    cells = [*asks, *out, "Mail to home"]
    sheet, result = notes_validated(tmp_path / "list.csv", cells, header)
    rows = dict(enumerate(cells, start=2))
    assert [rows[p.row] for p in result.problems if p.severity == "error"] == asks
    assert [rows[s.row] for s in sorted(sheet.skipped, key=lambda s: s.row)] == out
    valid = result.rows.index[result.rows["status"] == "valid"]
    assert [rows[r] for r in valid if r in rows] == ["Mail to home"]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_question_whether_a_leaving_was_a_mistake_asks(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'Terminated in error?' asks whether the person is still here: left out with nobody asked (under Notes
    since bf990b41 and 43c94bb6, found by hunter-sends14, review66 and the lead). The error asking; said
    without the mark, sent as before."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    asks = [
        "Terminated in error?",
        "Terminated in error 11/30?",
        "Deceased in error? check",
        "Terminated by mistake?",
    ]
    cells = [*asks, "Terminated in error", "Terminated"]
    sheet, result = notes_validated(tmp_path / "list.csv", cells, header)
    rows = dict(enumerate(cells, start=2))
    assert [rows[p.row] for p in result.problems if p.severity == "error"] == asks
    assert [rows[s.row] for s in sheet.skipped] == ["Terminated"]
    assert [rows[r] for r in result.rows.index[result.rows["status"] == "valid"] if r in rows] == [
        "Terminated in error"
    ]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_question_whether_a_death_was_by_accident_asks(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'Died by accident?' asks whether the person died, by what cause: since f38b4d63 it was read as a
    leaving said a mistake and ordered, exit 0, a card to a dead person (found by review67). The error asking,
    as before f38b4d63; a leaving said a mistake still asks."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    asks = [
        "Died by accident?",
        "Passed away by accident?",
        "Died by accident? check",
        "Terminated by mistake?",
    ]
    _sheet, result = notes_validated(tmp_path / "list.csv", [*asks, "Active"], header)
    rows = dict(enumerate([*asks, "Active"], start=2))
    assert [rows[p.row] for p in result.problems if p.severity == "error"] == asks
    assert [rows[r] for r in result.rows.index[result.rows["status"] == "valid"] if r in rows] == ["Active"]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_leaving_or_a_death_answered_no_without_a_mark_asks(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'Deceased - none', 'Terminated: no', 'Terminated 1/15/2027 - no': not gone, or no card? Notes sent
    the first two, Status left them out, both sent the third until its day, nobody asked (found by
    hunter-asks3). The error asking; a yes, a question answered and a hold's or a label's no as before."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    asks = [
        "Deceased - none",
        "Terminated: no",
        "Terminated 1/15/2027 - no",
        "Term - N/A",
        "Deceased: N",
        "Resigned, n/a",
        "Laid off - none",
        "Passed away: no",
        "Retired 11/30 / no",
    ]
    out = ["Deceased: Yes", "Terminated - rehire: no", "Deceased - no card"]
    sends = ["Deceased? No", "Hold: no", "Skip - none", "Active"]
    cells = [*asks, *out, *sends]
    sheet, result = notes_validated(tmp_path / "list.csv", cells, header)
    rows = dict(enumerate(cells, start=2))
    assert [rows[p.row] for p in result.problems if p.severity == "error"] == asks
    assert [rows[s.row] for s in sheet.skipped] == out
    assert [rows[r] for r in result.rows.index[result.rows["status"] == "valid"] if r in rows] == sends


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_card_said_sent_by_mistake_asks(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'Sent in error', 'Sent this year in error': not to be sent again, or sent wrongly and still owed? Notes
    sent the first (a second card), left 'Card sent in error' out; Status left both out; 'Sent by mistake?'
    was left out since f38b4d63 read it as a leaving said a mistake, nobody asked (found by hunter-asks3).
    The error asking; a resend or a no to it said after the mistake as before."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    asks = [
        "Sent in error",
        "Card sent in error",
        "Sent this year in error",
        "Sent by mistake",
        "Mistakenly mailed",
        "Ordered in error",
        "Sent by mistake?",
        "Sent by mistake? no",
    ]
    cells = [*asks, "Sent in error - do not resend", "Sent in error - resend", "Terminated in error"]
    sheet, result = notes_validated(tmp_path / "list.csv", cells, header)
    rows = dict(enumerate(cells, start=2))
    assert [rows[p.row] for p in result.problems if p.severity == "error"] == asks
    assert [rows[s.row] for s in sheet.skipped] == ["Sent in error - do not resend"]
    assert [rows[r] for r in result.rows.index[result.rows["status"] == "valid"] if r in rows] == [
        "Sent in error - resend",
        "Terminated in error",
    ]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_resignation_given_its_last_day_unsaid_asks(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'Gave notice', 'Resigning', 'Submitted resignation': still here, or gone when the card comes? Each was
    ordered, exit 0, where 'Resigned' is left out (found by hunter-asks3). The error asking; with its last
    day it is a leaving to come as before, sent until the day; other notices send."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    asks = [
        "Gave notice",
        "gave 2 weeks notice",
        "Put in her notice",
        "Submitted resignation",
        "Resignation letter received",
        "Resigning",
        "Gave notice 11/30",
        # (offboarding, or a termination said pending: newcomer28's N6, hunter-asks5)
        "Offboarding",
        "Terminated - Pending",
        "Active - offboarding",
    ]
    sends = [
        "Gave notice - last day 1/15/2027",
        "Resigning 1/15/2027",
        "Gave notice to landlord",
        "Gave notice - withdrawn",
        "Off-boarding 12/20",
    ]
    cells = [*asks, *sends]
    _sheet, result = notes_validated(tmp_path / "list.csv", cells, header)
    rows = dict(enumerate(cells, start=2))
    assert [rows[p.row] for p in result.problems if p.severity == "error"] == asks
    assert [rows[r] for r in result.rows.index[result.rows["status"] == "valid"] if r in rows] == sends


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_move_on_to_a_name_alone_asks(tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """'Moved on to Acme': another employer, or a team, a site, a town? Each was ordered, exit 0, where 'Moved
    on to another company' is left out (dd33f76c's leftover; found by hunter-asks3). The error asking; a
    department, HQ or a shift named sends as before."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    asks = ["Moved on to Acme", "moved on to Google", "Has moved on to Acme Corp.", "She moved on to Target"]
    sends = [
        "Moved on to Sales",
        "Moved on to HQ",
        "Moved on to the night shift",
        "moved on to new role internally",
    ]
    cells = [*asks, *sends, "Moved on to another company"]
    sheet, result = notes_validated(tmp_path / "list.csv", cells, header)
    rows = dict(enumerate(cells, start=2))
    assert [rows[p.row] for p in result.problems if p.severity == "error"] == asks
    assert [rows[r] for r in result.rows.index[result.rows["status"] == "valid"] if r in rows] == sends
    assert [rows[s.row] for s in sheet.skipped] == ["Moved on to another company"]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_leaving_on_its_way_its_day_unsaid_asks(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Workday 'Worker Status' or an HR note 'Pending Termination', 'Termination in Progress', 'Leaving
    company', 'Serving notice': still here, or gone when the card comes? Each was ordered, exit 0, under
    Notes or Status or both ('Pending Termination' left out under Notes only), where 'Gave notice' asks
    (found by newcomer27). The error asking, as 'Gave notice' is, also after 'Active - '; with its day it is
    a leaving to come, sent until the day."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    asks = [
        "Pending Termination", "Termination Pending", "Termination in Progress",
        "Active - Pending Termination", "Separation pending", "Leaving company", "Leaving", "Serving notice",
        "Notice Period", "Active - notice given",
    ]  # fmt: skip
    sends = ["Leaving 1/15/2027", "On leave", "Leave of Absence", "Active"]
    cells = [*asks, *sends]
    _sheet, result = notes_validated(tmp_path / "list.csv", cells, header)
    rows = dict(enumerate(cells, start=2))
    assert [rows[p.row] for p in result.problems if p.severity == "error"] == asks
    assert [rows[r] for r in result.rows.index[result.rows["status"] == "valid"] if r in rows] == sends


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_another_thing_than_a_card_alone_or_instead_asks(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'Plaque only', 'Certificate only', 'Donate to charity': a card as well, or none? Each was ordered, exit
    0 (the lead's closing note of session 48, leftover 3; found by hunter-asks4). The error asking; a card
    with it ('Plaque and card', 'Gift card only') sends, and a choice said ('Wants plaque instead', 'Wants
    cash instead') is left out as before."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    asks = [
        "Plaque only", "Certificate only", "Donate to charity", "Donate instead", "Trophy instead of card",
        "Sympathy card only", "Wants plaque only", "Cash only", "Give to charity", "Flowers only (per HR)",
        # (a reward of time, money or a treat: each ordered, hunter-asks5)
        "PTO only", "Bonus only", "Gift basket only", "Lunch only", "Extra day off instead", "Donation only",
    ]  # fmt: skip
    sends = ["Plaque and card", "Gift card only", "Card only", "Lunch and card"]
    out = ["Wants plaque instead", "Wants cash instead"]
    cells = [*asks, *sends, *out]
    sheet, result = notes_validated(tmp_path / "list.csv", cells, header)
    rows = dict(enumerate(cells, start=2))
    errors = {p.row: p.message for p in result.problems if p.severity == "error"}
    assert [rows[r] for r in sorted(errors) if rows[r] in asks] == asks
    assert [rows[r] for r in result.rows.index[result.rows["status"] == "valid"] if r in rows] == sends
    assert [rows[s.row] for s in sheet.skipped] == out
    assert errors[2] == (
        f"Row 2, column '{header}': says 'Plaque only': is this card to be sent? Check, then write 'send' or "
        f"'do not send' in '{header}' in its place."
    )


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_leaving_until_a_day_asks(tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """'Terminated until 1/15/2027', 'Resigned until 1/15/2027': gone, or away until then as 'Suspended until'
    is? Each was ordered at once, exit 0 (the lead's closing note of session 49, leftover 2; hunter-asks5).
    The error asking; a leaving with its day ('Terminated 1/15/2027') and a no for a while until a day
    ('Suspended until 1/15/2027': held to it) read as before."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    asks = ["Terminated until 1/15/2027", "Resigned until 1/15/2027", "Left until Jan 15, 2027",
            "Active - terminated thru 1/31/2027"]  # fmt: skip
    cells = [*asks, "Suspended until 1/15/2027", "Terminated 11/15/2026"]
    sheet, result = notes_validated(tmp_path / "list.csv", cells, header)
    rows = dict(enumerate(cells, start=2))
    assert [rows[p.row] for p in result.problems if p.severity == "error"] == asks
    assert [rows[s.row] for s in sheet.skipped] == ["Suspended until 1/15/2027", "Terminated 11/15/2026"]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_card_said_unclaimed_or_not_redeemed_alone_asks(tmp_path: Path, header: str) -> None:
    """'Unclaimed', 'Card unclaimed', 'Returned unclaimed', 'Unredeemed': the post's card come back, an e-gift
    never opened, unclaimed property? A card may be out already. Each was ordered, exit 0 (hunter-asks5's
    leftover 1; hunter-asks6). The error asking; 'Unclaimed - returned to sender' is left out as before."""
    asks = ["Unclaimed", "Card unclaimed", "Returned unclaimed", "Not claimed", "Unclaimed e-gift",
            "Unredeemed", "Not yet redeemed", "Unclaimed property"]  # fmt: skip
    cells = [*asks, "Unclaimed - returned to sender", "Claimed"]
    sheet, result = notes_validated(tmp_path / "list.csv", cells, header)
    rows = dict(enumerate(cells, start=2))
    assert [rows[p.row] for p in result.problems if p.severity == "error"] == asks
    assert [rows[s.row] for s in sheet.skipped] == ["Unclaimed - returned to sender"]
