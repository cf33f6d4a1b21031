"""A CRM's or a mail house's column marking the rows not to mail ('Return Mail', 'Suppression', 'DMA Pander',
'Prison Flag' = Y; 'Mailing Address Invalid' = true; 'Merged Into' an id) or the addresses that moved
('Moved', 'COA', 'Change of Address', 'NCOA Flag' = Y, 'NCOA Status' = Moved, an NCOA code). Found by
newcomer26 (N4) and newcomer27 (N3) as marketing users: each was 'not used' and the card mailed, exit 0,
where 'Returned Mail', 'Suppressed' and 'Invalid Address' = Yes are left out (the lead's decisions: the
first left out, said; a move the error asking, unless a column says the address was updated)."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest
from intake_fixtures import sandbox_catalog

from bulkship.load import load_sheet
from bulkship.validate import validate


def _contacts(path: Path, header: str, cells: list[str], more: dict[str, list[str]] | None = None) -> Path:
    """A CSV of one contact a cell, the cell under ``header`` (row 2 holds the first), then ``more``."""
    more = more or {}
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", header, *more])
        for i, cell in enumerate(cells):
            extra = [column[i] for column in more.values()]
            writer.writerow(
                [f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "50", cell, *extra]
            )
    return path


@pytest.mark.parametrize(
    ("header", "said"),
    [("Return Mail", "Y"), ("Suppression", "Y"), ("DMA Pander", "Y"), ("DMA Suppression", "Yes"),
     ("Prison Flag", "Y"), ("Mailing Address Invalid", "true"), ("Merged Into", "003000000000123"),
     # (a CRM's flags in its own spellings: each ordered, hunter-asks5)
     ("HasOptedOutOfMail", "true"), ("Inactive Flag", "Y"), ("Archived", "Yes"),
     ("Returned Mail Date", "2026-11-02"),
     # (the post's and a mail house's other words, a record's deletion day: each ordered, hunter-asks6)
     ("Gone Away", "Y"), ("Lost Contact", "Yes"), ("Whereabouts Unknown", "Y"), ("Suppress Mailing", "Y"),
     ("Deleted Date", "2026-11-02")],
)  # fmt: skip
def test_a_mail_house_suppression_leaves_its_row_out(tmp_path: Path, header: str, said: str) -> None:
    path = _contacts(tmp_path / "contacts.csv", header, [said, "", "N"])
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '{said}')")
    ]


def test_a_market_area_or_an_account_is_no_suppression(tmp_path: Path) -> None:
    """'DMA' (a Designated Market Area) and 'COA' (a chart of accounts) name no suppression, nor a move."""
    for header, cells in (("DMA", ["Boston (Manchester)", "506"]), ("COA", ["6100-200", "7200"])):
        sheet = load_sheet(_contacts(tmp_path / f"{header}.csv", header, cells))
        assert sheet.skipped == ()
        result = validate(sheet, sandbox_catalog())
        assert [p.row for p in result.problems if p.severity == "error"] == []


@pytest.mark.parametrize(
    ("header", "said"),
    [("Moved", "Y"), ("Has Moved", "Yes"), ("COA", "Y"), ("Change of Address", "TRUE"), ("NCOA Flag", "Y"),
     ("NCOA Match", "1"), ("NCOA Status", "Moved"), ("NCOA Status", "Moved - new address found"),
     ("NCOA Return Code", "A"), ("NCOA Result", "MLNA"), ("Address Status", "Moved"), ("Mover Flag", "1")],
)  # fmt: skip
def test_a_column_marking_the_address_moved_asks_to_confirm_it(
    tmp_path: Path, header: str, said: str
) -> None:
    """A no, a blank, 'Not moved' or 'Valid' sends; 'Moved' = Y asks, quoting the column, never sent to the
    street the person may have left; and sends where a column says the address was updated on that row."""
    cells = [said, "", "N", "No match" if header != "Address Status" else "Valid", said]
    updated = {"NCOA Updated": ["", "", "", "", "Y"]}
    sheet = load_sheet(_contacts(tmp_path / "contacts.csv", header, cells, updated))
    result = validate(sheet, sandbox_catalog())
    errors = [(p.row, p.message) for p in result.problems if p.severity == "error"]
    assert errors == [
        (
            2,
            f"Row 2, column '{header}': marks this address as moved ('{header}' = {said}): the card would "
            "go to '1 Main St'. Confirm it is the new address (or put the new one in 'Address' and the "
            f"columns beside it), then clear '{header}' on this row.",
        )
    ]
    assert sheet.skipped == ()
    assert sorted(result.rows.index[result.rows["status"] == "valid"]) == [3, 4, 5, 6]


def test_a_move_s_day_or_its_new_address_is_no_mark(tmp_path: Path) -> None:
    """'NCOA Move Date', 'Moved In', 'Address Changed' (an HR export's updated row) mark nothing."""
    for header, cell in (
        ("NCOA Move Date", "2026-10-01"),
        ("Moved In", "2026-10-01"),
        ("Address Changed", "Yes"),
    ):
        sheet = load_sheet(_contacts(tmp_path / "c.csv", header, [cell]))
        result = validate(sheet, sandbox_catalog())
        assert [p.row for p in result.problems if p.severity == "error"] == [], header


@pytest.mark.parametrize(
    "header",
    ["Pending Termination", "Is Pending Termination", "Notice Given", "Termination in Progress",
     "Resignation Submitted", "Pending Termination Flag"],
)  # fmt: skip
def test_a_column_saying_the_person_is_leaving_its_day_unsaid_asks(tmp_path: Path, header: str) -> None:
    """Found by newcomer27 in a Workday export: 'Pending Termination' = Yes (or 'Notice Given' = Yes) was 'not
    used' and the card ordered, exit 0, where 'Worker Status' = 'Pending Termination' asks. The same error;
    a No, an empty cell, a day ('Pending Termination' = 2026-12-31) and a farewell list's 'Leaving' = Y
    send."""
    sheet = load_sheet(_contacts(tmp_path / "workday.csv", header, ["Yes", "No", "", "2026-12-31"]))
    result = validate(sheet, sandbox_catalog())
    assert [(p.row, p.message) for p in result.problems if p.severity == "error"] == [
        (
            2,
            f"Row 2, column '{header}': says 'Yes': the person is leaving, the day not said: is this card to "
            f"be sent? Check, then write No in '{header}' to send it, or take the row off the list.",
        )
    ]
    farewell = load_sheet(_contacts(tmp_path / "farewell.csv", "Leaving", ["Y", "Y"]))
    assert [p for p in validate(farewell, sandbox_catalog()).problems if p.severity == "error"] == []


def test_a_row_marked_moved_in_two_columns_asks_once_naming_both_and_neither_is_not_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """newcomer27's N5b: a HubSpot row with 'NCOA Match' = Y and 'NCOA Move Type' = Individual asked of the
    first column alone; cleared, the second asked on the next validate. And `validate` listed both under
    'Columns not used' while they raised the error: read as safe to delete. One error names both now, and
    they are listed as read to ask about rows."""
    from bulkship.cli import main

    path = _contacts(
        tmp_path / "hubspot.csv", "NCOA Match", ["Y", "", "N"], {"NCOA Move Type": ["Individual", "", ""]}
    )
    result = validate(load_sheet(path), sandbox_catalog())
    errors = [(p.row, p.message) for p in result.problems if p.severity == "error"]
    assert errors == [
        (
            2,
            "Row 2, columns 'NCOA Match' and 'NCOA Move Type': mark this address as moved ('NCOA Match' = "
            "Y, 'NCOA Move Type' = Individual): the card would go to '1 Main St'. Confirm it is the new "
            "address (or put the new one in 'Address' and the columns beside it), then clear 'NCOA Match' "
            "and 'NCOA Move Type' on this row.",
        )
    ]
    assert main(["validate", str(path), "--out", str(tmp_path)]) == 1  # rows to fix
    said = capsys.readouterr().out
    assert (
        "Columns read only to ask about rows (an address marked moved, a person leaving): 'NCOA Match', "
        "'NCOA Move Type'" in said
    ), said
    assert "Columns not used" not in said, said
    # ... and on the web page's Columns (hunter-money30): 'read to ask about rows', not 'not used'
    import re

    from starlette.testclient import TestClient
    from test_web import upload

    from bulkship.settings import resolve_settings
    from bulkship.web import create_app

    with TestClient(create_app(resolve_settings(), run_wait_s=0), follow_redirects=True) as client:
        upload(client, path, name="hubspot")
        page = client.get("/batches/hubspot/columns").text
    for header in ("NCOA Match", "NCOA Move Type"):
        row = re.search(rf'<tr[^>]*data-header="{header}"[^>]*>.*?</tr>', page, re.S)
        assert row is not None, page
        badges = re.findall(r'<span class="badge[^"]*">([^<]+)</span>', row.group(0))
        assert badges == ["read to ask about rows"], (header, badges)


def test_every_column_read_to_leave_rows_out_or_ask_is_said_so_with_what_it_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """newcomer28's N4 (a Salesforce campaign export): 'Campaign Member Status' = Opted Out left its row out
    and was listed under 'Columns not used' (its header unknown to the readers of headers, its cells read all
    the same); `validate --json` gave every such column, 'Do Not Mail' and 'NCOA Match' too, status 'unused'
    and no note. Each is listed as read, and --json's note says what it does."""
    import json

    from bulkship.cli import main

    more = {"Do Not Mail": ["", "", "true"], "Campaign Member Status": ["Sent", "Opted Out", "Sent"]}
    path = _contacts(tmp_path / "sfdc.csv", "NCOA Match", ["Y", "", ""], more)
    assert main(["validate", str(path), "--out", str(tmp_path)]) == 1  # row 2 asks
    said = capsys.readouterr().out
    assert "Columns read only to leave rows out: 'Do Not Mail', 'Campaign Member Status'\n" in said, said
    assert "Columns not used" not in said, said
    assert main(["validate", str(path), "--out", str(tmp_path), "--json"]) == 1
    columns = {c["header"]: c for c in json.loads(capsys.readouterr().out)["columns"]}
    notes = {h: (c["status"], c.get("note")) for h, c in columns.items() if c["status"] != "used"}
    assert notes == {
        "NCOA Match": ("unused", "read to ask about rows"),
        "Do Not Mail": ("unused", "read to leave rows out"),
        "Campaign Member Status": ("unused", "read to leave rows out"),
    }, notes


@pytest.mark.parametrize(
    ("header", "said"),
    [("Record Status", "Deleted"), ("Record Status", "Purged"), ("Status", "Merged"), ("Status", "Deleted"),
     ("Status Reason", "Inactive"), ("Worker Status Reason", "Resigned"), ("Person Type", "Ex-employee"),
     ("Employee Type", "Terminated"), ("Person Type", "Ex-Contingent Worker"), ("Mail Preference", "No mail"),
     ("Contact Preference", "Do not contact")],
)  # fmt: skip
def test_a_crm_s_record_inactive_or_deleted_leaves_its_row_out(
    tmp_path: Path, header: str, said: str
) -> None:
    """The lead's closing note of session 49 (leftover 2): a CRM's 'Record Status' = Deleted (or Purged,
    'Status' = Merged) was read as nothing, each card ordered, exit 0, where 'Status' = Inactive is left out.
    Each is left out, said; Active, New and a blank send. ('Contact Status' = Inactive still sends: a sales
    list's, whom a win-back mailing is for, tests/test_status_says_no_more.py.)"""
    path = _contacts(tmp_path / "contacts.csv", header, [said, "Active", "New", ""])
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '{said}')")
    ]


def test_a_projected_termination_date_passed_leaves_its_row_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A past 'Projected Termination Date' (11/15/2026 on Dec 7) was 'not used' and the card ordered, exit 0,
    where a 'Termination Date' passed leaves the row out (the lead's closing note of session 49). The same
    now; one to come (3/15/2027) and a blank send."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 7))
    header = "Projected Termination Date"
    path = _contacts(tmp_path / "staff.csv", header, ["11/15/2026", "3/15/2027", ""])
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '11/15/2026')")
    ]


@pytest.mark.parametrize("header", ["Contract End Date", "Assignment End Date"])
def test_a_contract_or_an_assignment_ended_leaves_its_row_out(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A contractor's 'Contract End Date', a temp's 'Assignment End Date' = 11/15/2026 (on Dec 7) were 'not
    used' and the card ordered, exit 0 (hunter-asks6), where a 'Termination Date' passed leaves the row out.
    The same now; one to come (3/15/2027) and a blank send."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 7))
    path = _contacts(tmp_path / "staff.csv", header, ["11/15/2026", "3/15/2027", ""])
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '11/15/2026')")
    ]


# ... or where the person is for now ('Temporary Address', 'Seasonal Address': hunter-asks5)
@pytest.mark.parametrize(
    "header", ["NCOA Address", "Forwarding Address", "COA Street", "Temporary Address", "Seasonal Address"]
)
def test_a_mail_house_s_new_street_beside_the_row_s_asks_which_is_right(tmp_path: Path, header: str) -> None:
    """'NCOA Address' = 9 Elm Rd beside 'Address' = 1 Main St was 'not used' and the card mailed to the street
    the person left, exit 0 (the lead's closing note of session 49), where 'New Address' asks. The same
    error; the row's own street there, N/A or a blank send."""
    sheet = load_sheet(_contacts(tmp_path / "contacts.csv", header, ["9 Elm Rd", "2 Main St", "N/A", ""]))
    result = validate(sheet, sandbox_catalog())
    assert [(p.row, p.message) for p in result.problems if p.severity == "error"] == [
        (
            2,
            f"Row 2, column '{header}': says '9 Elm Rd' where 'Address' says '1 Main St': which is right? "
            f"Put the right one in 'Address' and clear '{header}'.",
        )
    ]


def test_a_seasonal_or_temporary_amount_is_no_correction(tmp_path: Path) -> None:
    """'Seasonal Amount' = 100 beside 'Value' = 50 is another sum (a season's), not the card's corrected: no
    error, as before 'Seasonal Address' was read."""
    sheet = load_sheet(
        _contacts(tmp_path / "staff.csv", "Seasonal Amount", ["100", ""], {"Temp Value": ["75", ""]})
    )
    assert [p for p in validate(sheet, sandbox_catalog()).problems if p.severity == "error"] == []


# ... or where the person moved to, another street of theirs ('Moved To', 'Alternate Address': hunter-asks6)
@pytest.mark.parametrize("header", ["Moved To", "Alternate Address", "Alt Address"])
def test_a_street_moved_to_or_another_street_beside_the_row_s_asks_which_is_right(
    tmp_path: Path, header: str
) -> None:
    """'Moved To' = 9 Elm Rd, 'Alternate Address' = 12 Oak Street, Salem beside 'Address' were 'not used' and
    the card mailed to the row's street, exit 0 (hunter-asks5's leftover 2). The error asking which is
    right, only where the cell is a street: an HR list's 'Moved To' = Sales (a transfer), '2nd shift', a unit
    ('Apt 4'), the row's own street, N/A or a blank send."""
    cells = ["9 Elm Rd", "12 Oak Street, Salem, MA 01970", "Sales", "2nd shift", "Apt 4", "6 Main St", "N/A",
             ""]  # fmt: skip
    sheet = load_sheet(_contacts(tmp_path / "contacts.csv", header, cells))
    result = validate(sheet, sandbox_catalog())
    assert [(p.row, p.message) for p in result.problems if p.severity == "error"] == [
        (
            2,
            f"Row 2, column '{header}': says '9 Elm Rd' where 'Address' says '1 Main St': which is right? "
            f"Put the right one in 'Address' and clear '{header}'.",
        ),
        (
            3,
            f"Row 3, column '{header}': says '12 Oak Street, Salem, MA 01970' where 'Address' says '2 Main "
            f"St': which is right? Put the right one in 'Address' and clear '{header}'.",
        ),
    ]


@pytest.mark.parametrize(
    "header", ["Returned Mail Count", "Undeliverable Count", "# Returned Mail", "RTS Count"]
)
def test_a_count_of_mail_returned_asks_about_the_address(tmp_path: Path, header: str) -> None:
    """The lead's closing note of session 51 (leftover 2): 'Returned Mail Count' = 2 was ordered, exit 0, the
    card mailed where the post returned mail twice, where a 'Returned Mail' flag = Y leaves the row out. A
    count may be of an address put right since: the error asking, naming the street; 0 or empty sends."""
    sheet = load_sheet(_contacts(tmp_path / "contacts.csv", header, ["2", "0", "", "1"]))
    errors = {p.row: p.message for p in validate(sheet, sandbox_catalog()).problems if p.severity == "error"}
    assert not sheet.skipped and sorted(errors) == [2, 5]
    assert errors[2] == (
        f"Row 2, column '{header}': says '2': mail sent to this address ('1 Main St') came back 2 time(s), "
        f"and the card would go there. Check the address, then put the right one in the row and write 0 "
        f"in '{header}'."
    )
