"""States and the US written out in full ('Massachusetts', 'United States'), or the US by its ISO number
('840'): read as their codes without a warning on each row (bulkship.validate.prepare), and said once here,
for each column, as a notice."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np
import pandas as pd

from ..validate.usps import STATE_NAMES, STATES_SPELLED_OUT, US_NUMBERED, US_SPELLED_OUT

SHOWN_NAMES = 3  # names a notice shows of a column's


def spelled_out_notices(
    body: pd.DataFrame,
    column_map: Mapping[str, str],
    fallback: Mapping[str, str],
    not_judged: Collection[int],
) -> list[str]:
    """One line for each state or country column writing states or the US out in full, naming a few."""
    codes = {name.casefold(): code for code, name in STATE_NAMES.items()}
    judged = ~body.index.isin(list(not_judged)) if not_judged else None
    notices = []
    for field, names, what in (
        ("state", STATES_SPELLED_OUT, "writes states out in full"),
        ("country", US_SPELLED_OUT, "writes the country out in full"),
        ("country", US_NUMBERED, "writes the country as its ISO 3166 number"),
    ):
        headers = [h for h, f in column_map.items() if f == field] + [fallback.get(field, "")]
        for header in dict.fromkeys(h for h in headers if h in body.columns):
            cells = body[header] if judged is None else body[header][judged]
            # each distinct cell read once, and counted (a 100k-row column holds a few dozen)
            at, distinct = pd.factorize(cells.astype(str), use_na_sentinel=False)
            texts = pd.Series(distinct, dtype=object).str.strip()
            spelled = texts.str.casefold().isin(names).to_numpy()
            if not spelled.any():
                continue
            counts = pd.Series(np.bincount(at, minlength=len(distinct))[spelled], index=texts[spelled])
            counts = counts.groupby(level=0, sort=False).sum().sort_values(ascending=False, kind="stable")
            shown = ", ".join(
                f"{name} as {codes.get(name.casefold(), 'US')}" for name in counts.index[:SHOWN_NAMES]
            )
            more = f" and {len(counts) - SHOWN_NAMES} more" if len(counts) > SHOWN_NAMES else ""
            rows = int(counts.sum())
            notices.append(
                f"Column '{header}' {what} on {rows:,} row(s), each read as its code "
                f"({shown}{more}): said here once, not as a warning on every row."
            )
    return notices
