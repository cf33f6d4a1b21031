"""Rows the list itself says not to send, in a column nothing else reads: a yes/no column (:mod:`.flags`,
:mod:`.status`, :mod:`.dates`, :mod:`.sent`) or a note (:mod:`.notes`); which column is which, by its
header, is :mod:`.columnkeys`."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date

import pandas as pd

from ...columns.meaning import asks_which
from ...quoting import quoted
from ..cells import FORMULA_ERROR
from .clauses import _lines_say_no
from .columnkeys import _LEAVES_OUT, flag_key, person_status
from .copies import DUPLICATE_FLAGS, first_of_each_copied_person
from .dates import (
    _GONE_ON,
    _NO_DATE,
    _NO_SENT_DATE,
    _NOT_BEFORE,
    _SCHEDULED_OR_DONE,
    DAY_IT_MAY_HAVE_GONE,
)
from .days import _gone_that_day, _holds, _later_than_today, _note_not_yet, to_go_on
from .flags import (
    _ACTIVE_FLAGS,
    _ELIGIBLE_FLAGS,
    _SAYS_NO,
    _SAYS_NO_OR_NA,
    _SAYS_YES,
    _SEND_FLAGS,
    NO_APPROVAL_NEEDED,
    STAMPED,
    SUBMITTED_AT,
    _filter_header,
    approval_header,
    kept_under,
    takes_rows_off,
)
from .headings import _SEND_HEADING
from .kinds import (
    _SAYS_CARD_MADE,
    _SAYS_DAY_PASSED,
    _SAYS_NOT_TO_SEND,
    _SAYS_NOT_YET,
    _SAYS_SENT_AHEAD,
    _SAYS_SENT_ALREADY,
)
from .languages import plain_key, straight_quotes
from .leavingday import left_by
from .marks import _NO_HEADER
from .notes import _NOTE_SAYS_NO, _UNDONE, _note_header
from .otherpeople import SAYS_GONE_ELSEWHERE, other_people_status
from .questions import (
    NOT_RECEIVED_FLAGS,
    SAYS_DONATION,
    SAYS_NO_GIFT,
    asks_for_donation,
    asks_not_to_send,
    asks_whether_to_send,
    gift_choice_header,
)
from .rounds import comes_round, told_of_earlier_rounds
from .sent import (
    _CARD_NUMBER,
    _CARD_STATUS,
    _SENT_ANSWERED,
    _SENT_FLAGS,
    _SENT_ON,
    _SHIPMENT,
    _TRACKING,
    CARD_NUMBER_SAID,
    ON_HOLD,
)
from .status import (
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
    SAYS_CARD_MADE,
    SAYS_CARD_WENT,
    SAYS_LEFT_BY_CODE,
    SAYS_NOT_SENT_YET,
    SAYS_SHIPMENT_FAILED,
    SAYS_SOMETHING_ELSE_SENT,
    SAYS_WENT_OUT,
    SHOP_PROCESSING,
    SHOP_STATUS,
    SHOP_UNPAID,
    employment_header,
    names_patients,
    shop_orders,
    status_code_header,
)
from .ticks import _crossed_beside_ticks, _dittos_filled, _not_ticked

# A survey's own 'Status' beside its submit stamps (Alchemer's Complete, Partial, Disqualified): 'Complete'
# there says the response was finished, no card done; read as 'Done', every answer of a 'fill in our survey,
# get a card' export was left out (found by hunter-falsealarm2). Its other words are read as a status's are
_STATUS = plain_key("status")
_RESPONSE_COMPLETE = re.compile(r"(?i)\s*complete[d]?\s*")


def _a_form_export(body: pd.DataFrame, column_map: dict[str, str]) -> bool:
    """Whether the list is a form's export: a column stamping when each response was submitted, with the time
    of day (:data:`.flags.STAMPED`)."""
    for header in body.columns:
        if header in column_map or flag_key(str(header)) not in SUBMITTED_AT:
            continue
        column = body[header].astype(str).str.strip()
        filled = column[column.ne("")]
        if not filled.empty and filled.str.match(STAMPED).all():
            return True
    return False


# A person's status inactive for a leave ('Inactive - On Leave', 'Inactive (LOA)'; Spain's 'Baja médica',
# 'Baja por maternidad', a sick or parental leave): the person is still here, and a leave of any kind sends
# (the README); read as 'Inactive' and 'Baja' alone, each was left out as gone (found by hunter-falsealarm2)
_INACTIVE_ON_A_LEAVE = re.compile(
    rf"(?i)\s*{_CODED}(?:inactiv[eoa]|baja)\W*(?:(?:on|en|de)\s+)?(?:(?:a\s+)?(?:paid|unpaid|medical|sick|"
    r"parental|maternity|paternity|family|military|disability)\s+)?(?:leave|loa|fmla|m[ée]dica|temporal|"
    r"por\s+(?:enfermedad|maternidad|paternidad|incapacidad|accidente))\b.*"
)
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
    """Whether the list comes round every year (:func:`.rounds.comes_round`), by its headers, its titles
    (the sheet's name, the lines above its header) or the notes of the columns no field reads."""
    notes = (
        text
        for header in body.columns
        if header not in column_map and _note_header(str(header))
        for text in body[header].astype(str).drop_duplicates().tolist()
    )
    return comes_round(body.columns, list(notes), titles)


def _said_not_to_send(
    body: pd.DataFrame,
    column_map: dict[str, str],
    on_purpose: Collection[int] = (),
    kept: Mapping[str, Mapping[int, str]] | None = None,
    today: date | None = None,
    beyond: Collection[str] = (),
    titles: Collection[str] = (),
) -> dict[int, str]:
    """Rows the list itself says not to send, in a column nothing else reads ("Send?" = "NO - left
    company", "Do Not Send" = "X"): row -> the reason, quoting the cell. ``on_purpose``: hidden rows
    --include-hidden orders, which an eligibility column (the autofilter's, usually) does not leave out.
    ``kept``: the text not struck of cells partly struck through (header -> row -> text), which is what they
    say: "~~Yes~~ No" is No (found by review11: read "Yes No", the row was ordered). ``today``: the day its
    dates are judged by (default: this machine's). ``beyond``: a CSV's columns past its header's fields (a
    comma outside quotes made them), which are no notes of their own. ``titles``: the sheet's name and the
    lines above its header, which may say the list comes round every year (:func:`_comes_round`)."""
    today = today or date.today()
    found: dict[int, str] = {}
    shop: bool | None = None  # (read when a status column asks)
    rounds: bool | None = None  # whether the list comes round every year (read at the first note column)
    earlier = _earlier_rounds(body.columns, today)
    for header in body.columns:
        if header in earlier:
            continue
        key = flag_key(str(header))
        says = _LEAVES_OUT.get(key)
        eligible = key in _ELIGIBLE_FLAGS
        if says is None and asks_not_to_send(str(header)):  # 'I do not want a gift card' = Yes
            says = _SAYS_YES
        if says is None and (_filter_header(str(header)) or asks_whether_to_send(str(header))):
            says, eligible = _SAYS_NO, True
        unheaded = header not in beyond and _NO_HEADER.fullmatch(str(header)) is not None
        if says is None and (_note_header(str(header)) or unheaded):
            says = _NOTE_SAYS_NO  # ... and a note typed beside the list, its column with no header (found by
            # hunter-sheets9: 'do not send - left' there, or 'DO NOT SEND' down a side column, was ordered)
        if says is None and person_status(str(header)):
            says = SAYS_LEFT_BY_CODE if status_code_header(str(header)) else _SAYS_LEFT
        if says is None and other_people_status(str(header)):  # 'Donor Status' = Deceased
            says = SAYS_GONE_ELSEWHERE
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
            continue
        column = body[header].astype(str)
        if kept and header in kept:
            at = [row for row in kept[header] if row in column.index]
            column = column.copy()
            column.loc[at] = [kept[header][row] for row in at]
        if eligible and on_purpose:
            column = column.drop(index=list(on_purpose), errors="ignore")
        typed, column = column, _dittos_filled(column)
        # each distinct text is read once (a column of a few answers over 100k rows read each cell's regexes
        # 100k times: 2 s a column, again at each fix on the web page's review); ``codes`` maps rows to texts
        whole = column
        codes, distinct = pd.factorize(column, use_na_sentinel=False)
        column = straight_quotes(pd.Series(distinct, dtype=whole.dtype))  # 'Don’t send' is "Don't send"
        sent_already = any(key in f for f in (_SENT_FLAGS, _SENT_ON, _SENT_ANSWERED, NOT_RECEIVED_FLAGS))
        why = _SAYS_SENT_ALREADY if sent_already else _SAYS_NOT_TO_SEND
        said = column.str.match(says)
        if key == _STATUS and said.any() and _a_form_export(body, column_map):
            said &= ~column.str.fullmatch(_RESPONSE_COMPLETE)
        if says in (_SAYS_GONE, _SAYS_LEFT, SAYS_LEFT_BY_CODE, SAYS_GONE_ELSEWHERE) and said.any():
            # ... nor 'Sent invite' (something else went) nor 'Returned mail - address updated'
            for sends in (_INACTIVE_ON_A_LEAVE, SAYS_SOMETHING_ELSE_SENT, MAIL_PUT_RIGHT):
                said &= ~column.str.fullmatch(sends)
            if column.str.fullmatch(NAMES_SCHOOL_PEOPLE).any():  # 'Alumni' beside 'Parent': a graduate
                said &= ~column.str.fullmatch(ALUM)
            leaving = said & column.str.match(LEAVING_ON)  # 'Terminated 1/15/2027': still here until then
            if leaving.any():
                day = column.str.extract(A_DAY_IN, expand=False).fillna("")
                said &= ~(leaving & _later_than_today(day, today))
        if says in (_SAYS_GONE, _SAYS_LEFT, SAYS_LEFT_BY_CODE):  # 'Active - leaving 11/30': gone since
            said |= left_by(column, today)
            if employment_header(str(header)):  # 'Employee Status' = Quit
                said |= column.str.fullmatch(EMPLOYMENT_ENDED)
        if says in (_SAYS_GONE, _SAYS_LEFT, SAYS_LEFT_BY_CODE) and names_patients(body.columns):
            # 'Discharged' beside 'MRN': left the hospital; 'Expired', 'Discharged - expired': died
            said = (said & ~column.str.fullmatch(DISCHARGED)) | column.str.fullmatch(PATIENT_DIED)
        if says is _SAYS_YES and said.any() and takes_rows_off(str(header)):  # 'Delete?' = Keep
            said &= ~column.str.fullmatch(kept_under(str(header)))
        if says is _SAYS_NO and said.any() and approval_header(str(header)):  # 'Approved?' = Not required
            said &= ~column.str.fullmatch(NO_APPROVAL_NEEDED)
        if says in (_SAYS_NO, _SAYS_NO_OR_NA):  # '☒' down a column of '☑': a crossed box is no (review24)
            said |= _crossed_beside_ticks(column)
        not_sent = made = went_out = None
        if key in _CARD_STATUS:  # "Gift Status" = Cancelled, Declined, On hold (found by review11: ordered)
            made = column.str.match(SAYS_CARD_MADE)
            if key in _SHIPMENT:  # 'Delivery Status' = Failed: a card made, as 'Delivery failed'
                made |= column.str.match(SAYS_SHIPMENT_FAILED)
            # (a card come back, 'Return to sender', is one made, not a person's mail that fails)
            not_sent = column.str.match(_SAYS_GONE) & ~said & ~made
            made &= ~said
            said = (said | not_sent | made) & ~column.str.fullmatch(SAYS_NOT_SENT_YET)
        if key in SHOP_STATUS and (key in _CARD_STATUS or says is _SAYS_GONE) and shop is None:
            shop = shop_orders(body.columns)
        if key in SHOP_STATUS and (key in _CARD_STATUS or says is _SAYS_GONE) and shop:
            # a shop's paid order, its failed payment
            unpaid = column.str.fullmatch(SHOP_UNPAID)
            said = (said & ~column.str.fullmatch(SHOP_PROCESSING)) | unpaid
            not_sent = unpaid if not_sent is None else not_sent | unpaid
        if key in _CARD_STATUS or says is _SAYS_GONE:  # 'Send Status' = Sent: sent already, not 'not to send'
            went_out = column.str.match(SAYS_WENT_OUT if key in _CARD_STATUS else SAYS_CARD_WENT)
        # ... as under another person's status ('Current Status' = Sent: hunter-sheets12, ordered again)
        if says in (_SAYS_LEFT, SAYS_LEFT_BY_CODE):
            went_out = column.str.match(SAYS_CARD_WENT) & ~column.str.fullmatch(SAYS_SOMETHING_ELSE_SENT)
            said |= went_out
        # a list of retirees or former staff: no row is chosen out; also where most say No and the others
        # are blank (one cell left empty left everyone else out: found by review11)
        if (
            key in _ACTIVE_FLAGS
            and (said | column.str.strip().eq("")).all()
            and 2 * said.to_numpy()[codes].sum() > len(codes)  # (most rows, not most texts)
        ):
            continue
        if key in _GONE_ON and said.any():  # leaving next quarter: still here (found by newcomer8)
            said &= ~_later_than_today(column, today) & ~column.str.fullmatch(_NO_DATE)
        not_yet = ahead = passed = went = None
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
        if says is _NOTE_SAYS_NO and rounds is None:  # (read once, at the first note column)
            rounds = _comes_round(body, column_map, titles)
        if says is _NOTE_SAYS_NO and said.any():  # "Removed - please send": it goes on to say send them
            said &= ~column.str.contains(_SEND_HEADING) & ~column.str.contains(_UNDONE)
            if rounds:  # 'Card sent last year' on a list that comes round every year: that year's card
                said &= ~told_of_earlier_rounds(column, said, today)
        if says is _NOTE_SAYS_NO:  # "Called 11/2\nDO NOT SEND": a line of its own says it
            # ... or 'Last day was 11/15', unless it says send
            said = _lines_say_no(column, said, today if rounds else None)
            says_send = column.str.contains(_SEND_HEADING) | column.str.contains(_UNDONE)
            said |= left_by(column, today) & ~says_send
        if says is _NOTE_SAYS_NO:  # "Do not send before Dec 15", "Send after 12/20": not yet, as a column
            held, dated = _note_not_yet(column, today)
            not_yet = dated & ~said
            said |= held
        if says is not _NOTE_SAYS_NO and said.any():  # 'Left 11/15 - still send', 'Sent - returned; resend'
            said &= ~column.str.contains(_SEND_HEADING)  # ... as a note saying so sends (hunter-falsealarm8)
        if "#" in "\x00".join(column.tolist()):  # a failed formula's error says nothing: an error on the row
            said &= ~column.str.fullmatch(FORMULA_ERROR)  # (..problems.rows._errors_where_rows_are_picked)
        said_rows = said.to_numpy()[codes]
        if key in DUPLICATE_FLAGS and said_rows.any():  # 'Duplicate' = TRUE on every copy: the first is sent
            said_rows &= ~first_of_each_copied_person(body.loc[whole.index], column_map, said_rows)
        at = codes[said_rows]  # the distinct text of each row said
        rows = whole.index[said_rows].tolist()
        # each mask and cell read once for the rows said, as lists: read one by one (series[row], nine times
        # a row) they took most of this function's time on a 100k-row tracking sheet
        kinds = [
            (kind, mask.to_numpy()[at].tolist())
            for kind, mask in (
                (_SAYS_NOT_TO_SEND, not_sent), (_SAYS_CARD_MADE, made), (_SAYS_SENT_ALREADY, went_out),
                (_SAYS_NOT_YET, not_yet), (_SAYS_SENT_AHEAD, ahead), (_SAYS_DAY_PASSED, passed),
                (_SAYS_SENT_ALREADY, went),
            )
            if mask is not None
        ]  # fmt: skip
        for i, (row, text, filled) in enumerate(zip(rows, typed.loc[rows], whole.loc[rows], strict=True)):
            reason = why
            for kind, marked in kinds:  # the last that holds names the reason
                reason = kind if marked[i] else reason
            cell = f"'{quoted(text.strip())}'"
            if text != filled:
                cell += f", the same as above: '{quoted(filled.strip())}'"
            found.setdefault(int(row), f"{reason} (column '{header}': {cell})")
    return found


def _not_picked(
    body: pd.DataFrame, column_map: dict[str, str], on_purpose: Collection[int] = ()
) -> dict[int, str]:
    """The rows a column of ticks leaves empty (:func:`_not_ticked`): row -> the reason. Judged after the
    totals rows and notes, whose tick cell is empty too."""
    found: dict[int, str] = {}
    for header in body.columns:
        key = flag_key(str(header))
        picks = (
            key in _SEND_FLAGS
            or key in _ELIGIBLE_FLAGS
            or (key not in _LEAVES_OUT and (_filter_header(header) or asks_whether_to_send(header)))
        )
        if header in column_map or not picks or key in _ACTIVE_FLAGS:
            continue
        column = _dittos_filled(body[header].astype(str).drop(index=list(on_purpose), errors="ignore"))
        for row in _not_ticked(column):
            found[row] = f"{_SAYS_NOT_TO_SEND} (column '{header}' ticks the rows to send; not this one)"
    return found
