"""A heading between recipients in two parts, one of the rows above it and one of those below, each its own
decision ('Above: held. Below: on hold', 'Above: held (Gus not yet). Below: hold', 'Above: all sent Below: do
not send', 'Below: new. Above: sent'): each part is read alone, as a heading of one part is (no: left out,
their cards went or held; new or to send: sent; 'except Gus', 'Gus not yet': he the other way), and the
rows on its side go as it says. Read by the patterns for the whole heading, a bare hold was read as nothing
(Hal, Gus and Dee above ordered, exit 0; all six once the heading, the only error, was deleted) and a label
for the rows below after a word with no mark between was read with the words above it (Hal and Dee ordered
again: found by hunter-sends16, the lead's leftover 1 of session 49). A part read otherwise (a question, a
day, done, a person named in its words) leaves the heading to :mod:`.headings`' readers, as before."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from .aboveapart import _A_DAY, _AS_ABOVE, _CARDS_WENT, _HELD, _HELD_TILL, _SOME_APART
from .clauses import _clauses_say_no, _note_says_no
from .headingapart import _APART, _EXCEPT_WORD, SPARED_STILL, _name_at
from .namedtoo import _AND, _by_named, _named_too
from .noteabout import Recipients, _without, says_no_of
from .pointing import _BOTH_WAYS, above_taken_back
from .upalone import _NOT_AGAIN, _OF_THE_CARDS, _ONE_OR_A_WAIT, _PARTS
from .upasked import _DONE, ABOVE_ASKED, BELOW_ASKED, BOTH_ASKED

# the labels: 'Above:', 'All above -', 'Everyone below:' (a colon, an equals sign or a spaced dash after)
# (not one row: 'Row above: terminated. Below: active' is of the row right above alone, .aboveapart)
# ('Above this line: held. Below this line: new')
# ... or in other words for the line it is ('Before this line: sent; after this line: new', 'Up to here:
# sent / From here: new', 'Previous rows: sent. Following rows: new': the heading the only error, all six
# ordered once it was deleted; the lead's leftover 1 of session 50)
_LINE = r"(?:this\s+(?:line|row|heading|note)|here)"
_UP = (
    r"(?:(?:all\s+(?:of\s+)?(?:the\s+)?|every(?:one|body|thing)\s+|(?:the\s+)?rows\s+)?above(?:\s+this\s+line)?|"
    rf"(?:(?:all\s+|the\s+)?rows\s+|every(?:one|body|thing)\s+)?(?:before|up\s+to)\s+{_LINE}|"
    r"(?:all\s+)?(?:the\s+)?(?:previous|preceding|prior|earlier)\s+(?:rows|lines|entries|names))"
)
_DOWN = (
    r"(?:(?:(?:all|every(?:one|body|thing)|(?:the\s+)?rows|people)\s+)?below(?:\s+this\s+line)?|"
    rf"(?:(?:all\s+|the\s+)?rows\s+|every(?:one|body|thing)\s+)?(?:after|from)\s+{_LINE}(?:\s+(?:on|down))?|"
    r"(?:all\s+)?(?:the\s+)?(?:following|next|remaining|later)\s+(?:rows|lines|entries|names))"
)
_MARK = r"\s*(?:[:=]|[-–—](?=\s))\s*"
_OPENS = {
    True: re.compile(rf"(?i)^\W*{_UP}{_MARK}(?=\S)"),
    False: re.compile(rf"(?i)^\W*{_DOWN}{_MARK}(?=\S)"),
}
# ... the other label after a mark or a word, no mark between ('Above: all sent Below: do not send')
_THEN = {
    True: re.compile(rf"(?i)(?:(?<=[.;,/!)])|(?<=\s)|(?<=\w))\s*{_DOWN}{_MARK}(?=\S)"),
    False: re.compile(rf"(?i)(?:(?<=[.;,/!)])|(?<=\s))\s*{_UP}{_MARK}(?=\S)"),
}
# ... or each part's words before its pointing ('Sent above; new below')
_CLOSING = re.compile(  # ('Sent (above) / New (below)')
    r"(?i)^\W*(?P<up>\w[^.;/(]*?)\s+\(?above\)?\s*[.;,/]\s*(?P<down>\w[^.;/(]*?)\s+\(?below\W*$"
)
_POINTS = re.compile(r"(?i)\b(?:above|below|beneath|underneath)\b|\^|↑|⬆")
# ... or no mark after either label, a mark between the parts ('Above held. Below on hold', 'Above sent, below
# new'); or one label for both ('Above and below: hold', 'Hold - above and below': its words said of both)
_LOOSE = {
    True: re.compile(
        rf"(?i)^\W*{_UP}\s+(?P<first>\w[^.;:/]*?)\s*[.;,/]\s*{_DOWN}\s+(?P<second>\w[^.;:/]*?)\W*$"
    ),
    False: re.compile(
        rf"(?i)^\W*{_DOWN}\s+(?P<first>\w[^.;:/]*?)\s*[.;,/]\s*{_UP}\s+(?P<second>\w[^.;:/]*?)\W*$"
    ),
}
_BOTH = (
    re.compile(rf"(?i)^\W*{_BOTH_WAYS}\s*(?:[:=–—-]\s*)?(?P<said>\w.*)$"),
    re.compile(rf"(?i)^(?P<said>\w.*?)[\s:=–—-]+(?:for\s+)?{_BOTH_WAYS}\W*$"),
)
# ... its words for the rows below going as the rows above: after a sentence's mark ('Above: hold. and
# everyone below'; 'Above: held and everyone below' is parted so by .pointing.labels_parted)
_AS_ABOVE_END = re.compile(r"[.;!]\s*(?=[^.;!]*$)")

# words saying to send ('new', 'OK to send', 'new, send', 'active')
_GO_WORD = (
    r"(?:new(?:\s+hires?)?|send|please\s+send|ok(?:ay)?|fine|good|active|approved|eligible|cleared|go|"
    r"to\s+(?:be\s+)?sen[dt]|not\s+yet\s+sent|unsent)"
)
_GO = re.compile(
    rf"(?i)\W*(?:(?:all|everyone|everybody|these|those|they)\s+)?(?:(?:are|is)\s+)?{_GO_WORD}"
    rf"(?:(?:\s*[,&/+]\s*|\s+(?:and\s+)?|\s+[-–—]\s+){_GO_WORD})*\W*"
)


# ... a day or who said it after its no ('Above: held 11/20', 'Above: held by HR'), or '(all)'
_SAID_WHEN = re.compile(
    r"(?i)(?<=\w)\s+(?:(?:on|since|as\s+of)\s+)?\d{1,2}/\d{1,2}(?:/\d{2,4})?$|(?<=\w)\s+(?:by|per)\s+(?:hr|payroll|"
    r"finance|legal|(?:the\s+)?(?:manager|mgr|management|client))$"
)
_ALL = re.compile(r"(?i)\s*\(\s*all\b\s*\)?")
# ... never of one row ('Above: hold this one')
_ONE_ROW = re.compile(r"(?i)\b(?:row|person|one|line|entry)\b")
# ... or 'but' before the names alone ('all held but Gus')
_BUT_NAMED = re.compile(r"(?i)(?:[-–—:;,]\s*|\s)but\s+(?!not\b)[^.;()]*$")
# ... words adding a part's side to what it says ('Below: held too', 'Below: also held'), or saying it goes as
# the other ('Below: same', 'Below: the same as above' is read by .headings)
_TOO = re.compile(r"(?i)\b(?:too|also|as\s+well|likewise)\b")
_SAME = re.compile(r"(?i)\W*(?:(?:the\s+)?(?:same|likewise|ditto)(?:\s+(?:too|again))?|and|&|\+)\W*")


@dataclass(frozen=True)
class Part:
    """What one part says of the rows on its side: left out (``out``) or sent, those it names (``other``)
    the other way."""

    out: bool
    other: frozenset[int] = frozenset()
    asked: frozenset[int] = frozenset()  # (those it says more of: each an error asking, ..problems.notenames)
    ask: bool = False  # (it asks of every row on its side: 'Below: new?', 'Above: done')


@dataclass(frozen=True)
class TwoParts:
    above: Part
    below: Part
    # those a part adds by name ('Below: hold, Gus too'), wherever they stand (.headingsides reads their side)
    added_above: frozenset[int] = frozenset()
    added_below: frozenset[int] = frozenset()

    def asking(self) -> str | None:
        """The kind of a heading asking of every row on a side (..problems.notenames asks of each)."""
        sides = (self.above.ask, self.below.ask)
        return {(True, True): BOTH_ASKED, (True, False): ABOVE_ASKED, (False, True): BELOW_ASKED}.get(sides)


def read_in_two(plain: str, says_no: Callable[[str], bool], people: Recipients) -> TwoParts | None:
    """The heading ``plain`` read part by part (None: not two parts, or a part read otherwise)."""
    split = parts_in_two(plain)
    if split is None:
        return None
    up, down = split
    if _POINTS.search(up) or (down is not None and _POINTS.search(down)):
        return None
    up_named, too = _named_too(up, people)
    down, too_below = _named_too(down, people)
    up, down = _by_named(up_named or "", people), down if down is None else _by_named(down, people)
    if above_taken_back(plain):  # ('Above: no longer OK to send. Below: terminated': .headings, as before)
        return None
    above = _read_or_ask(up, says_no, people, above=True)
    if above is None:
        return None
    below = (  # ('Below: same'; 'Below: same?' asks)
        Part(above.out and "?" not in (down or ""), ask=above.ask or "?" in (down or ""))
        if down is None or _SAME.fullmatch(down)
        else _read_or_ask(down, says_no, people, above=False)
    )
    if below is None or not any(part.out or part.other or part.asked or part.ask for part in (above, below)):
        return None  # (nobody left out: as before)
    if not _said_of_its_side(plain, split, above, below):
        return None
    asked, other = above.asked | below.asked, above.other | below.other
    if (too or too_below) and (above.ask or below.ask or asked or other):
        return None  # (one added beside one set apart or asked: .headings, as before)
    if asked and (above.ask or below.ask):  # (one kind a heading: .headings, as before)
        return None
    # (those asked beside others named apart: ..problems.notenames asks of each it names, 'Gus' beside 'Cy
    # Orr' too; read by the whole, Cy, set apart from the hold below, was left out silently: hunter-sends18's
    # leftover 5. Cy is asked with him: the heading asks)
    return TwoParts(above, below, too, too_below)


def parts_in_two(plain: str) -> tuple[str, str | None] | None:
    """The words of the rows above and those of the rows below (None: they go as the rows above)."""
    if (closing := _CLOSING.match(plain)) is not None:
        return closing["up"], closing["down"]
    for both in _BOTH:
        if (said := both.match(plain)) is not None:
            return said["said"], None
    for up_first in (True, False):
        opens = _OPENS[up_first].match(plain)
        if opens is None:
            continue
        rest = plain[opens.end() :]
        then = _THEN[up_first].search(rest)
        if then is not None:
            first, second = rest[: then.start()], rest[then.end() :]
            return (first, second) if up_first else (second, first)
        end = _AS_ABOVE_END.search(rest)
        if up_first and end is not None and _AS_ABOVE.fullmatch(rest[end.end() :]):
            return rest[: end.start()], None
    for up_first in (True, False):
        if (loose := _LOOSE[up_first].match(plain)) is not None:
            first, second = loose["first"], loose["second"]
            return (first, second) if up_first else (second, first)
    bare = _unlabelled(plain)
    return None if bare is None else (bare[0], bare[1])


def _unlabelled(plain: str) -> tuple[str, str, bool] | None:
    """Words with no label of their own before the label of one side ('Sent already (except Dee) Below: new',
    'Held. Below: new'): the words of the rows above, those of the rows below, and whether the first (the
    unlabelled) are those above. Read as a heading over the rows under it, Hal, Gus and Dee above went again
    and Ann, Bob and Cy, new, were left out (hunter-sends18's leftover 2)."""
    for up_first in (True, False):
        then = _THEN[up_first].search(plain)
        before = plain[: then.start()] if then is not None else ""
        if then is not None and before.strip(" .;:,/!|>-–—") and not _POINTS.search(before):
            second = plain[then.end() :]
            return (before, second, True) if up_first else (second, before, False)
    return None


def _said_of_its_side(plain: str, split: tuple[str, str | None], above: Part, below: Part) -> bool:
    """Whether a heading's words with no label (:func:`_unlabelled`) are of their side: they say to send,
    or say no in words of the cards ('Sent already', 'Held', 'Do not send'), or the labelled part sends
    ('Below: new'). Not a no of the person beside a no ('Terminated. Everyone below: do not send': a title
    of the rows below, read as before)."""
    bare = _unlabelled(plain)
    if bare is None or (bare[0], bare[1]) != split:
        return True
    unsaid, labelled = (above, below) if bare[2] else (below, above)
    words = bare[0] if bare[2] else bare[1]
    return not unsaid.out or bool(_OF_THE_CARDS.search(words)) or not (labelled.out or labelled.ask)


def asks_of_the_rows_below(plain: str, says_no: Callable[[str], bool], people: Recipients) -> bool:
    """Whether ``plain`` is a heading of one part for the rows below asking of them ('Below: held?', 'Below:
    new?', 'Below: held? except Cy Orr'): read as a question of the whole, the heading was the only error and
    Ann, Bob and Cy ordered (hunter-sends18's leftover 4); each is asked, as in a part of two."""
    opens = _OPENS[False].match(plain)
    if opens is None or "?" not in plain or _ABOVE_WORD.search(plain):
        return False
    part = _read_or_ask(plain[opens.end() :], says_no, people, above=False)
    return part is not None and part.ask


_ABOVE_WORD = re.compile(r"(?i)above|\^|↑|⬆")


def _read_or_ask(words: str, says_no: Callable[[str], bool], people: Recipients, above: bool) -> Part | None:
    """One part's words (:func:`_read`), or where they ask ('new?', 'held?') or say it done ('done'): each row
    on its side asked. Read as a question of the whole heading, 'Above: held. Below: new?' left the heading
    the only error and sent all six (hunter-sends17's leftover 1); the rows above are held as said. A question
    of the one named apart alone ('on hold except Cy Orr?') asks of him, the rest as said."""
    bare = words.strip(" .;:,/!|>-–—")
    if _DONE.fullmatch(bare):  # (done says not what was: as 'Above: done. Below: new', .upasked)
        return Part(False, ask=True)
    apart = _APART.search(words)
    if "?" not in (words if apart is None else f"{words[: apart.start()]} {words[apart.end() :]}"):
        part = _read(words, says_no, people, above)
        if part is None or apart is None or "?" not in apart[0]:
            return part
        return Part(part.out, asked=part.other | part.asked)  # (asked, never sent or left out)
    part = _read(words.replace("?", " "), says_no, people, above)
    # (those set apart from it asked with the rest: 'held? except Cy Orr' says not whether Cy is held)
    asks = part is not None and not part.asked and (apart is not None or not part.other)
    return Part(False, ask=True) if asks else None


def _read(words: str, says_no: Callable[[str], bool], people: Recipients, above: bool) -> Part | None:
    """One part's words: a no or a send of every row on its side, those it names apart the other way."""
    words = words.strip(" .;:,/!|>-–—")  # (a bar or an arrow between the parts: 'Above: sent | Below: new')
    other: frozenset[int] = frozenset()
    asked: frozenset[int] = frozenset()
    own_no = False
    apart = _APART.search(words) or _BUT_NAMED.search(words)
    still = SPARED_STILL.search(words) if above and apart is None else None
    if apart is not None:  # ('held except Gus', 'new (except Cy Orr)')
        named, runs = people.named(apart[0])
        said = _EXCEPT_WORD.sub(" ", apart[0])
        words, other = f"{words[: apart.start()]} {words[apart.end() :]}", frozenset(named)
        if _AND.sub(" ", _without(said, runs)).strip(
            " -–—:;,.()"
        ):  # (more said of them: 'except Gus (moved)'
            # asks of him, 'except Gus (terminated)' leaves him out: sent, Hal and Dee ordered again, exit 0)
            own_no, asked, other = says_no_of(said, runs), other, frozenset()
    elif still is not None:  # ('held (Gus not yet)', 'held Gus not yet')
        named, runs = people.named(still["who"])
        at = _name_at(still, runs)
        after, name = words[still.end() :], words[at : still.end("who")]
        if after.strip(" .;,)") or _without(name, runs).strip(" -–—:;,("):
            return None
        words, other = words[:at], frozenset(named)
    words = _TOO.sub(" ", words).strip(" .;,/!|>-–—()")  # ('Below: held too')
    if (apart or still) and not (other or asked):
        return None
    if not (apart or still) and (more := _more_of_the_named(words, people, says_no)) is not None:
        words, asked = more  # ('held - Gus TBD': Gus asked, the rest held)
    go = _GO.fullmatch(words) is not None
    if go and still is None:  # (words of a send alone, though 'not yet' and 'sent' are in them: 'Below:
        return _part(False, other, asked, own_no)  # not yet sent' was read as 'Gus not yet')
    some = _SOME_APART.search(_A_DAY.sub(" ", words))  # ('hold till Jan 20': no count)
    if not words or some or _ONE_ROW.search(words) or people.named(words)[0]:
        return None
    if (wait := _ONE_OR_A_WAIT.search(words)) is not None:  # (a no till a day or a check: left out, as
        # 'Below: hold until 1/15/2027' is; 'held until HR confirms': held)
        no = _no(words, says_no) or _no(words[: wait.start()], says_no) or bool(_HELD_TILL.fullmatch(words))
        return _part(True, other, asked, own_no) if no else None
    if go or not _no(words, says_no):  # (a send beside one still to send, 'new (Gus not yet)': not read)
        return None
    return _part(True, other, asked, own_no)


# a piece of a part after its own no, after a spaced dash or in a bracket ('held - Gus TBD')
_PIECE = re.compile(r"\s+[-–—]\s+|\s*\(")


def _more_of_the_named(
    words: str, people: Recipients, says_no: Callable[[str], bool]
) -> tuple[str, frozenset[int]] | None:
    """Where ``words`` open with a no naming nobody and go on, after a dash or in a bracket, with pieces each
    naming someone: the no, and those named (asked of). Not where the name opens it ('Gus - sent already':
    of him alone, .upnamed) nor after a full stop ('sent already. Gus still has not been sent': spared)."""
    first, *pieces = [piece.strip(" )") for piece in _PIECE.split(words)]
    if not pieces or people.named(first)[0] or not _no(first, says_no):
        return None
    named = [people.named(piece)[0] for piece in pieces]
    if not all(named):
        return None
    return first, frozenset(row for rows in named for row in rows)


def _part(no: bool, other: frozenset[int], asked: frozenset[int], own_no: bool) -> Part:
    """A part saying ``no`` or send; those it says a no of their own of left out with it (or apart from a
    send: ``other``), those it says more of (``asked``) each asked."""
    if own_no:
        return Part(no, frozenset() if no else asked)
    return Part(no, other, asked)


def _no(words: str, says_no: Callable[[str], bool]) -> bool:
    """Whether every part of ``words`` says no: a heading's words, the cards went, held, not to send again,
    or as a note would ('paused', 'frozen', 'deceased'); read without a day or who said it after it."""
    parts = [
        _SAID_WHEN.sub("", part.strip(" )")) for part in _PARTS.split(_ALL.sub("", words)) if part.strip(" )")
    ]
    return bool(parts) and all(
        says_no(part)
        or _CARDS_WENT.fullmatch(part)
        or _HELD.fullmatch(part)
        or _NOT_AGAIN.fullmatch(part)
        or _clauses_say_no(part, _note_says_no(part))
        for part in parts
    )


def rows_below(row: int, rows: list[int], position: dict[int, int], headings: Collection[int]) -> list[int]:
    """The rows right under the heading on ``row``, up to a blank row or another heading."""
    below, at = [], position[row] + 1
    while at < len(rows) and rows[at] == rows[at - 1] + 1 and rows[at] not in headings:
        below.append(rows[at])
        at += 1
    return below
