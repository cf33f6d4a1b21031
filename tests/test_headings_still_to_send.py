"""A heading between recipients saying the cards above went but for someone still to send ('Above: sent
already - Gus still to send. Below: new'), and the person a heading sets apart from a no of the rows above:
sent, with no error telling to delete the heading (bulkship/load/skipped/headingapart.py,
bulkship/load/problems/notenames.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support.headings import heading_list

from bulkship.cli import main
from bulkship.load import load_sheet


def _validated(path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    """`bulkship validate --json`'s exit code and its answer for ``path``."""
    code = main(["validate", str(path), "--json", "--out", str(out)])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "heading",
    ["Above: sent already - Gus still to send. Below: new",
     "Above: all mailed (Gus not yet). Below: new, send", "Above: sent already - Gus not yet sent",
     "Above: sent already, Gus still to send",
     "Above: all sent; Gus Tan yet to be sent. Below: new"],
)  # fmt: skip
def test_a_heading_saying_the_cards_above_went_but_for_one_still_to_send_leaves_out_the_others(
    tmp_path: Path, heading: str
) -> None:
    """hunter-sends11's leftover 1: 'Above: sent already - Gus still to send. Below: new' under Hal, Gus and
    Dee left out Dee alone and ordered Hal two rows up again, a second card, exit 0 (its 'still' read as
    setting someone apart unsaid: the row right above alone). Hal and Dee are left out, Gus and the rows
    below sent."""
    path = heading_list(tmp_path / "gifts.xlsx", heading)
    assert sorted(s.row for s in load_sheet(path).skipped) == [2, 4, 5]


@pytest.mark.parametrize(
    "heading",
    ["Above: sent already except Gus", "Above: all mailed (Gus not yet). Below: new, send",
     "Above: all sent except Gus Tan. Below: new"],
)  # fmt: skip
def test_the_person_a_heading_spares_is_sent_with_no_error_to_delete_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """hunter-sends11's leftover 5: 'Above: sent already except Gus' left Hal and Dee out and made Gus's row
    an error: 'the note on row 5 ... names Gus Tan ... Make the change on this row itself, then delete the
    note'; deleted, Hal and Dee were ordered again. The heading is read as it says: Gus sent, no error."""
    path = heading_list(tmp_path / "gifts.xlsx", heading)
    code, data = _validated(path, tmp_path / "out", capsys)
    assert [p["message"] for p in data["problems"]] == []
    assert (code, sorted(s["row"] for s in data["skipped"])) == (0, [2, 4, 5])


@pytest.mark.parametrize(
    ("heading", "left_out"),
    [("Above: mailed 11/20 (except Gus). and everyone below", [2, 4, 5, 6, 7, 8]),
     ("Above: all sent except Gus. Below too", [2, 4, 5, 6, 7, 8]),
     ("Above: sent already (except Gus); and everyone below", [2, 4, 5, 6, 7, 8]),
     ("Above: mailed 11/20. and everyone below", [2, 3, 4, 5, 6, 7, 8]),
     ("Above: all sent, everyone below also", [2, 3, 4, 5, 6, 7, 8])],
)  # fmt: skip
def test_a_heading_saying_the_rows_below_went_as_those_above_leaves_both_out_but_the_one_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str, left_out: list[int]
) -> None:
    """hunter-sends14's leftover 3: 'Above: mailed 11/20 (except Gus). and everyone below' under Hal, Gus and
    Dee ordered Hal, Dee, Ann, Bob and Cy again, Gus an error (ed08ebb7 kept it so: the heading left nobody
    out); 'Above: all sent except Gus. Below too' ordered all six, exit 0; 'Above: mailed 11/20. and
    everyone below' ordered all six, the heading an error. Their words for the rows below say those went as
    the rows above did: every row above and below is left out but the one set apart, sent with no error."""
    path = heading_list(tmp_path / "gifts.xlsx", heading)
    code, data = _validated(path, tmp_path / "out", capsys)
    assert sorted(s["row"] for s in data["skipped"]) == left_out
    assert (code, [p["row"] for p in data["problems"]]) == (0, [])


@pytest.mark.parametrize(
    "heading",
    ["Above: sent already - Gus not yet - do not send",
     "Above: sent already - Gus still to send - no, sent 12/1",
     "Above: sent already - Gus not yet - on hold"],
)  # fmt: skip
def test_a_heading_saying_no_of_the_one_still_to_send_leaves_him_out_with_the_rows_above(
    tmp_path: Path, heading: str
) -> None:
    """Found by review61 checking ed08ebb7: its part going on after 'Gus not yet' to say no ('- do not send',
    '- no, sent 12/1') still spared Gus: ordered, exit 0, a card the heading says not to send, or a second.
    Gus is left out with Hal and Dee; the rows below sent."""
    path = heading_list(tmp_path / "gifts.xlsx", heading)
    assert sorted(s.row for s in load_sheet(path).skipped) == [2, 3, 4, 5]


@pytest.mark.parametrize(
    "heading",
    ["Above: sent already - Gus still to send - no rush",
     "Above: sent already - Gus still to send - no longer on hold",
     "Above: sent already - Gus still to send - already approved",
     "Above: sent already - Gus still to send - hold lifted",
     "Above: sent already - Gus still to send - not terminated"],
)  # fmt: skip
def test_a_heading_going_on_after_the_one_still_to_send_without_a_no_sends_him(
    tmp_path: Path, heading: str
) -> None:
    """Found by review63 checking 2e8af8af: its part going on after 'Gus still to send' with words that say no
    no ('- no rush', '- no longer on hold', '- hold lifted') left Gus out with Hal and Dee: the one person the
    heading says is still to be sent got no card, silently. Gus is sent again; Hal and Dee left out."""
    path = heading_list(tmp_path / "gifts.xlsx", heading)
    assert sorted(s.row for s in load_sheet(path).skipped) == [2, 4, 5]


@pytest.mark.parametrize(
    ("heading", "left_out", "asked"),
    [("Above: sent already (Dee not yet) Below: new", [2, 3, 5], []),
     ("Above: sent already (except Dee) Below: new", [2, 3, 5], []),
     ("Above: sent already [except Dee] Below: new", [2, 3, 5], []),
     ("Above: all mailed (Gus not yet)Below: new", [2, 4, 5], []),
     ("Above: sent already (Dee not yet) Below - new", [2, 3, 5], []),
     ("Above: terminated (except Dee) Below: active", [2, 3, 5], []),
     ("Above: OK to send (except Dee) Below: terminated", [4, 5, 6, 7, 8], []),
     ("Above: sent already (Dee not yet) Below: do not send", [2, 3, 5, 6, 7, 8], [])],
)  # fmt: skip
def test_a_bracket_right_before_the_word_for_the_rows_below_ends_its_part(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str, left_out: list[int], asked: list[int]
) -> None:
    """hunter-sends14's leftover 1 (review65's Found 6): 'Above: sent already (Dee not yet) Below: new' and
    '... (except Dee) Below: new', no mark between the bracket and 'Below', under Hal, Gus and Dee ordered
    Hal and Gus again and left Dee out, exit 0 (the bracket's words were read with the rows below, the rest
    of the heading as of the row right above alone); 'Above: OK to send (except Dee) Below: terminated' sent
    Ann, Bob and Cy. The bracket ends its part, as a full stop after it does."""
    path = heading_list(tmp_path / "gifts.xlsx", heading)
    code, data = _validated(path, tmp_path / "out", capsys)
    assert sorted(s["row"] for s in data["skipped"]) == left_out
    assert (code, [p["row"] for p in data["problems"]]) == (1 if asked else 0, asked)


@pytest.mark.parametrize(
    "heading",
    ["Below: on hold except Cy Orr", "Below: do not send (except Cy)", "Below: terminated other than Cy Orr",
     "Everyone below: on hold except Cy Orr", "Below: sent already but not Cy"],
)  # fmt: skip
def test_a_heading_of_the_rows_below_setting_one_apart_sends_him(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """hunter-sends14's leftover 4: 'Below: on hold except Cy Orr' left Cy out with Ann and Bob, exit 0: the
    one person the heading sets apart from the hold got no card, silently. Ann and Bob are left out, Cy sent
    with no error; the rows above sent."""
    path = heading_list(tmp_path / "gifts.xlsx", heading)
    code, data = _validated(path, tmp_path / "out", capsys)
    assert (code, sorted(s["row"] for s in data["skipped"]), data["problems"]) == (0, [5, 6, 7], [])


@pytest.mark.parametrize(
    "heading",
    ["Above: sent 11/20 and everyone below",
     "Above: sent 11/20, and everyone below",
     "Above: mailed 11/20 and all below too",
     "Above: all sent & everyone below"],
)  # fmt: skip
def test_a_heading_saying_the_rows_below_went_as_those_above_with_no_mark_between_leaves_all_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """The lead's leftover 1 of session 48: 'Above: sent 11/20 and everyone below' (no mark between the parts,
    or a comma after a date: '20' was read as a part of its own) ordered all six, the heading's row the only
    error: deleted as it asks, or left out with the rows not valid, six second cards. As with a full stop
    ('Above: mailed 11/20. and everyone below'): every row above and below left out, exit 0."""
    path = heading_list(tmp_path / "gifts.xlsx", heading)
    code, data = _validated(path, tmp_path / "out", capsys)
    assert sorted(s["row"] for s in data["skipped"]) == [2, 3, 4, 5, 6, 7, 8]
    assert (code, [p["row"] for p in data["problems"]]) == (0, [])


@pytest.mark.parametrize(
    "heading",
    ["Above: done except Gus. And everyone below",
     "Above: done except Gus and everyone below",
     "Above: sent already? and everyone below",
     "Above: some sent already - and everyone below too"],
)  # fmt: skip
def test_a_heading_asking_of_the_rows_above_and_below_as_above_asks_of_each_below_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """The lead's leftover 1 of session 48: 'Above: done except Gus. And everyone below' asked of Hal, Gus and
    Dee and ordered Ann, Bob and Cy below, exit 0 once the rows above were mended, where its words say the
    rows below are as those above: done (which went?). Each row below asks too."""
    path = heading_list(tmp_path / "gifts.xlsx", heading)
    code, data = _validated(path, tmp_path / "out", capsys)
    assert sorted(s["row"] for s in data["skipped"]) == [5]
    assert (code, sorted(p["row"] for p in data["problems"])) == (1, [2, 3, 4, 6, 7, 8])


@pytest.mark.parametrize(
    ("heading", "left_out", "asked"),
    [("Above and below: sent 11/20", [2, 3, 4, 5, 6, 7, 8], []),
     ("Above & below - terminated", [2, 3, 4, 5, 6, 7, 8], []),
     ("Both above and below sent already", [2, 3, 4, 5, 6, 7, 8], []),
     ("Sent 11/20 - above and below", [2, 3, 4, 5, 6, 7, 8], []),
     ("Above and below: sent except Gus", [2, 4, 5, 6, 7, 8], []),
     ("Above and below: done except Gus", [5], [2, 3, 4, 6, 7, 8]),
     ("Left company (both above and below)", [2, 3, 4, 5, 6, 7, 8], []),
     ("Sent 11/20 (above and below)", [2, 3, 4, 5, 6, 7, 8], []),
     ("Above and below: OK to send", [], [5])],
)  # fmt: skip
def test_a_heading_pointing_both_ways_says_its_words_of_every_row_above_and_below(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str, left_out: list[int], asked: list[int]
) -> None:
    """Found by hunter-sends16: 'Above and below: sent 11/20' under Hal, Gus and Dee left Ann, Bob and Cy out
    and ordered Hal, Gus and Dee again, exit 0 (read as of the rows below, its words no 'no' of the row right
    above); 'Above and below: terminated' left Dee alone out above (review37's '^ deceased - and everyone
    below'), Hal and Gus ordered; 'Above and below: done except Gus' left Gus out, the one not done, and
    ordered the five others again. Its words are said of both, as 'Above: <words>. and everyone below' is
    ('Above and below: OK to send' sends all six, the heading's row an error as before)."""
    path = heading_list(tmp_path / "gifts.xlsx", heading)
    code, data = _validated(path, tmp_path / "out", capsys)
    assert sorted(s["row"] for s in data["skipped"]) == left_out
    assert (code, sorted({p["row"] for p in data["problems"]})) == (1 if asked else 0, asked)


@pytest.mark.parametrize(
    "heading",
    ["Above: all sent except Dee (moved). Below: new",
     "Above: mailed 11/20 except Dee (moved). and everyone below",
     "Above: sent except Dee (new address). Below: new"],
)  # fmt: skip
def test_the_one_a_heading_sets_apart_with_words_of_their_own_asks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """hunter-sends15's leftover 4: 'Above: all sent except Dee (moved). Below: new' sent Dee, the one still
    to send, a card to the street on her row, exit 0, where the heading says she moved. Words of hers in a
    bracket after her name that say no leave her out ('except Gus (terminated)'); any others are for a person
    to read: Dee's row is the error asking, the others above left out as before."""
    path = heading_list(tmp_path / "gifts.xlsx", heading)
    _, data = _validated(path, tmp_path / "out", capsys)
    assert 4 not in [s["row"] for s in data["skipped"]]
    assert [p["row"] for p in data["problems"]] == [4]


@pytest.mark.parametrize(
    ("heading", "left_out"),
    [("Above: done. All below: terminated", [5, 6, 7, 8]),
     ("Above: done. Everyone below: new", [5]),
     ("Above: done - all below: new", [5])],
)  # fmt: skip
def test_a_heading_saying_the_rows_above_done_then_labelling_all_below_asks_of_each_above(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str, left_out: list[int]
) -> None:
    """Found by hunter-sends16: 'Above: done. All below: terminated' ordered Hal, Gus and Dee again, exit 0,
    and 'Above: done. Everyone below: new' ordered them with the heading's row the only error, where 'Above:
    done. Below: do not send' asks of each row above (aad4ed55): the label's 'All'/'Everyone' was read with
    the words for the rows above. Each row above asks now; the rows below by their own words."""
    path = heading_list(tmp_path / "gifts.xlsx", heading)
    code, data = _validated(path, tmp_path / "out", capsys)
    assert sorted(s["row"] for s in data["skipped"]) == left_out
    assert (code, sorted({p["row"] for p in data["problems"]})) == (1, [2, 3, 4])


@pytest.mark.parametrize(
    "heading",
    ["Above: sent 11/20 as is everyone below", "Above: sent 11/20 same as below",
     "Above: mailed 11/20 and so was everyone below", "Above: sent 11/20. And everyone below was too",
     "Above: terminated, same for all below"],
)  # fmt: skip
def test_a_heading_saying_in_other_words_that_the_rows_below_went_as_those_above_leaves_all_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """Found by hunter-sends16: 'Above: sent 11/20 as is everyone below' (or 'same as below', 'and so was
    everyone below', 'and everyone below was too') ordered all six, the heading's row the only error: deleted
    as it asks, six second cards, where 'Above: sent 11/20. and everyone below' leaves all six out. So now."""
    path = heading_list(tmp_path / "gifts.xlsx", heading)
    code, data = _validated(path, tmp_path / "out", capsys)
    assert sorted(s["row"] for s in data["skipped"]) == [2, 3, 4, 5, 6, 7, 8]
    assert (code, [p["row"] for p in data["problems"]]) == (0, [])


@pytest.mark.parametrize(
    "heading",
    ["Above: mailed Gus not yet. Everyone below: new", "Above: all mailed Gus not yet. Everyone below: new",
     "Above: mailed 11/20 Gus not yet. Everyone below: new"],
)  # fmt: skip
def test_the_one_still_to_send_named_after_the_words_with_no_mark_is_sent_the_others_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], heading: str
) -> None:
    """Found by hunter-sends16: 'Above: mailed Gus not yet. Everyone below: new' (no mark between 'mailed'
    and Gus) made Gus's row and the heading's errors and sent Hal and Dee: deleted as asked, two second cards
    ('mailed' was read as part of the name set apart, the words without him said nothing). As with a dash
    ('Above: mailed - Gus not yet'): Hal and Dee left out, Gus sent, the rows below by their own words."""
    path = heading_list(tmp_path / "gifts.xlsx", heading)
    code, data = _validated(path, tmp_path / "out", capsys)
    assert sorted(s["row"] for s in data["skipped"]) == [2, 4, 5]
    assert (code, [p["row"] for p in data["problems"]]) == (0, [])
