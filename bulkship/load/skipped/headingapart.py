"""A heading's words setting people apart: 'All of the above: send (Bob Ray excluded)', 'Above: all sent
except Gus Tan. Below: new, send' (those it names left out, or spared from a no of the rows above, the rest
read on), and whether its words, or its part for the rows below, say no of the rows under it. Read by
:mod:`.headings`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from .aboveapart import _CARDS_WENT, says_no_of_all_above, says_no_of_the_rows_above
from .clauses import _clauses_say_no, _note_says_no
from .noteabout import Recipients, says_no_of
from .pointing import _ABOVE, _BELOW, _GO_NOT_DENIED, of_the_rows_below
from .saysend import SAYS_SEND as _SEND_HEADING


def _says_no(text: str, leave_out: re.Pattern[str]) -> bool:
    return bool(leave_out.fullmatch(text)) and not _SEND_HEADING.search(text)


# ... and its words said of the rows below apart ('Below: DNS', 'below: skip', 'Below: do not resend') as a
# note on each of them would say them: read by the heading's words alone, the rows under 'Above fine, apart
# from the one just above (deceased). Below: DNS' were sent once its words for the rows above were told apart
# (review54)
def _says_no_of_those_below(part: str, leave_out: re.Pattern[str]) -> bool:
    return (
        _says_no(part, leave_out)
        or _clauses_say_no(part, _note_says_no(part))
        or ("?" not in part and bool(_HOLDING.fullmatch(part) or _CARDS_WENT.fullmatch(part)))
    )


# ... or held in words no note's reader holds by ('Below: holding', 'Below: held until 1/15/2027'): read as
# nothing, the heading was the only error and Ann, Bob and Cy under it were ordered (review73's leftover 1);
# left out, as 'Below: hold until 1/15/2027' is. So too their cards went ('Below: all sent except Cy Orr'
# ordered Ann and Bob again); a question ('Below: held?') is not read so
_HOLDING = re.compile(
    r"(?i)\W*(?:(?:all|everyone|everybody|they|these|those)\s+)?(?:(?:are|is)\s+)?(?:holding|held|on\s+hold|paused)"
    r"(?:\s+for\s+now)?(?:\s+(?:until|till|til|thru|through)\s+\w[^.;]*)?\W*"
)


def _heads(plain: str, leave_out: re.Pattern[str]) -> bool:
    """Whether ``plain`` says no of the rows under it (of its part for the rows below, where it has one)."""
    below = of_the_rows_below(plain)
    return any(_says_no(p, leave_out) for p in below) if below is not None else _says_no(plain, leave_out)


# A heading saying to send but for the people it names ('All of the above: send (Bob Ray excluded)', 'Below OK
# except Cy Orr (terminated)'): read as a heading over rows not to send, every row under it was left out (a
# known drop, mended by review48). What it says apart, in brackets or from 'except' on, is of those it names
_APART = re.compile(
    r"(?i)\([^()]*\b(?:except(?:\s+for)?|excluding|excluded|but\s+not|other\s+than)\b[^()]*\)"
    r"|(?:[-–—:;,]\s*|\s)(?:except(?:\s+for)?|excluding|but\s+not|other\s+than)\b.*$"
)


def _send_but_for_the_named(plain: str, leave_out: re.Pattern[str], people: Recipients) -> set[int]:
    """The rows of the recipients ``plain`` names in what it says apart, where the rest of it heads no rows
    not to send (none otherwise): those alone are left out."""
    apart = _APART.search(plain)
    named = people.named(apart[0])[0] if apart else set()
    if not named or apart is None:
        return set()
    rest = f"{plain[: apart.start()]} {plain[apart.end() :]}".strip(" -–—:;,")
    return set() if _heads(rest, leave_out) or leave_out.fullmatch(rest) else named


@dataclass(frozen=True)
class _Apart:
    """The people a heading names apart from a send (``left_out``) or from a no of the rows above
    (``spared``: sent, the other rows above not), and its words without them (None: none to read on)."""

    left_out: set[int]
    spared: set[int]
    rest: str | None
    above: str | None = None  # (its words saying no of every row above, the named spared: one part alone)


# ... said within its part: 'Above: all sent except Gus Tan. Below: new, send', 'Above: sent already. Below:
# new, except Cy Orr (terminated)' (read from 'except' to the end, the part of the rows below or above went
# with it: Gus was left out and Dee right above ordered again, or every row above ordered again, a second
# card each: the lead's leftover 1, found by review52)
_PART_END = re.compile(r"(?i)[.;](?:\s|$)|\s[-–—]\s|,?\s*\b(?:below|beneath|underneath)\b")


# ... or a person named still to be sent among the rows above ('Above: sent already - Gus still to send.
# Below: new', 'Above: all mailed (Gus not yet)'): read as a heading setting some apart unsaid, the row right
# above alone was left out, Hal two rows up ordered again, a second card (hunter-sends11's leftover 1, fixed
# by hunter-sends12). Those named are spared, every other row above left out as its words say. Not 'Gus
# still pending' (pending what?)
SPARED_STILL = re.compile(
    r"(?i)(?:[-–—:;,(]\s*|\s)(?P<who>[^.;()\-–—:,]*?)\s+(?:(?:is|are|was|were)\s+)?(?:still\s+(?:to\s+(?:send|be\s+sent|"
    r"ship|mail|go)|needs?\s+(?:one|a\s+card|to\s+be\s+sent|sending)|unsent|not\s+sent)|not\s+yet(?:\s+(?:sent|"
    r"mailed|shipped|ordered))?|yet\s+to\s+(?:be\s+)?(?:send|sent|ship|shipped|mail|mailed))\b\)?"
    # (its words end there: 'Gus not yet eligible' is no card still to send)
    r"(?=\s*(?:[.;,)]|$|\s[-–—]\s))"
)


# ... its part going on with a bare no or the card sent ('Gus not yet - no, sent 12/1', '... - already
# sent'); not 'no rush', 'no longer on hold', 'already approved', 'sent back, resend' (Gus left out: review63)
_NO_OR_SENT = re.compile(
    r"(?i)no(?=\s*(?:$|[-–—,.;:!]))|(?:already\s+)?(?:sent|mailed|shipped)\b(?!\s+back)(?!.*\bresend)"
)


def _name_at(still: re.Match[str], runs: set[tuple[str, ...]]) -> int:
    """Where the name set apart begins in ``still``: its words before the name are the heading's own ('Above:
    all mailed Gus not yet': 'all mailed' was read with Gus, the words without him said nothing, and Hal and
    Dee above were ordered again; found by hunter-sends16)."""
    found = [
        m.start()
        for words in runs
        if (m := re.search(r"(?i)\b" + r"\W+".join(map(re.escape, words)) + r"\b", still["who"]))
    ]
    before = min(found, default=0)  # (none before it: 'Above: all sent (Gus not yet)' as before)
    return still.start("who") + before if still["who"][:before].strip() else still.start()


def _spared_still(plain: str, leave_out: re.Pattern[str], people: Recipients) -> _Apart | None:
    """The people ``plain`` names still to be sent (:data:`SPARED_STILL`) in its words for the rows above,
    where its words without them say no of the rows above: spared, the others above left out."""
    still = SPARED_STILL.search(plain)
    if still is None:
        return None
    named, runs = people.named(still["who"])
    at = _name_at(still, runs)
    # ... unless its part goes on to say no of them: 'Gus not yet - do not send', 'Gus still to send - no,
    # sent 12/1' sent Gus a card (review61 checking ed08ebb7); so said, the named is left out with the rest
    after = re.split(r"[.;]", plain[still.end() :])[0].strip(" -–—:,)")
    no_more = (
        bool(after)
        and not _BELOW.search(after)
        and bool(_clauses_say_no(after, _note_says_no(after)) or _NO_OR_SENT.match(after))
    )
    left_out, spared = (named, set()) if no_more else (set(), named)
    before = re.split(r"[.;]", plain[:at])[-1]
    if not named or not _ABOVE.search(before) or _BELOW.search(before):
        return None
    rest = f"{plain[:at]}{plain[still.end() :]}".strip(" -–—:;,")
    says_no = partial(_says_no, leave_out=leave_out)
    if _BELOW.search(rest):
        return _Apart(left_out, spared, rest) if says_no_of_the_rows_above(rest, says_no) else None
    return _Apart(left_out, spared, None, rest) if says_no_of_all_above(rest, says_no) else None


def _set_apart(plain: str, leave_out: re.Pattern[str], people: Recipients) -> _Apart | None:
    """Whom ``plain`` names apart (:data:`_APART`, :data:`SPARED_STILL`), and how; None where it names nobody
    of the list, or sets them apart from a no of the rows below ('Below: on hold except Cy Orr': a heading
    over them all)."""
    if not _APART.search(plain):
        return _spared_still(plain, leave_out, people)
    cut = _Apart(set(), set(), plain)
    # each part's ('Above OK except Gus. Below: send except Cy Orr': both left out)
    while (
        _ABOVE.search(plain)
        and _BELOW.search(plain)
        and (one := _apart_in_its_part(plain, leave_out, people))
    ):
        named, spared, plain = one
        out, kept = (cut.left_out, cut.spared | named) if spared else (cut.left_out | named, cut.spared)
        cut = _Apart(out, kept, plain)
    if cut.left_out or cut.spared:
        return cut
    if (up := _apart_from_a_no_above(plain, leave_out, people)) is not None:
        return up
    if (below := _apart_from_a_no_below(plain, leave_out, people)) is not None:
        return below
    named = _send_but_for_the_named(plain, leave_out, people)  # (a heading of one part, or read so)
    return _Apart(named, set(), None) if named else None


def _apart_from_a_no_below(plain: str, leave_out: re.Pattern[str], people: Recipients) -> _Apart | None:
    """A heading pointing down alone ('Below: on hold except Cy Orr') whose words without those it names
    apart say no of the rows below: those named spared, the others under it left out. Read as a heading
    over them all, Cy was left out too, silently (hunter-sends14's leftover 4)."""
    apart = _APART.search(plain)
    if apart is None or _ABOVE.search(plain) or not _OPENS_DOWN.match(plain):
        return None
    if "?" in plain[: apart.start()] + plain[apart.end() :]:  # (one of the named alone, 'except Cy Orr?':
        return None  # he asked, ..upasked.asks_of_the_apart; left out with the rest, nobody was asked)
    named, runs = people.named(apart[0])
    rest = f"{plain[: apart.start()]} {plain[apart.end() :]}".strip(" -–—:;,")
    # (its part said no of as a note on each would: 'Below: held except Cy Orr' was read as a send but for
    # Cy, Ann and Bob ordered and Cy left out, exit 0; review73's leftover 1)
    below = of_the_rows_below(rest) or [rest]
    if not named or not any(_says_no_of_those_below(part, leave_out) for part in below):
        return None
    return None if says_no_of(_EXCEPT_WORD.sub(" ", apart[0]), runs) else _Apart(set(), named, rest)


_OPENS_DOWN = re.compile(r"(?i)^\W*(?:(?:everyone|all|rows?)\s+)?below\b")


def _apart_in_its_part(
    plain: str, leave_out: re.Pattern[str], people: Recipients
) -> tuple[set[int], bool, str] | None:
    """The first people ``plain`` names apart within its part (:data:`_PART_END`), whether from a no of the
    rows above, and its words without them."""
    apart = _APART.search(plain)
    if apart is None:
        return None
    start, end = apart.start(), apart.end()
    stop = None if plain[start:].lstrip().startswith("(") else _PART_END.search(plain, start + 1)
    end = stop.start() if stop is not None and stop.start() < end else end
    named = people.named(plain[start:end])[0]
    if not named:
        return None
    rest = f"{plain[:start]}{plain[end:]}"
    before = re.split(r"[.;]", plain[:start])[-1]
    if _ABOVE.search(before) and not _BELOW.search(before):  # (of the rows above: saying no, or send)
        if says_no_of_the_rows_above(rest, partial(_says_no, leave_out=leave_out)):
            return named, True, rest
        return (named, False, rest) if _GO_NOT_DENIED.search(before) else None
    below = of_the_rows_below(rest)
    if below is None or any(_says_no_of_those_below(part, leave_out) for part in below):
        return None
    return named, False, rest


def _apart_from_a_no_above(plain: str, leave_out: re.Pattern[str], people: Recipients) -> _Apart | None:
    """A heading pointing up alone whose words, without the people it names apart, say no of the rows above
    or that their cards went ('Above: all sent except Gus Tan', 'Above: sent already except Gus'): those it
    names are spared (left out too where its words apart say no of them: 'except Gus (terminated)'), every
    other row above left out. Read as a send but for them, Gus was left out and the rest above ordered
    again; as a heading over the rows under it, the row two up was ordered again (a second card:
    hunter-sends10's leftover 1)."""
    apart = _APART.search(plain)
    if apart is None or not _ABOVE.search(plain) or _BELOW.search(plain):
        return None
    named, runs = people.named(apart[0])
    rest = f"{plain[: apart.start()]} {plain[apart.end() :]}".strip(" -–—:;,")
    words = _EXCEPT_WORD.sub(" ", apart[0])
    # ... its sentence after the named's only not to send again ('... except Gus Tan. Do not resend'): of the
    # rest, not of him (read as his, Gus was left out with Hal and Dee, exit 0: hunter-sends14's leftover 4)
    his, *after = _SENTENCE_END.split(words, maxsplit=1)
    if after and _NOT_AGAIN.fullmatch(after[0]):
        words, rest = his, plain[: apart.start()].strip(" -–—:;,")
    says_no = partial(_says_no, leave_out=leave_out)
    if not named or not _ABOVE.search(rest) or not says_no_of_all_above(rest, says_no):
        return None
    if _NOBODY.search(rest):  # ('Above: no one terminated except Gus': Gus alone, found by review57)
        return _Apart(named, set(), None)
    if says_no_of(words, runs):  # ('Above: all sent except Gus (terminated)': Gus too, for his own words:
        return _Apart(named, set(), None, rest)  # held with the rest, he went on their day, .headingdays)
    return _Apart(set(), named, None, rest)


_SENTENCE_END = re.compile(r"[.;!](?:\s+|$)")
_NOT_AGAIN = re.compile(
    r"(?i)\W*(?:do\s*n[o']?t|don'?t|never)\s+(?:re-?(?:send|mail|ship|order)|(?:send|mail|ship|order)\s+(?:again|"
    r"twice))\W*"
)
_NOBODY = re.compile(r"(?i)\b(?:no[\s-]*one|nobody|none|no\s+(?:rows?|people|employees?|ones?))\b")
_EXCEPT_WORD = re.compile(r"(?i)\b(?:except(?:\s+for)?|excluding|excluded|but\s+not|other\s+than)\b")
