"""A column naming the business a person is the contact of ('Client', 'Customer', 'Account') read as the
Company beside the list's name column: a bookkeeper's client list 'Client | Attn | Address' ('Bristol Dental
Group' | 'Dr. Anna Whitcomb' | '210 Commercial St Ste 4') sent each card to the person with no company
line, 'Client' said only among the columns not used (newcomer21's N6, fixed by hunter-sheets31). No alias
reads such a header (an advisor's 'Client' is the person: :mod:`.namecolumn`); its cells decide: a
business's name on most rows (a word businesses are named by: 'Group', 'LLC', 'Clinic', 'Bakery'...)."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from ..columns import NAME_FIELDS, ColumnInfo, _words
from ..models import LoadedSheet
from ..program import ProgramSettings
from ..quoting import quoted
from .columnread import read_column_as

_HEADERS = frozenset({"client", "clients", "customer", "customers", "account", "accounts"})
_HEADER_WORDS = frozenset({"name", "s", "the"})
# The words a business's name holds ('Bristol Dental Group', 'Linden Hardware', 'Quinn Law Office')
_BUSINESS_WORDS = """
    llc inc incorporated corp corporation co company ltd llp pllc pc lp group associates partners
    partnership holdings enterprises industries ventures agency firm office offices law legal clinic
    dental dentistry medical health healthcare hospital pharmacy vet veterinary animal care center
    centre bakery cafe café restaurant grill diner pizza pizzeria brewery winery bar market shop store
    boutique florist flowers salon spa studio studios design designs hardware landscaping construction
    builders plumbing electric roofing motel hotel inn resort auto motors garage farm farms services
    service solutions systems technologies tech consulting consultants accounting insurance realty
    properties property management bank capital financial trust foundation church school academy
    university college club fitness gym media marketing printing photography architects engineering
    logistics supply cleaners catering travel optical chiropractic therapy pediatrics orthodontics labs
"""
_BUSINESS = frozenset(_BUSINESS_WORDS.split())
SAMPLE = 200  # filled cells looked at
MOST = 0.6  # of them, businesses' names


def _a_business(cell: str) -> bool:
    return bool(_BUSINESS.intersection(re.findall(r"[^\W\d_]+", cell.casefold())))


def _businesses(sheet: LoadedSheet, info: ColumnInfo) -> pd.Series:
    cells = sheet.frame[info.header].drop(index=[s.row for s in sheet.skipped], errors="ignore")
    cells = cells.fillna("").astype(str).str.strip()
    return cells[cells.ne("")].head(SAMPLE)


def read_company_column(sheet: LoadedSheet, program: ProgramSettings | None) -> LoadedSheet:
    """``sheet`` with its one unused 'Client' (:data:`_HEADERS`) column of businesses' names read as the
    Company beside its name column, said in a notice; ``sheet`` itself where a column, the defaults or
    ``[columns]`` give the company, no column gives the name, or no such column (or several) fits."""
    program = program or ProgramSettings()
    given = program.effective_defaults.get("company") or sheet.defaults.get("company")
    if "company" in sheet.column_map.values() or given or "company" in program.columns:
        return sheet
    if not set(sheet.column_map.values()) & NAME_FIELDS:
        return sheet  # the 'Client' may be the person: .namecolumn reads it
    fitting = []
    for info in sheet.columns:
        words = set(_words(info.header))
        if info.status != "unused" or info.note or not words & _HEADERS or words - _HEADERS - _HEADER_WORDS:
            continue
        cells = _businesses(sheet, info)
        if len(cells) and cells.map(_a_business).mean() >= MOST:
            fitting.append((info, cells))
    if len(fitting) != 1:
        return sheet
    info, cells = fitting[0]
    shown = ", ".join(f"'{quoted(c)}'" for c in pd.unique(cells).tolist()[:2])
    said = (
        f"Column '{info.header}' ({info.letter}) is read as Company, printed on the parcel: "
        f"it holds businesses' names ({shown}, ...) beside the name of the person each card goes to."
    )
    unused = f"Column '{info.header}' ({info.letter}) is not used"
    read = read_column_as(sheet, info, "company", said, unused)
    return _read_down(read, info)


def _read_down(sheet: LoadedSheet, info: ColumnInfo) -> LoadedSheet:
    """``sheet`` with its 'Client' filled on a group's first row only read by the rows under it at the same
    street (:mod:`..load.companydown`, which reads a Company the load maps): a client report grouped by client
    sent the second contact's card with no company line (hunter-sheets32's leftover 4)."""
    from ..load.companydown import company_read_down

    frame = sheet.frame.copy()
    letters = {i.header: i.letter for i in sheet.columns}
    problems, said = company_read_down(frame, sheet.column_map, letters)
    if not problems:
        return sheet
    return replace(
        sheet,
        frame=frame,
        read_problems=(*sheet.read_problems, *problems),
        notices=(*sheet.notices, *said),
    )
