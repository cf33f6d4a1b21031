"""The kinds of skipped row this package reports beside the hidden ones, and the words their reasons share."""

from __future__ import annotations

from ...statuses import NOT_YET_REASON

CROSSED = "crossed"
CROSSED_REASON = "crossed out (struck through) in the sheet"
NOT_TO_SEND = "not to send"
_SAYS_NOT_TO_SEND = "the list says not to send it"
# ... until a day ('Do Not Send Before', a note 'Hold until Jan 5'): the same file, run again on that day,
# sends it (bulkship.resume.already_complete reads the reason's words)
_SAYS_NOT_YET = NOT_YET_REASON
_SAYS_SENT_ALREADY = "the list says it was sent already"
# ... or that a card was made, and is on its way or came back ('Label created', 'Returned', 'Not Delivered')
_SAYS_CARD_MADE = "the list says a card was made for it already"
# ... on a day to come ('Date Sent' = Dec 20 on Dec 4): not read as when to send it, since on that day the
# same cell says it went (held 'until then', the run on Dec 20 read it as sent already: found by review25)
_SAYS_SENT_AHEAD = "the list dates it as sent on a day still to come"
# ... on a day passed under a header that may say when it went ('Ship Date', 'Mail Date', 'Scheduled Send
# Date' = Nov 20 on Dec 4): the day it was to go, or the day it went (a tracking sheet's); sent again, it
# would be a second card (found by hunter-sheets12: ordered)
_SAYS_DAY_PASSED = "the list dates it on a day passed, which may be the day it went out"
MAX_CANDIDATES = 5000  # rows without an address looked at one by one for totals, notes and headings
