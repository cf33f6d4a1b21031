"""A street written without its house number: 'Main St', 'Oak Avenue N' (a number column lost in a copy, or
never typed). The card was sent to 'Main St', Boston, exit 0, nothing said: a parcel no carrier can deliver,
its money gone (found by hunter-sheets28, decided by hunter-sheets29). An error only where the line is a
street's name and its type and nothing else; a named place ('One Financial Center', 'Harvard Yard', a
ranch), general delivery, a PO box or a rural route (their numbers), or a line 2 with a number outside a
unit ('Acme Corp' over '12 Main St') is not judged here."""

from __future__ import annotations

import re

import pandas as pd

from ..collect import ProblemCollector

# The types of street USPS lists most (Publication 28, C1), in their usual spellings
_TYPE = (
    r"st|street|str|ave|avenue|av|rd|road|blvd|boulevard|ln|lane|dr|drive|way|ct|court|pl|place|ter|terrace|"
    r"cir|circle|pkwy|parkway|hwy|highway|trl|trail|sq|square|pike|loop|aly|alley|xing|crossing"
)
_DIRECTION = r"n|s|e|w|ne|nw|se|sw|north|south|east|west|northeast|northwest|southeast|southwest"
# A number written in words begins many a real address ('One Financial Center', 'Two Oak Ln')
_IN_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred|thousand"
)
_STREET_ALONE = re.compile(
    rf"(?i)(?:(?:{_DIRECTION})\.?\s+)?(?!(?:{_IN_WORDS})\b)[^\W\d_][^\W\d_'’.-]*(?:[\s'’.-]+[^\W\d_]+){{0,3}}"
    rf"\.?\s+(?:{_TYPE})\.?(?:\s+(?:{_DIRECTION})\.?)?"
)
# A number on line 2 that is no unit's ('Apt 4', 'Suite 200', '#5'): the house number may be there
_UNIT_NUMBER = re.compile(
    r"(?i)\b(?:apt|apartment|unit|suite|ste|fl|floor|room|rm|bldg|building|lot|dept|mail\s*stop|ms)\.?\s*#?\s*"
    r"\w*\d\w*|#\s*\w*\d\w*"
)


def check_house_number(frame: pd.DataFrame, collector: ProblemCollector) -> None:
    """A street line that is a street's name and type alone, and no house number on line 2: an error."""
    street = frame["address1"]
    candidates = street.ne("") & ~street.str.contains(r"\d", regex=True)
    if not candidates.any():
        return
    alone = candidates & street.map(lambda s: bool(_STREET_ALONE.fullmatch(s.strip())))
    line_2 = frame["address2"].map(lambda s: bool(re.search(r"\d", _UNIT_NUMBER.sub("", s))))
    collector.error(
        alone & ~line_2 & ~collector.has_error("address1"),
        "address1",
        "House number missing",
        "'{new}' has no house number: no carrier can deliver to a street alone. Write the number in front "
        "(e.g. 12 {new}).",
    )
