"""Which headers hold a person's status ('Employee Status', 'Status (HR)'; not 'Marital Status'), and what
kind of list the headers make (a shop's orders export, a hospital's patients), where a status's words read
otherwise. The words of the cells under them are :mod:`.status`'s."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from ...schema import header_key
from .languages import OTHER_STATUS, plain_key

# An HR status saying the person is gone ("Status" = Terminated, "Left company"); not "Retired" (a
# retirement gift goes to just those people) nor a note that starts with "Left" ("Left voicemail")
# (Workday's "Worker Status", ADP's "Position Status" with its one-letter codes T and D: found by newcomer8)
_STATUS_FLAGS = frozenset(
    header_key(h)
    for h in (
        "status", "employee status", "employment status", "worker status", "position status", "emp status",
        "hr status", "job status", "associate status", "staff status",
        # ... PeopleSoft's 'Empl Status' (its codes T and D as ADP's) and Oracle HCM's 'Assignment Status'
        # (found by newcomer9: Terminated there was ordered)
        "empl status", "assignment status",
    )
)  # fmt: skip

_EMPLOYMENT_WORDS = frozenset(
    {"employee", "employees", "employment", "emp", "empl", "ee", "worker", "staff", "associate", "personnel",
     "hr", "job", "position", "assignment", "payroll"}
)  # fmt: skip


def employment_header(header: str) -> bool:
    """Whether a person's status header names their employment ('Employee Status', 'HR Status')."""
    return bool(set(re.findall(r"[a-z]+", header.casefold())) & _EMPLOYMENT_WORDS)


def status_code_header(header: str) -> bool:
    """Whether a header of a person's status names its code ('Employee Status Code', 'Status Code')."""
    return "code" in re.findall(r"[a-z]+", header.casefold())


# ... a status of the person or their record, that is: not of a marriage, a benefit, an account or a survey
# ("Marital Status" = Separated, "Benefits Status" = Declined, "401k Status" = Opted out, a win-back list's
# "Account Status" = Inactive: found by review14, each row was left out)
_PERSON_STATUS_WORDS = frozenset(
    {"status", "current", "hr", "record", "employee", "employees", "employment", "emp", "ee", "worker",
     "job", "position", "associate", "staff", "personnel", "person", "people", "recipient", "participant",
     "work", "working", "contract", "contractor", "latest", "overall", "final", "payroll", "code",
     # (HiBob's 'Lifecycle Status' = Garden leave was sent, 'Terminated?' left out, none asked: hunter-asks8)
     "lifecycle",
     "description", "desc", "type", "the", "of", "s",
     # ... and the reason given with it (Dynamics 365's 'Status Reason' = Inactive, 'Worker Status Reason' =
     # Resigned: ordered; hunter-asks5)
     "reason"}
)  # fmt: skip


# ... in another language, read by its words only (not ADP's one-letter codes: a Spanish 'T' is 'Temporal')
_OTHER_STATUS = frozenset(header_key(h) for h in OTHER_STATUS)


# ... or the person's type, where an HR system writes the leaving ('Person Type' = Ex-employee, Oracle HCM's;
# 'Employee Type' = Terminated: each ordered, hunter-asks5); its other types ('Full-time', 'Contractor',
# 'Retiree', 'Intern') say nothing a status reads as a no
_PERSON_TYPES = frozenset({"person", "employee", "worker", "employment", "associate", "staff"})
# ... or the person's wish for mail or contact ('Mail Preference' = No mail, 'Contact Preference' = Do not
# contact: each ordered, hunter-asks5); 'Email only', 'Phone', 'Mail' there say nothing a status reads as a no
_MAIL_PREFERENCE = frozenset(
    {"mail", "mailing", "postal", "contact", "communication", "communications", "preference", "preferences",
     # ... or a donor CRM's solicit codes ('Solicit Codes' = Do not contact: ordered, hunter-asks6)
     "solicit", "solicitation", "solicitations", "code", "codes"}
)  # fmt: skip
_PREFERENCE_WORDS = frozenset({"preference", "preferences", "code", "codes"})
# ... or of their leave ('Leave Status', 'LOA Status', 'Leave of Absence Status' = Terminated: ordered, found
# by hunter-asks5), its leave's own words read as nothing (..said.hrsystems.leave_word)
_LEAVE = frozenset({"leave", "loa", "absence", "fmla"})


def leave_header(header: str) -> bool:
    """Whether a header names the status of a person's leave ('Leave Status', 'LOA Status')."""
    words = set(re.findall(r"[a-z]+", header.casefold()))
    return "status" in words and bool(words & _LEAVE) and words <= _PERSON_STATUS_WORDS | _LEAVE


# remembered: many readers ask it of the same headers each load; it reads the header alone
@functools.lru_cache(maxsize=1 << 14)
def status_header(header: str) -> bool:
    """Whether a header names a status of the person ("Current Status", "Status (HR)", "Record Status",
    "Person Type"), not of something else they have ("Marital Status", "Benefits Status", "Account
    Status")."""
    words = set(re.findall(r"[a-z]+", header.casefold()))
    if "type" in words and len(words) == 2 and words & _PERSON_TYPES:
        return True
    if words & {"preference", "preferences"} and words <= _MAIL_PREFERENCE:
        return True
    if words & {"solicit", "solicitation"} and words & _PREFERENCE_WORDS and words <= _MAIL_PREFERENCE:
        return True
    if leave_header(header):
        return True
    return ("status" in words and words <= _PERSON_STATUS_WORDS) or plain_key(header) in _OTHER_STATUS


_PATIENT_WORDS = frozenset({"patient", "patients", "mrn", "admit", "admitted", "discharge"})


def names_patients(headers: Iterable[object]) -> bool:
    """Whether a list's ``headers`` name its people as patients ('Patient ID', 'MRN', 'Discharge Date')."""
    return any(set(re.findall(r"[a-z]+", str(h).casefold())) & _PATIENT_WORDS for h in headers)


# ... whose billing columns are the buyer's name or address ('First Name (Billing)', 'Billing City'); not a
# tracker's 'Billing Code' or 'Billing Dept' beside its 'Payment Method', where 'Order Status' = Processing
# is a card being made: read as a shop's paid order, it was ordered a second time (found by hunter-sheets17)
_BILLED = frozenset(
    {"first", "last", "name", "address", "street", "city", "state", "zip", "postcode", "postal", "country",
     "phone", "email", "company"}
)  # fmt: skip
# ... and only under the order's own status ('Order Status', 'Status', Shopify's 'Fulfillment Status'); a
# 'Card Status', 'Gift Status' or 'Shipping Status' there is the card's, kept as in any tracker
SHOP_STATUS = frozenset(
    header_key(h) for h in ("status", "order status", "fulfillment status", "fulfilment status")
)


def shop_orders(headers: Iterable[object]) -> bool:
    """Whether a list's ``headers`` are a shop's orders export's (:data:`.status.SHOP_PROCESSING`)."""
    words = [set(re.findall(r"[a-z]+", str(header).casefold())) for header in headers]
    billed = any("billing" in said and said & _BILLED for said in words)
    return billed and any(said & {"payment", "paid"} for said in words)
