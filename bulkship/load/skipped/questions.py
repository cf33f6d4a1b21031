"""A form's questions whether the person wants a card ('Would you like a gift card?'), wants none ('I do not
want a gift card'), got it ('Did you receive your gift card?') or did not, which gift they choose and whether
a donation takes its place: their headers and the answers that leave a row out. Read by :mod:`.said`."""

from __future__ import annotations

import re

from .flags import _answered
from .optouts import refuses_mail_or_gifts

# A form's question whether the person wants a card ('Would you like a gift card?', 'Do you want a gift
# card?', 'Do you consent to receive a gift?', 'I would like to receive a holiday gift card'): its No picks
# the row out as a 'Send?' column's does (found by hunter-sheets13: 'No, thanks' there was ordered). The card
# itself, after the verb: not 'Which gift card would you like?', 'Would you like gift wrap?', 'Would you like
# a note with your gift?' or 'Would you like your gift card sent home?'
# ... and the card mailed to the person, or by mail ('Would you like a physical gift card mailed to you?',
# '... by mail?'): its No wants no card in the mail, which is all bulkship sends (found by hunter-sheets16,
# ordered). Not mailed somewhere ('... mailed to your office?' asks where). Also the gift's program ('Do you
# want to participate in the holiday gift program?': found by hunter-sheets16, its No ordered)
_MAILED = r"(?:mailed|posted|shipped|sent)(?:\s+(?:out|to\s+(?:you|me)))?|(?:by|via|in\s+the)\s+(?:mail|post)"
_ASKS_WHETHER = re.compile(
    r"(?i)\b(?:would\s+(?:you|i)\s+like|(?:do|did)\s+you\s+(?:want|wish|consent|agree|accept)|"
    r"i\s+(?:want|wish|would\s+like|consent|agree|accept)|opt(?:ed)?[\s-]*in|consent|interested|"
    r"(?:wish|like|want)\s+to|receive|accept|"  # (not 'Have card?' = No: then it is to be sent)
    # ... or asking leave to send it ('Can we send you a gift card?', 'OK to mail you a gift?': found by
    # hunter-sheets14, 'No' there was ordered)
    r"(?:can|may|shall|should|could)\s+we\s+(?:send|mail|ship)(?:\s+you)?|ok(?:ay)?\s+to\s+(?:send|mail|ship)"
    r"(?:\s+you)?|please\s+send\s+me|"
    # ... or whether they take part in the gift's program ('Participate in gift program?': found by
    # hunter-sheets16, its No ordered)
    r"participat(?:e|ing))"
    r"(?:\s+(?:to|in|for|us\s+to\s+(?:send|mail)\s+you|to\s+(?:receive|get|have)|receive|get|have|receiving|"
    r"getting|a|an|the|one|participate\s+in|"
    r"your|this|our|my|free|holiday|complimentary|small|physical|thank[\s-]*you|year[\s-]*end|\$?\d+))*"
    r"\s+(?:gift\s+card|e-?gift|gift|card|reward|voucher|present)s?(?:\s+program(?:me)?)?(?:\s*[?.!:;(]|\s*$|\s+(?:this|for|from|as)\b|"
    rf"\s+(?:{_MAILED})\s*(?:[?.!:;(]|$))"
)


# ... but not a question whether the card came ('Did you receive your gift card?', 'Have you received a
# gift?'): its Yes says the card went, as 'Gift Received' = Yes does. Read as a wish, its No was left out
# and its Yes ordered a second card (found by review27)
_ASKS_IF_RECEIVED = re.compile(
    # ... of whoever it asks of ('Has this person already received a gift card this year?': found by
    # hunter-sheets15, its Yes ordered a second card)
    r"(?i)\b(?:did|have|has)\s+(?:you|they|he|she|(?:the|this|that)\s+\w+)\s+(?:already\s+|ever\s+)?"
    r"(?:receive[ds]?|get|got(?:ten)?)(?:\s+(?:a|an|the|your|their|his|her|this|our|my|holiday|physical))*"
    r"\s+(?:gift\s+card|e-?gift|gift|card|reward|voucher|present)s?\b"
)


def asks_if_received(header: str) -> bool:
    """Whether a header asks whether the card came (:data:`_ASKS_IF_RECEIVED`): read as 'Gift Received'."""
    return _ASKS_IF_RECEIVED.search(header) is not None


# ... unless it asks of an earlier round ('Have you received a gift card from us before?', 'Did you receive a
# gift card last year?', '... in the past?', 'Have you previously received a gift?'): a yearly program asks it
# of last year's card, and this round's is still to send. Read as 'Gift Received', 3 of a Google Form's 14
# people were left out (hunter-falsealarm3's L1; the lead decided so). It leaves no row out and a notice names
# it (.notices.earlier_round_notices). 'ever' asks of a one-time gift, and 'already', 'yet' or 'this year' of
# this round's card: those still leave the row out
_EARLIER_ROUND = re.compile(
    r"(?i)\b(?:before|last\s+(?:year|yr|time|round|holiday|season)|in\s+the\s+past|previously|"
    r"in\s+(?:previous|prior|past|earlier)\s+(?:years?|rounds?))\b"
)
_THIS_ROUND = re.compile(r"(?i)\b(?:ever|already|yet|this\s+(?:year|round|time|holiday|season))\b")
_ASKS_IF_RECEIVED_BEFORE = re.compile(
    r"(?i)\b(?:did|have|has)\s+(?:you|they|he|she|(?:the|this|that)\s+\w+)\s+previously\s+(?:receive[ds]?|"
    r"get|got(?:ten)?)\s"
)


def asks_of_an_earlier_round(header: str) -> bool:
    """Whether a header asks whether the card came in an earlier round (:data:`_EARLIER_ROUND`): no 'Gift
    Received', its answers leave no row out."""
    asked = asks_if_received(header) or _ASKS_IF_RECEIVED_BEFORE.search(header) is not None
    return asked and _EARLIER_ROUND.search(header) is not None and _THIS_ROUND.search(header) is None


# A column choosing the person's gift ('Gift choice', 'Gift preference', 'Which gift would you like?') beside
# the list's own card column, and the choices there that take no card ('No gift, thanks', 'Opt out', 'Donate
# to charity instead'): found by hunter-sheets13, each ordered. 'None' there is no preference: it sends
_GIFT_WORDS = frozenset({"gift", "gifts", "card", "cards", "giftcard", "reward", "rewards", "present"})
_CHOICE_WORDS = frozenset(
    {"choice", "choices", "preference", "preferences", "option", "options", "selection", "preferred",
     "choose", "which", "select", "pick"}
)  # fmt: skip
SAYS_NO_GIFT = re.compile(
    # ... but not a card itself ('Charity gift card', a donation card) nor a choice of its wrapping ('No gift
    # wrap', 'Declined gift box'): each left its row out (found by review27)
    r"(?i)^(?!.*\b(?:wrap(?:ping)?|ribbon|box|bag)\b)(?!\s*(?:charity|donation)\s+(?:gift\s+)?card)"
    r"\s*(?:no\s+(?:gift|card|thanks?)|opt(?:ed)?[\s-]*out|declined?|decline\s+gift|"
    r"(?:i['’]?d\s+|i\s+would\s+)?(?:rather|prefer)\s+not|(?:please\s+)?donat(?:e|ion)|charity|"
    r"(?:i\s+)?do\s*n[o']?t\s+(?:send|want)|not\s+(?:interested|participating)|"
    r"skip(?=\s*$|\s+(?:gift|card|it|me|this\s+year)\b))\b.*$"
)


# A form's question offering a donation in place of the card ('Would you prefer a donation instead of a gift
# card?', 'Donate my gift to charity', 'Gift card or donation?'): its Yes, tick or 'Donation' takes no card
# (found by hunter-sheets15: each was ordered)
SAYS_DONATION = re.compile(
    r"(?i)^\s*(?:(?:yes|y|x|true|1|donat\w*|charity|(?:i\s+)?(?:prefer|choose|want)\s+(?:a\s+|the\s+)?donation)"
    r"(?:\W.*)?|[✓✔☑✅].*)$"
)


def asks_for_donation(header: str) -> bool:
    """Whether a header of the gift's words offers a donation in its place (:data:`SAYS_DONATION`)."""
    words = set(re.findall(r"[a-z]+", header.casefold()))
    card = re.search(r"(?i)\b(?:charity|donation)\s+(?:gift\s+)?card", header)  # a card itself (review27)
    offered = re.search(r"(?i)\b(?:donat\w*|charit\w*)", header)
    return bool(words & _GIFT_WORDS) and offered is not None and card is None


def gift_choice_header(header: str) -> bool:
    """Whether a header names the choice of the person's gift (:data:`SAYS_NO_GIFT`)."""
    words = set(re.findall(r"[a-z]+", header.casefold()))
    return bool(words & _GIFT_WORDS) and bool(words & _CHOICE_WORDS)


# ... or whether they take part, naming nothing ('Would you like to participate?', 'Will you be
# participating?', 'Participate?'): in a list of cards to send it asks about the gift, as a 'Participating?'
# column does (found by hunter-sheets16: its No was ordered). Not 'Would you like to participate in our
# survey?', which names what else
_TAKES_PART = re.compile(
    r"(?i)\W*(?:(?:would\s+(?:you|i)\s+like|(?:do|did)\s+you\s+(?:want|wish)|i\s+(?:want|wish|would\s+like)|"
    r"(?:will|would|are)\s+you(?:\s+be)?)\s+(?:to\s+)?)?(?:participat(?:e|ing)|tak(?:e|ing)\s+part)"
    r"(?:\s+(?:in\s+(?:this|it)|this\s+year))*\s*(?:\(?\s*y(?:es)?\s*/\s*n(?:o)?\s*\)?)?[\s?.!:]*"
)


# ... or whether they come to the event the list is of ('Will you be attending?', 'Attending?', 'Attendance',
# 'Are you coming?', 'Will you attend the holiday party?', 'Can you make it?'): its No was ordered where
# 'RSVP' = No and 'Participating?' = No leave the row out (found by hunter-sheets24, its leftover 1; decided
# by hunter-sends3 as 'RSVP' is read: the person said no to the event the gift is of). Not 'Attended' (a
# no-show may be sent the gift: 'sorry we missed you'), nor a question naming what else ('Would you attend a
# future webinar?', 'Attending in person?': a hybrid event's online guest)
_EVENTS = (
    r"event|party|celebration|dinner|luncheon|lunch|breakfast|brunch|gala|banquet|ceremony|reception|picnic|"
    r"gathering|get[\s-]*together|social|mixer|outing|retreat|offsite|off-site|summit|conference"
)
_ATTENDS = re.compile(
    r"(?i)\W*(?:(?:will|would|are|can|could|do)\s+you(?:\s+be)?\s+)?(?:plan(?:ning)?\s+(?:to|on)\s+)?"
    r"(?:attend(?:ing|ance)?|com(?:e|ing)|join(?:ing)?(?:\s+us)?|mak(?:e|ing)\s+it|be\s+there)"
    rf"(?:\s+(?:the|our|this|this\s+year['’]?s)(?:\s+[\w'’-]+){{0,2}}?\s+(?:{_EVENTS}))?"
    r"\s*(?:\(?\s*y(?:es)?\s*/\s*n(?:o)?\s*\)?)?[\s?.!:]*"
)


# ... its No going on to ask for the gift by mail ('No - please mail my gift card', "Can't make it - please
# ship my gift to my home", 'Regrets - mail gift to home address', "Can't make it, but I'd love the gift
# card"): a form's "No, please mail my gift" is the person asking for the card, each left out since cbd69f7c
# (found by review44); not denied ("No - don't mail anything") nor asked ('No - mail gift card?')
GIFT_BY_MAIL = re.compile(
    r"(?i)(?:^|[-–—,;:.!(/]|\bbut\b)(?:(?!\b(?:not|no|never|nothing)\b|n['’]t\b)[^-–—,;:.!(/])*?"
    r"\b(?:(?:send|mail|ship|post|deliver)\s+(?:(?:it|me|mine|one)\b|(?:(?:me|us)\s+)?(?:(?:my|the|a|our|your)\s+)?"
    r"(?:e-?)?(?:gift\s*cards?|gifts?|cards?|vouchers?)\b)|(?:gift|card)s?\s+(?:by|via|through|in\s+the)\s+(?:mail|post)\b"
    r"|(?:would|['’]d|will|do|still)\s+(?:love|like|want|appreciate|take)\s+(?:(?:to\s+(?:get|receive|have)\s+)?"
    r"(?:my|the|a|one|your)\s+)?(?:gift\s*card|gift|card)s?\b)(?![^?]*\?)"
)


def attends(header: str) -> bool:
    """Whether a header asks whether the person comes to the event the list is of (:data:`_ATTENDS`,
    'RSVP')."""
    return (
        _ATTENDS.fullmatch(header) is not None
        or re.fullmatch(r"(?i)\W*r\.?s\.?v\.?p\.?\W*", header) is not None
    )


def asks_whether_to_send(header: str) -> bool:
    """Whether a header asks the person whether they want a card (:data:`_ASKS_WHETHER`,
    :data:`_TAKES_PART`) or come to the event (:data:`_ATTENDS`)."""
    return (
        (
            _ASKS_WHETHER.search(header) is not None
            or _TAKES_PART.fullmatch(header) is not None
            or _ATTENDS.fullmatch(header) is not None
        )
        and not asks_if_received(header)
        and not asks_not_to_send(header)
    )


# ... or whether they want NONE ('Check here if you do not wish to receive a gift', 'I do not want a gift
# card', 'Opt out of the gift card?'): its tick or Yes leaves the row out. Read as a wish, the person who
# ticked it was ordered a card and those who left it blank were left out (found by hunter-sheets14). Not of
# its wrapping ('Do not want gift wrap')
_ASKS_NOT = re.compile(
    r"(?i)\b(?:(?:do|does|would|will|should)\s*n[o']?t|don'?t|doesn'?t|wouldn'?t|not|never)\s+(?:\w+\s+){0,2}?"
    r"(?:wish|want|like|care|need|consent|agree|accept|receive|get)\b|\bopt(?:ed|ing)?[\s-]*out\b|\bdeclin(?:e|ed|ing)\b"
)


# ... but not whether it did not come ('Did not receive gift card?', 'Have not received a gift'): read as a
# wish for none, its Yes (never came) was left out and its No (it came) ordered a second card (review28)
_DID_NOT_COME = re.compile(
    r"(?i)\b(?:did|have|has|had)(?:\s+(?:you|they|he|she))?\s*n[o']?t\s+(?:\w+\s+)?(?:receive[ds]?|get|"
    r"got(?:ten)?)\b|\bnever\s+"
    r"(?:receive[ds]?|got(?:ten)?)\b"
)


# ... and such a question, or 'Gift card not received', is 'Gift Received' the other way round: its No (the
# card came) is sent already, its Yes (it never came) sends. 'Never received gift card', 'Have not received a
# gift', "Didn't get a gift card", 'Gift card not received' = No were read as nothing and a second card
# ordered (found by review28)
_NOT_RECEIVED = re.compile(r"(?i)\bnot\s+(?:yet\s+)?(?:received|delivered|arrived)\b")
NOT_RECEIVED_FLAGS = _answered(("gift not received",))


def asks_if_not_received(header: str) -> bool:
    """Whether a header of the gift's words asks whether the card did not come (:data:`_DID_NOT_COME`,
    :data:`_NOT_RECEIVED`): read as :data:`NOT_RECEIVED_FLAGS`, whose No is sent already."""
    words = set(re.findall(r"[a-z]+", header.casefold()))
    said = _DID_NOT_COME.search(header) or _NOT_RECEIVED.search(header)
    return bool(words & _GIFT_WORDS) and said is not None


def asks_not_to_send(header: str) -> bool:
    """Whether a header asks the person whether they want no card (:data:`_ASKS_NOT`)."""
    words = set(re.findall(r"[a-z]+", header.casefold()))
    wrapping = {"wrap", "wrapping", "ribbon", "box", "bag"}
    return (
        bool(words & _GIFT_WORDS)
        and not words & wrapping
        and _ASKS_NOT.search(header) is not None
        and _DID_NOT_COME.search(header) is None
    ) or refuses_mail_or_gifts(header)
