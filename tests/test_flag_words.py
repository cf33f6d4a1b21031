"""A column of marks headed by a word of its own saying the person is gone, the card came back, or the row is
a test or to be ignored ('Left' = x, 'Returned' = x, 'Test Record' = Y): each marked row is left out, as
'Terminated' = x is (bulkship/load/skipped/flags.py, _HOLD_FLAGS)."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest

from bulkship.load import load_sheet


def _tracker(path: Path, header: str, cells: list[str]) -> Path:
    """A CSV of one recipient a cell, the cell under ``header``: row 2 holds the first."""
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", header])
        for i, cell in enumerate(cells):
            writer.writerow([f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "50", cell])
    return path


@pytest.mark.parametrize(
    "header",
    ["Left", "Has Left", "Left?", "Died", "Passed Away", "Moved Away", "No Forwarding", "Returned",
     "Returned?", "Card Returned", "Test Record", "Is Test", "Ignore", "Hide", "Cancel", "Withdraw",
     "Paid Out", "Already Has Card"],
)  # fmt: skip
def test_a_mark_under_a_word_saying_the_person_is_gone_or_the_row_is_none_leaves_it_out(
    tmp_path: Path, header: str
) -> None:
    """Found by hunter-sends1: a tracker's 'Left' (or 'Died', 'Passed Away', 'Moved Away', 'Returned', 'Card
    Returned', 'Test Record', 'Ignore', 'Paid Out', 'Already Has Card') = x or Y was read as nothing and each
    card ordered, exit 0: a card to someone gone or dead, to an address the post gave back, to a test row,
    or a second card; where 'Terminated' = x is left out. Each marked row is left out now, quoting the cell;
    a row left blank or No is sent."""
    path = _tracker(tmp_path / "tracker.csv", header, ["x", "Y", "", "No", ""])
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    says = "it was sent already" if header == "Already Has Card" else "not to send it"
    assert skipped == {
        2: f"the list says {says} (column '{header}': 'x')",
        3: f"the list says {says} (column '{header}': 'Y')",
    }


@pytest.mark.parametrize(
    ("header", "cells"),
    [("Retired", ["x", "Y", ""]), ("LOA", ["x", ""]), ("On Leave", ["Y", ""]), ("Lost", ["x", ""]),
     ("Quit", ["Y", "x"]), ("Test", ["85", "92"]), ("Term", ["Fall 2026", "Spring 2027"]),
     ("Passed", ["Y", "N"])],
)  # fmt: skip
def test_a_mark_under_a_word_of_a_person_still_to_get_a_card_sends_the_row(
    tmp_path: Path, header: str, cells: list[str]
) -> None:
    """A retiree's, a leave's or a lost card's mark, a wellness list's 'Quit' (smoking), a test's score, a
    school term, a course passed, says nothing against sending: every row is sent."""
    path = _tracker(tmp_path / "tracker.csv", header, cells)
    assert not load_sheet(path).skipped


@pytest.mark.parametrize(
    "header",
    ["Mgr OK?", "Mgr Approved", "Mgr Approval", "Mgr. Approved?", "Mgr Approved (Y/N)", "VP OK?", "Sup OK",
     "Supervisor OK", "Dir. Approved", "HRBP Approved", "Mgr Sign-off", "Manager Sign Off", "Sign-off",
     "Signed off?", "Elig", "Elig?", "Incl?", "Appr", "Cleared?", "Cleared to send"],
)  # fmt: skip
def test_an_approval_column_in_short_forms_or_a_sign_off_leaves_its_no_out(
    tmp_path: Path, header: str
) -> None:
    """Found by newcomer26 on an HR anniversary workbook: 'Mgr OK?' = N was 'not used' and the card ordered,
    exit 0 (so were 'VP OK?', 'Elig', 'Incl?', 'Sign-off', 'Cleared?' = N), where 'Manager OK?' = N is left
    out. The N row is left out quoting the cell; Y and an empty cell are sent."""
    path = _tracker(tmp_path / "hr.csv", header, ["N", "Y", ""])
    assert {s.row: s.reason for s in load_sheet(path).skipped} == {
        2: f"the list says not to send it (column '{header}': 'N')"
    }


@pytest.mark.parametrize(
    ("header", "cell"), [("Signed Off By", "N. Patel"), ("Mgr", "N"), ("Sign-off Date", "N")]
)
def test_who_signed_off_or_a_manager_s_name_says_nothing_of_sending(
    tmp_path: Path, header: str, cell: str
) -> None:
    """Who signed off, the manager's column or the day of the sign-off pick no rows."""
    assert not load_sheet(_tracker(tmp_path / "hr.csv", header, [cell, "Y"])).skipped


@pytest.mark.parametrize(
    "header",
    ["Do Not Send Mail", "Don't Mail", "Exclude From Mail", "Exclude from Direct Mail",
     "Exclude from Mailings", "Exclude from Campaign", "No Direct Mail", "No Gifts", "Mailing Exclusion",
     "Gift Exclusion"],
)  # fmt: skip
def test_a_crm_flag_of_no_mail_or_gifts_in_other_forms_leaves_its_true_rows_out(
    tmp_path: Path, header: str
) -> None:
    """Found by newcomer26 on a Salesforce direct-mail export: 'Do Not Send Mail', 'Exclude from Mailings',
    'No Gifts' = true (and the forms above) were read as nothing and each card ordered, exit 0, where 'Do Not
    Mail', 'Exclude from Mailing' and 'No Gift' = true are left out. Each true row is left out quoting the
    cell; false and empty are sent. Email's flags ('Email Opt Out', 'Exclude from Email') still send."""
    path = _tracker(tmp_path / "crm.csv", header, ["true", "false", ""])
    assert {s.row: s.reason for s in load_sheet(path).skipped} == {
        2: f"the list says not to send it (column '{header}': 'true')"
    }
    for email in ("Email Opt Out", "Exclude from Email", "No Email"):
        assert not load_sheet(_tracker(tmp_path / "crm.csv", email, ["true", "false"])).skipped


@pytest.mark.parametrize(
    "header", ["No. Gifts", "No. of Gifts", "No. Mailings", "Nos. Gifts", "Number of Gifts", "# Gifts"]
)
def test_a_count_s_header_is_no_flag_of_no_mail_or_gifts(tmp_path: Path, header: str) -> None:
    """Found by review69 checking c38db98f: a column 'No. Gifts' (how many: 1, 2, 0) left out its 1 and 2
    rows as 'No Gifts' = true ("the list says not to send it (column 'No. Gifts': '1')"), the people the list
    counts gifts for dropped; 'No. Mailings' the same before it. A count's header flags nothing."""
    assert not load_sheet(_tracker(tmp_path / "crm.csv", header, ["1", "2", "0"])).skipped


@pytest.mark.parametrize(
    ("header", "said"),
    [("Anniversary Award Eligible", "No"), ("Service Award Eligible", "N"), ("Recognition Eligible", "No"),
     ("Worker Active", "No"), ("Active Worker", "N"), ("Primary Termination Reason", "Voluntary > Resigned")],
)  # fmt: skip
def test_a_workday_export_s_own_flags_leave_their_rows_out(tmp_path: Path, header: str, said: str) -> None:
    """Found by newcomer27 as an HR user of a Workday export: 'Anniversary Award Eligible' = No, 'Worker
    Active' = No, 'Primary Termination Reason' = 'Voluntary > Resigned' were 'not used' and each card ordered,
    exit 0, where 'Award Eligible' = No, 'Active Status' = No and 'Termination Reason' = Involuntary are left
    out. Each is left out now, quoting the cell; a Yes, an empty cell send."""
    cells = [said, "Yes" if "Reason" not in header else "", ""]
    path = _tracker(tmp_path / "workday.csv", header, cells)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '{said}')")
    ]


@pytest.mark.parametrize(("header", "said"), [("DPV Confirmed", "N"), ("DPV Match Code", "N"), ("DPV", "No")])
def test_usps_delivery_point_not_confirmed_leaves_the_row_out(tmp_path: Path, header: str, said: str) -> None:
    """Found by newcomer27 as a marketing user: a mail house's 'DPV Confirmed' = N (USPS delivers to no such
    point) was 'not used' and the card mailed, exit 0, where 'Deliverable' = N is left out. Left out now; Y, S
    and D (a point found, its unit missing or not) and an empty cell send."""
    path = _tracker(tmp_path / "mailhouse.csv", header, [said, "Y", "S", "D", ""])
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{header}': '{said}')")
    ]


@pytest.mark.parametrize(
    "header", ["Termination Reason", "Primary Termination Reason", "Termination Type", "Separation Reason"]
)
def test_a_leaving_s_reason_beside_its_day_to_come_sends_until_the_day(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review71 checking dce1a832: a Workday export fills the termination reason as soon as a
    leaving is entered; beside 'Termination Date' = 1/15/2027 (on Dec 5, 2026) the row was left out, where the
    date alone sends it until the day. Sent until the day now; with a status saying the person is gone, left
    out as before; with a day passed beside 'Active', the error asking, as the day alone beside 'Active' is
    (newcomer30, the lead's decision: UKG keeps a rehire's earlier day and reason, it was left out)."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    path = tmp_path / "workday.csv"
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Termination Date",
                         "Worker Status", header])  # fmt: skip
        for i, (day, status) in enumerate([("1/15/2027", "Active"), ("11/1/2026", "Active"),
                                           ("1/15/2027", "Terminated")]):  # fmt: skip
            person = [f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "50"]
            writer.writerow([*person, day, status, "Voluntary > Resigned"])
    loaded = load_sheet(path)
    assert [s.row for s in loaded.skipped] == [4]
    asked = [p.row for p in loaded.read_problems if p.severity == "error"]
    assert asked == [3], loaded.read_problems


@pytest.mark.parametrize(
    "header",
    ["Opted Out of Postal Mail", "Opted out of direct mail", "Opted out of physical mail", "Opt Out Mail",
     "Postal Mail: Opted Out", "Unsubscribed from postal mail", "Direct Mail Unsubscribe", "Do Not Mail Flag",
     "Gift Restricted", "Gift Policy Restricted", "Restricted from Gifts", "Gifts Prohibited",
     "Suppression List", "Cannot Accept Gifts", "Unable to Receive Gifts", "Opted_Out_of_Mail__c"],
)  # fmt: skip
def test_a_crm_s_own_words_refusing_mail_or_gifts_leave_its_true_rows_out(
    tmp_path: Path, header: str
) -> None:
    """Found by newcomer29 on a HubSpot export's custom properties: each = true was ordered, exit 0, where
    'Opted Out of Mail' and 'Do Not Gift' = true are left out; 'Cannot Accept Gifts' was read as 'Accepts
    Gifts', its false left out and its true sent. Read by their words now: true out, false and empty sent. A
    donor CRM's 'Restricted Gift' (a donation given for a purpose), e-mail's flags and a mail opt-in's true
    still send."""
    path = _tracker(tmp_path / "crm.csv", header, ["true", "false", ""])
    assert {s.row: s.reason for s in load_sheet(path).skipped} == {
        2: f"the list says not to send it (column '{header}': 'true')"
    }
    for other in (
        "Restricted Gift",
        "E-mail Opt Out",
        "Mail Opt-In",
        "Not Opted Out of Mail",
        "Gift Card Restrictions",
    ):
        skipped = load_sheet(_tracker(tmp_path / "crm.csv", other, ["true", "false"])).skipped
        assert 2 not in [s.row for s in skipped], (other, skipped)
