"""The words of a heading inside the list over people not to send ('REMOVED - do not send', 'Already sent in
November', 'Alternates', 'Inactive employees'): read by :mod:`.headings` on a row of its own, one filled cell
(or two: the heading and a count), and the rows under it left out."""

from __future__ import annotations

import re

from .ofwork import OF_WORK, TERMINATED_THING

# the people a heading names gone, not those its people replace ('new (replacing those who left)')
_NOT_REPLACING = "".join(
    rf"(?<!{w} )"
    for w in ("replacing", "replace", "replaces", "replacements for", "replacement for", "in place of",
              "backfilling", "backfill for", "backfilling for", "covering for", "succeeding", "replacing all",
              "replacing the")
)  # fmt: skip


# A heading inside the list over people not to send: "REMOVED - do not send (left the company)", "Already sent
# in November", "Alternates (only if someone declines)". The people under it were ordered (newcomer7).
_LEAVE_OUT_TEXT = (
    r"(?i).*\b(?:removed?|do\s*n[o']?t\s+(?:send|mail|order)|don'?t\s+(?:send|mail|order)|already\s+"
    # ... or the words the other way round ('Below: sent already', 'Cards mailed already': found by
    # hunter-sends5, the rows under each were sent a second card), unless what follows says the rows are new
    # or to send, or asks ('Shipped already (November) - below are new', 'Cards mailed already? No': review48)
    r"(?:sent|received|ordered|mailed)|(?:been\s+(?:sent|received|ordered|mailed|shipped)|(?:sent|received|"
    r"ordered|mailed|shipped)\s+already)(?!.*\b(?:new|send|not\s+yet|none|above)\b)(?![^?]*\?)|declined|"
    r"excluded?|not\s+(?:sending|"
    r"eligible|to\s+(?:be\s+)?sen[dt])|on\s+hold|cancell?ed|left\s+(?:the\s+)?company"
    # ... or in other words ("Terminated employees", "Opted out", "Not approved", "Pending approval", "Ignore
    # everything below", "Do not use", "Already got cards": found by hunter-sheets, the rows under each were
    # ordered)
    # ('Deceased Estates', 'Probate & Deceased Estates': a bank's or a law firm's team, not people: .ofwork)
    # ... but 'Terminated contracts', 'Terminated accounts' alone name what of the people ended (review38)
    rf"|terminated\b(?:(?={TERMINATED_THING})|(?!{OF_WORK}))|deceased\b(?!{OF_WORK})|resigned|opt(?:ed)?[\s-]*out|not\s+approved|unapproved|ignore|"
    # ... pending what lets a card go, not a detail pending ("New hires (start date pending)" are new hires:
    # found by review14, L2, the rows under it were left out)
    r"pending\s+(?:approval|review|verification|confirmation|sign[\s-]*off|hr)|"
    r"(?:approval|review|verification|confirmation|sign[\s-]*off)\s+pending|"
    r"do\s*n[o']?t\s+use|don'?t\s+use|already\s+(?:got|have|has|had)|"
    # ... or not yet, or only if ("NOT YET APPROVED", "Still waiting on manager approval", "If budget allows",
    # "For reference only", "Contractors - check with HR first": found by hunter-sheets8, the rows under each
    # were ordered)
    r"not\s+yet\s+(?:approved|confirmed|eligible|final)|awaiting\s+(?:approval|review|confirmation|sign[\s-]*off)|"
    r"waiting\s+(?:on|for)\s+(?:\S+\s+){0,2}(?:approval|sign[\s-]*off|confirmation|review)|"
    r"if\s+(?:the\s+)?budget\s+(?:allows|permits)|budget\s+permitting|reference\s+only|"
    # ... or their approval taken back ('Below: approval revoked', 'Approval withdrawn for the rows below',
    # 'Below: no longer approved': found by review44, the people under each were ordered); not given again
    r"(?<!re-)(?<!re)(?:(?:approval|eligibility|award)\s+(?:was\s+|has\s+been\s+)?(?:revoked|rescinded|withdrawn|"
    r"retracted|pulled|cancell?ed|denied)|no\s+longer\s+(?:approved|eligible|cleared|ok(?:ay)?\s+to\s+send))"
    r"(?!.*\b(?:re-?(?:approved|instated)|in\s+error|by\s+mistake|mistaken(?:ly)?)\b)|"
    r"(?:check|confirm|verify)\s+with\s+\S+(?:\s+\S+)?\s+(?:first|before\s+sending))\b.*"
    # ... or opens with the name of people kept back: a team's name may hold these words too ("IT Backup &
    # Storage", "Army Reserve Liaison", "Off the waitlist - confirmed" were left out: found by review10)
    r"|\W*(?:pending|alternates?|wait\s*-?\s*list(?:ed)?|backups?|reserves?|hold|stop(?!\s*(?:&|and)\s*shop)|end\s+of\s+(?:the\s+)?list|"
    r"next\s+year|(?:sent|mailed|shipped)\s+(?:in|on|last)\b|"
    # ... or the people of another time or only perhaps ("Waiting list", "On deck", "Next quarter", "Last
    # year's list", "Maybe", "Future hires": found by hunter-sheets8, the rows under each were ordered)
    r"waiting\s*-?\s*list|on\s+deck|next\s+(?:quarter|month|round|batch|wave|week)|last\s+year(?:['’]?s)?|"
    r"maybes?|future\s+(?:hires?|starts?|starters|employees)|"
    # ... or of people gone ('Inactive employees', 'Inactive', 'Leavers', 'Terminations', 'Ex-employees',
    # 'Employees who left', 'No longer with us': found by review40, its LO2, the people under each were
    # ordered); not 'Inactive donors' or 'Former employees' (whom a win-back or an alumni gift is for)
    r"(?:inactive|leavers|terminations|separations)(?=\W*(?:\d+\W*)?$))\b.*"
    r"|.*\b(?:(?:inactive|separated|departed|terminated|ex-?)\s*(?:employees?|staff|associates?|team\s+members?|"
    r"workers?|personnel|contractors?|interns?)|ex-?employees?|no\s+longer\s+(?:with\s+(?:us|the\s+(?:company|firm|"
    # (not of those they replace: 'Below: new (replacing those who left)' left the new people out: review63)
    rf"team))|employed)|{_NOT_REPLACING}(?:employees?|staff|people|those|associates?)\s+who\s+(?:have\s+)?(?:left|"
    r"resigned|quit|"
    r"passed(?:\s+away)?|died|were\s+(?:terminated|let\s+go|laid\s+off)))\b.*"
)
# ... a team's name ('Deceased Estates') only over a list of staff: over members or customers ('Deceased
# accounts') it names the dead (found by review37 after d4863bbb: each member under it was sent)
LEAVE_OUT_HEADING = re.compile(_LEAVE_OUT_TEXT.replace(f"(?!{OF_WORK})", ""))
LEAVE_OUT_HEADING_OF_STAFF = re.compile(_LEAVE_OUT_TEXT)
