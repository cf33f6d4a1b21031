"""A company written on a group's first row only: a Salesforce report grouped by account (a 'Formatted
report' export, or a hand-made list sorted by company) writes the account on the first contact's row and
leaves it empty on the rows under it, at the same street, then a 'Subtotal' row. The second and third
contacts' cards went out with no company line, nothing said (newcomer22's N6, given to hunter-sheets32).
An empty Company under a filled one, on the rows that follow it at the very same street (line 1, line 2,
city and ZIP as written), reads the company above, each row warned as a cell merged down is. A row at
another street, or with no street, ends the group (a 'Subtotal' row has none). A row of the first row's
family name at a home's street is its household, not the company's contact: Jane Doe's employer was
printed on John Doe's parcel to their home (review58's file, newcomer24's leftover, mended by newcomer25);
at a suite, floor or building (a family business's office) it is read down still."""

from __future__ import annotations

import re

import pandas as pd

from ..models import Problem

_PLACE = ("address1", "address2", "city", "zip")
KIND = "Company read from the row above"
# An office's street: a suite, floor, building or department ('1450 Commerce Pkwy Suite 210', 'Fl 3')
_AN_OFFICE = re.compile(r"(?i)\b(?:suite|ste|floor|fl|bldg|building|dept|department|room|rm)\b\.?\s*#?\w")


def company_read_down(
    body: pd.DataFrame, column_map: dict[str, str], letters: dict[str, str]
) -> tuple[list[Problem], list[str]]:
    """Fill, in ``body``, each empty Company cell whose row follows rows at the same street the first of
    which names the company: a warning for each, and a notice saying so once."""
    fed = {field: header for header, field in column_map.items()}
    company, street = fed.get("company"), fed.get("address1")
    if company is None or street is None or len(body) < 2:
        return [], []
    cells = body[company].fillna("").astype(str)
    empty = cells.str.strip().eq("")
    if not empty.any() or empty.all():
        return [], []
    places = [body[fed[f]].fillna("").astype(str).str.strip().str.casefold() for f in _PLACE if f in fed]
    place = places[0]
    for part in places[1:]:
        place = place + "\x1f" + part
    same = place.eq(place.shift()) & body[street].fillna("").astype(str).str.strip().ne("")
    read = cells.mask(empty & same).ffill().fillna("")
    household = _household(body, fed, empty & same)
    filled = empty & same & ~household & read.str.strip().ne("")
    if not filled.any():
        return [], []
    first = pd.Series(body.index, index=body.index).mask(empty & same).ffill()
    body.loc[filled, company] = read[filled]
    rows = body.index[filled].tolist()
    shown = ", ".join(str(row) for row in rows[:5]) + (f" and {len(rows) - 5} more" if len(rows) > 5 else "")
    letter = letters.get(company, "?")
    under = (
        f"the rows under it at the same street read it (rows {shown})"
        if len(rows) > 1
        else f"the row under it at the same street reads it (row {shown})"
    )
    said = (
        f"Column '{company}' ({letter}) is filled on a group's first row only, as a report grouped by "
        f"company writes it: {under}."
    )
    return [
        Problem(
            int(row),
            "company",
            "",
            "warning",
            f"Row {row}, column '{company}': empty under '{read[row]}' (row {int(first[row])}) at the same "
            f"street; read as {read[row]}.",
            KIND,
        )
        for row in rows
    ], [said]


def _household(body: pd.DataFrame, fed: dict[str, str], under: pd.Series) -> pd.Series:
    """The rows ``under`` a group's first row that carry its family name at a street that is no office's:
    the first row's household (a spouse at the same home), not another contact of its company."""
    from ..validate.names import _family_of

    if "last_name" in fed:
        family = body[fed["last_name"]].fillna("").astype(str).str.strip()
    elif "name" in fed:
        family = body[fed["name"]].fillna("").astype(str).map(_family_of)
    else:
        return pd.Series(False, index=body.index)
    family = family.str.casefold()
    first = family.mask(under).ffill().fillna("")
    street = body[fed["address1"]].fillna("").astype(str)
    if "address2" in fed:
        street = street + " " + body[fed["address2"]].fillna("").astype(str)
    office = street.str.contains(_AN_OFFICE)
    return under & family.ne("") & family.eq(first) & ~office
