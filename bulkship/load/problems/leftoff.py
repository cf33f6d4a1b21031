"""A column nothing reads that holds part of the row's address ('Building' = Bldg 7, 'Floor' = 12, 'Mail
Stop', 'Additional Address', 'Address Line 4') beside the address columns read: the parcel would go without
it. An error on each row where it says something line 1 and line 2 do not hold already (found by
hunter-sheets7: 'Floor' 12 and 'Additional Address' Attn: Mailroom beside 'Address 2' were left off the
parcels, a notice at most, exit 0). The person adds it to line 2, heads the column 'Address Line 3' (added to
line 2), or deletes it when it is no part of this address (an office's floor on a list sent home)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from ...columns import ColumnInfo, _words
from ...columns.fields import QUALIFIER_RANK
from ...models import Problem
from ..doubtful import _LINE_2_TEXT
from ..skipped import _short

# Header words naming a place inside an address (what a second address line holds): its values say whether it
# does ('Floor' = 12, 'Building' = Bldg 7; not 'Floor Manager' = Dana Wu, nor an HR export's 'Unit' = Finance)
# ... unless the header names a sum or a count: 'Unit Price' = 25, 'Unit Cost' = 24.38 beside Amount are money
_NO_PLACE_WORDS = frozenset(
    {"price", "cost", "value", "amount", "amt", "fee", "rate", "total", "qty", "quantity", "count", "budget"}
)
_PLACE_WORDS = frozenset(
    {
        "apt",
        "apartment",
        "suite",
        "ste",
        "building",
        "bldg",
        "floor",
        "flr",
        "flat",
        "room",
        "rm",
        "mailstop",
        "unit",
    }
)
# Headers naming another line of the address: any value there is part of it ('Additional Address', 'Address
# Line 4', 'Mail Stop', 'c/o'); 'Address 2: City' is a contact export's second address, no line of it
_MORE_ADDRESS = re.compile(
    r"(?i)\W*(?:(?:street\s+|mailing\s+|shipping\s+)?(?:addr(?:ess)?|street)\s*(?:line\s*)?[3-9]|line\s*[3-9]|"
    r"(?:additional|addl|extra|supplementa(?:l|ry))\s+addr(?:ess)?(?:\s+(?:line|info(?:rmation)?|details?))?|"
    r"addr(?:ess)?\s+(?:supplement|addition|extension|continued|cont\.?)|mail\s*stop|c\s*/\s*o|care\s+of)"
    r"\W*(?:\([^()]*\))?\W*"
)
_MAIL_STOP = re.compile(r"(?i)\bmail\s*stop\b")  # 'Mail' there is no mailing address's
_NOTHING = re.compile(r"(?i)\s*(?:n\.?\s*/?\s*a\.?|none|nil|null|no|-+|–|—|\.|same|same as above)?\s*")
_FOLD = re.compile(r"[^0-9a-z]+")


def _names_a_place(header: str) -> bool | None:
    """True when the header names another line of the address (any value counts), None when it names a place
    in an address (values reading like one count), False otherwise."""
    if _MORE_ADDRESS.fullmatch(header):
        return True
    words = set(_words(header)) | {"".join(_words(header))}
    return None if words & _PLACE_WORDS and not words & _NO_PLACE_WORDS else False


def _qualifiers(header: str) -> set[str]:
    """The words naming whose address a header's is ('Home', 'Work', 'Shipping')."""
    return {word for word in _words(_MAIL_STOP.sub(" ", header)) if word and word in QUALIFIER_RANK}


# A room or mail stop beside a home address ('Room #' = 104 on a teachers' list whose 'Home street address'
# the cards go to): the workplace's, no part of a home. Read as one, every row of a PTA form was an error, and
# a 'Room' beside 'Home Address' refused a teachers' list (found by hunter-falsealarm4; hunter-falsealarm3's
# L3). Beside a street not said to be home ('Address', 'Mailing Address') it is still asked about
_AT_WORK = frozenset({"room", "rm", "mailstop", "classroom", "cubicle", "desk"})
_HOME = frozenset({"home", "personal", "residential", "residence", "private"})


def a_room_at_work(header: str, street: str) -> bool:
    """Whether ``header`` names a room or mail stop (:data:`_AT_WORK`) beside a home ``street`` column."""
    words = set(_words(header)) | {"".join(_words(header))}
    return bool(words & _AT_WORK) and bool(set(_words(street)) & _HOME)


def _left_off_problems(
    body: pd.DataFrame,
    columns: Sequence[ColumnInfo],
    column_map: dict[str, str],
    not_judged: set[int],
    chosen: dict[str, str],
) -> list[Problem]:
    """Each row where an unused visible column naming a place in the address says something the parcel's
    lines do not hold (not when ``chosen``, the program's [columns], says no column is line 2)."""
    fed = {field: header for header, field in column_map.items()}
    street = fed.get("address1")
    if street is None or chosen.get("address2") == "":
        return []
    lines = [fed[field] for field in ("address1", "address2", "company") if field in fed]
    held = pd.Series("", index=body.index)
    for line in lines:
        held = held + body[line].fillna("").astype(str).str.casefold().str.replace(_FOLD, "", regex=True)
    field = "address2" if "address2" in fed else "address1"
    group = _qualifiers(street)
    problems = []
    for info in columns:
        if info.status != "unused" or info.hidden or info.note or info.header not in body.columns:
            continue
        if _qualifiers(info.header) - group:  # another address's ('Work Floor' beside 'Home Address')
            continue
        if a_room_at_work(info.header, street):  # a classroom beside the home street
            continue
        says = _names_a_place(info.header)
        if says is False:
            continue
        cells = body[info.header].fillna("").astype(str).str.strip()
        for row, value in zip(cells.index.tolist(), cells.tolist(), strict=True):
            if not value or _NOTHING.fullmatch(value) or row in not_judged:
                continue
            if says is None and not _LINE_2_TEXT.search(value):
                continue
            if _FOLD.sub("", value.casefold()) in held[row]:
                continue
            where = f"'{fed['address2']}'" if "address2" in fed else f"'{street}'"
            message = (
                f"Row {row}, column '{info.header}': '{_short(value, 40)}' is part of the address, but "
                f"nothing reads this column: the parcel would go without it. Add it to {where} (after what "
                "it says), or head the column 'Address Line 3' to add it to line 2; if it is no part of this "
                "address, delete the column."
            )
            problems.append(Problem(int(row), field, value, "error", message, "Address part not sent"))
    return problems
