"""Whether the recipient a vendor's line shows is the one sent, as a vendor that standardises addresses
writes it back (USPS style: capitals, 'STREET' as 'ST', 'NORTH' as 'N', no punctuation, ZIP+4). Compared
letter for letter, a lost answer's 409 showed every row of the order with "other content" and each waited for
review, the run saying nothing was sent (found by hunter-vendor4). Another recipient still differs: another
name, house number, street word or 5-digit ZIP."""

from __future__ import annotations

import re
from typing import Any

# USPS Publication 28 abbreviations of the words a standardised address changes most (street suffixes,
# directionals, unit designators, 'Saint'): each side is written in them before comparing.
_WORDS = {
    "alley": "aly", "avenue": "ave", "boulevard": "blvd", "circle": "cir", "court": "ct", "drive": "dr",
    "expressway": "expy", "freeway": "fwy", "highway": "hwy", "lane": "ln", "parkway": "pkwy",
    "place": "pl", "plaza": "plz", "road": "rd", "square": "sq", "street": "st", "terrace": "ter",
    "trail": "trl", "turnpike": "tpke", "way": "way", "north": "n", "south": "s", "east": "e", "west": "w",
    "northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw", "apartment": "apt",
    "suite": "ste", "building": "bldg", "floor": "fl", "room": "rm", "unit": "unit", "saint": "st",
    "mount": "mt", "fort": "ft", "center": "ctr", "heights": "hts",
}  # fmt: skip
_NOT_WORD = re.compile(r"[^\w\s]")


def same_part(key: str, theirs: Any, ours: Any) -> bool:
    """Whether one field of the vendor's address (``key``: Name, AddressLine1, City, State, Zip) is ours."""
    if key.lower() == "zip":
        a, b = _digits(theirs), _digits(ours)
        return a[:5] == b[:5] if len(a) >= 5 and len(b) >= 5 else a == b
    return _words(theirs) == _words(ours)


def _digits(value: Any) -> str:
    return "".join(ch for ch in str(value or "") if ch.isdigit())


def _words(value: Any) -> list[str]:
    words = _NOT_WORD.sub(" ", str(value or "").replace("'", "")).casefold().split()
    return [_WORDS.get(w, w) for w in words]
