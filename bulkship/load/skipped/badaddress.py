"""A note saying mail does not reach the row's address, in the words people use beside 'Returned mail' and
'Bad address': 'Address bounced', 'Mail bounced back', 'Letter bounced 11/20', 'Card bounced', 'Mail came
back', 'Address no good', 'Address not valid', 'Not at this address', 'No longer at this address', 'Unknown at
address', 'Attempted - not known', 'No such address', 'Insufficient address'; or that the list has no address
for the person ('No address on file', 'Address missing', 'No home address'). Each was ordered, exit 0, a card
to an address the post gives back, where 'Returned mail', 'Bad address' and 'Address unknown' leave the row
out (found by the lead, hunter-sends5's brief). Read by :data:`.notes._NOTE_SAYS_NO`, a whole note or a
clause of one; not once the note says the address was put right since ('Mail bounced - address updated
11/20'), as :data:`.status.PUT_RIGHT` reads it.

Not an e-mail's bounce ('Email bounced', a bare 'Bounced' of a list that e-mails too), nor an address
changed in the row ('No address change')."""

from __future__ import annotations

from .topersonelsewhere import ASKED_ELSEWHERE

# what came back: the mail, the card, the address itself (not an e-mail, nor a check: its bounce is the
# bank's)
_SENT_THING = (
    r"(?:(?:the|her|his|their|our|last|1st|first)\s+)?(?:(?:home|mailing|street|postal)\s+)?"
    r"(?:address|addr|mail|mailing|mailer|letter|card|gift(?:\s+card)?|package|parcel|envelope|post|postcard|"
    r"statement|w-?2|1099)"
)
_THE_ADDRESS = (
    r"(?:(?:this|that|the|her|his|their|listed|above|current|given|home|mailing)\s+)*(?:address|addr)"
    r"(?:\s+(?:any\s*more|now|either|on\s+file))?"
)
# ... not closed for some days ('Company closed 12/24-1/2, deliver after'): a holiday closure, as 'Company
# closed Dec 24-26' is; left out for good by newcomer22's N8 reading (found by review58 checking it)
_FOR_DAYS = r"(?!\s+\d{1,2}/\d{1,2}(?:/\d{2,4})?\s*(?:[-–]|to\b|through\b|thru\b|till?\b|until\b)\s*\d)"
_UNDELIVERABLE = r"(?:un-?|non-?|not\s+)deliverable"
# (not where the note asks to send the card elsewhere: 'Undeliverable address - send to office' is the error
# asking where it goes, not a row left out; nor where it gives the new street, 'No longer lives here - new
# address 5 Oak St': the row to fix, as 'Moved to 5 Oak St' is (test_status_moved; left out by ed6aa076))
_NEW_STREET = (
    r"\b(?:new|current|correct|corrected|updated)\s+(?:address|addr|street)\b|"
    r"\bnow\s+(?:at|lives|living)\b|\bmoved\s+to\b"
)
_POST_WORDS = (
    rf"(?!.*(?:{ASKED_ELSEWHERE}|{_NEW_STREET}))(?:(?:{_SENT_THING}\s+(?:is\s+|was\s+|has\s+been\s+)?)?{_UNDELIVERABLE}(?:\s+(?:address|addr|mail|as\s+addressed))?|"
    r"uaa|(?:mail|letter|card|package|parcel)\s+(?:was\s+)?returned(?:\s+(?:as\s+)?(?:undeliverable|undelivered|"
    r"by\s+(?:the\s+)?(?:usps|post(?:\s+office)?|postal\s+service|carrier)))+|"
    r"returned\s+by\s+(?:the\s+)?(?:usps|post(?:\s+office)?|postal\s+service|mail\s+carrier)|"
    r"(?:the\s+)?(?:usps|post\s+office|postal\s+service)\s+(?:returned|sent\s+(?:it\s+)?back)|"
    r"unknown\s+(?:address|addr|street)|(?:address|addr|street)\s+(?:was\s+)?not\s+found|"
    r"vacant\s+(?:address|addr|property|house|unit|lot)|(?:address|addr)\s+(?:is\s+)?vacant|"
    r"not\s+a\s+(?:valid|good|deliverable|real)\s+(?:mailing\s+)?address|(?:bad|wrong|invalid|incorrect)\s+addr\b\.?|"
    r"(?:address|addr)\s+(?:failed|fails)\s+(?:validation|verification|cass)|"
    r"(?:address|addr)\s+(?:validation|verification)\s+failed|cass\s+(?:fail(?:ed|ure)?|error)|"
    r"dpv\s*(?:fail(?:ed|ure)?|[:=]\s*n\b)|(?:mail\s+)?(?:forwarding|forward|fwd)(?:\s+(?:order|address))?\s+"
    r"(?:has\s+|is\s+)?expired|unable\s+to\s+forward|"
    r"(?:does\s*n[o'’]?t|no\s+longer|not)\s+(?:live|lives|living|reside|resides)\s+(?:here|there)(?:\s+any\s*more)?|"
    r"refused(?:\s+by\s+(?:the\s+)?(?:recipient|addressee))?|"
    r"(?:rts|returned(?:\s+to\s+sender)?)\s+(?:x\s*\d|\d\s*x|twice|\d+\s+times)|no\s+such\s+number|gone\s+away|"
    # ... and the post's other endorsements ('Box closed', 'No mail receptacle', 'Delivery failed': each
    # ordered to the street the post could not reach; hunter-asks5). Not 'Unclaimed' (an e-gift's, as often)
    # (not where the row's street is then the one to use: 'Box closed, use street address', 'PO box closed -
    # street address in row')
    r"(?!.*\b(?:use|using|street|row|above|send|ship|mail\s+to)\b)(?:(?:po\s+|p\.o\.\s+)?box\s+closed|"
    r"no\s+mail\s+receptacle|(?:mail)?box\s+full)|"
    r"(?!.*\be-?(?:mail|gift|card)\b)(?:(?:(?:mail|postal)\s+)?delivery|mail|mailing)\s+(?:attempt\s+)?failed|"
    r"failed\s+delivery)"
)
BAD_ADDRESS = (
    # ... bounced or come back ('Address bounced', 'Mail bounced back', 'Letter bounced 11/20', 'Mail came
    # back')
    rf"{_SENT_THING}\s+(?:was\s+|has\s+|had\s+)?(?:bounced|bounce)(?:\s+back)?|"
    rf"{_SENT_THING}\s+(?:was\s+|has\s+been\s+)?(?:came|come|sent|bounced)\s+back|"
    # ... no good, not valid, out of date ('Address no good', 'Address not valid', 'Address is old')
    r"(?:address|addr)\s+(?:is\s+|was\s+)?(?:no\s+good|not\s+(?:valid|good|correct|current|deliverable|working)|"
    r"old|out\s+of\s+date|stale|incomplete|insufficient|doesn['’]?t\s+exist|does\s+not\s+exist)|"
    # ... the person not there ('Not at this address', 'No longer at this address', 'Unknown at address')
    rf"(?:not|no\s+longer|doesn['’]?t\s+live|does\s+not\s+live|not\s+living)\s+at\s+{_THE_ADDRESS}|"
    rf"(?:unknown|not\s+known)\s+at\s+{_THE_ADDRESS}|attempted\W+not\s+known|addressee\s+unknown|"
    r"(?:no\s+such|insufficient|incomplete|non-?existent)\s+(?:street\s+|mailing\s+)?(?:address|addr|street)|"
    # ... or none on file ('No address on file', 'Address missing', 'Missing address', 'No home address')
    r"no\s+(?:(?:home|mailing|postal|street|valid|good)\s+)?(?:address|addr)(?:\s+(?:on\s+file|in\s+(?:the\s+)?"
    r"system|listed|found|available|given|provided|known))?|(?:address|addr)\s+(?:is\s+)?(?:missing|not\s+on\s+file)|"
    r"missing\s+(?:(?:home|mailing|postal|street)\s+)?(?:address|addr)|"
    # ... or nobody there to take it: the business closed, the address vacant, the contact gone from it ('Out
    # of business', 'Company closed', 'Vacant', 'No longer there': newcomer22's N8, each ordered from a CRM
    # export, where 'No longer at this address' is left out); not 'Office closed for the holidays'
    r"out\s+of\s+business|(?:company|business|store|shop)\s+(?:is\s+|has\s+)?(?:closed|shut\s+down)(?:\s+"
    r"(?:down|permanently|for\s+good)|" + _FOR_DAYS + r")|closed\s+(?:down|permanently|for\s+good)|vacant|"
    r"no\s+longer\s+there|"
    # ... or in the post's and a mail house's own words ('Undeliverable address', 'Undeliverable as
    # addressed', 'UAA', 'Mail returned undeliverable', 'Returned by USPS', 'Unknown address', 'Vacant
    # address', 'Forwarding expired', 'Unable to forward', 'No longer lives here', 'CASS failed', 'DPV: N',
    # 'Refused', 'RTS x2': hunter-asks4, each ordered where 'Undeliverable' and 'Return to
    # sender' are left out)
     + _POST_WORDS
)
