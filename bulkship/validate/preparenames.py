"""The name on each row made ready (a step of :func:`.prepare._normalise`): Last, First turned round, a
leave, an employee number or a remark taken off, a suffix column added, the whole name found in one of the
First and Last Name cells, one word given its Last Name, and a name of another person than the row's an
error; each change said."""

from __future__ import annotations

import re

import pandas as pd

from ..columns.fields import PREFERRED
from ..models import NAME_COLUMNS, LoadedSheet
from . import invisible, normalize
from .collect import ProblemCollector
from .names import (
    _NUMBER_IN_BRACKETS,
    _names_another,
    _one_holding_both,
    _placeholders,
    _with_last_name,
    _with_suffix,
    preferred_in_parts,
    remark_at_end,
    without_leave,
)

# Emoji and pictographs, dingbats, arrows, technical and miscellaneous symbols, stars; ©, ®, ™
_SYMBOL = "[\u00a9\u00ae\u2122\u2190-\u21ff\u2300-\u23ff\u2460-\u27bf\u2900-\u2bff\U0001f000-\U0001faff]"


def _goes_by(header: str | None) -> bool:
    """Whether a name column's header says it holds the name a person goes by ("Preferred Name", "Known As",
    "Nickname"): one word there is a first name."""
    return not PREFERRED.isdisjoint(re.findall(r"[a-z]+", (header or "").casefold())) or bool(
        re.search(r"(?i)\bgoes\s+by\b|\bnick", header or "")
    )


def last_first(frame: pd.DataFrame, collector: ProblemCollector, sheet: LoadedSheet) -> str | None:
    """The name column's 'Last, First' turned round, said; returns the name column's header, if any."""
    name_header = next((h for h, c in sheet.column_map.items() if c == "name"), None)
    if name_header is not None:
        frame["name"], changed, lone = normalize.last_first(
            frame["name"], declared=name_header in sheet.last_first
        )
        # not said where the row's own First and Last Name read the same (an ADP export's 'Payroll Name'
        # beside 'Legal First Name' | 'Legal Last Name': every row warned, found by newcomer7)
        if changed.any():  # the usual list turns nothing: nothing compared
            columns = (frame[c].tolist() for c in NAME_COLUMNS)
            own = [n.casefold() == f"{f} {la}".strip().casefold() for n, f, la in zip(*columns, strict=True)]
            changed &= ~pd.Series(own, index=frame.index)
        collector.warn(changed, "name", "Name written Last, First", "'{old}' read as {new}.")
        collector.warn(  # sent as written: the column's other names are First Last
            lone.ne(""),
            "name",
            "Name perhaps written Last, First",
            "'{name}' is sent as written (the other names of the column are First Last): if it is Last, "
            "First, write it '{turned}'.",
            extra={"turned": lone},
        )
    return name_header


def taken_off(frame: pd.DataFrame, collector: ProblemCollector) -> None:
    """A leave and an employee number in brackets taken off the name, said; a remark in brackets said."""
    # Workday's "Worker" = "Tom Reed (On Leave)", "Maria Lopez (100234)", or both: neither the leave nor the
    # employee number is part of the name on a parcel (the leave first: it comes last)
    frame["name"], changed = without_leave(frame["name"])
    collector.warn(changed, "name", "Leave taken off the name", "'{old}' read as {new}: a leave still sends.")
    numbered = frame["name"].str.replace(_NUMBER_IN_BRACKETS, "", regex=True)
    changed = numbered.ne(frame["name"])
    frame["name"] = numbered
    collector.warn(changed, "name", "Number taken off the name", "'{old}' read as {new}.")
    said = "'{new}' goes on the parcel as written, its remark in brackets too: take it out if not a name."
    collector.warn(remark_at_end(frame["name"]), "name", "Remark in the name", said)


def suffixed(frame: pd.DataFrame, sheet: LoadedSheet) -> tuple[pd.Series, pd.Series]:
    """A suffix column added to the names; returns the rows whose First Name held the whole name as typed,
    and the First Name with the suffix (read before the defaults fill the cells)."""
    # the whole name in First Name is found against the Last Name as typed: 'Ann Lee' | 'Lee' | 'Jr.'
    # went out 'Ann Lee Lee Jr.' (hunter-sheets5's leftover)
    whole_first, _ = _one_holding_both(frame["first_name"], frame["last_name"])
    first_name = frame["first_name"]
    if sheet.suffix is not None:  # after Last, First is turned around: "Smith, John" + "Jr."
        suffix, _ = invisible.clean_text(sheet.frame[sheet.suffix].fillna("").astype(str))
        frame["name"] = _with_suffix(frame["name"], suffix)
        frame["last_name"] = _with_suffix(frame["last_name"], suffix)
        first_name = _with_suffix(first_name, suffix)
    return whole_first, first_name


def whole_names(
    frame: pd.DataFrame,
    collector: ProblemCollector,
    sheet: LoadedSheet,
    name_header: str | None,
    whole_first: pd.Series,
    first_name: pd.Series,
) -> pd.Series:
    """The name sent: the First and Last Name joined where no name column gives one (or gives a
    placeholder), the whole name where one cell holds it, one word given its Last Name; a name sharing no
    name with the row's an error. Returns the joined names the fingerprint reads where that changed them."""
    joined = (frame["first_name"] + " " + frame["last_name"]).str.strip()
    in_first, in_last = _one_holding_both(frame["first_name"], frame["last_name"])
    in_first |= whole_first & frame["first_name"].ne("") & ~in_last
    full_name = joined.where(~in_first, first_name).where(~in_last, frame["last_name"])
    legal = preferred_in_parts(frame, sheet)  # 'Preferred Name - First Name' beside 'Worker'
    # "N/A" under a Preferred Name read as the name, beside the person's First and Last Name
    no_name = full_name.ne("") & frame["name"].ne("")  # both given: a rare list, looked at only then
    if no_name.any():
        no_name[no_name] = _placeholders(frame["name"][no_name])
    took = frame["name"].eq("") | no_name
    frame["name"] = frame["name"].where(~took, full_name)
    # the fingerprint keeps reading the two cells joined, as before this was seen: a batch sent then is the
    # same rows now, never an edit held or a card sent again
    kept = joined.where(took & (in_first | in_last), "").where(legal.eq(""), legal)
    said = "'{old}' holds the whole name: sent as {name}, not '{joined}'."
    for column, whole in (("first_name", in_first), ("last_name", in_last)):
        collector.warn(took & whole, column, "Whole name in one cell", said, extra={"joined": joined})
    collector.warn(
        no_name, "name", "Placeholder name", "'{old}' is no name: sent as {new} (First and Last Name)."
    )
    # one word that is neither the row's first nor last name, under a name column that is no preferred name
    # ('Attention' = High, 'Worker' = Full-time): given the last name, it went out as "High Lee" (review18)
    lone = frame["name"].ne("") & ~frame["name"].str.contains(" ", regex=False) & ~no_name
    lone &= frame["first_name"].str.strip().ne("") & frame["last_name"].str.strip().ne("")
    if "name" in sheet.preferred or _goes_by(name_header):  # "Kate" under Preferred Name: her first name
        lone[:] = False
    elif lone.any():
        lone[lone] = _names_another(frame["name"][lone], frame["first_name"], frame["last_name"])
    frame["name"], changed = _with_last_name(frame["name"], frame["last_name"])
    collector.warn(
        changed & ~lone, "name", "Last name added", "'{old}' is one word: sent as {new} (its Last Name)."
    )
    if "name" not in sheet.preferred:  # a preferred name may differ from the legal one in every word
        other = full_name.ne("") & frame["name"].ne(full_name) & ~no_name
        if other.any():
            other[other] = _names_another(frame["name"][other], frame["first_name"], frame["last_name"])
        other |= lone
        collector.error(
            other,
            "name",
            "Name of another person",
            "'{old}' shares no name with First and Last Name ('{full}') of its row: which person gets "
            "this card? Write that person's name in both, or leave one of them empty.",
            extra={"full": full_name},
        )
    return kept


def symbols(frame: pd.DataFrame, collector: ProblemCollector) -> None:
    """A warning on each name holding an emoji or a symbol ('Zoë 🌸', 'Ann ★'), as it is sent: a card printer
    may print a box or '?' (found by newcomer30 in a Salesforce report and a Marketo export; the lead: a
    warning, not accented letters)."""
    symbol = frame["name"].fillna("").astype(str).str.extract(f"({_SYMBOL})", expand=False)
    collector.warn(
        symbol.notna(),
        "name",
        "Symbol in the name",
        "'{new}' holds a symbol or emoji ('{symbol}') a card printer may not print: it is sent as written; "
        "take it out of the name if the parcel should not show it.",
        extra={"symbol": symbol.fillna("")},
    )
