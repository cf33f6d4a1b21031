"""The status of a list's people who are no employees ('Donor Status', 'Volunteer Status', 'Membership
Status', 'Tenant Status', 'Contact Status', 'Customer Status'): 'Deceased', 'Passed away', 'Do not mail',
'Returned mail', 'Moved out', 'Left company' there (or 'Lease Status' = Vacant) were read as nothing, each
card ordered to someone dead, gone or unreachable, exit 0 (found by hunter-falsealarm8), where a bare
'Status' leaves such rows out. Only the words of death, of leaving, of the mail failing or of not sending:
such a status's 'Inactive', 'Lapsed', 'Expired', 'Cancelled' or 'Former' is whom a renewal or win-back
mailing is for, and sends (as 'Account Status' = Inactive does: review14)."""

from __future__ import annotations

import re

from .status import _NOT_TO_SEND, _says_gone

# the people a status is of, beside the word 'status' ('Donor Status', 'Member Status (2026)')
_OTHER_PEOPLE = frozenset(
    {"donor", "donors", "volunteer", "volunteers", "member", "members", "membership", "tenant", "tenants",
     "resident", "residents", "contact", "contacts", "constituent", "constituents", "customer", "customers",
     "client", "clients", "guest", "guests", "attendee", "attendees", "patron", "patrons", "supporter",
     "supporters", "subscriber", "subscribers", "lead", "prospect", "lease", "occupancy"}
)  # fmt: skip
_OTHER_WORDS = frozenset({"status", "current", "record", "the", "of", "s", "latest", "overall"})

SAYS_GONE_ELSEWHERE = _says_gone(
    r"deceased|passed\s+away|died|moved\s+(?:out|away)|evicted|vacant|vacated|no\s+longer\s+(?:with|at|employed|here)|"
    r"left\s+(?:the\s+)?(?:company|organi[sz]ation|firm|business|building|property|area)",
    _NOT_TO_SEND + r"|do\s*n[o']?t\s+(?:contact|e?mail)|no\s+(?:mail|contact)",
)


def other_people_status(header: str) -> bool:
    """Whether ``header`` names the status of a list's people who are no employees (:data:`_OTHER_PEOPLE`)."""
    words = set(re.findall(r"[a-z]+", re.sub(r"\([^()]*\)|\[[^\[\]]*\]", "", header.casefold())))
    return "status" in words and bool(words & _OTHER_PEOPLE) and words <= _OTHER_PEOPLE | _OTHER_WORDS
