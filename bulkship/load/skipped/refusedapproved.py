"""A refusal, then approved and nothing more ('Declined - now approved', 'Declined - approved by HR 12/1',
'Opted out - now approved'): the refusal approved, or the card? Each was left out, nobody asked (review69's
leftover 3, the closing note of session 48's leftover 4; review71). Read by :func:`.asking.readings` as a
remark that asks: said, the refusal; taken out, the approval, which sends: the error asking. An ask to send
after it sends ('Declined - later approved, send': :mod:`.undone`); one asked, taken back or in error
('... - now approved?', '... - approved then revoked', '... - approved by mistake') stays out."""

from __future__ import annotations

import re

_REFUSED = re.compile(
    r"(?i)\W*(?:declined?|opted[\s-]*out)(?:\s+(?:the\s+)?(?:gift\s+card|gift|card|award))?\W*"
)
MAY_BE_APPROVED = re.compile(r"(?i)\b(?:declined?|opted)\b.*\bapproved\b")
_APPROVED_SINCE = re.compile(
    r"(?i)\W*(?:(?:now|later|since|then)\s+)?approved"
    r"(?:\s+(?:by|per)\s+(?!mistake|error|accident)[\w.&]+(?:\s+[\w.&]+)?)?"
    r"(?:\s+(?:on\s+)?\d{1,2}/\d{1,2}(?:/\d{2,4})?)?\W*"
)


def refused_then_approved(parts: list[str]) -> list[bool]:
    """Of a remark's clauses, the refusal where there are two, a refusal then an approval alone, not asked."""
    two = len(parts) == 2 and "?" not in parts[1]
    first = (
        two and _REFUSED.fullmatch(parts[0]) is not None and _APPROVED_SINCE.fullmatch(parts[1]) is not None
    )
    return [first] + [False] * (len(parts) - 1)
