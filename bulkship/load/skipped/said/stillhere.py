"""A leaving day passed beside a status saying the person works here: 'Termination Date' = 2025-03-01 with
'Employment Status' = 'Active - Rehire' (HR systems keep a rehired worker's last leaving day on the record),
or = 'A'. Read alone, the day left each row out, said as a note only: a person the list says to send was
dropped (found by newcomer28, a UKG export). Rehired, the day is an earlier stint's: the row is sent, saying
so; plainly active, the list contradicts itself: the error asking (:mod:`...problems.stillhere`)."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from ....schema import header_key
from ..columnkeys import flag_key
from ..dates import _GONE_ON
from ..days import _dates
from ..flags import _ACTIVE_FLAGS
from ..noteheaders import _NOTE_FLAGS
from ..statusheaders import _STATUS_FLAGS

# The status of a person at work, as HR exports write it: ADP's code A, 'Active', 'Active - Full Time'
ACTIVE = re.compile(
    r"(?i)\s*(?:a|act|actv|active)(?:\s*[-–—:(,/]\s*(?:full|part|regular|ft|pt|salaried|hourly|"
    r"exempt|non-?exempt)[\w\s-]*\)?)?\s*"
)
# ... or an active flag's yes (Workday's 'Active Status' = Yes beside a rehire's earlier 'Termination Date':
# found by newcomer29, left out where 'A' asks)
ACTIVE_YES = re.compile(r"(?i)\s*(?:y|yes|true|t|1|x|active|[✓✔☑✅])\s*")
# ... and its yes saying why ('Y (rehire)', 'Yes - rehired': the rehire's; review75 found it left out)
REHIRED_YES = re.compile(
    r"(?i)\s*(?:y|yes|true|1|x|active)\s*[-–—:(,/]?\s*(?:re-?hired?|re-?instated|re-?joined|re-?employed)\)?\s*"
)
# ... back after a leaving: 'Rehired', 'Rehire', 'Active - Rehire', 'Active (Rehired)', 'Reinstated'. Not
# 'Rehire Eligible' (a leaver's flag), nor one naming its day ('Rehired eff 1/15/2027': maybe still to come)
REHIRED = re.compile(
    r"(?i)\s*(?:(?:a|act|active)\s*[-–—:(,/]?\s*)?(?:re-?hired?|re-?instated|re-?joined|re-?employed)\)?\s*"
)
# ... or a note saying so, alone or with the day it took effect ('rehire 6/3/2019' beside 'Termination Date' =
# 3/15/2019: a Workday export's, found by newcomer29): the day must be after the leaving day and passed
_REHIRED_ON = re.compile(
    r"(?i)\s*(?:re-?hired?|re-?instated|re-?joined|re-?employed)(?:\s+(?:on|eff\.?|effective|as\s+of))?"
    r"(?:\s*:?\s*(?P<day>\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{1,2}-\d{1,2}))?\s*\.?\s*"
)
# ... and not the day of a death: that column leaves its row out whatever the status says
_DEATH = frozenset(header_key(h) for h in ("deceased date", "date of death"))


def leaving_headers(body: pd.DataFrame) -> list[str]:
    """The columns of a day the person left on (not of a death)."""
    return [h for h in body.columns if (k := flag_key(str(h))) in _GONE_ON and k not in _DEATH]


def status_headers(body: pd.DataFrame) -> list[str]:
    """The columns of a person's HR status ('Employment Status', 'Position Status')."""
    return [h for h in body.columns if flag_key(str(h)) in _STATUS_FLAGS]


def rehired_headers(body: pd.DataFrame) -> list[tuple[str, re.Pattern[str]]]:
    """Each column saying a person is back after a leaving, with its words: a status's 'Rehired', an active
    flag's 'Y (rehire)'."""
    flags = [(h, REHIRED_YES) for h in body.columns if flag_key(str(h)) in _ACTIVE_FLAGS]
    return [(h, REHIRED) for h in status_headers(body)] + flags


def at_work_headers(body: pd.DataFrame) -> list[tuple[str, re.Pattern[str]]]:
    """Each column saying a person is at work, with the words it says it in: a status column's 'A' or
    'Active', an active flag's Yes."""
    flags = [(h, ACTIVE_YES) for h in body.columns if flag_key(str(h)) in _ACTIVE_FLAGS]
    return [(h, ACTIVE) for h in status_headers(body)] + flags


def left_before(body: pd.DataFrame, headers: list[str], today: date) -> pd.Series:
    """The day each row's leaving columns say it left on, where one has passed (NaT elsewhere): the
    earliest."""
    days = pd.Series(pd.NaT, index=body.index, dtype="datetime64[ns]")
    for header in headers:
        read = _dates(body[header].astype(str))
        read = read.where(read <= pd.Timestamp(today))
        days = days.where(days.notna() & (days <= read.fillna(days)), read)
    return days


def note_headers(body: pd.DataFrame) -> list[str]:
    """The columns of notes ('Comments', 'Notes')."""
    return [h for h in body.columns if flag_key(str(h)) in _NOTE_FLAGS]


def rehired_after(body: pd.DataFrame, today: date) -> dict[int, tuple[str, str, bool]]:
    """Row -> the notes column and note saying the row's rehire ('rehired', 'rehire 6/3/2019'), and whether
    it names its day: that day must have passed and come after every leaving day of the row. Without one, the
    note may be of an earlier stint (:mod:`...problems.stillhere` asks)."""
    days = [_dates(body[header].astype(str)) for header in leaving_headers(body)]
    last = pd.concat(days, axis=1).max(axis=1) if days else pd.Series(pd.NaT, index=body.index)
    said: dict[int, tuple[str, str, bool]] = {}
    for header in note_headers(body):
        notes = pd.Series([str(note).strip() for note in body[header]], index=body.index, dtype=object)
        matched = pd.Series([_REHIRED_ON.fullmatch(note) for note in notes], index=body.index, dtype=object)
        named = pd.Series([(m and m["day"]) or "" for m in matched], index=body.index, dtype=object)
        day = _dates(named)
        after = day.notna() & day.le(pd.Timestamp(today)) & (last.isna() | day.gt(last))
        for row in body.index[matched.notna() & (named.eq("") | after)]:
            said.setdefault(int(row), (str(header), notes[row], bool(named[row])))
    return said


def status_says(body: pd.DataFrame, pattern: re.Pattern[str]) -> pd.Series:
    """The rows whose status column (any) reads ``pattern`` whole."""
    return _says(body, [(header, pattern) for header in status_headers(body)])


def _says(body: pd.DataFrame, columns: list[tuple[str, re.Pattern[str]]]) -> pd.Series:
    """The rows where one of ``columns`` reads its pattern whole."""
    says = pd.Series(False, index=body.index)
    for header, pattern in columns:
        says |= body[header].astype(str).str.fullmatch(pattern).fillna(False).astype(bool)
    return says


def still_here(found: dict[int, str], rows: set[int], body: pd.DataFrame, today: date) -> dict[int, str]:
    """``found`` without the ``rows`` left out by a leaving day alone where the row's status says the person
    is at work or rehired (the rows :mod:`...problems.stillhere` then asks of, or sends saying why)."""
    if not rows or not (at_work_headers(body) or note_headers(body)):
        return found
    rehired = _says(body, rehired_headers(body)) | body.index.isin(list(rehired_after(body, today)))
    here = (_says(body, at_work_headers(body)) | rehired) & ~died(body)
    gone = left_before(body, leaving_headers(body), today).notna()
    return {row: why for row, why in found.items() if not (row in rows and here.get(row) and gone.get(row))}


def died(body: pd.DataFrame) -> pd.Series:
    """The rows whose day of death is filled: left out whatever the status says."""
    dead = pd.Series(False, index=body.index)
    for header in (h for h in body.columns if flag_key(str(h)) in _DEATH):
        dead |= body[header].astype(str).str.strip().ne("") & body[header].notna()
    return dead
