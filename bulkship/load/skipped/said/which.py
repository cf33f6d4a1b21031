"""How a column's cells are read, by its header alone: the words that leave a row out there, whether the
column picks the eligible rows (so that rows hidden on purpose are not left out by it), or none (not read)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ....columns.meaning import asks_which
from ..columnkeys import _LEAVES_OUT, flag_key, person_status
from ..flags import _ELIGIBLE_FLAGS, _SAYS_NO, _filter_header
from ..holdflags import _SAYS_YES
from ..marks import _NO_HEADER
from ..noteheaders import _note_header
from ..notes import _NOTE_SAYS_NO
from ..otherpeople import (
    SAYS_GONE_ELSEWHERE,
    SAYS_HOLDER_DIED,
    SAYS_REGISTRATION_ENDED,
    event_status,
    held_thing_status,
    other_people_status,
)
from ..questions import (
    SAYS_DONATION,
    SAYS_NO_GIFT,
    asks_for_donation,
    asks_not_to_send,
    asks_whether_to_send,
    gift_choice_header,
)
from ..relation import RELATIONSHIP
from ..status import _SAYS_LEFT, SAYS_LEFT_BY_CODE
from ..statusheaders import status_code_header


@dataclass(frozen=True)
class Reading:
    """How a column is read: ``key`` its header folded, ``says`` the words leaving its row out,
    ``eligible`` whether it picks the eligible rows, ``relation`` whether its cells are each person's relation
    to the member, read by their remark (:mod:`..relation`)."""

    key: str
    says: re.Pattern[str]
    eligible: bool
    relation: bool = False


def read_as(
    header: Any, column_map: Mapping[str, str], beyond: Collection[str], cells: Iterable[object] = ()
) -> Reading | None:
    """How the column ``header`` is read (``column_map``: the columns read as the order's fields; ``beyond``:
    a CSV's columns past its header's fields; ``cells``: its cells, which tell a 'Description' of remarks),
    or None when it says nothing of sending."""
    key = flag_key(str(header))
    says = _LEAVES_OUT.get(key)
    eligible = key in _ELIGIBLE_FLAGS
    if says is None and asks_not_to_send(str(header)):  # 'I do not want a gift card' = Yes
        says = _SAYS_YES
    if says is None and (_filter_header(str(header)) or asks_whether_to_send(str(header))):
        says, eligible = _SAYS_NO, True
    unheaded = header not in beyond and _NO_HEADER.fullmatch(str(header)) is not None
    if says is None and (_note_header(str(header), cells) or unheaded):
        says = _NOTE_SAYS_NO  # ... and a note typed beside the list, its column with no header (found by
        # hunter-sheets9: 'do not send - left' there, or 'DO NOT SEND' down a side column, was ordered)
    relation = says is None and RELATIONSHIP.fullmatch(str(header)) is not None
    if relation:  # 'Relationship' = 'Employee - declined', 'Spouse (declined)'
        says = _NOTE_SAYS_NO
    if says is None and person_status(str(header)):
        says = SAYS_LEFT_BY_CODE if status_code_header(str(header)) else _SAYS_LEFT
    if says is None and event_status(str(header)):  # 'Registration Status' = Cancelled
        says = SAYS_REGISTRATION_ENDED
    if says is None and other_people_status(str(header)):  # 'Donor Status' = Deceased
        says = SAYS_GONE_ELSEWHERE
    if says is None and held_thing_status(str(header)):  # 'Account Status' = Deceased
        says = SAYS_HOLDER_DIED
    if says is None and asks_for_donation(str(header)):  # 'Gift card or donation?' = Donation
        says = SAYS_DONATION
    if says is None and gift_choice_header(str(header)):  # 'Gift choice' = No gift, thanks
        says = SAYS_NO_GIFT
    # ... also where that choice is the card ordered ('Which gift card would you like?' read as the
    # Product): 'No gift, thanks' there is no card to fix but a no
    chosen_card = column_map.get(header) == "product" and (
        gift_choice_header(str(header)) or asks_which(str(header))
    )
    says = SAYS_NO_GIFT if chosen_card else says
    if (header in column_map and not chosen_card) or says is None:
        return None
    return Reading(key, says, eligible, relation)
