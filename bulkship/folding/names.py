"""A person's name as compared: titles, degrees, middle names and remarks aside, a short given name read as
its full one, last name first or not ("Lopez, Maria" = "Ms. Maria J. Lopez" = "MARIA LOPEZ, MBA")."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .words import FOLDED_KEPT, _words

_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "rev", "hon"})
_DEGREES = frozenset({"md", "phd", "esq", "dds", "dmd", "cpa", "rn", "jd", "mba", "dvm", "pe"})
_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})  # father and son may share a name and an address
# Common English short forms of a given name, folded to the full name: "Bob Jones" on the preferred-name
# export and "Robert Jones" on the legal one are one person (found by newcomer8: two cards, one email).
# A short form of two names for a man and a woman (Alex, Sam, Chris, Pat, Jamie, Jo; Charlie for Charlotte,
# Andy for Andrea, Nicky for Nicole, Danny for Danielle, Ronnie for Veronica, Freddie, Joey, Robbie, Tony,
# Sandy, Kim), of two men's names (Ted and Teddy are Theodore's too) or a given name of its own (Drew) is left
# alone: twins Alexander and Alexandra, Charles Smith and his daughter Charlie, must stay two people
# (found by review13: one of each pair was a duplicate, or held in the next batch).
_FULL_NAMES = {
    "robert": "bob bobby rob", "william": "bill billy will willie willy",
    "james": "jim jimmy", "richard": "rick ricky rich richie dick", "thomas": "tom tommy",
    "michael": "mike mikey", "joseph": "joe", "charles": "chuck chas", "daniel": "dan",
    "matthew": "matt", "steven": "steve stephen", "kenneth": "ken kenny",
    "timothy": "tim timmy", "benjamin": "ben benny", "nicholas": "nick",
    "gregory": "greg", "jeffrey": "jeff", "joshua": "josh", "david": "dave davey", "douglas": "doug",
    "lawrence": "larry", "ronald": "ron", "donald": "don donnie", "raymond": "ray",
    "peter": "pete", "philip": "phil phillip", "walter": "walt", "frederick": "fred",
    "vincent": "vince vinny", "zachary": "zach zack", "henry": "hank", "edward": "eddie",
    "elizabeth": "liz lizzie betty betsy", "margaret": "maggie peggy marge margie",
    "katherine": "kate katie kathy cathy catherine kathryn", "jennifer": "jen jenn jenny",
    "rebecca": "becky becca", "susan": "sue susie", "deborah": "deb debbie debra",
    "patricia": "patty trish tricia", "barbara": "barb", "victoria": "vicky vicki tori", "abigail": "abby",
    "pamela": "pam", "cynthia": "cindy", "judith": "judy", "dorothy": "dottie",
    "amanda": "mandy", "melissa": "missy", "nathan": "nate",
}  # fmt: skip
_FULL_NAME_OF = {short: full for full, shorts in _FULL_NAMES.items() for short in shorts.split()}
NAME_FORMS = frozenset(_FULL_NAMES) | frozenset(_FULL_NAME_OF)  # every given name the table knows


def full_given_name(word: str) -> str:
    """A given name's full form, of a short one (``kate`` -> ``katherine``); any other word as it is."""
    return _FULL_NAME_OF.get(word, word)


# The commonest US surnames (Census 2010) that are no given name here: a payroll export writes "JONES BOB",
# last name first without a comma, and its short form is then the last word (found by the eleventh session:
# "JONES BOB" no longer folded to Robert Jones once only the first word was read as a short form). After
# another first word ("Mary Ray") the last word is a surname and stays as written.
_SURNAMES = (
    frozenset(
        """smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez
    wilson anderson thompson white harris sanchez ramirez robinson young wright torres nguyen flores green
    adams baker hall rivera campbell roberts gomez phillips evans diaz edwards reyes morales murphy cook
    rogers gutierrez ortiz peterson richardson watson chavez gray mendoza ruiz hughes alvarez castillo
    sanders patel myers jimenez powell jenkins sullivan coleman butler henderson barnes gonzales fisher
    vasquez simmons romero patterson reynolds griffin herrera gibson tran medina aguilar stevens castro owens
    fernandez mcdonald woods kennedy vargas chen freeman guzman burns simpson mendez silva snyder munoz hicks
    holmes wagner robertson salazar schmidt garza nichols stephens soto weaver gardner payne vazquez hansen
    santos knight cunningham armstrong andrews ramos wang zhang liu yang huang zhou xu singh kumar shah
    khan ahmed""".split()  # noqa: SIM905 (a list of words, read as one)
    )
    - _FULL_NAMES.keys()
    - _FULL_NAME_OF.keys()
)


# What two exports add to a display name that is not the name (found by newcomer9: 'Pa Alpha' and 'Pa Alpha
# (she/her)' at one address were two cards): a part in brackets, a remark after a spaced dash, a pronoun
# pair, a number after '#' ('#1003'). "Smith-Jones" keeps its dash, "Guest 2" its number.
_NAME_REMARKS = re.compile(
    r"\([^)]*\)?|\[[^\]]*\]?|\s[-–—]\s.*$|\b(?:she|he|they|ze|xe)\s*/\s*\w+\b|#\s*\w+", re.IGNORECASE
)


def _name_part(text: str) -> str:
    """A name without the remarks an export adds to it (:data:`_NAME_REMARKS`); the name itself when it
    is nothing else."""
    kept = _NAME_REMARKS.sub(" ", text)
    return kept if kept.strip() else text


def middle_names(name: object) -> tuple[str, ...]:
    """The words between a name's first and last (titles, degrees and Jr./Sr. aside), as folded: "Mary Beth
    Smith" -> ("beth",), "John B. Baker" -> ("b",), "Lopez, Maria J." -> ("j",)."""
    text = _name_part(str(name or ""))
    last, comma, rest = text.partition(",")
    if comma and not set(_words(rest)) <= _DEGREES | _GENERATIONS:
        text = f"{rest} {last}"
    words = [w for w in _words(text) if w not in _DEGREES and w not in _GENERATIONS]
    while len(words) > 1 and words[0] in _TITLES:
        words.pop(0)
    return tuple(words[1:-1])


def same_middle(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether two names' middle parts may be one person's: one of them has none, or each word of the shorter
    is, in turn, one of the longer's, written the same, as its initial or a spelling of it ("Mary B. Smith" =
    "Mary Beth Smith" = "Mary Bethany Smith"; "Maria Garcia Lopez" = "Maria Jose Garcia Lopez"). "Mary Ann"
    and "Mary Beth" Smith are sisters; "Mary Ann" and "Mary Anne" are one (found by review11: two cards)."""
    if not one or not other:
        return True
    short, long_ = sorted((one, other), key=len)
    words = iter(long_)
    return all(any(_same_word(a, b) for b in words) for a in short)


def _same_word(a: str, b: str) -> bool:
    """One middle name as written twice: the same, an initial of the other, one the start of the other
    ("Chris", "Christopher") or one letter apart ("Ann", "Anne"; "Marie", "Maria")."""
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    if min(len(a), len(b)) < 3:
        return False
    return a.startswith(b) or b.startswith(a) or _one_letter_apart(a, b)


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter added, dropped or changed turns ``a`` into ``b``."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def name_words(text: object) -> set[str]:
    """The words of a name as compared ("O’Brien-Lopez" = {"obrien", "lopez"})."""
    return set(_words(str(text or "")))


def fold_person(name: object) -> str:
    """A person's name as compared: ``Liam O’Brien`` = ``liam obrien``; ``Lopez, Maria``, ``LOPEZ MARIA``,
    ``Ms. Maria J. Lopez`` and ``MARIA LOPEZ, MBA`` = ``lopez maria`` (first and last word, sorted);
    ``John Smith Jr.`` = ``john smith jr``; ``Bob Jones`` = ``jones robert`` (a short form: its full name)."""
    return _fold_person(name, False)


def fold_person_loosely(name: object) -> str:
    """:func:`fold_person` with a short form read as its full name in either word, wherever the given name
    is: ``TAYLOR BOB`` = ``Robert Taylor`` (a payroll export, last name first, with a surname that is a
    given name too, or not among the commonest). Only for names at the same street, ZIP and card: 'Mary
    Ray' = 'Mary Raymond' too, who are two people anywhere else (found by review14: TAYLOR BOB in one batch,
    Robert Taylor at the same address in the next, a second card)."""
    return _fold_person(name, True)


@lru_cache(maxsize=FOLDED_KEPT)
def _fold_person(name: object, every_word: bool) -> str:
    text = str(name or "")
    text = _name_part(text if text.isascii() else unicodedata.normalize("NFKC", text))
    last, comma, rest = text.partition(",")
    if comma and not set(_words(rest)) <= _DEGREES | _GENERATIONS:  # "Lopez, Maria": the given name after
        text = f"{rest} {last}"
    words = [w for w in _words(text) if w not in _DEGREES]
    while len(words) > 1 and words[0] in _TITLES:
        words.pop(0)
    generation = [w for w in words[1:] if w in _GENERATIONS]
    words = [w for w in words if w not in generation] or words
    # the given name only: a surname that is also a short form is no one's given name (found by review13:
    # 'Mary Ray', sent a card last batch, held 'Mary Raymond' at another address as a repeat)
    # a middle initial after the given name ("JONES BOB A", "LOPEZ MARIA J.", last name first) is no given
    # name (found by review14: read as one, Robert A. Jones got a second card in the next batch)
    while len(words) > 2 and len(words[-1]) == 1:
        words.pop()
    if every_word:
        words = [_FULL_NAME_OF.get(w, w) for w in words]
    elif words:
        given = -1 if words[0] in _SURNAMES else 0  # "JONES BOB": Bob is the given name
        words[given] = _FULL_NAME_OF.get(words[given], words[given])
    # first and last word in either order: payroll exports write 'LOPEZ MARIA' without a comma (found by
    # review6: a second card to Maria Lopez at her own address)
    return " ".join([*sorted([*words[:1], *words[1:][-1:]]), *generation])
