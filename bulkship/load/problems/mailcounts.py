"""A count of the mail that came back from the row's address ('Returned Mail Count' = 2, 'Undeliverable
Count', 'RTS Count'): the card would go where the post returned mail before. Read as nothing, each was
ordered, exit 0 (the lead's closing note of session 51, leftover 2; hunter-asks7), where a 'Returned Mail'
flag = Y leaves the row out: a count may be of an address put right since, so it asks. Zero or empty sends."""

from __future__ import annotations

import re
from collections.abc import Collection

import pandas as pd

from ...models import Problem
from .askingnote import ASKS

# 'Returned Mail Count', 'Return Mail Counter', 'Mail Returned Count', '# Returned Mail', 'Times Mail
# Returned'
_COUNT_HEADER = re.compile(
    r"(?i)\W*(?:(?:#|no\.?|number\s+of|times|count\s+of)\s+)?(?:(?:returned|return|rts|undeliverable|bounced)"
    r"[\s-]+(?:mail(?:ings?)?|letters?|pieces?|addresses?)|mail(?:ings?)?[\s-]+(?:returned|bounced)|"
    r"undeliverables?|rts|returns?\s+to\s+sender|times\s+(?:mail\s+)?returned)(?:\s+(?:count|counter|total|"
    r"times|#|no\.?|number))?\W*"
)
_COUNTED = re.compile(
    r"(?i)\s*(?:#|no\.?|number|times|count|counter|total)\b|.*\b(?:count|counter|total|times|#)\W*$"
)
_A_COUNT = re.compile(r"\s*(\d{1,4})(?:\.0+)?\s*")


def reads_mail_counts(header: object) -> bool:
    """Whether :func:`mail_count_problems` reads ``header``'s cells: a count of mail returned (a column no
    field reads); a flag of it ('Returned Mail' = Y) is ..skipped.holdflags'."""
    text = str(header)
    return bool(_COUNT_HEADER.fullmatch(text) and (_COUNTED.match(text) or text.strip().startswith("#")))


def mail_count_problems(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: Collection[int]
) -> list[Problem]:
    """An error on each row whose count of mail returned is one or more."""
    fed = {field: header for header, field in column_map.items()}
    field = "address1" if "address1" in fed else next(iter(fed), "name")
    street = fed.get("address1")
    problems: list[Problem] = []
    for header in body.columns:
        if header in column_map or not reads_mail_counts(header):
            continue
        for row, cell in body[header].items():
            count = _A_COUNT.fullmatch(str(cell if pd.notna(cell) else ""))
            if int(row) in not_judged or count is None or int(count[1]) == 0:
                continue
            at = f" ('{body.at[row, street]}')" if street is not None else ""
            message = (
                f"Row {row}, column '{header}': says '{count[1]}': mail sent to this address{at} came back "
                f"{count[1]} time(s), and the card would go there. Check the address, then put the right one "
                f"in the row and write 0 in '{header}'."
            )
            problems.append(Problem(int(row), field, str(cell), "error", message, ASKS))
    return problems
