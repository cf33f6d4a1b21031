"""A person's row noted as their old address, the new one on another row of the list ('Moved - see next
row', 'Old address - see new row below'): the old row is left out, the new one sent, one card."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest
from support import embedded_sandbox_orders

from bulkship.load import load_sheet
from bulkship.pipeline import run_batch
from bulkship.settings import resolve_settings

HEADER = ["Name", "Street", "City", "State", "ZIP", "Product", "Amount", "Notes"]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


@pytest.mark.parametrize(
    "note",
    [
        "Moved - see next row",
        "Old address - see new row below",
        "Moved - new address on row 4",
        "Moved - do not send here",
    ],
)
def test_a_row_noted_as_the_old_address_beside_the_new_one_sends_one_card(
    tmp_path: Path, isolated_data_dir: Path, note: str
) -> None:
    """Found by review42 reviewing 8840e457: Ann Lee at 1 Old St, Boston (Notes 'Moved - see next row', or
    'Old address - see new row below', 'Moved - new address on row 4') above her row at 9 New St, Cambridge:
    both ordered, exit 0, two cards, one to where she no longer lives. Her old row is left out now, quoted."""
    sheet = _write(
        tmp_path / "holiday.csv",
        [
            ["Ann Lee", "1 Old St", "Boston", "MA", "02108", "CVS", "25", note],
            ["Bo Ray", "2 Main St", "Boston", "MA", "02108", "CVS", "25", ""],
            ["Ann Lee", "9 New St", "Cambridge", "MA", "02139", "CVS", "25", ""],
        ],
    )
    settings = replace(resolve_settings(), out_dir=tmp_path / "out")
    assert run_batch(sheet, settings, wait_s=0).exit_code == 0
    cards = sorted(
        (li["PhysicalDeliveryAddress"]["Name"], li["PhysicalDeliveryAddress"]["AddressLine1"])
        for o in embedded_sandbox_orders(settings.data_dir)
        for li in o["LineItems"]
    )
    assert cards == [("Ann Lee", "9 New St"), ("Bo Ray", "2 Main St")]


def test_old_address_notes_read_and_the_old_address_noted_on_the_new_row_sent(tmp_path: Path) -> None:
    """The notes pointing to the new row are left out; the new row noting the old address ('Old address: 12
    Elm St', 'Previous address - 5 Oak Ave'), 'Moved', 'Moved 11/1', 'New address', 'Moved up to manager'
    still send."""
    out = ["Moved - see next row", "Old address - see new row", "Moved - see below",
           "See row 9 (new address)", "New address below", "Former address - see next line",
           "Moved to 9 New St (next row)", "Old address", "Moved - do not send here",
           "Old address - do not mail to this address", "Do not mail here - moved"]  # fmt: skip
    sends = ["Old address: 12 Elm St", "Previous address - 5 Oak Ave", "Moved", "Moved 11/1",
             "New address", "New address as of 11/1", "Moved up to manager",
             "Relocated to Austin office"]  # fmt: skip
    notes = [*out, *sends]
    rows = [
        [f"P{i} X", f"{i + 1} Main St", "Boston", "MA", "02108", "CVS", "25", n] for i, n in enumerate(notes)
    ]
    skipped = {s.row for s in load_sheet(_write(tmp_path / "list.csv", rows)).skipped}
    assert [n for row, n in enumerate(notes, start=2) if row in skipped] == out


@pytest.mark.parametrize(
    "note",
    ["Moved - see row below", "Moved - see address below", "Moved - address below",
     "Moved, see updated address below", "Address changed - see line below", "Moved - see entry below"],
)  # fmt: skip
def test_a_row_pointing_at_the_new_address_below_by_its_place_sends_one_card(
    tmp_path: Path, isolated_data_dir: Path, note: str
) -> None:
    """hunter-sends2's leftover (after review42's 3a264eb9), fixed by hunter-sends3: Ann Lee at 1 Old St
    noted 'Moved - see row below' (or 'Moved - see address below', 'Moved - address below', 'Address changed
    - see line below') above her row at 9 New St: both ordered, exit 0, two cards, where 'Moved - see below'
    and 'Moved - see next row' leave the old row out. The other row named by where it is, as a row or as the
    address it holds, is read as 'below' is: her old row is left out, quoted, one card. A list holding the
    old row alone leaves it out all the same, said, not sent to where she no longer lives."""
    rows = [
        ["Ann Lee", "1 Old St", "Boston", "MA", "02108", "CVS", "25", note],
        ["Ann Lee", "9 New St", "Cambridge", "MA", "02139", "CVS", "25", ""],
        ["Bo Ray", "2 Main St", "Boston", "MA", "02108", "CVS", "25", ""],
    ]
    sheet = _write(tmp_path / "holiday.csv", rows)
    settings = replace(resolve_settings(), out_dir=tmp_path / "out")
    assert run_batch(sheet, settings, wait_s=0).exit_code == 0
    cards = sorted(
        (li["PhysicalDeliveryAddress"]["Name"], li["PhysicalDeliveryAddress"]["AddressLine1"])
        for o in embedded_sandbox_orders(settings.data_dir)
        for li in o["LineItems"]
    )
    assert cards == [("Ann Lee", "9 New St"), ("Bo Ray", "2 Main St")]
    alone = load_sheet(_write(tmp_path / "alone.csv", [rows[0], rows[2]])).skipped
    assert [(s.row, s.reason) for s in alone] == [
        (2, f"the list says not to send it (column 'Notes': '{note}')")
    ]


def test_a_note_pointing_at_the_old_address_elsewhere_or_saying_send_here_is_the_new_row_s(
    tmp_path: Path,
) -> None:
    """The other side: the new row's note telling the row above or below is the old one ('Moved - address
    above is old', 'Moved - see row above (old)', 'Moved - old address above'), or saying to send here, and
    a bare 'See row below' (a note to read, not an address) still send."""
    sends = ["Moved - address above is old", "Moved - see row above (old)", "Moved - old address above",
             "Moved; new address above. Send here", "See row below", "Moved up to manager"]  # fmt: skip
    rows = [
        [f"P{i} X", f"{i + 1} Main St", "Boston", "MA", "02108", "CVS", "25", n] for i, n in enumerate(sends)
    ]
    assert not load_sheet(_write(tmp_path / "list.csv", rows)).skipped
