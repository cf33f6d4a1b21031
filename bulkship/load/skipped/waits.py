"""A note saying the row waits on something still to come, in other words than 'Pending approval': 'Awaiting
approval', 'Waiting on approval', 'Wait for manager OK', 'Needs approval', 'Requires HR approval', 'Not yet
approved', 'Awaiting confirmation', 'Wait for address', 'Hold for address', or a later round ('Send in wave
2', 'Hold for Q1', 'Next round'). Each was ordered, exit 0, where 'Pending approval' or 'Waiting for
address' leave the row out (found by hunter-sends2, after review40's LO2: a 'Card Status' 'Cleared - wait
for address'). Read with :data:`.notes._NOTE_SAYS_NO` (a whole note, or a clause of one); what it waited on
come since undoes it as for 'Pending approval - approved 12/1' (:data:`.undone._UNDONE`). Not a parcel's
wait ('Hold for pickup', 'Hold for signature', 'Wait for delivery'), nor a manager's ('Hold for manager': to
hand out?). Also the thing awaited said first ('Approval needed', 'Approval pending', 'Sign-off needed'),
unless the note goes ahead all the same (:data:`GOES_AHEAD`)."""

from __future__ import annotations

import re

_WAITING = (
    r"(?:awaiting|await|waiting\s+(?:for|on)|wait\s+(?:for|on)|(?:on\s+)?hold(?:ing)?\s+(?:for|pending|awaiting)|"
    r"needs?|requires?)"
)
# whose, or which ('HR approval', "manager's OK", 'final sign-off')
_WHOSE = (
    r"(?:(?:the|an?|his|her|their|hr|manager['’]?s?|mgr['’]?s?|supervisor['’]?s?|legal|finance|director['’]?s?|vp|"
    r"ceo|exec(?:utive)?|final|written|formal|budget)\s+)*"
)
# what it waits on
_AWAITED = (
    r"(?:approval|review|verification|confirmation|decision|clearance|sign[\s-]*off|ok|okay|go[\s-]*ahead|"
    r"green\s+light|legal|finance|budget|funding|response|reply|answer|eligibility|background\s+check|outcome)"
)
_LATER = (
    r"(?:next\s+(?:year|wave|round|batch|cycle|quarter|mailing|shipment)|(?:wave|round|batch|phase|cycle)\s*"
    r"(?:[2-9]|two|three|four|ii+)|q[1-4](?:\s+(?:19|20)\d\d)?)"
)
# who will, or that it will ('Will send', 'To be sent', 'Going to send', 'Plan to send')
_WILL = (
    r"(?:(?:(?:we|i|hr|they)\s*['’]?\s*(?:ll|will)\s+|will\s+|to\s+|going\s+to\s+|plan(?:ning)?\s+to\s+|"
    r"(?:is|are)\s+to\s+)(?:be\s+)?)?"
)
_ENDS = r"\s*(?:$|[-–—:,.;!(].*|\s(?:as\s+)?(?:per|by|from)\s.*)"
# ... the thing awaited said first, then that it is still to come ('Approval needed', 'Approval pending',
# 'Sign-off needed', 'Manager approval required', 'Approval: pending', 'HR review outstanding'): each was
# ordered, exit 0, where 'Pending approval' and 'Needs approval' leave the row out (found by hunter-sends2,
# its leftover; fixed by hunter-sends3). Only the decisions a card waits on: not 'Address confirmation
# needed' (an address to fix), 'Response needed' or 'OK pending'. Not 'Sent to HR for approval' (the list
# may be what was sent: tests/test_visible_rows.py has it sent)
_AWAITED_FIRST = (
    r"(?:approval|approvals|review|verification|confirmation|decision|clearance|sign[\s-]*off|go[\s-]*ahead|"
    r"green\s+light|authori[sz]ation|eligibility(?:\s+(?:check|review))?|background\s+check)"
)
_STILL_TO_COME = (
    r"(?:(?:is|still|currently|yet|now)\s+)*(?:pending|needed|required|outstanding|awaited|requested|"
    r"in\s+progress|not\s+(?:yet\s+)?(?:received|given|granted|in|back|done|obtained))"
)
AWAITED_FIRST = rf"{_WHOSE}{_AWAITED_FIRST}\s*[:=]?\s*{_STILL_TO_COME}{_ENDS}"
# ... unless the note goes ahead all the same ('Moving ahead with gift; approval pending', 'OK to send -
# approval pending', 'Send anyway - sign-off needed'): the approval is then a formality told, not a wait
# (tests/test_unusual_sheets.py). 'Go ahead, pending approval' (go ahead once approved) still waits
GOES_AHEAD = re.compile(
    r"(?i)\b(?:(?:moving|going|go|went|pressing|press)\s+ahead|proceed(?:ing|ed)?|ok(?:ay)?\s+to\s+"
    r"(?:send|mail|ship|order)|send\s+(?:it\s+)?(?:anyway|regardless|now)|approved\s+to\s+send)\b"
)
# ... or the row sent to someone for that decision ('Sent to HR for approval', 'Submitted for approval',
# 'Routed to finance for sign-off': found by hunter-sends4, each ordered before anyone approved it, where
# 'Pending approval' leaves the row out); not for another thing ('Sent to HR for address check')
SUBMITTED = (
    r"(?:(?:was|has\s+been|been)\s+)?(?:sent|submitted|forwarded|routed|escalated|referred|passed|given|emailed|"
    r"sent\s+over|handed\s+over)\s+(?:(?:to|with)\s+(?:(?!for\b)[\w'&.-]+\s+){1,3})?for\s+"
)
# told to wait, alone or before a remark ('Wait', 'Please wait', 'Send later', 'Check with manager first'),
# read again by :data:`.undone._UNDONE` where what it waited for came after it ('Wait - approved 12/1')
TOLD_TO_WAIT = (
    r"(?:(?:please|pls)\s+)?(?:wait|send\s+later|(?:check|confirm|verify)\s+with\s+(?:[\w'&.-]+\s+)"
    r"{1,2}?(?:first|before\s+(?:sending|ordering|mailing))|"
    # ... or the eligibility to check first ('Check eligibility', 'New hire? check eligibility': found by
    # newcomer19, the lead's ask, each ordered)
    r"(?:check|confirm|verify)\s+(?:(?:his|her|their|the)\s+)?eligibility(?:\s+first)?|"
    # ... or whom to ask, first or not ('Ask Pat', 'ask Pat first', 'check with Pat', 'confirm w/ manager':
    # found by newcomer20, N1, each ordered, exit 0, where 'Check with Pat first' leaves the row out); not
    # what the person asked for ('Asked for cash instead'), nor a question's topic ('ask for size')
    r"(?:ask|(?:check|confirm|verify)\s+(?:with|w/))\s+(?!(?:for|about|if|whether|to|me)\b)"
    r"[\w'&.-]+(?:\s+(?!(?:first|before|on|for)\b)[\w'&.-]+)?(?:\s+first)?)"
    r"(?:\s+(?:on\s+(?:this|it)|for\s+now))?"
)
_ENDS_DATED = r"\s*(?:$|[-–—:,.;!(].*|\s(?:as\s+)?(?:per|by|from|on)\s.*|(?:on\s+)?\d{1,4}[/.-]\d.*)"
WAITING_ON = (
    rf"{_WAITING}\s+{_WHOSE}{_AWAITED}\b.*|{SUBMITTED}{_WHOSE}{_AWAITED}{_ENDS_DATED}|(?!.*{GOES_AHEAD.pattern.removeprefix('(?i)')}){AWAITED_FIRST}|"
    # ... the address itself ('Wait for address', 'Hold for address'; 'Awaiting new address' is an address to
    # come, which .problems.corrections asks to put in the row)
    rf"{_WAITING}\s+(?:the\s+|an?\s+|his\s+|her\s+|their\s+)?addr(?:ess)?{_ENDS}|"
    r"not\s+yet\s+(?:approved|confirmed|verified|cleared|signed\s+off|eligible|authori[sz]ed)\b.*|"
    # ... a later round: said to wait or go then, or the next one alone; or said it will ('Will send next
    # year', 'Moved to round 2', 'Pushed to next year': found by hunter-sends4, each was ordered)
    rf"(?:{_WILL}(?:send|sending|sent|ship|shipping|shipped|mail|mailing|mailed|hold|held|wait|save|saved|keep|kept|"
    r"include|included|move|moved|push|pushed|defer|deferred)(?:\s+(?:it|this\s+one|them))?\s+"
    rf"(?:(?:in|for|to|until|till)\s+(?:the\s+)?)?{_LATER}|next\s+(?:round|wave|batch|cycle|mailing)|"
    # ... or said to go then ('Next year: send', 'Wave 2 - OK to send'), or not in this one ('Wave 2 - not
    # this one', 'Next year, not now': found by hunter-sends4, each sent)
    rf"{_LATER}\s*[:=–—,-]\s*(?:(?:(?:ok\s+to\s+)?send|ship|mail|ok|yes|eligible)\b(?:\s+(?:it|one|a\s+card|again))?|"
    rf"not\s+(?:this\s+(?:one|time|year|wave|round|batch|mailing|cycle)|now|yet)\b)){_ENDS}|"
    # ... or next year's alone, nothing after it ('Next year'), or after the holidays or the new year, or not
    # before a later round ('After the holidays', 'Send after New Year', 'Not until Q1': each ordered at once;
    # hunter-asks5)
    r"next\s+(?:year|quarter)\W*$|"
    rf"(?:{_WILL}(?:send|ship|mail|order)(?:\s+(?:it|this\s+one|them))?\s+)?(?:after|post)[\s-]+(?:the\s+)?"
    r"(?:holidays?|new\s+year(?:['’]?s)?(?:\s+day)?|xmas|christmas)\W*$|not\s+(?:until|till|before)\s+(?:the\s+)?"
    rf"{_LATER}\W*$|"
    # ... or told to wait, alone or before a remark ('Wait', 'Please wait', 'Send later', 'Check with manager
    # first': found by newcomer18, N8, each was ordered); not 'Wait staff', 'Wait for delivery'. ('Hold off'
    # is sent still: read so, 'Card on hold until 1/15/2031 (Hold off)' was no longer held to its day)
    rf"{TOLD_TO_WAIT}{_ENDS}|"
    # ... or when the person is back ('Maternity leave - send when back', 'Hold until she returns', 'Send
    # upon return': found by hunter-sends4, each sent)
    rf"{_WILL}(?:send|ship|mail|hold|wait|keep|save)(?:\s+(?:it|this\s+one|them|(?:the\s+)?(?:gift\s+)?card))?\s+"
    r"(?:when|once|after|upon|on|until|till)\s+(?:(?:she|he|they|the\s+employee|employee|(?:s?he|they)['’]s|"
    r"(?:she|he|they)\s+(?:is|are|gets|comes|returns?))\s*)?(?:(?:is|are|gets|comes)\s+)?(?:back|returns?|"
    r"(?:her|his|their)\s+return)\b(?:\s+from\s+(?:(?:maternity|paternity|parental|medical|sick)\s+)?(?:leave|loa|vacation|"
    r"sabbatical))?(?!\s+(?:from|to|in)\b)\s*"
    r"(?:$|[-–—:,.;!(].*)"
)


_AWAITED_FIRST_CLAUSE = re.compile(rf"(?i)\s*(?:{AWAITED_FIRST})")


def goes_ahead_before(note: str, at: int) -> bool:
    """Whether the clause of ``note`` at ``at`` tells the thing awaited still to come (:data:`AWAITED_FIRST`)
    after words going ahead all the same (:data:`GOES_AHEAD`): told, not waited on."""
    return _AWAITED_FIRST_CLAUSE.match(note, at) is not None and GOES_AHEAD.search(note, 0, at) is not None
