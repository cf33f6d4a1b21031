"""A yes/no column of an HR export saying the person is leaving, the day unsaid ('Pending Termination',
'Is Pending Termination', 'Notice Given', 'Termination in Progress' = Yes): still here, or gone when the card
comes? Each was ordered, exit 0, where the same words in a 'Worker Status' cell are the error asking (found by
newcomer27, a Workday export). The same error, in the column's words; a no or an empty cell sends."""

from __future__ import annotations

import re
from collections.abc import Collection

import pandas as pd

from ...models import Problem
from ..skipped.saidasking import _LEAVING_COMING
from .askingnote import yes_column_problems

# the header: a leaving on its way or a notice given, asked or flagged ('Is Pending Termination?', '...
# Flag'); not 'Leaving' alone, a farewell list's own mark of its recipients
_LEAVING_HEADER = re.compile(
    rf"(?i)\W*(?:(?:is|has)\s+)?(?!leaving\b|is\s+leaving\b|will\s+be\s+leaving\b)(?:{_LEAVING_COMING}|"
    r"notice\s+(?:given|submitted|received)|(?:gave|given|has\s+given)\s+notice|"
    r"resignation\s+(?:submitted|received|given))(?:\s+(?:flag|indicator|ind|y/?n|yes/no))?\W*"
)


def reads_leaving(header: object) -> bool:
    """Whether :func:`leaving_flag_problems` reads ``header``'s cells (a column no field reads)."""
    return bool(_LEAVING_HEADER.fullmatch(str(header)))


def leaving_flag_problems(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: Collection[int]
) -> list[Problem]:
    """An error on each row whose leaving column (:data:`_LEAVING_HEADER`) says yes."""

    def why(header: str) -> str | None:
        return "the person is leaving, the day not said" if reads_leaving(header) else None

    return yes_column_problems(body, column_map, not_judged, why)
