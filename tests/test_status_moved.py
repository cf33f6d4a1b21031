"""A status saying the person moved or the row's address is old ('Moved', 'moved 11/15', 'Returned - address
on row is old'): a row to fix, as the same words under 'Notes' are (bulkship/load/problems/corrections.py).
Found by hunter-sends10's brief: each was ordered to the street the status says the person left."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import pytest

from bulkship.cli import main

MOVED = ["Moved", "moved 11/15", "Returned - address on row is old", "Address changed", "Relocated"]
# a move of desk or team, or said put right on the row
SENDS = ["Active", "Moved to Sales", "Address verified", "Moved; address updated on row", "moved teams"]


def _rows_to_fix(tmp_path: Path, header: str, cells: list[str]) -> list[int]:
    """The rows of a list of one person a cell (row 2 the first) that validate says to fix."""
    path = tmp_path / "staff.csv"
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows(
            [["Name", "Address", "City", "State", "ZIP", "Product", "Value", header]]
            + [
                [f"Person {i}", f"{i} Main St", "Boston", "MA", "02134", "CVS", "50", cell]
                for i, cell in enumerate(cells, start=2)
            ]
        )
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    return sorted({p["row"] for p in json.loads(said.getvalue())["problems"] if p["severity"] == "error"})


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_status_saying_the_person_moved_is_a_row_to_fix(tmp_path: Path, header: str) -> None:
    rows = _rows_to_fix(tmp_path, header, [*MOVED, *SENDS])
    assert rows == list(range(2, 2 + len(MOVED))), rows  # under a status, each was ordered before


# ... or giving the new street ('Moved to 5 Oak St'), or where the person is now ('Gone from this address -
# now at 5 Oak St'): found by review60, each ordered to the row's old street under a status ('now at' under
# 'Notes' too); not a shift, a level, a share of time or a building of no street
GIVES_A_STREET = [
    "Moved to 5 Oak St", "No longer lives here - new address 5 Oak St",
    "Gone from this address - now at 5 Oak St", "Lives now at 5 Oak St",
]  # fmt: skip
STILL_SENDS = [
    "now at 3rd shift",
    "Now at 80% FTE",
    "Promoted, now at level 5",
    "Now at Building 5",
    "Now at HQ",
]


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_status_giving_another_street_is_a_row_to_fix(tmp_path: Path, header: str) -> None:
    rows = _rows_to_fix(tmp_path, header, [*GIVES_A_STREET, *STILL_SENDS])
    assert rows == list(range(2, 2 + len(GIVES_A_STREET))), rows


# ... or in a mail house's words, a change of address filed ('COA', 'NCOA', 'NCOA match', 'Change of address',
# 'Active - COA'): hunter-asks4's leftover 1, found by the lead's session 49, each ordered to the row's
# street, exit 0, where 'NCOA - moved' is a row to fix; the new street given ('Change of address: 5 Oak St')
# too. Not a no ('NCOA: no match', 'No COA'), put right ('COA applied', 'COA - address updated 11/20'), nor
# another thing a COA names ('COA certificate', 'Certificate of Appreciation (COA)', 'COA account 6100')
CHANGE_OF_ADDRESS = [
    "COA", "NCOA", "NCOA match", "Change of address", "change of address filed", "Address change 11/15",
    "Active - COA", "Active (NCOA)", "COA?", "NCOA: Y", "Change of address: 5 Oak St, Salem MA",
    "NCOA - 5 Oak St",
]  # fmt: skip
NO_CHANGE = [
    "NCOA: no match", "No COA", "COA applied", "COA - address updated 11/20", "COA certificate",
    "Certificate of Appreciation (COA)", "COA account 6100", "Chart of accounts (COA) 6100", "NCOA: N",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Status", "Notes"])
def test_a_change_of_address_said_in_a_mail_house_s_words_is_a_row_to_fix(
    tmp_path: Path, header: str
) -> None:
    rows = _rows_to_fix(tmp_path, header, [*CHANGE_OF_ADDRESS, *NO_CHANGE])
    assert rows == list(range(2, 2 + len(CHANGE_OF_ADDRESS))), rows
