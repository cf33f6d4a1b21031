"""A note naming whom the card is made out to, or whose name it bears ('Make card out to his wife', 'Name
on card: Jane Smith', "Card in wife's name", 'Card addressed to Mrs. Smith'): read as the ask to send it to
that person, which :mod:`.elsewhere` reads ('Send to his wife', 'Send to Jane Smith'). Each was ordered to
the row's own name and address, exit 0 (hunter-asks5, the brief's 'another person's card')."""

from __future__ import annotations

import re

_CARD = r"(?:(?:the|this|a|her|his|their)\s+)?(?:gift\s+card|e-?gift(?:\s+card)?|gift|card|check|cheque)"
# ('Make card out to his wife', 'Card made out to Jane Smith', 'Card addressed to Mrs. Smith', 'Address it
# to her husband', 'Made payable to the estate')
_MADE_OUT = re.compile(
    rf"(?i)^\W*(?:(?:please|pls)\s+)?(?:(?:make|made|write|written|address|addressed|issue|issued)\s+(?:{_CARD}|it)"
    rf"\s+(?:out\s+|payable\s+)?to|(?:{_CARD}\s+)?(?:(?:is|to\s+be)\s+)?(?:made\s+(?:out|payable)|addressed|"
    r"issued|written\s+out)\s+to|"
    # ... or the card unsaid ('Address to his wife', 'Address to: Jane Smith': ordered, hunter-asks6); not an
    # address to come or to check ('Address to be confirmed', 'Address to follow', 'Address to verify')
    r"address(?:ed)?\s+to(?!\s+(?:be|come|follow|change|update|confirm|verify|check)\b)\s*:?)\s*(?P<whom>[^\s:].*)"
)
# ('Card in wife's name', "Put card in Jane Smith's name", 'Card in the name of her husband', 'Under spouse's
# name')
_IN_THE_NAME = re.compile(
    rf"(?i)^\W*(?:(?:please|pls)\s+)?(?:(?:put|issue|order|make)\s+)?(?:{_CARD}\s+)?(?:in|under)\s+"
    r"(?:(?:the\s+)?name\s+of\s+(?P<whom>\S.*)|"
    r"(?P<whose>(?:(?:the|his|her|their)\s+)?[\w.' -]{1,40}?)['’]s?\s+name\b.*)"
)
# ('Name on card: Jane Smith', 'Card name - Jane Smith', 'Name for card: his wife')
_NAME_ON_CARD = re.compile(
    rf"(?i)^\W*(?:name\s+(?:on|for)\s+{_CARD}|{_CARD}\s+name|recipient\s+name\s+on\s+{_CARD})\s*[:=–—-]\s*"
    r"(?P<whom>\S.*)"
)


def made_out_to(note: str) -> str | None:
    """``note`` as the ask it makes ('Send to his wife'), where it names whom the card is made out to; None
    where it names no one so."""
    note = note[:200]
    for pattern in (_MADE_OUT, _NAME_ON_CARD):
        if (found := pattern.match(note)) is not None:
            return f"Send to {found['whom']}"
    found = _IN_THE_NAME.match(note)
    if found is None:
        return None
    return f"Send to {found['whom'] or found['whose']}"
