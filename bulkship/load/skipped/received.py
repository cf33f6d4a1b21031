"""A note telling the card reached the person, said as its receipt: 'Card received', 'Card received 11/29',
'Received card 11/29', 'Received her gift card', 'Received 11/29 - thanks!', "Rec'd 11/29", 'Thanks -
received!', 'Confirmed received'. Each was ordered, exit 0, a second card to someone who has the first,
where 'Delivered 11/29' and 'Received in Oct' leave the row out (found by the lead, hunter-sends5 fixed it).
Also 'Got card in Nov', 'Received card in Nov', 'Got GC 11/20' (found by the lead, fixed by hunter-sends6).
Read by :data:`.notes._NOTE_SAYS_NO`, a whole note or a clause of one.

Not another thing received ('Received the form', 'Received her card choice', 'Received promotion in May'),
nor 'Received in good condition' (kept sending by hunter-sheets8), nor a bare 'Received' with nothing
beside it: on a survey's or a form's list it is the answer come in, the very reason to send; nor a bare
receipt after another remark ('Approval required - received 12/1'): what the remark named came in."""

from __future__ import annotations

import re

# received, as people shorten it ("Rec'd", 'Recv'd', 'Rcvd')
_RECEIVED = r"(?:received|re?c(?:v|e?v)?['’]?d)"
# the card by its owner, kind or brand ('The card', 'Her gift card', 'Target card', 'Her Amazon gift card')
_THE_CARD = (
    r"(?:(?:the|his|her|their)\s+)?(?:(?!(?:choice|request|info|number|preference|form|address|pin)\b)"
    r"[\w'&.-]+\s+)?(?:(?:e-?)?gift\s+)?(?:cards?|gifts?|gcs?)"
)
# a day, as people write it ('11/29', 'on 11/29', 'Nov 29', 'on Dec 1st')
_A_DAY = (
    r"(?:on\s+)?(?:\d{1,4}[/.-]\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b)"
)
# ... or the month or the year ('in Nov', 'back in November', 'in 2026')
_IN_A_MONTH = (
    r"(?:in|during|back\s+in|early|late|mid)[\s-]+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"(?:19|20)\d\d\b)"
)
# what follows when the card is named: nothing, a day, a remark after a sign, by or from whom
_AFTER_THE_CARD = rf"\s*(?:$|[-–—:,.;!(].*|{_A_DAY}.*|{_IN_A_MONTH}.*|\s(?:by|from|via|per)\s.*)"
# what follows a bare 'Received': a day, or thanks or its confirmation after a sign ('Received - thanks',
# 'Received, thank you!', 'Received (confirmed by email)'); a sign then anything else may be the form's
_THANKS = r"(?:thanks?|thank\s+you|thx|ty|confirmed|signed|delivered|per\s|by\s)"
_AFTER_RECEIPT = rf"\s*(?:{_A_DAY}.*|[-–—:,.;!(]\s*{_THANKS}.*)"
_BARE_RECEIPT = rf"{_RECEIVED}{_AFTER_RECEIPT}"
RECEIVED = (
    # ... the card received ('Card received', 'Gift card was received 11/29', 'Card rec'd - thanks')
    rf"{_THE_CARD}\s+(?:(?:was|has\s+been|been|confirmed|now)\s+)?{_RECEIVED}{_AFTER_THE_CARD}"
    # ... received or got the card ('Received card 11/29', 'Received her gift card', 'Employee received the
    # card', 'Got card in Nov', 'Got gift card 11/20')
    rf"|(?:(?:employee|ee|recipient|he|she|they)\s+)?(?:{_RECEIVED}|got)\s+{_THE_CARD}{_AFTER_THE_CARD}"
    # ... received, with its day or thanks ('Received 11/29 - thanks!', "Rec'd Nov 29", 'Received - thanks')
    rf"|{_BARE_RECEIPT}"
    # ... asked and answered yes ('Received your gift card? yes', 'Got your card? Y', 'Card received? Yes':
    # found by hunter-sends5, its leftover 7, each ordered)
    rf"|(?:(?:did\s+(?:you|they|he|she)\s+)?(?:{_RECEIVED}|receive|got|get)\s+(?:(?:your|the|a|his|her|their)\s+)?"
    rf"(?:(?:e-?)?gift\s+)?card|{_THE_CARD}\s+{_RECEIVED})\s*\?\s*[:=-]?\s*(?:yes|y)\b(?!\W*(?:but|not)\b).*"
    # ... thanked or confirmed for it ('Thanks - received!', 'Confirmed received', 'Receipt confirmed')
    rf"|(?:(?:thanks?|thank\s+you|thx|ty|confirmed)\W+{_RECEIVED}|receipt\s+confirmed)\W*$"
)

# ... but not 'received on Nov 29', left out in any clause before this module (notes.py)
_RECEIPT_ALONE = re.compile(rf"(?i)\s*(?!{_RECEIVED}\s+on\s+[a-z]){_BARE_RECEIPT}")


def another_thing_received(note: str, begin: int) -> bool:
    """Whether the clause of ``note`` at ``begin`` (after another) is a bare receipt ('received 11/30',
    naming no card): the receipt of what the note named before it ('On hold until new address received -
    received 11/30', 'Approval required - received 12/1'), not the card's."""
    return begin > 0 and bool(_RECEIPT_ALONE.match(note, begin))
