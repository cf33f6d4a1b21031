"""A note asking for the card to go to a town or a state that is not the row's: 'Send to her home in FL',
'Retiring and send to her home in FL', 'Ship to her place in Tampa', 'Use FL address', 'Mail to her Florida
address', on a row in Boston, MA. Each was ordered to the row's Boston street, exit 0, where 'Send to winter
home' is an error on its row (found by the lead, hunter-sends5's brief). The row is an error now, for a
person to write the address the card goes to; a place that is the row's own town or state ('Ship to her home
in Boston' on a Boston row) still sends."""

from __future__ import annotations

import re

import pandas as pd

from ...columns import _words
from ...folding import full_given_name
from ...models import NAME_COLUMNS, Problem
from ...validate.usps import STATE_NAMES, state_lookup
from ..skipped import _short
from ..skipped.anotherperson import _RELATION
from .elsewhere import (
    _NOTE_SENDS,
    ASKED_ELSEWHERE,
    named_in_note,
    note_parts,
    note_sends_elsewhere,
    street_places,
)
from .notecolumns import NoteColumn, clear_cell, status_columns

# a state by its code ('FL', as written) or its name ('Florida', 'West Virginia' before 'Virginia')
_STATE_NAMES = sorted(STATE_NAMES.values(), key=len, reverse=True)
_STATE = rf"(?-i:{'|'.join(STATE_NAMES)})\b|(?:{'|'.join(map(re.escape, _STATE_NAMES))})\b"
# a capitalised town (one to three words: 'Tampa', 'Boca Raton', 'St. Louis')
_TOWN = r"(?-i:[A-Z][a-z'’.-]+(?:\s+[A-Z][a-z'’.-]+){0,2})\b"
# ... not a day, a month or a season of the year ('Ship to home in December', 'Send to office at Christmas')
_NO_TOWN = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
     "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "christmas", "xmas",
     "thanksgiving", "easter", "spring", "summer", "fall", "autumn", "winter", "time", "person", "care",
     "the", "her", "his", "their", "a", "an", "case", "advance", "english", "spanish", "french",
     # ... nor a door of the row's building ('Send to her home in Apt 4', '... in Building A')
     "apt", "apartment", "unit", "suite", "ste", "room", "rm", "building", "bldg", "floor", "flat", "tower"}
)  # fmt: skip
# a state as people shorten it ('Ship to home in Mass')
_SHORT_STATES = {
    "mass": "MA", "calif": "CA", "cali": "CA", "fla": "FL", "penn": "PA", "wash": "WA", "ariz": "AZ"
}  # fmt: skip
# where the ask names the place: 'in FL', 'in Tampa', 'at Boca Raton', or 'FL address', 'her Florida home'
_IN_A_PLACE = re.compile(rf"(?i)\b(?:in|at|near)\s+(?P<place>{_STATE}|{_TOWN})")
_PLACE_ADDRESS = re.compile(
    rf"(?i)(?:^|\s)(?P<place>{_STATE})\s+(?:(?:home|mailing|street)\s+)?(?:address|addr|home|house|place)\b"
)
_NOT_THERE = re.compile(r"(?i)\b(?:not|never|instead\s+of|rather\s+than)\b")
# ... or a move there ('moved to Denver', 'relocated to FL', 'moved to HQ in Chicago' on a Boston row: each
# ordered to the Boston street, exit 0, where a bare 'moved' is an error since 32fbebb1: found by
# hunter-sends6, newcomer20 N7); not to a team, a floor or a firm ('Moved to Sales', 'moved to the 3rd
# floor', 'Moved to Acme Corp')
_MOVED_TO = re.compile(
    r"(?i)^\W*(?:(?:has|have|was|recently|just)\s+)*(?:moved|relocated|relocating|moving)\s+(?:back\s+)?"
    r"to\s+(?P<where>[^.;,()]{1,60})"
)
_NOT_A_PLACE = frozenset(
    {"sales", "marketing", "engineering", "finance", "accounting", "hr", "it", "legal", "operations", "ops",
     "support", "product", "design", "research", "customer", "service", "services", "management", "admin",
     "facilities", "procurement", "purchasing", "payroll", "security", "compliance", "manufacturing",
     "production", "logistics", "shipping", "warehouse", "quality", "team", "department", "dept", "division",
     "group", "corporate", "corp", "inc", "llc", "ltd", "co", "company", "night", "day", "shift", "part",
     "full", "remote", "hybrid", "building", "floor", "desk", "role", "position", "job", "project", "unit",
     "org", "manager"}
)  # fmt: skip
# ... nor another person's move ('Father: moved to FL', 'Emergency contact: Jane (moved to FL)')
_OTHER_ONE = re.compile(rf"(?i)\b(?:{_RELATION})\b")
_PLACE_FIRST = re.compile(rf"(?P<place>{_STATE}|{_TOWN})")


def places_in_note(note: str) -> frozenset[str]:
    """The towns and states a note's ask sends the card to ('Send to her home in FL': 'fl'), casefolded."""
    places: set[str] = set()
    for part in note_parts(note):
        asked = _NOTE_SENDS.match(part)
        if asked is not None and asked["where"] is not None:
            where = asked["where"][:80]
            where = where[: m.start()] if (m := _NOT_THERE.search(where)) else where
            places |= _places_in(where, [*_IN_A_PLACE.finditer(where), *_PLACE_ADDRESS.finditer(where)])
        elif (moved := _MOVED_TO.match(part)) is not None:
            where = moved["where"]
            first = _PLACE_FIRST.match(where)
            if not _NOT_A_PLACE.isdisjoint(_words(where)) or _OTHER_ONE.search(note[: len(note) - len(part)]):
                continue  # ('Moved to Sales', 'Moved to Acme Corp', 'Father: moved to FL')
            places |= _places_in(where, [*_IN_A_PLACE.finditer(where), *([first] if first else [])])
    return frozenset(places)


def _places_in(where: str, found: list[re.Match[str]]) -> set[str]:
    """The places ``found`` in ``where``, casefolded, but a month, a season or a door."""
    places = {" ".join(one["place"].split()).casefold() for one in found}
    return {place for place in places if place.split()[0] not in _NO_TOWN}


def _row_places(body: pd.DataFrame, column_map: dict[str, str], row: int) -> set[str]:
    """The row's town and state as a note may name them: 'boston', 'ma', 'massachusetts'."""
    said = {f: " ".join(str(body.at[row, h]).split()).casefold() for h, f in column_map.items()}
    own = {said.get("city", "")} | set(_words(" ".join(said.get(f, "") for f in ("city", "address1"))))
    code = state_lookup().get(said.get("state", ""))
    if code:
        own |= {code.casefold(), STATE_NAMES.get(code, code).casefold()}
        own |= {short for short, of in _SHORT_STATES.items() if of == code}
    return own - {""}


def _the_row_s(place: str, own: set[str]) -> bool:
    """Whether a place a note names is the row's: its town or state, words of its town and street ('Main St'),
    or a part of its town ('East Boston' on a Boston row)."""
    words = set(_words(place))
    town = {w for w in own if " " not in w}
    return place in own or words <= own or bool(words & town and len(words) > 1)


def place_problems(
    body: pd.DataFrame, column_map: dict[str, str], column: NoteColumn, rows: list[int]
) -> list[Problem]:
    """Of ``rows``, those whose note sends the card to a town or a state (:func:`places_in_note`) that is not
    the row's own (where the row gives its town or state to compare with)."""
    street = next(h for h, field in column_map.items() if field == "address1")
    if not {"city", "state"} & set(column_map.values()):
        return []
    problems = []
    for row in rows:
        own = _row_places(body, column_map, row)
        if all(_the_row_s(place, own) for place in places_in_note(column.notes[row])):
            continue
        problems.append(sent_elsewhere(column, row, " ".join(str(body.at[row, street]).split())))
    return problems


def sent_elsewhere(column: NoteColumn, row: int, typed: str) -> Problem:
    """The error on a row whose note asks for the card to go elsewhere than its name and address (``typed``:
    its street): one wording for each such ask (.corrections, :func:`place_problems`)."""
    said = _short(column.said(row), 60)
    message = (
        f"Row {row}, column '{column.header}': says '{said}': the card would go to the row's name and "
        f"address ('{typed}'). Write the name and address it goes to in the row and "
        f"{clear_cell(column.header)}, or clear only that cell to send it there."
    )
    return Problem(row, "address1", typed, "error", message, ASKED_ELSEWHERE)


def status_ask_problems(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: set[int]
) -> list[Problem]:
    """A row whose status asks for the card to go elsewhere than its name and address ('Status' = 'send to
    office', 'Active - send to office', 'Active - ship to her home in FL' on a Boston row): each was ordered
    to the row's street, exit 0, where the same words under 'Notes' are an error (found by hunter-sends6, its
    item 5). The same error now, read as a note's ask is."""
    street = next((h for h, field in column_map.items() if field == "address1"), None)
    if street is None:
        return []
    own, problems = street_places(str(street)), []
    for column in status_columns(body, column_map):
        elsewhere = column.saying(lambda note: note_sends_elsewhere(note, own))
        for row in column.rows(elsewhere, not_judged):
            problems.append(sent_elsewhere(column, row, " ".join(str(body.at[row, street]).split())))
        # ... or to a person by name ('Send to Bob Smith', 'Active - ship to Mary Jones': ordered to the row's
        # person, exit 0, where under 'Notes' each is this error; found by review69)
        someone = column.saying(lambda note: bool(named_in_note(note))) & ~elsewhere
        named = named_problems(body, column_map, column, column.rows(someone, not_judged))
        somewhere = column.saying(lambda note: bool(places_in_note(note))) & ~elsewhere
        placed = place_problems(body, column_map, column, column.rows(somewhere, not_judged))
        problems += named + [p for p in placed if p.row not in {n.row for n in named}]
    return problems


def named_problems(
    body: pd.DataFrame, column_map: dict[str, str], column: NoteColumn, rows: list[int]
) -> list[Problem]:
    """Of ``rows``, those whose note sends the card to a person by name (:func:`.elsewhere.named_in_note`)
    that is not the row's own name, city or street."""
    street = next(h for h, field in column_map.items() if field == "address1")
    own = [h for h, f in column_map.items() if f in (*NAME_COLUMNS, "city", "address1")]
    problems = []
    for row in rows:
        # ... or a short form of its first name ('Send to Kate' on Katherine's row: hunter-falsealarm3)
        theirs = {full_given_name(w) for w in _words(" ".join(str(body.at[row, h]) for h in own))}
        if {full_given_name(w) for w in named_in_note(column.notes[row])} <= theirs:
            continue
        problems.append(sent_elsewhere(column, row, " ".join(str(body.at[row, street]).split())))
    return problems
