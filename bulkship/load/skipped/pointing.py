"""A note on a row of its own pointing at the rows above or below it rather than naming their people ('^
deceased', 'Row above - on hold', 'Above: approved. Below: declined'): how many rows right above it a note
says no of, what a heading says of the rows below it apart from those above, and whether it names the row
right above or all of them. Read by :mod:`.headings`, :mod:`.aboveapart` and :mod:`..problems.notenames`;
a note naming its people is :mod:`.noteabout`'s."""

from __future__ import annotations

import re
from collections.abc import Callable

from .clauses import _clauses_say_no, _note_says_no
from .noteabout import _MANY, _without

# company', 'Row above - on hold', '↑ already sent'): read as a heading, the row it points at was sent and the
# rows under it left out (found by hunter-sheets23)
_POINTS_UP = re.compile(
    r"(?i)(?:\^+|↑|⬆)|\b(?:row|person|employee|one|entry|line|name|recipient)\s+above\b|"
    r"\b(?:previous|prior)\s+(?:row|person|employee|line|entry)\b|^\W*(?:see\s+)?above\b|\b(?:see\s+)?above\W*$"
)


# ... or at the two rows above it ('Both above are duplicates', 'The two above: deceased'), and said in a
# sentence about them ('Note: the person above passed away', '... is a duplicate'): found by review40, each
# note row an error of its own and the rows above it sent
_TWO_ABOVE = re.compile(
    r"(?i)\b(?:both(?:\s+(?:rows?|people|persons|employees|entries|lines|names))?|the\s+two|(?:the\s+)?(?:two|2)\s+"
    r"(?:rows?|people|persons|employees|entries|lines|names))\s+above\b"
)
_SENTENCE_ABOUT = re.compile(
    r"(?i)^(?:(?:note|nb|n\.b\.|fyi|pls\s+note|please\s+note)\s*[:,-]\s*)?(?:(?:the|this|that|these|those)\s+)?"
    r"(?:(?:is|are|was|were|has|have)\s+(?:been\s+)?(?:an?\s+)?)?"
)


# ... or to wait ('Above: hold until 1/15/2027', '^ do not send before 12/20': found by review40, the row
# above was ordered; a Notes cell of those words holds its row until the day)
_NOT_YET = re.compile(
    r"(?i)\W*(?:(?:on\s+)?hold|wait|(?:do[\s-]*n[o']?t|don'?t)\s+(?:send|mail|ship|order))\s+(?:until|till|til|before|"
    r"through|thru)\s+\S"
)


def rows_pointed_above(text: str) -> int:
    """How many rows right above it a note points at and, read without the pointing, says no of (1 or 2;
    0: none); never of many ('^^ all of the above: do not send', 'Rows above - hold')."""
    two = _TWO_ABOVE.search(text) is not None
    if not two and not _POINTS_UP.search(text):
        return 0
    rest = _without(_POINTS_UP.sub(" ", _TWO_ABOVE.sub(" ", text)), ())
    rest = re.sub(r"(?i)\b(duplicate|dupe)s\b", r"\1", _SENTENCE_ABOUT.sub("", rest, count=1))
    says = (
        bool(rest)
        and not _MANY.search(rest)
        and (_clauses_say_no(rest, _note_says_no(rest)) or _NOT_YET.match(rest))
    )
    return (2 if two else 1) if says else 0


# ... and a heading over the rows under it pointing up too ('^ deceased - and everyone below', 'Above and
# below: terminated', '^ terminated (also the 3 below)'): the rows under it were left out and the row it
# points at sent (found by review37, its leftover). What it says of the rows below apart ('Above: approved.
# Below: declined') is theirs alone
_BELOW_APART = re.compile(
    r"(?i)(?:[.;,\n]|\s[-–—]|\b(?:but|while|whereas)\b)\s*(?:(?:the\s+|all\s+)?(?:\d+\s+|next\s+\w+\s+)?(?:rows?|"
    r"people|persons|everyone|everybody|all|those|ones|names|employees|entries|lines)\s+)?(?:below|under(?:neath)?)\b"
)


# ... where it opens pointing up, or points both ways ('Deceased: above and below'), and its words for the
# rows above say no: 'Terminated employees (active ones above)', 'Deceased (not the ones above)', 'Above this
# line: send. Do not send below' say nothing against the row above (found by review39 reviewing d7233d28:
# Bob Ray was left out)
_SENTENCE_END = re.compile(r"[.;]")
_POINTS_UP_FIRST = re.compile(
    r"(?i)^\W*?(?:\^+|↑|⬆|(?:all\s+(?:of\s+)?)?(?:the\s+)?(?:(?:rows?|persons?|people|employees?|ones?|entry|entries|"
    r"lines?|names?|recipients?)\s+)?above\b)|\babove\s+(?:and|&|\+|/)\s+below\b|\bbelow\s+(?:and|&|\+|/)\s+above\b"
)


# ... and where it names the row above elsewhere, nothing keeping it apart: 'Deceased (also Bob above)',
# 'Terminated employees (including the one above)', 'Do not send (incl. above)', 'Deceased - same for the row
# above', 'Do not send below or above' (found by review40 reviewing b6646dcb: Bob was sent, b6646dcb^ left him
# out). Apart: the rows above not, active, or to send ('not the ones above', 'active ones above', 'active
# employees are listed above', 'Above this line: send', 'Above: approved')
_ABOVE = re.compile(r"(?i)\babove\b|\^+|↑|⬆")
_ABOVE_APART = re.compile(
    r"(?i)\babove\s+(?:(?:is|are)\s+)?(?:ok|okay|fine|good|approved|cleared|active|eligible)\b"
    # ... unless only once something comes ('above OK once address confirmed': found by review42)
    r"(?![^.;:\n]{0,40}\b(?:once|if|when|after|pending|until|unless|provided)\b)|"
    r"\b(?:not|except|excluding|exclude|other\s+than|unlike)\s+(?:(?:the|those|these|any|of)\s+)*(?:(?:ones?|rows?|"
    r"people|persons|employees?|names?|entries|lines?)\s+)?above\b|\b(?:active|current|eligible|approved|cleared|"
    r"ok|okay|fine|good|still\s+(?:here|employed|active))\b[^.;:\n]{0,30}\babove\b|\babove\b(?:\s+(?:this|the)\s+line)?\s*"
    r"(?:[:=-]|\s(?:is|are|were|was|get|gets|go|goes|stay|stays))\s*(?:send|ok|okay|fine|good|active|approved|"
    r"eligible|cleared|still|to\s+(?:be\s+)?sen[dt]|go|in|kept|keep|not)\b"
)


# A heading speaking of the rows above and the rows below apart ('Everything above OK to send / everything
# below terminated', 'Above OK to send; below terminated', 'OK to send above / terminated below'): its words
# saying send were read as said of the rows under it too, and each was ordered (found by review39, its
# leftover): the rows below are judged by its parts of them alone
_PARTS = re.compile(r"(?i)[.;/!?\n(]|,\s|\s[-–—]\s|\b(?:but|while|whereas)\b")
_BELOW = re.compile(r"(?i)\b(?:below|beneath|underneath)\b")

# 'Above' or 'Below' opening a sentence as a label, a spaced dash after it ('Above - sent already; below -
# new'): read as with a colon (review54, to hunter-sends10: cut at the dash, the words for the rows below
# were no part of their own, and Gus and Dee above were ordered again)
_LABEL_DASH = re.compile(r"(?i)(?:(?<=^)|(?<=[.;]\s)|(?<=[.;]))(\s*(?:above|below))\s+[-–—]\s+(?=\w)")
# ... or right after a bracket closing the part before it, no mark between ('Above: sent already (Dee not
# yet) Below: new'): the bracket's words were read with the rows below, Dee alone left out and Hal and Gus
# ordered again (hunter-sends14's leftover 1); the bracket, square or round, ends that part as a full stop
# (not one pointing itself: 'Terminated (not the ones above) below: active')
_BRACKET_LABEL = re.compile(
    r"(?i)[(\[]((?:(?!\b(?:above|below)\b)[^()\[\]])*)[)\]][ \t]*(?=(?:above|below)\s*[:=\-–—])"
)


# ... or one label pointing both ways, before its words or after them ('Above and below: sent 11/20', 'Both
# above and below: terminated', 'Above & below - done except Gus', 'Sent 11/20 - above and below'): read as of
# the row right above alone (review37's '^ deceased - and everyone below'), or of none where its words say
# that the cards went, the rows above it were ordered again, exit 0 (found by hunter-sends16). Its words are
# said of both: read as 'Above: <words>. and everyone below' (.aboveapart.as_above_too)
_BOTH_WAYS = (
    r"(?:both\s+|all\s+(?:of\s+)?(?:the\s+)?|every(?:one|body)\s+|the\s+(?:rows?|people|ones)\s+)?above\s*\(?\s*"
    r"(?:and|&|\+|/)\s*(?:(?:all|every(?:one|body)|the(?:\s+(?:rows?|people|ones))?)\s+)?below\)?"
    r"(?:\s+(?:too|both|as\s+well))?"
)
# (not till a day: 'Above and below: hold until 1/15/2027' holds the rows below as before)
_NOT_TILL = r"(?!.*\b(?:until|till|til|before|through|thru|after|once|when|pending)\b)"
_BOTH_WAYS_FIRST = re.compile(rf"(?i)^\W*{_BOTH_WAYS}\s*(?:[:=–—-]\s*)?{_NOT_TILL}(?P<said>\w.*)$")
_BOTH_WAYS_LAST = re.compile(rf"(?i)^{_NOT_TILL}(?P<said>\w.*?)[\s:=–—-]+(?:for\s+)?{_BOTH_WAYS}\W*$")


# ... and words ending it saying only that the rows below go as those above, no mark or a comma before them
# ('Above: sent 11/20 and everyone below', 'Above: sent 11/20, and all below too'): read in one sentence with
# the words before, of both, or a date's '/20' a part of the rows below, all six were ordered again once the
# heading, the only error, was deleted (hunter-sends15's leftover 1): a sentence of their own, as after a
# semicolon (.aboveapart.as_above_too)
# ... in other words too ('as is everyone below', 'same as below', 'and so was everyone below', 'and everyone
# below was too': the same six second cards; .aboveapart._AS_ABOVE reads them)
_THE_ROWS_BELOW = (
    r"(?:(?:the\s+)?(?:everyone|everybody|all|rows?|people|ones|those|names|entries)\s+)?"
    r"(?:below|beneath|underneath)"
)
AS_ABOVE_WORDS = (
    r"(?:(?:and|&|\+)\s+(?:so\s+(?:is|are|was|were|did|does|do)\s+)?|as\s+(?:is|are|was|were|does|do|for)\s+|"
    r"(?:and\s+)?(?:same|likewise|ditto)\s+(?:as\s+|for\s+|with\s+)?)"
    + _THE_ROWS_BELOW
    + r"(?:\s+(?:(?:is|are|was|were|did|does|do)\s+)?(?:too|also|as\s+well|likewise|the\s+same))?"
)
# (after a comma only 'and ...': 'Above was OK to send - now on hold, as is everyone below' is a part of its
# own already, read by .above_taken_back)
_AS_ABOVE_AFTER = re.compile(
    r"(?i)(?<=[\w)])(?:\s*,\s+(?=(?:and|&|\+)\s)|\s+)(?=" + AS_ABOVE_WORDS + r"\W*$)"
)


# (nor a bare hold: 'Above: hold. and everyone below' is read as nothing yet, the rows held ordered: a
# leftover; 'Above and below: hold' is read as before)
_BARE_HOLD = re.compile(
    r"(?i)\W*(?:(?:all|everyone|they)\s+)?(?:(?:are|is|to\s+be)\s+)?(?:held|hold)(?:\s+(?:all|them|for\s+now))?\W*"
)


def labels_parted(text: str) -> str:
    """``text`` with each 'Above'/'Below' label opening its own part, as with a colon after a full stop."""
    both = _BOTH_WAYS_FIRST.match(text) or _BOTH_WAYS_LAST.match(text)
    if both and not _BARE_HOLD.fullmatch(both["said"]):  # ('Above and below: sent 11/20')
        text = f"Above: {both['said']}. and everyone below"
    elif _ABOVE.search(text):  # ('Above: sent 11/20 and everyone below')
        text = _AS_ABOVE_AFTER.sub("; ", text, count=1)
    return _LABEL_DASH.sub(r"\1: ", _BRACKET_LABEL.sub(r"(\1). ", text))


_SAID_TO_GO = re.compile(r"(?i)\b(?:ok|okay|fine|good|approved|cleared|eligible|send|go)\b")
# ... or its words for the rows below saying on their own that they go ('below not yet sent', 'Below: new,
# send', 'Below: active'); not a mere 'and everyone below', which says what its words before it say
_BELOW_GOES = re.compile(
    r"(?i)\b(?:ok|okay|fine|good|approved|cleared|eligible|send|go|active|new|still\s+(?:here|employed|active)|"
    r"not\s+yet\s+(?:been\s+)?(?:sent|ordered|mailed|shipped)|to\s+(?:be\s+)?sen[dt])\b"
)
# ... and a heading opening by pointing down says the rest of the rows below ('Everyone below: hold')
_POINTS_DOWN = re.compile(
    r"(?i)^\W*(?:(?:the\s+)?(?:everyone|everybody|all|rows?|people|persons|employees|names|entries|ones)\s+)?"
    r"(?:below|beneath|underneath)(?:\s+(?:this|the)\s+line)?\s*[:=–—-]\s*(?=\S)"
)


def of_the_rows_below(text: str) -> list[str] | None:
    """What a heading says of the rows below it, part by part: its parts not said of the rows above alone,
    where it speaks of both and says to send those above (:data:`_PARTS`), each after its words pointing down
    (:data:`_POINTS_DOWN`); None where that is the heading itself."""
    parts = _apart_from_above(text) or [text]
    said = [_POINTS_DOWN.sub("", part, count=1) for part in parts]
    said += [found for part in parts if (found := _LABELLED_DOWN.sub("", part, count=1)) != part]
    return said if said != [text] else None


def _apart_from_above(text: str) -> list[str] | None:
    if not (_ABOVE.search(text) and _BELOW.search(text)):
        return None
    above, kept = parts_above_and_below(text)
    # ... only where its parts of the rows above say to send them ('^ deceased - and everyone below' is one)
    # ... or where its parts of the rows below say on their own that those go ('Already sent the above; below
    # not yet sent': .aboveapart)
    goes = any(_SAID_TO_GO.search(part) for part in above) or any(
        _BELOW_GOES.search(part) for part in kept if _BELOW.search(part)
    )
    return kept if kept and goes else None


# A sentence of it pointing up alone is said of the rows above, every part of it ('Above: Dee Fox -
# terminated; below: new, send', 'Above (Dee): do not send. Below: send', 'Above: 1 terminated, rest sent
# already. Below: new': its words after a dash, a comma or a bracket were read as of the rows below, and Ann,
# Bob and Cy under it were left out, found by review52), and a sentence pointing nowhere after it too ('Above:
# sent 11/20. Do not resend. Below: new'); a sentence pointing both ways is read part by part. A slash
# between digits is a date's ('sent 11/20'), not a sentence's end
_SENTENCE = re.compile(r"[.;!?\n]|(?<!\d)/|/(?!\d)")


def parts_above_and_below(text: str) -> tuple[list[str], list[str]]:
    """A heading's parts (:data:`_PARTS`) said of the rows above it alone, and the rest (of the rows below,
    or of both), by its sentences (:data:`_SENTENCE`)."""
    above: list[str] = []
    rest: list[str] = []
    up = False  # (the sentence before points up alone)
    for sentence in _SENTENCE.split(text):
        parts = [part.strip(" )") for part in _PARTS.split(sentence) if part.strip(" )")]
        if not parts:
            continue
        points_up, points_down = _ABOVE.search(sentence), _BELOW.search(sentence)
        up = bool(points_up and not points_down) or (up and not points_up and not points_down)
        for part in parts:
            alone = up or (_ABOVE.search(part) and not _BELOW.search(part))
            (above if alone else rest).append(part)
    return above, rest


# ... or names, before a colon, the rows below among those it speaks of ('The last one above and all below:
# hold': found by review42 reviewing 7b36504f, each sent)
_LABELLED_DOWN = re.compile(r"(?i)^[^:]{0,80}\b(?:below|beneath|underneath)\b[^:]{0,30}:\s*(?=\S)")
# ... and the row right above named apart from the rows above it said to be sent, or with the rows below
# ('Above OK to send, but not the last one. Below: hold', 'Above OK (except the row right above: deceased);
# below terminated', 'The last one above and all below: hold', '... / the row just above also terminated':
# found by review42 reviewing 7b36504f, Bob Ray right above each was sent)
_ONE_ABOVE = re.compile(
    r"(?i)\b(?:(?:the\s+)?(?:very\s+)?(?:last|bottom|final)\s+(?:one|row|line|person|entry|name)(?:\s+above)?|"
    r"(?:the\s+)?(?:one|row|line|person|entry|name)\s+(?:right|just|directly|immediately)\s+above|"
    r"the\s+(?:line|row)\s+above)\b"
)
_APART = re.compile(r"(?i)\b(?:not|except|excluding|apart\s+from|other\s+than|but)\b")


def names_the_row_above(text: str) -> bool:
    """Whether a heading over rows not to send names the row right above it among them
    (:data:`_ONE_ABOVE`): set apart from a send, or in a sentence saying nothing to send."""
    sentences = [sentence for sentence in re.split(r"[.;/!?\n]", text) if _ONE_ABOVE.search(sentence)]
    return any(
        any(_APART.search(part) for part in _PARTS.split(sentence) if _ONE_ABOVE.search(part))
        or not _SAID_TO_GO.search(sentence)  # ('Above: approved, including the last one' sends it)
        for sentence in sentences
    )


# ... all the rows above, not the one right above alone ('^^ all of the above: do not send', 'Everyone above -
# deceased', 'All rows above: terminated': found by hunter-sends1, its LO5: the rows above the one right above
# were ordered, exit 0)
_ALL_ABOVE = re.compile(
    r"(?i)\b(?:all|every(?:one|body|thing)|each)\s+(?:of\s+)?(?:(?:the|these|those)\s+)?(?:(?:rows?|people|persons|"
    r"names|entries|lines|employees|ones|recipients)\s+)?(?:listed\s+)?above\b|^\W*\^{2,}\W*(?:all\b|$)"
)


def points_at_all_above(text: str) -> bool:
    """Whether a heading pointing up names all the rows above it (:data:`_ALL_ABOVE`), in a sentence saying
    nothing to send ('All above OK except the line above - deceased' names the one alone)."""
    sentences = [sentence for sentence in re.split(r"[.;/!?\n]", text) if _ALL_ABOVE.search(sentence)]
    return bool(sentences) and not any(_GO_NOT_DENIED.search(sentence) for sentence in sentences)


# ... or said to send, and that taken back ('Above OK to send - rescinded. Below: terminated', 'Above:
# approved then revoked; below: terminated', 'Above was OK to send - now on hold, as is everyone below',
# 'Above: OK to send? No - above and below terminated'): found by review42 (its LO3), the rows above each
# sent (fixed by hunter-sends3). Its words up to the part of the rows below apart, without the words
# pointing, read as a note is
_POINTING = re.compile(
    r"(?i)\b(?:(?:all|every(?:one|body|thing)|the\s+(?:rows?|ones?|people))\s+(?:of\s+the\s+)?)?(?:above|below)\b"
    r"(?:\s+(?:and|&|\+|/)\s+(?:above|below)\b)?(?:\s+(?:both|too|as\s+well)\b)?(?:\s+(?:this|the)\s+line\b)?"
    r"\s*[:=]?|\^+|↑|⬆"
)


# (never where it sets some above apart: 'Above: send (not Bob - left)', 'All above OK except the line above -
# deceased', 'above OK except Bob': those are the rows it names, read by :func:`names_the_row_above`)
_EXCEPTED = re.compile(
    r"(?i)\b(?:except|excluding|exclude|apart\s+from|other\s+than|besides|save\s+for)\b|"
    r"\bnot\s+(?:for\s+)?(?:the\s+)?(?:(?-i:[A-Z])|(?:last|bottom|one|row|line|person|entry|name)\b)"
)


def above_taken_back(text: str) -> bool:
    """Whether a heading's words for the rows above it say to send them and take that back, or say no of
    them too: its parts (:data:`_PARTS`) before the first of the rows below alone, without the words pointing
    (:data:`_POINTING`), read as a note is."""
    if not (_ABOVE.search(text) and _SAID_TO_GO.search(text)):
        return False
    parts = [part.strip(" )") for part in _PARTS.split(text) if part.strip(" )")]
    above: list[str] = []
    for part in parts:
        if _BELOW.search(part) and not _ABOVE.search(part):
            break
        above.append(part)
    if not any(_GO_NOT_DENIED.search(part) for part in above) or any(
        _EXCEPTED.search(part) for part in above
    ):
        return False  # ('Do not send (incl. above)': no send of them to take back; .points_up_too reads it)
    rest = _without(" - ".join(_POINTING.sub(" ", part) for part in above), ())
    return bool(rest) and _clauses_say_no(rest, _note_says_no(rest))


_GO_NOT_DENIED = re.compile(rf"(?i)(?<!not\s)(?<!n[’']t\s)(?<!dont\s)(?<!never\s){_SAID_TO_GO.pattern[4:]}")


def points_up_too(text: str, says_no: Callable[[str], bool]) -> bool:
    """Whether a heading points up at the row above it (:data:`_POINTS_UP_FIRST`) and says of it what
    ``says_no`` reads, in its words before the first sentence's end or a part of its own for the rows below
    (:data:`_BELOW_APART`); or names it elsewhere, nothing keeping it apart (:data:`_ABOVE_APART`), and says
    no."""
    if _ABOVE_APART.search(text):
        return False
    first = _POINTS_UP_FIRST.search(text)
    if first is None:
        return _ABOVE.search(text) is not None and says_no(text)
    below, stop = _BELOW_APART.search(text, first.end()), _SENTENCE_END.search(text, first.end())
    ends = [found.start() for found in (below, stop) if found is not None]
    return says_no(text[: min(ends, default=len(text))])
