"""A remark saying not to send typed into a cell of a column of something else: 'Email' = 'left company - do
not send', 'Phone' = 'DECEASED', 'Department' = 'TERMINATED', 'Title' = 'DO NOT SEND'. A list kept by hand has
its remark overwrite whatever cell is at hand (the email that no longer works, the phone nobody answers); read
as nothing, each such person was sent a card (found by hunter-sheets22). Only the few words no column of
another thing holds as its own value are read: not to send, a death, a dismissal, the company left; in a
column about someone else (a manager, a spouse, an emergency contact) they are that person's, and a column
where most rows say it describes the list (former staff), as :mod:`.said` reads an active flag."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

import numpy as np
import pandas as pd

from ...quoting import quoted
from .columnkeys import picks_rows
from .headings import _SEND_HEADING
from .kinds import _SAYS_NOT_TO_SEND
from .marks import _NO_HEADER
from .named import _FIELDS, _remarks
from .ofwork import OF_WORK, names_work
from .relation import RELATIONSHIP, relation_remark
from .undone import _UNDONE

# (a word added here that _MAY_SAY_NO below does not find at a word's start must be added there too)
_SAYS_NO_TEXT = (
    r"(?i)^\W*(?:(?:please\s+|pls\s+)?(?:do[\s-]*n[o']?t|don'?t)[\s-]+(?:send|mail|ship|order)\b|dns\W*$|"
    rf"(?:deceased|terminated|fired)\b(?!{OF_WORK})|passed\s+away\b|died\b|termed\b|resigned\b|laid\s+off\b|"
    r"left\s+(?:the\s+)?(?:company|co\b|firm|organi[sz]ation|org\b)|no\s+longer\s+(?:with|employed|works?|here)\b|"
    r"remove[ds]?\s+from\s+(?:the\s+)?(?:gift\s+)?list\b|no\s+(?:gift|card)\s*$)"
)
# ... a job's words ('Deceased Estates Officer') only in a column naming work: elsewhere ('Account Type' =
# 'Deceased accounts') they name the dead (found by review37 after d4863bbb)
_SAYS_NO_OF_WORK = re.compile(_SAYS_NO_TEXT)
_SAYS_NO = re.compile(_SAYS_NO_TEXT.replace(f"(?!{OF_WORK})", ""))
# ... and in a column naming work, a person's status typed over their job or department ('Job Title' =
# 'Former employee', 'Inactive', 'Ex-employee', 'Position eliminated', 'On leave - hold', 'N/A - left': found
# by review40, each sent where an 'Employee Status' of those words leaves the row out): the cell alone, or
# with a remark after a sign, never a job's words after it ('Former Accounts Manager')
_STATUS_IN_WORK = re.compile(
    r"(?i)^\W*(?:former(?:\s+(?:employee|staff|worker|associate|team\s+member))?|ex[\s-]*(?:employee|staff|worker)|"
    r"inactive|not\s+active|separated|exited|offboarded|departed|dismissed|let\s+go|laid\s+off|quit|"
    r"(?:position|role|job)\s+eliminated|no\s+longer\s+(?:employed|active|working|here|with\s+(?:us|the\s+\w+))|"
    r"(?:contract|employment|assignment)\s+(?:ended|terminated|expired|over)|(?:past|previous|prior)\s+"
    r"(?:employee|staff)|not\s+employed|left(?:\s+(?:the\s+)?(?:company|firm|organi[sz]ation))?|gone|"
    r"(?:on\s+)?hold|removed|excluded|not\s+eligible|ineligible|"
    r"n/?a\s*[-–—:,(]\s*(?:left|gone|former|terminated|resigned|inactive|separated))"
    r"\s*(?:$|[-–—:,.;!(/\d].*)"
)
_MAY_BE_STATUS = re.compile(
    r"(?i)\b(?:former|ex|inactive|not|separated|exited|offboarded|departed|dismissed|let|laid|quit|position|"
    r"role|job|no|contract|employment|assignment|past|previous|prior|left|gone|on|hold|removed|excluded|"
    r"ineligible|n/?a)\b"
)
# a word :data:`_SAYS_NO` must find, at a word's start, in the cell or a remark of it: a cell without one is
# passed over at once (a list's emails and phones are mostly each their own: read one by one, 100,000 rows
# cost 2.5 s of a 7 s load, found by the lead's bench)
_MAY_SAY_NO = re.compile(
    r"(?i)\b(?:send|mail|ship|order|dns|deceased|passed|died|term|resigned|laid|fired|left|longer|remove|gift|card)"
)
# the same for a cell of ASCII letters, lowered first: a search ignoring case read each of 100,000 emails
# at a third of the speed (the lead's bench); beyond ASCII, case is Unicode's ('ſ' is an 's' to _SAYS_NO)
_MAY_SAY_NO_LOWERED = re.compile(_MAY_SAY_NO.pattern.removeprefix("(?i)"))
# a column about another person, or about the past: their words are not this row's person's now
_ANOTHER_S = re.compile(
    r"(?i)manager|supervisor|\bmgr\b|reports?\s+to|spouse|partner|husband|wife|beneficiar|dependent|parent|"
    r"child|emergency|contact\s+name|approver|sponsor|mentor|buddy|referr|nominat|submitted|requested|owner|"
    r"mother|father|relative|\bkin\b|guardian|family|household|\bpets?\b|assistant|delegate|"
    r"previous|prior|former|\bold\b|history|\bwas\b"
)


def _stray_remarks(
    body: pd.DataFrame, column_map: Mapping[str, str], beyond: Collection[str] = ()
) -> dict[int, str]:
    """Rows with a remark saying not to send in a cell of a column of something else (the module's doc):
    row -> the reason, quoting the cell. ``beyond``: a CSV's columns past its header's fields, a note cut by
    a comma (an error on its row, ..problems)."""
    found: dict[int, str] = {}
    for header in body.columns:
        if column_map.get(header) in _FIELDS or picks_rows(str(header)) or _ANOTHER_S.search(str(header)):
            continue  # (a name's or street's remark is .named's; a column read to leave rows out, .said's)
        if header in beyond or _NO_HEADER.fullmatch(str(header)):  # (a note's cut end; a note without header)
            continue
        # each distinct cell read once, stripped after (a column of 100,000 emails is stripped once)
        codes, distinct = pd.factorize(body[header], use_na_sentinel=False)
        texts = [str(cell).strip() for cell in distinct.tolist()]
        says = _SAYS_NO_OF_WORK if names_work(header) else _SAYS_NO
        said = [_may_say_no(text) and _says_no(text, says) for text in texts]
        if RELATIONSHIP.fullmatch(str(header)):  # 'Spouse (deceased employee)': the member's (.relation)
            said = [was and relation_remark(text) != "" for was, text in zip(said, texts, strict=True)]
        if says is _SAYS_NO_OF_WORK:  # ... or a person's status over their job ('Former employee')
            said = [
                was or (_MAY_BE_STATUS.search(text) is not None and _says_no(text, _STATUS_IN_WORK))
                for was, text in zip(said, texts, strict=True)
            ]
        if not any(said):
            continue
        rows = [
            (row, code) for row, code in zip(body.index.tolist(), codes.tolist(), strict=True) if said[code]
        ]
        filled = int(np.array([bool(text) for text in texts])[codes].sum())
        if 2 * len(rows) > filled:  # most rows: a list of former staff, say
            continue
        for row, code in rows:
            found.setdefault(int(row), f"{_SAYS_NOT_TO_SEND} (column '{header}': '{quoted(texts[code])}')")
    return found


def _may_say_no(text: str) -> bool:
    """Whether ``text`` holds a word :data:`_SAYS_NO` may find (the quick pre-check, case ignored)."""
    if text.isascii():
        return bool(_MAY_SAY_NO_LOWERED.search(text.lower()))
    return bool(_MAY_SAY_NO.search(text))


def _says_no(text: str, says: re.Pattern[str] = _SAYS_NO) -> bool:
    """Whether a cell, or a remark in it (in brackets, or beside a spaced dash), says not to send in the
    words ``says`` reads (:data:`_SAYS_NO`; in a column naming work, :data:`_SAYS_NO_OF_WORK`), and nothing
    after it undoes it ('Terminated - rehired')."""
    if not text or _SEND_HEADING.search(text) or _UNDONE.search(text):
        return False
    return any(says.match(part) for part in [text, *_remarks(text)])
