"""Placeholders where a name or an address belongs ('TBD', 'N/A', 'same as above', '-', 'Office'), a name
saying who the gift is for instead of the person ('Self', 'Spouse'), and a name that is an email, a web
address or a number: a parcel addressed to any of them is lost. Called first by
:func:`.addresses.check_addresses`."""

from __future__ import annotations

import re

import pandas as pd

from ..collect import ProblemCollector
from ..fewrows import clear_of, few_cells, say
from ..normalize import DITTO, EMPTY_MARK, by_unique, fullmatch_mask
from .nameparts import check_name_parts

# What a request form leaves in an address or a name nobody has filled in yet: a parcel sent to it is lost.
PLACEHOLDER = re.compile(
    r"(?i)\s*(?:tbd|tba|tbc|n/?a|none|unknown|pending|\?+|-+|\.+|x+|same(?:\s+as)?\s+(?:above|previous)|"
    r"see\s+(?:above|below|notes?)|to\s+be\s+(?:determined|confirmed|added)|address\s+to\s+follow|"
    # ... and what people write for "I will tell you later" or "you know where" (found by newcomer8)
    r"ditto|as\s+above|same|same\s+as\s+(?:row\s+\d+|before|last\s+(?:time|year)|home|work|office)|"
    r"(?:(?:address|addr\.?)\s+)?on\s+file|use\s+(?:home|work|office|current|my)\s+address|"
    r"will\s+(?:provide|send|follow|update)|ask\s+(?:manager|hr|me|him|her|them)|(?:hold\s+for\s+)?pick\s*-?\s*up|"
    r"hand\s+deliver(?:y|ed)?|deliver\s+to\s+(?:desk|office)|in\s+person|to\s+follow|"
    # ... and the 0 a VLOOKUP gives for an empty cell: a Preferred Name of 0 was sent as '0 Lee' (found by
    # hunter-sheets8)
    r"0+(?:\.0+)?|"
    # ... and an export's where nobody gave it (Eventbrite's 'Info Requested': found by hunter-sheets24)
    r"info(?:rmation)?\s+requested|not\s+(?:provided|given|specified|supplied)|"
    rf"{DITTO}|"
    # ... and what an Excel pivot table shows for an empty item ('(blank)': found by hunter-sheets9)
    rf"{EMPTY_MARK})\s*"
)
# Where to ship, written where a name or a street belongs ("Ship To" = Home, a street "Office")
PLACE = re.compile(
    r"(?i)\s*(?:home|office|work|residence|residential|mailing|business|personal|remote|campus|headquarters|hq|"
    r"site|desk|front\s+desk|mail\s*room|reception|company)(?:\s+(?:address|addr\.?|location))?\s*"
)


# Who a gift is for, where the name belongs ("Recipient" = Self / Spouse beside "Employee")
RELATION = re.compile(
    r"(?i)\s*(?:self|employee|spouse|partner|husband|wife|child|son|daughter|dependent|dependant|parent|"
    r"family|guest|other|n/?a)\s*"
)


def check_placeholders(frame: pd.DataFrame, collector: ProblemCollector) -> None:
    """A name, street or city that only holds a placeholder ('TBD', 'N/A', 'same as above', '-'), and a name
    that says who the gift is for instead of naming the person ('Self', 'Spouse'). A list of a few rows is
    read in plain Python (..fewrows), the same patterns in the same order."""
    few = few_cells(frame, (*_PARTS, "first_name", "last_name"))
    names = frame["name"]
    relation = (
        names.ne("") & by_unique(names, lambda c: fullmatch_mask(c, RELATION.pattern))
        if few is None
        else [n != "" and RELATION.fullmatch(n) is not None for n in few["name"]]
    )
    say(collector.error, frame.index, relation, "name", "Not a name", _NOT_A_NAME)
    _check_no_person(names, collector)
    # line 2 too: 'TBD' there is an apartment nobody knows yet ('N/A' was emptied: normalize.nothing_written)
    for column, (article, what, way_out) in _PARTS.items():
        placeholder = (
            _placeholder_mask(frame[column], column) & ~collector.has_error(column)
            if few is None
            else _placeholder_flags(
                few[column], column, clear_of(frame.index, collector.rows_in_error(column))
            )
        )
        say(
            collector.error,
            frame.index,
            placeholder,
            column,
            "Placeholder instead of an address",
            f"'{{old}}' is a placeholder, not {article} {what}: fill in the recipient's real {what}, or "
            f"{way_out}.",
        )
    check_name_parts(frame, collector, PLACEHOLDER.pattern, few)
    if "company" in frame.columns:  # any text may name a company, but not "the same as above"
        _check_company_ditto(frame, collector, None if few is None else few_cells(frame, ("company",)))


def _check_company_ditto(
    frame: pd.DataFrame, collector: ProblemCollector, few: dict[str, list[str]] | None
) -> None:
    company = frame["company"]
    ditto = (
        company.ne("")
        & by_unique(company, lambda c: fullmatch_mask(c, _DITTO_ALONE.pattern))
        & ~collector.has_error("company")
        if few is None
        else _ditto_flags(few["company"], clear_of(frame.index, collector.rows_in_error("company")))
    )
    say(
        collector.error,
        frame.index,
        ditto,
        "company",
        "Placeholder instead of an address",
        "'{old}' says 'the same as above', and would be printed on the parcel as written: write the "
        "company out on each row, or empty the cell if there is none.",
    )


def _ditto_flags(values: list[str], clear: list[bool]) -> list[bool]:
    return [
        ok and v != "" and _DITTO_ALONE.fullmatch(v) is not None for v, ok in zip(values, clear, strict=True)
    ]


_NOT_A_NAME = (
    "'{old}' says who the gift is for, not the recipient's name (a parcel addressed to '{old}' is lost): "
    "write the person's name in the name column, or map the column that holds it (Columns page, or "
    "[columns] name = ...)."
)
_UNKNOWN = "leave the row out until it is known"
# The columns a placeholder may not fill: column -> its article, what it holds, and what to do instead
_PARTS = {
    "name": ("a", "name", _UNKNOWN),
    "address1": ("a", "street address", _UNKNOWN),
    "address2": ("an", "apartment, suite or unit", "empty the cell if there is none"),
    "city": ("a", "city", _UNKNOWN),
}
# A town may be called Office or Home, line 2 may say "Office": only a name or a street is not a place
_NOT_A_PLACE = ("name", "address1")
_DITTO_ALONE = re.compile(rf"(?i)\s*(?:{DITTO})\s*")


def _placeholder_mask(values: pd.Series, column: str) -> pd.Series:
    """The cells of ``values`` that are a placeholder (in a name or street also a place to ship)."""
    placeholder = values.ne("") & by_unique(values, lambda c: fullmatch_mask(c, PLACEHOLDER.pattern))
    if column in _NOT_A_PLACE:
        placeholder |= values.ne("") & by_unique(values, lambda c: fullmatch_mask(c, PLACE.pattern))
    return placeholder


def _placeholder_flags(values: list[str], column: str, clear: list[bool]) -> list[bool]:
    """:func:`_placeholder_mask` of a few cells, on the ``clear`` ones only (no error in the column yet)."""
    place = column in _NOT_A_PLACE
    return [
        ok
        and value != ""
        and (PLACEHOLDER.fullmatch(value) is not None or (place and PLACE.fullmatch(value) is not None))
        for value, ok in zip(values, clear, strict=True)
    ]


# What a name column holds when it was filled from another one: an email, a web address, a number
_EMAIL = re.compile(r"[^\s@<>]+@[^\s@<>]+\.[^\W\d_]{2,}")
_WEB = re.compile(r"(?i)\b(?:https?://|www\.)")
_LETTERS = re.compile(r"[^\W\d_]")


def _check_no_person(names: pd.Series, collector: ProblemCollector) -> None:
    """A name that is an email or web address ('ann.lee@corp.com', 'Ann Lee <ann@corp.com>') or a number
    ('12345', '(617) 555-1212', 'E-1001'): printed on the parcel as the recipient's name, nothing said
    (found by hunter-sheets2). Each is an error; its column is likely another than the name's."""
    text = "\n".join(names.tolist())
    if "@" in text or _WEB.search(text):  # one scan first: the usual list has neither
        collector.error(
            (names.str.contains(_EMAIL, regex=True) | names.str.contains(_WEB, regex=True))
            & ~collector.has_error("name"),
            "name",
            "Not a name",
            "'{new}' holds an email or web address, which would be printed on the parcel as the recipient's "
            "name: write the person's name, or map the column that holds it (Columns page, or [columns] "
            "name = ...).",
        )
    if re.search(r"\d", text):  # one scan first: names seldom hold a digit
        numbers = names.str.contains(r"\d", regex=True)
        some = names[numbers]
        letters, digits = some.str.count(_LETTERS.pattern), some.str.count(r"\d")
        numbers[numbers] = letters.eq(0) | (letters.eq(1) & digits.ge(3))  # "3M" is a name
        collector.error(
            numbers & ~collector.has_error("name"),
            "name",
            "Not a name",
            "'{new}' is a number, not the recipient's name (a parcel addressed to it is lost): write the "
            "person's name, or map the column that holds it (Columns page, or [columns] name = ...).",
        )
