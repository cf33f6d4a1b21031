"""A column naming the person by their role ('Tenant', 'Coach', 'Employee', 'Resident Name') read as the Name
where no column gives one: no alias names such a header (a 'Coach' may be another person than the row's),
and a property manager's or a league's list was refused "lacks Name", told only to rename the headers (found
by hunter-sheets18's brief, left for hunter-sheets19). Its cells decide: people's names on most rows."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from ..columns import NAME_FIELDS, PREFERRED, ColumnInfo, _words
from ..models import LoadedSheet
from ..program import ProgramSettings
from ..quoting import quoted
from .columnread import read_column_as

# The roles a list's own people are named by ('Tenant', 'Employee Name'); not a 'Manager', 'Supervisor',
# 'Rep', 'Agent' or 'Parent': another person than the one the card goes to, on a list that forgot its names
ROLES = frozenset(
    {"tenant", "resident", "coach", "teacher", "employee", "member", "volunteer", "donor", "customer",
     "client", "guest", "patient", "player", "student", "participant", "attendee", "winner", "nominee",
     "honoree", "awardee", "athlete", "intern", "retiree", "homeowner", "subscriber", "contractor", "driver",
     "instructor", "nurse", "associate", "worker", "person", "individual", "candidate", "interviewee",
     "speaker", "panelist", "mentor", "mentee", "agent", "staff", "teammate", "camper", "trainee",
     "respondent"}
)  # fmt: skip
# ... and an event's, a school's, an insurer's or a lender's people ('Registrant Name' of an event
# registration export was refused "lacks Name": found by newcomer14, left for hunter-sheets24)
ROLES |= {"registrant", "delegate", "entrant", "alumnus", "alumna", "alumni", "alum", "graduate", "addressee",
          "policyholder", "borrower", "prospect", "cardholder"}  # fmt: skip
# ... named in two words ('Team Member Name', a retailer's HR export; 'Ticket Holder Name')
_ROLE_PHRASES = frozenset(
    {"team member", "ticket holder", "card holder", "account holder", "policy holder", "plan member",
     "plan participant", "gift recipient", "award recipient", "award winner", "prize winner"}
)  # fmt: skip
# 'Tenant Name', 'Coach Full Name', 'Name of Registrant', 'Your name'
_NAME_WORDS = frozenset({"name", "names", "full", "s", "of", "your", "the"})
# A header naming the parts of a name in the order its cells write them ('Last Name, First Name', 'Last,
# First', 'First & Last Name', 'Surname, Given Name'): a hand-made list's only name column, refused "lacks
# Name"
_FIRST = frozenset({"first", "given"})
_LAST = frozenset({"last", "surname", "family"})
_NAME_PARTS = _FIRST | _LAST | {"middle", "mi", "initial", "and", "or"}
# A person's name: two to four words of letters ('Ann Lee', "Mary-Kate O'Neil", 'J. R. Ortiz', 'Lee, Ann')
_A_NAME = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’.-]*(?:,?\s+[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’.-]*){1,3}")
SAMPLE = 200  # filled cells looked at
NAMES_SHARE = 0.8  # of them, names


def _first_filled(sheet: LoadedSheet, header: str) -> pd.Series:
    """The first SAMPLE filled cells of a column, the rows left out aside (a totals row's 'Total')."""
    cells = sheet.frame[header].drop(index=[s.row for s in sheet.skipped], errors="ignore")
    cells = cells.astype(str).str.strip()
    return cells[cells.ne("")].head(SAMPLE)


def names_people(sheet: LoadedSheet) -> list[ColumnInfo]:
    """The unused columns most of whose filled cells (:func:`_first_filled`) are people's names."""
    found = []
    for info in sheet.columns:
        if info.status != "unused" or info.note or info.header not in sheet.frame.columns:
            continue
        filled = _first_filled(sheet, info.header)
        # (most different from each other: a 'Deal Status' of 'Closed Won' on every row names nobody)
        distinct = filled.nunique() >= NAMES_SHARE * len(filled)
        if len(filled) and distinct and filled.str.fullmatch(_A_NAME).mean() >= NAMES_SHARE:
            found.append(info)
    return found


def _a_role(header: str) -> bool:
    """A role's header ('Tenant', 'Registrant Name', 'Team Member'), one naming the name's parts ('Last Name,
    First Name', 'Employee First and Last Name') or a plural 'Names'."""
    words = _words(header)
    rest = [w for w in words if w not in _NAME_WORDS]
    if _FIRST.intersection(rest) and _LAST.intersection(rest):
        rest = [w for w in rest if w not in _NAME_PARTS]
        return not rest or " ".join(rest) in ROLES
    if not rest:
        return "names" in words
    return " ".join(rest) in ROLES or " ".join(rest) in _ROLE_PHRASES


def _last_first(header: str) -> bool:
    """Whether a header naming the name's parts names the last one first ('Last Name, First Name')."""
    words = _words(header)
    last = next((i for i, w in enumerate(words) if w in _LAST), None)
    first = next((i for i, w in enumerate(words) if w in _FIRST), None)
    return last is not None and first is not None and last < first


def read_name_column(sheet: LoadedSheet, program: ProgramSettings | None) -> LoadedSheet:
    """``sheet`` with its one unused column of people's names (:func:`names_people`) under a header naming
    a role (:data:`ROLES`) read as the Name, said in a notice; ``sheet`` itself where a column, the defaults
    or ``[columns]`` give a name, or no such column or several hold names (another person's beside, a
    'Manager', is no rival). Read by validate, and by the web
    page as it reads the upload (its Columns page shows the column read)."""
    program = program or ProgramSettings()
    preferred = _preferred_alone(sheet)
    named = set(sheet.column_map.values()) & NAME_FIELDS
    if (named and preferred is None) or NAME_FIELDS & set(program.columns):
        return sheet
    if any((program.effective_defaults.get(f) or sheet.defaults.get(f)) for f in NAME_FIELDS):
        return sheet
    roles = [info for info in names_people(sheet) if _a_role(info.header)]  # (not the 'Manager' beside)
    if len(roles) != 1:
        return sheet
    info = roles[0]
    shown = ", ".join(
        f"'{quoted(name)}'" for name in pd.unique(_first_filled(sheet, info.header)).tolist()[:3]
    )
    said = (
        f"Column '{info.header}' ({info.letter}) is read as Name: it holds people's names ({shown}, ...)"
        + (
            ", and no other column gives the name."
            if preferred is None
            else _BESIDE_PREFERRED.format(preferred)
        )
    )
    last_first = sheet.last_first | {info.header} if _last_first(info.header) else sheet.last_first
    if preferred is not None:
        sheet = _preferred_over(sheet, preferred)
    return read_column_as(sheet, info, "name", said, last_first=last_first)


# A BambooHR report's 'Last Name, First Name' beside 'Preferred Name' (filled on a few rows): the preferred
# name was read as the name, every row without one an error "is empty; fill in the recipient's name"
# (136 of 170 rows; newcomer22's N3, given to hunter-sheets32)
_BESIDE_PREFERRED = "; column '{}' is the name sent where it is filled in."


def _preferred_alone(sheet: LoadedSheet) -> str | None:
    """The header of a preferred name ('Preferred Name', 'Nickname') read as the name where no column
    gives the legal one, else None."""
    named = [header for header, field in sheet.column_map.items() if field in NAME_FIELDS]
    if len(named) != 1 or sheet.column_map[named[0]] != "name" or "name" in sheet.preferred:
        return None
    return named[0] if PREFERRED & set(_words(named[0])) else None


def _preferred_over(sheet: LoadedSheet, header: str) -> LoadedSheet:
    """``sheet`` with the column ``header`` no longer the name but the preferred name over it."""
    note = "preferred name: used where filled in, else the legal name"
    return replace(
        sheet,
        column_map={h: f for h, f in sheet.column_map.items() if h != header},
        preferred={**sheet.preferred, "name": header},
        name_as_before=header,
        columns=tuple(replace(i, note=note) if i.header == header else i for i in sheet.columns),
    )


def names_as_before(sheet: LoadedSheet, frame: pd.DataFrame, added: pd.Series, names: pd.Series) -> pd.Series:
    """``names`` (the name each row's fingerprint reads where not "") with, on each row whose one-word
    preferred name went out with the family name of the legal name read beside it (``added``), that word
    alone: the name its card was ordered under before that column was read (:data:`_BESIDE_PREFERRED`)."""
    if sheet.name_as_before is None or not added.any():
        return names
    given = frame["name"].str.split(" ", n=1).str[0]
    return names.where(~added | names.ne(""), given)
