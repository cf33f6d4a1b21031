"""What the notices say of the skipped rows: one line for each kind, naming the rows."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

import pandas as pd

from ...models import SkippedRow
from ...program import ProgramSettings
from .columnkeys import _LEAVES_OUT, flag_key
from .dates import DAY_IT_MAY_HAVE_GONE
from .kinds import (
    _SAYS_CARD_MADE,
    _SAYS_DAY_PASSED,
    _SAYS_NOT_TO_SEND,
    _SAYS_NOT_YET,
    _SAYS_SENT_AHEAD,
    _SAYS_SENT_ALREADY,
    CROSSED,
    NOT_TO_SEND,
)
from .languages import plain_key
from .questions import asks_of_an_earlier_round


def _quoted(reason: str) -> str:
    """ "(column 'Send?': 'No')" of a row's reason, for a list of rows."""
    return (
        reason.removeprefix(_SAYS_NOT_YET)
        .removeprefix(_SAYS_DAY_PASSED)
        .removeprefix(_SAYS_SENT_AHEAD)
        .removeprefix(_SAYS_NOT_TO_SEND)
        .removeprefix(_SAYS_SENT_ALREADY)
        .removeprefix(_SAYS_CARD_MADE)
        .strip()
    )


def _row_list(rows: Sequence[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:10])
    return shown + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")


def _skip_notices(skipped: Sequence[SkippedRow], program: ProgramSettings) -> list[str]:
    """One line for the hidden rows, one for the rows that are not recipients (totals, notes)."""
    notices = []
    crossed = [s.row for s in skipped if s.kind == CROSSED]
    if crossed:
        notices.append(
            f"{len(crossed)} row(s) crossed out (struck through) in the sheet are not ordered: "
            f"{_row_list(crossed)}. Remove the strikethrough from a row to order it."
        )
    said_no = [s for s in skipped if s.kind == NOT_TO_SEND]
    if said_no:
        sent = (_SAYS_SENT_ALREADY, _SAYS_CARD_MADE)
        sent_already = ", or sent already," if any(s.reason.startswith(sent) for s in said_no) else ""
        notices.append(
            f"{len(said_no)} row(s) the list says not to send{sent_already} are not ordered: "
            + _first_ten([f"row {s.row} {_quoted(s.said)}".replace(" : ", ": ", 1) for s in said_no])
            + ". Change the cell to order a row."
            + (
                " A row held until a day is sent by running the same file again on or after that day"
                + _on_that_day_only(said_no)
                + "."
                if any(s.reason.startswith(_SAYS_NOT_YET) for s in said_no)
                else ""
            )
            + (
                " A day to come under a column saying when the card went ('Date Sent') is no day it went,"
                " and on that day it would read as sent: to send a row on that day, put the day under a"
                " 'Send Date' column instead (bulkship holds the row until then), or clear the cell to send"
                " it now."
                if any(s.reason.startswith(_SAYS_SENT_AHEAD) for s in said_no)
                else ""
            )
            + (
                " A day passed under a column that may say when the card went ('Ship Date', 'Mail Date',"
                " 'Scheduled Send Date') may be the day it went out: if it has not gone, put the day under a"
                " 'Send Date' column instead (a day passed there sends), or clear the cell, to send it."
                if any(s.reason.startswith(_SAYS_DAY_PASSED) for s in said_no)
                else ""
            )
            + (
                " To send a row said sent already again on purpose, write 'Resend' in its cell."
                if any(s.reason.startswith(_SAYS_SENT_ALREADY) for s in said_no)
                else ""
            )
            + (
                " A card the list says was made ('Label created', 'Returned', 'Not Delivered') may still"
                " reach the person: to send another on purpose, write 'Resend' in its cell."
                if any(s.reason.startswith(_SAYS_CARD_MADE) for s in said_no)
                else ""
            )
        )
    own = ("totals", "note", CROSSED, NOT_TO_SEND)
    hidden = [s.row for s in skipped if s.kind not in own]
    if hidden:
        kinds = sorted({s.reason for s in skipped if s.kind not in own})
        notices.append(
            f"{len(hidden)} hidden row(s) not ordered: {_row_list(hidden)} ({'; '.join(kinds)}). "
            "Pass --include-hidden to order them too."
        )
    others = [s for s in skipped if s.kind in ("totals", "note")]
    if others:
        notices.append(
            f"{len(others)} row(s) are not recipients and are not ordered: "
            + _first_ten([f"row {s.row}, {s.reason}" for s in others])
            + "."
        )
    return notices


_COLUMN = re.compile(r"\(column '(.+?)': ")


def _on_that_day_only(said_no: Sequence[SkippedRow]) -> str:
    """What to add when a row is held until a day under a column where a day passed may be the day the card
    went ('Ship Date'): a run of the batch after that day sends the row it held (..resume.held_until_then),
    but a file first run after that day leaves it out as perhaps gone (:data:`_SAYS_DAY_PASSED`)."""
    headers = {
        found.group(1)
        for s in said_no
        if s.reason.startswith(_SAYS_NOT_YET) and (found := _COLUMN.search(s.reason)) is not None
    }
    mine = sorted(h for h in headers if flag_key(h) in DAY_IT_MAY_HAVE_GONE)
    if not mine:
        return ""
    named = ", ".join(f"'{h}'" for h in mine)
    return (
        f" (under {named}, once a run of this batch has held it: a file first run after that day reads a day"
        " passed there as perhaps the day it went, and leaves the row out)"
    )


def _first_ten(parts: Sequence[str]) -> str:
    """The first ten of ``parts``, '; '-joined, and how many more."""
    more = f"; and {len(parts) - 10} more" if len(parts) > 10 else ""
    return "; ".join(parts[:10]) + more


def earlier_round_notices(
    body: pd.DataFrame, letters: Mapping[str, str], not_judged: Collection[int]
) -> list[str]:
    """A line for each question whether the card came in an earlier round ('Have you received a gift card
    from us before?', :func:`.questions.asks_of_an_earlier_round`), which leaves no row out: naming the rows
    answering it Yes (or not sure), which are ordered, and how to leave one out if it meant this round."""
    says = _LEAVES_OUT[plain_key("gift received")]
    notices = []
    for header in body.columns:
        if not asks_of_an_earlier_round(str(header)):
            continue
        column = body[header].drop(index=list(not_judged), errors="ignore").astype(str)
        codes, distinct = pd.factorize(column, use_na_sentinel=False)  # each answer read once
        said = pd.Series(distinct).str.match(says).to_numpy()[codes] if len(column) else []
        rows = [f"row {row} ('{text.strip()}')" for row, text in column[said].items()]
        answered = (
            f": {len(rows)} row(s) answering other than No are ordered ({_first_ten(rows)})" if rows else ""
        )
        notices.append(
            f"Column '{header}' ({letters.get(str(header), '?')}) asks whether a card came in an earlier"
            f" round, so a Yes there leaves no row out{answered}. If a Yes means this round's card went"
            " already, take the row out, or write 'Sent' on it under a 'Gift Sent' column."
        )
    return notices
