"""A note saying its row is a person's old address, the new one on another row of the list: 'Moved - see next
row', 'Old address - see new row below', 'Former address - see next line', 'Moved - new address on row 9',
'See row 9 (new address)', 'New address below'. Each row was ordered beside the person's row at the new
address, exit 0: two cards, one to where they no longer live (found by review42 reviewing 8840e457; 'Outdated
address - use row 5' and 'Replaced by row 9' were left out already). Read with :data:`.notes._NOTE_SAYS_NO`.
So 'Moved - do not send here'. Not the row holding the new address with the old one noted ('Old address:
12 Elm St', 'Previous address - 5 Oak Ave'), nor 'Moved' alone or 'Moved - new address 9 New St' (an
address to put in the row: .problems.corrections)."""

from __future__ import annotations

# the other row, pointed at
_THERE = (
    r"(?:the\s+)?(?:next|new|corrected|updated|other|following|second)\s+(?:row|line|entry|one)\b|"
    r"(?:row|line)\s*#?\s*\d+\b|below\b|the\s+(?:row|line)\s+below\b"
)
_OLD = r"(?:old|previous|prev\.?|former|outdated|past)\s+(?:home\s+|mailing\s+)?(?:address|addr\.?)"
SUPERSEDED = (
    # 'Old address', 'Old address - see new row below', 'Former address - see next line'
    rf"{_OLD}\s*(?:$|[-–—,;(]\s*(?:see|use|new\s+(?:one|address)\s+(?:is\s+)?(?:on|in|at)?)\s*(?:{_THERE}).*)|"
    # 'Moved - see next row', 'Moved - new address on row 9', 'Moved to 9 New St (next row)'
    rf"(?:moved|relocated)\b(?:\s+to\s+[^(]{{0,60}})?\s*[-–—:,;(]?\s*(?:see|use|new\s+address\s+(?:is\s+)?(?:on|in|at)?)?"
    rf"\s*(?:{_THERE}).*|"
    # 'See row 9 (new address)', 'New address below', 'New address on the next row'
    rf"(?:see|use)\s+(?:{_THERE})\s*[-–—:,;(]?\s*(?:for\s+)?(?:the\s+)?new\s+address\b.*|"
    rf"new\s+address\s+(?:is\s+)?(?:on|in|at)?\s*(?:{_THERE}).*|"
    # ... or not to send there, the person moved: 'Moved - do not send here', 'Old address - do not mail to
    # this address', 'Do not mail here - moved' (each ordered, beside the new row or alone)
    rf"(?=.*\b(?:moved|relocated|{_OLD})\b).*\b(?:do\s*n[o']?t|don'?t|never)\s+(?:send|mail|ship)\s+"
    r"(?:it\s+)?(?:here|there|to\s+this\s+(?:address|one))\b.*"
)
