"""A heading whose words for the rows above it say no of them all and then name one of them with words of
his own ('Above: sent already - Gus still has not been sent', 'Above: all sent - Gus still at old address',
'Above: sent - Gus still pending. Below: new', 'Above: terminated - Gus still employed'): read as naming the
one it speaks of, the row right above alone was left out and Hal two rows up ordered again (a second card),
or the heading was read as nothing and all three ordered again (review61's Found 1, fixed by
hunter-sends13). Every other row above is left out; the one it names is sent where his words say he is
still to send, left out where they say no, asked otherwise (an error naming him: .problems.notenames)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .aboveapart import _CARDS_WENT, _HELD, _SOME_APART
from .noteabout import Recipients, _without, note_words, says_no_of
from .pointing import _BELOW
from .upalone import _NOT_AGAIN, _OPENS_UP, _PARTS

# the reason of such a heading's own row where it asks of the one it names (..problems.notenames: an error)
NAMED_ASKED = "a heading of the rows above it, asking of the one it names"
# its sentences (a slash between digits is a date's: 'sent 11/20'); one ending in a question kept whole, its
# mark with it ('Above: sent already - Dee not yet? Below: new': read as one sentence holding 'Below', Hal and
# Gus were ordered again: found by review64); its bracket closing with it, or no space after it ('(Dee not
# yet?) Below: new', 'Dee not yet?Below: new': Hal and Gus ordered again, found by review65)
_SENTENCE = re.compile(
    r"[.;!\n]\s*|(?<=\?)[\s)\]]+|(?<=\?)(?=(?i:below|beneath|underneath)\b)|(?<!\d)/|/(?!\d)"
)
# the named one's words saying he is still to send ('still has not been sent', "hasn't been sent yet", 'not
# yet', 'send now')
_STILL_TO_SEND = re.compile(
    r"(?i)^\W*(?:is\s+|was\s+)?(?:still\s+)?(?:(?:has|have|had)\s*n[o']?t|(?:has|have)\s+not|not)\s+(?:yet\s+)?"
    r"(?:been\s+)?(?:sent|mailed|shipped|ordered|received|gotten|got)(?:\s+(?:one|a\s+card|it|yet))*\W*$|"
    r"^\W*(?:is\s+)?(?:still\s+)?(?:not\s+yet|unsent|still\s+to\s+(?:send|be\s+sent)|yet\s+to\s+(?:be\s+)?(?:send|sent)|"
    r"still\s+needs?\s+(?:one|a\s+card|to\s+be\s+sent|sending)|(?:please\s+)?send(?:\s+(?:now|it|his|hers?|one|"
    r"today))*|ok\s+to\s+send)\W*$"
)
# ... or a no of his own ('Gus terminated too', 'Gus - do not send')
_TOO = re.compile(r"(?i)\s+(?:too|also|as\s+well)\W*$")


@dataclass(frozen=True)
class NamedAbove:
    """The rows a heading names among those above (``named``), how (``how``: 'spared' sent, 'out' left out
    with the rest, 'asked' an error naming them), and its words without them (``rest``)."""

    named: set[int]
    how: str
    rest: str


def named_apart_above(plain: str, says_no: Callable[[str], bool], people: Recipients) -> NamedAbove | None:
    """Where ``plain``'s words for the rows above (its sentences before any of the rows below, opening by
    pointing up) say no of them all, asking and counting nothing, and then name some of them with words of
    their own: those named and how, and its words without them; None otherwise."""
    sentences = [s for s in _SENTENCE.split(plain) if s.strip()]
    at = next((i for i, s in enumerate(sentences) if _BELOW.search(s)), len(sentences))
    above, below = sentences[:at], sentences[at:]
    opening = _OPENS_UP.match(above[0]) if above else None
    if opening is None:
        return None
    parts = [
        p.strip(" )") for s in [opening["said"], *above[1:]] for p in _PARTS.split(s) if p and p.strip(" )")
    ]
    first = next((i for i, part in enumerate(parts) if people.named(part)[0]), None)
    if not first:  # (none named, or named first: 'Above: Gus - sent already' is of Gus alone)
        return None
    ours, theirs = parts[:first], parts[first:]
    if any("?" in part or _SOME_APART.search(_plain_of(part, people)) for part in ours):
        return None  # ('Above: some sent already - Gus not yet', 'Above: sent? - Gus not yet')
    if not all(
        says_no(p) or _CARDS_WENT.fullmatch(p) or _HELD.fullmatch(p) or _NOT_AGAIN.fullmatch(p) for p in ours
    ):
        return None
    named, runs = people.named(" - ".join(theirs))
    words = [w for part in theirs if (w := _TOO.sub("", _without(part, runs)))]
    rest = "; ".join([f"Above: {' - '.join(ours)}", *below])
    if "?" in " ".join(theirs):  # (asked of him alone: 'Gus still to send? check')
        return NamedAbove(named, "asked", rest)
    if words and _STILL_TO_SEND.match(words[0]) and all(_SEND_NOW.fullmatch(w) for w in words[1:]):
        return NamedAbove(named, "spared", rest)
    if words and all(says_no(w) or _CARDS_WENT.fullmatch(w) for w in words):
        return NamedAbove(named, "out", rest)
    return NamedAbove(named, "asked", rest)


# ... and nothing more of him but to send ('Gus not yet - send now'; not '(new address)', '- no rush')
_SEND_NOW = re.compile(
    r"(?i)\W*(?:(?:please|pls)\s+)?(?:send|ship|mail|order)(?:\s+(?:now|it|today|one|asap))*\W*"
)


def _plain_of(sentence: str, people: Recipients) -> str:
    """A sentence without the names it holds (a name may hold a count's word: 'Bill One')."""
    return _without(sentence, people.named(sentence)[1])


@dataclass(frozen=True)
class NamedFirst:
    """The rows a heading names first among its words for the rows above (``named``), whether those words
    say no of them (``out``: left out; asked otherwise), and its words for the rows below (None: none)."""

    named: set[int]
    out: bool
    below: str | None


def of_the_named_first(plain: str, people: Recipients) -> NamedFirst | None:
    """Where ``plain``'s words for the rows above (before any of the rows below), pointing up, name someone
    first ('Above: Gus - sent already', 'Above: Gus, Dee - terminated. Below: new'): a note about the named
    alone. Read as a heading over the rows under it pointing up too, Ann, Bob and Cy were left out and Dee
    right above, Hal sent and Gus an error (hunter-sends14's leftover 3)."""
    below = _BELOW.search(plain)
    opening = _OPENS_UP.match(plain[: below.start()] if below else plain)
    if opening is None:
        return None
    parts = [p.strip(" )") for p in _PARTS.split(opening["said"]) if p and p.strip(" )")]
    words = note_words(parts[0]) if parts else []
    if not any(tuple(words[: len(run)]) == run for run in people.named(parts[0])[1] if parts):
        return None  # (its words opening with a name: not 'Above: all sent except Gus')
    named, runs = people.named(opening["said"])
    out = "?" not in opening["said"] and says_no_of(opening["said"], runs)
    return NamedFirst(named, out, plain[below.start() :] if below else None)
