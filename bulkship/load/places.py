"""The words that name one of a person's places (home or work), as a column choosing where each card goes
writes them ('Work', 'Office address')."""

from __future__ import annotations

import re

_PLACES = {
    **dict.fromkeys(("home", "residence", "residential", "personal", "house"), "home"),
    **dict.fromkeys(("work", "office", "business", "company", "corporate", "workplace"), "work"),
}
_PLACE = re.compile(r"(?i)\s*(?P<place>[a-z]+)(?:\s+(?:address|addr\.?))?\s*")


def place_named(answer: str) -> str | None:
    """'home' or 'work' for a cell naming one of a person's places ('Work', 'Office address'), else None."""
    found = _PLACE.fullmatch(answer)
    return _PLACES.get(found["place"].lower()) if found else None
