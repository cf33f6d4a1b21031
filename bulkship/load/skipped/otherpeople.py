"""The status of a list's people who are no employees ('Donor Status', 'Volunteer Status', 'Membership
Status', 'Tenant Status', 'Contact Status', 'Customer Status'): 'Deceased', 'Passed away', 'Do not mail',
'Returned mail', 'Moved out', 'Left company' there (or 'Lease Status' = Vacant) were read as nothing, each
card ordered to someone dead, gone or unreachable, exit 0 (found by hunter-falsealarm8), where a bare
'Status' leaves such rows out. Only the words of death, of leaving, of the mail failing or of not sending:
such a status's 'Inactive', 'Lapsed', 'Expired', 'Cancelled' or 'Former' is whom a renewal or win-back
mailing is for, and sends (as 'Account Status' = Inactive does: review14)."""

from __future__ import annotations

import re

from .notewords import GIFT_OK
from .status import _NOT_TO_SEND, WITHDREW, _says_gone

# the people a status is of, beside the word 'status' ('Donor Status', 'Member Status (2026)')
_OTHER_PEOPLE = frozenset(
    {"donor", "donors", "volunteer", "volunteers", "member", "members", "membership", "tenant", "tenants",
     "resident", "residents", "contact", "contacts", "constituent", "constituents", "customer", "customers",
     "client", "clients", "guest", "guests", "attendee", "attendees", "patron", "patrons", "supporter",
     "supporters", "subscriber", "subscribers", "lead", "prospect", "lease", "occupancy"}
)  # fmt: skip
# ... and the campaign they are members of (Salesforce's 'Campaign Member Status' = Opted Out: newcomer20's
# N8, each ordered where 'Member Status' leaves it out)
_OTHER_WORDS = frozenset({"status", "current", "record", "the", "of", "s", "latest", "overall", "campaign"})

_GONE_ELSEWHERE = (
    r"deceased|passed\s+away|died|moved\s+(?:out|away)|evicted|vacant|vacated|no\s+longer\s+(?:with|at|employed|here)|"
    r"left\s+(?:the\s+)?(?:company|organi[sz]ation|firm|business|building|property|area)"
)
# ... or unsubscribed, as a note saying so is read (newcomer20's N8: 'Campaign Member Status' = Unsubscribed
# was ordered); not from e-mail alone
_NOT_TO_CONTACT = (
    _NOT_TO_SEND
    + r"|do\s*n[o']?t\s+(?:contact|e?mail|solicit(?!.*\b(?:phone|calls?|sms|texts?|e-?mails?)\b))"
    # ... not with the gift said welcome ('Donor Status' = 'Do not solicit - gifts OK': review77)
    + rf"(?!.*{GIFT_OK})"
    + r"|no\s+(?:mail|contact|solicit(?:ations?|ing)?)"
    + r"|unsubscribed(?!\s*[-–—:,.;(]?\s*(?:from\s+)?(?:e-?mails?|newsletters?)\b)"
)
SAYS_GONE_ELSEWHERE = _says_gone(_GONE_ELSEWHERE, _NOT_TO_CONTACT)

# An event's registration, its status ('Registration Status' of Cvent, Eventbrite's 'Attendee Status', 'RSVP
# Status', 'Booking Status'): 'Cancelled', 'Refunded', 'Not Attending' there were read as
# nothing (or, under 'Attendee Status', as a member's renewal), each card ordered to a person who cancelled,
# was paid back or said no, exit 0, where a bare 'Status' leaves 'Cancelled' and 'Refunded' out (found by
# hunter-sheets24). A registration ended: cancelled, refunded, voided, withdrawn, not attending (alone, or
# with why after a sign: not 'Not attending in person', a hybrid event's online guest). Not 'No Show',
# 'Waitlisted' or 'Pending': a gift may be for them ('sorry we missed you'), as 'Attended' = No sends. Not
# a 'Ticket Status' (a help desk's ticket) nor an 'Event Status' (the event's own)
_EVENT = frozenset(
    {"registration", "registrations", "registrant", "registrants", "attendee", "attendees", "rsvp", "booking",
     "reservation",
     # ... or a nomination's, for an award ('Nomination Status' = Declined, Rejected, Not selected: each was
     # ordered, exit 0, where 'Award Status' = Declined is left out; the lead's closing note of session 51,
     # leftover 2; hunter-asks7)
     "nomination", "nominations", "nominee", "nominees"}
)  # fmt: skip
_REGISTRATION_ENDED = (
    rf"cancell?ed|cancell?ation|refunded|refund(?:\s+(?:issued|processed))?|void(?:ed)?|{WITHDREW}|"
    r"not\s+(?:attending|going|coming)|will\s+not\s+attend|won['’]?t\s+attend|can(?:no|['’])?t\s+attend|"
    r"unable\s+to\s+attend|not\s+(?:selected|approved)"
)
SAYS_REGISTRATION_ENDED = _says_gone(_GONE_ELSEWHERE, f"{_NOT_TO_CONTACT}|{_REGISTRATION_ENDED}")


def _status_words(header: str) -> set[str]:
    return set(re.findall(r"[a-z]+", re.sub(r"\([^()]*\)|\[[^\[\]]*\]", "", header.casefold())))


def event_status(header: str) -> bool:
    """Whether ``header`` names the status of a registration for an event (:data:`_EVENT`)."""
    words = _status_words(header)
    return "status" in words and bool(words & _EVENT) and words <= _EVENT | _OTHER_WORDS


def other_people_status(header: str) -> bool:
    """Whether ``header`` names the status of a list's people who are no employees (:data:`_OTHER_PEOPLE`)."""
    words = _status_words(header)
    return "status" in words and bool(words & _OTHER_PEOPLE) and words <= _OTHER_PEOPLE | _OTHER_WORDS


# The status of a thing the person holds, an account, a policy, a subscription ('Account Status' = Deceased,
# 'Policy Status' = Deceased - estate): its holder's death or not to contact them only, read as a no (each was
# ordered, exit 0; hunter-asks6). Its other words are the thing's: 'Inactive', 'Closed', 'Cancelled', 'On
# hold', 'Declined' are whom a win-back mailing is for (review14), and send
_HELD_THINGS = frozenset({"account", "accounts", "policy", "policyholder", "subscription", "loyalty", "plan"})
SAYS_HOLDER_DIED = re.compile(
    r"(?i)^\s*(?:(?:closed|inactive|cancell?ed|frozen)\s*[-–—:,(/]\s*)?(?:deceased|passed\s+away|died)\b.*$|"
    r"^\s*(?:do\s*n[o'’]?t\s+(?:contact|mail|send)|dns|no\s+mail)\s*(?:[-–—:,.;!(].*)?$"
)


def held_thing_status(header: str) -> bool:
    """Whether ``header`` names the status of an account, policy or subscription (:data:`_HELD_THINGS`)."""
    words = _status_words(header)
    return "status" in words and bool(words & _HELD_THINGS) and words <= _HELD_THINGS | _OTHER_WORDS
