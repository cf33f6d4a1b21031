"""A note saying the person wants no card, in other words than 'Declined' or 'Wants no gift': 'Prefers no
gift', 'Would rather not receive a gift', 'Asked not to receive gifts', a donation instead ('Asked to donate
to charity instead', 'Donation in lieu of card', 'Chose the charity option', 'Donated her gift to charity'),
or cash in the pay ('Wants cash in paycheck instead'). Each was ordered, exit 0, a card the person said no
to, where 'Prefers donation', 'Chose charity' and 'Wants cash instead' leave the row out (review40's remarks
still sent, hunter-sends3's leftovers; fixed by hunter-sends4). Read by :data:`.notes._NOTE_SAYS_NO`, a
whole note or a clause of one. Not a card chosen ('Prefers Target'), nor a donation told beside the card
('Donated to the food drive')."""

from __future__ import annotations

_CARD = (
    r"(?:(?:a|an|any|the|his|her|their)\s+)?(?:gifts?|gift\s+cards?|e-?gift\s+cards?|cards?|presents?|one|it)"
)
_ASKED = (
    r"(?:asked|asks|wants?|wanted|prefers?|preferred|requested|requests|chose|chosen|opted|opts|elected|picked|"
    r"selected|would\s+(?:rather|prefer|like)|wishes|wished)"
)
_REMARK = r"\s*(?:$|[-–—:,.;!(].*|(?:on\s+)?\d{1,4}[/.-]\d.*|\s(?:as\s+)?per\s.*)"
PREFERS_NONE = (
    # no card wanted ('Prefers no gift', 'Would rather not receive a gift', 'Asked not to receive gifts')
    rf"(?:{_ASKED}\s+(?:no\s+(?:gifts?|gift\s+cards?|cards?|presents?)|(?:not\s+(?:to\s+)?|to\s+not\s+)(?:receive|get|"
    rf"accept|be\s+sent|be\s+given|have)\s+{_CARD})|"
    # ... a donation instead ('Asked to donate to charity instead', 'Chose the charity option')
    rf"{_ASKED}\s+(?:(?:to|for|the|a|an|that\s+we)\s+)*(?:donat\w*|charit\w*|give\s+(?:it\s+)?to\s+charity)"
    r"(?:\s+(?:option|donation|gift|instead|to\s+(?:a\s+|the\s+)?charit\w*|(?:in\s+(?:lieu|place)\s+of|instead\s+"
    rf"of)\s+{_CARD}))*|"
    rf"(?:charity\s+|charitable\s+)?donation\s+(?:made\s+)?(?:in\s+(?:lieu|place)\s+of|instead\s+of)\s+{_CARD}|"
    rf"donated\s+(?:(?:his|her|their|the)\s+(?:gift\s+card|gift|card)\s+)?(?:to\s+(?:a\s+|the\s+)?charit\w*|"
    rf"(?:in\s+(?:lieu|place)\s+of|instead\s+of)\s+{_CARD}|instead)|"
    # ... cash in the pay ('Wants cash in paycheck instead', 'Opted for cash via payroll')
    rf"{_ASKED}\s+(?:(?:for|a|an|the|extra)\s+)*(?:cash|money|bonus|payout)\s+(?:in|on|via|through|with|added\s+to)\s+"
    r"(?:(?:the|his|her|their|next)\s+)?(?:paycheck|pay\s*check|payroll|pay|salary|wages?))"
    rf"(?:\s+instead(?:\s+of\s+{_CARD})?)?{_REMARK}"
)
