"""The pieces a note's words are read with (:data:`.notes._NOTE_SAYS_NO`, :mod:`.days`, :mod:`.undone`): a day
or a return named, the card itself held, a field shared with another row rather than the row repeated, one
card named, who told the person's state, for now, a hold over and then again."""

_A_DATE = (
    r"\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|next\b|"
    r"after\b|the\s+\d|(?:christmas|xmas|the\s+holidays|(?:the\s+)?end\s+of|mid|early|late|tomorrow|today)\b|"
    r"(?:the\s+)?(?:spring|summer|fall|autumn|winter)\b"
)
# ... and a day said as the person's return ('hold card until she is back 1/5', 'Hold until he returns Jan 5',
# 'until her return on 1/5'): newcomer21's N3, left out for good where 'Hold card until 1/5' waits for its
# day (..untilwords._UNTIL reads the day after these words)
BACK_ON = (
    r"(?:(?:(?:she|he|they)(?:['’]s|\s+(?:is|are|gets|comes))?\s+back|(?:she|he|they)\s+returns?|"
    r"(?:her|his|their)\s+return|back)(?:\s+on)?\s+)"
)
_UNTIL_A_DATE = rf"(?:{BACK_ON}?(?:{_A_DATE}))"
# the card itself held ('Card on hold', 'Hold card', 'Hold her gift card', 'Put order on hold': found by the
# lead after session 39's close, each was ordered); not 'Hold card for pickup', how the parcel waits
_WHOSE = r"(?:(?:the|this|her|his|their|my)\s+)"
_THE_CARD = r"(?:gift\s+cards?|cards?|gifts?|orders?|shipments?|mailings?)"
_CARD_HELD = (
    rf"(?:(?:please|pls)\s+)?(?:put\s+{_WHOSE}?{_THE_CARD}\s+on\s+hold|hold\s+{_WHOSE}?{_THE_CARD}|"
    rf"{_WHOSE}?{_THE_CARD}\s+(?:(?:is|are|was|put|placed|now)\s+)?on\s+hold)"
)
# A month, its day and year perhaps ('Nov', 'November 20', 'Oct 2025', 'Dec 1st, 2026')
_MONTH_DAY = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?"
    r"(?:,?\s+(?:19|20)\d\d)?"
)
# A field shared with another row, not the row repeated: 'Dup. address w/ Jane (sister)', 'Duplicate of
# address only - roommates', 'Dup. name, different person' (found by hunter-falsealarm8: 'Dup.' read as the
# word and a sign, 'Duplicate of' as of a row; each row was left out, a roommate's or a sister's card not
# sent). The dot only after the short word: 'Duplicate. Address updated' is two sentences. Only where the
# note says someone else shares it (a person or a relation, 'different person'): 'Dup. address' alone, 'Dup.
# name & address' or '... - same person as row 3' say the row repeats the person, and sent, Ann Lee's second
# row got a second card, another card or amount than the first (found by review37 reviewing a8e20672)
_SHARED_WITH = (
    r"w/|with\b|sister|brother|sibling|twins?|roommates?|room-?mates?|flatmates?|housemates?|couple|spouse|"
    r"husband|wife|partner|parents?|mother|father|son|daughter|child(?:ren)?|kids?|family|relatives?|tenants?|"
    r"neighbou?rs?|co-?workers?|colleagues?|shared|different\s+(?:person|people|employees?|recipients?)|"
    r"not\s+(?:the\s+)?same\s+(?:person|employee|recipient)|another\s+(?:person|employee|recipient)"
)
_SAME_PERSON = (
    r"(?<!not\s)(?<!not\sthe\s)same\s+(?:person|employee|recipient|individual|people)|"
    r"names?\s*(?:&|and|/|\+|,)\s*(?:home\s+|mailing\s+)?(?:address|addr)|"
    r"(?:address|addr)\s*(?:&|and|/|\+|,)\s*names?"
)
_OF_A_FIELD = (
    r"(?!(?:(?<=p)\.)?\s+(?:of\s+(?:the\s+|an?\s+)?)?(?:(?:home|mailing|street|shipping|e-?mail)\s+)?(?:address(?:es)?|addr|"
    rf"street|household|(?:first\s+|last\s+|sur)?names?|e-?mails?|phones?)\b(?=.*\b(?:{_SHARED_WITH}))"
    rf"(?!.*(?:{_SAME_PERSON})))"
)
# ... 'one' followed by the card named by its brand or its kind, or by how it came ('Already got one Amazon
# card', 'Already got one Visa', 'Already received one shipment', 'Already has one ordered', 'Already has one
# coming'): still the card (found by review38 reviewing 52254593: each was ordered again, a second card)
_ONE_IS_THE_CARD = (
    r"(?:shipments?|packages?|parcels?|orders?|ordered|coming|arriv\w*|mailed|shipped|sent|delivered|issued|"
    r"pending|today|recently|just|visa|mastercard|amex|prepaid|physical|digital|plastic|e-?cards?)\b|"
    r"(?:[\w'&.$-]+\s+){1,3}(?:(?:e-?)?gifts?|cards?|vouchers?|certificates?)\b|(?-i:[A-Z])"
)
# a hold said over, then taken back or over only later ('Hold released in error', 'Hold cleared - now on hold
# again', 'Hold lifted, then re-applied 12/1', 'Hold released for Jan wave': found by review38, each was sent)
# whose state a note tells, and who told it ('Employee deceased', 'Wife says he passed away')
_SUBJECT = r"(?:the\s+)?(?:employee|ee|recipient|associate|member|he|she|they)"
_TOLD_BY = (
    r"(?:per\s+)?(?:the\s+|his\s+|her\s+|their\s+)?(?:family|wife|husband|spouse|partner|son|daughter|mother|father|"
    r"sister|brother|manager|mgr|supervisor|hr|co-?worker|colleague)(?:\s+(?:says?|said|reports?|reported|called|"
    r"confirmed|informed\s+us|notified\s+us|told\s+us)(?:\s+that)?)?"
)
# whoever approves beside a manager or HR: 'Pending VP approval', 'Mgr declined', 'VP said no' (found by
# newcomer26, each ordered)
APPROVER = (
    r"(?:vp|svp|evp|director|dir|supervisor|supv|cfo|ceo|coo|exec(?:utive)?|dept(?:\s+head)?|department\s+head|"
    r"hrbp|committee|leadership|team\s+lead|boss)"
)
# for now ('yet', 'at this time')
_FOR_NOW = r"(?:yet|now|for\s+now|at\s+(?:this\s+time|the\s+moment|(?:the\s+)?present)|currently)"
_HELD_AGAIN = r"\b(?:again|then|error|mistake|re-?appl|re-?held|re-?placed|next|wave|later|wait)"
# what says a thing over has not happened, read by :mod:`.undone` and :mod:`.turned` ("Hold - not cleared",
# "Terminated - not rehired", "Hold (to be released in Jan)", "DNS - not back on the list": found by review13,
# each was ordered)
_NOT_YET = r"\b(?:not|never|no|\w+n['’]?t|yet|to\s+be|awaiting|pending|until|till|unless|once|when|if)\b"
# (each remark read at most _REMARK_SPAN characters on: unbounded, a note of 20,000 ', a' took validate
# minutes, each comma's remark read to the note's end; found by review28)
_REMARK_SPAN = "{0,100}"
# ... and what the check found, after the word saying it came, that still says no: 'Hold pending
# verification - verified deceased', 'DO NOT SEND until HR confirms - confirmed left company', 'On hold until
# address confirmed - confirmed undeliverable' (found by review37: each was sent, a card to the dead, the gone
# or a wrong address)
_FOUND_OTHERWISE = (
    r"deceased|dead|died|passed|left|terminated|termed|resigned|fired|laid\s+off|separated|retired|gone|"
    r"undeliverable|wrong|bad|invalid|incorrect|returned|rts|bounced|unknown|ineligible|inactive|duplicate|dupe?|"
    r"removed?|cancell?ed|declined?|opted|refused|rejected|denied|withdrawn|revoked|suspended|"
    r"do[\s-]*n[o']?t|don'?t"
)
# Words after which a no with no mark between is undone or asked, not said ('Removed from do not send', 'No
# longer do not send', 'was do not send', 'Previously do not send - now send': review57, each left out under
# 'Status' since b8d0bd9c read 'Active do not send' as 'Active - do not send')
UNDOING_A_NO = (
    "from", "off", "of", "was", "were", "formerly", "previously", "longer", "not", "no", "if", "unless",
    "when", "once", "whether", "why", "than", "to", "but", "or", "and",
)  # fmt: skip
# ... one to three words before such a no, the last not one of those ('Active do not send', 'Wrong address
# never send')
WORDS_BEFORE_A_NO = rf"(?:[\w'’&/-]+\s+){{0,2}}(?!(?:{'|'.join(UNDOING_A_NO)})\s)[\w'’&/-]+\s+"
# A no for a while until a day ('Excluded until 1/15/2027', 'Skip until 1/15/2027', 'Paused till Feb',
# 'Suspended through 1/31', 'Removed from list until 1/15/2027'): each ordered at once under 'Notes' (the no
# reads 'until a day' as the day's to hold: ..untilwords._UNTIL, which read no such word), a day passed left
# out for good under 'Status' (the brief of review71). Read as 'Hold until': held to the day, sent on it
NO_FOR_A_WHILE = (
    r"(?:(?:excluded?|removed?)(?:\s+from\s+(?:the\s+)?(?:list|gifts?|gifting|mailings?|program))?|"
    r"skip(?:ped)?|paused?|blocked|frozen|suspended|deferred|postponed|delayed|embargo(?:ed)?|hold\s+off|"
    r"opt(?:ed)?[\s-]*out|no\s+(?:gift\s+cards?|gifts?|cards?|mail(?:ings?)?)|not\s+(?:sending|to\s+be\s+sent|active)|"
    r"inactive|dnm|dnc|do[\s-]*n[o']?t\s+(?:contact|solicit)|cancel(?:l?ed)?|declined?|denied|rejected|not\s+approved|"
    # ... the hold's other verbs and tenses ('Pending until 1/15/2027', 'Withdrawn ...', 'Held ...', 'Delay
    # ...', 'On pause ...', 'Stopped ...': each ordered at once, hunter-asks5)
    r"(?:on\s+)?pause|held|holding|halt(?:ed)?|withh[eo]ld|stop(?:ped)?|delay|defer|postpone|suspend|freeze|"
    r"block|withdrawn|pending|waiting|disabled|deactivated|locked)"
    r"\s+(?:until|till|til|thru|through)"
)

# the gift said welcome after a no to contact or solicitations ('Do not solicit - gifts OK', '(card OK)')
GIFT_OK = (
    r"\b(?:gifts?|cards?|gift\s+cards?|thank[\s-]*you\s+gifts?)\s+(?:are\s+|is\s+)?"
    r"(?:ok|okay|fine|allowed|welcome|approved)\b"
)
