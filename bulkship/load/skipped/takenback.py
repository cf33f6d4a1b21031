"""A note taking back what it said first: a send, an approval or a hold's end said, then taken back ('OK to
send - actually no, hold', 'Cleared to send - never mind, left company', 'Approved, then cancelled 12/1',
'Resend approved - rescinded 12/2', 'Hold lifted; hold reinstated 12/4'), or a condition or a check the row
waited for, answered no ('Send if address confirmed - not confirmed', 'Awaiting manager OK - manager said
no', 'Verify employment - not employed', 'Pending approval - denied'). Each was ordered: the note opened with
no word leaving the row out, and its later clause, which does, opened with the words taking the first back
(found by review40). Read with :data:`.notes._NOTE_SAYS_NO` (a whole note) and by :mod:`.clauses` (a clause
after its words taking back)."""

from __future__ import annotations

import re

# The words opening a clause that takes back what came before it ('actually no', 'never mind', 'scratch
# that', 'no wait', 'on second thought', 'correction:', 'update 12/3:', 'then', 'but now'): the clause after
# them is read as a note of its own
_TAKING_BACK = (
    r"(?:actually|no\s*,?\s*wait|wait\s*,?\s*no|never\s*mind|nvm|scratch\s+that|strike\s+that|"
    r"disregard(?:\s+(?:that|this|the\s+above|above))?|on\s+(?:second|2nd)\s+thought|correction|corrected|"
    r"updated?|edit(?:ed)?|change\s+of\s+plans?|changed\s+(?:my|our|their|his|her)\s+mind|oops|then|but|now|"
    r"later|since|however)"
)
TAKEN_BACK = re.compile(
    rf"(?i)^\W*(?:{_TAKING_BACK}\b(?:\s+(?:on\s+)?\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?)?[\s:,;.!-]*)+"
    r"(?P<no>(?:no|nope|don['’]?t|do\s*n[o']?t)\b[\s,:;.!-]*)?"
)
# ... the person who said it, opening what is left ('she declined', 'he refused'), read without them
SAID_BY = re.compile(r"(?i)^(?:he|she|they|employee|ee|recipient|associate)\s+(?:(?:has|have|had)\s+)?")
# Where a clause taking back starts inside a sentence: after a comma or a bracket ('Approved, then cancelled
# 12/1', 'Yes send (update: no, she declined)')
TAKING_BACK_CUT = rf"(?i:,\s+(?={_TAKING_BACK}\b)|\s+\((?=\s*{_TAKING_BACK}\b)|\s+(?=then\s+\w))"

# A hold on again ('on hold again', 're-held 12/3', 'back on hold', 'hold reinstated 12/4')
_AFTER = r"(?:\s*$|\s*[-–—:,.;!(].*|\s+(?:on\s+)?\d.*|\s+(?:by|per|as\s+of|effective|since|on|again)\b.*)"
HELD_AGAIN = (
    r"(?:(?:on\s+)?hold\s+(?:(?:was\s+|has\s+been\s+|is\s+)?(?:reinstated|re-?applied|re-?placed|re-?instated|"
    r"put\s+back)|again)|re-?held|(?:put\s+)?back\s+on\s+hold|on\s+hold\s+again)"
) + _AFTER
# A send, an approval or a hold's end said first, then taken back ('Resend approved - rescinded 12/2',
# 'Approved by Mark; approval withdrawn', 'OK to send - approval revoked'); not a no taken back, which sends
# ('Resigning 11/30 - rescinded', 'Leaving - resignation withdrawn')
# ... not once given again after ('Approved - rescinded then re-approved 12/1', 'Approved, then revoked, then
# approved again': found by review44 reviewing f284c812, a heading's rows above left out)
GIVEN_AGAIN = (
    r"\b(?:re-?(?:approved|cleared|instated|authori[sz]ed|issued)|(?:approved|cleared|ok(?:ay)?(?:['’]?d)?)"
    r"\s+again)\b"
)
_GIVEN_AGAIN = rf"(?!.*{GIVEN_AGAIN})"
APPROVAL_TAKEN_BACK = (
    _GIVEN_AGAIN
    + r"(?:ok(?:['’]?d)?|okay|approved|cleared|yes|send|ship|re-?send|go\s+ahead|eligible|released|lifted|"
    r"exception\s+(?:granted|approved))\b(?:(?!\b(?:not|no|never|do\s*n[o']?t|don'?t)\b).){0,100}?"
    # (or no sign before 'then': 'Approved then revoked', found by review42, its LO3, in a heading's part)
    r"(?:[-–—:;,(]\s*|\s+(?=(?:then|but|now|later)\s))"
    r"(?:(?:then|but|now|later)\s+)?(?:(?:the\s+|that\s+)?(?:approval|ok|okay|clearance|release|resend|request|"
    r"decision|exception)\s+(?:was\s+|has\s+been\s+|is\s+|got\s+)?)?(?:rescinded|withdrawn|revoked|"
    r"retracted|reversed|overturned|pulled|voided|disapproved|cancell?ed)\b.*"
)
# A condition or a check the row waited for, answered no after it: the note opens with the condition ('Send
# if', 'Send once', 'Awaiting', 'Pending', 'Verify', 'Check with', 'Needs approval', 'Approval requested') and
# a later clause says the answer ('not confirmed', 'manager said no', 'verification failed', 'denied')
ANSWERED_NO = (
    r"(?:(?:ok\s+to\s+)?send\s+(?:only\s+)?(?:if|once|when|after|pending)|if|awaiting|pending|waiting\s+(?:on|for)|"
    r"needs?|requires?|verify|verifying|check(?:ing)?(?:\s+(?:with|on))?|confirm(?:ing)?|ask(?:ed|ing)?|"
    r"(?:on\s+)?hold\s+(?:until|till|pending|for)|approval\s+(?:requested|needed|pending|required)|"
    r"requested\s+approval)\b"
    r".{0,100}?[-–—:;,(]\s*(?:[\w'’.]+\s+){0,3}?"
    r"(?:not\s+(?:confirmed|verified|approved|employed|eligible|valid|authori[sz]ed|cleared)|unconfirmed|"
    r"unverified|failed|(?:said|says|answered|replied)\s+no\b(?!\s+(?:problem|issue|concern|objection)s?\b)|"
    r"no\s+longer\s+(?:employed|with\b|here|eligible)|denied|rejected|refused|declined|disapproved|"
    r"ineligible|negative)\b.*"
)
# ... or the send, the approval or the eligibility no longer so ('No longer approved', 'No longer OK to
# send', 'Not eligible anymore', 'OK to send - not anymore', 'Approved - no longer'): found by hunter-sends3
# (review42's LO3, a heading's words for the rows above), each was ordered; not once given again ('No longer
# approved - re-approved 12/1')
_GO = r"(?:ok(?:ay)?|approved|cleared|eligible|good\s+to\s+go)(?:\s+to\s+(?:send|mail|ship))?"
NO_LONGER = (
    r"(?!.*\bre-?(?:approved|cleared|instated|hired)\b)"
    rf"(?:no\s+longer\s+{_GO}|not\s+{_GO}\s+any\s*more|{_GO}\s*[-–—:;,(]\s*(?:but\s+)?(?:not\s+any\s*more|no\s+longer)"
    r"\b)\s*(?:$|[-–—:,.;!()].*)"
)
# ... or the approval (the eligibility, the award, the offer) itself said withdrawn, no 'approved' before it
# ('Approval revoked', 'Approval withdrawn 12/1', 'Manager approval rescinded', 'Eligibility revoked', 'Award
# rescinded', 'Offer rescinded'): found by review44, each was ordered, exit 0, a card the list had
# taken back; not once given again ('Approval revoked - re-approved 12/1'), nor of another thing ('Hold
# revoked', 'Approval revoked for expedited shipping'), nor alone ('Leaving 11/30 - rescinded': what it takes
# back is the clause before it)
WITHDRAWN = (
    r"(?!.*\b(?:re-?(?:approved|instated|granted)|approved\s+(?:again|on\s+appeal)|restored)\b)"
    r"(?:(?:(?:the|his|her|their|hr|manager['’]?s?|mgr['’]?s?|supervisor['’]?s?|legal|finance|director['’]?s?|vp|"
    r"ceo|exec(?:utive)?|final|budget|gift(?:\s*card)?|card|program|bonus)\s+)*(?:approval|eligibility|award|offer|nomination|exception|clearance|"
    r"authori[sz]ation|sign[\s-]*off)\s*[:=-]?\s*(?:(?:was|has\s+been|is|got|been)\s+)?)(?:rescinded|withdrawn|"
    r"revoked|retracted|reversed|overturned|pulled|voided|disapproved|denied|rejected|cancell?ed)"
    r"\s*(?:$|[-–—:,.;!()].*|(?:on\s+)?\d{1,4}[/.-]\d.*|\s(?:as\s+)?per\s.*|\sby\s.*|\s(?:for\s+)?this\s+"
    r"(?:year|time|round)\b.*)"
)
TAKES_BACK = re.compile(rf"(?i)^\W*(?:{APPROVAL_TAKEN_BACK}|{ANSWERED_NO}|{NO_LONGER})")
