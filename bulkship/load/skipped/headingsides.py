"""What a heading between recipients does to the rows around it (a step of :mod:`.headings`): the rows under
it or above it left out, those it names apart sent or asked, a heading in two parts each side as its part
says; and the kind of note its own row is given."""

from __future__ import annotations

from functools import partial

from ...quoting import quoted
from .aboveapart import rows_above
from .headingapart import _says_no, _says_no_of_those_below
from .headingaround import Around
from .kinds import NOT_TO_SEND
from .languages import straight
from .pointing import labels_parted, of_the_rows_below
from .twoparts import TwoParts, rows_below
from .upasked import ABOVE_ASKED, BOTH_ASKED, AskedAbove, asks_of_the_rows_below_too, questions_settled
from .upnamed import NAMED_ASKED, named_apart_above

# the reason of such a heading's own row (:mod:`..problems.notenames` reads the people it adds by name)
HEADING_OVER = "a heading over rows not to send"
# ... and of one naming who is apart (:mod:`..problems.notenames` leaves alone those it sets apart: sent or
# left out as it says), or of the rows above
NAMED_APART = "a note naming who is apart"
HEADING_ABOVE = "a heading of the rows above it"


def _in_two(found: dict[int, tuple[str, str]], two: TwoParts, text: str, row: int, around: Around) -> bool:
    """The heading ``text`` on ``row`` in two parts (:mod:`.twoparts`): the rows on each side as its part
    says, those it names the other way; False where it names someone not on its side."""
    rows, position, headings, people = around.rows, around.position, around.headings, around.people
    up = rows_above(text, position[row], rows, headings, people.rows, lambda _: False, every=True)
    down = rows_below(row, rows, position, headings)
    above, below = two.above.other | two.above.asked, two.below.other | two.below.asked
    if not (above <= set(up) and below <= set(down)) or (added := _added(two, set(up), set(down))) is None:
        return False
    out, asked_added = added  # (those added across the line: left out with their part, or asked)
    above, below = above | (asked_added & set(up)), below | (asked_added & set(down))
    asked = two.above.asked | two.below.asked | asked_added  # (..problems.notenames asks of them)
    kind = two.asking() or (
        NAMED_ASKED
        if asked
        else NAMED_APART
        if above | below | out
        else HEADING_OVER
        if two.below.out
        else HEADING_ABOVE
    )
    said = {HEADING_OVER: "", HEADING_ABOVE: ", no recipient"}.get(kind, ", no heading")  # (as each reads)
    found.setdefault(int(row), ("note", f"{kind} ('{quoted(text)}'){said}"))
    if two.above.out:
        _leave_out_above(found, text, row, around, set(above))
    if two.below.out:
        _leave_out_below(found, text, row, around, below)
    reason = f"the note on row {row} names it apart ('{quoted(text)}')"
    for part in (two.above, two.below):
        for person in () if part.out else sorted(part.other):
            found.setdefault(int(person), (NOT_TO_SEND, reason))
    for person in sorted(out):
        found.setdefault(int(person), (NOT_TO_SEND, reason))
    return True


def _added(two: TwoParts, up: set[int], down: set[int]) -> tuple[set[int], set[int]] | None:
    """Those a part adds by name ('Below: hold, Gus too') standing on the other side: left out where their
    part says no and their side's part not, asked where their part sends and their side's part says no
    (which is he?); None where one stands on neither side and a part sends (read as before). Read only where
    both parts said no, 'Above: new. Below: hold, Gus too' left Ann, Bob and Cy, held, valid, and 'Above:
    held. Below: new, Gus too' Hal and Dee (hunter-sends18's leftover 1)."""
    out: set[int] = set()
    asked: set[int] = set()
    sides = ((two.added_above, two.above, down, two.below), (two.added_below, two.below, up, two.above))
    for added, part, across, theirs in sides:
        if added - up - down and not (two.above.out and two.below.out):
            return None
        for person in added & across:
            if part.out and not theirs.out:
                out.add(person)
            elif theirs.out and not part.out:
                asked.add(person)
    return out, asked


def _ask_above(
    found: dict[int, tuple[str, str]],
    asked: AskedAbove,
    text: str,
    row: int,
    around: Around,
    kind: str = ABOVE_ASKED,
) -> None:
    """The heading ``text`` on ``row`` asking of each row above it (or of those it names: ``kind``;
    ..problems.notenames), the rows below left out where its words for them say no, or asked too where
    they say only that those go as the rows above."""
    leave_out = around.leave_out
    if kind == ABOVE_ASKED and asks_of_the_rows_below_too(questions_settled(labels_parted(straight(text)))):
        kind = BOTH_ASKED
    found.setdefault(int(row), ("note", f"{kind} ('{quoted(text)}'), no heading"))
    below = of_the_rows_below(asked.below) if asked.below is not None else None
    if below and any(_says_no_of_those_below(part, leave_out) for part in below):
        _leave_out_below(found, text, row, around)


def _leave_out_below(
    found: dict[int, tuple[str, str]],
    text: str,
    row: int,
    around: Around,
    spared: set[int] | frozenset[int] = frozenset(),
) -> None:
    """Every row under the heading ``text`` on ``row``, up to a blank row or another heading, left out but
    those it sets apart (``spared``)."""
    rows, position, headings = around.rows, around.position, around.headings
    for below in rows_below(row, rows, position, headings):
        if below not in spared:
            found[int(below)] = (NOT_TO_SEND, f"under the heading '{quoted(text)}' (row {row})")


def _named_apart_above(
    found: dict[int, tuple[str, str]], plain: str, text: str, row: int, around: Around
) -> tuple[set[int], str] | None:
    """Where the heading ``text`` on ``row`` says no of every row above and names some of them apart
    (:func:`.upnamed.named_apart_above`): every other row above left out, and those it spares (sent, or
    asked: :mod:`..problems.notenames`) with its words without them."""
    rows, position, headings, people, leave_out = (
        around.rows,
        around.position,
        around.headings,
        around.people,
        around.leave_out,
    )
    apart = named_apart_above(plain, partial(_says_no, leave_out=leave_out), people)
    if apart is None:
        return None
    every = rows_above(apart.rest, position[row], rows, headings, people.rows, lambda _: False, every=True)
    if not apart.named <= set(every):
        return None
    kind = {"spared": NAMED_APART, "asked": NAMED_ASKED}.get(apart.how, HEADING_ABOVE)
    found.setdefault(int(row), ("note", f"{kind} ('{quoted(text)}'), no heading"))
    spared = set() if apart.how == "out" else apart.named
    _leave_out_above(found, apart.rest, row, around, spared)
    return spared, apart.rest


def _leave_out_above(
    found: dict[int, tuple[str, str]], text: str, row: int, around: Around, spared: set[int]
) -> None:
    """Every recipient's row right above the heading on ``row`` (up to a blank row or another heading) but
    those ``spared``, left out: its words ``text`` say no of them all."""
    rows, position, headings, people = around.rows, around.position, around.headings, around.people
    reason = f"the heading under it says so of the rows above it ('{quoted(text)}', row {row})"
    for up in rows_above(text, position[row], rows, headings, people.rows, lambda _: False, every=True):
        if up not in spared:
            found.setdefault(int(up), (NOT_TO_SEND, reason))
