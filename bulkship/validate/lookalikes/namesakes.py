"""One full name with one card at two addresses in two ZIPs, no Employee ID or email on either row: a warning.

Namesakes in two ZIPs get a card each (a customer list of thousands holds its John Smiths), so both rows are
sent; but the same person listed twice, moved, reads the same way, and a list that said nothing sent her two
cards silently (found by review42, beside its LO1: Ann Lee at 1 Old St, Boston and at 9 New St, Cambridge).
At one ZIP such rows are a duplicate already (:mod:`.keys`); an Employee ID or email on both tells them
apart."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ...folding import fold_person
from ...models import ROW
from .columns import _cards, _column, _text, shared_keys

_NOT_LETTER = re.compile(r"[^\w\s]+")


def one_name_two_zips(valid: pd.DataFrame) -> dict[object, int]:
    """Rows of ``valid`` (frame index -> the row number of the first) whose full name and card an earlier row
    has in another ZIP, neither row carrying an Employee ID or email."""
    # rows with an Employee ID or email of any kind are left alone (TBD too): told apart, or
    # a duplicate already (.keys); most lists of employees have no row left
    bare = _text(valid, "external_id").str.strip().eq("")
    if "email" in valid.columns:
        bare &= _text(valid, "email").str.strip().eq("")
    if bare.sum() < 2:
        return {}
    valid = valid[bare]
    names = _column(valid, "name")
    cards = _cards(valid)
    # compared first by the name's words, case-folded, in the order of their letters ('Lee, Ann' = 'Ann
    # Lee'): a list's names are folded only where two rows may be one name
    words = [" ".join(sorted(_NOT_LETTER.sub(" ", n.casefold()).split())) for n in names]
    maybe = shared_keys({"name": words, "card": cards}, ("name", "card"))
    if maybe.sum() < 2:
        return {}
    zips = [z[:5] for z in _column(valid, "zip")]
    rows = valid[ROW].tolist() if ROW in valid.columns else valid.index.tolist()
    index = valid.index
    first_of: dict[tuple[str, str], int] = {}
    found: dict[object, int] = {}
    for pos in np.flatnonzero(maybe).tolist():
        name = fold_person(names[pos])
        if " " not in name:
            continue
        first = first_of.setdefault((name, cards[pos]), pos)
        if first != pos and zips[first] != zips[pos]:
            found[index[pos]] = int(rows[first])
    return found
