"""The address rules: placeholders where a name or address belongs, state, ZIP and state agreeing, military
mail, PO boxes, US only."""

from __future__ import annotations

import operator
import re
from collections.abc import Mapping

import pandas as pd

from .. import normalize
from ..collect import ProblemCollector
from ..fewrows import clear_of, few_cells, say
from ..normalize import DITTO, EMPTY_MARK, by_unique, fullmatch_mask, map_text
from ..usps import (
    MILITARY_CITIES,
    MILITARY_STATES,
    PO_BOX,
    STATE_NAMES,
    known_zip_prefixes,
    zip_prefix_states,
)
from .abroad import check_abroad
from .housenumber import check_house_number
from .nameparts import check_name_parts
from .twoinone import check_address_in_street, check_two_in_one_cell

US = "US"


# What a request form leaves in an address or a name nobody has filled in yet: a parcel sent to it is lost.
PLACEHOLDER = re.compile(
    r"(?i)\s*(?:tbd|tba|tbc|n/?a|none|unknown|pending|\?+|-+|\.+|x+|same(?:\s+as)?\s+(?:above|previous)|"
    r"see\s+(?:above|below|notes?)|to\s+be\s+(?:determined|confirmed|added)|address\s+to\s+follow|"
    # ... and what people write for "I will tell you later" or "you know where" (found by newcomer8)
    r"ditto|as\s+above|same|same\s+as\s+(?:row\s+\d+|before|last\s+(?:time|year)|home|work|office)|"
    r"(?:(?:address|addr\.?)\s+)?on\s+file|use\s+(?:home|work|office|current|my)\s+address|"
    r"will\s+(?:provide|send|follow|update)|ask\s+(?:manager|hr|me|him|her|them)|(?:hold\s+for\s+)?pick\s*-?\s*up|"
    r"hand\s+deliver(?:y|ed)?|deliver\s+to\s+(?:desk|office)|in\s+person|to\s+follow|"
    # ... and the 0 a VLOOKUP gives for an empty cell: a Preferred Name of 0 was sent as '0 Lee' (found by
    # hunter-sheets8)
    r"0+(?:\.0+)?|"
    # ... and an export's where nobody gave it (Eventbrite's 'Info Requested': found by hunter-sheets24)
    r"info(?:rmation)?\s+requested|not\s+(?:provided|given|specified|supplied)|"
    rf"{DITTO}|"
    # ... and what an Excel pivot table shows for an empty item ('(blank)': found by hunter-sheets9)
    rf"{EMPTY_MARK})\s*"
)
# Where to ship, written where a name or a street belongs ("Ship To" = Home, a street "Office")
PLACE = re.compile(
    r"(?i)\s*(?:home|office|work|residence|residential|mailing|business|personal|remote|campus|headquarters|hq|"
    r"site|desk|front\s+desk|mail\s*room|reception|company)(?:\s+(?:address|addr\.?|location))?\s*"
)


# Who a gift is for, where the name belongs ("Recipient" = Self / Spouse beside "Employee")
RELATION = re.compile(
    r"(?i)\s*(?:self|employee|spouse|partner|husband|wife|child|son|daughter|dependent|dependant|parent|"
    r"family|guest|other|n/?a)\s*"
)


def check_placeholders(frame: pd.DataFrame, collector: ProblemCollector) -> None:
    """A name, street or city that only holds a placeholder ('TBD', 'N/A', 'same as above', '-'), and a name
    that says who the gift is for instead of naming the person ('Self', 'Spouse'). A list of a few rows is
    read in plain Python (..fewrows), the same patterns in the same order."""
    few = few_cells(frame, (*_PARTS, "first_name", "last_name"))
    names = frame["name"]
    relation = (
        names.ne("") & by_unique(names, lambda c: fullmatch_mask(c, RELATION.pattern))
        if few is None
        else [n != "" and RELATION.fullmatch(n) is not None for n in few["name"]]
    )
    say(collector.error, frame.index, relation, "name", "Not a name", _NOT_A_NAME)
    _check_no_person(names, collector)
    # line 2 too: 'TBD' there is an apartment nobody knows yet ('N/A' was emptied: normalize.nothing_written)
    for column, (article, what, way_out) in _PARTS.items():
        placeholder = (
            _placeholder_mask(frame[column], column) & ~collector.has_error(column)
            if few is None
            else _placeholder_flags(
                few[column], column, clear_of(frame.index, collector.rows_in_error(column))
            )
        )
        say(
            collector.error,
            frame.index,
            placeholder,
            column,
            "Placeholder instead of an address",
            f"'{{old}}' is a placeholder, not {article} {what}: fill in the recipient's real {what}, or "
            f"{way_out}.",
        )
    check_name_parts(frame, collector, PLACEHOLDER.pattern, few)
    if "company" in frame.columns:  # any text may name a company, but not "the same as above"
        _check_company_ditto(frame, collector, None if few is None else few_cells(frame, ("company",)))


def _check_company_ditto(
    frame: pd.DataFrame, collector: ProblemCollector, few: dict[str, list[str]] | None
) -> None:
    company = frame["company"]
    ditto = (
        company.ne("")
        & by_unique(company, lambda c: fullmatch_mask(c, _DITTO_ALONE.pattern))
        & ~collector.has_error("company")
        if few is None
        else _ditto_flags(few["company"], clear_of(frame.index, collector.rows_in_error("company")))
    )
    say(
        collector.error,
        frame.index,
        ditto,
        "company",
        "Placeholder instead of an address",
        "'{old}' says 'the same as above', and would be printed on the parcel as written: write the "
        "company out on each row, or empty the cell if there is none.",
    )


def _ditto_flags(values: list[str], clear: list[bool]) -> list[bool]:
    return [
        ok and v != "" and _DITTO_ALONE.fullmatch(v) is not None for v, ok in zip(values, clear, strict=True)
    ]


_NOT_A_NAME = (
    "'{old}' says who the gift is for, not the recipient's name (a parcel addressed to '{old}' is lost): "
    "write the person's name in the name column, or map the column that holds it (Columns page, or "
    "[columns] name = ...)."
)
_UNKNOWN = "leave the row out until it is known"
# The columns a placeholder may not fill: column -> its article, what it holds, and what to do instead
_PARTS = {
    "name": ("a", "name", _UNKNOWN),
    "address1": ("a", "street address", _UNKNOWN),
    "address2": ("an", "apartment, suite or unit", "empty the cell if there is none"),
    "city": ("a", "city", _UNKNOWN),
}
# A town may be called Office or Home, line 2 may say "Office": only a name or a street is not a place
_NOT_A_PLACE = ("name", "address1")
_DITTO_ALONE = re.compile(rf"(?i)\s*(?:{DITTO})\s*")


def _placeholder_mask(values: pd.Series, column: str) -> pd.Series:
    """The cells of ``values`` that are a placeholder (in a name or street also a place to ship)."""
    placeholder = values.ne("") & by_unique(values, lambda c: fullmatch_mask(c, PLACEHOLDER.pattern))
    if column in _NOT_A_PLACE:
        placeholder |= values.ne("") & by_unique(values, lambda c: fullmatch_mask(c, PLACE.pattern))
    return placeholder


def _placeholder_flags(values: list[str], column: str, clear: list[bool]) -> list[bool]:
    """:func:`_placeholder_mask` of a few cells, on the ``clear`` ones only (no error in the column yet)."""
    place = column in _NOT_A_PLACE
    return [
        ok
        and value != ""
        and (PLACEHOLDER.fullmatch(value) is not None or (place and PLACE.fullmatch(value) is not None))
        for value, ok in zip(values, clear, strict=True)
    ]


# What a name column holds when it was filled from another one: an email, a web address, a number
_EMAIL = re.compile(r"[^\s@<>]+@[^\s@<>]+\.[^\W\d_]{2,}")
_WEB = re.compile(r"(?i)\b(?:https?://|www\.)")
_LETTERS = re.compile(r"[^\W\d_]")


def _check_no_person(names: pd.Series, collector: ProblemCollector) -> None:
    """A name that is an email or web address ('ann.lee@corp.com', 'Ann Lee <ann@corp.com>') or a number
    ('12345', '(617) 555-1212', 'E-1001'): printed on the parcel as the recipient's name, nothing said
    (found by hunter-sheets2). Each is an error; its column is likely another than the name's."""
    text = "\n".join(names.tolist())
    if "@" in text or _WEB.search(text):  # one scan first: the usual list has neither
        collector.error(
            (names.str.contains(_EMAIL, regex=True) | names.str.contains(_WEB, regex=True))
            & ~collector.has_error("name"),
            "name",
            "Not a name",
            "'{new}' holds an email or web address, which would be printed on the parcel as the recipient's "
            "name: write the person's name, or map the column that holds it (Columns page, or [columns] "
            "name = ...).",
        )
    if re.search(r"\d", text):  # one scan first: names seldom hold a digit
        numbers = names.str.contains(r"\d", regex=True)
        some = names[numbers]
        letters, digits = some.str.count(_LETTERS.pattern), some.str.count(r"\d")
        numbers[numbers] = letters.eq(0) | (letters.eq(1) & digits.ge(3))  # "3M" is a name
        collector.error(
            numbers & ~collector.has_error("name"),
            "name",
            "Not a name",
            "'{new}' is a number, not the recipient's name (a parcel addressed to it is lost): write the "
            "person's name, or map the column that holds it (Columns page, or [columns] name = ...).",
        )


def check_addresses(
    frame: pd.DataFrame,
    collector: ProblemCollector,
    *,
    reject_po_boxes: bool,
    couriers: Mapping[str, str] | None = None,
) -> None:
    """State, ZIP/state agreement, military mail rules, PO boxes, US only. ``couriers``: the shipping
    methods (id -> name) of a courier that delivers to neither PO boxes nor military mail."""
    check_placeholders(frame, collector)
    at_home = _surely_state_and_zip_agree(frame, collector)  # the usual list of a few rows: nothing to say
    if at_home:
        military_city = military_state = pd.Series(False, index=frame.index)
    else:
        military_city, military_state = _check_state_and_zip(frame, collector)
    said = pd.Series(False, index=frame.index)
    for column in ("address1", "address2"):  # each said in its own cell: line 2 may hold the box
        text = "\n".join(frame[column].tolist())
        if not ("box" in text.lower() and re.search(PO_BOX, text)):  # one scan first: PO boxes are rare
            continue
        po_box = frame[column].str.contains(PO_BOX, regex=True) & ~said
        said |= po_box
        if reject_po_boxes:
            collector.error(
                po_box,
                column,
                "PO box not allowed",
                "'{new}' is a PO box; this program ships to street addresses only. Ask for a street address.",
            )
        else:
            collector.warn(
                po_box,
                column,
                "PO box",
                "'{new}' is a PO box; cards are delivered by mail, some couriers do not deliver to PO boxes.",
            )
    check_address_in_street(frame, collector)
    check_two_in_one_cell(frame, collector)
    _check_street_is_the_name(frame, collector)
    check_house_number(frame, collector)
    if couriers:
        _by_courier(frame, collector, said | military_city | military_state, couriers)
    # an APO/FPO/DPO address with the country of its base ("Germany"): US mail all the same (found by
    # hunter-sheets2: refused as a card abroad)
    if not at_home:  # (no row is military mail where the state and ZIP surely agree)
        _military_mail_is_us(frame, collector, military_city & military_state)
    check_abroad(frame, collector)


def _military_mail_is_us(frame: pd.DataFrame, collector: ProblemCollector, military: pd.Series) -> None:
    """An APO/FPO/DPO address (``military``: city and state) with the country of its base ("Germany") is sent
    with country US, said."""
    based = military & frame["country"].ne(US) & frame["country"].ne("")
    collector.drop_warnings(based, "country")  # "'Germany' changed to DE": it is sent as US
    collector.warn(
        based & ~collector.has_error("country"),
        "country",
        "Military mail is US mail",
        "'{old}' is where the base is; APO/FPO/DPO mail goes by the US Postal Service: sent with country US.",
    )
    frame.loc[based, "country"] = US


def _check_state_and_zip(frame: pd.DataFrame, collector: ProblemCollector) -> tuple[pd.Series, pd.Series]:
    """State, ZIP/state agreement and military mail; returns the rows of a military city and of a military
    state."""
    state = frame["state"]
    two_letters = by_unique(state, lambda c: fullmatch_mask(c, r"[A-Z]{2}"))
    collector.error(
        two_letters & ~state.isin(list(STATE_NAMES)),
        "state",
        "State not valid",
        "'{old}' is not a US state; use the 2-letter code (e.g. MA) or the full name (Massachusetts).",
    )
    zip_ok = by_unique(frame["zip"], normalize._is_zip) & ~collector.has_error("zip")
    state_ok = state.isin(list(STATE_NAMES))
    prefix = map_text(frame["zip"], operator.itemgetter(slice(3)), lambda c: c.str[:3])
    unknown_prefix = zip_ok & ~prefix.isin(list(known_zip_prefixes()))
    collector.error(
        unknown_prefix,
        "zip",
        "ZIP code not in use",
        "'{new}' is not a ZIP code in use in the United States; check it against the address.",
    )
    mismatch = zip_ok & state_ok & ~unknown_prefix & ~(prefix + state).isin(zip_prefix_states())
    collector.error(
        mismatch,
        "zip",
        "ZIP does not match the state",
        "ZIP {new} is not in state {state}; check both against the recipient's address.",
    )
    city = by_unique(frame["city"], lambda c: c.str.upper().str.replace(".", "", regex=False))
    military_city = city.isin(list(MILITARY_CITIES))
    military_state = state.isin(list(MILITARY_STATES))
    collector.error(
        military_city & ~military_state & state.ne(""),
        "state",
        "Military address not valid",
        "military mail to {city} needs state AA, AE or AP, not '{new}'.",
    )
    collector.error(
        military_state & ~military_city & city.ne(""),
        "city",
        "Military address not valid",
        "state {state} is for military mail; the city must be APO, FPO or DPO, not '{new}'.",
    )
    return military_city, military_state


_TWO_LETTERS = re.compile(r"[A-Z]{2}")
_ZIP = re.compile(r"\d{5}(?:-\d{4})?")  # (normalize._is_zip)


def _surely_state_and_zip_agree(frame: pd.DataFrame, collector: ProblemCollector) -> bool:
    """Whether :func:`_check_state_and_zip` would say nothing of a list of a few rows, none of them military
    mail, found in plain Python (..fewrows: the same tests cell by cell); False where it must look."""
    few = few_cells(frame, ("state", "zip", "city"))
    if few is None:
        return False
    erred = collector.rows_in_error("zip")
    known, pairs = known_zip_prefixes(), zip_prefix_states()
    for row, state, zip_code, city in zip(frame.index, few["state"], few["zip"], few["city"], strict=True):
        if _TWO_LETTERS.fullmatch(state) and state not in STATE_NAMES:
            return False  # no US state
        unknown = zip_code[:3] not in known or (state in STATE_NAMES and zip_code[:3] + state not in pairs)
        if unknown and _ZIP.fullmatch(zip_code) and row not in erred:
            return False  # a ZIP not in use, or of another state
        if state in MILITARY_STATES or city.upper().replace(".", "") in MILITARY_CITIES:
            return False  # military mail
    return True


def _check_street_is_the_name(frame: pd.DataFrame, collector: ProblemCollector) -> None:
    """A street line that is the row's own name or company, and no line 2: the parcel would go to no street
    (a name filled right across the row, a label list's name line under the street's header: 'Cy Orr',
    Denver CO 80202 was sent, found by hunter-sheets28). Beside a line 2 it is the label's first line, and
    the street follows: sent as before."""
    street = frame["address1"].str.casefold().str.split().str.join(" ")
    alone = street.ne("") & frame["address2"].str.strip().eq("") & ~street.str.contains(r"\d", regex=True)
    if not alone.any():
        return
    named = pd.Series(False, index=frame.index)
    for column in ("name", "company"):
        named |= street.eq(frame[column].str.casefold().str.split().str.join(" "))
    collector.error(
        alone & named,
        "address1",
        "Street missing",
        "'{old}' names the recipient, not a street: the card would go to no street. Write the street "
        "address (e.g. 12 Main St) here.",
    )


# A courier's name in a shipping method's ("Expedited (UPS 3 Day Select)", "Overnight (FedEx ...)")
_COURIER = re.compile(r"(?i)\b(?:ups|fedex|fed\s*ex|dhl)\b")


def courier_methods(methods: Mapping[str, str]) -> dict[str, str]:
    """The shipping methods whose name names a courier other than the US Postal Service: id -> courier."""
    return {
        mid: found.group(0)
        for mid, name in methods.items()
        if (found := _COURIER.search(name)) and "usps" not in name.lower()
    }


def _by_courier(
    frame: pd.DataFrame, collector: ProblemCollector, mail_only: pd.Series, couriers: Mapping[str, str]
) -> None:
    """A PO box or an APO/FPO/DPO address sent by UPS or FedEx: neither delivers there, and the card comes
    back or is lost (found by hunter-sheets2: OVERNIGHT to 'APO AE 09012' and to 'PO Box 124' were valid)."""
    from ...plan import DEFAULT_SHIPPING_METHOD

    method = frame["shipping_method"].replace("", DEFAULT_SHIPPING_METHOD)
    collector.error(
        mail_only & method.isin(list(couriers)) & ~collector.has_error("shipping_method"),
        "shipping_method",
        "Courier cannot deliver there",
        "{method} ships by {named}, which delivers to neither PO boxes nor military APO/FPO/DPO addresses, "
        "and this row's address is one: choose a method the US Postal Service delivers, or give a street "
        "address.",
        extra={"method": method, "named": method.map(couriers).fillna("")},
    )
