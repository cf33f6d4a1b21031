"""ZIP codes as people and Excel write them, read as USPS writes them: a ZIP kept as text ("'02134", '2134.0',
'00000-2134'), ZIP+4 spelled otherwise, a leading zero Excel dropped put back where the state confirms it, an
add-on of 0000 taken off. Column-wise, as :mod:`.normalize`'s normalisers: each returns the new Series and the
mask of cells changed."""

from __future__ import annotations

import pandas as pd

from .normalize import by_unique, fullmatch_mask
from .usps import zip_prefix_states


def zip_text(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """ "'02134" (an apostrophe typed to keep the zero) and '2134.0' (a number column written out by a script)
    -> the digits, for the ZIP repair to judge; and '00000-2134', '00007-8701' (a 5-digit ZIP shown through
    Excel's 'Zip Code + 4' format, 00000-0000, put on the whole column: no ZIP begins 0000) -> the number."""
    try:
        joined = "|".join(column.tolist())
    except TypeError:
        joined = "'."
    if "'" not in joined and "." not in joined and "0000" not in joined:  # the usual column, at C speed
        return column, pd.Series(False, index=column.index)
    result = by_unique(
        column,
        lambda c: (
            c.str.replace(r"^'(?=\d)", "", regex=True)
            .str.replace(r"^(\d{3,9})\.0+$", r"\1", regex=True)
            .str.replace(r"^0000(\d)-(\d{4})$", lambda m: str(int(m[1] + m[2])), regex=True)
        ),
    )
    return result, result.ne(column)


def _is_zip(column: pd.Series) -> pd.Series:
    return fullmatch_mask(column, r"\d{5}(?:-\d{4})?")


def zips(zip_column: pd.Series, state_column: pd.Series) -> tuple[pd.Series, ...]:
    """Normalise ZIP+4 spellings and repair ZIPs that lost leading zeros in Excel, where the state confirms.

    Returns (zips, reformatted mask, repaired mask, unconfirmed mask); unconfirmed are short ZIPs whose
    padded form the state does not confirm: they are left as they were, for the checks to reject.
    """
    well_formed = by_unique(zip_column, _is_zip)
    if well_formed.all():
        false = pd.Series(False, index=zip_column.index)
        return zip_column, false, false, false
    if well_formed.any():  # the usual case: a few bad ZIPs among many good ones
        todo = ~well_formed
        parts = zips(zip_column[todo], state_column[todo])
        full = [zip_column.copy(), *(pd.Series(False, index=zip_column.index) for _ in range(3))]
        for whole, part in zip(full, parts, strict=True):
            whole[todo] = part
        return tuple(full)
    compact = zip_column.str.replace(r"\s*-\s*|\s+", "-", regex=True)
    nine = compact.str.fullmatch(r"\d{9}")
    short_head = compact.str.fullmatch(r"\d{3,4}(?:-\d{4})?")
    short_nine = compact.str.fullmatch(r"\d{7,8}")
    parts = compact.str.partition("-")
    head = parts[0].where(short_head, compact.str[:-4]).str.zfill(5)
    tail = parts[2].where(short_head, compact.str[-4:])
    padded = head.where(tail.eq(""), head + "-" + tail)
    confirmed = (head.str[:3] + state_column).isin(zip_prefix_states())
    short = short_head | short_nine
    result = zip_column.where(~compact.str.fullmatch(r"\d{5}(?:-\d{4})?"), compact)
    result = result.where(~nine, compact.str[:5] + "-" + compact.str[5:])
    result = result.where(~(short & confirmed), padded).astype(object)
    result = result.where(~(short & ~confirmed), zip_column)
    reformatted = result.ne(zip_column) & ~short
    return result, reformatted, short & confirmed, short & ~confirmed


def zero_add_ons(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """ZIP+4 of zeros ('07102-0000', as a CRM pads every ZIP to nine digits) -> its five digits: no USPS
    add-on is 0000, and the line was sent so, to a vendor or carrier that may refuse it (found by
    hunter-sheets28). Also returns the cells changed."""
    zeros = by_unique(column, lambda c: fullmatch_mask(c, r"\d{5}-0000", na=False))
    return column.where(~zeros, column.str[:5]), zeros
