"""A row the list marks for a digital card ("Physical or Digital" = Digital, "Format" = eGift): the person
chose an e-card, and bulkship ships physical cards only (found by newcomer9: each was mailed a plastic card,
the column "not used")."""

from __future__ import annotations

import re

import pandas as pd

from ...schema import header_key
from .kinds import _SAYS_NOT_TO_SEND

_FORMAT_HEADERS = frozenset(
    header_key(h)
    for h in ("format", "card format", "gift format", "reward format", "delivery format",
              "physical or digital", "digital or physical", "physical/digital", "digital/physical",
              "physical digital", "gift type", "reward type", "card type", "type", "e-gift or physical",
              "digital?", "e-card?",
              # ... or how it reaches the person ('Delivery Type' = Email: found by hunter-falsealarm3)
              "delivery type", "delivery method", "delivery",
              # ... or how the person would like it ('Delivery Preference', 'Card Preference' = Email, eGift:
              # found by hunter-sheets20, each was mailed a plastic card)
              "delivery preference", "preferred delivery", "preferred delivery method", "delivery choice",
              "card preference", "gift card preference", "gift preference", "reward preference",
              "preferred format", "format preference", "preferred card format", "preferred card type",
              "card delivery", "gift delivery", "gift card delivery", "reward delivery")
)  # fmt: skip
# ... or a form's question asking it ('How would you like to receive your gift card?' = Email: found by
# hunter-sheets20, a plastic card mailed)
_ASKS_HOW = re.compile(
    r"(?i)\W*how\s+(?:would|do|should|can|shall)\s+(?:you|we)\s+(?:like\s+(?:to\s+)?|prefer\s+(?:to\s+)?|want\s+"
    r"(?:to\s+)?)?(?:receive|get|deliver|send)\b.*"
)
# ... or a yes/no column saying the card is digital ('Digital' = Yes, 'eGift?' = Y, 'Prefers eGift' = Yes:
# found by hunter-sheets20, each was mailed a plastic card)
_DIGITAL_FLAGS = frozenset(
    header_key(f"{h}{answer}")
    for h in (
        *(f"{lead}{what}" for lead in ("", "prefers ", "prefer ", "wants ", "want ", "send as ", "send ")
          for what in ("digital", "digital card", "digital gift card", "egift", "e gift", "egift card",
                       "e gift card", "ecard", "e card", "virtual card", "electronic card")),
        "email delivery", "deliver by email", "send by email", "email the card", "email card",
    )
    for answer in ("", " y/n", " yes/no")
)  # fmt: skip
_SAYS_YES = re.compile(r"(?i)^\s*(?:y|yes|true|1|x|[✓✔☑✅])\s*(?:$|[-–—:,.;(].*)")
# ... and a form's answer in a sentence ('Email me an eGift card', 'Digital (email)'): a digital word and none
# of the post's ('Physical card mailed to my home' is mailed). Not under a bare 'Type' (an event's 'Virtual
# attendee')
_TYPE_ALONE = frozenset(header_key(h) for h in ("type", "card type", "gift type", "reward type", "format"))
_NAMES_DIGITAL = re.compile(
    r"(?i)\b(?:digital|e[\s-]?gifts?|e[\s-]?cards?|electronic|virtual|e[\s-]?mail(?:ed)?)\b"
)
_NAMES_POST = re.compile(
    r"(?i)\b(?:physical|plastic|paper|printed|post|postal|mail(?:ed|ing)?|snail|ship(?:ped)?|home|address)\b"
)
_DIGITAL = re.compile(
    r"(?i)^\s*(?:digital|e[\s-]?gift|e[\s-]?card|electronic|virtual|e[\s-]?mail(?:ed)?|online|code|link)"
    r"(?:\s+(?:gift\s+)?card|\s+gift|\s+code|\s+only|\s+delivery)?\s*$"
)

# ... and a plastic one ('Card Type' = Physical, 'Delivery Type' = Mail): a column holding only formats names
# no card and no shipping method (:func:`bulkship.load.rivals.unlike_rivals`)
_PHYSICAL = re.compile(
    r"(?i)^\s*(?:physical|plastic|paper|printed|mailed|mail|post|postal|by\s+mail)(?:\s+(?:gift\s+)?card|\s+gift)?"
    r"\s*$"
)


# ... nor under a bare 'Format' or 'Type' naming how an event or a course took place, 'Online' beside 'In
# person', 'Hybrid', 'Classroom' (a training-reward or an event list: each online attendee was left out as a
# digital card, found by review34 reviewing d907d62)
_BARE = frozenset(header_key(h) for h in ("type", "format"))
_HOW_IT_TOOK_PLACE = re.compile(
    r"(?i)\s*(?:in[\s-]*person|hybrid|on[\s-]*site|classroom|live|self[\s-]*paced|instructor[\s-]*led|remote|"
    r"webinar|face[\s-]*to[\s-]*face|in[\s-]*office)\b.*"
)


# ... but not how a course or an event was held (a learning system's 'Delivery Method' = Online, Classroom,
# Instructor-led): its Online rows were left out as digital cards, and the column read as the shipping method
# (found by hunter-falsealarm6 on a training-reward list). A column of such formats only, one of them a
# course's own (Classroom, In person, Hybrid...), says nothing of the card
_HELD_AS = (
    r"classroom|in[\s-]*person|hybrid|blended|on[\s-]*site|self[\s-]*paced|instructor[\s-]*led|e-?learning|"
    r"web[\s-]*based|webinar|workshop|lecture|seminar|in[\s-]*class"
)
_A_COURSE_S = re.compile(rf"(?i)\s*(?:{_HELD_AS})\s*")
_HELD = re.compile(rf"(?i)\s*(?:{_HELD_AS}|online|virtual|remote|live|on[\s-]*demand|recorded)\s*")


def held_as_a_course(column: pd.Series) -> bool:
    """Whether a column's filled cells each say how a course or an event was held, one of them in a course's
    own words (:data:`_HELD_AS`)."""
    cells = column.fillna("").astype(str).str.strip()
    filled = cells[cells.ne("")]
    return bool(filled.str.fullmatch(_A_COURSE_S).any()) and bool(filled.str.fullmatch(_HELD).all())


def format_header(header: str) -> bool:
    """Whether a header names the card's format (:data:`_FORMAT_HEADERS`, or a form's question asking how to
    receive it): its digital rows are left out."""
    return header_key(header) in _FORMAT_HEADERS or _ASKS_HOW.fullmatch(header) is not None


def names_a_format(text: str) -> bool:
    """Whether a cell names a card's format, physical or digital, and no card."""
    return bool(_PHYSICAL.match(text) or _DIGITAL.match(text))


def _digital_rows(body: pd.DataFrame, column_map: dict[str, str]) -> dict[int, str]:
    """Rows whose format column says digital: row -> the reason. A column the list reads is not one."""
    found: dict[int, str] = {}
    for header in body.columns:
        flag = header_key(str(header)) in _DIGITAL_FLAGS
        if header in column_map or not (flag or format_header(str(header))):
            continue
        if not flag and held_as_a_course(body[header]):
            continue
        column = body[header].astype(str)
        if header_key(str(header)) in _BARE and column.str.match(_HOW_IT_TOOK_PLACE).any():
            continue  # 'Format' = Online beside In person: the event's, no card's
        if flag:
            says = column.str.match(_SAYS_YES)
        else:
            says = column.str.match(_DIGITAL)
            if header_key(str(header)) not in _TYPE_ALONE:
                says |= column.str.contains(_NAMES_DIGITAL) & ~column.str.contains(_NAMES_POST)
        for row in column.index[says].tolist():
            found.setdefault(
                int(row),
                f"{_SAYS_NOT_TO_SEND}: a digital card, and bulkship ships physical cards "
                f"(column '{header}': '{column[row].strip()}')",
            )
    return found
