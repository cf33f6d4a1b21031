"""Date columns that leave a row out: the day the person left, a day not to send before (or a ship date
that may be the day it went), and the ways a date column says there is none."""

from __future__ import annotations

import re

from ...schema import header_key
from .languages import OTHER_GONE_ON, OTHER_NOT_BEFORE, OTHER_SHIP_DATE

# A date the person left on ("Termination Date" = 2026-11-15)
_GONE_ON = frozenset(
    header_key(h)
    for h in (
        "termination date", "term date", "terminated on", "date terminated", "date of termination",
        "separation date", "date of separation", "last day worked", "last working day", *OTHER_GONE_ON,
        # ... in other HR systems' words ('Exit Date', 'Termination Effective Date', 'Last Day of Work',
        # 'Employment End Date', 'Resignation Date'): found by hunter-sheets11, each gone person was ordered
        "termination effective date", "term effective date", "effective termination date", "exit date",
        "date of exit", "departure date", "date of departure", "last day of work", "last day",
        "last day of employment", "employment end date", "end of employment", "employment end",
        "resignation date", "date of resignation", "resigned on", "date left", "left on", "leaving date",
        "leave date of employment", "inactive date", "date inactive", "deceased date", "date of death",
        "offboarding date", "separated on", "separation effective date", "termed on", "term effective",
        # ... and in Gusto's, which dismisses a person ('Dismissal Date': found by newcomer9, ordered)
        "dismissal date", "date of dismissal", "dismissed on", "date dismissed", "dismissal effective date",
        # ... and as payroll systems abbreviate or word it (PeopleSoft's 'Termination Dt', ADP's 'Last Date
        # Worked', Oracle HCM's 'Actual Termination Date', a UK 'Date of Leaving': found by newcomer9, each
        # was ordered)
        "termination dt", "term dt", "terminated date", "separation dt", "termination effective dt",
        "last date worked", "actual termination date", "date of leaving", "end of service date",
        # ... or an account's or record's deactivation, as HRIS exports word a leaving, and India's 'LWD'
        # (found by hunter-sheets22, each gone person ordered)
        "lwd", "last working date", "deactivation date", "date deactivated", "deactivated on",
        "inactivation date", "date inactivated", "inactivated on",
        # ... or one planned, passed since ('Projected Termination Date' = 11/15 on Dec 7: ordered, session
        # 49's closing note; hunter-asks5); one to come sends until it, as any such day does
        "projected termination date", "planned termination date", "expected termination date",
        "scheduled termination date", "anticipated termination date", "projected term date",
        "projected separation date", "planned separation date", "expected separation date",
        "projected last day", "planned last day", "expected last day",
        "projected exit date", "planned exit date", "expected exit date",
        # ... or the end of a contractor's or a temp's engagement ('Contract End Date', 'Assignment End Date'
        # passed: ordered, hunter-asks6); one to come sends until it
        "contract end date", "contract end", "contractor end date", "assignment end date", "assignment end",
        "engagement end date", "contract expiration date", "contract expiry date",
    )
)  # fmt: skip
_FILLED = re.compile(r"^\s*\S.*$")
# ... or a date not to send before ("Do Not Send Before" = 2027-03-15, "Send On", "Hold Until"): an
# anniversary list's card went out months early (found by newcomer9). A date passed: the row goes now
_NOT_BEFORE = frozenset(
    header_key(h)
    for h in (
        "do not send before", "don't send before", "dont send before", "not before", "hold until",
        "send on", "send date", "send after", "ship after", "mail on", "mail after", "deliver after",
        "send no earlier than", "earliest send date", *OTHER_NOT_BEFORE,
        # ... or a schedule's day ('Scheduled Send Date', 'Earliest Ship Date', 'Send Gift On'): found by
        # hunter-sheets11, each sent at once
        "scheduled send date", "scheduled ship date", "scheduled mail date", "scheduled date",
        "planned send date", "planned ship date", "earliest ship date", "earliest mail date",
        "ship no earlier than", "mail no earlier than", "send gift on", "send card on", "ship gift on",
        "ship on", "release on", "hold till", "embargo until", "embargo date",
        "do not ship before", "don't ship before", "dont ship before", "do not mail before", "hold date",
        "ship date", "mail date", "release date", *OTHER_SHIP_DATE,
    )
)  # fmt: skip
# ... of which a day that may be the one it went ('Ship Date' = Pending in a tracking sheet): only a date to
# come holds its row there (no day is shipped on yet), text that reads as no date does not
_SCHEDULED_OR_DONE = frozenset(
    header_key(h) for h in ("ship date", "mail date", "release date", *OTHER_SHIP_DATE)
)
# ... and those of which a day passed may be the day it went ('Ship Date', or a gift platform's 'Scheduled
# Send Date' of the gifts it sent = Nov 20 on Dec 4): such a row is left out until the person says which
# (found by hunter-sheets12: each was ordered, a second card where it had gone). 'Send Date', 'Send On',
# 'Do Not Send Before' only say when it may go: a day passed sends
DAY_IT_MAY_HAVE_GONE = _SCHEDULED_OR_DONE | frozenset(
    header_key(h)
    for h in (
        "scheduled send date", "scheduled ship date", "scheduled mail date", "scheduled date",
        "planned send date", "planned ship date",
    )
)  # fmt: skip
# The 0 a lookup gives for an empty date cell (=VLOOKUP of a blank 'Termination Date'), as a date format
# shows it and a CSV saved from it keeps it: Excel's day 0 ('1/0/1900', '0-Jan-00', '00/01/1900',
# '1900-01-00'), LibreOffice's and Google Sheets' ('12/30/1899', '30.12.1899', '1899-12-30'); with a time of
# 0:00 or not. Read as a day long passed, every active person's row was left out as gone, or as sent already
# (found by hunter-sheets11)
_DAY_ZERO = (
    r"0?1[/.-]0?0[/.-](?:19)?00|0?0[/.-]0?1[/.-](?:19)?00|1900-01-00|0{1,2}[-\s]jan[a-z]*[-\s,]+(?:19)?00|"
    r"jan[a-z]*[-\s]0{1,2},?[-\s]+(?:19)?00|12[/.-]30[/.-]1899|30[/.-]12[/.-]1899|1899-12-30|"
    r"30[-\s]dec[a-z]*[-\s,]+1899|dec[a-z]*[-\s]30,?[-\s]+1899"
)
# ... and a database's own 'no date' as an export writes it: SQL Server's first day ('1900-01-01', a
# datetime column left at its default) and .NET's ('0001-01-01'): 'Termination Date' = 1900-01-01 on each
# active person left every row out as gone (found by hunter-falsealarm2). Not '1/1/00' (a day of 2000)
_SQL_FIRST_DAY = r"0?1[/.-]0?1[/.-]1900|1900-0?1-0?1"
_NET_FIRST_DAY = r"0?1[/.-]0?1[/.-]0{3}1|0{3}1-0?1-0?1"
_MIDNIGHT = r"(?:[\sT]+0?0:00(?::00(?:\.0+)?)?(?:\s*[ap]m)?)?"
ZERO_DATE = rf"(?:{_DAY_ZERO}|{_SQL_FIRST_DAY}|{_NET_FIRST_DAY}){_MIDNIGHT}"
# ... but in a column saying when (or whether) the card went, 1900-01-01 is also what a 1 typed for 'done'
# shows under a date format: read as no date, each row marked 1 was ordered a second card (found by review30
# in 3803f90). There only a database's own writing of it (its milliseconds) says none, and .NET's first day
NO_SENT_DATE = rf"(?:(?:{_DAY_ZERO}|{_NET_FIRST_DAY}){_MIDNIGHT}|(?:{_SQL_FIRST_DAY})[\sT]+0?0:00:00\.0+)"
# ... but a date column's way of saying there is none: "N/A", "-", "None", "00/00/0000", a 0 in a date cell
# ("00:00:00"). An HR export of active staff so filled left every row out (found by review11); so did an
# 'Employment End Date' = Present (found by hunter-falsealarm2)
_NONE_SAID = (
    r"n\.?\s*/?\s*a\.?|none|null|nil|not\s+applicable|active|present|current|ongoing|[-–—_.]+|0+|"
    r"0{1,4}[/.-]0{1,2}[/.-]0{1,4}|0{1,2}:0{2}(?::0{2})?"
)
_NO_DATE = re.compile(rf"(?i)\s*(?:{_NONE_SAID}|{ZERO_DATE})\s*")
_NO_SENT_DATE = re.compile(rf"(?i)\s*(?:{_NONE_SAID}|{NO_SENT_DATE})\s*")
