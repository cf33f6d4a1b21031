"""A recipient named at the end of a heading's part: added to what it says with 'too' ('Above: hold, Gus too',
'Above: held (Gus Tan too)', 'Above: held and Cy Orr too'), or as who said it ('Above: hold per Ann Lee'):
the part read without the name, the one added going as the part says wherever he stands, the one who said
it no word of the part. A name counts only where it names recipients and nothing else ('Gus and Dee too':
both; 'the new batch too' names nobody): read by :mod:`.twoparts` for each part of a heading of two, and by
:mod:`.headings` for a heading of one part (moved out of twoparts, issue 14)."""

from __future__ import annotations

import re

from .noteabout import Recipients, _without

# between the names a part sets apart or adds ('except Gus and Dee', 'except Gus, Dee', 'Gus and Dee too')
_AND = re.compile(r"(?i)\b(?:and|but)\b|&|,")

# a person added to a part's no at its end ('hold, Gus too', 'held (Gus Tan too)'), or who said it ('hold per
# Ann Lee'): read with the name, the heading went to the readers of the whole, which left Hal and Dee valid
# under 'Above: hold. Below: hold, Gus too' and Hal, Gus, Dee under 'Above: hold per Ann Lee. Below: new'
# (found by hunter-sends17). The one added goes as his part says wherever he stands (.headingsides: added to
# a send from a side held, asked); the one who said it is no word of the part (..problems.notenames asks of
# her row)
_TOO_NAMED = re.compile(
    r"(?i)(?:[,;&]\s*|\s+(?:and\s+)?|\s*\(\s*)(?:(?:also|and)\s+)?(?P<who>[^;()]+?)\s+(?:too|also|as\s+well)\W*$"
)
_BY_NAMED = re.compile(r"(?i)\s+(?:per|by|according\s+to)\s+(?P<who>[^.;,()]+?)\W*$")


def _named_too(words: str | None, people: Recipients) -> tuple[str | None, frozenset[int]]:
    """``words`` without the recipients added at their end ('Gus too', 'also Gus'), and those (none: as
    they are)."""
    found = _added_at_end(words, people) if words is not None else None
    return (words[: found[0]], found[1]) if words is not None and found else (words, frozenset())


def _only_recipients(who: str, people: Recipients) -> frozenset[int]:
    """The recipients ``who`` names where it names nothing else ('Gus and Dee'), else none."""
    named, runs = people.named(who)
    if not named or _AND.sub(" ", _without(who, runs)).strip(" -–—:;,."):
        return frozenset()
    return frozenset(named)


def added_to_one_part(plain: str, people: Recipients) -> tuple[str, frozenset[int]] | None:
    """A heading of one part without the recipients it adds at its end with 'too' ('Above: held, Cy Orr
    too', 'Above: held and Cy Orr too', 'Above: held. Cy Orr too'), and those; None where it adds none.
    Only headings of two parts were read so: 'Above: held, Cy Orr too' sent Hal, Gus and Dee, held (found
    by hunter-sends19)."""
    found = _added_at_end(plain, people)
    return (plain[: found[0]].rstrip(" ,;&(+-–—"), found[1]) if found else None


def _added_at_end(words: str, people: Recipients) -> tuple[int, frozenset[int]] | None:
    """Where the recipients ``words`` adds at its end start, and those: each place a name may start tried,
    the first naming only recipients kept ('on hold, Cy Orr too': not 'hold, Cy Orr')."""
    for start in (m.start() for m in _MAY_ADD.finditer(words)):
        for adding in (_TOO_NAMED, _NAMED_ADDED):
            found = adding.match(words, start)
            if found is not None and (named := _only_recipients(found["who"], people)):
                return start, named
    return None


# ... or added with words before them ('Above: held (also Cy Orr)', 'Above: sent already, plus Cy Orr',
# '+ Cy Orr', 'including Cy Orr'), or more than one ('Ann & Cy too'): read as nothing, the heading was the
# only error, or Hal and Gus were sent again and Ann, Bob and Cy left out (hunter-sends20)
_NAMED_ADDED = re.compile(
    r"(?i)(?:[,;&]\s*|\s*\(\s*|\s+|\s*(?=\+))(?:also|plus|\+|as\s+well\s+as|including|incl\.?|and(?:\s+also)?)"
    r"\s*(?P<who>[^;()]+?)\s*\)?\W*$"
)
# where the one added may start: after a comma, a space or an opening bracket, or a plus
_MAY_ADD = re.compile(r"[,;&(]|\s+|(?<!\s)(?=\+)")


def _by_named(words: str, people: Recipients) -> str:
    """``words`` without the recipient named at their end as who said them ('hold per Ann Lee': 'hold')."""
    found = _BY_NAMED.search(words)
    if found is None:
        return words
    named, runs = people.named(found["who"])
    return words if not named or _without(found["who"], runs).strip(" -–—:;,.") else words[: found.start()]
