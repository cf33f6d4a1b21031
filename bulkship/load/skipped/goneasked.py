"""A death or a leaving said alone in a remark's clause, and in another an ask to send the card to another
person ('Deceased - send to wife', 'Passed away - send to his wife', 'Terminated - send to estate') or a bare
ask to send it ('Terminated - send card', 'Deceased - send card'): the remark asks (:func:`.asking.readings`:
said, the death; taken out, the ask). Also the words of a death or a leaving the asking remarks read
(:data:`_GONE`, :data:`_ON_A_DAY`)."""

from __future__ import annotations

import re

from .anotherperson import _RELATION
from .gonewhen import LEAVING_FOR, LEAVING_TERMS
from .leavingundone import _LEFT
from .leftwork import DIED_IN_WORDS
from .topersonelsewhere import ASKED_ELSEWHERE

_GONE = (
    rf"(?:(?:employee|ee|emp)\s+)?(?:{_LEFT}|deceased|dead|died|passed(?:\s+away)?|retired|inactive|departed|"
    rf"term(?:ination)?|{DIED_IN_WORDS})"
)
_ON_A_DAY = r"(?:\s+(?:on\s+|eff\.?\s+|effective\s+)?(?:\d[\d/.-]*|[a-z]{3,9}\.?\s+\d{1,2}(?:,?\s+\d{4})?))?"


# a death or a leaving, and in another clause an ask to send the card to another person, not a place
# ('Deceased - send to wife', 'Died 11/1; send card to spouse', 'Terminated - send to estate'): left out, the
# other's card lost, nobody asked (session 47's N8, session 48's leftover 4; review71). Said, the death;
# taken out, the ask. 'Terminated - mail to home' sends (review44), 'Left - do not send to wife' is out
_GONE_ALONE = re.compile(
    rf"(?i)\W*(?:(?:he|she|they|employee)\s+(?:(?:is|was|has|have)\s+(?:been\s+)?)?)?{_GONE}"
    # (with its terms: 'Terminated with cause - send card' was left out where 'Terminated - send card' asks)
    rf"(?:\s+(?:(?:with|without|w/o?)\s+(?:{LEAVING_TERMS})|for\s+(?:{LEAVING_FOR}))){{0,1}}{_ON_A_DAY}\W*"
)
_A_PERSON = (
    rf"(?:(?:his|her|their|the|late)\s+)*(?i:{_RELATION}|widow(?:er)?|estate|family|kin|heirs?|survivors?)\b|"
    r"(?!(?:Home|Office|Work|Front|Reception|Desk|Address|Residence|Mailroom|Lobby|Site|Store|Branch)\b)"
    r"[A-Z][a-z]+\b"
)
_TO_ANOTHER = re.compile(
    r"(?i)\b(?:(?:send|ship|mail|deliver|forward|give)(?:\s+(?:it|the|a|gift|cards?))*\s+(?:to|c/o)|"
    rf"order(?:\s+(?:it|the|a|gift|cards?))*\s+for)\s+(?-i:{_A_PERSON})"
)
# ... or the card named for another, the clause alone ('Deceased - card for widow', 'Passed away - card for
# wife', 'Died 11/1 - card for Mary'): left out, where '... - send to wife' asks (the lead's closing note of
# session 49, leftover 3; review73). Not 'no card for widow', 'card for widow sent 11/20', a sympathy card
_CARD_FOR_ANOTHER = re.compile(
    r"(?i)\W*(?:(?:the|a|gift)\s+)*cards?\s+(?:for|to|goes\s+to)\s+"
    rf"(?-i:{_A_PERSON})(?:\s+[A-Z][a-z]+)*(?:\s+(?:instead|please|pls))?\W*"
    # ... or said the other way round ('Deceased - his wife gets the card', '... - wife to receive card')
    rf"|\W*(?-i:{_A_PERSON})(?:\s+[A-Z][a-z]+)*\s+(?:gets|receives|to\s+(?:get|receive)|(?:will|should)\s+"
    r"(?:get|receive))\s+(?:the\s+|a\s+)?(?:gift\s+)?card\W*"
)
_MAY_BE_GONE_SEND = re.compile(rf"(?i)\b{_GONE}\b.*\b(?:send|mail|ship|order|cards?)\b")
_MAY_BE_GONE_ELSEWHERE = re.compile(rf"(?i)\b{_GONE}\b(?=.*{ASKED_ELSEWHERE})|{ASKED_ELSEWHERE}.*\b{_GONE}\b")
_NOT = re.compile(r"(?i)\b(?:not|never|no)\b|n['’]?t\b")
# ... or a bare ask to send ('Terminated - send card', 'Laid off - send it', 'Deceased - send card'): a to-do
# written before, or the card still owed? Left out, where '... - please send' sends (review71)
_SEND_ALONE = re.compile(r"(?i)\W*(?:send|mail|ship|order)(?:\s+(?:it|(?:the\s+)?(?:gift\s+)?card))?\W*")


def gone_asked_elsewhere(parts: list[str]) -> list[bool]:
    """Of a remark's clauses, those saying a death or a leaving alone where another asks the card sent to
    another, said and not asked nor said not to ('Deceased - send to wife? no' is left out as before)."""
    gone = [_GONE_ALONE.fullmatch(p) is not None for p in parts]
    if not any(gone):
        return gone
    asks = (
        "?" not in p
        and (
            ((found := _TO_ANOTHER.search(p)) is not None and not _NOT.search(p, 0, found.start()))
            or _CARD_FOR_ANOTHER.fullmatch(p) is not None
            # (a bare send the one other clause: 'Deceased - changed mind, send' is left out as before)
            or (len(parts) == 2 and _SEND_ALONE.fullmatch(p) is not None)
        )
        for p, g in zip(parts, gone, strict=True)
        if not g
    )
    ask = any(asks)
    return [g and ask for g in gone]


def may_be_gone_asked(text: str) -> bool:
    """Whether ``text`` may say a death or a leaving and an ask (a cheap look before the clauses)."""
    return _MAY_BE_GONE_ELSEWHERE.search(text) is not None or _MAY_BE_GONE_SEND.search(text) is not None
