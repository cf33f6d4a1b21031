"""A CRM's yes/no column flagging a person whom gift rules or a marketing opt-out may keep from a card:
'Government Official', 'Public Official', 'Politically Exposed Person' (gifts to officials are restricted),
'Do Not Market', 'Marketing Opt Out', 'Opted Out of Marketing' (a gift card from marketing may be
marketing). Each = true was ordered, exit 0 (found by newcomer29 in a HubSpot export). Neither a yes to leave
out nor nothing: the error asking, in the column's words; a no or an empty cell sends (the lead, 20:07)."""

from __future__ import annotations

import re
from collections.abc import Collection

import pandas as pd

from ...models import Problem
from .askingnote import ASKS

_FLAG = r"(?:\s+(?:flag|indicator|ind|y/?n|yes/no))?\W*"
# an official: 'Government Official', 'Is Public Official?', 'Foreign Official', 'Gov Employee', 'PEP'
_OFFICIAL = re.compile(
    r"(?i)\W*(?:(?:is|are)\s+(?:a\s+)?)?(?:(?:government|gov't|govt|gov|public|foreign|state|federal|elected)"
    r"[\s-]+(?:official|officer|employee|worker)|public[\s-]+sector[\s-]+employee|politically[\s-]+exposed"
    rf"(?:[\s-]+person)?|pep){_FLAG}"
)
# ... or out of marketing: 'Do Not Market', 'Marketing Opt Out', 'Opted Out of Marketing', 'Unsubscribed from
# Marketing' (e-mail's own flags, 'Unsubscribed', 'Email Opt Out', still send)
_NO_MARKETING = re.compile(
    r"(?i)\W*(?:(?:has\s+)?(?:do\s*n[o']?t|don'?t|no)\s+market(?:ing)?|marketing[\s-]+(?:opt(?:ed)?[\s-]*out|"
    r"unsubscribed?|suppressed|suppression)|(?:has\s+)?(?:opt(?:ed)?[\s-]*out|unsubscribed)\s+(?:of|from)\s+"
    rf"marketing){_FLAG}"
)
_YES = re.compile(r"(?i)\s*(?:y|yes|true|t|1|x|✓|✔)\s*")


def reads_gift_rules(header: object) -> bool:
    """Whether :func:`gift_rule_problems` reads ``header``'s cells (a column no field reads)."""
    return bool(_OFFICIAL.fullmatch(str(header)) or _NO_MARKETING.fullmatch(str(header)))


def gift_rule_problems(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: Collection[int]
) -> list[Problem]:
    """An error on each row whose official or marketing opt-out column says yes."""
    fed = {field: header for header, field in column_map.items()}
    field = next((f for f in ("name", "first_name", "last_name") if f in fed), next(iter(fed), "name"))
    problems: list[Problem] = []
    for header in body.columns:
        if header in column_map or not reads_gift_rules(header):
            continue
        why = (
            "gift rules may forbid a card to an official"
            if _OFFICIAL.fullmatch(str(header))
            else "the person opted out of marketing"
        )
        for row, cell in body[header].items():
            said = str(cell if pd.notna(cell) else "").strip()
            if int(row) in not_judged or not _YES.fullmatch(said):
                continue
            message = (
                f"Row {row}, column '{header}': says '{said}': {why}: is this card to be sent? Check, then "
                f"write No in '{header}' to send it, or take the row off the list."
            )
            problems.append(Problem(int(row), field, said, "error", message, ASKS))
    return problems
