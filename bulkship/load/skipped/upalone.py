"""A heading pointing up alone, no word of the rows below it, saying the cards of the rows above went, are
held or not to be sent ('Above: all sent already', 'Above: sent already', 'Above: mailed 11/20', 'Sent
already above', 'Above: do not send', 'Above: all terminated'): said of every row above it, up to a blank
row or another heading, as where a part of its own speaks of the rows below ('Above: sent already. Below:
new', :mod:`.aboveapart`). Read as a heading over the rows under it, the row right above was left out with
every person below, whom it says nothing of, and the rows above that ordered again (a second card each);
read as a note about the row right above, that row was an error and the rest above ordered again
(review61's Found 1, fixed by hunter-sends13)."""

from __future__ import annotations

import re
from collections.abc import Callable

from .aboveapart import _A_DAY, _CARDS_WENT, _HELD_TILL, _SOME_APART
from .pointing import _BELOW, _TWO_ABOVE, points_at_all_above

# its pointing: a label opening it ('Above:', 'Above -', '^ all ...') or 'above' closing it ('Sent already
# above'); '(see above)' closes a note about the row right above ('Deceased (see above)')
_OPENS_UP = re.compile(
    r"(?i)^\W*(?:above|\^+|↑|⬆)(?:\s+this\s+line)?\s*(?:[:=]|[-–—](?=\s)|\s)\s*(?P<said>\S.*)$"
)
_CLOSES_UP = re.compile(r"(?i)^(?P<said>\w.*?)[\s,:-]+above\W*$")
# ... or a label naming them all ('All rows above:', 'Everything above this line -', '^^ all of the above:',
# 'Everyone above this line has been sent'): read as a heading over the rows below too, Ann, Bob and Cy were
# left out, of whom it says nothing (the lead's decision, session 53)
_ALL_OPENS = re.compile(
    r"(?i)^\W*(?:(?:all|every(?:one|body|thing)|each|any(?:one|thing))\s+(?:of\s+)?(?:(?:the|these|those)\s+)?"
    r"(?:(?:rows?|people|persons|names|entries|lines|employees|ones|recipients)\s+)?(?:listed\s+)?above|(?:all\s+"
    r"(?:of\s+)?)?the\s+above)(?:\s+(?:this|the)\s+(?:line|row|one))?\s*(?:[:=]|[-–—](?=\s)|\s)\s*(?P<said>\S.*)$"
)
# its parts ('Above: sent already - do not resend'); a slash between digits is a date's ('mailed 11/20')
_PARTS = re.compile(r"(?i)[.;!\n(]|(?<!\d)/|/(?!\d)|,\s|\s[-–—]\s|\b(?:but|while|whereas)\b")
# ... never of one row ('Above: hold this one'); till a day too ('Above: hold until 1/15/2027', 'Above: all on
# hold until 1/20/2027': read as of the row right above, Hal and Gus held were sent; .headingdays keeps the
# day: the lead's decision, session 53)
_ONE = re.compile(r"(?i)\b(?:row|person|one|line|entry)\b")
_A_WAIT = re.compile(r"(?i)\b(?:until|till|til|before|through|thru|after|once|when|pending)\b")
_ONE_OR_A_WAIT = re.compile(f"{_ONE.pattern}|{_A_WAIT.pattern[4:]}")  # (a part's: .twoparts)
# ... or not to send again ('do not resend', 'don't send again')
_NOT_AGAIN = re.compile(
    r"(?i)\W*(?:do\s*n[o']?t|don'?t|never)\s+(?:re-?(?:send|mail|ship|order)|(?:send|mail|ship|order)\s+(?:again|"
    r"twice))\W*"
)
# ... a pointer at one row ('^ sent already', '^ deceased - do not send': the row right above alone) unless
# it says all ('^ all sent already')
_CARET = re.compile(r"^\W*(?:\^|↑|⬆)")
_EVERY = re.compile(r"(?i)\b(?:all|every(?:one|body)?|each|both|these|those|them|they)\b")
# ... and its words of the cards, not of the person ('Above: left company', 'Above: terminated': of the row
# right above, a note about that person, unless it says all)
_OF_THE_CARDS = re.compile(
    r"(?i)\b(?:sent|mailed|shipped|ordered|delivered|received|issued|held|hold|(?:do\s*n[o']?t|don'?t|never)\s+"
    r"(?:send|resend|mail|ship|order))\b"
)


def says_no_of_every_row_above(
    text: str, says_no: Callable[[str], bool], names_someone: Callable[[str], bool]
) -> bool:
    """Whether ``text`` points up alone and says of the rows above, naming (``names_someone``), counting and
    asking of none (:data:`.aboveapart._SOME_APART`), that their cards went or are held (till a day where it
    says all: :data:`.aboveapart._CARDS_WENT`, :data:`.aboveapart._HELD_TILL`), or no (``says_no``) in words
    of the cards or of them all."""
    if _BELOW.search(text) or "?" in text or _TWO_ABOVE.search(text):
        return False
    found = _ALL_OPENS.match(text)
    every = found is not None  # ('All rows above: sent already': every row above, none below)
    if found is None and points_at_all_above(text):
        return False
    found = found or _OPENS_UP.match(text) or _CLOSES_UP.match(text)
    if found is None:
        return False
    said = found["said"].strip()
    if _SOME_APART.search(_A_DAY.sub(" ", said)) or _ONE.search(said) or names_someone(said):
        return False
    every = every or _EVERY.search(said) is not None
    if _CARET.match(text) and not every:
        return False
    parts = [part.strip(" )") for part in _PARTS.split(said) if part and part.strip(" )")]
    return (
        bool(parts)
        and all(
            says_no(part)
            or _CARDS_WENT.fullmatch(part)
            or _HELD_TILL.fullmatch(part)
            or _NOT_AGAIN.fullmatch(part)
            for part in parts
        )
        and bool(_OF_THE_CARDS.search(said) or every)
    )
