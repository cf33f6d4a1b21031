"""One recipient written two ways is still one recipient: names and streets folded for comparison.

People and the systems they export from spell the same person differently: ``O'Brien`` / ``O’Brien``,
``Lopez, Maria`` / ``Ms. Maria J. Lopez``, ``12 Beacon Street`` / ``12 Beacon St., Boston``, with or without
``Apt 3``. Repeat and duplicate checks compare these folded forms, never what is sent: the vendor gets the
row as validated.

Folding leans towards "the same person": a row held by mistake is shown with the reason and sent with one
word (Allow Duplicate, ``--allow-repeat``), while a second card is money gone. So a name keeps its first
and last words (no title, middle name or degree; "Jr." and "III" do tell two people apart), and a street
keeps the house number and street, not the apartment or floor, nor a city written after a comma.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .models import folded_address_line1

# the names and streets folded, kept: each of a 100,000-row list's is folded twice or more a check, and the
# review page checks it again after every cell fixed (its 100k streets overflowed 65,536 and were folded
# again each time: a fix took 15 s)
FOLDED_KEPT = 1 << 18

# USPS Publication 28 suffixes, directions and unit designators people write in full or abbreviated
_WORDS = {
    "street": "st", "str": "st", "avenue": "ave", "av": "ave", "road": "rd", "boulevard": "blvd",
    "drive": "dr", "lane": "ln", "court": "ct", "place": "pl", "terrace": "ter", "parkway": "pkwy",
    "highway": "hwy", "circle": "cir", "square": "sq", "trail": "trl", "way": "way", "center": "ctr",
    "centre": "ctr", "expressway": "expy", "freeway": "fwy", "turnpike": "tpke", "plaza": "plz",
    "north": "n", "south": "s", "east": "e", "west": "w", "northeast": "ne", "northwest": "nw",
    "southeast": "se", "southwest": "sw", "mount": "mt", "saint": "st", "fort": "ft",
}  # fmt: skip
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
             "eighteenth", "nineteenth", "twentieth")  # fmt: skip
_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}
# "Fifth Avenue" = "5th Ave": numbered streets are written either way
_WORDS |= {
    word: f"{n}{'th' if 10 < n < 14 else _SUFFIXES.get(n % 10, 'th')}" for n, word in enumerate(_ORDINALS, 1)
}
# words that only say "a unit follows": "Floor 21", "Fl 21", "Suite 21", "#21" all keep just "21"
# what a street's name ends with once folded; a place written after it ("12 Main St Boston MA") is not the
# street, as it is not after a comma; a direction is ("100 Main St N")
_STREET_TYPES = frozenset(
    {"st", "ave", "rd", "blvd", "dr", "ln", "ct", "pl", "ter", "pkwy", "hwy", "cir", "sq", "trl", "way",
     "expy", "fwy", "tpke", "plz"}
)  # fmt: skip
_DIRECTIONS = frozenset({"n", "s", "e", "w", "ne", "nw", "se", "sw"})
_UNIT_WORDS = frozenset(
    {"apartment", "apt", "suite", "ste", "unit", "floor", "fl", "flr", "room", "rm", "building", "bldg",
     "no", "number", "#"}
)  # fmt: skip
_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_WORD = re.compile(r"[^\w#]+")


def _plain(text: str) -> str:
    """Full-width forms made plain, accents dropped (María López = Maria Lopez: one HR system keeps them,
    another strips them), case folded, apostrophes dropped (O'Brien = OBrien), other punctuation a space."""
    if not text.isascii():  # most names and streets are: nothing to decompose
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", text.casefold()))


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


def _words(text: str) -> list[str]:
    return _plain(text).replace("_", " ").split()


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


# An Employee ID cell saying there is none yet: new hires' "TBD", "N/A", "NEW", "0", "-" on several rows
# named one person: all but the first were duplicates in the file, and held as cards another batch ordered
# (found by hunter-sheets)
_NO_REFERENCE = re.compile(
    r"(?i)\s*(?:n\.?\s*/?\s*a\.?|tb[dac]|none|null|nil|new(?:\s+hire)?|pending|unknown|unk|[-–—_.?x]+|0+|"
    # ... or an Excel pivot table's '(blank)' (found by hunter-sheets9)
    r"[(\[<{]\s*(?:blank|empty|none|null|nil|n/?a|nothing)\s*[)\]>}])\s*"
)


_PLACEHOLDER_STARTS = frozenset("nNtTpPuU-–—_.?xX0 ([<{")  # what a placeholder opens with: a quick test first


def no_reference(reference: str) -> bool:
    """Whether an Employee ID or other reference is only a placeholder ('TBD', 'N/A', 'NEW', '0', '-')."""
    return (
        bool(reference)
        and reference[0] in _PLACEHOLDER_STARTS
        and _NO_REFERENCE.fullmatch(reference) is not None
    )


def fold_reference(reference: object) -> str:
    """An Employee ID or other reference as compared: case folded, and a number without the zeros in front
    that Excel drops in one export and keeps in another ('000123' = '123': found by newcomer9); "" for a
    placeholder (:data:`_NO_REFERENCE`), which identifies no one."""
    text = str(reference or "").strip().casefold()
    if _NO_REFERENCE.fullmatch(text):
        return ""
    return text.lstrip("0") or "0" if text.isdigit() else text


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


# "P.O. Box 12" = "PO Box 12" = "Post Office Box 12" (punctuation made "p o box": two addresses, two cards)
_PO_BOX = re.compile(r"\b(?:p\.?\s*o\.?|post\s+office)\s*box\b", re.IGNORECASE)
_HOUSE_NUMBER = re.compile(r"\d+[a-z]?")  # "12", "12b"; not "2nd" (a floor, an ordinal street)


@lru_cache(maxsize=FOLDED_KEPT)
def _parts(line1: str, line2: str) -> tuple[tuple[str, ...], ...]:
    """Both address lines read as one (line 2 goes into line 1 as it is sent to a vendor not known to keep
    it), as the words of each part between commas ("#21": "#", "21"); read once for street and unit. A part
    written unit first is two ('Suite 5 100 Main St': 'suite 5' and '100 main st'), a number sign before the
    house number is none ('#100 Main St', 'No. 100 Main St'), and a house number alone before a comma is the
    street's ('100, Main St'): each read as '100 Main St' is, else the street folded otherwise and a later
    list's corrected amount to the same person went out as a second card (review32's leftover, reproduced by
    hunter-vendor19)."""
    joined = _PO_BOX.sub("PO Box", folded_address_line1(line1, line2))
    found: list[tuple[str, ...]] = []
    for part in joined.split(","):
        words = tuple(_words(part.replace("#", " # ")))
        at = _street_starts(words)
        if at is not None:
            found += [p for p in (words[:at], words[at:]) if p and not set(p) <= _NUMBER_SIGNS]
        elif found and _alone_number(found[-1]) and _names_street(words):
            found[-1] += words
        else:
            found.append(words)
    return tuple(found)


_NUMBER_SIGNS = frozenset({"#", "no", "number"})


def _alone_number(words: Sequence[str]) -> bool:
    return len(words) == 1 and _HOUSE_NUMBER.fullmatch(words[0]) is not None


def _street_starts(words: Sequence[str]) -> int | None:
    """Where the street starts in a part written unit first ('Suite 5 100 Main St', 'Apt #5 100 Main St',
    '2nd Floor 100 Main St': at 100) or after a number sign ('#100 Main St': at 100); None otherwise."""
    at = 0
    while at < len(words) and words[at] in _UNIT_WORDS:
        at += 1
    if at and set(words[:at]) <= _NUMBER_SIGNS and _starts_street(words, at):
        return at
    if not at and len(words) > 1 and _ORDINAL_NUMBER.fullmatch(words[0]) and words[1] in _UNIT_WORDS:
        return 2 if _starts_street(words, 2) else None  # '2nd Floor'
    return at + 1 if at and _starts_street(words, at + 1) else None


def _starts_street(words: Sequence[str], at: int) -> bool:
    """A house number at ``at``, a street's name after it."""
    return at < len(words) and _alone_number(words[at : at + 1]) and _names_street(words[at + 1 :])


def _names_street(words: Sequence[str]) -> bool:
    """Words that start with a name, not a number or a unit ('Main St', not '5' or 'Apt 5'); a street named
    by its number is one too ('5th Ave', not '2nd Floor': '100, 5th Ave' read as '100' and '#100 5th Ave'
    as '# 100 5th ave', a corrected amount to the same person sent a second card: found by review33)."""
    if len(words) > 1 and _ORDINAL_NUMBER.fullmatch(words[0]):
        return words[1] not in _UNIT_WORDS
    return bool(words) and words[0][:1].isalpha() and words[0] not in _UNIT_WORDS


def _folded(words: Iterable[str]) -> str:
    return " ".join(_WORDS.get(word, word) for word in words)


def _street_only(words: Sequence[str]) -> Sequence[str]:
    """A street without the city or state written after its type: ``12 Main St Boston MA`` is ``12 Main
    St``, ``12 Main St Saint Paul`` is ``12 Main St``. The type must follow a name (``100 Avenue of the
    Americas`` keeps every word), and a direction after it stays (``100 Main St N``)."""
    end = 1 + next(
        (i for i, word in enumerate(words) if i >= 2 and _WORDS.get(word, word) in _STREET_TYPES), len(words)
    )
    while end < len(words) and _WORDS.get(words[end], words[end]) in _DIRECTIONS:
        end += 1
    return words[:end]


@lru_cache(maxsize=FOLDED_KEPT)
def fold_address(line1: object, line2: object) -> str:
    """The street of both address lines, folded: ``Acme Corp`` / ``100 Main Street`` is the street of
    ``Acme Corp, 100 Main Street``; ``12 Beacon Street, Floor 21``, ``12 Beacon St Fl 21`` and
    ``12 Beacon St., Boston`` are ``12 beacon st``, so an address with or without ``Apt 3`` compares equal.
    The street is the part that starts with a house number (``2nd Floor, 100 Main St``), else one with a
    digit, up to a unit word; a part that starts with a unit (``Apt 3``) never is. An address with no
    street at all (``#21``) is compared whole."""
    parts = _parts(str(line1 or ""), str(line2 or ""))
    streets = [p for p in parts if p and p[0] not in _UNIT_WORDS]
    words = next(
        (p for p in streets if _HOUSE_NUMBER.fullmatch(p[0])),
        next((p for p in streets if any(w[0].isdigit() for w in p)), streets[0] if streets else ()),
    )
    cut = next((i for i, word in enumerate(words) if word in _UNIT_WORDS), len(words))
    return _folded(_street_only(words[:cut])) or _folded(word for part in parts for word in part)


def street_without_type(street: str) -> str:
    """A folded street (:func:`fold_address`) without its type: ``12 beacon st`` is ``12 beacon``, as a row
    written without the type reads (``100 ave of the americas`` keeps its words: no name before the type)."""
    words = street.split()
    return " ".join(w for i, w in enumerate(words) if i < 2 or w not in _STREET_TYPES)


@lru_cache(maxsize=FOLDED_KEPT)
def fold_unit(line1: object, line2: object) -> str:
    """The apartment, suite or floor of both address lines, folded (``Floor 21`` = ``Fl 21`` = ``#21`` =
    ``21st Floor``: ``21``; ``Apt 3-B``: ``3b``); "" when none is written. Two rows at one street are one
    address unless both name a unit and the units differ: John Smith on floor 3 and John A. Smith on floor
    12 of one office are two people."""
    found: list[str] = []
    for words in _parts(str(line1 or ""), str(line2 or "")):
        at = next((i for i, word in enumerate(words) if word in _UNIT_WORDS), None)
        if at is None:
            continue
        tail = [w for w in words[at:] if w not in _UNIT_WORDS]
        before = words[at - 1] if at and any(c.isdigit() for c in words[at - 1]) else ""  # "2nd Floor"
        found += tail or ([before] if before else [])
    # one unit however it is spaced or counted: "3B" = "3-B" = "3 B", "3rd Floor" = "Floor 3" (they compared
    # as two units, so one person's second card went out: found by review6)
    return "".join(_ORDINAL_NUMBER.sub(r"\1", word) for word in found)


_ORDINAL_NUMBER = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


def same_unit(one: str, other: str) -> bool:
    """Whether two folded units may be one place: equal, or one of them not written."""
    return not one or not other or one == other
