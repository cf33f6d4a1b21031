"""A CRM's yes/no column refusing mail or gifts in words of its own, read by its words rather than a list of
headers: 'Opted Out of Postal Mail', 'Unsubscribed from direct mail', 'Direct Mail Unsubscribe', 'Do Not Mail
Flag', 'Postal Mail: Opted Out', 'Gift Restricted', 'Gifts Prohibited', 'Cannot Accept Gifts' = true. Each was
ordered where 'Opted Out of Mail' or 'Do Not Gift' leave the row out (found by newcomer29 in a HubSpot export;
'Cannot Accept Gifts' was read as 'Accepts Gifts', its false left out and its true sent)."""

from __future__ import annotations

import re

# what is refused: mail or gifts (not e-mail, a card's own restrictions, nor a count's 'No. of Mailings')
_WHAT = re.compile(r"\b(?:mail|mails|mailings?|mailers?|postal|gifts?|gifting|giftcards?)\b")
_REFUSAL = (
    r"\bopt(?:ed|s)?\s*out\b|\bunsubscrib\w*|\bsuppress\w*|\bprohibit\w*|\bbann?ed\b|\bbarred\b|"
    r"\b(?:do|does|did)\s*n[o']?t\b|\b(?:don|doesn|didn)'?t\b|\bnever\b|\bcan\s*n[o']?t\b|\bcan'?t\b|"
    r"\bunable\s+to\b|\b(?:may|must)\s+not\b|"
    # ... 'restricted' only of the gifts themselves: a donor CRM's 'Restricted Gift' is a donation given for a
    # purpose, nothing refused
    r"\b(?:gifts?|gifting|mail)\s+(?:policy\s+)?restricted\b|\brestricted\s+from\b"
)
_REFUSES = re.compile(_REFUSAL)
# ... not when a word undoes it ('Not opted out of mail', 'Non-suppressed mail', 'Mail opt-in')
_UNDONE = re.compile(
    r"\b(?:not|non)\s*(?:opt|unsub|suppress|prohibit|restrict|bann|barr)|\bopt(?:ed)?\s*in\b"
)


def refuses_mail_or_gifts(header: str) -> bool:
    """Whether a header names the person's refusal of mail or gifts: any answer but a no leaves the row
    out, as 'Do Not Mail' does."""
    text = re.sub(r"\be[\s-]+mail", "email", header.casefold().replace("_", " "))
    text = re.sub(r"[^\w']+", " ", text)
    return bool(_WHAT.search(text) and _REFUSES.search(text) and not _UNDONE.search(text))
