"""Rows the list itself says not to send, in a column nothing else reads: a yes/no column (:mod:`.flags`,
:mod:`.status`, :mod:`.dates`, :mod:`.sent`) or a note (:mod:`.notes`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Mapping
from datetime import date

import pandas as pd

from ...columns.meaning import asks_which
from ...quoting import quoted
from ...schema import header_key
from ...validate.normalize import DITTO
from ..cells import FORMULA_ERROR
from .dates import (
    _FILLED,
    _GONE_ON,
    _NO_DATE,
    _NOT_BEFORE,
    _SCHEDULED_OR_DONE,
    DAY_IT_MAY_HAVE_GONE,
)
from .flags import (
    _ACTIVE_FLAGS,
    _ELIGIBLE_FLAGS,
    _HOLD_FLAGS,
    _SAYS_NO,
    _SAYS_NO_OR_NA,
    _SAYS_TEST_RESPONSE,
    _SAYS_YES,
    _SEND_FLAGS,
    _TEST_RESPONSE_FLAGS,
    MAILABLE_FLAGS,
    NOT_RECEIVED_FLAGS,
    OTHER_YES,
    PAYMENT_FLAGS,
    RESPONSE_STATUS,
    SAYS_NO_GIFT,
    SAYS_PAID_BACK,
    SUBMITTED_AT,
    _filter_header,
    asks_if_not_received,
    asks_if_received,
    asks_not_to_send,
    asks_whether_to_send,
    gift_choice_header,
    plain,
    plain_key,
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
from .marks import _NO_HEADER
from .notes import _A_DATE, _NOTE_FLAGS, _NOTE_SAYS_NO, _UNDONE
from .sent import (
    _SAYS_SENT,
    _SAYS_SENT_ANYHOW,
    _SENT_ANSWERED,
    _SENT_FLAGS,
    _SENT_ON,
    _TRACKING,
    SHIPMENT_STATUS,
    said_sent_in_own_words,
)
from .status import (
    _SAYS_GONE,
    _SAYS_LEFT,
    _STATUS_FLAGS,
    SAYS_CARD_MADE,
    SAYS_CARD_WENT,
    SAYS_NOT_SENT_YET,
    SAYS_SHIPMENT_FAILED,
    SAYS_WENT_OUT,
    status_header,
)

# header key -> the answers that leave the row out
_LEAVES_OUT: dict[str, re.Pattern[str]] = {
    **dict.fromkeys(_SEND_FLAGS, _SAYS_NO_OR_NA),
    **dict.fromkeys(_ELIGIBLE_FLAGS, _SAYS_NO),
    **dict.fromkeys(MAILABLE_FLAGS, _SAYS_NO),
    **dict.fromkeys(_HOLD_FLAGS, _SAYS_YES),
    **dict.fromkeys(_STATUS_FLAGS, _SAYS_GONE),
    **dict.fromkeys(_GONE_ON, _FILLED),
    **dict.fromkeys(_NOT_BEFORE, _FILLED),
    **dict.fromkeys(_SENT_FLAGS, _SAYS_SENT),
    **dict.fromkeys(NOT_RECEIVED_FLAGS, _SAYS_NO),
    **dict.fromkeys(_NOTE_FLAGS, _NOTE_SAYS_NO),
    **dict.fromkeys(_SENT_ANSWERED, _SAYS_SENT_ANYHOW),
    **dict.fromkeys(_SENT_ON, _SAYS_SENT_ANYHOW),
    **dict.fromkeys(_TEST_RESPONSE_FLAGS, _SAYS_TEST_RESPONSE),
    **dict.fromkeys(PAYMENT_FLAGS, SAYS_PAID_BACK),
}


# A remark after a header's words: how its cells are written or when it applies ('Date Sent (mm/dd/yyyy)',
# 'Termination Date (if applicable)', 'Do Not Send Before - MM/DD'). Read with it, each such column said
# nothing and its rows were ordered (found by hunter-sheets12)
_REMARK = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\]|\s[-–—]\s.*)\s*$")


def flag_key(header: str) -> str:
    """The key :data:`_LEAVES_OUT` knows ``header`` by: its :func:`plain_key`, else that of its words
    before a remark. A person's status with its remark ('Status (HR)') is read as one already."""
    key = plain_key(header)
    if key in _LEAVES_OUT or status_header(header):
        return key
    if asks_if_not_received(header):  # 'Never received gift card' = No: sent already (review28)
        return plain_key("gift not received")
    if asks_if_received(header):  # 'Did you receive your gift card?' = Yes: as 'Gift Received' (review27)
        return plain_key("gift received")
    bare = _REMARK.sub("", header)
    bare_key = plain_key(bare) if bare.strip() and bare != header else key
    if bare_key not in _LEAVES_OUT:  # 'Gift Cards Sent', 'GC Sent' (review28)
        return said_sent_in_own_words(header) or bare_key
    return bare_key


# The status of the card in a tracking sheet: it went out ("Shipped"), or it is not to go ("Cancelled"); also
# a 'Send Status' = Sent (found by hunter-sheets12: read as a yes/no column, ordered again)
_CARD_STATUS = frozenset(
    header_key(h)
    for h in (
        "order status",
        "gift status",
        "card status",
        "gift card status",
        "send status",
        *SHIPMENT_STATUS,
    )
)


_SHIPMENT = frozenset(header_key(h) for h in SHIPMENT_STATUS)  # the parcel's own status, of those


# A column of notes under a header of more words ("Comments/Notes", "Manager Notes", "HR Comments", "Notes
# (internal)", "Special Instructions": found by hunter-sheets, 'DO NOT SEND - left company' there was ordered)
# ... or in another language, read without its accents ('Notas', 'Observaciones', 'Remarques', 'Bemerkungen',
# 'Observações': found by hunter-sheets9, 'No enviar - renunció' there was ordered)
_NOTE_WORDS = frozenset(
    {"note", "notes", "comment", "comments", "remark", "remarks", "memo", "memos", "instruction",
     "instructions",
     "nota", "notas", "comentario", "comentarios", "observacion", "observaciones", "remarque", "remarques",
     "commentaire", "commentaires", "bemerkung", "bemerkungen", "kommentar", "kommentare", "anmerkung",
     "anmerkungen", "notiz", "notizen", "hinweis", "hinweise", "observacao", "observacoes", "commento",
     "commenti", "osservazione", "osservazioni", "annotazione", "annotazioni"}
)  # fmt: skip


# ... or a form's free-text question ("Anything else we should know?", "Is there anything else?", "Other",
# "Additional information"): 'do not send' or 'Deceased' answered there was ordered (found by newcomer4)
_NOTE_QUESTION = re.compile(
    r"\banything\s+else\b|^\s*other(?:\s+(?:info|information|details))?\s*[?:]?\s*$|"
    r"\badditional\s+(?:info|information|details)\b"
)


def _note_header(header: str) -> bool:
    text = plain(header)
    return not _NOTE_WORDS.isdisjoint(re.findall(r"[a-z]+", text)) or bool(_NOTE_QUESTION.search(text))


# A date as Excel keeps it, its number of days: a CSV saved from a column formatted as General or Number shows
# 46461 for 2027-03-15 (found by hunter-sheets4: 'Do Not Send Before' = 46461 was sent at once). Five digits,
# 1954 to 2119
_SERIAL = re.compile(r"\s*[2-7]\d{4}(?:\.0+)?\s*")


# A date written with its day and month as numbers ("25/12/2026", "10.12.2026"): the day, the separator, the
# month, as a list written day first has them
_NUMBERED = r"^\s*(\d{1,2})([/.-])(\d{1,2})[/.-](?:\d{4}|\d{2})\b"


def _day_first(text: pd.Series) -> pd.Series:
    """The cells of a date column written day first: with dots ("10.12.2026", as Europe writes them), or in a
    column another of whose dates can only be read so ("25/12/2026") and none only month first. Read each on
    its own, "09/12/2026" beside it was 12 September, passed, and its 'Do Not Send Before' row was sent three
    weeks early (found by hunter-sheets9). A column of dates that read either way is read the US way."""
    parts = text.str.extract(_NUMBERED)
    day, month = pd.to_numeric(parts[0], errors="coerce"), pd.to_numeric(parts[2], errors="coerce")
    column_day_first = bool((day > 12).any()) and not bool((month > 12).any())
    return (parts[1].eq(".") | (parts[0].notna() & column_day_first)).fillna(False).astype(bool)


# A time stamp's zone after its time ("2026-12-20T00:00:00Z", "...T08:00:00-08:00", "10:00 UTC"), as HR
# systems and APIs export dates: the day is the one written, wherever it was stamped
_ZONE = re.compile(r"(?i)^(.*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2})\s*$")


def _read(text: pd.Series, **how: bool) -> pd.Series:
    """``text`` read as dates without a time zone: a zone pandas still reads (one not after a time) is
    dropped, cells stamped in several zones too (they stopped the load with a traceback: found by
    hunter-sheets10)."""
    try:
        dates = pd.to_datetime(text, errors="coerce", format="mixed", **how)
    except (ValueError, TypeError):  # "Mixed timezones detected"
        dates = pd.to_datetime(text, errors="coerce", format="mixed", utc=True, **how)
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    return dates


def _dates(column: pd.Series, hold_from: date | None = None) -> pd.Series:
    """Each cell as a date (NaT where it reads as none): as written, or as an Excel serial number. A date
    written without its year ('20-Dec', as Excel saves a date it shows as d-mmm to a CSV; 'Dec 20', '12/20')
    reads as year 1, a day long passed; with ``hold_from`` (today), as a day to hold a card until
    (:func:`_hold_day`): for a 'Do Not Send Before', '20-Dec' was passed and the card went out on Dec 4
    (found by hunter-sheets11). Not for a day someone left or a card went out: a 'Termination Date' or 'Date
    Sent' of '15-Jan' is as likely last January's, and read as next January's it would send a card to
    someone gone, or a second one."""
    import warnings

    text = column.astype(str).str.replace(_ZONE, r"\1", regex=True)
    serial = text.str.fullmatch(_SERIAL)
    day_first = _day_first(text) & ~serial
    with warnings.catch_warnings():  # pandas warns that it guesses each cell's format: it should
        warnings.simplefilter("ignore")
        dates = _read(text.where(~serial & ~day_first, ""))
        if day_first.any():  # (only these: with dayfirst, pandas reads '2026-12-05' as 12 May)
            dates[day_first] = _read(text[day_first], dayfirst=True)
    if serial.any():
        days = pd.to_timedelta(text[serial].astype(float), unit="D")
        dates[serial] = pd.Timestamp("1899-12-30") + days
    dates = pd.Series(dates, index=column.index)
    yearless = (dates.dt.year == 1) & ~text.str.contains(r"\d{3}", regex=True)
    if hold_from is not None and yearless.any():
        dates[yearless] = [_hold_day(stamp, hold_from) for stamp in dates[yearless]]
    return dates


RECENTLY_PASSED_DAYS = 92  # a hold day written without its year, passed no longer ago than this, is passed


def _hold_day(stamp: pd.Timestamp, today: date) -> pd.Timestamp | pd.NaT:
    """``stamp``'s month and day as a day to hold a card until: the one passed in the last
    RECENTLY_PASSED_DAYS (a list made last week: 'Nov 28' on Dec 4 has passed), else the next one to come.
    Read as the nearest day, 'Jun 10' typed on Dec 4 was last June's (177 days before, 188 after) and the
    card went out at once (review25's T1). A hold read a year late is listed and fixed in one cell; a card
    sent months early cannot be taken back."""
    found = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            found.append(pd.Timestamp(year=year, month=stamp.month, day=stamp.day))
        except ValueError:  # 29 February of a year without one
            continue
    since = pd.Timestamp(today) - pd.Timedelta(days=RECENTLY_PASSED_DAYS)
    return next((day for day in found if day >= since), pd.NaT)


def _later_than_today(column: pd.Series, today: date) -> pd.Series:
    """The cells holding a date after today (anything else, a past date or unreadable text, is not)."""
    return (_dates(column) > pd.Timestamp(today)).fillna(False).astype(bool)


def _holds(column: pd.Series, today: date) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The cells of a 'Do Not Send Before' column (or a note's day) that hold off their row: a date after
    today, or what reads as no date and no 'none' ('after review', 'TBD', '15/03/27?'; found by
    hunter-sheets4: each was sent at once, as a date passed). Also, of those, the ones holding a date to
    come: their rows go out when the same file is run on that day (unlike 'after review', or 'Ship on
    Monday'); and the day each cell reads as (NaT: none). Each cell is read as a date once."""
    dates = _dates(column, hold_from=today)
    text = column.astype(str)
    dated = (dates > pd.Timestamp(today)).fillna(False).astype(bool)
    unread = dates.isna() & ~text.str.fullmatch(_NO_DATE) & ~text.str.fullmatch(_NOW)
    return (dated | unread).astype(bool), dated, dates


def _gone_that_day(column: pd.Series, dates: pd.Series, today: date) -> tuple[pd.Series, pd.Series]:
    """The cells of a column whose day may be the one the card went ('Ship Date', 'Scheduled Send Date') that
    say it went: a day passed (which, or the day it was to go, only the person knows), or the word that it
    went with no day ('Shipped', 'Done', ✓). 'Ship Date' = 11/20 on Dec 4 was ordered (found by
    hunter-sheets12): a second card where it had gone. Returns (the days passed, the words)."""
    none = column.str.fullmatch(_NO_DATE)
    passed = (dates < pd.Timestamp(today)).fillna(False).astype(bool) & ~none
    words = dates.isna() & column.str.match(_SAYS_SENT) & ~none & ~column.str.fullmatch(_NOW)
    return passed, words.astype(bool)


# A day that is now: 'Send Date' = ASAP, Now, Immediately, Today held its row for good, said as 'the list says
# not to send it' (found by hunter-sheets11)
_NOW = re.compile(
    r"(?i)\s*(?:asap|a\.s\.a\.p\.?|now|right\s+(?:away|now)|immediately|immediate|today|as\s+soon\s+as\s+"
    r"possible|any\s*time|no\s+(?:hold|wait|restriction)|upon\s+receipt|send\s+now|re-?send(?:\s+now)?)[.!]*\s*"
)


# A note holding its row until a day ("Do not send before Dec 15", "Hold until Jan 5", "Send after 12/20",
# "Ship on 12/18", "Not before the 20th"), at its start, after a remark or on a line of its own (found by
# hunter-sheets14: 'Thanks!' above 'Hold until 12/20' was sent at once): the day is what follows, up to a
# separator. Only a day named so ("Send on behalf of the CEO" names none: :data:`.notes._A_DATE`); "in" only
# before a month ("Send in January"; "Send in 2 boxes" names none)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
_UNTIL = re.compile(
    r"(?i)(?:^|[-–—:;,.(\n]\s*)(?:(?:(?:please|pls|kindly)\s+)?(?:do[\s-]*n[o']?t|don'?t)\s+"
    r"(?:send|ship|mail|order|deliver|give)(?:\s+(?:it|this|one|them|(?:the\s+)?(?:gift\s+)?card|(?:the\s+)?gift))?"
    r"\s+(?:before|until|till|til|prior\s+to)"
    r"|(?:hold|wait|keep)(?:\s+(?:it|this|off|on\s+it))?\s+(?:until|till|til)"
    r"|(?:(?:please|pls|kindly)\s+)?(?:send|ship|mail|deliver|order)(?:\s+(?:it|this|one|them|(?:the\s+)?"
    r"(?:gift\s+)?card|(?:the\s+)?gift))?\s+(?:after|on|not\s+before|no\s+earlier\s+than|in(?=\s+"
    + _MONTH
    + r"))"
    r"|not\s+(?:before|until|till)|dns\s+(?:before|until|till|til)"
    # ... in the languages the notes are read in ('No enviar antes del 20/12/2026', 'Ne pas envoyer avant le
    # 20/12/2026': found by hunter-sheets11, each sent at once)
    r"|no\s+enviar\s+antes\s+del?|ne\s+pas\s+envoyer\s+avant(?:\s+le)?|nicht\s+(?:senden|versenden)\s+vor(?:\s+dem)?"
    r"|n[ãa]o\s+enviar\s+antes\s+d[eo]|non\s+inviare\s+prima\s+del?)\s+((?:" + _A_DATE + r")[^-–—;,(]*)"
)


def _note_not_yet(column: pd.Series, today: date) -> tuple[pd.Series, pd.Series]:
    """The notes holding their row until a day still to come, or one that reads as no date ('Hold until
    next week', 'Send after the holidays'), as a 'Do Not Send Before' column does: 'Do not send before Dec
    15' was read as no 'do not send' (it names a day) and the card went out on Dec 4 (found by
    hunter-sheets11). A day passed sends the row. Also, of those, the ones naming a day read as a date (a
    run on that day sends them: :func:`_holds`)."""
    days = column.str.extract(_UNTIL, expand=False)
    named = days.notna()
    if not named.any():
        return named.astype(bool), named.astype(bool)
    text = days[named].str.replace(r"(?i)^(?:the\s+)|(?<=\d)(?:st|nd|rd|th)\b", "", regex=True).str.strip()
    holds, dated, _days = _holds(text, today)
    held = named & holds.reindex(column.index, fill_value=False)
    return held, held & dated.reindex(column.index, fill_value=False)


def _said_not_to_send(
    body: pd.DataFrame,
    column_map: dict[str, str],
    on_purpose: Collection[int] = (),
    kept: Mapping[str, Mapping[int, str]] | None = None,
    today: date | None = None,
    beyond: Collection[str] = (),
) -> dict[int, str]:
    """Rows the list itself says not to send, in a column nothing else reads ("Send?" = "NO - left
    company", "Do Not Send" = "X"): row -> the reason, quoting the cell. ``on_purpose``: hidden rows
    --include-hidden orders, which an eligibility column (the autofilter's, usually) does not leave out.
    ``kept``: the text not struck of cells partly struck through (header -> row -> text), which is what they
    say: "~~Yes~~ No" is No (found by review11: read "Yes No", the row was ordered). ``today``: the day its
    dates are judged by (default: this machine's). ``beyond``: a CSV's columns past its header's fields (a
    comma outside quotes made them), which are no notes of their own."""
    today = today or date.today()
    found: dict[int, str] = {}
    for header in body.columns:
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
        if says is None and status_header(str(header)):
            says = _SAYS_LEFT
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
        column = pd.Series(distinct, dtype=whole.dtype)
        sent_already = any(key in f for f in (_SENT_FLAGS, _SENT_ON, _SENT_ANSWERED, NOT_RECEIVED_FLAGS))
        why = _SAYS_SENT_ALREADY if sent_already else _SAYS_NOT_TO_SEND
        said = column.str.match(says)
        if says in (_SAYS_NO, _SAYS_NO_OR_NA):  # '☒' down a column of '☑': a crossed box is no (review24)
            said |= _crossed_beside_ticks(column)
        not_sent = made = went_out = None
        if key in _CARD_STATUS:  # "Gift Status" = Cancelled, Declined, On hold (found by review11: ordered)
            not_sent = column.str.match(_SAYS_GONE) & ~said
            made = column.str.match(SAYS_CARD_MADE)
            if key in _SHIPMENT:  # 'Delivery Status' = Failed: a card made, as 'Delivery failed'
                made |= column.str.match(SAYS_SHIPMENT_FAILED)
            made &= ~said & ~not_sent
            said = (said | not_sent | made) & ~column.str.fullmatch(SAYS_NOT_SENT_YET)
        if key in _CARD_STATUS or says is _SAYS_GONE:  # 'Send Status' = Sent: sent already, not 'not to send'
            went_out = column.str.match(SAYS_WENT_OUT if key in _CARD_STATUS else SAYS_CARD_WENT)
        if says is _SAYS_LEFT:  # ... as under another person's status ('Current Status' = Sent: found by
            went_out = column.str.match(SAYS_CARD_WENT)  # hunter-sheets12, ordered again)
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
            # an XLSX keeps it ('00:00:00'), left the row out as sent (found by review25)
            said &= ~column.str.fullmatch(_NO_DATE)
            # ... which is no day a card went: 'Date Sent' = Dec 20 was ordered on Dec 4 (found by
            # hunter-sheets11); held 'until then', the run on Dec 20 read it as sent already, the person left
            # out (found by review25): the row is left out saying to put the day under 'Send Date'
            ahead = said & _later_than_today(column, today) if key not in _TRACKING else None
        if key in _NOT_BEFORE and said.any():  # not yet: a date passed, or none, sends it now
            holds, dated, days = _holds(column, today)
            said &= dated if key in _SCHEDULED_OR_DONE else holds
            not_yet = said & dated
            if key in DAY_IT_MAY_HAVE_GONE:  # ... unless that day may be the one it went
                passed, went = _gone_that_day(column, days, today)
                said |= passed | went
        if says is _NOTE_SAYS_NO and said.any():  # "Removed - please send": it goes on to say send them
            said &= ~column.str.contains(_SEND_HEADING) & ~column.str.contains(_UNDONE)
        if says is _NOTE_SAYS_NO:  # "Called 11/2\nDO NOT SEND": a line of its own says it
            said = _lines_say_no(column, said)
        if says is _NOTE_SAYS_NO:  # "Do not send before Dec 15", "Send after 12/20": not yet, as a column
            held, dated = _note_not_yet(column, today)
            not_yet = dated & ~said
            said |= held
        if "#" in "\x00".join(column.tolist()):  # a failed formula's error says nothing: an error on the row
            said &= ~column.str.fullmatch(FORMULA_ERROR)  # (..problems.rows._errors_where_rows_are_picked)
        said_rows = said.to_numpy()[codes]
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


def _lines_say_no(column: pd.Series, said: pd.Series) -> pd.Series:
    """``said`` with each note of several lines (Alt+Enter in a cell) or clauses read clause by clause: a note
    says no when one of its lines or clauses does ('Called 11/2, left voicemail' above 'DO NOT SEND - left
    company', 'Called 11/2; deceased', 'FYI - terminated 10/31', 'Address updated. Card already sent 11/15':
    found by hunter-sheets14, each was ordered), read with what follows it as its remark, which may say the
    hold is over ('DO NOT SEND' above 'Rehired 11/20' sends). Each distinct note is read once."""
    clauses = column.str.contains(_CLAUSE)
    if not clauses.any():
        return said
    said = said.copy()
    found = zip(column[clauses].tolist(), said[clauses].tolist(), strict=True)
    said[clauses] = [_clauses_say_no(text, was) for text, was in found]  # one assignment, not one a note
    return said


def _clauses_say_no(text: str, said_whole: bool) -> bool:
    """Whether a note says no in one of its clauses (:func:`_lines_say_no`); ``said_whole``: as read whole."""
    lined = "\n" in text  # (a note of one line was read whole already)
    note = " - ".join(line.strip() for line in text.splitlines() if line.strip()) if lined else text
    cuts = [(found.start(), found.end()) for found in _CLAUSE.finditer(note)]
    begins, ends = [0] + [end for _start, end in cuts], [start for start, _end in cuts] + [len(note)]
    # each clause with the few after it as its remark: with all of them, a note of 5,000 lines (a 10 KB file)
    # took validate 126 s, each read with every one after it (found by review28)
    last = len(ends) - 1
    read = (
        note[begins[i] : ends[min(i + _REMARK_CLAUSES, last)]] for i in range(0 if lined else 1, last + 1)
    )
    return (said_whole and not lined) or any(map(_note_says_no, read))


_REMARK_CLAUSES = 5  # how many clauses after one are read as its remark


# Where a note's clause starts: a new line, or after a sentence's end, a semicolon, a colon or a spaced dash
_CLAUSE = re.compile(r"\s+[-–—]\s+(?=\S)|\n|(?<=[.;:!?])\s+(?=\S)")


@functools.lru_cache(maxsize=1 << 16)  # the last clauses of many notes are alike ('Call first')
def _note_says_no(note: str) -> bool:
    return bool(_NOTE_SAYS_NO.match(note)) and not _SEND_HEADING.search(note) and not _UNDONE.search(note)


def picks_rows(header: str) -> bool:
    """Whether the column under ``header`` is read to leave rows out ('Ship Date', 'Gift Sent', 'Card
    Status', 'Gift Approved', a note): no field's column, and read all the same."""
    key = flag_key(header)
    return (
        key in _LEAVES_OUT
        or key in SUBMITTED_AT  # (read by .unsubmitted)
        or key in RESPONSE_STATUS
        or _filter_header(header)
        or asks_whether_to_send(header)
        or asks_not_to_send(header)
        or gift_choice_header(header)
        or status_header(header)
        or _note_header(header)
    )


def _crossed_beside_ticks(column: pd.Series) -> pd.Series:
    """The cells of a crossed box ('☒', Word's ticked box) in a column that ticks its other rows ('☑', '✓')
    and has no empty box ('☐': then the cross is the tick): there the cross says no. 'Send?' = ☑ / ☒
    ordered every row (found by review24)."""
    text = column.str.strip()
    crossed = text.str.fullmatch(r"☒\W*")
    if not crossed.any() or not text.str.match(r"[✓✔☑✅]").any() or text.str.match(r"[☐□▢⬜]").any():
        return crossed & False
    return crossed


_DITTO = re.compile(rf"(?i)\s*(?:{DITTO})\s*")


def _dittos_filled(column: pd.Series) -> pd.Series:
    """``column`` with each ditto mark ('"', '〃', 'same', 'ditto') read as the cell above it says: 'Send?' =
    No, then '"' on the rows below, were sent (found by hunter-sheets10)."""
    ditto = column.str.fullmatch(_DITTO)
    if not ditto.any():
        return column
    return column.mask(ditto).ffill().fillna(column)


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


# A mark that picks a row ("x", ✓, Yes, 1, TRUE)
# ... also with a remark after it ("Yes!", "x (per Sue)", "✓ Nov 3": found by review14, one such among the x's
# read the column by its answers alone and every entrant was ordered)
_TICKED = re.compile(
    rf"(?i)\s*(?:(?:yes|y|x|true|1|ok|selected|send|winner|{OTHER_YES})(?:\s*[-–—:,.;!(].*)?|(?:✓|✔|☑|☒|✅|✔️)(?:\W.*)?)\s*"
)


def _not_ticked(column: pd.Series) -> list[int]:
    """The rows left empty in a column of ticks that pick the rows to send ('Winner' = x on 10 rows of 200,
    'Send?' = ✓): no row says no, so the empty ones are the rows not picked (found by hunter-sheets: a
    raffle's every entrant was ordered a card). A column that also says No somewhere is read by its answers
    alone."""
    text = column.str.strip()
    blank = text.eq("")
    ticked = text.str.fullmatch(_TICKED)
    if not blank.any() or not ticked.any() or not (ticked | blank).all():
        return []
    return [int(row) for row in column.index[blank.to_numpy()].tolist()]
