"""The rows a heading between recipients is read among (:class:`Around`): the list, its rows in order and
the position of each, the headings found, the words of a heading over rows not to send, and the list's
recipients, read once when a heading first needs them (moved out of :mod:`.headings` for issue 14: the writers
of :mod:`.headingsides` take it whole)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from .noteabout import Recipients


@dataclass
class Around:
    """The rows a heading is read among: the list (``body``, its name columns ``names``, the rows without a
    street or a name ``blank``), its rows in order and the position of each, the headings found, and the
    words of a heading over rows not to send (``leave_out``)."""

    body: pd.DataFrame
    names: list[str]
    blank: np.ndarray
    rows: list[int]
    position: dict[int, int]
    headings: dict[int, str]
    leave_out: re.Pattern[str]

    @cached_property
    def people(self) -> Recipients:
        """The list's recipients by row, read once, when a heading first needs them."""
        return _recipients(self.body, self.names, self.blank)


def _recipients(body: pd.DataFrame, names: list[str], blank: np.ndarray) -> Recipients:
    """The names of the list's rows that have a name and a street, by row."""
    if not names:
        return Recipients(())
    people = body.loc[~blank, names]
    return Recipients.of(people)
