"""A note on a row of its own naming recipients of the list ('Bob Ray - deceased', "Ann's card already
mailed"): which recipients it names, and whether, read without their names, it says what leaves a Notes cell's
row out. Read by :mod:`.headings` (such a note inside the list, beside the person it names, is about that
person: no heading over the rows under it) and by :mod:`..problems.notenames` (the row it names waits for the
change to be made on it). A note pointing at the rows above or below it instead: :mod:`.pointing`."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable

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

    def named_each(self, text: str) -> set[int]:
        """The rows :meth:`named` finds, and those of the first names only one recipient has in the note's
        words outside the whole names ('Above: held except Gus?; below: hold except Cy Orr': Gus beside Cy
        Orr, whom a heading asks of each)."""
        named, runs = self.named(text)
        rest = note_words(_without(text, runs)) if named else []
        return named | {self.first[word][0] for word in rest if len(self.first.get(word, [])) == 1}

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
