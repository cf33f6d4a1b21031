"""A heading between recipients saying no of the rows above it and that those below go ('Already sent the
above; below not yet sent', 'Above: terminated. Below: active'): the rows below are sent, the rows above it
left out (bulkship/load/skipped/aboveapart.py)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from bulkship.load import load_sheet

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value"]
GUS = ["Gus Tan", "9 Elm St", "Quincy", "MA", "02169", "CVS", 25]
DEE = ["Dee Fox", "4 Pine St", "Newton", "MA", "02458", "CVS", 25]
BELOW = [
    ["Ann Lee", "1 Main St", "Boston", "MA", "02108", "CVS", 25],
    ["Bob Ray", "2 Elm St", "Boston", "MA", "02134", "CVS", 25],
    ["Cy Orr", "3 Oak St", "Newton", "MA", "02458", "CVS", 25],
]


def _left_out(path: Path, heading: str) -> list[int]:
    """The rows left out of a list of Gus (row 2), Dee (row 3), ``heading`` (row 4), Ann, Bob, Cy (5-7)."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [HEADER, GUS, DEE, [heading], *BELOW]:
        sheet.append(row)
    book.save(path)
    return sorted(s.row for s in load_sheet(path).skipped)


def test_a_heading_saying_no_of_the_rows_above_and_send_of_those_below_sends_those_below(
    tmp_path: Path,
) -> None:
    """Review48's leftovers, mended by review50: a row of its own 'Already sent the above; below not yet
    sent', 'Above: terminated. Below: active', 'Above: on hold; Below: new, send' left out every person below
    it (Ann, Bob, Cy: the list says send them); 'Above: sent already; below not yet sent', 'Above: do not
    send; Below: active' were a row error and sent Dee right above it (a second card, or one the list said
    not to send). The rows below are sent now; the row right above is left out, every row above where it
    says 'the above' or 'all of the above'; and where its words for the rows below say only 'too', those
    below with it."""
    right_above = ["Above: terminated. Below: active", "Above terminated - below is new",
                   "Above: on hold; Below: new, send", "Above: sent already; below not yet sent",
                   "Above: do not send; Below: active", "^ already sent; below OK"]  # fmt: skip
    all_above = ["Already sent the above; below not yet sent", "All of the above already sent; below is new",
                 "Everything above already sent. Below: send"]  # fmt: skip
    with_below = ["Above: do not send; and everyone below", "Above: do not send; below too"]
    for heading in right_above:
        assert _left_out(tmp_path / "gifts.xlsx", heading) == [3, 4], heading
    for heading in all_above:
        assert _left_out(tmp_path / "gifts.xlsx", heading) == [2, 3, 4], heading
    for heading in with_below:
        assert _left_out(tmp_path / "gifts.xlsx", heading) == [3, 4, 5, 6, 7], heading
