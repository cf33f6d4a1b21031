"""A heading between recipients in two parts, one of the rows above it and one of those below, each its own
decision ('Above: held. Below: on hold', 'Above: all sent Below: do not send'): each side goes as its part
says (bulkship/load/skipped/twoparts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.headings import validated_heading


@pytest.mark.parametrize(
    ("heading", "left_out"),
    [("Above: held. Below: on hold", [2, 3, 4, 5, 6, 7, 8]),
     ("Above: held (Gus not yet). Below: hold", [2, 4, 5, 6, 7, 8]),
     ("Above: held. Below: hold", [2, 3, 4, 5, 6, 7, 8]),
     ("Above: hold. and everyone below", [2, 3, 4, 5, 6, 7, 8]),
     ("Above: held; and all below", [2, 3, 4, 5, 6, 7, 8]),
     ("Above: held Gus not yet. Below: do not send", [2, 4, 5, 6, 7, 8]),
     ("Above: sent. Below: hold", [2, 3, 4, 5, 6, 7, 8]),
     ("Above: held. Below: new", [2, 3, 4, 5])],
)  # fmt: skip
def test_a_bare_hold_in_a_part_of_a_heading_leaves_its_side_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str, left_out: list[int]
) -> None:
    """Hunter-sends16's leftover 1 (the lead's of session 49): 'Above: held. Below: on hold' sent Hal, Gus
    and Dee, exit 0; 'Above: held (Gus not yet). Below: hold' sent Ann, Bob and Cy; 'Above: held. Below:
    hold', 'Above: hold. and everyone below' left the heading the only error (six cards once it was
    deleted); 'Above: held Gus not yet. Below: do not send' sent Hal and Dee. A bare hold ('held', 'hold')
    was read as nothing. Each part is read alone: held is held, Gus (not yet) sent."""
    assert validated_heading(tmp_path, heading, capsys) == (0, left_out, [])


@pytest.mark.parametrize(
    ("heading", "left_out"),
    [("Above: all mailed except Gus Everyone below: new", [2, 4, 5]),
     ("Above: all sent Below: do not send", [2, 3, 4, 5, 6, 7, 8]),
     ("Above: all sent but not Gus Below: new", [2, 4, 5]),
     ("Below: new. Above: all sent except Gus", [2, 4, 5]),
     ("Above: new except Gus. Below: on hold", [3, 5, 6, 7, 8]),
     ("Above: sent already. Below: hold except Cy Orr", [2, 3, 4, 5, 6, 7])],
)  # fmt: skip
def test_a_label_for_the_rows_below_with_no_mark_before_it_opens_their_part(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str, left_out: list[int]
) -> None:
    """Hunter-sends16's leftover 2: 'Above: all mailed except Gus Everyone below: new' (no mark before the
    label for the rows below) left Gus, the one still to send, out and ordered Hal and Dee again, exit 0;
    'Above: all sent Below: do not send' ordered Hal and Gus again, exit 0. The label opens the part of the
    rows below wherever it stands; each part is read alone, the one it names apart the other way."""
    assert validated_heading(tmp_path, heading, capsys) == (0, left_out, [])


@pytest.mark.parametrize(
    ("heading", "left_out"),
    [("Above and below: hold", [2, 3, 4, 5, 6, 7, 8]),
     ("Held: above and below", [2, 3, 4, 5, 6, 7, 8]),
     ("Above and below: hold until 1/15/2027", [2, 3, 4, 5, 6, 7, 8]),
     ("Above: new. Below: hold until 1/15/2027", [5, 6, 7, 8]),
     ("Above: held until HR confirms. Below: new", [2, 3, 4, 5]),
     ("Above held. Below on hold", [2, 3, 4, 5, 6, 7, 8]),
     ("Above: paused. Below: new", [2, 3, 4, 5]),
     ("Above: held. Below: held too", [2, 3, 4, 5, 6, 7, 8]),
     ("Above: held. Below: same", [2, 3, 4, 5, 6, 7, 8]),
     ("Above: all held but Gus. Below: hold", [2, 4, 5, 6, 7, 8])],
)  # fmt: skip
def test_a_part_holding_its_side_in_other_words_leaves_it_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str, left_out: list[int]
) -> None:
    """Found by hunter-sends17 hunting the family of the lead's leftover 1: 'Above and below: hold' and 'Above
    and below: hold until 1/15/2027' sent Hal, Gus and Dee, exit 0; 'Above: new. Below: hold until
    1/15/2027' sent Ann, Bob and Cy; 'Above held. Below on hold' (no colons) sent Hal, Gus and Dee; 'Held:
    above and below', 'Above: held. Below: held too', '... Below: same' left the heading the only error (all
    six sent once it was deleted); 'Above: paused. Below: new' the same for Hal, Gus and Dee. Each part is its
    side's: a hold till a day or a check leaves its side out as 'Below: hold until 1/15/2027' always did, a
    no in a note's words ('paused') is a no, 'too' and 'same' say the other side's, and one label may hold
    both sides."""
    assert validated_heading(tmp_path, heading, capsys) == (0, left_out, [])


@pytest.mark.parametrize(
    ("heading", "left_out", "asked"),
    [("Above: sent except Gus (moved). Below: hold", [2, 4, 5, 6, 7, 8], [3]),
     ("Above: all sent except Gus (terminated). Below: on hold", [2, 3, 4, 5, 6, 7, 8], [])],
)  # fmt: skip
def test_a_part_saying_more_of_the_one_it_names_asks_of_him_and_holds_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str, left_out: list[int], asked: list[int]
) -> None:
    """Found by hunter-sends17: 'Above: sent except Gus (moved). Below: hold' ordered Hal and Dee again and
    Ann, Bob and Cy, the rows held, Gus asked, exit 0 once he was answered: a part saying more of the one it
    sets apart was left to the readers of the whole heading, which read a hold as nothing. Gus is asked; the
    rest of each side goes as its part says; a no of his own
    ('(terminated)') leaves him out with it."""
    code, out, errors = validated_heading(tmp_path, heading, capsys)
    assert (out, errors) == (left_out, asked)
    assert code == (1 if asked else 0)


@pytest.mark.parametrize(
    "heading",
    ["Above: sent | Below: new", "Above this line: held. Below this line: new", "Above: held >> Below: new"],
)
def test_labels_of_a_line_or_a_bar_between_the_parts_part_the_heading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """Found by hunter-sends17: 'Above: sent | Below: new' and 'Above this line: held. Below this line: new'
    left the heading the only error, and Hal, Gus and Dee were ordered (again) once it was deleted: a bar
    was read as a word of the part, and 'this line' as no label. Hal, Gus and Dee are left out, Ann, Bob and
    Cy sent."""
    assert validated_heading(tmp_path, heading, capsys) == (0, [2, 3, 4, 5], [])


@pytest.mark.parametrize(
    "heading",
    ["Before this line: sent; after this line: new", "Up to here: sent / From here: new",
     "Previous rows: sent. Following rows: new", "Sent (above) / New (below)",
     "After this line: new. Before this line: held", "Rows before this line: sent. Rows after this line: new",
     "Earlier rows: mailed 11/20. Next rows: new"],
)  # fmt: skip
def test_labels_in_other_words_for_the_line_part_the_heading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """The lead's leftover 1 of session 50: 'Before this line: sent; after this line: new', 'Up to here: sent
    / From here: new', 'Previous rows: sent. Following rows: new', 'Sent (above) / New (below)' left the
    heading the only error, Hal, Gus and Dee valid (ordered again by `run`; all six once it was deleted).
    Labels for the line other than above/below part the heading as those do: Hal, Gus and Dee left out."""
    assert validated_heading(tmp_path, heading, capsys) == (0, [2, 3, 4, 5], [])


@pytest.mark.parametrize(
    ("heading", "left_out"),
    [("Above: held by HR. Below: new", [2, 3, 4, 5]), ("Above: held 11/20. Below: new", [2, 3, 4, 5]),
     ("Above: held (all). Below: hold (all)", [2, 3, 4, 5, 6, 7, 8])],
)  # fmt: skip
def test_a_hold_with_its_day_or_who_said_it_after_it_holds_its_side(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str, left_out: list[int]
) -> None:
    """Found by hunter-sends17: 'Above: held by HR. Below: new', 'Above: held 11/20. Below: new' and 'Above:
    held (all). Below: hold (all)' left the heading the only error: deleted, Hal, Gus and Dee (or all six),
    held, were ordered. A day or who said it after a part's no, or '(all)', says no more than the no."""
    assert validated_heading(tmp_path, heading, capsys) == (0, left_out, [])


@pytest.mark.parametrize(
    "heading", ["Above: held - Gus TBD. Below: hold", "Above: held (Gus: check address). Below: hold"]
)
def test_a_part_going_on_of_one_it_names_after_its_no_asks_of_him_and_holds_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """Found by hunter-sends17 (its leftover while landing 785dfaf5): 'Above: held - Gus TBD. Below: hold'
    ordered Ann, Bob and Cy, held; Gus asked, Hal and Dee left out. A piece after the part's own no naming
    someone (after a dash, in a bracket) asks of him; the part's no holds the rest, and the rows below hold.
    (Not where the name opens the part, 'Above: Gus - sent already', of him alone.)"""
    code, out, errors = validated_heading(tmp_path, heading, capsys)
    assert (code, out, errors) == (1, [2, 4, 5, 6, 7, 8], [3])


@pytest.mark.parametrize(
    ("heading", "left_out", "asked"),
    [("Above: hold. Below: hold, Gus too", [2, 3, 4, 5, 6, 7, 8], []),
     ("Above: held. Below: on hold (Gus Tan too)", [2, 3, 4, 5, 6, 7, 8], []),
     ("Above: hold, Cy Orr too. Below: held", [2, 3, 4, 5, 6, 7, 8], []),
     ("Above: hold per Ann Lee. Below: new", [2, 3, 4, 5], [6]),
     ("Above: held by Cy Orr. Below: new", [2, 3, 4, 5], [8])],
)  # fmt: skip
def test_a_part_naming_one_added_or_who_said_it_holds_its_side(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    heading: str,
    left_out: list[int],
    asked: list[int],
) -> None:
    """Hunter-sends17's leftovers 2 and 4: 'Above: hold. Below: hold, Gus too' (Gus above) left Hal, Dee,
    Ann, Bob and Cy valid (ordered by `run`), Gus and the heading errors; 'Above: hold per Ann Lee. Below:
    new' left Hal, Gus and Dee valid. A part read with the name went to the readers of the whole. Now the one
    added is left out with the rest where both parts say no, and the one who said it is no word of its part
    (her own row asked, as before); Hal, Gus and Dee held."""
    code, out, errors = validated_heading(tmp_path, heading, capsys)
    assert (code, out, errors) == (1 if asked else 0, left_out, asked)


@pytest.mark.parametrize(
    ("heading", "left_out", "asked"),
    [("Above: new. Below: hold, Gus too", [3, 5, 6, 7, 8], []),
     ("Below: held, Gus too. Above: OK to send", [3, 5, 6, 7, 8], []),
     ("Above: held, Cy Orr too. Below: new", [2, 3, 4, 5, 8], []),
     ("Above: held. Below: new, Gus too", [2, 4, 5], [3]),
     ("Above: hold per Ann Lee. Below: new, Gus too", [2, 4, 5], [3, 6]),
     ("Above: new, Cy Orr too. Below: hold", [5, 6, 7], [8])],
)  # fmt: skip
def test_one_added_across_the_line_goes_as_his_part_says(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    heading: str,
    left_out: list[int],
    asked: list[int],
) -> None:
    """Hunter-sends18's leftover 1: 'Above: new. Below: hold, Gus too' (Gus above) left Ann, Bob and Cy, held,
    valid (`run` ordered them, Gus and the heading the errors); 'Above: held. Below: new, Gus too' left Hal
    and Dee, held, valid. Only where both parts said no was the one added read. Now each side goes as its
    part says; the one added to a no is left out wherever he stands, the one added to a send from a side held
    asked (which is he?), and a name beside who said it ('per Ann Lee') is asked too, not lost."""
    code, out, errors = validated_heading(tmp_path, heading, capsys)
    assert (code, out, errors) == (1 if asked else 0, left_out, asked)


@pytest.mark.parametrize(
    ("heading", "left_out"),
    [("Sent already (except Dee) Below: new", [2, 3, 5]),
     ("Sent already. Below: new", [2, 3, 4, 5]),
     ("Held. Below: new", [2, 3, 4, 5]),
     ("Sent already except Dee. Below: new", [2, 3, 5]),
     ("Sent already (except Dee) Below: held", [2, 3, 5, 6, 7, 8]),
     ("Terminated. Below: new", [2, 3, 4, 5]),
     ("New. Below: held", [5, 6, 7, 8])],
)  # fmt: skip
def test_words_with_no_label_before_the_label_of_the_rows_below_are_of_the_rows_above(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str, left_out: list[int]
) -> None:
    """Hunter-sends18's leftover 2: 'Sent already (except Dee) Below: new' left Dee (the one still to send)
    out and Hal and Gus valid (second cards); 'Sent already. Below: new', 'Held. Below: new' left Ann, Bob and
    Cy, new, out and sent Hal, Gus and Dee again: read as a heading over the rows under it. Words with no
    label before the label of one side are of the other side, as 'Sent already? Below: new' was read."""
    assert validated_heading(tmp_path, heading, capsys) == (0, left_out, [])


@pytest.mark.parametrize(
    ("heading", "left_out", "asked"),
    [("Above: new. Below: hold, Gus and Dee too", [3, 4, 5, 6, 7, 8], []),
     ("Above: held. Below: new (Gus and Dee too)", [2, 5], [3, 4]),
     ("Above: sent. Below: new, Gus and Dee too", [2, 5], [3, 4])],
)  # fmt: skip
def test_two_added_across_the_line_go_as_their_part_says(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    heading: str,
    left_out: list[int],
    asked: list[int],
) -> None:
    """Found by hunter-sends19 probing the family: 'Above: new. Below: hold, Gus and Dee too' sent Ann, Bob
    and Cy, held (the two names added were read as words of the part, and the heading went to the readers of
    the whole); 'Above: held. Below: new (Gus and Dee too)' sent Hal, held. Two added go as one added does."""
    code, out, errors = validated_heading(tmp_path, heading, capsys)
    assert (code, out, errors) == (1 if asked else 0, left_out, asked)


@pytest.mark.parametrize(
    "heading",
    ["Above: held, Cy Orr too", "Above: held. Cy Orr too", "Previous rows: held, Cy Orr too",
     "Above: sent already, Cy Orr too", "Above: on hold (Cy Orr too)", "Above: held and Cy Orr too",
     "Above: do not send, Cy Orr as well"],
)  # fmt: skip
def test_one_added_to_a_heading_of_one_part_goes_with_the_rows_above(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """Hunter-sends19's leftover 0: only headings of two parts read the one added with 'too'. 'Above: held, Cy
    Orr too' sent Hal, Gus and Dee, held (Cy the error); 'Above: sent already, Cy Orr too' sent Hal and Gus a
    second card and left Dee, Ann and Bob out, nobody asked. Now the rows above go as the words say, Cy with
    them; Ann and Bob, of whom it says nothing, are sent."""
    code, out, errors = validated_heading(tmp_path, heading, capsys)
    assert (code, out, errors) == (0, [2, 3, 4, 5, 8], [])


@pytest.mark.parametrize(
    ("heading", "left_out"),
    [("Above: held (also Cy Orr)", [2, 3, 4, 5, 8]), ("Above: sent already (also Cy Orr)", [2, 3, 4, 5, 8]),
     ("Above: held; also Cy Orr", [2, 3, 4, 5, 8]), ("Above: held, plus Cy Orr", [2, 3, 4, 5, 8]),
     ("Above: held + Cy Orr", [2, 3, 4, 5, 8]), ("Above: held, as well as Cy Orr", [2, 3, 4, 5, 8]),
     ("Above: held (incl. Cy Orr)", [2, 3, 4, 5, 8]), ("Above: held, including Cy Orr", [2, 3, 4, 5, 8]),
     ("Above: held, Ann & Cy too", [2, 3, 4, 5, 6, 8])],
)  # fmt: skip
def test_one_added_before_his_name_goes_with_the_rows_above(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str, left_out: list[int]
) -> None:
    """Hunter-sends19's leftover (found again by hunter-sends20): a name added with words before it, not
    'too' after it, was read as nothing. 'Above: sent already (also Cy Orr)' sent Hal and Gus a second card
    and left Dee, Ann, Bob and Cy out, exit 0; 'Above: held (also Cy Orr)', 'Above: held + Cy Orr', '(incl.
    Cy Orr)' left the heading the only error (deleted, all six ordered); 'Above: held, plus Cy Orr' asked of
    Cy alone, Hal, Gus and Dee, held, sent once he was answered; 'Ann & Cy too' the same. Each goes as 'Above:
    held, Cy Orr too' does: the rows above and the ones added left out, the others below sent."""
    assert validated_heading(tmp_path, heading, capsys) == (0, left_out, [])


@pytest.mark.parametrize("heading", ["Below: held (also Gus)", "Below: hold + Gus", "Below: hold, Gus too"])
def test_one_added_from_above_to_a_heading_of_the_rows_below_is_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """Found by hunter-sends20: 'Below: held (also Gus)' and 'Below: hold + Gus' under Hal, Gus and Dee left
    Ann, Bob and Cy out and sent Gus, unasked, exit 0, where 'Below: hold, Gus too' asks of him. He is
    asked."""
    assert validated_heading(tmp_path, heading, capsys) == (1, [5, 6, 7, 8], [3])


@pytest.mark.parametrize(
    ("heading", "left_out"),
    [("Above: sent except Gus Tan | Below: not yet sent", [2, 4, 5]),
     ("Above: sent except Gus Tan / Below: not yet sent", [2, 4, 5]),
     ("All above: already sent other than Gus | Below: not yet sent", [2, 4, 5]),
     ("Above - already sent (also Cy Orr); Below - not yet sent", [2, 3, 4, 5, 8]),
     ("Above - do not send | Rows below: not yet sent", [2, 3, 4, 5]),
     ("Above: sent | Below: unsent", [2, 3, 4, 5])],
)  # fmt: skip
def test_rows_below_said_not_yet_sent_are_sent_and_the_rows_above_go_as_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str, left_out: list[int]
) -> None:
    """Hunter-sends20's leftover 1: a part saying the rows below are 'not yet sent' was read as someone 'not
    yet' set apart (the 'yet' of 'Gus not yet') and as a no (its 'sent'), so the heading was read otherwise:
    'Above: sent except Gus Tan | Below: not yet sent' left Gus out and sent Hal and Dee a second card, exit
    0; 'Above - already sent (also Cy Orr); Below - not yet sent' sent Hal and Gus again; 'Above - do not send
    | Rows below: not yet sent' left Ann, Bob and Cy out, and sent Hal and Gus. Words of a send alone are a
    send: the rows below sent, the rows above as their part says."""
    assert validated_heading(tmp_path, heading, capsys) == (0, left_out, [])
