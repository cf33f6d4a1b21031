"""One recipient written two ways is still one recipient: names and streets folded for comparison.

People and the systems they export from spell the same person differently: ``O'Brien`` / ``O’Brien``,
``12 Beacon Street`` / ``12 Beacon St.``, ``Floor 21`` / ``Fl 21`` / ``#21``. Repeat and duplicate checks
compare these folded forms, never what is sent: the vendor gets the row as validated.

Folding is deliberately modest: case, punctuation, spacing, the usual USPS abbreviations and unit words.
It never drops a number or a word that could tell two people apart ("Maria J Lopez" is not "Maria Lopez").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .models import folded_address_line1

# USPS Publication 28 suffixes, directions and unit designators people write in full or abbreviated
_WORDS = {
    "street": "st", "str": "st", "avenue": "ave", "av": "ave", "road": "rd", "boulevard": "blvd",
    "drive": "dr", "lane": "ln", "court": "ct", "place": "pl", "terrace": "ter", "parkway": "pkwy",
    "highway": "hwy", "circle": "cir", "square": "sq", "trail": "trl", "way": "way", "center": "ctr",
    "centre": "ctr", "expressway": "expy", "freeway": "fwy", "turnpike": "tpke", "plaza": "plz",
    "north": "n", "south": "s", "east": "e", "west": "w", "northeast": "ne", "northwest": "nw",
    "southeast": "se", "southwest": "sw", "mount": "mt", "saint": "st", "fort": "ft",
}  # fmt: skip
# words that only say "a unit follows": "Floor 21", "Fl 21", "Suite 21", "#21" all keep just "21"
_UNIT_WORDS = frozenset(
    {"apartment", "apt", "suite", "ste", "unit", "floor", "fl", "flr", "room", "rm", "building", "bldg",
     "no", "number", "#"}
)  # fmt: skip
_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_WORD = re.compile(r"[^\w#]+")


def _plain(text: str) -> str:
    """Full-width forms and accents' compatibility forms made plain, case folded, apostrophes dropped
    (O'Brien = OBrien), other punctuation a space."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", text))


@lru_cache(maxsize=65536)
def fold_person(name: object) -> str:
    """A person's name as compared: ``Liam O’Brien`` = ``liam obrien``, ``Mary-Jane`` = ``Mary Jane``."""
    return " ".join(_plain(str(name or "")).replace("_", " ").split())


@lru_cache(maxsize=65536)
def fold_street(street: object) -> str:
    """A street line as compared: ``12 Beacon Street, Floor 21`` = ``12 beacon st 21``."""
    words = _plain(str(street or "")).replace("_", " ").replace("#", " # ").split()  # "#21": "#", "21"
    return " ".join(_WORDS.get(word, word) for word in words if word not in _UNIT_WORDS)


def fold_address(line1: object, line2: object) -> str:
    """Both address lines as one street, folded (``12 Beacon Street``, ``Floor 21`` = ``12 beacon st 21``):
    line 2 goes into line 1 as it is sent to a vendor not known to keep it, so either way compares equal."""
    return fold_street(folded_address_line1(str(line1 or ""), str(line2 or "")))
