"""The yes/no columns of a list that pick the rows to send, by their headers, and the answers that leave a
row out: send, eligible or active columns and headers in such words (No), survey test responses, an
address's or a payment's status. Hold columns (Yes/X) are in :mod:`.holdflags`, a form's questions in
:mod:`.questions`, these columns' headers and answers in other languages in :mod:`.languages`, a status
column's words in :mod:`.status`, date columns in :mod:`.dates`, columns saying the card went already in
:mod:`.sent`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from ...schema import header_key
from .languages import (
    OTHER_ACTIVE,
    OTHER_DO_NOT_SEND,
    OTHER_ELIGIBLE,
    OTHER_GONE,
    OTHER_SEND,
)


def _answered(headers: Iterable[str]) -> frozenset[str]:
    """The header keys of yes/no columns, as written alone or with their answers ("Send (Y/N)")."""
    return frozenset(header_key(f"{h}{answer}") for h in headers for answer in ("", " y/n", " yes/no"))


# A column of the list that says whether to send each row ("Send?", "Include (Y/N)", "Send Gift (Y/N)")...
_SEND_FLAGS = (
    _answered(
        f"{verb} {what}"
        for verb in ("send", "ship", "mail", "order", "include", "ok to send", "to send")
        for what in ("", "card", "gift", "gift card")
    )
    | frozenset(header_key(h) for h in ("included",))
    | _answered(OTHER_SEND)
)
# "Active" = No on every row is a list of the people who left (a retirement gift), not a filter (review10)
_ACTIVE_FLAGS = _answered(
    (
        "active", "is active", "active status", "active employee", "currently active",
        # ... or employed ("Still Employed?" = No: found by hunter-sheets, ordered)
        "employee active", "still active", "still employed", "currently employed", "employed", "is employed",
        "still with company", "still with the company", "still here", *OTHER_ACTIVE,
        # ... as an HR system's flag ('Active Flag' = N, 'Active Indicator', 'Current Employee' = No: found by
        # hunter-sheets21, each was ordered where 'Active' = N is left out)
        *(f"{what} {flag}" for what in ("active", "is active", "employee active", "active employee",
                                        "employed", "current employee", "is current employee")
          for flag in ("flag", "indicator", "ind", "yn")),
        "current employee", "is current employee",
        # ... or the worker's ('Worker Active', 'Active Worker' = No: found by newcomer27, a Workday export's,
        # each ordered where 'Active Status' = No is left out)
        *(f"{a} {b}" for who in ("worker", "associate", "staff")
          for a, b in ((who, "active"), ("active", who))),
    )
)  # fmt: skip
# what a list rewards with a card once done (:data:`_ELIGIBLE_FLAGS`)
_REWARDED = ("survey", "course", "training", "module", "certification", "quiz", "exam", "workshop", "lesson",
             "assessment", "webinar", "elearning", "e-learning", "onboarding")  # fmt: skip
_DONE = ("completed", "finished", "passed")
# ... or whether the person may have one ("Eligible?" = No, "Active" = N, found by newcomer8): an autofilter
# often hides rows by such a column, and --include-hidden orders the rows it hides on purpose
_ELIGIBLE_FLAGS = _ACTIVE_FLAGS | _answered(
    (
        "eligible", "is eligible", "gift eligible", "card eligible", "eligible for gift", "eligible for card",
        "eligibility", "approved", "gift approved", "gift", "award", "winner", "selected", "qualified",
        "approved for gift", "include in mailing", "receive gift", "receive card", "wants card", "wants gift",
        "include in order", "include in this order", "add to order",  # = No (found by hunter-sheets, ordered)
        "accepts gift", "ready to send", "confirmed", "participating", "rsvp",
        "approval", "approval status", "eligibility status", "send status",  # = Rejected (found by review11)
        "opted in", "opt in", "consent", "consented", "gift consent", "survey completed", "completed survey",
        # = No (found by hunter-sheets: each was ordered)
        # ... and so is the course or training the card rewards ('Course Completed', 'Training Completed' =
        # No was ordered where 'Survey Completed' = No is left out: found by hunter-sheets17, left for
        # hunter-sheets18); a course not completed earns no card, as a survey not completed does not
        *(f"{what} {done}" for what in _REWARDED for done in (*_DONE, "complete", "done")),
        *(f"{done} {what}" for what in _REWARDED for done in _DONE),
        "qualifies", "qualify", "qualifying", "on list", "on the list", "final list", "on final list",
        "make list", "made list", "made the list",  # = N (found by hunter-sheets2: each was ordered)
        # ... or whether the person takes mail or gifts ('Mailing Opt-In', 'Gift Opt-In', 'Wants Gift Card',
        # 'Gift Acceptance' = No or Declined: found by hunter-sheets15, each was ordered)
        *(f"{what} opt in" for what in ("mail", "mailing", "direct mail", "postal", "postal mail", "gift",
                                        "gifts", "gift card")),
        "wants gift card", "gift acceptance", "accepts gift card", "accepted gift",
        # ... or approved by whoever signs off the spending ('Budget Approved', 'Finance Approval', 'VP
        # Approved' = No or Pending), or eligible for the milestone ('Milestone Eligible' = N): found by
        # hunter-sheets17 and hunter-sheets19, each was ordered where 'Manager Approval' = No is left out
        *(f"{who} {said}" for who in ("budget", "finance", "director", "vp", "supervisor", "department",
                                      "dept", "committee", "executive") for said in ("approved", "approval")),
        "milestone eligible", "eligible for milestone", "anniversary eligible", "award eligible",
        "eligible for award",
        *OTHER_ELIGIBLE,
    )
)  # fmt: skip
# ... or whether mail reaches the person ('Direct Mail', 'Mailable', 'Deliverable', 'Address Valid?' = No:
# found by hunter-sheets15, each was ordered). Only a No leaves the row out: such a column ticked on some rows
# and empty on others (addresses checked so far) picks no rows
MAILABLE_FLAGS = _answered(
    ("direct mail", "mail ok", "mailable", "can mail", "deliverable", "address deliverable", "address valid",
     "valid address", "mailing address valid", "address verified", "address is valid",
     # ... or USPS's delivery point validation ('DPV Confirmed', 'DPV Match Code' = N: the address is no point
     # the post delivers to; found by newcomer27, each ordered where 'Deliverable' = N is left out)
     "dpv", "dpv confirmed", "dpv confirmation", "dpv match", "dpv match code", "dpv confirmation code",
     "dpv code", "dpv status", "dpv indicator", "dpv flag")
)  # fmt: skip
# ... or a header in such words, with what qualifies them ("Eligible for 2026", "Approved by manager", "Gift
# 2026", "Xmas list", "Yes/No": found by newcomer8); "Gift wrap" or "Manager" say something else
_FILTER_WORDS = frozenset(
    {"eligible", "eligibility", "approved", "send", "sending", "ship", "mail", "include", "included", "keep",
     "valid", "go", "selected", "qualified", "winner", "confirmed", "participating", "gift", "card", "award",
     "xmas", "christmas", "holiday", "yes", "no", "y", "n", "ok", "approval", "qualifies", "qualify",
     "qualifying", "select", "pick", "picked", "chosen",
     # ... or whether the person wants the card in the mail ('Physical card?', 'Physical gift card (Y/N)',
     # 'Gift card wanted?', 'Want a gift card?', 'Mail me a gift card?'): each No was ordered (found by
     # hunter-sheets16)
     "physical", "want", "wanted", "wants",
     # ... or an HR sheet's short forms and sign-offs ('Elig', 'Incl?', 'Appr', 'Cleared?', 'Sign-off' = N:
     # found by newcomer26, each was ordered)
     "elig", "incl", "appr", "apprvd", "cleared", "signoff"}
)  # fmt: skip
# ... whoever says so aside ('Mgr OK?', 'VP OK?', 'Supervisor OK', 'HRBP Approved' = N: found by newcomer26,
# each was ordered where 'Manager OK?' = N is left out)
_FILTER_FILLER = frozenset(
    {"for", "by", "in", "of", "the", "to", "list", "manager", "hr", "this", "year", "s", "a", "me",
     "mgr", "supervisor", "sup", "supv", "vp", "dir", "director", "hrbp",
     # ... and the occasion named ('Anniversary Award Eligible', 'Service Award Eligible', 'Recognition
     # Eligible' = No: found by newcomer27 in a Workday export, each was ordered where 'Award Eligible' = No
     # is left out)
     "anniversary", "service", "recognition", "milestone"}
)  # fmt: skip
_SIGN_OFF = re.compile(r"sign(?:ed)?[\s_-]*off")


def _filter_header(header: str) -> bool:
    """Whether a header says the column picks the rows to send: its words, years and fillers aside, are
    all :data:`_FILTER_WORDS`. One that ends "by" or "to" names who or where ('Approved By' = 'N. Patel',
    'Send To': found by review11), not yes or no."""
    if _TICK_HEADER.fullmatch(header):  # a column of checkboxes headed by a tick (found by hunter-sheets3)
        return True
    every = re.findall(r"[a-z]+", _SIGN_OFF.sub("signoff", header.casefold()))
    words = [w for w in every if w not in _FILTER_FILLER]
    # 'Ship to manager?' = No says where the card goes, not whether (found by hunter-sheets4: left out)
    if any(w == "to" and after not in _FILTER_WORDS for w, after in pairwise(every)):
        return False
    return bool(words) and set(words) <= _FILTER_WORDS and every[-1] not in _WHO_OR_WHERE


_TICK_HEADER = re.compile(r"\W*[✓✔☑✅]\W*")
_WHO_OR_WHERE = frozenset({"by", "to", "from"})


# A survey platform's own word that a response is no person's: Qualtrics' "Response Type" = Survey Preview,
# Survey Test (its generated answers) or Spam, its "Distribution Channel" = preview or test (found by
# hunter-sheets8: a 'fill in the survey, get a $25 card' export ordered its spam and test answers)
_TEST_RESPONSE_FLAGS = frozenset(
    header_key(h) for h in ("response type", "distribution channel", "responsetype", "distributionchannel")
)
_SAYS_TEST_RESPONSE = re.compile(r"(?i)\s*(?:(?:offline\s+)?(?:survey\s+)?(?:preview|test)|spam)\s*")
# A form's column stamping when it was sent ('Submit Date (UTC)', Jotform's 'Submission Date', 'Submitted
# At'), read by :mod:`.unsubmitted`
SUBMITTED_AT = frozenset(
    header_key(h)
    for h in ("submit date", "submitted at", "submitted on", "submission date", "submission time",
              "submit time", "date submitted", "time submitted", "submitted date", "submitted time",
              "submission timestamp", "submitted timestamp", "date of submission")
)  # fmt: skip
# ... whose stamps hold the time of day, as a form's do (a tracking sheet's 'Date Submitted' of the orders
# sent, a day without its time, says nothing of its empty rows)
STAMPED = re.compile(r".*\d{1,2}:\d{2}")
# A response's own status ('Response Status' = Partial, 'Completion Status' = Incomplete, Typeform's
# 'Response Type' = partial)
RESPONSE_STATUS = frozenset(
    header_key(h)
    for h in ("response status", "response type", "completion status", "submission status", "response state",
              "survey status", "form status")
)  # fmt: skip
# An address's own status saying mail does not reach it ('Address Status' = Undeliverable, a mail house's
# 'NCOA' = Moved, left no address; 'Deliverability' = Invalid): a card mailed there is lost (found by
# hunter-sheets15: each was ordered)
ADDRESS_STATUS = frozenset(
    header_key(h)
    for h in ("address status", "mailing address status", "address quality", "ncoa", "ncoa status",
              "ncoa result", "ncoa code", "deliverability", "address deliverability", "deliverability status",
              "address validation", "address validation status", "address verification")
)  # fmt: skip
SAYS_UNDELIVERABLE = re.compile(
    r"(?i)^\s*(?:un-?deliverable|not\s+deliverable|invalid|bad|incorrect|wrong|returned|bounced|(?:mail\s+)?"
    r"bounced\s+back|mail\s+bounced|return(?:ed)?\s+to\s+"
    r"sender|rts|nixie|vacant|box\s+closed|foreign\s+move|deceased|do\s+not\s+mail|no\s+forwarding|"
    r"(?:moved|mover)\W+(?:and\s+)?(?:left\s+)?no\s+(?:forwarding|address)|left\s+no\s+(?:forwarding\s+)?address)\b"
)
# A shop's payment status saying the order was paid back or never paid (Shopify's 'Financial Status' =
# refunded, voided, expired): an order undone, as its 'Cancelled at' says (found by hunter-sheets15: each was
# ordered). Not 'partially_refunded': the order stands
PAYMENT_FLAGS = frozenset(header_key(h) for h in ("financial status", "payment status"))
SAYS_PAID_BACK = re.compile(r"(?i)^\s*(?:refunded|voided|void|expired|charged[\s_-]*back|chargeback)\b")


# ... and the answers that say no ("NO - left company", "Do not send", "Excluded")
_SAYS_NO = re.compile(
    r"(?i)^\s*(?:no|n|false|0|ineligible|not\s+eligible|excl(?:uded?)?|removed?|skip(?:ped)?|cancell?ed|declined|"
    # ... or a cross, a thumbs down, a no entry sign, or no in other words ("Send?" = ❌, ✗, Nope: found by
    # hunter-sheets, each was ordered)
    # ... or an empty check box typed as a character (☐, □: Word's and a Sheets template's unticked box) or a
    # multiplication cross (✕): found by hunter-sheets10, each was ordered
    r"[❌✗✘✖✕🚫⛔👎☐□▢⬜].*|nope|nah|no\s+thank(?:s|\s+you)\b.*|(?:i['’]?d\s+|i\s+would\s+)?(?:rather|prefer)\s+not\b.*|"
    r"do\s*n[o']?t\b.*|don'?t\b.*"
    # ... or not yet, or not at all ("Approved" = Rejected, Pending review; "Send?" = Not yet, Hold, TBD;
    # "Active" = 0, Inactive: found by review11, each was ordered)
    r"|not\b.*|(?:pending|awaiting|waiting|rejected|denied|disapproved|unapproved|tbd|maybe|later)\b.*|\?+"
    r"|(?:on\s+)?hold|next\s+year|inactive|terminated"
    # ... or an invitation declined ('RSVP', 'Attending?' = Regrets, Can't make it, Unable to attend: found by
    # hunter-sends3, each was ordered where 'Not attending' is left out)
    r"|(?:sends?\s+)?regrets?\b.*|(?:can(?:no|['’])?t|cannot|unable\s+to|won['’]?t(?:\s+be)?|will\s+not(?:\s+be)?)"
    r"\s+(?:(?:able\s+to\s+)?(?:attend|come|make\s+it|join|be\s+there)|attending|coming|joining)\b.*"
    # ... or given and taken back ('Approved?' = Withdrawn, Revoked, Approved then revoked: found by review40,
    # each was ordered)
    r"|(?:withdrawn|revoked|rescinded|retracted|voided?)\b.*|(?:yes|y|approved|ok|okay)\b.{0,40}?\b(?:then|but|later|"
    r"since|now)\s+(?:(?:was|is|has\s+been|got)\s+)?(?:withdrawn|revoked|rescinded|retracted|cancell?ed|denied|"
    r"rejected|voided|declined)\b.*"
    # ... or the row taken off the list in a clean-up's words ('Keep?' = Delete, Drop, Omit: found by
    # review34, each was ordered where Remove is left out); not a 'Drop-off', a way to deliver
    r"|delete[ds]?|del|drop(?:ped)?(?!\s*-?\s*off)|omit(?:ted)?|suppress(?:ed)?"
    # ... or in another language ('Non', 'Nein', 'Não', 'No enviar')
    rf"|non|nein|n[ãa]o|{OTHER_DO_NOT_SEND}\b.*|(?:{OTHER_GONE})\b.*)\s*(?:$|[-–—:,.;!(].*)"
)
# ... but not, under an approval ('Manager Approval', 'Approved?'), that none is needed: 'Not required', 'Not
# needed' say what its N/A says, and sends (found by hunter-falsealarm5: each was left out as not approved)
NO_APPROVAL_NEEDED = re.compile(r"(?i)\s*not\s+(?:required|needed|necessary|applicable)\s*\.?\s*")
_APPROVAL = re.compile(r"(?i)\bapprov")


def approval_header(header: str) -> bool:
    """Whether a header names an approval ('Manager Approval', 'Approved?', 'Approval Status')."""
    return _APPROVAL.search(header) is not None


# ... and, in a column saying whether to send ('Send Gift?', 'Send (Y/N)'), 'N/A': sending does not apply to
# the person. Read as no answer, each such row was ordered (found by hunter-sheets14; the lead's brief). Not
# under 'Approved' or 'Eligible', where it may say no approval is needed
_SAYS_NO_OR_NA = re.compile(
    r"(?i)^\s*(?:n\.?\s*/\s*a\.?|n\.a\.?|na)\s*(?:$|[-–—:,.;!(].*)|" + _SAYS_NO.pattern.removeprefix("(?i)")
)
