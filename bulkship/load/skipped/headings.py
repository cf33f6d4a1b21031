"""Rows of the list that are headings rather than recipients: a heading over people not to send (its words:
:mod:`.headingwords`) and the rows under it, or one saying so of the rows above it (the header repeated, a
title above it saying not to send, a survey export's row of import ids: :mod:`.headerrows`)."""

from __future__ import annotations

import re
from functools import partial

import numpy as np
import pandas as pd

from ...models import NAME_COLUMNS
from ...quoting import quoted
from ..cells import _blank_cells
from .aboveapart import as_above_too, below_as_above, rows_above, says_no_of_the_rows_above
from .headingapart import _APART, SPARED_STILL, _says_no, _says_no_of_those_below, _set_apart
from .headingaround import Around
from .headingsides import (
    HEADING_ABOVE,
    HEADING_OVER,
    NAMED_APART,
    _ask_above,
    _in_two,
    _leave_out_above,
    _leave_out_below,
    _named_apart_above,
)
from .headingwords import LEAVE_OUT_HEADING, LEAVE_OUT_HEADING_OF_STAFF
from .kinds import MAX_CANDIDATES, NOT_TO_SEND
from .labelwords import labels_named
from .languages import straight
from .namedtoo import added_to_one_part
from .noteabout import Recipients, about_the_named
from .ofwork import lists_staff
from .pointing import (
    _BELOW,
    above_taken_back,
    labels_parted,
    names_the_row_above,
    of_the_rows_below,
    points_at_all_above,
    points_up_too,
    rows_pointed_above,
)
from .saysend import SAYS_SEND
from .twoparts import asks_of_the_rows_below, parts_in_two, read_in_two
from .upalone import says_no_of_every_row_above
from .upasked import (
    ABOVE_ASKED,
    BELOW_ASKED,
    AskedAbove,
    asks_of_every_row_above,
    asks_of_the_apart,
    done_but_for_the_named,
    questions_settled,
    went_and_more_above,
)
from .upnamed import NAMED_ASKED, of_the_named_first

# ... unless it says to send them: "Removed from waitlist - please send" (newcomer7); a note too ("Removed -
# please send", "Duplicate, the first was lost - please resend", found by review10), in any words of sending
# after all, never denied ('Left 11/15 - still send', but not 'Terminated - not to be sent': .saysend)
_SEND_HEADING = SAYS_SEND


def _sections_left_out(body: pd.DataFrame, column_map: dict[str, str]) -> dict[int, tuple[str, str]]:
    """A row of one filled cell that heads people not to send (:mod:`.headingwords`), and the rows under it
    up to the next blank row or heading: row -> (kind, reason)."""
    address = next((h for h, c in column_map.items() if c == "address1"), None)
    if address is None or body.empty:
        return {}
    rows = body.index.tolist()
    leave_out = LEAVE_OUT_HEADING_OF_STAFF if lists_staff(body.columns) else LEAVE_OUT_HEADING
    # no street, or no name: a heading may be typed in any column, and beside it a count or a remark
    # ("REMOVED - do not send" | "3 people", "REMOVED" in the street's column: found by hunter-sheets, the
    # people under each were ordered)
    names = [h for h, c in column_map.items() if c in NAME_COLUMNS]
    nameless = _blank_cells(body[names[0]].tolist()) if names else None
    for name in names[1:]:
        nameless &= _blank_cells(body[name].tolist())
    blank = _blank_cells(body[address].tolist()) | (nameless if nameless is not None else False)
    headings = _headings(body, column_map, names, blank, leave_out)
    found: dict[int, tuple[str, str]] = {}
    position = {row: at for at, row in enumerate(rows)}
    around = Around(body, names, blank, rows, position, headings, leave_out)
    for row, text in headings.items():
        _read_heading(found, row, text, around)
    return found


def _headings(
    body: pd.DataFrame,
    column_map: dict[str, str],
    names: list[str],
    blank: np.ndarray,
    leave_out: re.Pattern[str],
) -> dict[int, str]:
    """The rows without a street or a name (``blank``) that are headings: row -> their words, a filled cell
    alone, or two (the heading, and a count or a remark)."""
    unaddressed = body.index[blank].tolist()[:MAX_CANDIDATES]
    headings: dict[int, str] = {}
    columns = list(body.columns)
    # read in one pass: a row looked up at a time costs a millisecond (found by hunter-hostile6)
    values_of = body.loc[unaddressed].itertuples(index=False, name=None)
    for row, values in zip(unaddressed, values_of, strict=True):
        cells = {h: str(v).strip() for h, v in zip(columns, values, strict=True) if str(v).strip()}
        if len(cells) == 1:
            headings[row] = next(iter(cells.values()))
        elif len(cells) == 2:  # the heading, and a count or a remark; never a person's name beside a note
            said = [h for h, text in cells.items() if leave_out.fullmatch(straight(text))]
            if (
                said
                and all(h in said for h in names if h in cells)
                and (any(h in cells for h in names) or not _card_beside(cells, said, column_map))
            ):
                headings[row] = " ".join(cells.values())
    return headings


def _read_heading(found: dict[int, tuple[str, str]], row: int, text: str, around: Around) -> None:
    """The heading ``text`` on ``row``: in two parts, asking of the rows above, naming some apart, saying no
    of the rows above; else what it says of the rows under it (:func:`_under_the_heading`), into ``found``."""
    rows, position, leave_out = around.rows, around.position, around.leave_out
    # ('Above: sent. Questions? Call HR'; 'Previous rows: sent already' as 'Above: sent already')
    plain = questions_settled(labels_parted(labels_named(straight(text))))
    spared: set[int] = set()  # (set apart from a no of the rows above: sent)
    if parts_in_two(plain) is not None:  # ('Above: held. Below: on hold': each part its own)
        people = around.people
        two = read_in_two(plain, partial(_says_no, leave_out=leave_out), people)
        if two is not None and _in_two(found, two, text, row, around):
            return
    if asks_of_the_rows_below(plain, partial(_says_no, leave_out=leave_out), around.people):
        found.setdefault(int(row), ("note", f"{BELOW_ASKED} ('{quoted(text)}'), no heading"))
        return  # ('Below: held?': each row below asked, ..problems.notenames)
    # ('Below OK except Cy Orr': read as a row without a street, Cy was sent; 'Gus still to send')
    if (done := done_but_for_the_named(plain)) is not None:  # ('Above: done except Gus': which went?)
        _ask_above(found, done, text, row, around)
        return
    if _APART.search(plain) or SPARED_STILL.search(plain):
        people = around.people
        cut = _set_apart(plain, leave_out, people)
        if cut is not None and _about_a_neighbour(row, text, rows, position, people) is None:
            # ('Above: all mailed except Gus? check': Gus asked, not sent: ..problems.notenames)
            kind = NAMED_ASKED if cut.spared and asks_of_the_apart(plain) else NAMED_APART
            found[int(row)] = ("note", f"{kind} ('{quoted(text)}'), no heading")
            spared = cut.spared
            for person in cut.left_out:
                found.setdefault(
                    int(person), (NOT_TO_SEND, f"the note on row {row} names it apart ('{quoted(text)}')")
                )
            if cut.above is not None:  # ('Above: all sent except Gus Tan': every row above but Gus)
                _leave_out_above(found, cut.above, row, around, spared)
                return
            if cut.rest is None:
                return
            plain = cut.rest  # ('Above: sent already (except Gus). Below: send': the rest of its words)
    people = around.people
    if (
        not spared
        and (first := of_the_named_first(plain, people)) is not None  # ('Above: Gus - sent already')
        and _about_a_neighbour(row, text, rows, position, people) is None  # ('Above: Dee sent already')
    ):
        for person in first.named if first.out else ():  # (asked otherwise: ..problems.notenames)
            found.setdefault(
                int(person), (NOT_TO_SEND, f"the note on row {row} names it apart ('{quoted(text)}')")
            )
        kind = NAMED_APART if first.out else NAMED_ASKED
        _ask_above(found, AskedAbove(first.below), text, row, around, kind)
        return
    if not spared and (apart := _named_apart_above(found, plain, text, row, around)):
        spared, plain = apart
        if not _BELOW.search(plain):
            return
    if not spared and (asked := asks_of_every_row_above(plain, partial(_names_anyone, people))) is not None:
        # ('Above: sent already? Below: new': each row above an error asking, ..problems.notenames)
        _ask_above(found, asked, text, row, around)
        return
    says_no_above = partial(
        says_no_of_every_row_above,
        says_no=partial(_says_no, leave_out=leave_out),
        names_someone=partial(_names_anyone, people),
    )
    # ('Above: held, Cy Orr too': Cy left out with the rows above, wherever he is)
    too = None if spared else added_to_one_part(plain, people)
    rest, added = too if too is not None and says_no_above(too[0]) else (plain, frozenset())
    if added or says_no_above(rest):
        for person in sorted(added):
            found.setdefault(
                int(person),
                (NOT_TO_SEND, f"the heading on row {row} adds it to the rows above ('{quoted(text)}')"),
            )
        found.setdefault(int(row), ("note", f"{HEADING_ABOVE} ('{quoted(text)}'), no recipient"))
        _leave_out_above(found, rest, row, around, spared)
        return  # ('Above: all sent already': every row above, none below)
    if not spared and went_and_more_above(plain, partial(_names_anyone, people)):
        found.setdefault(int(row), ("note", f"{ABOVE_ASKED} ('{quoted(text)}'), no heading"))
        return  # ('Above: sent - moved', 'Above: done': each row above asked)
    _under_the_heading(found, row, text, plain, spared, around)


def _under_the_heading(
    found: dict[int, tuple[str, str]], row: int, text: str, plain: str, spared: set[int], around: Around
) -> None:
    """The heading ``text`` on ``row`` (``plain``: its words left to read; ``spared``: the rows it sets
    apart) over the rows under it: they are left out where it says no of them (with the row it points at,
    and those above where it says so too); a note about a neighbour is no heading."""
    rows, position, headings, leave_out = around.rows, around.position, around.headings, around.leave_out
    below = of_the_rows_below(plain)  # ('Above OK to send; below terminated': 'below terminated')
    if below is None and not _says_no(plain, leave_out):  # ('Above: mailed 11/20. And everyone below')
        below = as_above_too(plain, partial(_says_no, leave_out=leave_out))
    heads = (
        any(_says_no_of_those_below(part, leave_out) for part in below)
        if below is not None
        else _says_no(plain, leave_out)
    )
    if not heads and below is not None and says_no_of_the_rows_above(plain, lambda p: _says_no(p, leave_out)):
        people = around.people
        # (one naming who is apart says so: ..problems.notenames leaves those it names alone)
        found.setdefault(int(row), ("note", f"{HEADING_ABOVE} ('{quoted(text)}'), no recipient"))
        reason = f"the heading under it says so of the rows above it ('{quoted(text)}', row {row})"
        naming = partial(_names_anyone, people)  # ('Above: Dee terminated. Below: active': Dee alone)
        for up in rows_above(plain, position[row], rows, headings, people.rows, naming):
            if up not in spared:
                found.setdefault(int(up), (NOT_TO_SEND, reason))
        if not below_as_above(below):  # ('Above: do not send; and everyone below': them too)
            return
        heads = True
    if not heads and not (below is not None and leave_out.fullmatch(plain)):
        return
    people = around.people
    if (beside := _about_a_neighbour(row, text, rows, position, people)) is not None:
        found[int(row)] = ("note", f"a note about row {beside}'s person ('{quoted(text)}'), no heading")
        return
    if not heads:  # ('Above: terminated. Below: active': of the row above alone)
        return
    known = set(found) | {row}
    if not spared:  # (one setting some apart says so still: ..problems.notenames sends them, no error)
        found[int(row)] = ("note", f"{HEADING_OVER} ('{quoted(text)}')")
    above = rows[position[row] - 1] if position[row] else None
    if (
        above == row - 1
        and above in people.rows
        and above not in headings
        and (
            points_up_too(labels_parted(straight(text)), lambda part: _says_no(part, leave_out))
            or names_the_row_above(labels_parted(straight(text)))
            or above_taken_back(plain)
        )
    ):  # ('^ deceased - and everyone below': the row it points at too)
        reason = f"the heading under it points at it ('{quoted(text)}', row {row})"
        found.setdefault(int(above), (NOT_TO_SEND, reason))
        # ... and all the rows above where it says so, up to a blank row or another heading
        at = position[row] - 2
        every = points_at_all_above(plain) or above_taken_back(plain)  # ('Above OK to send - rescinded')
        while every and at >= 0 and rows[at] == rows[at + 1] - 1:
            if rows[at] in headings or rows[at] not in people.rows:
                break
            found.setdefault(int(rows[at]), (NOT_TO_SEND, reason))
            at -= 1
    if says_no_of_the_rows_above(plain, partial(_says_no, leave_out=leave_out)):
        # ('Above: sent. Below: on hold': the rows above too, as where the rows below go)
        reason = f"the heading under it says so of the rows above it ('{quoted(text)}', row {row})"
        naming = partial(_names_anyone, people)
        for up in rows_above(plain, position[row], rows, headings, people.rows, naming):
            if up not in spared:
                found.setdefault(int(up), (NOT_TO_SEND, reason))
    _leave_out_below(found, text, row, around, spared)
    if not spared and not set(found) - known:  # (a footnote under the table: '* Amounts per policy. Status
        # codes: T=Terminated D=Deceased' was said a heading over rows not to send, none under it: review72)
        found[int(row)] = ("note", f"a note, no recipient under it ('{quoted(text)}')")


def _names_anyone(people: Recipients, text: str) -> bool:
    return bool(people.named(text)[0])


def _about_a_neighbour(
    row: int, text: str, rows: list[int], position: dict[int, int], people: Recipients
) -> int | None:
    """The row of the recipient right above or below a heading that is a note about them ('Bob Ray -
    deceased' beside Bob Ray's row, 'Hold Cy Orr until HR confirms address': .noteabout), None for a
    heading. Read as a heading, every row under it was left out, Cy Orr's and Dee Fox's for nothing
    (hunter-sheets22's leftover 1); the row it names is an error (:mod:`..problems.notenames`)."""
    named, runs = people.named(straight(text))
    at = position[row]
    beside = [rows[i] for i in (at - 1, at + 1) if 0 <= i < len(rows) and abs(rows[i] - row) == 1]
    near = [r for r in beside if r in named]
    # every one it names beside it: naming the first and the last of the rows under it ('Cy Orr - Eli Park:
    # terminated'), it is their heading, and read as Cy's note Dee Fox between them was sent (review37)
    everyone = all(set(people.rows_of(words)) & set(beside) for words in runs)
    if near and everyone and about_the_named(straight(text), runs):
        return near[0]
    above = beside[0] if beside and beside[0] == row - 1 else None  # '^ deceased - do not send'
    return above if not runs and above in people.rows and rows_pointed_above(straight(text)) else None


# ... nor a card or a person's reference beside a note ('25' | 'new hire - name pending', 'CVS' | 'on hold',
# 'E2' | 'Terminated'): a row of a person without a name (found by review14: read as a heading with a count,
# every person under it was left out). Typed in the name's column, the words are a heading and what is beside
# them a count ('REMOVED - do not send' | 3)
_AMOUNT = re.compile(r"\s*[$€£]?\s*\d[\d,]*(?:\.\d+)?\s*")


def _card_beside(cells: dict[str, str], said: list[str], column_map: dict[str, str]) -> bool:
    return any(
        column_map.get(h) in ("product", "external_id")
        or (column_map.get(h) in ("value", "quantity") and _AMOUNT.fullmatch(text))
        for h, text in cells.items()
        if h not in said
    )
