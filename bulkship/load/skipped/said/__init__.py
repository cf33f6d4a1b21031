"""Rows the list itself says not to send, in a column nothing else reads: a yes/no column (:mod:`..flags`,
:mod:`..status`, :mod:`..dates`, :mod:`..sent`) or a note (:mod:`..notes`); which column is which, by its
header, is :mod:`..columnkeys`. Each column is read here in the same steps, one module a thing read:
:mod:`.which` how a header's cells are read, :mod:`.wholelist` what the whole list shows, :mod:`.person` a
person's status, :mod:`.cardstatus` a card's, :mod:`.sentdays` the days a column names, the notes here, and
:mod:`.reasons` the rows said and each one's reason."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial

import pandas as pd

from ...cells import FORMULA_ERROR
from ..also import said_also
from ..backlater import back_on_a_day_to_come
from ..clauses import SLASHED, _clauses_say_no, _lines_say_no, _note_says_no, match_notes, taken_back
from ..dates import _GONE_ON
from ..days import _later_than_today, _note_not_yet
from ..farewell import spared
from ..flags import (
    _ACTIVE_FLAGS,
    _SAYS_NO,
    _SAYS_NO_OR_NA,
    NO_APPROVAL_NEEDED,
    approval_header,
)
from ..forlater import without_this_year
from ..giftlimits import this_year_ok
from ..headings import _SEND_HEADING
from ..holdflags import _SAYS_YES, LEAVING_REASONS, kept_under, takes_rows_off
from ..kinds import _SAYS_NOT_TO_SEND, _SAYS_SENT_ALREADY
from ..languages import plain_key
from ..leavingday import leaving_to_come, left_by
from ..notes import _NOTE_SAYS_NO
from ..questions import GIFT_BY_MAIL, NOT_RECEIVED_FLAGS, attends
from ..restated import without_restated_holds
from ..rounds import told_of_earlier_rounds
from ..sent import _CARD_STATUS, _SENT_ANSWERED, _SENT_FLAGS, _SENT_ON
from ..status import SAYS_SHIPMENT_FAILED
from ..ticks import _crossed_beside_ticks
from ..told import ROLE_SAID_NO, told_no
from ..twins import KEPT_TWIN, kept_twins
from ..undone import _UNDONE, HOLD_OVER
from .alone import read_alone
from .cardstatus import read_card
from .otheryears import of_another_year
from .person import PERSON_STATUS, read_person
from .reasons import Masks, reasons
from .remarks import remarks_not_yet
from .sentdays import read_days
from .stillhere import still_here
from .texts import Texts, texts_read
from .which import Reading, read_as
from .wholelist import _RESPONSE_COMPLETE, _STATUS, TheList


@dataclass
class _Said:
    """What the columns said so far: row -> the reason quoting the cell, and the rows each kind of column left
    out (a leaving's reason, a leaving day, any other), which :func:`.stillhere.still_here` and
    :func:`_reasons_of_a_leaving_to_come` weigh once every column is read."""

    found: dict[int, str] = field(default_factory=dict)
    by_reason: set[int] = field(default_factory=set)
    by_other: set[int] = field(default_factory=set)
    by_day: set[int] = field(default_factory=set)


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
    lines above its header, which may say the list comes round every year
    (:func:`.wholelist._comes_round`)."""
    today = today or date.today()
    so_far = _Said()
    the_list = TheList(body, column_map, today, titles)
    for header in body.columns:
        if header in the_list.earlier:
            continue
        reading = read_as(header, column_map, beyond, body[header])
        if reading is not None:
            texts = texts_read(body, header, reading, kept, on_purpose)
            _said_of_column(so_far, texts, header, reading, body, column_map, the_list, today, titles)
    # (a leaving reason beside its passed day is of the same leaving: a rehire keeps both; newcomer30)
    found = still_here(so_far.found, so_far.by_day - so_far.by_other, body, today, so_far.by_reason)
    return _reasons_of_a_leaving_to_come(
        found, so_far.by_reason - so_far.by_other - so_far.by_day, body, today
    )


def _said_of_column(
    so_far: _Said,
    texts: Texts,
    header: str,
    reading: Reading,
    body: pd.DataFrame,
    column_map: dict[str, str],
    the_list: TheList,
    today: date,
    titles: Collection[str],
) -> None:
    """The rows one column says not to send, and why, added to ``so_far``."""
    found, by_reason, by_other, by_day = so_far.found, so_far.by_reason, so_far.by_other, so_far.by_day
    typed, whole, codes, raw, column = texts
    key, says = reading.key, reading.says
    as_notes = partial(_said_as_notes, today=today, titles=titles)
    sent_already = any(key in f for f in (_SENT_FLAGS, _SENT_ON, _SENT_ANSWERED, NOT_RECEIVED_FLAGS))
    why = _SAYS_SENT_ALREADY if sent_already else _SAYS_NOT_TO_SEND
    opened = match_notes(column, says)  # (a note read whole only where it may say no)
    masks = Masks(opened.copy())
    if key == _STATUS and masks.said.any() and the_list.form_export:
        masks.said &= ~column.str.fullmatch(_RESPONSE_COMPLETE)
    read_person(masks, column, says, header, the_list)
    said = masks.said
    if says is _SAYS_YES and said.any() and takes_rows_off(str(header)):  # 'Delete?' = Keep
        said &= ~column.str.fullmatch(kept_under(str(header)))
    if says is _SAYS_NO and said.any() and approval_header(str(header)):  # 'Approved?' = Not required
        said &= ~column.str.fullmatch(NO_APPROVAL_NEEDED)
    if says in (_SAYS_NO, _SAYS_NO_OR_NA):  # '☒' down a column of '☑': a crossed box is no (review24)
        said |= _crossed_beside_ticks(column)
    masks.said = said
    read_card(masks, column, key, says, the_list)
    said = masks.said
    # a list of retirees or former staff: no row is chosen out; also where most say No and the others
    # are blank (one cell left empty left everyone else out: found by review11)
    # ... or of people who are not coming to the event, their cards to be mailed ('Will you be attending?'
    # = No on every row: the form's regrets, all left out since cbd69f7c; found by review44)
    if (
        (key in _ACTIVE_FLAGS or (says is _SAYS_NO and attends(str(header))))
        and (said | column.str.strip().eq("")).all()
        and 2 * said.to_numpy()[codes].sum() > len(codes)  # (most rows, not most texts)
    ):
        return
    said, not_yet = _notes_read(masks, column, says, key, the_list, today, as_notes)
    # 'Second entry - correct address': that row sent, the row it repeats left out (where the batch made
    # that row's card, or may have, the run holds this one: bulkship.repeats.holds; review39, review40)
    lone: set[int] = set()
    if says is _NOTE_SAYS_NO and (keeper := column.str.fullmatch(KEPT_TWIN)).any():
        twins, lone = kept_twins(whole[keeper.to_numpy()[codes]], body, column_map, header)
        for row, reason in twins.items():
            found.setdefault(row, reason)
    if says is _SAYS_NO and said.any() and attends(str(header)):  # 'No - please mail my gift card'
        said &= ~column.str.contains(GIFT_BY_MAIL)
    if says is not _NOTE_SAYS_NO and said.any():  # 'Left 11/15 - still send', 'Sent - returned; resend'
        # ... as a note saying so sends (hunter-falsealarm8), unless taken back after: 'OK to send -
        # actually no, hold' (found by review40, ordered)
        said &= ~(column.str.contains(_SEND_HEADING) & ~column.map(taken_back).astype(bool))
        # ... or the hold over, as a note reads it: 'Hold released', 'Hold - cleared'
        said &= ~_hold_over(column, said, today)
    if "#" in "\x00".join(column.tolist()):  # a failed formula's error says nothing: an error on the row
        said &= ~column.str.fullmatch(FORMULA_ERROR)  # (...problems.rows._errors_where_rows_are_picked)
    masks.said, masks.not_yet = said, not_yet
    # 'Status' = 'Passed away', a remark alone: read as a note; not a card's failure telling why ('Order
    # Status' = 'FAILED - bad address': no card, sent)
    if says in PERSON_STATUS or key in _CARD_STATUS:
        _status_read(masks, column, opened, key, header, today, titles, as_notes)
    if the_list.farewell and (says is _NOTE_SAYS_NO or says in PERSON_STATUS or key in _GONE_ON):
        # a farewell list's leavers are its recipients: sent or asked (..farewell), a death left out
        masks.said &= ~spared(raw, str(header), key in _GONE_ON)
    for row, reason in reasons(masks, why, codes, typed, whole, body, column_map, key, header):
        if row not in lone:
            found.setdefault(row, reason)
            (by_reason if key in LEAVING_REASONS else by_day if key in _GONE_ON else by_other).add(row)


def _notes_read(
    masks: Masks,
    column: pd.Series,
    says: re.Pattern[str],
    key: str,
    the_list: TheList,
    today: date,
    as_notes: Callable[[pd.Series], dict[int, str]],
) -> tuple[pd.Series, pd.Series]:
    """The days a column names, then a note's own words: what it says on its lines, who told it, a leaving
    day come, a hold to a day (``said``, ``not_yet``)."""
    read_days(masks, column, key, today)
    said, not_yet = masks.said, masks.not_yet
    if says is _NOTE_SAYS_NO and said.any():  # "Removed - please send": it goes on to say send them
        # ... or that it is over, unless on a day to come ('Terminated - rehired effective 1/15/2027')
        said &= ~_says_send(column, said, today)
        if the_list.rounds:  # 'Card sent last year' on a list that comes round every year: that year's
            said &= ~told_of_earlier_rounds(column, said, today)
    if says is _NOTE_SAYS_NO:  # "Called 11/2\nDO NOT SEND": a line of its own says it
        # ... or 'Last day was 11/15', unless it says send
        said = _lines_say_no(column, said, today if the_list.rounds else None, today.year)
        # ... or told with who told it ('per HR do not send', 'Jane says skip', 'Bad address per USPS')
        told = told_no(column, said, partial(_reads_no, today=today if the_list.rounds else None))
        said |= told & ~_says_send(column, told)
        said |= column.str.fullmatch(ROLE_SAID_NO)  # ('Mgr: no': the manager's answer)
        # ... or a leaving day come ('Last day 11/20': ..leavingday), 'Also declined' (..also)
        gone = left_by(column, today, the_list.farewell) | said_also(column)
        said |= gone & ~_says_send(column, gone & ~said)
        said &= ~leaving_to_come(column, today)  # ('Terminated 1/15/2027': here until then, as a status)
    if says is _NOTE_SAYS_NO:  # "Do not send before Dec 15", "Send after 12/20": not yet, as a column
        # ... its hold said again after the day ('On hold until 1/15/2031 (Hold off)'): held to it
        bare = without_restated_holds(column, said, as_notes)
        said &= bare == column
        held, dated = _note_not_yet(bare, today)
        not_yet = dated & ~said
        said |= held
    return said, not_yet


def _status_read(
    masks: Masks,
    column: pd.Series,
    opened: pd.Series,
    key: str,
    header: str,
    today: date,
    titles: Collection[str],
    as_notes: Callable[[pd.Series], dict[int, str]],
) -> None:
    """A person's or a card's status read as a note ('Status' = 'Passed away'), into ``masks``."""
    said, not_yet = masks.said, masks.not_yet
    # ... its hold said again after its day ('Card on hold until 1/15/2031 (Hold)'): read whole below
    said &= without_restated_holds(column, said, as_notes) == column
    masks.said, masks.not_yet = remarks_not_yet(column, said, not_yet, today)
    failed = column.str.match(SAYS_SHIPMENT_FAILED) if key in _CARD_STATUS else False
    read_alone(masks, column, opened | failed, header, today, partial(_said_as_notes, titles=titles))
    # ... but told year by year or of an earlier round's card, as a note is ('LY: declined; TY: OK')
    if masks.said.any():
        masks.said &= ~of_another_year(column, masks.said, today, as_notes)


def _reasons_of_a_leaving_to_come(
    found: dict[int, str], rows: set[int], body: pd.DataFrame, today: date
) -> dict[int, str]:
    """``found`` without the ``rows`` left out by a leaving's reason or type alone ('Primary Termination
    Reason' = Voluntary > Resigned) where the row's leaving day is to come ('Termination Date' = 1/15/2027):
    an HR system fills the reason as soon as the leaving is entered; the person still works there until the
    day, as the date alone says (found by review71 checking dce1a832: each was left out)."""
    days = [h for h in body.columns if plain_key(str(h)) in _GONE_ON]
    if not rows or not days:
        return found
    come = pd.Series(False, index=body.index)
    for header in days:
        come |= _later_than_today(body[header].astype(str), today)
    return {row: why for row, why in found.items() if not (row in rows and bool(come.get(row, False)))}


def _says_send(texts: pd.Series, among: pd.Series, today: date | None = None) -> pd.Series:
    """The texts ``among`` those of ``texts`` that go on to say send (:data:`.headings._SEND_HEADING`) or that
    what they say is over (:data:`.undone._UNDONE`; unless back on a day to come after ``today``, where
    given: its days read beside all of ``texts``', as a column's are); False for the others. Read only where
    it decides: two long patterns over every note of a list of long notes were a third of its reading (found
    by hunter-hostile11)."""
    asked = texts[among]
    if asked.empty:
        return pd.Series(False, index=texts.index)
    over = asked.str.contains(_UNDONE)
    # ... as the note was read, its spaced slash a dash where only so it says no ('Hold / released 11/20':
    # ..clauses.SLASHED); a note saying no with its slash is read as written ('Card came back - do not resend
    # / Released from hold 2019' stays out)
    slashed = asked[asked.str.contains(SLASHED)]
    if not slashed.empty:
        dashed = slashed[~slashed.str.match(_NOTE_SAYS_NO)].str.replace(SLASHED, " - ", regex=True)
        over |= dashed.str.contains(_UNDONE).reindex(asked.index, fill_value=False).astype(bool)
    if today is not None:  # ('Budget pending - approved for 2026' in 2026)
        over |= _come_for_now(asked, today)
    if today is not None and over.any():
        over &= ~back_on_a_day_to_come(texts, today)[among]
    send = asked.str.contains(_SEND_HEADING) | over
    if today is not None:  # ('Gift limit reached for 2025 - 2026 OK')
        send |= _limit_of_another_year(asked, today)
    return send.reindex(texts.index, fill_value=False).astype(bool)


def _come_for_now(asked: pd.Series, today: date) -> pd.Series:
    """The texts saying what they waited for came for this year or quarter
    (:func:`..forlater.without_this_year`)."""
    now = asked.map(lambda text: without_this_year(text, today))
    named = now[now.notna()]
    if named.empty:
        return pd.Series(False, index=asked.index)
    return named.str.contains(_UNDONE).reindex(asked.index, fill_value=False).astype(bool)


def _reads_no(note: str, today: date | None) -> bool:
    """Whether ``note`` says no, read whole or clause by clause as a note is (``today``: the day an earlier
    round's card is told by, on a list that comes round)."""
    return _clauses_say_no(note, _note_says_no(note), today)


def _limit_of_another_year(asked: pd.Series, today: date) -> pd.Series:
    """The texts whose gift limit is said over this year (:func:`..giftlimits.this_year_ok`) and whose other
    words say nothing a note would leave the row out for."""
    span = this_year_ok(today)
    limited = asked[_naming_limit_and_year(asked, today)]
    limited = limited[limited.str.contains(_from_a_sign(span))]
    if limited.empty:
        return pd.Series(False, index=asked.index)
    still = _said_as_notes(limited.str.replace(span, " - ", regex=True), today)
    return pd.Series(asked.index.isin(limited.index) & ~asked.index.isin(list(still)), index=asked.index)


_LIMIT_WORD = re.compile(r"\b(?:limit|cap|max)\b", re.IGNORECASE)  # one of them in every this_year_ok


def _naming_limit_and_year(texts: pd.Series, today: date) -> pd.Series:
    """The texts :func:`..giftlimits.this_year_ok` can match: those naming a limit and ``today``'s year. Its
    pattern backtracks from every start of a long note: a 40,000-character 'do not send - x x x ...' took 34
    CPU-s to read, for a limit it never names (found by hunter-speed1)."""
    return texts.str.contains(str(today.year), regex=False) & texts.str.contains(_LIMIT_WORD)


_SIGNS = "[-–—;,.()]"  # what this_year_ok's opening run of other characters stops at


def _from_a_sign(span: str) -> str:
    """``span`` (:func:`..giftlimits.this_year_ok`, opening with a run of characters other than
    :data:`_SIGNS`) tried only at the text's start or after one of them: a match starting elsewhere starts
    there too (its run taken from there), so the same texts match. Tried at every character, a long note
    naming the limit and the year ('do not send - Gift limit reached 2026 x x x ...', 20,000 characters)
    took 8.3 CPU-s, each try reading on to the note's end (found by hunter-speed1)."""
    flags, run = "(?i)", f"[^{_SIGNS[1:-1]}]*"
    if not span.startswith(flags + run):
        return span
    return f"{flags}(?:^|(?<={_SIGNS})){span[len(flags) :]}"


_ANSWERED_NONE = re.compile(r"[-–—:]\s*(?:no|none|nothing|n/?a)\s*$", re.IGNORECASE)
_HOLD_ANSWERED_NONE = re.compile(r"^\W*(?:on\s+)?hold\s*[-–—:]\s*(?:no|none|nothing|n/?a)\W*$", re.IGNORECASE)


def _hold_over(texts: pd.Series, said: pd.Series, today: date) -> pd.Series:
    """The status texts saying a hold is over (:data:`.notes.HOLD_OVER`) that say nothing else a note would
    leave the row out for: 'Hold released' sends, as in a note; 'Hold released - deceased', 'Hold cleared
    11/30 - left company', 'Hold released - mailed 12/1', 'Hold lifted - DNS' stay out, as in a note (found
    by review38: d730b05e sent each from a 'Card Status' or 'Status', a card to the dead, the gone, or a
    second)."""
    # ... or the approval it waited for come since ('Hold for approval - approved 12/1' under 'Status': a
    # known drop mended by review48, left out where under 'Notes' it sends); not a flag's answer '- no'
    came = (texts.str.contains(_UNDONE) | _come_for_now(texts, today)) & ~texts.str.contains(_ANSWERED_NONE)
    # ... but the hold itself answered no ('Hold: no', 'Hold - none', 'On hold: No', 'Hold: N/A': left out
    # under 'Status', sent under 'Notes'; a known drop, mended by review54)
    came |= texts.str.contains(_HOLD_ANSWERED_NONE)
    over = texts[said & (texts.str.contains(HOLD_OVER) | came)]
    if over.empty:
        return pd.Series(False, index=texts.index)
    as_notes = _said_as_notes(over, today)
    return pd.Series(texts.index.isin(over.index) & ~texts.index.isin(list(as_notes)), index=texts.index)


def _said_as_notes(texts: pd.Series, today: date, titles: Collection[str] = ()) -> dict[int, str]:
    """The texts (a status column's, by its index) a 'Notes' column of them leaves out or holds: index -> the
    reason, quoting 'Notes' (callers say their own column)."""
    notes = pd.DataFrame({"Notes": texts.to_numpy()}, index=texts.index)
    return _said_not_to_send(notes, {}, today=today, titles=titles)
