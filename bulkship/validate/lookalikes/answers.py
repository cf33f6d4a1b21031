"""A form's answers naming one person twice with another card or value: Ann answered a Google Form, then
again ('changed my mind - Target please'), and both her cards were ordered, exit 0, with only a warning,
where a form answered twice with the street corrected sends neither (found by newcomer19, N10; taken by
hunter-sheets29). In a list that is a form's answers (a timestamp on every answer, or its questions as the
headers) the later answer may replace the earlier, or add to it: which is meant is the person's to say, so
neither row is sent. A list without either (an HR list giving two awards on purpose) keeps its warning and
sends both."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd

from ..collect import ProblemCollector
from .columns import _by_row, _text
from .secondgifts import _second_gift_rows, _second_gifts_at_one_address

# The column a form's export stamps each answer with: Google Forms' 'Timestamp', Microsoft Forms'
# 'Completion time', Typeform's 'Submitted At', Jotform's 'Submission Date'
_STAMP = re.compile(
    r"(?i)\s*(?:timestamp|time\s*stamp|submitted(?:\s+(?:at|on|date|time))?|submission\s+(?:date|time)|"
    r"completion\s+time|date\s+submitted|response\s+(?:date|time))\s*"
)

# ... and, its Timestamp column deleted by hand, a form's questions read as the recipient's or the card's
# column: 'What is your full name?', 'Which gift card would you like?', 'Please enter your street address'
# (found by hunter-sheets30: such an export sent both answers of a person who answered twice)
_QUESTION = re.compile(r"(?i)\s*(?:what|which|where|who|how|please|enter|select|choose|your)\b.*|.*\?\s*")
_ASKED_FIELDS = frozenset({"name", "first_name", "last_name", "email", "address1", "address2", "city",
                           "state", "zip", "product", "value"})  # fmt: skip


# ... of which a header that asks ('What is your full name?', 'Please enter your name'), not one that only
# says whose ('Your Name': an HR list's header too, whose person on two rows was told "answered the form
# twice", words of a form it may not be: found by hunter-sheets30, reworded by hunter-sheets31)
_ASKING = re.compile(r"(?i)\s*(?:what|which|where|who|how|please|enter|select|choose)\b.*|.*\?\s*")


def _asks(headers: Sequence[str], column_map: Mapping[str, str] | None) -> bool:
    """Whether a list is a form's by its stamp column or a header asking a question (:data:`_ASKING`)."""
    if any(_STAMP.fullmatch(str(header)) for header in headers):
        return True
    asked = (h for h, field in (column_map or {}).items() if field in _ASKED_FIELDS)
    return any(_ASKING.fullmatch(str(header)) for header in asked)


def is_a_form(headers: Sequence[str], column_map: Mapping[str, str] | None = None) -> bool:
    """Whether a list's headers are a form export's: a column stamping each answer's time, or a question
    read as the recipient's or the card's column."""
    if any(_STAMP.fullmatch(str(header)) for header in headers):
        return True
    asked = (h for h, field in (column_map or {}).items() if field in _ASKED_FIELDS)
    return any(_QUESTION.fullmatch(str(header)) for header in asked)


def check_answered_twice(
    frame: pd.DataFrame,
    collector: ProblemCollector,
    headers: Sequence[str],
    skipped: pd.Series,
    column_map: Mapping[str, str] | None = None,
) -> None:
    """An error on both rows of one person (the same name and street, the same email where both give one)
    with another card or value, in a form's answers; an 'Allow Duplicate' yes on the later one sends both."""
    if not is_a_form(headers, column_map):
        return
    judged = frame[~skipped & ~frame.index.isin(list(collector.error_rows()))]
    found = _second_gift_rows(judged)
    found.update({k: v for k, v in _second_gifts_at_one_address(judged).items() if k not in found})
    emails = _text(frame, "email").str.strip().str.casefold()
    allowed = _text(frame, "allow_duplicate").eq("yes")
    other: dict[object, int] = {}  # each row of a pair -> the other row
    for index, first in found.items():
        if allowed[index] or (emails[index] and emails[first] and emails[index] != emails[first]):
            continue
        other[index], other[first] = first, int(str(index))
    if not other:
        return
    upper = {k: min(int(str(k)), v) for k, v in other.items()}
    lower = {k: max(int(str(k)), v) for k, v in other.items()}
    said = (
        "'{name}' answered the form twice (rows {upper} and {lower}) with another card or value: which "
        "answer is meant? Delete the other row, then run again (for two cards on purpose, write yes in an "
        "'Allow Duplicate' column on the later one)."
    )
    if not _asks(headers, column_map):  # 'Your Name': perhaps no form, said without one
        said = (
            "'{name}' is on rows {upper} and {lower} with another card or value: which one is meant? Delete "
            "the other row, then run again (for two cards on purpose, write yes in an 'Allow Duplicate' "
            "column on the later one)."
        )
    collector.error(
        pd.Series(frame.index.isin(list(other)), index=frame.index),
        "name",
        "One person answered twice",
        said,
        extra={"upper": _by_row(frame, upper), "lower": _by_row(frame, lower)},
    )
