"""The yes/no columns of a list that say which rows NOT to send, by their headers, and the answers that leave
a row out there: a hold, remove or gone column ('Do Not Send', 'Remove', 'Terminated' = Yes, X, a date,
anything but a no or the hold ended), USPS's vacancy flag and a wrong-address flag (by their yes alone), and a
clean-up's column's answers that keep a row ('Delete?' = Keep). The columns whose no leaves a row out (send,
eligible, active) are :mod:`.flags`'s."""

from __future__ import annotations

import re

from .flags import _answered
from .languages import OTHER_HOLD

# what a CRM's mail or gift flags name (:data:`_HOLD_FLAGS`)
_MAIL_OR_GIFT = ("mail", "mailing", "mailings", "mailing list", "direct mail", "postal mail", "gift", "gifts",
                 "gifting", "gift card", "gift cards", "card", "cards")  # fmt: skip
# ... a mail house's suppression (of the post's returns, the DMA's do-not-mail and pander lists, prisons) or
# a CRM record merged into another (the person's card goes to that record's row, if any)
# (not a bare 'DMA', a marketing list's Designated Market Area, nor 'Mail Return', a return address)
_SUPPRESSIONS = (
    "return mail", "returned mail", "mail returned", "suppression", "suppressed", "suppress",
    # ('Suppression List', 'On Suppression List' = true: found by newcomer29, ordered)
    "suppression list", "on suppression list", "suppressed list", "suppression file",
    "dma suppression", "dma suppressed", "dma pander", "dma do not mail", "dma mps",
    "mail preference service",
    "pander", "prison", "prisoner", "incarcerated", "inmate", "correctional", "correctional facility",
    "merged", "merged into", "merged to", "merged with", "is merged", "record merged", "merged record",
    # ... and the post's or a mail house's other words for mail not reaching the person, or a mailing held
    # back ('Gone Away', 'Lost Contact', 'Whereabouts Unknown', 'Suppress Mailing' = Y: ordered, hunter-asks6)
    "gone away", "goneaway", "lost contact", "contact lost", "whereabouts unknown", "suppress mailing",
    "suppress mail", "mailing suppression", "mailing suppressed", "suppress from mailing",
    "suppress from mailings",
)  # fmt: skip
# the reason or kind of a leaving, filled in as soon as it is entered ('Termination Reason', Workday's
# 'Primary Termination Reason'): read with the row's leaving day (..said._reasons_of_a_leaving_to_come)
LEAVING_REASONS = _answered(
    ("termination reason", "reason for termination", "reason for leaving", "leaving reason",
     "separation reason", "termination category", "termination type", "separation type",
     *(f"{rank} {why} reason" for rank in ("primary", "secondary")
       for why in ("termination", "separation")))
)  # fmt: skip
# ... or a column that says which rows NOT to send ("Do Not Send" = X, "Remove" = yes)
# (also with their answers, "Do Not Send (Y/N)", and "DNS": found by review11, each Y was ordered)
_HOLD_FLAGS = _answered(
    (
        "do not send", "dont send", "don't send", "do not mail", "do not ship", "remove", "exclude", "skip",
        "omit", "opt out", "opted out", "opt out of gift", "decline", "declined", "decline gift",
        "declined gift", "hold", "on hold", "no gift", "terminated", "is terminated", "termed", "separated",
        "deceased", "inactive", "left company", "dns", "no card", "remove from list", "exclude from list",
        "do not send card", "do not send gift",
        # ... or why the row is out, filled in ("Exclusion Reason" = Left the company, "Excluded?" = Yes,
        # "Termination Reason" = Voluntary: found by hunter-sheets8, each was ordered)
        "excluded", "exclusion", "exclusion reason", "reason for exclusion", "removal reason",
        "reason for removal", "hold reason", "reason for hold", "reason not sent", "reason not sending",
        "termination reason", "reason for termination", "reason for leaving", "leaving reason",
        # (Workday's 'Primary Termination Reason' = Voluntary > Resigned: found by newcomer27, ordered)
        *(f"{rank} {why} reason" for rank in ("primary", "secondary")
          for why in ("termination", "separation")),
        "separation reason", "termination category", "termination type", "separation type",
        "decline reason", "declined reason", "reason declined", "why excluded", "why removed",
        # ... or cancelled, removed, withdrawn ('Cancelled' = Yes, Shopify orders' 'Cancelled at' = a date,
        # 'Removed' = Yes: found by hunter-sheets14, each was ordered where 'Status' = Cancelled was not)
        *(f"{word}{after}" for word in ("cancelled", "canceled") for after in ("", " at", " on", " date")),
        "is cancelled", "is canceled", "order cancelled", "order canceled", "cancelled order",
        "canceled order", "date cancelled", "date canceled", "cancellation date", "cancellation", "removed",
        "date removed", "removed on", "deleted", "is deleted", "withdrawn", "withdrew", "voided", "void",
        # ... or no mail, opted out of it or of gifts, dead, or no address a parcel reaches ('No Mail' = Yes
        # read as ticking the rows to send; 'Gift Opt Out', 'Deceased Flag', 'Bad Address' = Yes ordered:
        # found by hunter-sheets14)
        "no mail", "no mailing", "no mailings", "mail opt out", "mailing opt out", "gift opt out",
        "gifts opt out", "opt out of gifts", "opt out of gift", "opt out of mail", "opt out of mailing",
        "deceased flag", "is deceased", "deceased indicator", "bad address", "address bad",
        "returned mail", "mail returned", "return to sender", "undeliverable", "address undeliverable",
        "undeliverable address", "leaver", "is leaver", "leaver flag", "termination flag", "terminated flag",
        # ... or bounced ('Mail Bounced', 'Address Bounced' = Yes: found by the lead, hunter-sends5's brief,
        # each was ordered); not 'Email Bounced' nor a bare 'Bounced', an e-mail's
        *(f"{what} bounced" for what in ("mail", "address", "mailing", "postal", "postal mail", "letter")),
        "bounced mail", "bounced address", "mail bounce", "address bounce", "mail bounceback",
        "term flag", "separated flag", "separation flag",
        # ... or a CRM's flag of no contact at all ('Do Not Contact', a donor's 'Do Not Solicit' = true: found
        # by hunter-sheets15, ordered); not 'Email Opt Out' or 'Unsubscribed', which are of email only
        "do not contact", "no contact", "do not solicit", "no solicitation", "no solicitations",
        # ... or of mail or gifts in other words ('Postal Opt Out', 'Direct Mail Opt-Out', 'Exclude from
        # Gifting', 'Unsubscribed from Gifts', 'Remove from Mailing List' = Yes: found by hunter-sheets15)
        *(f"{what} opt out" for what in ("postal", "postal mail", "direct mail", "gift card", "gifting")),
        "opt out of direct mail", "opt out of postal mail", "exclude from gifting", "exclude from gifts",
        "excluded from gifting", "excluded from gifts", "unsubscribed from gifts",
        "unsubscribed from gifting", "remove from mailing list", "removed from mailing list",
        "remove from mailing", "exclude from mailing", "exclude from mailing list", "excluded from mailing",
        "mail suppression", "mail suppressed", "suppress mail", "suppress from mailing",
        # ... and the same words for mail or gifts in a CRM's other forms ('Do Not Send Mail', "Don't Mail",
        # 'Exclude from Direct Mail', 'Exclude from Mailings', 'No Direct Mail', 'No Gifts', 'Mailing
        # Exclusion' = true: found by newcomer26, each was ordered where 'Do Not Mail' is left out)
        *(f"{dont} {act}" for dont in ("do not", "dont", "don't")
          for act in ("mail", "send mail", "send mailings", "send gifts", "send cards", "send gift card",
                      "send gift cards", "mail gift", "mail card")),
        *(f"no {what}" for what in _MAIL_OR_GIFT),
        *(f"{verb} from {what}"
          for verb in ("exclude", "excluded", "remove", "removed", "suppress", "suppressed")
          for what in (*_MAIL_OR_GIFT, "campaign", "this campaign", "this mailing")),
        *(f"{what} exclusion" for what in _MAIL_OR_GIFT),
        # ... or the row to delete ('Delete' = x, 'Delete?' = Yes, 'To Delete', 'Delete Row' = Y: found by
        # hunter-sheets18, each was ordered where 'Remove' = x is left out). Not a bare 'Drop': a mailing's
        # drop is its wave ('Drop' = 1, 2)
        "delete", "to delete", "delete row", "delete from list", "to remove", "remove row", "drop row",
        "drop from list", "suppress", "suppressed", "do not order", "dont order", "don't order",
        # ... or a column naming both answers, 'Keep/Delete' = Delete (hunter-falsealarm5: it was ordered)
        *(f"{a} {b}" for x, y in (("keep", "delete"), ("keep", "remove")) for a, b in ((x, y), (y, x))),
        *(f"{a} or {b}" for x, y in (("keep", "delete"), ("keep", "remove")) for a, b in ((x, y), (y, x))),
        # ... or a mail house's words for it: 'DNM' (do not mail), 'Hold Mail', a 'Suppression Reason' filled
        # in, a 'Vacant' address (USPS's vacancy flag): found by hunter-sheets19, each was ordered. Not 'DNC'
        # (do not call: the telephone's)
        "dnm", "hold mail", "mail hold", "suppress reason", "suppression reason", "reason suppressed",
        "suppression code", "suppression flag",
        # ... or in a word of its own: not eligible, a repeat of another row, the card refused or waived,
        # paid in cash, a fraud or blocked account, returned to sender, or the day the person opted out or
        # declined ('Ineligible' = Yes, 'Duplicate' = Y, 'Do Not Gift' = x, 'Opt-Out Date' = 11/20: found by
        # hunter-sheets20, each was ordered where 'Eligible' = No and 'Opt Out' = Yes are left out)
        "ineligible", "is ineligible", "not eligible", "ineligible for gift", "ineligible for card",
        "gift ineligible", "duplicate", "dup", "dupe", "is duplicate", "duplicate record", "duplicate entry",
        "duplicate row", "duplicate flag", "refused", "refused gift", "gift refused", "card refused",
        "waived", "gift waived", "waived gift", "do not gift", "dont gift", "don't gift", "cash instead",
        "paid in cash", "cash in lieu", "fraud", "fraud flag", "suspected fraud", "fraudulent", "blocked",
        "blacklisted", "blocklisted", "banned", "rts", "opt out date", "opted out on", "opted out date",
        "date opted out", "date declined", "declined on", "declined date", "decline date", "date refused",
        "refused on", "cancel date",
        # ... or gone in HR's other words, as a flag ('Resigned' = Yes, 'Is Laid Off', 'Former Employee' = Y,
        # 'Dismissed Flag' = 1: found by hunter-sheets21, each ordered where 'Terminated' = Yes is left out)
        *(f"{before}{word}{after}" for word in ("resigned", "laid off", "fired", "dismissed", "let go",
                                                 "former employee", "ex employee", "offboarded", "rif",
                                                 "rifd", "riffed", "no longer employed",
                                                 "no longer with company")
          for before in ("", "is ", "has ", "employee ") for after in ("", " flag", " indicator")),
        # ... or gone, dead, come back by mail, a test or to be ignored, in a word of its own ('Left', 'Has
        # Left', 'Died', 'Passed Away', 'Moved Away', 'No Forwarding', 'Returned', 'Card Returned',
        # 'Test Record', 'Ignore', 'Hide', 'Cancel', 'Withdraw', 'Paid Out' = x: found by hunter-sends1, each
        # was ordered where 'Terminated' = x is left out). Not 'Retired', 'LOA', 'On Leave' (a retiree's or a
        # leave's card goes home), 'Lost' (a card to replace), 'Quit' (a wellness list's: quit smoking), nor
        # 'Passed', 'Test', 'Term', 'COBRA' (a score, a school term, an enrolment: any answer but no says it)
        "left", "has left", "left the company", "died", "dead", "passed away", "moved away",
        "no forwarding", "no forwarding address", "moved no forwarding", "returned", "card returned",
        "gift returned", "returned card", "returned gift", "returned to sender", "came back", "test record",
        "test row", "test entry", "is test", "test data", "ignore", "ignore row", "hide", "hidden", "cancel",
        "withdraw", "paid out", "cashed out",
        # ... or a CRM's own spellings of those ('HasOptedOutOfMail', 'Inactive Flag', 'Archived' = true, a
        # 'Returned Mail Date' filled: each ordered, hunter-asks5)
        *(f"{has}opted out of {what}" for has in ("", "has ")
          for what in ("mail", "mailing", "mailings", "gifts")),
        "inactive flag", "is inactive", "inactive indicator", "archived", "is archived", "archived flag",
        "returned mail date", "return mail date", "mail returned date", "date mail returned",
        "undeliverable date", "deleted date", "date deleted", "deletion date",
        # ... or a mail house's suppressions in its own words ('Return Mail', 'Suppression', 'DMA Pander',
        # 'Prison Flag', 'Merged Into' = Y or an id: found by newcomer27, each was ordered where 'Returned
        # Mail' and 'Suppressed' = Y are left out)
        *(f"{what}{flag}" for what in _SUPPRESSIONS for flag in ("", " flag", " indicator", " ind", " yn")),
        *OTHER_HOLD,
    )
)  # fmt: skip
# ... or USPS's vacancy flag ('Vacant' = Y), read by its yes alone: a new-hire list's 'Vacancy' names the job
# the person fills ('Marketing Assistant', 'REQ-1042'), and each row was left out as 'the list says not to
# send it' (found by review34)
VACANT_FLAGS = _answered(
    ("vacant", "vacant flag", "vacancy", "vacancy flag", "vacant indicator", "dpv vacant", "usps vacant")
)
# ... and a flag saying the address is wrong ('Wrong Address', 'Invalid Address', 'Address Incorrect' = Yes:
# found by hunter-sheets21, each was ordered where 'Bad Address' = Yes is left out), read by its yes alone:
# such a header may hold the wrong address itself, beside the right one
WRONG_ADDRESS_FLAGS = _answered(
    f"{whose}{a} {b}{after}" for wrong in ("wrong", "invalid", "incorrect", "unknown", "outdated", "bad")
    for a, b in ((wrong, "address"), ("address", wrong), (wrong, "addr"))
    for after in ("", " flag", " indicator")
    # ('Mailing Address Invalid' = true: found by newcomer27, ordered where 'Invalid Address' is left out)
    for whose in ("", "mailing ", "mail ", "home ", "postal ", "shipping ")
) - _HOLD_FLAGS  # fmt: skip
SAYS_VACANT = re.compile(r"(?i)^\s*(?:y|yes|true|1|x|vacant|[✓✔☑☒✅])\s*(?:$|[-–—:,.;(].*)")
# Anything written there but a no: "Yes - 11/15", "X - per HR", "left company", "Opted out", a date (found
# by review11: only a bare yes/x/1 left the row out; 'Do Not Send' = "X - per HR" or 'Terminated' =
# 2026-10-31 was ordered)
# ... nor the hold ended, on a day or by whose say ('Released 11/20', 'Hold lifted on 11/2', 'Cleared by HR':
# found by hunter-falsealarm5, each was left out where 'Released' alone sent)
# ... in any order and with the day in words ('Cleared by HR 11/20', 'Released per HR on 11/20', 'Released Nov
# 20': found by review34, each was left out), unless a word after it says no, not yet or doubts it
_DAY_SAID = (
    r"\d{1,4}(?:[/.-]\d{1,4}){1,2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*"
    r"\d{1,2}(?:st|nd|rd|th)?(?:,?\s*\d{4})?"
)
_ON_OR_BY = (
    rf"\s*[-–—:,;(]?\s*(?:(?:on\s+)?(?:{_DAY_SAID})|(?:as\s+per|per|by)\s+[^\W\d][\w.']*"
    r"(?:\s+[^\W\d][\w.']*){0,2})\)?"
)
_ENDED = (
    r"(?!.*(?:\b(?:not?|never|pending|until|till|yet|again|see|unless|but|waiting|awaiting)\b|n['’]t\b|\?))"
    rf"(?:hold\s+)?(?:cleared|release[d]?|resolved|lifted|rehired|reinstated)(?:{_ON_OR_BY}){{0,3}}"
)
_SAYS_YES = re.compile(
    r"(?i)^(?!\s*(?:(?:no|n|false|nope|non|nein|n[ãa]o)\b(?:\s*[-–—:,.;(].*)?|0|none|nil|null|n\.?\s*/?\s*a\.?|[-–—_.?]+|not\b.*|"
    rf"{_ENDED}|active|accept(?:ed)?|opt(?:ed)?[\s-]*in)\s*$)\s*\S.*$"
)
# ... and, under a column marking the rows to take off the list ('Delete?', 'Remove', 'Exclude?',
# 'Suppress'), its answer for a row to keep: 'Keep', 'Include' (found by hunter-falsealarm5: a list cleaned by
# hand, Keep beside Delete, was left out but for its empty cells)
_TAKES_OFF = re.compile(r"(?i)\b(?:delet|remov|exclu|suppress|drop|omit|skip)")
# (not when what follows says no or doubts it: 'Keep: no', 'Keep - not sure')
_UNDOUBTED = r"(?i)(?!.*(?:\b(?:no|not|never|unsure|maybe)\b|n['’]t\b|\?))"
_KEEP_WORDS = r"keep|kept|retain(?:ed)?|stay|include[ds]?|incl\.?"
SAYS_KEPT = re.compile(rf"{_UNDOUBTED}\s*(?:{_KEEP_WORDS})\s*(?:$|[-–—:,.;(].*)")
# ... also, under a header naming both answers ('Keep/Delete', 'Keep or Remove'), the keep's letter: 'K'
# beside 'D' (found by review34 reviewing 7e2bb3c: each K was left out as 'the list says not to send it')
_NAMES_KEEP = re.compile(r"(?i)\bkeep\b")
_SAYS_KEPT_OR_K = re.compile(rf"{_UNDOUBTED}\s*(?:{_KEEP_WORDS}|k)\s*(?:$|[-–—:,.;(].*)")


def takes_rows_off(header: str) -> bool:
    """Whether a header marks the rows to take off the list (:data:`_TAKES_OFF`): 'Delete?', 'To Remove'."""
    return _TAKES_OFF.search(header) is not None


def kept_under(header: str) -> re.Pattern[str]:
    """The answers that keep a row under ``header``, a column marking the rows to take off the list:
    :data:`SAYS_KEPT`, and 'K' where the header names keep too ('Keep/Delete')."""
    return _SAYS_KEPT_OR_K if _NAMES_KEEP.search(header) else SAYS_KEPT
