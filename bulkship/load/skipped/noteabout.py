"""A note on a row of its own naming recipients of the list ('Bob Ray - deceased', "Ann's card already
mailed"): which recipients it names, and whether, read without their names, it says what leaves a Notes cell's
row out. Read by :mod:`.headings` (such a note inside the list, beside the person it names, is about that
person: no heading over the rows under it) and by :mod:`..problems.notenames` (the row it names waits for the
change to be made on it)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable

import pandas as pd

from .clauses import _clauses_say_no, _note_says_no

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")


def note_words(text: str) -> list[str]:
    """The text's words, folded, a possessive's without its 's ("Ann's card": ann, card)."""
    return [_POSSESSIVE.sub("", w.casefold()) for w in _WORD.findall(text)]


def _without(text: str, names: Collection[tuple[str, ...]]) -> str:
    """The note without the names it holds, nor their brackets and bullets ('Cy Orr (terminated)':
    'terminated')."""
    rest = text
    for words in names:
        rest = re.sub(rf"(?i)(?<!\w){_name_pattern(words)}(?:['’]s)?(?!\w)", " ", rest)
    rest = re.sub(r"[*•]", " ", rest)  # ('* Bob Ray - left')
    # ... a bracket parting its words as a dash does ('Cy Orr (terminated)'; 'Above OK except Bob Ray
    # (deceased)': read 'Above OK except deceased', no clause saying no, Bob was sent and the rows under it
    # left out: found by hunter-sends4); not one pointing at other rows too ('Deceased (also Bob above)',
    # 'Do not send (incl. above)': a heading over the rows under it as well)
    rest = _BRACKETED.sub(_parted, rest)
    rest = re.sub(r"[()\[\]{}]", " ", rest)
    return re.sub(r"^[\s\W]+|[\s,;:]+$", "", " ".join(rest.split()))


_BRACKETED = re.compile(r"\s*[(\[{]([^()\[\]{}]*)[)\]}]?")
_POINTS_ELSEWHERE = re.compile(
    r"(?i)\b(?:above|below|also|incl|including|includes|plus|too|as\s+well|and)\b|[\^↑⬆]"
)


def _parted(found: re.Match[str]) -> str:
    return f" {'' if _POINTS_ELSEWHERE.search(found[1]) else '- '}{found[1]} "


def _name_pattern(words: tuple[str, ...]) -> str:
    return r"\W+".join(re.escape(w) for w in words)


def says_no_of(text: str, names: Collection[tuple[str, ...]]) -> bool:
    """Whether the note says, of the person it names (``names``: the name's words), what leaves a Notes
    cell's row out ('Bob Ray - deceased': 'deceased'; 'Hold Cy Orr': 'Hold'), read without the name."""
    rest, own = _OWN_NO_BY.subn(r"\g<verb>", _without(text, names))
    return own > 0 or (bool(rest) and _clauses_say_no(rest, _note_says_no(rest)))


# ... the name taken from after a verb of the person's own no ('Declined by Ann Lee', 'Opted out per Ann
# Lee'): the verb alone. Read 'Declined by' it said nothing, and Ann was sent a card (found by the lead,
# hunter-sends5's brief). Not a verb of what another does ('Sent by Ann Lee', 'Terminated by Ann Lee': she
# sent or decided it). The verb left alone says her no, whether or not it does in a Notes cell: 'Refused by
# Ann Lee', 'Ann Lee refused', 'Withdrawn by Ann Lee' sent Ann a card ('Refused' alone is a survey's answer;
# found by hunter-sends5)
_OWN_NO_BY = re.compile(
    r"(?i)^\W*(?P<verb>(?:gift\s+|card\s+)?(?:declined|refused|opted\s+out|cancell?ed|withdr[ae]wn?|removed|"
    r"unsubscribed))(?:\s+(?:by|per))?\W*$"
)


class Recipients:
    """The recipients' names of a list, looked up by a note's words: a whole name, or a first name only one
    recipient has ('*Bob - change to $50')."""

    def __init__(self, people: Iterable[tuple[int, str]]) -> None:
        self.whole: dict[tuple[str, ...], list[int]] = defaultdict(list)
        self.first: dict[str, list[int]] = defaultdict(list)
        self.rows: set[int] = set()
        for row, name in people:
            words = tuple(note_words(name))
            self.rows.add(row)
            if words:
                self.whole[words].append(row)
                self.first[words[0]].append(row)
        self._sizes = sorted({len(words) for words in self.whole})

    @classmethod
    def of(cls, people: pd.DataFrame) -> Recipients:
        """Of a frame of the rows' name columns (each row's cells joined), in one pass."""
        cells = people.fillna("").astype(str).itertuples(index=False)
        return cls((int(row), " ".join(c)) for row, c in zip(people.index, cells, strict=True))

    def named(self, text: str) -> tuple[set[int], set[tuple[str, ...]]]:
        """The rows of the recipients the note names, and the names as they stand in it."""
        said = note_words(text)
        runs = {words for words in _runs(said, self._sizes) if words in self.whole}
        named = {r for words in runs for r in self.whole[words]}
        if not named:  # '*Bob - change to $50': a first name only one recipient has
            runs = {(word,) for word in said if len(self.first.get(word, [])) == 1}
            named = {self.first[word][0] for (word,) in runs}
        return named, runs

    def rows_of(self, words: tuple[str, ...]) -> list[int]:
        """The rows of a name as :meth:`named` found it: a whole name's, else a first name's."""
        return self.whole.get(words) or (self.first.get(words[0], []) if len(words) == 1 else [])


def _runs(said: list[str], sizes: list[int]) -> set[tuple[str, ...]]:
    """The note's runs of words of each of a name's lengths: a name stands in the note when it is one of them
    ('Bob Ray' in 'Bob Ray should get $50'). Looked up, never compared with every recipient's name: a note
    per row of a long list against every name took time growing as the square of the list."""
    return {tuple(said[i : i + size]) for size in sizes for i in range(len(said) - size + 1)}


# A heading naming a person who is not its subject: the rows under it are a group ('Ann Lee's team - already
# sent', 'Sent in November - all of Bo Ng's reports') or the person is who decided or did it ('Already sent by
# Ann Lee', 'Hold - per Cy Orr', 'Do not send - check with Ann'): a heading still
_MANY = re.compile(
    r"(?i)\b(?:teams?|groups?|dept|departments?|divisions?|units?|offices?|staff|reports|org|crew|everyone|"
    r"everybody|all|below|following|these|those|rest|others|people|employees|members|list|sections?|rows|"
    r"names|ones|them|they|their"
    # ... or reaching past the person named ('Cy Orr et al. - terminated', 'Terminated: Cy Orr thru Eli
    # Park', 'Cy Orr onwards': found by review37 reviewing 6fcba56f, Dee Fox under it was sent)
    r"|et\s+al|etc|onwards?|thru|through"
    # ('Row above - on hold, same for next 3', '^ deceased, next two as well': the rows under it too, sent
    # once the note was read as the row above's alone: found by review37 reviewing 333b5e39)
    r"|next|as\s+well|same\s+(?:for|goes)|ditto)\b"
)
_AGENT_BEFORE = re.compile(
    r"(?i)\b(?:by|per|from|via|cc|to|with|ask|asked|check|contact|email|call|see|according\s+to|approval\s+of|"
    r"approved|confirmed|signed|told|says?|said)\W*$"
)
_AGENT_AFTER = re.compile(
    r"(?i)^(?:['’]s\s+(?!(?:gift\s+)?card|gift|reward|order|package|parcel)\w|\W*(?:says?|said|asked|approved|"
    r"confirmed|wants?|requested|decided|will|to\s+(?:confirm|check|decide|approve)|signed)\b)"
)


def about_the_named(text: str, runs: Collection[tuple[str, ...]]) -> bool:
    """Whether a note naming ``runs`` speaks of those people alone, as its subject, saying not to send them
    ('Bob Ray - deceased', 'Hold Cy Orr until HR confirms address', 'Cy Orr (terminated)'), never of a group
    or of who decided ('Ann Lee's team - already sent', 'Already sent by Ann Lee')."""
    if not runs or _MANY.search(_without(text, runs)) or not says_no_of(text, runs):
        return False
    for words in runs:
        for found in re.finditer(rf"(?i)(?<!\w){_name_pattern(words)}(?!\w)", text):
            if _AGENT_BEFORE.search(text[: found.start()]) or _AGENT_AFTER.search(text[found.end() :]):
                return False
    return True


# A note pointing at the row above it rather than naming its person ('^ deceased - do not send', 'Above: left
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
    parts = [part.strip(" )") for part in _PARTS.split(text) if part.strip(" )")]
    kept = [part for part in parts if _BELOW.search(part) or not _ABOVE.search(part)]
    above = [part for part in parts if part not in kept]
    # ... only where its parts of the rows above say to send them ('^ deceased - and everyone below' is one)
    # ... or where its parts of the rows below say on their own that those go ('Already sent the above; below
    # not yet sent': .aboveapart)
    goes = any(_SAID_TO_GO.search(part) for part in above) or any(
        _BELOW_GOES.search(part) for part in kept if _BELOW.search(part)
    )
    return kept if kept and goes else None


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
