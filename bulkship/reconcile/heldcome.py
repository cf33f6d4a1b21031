"""Rows of a result workbook the list held until a day, run again on or after it (:mod:`.fixsheet`): the
list run that day sends them, and so does the workbook, unless the words on the row now say not to send it.

Found by hunter-money24 (b6aec0da): the workbook left such a row out whatever the day. Found by review57
after it: Dee Park's row held 'On hold until 1/15/2027', her Notes on the Results sheet then typed
'Terminated 1/2 - do not send', the workbook run on Jan 20 ordered her card (the list with that note leaves
her out)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..models import SkippedRow

if TYPE_CHECKING:
    import pandas as pd

    from ..program import ProgramSettings


def day_come(problems: str, today: date) -> bool:
    """A row the list held until a day that has come (its reason, the first of ``problems``, names it)."""
    from ..heldrows import held_day

    day = held_day(problems.split("; ")[0])
    return day is not None and day <= today


def said_now(
    rows: list[int], body: pd.DataFrame, column_map: dict[str, str], program: ProgramSettings
) -> list[SkippedRow]:
    """Of ``rows`` (held until a day that has come), those whose cells in ``body`` say not to send them
    today, read as the list's are: the hold's own words, its day passed, say nothing; a person's words
    typed on the row since ('Terminated', 'hold until 3/1/2027') do."""
    if not rows:
        return []
    from ..load.skipped import said_in_corrections

    return said_in_corrections(body, column_map, program, [(row, h) for row in rows for h in body.columns])
