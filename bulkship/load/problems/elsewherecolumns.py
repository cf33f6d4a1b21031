"""A yes/no column saying a row's card goes to someone or somewhere else than the row's name and address
('Ship to manager?' = Yes, 'Send to office (Y/N)' = Y): bulkship sends to the row's name and address, so the
row is an error for a person to settle (found by hunter-sheets4: 'Ship to manager?' was read as 'send?', its
Yes row went to the employee's own address, its No row was left out). Also a column choosing another of the
person's addresses ('Preferred Address' = Work beside 'Home Address'). A note asking so: :mod:`.elsewhere`."""

from __future__ import annotations

import re

import pandas as pd

from ...columns import _words
from ...models import NAME_COLUMNS, Problem
from ..places import _PLACES, place_named
from ..skipped import _short
from .elsewhere import _THE_ROW, ASKED_ELSEWHERE

# 'Ship to manager?', 'Send card to office (Y/N)', 'Deliver to HR', 'Gift to manager?': what follows 'to' is
# where the card goes
_ELSEWHERE = re.compile(
    r"(?i)^\W*(?:(?:send|ship|mail|deliver)(?:ing)?(?:\s+(?:the\s+)?(?:gift\s+card|gift|card))?|(?:gift|card))"
    r"\s+to\s+(?:the\s+|his\s+|her\s+|their\s+|my\s+)?(?P<where>[a-z][a-z ]*?)"
    r"\s*(?:\(?\s*y(?:es)?\s*/\s*n(?:o)?\s*\)?)?\W*$"
)
_YES = re.compile(r"(?i)\s*(?:yes|y|x|true|1|✓|✔|☑|✅)(?:\s*[-–—:,.;!(].*)?\s*")
_NO = re.compile(r"(?i)\s*(?:no|n|false|0|✗|✘|❌)(?:\s*[-–—:,.;!(].*)?\s*")
# the fields whose headers may name the place the row's address already is ('Office Address', 'Work Street')
_WHERE_FIELDS = frozenset({"address1", "address2", "city", "company", "name"})


def _elsewhere_problems(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: set[int]
) -> list[Problem]:
    """A row whose 'Ship to <someone>?' column (one nothing else reads) says yes, unless the list's address
    or name columns are headed by that place or person ('Ship to office?' beside 'Office Address')."""
    fed = {field: header for header, field in column_map.items()}
    named = {w for h, field in column_map.items() if field in _WHERE_FIELDS for w in _words(str(h))}
    street = fed.get("address1")
    names = [fed[f] for f in NAME_COLUMNS if f in fed]
    problems = []
    for header in body.columns:
        where = _ELSEWHERE.match(str(header)) if header not in column_map else None
        if where is None:
            continue
        # the address columns are headed by that place ('Office Address'): a No sends it elsewhere (found by
        # review18: 'Ship to home?' = No beside 'Home Address' went to the home, unsaid)
        here = set(_words(where["where"])) <= named | _THE_ROW
        answers = body[header].astype(str)
        for row in answers.index[answers.str.fullmatch(_NO if here else _YES)].tolist():
            if int(row) in not_judged:
                continue
            typed = str(body.at[row, street]).strip() if street else ""
            person = " ".join(str(body.at[row, h]).strip() for h in names).strip()
            sent = ", ".join(_short(t) for t in (person, typed) if t) or "as the row says"
            place = where["where"]
            said = (
                f"does not go to the {place}, and the row's address is the {place}'s ({sent})"
                if here
                else f"goes to the {place}, and bulkship sends it to the row's name and address ({sent})"
            )
            answer, other = answers[row].strip(), "Yes" if here else "No"
            message = (
                f"Row {row}, column '{header}': '{answer}' says this card {said}. Write the name and address "
                f"it goes to in the row, and clear '{header}' (or write {other})."
            )
            problems.append(Problem(int(row), "address1", typed, "error", message, ASKED_ELSEWHERE))
    return problems + _other_address_chosen(body, column_map, not_judged)


# A column choosing which of the person's addresses the card goes to ('Preferred Address' = Work beside Home
# and Work address columns): bulkship reads one address group for every row (found by hunter-sheets10: Bob's
# 'Work' went to his home, exit 0)
_CHOICE = re.compile(
    r"(?i)^\W*(?:(?:preferred|default)\s+(?:shipping\s+|mailing\s+|delivery\s+)?address|"
    r"(?:shipping\s+|mailing\s+|delivery\s+)?address\s+(?:preference|pref|choice|to\s+use|for\s+(?:the\s+)?"
    r"(?:gift|card|delivery|shipping))|(?:deliver|send|ship|mail)(?:ing)?\s+(?:to|address)|"
    r"(?:ship|mail|delivery|shipping|mailing)\s+(?:preference|location)|preferred\s+(?:location|delivery)|"
    # the verb alone over Home / Work cells: 'Mail' = Work went home, exit 0, beside a note saying such a row
    # is an error (found by review25)
    r"mail|mailing|ship|send|deliver)\W*$"
)


def _other_address_chosen(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: set[int]
) -> list[Problem]:
    """A row whose address-choice column (one nothing else reads) names a place ('Work') other than the one
    the street read is headed by ('Home Address'): an error for a person to settle."""
    street = next((h for h, field in column_map.items() if field == "address1"), None)
    if street is None:
        return []
    used = {_PLACES[w] for w in _words(str(street)) if w in _PLACES}
    if len(used) != 1:
        return []
    problems = []
    for header in body.columns:
        if header in column_map or not _CHOICE.match(str(header)):
            continue
        answers = body[header].astype(str)
        for row, answer in answers.items():
            place = place_named(answer)
            if place is None or place in used or int(row) in not_judged:
                continue
            typed = str(body.at[row, street]).strip()
            message = (
                f"Row {row}, column '{header}': '{answer.strip()}' says this card goes to the {place} "
                f"address, and bulkship sends it to '{street}' ({_short(typed)}). Write the address it goes "
                f"to in '{street}' and the columns beside it, or clear '{header}'."
            )
            problems.append(Problem(int(row), "address1", typed, "error", message, ASKED_ELSEWHERE))
    return problems
