"""A leaving said undone: taken back or the person rehired ('Terminated - rescinded', 'Terminated 2019
(rehire)'), a layoff recalled or spared ('Laid off - recalled', 'RIF - not affected'), or the person back and
the leaving told after it ('Rehired (terminated 2019)'). Read by :mod:`.undone` with the holds over (moved out
of undone.py for issue 14)."""

from __future__ import annotations

import re
from datetime import date

from .inerror import _A_MISTAKE
from .leavingsaid import HR_LEAVING, SEPARATION_DONE, TEMP_JOB
from .leftwork import LEFT_A_JOB
from .notewords import _FOUND_OTHERWISE

# ... or a leaving said undone in words of its own, right after it: taken back ('Terminated - rescinded',
# 'Terminated Nov 20 - reversed', 'Resigned - withdrew resignation'), the person a rehire ('Terminated 2019
# (rehire)', '... - rehire 2022') or back in a year ('Left 2019 - back 2022'): found by review50, each left
# out, the person the list kept got no card; as 'Resigning 11/30 - rescinded' and 'Terminated 2019
# (rehired)' send.
# Not what else was taken back ('... - rehire rescinded', '... - offer rescinded'), asked, to come, nor a
# rehire's eligibility ('Terminated (rehire eligible)', '... - eligible for rehire', '... - no rehire')
_LEFT = (
    # (HR's shorthand too: 'TERM eff 12/12 - rescinded', "term'd - reversed" left out by bbc6d246: the lead)
    r"(?:terminated|termed|term(?:['’]?e?d)?|(?:(?:in)?vol(?:untary)?\.?|inv\.?)\s+term(?:['’]?d)?|resigned|"
    r"left(?:\s+(?:the\s+)?(?:company|firm|co))?|separated|laid\s+off|let\s+go|"
    # (a layoff however spelled: 'Layoff - rescinded', 'RIF - reversed' were left out: review61)
    r"fired|quit|dismissed|lay[\s-]*off|la(?:i|ye?)d[\s-]*off|rif(?:['’]?d|fed)?|reduction\s+in\s+force|"
    # (an HR system's words: 'Job abandonment - reversed', 'Did not return from leave - returned 11/1' were
    # left out by 56211531: review75)
    rf"{HR_LEAVING}|"
    # (a contract's, an assignment's or a temp's end: 'Temp ended - rescinded', '... - back 12/1' were left
    # out once 'Temp ended' was read, as 'Contract ended - rescinded' was: hunter-asks7)
    r"(?:contract|assignment|employment|engagement)\s+(?:ended|terminated|expired|over)|"
    rf"{TEMP_JOB}(?:ended|expired|finished|completed?)|{SEPARATION_DONE}|"
    # (in the families of words a leaving is written in: 'Sacked - rehired 12/1', 'Left the business - came
    # back 12/1': hunter-asks8)
    rf"{LEFT_A_JOB})"
)
_LEAVING_UNDONE = (
    # (a mistake asked, then the undoing: 'Terminated in error? back 12/1', sent either way: review73)
    rf"^\s*(?:(?:the\s+)?(?:employee|ee|she|he|they)\s+)?{_LEFT}\b(?:[^-–—:;,(\[?]{{0,30}}?\s*[-–—:;,(\[]|"
    # (or right after it, no mark: 'Term reversed', 'Term rescinded' were left out under Status, sent under
    # Notes, where 'Termination reversed' sends in both: review73's leftover 7, review75)
    rf"{_A_MISTAKE}\s*\?+|\s+(?=(?:rescinded|reversed|revoked|withdrawn|overturned|cancell?ed)\b))\s*"
    r"(?:(?:(?:the\s+)?(?:termination|resignation|separation|decision|it|that)\s+)?(?:(?:was|is|has\s+been|been|"
    r"now)\s+)*(?:rescinded|reversed|revoked|withdrawn|overturned|undone|cancell?ed|retracted)|(?:withdrew|rescinded|"
    r"retracted)\s+(?:the\s+|her\s+|his\s+|their\s+)?resignation|"
    # (or kept on: 'Resigned - accepted counteroffer', 'Terminated - appeal won', '... - reactivated 11/1'
    # were left out, the person still here got no card: review75)
    r"accepted\s+(?:a\s+|the\s+|our\s+)?counter[\s-]?offer|counter[\s-]?offer\s+accepted|appeal\s+(?:won|upheld|"
    r"granted|successful)|won\s+(?:the\s+|her\s+|his\s+|their\s+)?appeal|re-?activated|(?:(?:is\s+)?(?:an?\s+|now\s+(?:an?\s+)?)?re-?hire|back)(?:\s+(?:in\s+)?(?:19|20)\d\d)"
    r"|(?:is\s+)?(?:an?\s+|now\s+(?:an?\s+)?)?re-?hire(?=\s*(?:[)\]]|$|(?:in\s+|on\s+)?\d))"
    # (back on a day: 'Left 2023 - returned 12/2', '... - back 12/2' were left out, where '... - came back
    # 12/2' and '... - rehired 12/2' send: review71's leftover, review73; not the mail or the card returned,
    # 'Terminated 10/1/2025 - Returned 11/20 - address fixed')
    r"|(?:returned|back)(?=\s+(?:on\s+)?\d{1,2}[/.-]\d)"
    r"(?!.*\b(?:address\w*|addr|mail\w*|cards?|gifts?|sender|rts|post|usps|package|parcel|bounced)\b)"
    # (rejoined, or the leaving given up: 'Left 2022 - rejoined', 'Left company - rejoined 11/1', 'Resigned -
    # changed mind', '... - stayed', '... - decided to stay': each left out; review73)
    r"|re-?joined(?:\s+(?:the\s+)?(?:company|firm|team))?|changed\s+(?:(?:her|his|their)\s+)?mind|"
    r"stayed(?:\s+on)?|decided\s+to\s+stay)"
    r"(?=\s*(?:$|[-–—:;,.)\]]|(?:on\s+|eff\.?\s+|effective\s+|as\s+of\s+)?\d|(?:by|per)\b))"
    rf"(?![^?]*\?)(?!.*\b(?:then|but|again|not|never|{_FOUND_OTHERWISE})\b)"
)

# ... or a layoff and then the person recalled ('Laid off - recalled', 'Laid off 10/1 - recalled 11/15', 'Laid
# off (recalled)': found by review60, each left out, the person back at work got no card; 'Recalled from
# layoff' sent); not asked, to come, refused or gone again ('... - recall pending', '... - may be recalled',
# '... - recalled?', '... - recalled, then resigned'); a day to come is .backlater's
_RECALLED = (
    r"^\s*(?:laid[\s-]*off|lay[\s-]*off|layed\s+off|furloughed|rif(?:['’]?d|fed)?|reduction\s+in\s+force)\b"
    r"[^-–—:;,(\[?]{0,30}?\s*[-–—:;,(\[]\s*(?:(?:was|is|has\s+been|been|now)\s+)*"
    r"(?:recalled|called\s+back)(?:\s+(?:to\s+work|back))?"  # ('Laid off - called back 11/20': review73)
    r"(?=\s*(?:$|[-–—:;,.)\]]|(?:on\s+|eff\.?\s+|effective\s+|as\s+of\s+)?\d))"
    rf"(?![^?]*\?)(?!.*\b(?:then|but|again|not|never|{_FOUND_OTHERWISE})\b)"
)
# ... or a layoff the person was spared ('RIF - not affected', 'RIF (exempt)', 'Layoff - position saved': each
# left out, the person still here got no card: review60, review61, mended by review63); said alone
# ... or is at risk of, still employed ('RIF - at risk', 'RIF (at risk)': left out where 'Layoff - at risk'
# sends, status._NOT_LAID_OFF; review71's leftover, review73); not 'Laid off - at risk' (laid off already)
_SPARED_A_LAYOFF = (
    r"^\s*(?:(?:rif|reduction\s+in\s+force|lay[\s-]*off|laid[\s-]*off)\s*[-–—:,;(\[]\s*(?:not\s+(?:affected|"
    r"impacted)|unaffected|exempt(?:ed)?|position\s+(?:saved|retained)|spared|survivor|survived|retained|"
    r"not\s+selected)|(?:rif|reduction\s+in\s+"
    r"force|lay[\s-]*off)\s*[-–—:,;(\[]\s*(?:at\s+)?risk)\s*[)\].!]*\s*$"
)


# ... or a person back, then the leaving it undid told after it, in a year before the return ('Rehired
# (terminated 2019)', 'Rehired 2021 - terminated 2019', 'Boomerang (left 2019)', 'Returned 2021 (left 2019)'):
# read alone, the leaving left each row out (found by review44, review42's LO5); not a leaving after the
# return ('Rehired 2018 - terminated 2019') nor one with no year ('Rehired - terminated 11/15'), unless told
# as before ('Rehired - was terminated')
_BACK_THEN_LEFT = re.compile(
    r"(?i)\W*(?:re-?hired?|reinstated|boomerang(?:\s+hire)?|returned|re-?joined|came\s+back)"
    r"(?:\s+(?:in\s+|on\s+)?(?:\d{1,2}[/.-](?:\d{1,2}[/.-])?)?(?P<back>(?:19|20)\d\d))?\s*(?:[-–—:,;(\[/]\s*)+"
    r"(?P<before>(?:(?:was|had(?:\s+been)?|previously|formerly|originally|first)\s+)*)(?:terminated|termed|"
    r"left(?:\s+(?:the\s+)?company)?|resigned|laid\s+off|let\s+go|quit|separated)(?:\s+(?:in\s+|on\s+)?"
    r"(?:\d{1,2}[/.-](?:\d{1,2}[/.-])?)?(?P<gone>(?:19|20)\d\d))?\W*"
)


# ... nor then gone again after it ('Rehired - was terminated, then left again')
_LEFT_AGAIN = re.compile(r"(?i)\b(?:then|again|but|since|later)\b")


def back_after_leaving(note: str, start: int, end: int) -> bool:
    """Whether ``note[start:end]``, a clause and the one after it, tells the person back and then the leaving
    that undid, of a year before the return (of no year: before this one; :data:`_BACK_THEN_LEFT`)."""
    found = _BACK_THEN_LEFT.fullmatch(note, start, end)
    if found is None:
        return False
    if found["gone"] is None:
        # (of no year, told as before: 'Rehired - was terminated', 'Reinstated (had been let go)': found by
        # review54, each left out; 'Rehired - terminated' alone does not tell which came last)
        return bool(found["before"]) and _LEFT_AGAIN.search(note, end) is None
    # (a return of no year after a leaving of this year, or both of one year: which came last is not told)
    back = int(found["back"]) if found["back"] else date.today().year
    return back > int(found["gone"])
