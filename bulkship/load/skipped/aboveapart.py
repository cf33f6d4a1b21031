"""A heading between recipients saying no of the rows above it and something else of those below ('Already
sent the above; below not yet sent', 'Above: terminated. Below: active', 'Above: sent already. Below: new,
send'): read as a heading over the rows under it, every person below was left out; or read as nothing, the
heading row an error and the rows above it sent again (review48's leftovers, mended by review50). The rows
below are judged by its words for them alone (:func:`.pointing.of_the_rows_below`); the rows above it, up
to a blank row or another heading where it names them all ('all of the above', 'the above', or 'above' set
against 'below': the list cut in two; the row right above alone where it points at one, '^', 'the row
above'), are left out where its words for them alone say no; and the rows below too where its words for them
say only that they go as those above ('Above: do not send; and everyone below', '... - below too')."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from .pointing import (
    _ABOVE,
    _BELOW,
    _ONE_ABOVE,
    _TWO_ABOVE,
    AS_ABOVE_WORDS,
    parts_above_and_below,
    points_at_all_above,
)

# all the rows above, in other words than .pointing._ALL_ABOVE's ('Already sent the above')
_THE_ABOVE = re.compile(r"(?i)\bthe\s+above\b(?!\s+(?:row|one|line|person|entry|name|recipient)\b)")
# ... or 'above' set against 'below' ('Above: sent already. Below: new, send' cuts the list in two: read as of
# the row right above alone, Ann two rows up was ordered again, a second card: found by hunter-sends7), unless
# it points at one row ('^ already sent; below OK', 'Row above: terminated. Below: active')
_ONE_POINTED = re.compile(
    r"(?i)\^+|↑|⬆|\b(?:row|person|employee|one|entry|line|name|recipient)\s+(?:(?:right|just|directly)\s+)?above\b|"
    r"\babove\s+(?:row|one|line|person|entry|name|recipient|employee)\b|\b(?:previous|prior)\s+(?:row|person|"
    r"employee|line|entry)\b"
)
# ... never where its words for the rows above set some apart, name someone, count them or ask ('Above: sent
# already except Gus', '(Gus not yet)', 'Above: Dee terminated', 'Above: some sent already', 'Above: sent
# already?': found by review52 after c611e781, Gus was left out): the row right above alone, as before
_SOME_APART = re.compile(
    r"(?i)\b(?:except|excluding|but|not\s+yet|still|other\s+than|apart\s+from|save\s+for|besides|unless|some|"
    r"most|many|few|several|partially|partly|half|first|last(?!\s+(?:week|month|year|time|round|quarter|batch|"
    r"run|cycle|mon|tue|wed|thu|fri|sat|sun)\w*)|only|mixed|one|two|three|rest)\b|\?|"
    r"(?<![\d/.:-])(?!(?:19|20)\d\d\b)\d+(?![\d/.:-])(?!\s*(?:st|nd|rd|th)\b)"
)
# ... a day's number no count ('Above: all held till Jan 20', 'Above: hold till Jan 20 - Below: to send':
# '20' read as some of them, Dee alone held)
_A_DAY = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"(?:,?\s+\d{4}\b)?"
)
# words for the rows below saying only that they go as those above ('and everyone below', 'below too',
# 'everyone below also', 'same for below')
_AS_ABOVE = re.compile(
    r"(?i)\W*(?:(?:and\s+|&\s*|\+\s*)?(?:(?:same|likewise|ditto)\s+(?:for\s+|with\s+)?)?(?:(?:the\s+)?(?:everyone|"
    r"everybody|all|rows?|people|ones|those|names|entries)\s+)?(?:below|beneath|underneath)(?:\s+(?:too|also|as\s+well|"
    r"likewise|the\s+same))?|" + AS_ABOVE_WORDS + r")\W*"
)


# ... or say only that their cards went ('Above: all sent. Below: new, send', 'Sent already above; below new',
# 'Above - sent already; below - new', 'Above: sent 11/20. Below: new'): read as nothing, the heading row
# was an error and, deleted, every row above was ordered again (hunter-sends8's item 5, the lead's leftover 1)
_CARDS_WENT = re.compile(
    r"(?i)(?![^?]*\?)[\W_]*(?:(?:all|both|each|everyone|everybody|they|these|those|cards?|gifts?)\s+)*"
    r"(?:(?:were|was|have|has|been|already|all)\s+)*(?:sent|mailed|shipped|ordered|delivered|received|issued)"
    r"(?:\s+(?:already|out|(?:on|in|last)\s+\w+|\d{1,2}(?:/\d{1,2}(?:/\d{2,4})?)?|(?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2})?))*[\s.!:;,)-]*"
)
_POINTING_UP = re.compile(
    r"(?i)\b(?:(?:all|every(?:one|body|thing)|the)\s+(?:of\s+the\s+)?)?above\b\s*[:=-]?|\^+|↑|⬆"
)


def says_no_of_the_rows_above(text: str, says_no: Callable[[str], bool]) -> bool:
    """Whether ``text`` speaks of the rows above it and of those below apart and its parts of the rows above
    alone say no (``says_no``), that their cards went (:data:`_CARDS_WENT`) or that they are held
    (:data:`_HELD_TILL`: 'Above: hold till Jan 20 except Gus. Below: new' sent Hal and Dee, held)."""
    if not (_ABOVE.search(text) and _BELOW.search(text)):
        return False
    went = "?" not in text  # (asked: 'Above: sent? Below: new' is no word that they went)
    return any(
        says_no(part) or (went and _went_or_held(_POINTING_UP.sub(" ", part)))
        for part in parts_above_and_below(text)[0]
    )


def _went_or_held(bare: str) -> bool:
    return bool(_CARDS_WENT.fullmatch(bare) or _HELD_TILL.fullmatch(bare))


def says_no_of_all_above(text: str, says_no: Callable[[str], bool]) -> bool:
    """Whether ``text``, pointing up alone, says no of the rows above (``says_no``) or that their cards went
    (:data:`_CARDS_WENT`), read without its pointing."""
    if not _ABOVE.search(text) or _BELOW.search(text) or "?" in text:
        return False
    bare = _POINTING_UP.sub(" ", text)
    return says_no(text) or _went_or_held(bare)


# ... or that they are held ('Above: held except Gus', 'Above: hold all except Gus': found by review57, Gus
# alone was left out and Hal and Dee ordered)
_HELD_WORDS = (
    r"(?i)[\W_]*(?:(?:all|everyone|everybody|they|these|those)\s+)?(?:(?:are|is|were|to\s+be)\s+)?(?:held|hold|on\s+hold)"
    r"(?:\s+(?:all|them|these|those|for\s+now))?"
)
_HELD = re.compile(_HELD_WORDS + r"[\W_]*")
# ... till a day or a check too, where it sets someone apart or speaks of the rows below apart ('Above: hold
# till Jan 20, except Gus' was read as a send but for Gus: Hal and Dee ordered, Gus left out; .headingdays
# keeps the day). Alone ('Above: hold until 1/15/2099') it is of the row right above (review40)
_HELD_TILL = re.compile(_HELD_WORDS + r"(?:\s+(?:until|till|til|thru|through)\s+\w[^.;?]*)?[\W_]*")


def below_as_above(below: list[str]) -> bool:
    """Whether a heading's words for the rows below say only that those go as the rows above."""
    return bool(below) and all(_AS_ABOVE.fullmatch(part) for part in below)


def as_above_too(text: str, says_no: Callable[[str], bool]) -> list[str] | None:
    """Where ``text``'s words for the rows below say only that those go as the rows above
    (:func:`below_as_above`) and its words for the rows above say no or that their cards went: those words
    for the rows below. Read
    as a heading of the rows above alone ('Above: mailed 11/20. and everyone below', 'Above: all sent except
    Gus. Below too'), every row above and below was ordered again, the heading an error or left out silently
    (hunter-sends14's leftover 3)."""
    below = parts_above_and_below(text)[1]
    return below if below_as_above(below) and says_no_of_the_rows_above(text, says_no) else None


def rows_above(
    text: str,
    at: int,
    rows: list[int],
    stop: Collection[int],
    people: Collection[int],
    names_someone: Callable[[str], bool],
    every: bool = False,
) -> list[int]:
    """The recipients' rows right above ``rows[at]`` that ``text`` speaks of: all of them, one after the
    other, up to a blank row, a row in ``stop`` (another heading) or one of no recipient, where it names
    them all, or says 'above' pointing at no one or two rows and its words for them set none apart
    (:data:`_SOME_APART`, ``names_someone``), or where told ``every``; the row right above alone otherwise."""
    one = _ONE_POINTED.search(text) or _ONE_ABOVE.search(text)
    two = _TWO_ABOVE.search(text) is not None
    below = _BELOW.search(text)
    said = text[: below.start()] if below else text  # (its words before those of the rows below)
    whole = not (one or two or _SOME_APART.search(_A_DAY.sub(" ", said)) or names_someone(said))
    every = every or points_at_all_above(text) or _THE_ABOVE.search(text) is not None or whole
    found: list[int] = []
    at -= 1
    while at >= 0 and rows[at] == rows[at + 1] - 1 and rows[at] not in stop and rows[at] in people:
        found.append(rows[at])
        at -= 1
    return found if every else found[: 2 if two else 1]
