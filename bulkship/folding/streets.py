"""A street and an apartment, suite or floor as compared: "12 Beacon Street, Floor 21" = "12 Beacon St Fl 21"
= "12 Beacon St., Boston"; "Floor 21" = "#21" = "21st Floor"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..models import folded_address_line1
from .words import FOLDED_KEPT, _words

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
    for part, words in enumerate(_parts(str(line1 or ""), str(line2 or ""))):
        at = next((i for i, word in enumerate(words) if word in _UNIT_WORDS), None)
        if at is None and part and _BARE_UNIT.fullmatch(" ".join(words)):
            found += words  # '1A' alone under 'Apt' or in line 2: the unit 'Apt 1A' names
        if at is None:
            continue
        tail = [w for w in words[at:] if w not in _UNIT_WORDS]
        before = words[at - 1] if at and any(c.isdigit() for c in words[at - 1]) else ""  # "2nd Floor"
        found += tail or ([before] if before else [])
    # one unit however it is spaced or counted: "3B" = "3-B" = "3 B", "3rd Floor" = "Floor 3" (they compared
    # as two units, so one person's second card went out: found by review6)
    return "".join(_ORDINAL_NUMBER.sub(r"\1", word) for word in found)


_ORDINAL_NUMBER = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
# A unit written without its word after the street ('1A', '101', '3-B' under an 'Apt' or 'Unit' column, or
# after a comma: '500 Main St, 101'): read as none, namesakes in two flats of one building were one person,
# the second left out as 'the same recipient written differently', where 'Apt 1A' and 'Apt 2B' send both
# (found by hunter-falsealarm6, left for hunter-sheets21). Not a house number, a ZIP (five digits), a word
_BARE_UNIT = re.compile(r"(?:[a-z]?\d{1,4}[a-z]?(?: [a-z]| \d{1,4})?|[a-z](?: \d{1,4})?)")


def same_unit(one: str, other: str) -> bool:
    """Whether two folded units may be one place: equal, or one of them not written."""
    return not one or not other or one == other
