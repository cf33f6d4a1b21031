"""A person's status read ('Status' = Terminated, 'Donor Status' = Deceased): the words saying the person
is gone, weighed against what the same cell or the list says otherwise (a leave, a leaving day to come, an
alum in a school's role, a patient discharged), and the words of leaving or quitting it adds."""

from __future__ import annotations

import re

import pandas as pd

from ..backlater import back_on_a_day_to_come
from ..days import _later_than_today
from ..leavingday import leaving_to_come, left_by, may_say_no
from ..otherpeople import SAYS_GONE_ELSEWHERE, SAYS_REGISTRATION_ENDED
from ..status import (
    _CODED,
    _SAYS_GONE,
    _SAYS_LEFT,
    A_DAY_IN,
    ALUM,
    DISCHARGED,
    EMPLOYMENT_ENDED,
    LEAVING_ON,
    MAIL_PUT_RIGHT,
    NAMES_SCHOOL_PEOPLE,
    PATIENT_DIED,
    SAYS_LEFT_BY_CODE,
    SAYS_SOMETHING_ELSE_SENT,
)
from ..statusheaders import employment_header
from .reasons import Masks
from .remarks import remarks_say_no
from .wholelist import TheList

# A person's status inactive for a leave ('Inactive - On Leave', 'Inactive (LOA)'; Spain's 'Baja médica',
# 'Baja por maternidad', a sick or parental leave): the person is still here, and a leave of any kind sends
# (the README); read as 'Inactive' and 'Baja' alone, each was left out as gone (found by hunter-falsealarm2)
_INACTIVE_ON_A_LEAVE = re.compile(
    rf"(?i)\s*{_CODED}(?:inactiv[eoa]|baja)\W*(?:(?:on|en|de)\s+)?(?:(?:a\s+)?(?:paid|unpaid|medical|sick|"
    r"parental|maternity|paternity|family|military|disability)\s+)?(?:leave|loa|fmla|m[ée]dica|temporal|"
    r"por\s+(?:enfermedad|maternidad|paternidad|incapacidad|accidente))\b.*"
)
# the words of a person's status, of a card's (whose 'Deceased' is the person's) and of other people's
_GONE = PERSON_STATUS = (_SAYS_GONE, _SAYS_LEFT, SAYS_LEFT_BY_CODE)


def read_person(
    masks: Masks, column: pd.Series, says: re.Pattern[str], header: object, the_list: TheList
) -> None:
    """Weighs ``masks.said`` of the distinct texts ``column`` of the status ``header`` (read for ``says``)."""
    said, today = masks.said, the_list.today
    if says in (*_GONE, SAYS_GONE_ELSEWHERE, SAYS_REGISTRATION_ENDED) and said.any():
        # ... nor 'Sent invite' (something else went) nor 'Returned mail - address updated'
        for sends in (_INACTIVE_ON_A_LEAVE, SAYS_SOMETHING_ELSE_SENT, MAIL_PUT_RIGHT):
            said &= ~column.str.fullmatch(sends)
        if column.str.fullmatch(NAMES_SCHOOL_PEOPLE).any():  # 'Alumni' beside 'Parent': a graduate
            said &= ~column.str.fullmatch(ALUM)
        leaving = said & column.str.match(LEAVING_ON)  # 'Terminated 1/15/2027': still here until then
        if leaving.any():
            day = column.str.extract(A_DAY_IN, expand=False).fillna("")
            # ... not a day the person comes back ('Terminated - rehired effective 1/15/2027': ..backlater)
            # ... nor words after its day saying no as a note would ('Terminated 1/15/2027 deceased', '... no
            # card', '... skip': found by review64, each ordered where under 'Notes' it is left out)
            after = column.str.replace(rf"^.*?{A_DAY_IN.pattern}", "", n=1, regex=True).str.strip(" .,;:-–—")
            # ... nor that may ('Terminated 1/15/2027 and deceased': no clause of its own; review66), as
            # ..leavingday.leaving_to_come reads a note's
            says_no = after.map(lambda words: bool(words) and may_say_no(words)).astype(bool)
            # ... nor asked ('Terminated 1/15/2027?', 'Resigned - last day 12/31?': sent, where under 'Notes'
            # each is left out: newcomer27)
            says_no |= column.str.contains("?", regex=False)
            said &= ~(
                leaving & _later_than_today(day, today) & ~back_on_a_day_to_come(column, today) & ~says_no
            )
    if says in _GONE:  # 'Active - leaving 11/30': gone since
        said |= left_by(column, today, the_list.farewell)
        # ... or a remark after it read as a note ('Returned - resend mailed 11/25', 'Active - deceased')
        said |= remarks_say_no(column, today if the_list.rounds else None)
        # ... but not a leaving to come alone, its clause cut at a dot ('Vol. term 1/15/2027': review64's
        # Found 2 in session 46, left out where under 'Notes' it is sent until its day; review66)
        said &= ~leaving_to_come(column, today)
        if employment_header(str(header)):  # 'Employee Status' = Quit
            said |= column.str.fullmatch(EMPLOYMENT_ENDED)
    if says in _GONE and the_list.patients:
        # 'Discharged' beside 'MRN': left the hospital; 'Expired', 'Discharged - expired': died
        said = (said & ~column.str.fullmatch(DISCHARGED)) | column.str.fullmatch(PATIENT_DIED)
    masks.said = said
