"""A column naming the person by their role ('Tenant', 'Coach', 'Employee', 'Resident Name') read as the Name
where no column gives one: no alias names such a header (a 'Coach' may be another person than the row's),
and a property manager's or a league's list was refused "lacks Name", told only to rename the headers (found
by hunter-sheets18's brief, left for hunter-sheets19). Its cells decide: people's names on most rows."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from ..columns import ColumnInfo, _words
from ..models import LoadedSheet
from ..program import ProgramSettings
from ..quoting import quoted

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
_NAME_WORDS = frozenset({"name", "full", "s"})  # 'Tenant Name', 'Coach Full Name'
# A person's name: two to four words of letters ('Ann Lee', "Mary-Kate O'Neil", 'J. R. Ortiz', 'Lee, Ann')
_A_NAME = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’.-]*(?:,?\s+[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’.-]*){1,3}")
SAMPLE = 200  # filled cells looked at
NAMES_SHARE = 0.8  # of them, names
_NAME_FIELDS = frozenset({"name", "first_name", "last_name"})


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
    words = set(_words(header)) - _NAME_WORDS
    return len(words) == 1 and bool(words & ROLES)


def read_name_column(sheet: LoadedSheet, program: ProgramSettings | None) -> LoadedSheet:
    """``sheet`` with its one unused column of people's names (:func:`names_people`) under a header naming
    a role (:data:`ROLES`) read as the Name, said in a notice; ``sheet`` itself where a column, the defaults
    or ``[columns]`` give a name, or no such column or several hold names (another person's beside, a
    'Manager', is no rival). Read by validate, and by the web
    page as it reads the upload (its Columns page shows the column read)."""
    program = program or ProgramSettings()
    if set(sheet.column_map.values()) & _NAME_FIELDS or _NAME_FIELDS & set(program.columns):
        return sheet
    if any((program.effective_defaults.get(f) or sheet.defaults.get(f)) for f in _NAME_FIELDS):
        return sheet
    roles = [info for info in names_people(sheet) if _a_role(info.header)]  # (not the 'Manager' beside)
    if len(roles) != 1:
        return sheet
    info = roles[0]
    shown = ", ".join(
        f"'{quoted(name)}'" for name in pd.unique(_first_filled(sheet, info.header)).tolist()[:3]
    )
    said = (
        f"Column '{info.header}' ({info.letter}) is read as Name: it holds people's names ({shown}, ...), "
        "and no other column gives the name."
    )
    return replace(
        sheet,
        column_map={**sheet.column_map, info.header: "name"},
        columns=tuple(replace(i, field="name", status="used") if i is info else i for i in sheet.columns),
        notices=(*sheet.notices, said),
    )
