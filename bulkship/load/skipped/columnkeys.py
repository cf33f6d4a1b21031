"""Which columns of a list leave rows out, known by their headers: :data:`_LEAVES_OUT` (a header's key ->
the answers that leave its row out), :func:`flag_key` (a header read as such a key: without its accents, a
remark after its words, or the asking of a question about the person), :func:`person_status` and
:func:`picks_rows` (any column read to leave rows out). The cells are read in :mod:`.said`."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from .dates import (
    _FILLED,
    _GONE_ON,
    _NOT_BEFORE,
)
from .flags import (
    _ELIGIBLE_FLAGS,
    _SAYS_NO,
    _SAYS_NO_OR_NA,
    _SAYS_TEST_RESPONSE,
    _SEND_FLAGS,
    _TEST_RESPONSE_FLAGS,
    ADDRESS_STATUS,
    MAILABLE_FLAGS,
    PAYMENT_FLAGS,
    RESPONSE_STATUS,
    SAYS_PAID_BACK,
    SAYS_UNDELIVERABLE,
    SUBMITTED_AT,
    _filter_header,
)
from .holdflags import _HOLD_FLAGS, _SAYS_YES, SAYS_VACANT, VACANT_FLAGS, WRONG_ADDRESS_FLAGS
from .languages import plain_key
from .noteheaders import _NOTE_FLAGS, _note_header
from .notes import _NOTE_SAYS_NO
from .questions import (
    NOT_RECEIVED_FLAGS,
    asks_for_donation,
    asks_if_not_received,
    asks_if_received,
    asks_not_to_send,
    asks_of_an_earlier_round,
    asks_whether_to_send,
    gift_choice_header,
)
from .sent import (
    _SAYS_SENT,
    _SAYS_SENT_ANYHOW,
    _SENT_ANSWERED,
    _SENT_FLAGS,
    _SENT_ON,
    said_sent_in_own_words,
)
from .status import _SAYS_GONE
from .statusheaders import _STATUS_FLAGS, status_header

# header key -> the answers that leave the row out
_LEAVES_OUT: dict[str, re.Pattern[str]] = {
    **dict.fromkeys(_SEND_FLAGS, _SAYS_NO_OR_NA),
    **dict.fromkeys(_ELIGIBLE_FLAGS, _SAYS_NO),
    **dict.fromkeys(MAILABLE_FLAGS, _SAYS_NO),
    **dict.fromkeys(_HOLD_FLAGS, _SAYS_YES),
    **dict.fromkeys(VACANT_FLAGS, SAYS_VACANT),
    **dict.fromkeys(WRONG_ADDRESS_FLAGS, SAYS_VACANT),
    **dict.fromkeys(_STATUS_FLAGS, _SAYS_GONE),
    **dict.fromkeys(_GONE_ON, _FILLED),
    **dict.fromkeys(_NOT_BEFORE, _FILLED),
    **dict.fromkeys(_SENT_FLAGS, _SAYS_SENT),
    **dict.fromkeys(NOT_RECEIVED_FLAGS, _SAYS_NO),
    **dict.fromkeys(_NOTE_FLAGS, _NOTE_SAYS_NO),
    **dict.fromkeys(_SENT_ANSWERED, _SAYS_SENT_ANYHOW),
    **dict.fromkeys(_SENT_ON, _SAYS_SENT_ANYHOW),
    **dict.fromkeys(_TEST_RESPONSE_FLAGS, _SAYS_TEST_RESPONSE),
    **dict.fromkeys(PAYMENT_FLAGS, SAYS_PAID_BACK),
    **dict.fromkeys(ADDRESS_STATUS, SAYS_UNDELIVERABLE),
}


# A remark after a header's words: how its cells are written or when it applies ('Date Sent (mm/dd/yyyy)',
# 'Termination Date (if applicable)', 'Do Not Send Before - MM/DD'). Read with it, each such column said
# nothing and its rows were ordered (found by hunter-sheets12)
# ... or after a colon, the choices offered ('Status: Active, On Leave, Retired, Terminated': found by
# hunter-sheets15, 'Terminated' there was ordered)
_REMARK = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\]|\s[-–—]\s.*|:(?:\s.*)?)\s*$")


def person_status(header: str) -> bool:
    """Whether a header names a status of the person (:func:`.statusheaders.status_header`), with a remark
    after its words or not ('Current status (pick one)': found by hunter-sheets15, 'Terminated' there was
    ordered)."""
    return status_header(header) or status_header(_REMARK.sub("", header))


# A count's header ('No. Gifts', 'No. of Mailings', 'Number of Cards', '# Gifts'): how many, not a no ('No
# Gifts' = true). Read as the CRM's flag, its 1s and 2s were yes, those rows left out (found by review69
# checking c38db98f; 'No. Mailings' before it)
_A_COUNT = re.compile(r"(?i)\s*(?:nos?\.|no\s+of\b|num(?:ber)?\.?\s+of\b|#\s)")


# a header's key, remembered: each load asks it of the same few headers ~90 times, through every reader
# of columns (~25 us each: 3 % of a small list's load, issue 14); it reads nothing but the header
@functools.lru_cache(maxsize=1 << 14)
def flag_key(header: str) -> str:
    """The key :data:`_LEAVES_OUT` knows ``header`` by: its :func:`plain_key`, else that of its words
    before a remark. A person's status with its remark ('Status (HR)') is read as one already; a count's
    header (:data:`_A_COUNT`) by none."""
    if _A_COUNT.match(header):
        return ""
    key = plain_key(header)
    if key in _LEAVES_OUT or status_header(header):
        return key
    if asks_if_not_received(header):  # 'Never received gift card' = No: sent already (review28)
        return plain_key("gift not received")
    if asks_of_an_earlier_round(header):  # '... from us before?': last year's card (hunter-falsealarm3's L1)
        return key
    if asks_if_received(header):  # 'Did you receive your gift card?' = Yes: as 'Gift Received' (review27)
        return plain_key("gift received")
    bare = _REMARK.sub("", header)
    bare_key = plain_key(bare) if bare.strip() and bare != header else key
    if bare_key not in _LEAVES_OUT:  # 'Gift Cards Sent', 'GC Sent' (review28)
        return (
            said_sent_in_own_words(header)
            or _asked_key(bare)
            or _crm_key(header)
            or _undated(header, bare_key)
        )
    return bare_key


# The period a header names beside its words: 'Sent 2026', '2026 Sent', 'Sent in 2026', 'Date Sent 2026',
# 'Sent FY26', 'Sent Q4', 'Sent Dec 2026', 'Sent this year', 'Do Not Send 2026', 'DNS 2026', 'Opt Out 2026' =
# Yes (or x, or the day) were read as nothing and each card ordered, exit 0 (a second card, a card to one who
# said no), where 'Sent', 'Card Sent 2026' or 'Sent (2026)' leave the row out (found by review42). A year's
# round is told by .said.wholelist as 'Card Sent 2025' is ('2024 Sent' beside '2025 Sent': an earlier one's)
_PERIOD = re.compile(
    r"(?i)(?:\b(?:in|for|of|during)\s+)?(?:(?<![a-z0-9])(?:fy\s*(?:(?:19|20)?\d\d)?|(?:19|20)\d\d|[qh][1-4])"
    r"(?![a-z0-9])|\b(?:(?:this|current|next)\s+(?:year|yr|quarter|qtr|month)|jan(?:uary)?|feb(?:ruary)?|"
    r"mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
    r"\b\.?)"
)


def _undated(header: str, key: str) -> str:
    """The :data:`_LEAVES_OUT` key of ``header`` without the period it names (:data:`_PERIOD`), else
    ``key``."""
    undated = _PERIOD.sub(" ", header)
    if undated == header or not undated.strip():
        return key
    found = flag_key(undated)
    return found if found in _LEAVES_OUT else key


# A CRM's own name of such a flag: Salesforce's API name as its Data Loader exports it ('npsp__Deceased__c',
# 'Do_Not_Mail__c'), Raiser's Edge's 'Requests no mail' and 'Is inactive' (a donor export's, each = Yes read
# as nothing and the card ordered to a donor dead, inactive or asking for no mail: found by hunter-sheets24)
_API_NAME = re.compile(r"\s*(?:[A-Za-z][A-Za-z0-9]*__)?([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)__c\s*")
_ASKS_FOR = re.compile(r"(?i)\s*(?:requests|requested|is)\s+(?=\S)")


def _crm_key(header: str) -> str | None:
    """The :data:`_LEAVES_OUT` key of a CRM's name of a flag (:data:`_API_NAME`, :data:`_ASKS_FOR`)."""
    api = _API_NAME.fullmatch(header)
    words = api.group(1).replace("_", " ") if api else header
    asks = _ASKS_FOR.match(words)
    for said in (words, words[asks.end() :] if asks else ""):
        key = plain_key(said) if said.strip() else ""
        if key in _LEAVES_OUT and said != header:
            return key
    return None


# A question about the person ('Is this person still employed?', 'Is the employee still with the company?',
# 'Has the employee left?', 'Did they leave the company?'): its No (or Yes) was read as nothing and the card
# ordered (found by hunter-sheets15). Read as its words without the asking ('still employed', 'left company')
_ASKED = re.compile(
    r"(?i)^\s*(?:is|are|was|were|has|have|had|did|does|do)\s+(?:(?:this|that|the)\s+(?:person|employee|"
    r"recipient|staff\s+member|associate|worker|individual|team\s+member)|they|he|she)\s+(.+?)\s*\??\s*$"
)
_LEFT = re.compile(r"(?i)(?:left|leave|quit)(?:\s+(?:the\s+)?(?:company|organi[sz]ation|firm|business|us))?")


def _asked_key(header: str) -> str | None:
    """The :data:`_LEAVES_OUT` key of a question about the person (:data:`_ASKED`), or None."""
    asked = _ASKED.match(header)
    if asked is None:
        return None
    words = asked.group(1)
    key = plain_key("left company") if _LEFT.fullmatch(words) else plain_key(words)
    return key if key in _LEAVES_OUT else None


def picks_rows(header: str, cells: Iterable[object] | None = None) -> bool:
    """Whether the column under ``header`` is read to leave rows out ('Ship Date', 'Gift Sent', 'Card
    Status', 'Gift Approved', a note): no field's column, and read all the same. ``cells``: its cells, which
    tell a 'Description' of remarks (:func:`.noteheaders._note_header`)."""
    key = flag_key(header)
    return (
        key in _LEAVES_OUT
        or key in SUBMITTED_AT  # (read by .unsubmitted)
        or key in RESPONSE_STATUS
        or _filter_header(header)
        or asks_whether_to_send(header)
        or asks_not_to_send(header)
        or gift_choice_header(header)
        or asks_for_donation(header)
        or person_status(header)
        or _note_header(header, cells)
    )


# a row a column's cell left out says so: "the list says not to send it (column 'Do Not Mail': 'true')"
_BY_COLUMN = re.compile(r"\(column '(.+?)': ")


def left_out_by(reasons: Iterable[str]) -> set[str]:
    """The headers whose cells left rows out, by the rows' ``reasons`` (SkippedRow.reason): a column whose
    header :func:`picks_rows` does not know all the same ('Campaign Member Status' = Opted Out, 23 rows out)
    was listed as 'not used' (newcomer28's N4)."""
    return {found.group(1) for reason in reasons if (found := _BY_COLUMN.search(reason))}
