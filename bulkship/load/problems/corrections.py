"""A row corrected beside itself: a correction column ("Revised Amount", "New Address") saying something else
than the field's own column, or a note giving the person another address ("New address: 5 Oak St"): which one
is right? An error on the row, for a person to say."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from ...columns import ORDER_FIELDS, _words
from ...columns.fields import ADDRESS_FIELDS
from ...models import Problem
from ..skipped import _short
from ..skipped.addressmissing import address_missing, address_missing_problems, address_to_change
from ..skipped.columnkeys import picks_rows
from .addresstocome import _address_to_come, po_box_only
from .askedplace import named_problems, place_problems, places_in_note, sent_elsewhere, status_ask_problems
from .elsewhere import named_in_note, note_parts, note_sends_elsewhere, street_places
from .giftrules import gift_rule_problems, reads_gift_rules
from .leavingflags import leaving_flag_problems, reads_leaving
from .mailcounts import mail_count_problems, reads_mail_counts
from .movedflags import moved_flag_problems, reads_moves
from .namedasks import named_ask_problems
from .notecolumns import NoteColumn, clear_cell, note_columns, status_columns
from .notesaid import _changed_in_a_note
from .periods import without_period
from .rows import _quoted
from .statusletters import letter_problems

_CORRECTED = frozenset(
    {"new", "revised", "revision", "updated", "update", "corrected", "correction", "correct", "adjusted",
     "adjustment", "final", "changed", "change", "amended", "override", "replacement", "approved"}
    # ... or what another person asked for or found ('Requested Amount' 50, 'Actual Amount' beside 'Amount'
    # 25: the card went out at 25, nothing said; found by hunter-sheets6)
    | {"actual", "requested", "proposed", "recommended", "latest", "current"}
    # ... or a mail house's move found ('NCOA Address' = 9 Elm Rd beside 'Address': ignored, the card sent to
    # the street left; session 49's closing note, hunter-asks5)
    | {"ncoa", "coa", "forwarding", "moved", "mover"}
)  # fmt: skip
# ... or where the person is for now, of an address only ('Temporary Address', 'Seasonal Street' = 9 Elm Rd:
# the card went to the row's other street, nobody asked; hunter-asks5), not of an amount ('Seasonal Amount')
_FOR_NOW = frozenset({"temporary", "temp", "seasonal"})
# ... or where the person moved to, or another street of theirs ('Moved To', 'Alternate Address' = 9 Elm Rd:
# 'Columns not used', the card sent to the row's street; hunter-asks5's leftover 2, hunter-asks6): read only
# where the cell is a street (a house's number and a street's word), so that an HR list's 'Moved To' = Sales
# (a transfer) says nothing
_ANOTHER_STREET = frozenset({"alternate", "alternative", "alt"})
_A_STREET = re.compile(
    r"(?i)(?<![\d/.:-])\d+[a-z]?\s+(?:[\w.'-]+\s+){0,3}(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|"
    r"ln|lane|ct|court|way|pl|place|plaza|pkwy|parkway|hwy|highway|ter|terrace|cir|circle|trl|trail|sq|square)\b"
    r"|\bp\.?\s*o\.?\s*box\s*\d"
)
# ... but not when it says when or whether the field changed: 'Last Updated' (a date: "last" alone is no last
# name), 'Address Changed' = Yes, 'Address Updated' = 11/03/2026 (found by review14: an HR export's every row
# was an error)
_WHEN_WORDS = frozenset({"first", "last"})
_WHETHER_OR_WHEN = re.compile(
    r"(?i)\s*(?:yes|no|y|n|true|false|x|✓|✔|✗|✘"
    r"|\d{4}-\d{1,2}-\d{1,2}(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]m)?)?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    # ... or that there is no correction: 'Revised Amount' = N/A, -, none, same, No change (found by
    # review14: every row of a list with nothing revised was an error)
    r"|n\.?\s*/?\s*a\.?|none|nil|null|not\s+applicable|[-–—_.]+|same(?:\s+as\s+\w+)?|no\s+change|"
    r"unchanged|as\s+is)\s*"
)

# ... nor a change of the amount by nothing: 'Amount Change' = 0, 'Amount Adjustment' = +0.00 (found by
# hunter-sheets: every row of a list with no change was an error). 'Adjusted Amount' = 0 is a card of 0.
_CHANGE_NOUNS = frozenset({"change", "adjustment"})
_NO_CHANGE = re.compile(r"\s*[+-]?\s*\$?\s*0+(?:\.0+)?\s*")

# a note giving another street or flat than the row's, counted so: 'Corrected in another column' read as
# a correction bulkship had made (newcomer20's N5)
NOTE_GIVES_ADDRESS = "Note gives another address"


def _correction_problems(
    body: pd.DataFrame,
    column_map: dict[str, str],
    aliases: dict[str, str],
    not_judged: set[int],
    default_value: str = "",
    this_year: int = 0,
) -> list[Problem]:
    """A row whose column correcting an order field ('Revised Amount' beside 'Amount', 'New Address' beside
    'Street') says something else than the field's column: which one is right? (found by hunter-sheets: the
    correction was 'not used', a notice at most, and the card went out at the old amount, to the old street).
    Empty, or saying the same, it changes nothing. ``aliases``: header key -> field; ``default_value``: the
    program's amount for a row without one, which a note is read against. A column naming this year's
    (``this_year``), a quarter's or a month's field ('Amount 2026', 'Q4 Amount': :mod:`.periods`) corrects it
    too; a past year's is a record."""
    from ..rivals import _SAME, _text  # what two cells of one field say, compared as the rivals are

    fed = {field: header for header, field in column_map.items()}
    problems = []
    read: dict[str, tuple[str, bool]] = {}  # header -> (the field it corrects, whether by its period alone)
    streets_only: set[str] = set()  # headers read only where their cell is a street (_ANOTHER_STREET)
    for header in body.columns:
        words = _words(str(header))
        dated, past = without_period(words, this_year)
        if past:  # '2025 Amount' in 2026: what was given then, as 'Last Year Amount'
            continue
        rest = [w for w in dated if w not in _CORRECTED and w not in _FOR_NOW and w not in _ANOTHER_STREET]
        by_period = len(rest) == len(dated) < len(words)
        street_only = bool(_ANOTHER_STREET.intersection(words)) or ("moved" in words and rest == ["to"])
        if by_period and picks_rows(str(header)):
            continue  # 'Card 2026' = Yes, Sent, Pending: whether this year's went (read by load.skipped)
        if set(rest) <= _WHEN_WORDS:
            continue
        field = aliases.get("".join(rest)) if rest and len(rest) < len(words) else None
        field = "address1" if street_only and rest == ["to"] else field  # ('Moved To')
        if header in column_map or field not in ORDER_FIELDS or field not in fed:
            continue
        if _FOR_NOW.intersection(words) and field not in ADDRESS_FIELDS:
            continue
        if street_only and field != "address1":
            continue
        read[header] = (field, by_period)
        streets_only.add(header) if street_only else None
    # ... but not several periods of one field ('Q1 Amount' ... 'Q4 Amount' beside 'Amount'): a breakdown, or
    # a record kept by period, never the field corrected (found by review41: an incentive list refused)
    series = Counter(field for field, by_period in read.values() if by_period)
    for header, (field, by_period) in read.items():
        if by_period and series[field] > 1:
            continue
        own, same = fed[field], _SAME.get(field, lambda v: v)
        for row, mine, theirs in zip(body.index, body[own], body[header], strict=True):
            said = _text(theirs)
            if (
                not said
                or row in not_judged
                or same(said) == same(_text(mine))
                or _WHETHER_OR_WHEN.fullmatch(said)
                or (header in streets_only and not _A_STREET.search(said))
                or (field == "value" and _NO_CHANGE.fullmatch(said) and not _CHANGE_NOUNS.isdisjoint(words))
            ):
                continue
            shown, typed = (str(v).strip() for v in (theirs, mine))
            message = (
                f"Row {row}, column '{header}': says {_quoted(shown)} where '{own}' says {_quoted(typed)}: "
                f"which is right? Put the right one in '{own}' and clear '{header}'."
            )
            problems.append(Problem(int(row), field, typed, "error", message, "Corrected in another column"))
    moved = _moved_in_a_note(body, column_map, not_judged)
    moved += _moved_in_a_status(body, column_map, not_judged)  # ('Status' = 'Moved')
    moved += moved_flag_problems(body, column_map, not_judged)  # ('NCOA Flag' = Y)
    problems += leaving_flag_problems(body, column_map, not_judged)  # ('Pending Termination' = Yes)
    problems += gift_rule_problems(body, column_map, not_judged)  # ('Government Official' = true)
    problems += letter_problems(body, column_map, not_judged)  # ('Employee Status' = S beside F, P, T)
    problems += named_ask_problems(body, column_map, not_judged)  # ('Kai Vo (unclaimed)')
    problems += mail_count_problems(body, column_map, not_judged)  # ('Returned Mail Count' = 2)
    problems += moved + status_ask_problems(body, column_map, not_judged)  # ('Status' = 'send to office')
    problems += address_missing_problems(body, column_map, not_judged, told={p.row for p in moved})
    problems += _unit_in_a_note(body, column_map, not_judged)
    problems += _changed_in_a_note(body, column_map, not_judged, default_value)
    return problems


# A note giving the person another address ("New address: 5 Oak St, Salem", "Moved to 9 Elm Rd", "Ship to:
# 1 Work Plaza"): the card would go to the street the row still names (found by hunter-sheets); also with a
# name or a 'please' before the street ('Send to John Smith at 12 Oak St', 'Please send to 9 Pine Rd': found
# by review29, each went to the row's street). "New address confirmed" (no number) or "Send to 2 kids" (no
# street) is none
_STREET_WORD = (
    r"(?=.*\b(?:st|street|ave|avenue|rd|road|blvd|dr|drive|ln|lane|ct|court|way|pl|plaza|plz|pkwy|hwy|box)\b)"
)
# ... a street's own word, as it follows its number and name ('12 Oak St', '9 Pine Rd'): after a name or a
# 'please', the number before it must be a house's, the street word a few words on ('Send to employee by
# 12/15 either way' names no street)
_STREET_NAME = r"(?:st|street|ave|avenue|rd|road|blvd|dr|drive|ln|lane|ct|court|way|pl|plaza|plz|pkwy|hwy)"
# a number that may be a house's: not a day ('New address confirmed 11/20'), a time or a year ('Moved to
# Engineering in 2024'), each of which stopped an ordinary HR list's row (found by hunter-falsealarm1); nor an
# ordinal ('Moved to 3rd grade', 'Moved to 2nd shift', 'Moved to 4th period': a school's or a plant's staff
# list stopped, found by hunter-falsealarm9). A street of one ('Moved to 12th St') names its street word
_HOUSE_NUMBER = r"(?<![\d/.:-])(?!(?:19|20)\d\d\b)\d+(?![\d/:-]|\.\d|(?:st|nd|rd|th)\b)"
_NEW_ADDRESS = re.compile(
    r"(?i)^\W*(?:(?:(?:new|updated|changed|corrected|correct|current)\s+(?:home\s+|mailing\s+)?addr(?:ess)?|"
    # ('Change of address: 5 Oak St', 'NCOA - 5 Oak St': the old street ordered, hunter-asks5)
    rf"addr(?:ess)?\s+(?:changed?|updated?|correction)|moved|relocated)\b(?=.*\d{_STREET_WORD}|.*{_HOUSE_NUMBER})|"
    rf"(?:change\s+of\s+addr(?:ess)?|n?coa)\b(?=.*\d{_STREET_WORD})|"
    # ... or where the person is now, a street's number and word after ('Gone from this address - now at 5 Oak
    # St': sent to the old street, found by review60); not 'now at 80% FTE'
    rf"(?:now\s+(?:lives\s+|living\s+|resides\s+)?at|(?:lives|living|resides)\s+now\s+at)\W*\d{_STREET_WORD}|"
    # ... or the card addressed to a street ('Address to: 5 Oak St': ordered to the row's, hunter-asks6)
    r"(?:(?:please|pls|plz|kindly)\s+)?(?:ship|send|mail|deliver|forward|address(?:ed)?)(?:\s+(?:it|card|gift|the\s+card))?"
    rf"\s+to(?:\W*\d{_STREET_WORD}|\b[^\d]{{1,60}}{_HOUSE_NUMBER}\s+(?:[\w.'-]+\s+){{0,3}}{_STREET_NAME}\b))"
)


def _moved_in_a_note(body: pd.DataFrame, column_map: dict[str, str], not_judged: set[int]) -> list[Problem]:
    """A row whose note (a column of notes nothing else reads) gives another address than its street's: which
    one is right? Not when the note names the row's street (the row was corrected already)."""
    street = next((h for h, field in column_map.items() if field == "address1"), None)
    if street is None:
        return []
    own = street_places(str(street))
    problems = []
    for column in note_columns(body, column_map):
        header = column.header
        to_come = column.saying(_address_to_come)
        for row in column.rows(to_come, not_judged):
            said, typed = column.said(row), " ".join(str(body.at[row, street]).split())
            if not typed:  # no street: its address to come, sent to no other ('Mailing' empty beside 'Work')
                problems.append(address_missing(row, header, said, str(street)))
                continue
            problems.append(address_to_change(row, header, said, str(street), typed))
        new_street = _gives_a_street(column) & ~to_come
        problems += _another_street(body, column_map, column, column.rows(new_street, not_judged))
        boxed = column.saying(lambda note: po_box_only(note, "")) & ~to_come & ~new_street
        for row in column.rows(boxed, not_judged):  # ('PO box only' beside a street: .addresstocome)
            said, typed = column.said(row), " ".join(str(body.at[row, street]).split())
            if typed and po_box_only(said, typed):
                problems.append(address_to_change(row, header, said, str(street), typed))
        elsewhere = column.saying(lambda note: note_sends_elsewhere(note, own)) & ~to_come & ~new_street
        for row in column.rows(elsewhere, not_judged):
            problems.append(sent_elsewhere(column, row, " ".join(str(body.at[row, street]).split())))
        someone = column.saying(lambda note: bool(named_in_note(note))) & ~elsewhere & ~to_come & ~new_street
        named = named_problems(body, column_map, column, column.rows(someone, not_judged))
        # ... or to a town or a state not the row's ('Send to her home in FL' on a Boston row)
        somewhere = (
            column.saying(lambda note: bool(places_in_note(note))) & ~elsewhere & ~to_come & ~new_street
        )
        placed = place_problems(body, column_map, column, column.rows(somewhere, not_judged))
        problems += named + [p for p in placed if p.row not in {n.row for n in named}]
    return problems


_NUMBERED_STREET = re.compile(rf"(?i)\d{_STREET_WORD}")


def _gives_a_street(column: NoteColumn) -> np.ndarray:
    """The cells of ``column`` one of whose parts gives a new street (:data:`_NEW_ADDRESS`)."""
    return column.saying(lambda note: any(map(_NEW_ADDRESS.match, note_parts(note))))


def _another_street(
    body: pd.DataFrame, column_map: dict[str, str], column: NoteColumn, rows: list[int]
) -> list[Problem]:
    """Of ``rows`` (their cell giving a new street), those whose street is not the one given: which is
    right? Not when the cell names the row's street (the row was corrected already), nor a unit the row's
    lines hold."""
    street, header = next(h for h, field in column_map.items() if field == "address1"), column.header
    problems = []
    for row in rows:
        said, typed = column.said(row), " ".join(str(body.at[row, street]).split())
        if typed and typed.casefold() in said.casefold():
            continue
        moved_in = _MOVED_INDOORS.search(column.notes[row][:200])
        if moved_in and _lines_hold_unit(body, column_map, row, moved_in["unit"]):
            continue
        message = (
            f"Row {row}, column '{header}': says '{_short(said, 60)}' where '{street}' says '{typed}': "
            f"which address is right? Put the right one in '{street}' (and the address columns beside "
            f"it) and {clear_cell(header)}."
        )
        problems.append(Problem(row, "address1", typed, "error", message, NOTE_GIVES_ADDRESS))
    return problems


def _moved_in_a_status(body: pd.DataFrame, column_map: dict[str, str], not_judged: set[int]) -> list[Problem]:
    """A row whose status says the person moved or the address is old or to change ('Moved', 'moved 11/15',
    'Returned - address on row is old'): each was ordered to the row's street, exit 0, where the same words
    under 'Notes' are this error (hunter-sends10's brief). The same error now.
    ... or gives the new street ('Moved to 5 Oak St', 'No longer lives here - new address 5 Oak St'): the card
    went to the row's old street, where under 'Notes' it is an error (found by review60)."""
    street = next((h for h, field in column_map.items() if field == "address1"), None)
    problems: list[Problem] = []
    for column in status_columns(body, column_map) if street is not None else ():
        to_come = column.saying(_address_to_come)
        # (a street's number and word: 'Address updated Nov 20' under a status says the row's is right)
        streets = (
            _gives_a_street(column)
            & column.saying(lambda cell: bool(_NUMBERED_STREET.search(cell)))
            & ~to_come
        )
        problems += _another_street(body, column_map, column, column.rows(streets, not_judged))
        for row in column.rows(to_come, not_judged):
            said, typed = column.said(row), " ".join(str(body.at[row, street]).split())
            problems.append(
                address_to_change(row, column.header, said, str(street), typed)
                if typed
                else address_missing(row, column.header, said, str(street))
            )
        # ('PO box only' beside a street: sent there, exit 0, where under 'Notes' it asks; hunter-asks5)
        boxed = column.saying(lambda cell: po_box_only(cell, "")) & ~to_come & ~streets
        for row in column.rows(boxed, not_judged):
            said, typed = column.said(row), " ".join(str(body.at[row, street]).split())
            if typed and po_box_only(said, typed):
                problems.append(address_to_change(row, column.header, said, str(street), typed))
    return problems


# A note giving the apartment or suite the row's address lacks ('Send to Apt 4B', 'Add unit 12', 'Suite 200'):
# the parcel went without it, to a building of many doors (found by hunter-sheets16, a leftover of
# hunter-sheets15). Not when line 1 or 2 holds it already, nor a 'Unit 5' or 'Suite 200' alone (a business
# unit, an office's suite on a list sent home)
_UNIT_NOTE = re.compile(
    r"(?i)^\W*(?:(?:please|pls|plz|kindly)\s+)?"
    r"(?:(?:(?:ship|send|mail|deliver)(?:\s+(?:it|card|gift|the\s+card))?\s+to|add|include|use|missing|needs?)\s+"
    r"(?:the\s+)?(?:apt|apartment|unit|suite|ste|flat)|apt|apartment|flat)"
    r"\.?\s*(?:#|no\.?|number)?\s*(?P<unit>\d{1,5}[a-z]?|[a-z]\d{0,4})"
    r"(?:\s+(?:to|in|on)\s+(?:the\s+)?addr(?:ess)?)?\W*$"
)
# how the row's lines name a unit ('Apt 4B', 'Apt4B', '#4B'), taken off to find its number alone
_UNIT_WORD = re.compile(r"(?i)(?:\b(?:apt|apartment|unit|suite|ste|flat)\.?|#)\s*")
_HOUSE_FIRST = re.compile(r"^\s*\d+\s+")


def _address_lines(column_map: dict[str, str]) -> list[str]:
    """The headers of the row's address lines 1 and 2."""
    return [h for field in ("address1", "address2") for h, f in column_map.items() if f == field]


def _lines_hold_unit(body: pd.DataFrame, column_map: dict[str, str], row: int, unit: str) -> bool:
    """Whether the row's address lines hold the unit ``unit`` ('Apt 4B', 'Apt4B', '#4B' hold '4b')."""
    typed = " ".join(str(body.at[row, h]) for h in _address_lines(column_map))
    held = _HOUSE_FIRST.sub(
        "", _UNIT_WORD.sub(" ", " ".join(typed.split()))
    ).casefold()  # (not 'Apt 1' by '1 Main St')
    return re.search(rf"(?<![0-9a-z]){re.escape(unit.casefold())}(?![0-9a-z])", held) is not None


# A move within the building ('Moved from apt 4 to apt 9 in the same building (updated)', 'Moved to unit
# 12B'): no other street, only another door. Where the row's lines hold that unit already the row was
# corrected, and it stopped as 'which address is right?' (hunter-falsealarm3's L7; the lead decided so).
# Lines without it still stop
_MOVED_INDOORS = re.compile(
    rf"(?i)^(?!.*\d{_STREET_WORD})\W*(?:moved|relocated)\b(?:\s+from\s+(?:the\s+)?"
    r"(?:apt|apartment|unit|suite|ste|flat|#)\.?\s*#?\s*\w+)?\s+(?:in(?:to)?\s+|to\s+)(?:the\s+)?"
    r"(?:apt|apartment|unit|suite|ste|flat|#)\.?\s*(?:#|no\.?|number)?\s*(?P<unit>\d{1,5}[a-z]?|[a-z]\d{0,4})\b"
)


def _unit_in_a_note(body: pd.DataFrame, column_map: dict[str, str], not_judged: set[int]) -> list[Problem]:
    """A row whose note (:data:`_UNIT_NOTE`) gives a unit its address lines do not hold: an error saying to
    put it in line 2. Each distinct note is read once, and only the rows of those naming a unit after."""
    lines = _address_lines(column_map)
    if not lines:
        return []
    problems = []
    for column in note_columns(body, column_map):
        units = column.saying(lambda note: _UNIT_NOTE.match(note[:100]) is not None)
        for row in column.rows(units, not_judged):
            unit = _UNIT_NOTE.match(column.notes[row][:100])["unit"]  # type: ignore[index]
            if _lines_hold_unit(body, column_map, row, unit):
                continue
            typed = " ".join(" ".join(str(body.at[row, h]) for h in lines).split())
            said, lines_say = _short(column.said(row), 60), _short(typed, 60)
            message = (
                f"Row {row}, column '{column.header}': says '{said}' where the address ('{lines_say}') holds "
                f"no such unit: the card would go without it. Put it in '{lines[-1]}' and "
                f"{clear_cell(column.header)}."
            )
            problems.append(Problem(row, "address1", typed, "error", message, NOTE_GIVES_ADDRESS))
    return problems


def asks_of_rows(header: object) -> bool:
    """Whether a column no field reads is read to ask about its rows: an address marked moved ('NCOA Flag' =
    Y), a person leaving ('Pending Termination' = Yes). Listed as 'not used' while its cells raised errors
    (newcomer27's N5b), it read as safe to delete."""
    return (
        reads_moves(header) or reads_leaving(header) or reads_gift_rules(header) or reads_mail_counts(header)
    )
