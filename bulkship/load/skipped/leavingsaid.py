"""A leaving told by its paper or in an idiom, said alone: 'Term ltr sent', 'Termination letter mailed 11/30',
'Separation agreement signed', 'Moved on to another company', 'Has moved on', 'Moved on from the company'; or
in an HR system's words ('Job abandonment', 'Did not return from leave').
Each was ordered under 'Notes', exit 0 (a card to a person who left), where 'Terminated' leaves the row out
(hunter-sends13's item 9, fixed by hunter-sends14). Read by :data:`.notes._NOTE_SAYS_NO`. Not a letter of
another kind ('Offer letter sent'), a resignation's (the last day may be to come), a notice still worked, a
move on a day or of the address ('Moved on 11/30': ..problems.addresstocome), nor with more said after it
('Moved on to the night shift', 'Has moved on - send to new home': review67)."""

from __future__ import annotations

# the paper of a leaving, and that it went or was signed
_PAPER = (
    # (not a resignation's: its letter may come before the last day, 'Resignation letter received 1/15/2027')
    r"(?:term(?:ination)?|separation|lay[\s-]*off|rif|severance|dismissal)\s+(?:ltr|letter|"
    r"paperwork|papers|package|agreement|docs|documents)\s+(?:(?:was|has\s+been|have\s+been)\s+)?(?:sent|mailed|"
    r"issued|given|delivered|signed|received|processed|done|served)\b"
    # ... not undone after ('... - rescinded, still employed', '... - rehired 12/1': review66, review65)
    r"(?!.*\b(?:rescinded|reversed|revoked|withdrawn|cancell?ed|rehired|re-hired|reinstated|still\s+employed|"
    r"back)\b)"
    # ... and alone, or with its day (not 'Resignation letter received - last day 1/15/2027': review67)
    r"(?=\s*(?:(?:on\s+)?\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)?\W*$)"
)
# ... said alone, with no remark after it (a shift, a role, a place or where to send it after: 'Moved on to
# the night shift', 'Has moved on - send to new home' were left out: found by review67 checking 23eee5a0)
_MOVED_ON = (
    r"(?:(?:has|have|had)\s+)?moved\s+on(?:\s+(?:from\s+(?:the\s+|our\s+)?(?:company|firm|organi[sz]ation|us|team)|"
    r"to\s+(?:(?:another|a\s+new|a\s+different|other)\s+(?:company|employer|job|firm|opportunity|position)|"
    r"greener\s+pastures|retirement)))?(?=\W*$)"
)
# ... or in an HR system's other words for it: SuccessFactors' 'Reported No Show', 'Discarded'; a hire undone
# ('Hire rescinded', 'Hire cancelled'); a leaving for job abandonment or for not coming back from a leave
# ('Job abandonment', 'Did not return from leave', 'Failed to return to work'); made redundant. Each was
# ordered, under 'Notes' and 'Status' (hunter-asks6). 'Did not return' alone asks (.saidasking)
HR_LEAVING = (
    r"(?:reported\s+no[\s-]*show|discarded|hire\s+(?:rescinded|cancell?ed|revoked|withdrawn)|"
    r"job\s+abandon(?:ment|ed)|abandoned\s+(?:(?:the|his|her|their)\s+)?(?:job|position)|"
    r"(?:did\s*n[o'’]?t|failed\s+to|never)\s+return(?:ed)?\s+(?:from\s+(?:(?:a|the|his|her|their)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:leave|loa|fmla|absence)|to\s+work)|(?:(?:position|role)\s+)?(?:made\s+)?redundant|"
    # ... or a no call no show ('NCNS', 'No call/no show'), where 'No show' and 'Reported No Show' are left
    # out: each was ordered under 'Notes' and 'Status' (the lead's closing note of session 51; hunter-asks7)
    r"no[\s-]*call[\s,/&-]*(?:and\s+)?no[\s-]*show|ncns)"
)
# a temp's job, before the words saying it ended ('Temp - Ended', 'Temporary assignment ended': ..gonewhen,
# ..status); not where the cell goes on to say send, or a day (to come?) with its year ('Temp ended - send
# card', 'Temp ended - last day 1/15/2027', 'Temp ended 1/15/2027' were sent before it was read, as before).
# Looked for after 'temp' only, 120 characters on: tried at every character of a long note to its end, a
# 60,000-character note took minutes (test_visible_rows' long notes)
_TEMP_NOT_ENDED = (
    r"(?![^?]{0,120}?(?:\b(?:send|last\s+day|until|till|thru|through)\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}))"
)
TEMP_JOB = (
    rf"temp{_TEMP_NOT_ENDED}(?:orary)?(?:\s+(?:assignment|job|position|contract|role|work|worker|hire))?"
    r"(?:\s*[-–—:]\s*|\s+)"
)
# a separation or a termination said done ('Separation Complete', 'Termination processed 11/30': each was
# ordered under Notes, Status and 'Employee Status', where 'Offboarding complete' is left out: hunter-asks7)
SEPARATION_DONE = (
    r"(?:separation|termination)\s+(?:is\s+|was\s+|has\s+been\s+)?"
    r"(?:complete[d]?|done|finali[sz]ed|processed)"
)
LEFT_IN_WORDS = rf"(?:{_PAPER}|{_MOVED_ON}|{HR_LEAVING})"
