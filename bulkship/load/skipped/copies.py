"""A column marking a list's repeated rows ('Duplicate' = TRUE, 'Dup?' = Y): a formula such as Excel's
=COUNTIF(A:A, A2)>1 marks every copy of a person, the first too, and each was left out: the person got no
card (found by review34 reviewing 4f18f7f). Of a person every row of whom is so marked, the first is sent; a
lone marked row (a repeat of another list's) stays out."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .flags import _answered

DUPLICATE_FLAGS = _answered(
    ("duplicate", "dup", "dupe", "is duplicate", "duplicate record", "duplicate entry", "duplicate row",
     "duplicate flag")
)  # fmt: skip
# the fields naming one person at one place
_PERSON = ("external_id", "name", "first_name", "last_name", "company", "address1", "address2", "zip")


def first_of_each_copied_person(
    body: pd.DataFrame, column_map: dict[str, str], marked: np.ndarray
) -> np.ndarray:
    """Of ``body``'s rows (``marked``: those a duplicate column marks, in its order), the first row of each
    person on two or more rows, every one of them marked."""
    headers = [h for h, field in column_map.items() if field in _PERSON and h in body.columns]
    first = np.zeros(len(marked), dtype=bool)
    if not headers:
        return first
    cells = body[headers].astype(str).apply(lambda c: c.str.casefold().str.split().str.join(" "))
    keys = cells.agg("\x1f".join, axis=1).reset_index(drop=True)
    unmarked = set(keys[~marked])
    copied = keys.duplicated(keep=False) & marked & ~keys.isin(unmarked)
    first[(copied & ~keys.where(copied).duplicated()).to_numpy()] = True
    return first
