"""A note telling the person is gone in the words people use beside a day or a time, or said as the job's end:
'Employee passed away last week', 'He passed away in October', 'She died last month', 'Passed away recently',
'Recently deceased', 'Was terminated 11/15', 'Has left the company', 'Got laid off', 'Last day was Friday',
'Contract ended', 'Contract not renewed' (found by hunter-sends1, its LO3, and hunter-sends2: each was
ordered, exit 0, a card to the dead or to someone gone, where 'Passed away last week' or 'Terminated 11/15'
leave the row out). Read with :data:`.notes._NOTE_SAYS_NO` (a whole note, or a clause of one: 'Per spouse,
employee passed away last week'). Not 'Left voicemail', 'Quit smoking', 'Passed probation', 'Contract ends
1/15/2027' (a day to come: :mod:`.leavingday`), 'Internship completed' (thanked for it), 'Separated - send to
her' (a marriage's)."""

from __future__ import annotations

import re

from .leavingsaid import SEPARATION_DONE, TEMP_JOB

# whose state it is ('Employee', 'The recipient', 'He'), perhaps told by whom ('Wife says he ...')
_WHO = r"(?:the\s+)?(?:employee|ee|recipient|associate|member|he|she|they)"
_TOLD = (
    r"(?:per\s+)?(?:the\s+|his\s+|her\s+|their\s+)?(?:family|wife|husband|spouse|partner|son|daughter|mother|father|"
    r"sister|brother|manager|mgr|supervisor|hr|co-?worker|colleague)(?:\s+(?:says?|said|reports?|reported|called|"
    r"confirmed|informed\s+us|notified\s+us|told\s+us)(?:\s+that)?)?"
)
# the words of a death or a leaving
_GONE = (
    r"deceased|passed\s+away|died|left(?:\s+(?:the\s+)?(?:company|co\.?|firm|organi[sz]ation|us|the\s+team))?|"
    r"terminated|termed|resigned|laid\s+off|let\s+go|fired|quit|dismissed|separated|rif(?:['’]?d|fed)"
)
# a leaving that may be said with its terms (not 'left': 'Left with Sue'), and the terms
_LEFT_ON = (
    r"terminated|termed|resigned|laid\s+off|let\s+go|fired|quit|dismissed|separated|rif(?:['’]?d|fed)|"
    r"(?:in)?voluntar(?:y|ily)\s+(?:separat\w+|terminat\w+)"
)
LEAVING_TERMS = (
    r"(?:(?:just|good|full|no|proper|(?:two|2|one|1|\d+)[\s-]*(?:weeks?|days?|months?)['’]?)\s+)?"
    r"(?:cause|notice|pay|severance(?:\s+(?:pay|package))?|(?:a\s+)?(?:severance\s+)?package|benefits|"
    r"pension(?:\s+payout)?|prejudice)"
)
# ... or with its reason ('Terminated for cause', 'Fired for misconduct', 'Let go for performance', 'Resigned
# for family reasons', 'Quit for another job'): each ordered under Notes, left out under Status (review77).
# Not what else it was for ('Resigned for the card', 'Left for the day': not a reason of these)
LEAVING_FOR = (
    r"(?:(?:just|gross|serious|poor|bad|repeated|chronic|unsatisfactory|low)\s+)?(?:cause|misconduct|"
    r"performance|attendance|absenteeism|tardiness|insubordination|theft|fraud|harassment|dishonesty|violence|"
    r"no[\s-]*call[\s,/-]*no[\s-]*show|ncns|job\s+abandonment|(?:a\s+)?(?:policy|conduct|safety)\s+violations?|"
    r"violat\w+\s+(?:of\s+)?(?:(?:company|our|the)\s+)?(?:policy|policies|code\s+of\s+conduct)|"
    r"(?:personal|family|health|medical)\s+reasons|(?:a|another|a\s+new|new)\s+(?:job|position|role|opportunity)|"
    r"other\s+opportunities|relocation)"
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*"
# when: a time past said in words ('last week', 'in October', 'recently', '3 weeks ago', 'as of 11/1')
_WHEN = (
    r"(?:in|on|as\s+of|effective|eff\.?|since|last|this|back\s+in|during|earlier\s+this|over\s+the)\s+(?:\d[\d/.-]*|"
    + _MONTH
    + r"|"
    + _WEEKDAY
    + r"|week|month|year|quarter|spring|summer|fall|autumn|winter|weekend|the\s+\d)|recently|yesterday|today|"
    r"(?:a|an|one|two|three|few|several|a\s+few|a\s+couple\s+(?:of\s+)?|\d+)\s+(?:days?|weeks?|months?|years?)\s+ago|"
    r"(?:on\s+)?\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?"
)
# how each reading below starts: whose the death or leaving is, perhaps told by whom ('Wife says he')
_WHOSE = rf"(?:also\s+)?(?:(?:{_TOLD}\s*[:,]?\s+)?{_WHO}\s+)?"
_ENDS = r"\s*(?:$|[-–—:,.;!(].*|\s(?:as\s+)?per\s.*)"
# how a death came ('suddenly', 'in a car accident', 'of cancer'): 'by accident' after a death is its cause,
# not 'in error' as after 'Removed' ('Deceased by mistake' stays a mistake: .undone)
_DIED = r"deceased|passed\s+away|died"
_ACCIDENT = (
    r"(?:an?\s+)?(?:(?:car|auto|automobile|traffic|road|motorcycle|bike|bicycle|plane|work|workplace|boating|"
    r"hunting|skiing|farm|house|tragic|fatal|terrible)\s+)?(?:accident|crash|collision|fire|wreck)"
)
_HOW = (
    r"suddenly|unexpectedly|peacefully|tragically|accidentally|by\s+accident|in\s+" + _ACCIDENT + r"|"
    r"(?:of|from)\s+(?!the\s+(?:company|firm|team|list)\b)[a-z][^-–—:,.;!(]*|"
    r"(?:after|following)\s+(?:an?\s+)?(?:(?:long|short|brief|sudden)\s+)?illness|at\s+home|"
    r"in\s+(?:his|her|their)\s+sleep"
)
GONE_WHEN = (
    # ... the person said or a word before the state ('Employee passed away last week', 'Has left the
    # company', 'Got laid off', 'Recently deceased', 'Sadly passed away')
    rf"{_WHOSE}(?:(?:is|was|has|had|have|got|just|recently|sadly|"
    r"unfortunately)\s+(?:been\s+|got\s+)?){1,2}(?:" + _GONE + r")(?:\s+(?:" + _WHEN + r"))?" + _ENDS + r"|"
    rf"{_WHOSE}(?:{_GONE})\s+(?:{_WHEN})" + _ENDS + r"|"
    # ... or a death said with how it came ('Deceased by accident', 'Died suddenly', 'Passed away from
    # cancer', 'Killed in a car accident': found by review61 and the lead, each ordered where 'Deceased' is
    # left out)
    rf"{_WHOSE}(?:(?:is|was|has|had|just|sadly|tragically|"
    r"unfortunately)\s+)?(?:(?:" + _DIED + r")\s+(?:" + _HOW + r")|"
    r"killed\s+in\s+(?:action|" + _ACCIDENT + r"))"
    r"(?:\s+(?:" + _WHEN + r"))?" + _ENDS + r"|"
    # ... or a leaving said with its terms ('Terminated with cause', 'Fired without cause', 'Laid off with
    # pay', 'Resigned with 2 weeks notice', 'Terminated w/ severance': found by review75, each ordered where
    # 'Terminated' alone and Status 'Terminated with cause' leave the row out). Not 'Left with Sue' (a card
    # left with someone) nor a death's
    rf"{_WHOSE}(?:(?:is|was|has\s+been|got)\s+)?(?:{_LEFT_ON})\s+(?:(?:with|without|w/o?)\s+(?:{LEAVING_TERMS})|"
    rf"for\s+(?:{LEAVING_FOR}))"
    r"(?:\s+(?:" + _WHEN + r"))?" + _ENDS + r"|"
    # ... or no longer working there ("Doesn't work here anymore", 'No longer at the company'); not 'No
    # longer at the Boston office' (moved)
    r"(?:(?:does|do|did)\s*n[o'’]?t|no\s+longer|not)\s+work(?:s|ing)?\s+(?:here|for\s+us|with\s+us|at\s+(?:the\s+)?"
    r"(?:company|firm))(?:\s+any\s*more)?" + _ENDS + r"|"
    r"no\s+longer\s+(?:at|with)\s+(?:the\s+)?(?:company|firm|organi[sz]ation|org|co\b|us)" + _ENDS + r"|"
    r"not\s+(?:working|employed)\s+(?:here\s+)?any\s*more" + _ENDS + r"|"
    # ... or the last day past, named by a word ('Last day was Friday', 'Her last day was last week')
    r"(?:(?:his|her|their|the\s+employee['’]?s|employee['’]?s)\s+)?last\s+(?:(?:working|work|business|physical)\s+)?"
    r"day\s+(?:was|worked(?:\s+was)?)\s+(?:(?:last|this\s+past|on)\s+)?(?:"
    + _WEEKDAY
    + r"|yesterday|today|last\s+(?:week|month)|in\s+"
    + _MONTH
    + r"|recently)(?!\s*\d).*|"  # (a day in figures is .leavingday's, to come or past)
    # ... or the job's end said done ('Contract ended', 'Assignment ended 11/30', 'Contract not renewed',
    # 'Employment terminated')
    # ... or a temp's ('Temp - Ended', 'Temp ended', 'Temporary assignment ended': each was ordered, exit 0;
    # the lead's closing note of session 51, leftover 2; hunter-asks7)
    r"(?:(?:his|her|their)\s+)?(?:(?:contract|assignment|employment|engagement|position|role|job)\s+|"
    rf"{TEMP_JOB})(?:has\s+|was\s+)?"
    r"(?:ended|over|expired|terminated|eliminated|not\s+renewed|cancell?ed)(?:\s+(?:" + _WHEN + r"))?"
    r"\s*(?:$|[-–—:,.;!(].*|\s(?:as\s+)?(?:per|by)\s.*)|"
    rf"{SEPARATION_DONE}(?:\s+(?:" + _WHEN + r"))?\s*(?:$|[-–—:,.;!(].*|\s(?:as\s+)?(?:per|by)\s.*)|"
    # ... or 'Separated' alone, the employee said or how ('Separated', 'Employee separated', 'Separated
    # (voluntary)'), as a Status cell reads it: found by the lead, each ordered. Not before a remark nor of
    # 'she' ('Separated - send to her', 'Separated - new address', 'She is separated': a marriage's)
    r"(?:(?:the\s+)?(?:employee|ee|associate)\s+(?:(?:has|had|was)\s+(?:been\s+)?)?)?separated(?:\s*[(\[]\s*(?:in)?voluntar(?:y|ily)\s*[)\]])?"
    r"[\s.!]*$"
)


# ... but a marriage's under its label ('Marital status: separated', 'Civil status - separated': found by
# review50 on f8b63b21, each left out)
_MARRIAGE_S = re.compile(r"(?i)\b(?:marital|civil|relationship|family)\s+status\W*$")
_SEPARATED = re.compile(r"(?i)\W*separated\b")


def a_marriage_s(note: str, begin: int) -> bool:
    """Whether the clause of ``note`` at ``begin`` says 'separated' under a marital status's label."""
    return _SEPARATED.match(note, begin) is not None and _MARRIAGE_S.search(note, 0, begin) is not None
