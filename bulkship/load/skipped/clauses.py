"""A note read clause by clause: one of several lines (Alt+Enter in a cell) or clauses that says no leaves
its row out, read with the few clauses after it as its remark (which may say the hold is over)."""

from __future__ import annotations

import functools
import itertools
import re
from datetime import date

import pandas as pd

from ...loosened import MayMatch
from . import notes
from .anotherperson import of_another_person, of_the_person_before
from .gonewhen import a_marriage_s
from .leavingundone import back_after_leaving
from .notes import _NOTE_SAYS_NO
from .readonce import once
from .received import another_thing_received
from .rounds import of_an_earlier_round
from .saysend import SAYS_SEND as _SEND_HEADING  # (as .headings reads it)
from .saysend import SENDS_HOME
from .takenback import SAID_BY, TAKEN_BACK, TAKES_BACK, TAKING_BACK_CUT
from .topersonelsewhere import no_to_the_person_after_an_ask
from .undone import _UNDONE, ended_before
from .waits import goes_ahead_before


def _lines_say_no(
    column: pd.Series, said: pd.Series, today: date | None = None, year: int | None = None
) -> pd.Series:
    """``said`` with each note of several lines (Alt+Enter in a cell) or clauses read clause by clause: a note
    says no when one of its lines or clauses does ('Called 11/2, left voicemail' above 'DO NOT SEND - left
    company', 'Called 11/2; deceased', 'FYI - terminated 10/31', 'Address updated. Card already sent 11/15':
    found by hunter-sheets14, each was ordered), read with what follows it as its remark, which may say the
    hold is over ('DO NOT SEND' above 'Rehired 11/20' sends); a clause telling of an earlier round's card
    ('Card sent last year') says nothing of this one (``today``: the day of the run). Each distinct note is
    read once. ``year``: the year of the run, a note told year by year read for it alone
    (:func:`_this_year`)."""
    clauses = column.str.contains(_CLAUSE)
    if not clauses.any():
        return said
    said = said.copy()
    found = zip(column[clauses].tolist(), said[clauses].tolist(), strict=True)
    said[clauses] = [
        _clauses_say_no(text, was, today, year) for text, was in found
    ]  # one assignment, not one a note
    return said


def _clauses_say_no(text: str, said_whole: bool, today: date | None = None, year: int | None = None) -> bool:
    """Whether a note says no in one of its clauses (:func:`_lines_say_no`); ``said_whole``: as read whole."""
    this_year = _this_year(text, year) if year is not None else None
    if this_year is not None:  # ('Last year: declined. This year: Target': this year's part alone)
        return _note_says_no(this_year) or _clauses_say_no(this_year, False, today)
    lined = "\n" in text  # (a note of one line was read whole already)
    if said_whole and not lined:
        return True
    if _a_no_before_an_absence_sent_home(text, today):
        return True
    lines = [line.strip() for line in text.splitlines() if line.strip()] if lined else [text]
    note = " - ".join(lines)
    line_starts = list(itertools.accumulate((len(line) + len(" - ") for line in lines[:-1]), initial=0))
    cuts = [(found.start(), found.end()) for found in _CLAUSE.finditer(note)]
    begins, ends = [0] + [end for _start, end in cuts], [start for start, _end in cuts] + [len(note)]
    # each clause with the few after it as its remark: with all of them, a note of 5,000 lines (a 10 KB file)
    # took validate 126 s, each read with every one after it (found by review28)
    last = len(ends) - 1
    if TAKES_BACK.match(note) and not _UNDONE.search(note):  # ('Resend approved - rescinded 12/2')
        return True
    return any(
        _clause_says_no(_as_said(_unbracketed(note[begins[i] : ends[min(i + _REMARK_CLAUSES, last)]])), today)
        # ... not a state of another person under their label ('Spouse: Jane - deceased 2019')
        and not of_another_person(note, begins[i], ends[i], line_starts)
        # ... nor a bracket or a comma after a person named ('Active - manager: Bob Ray (deceased)')
        and not (i and _aside(note, *cuts[i - 1]) and of_the_person_before(note, cuts[i - 1][0], begins[i]))
        # ... nor an approval told pending after going ahead ('Moving ahead with gift; approval pending')
        and not (i and goes_ahead_before(note, begins[i]))
        # ... nor the end of a hold told after it ('Hold (removed 11/1)', 'Off PIP - removed 11/1')
        and not (i and ended_before(note, begins[i - 1], ends[i]))
        # ... nor the leaving a return undid, told after it ('Rehired (terminated 2019)')
        and not (i and back_after_leaving(note, begins[i - 1], ends[i]))
        # ... nor the receipt of what came before it ('Approval required - received 12/1')
        and not (i and another_thing_received(note, begins[i]))
        # ... nor a marriage's separation under its label ('Marital status: separated')
        and not (i and a_marriage_s(note, begins[i]))
        # ... nor a no to the person after an ask to send elsewhere ('Send to wife. Do not send to him.')
        and not (i and no_to_the_person_after_an_ask(note, begins[i]))
        for i in range(0 if lined else 1, last + 1)
    )


_REMARK_CLAUSES = 5  # how many clauses after one are read as its remark


# An ask to send to the person's home answers the absence right before it alone ('No longer with company, Out
# on leave, ship to home', 'MOVED - NO FORWARDING. ON LEAVE - SEND TO HOME': read as answering the whole note,
# each was ordered, a card to someone gone or to an address they left: hunter-sends8's item 3); after a
# leaving it answers the leaving ('Terminated 11/1 - mail to home', 'On leave - terminated 12/1 - send home')
_AWAY = re.compile(
    r"(?i)\W*(?:(?:out|away|currently|now)\s+)?(?:on\s+)?(?:an?\s+)?(?:loa|leave\s+of\s+absence|fmla|sabbatical|"
    r"furlough(?:ed)?|(?:(?:maternity|paternity|parental|medical|sick|family|disability|extended|personal|"
    r"unpaid)\s+)?leave)\b"
)


def _a_no_before_an_absence_sent_home(text: str, today: date | None) -> bool:
    """Whether ``text`` asks to send to the person's home (:data:`.saysend.SENDS_HOME`), and nothing else to
    send, right after an absence (:data:`_AWAY`), and says no before that absence."""
    home = SENDS_HOME.search(text)
    if home is None or _SEND_HEADING.search(f"{text[: home.start()]} {text[home.end() :]}"):
        return False
    before = text[: home.start()]
    starts = [0] + [found.end() for found in _CLAUSE.finditer(before)]
    filled = [at for at in starts if before[at:].strip(" ,;.-–—/(")]
    if len(filled) < 2 or not _AWAY.match(before[filled[-1] :]):
        return False
    said = before[: filled[-1]].strip(" ,;.-–—/(")
    return _clauses_say_no(said, _note_says_no(said), today)


def _as_said(clause: str) -> str:
    """A clause without the words opening it that take back what came before ('actually no, hold', 'never
    mind, left company', 'then cancelled 12/1': :mod:`.takenback`): what it says, read as a note alone."""
    found = TAKEN_BACK.match(clause)
    if found is None:
        return clause
    rest = SAID_BY.sub("", clause[found.end() :]).strip(" )")
    if found["no"] and not rest:  # ('Go ahead - on second thought, don't', 'Send - actually no')
        return "do not send"
    return rest or clause


def taken_back(text: str) -> bool:
    """Whether a cell saying to send takes it back after ('OK to send - actually no, hold', 'Resend approved -
    rescinded 12/2': :mod:`.takenback`): its words saying send then say nothing."""
    if TAKES_BACK.match(text) and not _UNDONE.search(text):
        return True
    cuts = [found.end() for found in _CLAUSE.finditer(text)]
    if any(TAKEN_BACK.match(text[at:]) is not None and _note_says_no(_as_said(text[at:])) for at in cuts):
        return True
    return _no_after_the_send(text) or _a_no_before_an_absence_sent_home(text, None)


def _no_after_the_send(text: str) -> bool:
    """Whether a clause after the last words saying send says no, read as a note ('On leave - send anyway;
    deceased', 'Active - send anyway - terminated 12/1': found by review52, each ordered from a 'Status',
    where under 'Notes' they leave the row out): the send said first, the no after it."""
    sends = list(_SEND_HEADING.finditer(text))
    if not sends:
        return False
    cut = _CLAUSE.search(text, sends[-1].end())
    after = text[cut.end() :] if cut is not None else ""
    return bool(after.strip()) and _clauses_say_no(after, _note_says_no(after))


# Where a note's clause starts: a new line, or after a sentence's end, a semicolon, a colon or a spaced dash;
# or where one takes back what came before ('Approved, then cancelled 12/1': :mod:`.takenback`)
# ... or a remark in brackets, after a comma or a spaced slash ('Active (deceased)', 'Active, deceased', 'On
# leave (terminated 12/1)', 'Called 11/2 (deceased)', 'Active (card sent 11/20)', 'Active [deceased]',
# 'Active / deceased': found by hunter-sends1, its LO2, each was ordered where the same words after a spaced
# dash leave the row out); not a comma before a number ('Dec 1, 2026', '1, 2 and 3')
_ASIDE = r"\s*[(\[]\s*(?=[^\s)\]])|,\s*(?=[^\s\d,])|\s+/\s+(?=\S)"
_CLAUSE = re.compile(rf"\s+[-–—]\s+(?=\S)|\n|(?<=[.;:!?])\s+(?=\S)|{TAKING_BACK_CUT}|{_ASIDE}")


def _aside(note: str, start: int, end: int) -> bool:
    """Whether the cut ``note[start:end]`` opens a bracket or follows a comma."""
    return note[start:end].strip() in ("(", "[", ",", "/")


def _unbracketed(clause: str) -> str:
    """A clause without the brackets closing a remark ('deceased)', 'terminated 12/1) - call HR'): read as the
    words alone."""
    return re.sub(r"\s*[)\]]", " ", clause).strip() if ")" in clause or "]" in clause else clause


# matches wherever _NOTE_SAYS_NO does, without reading each clause whole for what would undo it (..loosened)
_MAY_SAY_NO = MayMatch(_NOTE_SAYS_NO)


# A spaced slash parting a remark from the words before it, read as the spaced dash it stands for: 'Do not
# send / per HR', 'Deceased / call family', 'Hold / ask HR', 'Declined / thanks' were each ordered, exit 0,
# where the same notes with ' - ' leave the row out (found by hunter-sends5)
SLASHED = re.compile(r"\s+/\s+(?=\S)")


def match_notes(texts: pd.Series, says: re.Pattern[str]) -> pd.Series:
    """``texts.str.match(says)``; of the pattern saying not to send (:data:`.notes._NOTE_SAYS_NO`), read only
    where its loosened copy matches: a text the copy cannot match is read as '' (the pattern does not match it
    either)."""
    return once(("notes say", says), texts, lambda: _match_notes(texts, says))


def _match_notes(texts: pd.Series, says: re.Pattern[str]) -> pd.Series:
    if says is not notes._NOTE_SAYS_NO or says.match("") is not None:
        return texts.str.match(says)
    texts = texts.str.replace(SLASHED, " - ", regex=True)  # ('Do not send / per HR': a remark's sign)
    cannot = pd.Series(
        [isinstance(text, str) and not _MAY_SAY_NO.may(text) for text in texts.tolist()],
        index=texts.index,
        dtype=bool,  # (an empty list is no mask: a Fix these sheet with no row left, found by newcomer19)
    )
    return texts.mask(cannot, "").str.match(says)


@functools.lru_cache(maxsize=1 << 16)  # the last clauses of many notes are alike ('Call first')
def _note_says_no(note: str) -> bool:
    note = SLASHED.sub(" - ", note) if " /" in note else note
    if not _MAY_SAY_NO.may(note):  # (nearly every clause of a long note: none of its words)
        return False
    return bool(_NOTE_SAYS_NO.match(note)) and not _SEND_HEADING.search(note) and not _UNDONE.search(note)


def _clause_says_no(clause: str, today: date | None) -> bool:
    """Whether a clause says no, not merely telling of an earlier round's card ('Card sent last year')."""
    return _note_says_no(clause) and not (today is not None and of_an_earlier_round(clause, today))


# A note told year by year, each year under its label ('Last year: declined (wanted cash). This year:
# Target', '2025: card returned (old address). 2026: new address above', 'LY: declined, TY: OK'): an earlier
# year's part is that year's history; read as this one's, each row was left out (found by hunter-falsealarm8,
# its LO4)
_YEAR_LABEL = re.compile(
    r"(?i)(?:^\s*|(?<=[.;,\n])\s*)(?P<label>(?:last|prior|previous)\s+year|this\s+year|next\s+year|ly|ty|(?:19|20)\d\d)"
    r"(?:\s*:\s*|\s+[-–—]\s+)"
)


# ... this year's part saying it is as the year before ('Last year: sent. This year: same', '... ditto', '...
# also sent', '... sent too'): it says nothing apart, and read alone the row was sent a second card (found by
# review37 reviewing 8ac1d5b7): the note is read whole, as any note
_AS_BEFORE = re.compile(
    r"(?i)\W*(?:(?:the\s+)?same\b.*|ditto\b.*|do\.?|likewise\b.*|as\s+(?:above|before|last\s+year)\b.*|"
    r"again\b.*|.*\b(?:also|too|as\s+well)\b.*|[\"〃]+"
    # ... or pointing back in other words, or undecided ('declined again', 'still declines', 'see 2025', 'no
    # change', 'TBD', 'pending', '?': found by review38 reviewing 8ac1d5b7, each sent, 8ac1d5b7^ left it out)
    r"|.*\b(?:again|still|unchanged|see\s+(?:above|last|prior|previous|ly|(?:19|20)\d\d)|"
    r"no\s+(?:change|update)s?)\b.*"
    r"|(?:tb[dc]|pending|unknown|unsure|undecided|not\s+(?:yet\s+)?(?:decided|known|sure))\b.*|.*\?.*)\W*"
)


def _this_year(note: str, year: int) -> str | None:
    """This year's part of a note told year by year (:data:`_YEAR_LABEL`), from its first word, of ``year``
    beside earlier years or years to come; None for any other note (one year alone, no part of this year's,
    words before a label, nothing said under this year's, or only that it is as before:
    :data:`_AS_BEFORE`)."""
    labels = list(_YEAR_LABEL.finditer(note))
    years = [_label_year(found["label"], year) for found in labels]
    # ... a note naming only years to come after words of its own: those words are this year's ('Left co.
    # Next year - n/a', 'Declined this year; next year: send': found by review39, its leftover, each sent,
    # the later year's 'n/a' or 'send' read as said of this one)
    if labels and labels[0].start() > 0 and all(at > year for at in years):
        return note[: labels[0].start()].strip(" .;,\n") or None
    if len(labels) < 2 or labels[0].start() != 0:
        return None
    # ... a year to come beside this one's says nothing of this run ('2026: sent. 2027: send again' on Dec 5,
    # 2026: read whole, 'send again' undid 'sent', a second card: found by hunter-falsealarm9)
    if year not in years or len(set(years)) < 2:
        return None
    ends = [found.start() for found in labels[1:]] + [len(note)]
    parts = [
        note[found.end() : end].strip(" .;,\n")
        for found, end, at in zip(labels, ends, years, strict=True)
        if at == year
    ]
    if any(_AS_BEFORE.fullmatch(part) for part in parts):
        return None
    return " - ".join(part for part in parts if part) or None  # ('2026:' and nothing: nothing said of it)


def _label_year(label: str, year: int) -> int:
    """The year a label of :data:`_YEAR_LABEL` names, in the run's ``year``."""
    said = " ".join(label.casefold().split())
    if said.isdigit():
        return int(said)
    return year + {"ty": 0, "this year": 0, "next year": 1}.get(said, -1)  # (LY, last, prior, previous year)
