"""The order fields by what a column for them changes, and the words HR systems put around a header."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..models import CANONICAL_COLUMNS, NAME_COLUMNS
from ..schema import header_key

# Fields that change what is ordered: two columns for one of these refuse the file.
ORDER_FIELDS = frozenset(CANONICAL_COLUMNS) - {"email", "phone"}  # contact details order nothing
# Fields whose own title still wins over a looser alias: a contact detail, and the company printed on the
# parcel (HR exports' "Organization" is a department: "Company" and it ran together before 7cebc05)
_OWN_TITLE_WINS = frozenset({"email", "phone", "company"})
ADDRESS_FIELDS = frozenset({"address1", "address2", "city", "state", "zip", "country"})
NAME_FIELDS = frozenset(NAME_COLUMNS)
# Qualifiers that name an address and nothing else: "Default Amount" is no card's value
ADDRESS_ONLY = frozenset({"default"})
# ... and around the card or its value, the shipping's words name the shipping: 'Shipping Amount' = 10.00
# (what it cost) was read as the card's value, a $10 card ordered where [defaults] said 50, and 'Ship Card?'
# = No as the card, every row an unknown product beside the list's 'Product' (found by hunter-sheets16)
# ... as do a place's: 'Home Value' = 450000 (a realtor's or a lender's client list) was read as the card's
# value beside 'Value' = 50, every row "450000 is not a value CVS comes in"; 'Business Card', 'Home Brand'
# as the card (found by hunter-sheets16)
WHERE_WORDS = frozenset(
    {"shipping", "ship", "delivery", "mailing", "mail", "home", "residential", "residence", "work",
     "business", "office"}
)  # fmt: skip
CARD_FIELDS = frozenset({"value", "product"})
ADDRESSED = ADDRESS_FIELDS | {"company", "phone"}

# Qualifier words HR systems put around a header, with the rank of the group they name (lower wins).
QUALIFIER_RANK = {
    "shipping": 0,
    "ship": 0,
    "delivery": 0,
    "mailing": 1,
    "mail": 1,  # "Mail City", "Mail Zip" (a lone "Mail" is the email, read before any qualifier)
    "home": 2,
    "primary": 3,
    "default": 3,  # Shopify's customer export: "Default Address City" (of an address only: ADDRESS_ONLY)
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
# ... and the person a list of customers, donors or entrants is about ('Contact First Name', 'Customer Last
# Name', 'Donor First Name'): unread, a B2B list's 'Business Name' was the card's only name, the contact's
# unused, and such a list alone was refused as lacking a name (found by hunter-sheets16). Not a guest, a
# respondent or an emergency contact: another person than the one the row is about
NEUTRAL |= {"customer", "client", "contact", "donor", "participant", "attendee", "volunteer", "nominee",
            "winner", "student"}  # fmt: skip
_FILLER = frozenset({"address", "addr", "to", "as", "of", "the", "s"})  # "Home Address City", "Known As Name"
_FILLER |= {"required", "optional", "mandatory", "req", "opt"}  # a template's marks: "Address (required)"
_FILLER |= {"usd", "dollars", "dollar", "in"}  # the cards' own currency: "Value (USD)", "Amount in dollars"
_FILLER |= {"general", "display", "format", "or"}  # Workday's "Preferred Name in General Display Format"
_FILLER |= {"your", "what", "is", "please", "enter"}  # a form's questions: "What is your shipping address?"
UNQUALIFIED_RANK = QUALIFIER_RANK[""]


# A third address line ("Floor 12", "Mailroom B") beside line 1 and 2: the vendor's address has two
_LINE_3 = frozenset(
    header_key(h)
    for h in ("address line 3", "address 3", "address3", "addr3", "street 3", "street line 3", "line 3",
              "street address 3", "address line3", "formatted line 3")
)  # fmt: skip


def line_3_header(headers: Iterable[str], used: Mapping[str, str]) -> str | None:
    """The header of an unused third address line, if the sheet has one: as written alone, or qualified as the
    lines read are ("Home Address - Address Line 3" beside "Home Address - Address Line 1": found by
    review11, a Workday export's floor was dropped)."""
    unused = [h for h in headers if h not in used]
    alone = next((h for h in unused if header_key(str(h)) in _LINE_3), None)
    if alone is not None:
        return alone
    lines = {header_key(str(h)) for h, field in used.items() if field in ("address1", "address2")}
    for header in unused:
        key = header_key(str(header))
        for line_3 in _LINE_3:
            qualifier = key.removesuffix(line_3)
            if qualifier != key and {qualifier + line_3[:-1] + "1", qualifier + line_3[:-1] + "2"} & lines:
                return header
    return None
