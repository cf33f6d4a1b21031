"""The days a column names read ('Date Sent', 'Send Date', 'Termination Date', 'Sent?' = 'Later - 11/20'):
a day still to come holds the row or is no day it went, a day passed sends it or says it went."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..dates import _GONE_ON, _NO_DATE, _NO_SENT_DATE, _NOT_BEFORE, _SCHEDULED_OR_DONE, DAY_IT_MAY_HAVE_GONE
from ..days import _gone_that_day, _holds, _later_than_today
from ..goonday import to_go_on
from ..sent import _CARD_NUMBER, _SENT_ANSWERED, _SENT_FLAGS, _SENT_ON, _TRACKING, CARD_NUMBER_SAID, ON_HOLD
from .reasons import Masks


def read_days(masks: Masks, column: pd.Series, key: str, today: date) -> None:
    """Weighs in ``masks`` the days the distinct texts ``column`` (the header ``key``) name, on ``today``."""
    said, not_sent, not_yet, ahead, passed, went = (
        masks.said, masks.not_sent, masks.not_yet, masks.ahead, masks.passed, masks.went,
    )  # fmt: skip
    if key in _GONE_ON and said.any():  # leaving next quarter: still here (found by newcomer8)
        said &= ~_later_than_today(column, today) & ~column.str.fullmatch(_NO_DATE)
    if key in _SENT_ON and said.any():  # a date still to come: when it is to go out, not when it went
        # ... and a date column's way of saying none: '00/00/0000', or the 0 of a lookup's empty cell as
        # an XLSX keeps it ('00:00:00'), left the row out as sent (found by review25); not a 1 under a
        # date format (1900-01-01), which may be 'done' (review30)
        said &= ~column.str.fullmatch(_NO_SENT_DATE)
        # ... which is no day a card went: 'Date Sent' = Dec 20 was ordered on Dec 4 (found by
        # hunter-sheets11); held 'until then', the run on Dec 20 read it as sent already, the person left
        # out (found by review25): the row is left out saying to put the day under 'Send Date'
        ahead = said & _later_than_today(column, today) if key not in _TRACKING else None
        if key in _CARD_NUMBER:
            said &= column.str.contains(CARD_NUMBER_SAID)
    if key in _NOT_BEFORE and said.any():  # not yet: a date passed, or none, sends it now
        holds, dated, days = _holds(column, today)
        said &= dated if key in _SCHEDULED_OR_DONE else holds
        not_yet = said & dated
        if key in DAY_IT_MAY_HAVE_GONE:  # ... unless that day may be the one it went
            passed, went = _gone_that_day(column, days, today)
            said |= passed | went
    if key in _SENT_FLAGS or key in _SENT_ANSWERED:  # 'Sent?' = 'Later - 11/20': the day it is to go
        held, gone, planned = to_go_on(column, today)
        said &= ~planned  # 'By 12/20': a day to go by, no sending (hunter-sheets18)
        on_hold = column.str.match(ON_HOLD)  # 'Hold for address': not to send, nor sent
        if on_hold.any():
            said |= on_hold
            not_sent = on_hold if not_sent is None else not_sent | on_hold
        if held.any() or gone.any():
            said |= held | gone
            not_yet = held if not_yet is None else not_yet | held
            passed = gone if passed is None else passed | gone
        # ... and a date to come ('Sent?' = 12/20/2026 on Dec 5) is no day it went, as under 'Date Sent'
        # (found by hunter-sheets20: said sent already)
        if key not in _SENT_ON and said.any():
            later = said & ~held & ~gone & _later_than_today(column, today)
            ahead = later if ahead is None else ahead | later
    masks.said, masks.not_sent, masks.not_yet = said, not_sent, not_yet
    masks.ahead, masks.passed, masks.went = ahead, passed, went
