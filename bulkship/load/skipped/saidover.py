"""A leaving, a death or a hold said over, or said wrong, in words the readers before left out, nobody asked
(review75's hunt, the lead's leftover 3 of session 51). Sent where the words undo it
(:data:`STILL_HERE`, read with :data:`.undone._UNDONE` and a status's HOLD_OVER): 'Inactive - reactivated',
'Inactive - now active', 'Paused - now active', 'Retiring 12/31 - rescinded', 'Left 2023 - back since
2024', Status 'Resigned then rescinded'. Asked where they may not (:func:`still_asked`, read with
:func:`.asking.readings`): a death or a leaving said entered against the wrong person or in error ('Deceased -
wrong person', 'Deceased - his father, not the employee', 'Terminated - HR error', 'Resigned - resignation
not accepted': the person may be here, or the row the wrong one), a retirement put off or cancelled
('Retiring - postponed', 'Retiring 12/31 - cancelled': the retirement's, or the card's?), a hold resumed or
now active ('Hold - resumed': the hold's or the sending's?), and a no to the mail beside a yes to the gift
('Do not mail; gift OK')."""

from __future__ import annotations

import re

from .leavingundone import _LEFT

_MARK = r"\s*[-–—:,;(\[]\s*"
_NOW = r"(?:(?:was|is|has\s+been|been|now)\s+)*"
_ENDS = r"(?:\s+(?:on\s+|eff\.?\s+|effective\s+|as\s+of\s+)?\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)?[\s.!)\]]*$"
_A_DAY = r"(?:\s+\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)?"

_PAUSED = r"inactive|deactivated|inactivated|paused|on\s+pause|suspended|dormant"
_TAKEN_BACK = r"rescinded|retracted|withdrawn|reversed|revoked"
STILL_HERE = (
    # ... inactive or paused, then active again ('Inactive - reactivated', 'Paused - now active')
    rf"^\s*(?:{_PAUSED}){_MARK}{_NOW}(?:re-?activated|active(?:\s+(?:again|now))?|back\s+(?:to\s+)?active){_ENDS}|"
    # ... a retirement taken back ('Retiring 12/31 - rescinded'), as 'Leaving 11/30 - rescinded' sends
    rf"^\s*retir(?:ing|ement){_A_DAY}{_MARK}{_NOW}(?:{_TAKEN_BACK}){_ENDS}|"
    # ... back since a year ('Left 2023 - back since 2024'), as '... - back 2024' sends (a year before the
    # leaving's asks: .backbefore)
    rf"^\s*{_LEFT}\s+(?:in\s+)?(?:19|20)\d\d{_MARK}(?:(?:came|been|is)\s+)?back\s+since\s+(?:19|20)\d\d[\s.!)\]]*$|"
    # ... a leaving then taken back, said without a mark ('Resigned then rescinded': sent under Notes)
    rf"^\s*{_LEFT}\s+(?:and\s+)?(?:then|later|since)\s+(?:{_TAKEN_BACK})[\s.!)\]]*$|"
    # ... inactive, back on a day ('Inactive - returned 11/1'; bare 'back' asks, below)
    rf"^\s*(?:{_PAUSED}){_MARK}{_NOW}(?:back|returned)(?:\s+to\s+work)?\s+(?:on\s+)?\d{{1,2}}[/.-]\d{{1,2}}"
    r"(?:[/.-]\d{2,4})?[\s.!)\]]*$|"
    # ... a death flag said removed or in error (Status 'Deceased flag in error': left out, sent under Notes)
    r"^\s*deceased\s+(?:flag|indicator|status|marker)\s+(?:(?:was|has\s+been)\s+)?(?:removed|cleared|reversed|"
    r"deleted|in\s+error)[\s.!)\]]*$"
)

_WHO = r"(?:employee|person|individual|record|row|ee|one)"
_KIN = r"father|mother|dad|mom|parent|spouse|wife|husband|son|daughter|brother|sister|partner"
_ERROR = (
    r"(?:(?:was|it\s+was)\s+)?(?:an?\s+)?(?:data|hr|system|payroll|clerical|entry|keying|admin)\s+(?:entry\s+)?"
    r"error"
)
_ASKED = [
    # a death said of the wrong person, or of another ('Deceased - his father, not the employee')
    (
        rf"(?:deceased|passed\s+away|died|dead){_A_DAY}{_MARK}(?:wrong\s+{_WHO}|not\s+(?:our|the|this)\s+{_WHO}|"
        rf"(?:(?:it\s+was|was)\s+)?(?:his|her|their)\s+(?:{_KIN})(?:\W+not\s+(?:the\s+)?(?:{_WHO}|him|her))?)",
        "Deceased",
    ),
    # a leaving said entered in error, or of the wrong person, or not accepted
    (
        rf"{_LEFT}{_A_DAY}{_MARK}(?:wrong\s+{_WHO}|not\s+(?:our|the|this)\s+{_WHO}|{_ERROR}|"
        r"(?:the\s+)?resignation\s+not\s+accepted|not\s+accepted)",
        "Terminated",
    ),
    # a retirement or a leaving put off or cancelled: its own, or the card's?
    (
        rf"(?:retir(?:ing|ement)|leaving|resigning|last\s+day|off[\s-]?boarding){_A_DAY}{_MARK}{_NOW}"
        r"(?:postponed|delayed|deferred|put\s+off|pushed\s+(?:back|out)|cancell?ed|called\s+off)",
        "Do not send",
    ),
    # inactive, then back, no day: the person, or the mail?
    (rf"(?:{_PAUSED}){_MARK}{_NOW}(?:back|returned)(?!\s+(?:on\s+)?\d)", "Inactive"),
    # a hold resumed or now active
    (rf"(?:on\s+)?hold{_MARK}{_NOW}(?:resumed|active(?:\s+now)?)", "Do not send"),
    # the mail refused, the gift welcome (not 'No mail - card OK': the mailings', sent)
    (
        rf"(?:do\s*n[o']?t|don'?t)\s+(?:mail|post)(?:ings?)?{_MARK}"
        r"(?:gifts?|cards?|gift\s+cards?)\s+(?:are\s+|is\s+)?(?:ok|okay|fine|allowed|welcome)",
        "Do not mail",
    ),
]
_STILL_ASKED = [(re.compile(rf"(?i)\s*(?:{words}){_ENDS}"), said) for words, said in _ASKED]


def still_asked(text: str) -> str | None:
    """The no a remark ``text`` may say, where it asks (the leaving, the death or the hold that may stand),
    else None."""
    if "?" in text:
        return None
    return next((said for found, said in _STILL_ASKED if found.match(text)), None)
