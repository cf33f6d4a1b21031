"""A leaving said a mistake ('Terminated in error', 'Deceased by mistake', 'Offboarded in error - send'): the
person still here, sent (:data:`IN_ERROR`, read with :data:`.undone._UNDONE`); unless the leaving is said
again after it ('Deceased in error 11/30 - obituary confirmed', 'Terminated in error, terminated again 12/1').
Read as a no by :data:`.notes._NOTE_SAYS_NO` (:data:`SAID_A_MISTAKE`) as a status's prefix reads it, then
undone where :data:`IN_ERROR` spares it (moved out of undone.py, which neared 400 lines)."""

from __future__ import annotations

from .leftwork import LEFT_A_JOB
from .notewords import _FOUND_OTHERWISE

# the leaving, perhaps as it was recorded, then the words saying it was a mistake
_RECORDED = r"^\s*(?:(?:marked|listed|entered|recorded)\s+(?:as\s+)?)?"
_LEAVING = (
    r"terminated|termed|resigned|off[\s-]?boarded|deactivated|inactivated|inactive|deceased|laid[\s-]*off|"
    # ... a layoff however spelled ('Layoff in error', 'RIF in error', 'Position eliminated by mistake' were
    # left out under 'Status' where 'Laid off in error' sends: review69)
    r"lay[\s-]?off|rif(?:['’]?d|fed)?|reduction\s+in\s+force|(?:position|role|job)\s+eliminated|"
    # ... in the families of words a leaving is written in ('Sacked in error': hunter-asks8)
    rf"{LEFT_A_JOB}"
)
# ... 'by error', 'by accident': 'Terminated by accident', 'Deceased by error' were left out under 'Status',
# sent under 'Notes' (review63's Found 7; review66)
_A_MISTAKE = r"\s*[-–—:,;(\[]?\s*(?:in\s+error|by\s+(?:mistake|error|accident)|mistakenly|erroneously)\b"
# ... but not a death by accident, whatever comes between: its cause (.gonewhen). 'Deceased - by accident',
# 'Deceased (by accident)', 'Deceased  by accident' were sent, read as a mistake (found by review65 checking
# 43c94bb6, whose guard read one space only)
_NOT_A_DEATH_S_CAUSE = r"(?!deceased\W*by\s+accident\b)"

# A leaving said a mistake, whatever follows: a no, as a status column reads it, which :data:`IN_ERROR` undoes
# where the mistake stands. Under 'Notes' the words after the mistake were read as none of a note's, so
# 'Deceased in error 11/30 - obituary confirmed', 'Deceased in error per obituary', 'Terminated in error by
# manager, terminated again 12/1' were each ordered where under 'Status' left out (review63's Found 1 in
# session 46, mended by hunter-sends14)
# Not 'left' nor 'separated' ('Left by mistake on voicemail', 'Separated in error from spouse': of a message,
# of a marriage)
SAID_A_MISTAKE = rf"{_RECORDED}{_NOT_A_DEATH_S_CAUSE}(?:{_LEAVING}){_A_MISTAKE}.*"

# ... or a leaving said a mistake with no mark ('Terminated in error', 'Offboarded in error - send'): left out
# under 'Status', sent under 'Notes' (found by review60); not asked, nor gone again after it. With a mark
# ('Terminated - in error') the row itself may be the error (..notes): left out in both
IN_ERROR = (
    # ('Removed by mistake', 'Excluded by mistake' too: left out under 'Status', sent under 'Notes', review66)
    rf"{_RECORDED}{_NOT_A_DEATH_S_CAUSE}(?:{_LEAVING}|separated|left|removed|excluded){_A_MISTAKE}"
    # ending its clause, and no accident: 'Deceased by accident', 'Terminated erroneously listed as active'
    # were sent (review61 checking 786733b8); its day, who said so or where it was made may follow
    # ('Terminated in error 11/30', '... per HR', '... in Workday' were left out since: review63)
    r"(?=\s*(?:$|[-–—:;,.!()\[\]]|(?:on\s+|as\s+of\s+)?\d|"
    r"(?:today|yesterday)\b|(?:per|by)\s+(?:the\s+)?(?:hr|payroll|hris|it|manager|mgr|system)\b|"
    r"in\s+(?:the\s+)?(?:system|hris|workday|adp|ukg|payroll|(?:19|20)\d\d)\b|"
    r"and\s+(?:re-?hired|reinstated|re-?activated|restored|corrected|fixed)\b|"
    # ... or said reported so ('Deceased erroneously reported': left out under 'Status')
    r"(?:reported|recorded)(?=\s*(?:$|[-–—:;,.!()\[\]]|(?:per|by|in)\b))))"
    # (nor the leaving said so after all: 'Deceased in error 11/30 - obituary confirmed': review62; an
    # obituary of another ('... - obituary was for his father') says nothing of it)
    # (not asked in its own clause: a question after it asks of another thing, 'Terminated in error - call
    # Sue?', '... - new address?' were left out, the person still here dropped: review75)
    r"(?![^-–—:;,!()\[\]?]*\?)(?!.*\b(?:then|but|again|final)\b)(?!.*\bobituar\w*\b(?!\s+(?:was|is)\s+(?:for|of)\b))"
    # ... nor gone after all in other words ('... - confirmed deceased', '..., not rehired'); said not so
    # ('Deceased in error - not deceased', 'Terminated in error, not really terminated') it stands
    rf"(?!.*\b(?:not|never)\b(?!\s+(?:really\s+|actually\s+)?(?:{_FOUND_OTHERWISE})\b))"
    rf"(?!.*(?<!\bnot\s)(?<!\bnever\s)(?<!\bnot\sreally\s)(?<!\bnot\sactually\s)\b(?:{_FOUND_OTHERWISE})\b)"
)
