"""A heading between recipients holding the rows below it in words no note's reader holds by ('Below: held
except Cy Orr', 'Below: holding', 'Below: held until 1/15/2027'), or asking of the one it sets apart ('Below:
on hold except Cy Orr?'): the rows under it left out, the one set apart sent or asked
(bulkship/load/skipped/headingapart.py)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from support.headings import ABOVE, BELOW, HEADER, heading_list, validated_heading

from bulkship.load import load_sheet
from bulkship.statuses import NOT_YET_REASON


@pytest.mark.parametrize(
    "heading",
    ["Below: held except Cy Orr", "Below: held, except Cy Orr", "All below: held except Cy Orr",
     "Below: holding except Cy Orr", "Below: all sent except Cy Orr", "Below: held (except Cy Orr)"],
)  # fmt: skip
def test_a_heading_holding_the_rows_below_but_one_sends_him_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """Review73's leftover 1: 'Below: held except Cy Orr' was read as a send but for Cy ('held' is no word
    of a heading's no): Ann and Bob (held) ordered, Cy (the one not held) left out, exit 0; 'Below: all sent
    except Cy Orr' ordered Ann and Bob again. Ann and Bob are left out, Cy sent, as 'Below: on hold except Cy
    Orr' does."""
    assert validated_heading(tmp_path, heading, capsys) == (0, [5, 6, 7], [])


@pytest.mark.parametrize(
    "heading",
    ["Below: holding", "Below: held until 1/15/2027", "Below: paused until 1/15/2027",
     "Below: holding for now", "Everyone below: holding"],
)  # fmt: skip
def test_a_heading_holding_the_rows_below_in_other_words_leaves_them_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """Review73's leftover 1: 'Below: holding', 'Below: held until 1/15/2027' made the heading the only error
    and Ann, Bob and Cy valid (ordered by `run`; all three once the heading was deleted). Left out, as under
    'Below: hold until 1/15/2027'."""
    assert validated_heading(tmp_path, heading, capsys) == (0, [5, 6, 7, 8], [])


@pytest.mark.parametrize(
    "heading",
    ["Below: on hold except Cy Orr?", "Below: held except Cy Orr?", "Below: on hold (except Cy Orr?)"],
)
def test_a_heading_holding_the_rows_below_asking_of_the_one_set_apart_asks_of_him(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """Review73's leftover 2: 'Below: on hold except Cy Orr?' left Cy out with Ann and Bob, nobody asked (a
    '?' anywhere and the heading was read over them all). Ann and Bob are left out, Cy an error asking."""
    assert validated_heading(tmp_path, heading, capsys) == (1, [5, 6, 7], [8])


@pytest.mark.parametrize(
    "heading",
    ["Below: held?", "Below: held? except Cy Orr", "Below: new?", "Below: on hold?",
     "Everyone below: terminated?", "From here down: held?"],
)  # fmt: skip
def test_a_heading_of_the_rows_below_asking_asks_of_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """Hunter-sends18's leftover 4: 'Below: held?', 'Below: new?' (one part, a question) left the heading the
    only error and Ann, Bob and Cy valid (ordered by `run`); 'Below: held? except Cy Orr' sent Ann and Bob;
    'Below: on hold?' left all three out, nobody asked. As in a part of two ('Above: held. Below: new?'),
    each row below is an error asking, Cy set apart from a hold asked of too; the rows above sent."""
    assert validated_heading(tmp_path, heading, capsys) == (1, [5], [6, 7, 8])


def test_a_footnote_under_the_table_is_a_note_with_nobody_under_it(tmp_path: Path) -> None:
    """Review72's footnote (hunter-sends18's leftover 7): '* Amounts per 2026 recognition policy. Status
    codes: A=Active L=Leave T=Terminated D=Deceased' under the last row was said "a heading over rows not to
    send", with no row under it to leave out. It is said a note with no recipient under it; every row above
    sent. So is such a heading with nobody under it ('REMOVED - do not send' last)."""
    note = "* Amounts per 2026 recognition policy. Status codes: A=Active L=Leave T=Terminated D=Deceased"
    for last in (note, "REMOVED - do not send"):
        book = openpyxl.Workbook()
        for row in [HEADER, *ABOVE, *BELOW, [last]]:
            book.active.append(row)
        book.save(tmp_path / "gifts.xlsx")
        skipped = {s.row: s.reason for s in load_sheet(tmp_path / "gifts.xlsx").skipped}
        assert skipped == {8: f"a note, no recipient under it ('{last}')"}, last


def test_a_heading_holding_rows_until_a_day_holds_them_to_it_as_a_note_does(tmp_path: Path) -> None:
    """Hunter-sends18's leftover 6 (the lead's decision): rows under 'Below: hold until 1/15/2027' were left
    out "under the heading", no day kept, where a Notes cell 'Hold until 1/15/2027' holds its row to the day
    (the run says when it goes and counts its money waiting); under 'Below: hold until 11/1/2026' (passed)
    they were left out still, where such a note's row is sent. Each is read as a Notes cell of its side's
    words."""
    ahead, ago = date.today() + timedelta(days=40), date.today() - timedelta(days=40)
    later, passed = f"{ahead.month}/{ahead.day}/{ahead.year}", f"{ago.month}/{ago.day}/{ago.year}"
    for heading in (f"Below: hold until {later}", f"Above: new. Below: on hold until {later}"):
        skipped = {s.row: s for s in load_sheet(heading_list(tmp_path / "gifts.xlsx", heading)).skipped}
        assert sorted(skipped) == [5, 6, 7, 8], heading
        assert {skipped[r].until for r in (6, 7, 8)} == {ahead.isoformat()}, heading
        assert skipped[6].reason == f"{NOT_YET_REASON} (the heading on row 5: '{heading}')"
    heading = f"Above: hold until {later}. Below: new"
    skipped = {s.row: s for s in load_sheet(heading_list(tmp_path / "gifts.xlsx", heading)).skipped}
    assert (sorted(skipped), skipped[2].until) == ([2, 3, 4, 5], ahead.isoformat())
    for heading in (f"Below: hold until {passed}", f"Above: hold until {passed}. Below: new"):
        assert [s.row for s in load_sheet(heading_list(tmp_path / "gifts.xlsx", heading)).skipped] == [5]
    # ... words waiting for no day leave them out as before
    heading = "Below: held until HR confirms"
    assert [s.row for s in load_sheet(heading_list(tmp_path / "gifts.xlsx", heading)).skipped] == [5, 6, 7, 8]


def test_past_the_most_headings_read_to_their_day_rows_are_left_out_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each heading's words read to their day cost ~0.2 s (the notes reader on the days ahead): 40 headings
    each holding till another day took 6.6 s to read. Past heldday.MOST_TEXTS different words (as for Notes
    cells), the rows under the rest are left out as before (said, no day), never sent."""
    monkeypatch.setattr("bulkship.load.skipped.headingdays.MOST_TEXTS", 1)
    ahead = date.today() + timedelta(days=40)
    later = f"{ahead.month}/{ahead.day}/{ahead.year}"
    book = openpyxl.Workbook()
    for row in [HEADER, [f"Hold until {later}"], *ABOVE, [], ["Hold until 12/31/2099"], *BELOW]:
        book.active.append(row)
    book.save(tmp_path / "gifts.xlsx")
    skipped = {s.row: s.until for s in load_sheet(tmp_path / "gifts.xlsx").skipped}
    assert skipped == {2: "", 3: ahead.isoformat(), 4: ahead.isoformat(), 5: ahead.isoformat(), 7: "", 8: "",
                       9: "", 10: ""}  # fmt: skip
