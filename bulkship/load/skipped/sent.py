"""Columns saying the card went already: a sent column (Yes, a tick, the date it went out), a shipment's
status, a tracking number, the day it was sent or ordered; and a header saying so in words of its own."""

from __future__ import annotations

import re

from ...schema import header_key
from .dates import NO_SENT_DATE
from .flags import _answered
from .languages import OTHER_SENT, OTHER_SENT_ON, OTHER_YES, plain
from .status import _ON_ITS_WAY

SHIPMENT_STATUS = (
    "shipping status", "shipment status", "ship status", "delivery status", "fulfillment status",
    "fulfilment status", "mailing status", "mail status", "sent status", "sending status", "dispatch status",
)  # fmt: skip
ALREADY_SENT = (
    "already shipped", "already mailed", "already delivered", "already given", "already issued",
    "sent to recipient", "shipped to recipient", "mailed to recipient", "delivered to recipient",
    "sent to employee", "mailed to employee", "shipped to employee",
)  # fmt: skip
_PAST = (
    "sent",
    "received",
    "mailed",
    "shipped",
    "delivered",
    "ordered",
    "given",
    "issued",
    "dispatched",
    "redeemed",
    "activated",
)
# ... a recognition's, an incentive's, a voucher's or an e-gift's status ('Recognition Status' = Sent, 'Payout
# Status' = Paid, 'E-Gift Status' = Sent: each ordered again, hunter-asks6), read as 'Reward Status' is
_OTHER_REWARDS = (
    "recognition status", "incentive status", "voucher status", "egift status", "e-gift status",
    "redemption status", "payout status",
)  # fmt: skip
# ... or a column saying the card already went out ("Gift Card Sent?" = Yes, "Received" = "Yes - Nov"): some
# cards of a tracking sheet were sent by hand or by an earlier tool (found by newcomer7)
_SENT_FLAGS = _answered(
    (
        "sent", "card sent", "gift sent", "gift card sent", "already sent", "sent already", "received",
        "already received", "card received", "gift received", "shipped", "mailed", "delivered",
        "card mailed", "gift mailed", "card shipped", "gift shipped", "card delivered", "gift delivered",
        "order status", "gift status", "card status", "gift card status", "done", "completed", "complete",
        # ... or the award's, the reward's, the prize's ('Award Status' = Sent, Presented: found by
        # hunter-sheets19, each was ordered again where 'Gift Status' = Sent is left out)
        "award status", "reward status", "prize status", *_OTHER_REWARDS,
        "processed", "ordered", "fulfilled", "card ordered", "gift ordered",
        # ... or given, or sent to the vendor another way ("Received Gift", "Got Card", "Gift Given", "Sent to
        # vendor" = Yes: found by hunter-sheets, each was ordered again)
        "received gift", "received card", "has card", "has gift", "got card", "got gift", "gift given",
        "card given", "gift card given", "given", "sent to vendor", "submitted to vendor", "already has card",
        "already has gift", "already got card",
        "uploaded to vendor", *OTHER_SENT,
        # ... or had in other words ('Has gift card', a form's 'Already have a gift card?' = Yes: found by
        # hunter-sheets13, a second card ordered)
        *(f"{already}{verb} {what}" for already in ("", "already ") for verb in ("has", "have", "got")
          for what in ("gift card", "a gift card", "a card", "a gift", "card already", "gift card already")),
        # ... or the shipment's own status ('Shipping Status' = Shipped, 'Delivery Status' = Delivered), or
        # said done already ('Already Shipped' = Yes, 'Sent to Recipient' = Yes): found by hunter-sheets12,
        # each was ordered again
        *SHIPMENT_STATUS, *ALREADY_SENT,
        # ... or sent before ('Previously Sent' = Yes: found by hunter-sheets12, ordered again). It may mean
        # last year's card: the row is left out said so, and 'Resend' in the cell sends it
        "previously sent", "sent previously", "previously mailed", "previously shipped", "previously ordered",
        "previously given", "previously received", "sent before", "already sent before",
        # ... or a gift card's, in either order ('Received Gift Card?', 'Gift Card Mailed', 'Shipped Gift
        # Card' = Yes: found by review27 and hunter-sheets14, each was ordered again)
        *(f"{what} {verb}" for what in ("gift card", "giftcard", "egift card") for verb in _PAST),
        *(f"{verb} {what}" for what in ("gift card", "giftcard", "card", "gift") for verb in _PAST),
        # ... or an award's or a prize's, or gifted or dispatched ('Award Sent', 'Prize Issued', 'Gifted',
        # 'Dispatched' = Yes: found by hunter-sheets14, each was ordered again where 'Reward Sent' was not)
        *(f"{what} {verb}" for what in ("award", "prize") for verb in _PAST),
        "gifted", "already gifted", "dispatched", "already dispatched",
        # ... or the reward paid out ('Rewarded?', 'Reward Paid?' = yes on a referral-rewards sheet: found by
        # newcomer25, its N4, each ordered again where 'Sent?' left them out). Not 'Gift Paid': a donor's gift
        "rewarded", "already rewarded", "reward paid", "reward paid out", "reward already paid",
    )
)  # fmt: skip
# ... or said so in words of its own: the gift's words and one word saying it went, with words that change
# nothing ('Gift Cards Sent', 'GC Sent', 'Gift Card Already Sent', 'Has the gift card been sent?', '2025
# Gift Card Sent'): the lists above knew 'Gift Card Sent' alone, and each Yes was ordered again (found by
# review28). Not 'Gift Card Not Sent', 'No Gift Card Sent', 'Gift Card Sent To': their own words say more
_GIFT_NOUNS = frozenset(
    {"gift", "gifts", "card", "cards", "giftcard", "giftcards", "gc", "gcs", "egift", "egifts", "e", "reward",
     "rewards", "voucher", "vouchers", "present", "presents"}
)  # fmt: skip
# ('last' is not among them: 'Cards Sent Last Year' = 1 is last year's card, and this year's is to send;
# every row of such a list was left out, found by the lead's CI on test_lookalike_columns)
_CHANGES_NOTHING = frozenset(
    {"already", "was", "were", "been", "has", "have", "had", "is", "the", "a", "an", "prior", "previously",
     "this", "year", "yr"}
)  # fmt: skip
# its answers ('Sent Y/N'), apart from the 'No' of 'No Gift Card Sent'
_ANSWERS = re.compile(r"(?i)\b(?:y\s*/\s*n|yes\s*/\s*no)\b")


def said_sent_in_own_words(header: str) -> str | None:
    """The :data:`_SENT_FLAGS` key of a header made of the gift's words, one word of :data:`_PAST` and words
    that change nothing (a year among them), or None."""
    said = _ANSWERS.sub(" ", plain(header)).casefold()
    words = [w for w in re.findall(r"[a-z0-9]+", said) if not w.isdigit()]
    verbs = [w for w in words if w in _PAST]
    rest = [w for w in words if w not in _PAST and w not in _CHANGES_NOTHING]
    if len(verbs) != 1 or not rest or any(w not in _GIFT_NOUNS for w in rest) or rest == ["e"]:
        return None
    return header_key(f"gift card {verbs[0]}")


# ... or the date it went out ("11/15/2026", "2026-11-15" as an XLSX date reads, "Nov 20"): "1/15" read as the
# "1" of yes while "11/15" and every XLSX date were ordered again (found by review10)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_SAYS_SENT = re.compile(
    rf"(?i)^\s*(?:(?:yes|y|x|true|1|sent|shipped|delivered|received|done|completed?|mailed|fulfilled|dispatched|"
    rf"{OTHER_YES})\b.*"
    # ... or ordered and on its way, or in the person's hands ('Gift Status' = In transit, Order placed,
    # Issued, Activated: found by hunter-sheets6, each was ordered again)
    rf"|(?:{_ON_ITS_WAY}|(?:order\s+)?placed|submitted|paid|issued|activated)\b.*"
    # a tick: no word character follows it, so no \b either ("Done?" = ✓ was ordered again: hunter-sheets)
    r"|[✓✔☑☒✅].*"  # ☒: Word's ticked box
    rf"|\d{{1,4}}[/.-]\d{{1,2}}(?:[/.-]\d{{1,4}})?\b.*|{_MONTH}\s*\d{{1,2}}\b.*|\d{{1,2}}[\s-]*{_MONTH}(?:\W.*)?)$"
)
# ... and in a column that only says whether it went out ("Card Sent", "Mailed"), anything but a no or a
# "not yet": the month, a tracking number, "By hand", "USPS" (found by review11: each was ordered again)
_SENT_ANSWERED = _answered(
    (
        "sent", "card sent", "gift sent", "gift card sent", "already sent", "sent already", "shipped",
        "mailed", "delivered", "card mailed", "gift mailed", "card shipped", "gift shipped", "card delivered",
        "gift delivered", "card received", "gift received", "already received",
        # ... or ordered ('Ordered' = A-10023, an order number: found by hunter-sheets6, ordered again)
        "ordered", "card ordered", "gift ordered", "gift card ordered", "already ordered", *ALREADY_SENT,
    )
)  # fmt: skip
# A tracking number of the card sent ('Tracking #' = 1Z999AA1..., or 46400 as an XLSX number): sent already,
# and no date (read as one, 46400 was a day to come: found by hunter-sheets12)
_TRACKING = frozenset(
    header_key(h)
    for h in (
        "tracking number", "tracking #", "tracking no", "tracking id", "tracking code", "usps tracking",
        "ups tracking", "fedex tracking",
    )
)  # fmt: skip
# ... or the number of the card itself, written down once it was issued ('Gift Card Number' = 6035...: found
# by hunter-sheets15, ordered again). Not a bare 'Card Number' (a badge's)
_CARD_NUMBER = frozenset(
    header_key(h)
    for h in (
        "gift card number",
        "gift card #",
        "gift card no",
        "gift card serial number",
        "gc number",
        "gc #",
    )
)
# ... which has digits enough to be one: 'Gift Card #' = 1, 2, 3 (a count, or which of the person's cards)
# left an HR list's rows out as sent (found by hunter-falsealarm1)
CARD_NUMBER_SAID = re.compile(r"\d{4}")
_TRACKING |= _CARD_NUMBER
# ... or the date it went out, in a column of its own ("Date Sent" = 11/15/2026, "Mailed On": found by
# review11, each was ordered again). Not bulkship's own "Shipped date" (its result workbook's, read as such)
_SENT_ON = frozenset(
    header_key(h)
    for h in (
        "date sent", "sent date", "sent on", "date mailed", "mailed on", "mailed date", "date shipped",
        "shipped on", "card sent date", "gift sent date", "gift card sent date", "date card sent",
        "date gift sent", "date delivered", "delivered on", "card mailed date", "card shipped date",
        # ... or ordered, issued, or given a tracking number ("Date Ordered", "Card Issued", "Tracking #":
        # found by hunter-sheets, each filled row was ordered again)
        "date ordered", "ordered on", "card ordered on", "date issued", "issued on", "issue date",
        "issued date", "issued", "card issued", "gift issued", "gift card issued", "card issued date",
        "redeemed", "date redeemed", "dispatch date", "date dispatched", "dispatched on", "gift given date",
        "date gift given", "gift given on", "card given date",
        # ... or in other words of the same ('Fulfilled Date', 'Gift Sent On', 'Date Mailed Out', 'Redemption
        # Date'): found by hunter-sheets11, each row so dated was ordered a second card. Not 'Shipped date' or
        # 'Delivered date': bulkship's own result columns, last month's in a list pasted from its results
        "date of shipment", "shipment date", "fulfilled date", "fulfillment date", "date fulfilled",
        "fulfilled on", "gift sent on", "card sent on", "gift card sent on", "sent out on", "date sent out",
        "mailed out on", "date mailed out", "redemption date", "redeemed on", "redeemed date",
        "card mailed on", "gift mailed on", *OTHER_SENT_ON,
        # ... with the card before the verb ('Date Card Mailed', 'Date Gift Card Ordered': found by
        # hunter-sheets12, ordered again)
        *(f"date {what} {verb}" for what in ("card", "gift", "gift card") for verb in (
            "sent", "mailed", "shipped", "ordered", "delivered", "issued")),
    )
) | _TRACKING  # fmt: skip
# A card held back where it says whether it went ('Sent?' = 'Hold', 'Hold for address', 'HOLD per HR', 'Hold
# - verify address', 'Hold until 12/20'): not sent, and not to send now either (found by hunter-falsealarm7:
# each was ordered, where 'On hold' was left out)
# ... and so is one waiting for someone's approval ('Awaiting approval', 'Pending sign-off', 'Needs manager
# approval'): ordered, a card went before anyone approved it, where 'Send Status' = Pending approval and an
# approval column's 'Pending' leave the row out (found by review35 after d92f5f58)
ON_HOLD = re.compile(
    r"(?i)\s*(?:(?:on\s+)?hold\b|(?:awaiting|pending|needs?|waiting\s+(?:for|on)|for)\s+(?:(?:manager(?:'s)?|mgr|"
    r"hr|finance|budget|final)\s+)?(?:approval|sign[\s-]*off)\b)"
)
_SAYS_SENT_ANYHOW = re.compile(
    # ... but not a doubt whether it went ('Not sure', '?': found by hunter-sheets17, a second card ordered
    # where 'Unknown' was left out)
    r"(?i)^(?!\s*(?:(?:no|n|false|nope|non|nein|n[ãa]o|not(?!\s+(?:sure|certain|known)\b)|unsent|pending|waiting|"
    r"queued|ready|needs?|tbd|to\s*do|todo|"
    # ... or 'Resend', as the notice of a row said sent already says to write to send it again
    r"re-?send|"
    # ... or that there is no tracking number yet ('Tracking #' = None yet, Awaiting: found by
    # hunter-sheets13, left out as sent); not 'Awaiting shipment', an order placed
    # (a lookahead: the word boundary after the group fails after a '#', and 'Awaiting #' stayed sent)
    r"none\s+yet|nothing(?:\s+(?:yet|sent|done))?(?=\W*$)|awaiting(?:\s+(?:tracking|number|label))*(?=(?:\s*#)?\s*$)|"
    # (not 'In progress': a sending under way may have made its card: found by hunter-sheets18, ordered)
    r"to\s+(?:be\s+)?sen[dt]|send|hold|"
    # ... or when it will go ('Sent?' = Next week, Soon, Tomorrow: found by hunter-falsealarm2, left out as
    # sent already); not 'Next day air', how it went
    r"next\s+(?:week|month|batch|round|run|mailing|shipment|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|soon|"
    r"tomorrow|later|"
    # ... or a step before sending in a tracker's words ('Open', 'New', 'Draft', 'In queue', 'OK to send',
    # 'Go', 'Awaiting approval', 'Incomplete', 'Outstanding': found by hunter-falsealarm7, each left out as
    # sent already); not 'Approved', 'Requested' or 'Scheduled', which an order may be in once placed
    r"open|new|draft|in\s+(?:the\s+)?queue|ok(?:ay)?\s+to\s+(?:send|mail|ship|go)|go|"
    r"awaiting\s+(?:approval|review|sign[\s-]*off|(?:an?\s+|the\s+)?address)|incomplete|outstanding|"
    # ... or as soon as it can, or in some days ('ASAP', 'In 2 weeks': found by hunter-sheets20, left out)
    r"asap|a\.s\.a\.p|as\s+soon\s+as\s+(?:possible|we\s+can)|in\s+(?:\d+|a|one|two|three|a\s+few|a\s+couple\s+of|"
    r"several)\s+(?:days?|weeks?))\b.*|0|none|nil|null|n\.?\s*/?\s*a\.?|[-–—_.]+|" + NO_SENT_DATE + r"|"
    # ... an empty box or a cross is no either ('Card Sent?' = ☐ or ❌ read as sent: found by hunter-sheets10)
    r"[❌✗✘✖✕🚫⛔👎☐□▢⬜].*)\s*$)\s*\S.*$"
)


# The status of the card in a tracking sheet: it went out ("Shipped"), or it is not to go ("Cancelled"); also
# a 'Send Status' = Sent (found by hunter-sheets12: read as a yes/no column, ordered again)
_CARD_STATUS = frozenset(
    header_key(h)
    for h in (
        "order status",
        "gift status",
        "card status",
        "gift card status",
        "send status",
        "award status",
        "reward status",
        "prize status",
        *_OTHER_REWARDS,
        *SHIPMENT_STATUS,
    )
)


_SHIPMENT = frozenset(header_key(h) for h in SHIPMENT_STATUS)  # the parcel's own status, of those
