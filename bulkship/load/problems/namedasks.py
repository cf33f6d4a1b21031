"""A remark written into the name that asks whether the card goes, or says the person is away from the
row's street ('Kai Vo (unclaimed)', 'Bo Ek - TBD', 'Lu Wo (deployed)'): each was ordered, exit 0, the
parcel labelled with the remark, where the same words under 'Notes' are the error asking (the lead's closing
note of session 51, leftover 2; hunter-asks7). A remark saying no there is ..skipped.named's (left out); of
the address, only away ('deployed', 'overseas'): 'COA' in a name is as often a certificate's or an
account's."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from ...models import NAME_COLUMNS, Problem
from ..skipped.asking import readings
from ..skipped.named import _BRACKETED, _DASHED, _says_no
from .addresstocome import _AWAY
from .askingnote import ASKS


def _remarks(name: str) -> list[str]:
    """What brackets or asterisks in a name hold, and what follows its first spaced dash, read whole ('Ann Li
    - gave notice - last day 1/15/2027' is one remark, a leaving to come)."""
    parts = [next(p for p in match if p) for match in _BRACKETED.findall(name) if any(match)]
    after = _DASHED.split(_BRACKETED.sub(" ", name), maxsplit=1)[1:]
    return [part.strip() for part in [*parts, *after] if part.strip()]


def _asks(remark: str) -> bool:
    """Whether ``remark`` asks whether the card goes: without its question it sends, said it does not."""
    found = readings(remark)
    return found is not None and not _says_no(found[0]) and _says_no(found[1])


def named_ask_problems(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: Collection[int]
) -> list[Problem]:
    """An error on each row whose name carries a remark that asks, or says the person is away."""
    street = next((h for h, f in column_map.items() if f == "address1"), None)
    problems: list[Problem] = []
    for header, field in column_map.items():
        if field not in NAME_COLUMNS or header not in body.columns:
            continue
        column = body[header].astype(str)
        marked = column.str.contains(r"[()\[\]*]|\s[-–—]+\s", regex=True)
        for row in column.index[marked].tolist():
            text = " ".join(column[row].split())
            if int(row) in not_judged:
                continue
            for remark in _remarks(text):
                if _asks(remark):
                    why = "is this card to be sent? Check, then"
                elif _AWAY.match(remark) and street is not None:
                    at = body.at[row, street]
                    why = f"the card would go to '{at}', where the person may not be. Check, then"
                else:
                    continue
                message = (
                    f"Row {row}, column '{header}': the name '{text}' carries the remark '{remark}': {why} "
                    f"write the name alone in '{header}' (the parcel would show the remark) and say what to "
                    f"do in a notes column, or take the row off the list."
                )
                problems.append(Problem(int(row), field, text, "error", message, ASKS))
                break
    return problems
