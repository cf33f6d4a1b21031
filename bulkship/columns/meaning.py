"""What a header means: the field its words name through the alias index, with the qualifier that ranks it
("Home", "Work", "Preferred"); how many fields a row names; the known header a stray one is closest to."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..schema import SheetContract, header_key
from .fields import (
    _FILLER,
    _OWN_TITLE_WINS,
    ADDRESS_FIELDS,
    ADDRESS_ONLY,
    ADDRESSED,
    CARD_FIELDS,
    NAME_FIELDS,
    NEUTRAL,
    PREFERRED,
    QUALIFIER_RANK,
    UNQUALIFIED_RANK,
    WHERE_WORDS,
)


@dataclass(frozen=True)
class HeaderMeaning:
    field: str
    qualifier: str = ""  # the address/contact group ("home", "work"...), "" when none
    preferred: bool = False
    last_first: bool = False  # "Name (Last, First)"
    exact: bool = False  # the field's own title or name ("Product"), not a looser alias ("Card")
    chosen: bool = False  # a person's choice of the card or amount ("Gift card choice": :data:`_CHOICE`)
    loose: bool = False  # a header that names the field only where no other does (:data:`_LOOSE_COMPANY`)

    @property
    def rank(self) -> tuple[int, int, int]:
        """Lower wins: the address group first, then, for a contact detail or the company, the field's own
        title over an alias. Not for what is ordered: "Value" and "Amount", "Name" and "Recipient" are
        two columns one person may have meant either way (a card ordered at the other amount, to the other
        person). Last, a person's choice ("Gift card choice") only where no other column names the field:
        beside the list's own "Product" it is an answer read for its "No gift, thanks"; so is a loose
        header ("Associated Company" beside HubSpot's own "Company Name")."""
        own_title_wins = self.exact and self.field in _OWN_TITLE_WINS
        return (
            QUALIFIER_RANK.get(self.qualifier, UNQUALIFIED_RANK),
            0 if own_title_wins else 1,
            int(self.chosen or self.loose),
        )


_WORDS = re.compile(r"[0-9a-z#]+")


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # a CRM's field names: "MailingStreet" (Salesforce's API names)


# Abbreviations of old HR and payroll systems' headers ("Gift Amt", "Zip Cd", "Denom"): as their words; and
# a hand-made list's "Mailing Addr" (refused as lacking Address Line 1: found by newcomer6)
_ABBREVIATIONS = {
    "amt": "amount", "cd": "code", "denom": "denomination", "emp": "employee", "addr": "address"
}  # fmt: skip
# ... and SAP's '2nd Address Line' (the apartment: unread, the card went without it, exit 0: found by
# hunter-sheets26)
_ABBREVIATIONS["2nd"] = "second"


def _words(header: str) -> list[str]:
    words = _WORDS.findall(_CAMEL.sub(" ", header).casefold().replace("e-mail", "email"))
    return _name_of_part([_ABBREVIATIONS.get(w, w) for w in words if w != "s"])  # "Employee's Name"


# Workday's report fields name the part of a name after the name they belong to: 'Legal Name - First Name',
# 'Preferred Name - Last Name' (unread: a report of them alone was refused as lacking a Name, and beside
# 'Worker' the preferred names were unused: found by hunter-sheets25, left for hunter-sheets26)
_NAME_PARTS = frozenset({"first", "last", "given", "family", "middle"})


def _name_of_part(words: list[str]) -> list[str]:
    """``words`` without a 'name' followed by a part of the name ('legal name first name' -> 'legal first
    name')."""
    for at in range(len(words) - 2):
        if words[at] == "name" and words[at + 1] in _NAME_PARTS and words[at + 2] == "name":
            return words[:at] + words[at + 1 :]
    return words


# What headers meant, by alias index: a load builds six HeaderIndex of the same program's aliases, and each
# resolved again the headers and first rows' cells the others had (~500 a load of messy.xlsx: 18 % of its
# CPU; issue 14). A meaning depends on the header, the index and the exact titles alone (HeaderMeaning is
# frozen). Bounded: a server reading lists for weeks keeps at most _MOST_INDEXES x _MOST_SEEN
_MEANINGS: dict[tuple[frozenset[tuple[str, str]], frozenset[str]], dict[str, HeaderMeaning | None]] = {}
_MOST_INDEXES = 16
_MOST_SEEN = 20_000


def _seen_with(index: dict[str, str], exact: frozenset[str]) -> dict[str, HeaderMeaning | None]:
    key = (frozenset(index.items()), exact)
    seen = _MEANINGS.get(key)
    if seen is None or len(seen) > _MOST_SEEN:
        if len(_MEANINGS) >= _MOST_INDEXES:
            _MEANINGS.clear()
        seen = _MEANINGS[key] = {}
    return seen


class HeaderIndex:
    """Header text -> :class:`HeaderMeaning` through one alias index (alias key -> field), remembered."""

    def __init__(self, index: dict[str, str], exact: frozenset[str] = frozenset()) -> None:
        self.index = index
        self.exact = exact  # keys of the fields' own titles and names
        self._seen = _seen_with(index, exact)

    def meaning(self, header: str) -> HeaderMeaning | None:
        if header not in self._seen:
            meaning = _in_dollars(header, _resolve(header, self.index))
            if meaning is not None and header_key(header) in self.exact:
                meaning = replace(meaning, exact=True)
            self._seen[header] = meaning
        return self._seen[header]


# A dollar sign or the currency's code in a header: the column holds money ('Reward $' beside 'Reward', 'Gift
# Card ($)', '$'). Read as the card ('Reward', 'Gift Card': the sign is no word), such a list was refused,
# "both look like Product", or beside a default amount "looks like Value, which no column gives" (found by
# newcomer3 and hunter-sheets5, refused since; read as the amount by hunter-sheets29)
_MONEY_SIGN = re.compile(r"(?i)\$|\busd\b")
_GIFT_WORDS = frozenset({"gift", "gifts", "reward", "rewards", "card", "cards", "giftcard", "present"})
_MONEY_ALONE = re.compile(r"(?i)\s*[(\[]?\s*(?:us\s*\$|\$|usd)\s*[)\]]?\s*")


def _in_dollars(header: str, meaning: HeaderMeaning | None) -> HeaderMeaning | None:
    """``meaning``, but the card's value where ``header`` names the card (or nothing else) in dollars."""
    if not _MONEY_SIGN.search(header):
        return meaning
    if meaning is None:  # '$' alone, or 'Gift $' (a gift is no product's header, its cells decide)
        alone = _MONEY_ALONE.fullmatch(header) or set(_words(header)) - {"usd"} <= _GIFT_WORDS
        return HeaderMeaning("value") if alone else None
    return HeaderMeaning("value") if meaning.field == "product" else meaning


def own_titles(contract: SheetContract) -> frozenset[str]:
    return frozenset(header_key(k) for spec in contract.columns.values() for k in (spec.title, spec.name))


# What UK and US HR systems call the name a person goes by, with no name word in it (found by newcomer8)
_GOES_BY = (["known", "as"], ["goes", "by"], ["goes", "by", "name"], ["known", "as", "name"])


# Name columns a payroll system always writes last name first (ADP's "Payroll Name" = "Lopez, Maria J"): read
# so even where most rows show a preferred name over them (found by newcomer5)
_WRITTEN_LAST_FIRST = frozenset({header_key("payroll name")})


# A contact export's numbered address group, the words that open it: the first address is the one sent
_FIRST_ADDRESS = {("address", "1"): 2, ("address1",): 1}


# The company a CRM's or a form's export names otherwise than "Company" (Salesforce's lead and campaign
# reports "Company / Account", HubSpot's "Associated Company", a form's "Company/Organization", "Organization
# Name", "Firm Name"): unread, a parcel to the person's office went without the company on it (found by
# newcomer14, left for hunter-sheets24). Read only where no other column names the company (HubSpot's
# "Associated Company" beside its "Company Name"); two of them are read as neither, as before. Not "Client"
# (an advisor's list names the person so: read as the Name by its cells), "Account" (a number) or "Employer"
# (a donor's, beside their home address)
_LOOSE_COMPANY = frozenset(
    header_key(h)
    for h in ("company / account", "account / company", "associated company", "organization name",
              "organisation name", "company / organization", "company / organisation",
              "organization / company", "organisation / company", "company or organization",
              "company or organisation", "organization or company", "business / organization",
              "organization / business", "firm", "firm name", "law firm", "practice name", "agency name")
)  # fmt: skip


# 'Street Name', the street where no other column gives it: beside a house number column ('Street No.'),
# refused saying to join them, as 'Street' is; unread, such a list was refused "lacks Address Line 1 ...
# rename the headers" (found by hunter-sheets28). Beside 'Street Address' it is the name alone, unused
_STREET_NAME = header_key("street name")


# An HR system's API field name for the state or the country by its code ('home.state_id', 'country_id':
# Namely's export, refused as lacking a State: found by hunter-sheets25, left for hunter-sheets26). Only so
# written (a dot or an underscore): a 'State ID' typed by a person may be a state's number for the person
_API_ID = re.compile(r"(?i)(?:^|[._])(?:state|country)_id\s*$")


# A name column's header saying the order of its parts, last name first: 'Name (Last, First)', and UKG's
# 'Employee Name (Last Suffix, First MI)' (refused as lacking a Name: found by hunter-sheets26)
_NAME_ORDER = re.compile(
    r"(?:^|(?<= ))last(?: suffix)? first(?: (?:mi|m i|m|middle(?: initial| name)?|initial))?$"
)


def _resolve(header: str, index: dict[str, str]) -> HeaderMeaning | None:
    words = _words(header)
    if _API_ID.search(header):
        meaning = _resolve(" ".join(words[:-1]), index)
        return replace(meaning, loose=True) if meaning and meaning.field in ("state", "country") else None
    if header_key(header) in _LOOSE_COMPANY and header_key(header) not in index:
        return HeaderMeaning("company", loose=True)
    if header_key(header) == _STREET_NAME and _STREET_NAME not in index:
        return HeaderMeaning("address1", loose=True)
    group = _FIRST_ADDRESS.get(tuple(words[:2])) or _FIRST_ADDRESS.get(tuple(words[:1]))
    if group and len(words) > group:  # "Address 1: City" (Dynamics), "Address 1 - Region" (Google Contacts)
        meaning = _resolve(" ".join(words[group:]), index)
        if meaning and meaning.field in ADDRESS_FIELDS:
            return meaning
    if words in _GOES_BY:
        return HeaderMeaning("name", preferred=True)
    if header_key(header) in _WRITTEN_LAST_FIRST:
        return HeaderMeaning("name", last_first=True)
    direct = index.get(header_key(header))
    if direct:
        return _qualified(direct, words, False) if direct in ADDRESS_FIELDS else HeaderMeaning(direct)
    order = _NAME_ORDER.search(" ".join(words))
    last_first = len(words) > 2 and order is not None
    if order is not None and last_first:
        words = words[: len(words) - len(order[0].split())]
    qualifiers = QUALIFIER_RANK.keys() | PREFERRED | NEUTRAL | _FILLER
    # strip qualifier words from the front and the back, trying the rest at each step
    for start in range(len(words)):
        if start and words[start - 1] not in qualifiers:
            break
        for stop in range(len(words), start, -1):
            if stop < len(words) and words[stop] not in qualifiers:
                break
            if start == 0 and stop == len(words) and not last_first and "".join(words) == header_key(header):
                continue  # the whole header was tried above (not when its words are spelled out: "Amt")
            found = index.get("".join(words[start:stop]))
            around = words[:start] + words[stop:]
            if found in CARD_FIELDS and WHERE_WORDS.intersection(around):
                continue
            if found and (found in ADDRESSED or not ADDRESS_ONLY.intersection(around)):
                return _qualified(found, around, last_first)
    return _without_remark(header, index) or _chosen(words, index) or _alternatives(header, index)


def _alternatives(header: str, index: dict[str, str]) -> HeaderMeaning | None:
    """A header naming its field and the other names it goes by abroad, apart by slashes: PayPal's
    'State/Province/Region/County/Territory/Prefecture/Republic', 'Address Line 2/District/Neighborhood'
    (refused as lacking a State: found by hunter-sheets26). Its first name's field, where no other name of
    it is another field's ('City/State' is two fields: nothing)."""
    parts = [part for part in header.split("/") if part.strip()]
    if len(parts) < 3:  # (two are the aliases' own: 'Zip/Postal Code', 'State/Province')
        return None
    first = _resolve(parts[0], index)
    if first is None or first.field not in ADDRESS_FIELDS:
        return None
    others = [_resolve(part, index) for part in parts[1:]]
    return first if all(other is None or other.field == first.field for other in others) else None


# A form's answer choosing the card or its amount, named by the card's words and a choice's ('Gift card
# choice', Microsoft Forms' 'Card selection', 'Choice of gift card', 'Reward option', 'Card amount choice'):
# unread, the form was refused as lacking a Product (found by hunter-sheets20, left for hunter-sheets21).
# Not a 'preference' (a 'Card Preference' of Email or Plastic: :mod:`..load.skipped.digital`)
_CHOICE = frozenset({"choice", "choices", "selection", "selected", "option", "options", "pick", "picked"})


def _chosen(words: list[str], index: dict[str, str]) -> HeaderMeaning | None:
    rest = [word for word in words if word not in _CHOICE]
    if not rest or len(rest) == len(words):
        return None
    meaning = _resolve(" ".join(rest), index)
    return replace(meaning, chosen=True) if meaning and meaning.field in CARD_FIELDS else None


_PART = r"(?:apt|apartment|unit|suite|city|town|state|province|zip|zip\s+code|postal\s+code|postcode)"


# A template's instructions in brackets after the header ("Gift Card (choose one)", "Amount ($25-$100)", "Qty
# (default 1)"): the header without them. Only instructions: "Amount (EUR)" or "Name (if different)" says the
# column is something else than the field, and stays unread.
_REMARK = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_INSTRUCTION = re.compile(
    r"(?i)\s*(?:(?:choose|select|pick|default|max|min|maximum|minimum|up\s+to|leave\s+blank|e\.?\s*g\.?|ex\.?|"
    r"example|for\s+(?:tracking|shipping|delivery|notifications?|updates?))\b.*|optional|required|mandatory|"
    r"if\s+(?:any|applicable|more\s+than\s+(?:\d+|one))|\$?\s*\d+(?:\.\d+)?\s*(?:-|–|to)\s*\$?\s*\d+(?:\.\d+)?|"
    r"\d+\s*(?:digits?|letters?|characters?|chars?)|\d+-(?:digit|letter)s?(?:\s+\w+)?|usd|us\$|\$|"
    # ... and a form's own ('Street address (no PO boxes please)', 'Full name (as it should appear on the
    # envelope)', 'Mailing address (for your gift card)', '(please include apt #)', '(US only)', '(first and
    # last)': found by hunter-sheets20, a Google Form refused as lacking its name or street)
    r"no\s+p\.?\s*o\.?\s*box(?:es)?\b.*|please\b.*|pls\b.*|as\s+(?:it|you)\s+(?:should|would|want|wish)\b.*|"
    r"(?:include|including|incl\.?)\s.*|for\s+(?:your|the)\s+(?:gift|card|gift\s+card|reward|prize|package|"
    r"parcel|shipment|delivery|mailing)\b.*|(?:where|so)\s+(?:we|you)\b.*|(?:to\s+)?(?:mail|ship|send)\s+"
    r"(?:your|the|it)\b.*|u\.?s\.?\s+(?:addresses\s+)?only|no\s+international\b.*|first\s+(?:and|&)\s+last|"
    # ... and the parts an address question asks for in one answer ('Mailing address (street, city, state,
    # ZIP)': found by the lead, the form refused as lacking its street; validate.wholeaddress splits it)
    rf"(?:street|address)(?:\s*(?:,|/|&|\+|and)\s*{_PART})+)\s*"
)


# A form's questions numbered: "1. Name", "Q2: Mailing address", "3) ZIP"
_NUMBERED = re.compile(r"(?i)\s*(?:q(?:uestion)?\s*)?\d{1,2}\s*[.):-]\s*(?=\S)")


# ... and a form's question choosing a field ("Which gift card would you like?", "Choose your gift card",
# "Please select a gift card:"): the field its choice names. Unread, the form was refused as lacking the card
# its note said the question looked like (found by newcomer4, F7). Not a yes/no question about the card
# ("Would you like a gift card?": :mod:`bulkship.load.skipped.questions` reads its No)
_ASKS_WHICH = re.compile(
    r"(?i)\s*(?:(?:which|what)\s+(?:kind\s+of\s+|type\s+of\s+)?(.+?)(?:\s+(?:would|do)\s+you\s+"
    r"(?:like|prefer|want|choose)(?:\s+to\s+(?:receive|get|have))?)?"
    r"|(?:please\s+)?(?:choose|select|pick)\s+(?:your|a|an|one|the)?\s*(.+?))\s*[?:.!]*\s*"
)


def asks_which(header: str) -> bool:
    """Whether ``header`` is a form's question choosing something (:data:`_ASKS_WHICH`)."""
    return _ASKS_WHICH.fullmatch(header) is not None


def _without_remark(header: str, index: dict[str, str]) -> HeaderMeaning | None:
    numbered = _NUMBERED.match(header)
    if numbered:
        return _resolve(header[numbered.end() :], index)
    asked = _ASKS_WHICH.fullmatch(header)
    if asked and (asked[1] or asked[2]).strip():
        return _resolve(asked[1] or asked[2], index)
    remarks = [a or b for a, b in _REMARK.findall(header)]
    if not remarks or not all(_INSTRUCTION.fullmatch(remark) for remark in remarks):
        return None
    plain = _REMARK.sub(" ", header)
    return _resolve(plain, index) if plain.strip() else None


def _qualified(found: str, around: Sequence[str], last_first: bool) -> HeaderMeaning:
    groups = [w for w in around if w in QUALIFIER_RANK and w]
    qualifier = min(groups, key=QUALIFIER_RANK.__getitem__) if groups else ""
    return HeaderMeaning(
        found,
        qualifier=qualifier,
        preferred=any(w in PREFERRED for w in around) and found in NAME_FIELDS,
        last_first=last_first and found == "name",
    )


def header_score(cells: Sequence[object], headers: HeaderIndex) -> int:
    """How many distinct fields a row of cells names (a header row names at least two)."""
    found = set()
    for cell in cells:
        text = str(cell).strip()
        if text and len(text) <= 80:
            meaning = headers.meaning(text)
            if meaning:
                found.add(meaning.field)
    return len(found)


def closest_headers(cells: Sequence[object], headers: HeaderIndex, contract: SheetContract) -> list[str]:
    """For cells that mean nothing, the known header each is closest to: "'Strasse' (closest: 'Street')"."""
    spellings: dict[str, str] = {}
    for spec in contract.columns.values():
        for alias in (spec.title, *spec.aliases):
            spellings.setdefault(header_key(alias), alias)
    index = headers.index
    for key in index:
        spellings.setdefault(key, key)
    described = []
    for cell in cells:
        text = str(cell).strip()
        if not text or len(text) > 80 or headers.meaning(text):
            continue
        match = difflib.get_close_matches(header_key(text), list(spellings), n=1, cutoff=0.6)
        if match:
            field_title = contract.title(index.get(match[0], ""))
            described.append(f"'{text}' (closest: '{spellings[match[0]]}' for {field_title})")
        else:
            described.append(f"'{text}' (no close match)")
    return described
