"""A note (or a status) saying the row's address is about to change, old or unsure, no new street given:
'Moving - new address TBD', 'Awaiting new address', 'moved 11/15', 'address on file is old', 'verify
address' (:func:`_address_to_come`). Read by :mod:`.corrections` (moved out of it for issue 14)."""

from __future__ import annotations

import re

# ... or saying the row's address is about to change, the new one not known yet ("Moving - new address TBD",
# "Address change pending"): the card would go to a street the person is leaving (found by newcomer5, an ADP
# report's Notes); also waiting for it ("Awaiting new address", "Moving, will send new address"), or saying
# not to use the street ("Do not use this address - moving"): found by review28, each card went there; or
# never to ("Never send to this address": found by review63, ordered there)
# "New address confirmed", "Address confirmed", "Moved to Sales" or "Moving forward, approval pending" (an
# idiom, no move) says no such thing
_LEAVING = re.compile(
    r"(?i)\b(?:(?:new|updated|forwarding)\s+(?:home\s+|mailing\s+)?addr(?:ess)?|"
    r"addr(?:ess)?\s+(?:change|update|correction)s?|old\s+addr(?:ess)?|moving(?!\s+(?:forward|ahead)\b)|relocating)\b"
)
_TO_COME = re.compile(
    r"(?i)\b(?:tbd|tba|tbc|to\s+(?:come|follow|be\s+(?:confirmed|determined|provided|updated))|pending|coming|"
    r"unknown|requested|needed|not\s+(?:yet\s+)?(?:known|provided|received))\b"
)
_WAITING = re.compile(r"(?i)\b(?:await(?:ing)?|waiting\s+(?:on|for)|will\s+(?:send|provide|share|give))\b")
_NEW_ONE = re.compile(
    r"(?i)\b(?:new|updated|forwarding|current|correct)\s+(?:home\s+|mailing\s+)?addr(?:ess)?\b"
)
_UNSURE = re.compile(
    r"(?i)\baddr(?:ess)?\s+(?:is\s+)?(?:tbd|tba|tbc|to\s+be\s+(?:confirmed|determined|provided|updated)|"
    r"unconfirmed|not\s+(?:yet\s+)?confirmed|will\s+change|changing)\b|"
    r"\b(?:do\s*n[o'’]?t|don[’']?t|never)\s+(?:use|send\s+to|ship\s+to|mail\s+to)\s+"
    r"(?:this|that|the|current|listed|above|old)\s+addr(?:ess)?\b"
)


# ... unless it says the row holds the new one already ('Do not send to old address - updated above', "Don't
# use old address (new one above)": found by hunter-falsealarm3, each stopped its row); not with one to come
_HERE_ALREADY = re.compile(
    r"(?i)\b(?:(?:updated|changed|corrected|fixed|new(?:\s+one|\s+(?:home\s+|mailing\s+)?addr(?:ess)?)?)\s+"
    r"(?:(?:is|in|on)\s+)?(?:above|here|in\s+(?:the\s+)?(?:row|sheet|list|spreadsheet))|"
    r"(?:addr(?:ess)?|one|street)\s+above\s+is\s+(?:the\s+)?(?:new|current|correct|right|updated)|"
    r"already\s+(?:updated|changed|corrected))\b"
)


# ... or saying the person moved or the address is wrong, with no new street given ('moved', 'NCOA -
# moved', 'USPS says moved', 'address changed', 'moved - new address in Workday', 'see email for new
# address', 'address on file is old', 'verify address', 'address unverified - check'): each card went to the
# row's street, which the note says is old or unsure (found by newcomer18 N7 and newcomer19 N1/N3). "Moved
# to 9 Elm Rd" gives the street (:data:`_NEW_ADDRESS`); 'Moved to Sales', 'moved teams', 'Address verified'
# say no such thing
# ... and said with when or where away ('moved 11/15', 'moved in Nov', 'moved last month', 'just moved',
# 'Moved out of state': newcomer21's N10, each sent to the row's street where 'moved' alone is this error;
# fixed by review54)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MOVED_WHEN = (
    r"(?:\s*,?\s+(?:(?:on|in|as\s+of|since)\s+)?(?:\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|(?:19|20)\d\d|"
    rf"{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d\d)?)|\s+(?:last\s+(?:week|month|year)|"
    r"this\s+(?:week|month|year)|recently|lately|(?:a\s+(?:few\s+)?|\d+\s+|some\s+)(?:days?|weeks?|months?)\s+ago|"
    r"away|out\s+of\s+(?:state|town|the\s+(?:state|area|country))|"
    # ... or home ('moved back home', 'Moved home', 'On leave - moved back home': sent to the row's street,
    # hunter-sends13's item 10, fixed by hunter-sends14)
    r"(?:back\s+)?home|back)"
    r")*"
)
# ... or a mail house's word for it, a change of address filed ('COA', 'NCOA', 'NCOA match', 'Change of
# address', 'Address change 11/15', 'Active - COA'): each sent to the row's street, exit 0, where 'NCOA -
# moved' is this error (hunter-asks4's leftover 1, fixed by hunter-asks5). Not 'NCOA: no match', 'COA
# applied' (put right), 'COA form', 'COA certificate' (other things a COA names)
_COA = (
    r"(?:n?coa|change\s+of\s+addr(?:ess)?|addr(?:ess)?\s+change)(?:\s+(?:match(?:ed)?|hit|filed|on\s+file|"
    r"received|reported|flag(?:ged)?|notice))?(?:\s*[:=]?\s*(?:y|yes))?"
)
_MOVED_BARE = re.compile(
    r"(?i)^\W*(?:(?:ncoa|usps|post\s+office|mail(?:man)?|returned\s+mail)\W*(?:says\W+)?)?(?:has\s+|have\s+)?"
    r"(?:(?:just|recently)\s+)?(?:moved|relocated|address\s+(?:has\s+)?changed|changed\s+address(?:es)?)"
    + _MOVED_WHEN
    + r"\W*$"
)
_COA_BARE = re.compile(r"(?i)^\W*" + _COA + _MOVED_WHEN + r"\W*$")
# ... where the note names no other thing a COA is ('Certificate of Appreciation (COA)', 'chart of accounts')
_COA_ELSE = re.compile(r"(?i)\b(?:certificate|authenticity|accounts?|analysis)\b")
# ... or about to move, when or not said ('moving 12/15', 'moving next week', 'Moving'): sent to the street
# being left, exit 0, where 'Moving 12/15 - new address TBD' is this error (newcomer23's N1b, fixed by
# hunter-sends12). 'Moving to Sales', 'Moving forward' say no such thing
_MOVING = re.compile(
    r"(?i)^\W*(?:(?:is|will\s+be|to\s+be)\s+)?(?:moving|relocating)(?:\s*,?\s+(?:(?:on|in|by|around|after|"
    rf"as\s+of)\s+)?(?:\d{{1,2}}[/.-]\d{{1,2}}(?:[/.-]\d{{2,4}})?|{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
    r"(?:,?\s+(?:19|20)\d\d)?|next\s+(?:week|month|year)|this\s+(?:week|weekend|month)|soon|shortly|"
    r"(?:a\s+few|\d+|two|three)\s+(?:days?|weeks?|months?)))*\W*$"
)
_NEW_ONE_ELSEWHERE = re.compile(
    # ('Address: see HR file', 'address - see email')
    r"(?i)\baddr(?:ess)?\s*[:=–—-]?\s*see\b|"
    r"\bsee\b[^.;]{0,40}\bnew\s+addr(?:ess)?\b|"
    r"\bnew\s+(?:home\s+|mailing\s+)?addr(?:ess)?\s+(?:is\s+)?(?:in|on|per|via|from)\s+"
    r"(?!(?:the\s+|this\s+)?(?:row|sheet|list|spreadsheet|file|col(?:umn)?s?)\b)\w"
)
_ADDRESS_DOUBTED = re.compile(
    r"(?i)\baddr(?:ess)?\s+(?:on\s+(?:file|(?:the\s+|this\s+)?row)\s+)?(?:is\s+)?(?:old|outdated|out\s+of\s+date|wrong|incorrect|bad|"
    r"not\s+current|unverified|not\s+verified)\b|"
    r"\bold\s+addr(?:ess)?\W+(?:needs?\s+(?:an\s+)?)?updat|"
    r"^\W*(?:please\s+|pls\s+)?(?:verify|double[-\s]?check|re-?check|check|confirm)\s+(?:the\s+|her\s+|his\s+)?"
    r"(?:home\s+|mailing\s+)?addr(?:ess)?\b(?!\s*(?:book|label))"
)

# ... or said after a status word ('Active - moved 11/15', 'Active; moved'), or moved to another country or
# entity of the company ('transferred to UK', 'transferred to Canada entity'): each went to the row's old
# street, exit 0, where 'moved' alone and 'moved to TX office' are this error (hunter-sends11's leftover 7,
# fixed by hunter-sends12). Not 'Transferred to Sales', nor to an office in the country ('the Denver office')
_ABROAD = re.compile(
    r"(?i)^\W*(?:(?:has\s+been|was|got)\s+)?(?:transferr(?:ed|ing)|relocat(?:ed|ing)|mov(?:ed|ing))\s+to\s+(?:the\s+)?"
    r"(?:[a-z]+\s+)?(?:entity|subsidiary|affiliate|overseas|abroad|international|uk|u\.k\.|united\s+kingdom|"
    r"england|scotland|ireland|canada|mexico|germany|france|spain|italy|netherlands|india|china|japan|"
    r"singapore|australia|brazil|emea|apac|latam|"
    # ... or a city abroad ('Transferred to London office', '... the Toronto office': hunter-sends14)
    r"london|paris|berlin|munich|frankfurt|dublin|amsterdam|toronto|vancouver|montreal|calgary|ottawa|sydney|"
    r"melbourne|tokyo|hong\s+kong|shanghai|beijing|bangalore|bengaluru|mumbai|delhi|hyderabad|pune|chennai|"
    r"manila|sao\s+paulo|zurich|geneva|madrid|barcelona|milan|rome|stockholm|copenhagen|oslo|helsinki|warsaw|"
    r"prague|tel\s+aviv|dubai|seoul|taipei|auckland|edinburgh|glasgow|manchester|belfast|cork)\b"
    r"(?:\s+(?:entity|office|team|branch|subsidiary|site|location|hq|headquarters))?\W*$"
)
# ... or away from the row's street for a while, its end unsaid ('Temporarily away', 'Deployed', 'Overseas',
# 'Stationed abroad', 'On international assignment'): the card would wait at a street the person is not at
# (each was ordered, exit 0; hunter-asks5's leftover 1, hunter-asks6). 'Deployed until June' is held to the
# day as before (..skipped.untilwords); 'Away' alone, 'Military leave' say no such thing
_AWAY = re.compile(
    r"(?i)^\W*(?:(?:is|he\s+is|she\s+is|employee\s+is)\s+)?(?:(?:currently|temporarily|temp\.?|now)\s+)?"
    r"(?:(?:living|working|based|posted|stationed|deployed|serving|located)\s+(?:abroad|overseas|out\s+of\s+"
    r"(?:the\s+)?country)|deployed|on\s+(?:military\s+)?deployment|abroad|overseas|out\s+of\s+(?:the\s+)?country|"
    r"on\s+(?:an?\s+)?(?:international|overseas|foreign|expat)\s+assignment|on\s+assignment\s+(?:abroad|overseas)|"
    r"expat(?:riate)?|(?<=temporarily\s)away|(?<=currently\s)away)"
    r"(?:\s+(?:since|as\s+of|from)?\s*\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)?\W*$"
)
# (after a comma or a bracket too: 'Active, moved', 'Active (moved)' were sent to the row's street, where
# 'Active - moved' is this error: hunter-sends13's item 10, fixed by hunter-sends14)
_LATER_PART = re.compile(r"\s+[-–—]+\s+|\s*[;|]\s*|\s*,\s*|\s*\(\s*")


def _later_parts(note: str) -> list[str]:
    """``note``, then what follows each dash or semicolon in it ('Active - moved 11/15')."""
    return [note, *(note[part.end() :] for part in _LATER_PART.finditer(note))]


_SETTLED_SINCE = re.compile(r"(?i)\b(?:verified|confirmed|updated|corrected|fixed)\b")


def _address_doubted(note: str) -> bool:
    """Whether a note says the row's address is old or unsure, no new street given: :data:`_MOVED_BARE`,
    :data:`_MOVING`, :data:`_NEW_ONE_ELSEWHERE`, :data:`_ADDRESS_DOUBTED`."""
    if _SETTLED_SINCE.search(note):  # 'Verify address - verified 12/1', 'Verify address / Updated Nov 20'
        return False
    return bool(
        any(any(said.match(part) for said in (_MOVED_BARE, _ABROAD, _AWAY)) for part in _later_parts(note))
        or (not _COA_ELSE.search(note) and any(_COA_BARE.match(part) for part in _later_parts(note)))
        or _MOVING.match(note)
        or _NEW_ONE_ELSEWHERE.search(note)
        or _ADDRESS_DOUBTED.search(note)
    )


def _address_to_come(note: str) -> bool:
    """Whether a note says the address is to change (:data:`_LEAVING` then :data:`_TO_COME`, :data:`_WAITING`
    then :data:`_NEW_ONE`, or :data:`_UNSURE`), read at its start: each search once, so a long note of the
    same word over and over costs no more than another (one '.*A.*B' pattern took 51 s on 100k such notes)."""
    note = note[:200]
    if _HERE_ALREADY.search(note) and not _TO_COME.search(note):  # not 'Moving, new one TBD, updated above'
        return False
    if _UNSURE.search(note) or _address_doubted(note):
        return True
    for first, then in ((_LEAVING, _TO_COME), (_WAITING, _NEW_ONE)):
        found = first.search(note)
        if found and then.search(note, found.end()):
            return True
    return False


# A note asking for the person's PO box alone ('PO box only', 'P.O. Box only - no street delivery', 'Use PO
# box'): the card went to the row's street, exit 0 (hunter-sends13's item 10, fixed by hunter-sends14); an
# error where the row's street is no PO box ('PO Box 12' on the row is the box asked for)
_PO_BOX = r"(?:p\.?\s*o\.?\s*box|post\s+office\s+box)"
_PO_BOX_ONLY = re.compile(
    rf"(?i)^\W*(?:(?:use|mail\s+to|send\s+to|ship\s+to)\s+(?:the\s+|her\s+|his\s+|their\s+)?{_PO_BOX}|"
    rf"{_PO_BOX}\s+(?:only|required|needed))\b"
)
_A_PO_BOX = re.compile(rf"(?i)^\W*(?:{_PO_BOX}|box)\s*#?\s*\d")


def po_box_only(note: str, street: str) -> bool:
    """Whether ``note`` asks for a PO box alone and the row's ``street`` is none."""
    return any(_PO_BOX_ONLY.match(part) for part in _later_parts(note)) and not _A_PO_BOX.match(street)
