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
from ..holdflags import LEAVING_REASONS
from ..noteheaders import _NOTE_FLAGS
from ..statusheaders import _STATUS_FLAGS, status_code_header

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
# ... or a column of the day the person was hired again (UKG Pro's 'Last Hire Date', ADP's 'Rehire Date'): an
# HR system keeps the earlier stint's leaving day and reason beside it (found by newcomer30, left out). Not
# 'Hire Date' nor 'Original Hire Date': the first stint's
_REHIRE_DAY = frozenset(
    header_key(h)
    for h in (
        "rehire date", "re-hire date", "rehired date", "date of rehire", "date rehired", "rehired on",
        "last rehire date", "most recent rehire date", "last hire date", "latest hire date",
        "most recent hire date", "recent hire date", "rehire effective date", "reinstatement date",
    )
)  # fmt: skip
# ... and not the day of a death: that column leaves its row out whatever the status says
_DEATH = frozenset(header_key(h) for h in ("deceased date", "date of death"))
# ... and a leaving's reason read only where it is one, in an HR system's words ('Voluntary - Resignation',
# 'Involuntary > Layoff', 'Retirement', 'Other'): anything else typed into it ('Death', 'Do not send',
# 'R.I.P.', 'Cannot accept gifts') keeps the row it leaves out out (reason_says_more; probed by newcomer30:
# each was sent beside a rehire day)
_REASON_WORD = (
    r"(?:(?:in)?vol(?:untary)?|resign\w*|retire\w*|relocat\w*|moved?|lay-?offs?|laid|off|rif|reduction|in|force|"
    r"position|eliminat\w*|end(?:ed)?|of|contract|assignment|seasonal|season|temp(?:orary)?|transfer\w*|other|"
    r"employment|job|better|pay|opportunity|personal|reasons?|family|health|medical|school|returned|return|to|"
    r"education|mutual|agreement|consent|performance|attendance|misconduct|gross|conduct|policy|violation|"
    r"probation\w*|failed|abandon\w*|no|show|did|not|from|leave|quit|dismiss\w*|terminat\w*|term|separat\w*|"
    r"career|change|compensation|commute|schedule|hours|dissatisf\w*|work|environment|management|supervisor|"
    r"job|abandonment|restructur\w*|reorgani[sz]\w*|redundan\w*|discharge\w*|cause|without|with|just|"
    r"involuntarily|voluntarily|employee|employer|initiated|accepted|another|new|job|position|pursue|"
    r"interests?|relocation|spouse|military|service|retirement|early|normal|disability|layoff)"
)
_A_LEAVING_REASON = re.compile(rf"(?i)\s*{_REASON_WORD}(?:[\s\-–—>:/,()&.]+{_REASON_WORD})*[\s.)]*")


def leaving_headers(body: pd.DataFrame) -> list[str]:
    """The columns of a day the person left on (not of a death)."""
    return [h for h in body.columns if (k := flag_key(str(h))) in _GONE_ON and k not in _DEATH]


def status_headers(body: pd.DataFrame) -> list[str]:
    """The columns of a person's HR status ('Employment Status', 'Position Status'), also by its code ('Status
    Code', 'Employee Status Code' = A: its T leaves a row out, so its A says at work; found by newcomer30)."""
    return [h for h in body.columns if flag_key(str(h)) in _STATUS_FLAGS or _a_status_code(str(h))]


def _a_status_code(header: str) -> bool:
    """'Status Code', 'Employee Status Code': a status header once its 'code' is taken off."""
    bare = re.sub(r"(?i)\s*\bcode\b\s*", " ", header).strip()
    return status_code_header(header) and flag_key(bare) in _STATUS_FLAGS


def rehire_headers(body: pd.DataFrame) -> list[str]:
    """The columns of the day a person was hired again ('Last Hire Date', 'Rehire Date')."""
    return [h for h in body.columns if header_key(str(h)) in _REHIRE_DAY]


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
    note may be of an earlier stint (:mod:`...problems.stillhere` asks). A rehire day's column ('Last Hire
    Date' = 06/03/2019) says it with its day."""
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
    quiet = _at_work_or_silent(body)
    for header in rehire_headers(body):
        day = _dates(body[header].astype(str))
        after = day.notna() & day.le(pd.Timestamp(today)) & last.notna() & day.gt(last) & quiet
        for row in body.index[after]:
            said.setdefault(int(row), (str(header), str(body.at[row, header]).strip(), True))
    return said


def _at_work_or_silent(body: pd.DataFrame) -> pd.Series:
    """The rows whose status columns are empty or say at work or rehired, whose notes are empty or say the
    rehire and whose leaving reason is a plain one: a rehire day speaks for those only (a status 'Death' or
    'Retired', a note 'TERM' beside it says something else of the person: left out by the day, as before)."""
    words: dict[str, list[re.Pattern[str]]] = {}
    for header, pattern in [*at_work_headers(body), *rehired_headers(body)]:
        words.setdefault(header, []).append(pattern)
    for header in note_headers(body):  # ... and notes silent, or saying the rehire ('Death' typed in one)
        words.setdefault(header, []).append(_REHIRED_ON)
    quiet = pd.Series(True, index=body.index)
    for header, patterns in words.items():
        cells = body[header].astype(str).str.strip()
        for pattern in patterns:
            cells = cells.mask(cells.str.fullmatch(pattern).fillna(False).astype(bool), "")
        quiet &= cells.eq("")
    return quiet & ~reason_says_more(body)  # (nor a reason saying more: 'Not approved, Hold')


def status_says(body: pd.DataFrame, pattern: re.Pattern[str]) -> pd.Series:
    """The rows whose status column (any) reads ``pattern`` whole."""
    return _says(body, [(header, pattern) for header in status_headers(body)])


def _says(body: pd.DataFrame, columns: list[tuple[str, re.Pattern[str]]]) -> pd.Series:
    """The rows where one of ``columns`` reads its pattern whole."""
    says = pd.Series(False, index=body.index)
    for header, pattern in columns:
        says |= body[header].astype(str).str.fullmatch(pattern).fillna(False).astype(bool)
    return says


def still_here(
    found: dict[int, str], rows: set[int], body: pd.DataFrame, today: date, by_reason: set[int]
) -> dict[int, str]:
    """``found`` without the ``rows`` left out by a leaving day (and its reason, ``by_reason``: a rehire keeps
    both) where the row's status says the person is at work or rehired (the rows :mod:`...problems.stillhere`
    then asks of, or sends saying why). A reason saying more than a leaving keeps its row out."""
    if not rows or not (at_work_headers(body) or note_headers(body) or rehire_headers(body)):
        return found
    if by_reason & rows:
        more = reason_says_more(body)
        rows = {row for row in rows if row not in by_reason or not more.get(row)}
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


def reason_says_more(body: pd.DataFrame) -> pd.Series:
    """The rows whose leaving's reason is not one in an HR system's words ('Death', 'Do not send' typed into
    'Termination Reason'): a row that reason leaves out stays out whatever the status or a rehire day says."""
    said = pd.Series(False, index=body.index)
    for header in (h for h in body.columns if flag_key(str(h)) in LEAVING_REASONS):
        reasons = body[header].astype(str).str.strip()
        plain = reasons.str.fullmatch(_A_LEAVING_REASON).fillna(False).astype(bool)
        said |= reasons.ne("") & reasons.ne("nan") & ~plain
    return said
