"""A heading between recipients pointing up alone, no word of the rows below ('Above: all sent except Gus
Tan', 'Above: sent already except Gus'): its words are of the rows above it, every one of them up to a blank
row or another heading where it sets someone apart (bulkship/load/skipped/headingapart.py), or where it says
their cards went or that they are not to be sent, naming and counting none (upalone.py)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from support.headings import heading_list, validated_heading

from bulkship.load import load_sheet


def _left_out(path: Path, heading: str) -> list[int]:
    """The rows left out of a list of Hal, Gus, Dee (rows 2-4), ``heading`` (row 5), Ann, Bob, Cy (6-8)."""
    return sorted(s.row for s in load_sheet(heading_list(path, heading)).skipped)


def test_a_heading_of_the_rows_above_alone_setting_someone_apart_leaves_out_the_rest_above(
    tmp_path: Path,
) -> None:
    """Found by hunter-sends10 (its item 1), fixed by hunter-sends11: a row of its own 'Above: all sent
    except Gus Tan' under Hal, Gus and Dee left out Gus alone and ordered Hal and Dee again (a second card
    each), exit 0; 'Above: sent already except Gus' ordered Hal again and left out Ann, Bob and Cy below it;
    'Above: terminated except Gus' sent Hal and left out Ann, Bob and Cy. Its words are of the rows above:
    every one of them is left out but the person it sets apart, who is sent, as are the rows below."""
    for heading in ["Above: all sent except Gus Tan", "Above: sent already except Gus",
                    "Above: terminated except Gus", "All above sent except Gus Tan",
                    "Above: all sent (except Gus Tan)", "Above: do not send, except Gus Tan",
                    "All of the above already sent except Gus Tan"]:  # fmt: skip
        assert _left_out(tmp_path / "gifts.xlsx", heading) == [2, 4, 5], heading
    # ... and where its words apart say no of the one it names too, every row above
    assert _left_out(tmp_path / "gifts.xlsx", "Above: all sent except Gus (terminated)") == [2, 3, 4, 5]
    # a send but for the named, as before: Gus alone
    assert _left_out(tmp_path / "gifts.xlsx", "Above: OK to send except Gus") == [3, 5]


def test_a_heading_of_the_rows_above_alone_saying_nobody_or_held_but_the_named(tmp_path: Path) -> None:
    """Found by review57 checking a0b6ad2d: 'Above: no one terminated except Gus' (Gus alone terminated)
    left out Hal and Dee and sent Gus; 'Above: held except Gus', 'Above: hold all except Gus' left out Gus
    alone and ordered Hal and Dee, whom it holds. Nobody but the named: those alone are left out; held but
    the named: every other row above."""
    for heading in ["Above: no one terminated except Gus", "Above: nobody sent except Gus Tan"]:
        assert _left_out(tmp_path / "gifts.xlsx", heading) == [3, 5], heading
    for heading in ["Above: held except Gus", "Above: hold all except Gus", "Above: all on hold except Gus"]:
        assert _left_out(tmp_path / "gifts.xlsx", heading) == [2, 4, 5], heading


def test_a_heading_saying_the_cards_above_went_leaves_out_every_row_above_and_none_below(
    tmp_path: Path,
) -> None:
    """Found by review61 (its Found 1), fixed by hunter-sends13: a row of its own under Hal, Gus and Dee
    saying 'Above: all sent already' (or 'Above: cards sent already', '^ all sent already', 'Above: all
    terminated', 'Above: all on hold') left out Dee and Ann, Bob and Cy under it, and ordered Hal and Gus
    again, exit 0; 'Above: all sent', 'Above: all mailed 11/20', 'All sent above' ordered Hal, Gus and Dee
    again (the heading's row an error of its own); 'Above: sent already', 'Above: do not send' made Dee an
    error and ordered Hal and Gus again. Read as 'Above: sent already. Below: new' is: every row above it
    left out, the rows below sent."""
    headings = [
        "Above: all sent already", "Above: cards sent already", "^ all sent already",
        "Above - all sent already", "Above: all terminated", "Above: all on hold", "Above: all sent",
        "Above: all mailed 11/20",
        "All sent above", "Sent already above", "Above: sent already", "Above: already sent", "Above: sent",
        "Above: mailed 11/20", "Above: shipped in November", "Above: do not send", "Above: on hold",
        "Above: sent already - do not resend",
    ]  # fmt: skip
    for heading in headings:
        assert _left_out(tmp_path / "gifts.xlsx", heading) == [2, 3, 4, 5], heading
    # naming the one it speaks of, or words of the person alone: a note about the row right above, as before
    for heading in ["Above: Dee sent already", "Above: Dee Fox - sent already", "Above: left company"]:
        assert _left_out(tmp_path / "gifts.xlsx", heading) == [5], heading


def _validated(tmp_path: Path, heading: str) -> tuple[list[int], list[int]]:
    """The rows validate leaves out and the rows it makes errors, of the list of :func:`_left_out`."""
    from bulkship.cli import main

    _left_out(tmp_path / "gifts.xlsx", heading)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["validate", str(tmp_path / "gifts.xlsx"), "--json", "--out", str(tmp_path / "out")])
    data = json.loads(out.getvalue())
    errors = sorted({p["row"] for p in data["problems"] if p["severity"] == "error"})
    return sorted(s["row"] for s in data["skipped"]), errors


def test_a_heading_saying_the_cards_above_went_but_naming_one_leaves_out_the_others(tmp_path: Path) -> None:
    """Review61's Found 1, fixed by hunter-sends13: under Hal, Gus and Dee, 'Above: sent already - Gus still
    has not been sent' ordered Hal again and left out Dee and Ann, Bob and Cy under it, Gus an error (a
    second card, three people dropped); 'Above: all sent - Gus still at old address' ordered all three again;
    'Above: sent - Gus still pending. Below: new', 'Above: terminated - Gus still employed' ordered Hal
    (again, or terminated); 'Above: sent already - Gus not yet - send now' ordered Hal and Dee again. Every
    row above but the one it names is left out, the rows below sent; he is sent where his words say he is
    still to send, left out where they say no, an error asking otherwise."""
    spared = ["Above: sent already - Gus still has not been sent",
              "Above: sent already - Gus hasn't been sent yet",
              "Above: sent already - Gus not yet - send now",
              "Above: sent already. Gus still has not been sent. Below: new"]  # fmt: skip
    for heading in spared:
        assert _validated(tmp_path, heading) == ([2, 4, 5], []), heading
    asked = ["Above: all sent - Gus still at old address", "Above: sent - Gus still pending. Below: new",
             "Above: terminated - Gus still employed"]  # fmt: skip
    for heading in asked:
        assert _validated(tmp_path, heading) == ([2, 4, 5], [3]), heading
    for heading in ["Above: sent already - Gus terminated too", "Above: sent already - Gus Tan: do not send"]:
        assert _validated(tmp_path, heading) == ([2, 3, 4, 5], []), heading


def test_a_heading_saying_the_cards_above_went_asking_of_the_one_it_names_leaves_out_the_others(
    tmp_path: Path,
) -> None:
    """Review60's leftover (hunter-sends12's item 10), fixed by hunter-sends13 after 69fa27e8: 'Above: sent
    already - Gus still to send? check' (or '... - Gus not yet?', 'Above: all sent - Gus still to send?',
    'Above: sent already. Gus?') under Hal, Gus and Dee ordered Hal and Dee again (Gus and the heading's row
    errors; 'all sent - ...' ordered all three): a question asked of the one it names made the whole heading
    a question. It asks of him alone: he is an error asking, the other rows above left out."""
    for heading in ["Above: sent already - Gus still to send? check", "Above: sent already - Gus not yet?",
                    "Above: all sent - Gus still to send?", "Above: sent already. Gus?"]:  # fmt: skip
        assert _validated(tmp_path, heading) == ([2, 4, 5], [3]), heading


def test_a_heading_asking_of_the_one_it_names_then_below_leaves_out_the_others(tmp_path: Path) -> None:
    """Found by review64 after the close (the lead's mend): 'Above: sent already - Dee not yet? Below: new'
    ordered Hal and Gus again, exit 0 (a heading ending its question with no full stop before 'Below' was read
    as one sentence holding the rows below, so as nothing of the rows above but the nearest); '... - Gus not
    yet? Below: new' and '... - Gus? Below: new' ordered Hal again. The one it names is asked, the other rows
    above left out, the rows below sent."""
    assert _validated(tmp_path, "Above: sent already - Dee not yet? Below: new") == ([2, 3, 5], [4])
    for heading in ["Above: sent already - Gus not yet? Below: new", "Above: sent already - Gus? Below: new",
                    "Above: all sent - Gus still to send? Below: new"]:  # fmt: skip
        assert _validated(tmp_path, heading) == ([2, 4, 5], [3]), heading


def test_a_heading_asking_of_the_rows_above_makes_each_an_error_asking(tmp_path: Path) -> None:
    """Review65's and review66's A, hunter-sends13's items 2 and 5 (fixed by hunter-sends14): under Hal,
    Gus and Dee, 'Above: sent already? Below: new' and 'Above: on hold? Below: send' left out Dee alone and
    ordered Hal and Gus, exit 0 (where the heading may say their cards went: a second card each); 'Above:
    sent? Below: new' ordered all three, the heading's row an error; 'Above: some sent already' ordered Hal
    and Gus and left out Dee and Ann, Bob and Cy below it, of whom it says nothing; 'Sent already? Below:
    new' left out Ann, Bob and Cy, the new ones. Each row above is an error asking now, the rows below read
    by its words for them; the one it names asked, the others left out, where its question closes a bracket
    or comes right before 'Below'; a question to the reader ('Questions? Call HR') asks nothing of them."""
    asked = ["Above: sent already? Below: new", "Above: on hold? Below: send", "Above: sent? Below: new",
             "Above: some sent already", "Above: some sent already. Below: new",
             "Sent already? Below: new"]  # fmt: skip
    for heading in asked:
        assert _validated(tmp_path, heading) == ([5], [2, 3, 4]), heading
    assert _validated(tmp_path, "Above: sent already? Below: sent already") == ([5, 6, 7, 8], [2, 3, 4])
    for heading in [
        "Above: sent already (Dee not yet?) Below: new",
        "Above: sent already - Dee not yet?Below: new",
    ]:
        assert _validated(tmp_path, heading) == ([2, 3, 5], [4]), heading
    assert _validated(tmp_path, "Above: sent. Questions? Call HR. Below: new") == ([2, 3, 4, 5], [])


def test_a_heading_saying_the_cards_above_went_with_more_unclear_asks_of_each(tmp_path: Path) -> None:
    """hunter-sends13's items 5 and 8 and review64's Found 4 (fixed by hunter-sends14): under Hal, Gus and
    Dee, 'Above: sent - moved' ordered Hal and Gus again, exit 0, Dee an error; 'Above: all sent - moved',
    'Above: done', 'Above: completed' ordered all three, the heading's row an error (deleted, all three went
    again); 'Above: all mailed except Gus? check' sent Gus, whom it asks of. Each row above is an error asking
    now; the one asked of apart is, the others left out."""
    for heading in ["Above: sent - moved", "Above: all sent - moved", "Above: done", "Above: completed"]:
        assert _validated(tmp_path, heading) == ([5], [2, 3, 4]), heading
    for heading in ["Above: all mailed except Gus? check", "Above: all mailed except Gus?"]:
        assert _validated(tmp_path, heading) == ([2, 4, 5], [3]), heading
    assert _validated(tmp_path, "Above: all sent already") == ([2, 3, 4, 5], [])


def test_a_heading_saying_the_rows_above_done_but_for_one_asks_of_each(tmp_path: Path) -> None:
    """Found by review67: under Hal, Gus and Dee, 'Above: done except Gus' (also 'completed', 'processed')
    ordered Hal and Dee again, exit 0, and left out Gus, the one still to send: read as a send but for him.
    Done says not what was: each row above is an error asking now, as under 'Above: done'; 'Above: all sent
    except Gus' leaves Hal and Dee out and sends Gus as before."""
    for heading in [
        "Above: done except Gus",
        "Above: all completed except Gus Tan",
        "Above: processed, except Gus",
    ]:
        assert _validated(tmp_path, heading) == ([5], [2, 3, 4]), heading
    assert _validated(tmp_path, "Above: all sent except Gus") == ([2, 4, 5], [])


def test_a_heading_saying_the_rows_above_done_but_for_one_then_of_the_rows_below_asks_of_each_above(
    tmp_path: Path,
) -> None:
    """hunter-sends14's leftover 2 (the lead's closing note): 'Above: done except Gus. Below: new' under Hal,
    Gus and Dee ordered Hal and Dee again, exit 0, and left out Gus, the one still to send (1b010e78 read
    such a heading without words for the rows below only). Each row above is an error asking, as without
    them; the rows below go as their own words say."""
    for heading in [
        "Above: done except Gus. Below: new",
        "Above: completed except Gus; below: new, send",
        "Above: all done (except Gus). Below: new",
        "Above: done except Gus - below new",
    ]:
        assert _validated(tmp_path, heading) == ([5], [2, 3, 4]), heading
    assert _validated(tmp_path, "Above: done except Gus. Below: terminated") == ([5, 6, 7, 8], [2, 3, 4])


def test_a_heading_naming_first_one_of_the_rows_above_is_of_those_it_names_alone(tmp_path: Path) -> None:
    """hunter-sends14's leftover 3: under Hal, Gus and Dee, 'Above: Gus - sent already' left out Dee right
    above it and Ann, Bob and Cy under it, Hal sent and Gus an error (read as a heading over the rows under
    it pointing up too); 'Above: Gus, Dee - sent already' did so with Gus alone asked. Its words are of the
    people it names: left out where they say no of them, asked otherwise; nobody else is left out."""
    for heading, out, asked in [
        ("Above: Gus - sent already", [3, 5], []),
        ("Above: Gus Tan (terminated)", [3, 5], []),
        ("Above: Gus, Dee - sent already", [3, 4, 5], []),
        ("Above: Gus - sent already. Below: new", [3, 5], []),
        ("Above: Gus - sent already; below: do not send", [3, 5, 6, 7, 8], []),
        ("Above: Gus and Dee sent already", [5], [3, 4]),
        ("Above: Gus - still to send", [5], [3]),
    ]:
        assert _validated(tmp_path, heading) == (out, asked), heading


def test_a_heading_setting_one_apart_then_saying_not_to_send_again_sends_him(tmp_path: Path) -> None:
    """hunter-sends14's leftover 4: under Hal, Gus and Dee, 'Above: all sent except Gus Tan. Do not resend'
    (or '; do not send again', ". Don't resend") left Gus out with Hal and Dee, exit 0: the one person the
    heading says is still to send got no card, silently (its sentence after his name read as said of him).
    Not to send again is of those sent: Hal and Dee are left out, Gus sent."""
    for heading in [
        "Above: all sent except Gus Tan. Do not resend",
        "Above: all sent except Gus; do not send again",
        "Above: sent already except Gus. Don't resend",
    ]:
        assert _left_out(tmp_path / "gifts.xlsx", heading) == [2, 4, 5], heading
    # ... words of his own after his name still said of him
    assert _left_out(tmp_path / "gifts.xlsx", "Above: all sent except Gus (terminated). Do not resend") == [
        2,
        3,
        4,
        5,
    ]


def test_a_heading_saying_the_rows_above_done_then_of_the_rows_below_asks_of_each_above(
    tmp_path: Path,
) -> None:
    """Found by hunter-sends15: 'Above: done. Below: new' (or 'Above: processed. Below: new', 'Above: done -
    below new') under Hal, Gus and Dee ordered all three again, the heading's row the only error: deleted as
    it asks, or left out with the rows not valid, three second cards. 'Done' says not what was: each row
    above asks, as under 'Above: done' alone; the rows below go by their own words."""
    for heading in ["Above: done. Below: new", "Above: processed. Below: new", "Above: done - below new"]:
        assert _validated(tmp_path, heading) == ([5], [2, 3, 4]), heading


def test_a_label_of_one_side_in_other_words_is_read_as_above_or_below(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Hunter-sends18's leftover 3: 'Previous rows: sent already' (one part) left Ann, Bob and Cy below out
    and sent Hal, Gus and Dee again; 'Up to here: sent', 'Before this line: sent', 'From here down: held'
    left the heading the only error, all six ordered. Labels other than above/below were read only in a
    heading of two parts: one of one part says what 'Above:' or 'Below:' would."""
    for heading in ["Previous rows: sent already", "Up to here: sent", "Before this line: sent",
                    "Earlier rows: all sent already", "Rows before this line: mailed 11/20"]:  # fmt: skip
        assert validated_heading(tmp_path, heading, capsys) == (0, [2, 3, 4, 5], []), heading
    for heading in ["From here down: held", "From here on: do not send"]:
        assert validated_heading(tmp_path, heading, capsys) == (0, [5, 6, 7, 8], []), heading


def test_rows_above_as_a_label_is_read_as_above(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Found by hunter-sends19 probing the labels' family: 'Rows above: sent already', 'The rows above: sent
    already', 'Rows above - sent already' ordered Hal and Gus again and left Ann, Bob and Cy out (read as of
    the row right above, and over the rows under it); 'Rows above: held', 'Rows above this line: sent' left
    the heading the only error, all six ordered. They say what 'Above:' says; 'Preceding:' too."""
    for heading in ["Rows above: sent already", "The rows above: sent already", "Rows above - sent already",
                    "Rows above: held", "Rows above this line: sent", "Prior rows: sent"]:  # fmt: skip
        assert validated_heading(tmp_path, heading, capsys) == (0, [2, 3, 4, 5], []), heading
    assert validated_heading(tmp_path, "Next rows: held", capsys) == (0, [5, 6, 7, 8], [])
    # ... a question of the rows below after 'Preceding:' asks of the rows above, none sent again
    assert validated_heading(tmp_path, "Preceding: sent. Following: new", capsys) == (1, [5], [2, 3, 4])


@pytest.mark.parametrize(
    "heading",
    ["All rows above: sent already", "All rows above: terminated", "All of the above: do not send",
     "^^ all of the above: do not send", "Everything above this line: do not send", "Everything above: sent",
     "All above: sent already", "All the above: held", "Everyone above this line has been sent",
     "The above: sent"],
)  # fmt: skip
def test_a_heading_naming_all_the_rows_above_leaves_them_out_and_sends_those_below(
    tmp_path: Path, heading: str
) -> None:
    """Hunter-sends19's leftover (the lead's decision, session 53): under Hal, Gus and Dee, 'All rows above:
    sent already' (also 'All of the above: do not send', 'Everyone above this line has been sent') left out
    Ann, Bob and Cy under it, of whom it says nothing, "under the heading"; 'Everything above: sent' was the
    only error (deleted, Hal, Gus and Dee ordered again); 'All above: sent already' asked of each row above.
    Read as 'Above: sent already' is: every row above left out, the rows below sent."""
    assert _validated(tmp_path, heading) == ([2, 3, 4, 5], []), heading
