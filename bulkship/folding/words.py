"""Text folded for comparison, the first step of names and streets alike: accents, case, apostrophes and
punctuation."""

from __future__ import annotations

import re
import unicodedata

# the names and streets folded, kept: each of a 100,000-row list's is folded twice or more a check, and the
# review page checks it again after every cell fixed (its 100k streets overflowed 65,536 and were folded
# again each time: a fix took 15 s)
FOLDED_KEPT = 1 << 18
_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_WORD = re.compile(r"[^\w#]+")


def _plain(text: str) -> str:
    """Full-width forms made plain, accents dropped (María López = Maria Lopez: one HR system keeps them,
    another strips them), case folded, apostrophes dropped (O'Brien = OBrien), other punctuation a space."""
    if not text.isascii():  # most names and streets are: nothing to decompose
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", text.casefold()))


def searchable(text: str) -> str:
    """``text`` as a search compares it: accents dropped, case folded, apostrophes dropped and other
    punctuation a space, as :func:`_plain` does, words one space apart ('Jose Nunez' finds 'José Núñez',
    'O'Brien' finds 'O’Brien'). Decomposed canonically only: '①' or '²' sought is not a '1' or a '2'."""
    if not text.isascii():
        text = unicodedata.normalize("NFD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", _APOSTROPHES.sub("", text.casefold())).split())


def _words(text: str) -> list[str]:
    return _plain(text).replace("_", " ").split()
