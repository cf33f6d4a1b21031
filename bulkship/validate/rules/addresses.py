"""The address rules: placeholders where a name or address belongs (:mod:`.placeholders`), state, ZIP and
state agreeing, military mail, PO boxes, US only."""

from __future__ import annotations

import operator
import re
from collections.abc import Mapping

import pandas as pd

from .. import zipforms
from ..collect import ProblemCollector
from ..fewrows import few_cells
from ..normalize import by_unique, fullmatch_mask, map_text
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
from .placeholders import check_placeholders
from .twoinone import check_address_in_street, check_two_in_one_cell

US = "US"


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
    zip_ok = by_unique(frame["zip"], zipforms._is_zip) & ~collector.has_error("zip")
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
_ZIP = re.compile(r"\d{5}(?:-\d{4})?")  # (zipforms._is_zip)


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
