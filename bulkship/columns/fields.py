"""The order fields by what a column for them changes, and the words HR systems put around a header."""

from __future__ import annotations

from ..models import CANONICAL_COLUMNS

# Fields that change what is ordered: two columns for one of these refuse the file.
ORDER_FIELDS = frozenset(CANONICAL_COLUMNS) - {"email", "phone"}  # contact details order nothing
# Fields whose own title still wins over a looser alias: a contact detail, and the company printed on the
# parcel (HR exports' "Organization" is a department: "Company" and it ran together before 7cebc05)
_OWN_TITLE_WINS = frozenset({"email", "phone", "company"})
ADDRESS_FIELDS = frozenset({"address1", "address2", "city", "state", "zip", "country"})
NAME_FIELDS = frozenset({"first_name", "last_name", "name"})

# Qualifier words HR systems put around a header, with the rank of the group they name (lower wins).
QUALIFIER_RANK = {
    "shipping": 0,
    "ship": 0,
    "delivery": 0,
    "mailing": 1,
    "home": 2,
    "primary": 3,
    "personal": 3,
    "residential": 3,
    "residence": 3,
    "permanent": 3,
    "current": 3,
    "private": 3,
    "": 3,
    "work": 5,
    "business": 5,
    "office": 5,
}
PREFERRED = frozenset({"preferred", "nickname", "known", "chosen"})
NEUTRAL = frozenset({"legal", "employee", "worker", "associate", "recipient", "member", "person", "staff"})
_FILLER = frozenset({"address", "addr", "to", "as", "of", "the", "s"})  # "Home Address City", "Known As Name"
_FILLER |= {"required", "optional", "mandatory", "req", "opt"}  # a template's marks: "Address (required)"
_FILLER |= {"usd", "dollars", "dollar", "in"}  # the cards' own currency: "Value (USD)", "Amount in dollars"
_FILLER |= {"general", "display", "format", "or"}  # Workday's "Preferred Name in General Display Format"
UNQUALIFIED_RANK = QUALIFIER_RANK[""]
