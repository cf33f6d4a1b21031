"""Streets written on two lines of their cells ('1 Market St' over 'Suite 14', as a CRM's 'Mailing Street'
keeps them): their second line is sent as Address Line 2 (bulkship.validate.normalize.street_lines) without
a warning on each row, and said once here, for the street column, as a notice. A third of a CRM's 2,000
contacts each carried that warning, the rows with a real problem lost among them (hunter-sheets18's L3,
found by newcomer8 with the states written in full, said once since 14cbfe0)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pandas as pd

from ..columns.fields import line_3_header
from ..quoting import quoted
from ..validate.addresslines import street_lines


def _column(body: pd.DataFrame, column_map: Mapping[str, str], field: str) -> pd.Series:
    header = next((h for h, f in column_map.items() if f == field), None)
    if header is None or header not in body.columns:
        return pd.Series("", index=body.index, dtype=object)
    return body[header].fillna("").astype(str)


def street_lines_notices(
    body: pd.DataFrame,
    column_map: Mapping[str, str],
    not_judged: Collection[int],
    defaults: Mapping[str, str] | None = None,
) -> list[str]:
    """One line for the street column whose cells of two lines or more have their later lines sent as
    Address Line 2, naming the first such row (none where a line 3 column joins line 2 instead).
    ``defaults``: the program's, which may give every row its city and state."""
    street = next((h for h, f in column_map.items() if f == "address1"), None)
    if street is None or street not in body.columns or line_3_header(body.columns, column_map) is not None:
        return []
    judged = body.index[~body.index.isin(list(not_judged))] if not_judged else body.index
    line1 = _column(body, column_map, "address1").loc[judged]
    line2 = _column(body, column_map, "address2").loc[judged]
    first, second, moved, _kept = street_lines(line1, line2, _column(body, column_map, "city").loc[judged])
    given = set(column_map.values()) | {field for field, value in (defaults or {}).items() if value}
    if moved.any() and not {"city", "state"} & given:
        # no City or State: a cell of lines is a whole address, split into its parts ('5 Harbor Rd' /
        # 'Portland, ME' beside a ZIP column: bulkship.validate.wholeaddress), or one not read for sure, an
        # error on its row ('Flat 2, 14 King St' / 'London SW1A 1AA' / 'United Kingdom' was said "sent as
        # line 2", found by newcomer21, N7), or the list lacks them: no line 2 is sent
        return []
    if not moved.any():
        return []
    row = int(moved.index[moved.to_numpy()][0])
    return [
        f"Column '{street}' writes the street on more than one line on {int(moved.sum()):,} row(s), Address "
        f"Line 2 empty there: each later line is sent as line 2 (row {row}: '{quoted(first[row].strip())}' "
        f"as line 1, '{quoted(second[row].strip())}' as line 2). Said here once, not as a warning on every "
        "row."
    ]
