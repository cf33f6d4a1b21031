"""A heading asking of the rows above it, or saying only some of them went ('Above: sent already? Below:
new', 'Above: sent already (Dee not yet?) Below: new', 'Above: on hold? Below: send', 'Above: sent? Below:
new', 'Above: some sent already'): read as of the row right above alone, that row was left out and the rows
above it ordered again, exit 0 (a second card each, where the heading may say they went); read as nothing,
the heading row an error and every row above ordered again (review65's and review66's A, hunter-sends13's
items 2 and 5; fixed by hunter-sends14). None of them is left out or sent silently: each is an error asking
(:mod:`..problems.notenames`, as for the one a heading names: :mod:`.upnamed`), the rows below read by its
words for them alone."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .aboveapart import _CARDS_WENT, _HELD, _ONE_POINTED, below_as_above
from .headingapart import _APART
from .pointing import _BELOW, _ONE_ABOVE, _TWO_ABOVE, parts_above_and_below
from .upalone import _PARTS

# the reason of such a heading's own row (..problems.notenames: an error on each row above it)
ABOVE_ASKED = "a heading of the rows above it, asking of them"
# ... and of the rows below, its words for them saying only that they go as those above ('Above: done except
# Gus. And everyone below', 'Above: sent already? and everyone below': the rows above asked, Ann, Bob and Cy
# below ordered, exit 0, where the heading says they are as unclear: hunter-sends15's leftover 2)
BOTH_ASKED = "a heading of the rows above and below it, asking of them"
# ... or of the rows below alone ('Above: held. Below: new?': .twoparts)
BELOW_ASKED = "a heading of the rows below it, asking of them"
# a question asked of the reader, not of the rows ('Questions? Call HR', 'Any questions? ask Pat')
_ASKS_THE_READER = re.compile(
    r"(?i)\b(?:any\s+)?questions?\s*\?+(?:\s*(?:call|ask|contact|e-?mail|see|talk\s+to|reach\s+out\s+to|ping|"
    r"text)\b[^.;?!]*)?"
)
# ... only some of them said to have gone ('Above: some sent already', 'Above: partly mailed'): which?
_SOME = re.compile(r"(?i)\b(?:some|most|many|few|several|partially|partly|half|mixed)\b")
# its words for the rows above open by pointing up ('Above:', 'Above -', '^^ all', 'All above')
_POINTS_UP = re.compile(r"(?i)^\W*(?:all\s+(?:of\s+)?(?:the\s+)?)?above\b")


# the words opening the label for the rows below ('Above: done. All below: terminated', '... Everyone below:
# new'): read with the words for the rows above, 'done' was no longer all they said and Hal, Gus and Dee were
# ordered again, exit 0, where 'Above: done. Below: do not send' asks of each (found by hunter-sends16)
_LABEL_OPENING = re.compile(r"(?i)(?<![\w'])(?:everyone|everybody|all|(?:the\s+)?rows?|people)\s*$")


def _words_above(plain: str, below: re.Match[str] | None) -> str:
    """``plain``'s words before those of the rows below (``below``), without the label's opening words."""
    return _LABEL_OPENING.sub("", plain[: below.start()]) if below else plain


@dataclass(frozen=True)
class AskedAbove:
    """A heading asking of every row above it, and its words for the rows below (None: it has none)."""

    below: str | None


def asks_of_every_row_above(plain: str, names_someone: Callable[[str], bool]) -> AskedAbove | None:
    """Where ``plain``'s words for the rows above it (opening by pointing up, before any of the rows below)
    ask (a '?' not of the reader's questions) or say some of them only (:data:`_SOME`), pointing at no one
    row and naming nobody (``names_someone``; :mod:`.upnamed` reads those): its words for the rows below;
    None otherwise."""
    below = _BELOW.search(plain)
    words = _words_above(plain, below)
    if (
        not words.strip()
        or _ONE_POINTED.search(words)
        or _ONE_ABOVE.search(words)
        or _TWO_ABOVE.search(words)
    ):
        return None
    if names_someone(words):
        return None
    asked = words
    if not (_POINTS_UP.match(asked) or (below and _said_went(asked))):
        return None  # ('Sent already? Below: new': of the rows above too, its words before the rows below)
    # ... or say them done ('Above: done. Below: new': Hal, Gus and Dee ordered again once the heading, an
    # error, was deleted; as 'Above: done' alone)
    done = below is not None and _DONE.fullmatch(_POINTS_UP.sub("", asked)) is not None
    if ("?" not in asked or _ANSWERED.search(asked)) and not _SOME.search(asked) and not done:
        return None
    return AskedAbove(plain[below.start() :] if below else None)


# ... or answered after its mark: yes ('Above: all sent? yes. Below: new': said), or otherwise ('Above: OK to
# send? No - above and below terminated': read as before)
_ANSWERED_YES = re.compile(r"(?i)\s*\?+\s*(?:yes|y|yep|correct|confirmed|true)\b\W*?(?=[.;,\s]|$)")
_ANSWERED = re.compile(r"(?i)\?+\s*(?:no|n|nope|none|n/?a|not\s+yet|done|ok(?:ay)?)\b")


def questions_settled(plain: str) -> str:
    """``plain`` without the questions it asks of its reader ('Above: sent. Questions? Call HR. Below: new':
    read with its '?', the heading asked, and every row above was ordered again: found by review66), and with
    those answered yes said."""
    if "?" not in plain:
        return plain
    return _ANSWERED_YES.sub("", _ASKS_THE_READER.sub(" ", plain))


def _said_went(words: str) -> bool:
    """Whether ``words``, its questions' marks aside, say only that the cards went or are held."""
    bare = words.replace("?", " ")
    return bool(_CARDS_WENT.fullmatch(bare) or _HELD.fullmatch(bare))


# ... or done, in words not saying what was ('Above: done', 'Above: all completed')
_DONE = re.compile(
    r"(?i)\W*(?:(?:all|everything|these|those)\s+)?(?:done|complete[d]?|finished|processed)\W*"
)


def went_and_more_above(plain: str, names_someone: Callable[[str], bool]) -> bool:
    """Whether ``plain``, pointing up alone ('Above: ...') at no one row and naming nobody, says in a part of
    its words that the cards went or are held (or done), where :mod:`.upalone` read them not all as a no: the
    rest unclear ('Above: sent - moved', 'Above: all sent - moved', 'Above: done'). Read as nothing, the
    rows above it were ordered again, exit 0, the heading's row an error (hunter-sends13's items 8 and 5,
    fixed by hunter-sends14): each is an error asking now."""
    found = _POINTS_UP.match(plain)
    if found is None or _BELOW.search(plain) or _ONE_POINTED.search(plain) or _ONE_ABOVE.search(plain):
        return False
    said = plain[found.end() :].strip(" :=-–—")
    if not said or names_someone(said) or _TWO_ABOVE.search(said):
        return False
    parts = [part.strip(" )") for part in _PARTS.split(said) if part and part.strip(" )")]
    return any(_CARDS_WENT.fullmatch(p) or _HELD.fullmatch(p) or _DONE.fullmatch(p) for p in parts)


def asks_of_the_apart(plain: str) -> bool:
    """Whether what ``plain`` says apart (:data:`.headingapart._APART`) asks ('Above: all mailed except Gus?
    check': Gus was sent, exit 0, where the heading asks whether he is the exception; hunter-sends14), or says
    more of the one set apart in a bracket after the name (:data:`_SAID_OF_THE_APART`)."""
    apart = _APART.search(plain)
    return apart is not None and ("?" in apart[0] or _SAID_OF_THE_APART.search(apart[0]) is not None)


# ('Above: all sent except Dee (moved). Below: new': Dee, the one still to send, was sent to the row's street,
# where the heading says she moved: hunter-sends15's leftover 4). A no there leaves her out (.headingapart);
# anything else is for a person to read
_SAID_OF_THE_APART = re.compile(r"\w[\s,]*[(\[][^()\[\]]*\w[^()\[\]]*[)\]]")


def done_but_for_the_named(plain: str) -> AskedAbove | None:
    """Where ``plain``, pointing up, says the rows above are done but for those it names apart ('Above: done
    except Gus', 'Above: completed except Gus'): its words for the rows below (None: it has none). Read as a
    send but for them, Gus (the one still to send) was left out and the others above ordered again, exit 0
    (found by review67); so too with words for the rows below after ('Above: done except Gus. Below: new':
    hunter-sends14's leftover 2). Done says not what was: each row above is asked."""
    below = _BELOW.search(plain)
    words = _words_above(plain, below)
    apart = _APART.search(words)
    if apart is None or not _POINTS_UP.match(words):
        return None
    rest = _POINTS_UP.sub("", f"{words[: apart.start()]} {words[apart.end() :]}")
    return AskedAbove(plain[below.start() :] if below else None) if _DONE.fullmatch(rest) else None


def asks_of_the_rows_below_too(plain: str) -> bool:
    """Whether a heading asking of the rows above it (:func:`asks_of_every_row_above`,
    :func:`done_but_for_the_named`) says of the rows below only that they go as those above: asked too."""
    return below_as_above(parts_above_and_below(plain)[1])
