"""A vendor's order or line status saying the money went back, in whatever words it writes it.

Only 'Refunded' was known: a line the vendor showed 'Refund Issued' (or 'Credited', 'REFUND_PROCESSED',
'Cancelled - Refunded') was an unknown status, read as a card that may be made: its row was never sent again
(the run exited 0, 'already complete'), and its 25.00, kept in the order's total, counted as charged with
'Everything matches' (hunter-money16's leftover, found again by hunter-money17). Now:

* :data:`MONEY_BACK` - the status says the refund was made ('Refunded', 'Refund Issued', 'Credited',
  'Credit Note Issued', 'Voided'): no card, and the money back by the vendor's own word;
* :data:`ENDED` - it says a refund is under way or asked for ('Refund Pending', 'Awaiting Refund', 'Refund
  Requested', 'Refund'): no card, but the money is not back yet, so a total still counting the line is said;
* None - anything else, and every status that only looks like one: a partial refund ('Partially Refunded'),
  one refused or failed ('Refund Failed', 'Credit Declined'), negated ('Not Refunded', 'Non-Refundable') or
  'credit' in another sense ('Credit Hold'). Failing closed: an unknown status is never money back (nor a
  card never made) unless the vendor says so.
"""

from __future__ import annotations

import re

from .statusdays import without_day

MONEY_BACK = "money back"
ENDED = "refund under way"

# 'RefundIssued', 'REFUND_ISSUED', 'Refund - issued' -> ['refund', 'issued']
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")

# The words saying the refund happened, as a past participle of their own...
_DONE_FORMS = frozenset({"refunded", "credited", "voided", "reimbursed"})
# ... or a noun a word after it says is done ('Refund Issued', 'Credit Note Applied')
_REFUND_NOUNS = frozenset({"refund", "refunds", "void", "reimbursement"})
_CREDIT_NOUNS = frozenset(
    {"credit", "credits"}
)  # only with a word saying it was given: 'Credit Hold' is none
_DONE_WORDS = frozenset(
    {
        "issued", "processed", "complete", "completed", "done", "sent", "paid", "succeeded", "successful",
        "success", "given", "granted", "applied", "posted", "settled", "made", "finalized", "finalised",
        "returned", "credited", "refunded",
    }
)  # fmt: skip
# A refund not made yet: said after the noun ('Refund Pending') or before it ('Awaiting Refund')
_UNDER_WAY_WORDS = frozenset(
    {
        "pending", "requested", "request", "initiated", "awaiting", "processing", "progress", "queued",
        "scheduled", "approved", "due", "submitted", "open", "opened", "to", "be", "being", "will",
    }
)  # fmt: skip
# Words that undo what the money word says: the refund did not happen, or not for all of it
_NOT_WORDS = frozenset(
    {
        "no", "not", "non", "un", "without", "never", "partial", "partially", "part", "partly", "refundable",
        "nonrefundable", "unrefunded", "declined", "denied", "rejected", "failed", "failure", "fail", "error",
        "errored", "refused", "blocked", "hold", "reversed", "reversal", "expired", "ineligible", "cancelled",
        "canceled", "cancel", "disputed", "chargeback",
    }
)  # fmt: skip


# A line's (or order's) own end, which may come before the word saying its money went back
_ENDS = frozenset({"cancelled", "canceled", "declined", "rejected", "failed", "failure", "error", "errored"})

# A status saying the card went out or was made again beside the money word ('Delivered - Shipping Refunded',
# 'Delivered, Refund Requested', 'Voided - Reissued'), or the money of a part of the line, not the card's
# ('Shipping Refunded', 'Price difference refunded', 'Discount Credited', 'Credit issued for late delivery'):
# read as Cancelled, each row was sent once more, a second card where the first was delivered or re-made
# (found by review42 reviewing f96b5654). No refund of the card then: unknown, as before
_CARD_WENT = frozenset(
    {
        "delivered", "shipped", "reshipped", "dispatched", "mailed", "activated", "redeemed", "reissued",
        "replaced", "replacement", "resent", "reshipment", "fulfilled", "transit",
    }
)  # fmt: skip
# ... 'Re-sent', 'Re-issued'
_REMADE = frozenset({"sent", "shipped", "issued", "mailed", "delivered", "placed", "ordered"})
_PARTS = frozenset(
    {
        "shipping", "postage", "freight", "handling", "fee", "fees", "surcharge", "tax", "taxes", "vat",
        "gst", "difference", "overcharge", "overcharged", "overpayment", "discount", "rebate", "adjustment",
        "compensation", "goodwill", "courtesy", "late", "delay", "delayed",
    }
)  # fmt: skip
# ... but not a word after 'before' or 'prior (to)': 'Cancelled before shipping - refunded' is the card's;
# nor a card said gone on its way: 'Lost in transit - refunded', 'Shipped - stolen - refund issued'
_EARLIER = frozenset({"before", "prior", "pre"})
_NEVER_CAME = frozenset({"lost", "stolen", "missing", "undeliverable", "undelivered", "damaged"})


def _card_went_or_a_part(words: list[str]) -> bool:
    """Whether ``words`` (a status's, lower-cased) say the card went out or was made again, or name a part
    of the line's money (:data:`_CARD_WENT`, :data:`_PARTS`)."""
    never_came = any(w in _NEVER_CAME for w in words)
    for i, w in enumerate(words):
        if (i and words[i - 1] in _EARLIER) or words[max(i - 2, 0) : i] == ["prior", "to"]:
            continue
        if (w in _CARD_WENT and not never_came) or w in _PARTS:
            return True
        remade = w == "re" and i + 1 < len(words) and words[i + 1] in _REMADE
        if remade and not never_came and (i == 0 or words[i - 1] not in _REFUND_NOUNS | _CREDIT_NOUNS):
            return True
    return False


# The words a status saying the card's refund may hold (beside the money word, the words saying it done or
# under way, the line's own end, and the card gone or a part of its money, read above); any other word leaves
# it unknown. 'credited' is also the word a card's load is said in: 'Funds Credited', 'Value Credited', 'Card
# Credited', 'Credited to recipient' read Cancelled and the same command run again sent row 3 a second card
# (found by review41 reviewing f96b5654): a credit word goes only beside the order's or the account's words
_SAID_WITH = frozenset(
    {
        "order", "orders", "line", "lines", "item", "items", "full", "fully", "and", "the", "has", "have",
        "been", "was", "is", "customer", "account", "note", "memo", "of", "in",
    }
)  # fmt: skip
_SAID_WITH_A_REFUND = frozenset({"card", "cards", "for", "payment", "amount", "delivery", "transit"})
_CREDIT_WORDS = _CREDIT_NOUNS | {"credited"}


def _said_of_the_card(words: list[str], at: int) -> bool:
    """Whether every word of a status (lower-cased; its money word at ``at``) may be said of the card's
    refund: none outside the words listed here; a credit word with none of a refund's own ('card', 'for',
    'payment'...), and no 'to' after the money word ('Credited to card', 'Refunded to recipient': where the
    money went, which a card's load says too), but 'prior to'."""
    credit = words[at] in _CREDIT_WORDS
    known = _SAID_WITH | _DONE_WORDS | _UNDER_WAY_WORDS | _ENDS | _DONE_FORMS | _REFUND_NOUNS | _CREDIT_NOUNS
    known |= _CARD_WENT | _PARTS | _EARLIER | _NEVER_CAME | {"re", "to"}
    if not credit:
        known |= _SAID_WITH_A_REFUND
    if any(w not in known for w in words):
        return False
    return not any(w == "to" and words[i - 1] != "prior" for i, w in enumerate(words) if i > at)


def refund_said(status: str | None, cards: int | None = None) -> str | None:
    """:data:`MONEY_BACK`, :data:`ENDED` or None for a vendor's status (see the module), of a line of
    ``cards`` cards (None: an order's, or not known): its day no word of it ('Refund issued 12/01':
    :mod:`.statusdays`)."""
    words = [w.lower() for w in _WORD.findall(without_day(status or "", cards))]
    at = next((i for i, w in enumerate(words) if w in _DONE_FORMS | _REFUND_NOUNS | _CREDIT_NOUNS), None)
    if at is None:
        return None
    before, word, after = words[:at], words[at], words[at + 1 :]
    # a word undoing it: any after the money word ('Refund Failed'); before it, any but the line's own end,
    # which says nothing against it ('Cancelled - Refunded', 'Failed: Refund Issued')
    if any(w in _NOT_WORDS for w in after) or any(w in _NOT_WORDS - _ENDS for w in before):
        return None
    if _card_went_or_a_part(words):  # 'Delivered - Shipping Refunded', 'Voided - Reissued'
        return None
    if not _said_of_the_card(words, at):  # 'Funds Credited', 'Credited to recipient'
        return None
    if word in _DONE_FORMS:
        return ENDED if any(w in _UNDER_WAY_WORDS for w in before) else MONEY_BACK
    if any(w in _UNDER_WAY_WORDS for w in after):
        return ENDED if word not in _CREDIT_NOUNS else None
    if any(w in _DONE_WORDS for w in after):
        return MONEY_BACK
    if word in _CREDIT_NOUNS:
        return None
    return MONEY_BACK if word == "void" else ENDED  # 'Void' as Voided; 'Refund' alone: not said to be made
