"""A cell holding more than its field: a whole address in the street or the city ("1 Work Plaza, Boston MA
02110", "Salem, NH"), two streets, cities or names in one cell (moved out of :mod:`.addresses`, which calls
them)."""

from __future__ import annotations

import re

import pandas as pd

from ..collect import ProblemCollector
from ..usps import STATE_NAMES

# The end of a street cell holding a whole address: "1 Work Plaza, Boston, MA 02110", "Chicago IL 60606 USA"
_STATE_AND_ZIP_AT_END = re.compile(
    r"(?i)(?:^|[\s,])([A-Z]{2})\.?[\s,]+(\d{5})(?:-?\d{4})?"
    r"(?:[\s,]+(?:US|USA|U\.S\.(?:A\.)?|United\s+States(?:\s+of\s+America)?))?\s*\.?\s*$"
)

_STATE_AND_ZIP_AT_LINE_END = re.compile(_STATE_AND_ZIP_AT_END.pattern, re.MULTILINE)
_FIVE_DIGITS = re.compile(r"\d{5}")
_COMMA_STATE_AT_END = re.compile(r"(?i),\s*([A-Z]{2})\.?\s*$")  # a city written "Salem, NH"


def check_address_in_street(frame: pd.DataFrame, collector: ProblemCollector) -> None:
    """A street, line 2 or city ending with a state and a ZIP ("1 Work Plaza, Boston MA 02110": an address
    pasted whole into the street cell, or a 'Delivery Address' column holding whole addresses beside City,
    State and ZIP; a city "Chicago, IL 60606" or "Salem, NH"). Another state or ZIP than the row's columns is
    an error: the parcel showed both and went where the ZIP column said (found by hunter-sheets2). The row's
    own state and ZIP, a warning: printed twice."""
    row_zip = frame["zip"].str[:5]
    known = frame["state"].ne("") & frame["zip"].ne("") & ~collector.has_error("zip")
    for column, what in (("address1", "street"), ("address2", "street"), ("city", "city")):
        values = frame[column]
        text = "\n".join(values.tolist())
        city_state = column == "city" and "," in text
        zips = _FIVE_DIGITS.search(text) is not None and _STATE_AND_ZIP_AT_LINE_END.search(text) is not None
        if not (city_state or zips):  # the usual list: one scan or two
            continue
        found = values.str.extract(_STATE_AND_ZIP_AT_END)
        state, code = found[0].fillna("").str.upper(), found[1].fillna("")
        if city_state:
            alone = values.str.extract(_COMMA_STATE_AT_END)[0].fillna("").str.upper()
            state = state.where(code.ne(""), alone)
        ends = state.isin(list(STATE_NAMES)) & known & ~collector.has_error(column)
        other = ends & (state.ne(frame["state"]) | (code.ne("") & code.ne(row_zip)))
        collector.error(
            other,
            column,
            f"Another address in the {what}",
            "'{old}' ends with {named}, but the row's State and ZIP are {state} {zip}: which address is "
            f"right? Keep only the {what} in this column, and the right city, state and ZIP in their own "
            "columns.",
            extra={"named": (state + " " + code).str.strip()},
        )
        collector.warn(
            ends & ~other & code.ne(""),
            column,
            "City in the street" if what == "street" else "State and ZIP in the city",
            "'{old}' ends with the row's own state and ZIP, printed again under it on the parcel; keep only "
            f"the {what} in this column.",
        )


# Where a cell holds two streets or towns: lines (Alt+Enter), ' / ', ' | ', ';' or ' or ' between them
_PARTS = re.compile(r"\n|\s+/\s+|\s+\|\s+|;|\s+or\s+", re.IGNORECASE)
# A part that is a street: a house number and a word ("45 Harbor Rd", "new: 8 Derby Sq", "12-14 Main St")
_STREET = re.compile(
    r"(?i)(?:(?:old|new|was|now|previous|former|current|moved(?:\s+to)?)\b\s*[:=-]?\s*)?"
    r"\d+[A-Z]?(?:-\d+[A-Z]?)?\s+(?!(?:fl|flr|floor|apt|unit|ste|suite|bldg|building|rm|room|box)\b)"
    r"[^\W\d_]{2,}"
)


def check_two_in_one_cell(frame: pd.DataFrame, collector: ProblemCollector) -> None:
    """A street or line 2 holding two streets ('12 Beacon St' and '45 Harbor Rd' on two lines of the cell,
    '9 Elm St / 3 Oak St', '5 Main St' and 'new: 8 Derby Sq'), or a city on two lines ('Lynn' and 'Salem'):
    all of it went on the label as one line, and the card to whichever the carrier read (found by
    hunter-sheets3). An error: which one is meant? A name holding two people's names ('Dee Fox' and 'Dee
    Smith', 'Kim Ng; Sam Ng') too (found by hunter-sheets4: 'Dee Fox Dee Smith' went on the parcel)."""
    fields = (("address1", "street"), ("address2", "street"), ("city", "city"), ("name", "name"))
    for column, what in fields:
        what_s = {"city": "cities", "name": "names"}.get(what, "streets")
        values = collector.original(column).reindex(frame.index).fillna("").astype(str)
        # the usual list: one scan. Joined by NUL, which no separator reads: joined by a line break, itself a
        # separator, every list of two rows was read cell by cell (5 % of checking a short list)
        text = "\x00".join(values.tolist())
        if not _PARTS.search(text):
            continue
        # only the cells holding a separator can hold two (one ' or ' in 100k names split every cell: 1 s)
        values = values[values.str.contains(_PARTS)]
        parts = values.map(_distinct_parts)
        if what == "street":
            two = parts.map(lambda ps: sum(bool(_STREET.match(p)) for p in ps) >= 2)
        elif what == "name":
            two = parts.map(lambda ps: sum(_full_name(p) for p in ps) >= 2)
        else:
            two = values.str.contains("\n", regex=False) & parts.map(len).ge(2)
        collector.error(
            two.astype(bool).reindex(frame.index, fill_value=False) & ~collector.has_error(column),
            column,
            f"Two {what_s} in one cell",
            f"holds two {what_s} ({{parts}}), which would go on the parcel as one line: which one is meant? "
            f"Keep only the recipient's {what} in this cell.",
            extra={"parts": parts.map(lambda ps: " and ".join(f"'{p}'" for p in ps))},
        )


# A part of a name cell that is a person's whole name: two words or more, each of letters (and . ' -), none a
# job title or company word ('Ann Lee' over 'VP Marketing' is one person and her title, sent as written)
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_.'’-]*(?:[.'’-][^\W\d_]*)*\.?")
_NOT_A_NAME_WORD = frozenset(
    {"vp", "svp", "evp", "avp", "president", "vice", "director", "manager", "mgr", "head", "chief", "ceo",
     "cfo", "coo", "cto", "cio", "officer", "lead", "engineer", "analyst", "specialist", "coordinator",
     "associate", "assistant", "admin", "administrator", "marketing", "sales", "finance", "hr", "it",
     "operations", "dept", "department", "team", "office", "inc", "llc", "ltd", "corp", "co", "company",
     "attn", "attention", "and", "family", "household", "the", "of", "for"}
)  # fmt: skip


def _full_name(part: str) -> bool:
    words = part.split()
    return len(words) >= 2 and all(
        _NAME_WORD.fullmatch(w) and w.casefold().strip(".") not in _NOT_A_NAME_WORD for w in words
    )


def _distinct_parts(cell: str) -> list[str]:
    """A cell's parts, each once (a street written twice is one street)."""
    parts: dict[str, str] = {}
    for part in _PARTS.split(cell):
        parts.setdefault(" ".join(part.casefold().split()), part.strip())
    return [part for key, part in parts.items() if key]
