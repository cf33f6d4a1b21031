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
# ... by where it is, named as a row or as the address it holds ('Moved - see row below', 'Moved - see
# address below', 'Moved - address below', 'Moved, see updated address below', 'Moved - see row above'):
# each was ordered beside the person's new row, two cards (hunter-sends2's leftover, fixed by hunter-sends3),
# where 'Moved - see below' and 'Moved - see the row below' leave the old row out. The address above only
# when seen there ('Moved - see address above'): 'Moved - new address above' tells of this row's own cells
# (tests/test_visible_rows.py)
_QUALIFIED = r"(?:(?:the|his|her|their)\s+)?(?:(?:new|corrected|updated|current|other|correct)\s+)*"
# (not the other row told old: 'Moved - address above is old' is the new row's note; nor this row said to be
# sent: 'Moved; new address above. Send here')
_NOT_HERE = (
    r"(?!\s*[(\[]?\s*(?:is|was|=)?\s*(?:the\s+)?(?:old|outdated|former|previous|prior|wrong|obsolete)\b)"
    r"(?!.*(?<!not\s)(?<!n['’]t\s)\b(?:send|mail|ship)\s+(?:it\s+)?(?:here|to\s+this\s+(?:one|row|address))\b)"
)
_THERE = (
    r"(?:(?:the\s+)?(?:(?:next|new|corrected|updated|other|following|second)\s+)+(?:row|line|entry|record|one)\b|"
    r"(?:row|line|entry|record)\s*#?\s*\d+\b|"
    rf"{_QUALIFIED}(?:(?:row|line|entry|record|one|address|addr\.?|info)\s+)?(?:below|underneath|beneath)\b|"
    rf"{_QUALIFIED}(?:row|line|entry|record)\s+above\b)"
    rf"{_NOT_HERE}"
)
_SEEN_ABOVE = rf"(?:see|use)\s+{_QUALIFIED}(?:(?:address|addr\.?|one|info)\s+)?above\b{_NOT_HERE}"
_OLD = r"(?:old|previous|prev\.?|former|outdated|past)\s+(?:home\s+|mailing\s+)?(?:address|addr\.?)"
SUPERSEDED = (
    # 'Old address', 'Old address - see new row below', 'Former address - see next line'
    rf"{_OLD}\s*(?:$|[-–—,;(]\s*(?:(?:see|use|new\s+(?:one|address)\s+(?:is\s+)?(?:on|in|at)?)\s*(?:{_THERE})|"
    rf"{_SEEN_ABOVE}).*)|"
    # 'Moved - see next row', 'Moved - new address on row 9', 'Moved to 9 New St (next row)'; 'Address changed
    # - see row below'
    rf"(?:moved|relocated|(?:address|addr\.?)\s+(?:changed|updated)|changed\s+address)\b(?:\s+to\s+[^(]{{0,60}})?"
    rf"\s*[-–—:,;(]?\s*(?:(?:see|use|new\s+address\s+(?:is\s+)?(?:on|in|at)?)?\s*(?:{_THERE})|{_SEEN_ABOVE}).*|"
    # 'See row 9 (new address)', 'New address below', 'New address on the next row'
    rf"(?:see|use)\s+(?:{_THERE})\s*[-–—:,;(]?\s*(?:for\s+)?(?:the\s+)?new\s+address\b.*|"
    rf"new\s+address\s+(?:is\s+)?(?:on|in|at)?\s*(?:{_THERE}).*|"
    # ... or not to send there, the person moved: 'Moved - do not send here', 'Old address - do not mail to
    # this address', 'Do not mail here - moved' (each ordered, beside the new row or alone)
    rf"(?=.*\b(?:moved|relocated|{_OLD})\b).*\b(?:do\s*n[o']?t|don'?t|never)\s+(?:send|mail|ship)\s+"
    r"(?:it\s+)?(?:here|there|to\s+this\s+(?:address|one))\b.*"
)
