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


def _left_out(path: Path, heading: str, above: tuple[list[object], ...] = (GUS, DEE)) -> list[int]:
    """The rows left out of a list of Gus (row 2), Dee (row 3), ``heading`` (row 4), Ann, Bob, Cy (5-7); or
    of the people ``above`` and the rest one row further down for each more."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [HEADER, *above, [heading], *BELOW]:
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
    right_above = ["^ already sent; below OK", "Row above: terminated. Below: active"]
    # 'Above' set against 'Below' cuts the list in two: every row above (hunter-sends8; these five left out
    # the row right above alone, [3, 4], and Gus was ordered: see the test below)
    all_above = ["Already sent the above; below not yet sent", "All of the above already sent; below is new",
                 "Everything above already sent. Below: send", "Above: terminated. Below: active",
                 "Above terminated - below is new", "Above: on hold; Below: new, send",
                 "Above: sent already; below not yet sent", "Above: do not send; Below: active"]  # fmt: skip
    with_below = ["Above: do not send; and everyone below", "Above: do not send; below too"]
    for heading in right_above:
        assert _left_out(tmp_path / "gifts.xlsx", heading) == [3, 4], heading
    for heading in all_above:
        assert _left_out(tmp_path / "gifts.xlsx", heading) == [2, 3, 4], heading
    for heading in with_below:  # (Gus too: 'Above' is every row above; [3, 4, 5, 6, 7] before hunter-sends8)
        assert _left_out(tmp_path / "gifts.xlsx", heading) == [2, 3, 4, 5, 6, 7], heading


def test_a_heading_cutting_the_list_in_two_leaves_out_every_row_above_it(tmp_path: Path) -> None:
    """Found by hunter-sends7 (its item 3), fixed by hunter-sends8: a row of its own 'Above: sent already.
    Below: new, send' between the people sent last time and the new ones left out only the row right above
    it: Gus, two rows up, was ordered again, exit 0 (a second card). 'Above' set against 'Below' cuts the
    list in two: every row above it is left out, up to a blank row or another heading; a heading pointing at
    one row ('^ sent already', 'The row right above: deceased') still leaves out that row alone."""
    for heading in ["Above: sent already. Below: new, send", "Above: sent already - below: to send",
                    "Above: terminated; below: active"]:  # fmt: skip
        assert _left_out(tmp_path / "gifts.xlsx", heading) == [2, 3, 4], heading
    for heading in ["^ sent already. Below: new, send", "The row right above: deceased. Below: active"]:
        assert _left_out(tmp_path / "gifts.xlsx", heading) == [3, 4], heading


def test_a_heading_cutting_the_list_in_two_but_setting_some_above_apart_leaves_out_no_more(
    tmp_path: Path,
) -> None:
    """Found by review52 after c611e781: a heading whose words for the rows above set some apart, name
    someone, count them or ask ('Above: sent already except Gus', '(Gus not yet)', 'Above: Dee terminated',
    'Above: some sent already', 'Above: sent already?') left out Gus too, whom it says to send or does not
    name. Those read as before: the row right above alone (Dee), Gus not left out."""
    apart = ["Above: sent already except Gus. Below: new", "Above: sent already (Gus not yet). Below: new",
             "Above: sent already - Gus still to send. Below: new", "Above: Dee terminated. Below: active",
             "Above: sent already except the first. Below: new", "Above: some sent already. Below: new",
             "Above: most sent already. Below: send", "Above: sent already? Below: new",
             "Above: 1 terminated, rest sent already. Below: new"]  # fmt: skip
    for heading in apart:
        assert 2 not in _left_out(tmp_path / "gifts.xlsx", heading), heading


def test_a_heading_whose_words_for_the_rows_above_go_on_after_a_dash_sends_the_rows_below(
    tmp_path: Path,
) -> None:
    """Review52's leftover, fixed by review54: 'Above: Dee Fox - terminated; below: new, send', 'Above (Dee):
    do not send. Below: send', 'Above: 1 terminated, rest sent already. Below: new' left out Ann, Bob and Cy
    under it, every person it says to send ([3, 4, 5, 6, 7]): its words after the dash, the bracket or the
    comma were read as said of the rows below. A sentence pointing up alone is of the rows above: Dee (or
    every row above, where it names no one) is left out, the rows below sent."""
    named = ["Above: Dee Fox - terminated; below: new, send", "Above (Dee): do not send. Below: send",
             "Above: 1 terminated, rest sent already. Below: new",
             "Above: Dee Fox, terminated. Below: new hires",
             "Dee Fox above - terminated; below: new, send"]  # fmt: skip
    every = ["Above: do not send - terminated. Below: send", "Above: deceased, do not send. Below: send",
             "Above: on hold - pending approval. Below: OK to send"]  # fmt: skip
    for heading in named:
        assert _left_out(tmp_path / "gifts.xlsx", heading) == [3, 4], heading
    for heading in every:
        assert _left_out(tmp_path / "gifts.xlsx", heading) == [2, 3, 4], heading


HAL = ["Hal Moe", "7 Elm St", "Quincy", "MA", "02169", "CVS", 25]


def test_a_heading_setting_someone_apart_reads_the_rest_of_its_words(tmp_path: Path) -> None:
    """The lead's leftover 1 (found by review52): 'Above: sent already (except Gus). Below: send' under Hal,
    Gus and Dee left out Gus and ordered Hal and Dee again (a second card each): the person set apart was
    read as the one row to hold, from a no of the rows above. And the words of the heading's other part went
    with its 'except': 'Above: sent already. Below: new, except Cy Orr (terminated)' ordered Hal, Gus and Dee
    again; 'Above: OK to send except Gus (terminated). Below: on hold' ordered Ann, Bob and Cy. Set apart
    from a no, a person is sent and every other row above left out; set apart from a send, left out; and the
    rest of the heading is read as without them."""
    three = (HAL, GUS, DEE)  # rows 2-4, the heading row 5, Ann, Bob, Cy 6-8
    for heading in ["Above: sent already (except Gus). Below: send",
                    "Above: sent already except Gus Tan; below: new",
                    "Already sent the above except Gus; below not yet sent",
                    "Above: terminated except Gus. Below: active"]:  # fmt: skip
        assert _left_out(tmp_path / "gifts.xlsx", heading, three) == [2, 4, 5], heading
    heading = "Above: sent already. Below: new, except Cy Orr (terminated)"
    assert _left_out(tmp_path / "gifts.xlsx", heading, three) == [2, 3, 4, 5, 8]
    heading = "Above: OK to send except Gus (terminated). Below: on hold"
    assert _left_out(tmp_path / "gifts.xlsx", heading, three) == [3, 5, 6, 7, 8]


def test_a_heading_saying_the_cards_above_went_leaves_out_every_row_above(tmp_path: Path) -> None:
    """The lead's leftover 1 (hunter-sends8's item 5, review54's finding): 'Above: all sent except Gus Tan.
    Below: new, send' under Hal, Gus and Dee ordered Hal and Dee again and left Gus out; 'Above: all sent.
    Below: new, send', 'Sent already above; below new', 'Above: sent 11/20. Below: new' were read as nothing
    (the heading row an error; deleted, every row above ordered again), and 'Above - sent already; below -
    new' ordered them all again, exit 0. Words for the rows above saying their cards went ('all sent', 'sent
    11/20', 'mailed') leave them out; asked or to come ('sent?', 'to be sent') they do not."""
    three = (HAL, GUS, DEE)  # rows 2-4, the heading row 5, Ann, Bob, Cy 6-8
    assert _left_out(tmp_path / "gifts.xlsx", "Above: all sent except Gus Tan. Below: new, send", three) == [
        2,
        4,
        5,
    ]
    for heading in ["Above: all sent. Below: new, send", "Sent already above; below new",
                    "Above: sent 11/20. Below: new", "Above - sent already; below - new",
                    "Above: mailed 11/20. Below: new"]:  # fmt: skip
        assert _left_out(tmp_path / "gifts.xlsx", heading, three) == [2, 3, 4, 5], heading
    for heading in ["Above: sent? Below: new", "Above: to be sent. Below: new"]:
        assert not {2, 3} & set(_left_out(tmp_path / "gifts.xlsx", heading, three)), heading
