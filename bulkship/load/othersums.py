"""Header words saying an unused column counts or sums something other than the card: a donor's donations,
a customer's orders, a tenant's rent (:mod:`bulkship.load.lookalikes` says them no Quantity or Value)."""

from __future__ import annotations

from collections.abc import Sequence

from ..columns import _words

# A count of something other than cards ('Donation Count', 'Transaction Count', 'Order Count', 'Visit Count'):
# a CRM's or a shop's history of the person, no number of cards to send. Read as Quantity, a donor list and a
# customer list were each refused whole (found by hunter-falsealarm4). A count naming the card ('Card Count',
# 'Gift Count': a donor CRM's gifts are donations, but in a list of cards it may be theirs) or nothing
# ('Count', 'Total Count') still looks like Quantity
_COUNT_WORDS = frozenset({"count", "counts", "total", "number", "no", "num", "of", "the", "qty", "quantity"})
_CARD_COUNTED = frozenset(
    {"card", "cards", "gift", "gifts", "giftcard", "giftcards", "voucher", "vouchers", "reward", "rewards",
     "item", "items", "copies", "pcs", "pieces"}
)  # fmt: skip


# ... and so is a number of units the person sold, made or handled ('Units Sold', 'Qty Sold', 'Sales Units',
# 'Units Produced', 'Units Picked', 'Units (YTD)'): a sales or a warehouse team's tally, what the card
# rewards, no number of cards. Read as Quantity, a sales incentive list was refused whole (found by
# hunter-falsealarm6). Units ordered, shipped, delivered or purchased may be the cards' ('Qty Ordered' of a
# shop selling them), and any naming the card ('Cards Sold') still look like Quantity
_WORK_DONE = frozenset(
    {"sold", "sales", "sale", "selling", "produced", "manufactured", "built", "assembled", "installed",
     "leased", "rented", "booked", "closed", "serviced", "repaired", "inspected", "picked", "packed",
     "scanned", "ytd", "mtd", "qtd"}
)  # fmt: skip


def counts_something_else(words: set[str]) -> bool:
    """Whether a header's words count something other than cards (:data:`_COUNT_WORDS`), or tally the
    units of the person's work (:data:`_WORK_DONE`)."""
    counted = words - _COUNT_WORDS
    if words & _WORK_DONE:  # ('Items Sold': the items are what was sold)
        return not counted & _CARD_COUNTED - {"item", "items", "pcs", "pieces"}
    return bool(words & {"count", "counts"}) and bool(counted) and not counted & _CARD_COUNTED


# ... and so is a sum of something other than the card ('Donation Amount', 'Pledge Amount', 'Rent Amount',
# 'Invoice Amount', 'Lifetime Value', 'Average Order Value'): what the person gave, owes or spent. Beside a
# default amount, a donor, tenant or customer list was refused whole (found by hunter-falsealarm5), where
# 'Monthly Rent' or 'Total Giving' sent. 'Bonus Amount', 'Amount Paid', 'Total Amount' may be the card's, and
# so may a sum paid to the person ('Refund Amount', 'Reimbursement Amount', 'Commission Amount': found by
# review33, 50, 100, 75 went out as cards of the default 25, nothing said)
# ... and so is the price of what the person paid for or holds: an event's 'Ticket Price', 'Registration
# Price', a club's 'Membership Price', a sponsor's 'Sponsorship Amount', a client's 'Contract Value', a
# realtor's 'Property Value', an agent's 'Policy Amount', an auction's 'Bid Amount' (found by
# hunter-falsealarm6: each list refused whole beside a default amount, where 'Registration Fee' sent). A price
# that may be the card's ('Price', 'Purchase Price', 'Order Amount', 'Prize Value', a 'Home Depot Amount') is
# still asked about
ANOTHER_SUM = frozenset(
    {"donation", "donations", "donated", "pledge", "pledges", "pledged", "giving", "raised", "rent", "rental",
     "invoice", "invoiced", "lifetime", "ltv", "average", "avg", "salary", "wage", "wages", "tuition",
     "balance", "deposit", "revenue", "income", "tax", "fee", "fees", "dues", "premium", "loan",
     "mortgage", "opportunity", "deal", "owed", "due", "expense", "expenses", "sales",
     "ticket", "tickets", "admission", "registration", "membership", "sponsorship", "contract", "bid", "bids",
     "auction", "property", "policy", "coverage"}
)  # fmt: skip


# ... unless the header names, beside it, a sum paid to the person or the card itself ('Sales Incentive
# Amount', 'Sales Bonus Amount', 'Sales Award', 'Tuition Reimbursement Amount', 'Ticket Refund Amount'): each
# went out at the default amount, nothing said but 'not used' (found by review34 reviewing 0af8d82 and
# 7a548d4, where 'Incentive Amount' alone is asked about)
PAID_TO_THE_PERSON = frozenset(
    {"bonus", "bonuses", "incentive", "incentives", "commission", "commissions", "award", "awards", "prize",
     "prizes", "spiff", "spiffs", "reward", "rewards", "reimbursement", "reimbursements", "refund", "refunds",
     "payout", "payouts", "stipend", "stipends", "honorarium", "rebate", "rebates", "cashback", "gift",
     "gifts", "card", "cards", "giftcard", "giftcards", "voucher", "vouchers"}
)  # fmt: skip


def sums_something_else(words: set[str]) -> bool:
    """Whether a header's words name a sum other than the card's (:data:`ANOTHER_SUM`) and none paid to the
    person (:data:`PAID_TO_THE_PERSON`)."""
    return bool(words & ANOTHER_SUM) and not words & PAID_TO_THE_PERSON


# ... and a count of gifts in a donor's list: a header of a donor's giving ('Donor Name', 'Lifetime Giving',
# 'Donation Amount') or of gifts gone by ('Last Gift Date', 'Largest Gift') says its gifts are donations, and
# 'Gift Count' = 3, 12, 1 counts them: asked about, the donor list was refused whole (found by
# hunter-sheets18, left for hunter-sheets19). Said in a notice, which names how to read it as Quantity
_GIVING = frozenset(
    {"donor", "donors", "donation", "donations", "donated", "giving", "pledge", "pledges", "pledged",
     "constituent", "constituents"}
)  # fmt: skip
_GIFTS_GONE_BY = frozenset({"last", "first", "largest", "lifetime", "average", "avg", "recent", "previous"})


def counts_donations(header: str, headers: Sequence[str]) -> bool:
    """Whether ``header`` counts gifts ('Gift Count') in a list whose other ``headers`` name a donor's giving
    or gifts gone by (:data:`_GIVING`)."""
    words = set(_words(header))
    if not words & {"count", "counts"} or not (words - _COUNT_WORDS) <= {"gift", "gifts"}:
        return False
    for other in headers:
        said = set(_words(other))
        if other != header and (said & _GIVING or (said & {"gift", "gifts"} and said & _GIFTS_GONE_BY)):
            return True
    return False
