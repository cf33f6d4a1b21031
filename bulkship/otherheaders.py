"""Columns another program wrote into a sheet a person gives bulkship: bulkship's own result columns in a
results sheet copied into the next list, a Microsoft Forms export's columns about who answered the form, and
a survey export's columns saying where the answer came from. None is ever read as the order
(:func:`bulkship.columns.map_columns`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .money import MONEY_CURRENCY, MONEY_LABELS
from .schema import header_key

# bulkship's own result columns (bulkship.reconcile.layout): a results sheet copied into the next list carries
# them. Two of the markers say the sheet is one; then the columns bulkship wrote are never read as the order:
# "Face value" is a row's quantity x value, "Carrier" the parcel's (found by newcomer7: 2 cards of 50 ordered
# for a row of 2 cards of 25).
RESULT_MARKERS = (
    "PO Number",
    "Order ID",
    "Line Item ID",
    "Problems / vendor error",
    "Normalised values",
    "Money",
)
RESULT_WRITTEN = (
    *MONEY_LABELS, "Cost", "Carrier", "Tracking Number", "Tracking URL", "Shipped date", "Delivered date",
    *(f"{label} ({MONEY_CURRENCY})" for label in MONEY_LABELS),  # the CSV twin's money headers
)  # fmt: skip
# "Status (bulkship)": a result column written beside the person's own column of that name
BULKSHIP_MARK = re.compile(r"\s*\(bulkship(?: \d+)?\)$", re.IGNORECASE)


def results_columns(headers: Sequence[str]) -> set[str]:
    """The headers bulkship wrote, when ``headers`` are those of one of its results sheets; else none."""
    plain = {h: header_key(BULKSHIP_MARK.sub("", h)) for h in headers}
    markers = {header_key(m) for m in RESULT_MARKERS}
    if len(markers & set(plain.values())) < 2:
        return set()
    written = markers | {header_key(w) for w in RESULT_WRITTEN}
    return {h for h, key in plain.items() if key in written}


# A Microsoft Forms export opens with who answered the form: ID | Start time | Completion time | Email |
# Name | Last modified time. Its "Name" and "Email" are the respondent's (a manager), never the recipient's:
# read as the name, every parcel went to the manager at the employees' homes (found by newcomer7); its "ID"
# is the response number, restarting with each form.
_FORMS_SIGNATURE = frozenset({"starttime", "completiontime"})
_FORMS_RESPONDENT = frozenset({"id", "email", "name", "lastmodifiedtime"})


def form_respondent_columns(headers: Sequence[str]) -> set[str]:
    """The headers of a Microsoft Forms export that describe who answered it; none for any other sheet."""
    keys = {h: header_key(h) for h in headers}
    if not set(keys.values()) >= _FORMS_SIGNATURE:
        return set()
    return {h for h, key in keys.items() if key in _FORMS_RESPONDENT}


# An Alchemer (SurveyGizmo) export places each response by its IP address: Longitude | Latitude | Country |
# City | State/Region | Postal, then the questions. Where the form's own address question was not read,
# they were the card's address: every card went to where each person answered from (an office, a
# provider's hub), exit 0 (found by hunter-falsealarm2, checked by hunter-sheets17). The block after the
# coordinates, spelled as Alchemer spells it, is never the address
_PLACED_BY = frozenset({"longitude", "latitude"})
_PLACE = frozenset({"country", "city", "stateregion", "postal"})
_ALCHEMER_SPELLING = frozenset({"stateregion", "postal"})


def survey_location_columns(headers: Sequence[str]) -> set[str]:
    """The headers of a survey export's place of each answer (:data:`_PLACE` right after its coordinates);
    none for any other sheet."""
    keys = [header_key(h) for h in headers]
    for i in range(len(keys) - 1):
        if {keys[i], keys[i + 1]} != _PLACED_BY:
            continue
        block = []
        for header, key in zip(headers[i + 2 :], keys[i + 2 :], strict=True):
            if key not in _PLACE:
                break
            block.append((header, key))
        if _ALCHEMER_SPELLING & {key for _, key in block}:
            return {header for header, _ in block}
    return set()


# A Mailchimp audience export places each subscriber by the IP address they signed up from: LATITUDE |
# LONGITUDE | GMTOFF | DSTOFF | TIMEZONE | CC | REGION. REGION was read as the State (so the ADDRESS merge
# field beside it was never split: the list refused whole) and CC offered as the Country, which would have
# refused every subscriber who signed up from abroad (found by newcomer24). Beside Mailchimp's own time-zone
# offsets they are never the address
_MAILCHIMP_PLACED_BY = frozenset({"latitude", "longitude", "gmtoff", "dstoff"})
_MAILCHIMP_PLACE = frozenset({"cc", "region"})


def signup_location_columns(headers: Sequence[str]) -> set[str]:
    """The headers of a Mailchimp export's place of each sign-up (:data:`_MAILCHIMP_PLACE`); none for any
    other sheet."""
    keys = {h: header_key(h) for h in headers}
    if not set(keys.values()) >= _MAILCHIMP_PLACED_BY:
        return set()
    return {h for h, key in keys.items() if key in _MAILCHIMP_PLACE}
