"""A title over the second of two lists one below the other: 'Second shipment' alone on the row above the
header written again. Read as a person with nothing filled in, it was six errors on its row ('Address is
empty', 'City is empty', ... 'Value is empty'), none saying what the row is (found by hunter-sheets31). One
error now, asking: a title (delete the row) or a person (fill in the rest)? Never left out unsaid: a person
whose details are still to come may stand there too."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from .collect import ProblemCollector


def check_titles_over_headers(
    frame: pd.DataFrame,
    cells: pd.DataFrame,
    collector: ProblemCollector,
    headers_again: Collection[int],
    skipped: pd.Series,
) -> None:
    """One error on each row of a single filled cell (``cells``: the sheet as read) just above a header
    written again, in place of its errors of every empty column."""
    rows = list(frame.index)
    at = {row: i for i, row in enumerate(rows)}
    texts: dict[int, str] = {}
    below: dict[int, str] = {}
    for again in headers_again:
        if at.get(again, 0) < 1:
            continue
        row = rows[at[again] - 1]
        if skipped[row]:
            continue
        filled = [text for text in (str(v).strip() for v in cells.loc[row].tolist()) if text]
        if len(filled) == 1:
            texts[row], below[row] = filled[0], str(again)
    if not texts:
        return
    mask = pd.Series(frame.index.isin(list(texts)), index=frame.index)
    collector.drop(mask, frame.columns)
    collector.error(
        mask,
        "name",
        "Title over a list",
        "holds only '{title}', just above the header written again (row {again}): if it is the title of "
        "the list below, delete the row; if it is a person, fill in their address, card and amount.",
        extra={
            "title": pd.Series(texts, dtype=object).reindex(frame.index, fill_value=""),
            "again": pd.Series(below, dtype=object).reindex(frame.index, fill_value=""),
        },
    )
