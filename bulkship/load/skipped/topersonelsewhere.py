"""A no to the person ('Do not send to him', 'Never send to this person': read as a no since 1be24bf9,
:data:`TO_THE_PERSON`) said
after an ask to send the card to someone or somewhere else ('Send to wife. Do not send to him.', 'Send to
Bob Smith instead - do not send to him'): the card goes elsewhere, so the row is the error asking where it
goes (:mod:`..problems.elsewhere`), as it was before 1be24bf9, not left out without a word (found by review66
checking 1be24bf9). Read by :data:`.notes._NOTE_SAYS_NO` (a whole note) and :mod:`.clauses` (a clause)."""

from __future__ import annotations

import re

from .anotherperson import _RELATION
from .notewords import _UNTIL_A_DATE

# the person the card is for ('him', 'this person', 'this guy'), after 'to' or 'for' ('Do not order for this
# person'), perhaps with 'anymore', 'please', 'at all' after (found by review65: each ordered)
THE_PERSON = (
    r"(?:him|her|them|(?:this|that|the)\s+(?:person|employee|recipient|individual|contact|one|guy|gal|lady|man|"
    r"woman|associate|member))"
)
# ... or 'yet', 'for now' ('Do not send to him yet': the lead's e39c3e22, here so that 'Send to wife. Do not
# send to him yet.' asks where the card goes as without it)
TO_THE_PERSON = (
    r"(?:to|for)\s+" + THE_PERSON + r"(?:\s+(?:any\s*more|please|pls|at\s+all|ever|yet|for\s+now|right\s+now|"
    r"at\s+this\s+time))*"
)
# an ask to send to another ('Send to wife', 'ship the card to her mother', 'Forward to HR'): what follows
# 'to' is no word of the person's, unless a relative of theirs ('Ship to her mother. Do not ship to her.':
# hunter-asks4, left out where 'Ship to his mother. ...' is the error asking where the card goes)
ASKED_ELSEWHERE = (
    r"\b(?:(?:send|ship|mail|deliver|forward|give)(?:\s+(?:it|the|a|gift|cards?))*\s+(?:to|c/o)|"
    # ... or ordered for another ('Order for spouse; do not order for him': left out, review69)
    r"order(?:\s+(?:it|the|a|gift|cards?))*\s+for)\s+"
    r"(?!" + THE_PERSON + r"\b(?!\s+(?:" + _RELATION + r")\b))\w"
    # ... or the card said to be another's ('Card for spouse. Do not send to him', 'Card to wife - not to
    # him': left out, the wife's card lost; the lead's leftover 2 of session 48)
    r"|\b(?:gift\s+card|gift|card|present)s?\s+(?:(?:is|goes|should\s+go)\s+)?(?:to|for)\s+(?:(?:the|his|her|their)\s+)?"
    r"(?:" + _RELATION + r"|widow(?:er)?|estate|family|executor|heirs?|kin)\b"
)
# ... and the note ending on the no to the person (read from a note's start: '(?!' + this + ')'); the ask
# looked for apart, not before the no: '.*ASK.*NO$' read the rest of the note again after each 'send to',
# 2.6 s on a cell of 30,000 characters (found by review65); the no itself is never the ask
ENDS_NO_TO_THE_PERSON_AFTER_AN_ASK = r"(?=.*" + ASKED_ELSEWHERE + r").*\b" + TO_THE_PERSON + r"[\s.!]*$"

_NO_TO_THE_PERSON = re.compile(
    r"(?i)\W*(?:(?:please|pls|plz|kindly)\.?\s+)?(?:do[\s-]*n[o']?t|don'?t|never)[\s-]+(?:re-?)?(?:send|mail|order|ship)"
    r"(?:\s+(?:a|any|the|gifts?|cards?|anything|again|yet))*\s+"
    + TO_THE_PERSON
    # ... or until a thing to happen ('Send to wife - do not send to him until further notice': hunter-asks4)
    + r"(?:\s+(?:until|till|pending|awaiting|before|prior\s+to)\s+(?!"
    + _UNTIL_A_DATE
    + r")[^.;!]*)?[\s.!]*"
)
_ASKED_ELSEWHERE = re.compile(r"(?i)" + ASKED_ELSEWHERE)


def no_to_the_person_after_an_ask(note: str, begin: int) -> bool:
    """Whether ``note`` from ``begin`` on is only a no to the person, and before it asks to send elsewhere."""
    if _NO_TO_THE_PERSON.fullmatch(note, begin) is None:
        return False
    return _ASKED_ELSEWHERE.search(note, 0, begin) is not None


# ... the no to the person anywhere after such an ask, or before it ('Do not send to him - send to wife'):
# where the notes' readers let the row through for the ask, the row must be the error asking where the card
# goes whatever the ask names ('Send to widow. Do not send to him.', '... to next of kin', '... to estate'
# were ordered to him, exit 0: the ask named none of .problems.elsewhere's people or places; review69)
_THE_NO = (
    r"(?:do[\s-]*n[o']?t|don'?t|never)[\s-]+(?:re-?)?(?:send|mail|order|ship)"
    r"(?:\s+(?:a|any|the|gifts?|cards?|anything|again|yet))*\s+"
    + TO_THE_PERSON
    + r"(?=\W*$|\s*[^\w\s]|\s+(?:until|till|til|before|unless)\b)"
)  # (the person said alone or until a day, not 'Do not send to her office')
_THE_NO_TO_THE_PERSON = re.compile(r"(?i)" + _THE_NO)


def asks_elsewhere_and_no_to_the_person(note: str) -> bool:
    """Whether ``note`` asks to send the card to another and says no to the person, in either order."""
    return _ASKED_ELSEWHERE.search(note) is not None and _THE_NO_TO_THE_PERSON.search(note) is not None
