"""A remark that asks, or that cannot be decided: 'Deceased?', 'Terminated?', 'Do not send?', 'Possible
duplicate', 'verify - may have left', 'Terminated (confirm)', 'Duplicate of E2001?', 'Deceased? check with
HR'. Read as a remark is, the first four were ordered (a card to a person who may have died or left) and the
others left out, nobody asked (the lead's decision, review60's items 1 and 2): where the question decides
whether the card goes, the row is an error asking (:mod:`..problems.askingnote`), on *Fix these*, nothing
sent.

The question decides it where the remark with each asking clause taken out sends the row ('Do not send?' is
nothing, 'Deceased? check with HR' is nothing) and with it said leaves it out ('Do not send', 'Deceased').
Where both leave the row out the rest decides ('Deceased, Do not send?'); where both send it asks nothing
that matters ('Wants Target?', 'Send?'); where the question is whether a no said is undone ('Terminated -
rehired?', 'Hold - removed?') the no stands, left out as before. A question answered after its mark ('Resend?
No', 'Received card? Yes') is said, no asking (a yes or no as :mod:`.answered` reads it, but a no to a no:
'Do not send? No' asks). One reader for Notes and Status (:func:`asking_rows`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from datetime import date

import pandas as pd

from .answered import _EQUALS, NO, YES, clauses, doubted, spaced, statement, unclear_no
from .answered import ASKED as _ASKED
from .backbefore import back_before_leaving, may_be_back_before, returned_alone
from .goneasked import _GONE_ALONE, gone_asked_elsewhere, may_be_gone_asked
from .inerror import _A_MISTAKE
from .leavingundone import _LEFT
from .noshowday import may_be_a_no_show_to_come, no_show_readings
from .readonce import once_of_frame
from .refusedapproved import MAY_BE_APPROVED, refused_then_approved
from .saidasking import (
    _GONE_LABEL,
    _GONE_UNTIL,
    _LEAVING_SIGNS,
    _MAY_BE_GONE_NO,
    _MAY_BE_WRONGLY,
    _MAY_HAVE_LEFT,
    _MAY_NOT_BE_A_CARD,
    _MOVED_ON_TO_A_NAME,
    _NO_ANSWER,
    _NOT_A_CARD,
    _NOT_BACK,
    _NOTICE,
    _ONE_ONLY,
    _SEASONAL,
    _SENT_WRONGLY,
    _SEPARATELY,
    _SHARED,
    _TWO_ROWS,
    _UNCLAIMED,
    _UNDECIDED,
    no_then_send,
)
from .saidover import still_asked
from .undone import _UNDONE
from .yearasked import day_asked_after_leaving, leaving_come, may_name_a_yearless_day, year_readings

# ... answered after it ('Resend? No', 'Terminated - rehired? no', 'Do not send - changed mind? send'); a yes
# or a no is read by .answered (its words alone: 'No idea' answers nothing)
_ANSWER = re.compile(
    r"(?i)\s*(?:ok(?:ay)?|confirmed|correct|true|false|send|sent|none|n/?a|done|approved|declined|"
    r"denied|verified|fine|cleared|go(?:od\s+to\s+go|\s+ahead)|ok(?:ay)?\s+to\s+send|not\s+a\s+dup\w*|no\s+dup\w*|"
    r"(?:a\s+)?different\s+person|(?:the\s+)?same\s+person)\b"
)
# doubt in a clause's words ('Possible duplicate', 'Maybe terminated', 'may have left')
_DOUBT = re.compile(
    r"(?i)\b(?:maybe|perhaps|possibl[ey]|probabl[ey]|potential(?:ly)?|suspected|(?<!un)likely|"
    r"(?:may|might)\s+(?:have\s+been|have|be)|might(?=\s+[a-z])|not\s+sure(?:\s+if)?|unsure(?:\s+if)?|"
    r"unclear(?:\s+if)?|unconfirmed|unverified|not\s+(?:yet\s+)?(?:confirmed|verified))\b"
)
# ... or a clause asking for the one beside it to be checked ('Terminated (confirm)', 'verify - may have
# left', 'Deceased - check with HR', 'Left - TBC', 'Deceased - per HR?'): no word of its own to send or not
_CHECK = re.compile(
    r"(?i)\W*(?:(?:please|pls|plz|need(?:s)?\s+to|to|double)\s+)?(?:confirm|verify|check)"
    r"(?:\s+(?:status|eligibility|this|first|again))?(?:\s+(?:with|w/|per)\s*[\w.&]+(?:\s+[\w.&]+)?)?\W*"
    r"|\W*(?:tbc|to\s+be\s+(?:confirmed|verified|checked)|needs?\s+(?:confirmation|verification|checking)|"
    r"pending\s+(?:confirmation|verification)|unconfirmed|unverified|not\s+(?:yet\s+)?(?:confirmed|verified))\W*"
    r"|\W*(?:(?:per|according\s+to|from)\s+[\w.&]+(?:\s+[\w.&]+)?|confirmed|really|sure|true|correct|right|"
    r"accurate|verified)?\s*\?+\W*"
)


# ... but not of a clause about the address or the mail ('Bad address - check', 'Returned mail - verify'):
# that check is of the address, which leaves the row out as before (found by newcomer24: main red on
# test_visible_rows's 'Bad address - check', made an error asking whether to send)
# ... the mail, not a no to mailing ('Do not mail - check', 'Do not mail card - confirm with manager',
# 'No mail - check', 'Mail hold - check': the check asks whether to send; left out unasked since 615f26bf,
# found by review66)
_OF_THE_ADDRESS = re.compile(
    r"(?i)\b(?:address|addr|undeliverable|bounced)\b|"
    r"(?<!not\s)(?<!n't\s)(?<!never\s)(?<!dont\s)(?<!no\s)(?<!hold\s)\bmail\b(?!\s+hold)"
)


def _shared(part: str, text: str) -> bool:
    """Whether a clause says one card for two rows (:data:`_SHARED`; 'one card only' where the remark names a
    household or both)."""
    if _SEPARATELY.search(text):  # ('Included on Walter's card - send separately')
        return False
    return _SHARED.search(part) is not None or (
        _ONE_ONLY.search(part) is not None and _TWO_ROWS.search(text) is not None
    )


def _asks(part: str, after: str) -> bool:
    """Whether a clause asks: its mark or a word of doubt, unanswered by the clause after it ('Possible
    duplicate - different person'), or answered no where what the no says is not clear ('Do not send? No')."""
    if _ASKED.search(part) is None and _DOUBT.search(part) is None:
        return False
    if unclear_no(part, after):
        return True
    return not (_ANSWER.match(after) or YES.match(after) or NO.match(after))


def _gone_answered_no(parts: list[str]) -> list[bool]:
    """Of a remark's clauses, those saying a leaving or a death ended by the next clause's no, none or n/a
    (:data:`_GONE_LABEL`, :data:`_NO_ANSWER`)."""
    return [
        i + 1 < len(parts)
        and _GONE_LABEL.fullmatch(p) is not None
        and _NO_ANSWER.fullmatch(parts[i + 1]) is not None
        for i, p in enumerate(parts)
    ]


def may_ask(text: str) -> bool:
    """Whether ``text`` may hold a clause that asks (a cheap look before :func:`readings`)."""
    return (
        "?" in text
        or "？" in text
        or ("=" in text and _EQUALS.search(text) is not None)  # ('Do not send = No': asked, .answered)
        or _SHARED.search(text) is not None
        or _ONE_ONLY.search(text) is not None
        or _UNDECIDED.fullmatch(text) is not None
        or _UNCLAIMED.fullmatch(text) is not None
        or _DOUBT.search(text) is not None
        or _CHECK.search(text) is not None
        or _MAY_BE_GONE_NO.search(text) is not None
        or _MAY_BE_WRONGLY.search(text) is not None
        or _NOTICE.fullmatch(text) is not None
        or _GONE_UNTIL.fullmatch(text) is not None
        or _NOT_BACK.fullmatch(text) is not None
        or _MAY_HAVE_LEFT.fullmatch(text) is not None
        or _LEAVING_SIGNS.fullmatch(text) is not None
        or _SEASONAL.fullmatch(text) is not None
        or _MOVED_ON_TO_A_NAME.fullmatch(text) is not None
        or _MAY_NOT_BE_A_CARD.search(text) is not None
        or may_be_gone_asked(text)
        or MAY_BE_APPROVED.search(text) is not None
        or may_be_back_before(text)
        or returned_alone(text) is not None
        or still_asked(text) is not None
        or no_then_send(text) is not None
    )


def readings(text: str) -> tuple[str, str] | None:
    """The remark with its asking clauses taken out, and with them said (their marks and doubt taken off),
    or None where no clause asks. A clause asking only to check ('confirm', 'per HR?') takes the clause
    before it with it (none where it comes first: 'Check with HR - HR says no card' is answered)."""
    text = spaced(text[:500].replace("？", "?"))  # (a fullwidth mark, as typed in an East Asian layout)
    if _UNDECIDED.fullmatch(text) or _UNCLAIMED.fullmatch(text):
        return "", "Do not send"
    if _NOTICE.fullmatch(text):
        return "", "Resigned"
    if _GONE_UNTIL.fullmatch(text) or _NOT_BACK.fullmatch(text) or _MAY_HAVE_LEFT.fullmatch(text):
        return "", "Terminated"
    if _LEAVING_SIGNS.fullmatch(text):  # ('Final paycheck issued': .leftwork)
        return "", "Terminated"
    if _SEASONAL.fullmatch(text):
        return "", "Laid off"
    if _MOVED_ON_TO_A_NAME.fullmatch(text):
        return "", "Has moved on"
    if (said := still_asked(text)) is not None:  # ('Deceased - wrong person', 'Hold - resumed': .saidover)
        return "", said
    if may_be_back_before(text) and (back := back_before_leaving(text)) is not None:
        return back
    if (back := returned_alone(text)) is not None:
        return back
    if (no := no_then_send(text)) is not None and readings(no) is None:  # ('Declined - send card')
        return "", no
    parts = clauses(text)
    if len(parts) == 1 and not may_ask(text):
        return None
    words = [re.sub(r"[\W_]+", " ", p).strip() for p in parts]
    asking = [_asks(p, parts[i + 1] if i + 1 < len(parts) else "") for i, p in enumerate(parts)]
    shared = [_shared(p, text) or _NOT_A_CARD.fullmatch(p) is not None for p in parts]
    wrongly = [_SENT_WRONGLY.fullmatch(p) is not None for p in parts]
    asking = [a or s or w for a, s, w in zip(asking, shared, wrongly, strict=True)]
    checks = [bool(w) and _CHECK.fullmatch(p) is not None for p, w in zip(parts, words, strict=True)]
    gone_no = _gone_answered_no(parts)
    elsewhere = [
        e or r for e, r in zip(gone_asked_elsewhere(parts), refused_then_approved(parts), strict=True)
    ]
    if not any(asking) and not any(checks) and not any(gone_no) and not any(elsewhere):
        return None
    taken = [a or c or e for a, c, e in zip(asking, checks, elsewhere, strict=True)]
    for i in (i for i, g in enumerate(gone_no) if g):  # (taken with its no; said as a no to the card)
        taken[i] = taken[i + 1] = checks[i + 1] = True
        shared[i] = True
    for i in range(len(parts) - 1):  # ('Do not send? No', 'Sent by mistake? no': the no taken with it)
        answer = YES.match(parts[i + 1]) or NO.match(parts[i + 1])
        if asking[i] and (
            unclear_no(parts[i], parts[i + 1]) or (wrongly[i] and answer and _ASKED.search(parts[i]))
        ):
            taken[i + 1] = checks[i + 1] = True
    checked = set()
    for i, check in enumerate(checks):
        if check:
            near = next((j for j in range(i - 1, -1, -1) if words[j]), None)
            if near is not None and not _OF_THE_ADDRESS.search(parts[near]):
                taken[near] = True
                checked.add(near)
    mistakes = {i: m for i, p in enumerate(parts) if asking[i] and (m := _mistake_asked(p)) is not None}
    # (a mistake said, then checked: 'Terminated in error - confirm?' reads as 'Terminated in error?')
    mistakes |= {i: m for i in checked if not asking[i] and (m := _mistake_asked(parts[i])) is not None}
    for i, day in day_asked_after_leaving(parts, asking, _GONE_ALONE).items():  # (its yes sends: plain)
        mistakes.setdefault(i, (f"{day} - ", ""))
    plain = "".join(
        mistakes[i][0] if i in mistakes else p
        for i, (p, t) in enumerate(zip(parts, taken, strict=True))
        if not t or i in mistakes
    ).strip(" -–—;,:/|(")
    # (a card shared, another thing than a card or a leaving answered no said as a no to the card; one sent
    # wrongly as sent already)
    own = [
        "Do not send - " if s else "Sent already - " if w else ""
        for s, w in zip(shared, wrongly, strict=True)
    ]
    said = ""
    for i, (p, a, c) in enumerate(zip(parts, asking, checks, strict=True)):
        piece = mistakes[i][1] if i in mistakes else "" if c else own[i] or (_said(p, text) if a else p)
        said += "" if a and i not in mistakes and not own[i] and _undoes(said, piece) else piece
    return plain, said.strip(" -–—;,:/|(")


def _undoes(before: str, asked: str) -> bool:
    """Whether a question, said, would undo the no said before it ('Terminated in error? back 12/1?': 'back
    12/1?' after 'Terminated'): its no ('not back') is the reading leaving the row out, so it is taken out
    of it, as the no stands where it is the only question ('Terminated - rehired?' is left out: review60's
    decision). Said, the remark read 'Terminated - back 12/1', sent either way: left out, nobody asked."""
    before = before.strip(" -–—;,:/|(")
    if not before or not _UNDONE.search(f"{before} - {asked.strip(' -–—;,:/|(')}"):
        return False
    return _UNDONE.search(before) is None


# a question whether a leaving was a mistake ('Terminated in error?', 'Deceased by mistake?'): its yes
# sends, its no leaves the row out. Read as a leaving, it was left out with nobody asked (found by
# hunter-sends14, review66 and the lead after bf990b41 and 43c94bb6)
_A_MISTAKE_SAID = re.compile(rf"(?i){_A_MISTAKE}")
# ... or whether it was undone, said right after it ('Terminated reversed?', 'Term rescinded?': asked under
# Status, sent under Notes; one reading since a status reads 'Term reversed' as undone: review75)
_UNDONE_AT_ONCE = re.compile(
    rf"(?i)\W*(?P<left>{_LEFT})\s+(?:rescinded|reversed|revoked|withdrawn|overturned|cancell?ed)\W*"
)
# ... not a death by accident, its cause ('Died by accident?', 'Passed away by accident?' were sent, read as a
# mistake: found by review67 checking f38b4d63): asked as before
_A_DEATH_S_CAUSE = re.compile(r"(?i)\b(?:deceased|died|dead|passed(?:\s+away)?|killed)\W*by\s+accident\b")


def _mistake_asked(part: str) -> tuple[str, str] | None:
    """A question whether a leaving was a mistake, as its two answers read: (the mistake said, the leaving
    alone), each ending its clause; None for any other clause."""
    said = statement(part)
    if (undone := _UNDONE_AT_ONCE.fullmatch(said)) is not None:
        return f"{said} - ", f"{undone['left']} - "
    found = _A_MISTAKE_SAID.search(said)
    if found is None or not said[: found.start()].strip() or _A_DEATH_S_CAUSE.search(said):
        return None
    if _SENT_WRONGLY.fullmatch(said):  # ('Sent by mistake?': a card, no leaving; asked as before f38b4d63)
        return None
    return f"{said} - ", f"{said[: found.start()]} - "


def _said(part: str, whole: str) -> str:
    """An asking clause as said: its question marks, asking words and words of doubt taken off, a question
    whether the person is still here as its no ('Still employed?' -> 'No longer employed'), a leaving's day
    asked as the leaving come (:func:`.yearasked.leaving_come`)."""
    return leaving_come(doubted(statement(" ".join(_DOUBT.sub(" ", part).split()))), whole) + " - "


def asking_rows(
    frame: pd.DataFrame,
    headers: Collection[str],
    among: Collection[int] | None,
    out: Callable[[pd.DataFrame], Collection[int]],
    reader: object = None,
    today: date | None = None,
) -> dict[int, tuple[str, str]]:
    """The rows (of ``among``, or any) whose remark in one of ``headers`` asks whether the card goes: of its
    two :func:`readings` the first (the question taken out) sends it and the second (said) does not, read by
    ``out`` (the rows a frame says not to send or holds), each over the whole frame (a column is read as a
    whole: a list of retirees, dittos). Row -> (header, the remark). ``reader``: what ``out`` is, where its
    two reads of the same cells are kept for the load (:func:`.readonce.once_of_frame`), else None.
    ``today``: also a leaving's day without its year asks which year (:func:`_asked_readings`)."""
    cells: dict[int, tuple[str, str]] = {}
    plain, said = frame, frame
    for header in headers:
        column = frame[header].astype(str)
        if among is not None:
            column = column[column.index.isin(list(among))]
        # each distinct text looked at once (a long note filled down 600 cells was read 600 times a call)
        asks = {text: may_ask(text) or _may_ask_a_year(text, today) for text in set(column.tolist())}
        column = column[pd.Series([asks[text] for text in column.tolist()], index=column.index, dtype=bool)]
        read: dict[int, tuple[str, str]] = {}
        for row, text in column.items():
            if (found := _asked_readings(text, today)) is not None:
                read[int(row)] = found
        if not read:
            continue
        if plain is frame:
            plain, said = frame.copy(), frame.copy()
        for row, (without, with_it) in read.items():
            plain.at[row, header], said.at[row, header] = without, with_it
            cells.setdefault(int(row), (header, " ".join(str(frame.at[row, header]).split())))
    if not cells:
        return {}

    def both() -> tuple[set[int], set[int]]:
        return set(out(plain)), set(out(said))

    kind = ("asking rows", reader, tuple(headers), None if among is None else tuple(sorted(among)))
    one, other = both() if reader is None else once_of_frame(kind, frame, both)
    return {row: cell for row, cell in cells.items() if row not in one and row in other}


def _may_ask_a_year(text: str, today: date | None) -> bool:
    return today is not None and (may_name_a_yearless_day(text) or may_be_a_no_show_to_come(text))


def _asked_readings(text: str, today: date | None) -> tuple[str, str] | None:
    """:func:`readings`, else where ``today`` is given, a leaving's day without its year in the band asking
    which (:func:`.yearasked.year_readings`), or a no-show on a day to come (:mod:`.noshowday`)."""
    found = readings(text)
    if found is not None or today is None:
        return found
    return year_readings(text, today) or no_show_readings(text, today)


def rows_to_ask(
    seen: pd.DataFrame,
    said_frame: pd.DataFrame,
    column_map: dict[str, str],
    said: Collection[int],
    again: Callable[[pd.DataFrame], Collection[int]],
    today: date,
) -> set[int]:
    """Of the rows ``said`` leaves out, those whose note or status asks whether the card goes, read in
    ``seen`` (the list's cells as the person sees them, merged cells down) exactly as
    :func:`..problems.askingnote.asking_problems` reads them (that error is theirs: a row taken off here and
    not read so there would be sent), and which nothing else leaves out: read again by ``again`` (the rows a
    frame says not to send) in ``said_frame`` (``seen`` as the reader names its columns) with those remarks
    cleared ('Send?' = No beside 'Notes' = 'Deceased?' stays out)."""
    from ..problems.askingnote import asked_of, asking_headers

    headers = asking_headers(seen, column_map)
    if not headers or not said:
        return set()
    asked = {row: cell for row, cell in asked_of(seen[headers], column_map, today).items() if row in said}
    if not asked:
        return set()
    cleared = said_frame.copy()
    at = {header: seen.columns.get_loc(header) for header in headers}
    for row in asked:
        for header in headers:  # (each column's remark that asks, not the first alone)
            if _asked_readings(str(seen.at[row, header]), today) is not None:
                cleared.iat[cleared.index.get_loc(row), at[header]] = ""
    return set(asked) - set(again(cleared))


def unstruck(frame: pd.DataFrame, struck: Mapping[str, Mapping[int, str]]) -> pd.DataFrame:
    """``frame`` with each remark struck through whole blank (header -> rows, :func:`.rows._struck_whole`): a
    question crossed out asks nothing ('~~Deceased?~~' was an error, its row sent before), as the list's
    reading withdraws a no struck so."""
    cells = [(row, header) for header, rows in struck.items() if header in frame.columns for row in rows]
    if not cells:
        return frame
    seen = frame.copy()
    for row, header in cells:
        if row in seen.index:
            seen.at[row, header] = ""
    return seen
