"""A note saying the person may get no gift now: a gift limit reached ('Over the gift limit', 'Gift limit
reached', 'Already at $100 limit'), gifts barred ('Government employee - gift ban', 'Compliance: no gifts to
government employees', 'Cannot accept gifts'), or the household's one card gone to another member ('One per
household - sent to spouse', 'Spouse also works here - one card per household', 'Household already
received', 'Sister already got one (same address)'). Each was ordered, exit 0, where 'Not eligible' leaves
the row out (review40's remarks still sent, hunter-sends3's leftovers; fixed by hunter-sends4). Read by
:data:`.notes._NOTE_SAYS_NO`, a whole note or a clause of one. Not a limit kept ('Under the gift limit',
'Within limit'), nor a household's limit alone ('One per household': which of its rows is the one, only the
list's maker knows), nor a row saying it is the one ('One per household - this is the one')."""

from __future__ import annotations

from datetime import date

# a limit's name ('the $100 annual gift limit', 'gift cap', 'the max')
_KIND = r"(?:annual|yearly|gift|gifting|irs|de\s+minimis|policy|spending|tax[\s-]free|company|per[\s-]person)"
# ... or a year, its month perhaps ('Gift limit reached 2026', 'Annual limit hit Nov 2026': found by review48,
# each ordered where 'Gift limit reached in 2026' was left out)
_A_YEAR = r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?(?:19|20)\d\d\b"
_REMARK = (
    r"\s*(?:$|[-–—:,.;!(].*|\s(?:this|for|per|as|by|on|in)\b.*|(?:on\s+)?\d{1,4}[/.-]\d.*|" + _A_YEAR + r".*)"
)
# ... named by its kind or amount, or 'the limit' with nothing after it but the year ('Over the limit this
# year'; not 'Over the limit for express shipping')
_LIMIT = (
    r"(?:the\s+|his\s+|her\s+|their\s+|an?\s+|our\s+)?(?:(?:[$€£]\s?\d[\d,]*(?:\.\d\d)?\s+)"
    r"(?:" + _KIND + r"\s+)*|(?:" + _KIND + r"\s+)+)(?:limit|cap|maximum|max)\b" + _REMARK + r"|"
    r"(?:the\s+)?(?:limit|cap|max)\s*(?:$|[.!]\s*$|\s+(?:this|for\s+(?:this|the)|(?:for|in)\s+(?:19|20)\d\d)\b.*|"
    r"[-–—:;(].*)"
)
# a household, and its other members
_ONE_PER_HOUSEHOLD = (
    r"(?:(?:only\s+)?(?:one|1)|max(?:imum)?\.?\s+(?:of\s+)?(?:one|1)|limit(?:ed)?\s+(?:of\s+|to\s+)?(?:one|1))\s+"
    r"(?:(?:gift\s+)?cards?\s+|gifts?\s+)?(?:per|a|each)\s+(?:household|family|address|home)|household\s+limit"
)
_MEMBER = (
    r"(?:spouse|wife|husband|partner|sister|brother|sibling|mother|father|mom|dad|parent|son|daughter|roommate|"
    r"other\s+(?:member|employee|person|row)|row\s+\d+|(?:above|below))"
)
_THIS_ONE = (
    r"(?!.*\b(?:this\s+(?:is\s+the\s+)?one|send\s+(?:here|this|to\s+(?:this|him|her|them))|"
    r"this\s+row\s+gets)\b)"
)
OVER_A_LIMIT = (
    # a limit reached or passed ('Over the gift limit', 'Already at $100 limit', 'Exceeds the annual cap')
    r"(?:already\s+)?(?:over|above|exceeds?|exceeded|exceeding|beyond|reached|hit|at|maxed\s+out(?:\s+on)?|met|past)\s+"
    rf"(?:{_LIMIT})|"
    # ... said after it ('Gift limit reached', 'Annual limit exceeded', 'Limit met for 2026')
    r"(?:(?:annual|yearly|gift|gifting|spending|company)\s+)*(?:limit|cap|max(?:imum)?)\s+(?:(?:already|has\s+been|"
    rf"was|is)\s+)*(?:reached|hit|met|exceeded|used(?:\s+up)?|maxed(?:\s+out)?){_REMARK}|"
    # gifts barred ('Gift ban', 'Gifts not permitted', 'Cannot accept gifts', 'No gifts to government
    # employees')
    # ... or by a policy ('Gift policy: cannot accept', 'Ethics policy prohibits gifts': newcomer22's N8, each
    # ordered where 'Cannot accept gifts' and 'Ethics policy: no gifts' are left out)
    r"(?:(?:(?:gift|gifting|ethics|company|corporate|employer)\s+polic(?:y|ies)|ethics\s+rules?)\s*[-–—:,]?\s*"
    r"(?:(?:prohibits?|forbids?|bars?|bans?|does\s*n[o'’]?t\s+(?:allow|permit))\s+(?:any\s+)?(?:gifts?|gift\s+cards?)|"
    r"(?:cannot|can['’]?t|may\s+not)\s+(?:accept|receive|take)(?:\s+(?:any\s+|a\s+)?(?:gifts?|gift\s+cards?|cards?))?)|"
    r"(?:gift|gifting)\s+(?:ban|banned|prohibited|restriction)|(?:gifts?|gift\s+cards?)\s+(?:are\s+|is\s+)?"
    r"(?:not\s+(?:allowed|permitted)|prohibited|banned|forbidden)|(?:cannot|can['’]?t|may\s+not|must\s+not|"
    r"(?:is\s+|are\s+)?not\s+allowed\s+to|(?:is\s+|are\s+)?unable\s+to|(?:is\s+|are\s+)?prohibited\s+from)\s+"
    r"(?:accept|receive|take)(?:ing)?\s+(?:any\s+|a\s+)?(?:gifts?|gift\s+cards?|cards?)|no\s+gifts?\s+(?:to|for)\s+"
    r"(?:(?:any\s+)?(?:government|gov['’]?t|federal|state|public(?:\s+sector)?|elected)\s+\w+))"
    rf"{_REMARK}|"
    # the household's one card gone to another member, said beside the household's limit
    rf"{_THIS_ONE}(?=.*\b(?:{_ONE_PER_HOUSEHOLD})\b)(?=.*\b{_MEMBER}\b).*|"
    # ... or said had by the household or, at its address, by another member ('Household already received',
    # 'Sister already got one (same address)')
    r"(?:the\s+)?(?:household|family|home)\s+(?:already\s+)?(?:received|got|has|had)\b(?:\s+(?:one|it|a\s+card|"
    rf"the\s+card|a\s+gift|the\s+gift))?{_REMARK}|"
    rf"(?:his\s+|her\s+|their\s+)?{_MEMBER}\s+(?:already\s+)?(?:received|got|has|had|gets|getting)\s+(?:one|it|a\s+"
    r"card|the\s+card|a\s+gift)\b(?=.*\b(?:same\s+(?:address|household|home)|household)\b).*"
)


def this_year_ok(today: date) -> str:
    """A gift limit's words up to where the note goes on to say this year is OK ('Gift limit reached for
    2025 - 2026 OK', 'Over limit in 2025; OK for 2026' on a day of 2026: a known drop, mended by review48,
    each left out): the limit was another year's. The rest of the note is read as any note is ('RTS - ...'
    stays out)."""
    ok = r"(?:ok|okay|fine|good|approved|eligible)"
    year = today.year
    this_year = rf"\b{year}\s*(?::\s*|\s+(?:is\s+)?){ok}\b|\b{ok}\s+(?:for|in)\s+{year}\b"
    return rf"(?i)[^-–—;,.()]*\b(?:limit|cap|max)\b.*?(?:{this_year})"
