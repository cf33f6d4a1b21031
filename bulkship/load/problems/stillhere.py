"""A leaving day passed beside a status saying the person works here (:mod:`..skipped.said.stillhere`, which
no longer leaves such rows out): plainly at work ('A', 'Active'), the list contradicts itself, an error
asking; rehired ('Active - Rehire'), the day is an earlier stint's, the card sent and the row saying so."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

import pandas as pd

from ...models import Problem
from ..skipped.said.stillhere import (
    at_work_headers,
    died,
    leaving_headers,
    left_before,
    note_headers,
    rehire_headers,
    rehired_after,
    rehired_headers,
    status_headers,
)
from .askingnote import ASKS
from .bounded import name_field

REHIRED_KIND = "Rehired: an earlier leaving day"


def still_here_problems(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: Collection[int], today: date
) -> list[Problem]:
    """An error on each row whose status says at work beside a leaving day passed; a warning where it says
    rehired."""
    statuses = [h for h in status_headers(body) if h not in column_map]
    at_work = [(h, words) for h, words in at_work_headers(body) if h not in column_map]
    back = [(h, words) for h, words in rehired_headers(body) if h not in column_map]
    leavings = [h for h in leaving_headers(body) if h not in column_map]
    if not (at_work or note_headers(body) or rehire_headers(body)) or not leavings:
        return []
    field = name_field(column_map)
    dead, noted = died(body), rehired_after(body, today)
    problems: list[Problem] = []
    for leaving in leavings:
        days = left_before(body, [leaving], today)
        for row in days.index[days.notna() & ~dead]:
            if int(row) in not_judged:
                continue
            day = days[row].date().isoformat()
            shown = str(body.at[row, leaving]).strip()
            written = day if shown == day else f"{day} (the cell reads '{shown}')"
            cells = {h: str(body.at[row, h]).strip() for h in [*statuses, *(h for h, _ in at_work)]}
            rehired = [(h, cells[h]) for h, words in back if words.fullmatch(cells[h])]
            header, note, dated = noted.get(int(row), ("", "", False))
            rehired += [(header, note)] if dated else []
            here = [(h, cells[h]) for h, words in at_work if words.fullmatch(cells[h])]
            if rehired:
                status, said = rehired[0]
                message = (
                    f"Row {row}, column '{leaving}': the person left on {written}, and '{status}' says "
                    f"'{said}': sent, the day read as an earlier stint's."
                )
                problems.append(Problem(int(row), field, shown, "warning", message, REHIRED_KIND))
            elif here or note:  # one question a row, however many say it ('Status' = A, 'Active' = Yes)
                status, said = here[0] if here else (header, note)
                message = (
                    f"Row {row}, column '{leaving}': the person left on {written}, where '{status}' "
                    f"says '{said}' ({'at work' if here else 'without its day'}): which is right? Clear "
                    f"'{leaving}' to send the card (a rehire keeps the day of an earlier leaving), or take "
                    "the row off the list."
                )
                problems.append(Problem(int(row), field, shown, "error", message, ASKS))
    return problems
