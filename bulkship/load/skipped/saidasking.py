"""Remarks that ask whether the card goes by what they say, with no question's mark or word of doubt (those
are read in :mod:`.asking`, which reads these too): a card for two rows, which of them gets it unsaid; a
remark of doubt alone ('TBD'); a leaving or a death answered no ('Deceased - none'); a card sent in error; a
notice given, its last day unsaid; a move on to a name alone ('Moved on to Acme'); another thing than a gift
card ('Plaque only', 'Donate to charity')."""

from __future__ import annotations

import re

from .goneasked import _GONE, _ON_A_DAY
from .leftwork import LEAVING_SIGNS

# a card for two rows, which of them gets it unsaid ('One card for both', 'Card goes to Walter & Linda
# together', 'Same household as Walter - one card only': newcomer25's N1, both rows ordered, a second card),
# or this row's card shared with another's ('Included on Walter's card', 'Shares a card with Walter (row
# 12)'): the row asks, its said reading a no. Not left out: where both rows of a pair said so, both were
# left out, the household sent no card (found by review65 and review66 checking f86305ab)
_SHARED = re.compile(
    r"(?i)\b(?:one|1|single|joint)\s+(?:gift\s+)?card\s+(?:for|to|between)\s+(?:both|the\s+two|them\s+both|"
    r"the\s+couple|the\s+household)\b|\bcard\s+(?:goes|going|to\s+go)\s+to\s+\S.*?\s(?:&|and)\s.*\btogether\b|"
    r"(?:\b(?:included|incl\.?|added|listed)\s+(?:on|in|with)\s+(?:the\s+)?"
    r"(?:[\w.&-]+\s+){0,3}?[\w.-]+['’]s?\s+(?:gift\s+)?card\b|\b(?:shares?|sharing|shared)\s+"
    r"(?:(?:a|one|the|his|her|their)\s+)?(?:gift\s+)?card\s+with\b|\bcard\s+shared\s+with\b)"
)
_SEPARATELY = re.compile(r"(?i)\bseparate(?:ly)?\b")
_ONE_ONLY = re.compile(r"(?i)\bone\s+(?:gift\s+)?card\s+only\b")
_TWO_ROWS = re.compile(r"(?i)\b(?:household|same\s+(?:address|home)|both|couple)\b")


# a remark of doubt alone ('TBD', 'Maybe', 'Not sure', 'Undecided'): it asks whether the card goes at all
_UNDECIDED = re.compile(
    r"(?i)\W*(?:tbd|tba|to\s+be\s+(?:determined|decided)|undecided|maybe|perhaps|unsure|not\s+sure|unclear|"
    r"not\s+decided(?:\s+yet)?|undetermined)\W*"
)


# ... or a card said unclaimed, or not redeemed, alone ('Unclaimed', 'Card unclaimed', 'Not claimed',
# 'Returned unclaimed', 'Unredeemed'): the post's word for a card come back, an e-gift never opened, the
# state's unclaimed property? A card may be out already. Each was ordered, exit 0 (hunter-asks5's leftover 1,
# hunter-asks6). Said, a no to the card; 'Unclaimed - returned to sender' is left out as before
_UNCLAIMED = re.compile(
    r"(?i)\W*(?:(?:the\s+)?(?:gift\s+|e-?gift\s+)?card\s+(?:was\s+|is\s+)?|(?:e-?)?gift\s+|returned\s+)?"
    r"(?:unclaimed|not\s+(?:yet\s+)?claimed|never\s+claimed|unredeemed|not\s+(?:yet\s+)?redeemed|never\s+redeemed)"
    r"(?:\s+(?:(?:gift\s+)?card|gift|e-?gift|property|funds))?\W*"
)

# ... or not back, from where unsaid ('Did not return', 'Failed to return', 'Not returning'), or a record
# 'Dormant' (SuccessFactors'): gone, or a form or a card not returned? Each was ordered, exit 0, where 'Did
# not return from leave' is left out (hunter-asks6). Said, a leaving
_NOT_BACK = re.compile(
    r"(?i)\W*(?:(?:did\s*n[o'’]?t|failed\s+to|never)\s+return(?:ed)?|not\s+returning|dormant)\W*"
)
# ... or laid off or inactive for the season ('Seasonal Layoff', 'Seasonal Inactive', 'Inactive - Seasonal',
# 'Laid off (seasonal)'): off for the season, back next; whether the card goes now is the user's call (the
# lead, 23:30; the first two were sent, the last two left out: hunter-asks7). 'Temporary layoff' sends
# (d66cdb0f)
_SEASONAL = re.compile(
    r"(?i)\W*(?:seasonal(?:ly)?[\s-]+(?:lay[\s-]?off|laid[\s-]+off|inactive)|(?:lay[\s-]?off|laid[\s-]+off|"
    r"inactive)\W+(?:seasonal(?:ly)?|for\s+(?:the\s+)?season|off[\s-]season))\W*"
)
# ... or a redundancy or a transfer out, alone ('Redundancy', 'Transferred out', 'Transferred to another
# company'): made redundant or only at risk, gone or moved within the group? Each was ordered, exit 0, where
# 'Made redundant' is left out (the lead's closing note of session 51, leftover 2; hunter-asks7). Said, a
# leaving
_MAY_HAVE_LEFT = re.compile(
    r"(?i)\W*(?:active\W+)?(?:redundancy|transfer(?:red)?\s+out|transferred\s+(?:out\s+)?to\s+(?:another|a\s+"
    r"(?:different|sister|new|other))\s+(?:company|entity|employer|subsidiary|business|firm))\W*"
)

# ... or the paper or a chore of a leaving, not the word ('Final paycheck issued', 'COBRA sent', 'Badge
# deactivated', 'Removed from payroll', 'Exit interview done'): gone, or a chore of another kind (a badge
# replaced, a spouse's COBRA)? Each was ordered, exit 0 (hunter-asks8). Said, a leaving
_LEAVING_SIGNS = re.compile(rf"(?i)\W*(?:(?:he|she|they|employee|ee)\s+)?(?:{LEAVING_SIGNS})\W*")

# a leaving or a death answered no, none or n/a without a question's mark ('Deceased - none', 'Terminated:
# no', 'Terminated 1/15/2027 - no', 'Term - N/A', 'Deceased: N'): not gone, or no card? Notes sent some and
# left out others, Status left most out, nobody asked (found by hunter-asks3, the brief's items 1 and 3).
# Its said reading is a no to the card; 'Hold: no', 'Skip - none', 'Duplicate - no' read as before
_GONE_LABEL = re.compile(rf"(?i)\W*{_GONE}{_ON_A_DAY}\s*[-–—:,;(/|]*\s*")
_NO_ANSWER = re.compile(r"(?i)\s*(?:no|n|none|nope|n/?a|nil)\W*")
_MAY_BE_GONE_NO = re.compile(rf"(?i)\b{_GONE}\b[^?]{{0,40}}?[-–—:,;(/|]\s*(?:no|n|none|nope|n/?a|nil)\b")


# a card said sent by mistake ('Sent in error', 'Card sent in error', 'Sent this year in error', 'Mistakenly
# mailed'): not to be sent again, or sent wrongly and still owed? Notes sent 'Sent in error' and left 'Card
# sent in error' out, Status left both out, nobody asked (found by hunter-asks3). Said, it is a card sent
# already; 'Sent in error - resend', '... - do not resend' read as before
_WRONGLY = r"(?:in\s+error|by\s+(?:mistake|error|accident)|mistakenly|erroneously|accidentally)"
_SENT = r"(?:sent|mailed|shipped|ordered|issued)(?:\s+(?:out|already|twice|this\s+year))*"
_SENT_WRONGLY = re.compile(
    rf"(?i)\W*(?:(?:the\s+|a\s+)?(?:gift\s+)?card\s+)?(?:was\s+)?(?:{_SENT}\s*[-–—:,(]?\s*{_WRONGLY}|"
    rf"(?:mistakenly|erroneously|accidentally)\s+{_SENT})(?:\s+this\s+year)?\W*"
)
_MAY_BE_WRONGLY = re.compile(rf"(?i)\b{_WRONGLY}")


# A leaving on its way: pending, in progress or planned, or the person leaving or serving notice
_LEAVING_COMING = (
    r"(?:pending|upcoming|planned|impending|scheduled)\s+(?:termination|separation|resignation|exit|"
    r"offboarding)|(?:termination|separation|resignation|exit|offboarding)\s+(?:pending|in\s+(?:progress|"
    r"process)|scheduled|planned|initiated|underway)|leaving(?:\s+(?:the\s+)?(?:company|firm|organi[sz]ation|"
    r"us))?|(?:is|will\s+be)\s+leaving(?:\s+(?:the\s+)?(?:company|firm|organi[sz]ation|us))?|"
    r"(?:serving|working(?:\s+out)?)\s+(?:(?:his|her|their|a|the)\s+)?notice(?:\s+period)?|"
    r"(?:in\s+(?:the\s+)?)?notice\s+period|"
    # ... or on notice, or on garden leave, a notice served at home ('On Notice', 'Garden Leave': each was
    # ordered, exit 0, where 'Notice period' asks; the lead's closing note of session 51; hunter-asks7)
    r"on\s+notice|(?:on\s+)?garden(?:ing)?[\s-]+leave|"
    # ... or offboarding, or a termination said pending after it ('Offboarding', 'Terminated - Pending': UKG's
    # and ADP's statuses, ordered and left out, nobody asked; newcomer28's N6, hunter-asks5)
    r"(?:in\s+)?off[\s-]?boarding|being\s+off[\s-]?boarded|(?:terminated|termed|term|separated|resigned)\s*[-–—:(]?\s*pending"
)
# a resignation given, its last day unsaid ('Gave notice', 'Put in her notice', 'Resigning', 'Submitted
# resignation'): still here, or gone by the time the card comes? Each was ordered, exit 0, where 'Resigned'
# is left out and 'Gave notice - last day 1/15/2027' is sent until its day (found by hunter-asks3). Said, it
# is a resignation
_NOTICE = re.compile(
    r"(?i)\W*(?:active\W+)?(?:(?:has|he|she|they|employee)\s+)?(?:(?:gave|given|giving|put\s+in|turned\s+in|"
    r"handed\s+in|"
    r"submitted|tendered)\s+(?:(?:his|her|their|a|an|the|2|two)\s+)*(?:weeks?['’]?\s+)?(?:notice|resignation)|"
    r"(?:notice|resignation|resignation\s+letter)\s+(?:given|submitted|received|tendered|in))"
    # (the day it was given; a day after 'Resigning' is the last one, sent until it as a leaving to come)
    r"(?:\s+(?:on\s+)?\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)?\W*|\W*(?:active\W+)?resigning\W*|"
    # ... or a leaving on its way, its day unsaid ('Pending Termination', 'Termination in Progress', 'Leaving
    # company', 'Serving notice', 'Notice period'), also after 'Active - ': each was ordered, exit 0, under
    # Notes or Status or both, where 'Gave notice' asks (found by newcomer27, a Workday 'Worker Status')
    rf"\W*(?:active\W+)?(?:{_LEAVING_COMING})\W*"
)


# ... or a leaving until a day ('Terminated until 1/15/2027', 'Resigned until ...'): gone, or away until then
# as 'Suspended until' is? Each was ordered, exit 0 (the lead's closing note of session 49, hunter-asks5).
# Said, it is a leaving
_GONE_UNTIL = re.compile(
    r"(?i)\W*(?:active\W+)?(?:terminated|termed|resigned|retired|separated|left|laid\s+off|fired|quit|let\s+go)\s+"
    r"(?:until|till|til|thru|through)\s+(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b).*"
)


# ... or a move on to a name alone ('Moved on to Acme', 'Has moved on to Google'): another employer, or a
# team, a site, a town? Each was ordered, exit 0, where 'Moved on to another company' is left out (found by
# hunter-sends14; dd33f76c's leftover, hunter-asks3). Said, the person moved on; a department, HQ or a
# shift named ('Moved on to Sales', '... the night shift') sends as before
_TEAMS = (
    r"(?:sales|marketing|engineering|finance|accounting|hr|it|ops|operations|support|legal|management|"
    r"hq|headquarters|corporate|admin|payroll|purchasing|shipping|receiving|facilities|security|research)"
)
_MOVED_ON_TO_A_NAME = re.compile(
    r"\W*(?:(?:[Hh]as|[Hh]e|[Ss]he|[Tt]hey|[Ee]mployee)\s+)?(?:[Mm]oved|MOVED)\s+(?:on|ON)\s+(?:to|TO)\s+"
    rf"(?!(?i:{_TEAMS})\b)[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){{0,3}}\W*"
)


# ... or another thing than a gift card, alone or instead of it ('Plaque only', 'Certificate instead',
# 'Sympathy card only', 'Donate to charity', 'Donate instead'): a card as well, or none? Each was ordered,
# exit 0 (the lead's closing note of session 48, leftover 3; hunter-asks4). Said, it is no card ('Chose
# plaque instead', 'Wants cash instead' are left out as before; 'Plaque and card' sends). Read clause by
# clause ('Donate instead; approved by Dee')
_OTHER_THING = (
    r"(?:plaques?|certificates?(?:\s+of\s+\w+)?|trophy|trophies|award\s+letter|(?:service\s+|anniversary\s+)?pins?|"
    r"letter|flowers|swag|merch(?:andise)?|shirt|t-shirt|mug|"
    # ... or a reward of time, money or a treat ('PTO only', 'Bonus only', 'Gift basket instead', 'Lunch
    # only': each ordered, where 'Plaque only' asks; hunter-asks5)
    r"pto|bonus|(?:gift\s+)?baskets?|lunch|dinner|(?:extra\s+|paid\s+)?(?:days?|time)\s+off|experiences?|"
    r"donation|charity|"
    r"(?:sympathy|greeting|thank[\s-]*you|birthday|holiday|christmas|get[\s-]+well|condolence)\s+card)"
)
# ... money only ('Cash only', 'Check only'; 'Cash instead' is left out as before: the person chose it)
_MONEY_ONLY = r"(?:cash|check|cheque|points|paycheck|payroll)\s+only"
_ONLY_ENDS = r"(?:\s+(?:please|pls)|\s*\(?(?:per|by)\s+[\w.&]+\)?)?\W*"
_GIVEN = r"(?:\s+(?:it|the\s+(?:gift|card|award)|(?:his|her|their)\s+(?:gift|card|award)))?"
_IN_ITS_PLACE = r"(?:\s+instead|\s+in\s+lieu(?:\s+of\s+(?:an?\s+|the\s+)?(?:gift\s+)?card)?)?\W*"
_NOT_A_CARD = re.compile(
    rf"(?i)\W*(?:(?:send|give|mail|order)\s+(?:an?\s+|the\s+)?)?{_OTHER_THING}\s+(?:only|instead"
    rf"(?:\s+of\s+(?:an?\s+|the\s+)?(?:gift\s+)?card)?){_ONLY_ENDS}|\W*{_MONEY_ONLY}{_ONLY_ENDS}"
    # (wanted only: 'Wants plaque only'; 'Wants plaque instead' is left out as before)
    rf"|\W*(?:wants?|prefers?|chose|requested|asked\s+for)\s+(?:an?\s+|the\s+)?{_OTHER_THING}\s+only{_ONLY_ENDS}"
    # (to a charity, or one named: 'Donate to Red Cross'; given only to a charity, not 'Give to manager')
    rf"|\W*donate{_GIVEN}(?:\s+to\s+(?:a\s+|the\s+)?(?:charity|(?-i:[A-Z])[\w&.'’-]*(?:\s+(?-i:[A-Z])[\w&.'’-]*){{0,3}}))?"
    rf"{_IN_ITS_PLACE}|\W*give{_GIVEN}\s+to\s+(?:a\s+|the\s+)?charity{_IN_ITS_PLACE}"
    r"|\W*(?:(?:a\s+)?charity\s+donation|donation(?:\s+to\s+charity)?\s+instead)\W*"
)
_MAY_NOT_BE_A_CARD = re.compile(r"(?i)\b(?:only|instead|donat|charity)")


# ... or a no, then a bare word to send the card ('Declined - send card', 'Not selected - runner up, send
# card', 'Rejected; send consolation card'): the list says no and send in one breath. Left out on the no, a
# runner-up's card the list asked for was never sent, nobody asked (the lead's closing note of session 52;
# review79). Said, the no alone. Not a send put off, asked, refused or to someone else ('send card next
# year', 'send card?', 'send card - no', 'send card to HR'), nor one said plainly ('send card anyway',
# 'please send card': :mod:`.saysend` sends those), nor an e-gift ('No mail - send e-gift instead': a digital
# card, left out, :mod:`.digital`)
_NO_THEN_SEND = re.compile(
    r"(?i)(?P<no>\w.*?)\s*[-–—:;,./(]\s*(?:so\s+|but\s+|and\s+)?(?:send|mail|ship|order|issue)\s+"
    r"(?:(?:a|an|the|his|her|their|them|him|one)\s+)*(?:\$?\d+\s+)?(?:(?:gift|consolation|runner[\s-]*up|"
    r"participation)\s+)?(?:gift\s*)?(?:card|gc)(?:\s+instead)?[\s.!)]*"
)


# ... not after words holding the card to a time: the send is what comes then ('Hold until 1/15/2027 - send
# card', 'On leave until 1/15/2027 - send card', 'Do not send before 1/15/2027 - send card': held to the day)
_HELD_TO = re.compile(r"(?i)\b(?:until|till|til|thru|through|after|before|starting|beginning)\b")


def no_then_send(text: str) -> str | None:
    """What a remark says before its bare last word to send the card (:data:`_NO_THEN_SEND`), or None."""
    found = _NO_THEN_SEND.fullmatch(text)
    if found is None or "?" in found["no"] or _HELD_TO.search(found["no"]):
        return None
    return found["no"]
