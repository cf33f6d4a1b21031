"""What says a person not eligible, opted out, over a gift limit or declining is so no longer, in the clause
after it ('Not eligible - now eligible', 'Opted out - opted back in 11/20', 'Declined, then accepted 12/1'):
:data:`_NO_LONGER`, read with :data:`.undone._UNDONE` and a status's :data:`.undone.HOLD_OVER` (moved out of
undone.py for issue 14)."""

from .notewords import _FOR_NOW, _FOUND_OTHERWISE, _NOT_YET

# what says a person not eligible, opted out, over a gift limit or declining is no longer so, each the other's
_SAID_ALONE = r"(?=\s*(?:$|\d|[-–—:,;.(!)]|\s+(?:on|per|via|as\s+of|after\s+all)\b))"
_TURNED = [
    (
        r"not\s+(?:yet\s+)?eligible|ineligible",
        r"(?:(?:now|is|are|was|became|becomes|has\s+become|since|deemed|made|confirmed|found|re-?)\s+)+eligible\b|"
        r"eligible\s+(?:now|again|since|as\s+of|per|effective|eff\.?|from)\b|"
        r"eligibility\s+(?:(?:was|has\s+been|now)\s+)?(?:confirmed|approved|restored|reinstated|granted|verified)\b|"
        r"exception\s+(?:was\s+)?(?:approved|granted|made|given)\b|approved\s+(?:as\s+)?(?:an?\s+)?exception\b|"
        r"(?:[\w'’]+\s+){0,2}?(?:approved|made|granted)\s+(?:an?\s+)?exception\b",
    ),
    (
        r"opt(?:ed)?[\s-]*out|unsubscribed",
        r"opted\s+(?:back\s+)?in\b(?:\s+again\b)?|opt(?:ed)?[\s-]+in\s+again\b|changed\s+(?:(?:her|his|their|my)\s+)?mind\b|"
        r"re-?(?:enrolled|joined|opted[\s-]*in|subscribed|activated)" + _SAID_ALONE,
    ),
    (  # a gift limit reached or gifts barred, an exception made since (:mod:`.giftlimits`)
        r"(?:already\s+)?(?:over|above|exceeds?|exceeded|beyond|reached|hit|at|past)\s+(?:[\w$'’.,]+\s+){0,4}?"
        r"(?:limit|cap|max(?:imum)?)\b|(?:[\w$'’.,]+\s+){0,3}?(?:limit|cap|max(?:imum)?)\s+(?:(?:already|has\s+been|"
        r"was|is)\s+)*(?:reached|hit|met|exceeded|used(?:\s+up)?|maxed(?:\s+out)?)\b|(?:[\w'’.,]+\s+){0,3}?gift\s+ban\b",
        r"(?:an?\s+)?(?:exception|waiver|override)\s+(?:was\s+|has\s+been\s+)?(?:approved|granted|made|given|signed|"
        r"ok['’]?d)\b|(?:[\w'’]+\s+){0,2}?(?:approved|granted|made|signed)\s+(?:an?\s+)?(?:exception|waiver|override)\b|"
        r"(?:approved|ok['’]?d|okayed|cleared|waived)" + _SAID_ALONE.replace("on|per|via", "on|per|via|by"),
    ),
    (
        r"declined?",
        # ('changed mind' too: 'Declined - changed mind', 'Declined award - changed mind' left out: review69)
        r"changed\s+(?:(?:her|his|their|my)\s+)?mind\b|(?:now\s+)?wants\s+(?:it|one|(?:the\s+|a\s+)?(?:gift(?:\s+card)?|card))\b|"
        # ... or opted in since ('Declined - opted in 11/20': review48's leftover 4, found again by review50);
        # not into another thing ('... - opted in to the newsletter')
        r"(?:opted|re-?opted)[\s-]+(?:back\s+)?in\b(?!\s+(?:to|into|for|on)\b)(?:\s+again\b)?|"
        r"accept(?:s|ed)\s+(?:it|the\s+(?:gift|card)|now)\b|accepted" + _SAID_ALONE,
    ),
]

# ... said so no longer in the clause after it ('Not eligible - now eligible', 'Ineligible - now eligible
# per HR', 'Not eligible yet - eligible now', 'Not eligible - exception approved by VP', 'Opted out - opted
# back in 11/20', 'Opted out; re-enrolled 11/20', 'Declined - changed her mind, wants it', 'Declined, then
# accepted 12/1': found by review46, each left out of Notes or Status, the person the list kept got no card);
# not another's ('Not eligible - spouse eligible'), to come or later ('... - will be eligible 1/2027', '... -
# eligible next year'), asked, or taken back again ('... - opted back in, then opted out again 12/1')
_NO_LONGER = (
    "(?:"
    + "|".join(
        rf"^\s*(?:{head})(?:\s+{_FOR_NOW})?(?:\s+[\w'’/$]+){{0,4}}?\s*[-–—:,;(.]\s*(?:(?:then|later|but|now|since|"
        r"update[sd]?|edit)\W*\s+)?(?:(?:the\s+)?(?:employee|ee|she|he|they|person|recipient)\s+)?"
        rf"(?:{turned})"
        for head, turned in _TURNED
    )
    + r")(?![^?]*\?)"
    + r"(?!.*\b(?:then|but|again|revoked|rescinded|withdrawn|cancell?ed|denied|rejected|mistake|error|"
    + rf"{_FOUND_OTHERWISE})\b)"
    + rf"(?!.*(?:{_NOT_YET}|\b(?:for|after|next|later|wave|last|previous|prior|(?:19|20)\d\d)\b))"
)
