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
from .askingnote import yes_column_problems

_FLAG = r"(?:\s+(?:flag|indicator|ind|y/?n|yes/no))?\W*"
# an official: 'Government Official', 'Is Public Official?', 'Foreign Official', 'Gov Employee', 'PEP'
_OFFICIAL = re.compile(
    r"(?i)\W*(?:(?:is|are)\s+(?:a\s+)?)?(?:(?:government|gov't|govt|gov|public|foreign|state|federal|elected)"
    r"[\s-]+(?:official|officer|employee|worker)|public[\s-]+sector[\s-]+employee|politically[\s-]+exposed"
    rf"(?:[\s-]+person)?|pep){_FLAG}"
)
# ... or out of marketing: 'Do Not Market', 'Marketing Opt Out', 'Opted Out of Marketing', 'Unsubscribed from
# Marketing', Marketo's 'Marketing Suspended' (found by newcomer30: ordered) (e-mail's own flags,
# 'Unsubscribed', 'Email Opt Out', still send)
_NO_MARKETING = re.compile(
    r"(?i)\W*(?:(?:has\s+)?(?:do\s*n[o']?t|don'?t|no)\s+market(?:ing)?|marketing[\s-]+(?:opt(?:ed)?[\s-]*out|"
    r"unsubscribed?|suppressed|suppression|suspended)|(?:has\s+)?(?:opt(?:ed)?[\s-]*out|unsubscribed)\s+(?:of|from)\s+"
    rf"marketing){_FLAG}"
)


def reads_gift_rules(header: object) -> bool:
    """Whether :func:`gift_rule_problems` reads ``header``'s cells (a column no field reads)."""
    return bool(_OFFICIAL.fullmatch(str(header)) or _NO_MARKETING.fullmatch(str(header)))


def gift_rule_problems(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: Collection[int]
) -> list[Problem]:
    """An error on each row whose official or marketing opt-out column says yes."""

    def why(header: str) -> str | None:
        if _OFFICIAL.fullmatch(header):
            return "gift rules may forbid a card to an official"
        return "the person opted out of marketing" if _NO_MARKETING.fullmatch(header) else None

    return yes_column_problems(body, column_map, not_judged, why)
