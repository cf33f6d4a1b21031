"""What the whole list shows, read once for all its columns: whether it is a form's export, a shop's
orders or a patients' list, which sent columns name an earlier round's year,
and whether it comes round every year."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date
from functools import cached_property

import pandas as pd

from ..columnkeys import flag_key, person_status
from ..flags import STAMPED, SUBMITTED_AT
from ..languages import plain_key
from ..leavingday import farewell_list
from ..noteheaders import _note_header
from ..rounds import comes_round
from ..sent import _CARD_STATUS, _SENT_ANSWERED, _SENT_FLAGS, _SENT_ON
from ..statusheaders import names_patients, shop_orders

# A survey's own 'Status' beside its submit stamps (Alchemer's Complete, Partial, Disqualified): 'Complete'
# there says the response was finished, no card done; read as 'Done', every answer of a 'fill in our survey,
# get a card' export was left out (found by hunter-falsealarm2). Its other words are read as a status's are
_STATUS = plain_key("status")
_RESPONSE_COMPLETE = re.compile(r"(?i)\s*complete[d]?\s*")


def _a_form_export(body: pd.DataFrame, column_map: Mapping[str, str]) -> bool:
    """Whether the list is a form's export: a column stamping when each response was submitted, with the time
    of day (:data:`..flags.STAMPED`)."""
    for header in body.columns:
        if header in column_map or flag_key(str(header)) not in SUBMITTED_AT:
            continue
        column = body[header].astype(str).str.strip()
        filled = column[column.ne("")]
        if not filled.empty and filled.str.match(STAMPED).all():
            return True
    return False


# A year in a header ('2025 Gift Sent', 'Gift Sent (2024)')
_A_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _earlier_rounds(headers: Collection[object], today: date) -> set[object]:
    """The columns saying a card went that name a year of an earlier round: one before another such
    column's year ('2024 Gift Sent' beside '2025 Gift Sent' and '2026 Gift Sent', an annual tracker's), or
    before last year. That card is not this one: read as this year's, every person who had one was left out
    (found by hunter-falsealarm2). Last year's alone is still read: a December list run in January is it."""
    dated: dict[object, int] = {}
    for header in headers:
        years = _A_YEAR.findall(str(header))
        if len(years) != 1:
            continue
        key = flag_key(str(header))
        if any(key in said for said in (_SENT_FLAGS, _SENT_ON, _SENT_ANSWERED)):
            dated[header] = int(years[0])
    # a year still to come is no round's: next year's column made ahead (empty) turned this year's cards into
    # an earlier round's, each sent a second time (found by review30)
    latest = max((year for year in dated.values() if year <= today.year), default=0)
    return {header for header, year in dated.items() if year < latest or year < today.year - 1}


def _comes_round(body: pd.DataFrame, column_map: Mapping[str, str], titles: Collection[str]) -> bool:
    """Whether the list comes round every year (:func:`..rounds.comes_round`), by its headers, its titles
    (the sheet's name, the lines above its header) or the notes of the columns no field reads, a status's
    remark too ('Active - card sent last year', read as a note is: .remarks)."""
    notes = (
        text
        for header in body.columns
        if header not in column_map
        and (
            _note_header(str(header), body[header])
            or person_status(str(header))
            or flag_key(str(header)) in _CARD_STATUS
        )
        for text in body[header].astype(str).drop_duplicates().tolist()
    )
    return comes_round(body.columns, list(notes), titles)


class TheList:
    """The list whose columns are read: what it shows as a whole, each read once, when a column first asks."""

    def __init__(
        self, body: pd.DataFrame, column_map: Mapping[str, str], today: date, titles: Collection[str]
    ) -> None:
        self.body, self.column_map, self.today, self.titles = body, column_map, today, titles

    @cached_property
    def form_export(self) -> bool:
        """Whether the list is a form's export (its 'Status' = Complete says the response was finished)."""
        return _a_form_export(self.body, self.column_map)

    @cached_property
    def shop(self) -> bool:
        """Whether the list is a shop's orders (:func:`..statusheaders.shop_orders`)."""
        return shop_orders(self.body.columns)

    @cached_property
    def patients(self) -> bool:
        """Whether the list names patients (:func:`..statusheaders.names_patients`)."""
        return names_patients(self.body.columns)

    @cached_property
    def rounds(self) -> bool:
        """Whether the list comes round every year (:func:`_comes_round`)."""
        return _comes_round(self.body, self.column_map, self.titles)

    @cached_property
    def farewell(self) -> bool:
        """Whether a title names the list one of people leaving (:func:`..leavingday.farewell_list`)."""
        return farewell_list(self.titles)

    @cached_property
    def earlier(self) -> set[object]:
        """The sent columns naming an earlier round's year (:func:`_earlier_rounds`): not read."""
        return _earlier_rounds(self.body.columns, self.today)
