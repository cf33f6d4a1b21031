"""What a farewell list says of its leavers (:mod:`..skipped.farewell`): a warning on each row sent whose
note or status says the person resigned, retired or left ('Resigned 11/20', 'Retired', a passed 'Last Day'),
which a list of another occasion leaves out; an error asking on each row whose words say the person was let
go ('Terminated 11/20', 'Laid off') or whose 'Termination Date' has passed. Each was left out, nobody asked
(review75's Found 1; the lead's decision of session 51)."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

import pandas as pd

from ...models import Problem
from ...statuses import NOT_YET_REASON
from ..skipped import _short
from ..skipped.dates import _GONE_ON
from ..skipped.days import _dates
from ..skipped.farewell import (
    _LET_GO_SAID,
    ASKED,
    SENT,
    day_column_reading,
    farewell_reading,
    let_go_to_come,
    says_a_last_day,
)
from ..skipped.languages import plain_key
from .askingnote import asked_of, asking_headers, said_out

KIND = "A farewell list's leaver"
_SENT = (
    "the list is a farewell list (its title says so), whose leavers are its recipients: the card is sent. "
    "If this person is not to get one, write 'do not send' in its place."
)
_ASKED = (
    "the list is a farewell list (its title says so), and this person {how}: is this farewell card to be "
    "sent? Check, then write 'send' or 'do not send' in '{header}' in its place."
)
_DAY_ASKED = (
    "the list is a farewell list (its title says so), and this person's '{header}' has passed: is this "
    "farewell card to be sent? Check, then clear '{header}' to send it, or write 'do not send' in a note."
)


def _problem(row: int, header: str, text: str, reading: str, day_column: bool = False) -> Problem:
    says = f"'{text}'" if day_column else f"says '{_short(text, 60)}'"
    if reading == SENT:
        message = f"Row {row}, column '{header}': {says}: {_SENT}"
    elif day_column:
        message = f"Row {row}, column '{header}': {says}: " + _DAY_ASKED.format(header=header)
    else:
        how = "was let go" if _LET_GO_SAID.search(text) else "left, and more is said"
        message = f"Row {row}, column '{header}': {says}: " + _ASKED.format(how=how, header=header)
    return Problem(row, header, text, "warning" if reading == SENT else "error", message, KIND)


def _row_problem(
    body: pd.DataFrame, row: int, remarks: list[str], days: list[str], why: str, today: date
) -> Problem:
    """The problem of a ``row`` the farewell list sends where another list leaves it out (``why``): an
    error where a column says the person was let go, or says more, or its leaving day is a termination's; a
    warning where a column names a leaver and none asks; an error quoting ``why`` where no column says
    which (nothing spared is sent unsaid)."""
    found: list[Problem] = []
    for header in remarks:
        text = str(body.at[row, header]).strip()
        reading = farewell_reading(text)
        if reading:
            found.append(_problem(row, header, text, reading))
    for header in days:
        text = str(body.at[row, header]).strip()
        if bool((_dates(pd.Series([text])) <= pd.Timestamp(today)).fillna(False).iloc[0]):
            found.append(_problem(row, header, text, day_column_reading(header), True))
    if not found:  # ('Active - leaving 11/15': its last day's, spared by ..skipped.leavingday.left_by)
        lastday = next((h for h in remarks if says_a_last_day(str(body.at[row, h]).strip())), None)
        if lastday is not None:
            found.append(_problem(row, lastday, str(body.at[row, lastday]).strip(), SENT))
    errors = [p for p in found if p.severity == "error"]
    if errors or found:
        return (errors or found)[0]
    message = (
        f"Row {row}: the list is a farewell list (its title says so), and {why}: is this farewell card to be "
        "sent? Check, then write 'send' or 'do not send' in its place."
    )
    named = re.search(r"column '([^']+)'", why)
    return Problem(row, named[1] if named else next(iter(remarks), ""), why, "error", message, KIND)


def farewell_problems(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: Collection[int], today: date
) -> list[Problem]:
    """On a farewell list, the warning or the error of each row not left out that another list leaves out
    by its note, status or passed leaving day (:func:`_row_problem`), and the error of each whose note says
    only the person is let go on a day to come (:func:`..skipped.farewell.let_go_to_come`: sent on another
    list until then). A leaver's day to come warns of nothing (sent on any list until then)."""
    # (every column no field reads: at least those ..skipped.said spares a farewell list's leavers in)
    remarks = [h for h in body.columns if h not in column_map and plain_key(str(h)) not in _GONE_ON]
    days = [h for h in body.columns if h not in column_map and plain_key(str(h)) in _GONE_ON]
    days = [h for h in days if day_column_reading(str(h))]
    said: dict[int, Problem] = {}
    for row, why in said_out(column_map, today)(body).items():
        if int(row) not in not_judged and not why.startswith(
            NOT_YET_REASON
        ):  # (a row held is held there too)
            said[int(row)] = _row_problem(body, row, remarks, days, why, today)
    # ... and of each row another list asks of whose remark names a leaver ('On notice', 'Serving notice':
    # sent here, a warning saying so; the lead's closing note of session 52, review79)
    headers = asking_headers(body, column_map)
    for row, (header, text) in asked_of(body[headers], column_map, today).items() if headers else ():
        if row not in not_judged and row not in said and farewell_reading(text) == SENT:
            said[row] = _problem(row, header, text, SENT)
    for header in remarks:
        column = body[header].astype(str).str.strip()
        for row in column.index[column.map(lambda text: let_go_to_come(text, today)).astype(bool)]:
            if int(row) not in not_judged and int(row) not in said:
                said[int(row)] = _problem(int(row), header, column[row], ASKED)
    return [said[row] for row in sorted(said)]


__all__ = ["ASKED", "KIND", "SENT", "farewell_problems"]
