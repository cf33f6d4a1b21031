"""A job title, a department or a section of a staff list naming a line of work that deals with death or
dismissal ('Deceased Estates Officer', a bank's 'Deceased Estates' team, 'Terminated Policies Analyst') says
nothing of the person: the row is sent. The person's own state in those words ('Deceased', 'Terminated Sales
Manager', 'Terminated employees') still leaves the row out (bulkship/load/skipped/ofwork.py)."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from bulkship.load import load_sheet

ORDINARY = [
    ("Teller", "Branch"),
    ("Fraud Analyst", "Risk"),
    ("Underwriter", "Life"),
    ("Paralegal", "Probate"),
]
OF_WORK = [
    ("Deceased Estates Officer", "Private Client"), ("Deceased Accounts Specialist", "Operations"),
    ("Deceased Customer Team Lead", "Bereavement Services"), ("Deceased Claims Specialist", "Life Claims"),
    ("Terminated Policies Analyst", "Policy Admin"), ("Deceased Patient Affairs", "Patient Services"),
    ("Fired Heater Technician", "Refinery"), ("Deceased Care Specialist", "Funeral Services"),
    ("Estate Administrator", "Deceased Estates"), ("Partner", "DECEASED ESTATES & PROBATE"),
    ("Trust Officer", "Deceased Estates Team"), ("Removal Technician", "Deceased Transfer"),
]  # fmt: skip
PERSON = [
    ("Deceased", "Sales"), ("Teller", "TERMINATED"), ("Terminated Sales Manager", "Sales"),
    ("Terminated Manager", "Sales"), ("Underwriter", "Terminated Employees"), ("Deceased per HR", "Risk"),
    ("Deceased Estates Officer - DO NOT SEND", "Private Client"), ("Teller (deceased)", "Branch"),
    ("Deceased - team informed", "Branch"), ("Fired 11/1", "Branch"),
]  # fmt: skip


def test_a_job_title_or_department_naming_work_with_the_deceased_sends_the_row(tmp_path: Path) -> None:
    """Found by review36: a bank's staff list whose 'Job Title' (or 'Department') read 'Deceased Estates
    Officer', 'Deceased Accounts Specialist' (an insurer's 'Deceased Claims Specialist', 'Terminated Policies
    Analyst'; a funeral home's 'Deceased Care Specialist'; a refinery's 'Fired Heater Technician') left each
    row out, 'the list says not to send it', exit 0: a colleague withheld their card for the name of their
    job. Those rows are sent now; the same words said of the person, alone, with a date, a remark beside a
    dash or in brackets, before their own role or the people ('Terminated Sales Manager', 'Terminated
    Employees'), still leave the row out, quoting the cell."""
    path = tmp_path / "staff.csv"
    people = [*OF_WORK, *PERSON, *ORDINARY * 6]  # (most rows ordinary: not a list of former staff)
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(
            ["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Job Title", "Department"]
        )
        for i, (title, department) in enumerate(people):
            writer.writerow(
                [f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "50", title, department]
            )
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    left_out = [people[row - 2] for row in range(2, 2 + len(OF_WORK)) if row in skipped]
    assert left_out == [], [skipped[row] for row in sorted(skipped) if row < 2 + len(OF_WORK)]
    first = 2 + len(OF_WORK)
    assert sorted(skipped) == list(range(first, first + len(PERSON)))
    assert (
        skipped[first + 2] == "the list says not to send it (column 'Job Title': 'Terminated Sales Manager')"
    )


def test_a_section_of_a_staff_list_named_for_work_with_the_deceased_is_sent(tmp_path: Path) -> None:
    """Found by hunter-falsealarm9: a law firm's staff list in sections by team, a row of its own naming each
    ('Litigation', 'Deceased Estates', 'Probate & Deceased Estates'), left out everyone under the last two
    ('under the heading ...'), exit 0. They are sent; a section 'Terminated employees' or 'Deceased' is still
    left out. Only in a list of staff (its Employee ID column here): over a credit union's members, the same
    words name the dead (the next test)."""
    path = tmp_path / "staff.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    sections = [
        "Litigation",
        "Deceased Estates",
        "Probate & Deceased Estates",
        "Terminated employees",
        "Deceased",
    ]
    under: dict[int, str] = {}
    for section in sections:
        sheet.append([section])
        for _ in range(2):
            i = len(under)
            sheet.append([f"E{i}", f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", 50])
            under[sheet.max_row] = section
    book.save(path)
    skipped = {s.row for s in load_sheet(path).skipped}
    sent = {under[row] for row in under if row not in skipped}
    assert sent == {"Litigation", "Deceased Estates", "Probate & Deceased Estates"}
    assert {under[row] for row in under if row in skipped} == {"Terminated employees", "Deceased"}


def test_the_accounts_of_the_dead_in_a_list_of_members_or_customers_stay_out(tmp_path: Path) -> None:
    """Found by review37 after d4863bbb: a credit union's member-appreciation list (Member #, no job nor staff
    column) with a heading row 'Deceased accounts' (or 'DECEASED ESTATES', 'Terminated accounts', 'Deceased
    member accounts') over two members sent both, exit 0, where they were left out before; so did an
    'Account Type' = 'Deceased estates' or 'Terminated contracts'. Those words name the dead or the closed
    there: the rows are left out, quoting the heading or the cell; a job's words are read as work only in a
    column naming work and under a heading of a list of staff."""
    for heading in [
        "Deceased accounts",
        "DECEASED ESTATES",
        "Terminated accounts",
        "Deceased member accounts",
    ]:
        path = tmp_path / "members.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Member #", "Name", "Address", "City", "State", "ZIP", "Product", "Value"])
        for i in range(6):
            if i == 4:
                sheet.append([heading])
            sheet.append([f"M{i}", f"Member {i}", f"{i + 1} Elm St", "Dayton", "OH", "45402", "CVS", 25])
        book.save(path)
        assert sorted(s.row for s in load_sheet(path).skipped) == [6, 7, 8], heading
    path = tmp_path / "accounts.csv"
    kinds = ["Deceased estates", "Deceased accounts", "Terminated contracts", "Deceased member accounts"]
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(
            ["Member #", "Name", "Address", "City", "State", "ZIP", "Product", "Value", "Account Type"]
        )
        for i, kind in enumerate([*kinds, *["Checking"] * 6]):
            writer.writerow(
                [f"M{i}", f"Member {i}", f"{i + 1} Elm St", "Dayton", "OH", "45402", "CVS", 25, kind]
            )
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == [2, 3, 4, 5]
    assert skipped[2] == "the list says not to send it (column 'Account Type': 'Deceased estates')"


def test_a_section_of_staff_whose_contracts_or_accounts_were_terminated_stays_out(tmp_path: Path) -> None:
    """Found by review38 after a42560f4: a staff list (Employee ID) in sections, a row of its own 'Terminated
    contracts' (or 'Terminated accounts', 'Terminated Agreements') over two contractors, sent both, exit 0,
    read as a team's name: a card to people whose contract ended. What was terminated, the heading ending
    there, is theirs: left out, quoting the heading; 'Deceased Estates' (a team) is still sent."""
    path = tmp_path / "staff.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    sections = ["Litigation", "Deceased Estates", "Terminated contracts", "Terminated accounts",
                "Terminated Agreements"]  # fmt: skip
    under: dict[int, str] = {}
    for section in sections:
        sheet.append([section])
        for _ in range(2):
            i = len(under)
            sheet.append([f"E{i}", f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", 50])
            under[sheet.max_row] = section
    book.save(path)
    skipped = {s.row for s in load_sheet(path).skipped}
    assert {under[row] for row in under if row not in skipped} == {"Litigation", "Deceased Estates"}


def test_a_person_s_status_typed_over_their_job_or_department_leaves_the_row_out(tmp_path: Path) -> None:
    """Found by review40: an HR list's 'Job Title' (or 'Department') typed over with the person's status,
    'Former employee', 'Ex-employee', 'Inactive', 'Separated', 'Position eliminated', 'Employment ended
    11/30', 'On leave - hold', 'N/A - left', 'Hold - pending HR', 'Not eligible (contractor)', was ordered,
    exit 0, where an 'Employee Status' of those words leaves the row out ('Terminated' there already did). A
    job whose words begin so ('Former Accounts Manager', 'Inactive Accounts Specialist', 'Holdings Analyst',
    'Left Wing Coach', 'On Hold Desk'), a leave ('LOA', 'On leave'), 'Retired' and 'Alumni' still send."""
    status = [
        "Former employee", "Ex-employee", "Inactive", "Separated", "Position eliminated",
        "Employment ended 11/30", "On leave - hold", "N/A - left", "Hold - pending HR",
        "Not eligible (contractor)", "Past employee", "Let go 11/20", "Dismissed", "Exited",
    ]  # fmt: skip
    jobs = [
        "Former Accounts Manager", "Inactive Accounts Specialist", "Holdings Analyst", "Left Wing Coach",
        "On Hold Desk", "LOA", "On leave", "Retired", "Alumni", "Alumni Relations", "Former VP",
    ]  # fmt: skip
    for header in ("Job Title", "Department"):
        path = tmp_path / f"{header}.csv"
        cells = [*jobs, *status, *[title for title, _ in ORDINARY] * 8]  # (most rows ordinary)
        with path.open("w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(
                ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Value", header]
            )
            for i, cell in enumerate(cells):
                writer.writerow(
                    [f"E{i}", f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "50", cell]
                )
        skipped = {s.row for s in load_sheet(path).skipped}
        assert [cells[row - 2] for row in sorted(skipped)] == status, header
