"""A refusal or a hold, then approved and nothing more ('Declined - now approved', 'Declined - approved by HR
12/1', 'Opted out - now approved', 'On hold - approved'): the refusal or the hold approved, or the card? Each
was left out, nobody asked (review69's leftover 3, the closing note of session 48's leftover 4; review71;
review75). Read by :func:`.asking.readings` as a remark that asks: said, the refusal; taken out, the
approval, which sends: the error asking. An ask to send after it sends ('Declined - later approved, send':
:mod:`.undone`); one asked, taken back or in error ('... - now approved?', '... - approved then revoked', '...
- approved by mistake') stays out."""

from __future__ import annotations

import re

# ... or a hold ('On hold - approved', 'Pause - approved', 'Not yet - approved 12/1', 'Held (approved)'): the
# hold approved, or the card? Each was left out, nobody asked (review73's leftover 4, the lead's closing note
# of session 50, leftover 4; review75). 'Hold - now approved' sends (undone._NOW_SEND: the no said lifted
# now), 'Pending approval - approved' and 'Wait - approved' too. 'Do not send - approved 12/1' stays out
# (test_notes_no_lifted_since: what was approved may be the no; review60)
_HELD = r"(?:(?:on\s+)?hold|held|paused?|(?:on\s+)?pause|not\s+yet)"
_REFUSED = re.compile(
    rf"(?i)\W*(?:declined?|opted[\s-]*out|{_HELD})(?:\s+(?:the\s+)?(?:gift\s+card|gift|card|award))?\W*"
)
MAY_BE_APPROVED = re.compile(rf"(?i)\b(?:declined?|opted|{_HELD})\b.*\bapproved\b")
_APPROVED_SINCE = re.compile(
    r"(?i)\W*(?:(?:now|later|since|then)\s+)?approved"
    r"(?:\s+(?:by|per)\s+(?!mistake|error|accident)[\w.&]+(?:\s+[\w.&]+)?)?"
    r"(?:\s+(?:on\s+)?\d{1,2}/\d{1,2}(?:/\d{2,4})?)?\W*"
)


def refused_then_approved(parts: list[str]) -> list[bool]:
    """Of a remark's clauses, the refusal where there are two, a refusal then an approval alone, not asked."""
    said = len(parts) - (1 if len(parts) > 2 and not re.sub(r"[\W_]+", "", parts[-1]) else 0)
    two = said == 2 and "?" not in parts[1]  # (an empty one after a bracket: 'Hold (approved)')
    first = (
        two and _REFUSED.fullmatch(parts[0]) is not None and _APPROVED_SINCE.fullmatch(parts[1]) is not None
    )
    return [first] + [False] * (len(parts) - 1)
