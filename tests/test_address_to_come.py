"""A row whose street is empty and whose note says the address is not known yet ('Address TBD', 'No address
yet', 'new hire, address to follow'): a row to fix on the *Fix these* sheet, never one the list leaves out
(the person fixing the list never saw it there), nor one sent to the list's other address (the office)."""

from __future__ import annotations

import csv
from collections.abc import Collection
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from support import embedded_sandbox_orders
from support.notes import notes_validated

from bulkship.cli import main
from bulkship.load import load_sheet
from bulkship.load.skipped import addressmissing
from bulkship.settings import resolve_settings

HEADER = ["Employee Name", "Mailing Street", "Mailing City", "Mailing State", "Mailing ZIP", "Work Street",
          "Work City", "Work State", "Work ZIP", "Gift", "Amount", "Notes"]  # fmt: skip
OFFICE = ["100 Federal St", "Boston", "MA", "02110"]


def _cards() -> list[dict[str, Any]]:
    """The cards the embedded sandbox holds: name and street each went to."""
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    return [line["PhysicalDeliveryAddress"] for order in orders for line in order["LineItems"]]


def _ordered(tmp_path: Path, notes: list[str]) -> tuple[Path, list[int]]:
    """Each note on a row of its own ('Person N' at 'N Main St', Boston), the list run (exit 3: rows to fix):
    the list's path and the N of each card ordered."""
    path = tmp_path / "staff.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows(
            [HEADER]
            + [
                [f"Person {i}", f"{i} Main St", "Boston", "MA", "02108", *OFFICE, "CVS", "25", note]
                for i, note in enumerate(notes, start=1)
            ]
        )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    return path, sorted(int(c["Name"].split()[1]) for c in _cards())


def test_a_row_of_no_address_whose_note_says_it_is_to_come_is_fixed_on_fix_these_never_sent_to_the_office(
    tmp_path: Path,
) -> None:
    """Found by newcomer15 (review44's LO1, review46's L1): an HR list's 'Mailing' address left empty with
    Notes 'Address TBD' was left out as "the list says not to send it", never on Fix these, where the person
    fixing the list looks for rows to fill in ('New address TBD' was there); and 'No address yet', 'new hire,
    address to follow' on the same empty address were sent to the list's Work Address, the office, exit 0.
    Each is a row to fix now, sent once its address is filled in there; a note saying more ('Address TBD -
    terminated 11/30') still leaves its row out."""
    path = tmp_path / "staff.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows(
            [
                HEADER,
                ["Ann Lee", "1 Main St", "Boston", "MA", "02108", *OFFICE, "CVS", "25", ""],
                ["Bob Ray", "", "", "", "", *OFFICE, "CVS", "25", "Address TBD"],
                ["Cy Doe", "", "", "", "", *OFFICE, "CVS", "25", "No address yet"],
                ["Dee Fox", "", "", "", "", *OFFICE, "CVS", "25", "new hire, address to follow"],
                ["Eli Gu", "", "", "", "", *OFFICE, "CVS", "25", ""],  # the office, as the list means
                ["Flo Ha", "", "", "", "", *OFFICE, "CVS", "25", "Address TBD - terminated 11/30"],
            ]
        )
    out = tmp_path / "out"
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(out)]) == 3  # rows to fix
    assert sorted((c["Name"], c["AddressLine1"]) for c in _cards()) == [
        ("Ann Lee", "1 Main St"), ("Eli Gu", "100 Federal St"),
    ]  # fmt: skip
    results = out / "staff-results.xlsx"
    book = openpyxl.load_workbook(results)
    fix = book["Fix these"]
    header = [c.value for c in fix[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in fix.iter_rows(min_row=2)]
    assert [r["Employee Name"] for r in rows] == ["Bob Ray", "Cy Doe", "Dee Fox"]
    assert rows[0]["Problems / vendor error"] == (
        "Row 3, column 'Notes': says 'Address TBD' and 'Mailing Street' is empty: the address is not known "
        "yet, and the card is sent to no other address. Put the address in 'Mailing Street' (and the address "
        "columns beside it) once known and clear the 'Notes' cell."
    )
    # Bob's address comes: filled in on Fix these, the note cleared, and the workbook run again
    cells = next(fix.iter_rows(min_row=2))
    for name, value in zip(HEADER[1:5], ["7 Pine St", "Cambridge", "MA", "02139"], strict=True):
        cells[header.index(name)].value = value
    cells[header.index("Notes")].value = None
    book.save(results)
    assert main(["run", str(results), "--batch", "staff", "--yes", "--wait", "0", "--out", str(out)]) == 3
    assert sorted((c["Name"], c["AddressLine1"]) for c in _cards()) == [
        ("Ann Lee", "1 Main St"), ("Bob Ray", "7 Pine St"), ("Eli Gu", "100 Federal St"),
    ]  # fmt: skip


def test_a_note_of_an_address_to_come_on_a_row_of_no_street_leaves_it_to_fix_unless_it_says_more(
    tmp_path: Path,
) -> None:
    """The same notes in other words, on a list of one address: each row read (an error, its street empty),
    not left out; one saying more than the address leaves its row out as before. A note of an address to
    come beside a street ('Address TBD' over a street that may be a stale one) was left out too, on no Fix
    these sheet: an error now, the card sent nowhere until the street is put right (newcomer20's N15; this
    expectation changed on purpose by review52)."""
    to_fix = [
        "Address TBD", "Address unknown", "Need address", "Needs address", "Waiting on home address",
        "Hold for address", "Moved, no forwarding address", "Home address: to be provided",
        "Awaiting address", "Address pending", "No address on file",
    ]  # fmt: skip
    out = ["Address TBD - terminated 11/30", "Address unknown; do not send", "Deceased - address unknown"]
    path = tmp_path / "list.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Street", "City", "State", "ZIP", "Product", "Value", "Notes"])
        writer.writerows(
            [f"Person {i}", "", "", "", "", "CVS", "50", note] for i, note in enumerate(to_fix + out)
        )
        writer.writerow(["Ann Lee", "1 Main St", "Boston", "MA", "02108", "CVS", "50", "Address TBD"])
    loaded = load_sheet(path)
    last = 2 + len(to_fix) + len(out)
    assert [s.row for s in loaded.skipped] == [*range(2 + len(to_fix), last)]
    told = {p.row for p in loaded.read_problems if p.kind == "Address not known yet"}
    assert told == set(range(2, 2 + len(to_fix)))
    assert {p.row for p in loaded.read_problems if p.kind == "Address to change"} == {last}


def test_a_note_saying_the_person_moved_or_the_address_is_doubted_stops_the_row(tmp_path: Path) -> None:
    """Found by newcomer18 (N7) and newcomer19 (N1, N3): an HR or CRM list's Notes 'moved', 'NCOA - moved',
    'USPS says moved', 'address changed', 'moved - new address in Workday', 'see email for new address',
    'address on file is old', 'old address - update', 'verify address', 'address unverified - check' were each
    ordered to the row's street, exit 0: a card to an address the list says is old or unsure. Each is a row to
    fix now, as 'Moved, new address to follow' is; 'moved - new address above', 'Moved to Sales', 'moved
    teams', 'Address verified', 'Verify address - verified 12/1' still send."""
    doubted = [
        "moved", "NCOA - moved", "USPS says moved", "address changed", "moved - new address in Workday",
        "see email for new address", "address on file is old", "old address - update", "verify address",
        "address unverified - check",
    ]  # fmt: skip
    fine = ["moved - new address above", "Moved to Sales", "moved teams", "Address verified",
            "Verify address - verified 12/1", "Check address book for birthday"]  # fmt: skip
    sent = _ordered(tmp_path, doubted + fine)[1]
    assert sent == list(range(len(doubted) + 1, len(doubted) + len(fine) + 1)), sent


def test_a_note_saying_the_person_moved_to_another_town_or_state_stops_the_row(tmp_path: Path) -> None:
    """Found by hunter-sends6 (its item 1) and newcomer20 (N7), fixed by hunter-sends8: on rows in Boston,
    MA, Notes 'moved to Denver', 'relocated to FL', 'moved to HQ in Chicago', 'Retiring - moved to Denver',
    'relocating to Denver 1/1' were each ordered to the Boston street, exit 0, where a bare 'moved' stops the
    row since 32fbebb1. Each is a row to fix now; a move within the row's town or state, to a team, a floor,
    a shift or a firm, or a relative's move, still sends."""
    moved = ["moved to Denver", "relocated to FL", "moved to HQ in Chicago", "Retiring - moved to Denver",
             "relocating to Denver 1/1", "moved to New York"]  # fmt: skip
    fine = ["moved to Boston", "Moved to East Boston", "Moved to Sales", "moved to the 3rd floor",
            "Moved to night shift", "Moved to Acme Corp", "Father: moved to FL",
            "moved to Marketing"]  # fmt: skip
    sent = _ordered(tmp_path, moved + fine)[1]
    assert sent == list(range(len(moved) + 1, len(moved) + len(fine) + 1)), sent


def test_a_note_saying_the_address_is_not_known_yet_beside_a_street_is_a_row_to_fix(tmp_path: Path) -> None:
    """newcomer20's N15 (the lead's, to review52): beside a street filled ('4 Main St'), Notes 'address to
    follow' and 'Address pending' were ordered to that street, exit 0, a card to an address the note says is
    not the one; 'address TBD', 'need address' left their row out
    as 'the list says not to send it', on no Fix these sheet, nobody asked for the address, where 'new address
    TBD' is a row to fix. Each is a row to fix now, with the words 'new address TBD' gets; sent, none. Still
    sent: the address got since ('No address on file - added 12/1', 'Address missing - found in Workday', 'No
    home address - using work address'), none needed, another kind's ('Email address needed'); still left
    out: another no beside it ('Address TBD - terminated', 'Waiting on VP sign-off; Address TBD'), and a wait
    for the address ('waiting for address', as 'Wait for address' is: a decision left to the lead), and
    the post's 'address unknown' (a bad address, as a Status says it)."""
    to_fix = ["address to follow", "Address pending", "address TBD", "need address"]
    sent = ["No address on file - added 12/1", "Address missing - found in Workday",
            "No home address - using work address", "No address needed", "Email address needed"]  # fmt: skip
    out = ["Address TBD - terminated", "Waiting on VP sign-off; Address TBD", "waiting for address",
           "address unknown"]  # fmt: skip
    path, cards = _ordered(tmp_path, to_fix + sent + out)
    assert cards == list(range(len(to_fix) + 1, len(to_fix) + len(sent) + 1)), cards
    sheet = load_sheet(path)
    first_out = len(to_fix) + len(sent) + 2
    assert sorted(s.row for s in sheet.skipped) == list(range(first_out, first_out + len(out)))
    fixes = openpyxl.load_workbook(tmp_path / "out" / "staff-results.xlsx")["Fix these"]
    names = [row[0] for row in fixes.iter_rows(min_row=2, values_only=True) if row[0]]
    assert [n for n in names if str(n).startswith("Person")] == [
        f"Person {i}" for i in range(1, len(to_fix) + 1)
    ]


def test_a_note_saying_the_person_moved_and_when_stops_the_row(tmp_path: Path) -> None:
    """newcomer21's N10, fixed by review54: an HR list's Notes 'moved 11/15', 'moved on 11/15', 'Moved
    11/15/2026', 'moved in Nov', 'moved Nov 2026', 'moved last month', 'moved recently', 'just moved', 'Moved
    out of state' were each ordered to the row's street, exit 0, where 'moved' alone stops the row: a card to
    the street the note says the person left. Each is a row to fix now; a move said done on the row ('moved
    11/15 - address updated', 'moved last month, new address above'), and 'moved in', 'Moved desks', 'Moved
    up' still send."""
    moved = ["moved 11/15", "moved on 11/15", "Moved 11/15/2026", "moved in Nov", "moved Nov 2026",
             "moved last month", "moved recently", "just moved", "Moved out of state",
             "moved a few weeks ago"]  # fmt: skip
    fine = ["moved 11/15 - address updated", "moved last month, new address above", "moved in", "Moved desks",
            "Moved up"]  # fmt: skip
    sent = _ordered(tmp_path, moved + fine)[1]
    assert sent == list(range(len(moved) + 1, len(moved) + len(fine) + 1)), sent


def test_long_notes_are_read_for_an_address_got_since_only_where_one_is_to_come(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-speed1 (issue 14): a list of 300 rows whose two Notes columns held a 32,000-character
    note ('Left the company in May; her manager asked that the card go to her home address instead. ...')
    took 9.75 CPU-s to load: whether a note says the address came since ('No address on file - added 12/1')
    was read over every note of every row, twice, for rows none of whose notes says an address is to come.
    Now only those rows are read for it; each row decides as before."""
    read: list[list[int]] = []
    nothing_settled = addressmissing.nothing_settled

    def counted(body: pd.DataFrame, headers: list[str], rows: Collection[object]) -> pd.Series:
        read.append(sorted(int(str(row)) for row in rows))
        return nothing_settled(body, headers, rows)

    monkeypatch.setattr(addressmissing, "nothing_settled", counted)
    long_note = (
        "Left the company in May; her manager asked that the card go to her home address instead. " * 40
    )
    notes = ["address to follow", "No address on file - added 12/1", long_note, "Address TBD - terminated"]
    path = tmp_path / "staff.csv"
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"])
        for i, note in enumerate(notes, start=1):
            writer.writerow([f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "50", note])
    sheet = load_sheet(path)
    assert sorted(s.row for s in sheet.skipped) == [4, 5]  # the long note ('Left the company'); terminated
    assert read and all(rows == [2, 3, 5] for rows in read)  # each but the long note's says one is to come


def test_a_list_whose_remarks_say_no_address_is_to_come_is_not_read_for_one_further(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-speed2 (issue 14: the fixed cost of loading a small list, paid by most of the suite's
    tests): a list with a Notes column, none saying an address is to come ('thanks', 'Do not send - left
    11/15'), was still read for its empty streets and for notes saying an address came since, twice a load
    (~1 ms of CPU each, of a 20 ms load), for rows none of which could be one. Now a load reads on only where
    some remark says it; each row decides as before."""
    read: list[str] = []
    for name in ("nothing_settled", "_street_empty"):
        real = getattr(addressmissing, name)

        def counted(*args: Any, real: Any = real, name: str = name) -> Any:
            read.append(name)
            return real(*args)

        monkeypatch.setattr(addressmissing, name, counted)

    def staff(notes: list[str]) -> Path:
        path = tmp_path / "staff.csv"
        with path.open("w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", "Notes"])
            for i, note in enumerate(notes, start=1):
                writer.writerow([f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "50", note])
        return path

    sheet = load_sheet(staff(["thanks", "Do not send - left 11/15", ""]))
    assert [s.row for s in sheet.skipped] == [3] and not sheet.read_problems
    assert read == []
    sheet = load_sheet(staff(["thanks", "Address to follow", ""]))
    assert [p.row for p in sheet.read_problems] == [3]  # (a street the note says is not the one)
    assert "nothing_settled" in read and "_street_empty" in read


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_person_away_for_a_while_its_end_unsaid_asks_where_the_card_goes(
    tmp_path: Path, header: str
) -> None:
    """'Temporarily away', 'Deployed', 'Overseas', 'Stationed abroad', 'On international assignment': each was
    ordered to the row's street, exit 0, where the person is not (hunter-asks5's leftover 1; hunter-asks6).
    The error naming the street the card would go to; 'Deployed until 6/1/2027' is held to its day as before,
    'Away', 'Military leave' and 'Deployed to production' send."""
    asks = ["Temporarily away", "Deployed", "Overseas", "Out of the country", "Stationed abroad",
            "On international assignment", "Active - deployed", "Deployed 11/1"]  # fmt: skip
    sends = ["Away", "Military leave", "Deployed to production"]
    sheet, result = notes_validated(tmp_path / "list.csv", [*asks, *sends, "Deployed until 6/1/2027"], header)
    rows = dict(enumerate([*asks, *sends], start=2))
    errors = {p.row: p.message for p in result.problems if p.severity == "error"}
    assert [rows[r] for r in sorted(errors)] == asks
    assert errors[3] == (
        f"Row 3, column '{header}': says 'Deployed': the card would go to '2 Main St'. Put the new address "
        f"in 'Address' (and the address columns beside it) once known and clear the '{header}' cell, or "
        "clear only that cell to send it there."
    )
    assert [s.row for s in sheet.skipped] == [len(asks) + len(sends) + 2]
