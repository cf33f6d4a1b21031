"""Words in a note, a status or a heading saying to send the card after all: 'Removed - please send', 'Card
sent to old address - returned; resend', 'Left 11/15 - still send', 'Resigned - OK to send', 'Gift card
returned - reissue'. What such a cell says first ('Left', 'Card sent', 'Returned') would leave the row out on
its own (found by hunter-falsealarm8: each was left out, the person never sent the card the list asked for).

Not when the words are denied ('do not resend', 'Terminated - not to be sent', 'Left - nothing to be sent',
'no need to resend': each of the first two was ordered), asked ('resend?'), refused or said done after
('resend not needed', 'Resend: no', 'resend request declined', 'resend done 11/25'), put off to a day or a
condition ('resend once address confirmed', 'resend after 12/20', 'resend 12/20': the note's other words
decide), nor once the cell tells it was sent again since ('Returned - resend; resent 11/25')."""

from __future__ import annotations

import re

# A negation in the clause before the words ('do not', "don't", 'never', 'nothing', 'no need to')
_DENIED = r"\b(?:not|no|never|nothing|none|nor|without|dont|cannot)\b|n['’]t\b"
# Where a clause starts: the cell's start, a line, a sentence's or a remark's mark, a spaced dash
_CLAUSE_START = r"(?:^|(?<=[\n:;,.!?(/])|(?<=\s[-–—])|(?<=[–—]))"
# The words saying to send (each a whole word: 'resent', 'reissued' tell it went, and are not these)
_SEND = (
    r"please\s+(?:re-?)?send|send\s+(?:now|them|these|this|asap)|to\s+(?:be\s+)?sen[dt]\b(?!\s+back)|"
    r"re[\s-]?send|re-?(?:issue|ship|mail)|"
    # ... the card named as a person writes it ('Leaving 11/30 - send card anyway', 'mail her gift card
    # anyway': found by review44, review42's leftover, each left out where 'send it anyway' sent)
    r"(?:send|mail|ship)\s+(?:(?:it|them|one|one\s+more|(?:(?:a|the|his|her|their)\s+)?(?:(?:e-?)?gift\s*card|"
    r"gift|card))\s+)?(?:anyway|anyhow|regardless|again|still)|"
    r"still\s+(?:send|mail|ship|order)|send\s+(?:(?:a|an)\s+)?(?:new|replacement|another)|"
    r"(?:ok|okay|ok['’]?d|cleared|approved|fine|good)\s+to\s+(?:send|mail|ship|order)|"
    r"go\s+ahead\s+(?:and\s+)?(?:send|mail|ship|order)|still\s+(?:eligible|qualifies)(?!\s+for\b)|"
    r"still\s+(?:(?:to\s+)?(?:gets?|receives?|getting|receiving))\s+(?:(?:a|the|one|his|her|their)\s+)?"
    r"(?:(?:gift\s+)?card|gift|one|it)"
)
# ... nor asked, refused or put off after them
_NOT_AFTER = (
    r"(?!\s*\?|\s*[:=-]?\s*(?:no|n)\b|\s+(?:not\s+(?:needed|required|necessary|wanted)|unnecessary|denied|"
    r"declined|cancell?ed|once|when|whenever|if|after|until|till|unless|pending|awaiting|upon|later|next|"
    r"in\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|the\s+new\s+year|\d))\b|\s*(?:on\s+)?\d"
    # ... nor said done or refused after them, or after their request: 'resend done 11/25', 'resend mailed
    # 11/25', 'reissue sent', 'resend request declined', 'resend requested, denied', 'resend not approved'
    # (found by review36: each was ordered, a second card; the cell's other words decide)
    r"|\s*(?:requests?|requested)?[\s,:;=-]*(?:(?:was|were|is|has\s+been|had\s+been|been|already|"
    r"now)\s+)*(?:done|complete[ds]?|finished|processed|sent|mailed|shipped|ordered|placed|issued|declined|"
    r"denied|rejected|refused|withdrawn|cancell?ed|voided|not\s+(?:approved|authori[sz]ed|allowed|possible))\b)"
)
# ... nor once the cell tells the card went again since
_SENT_AGAIN = r"(?!(?s:.){0,200}\bre-?(?:sent|issued|shipped|mailed|ordered)\b)"

# ... or to the person's home ('Last day 11/15 - send to home address', 'Terminated 11/1 - mail to home',
# 'Left - ship gift card to her personal address': found by review44, review42's leftover, each left out, the
# person the list sends the card to at home got none); not where the cell tells the card went ('Card sent
# 11/20 - mailed to home', 'Already sent - send to home address' says where it went)
_TO_HOME = (
    r"(?:send|mail|ship|post|deliver)\s+(?:(?:it|one|(?:(?:a|the|his|her|their)\s+)?(?:(?:e-?)?gift\s*card|gift|"
    r"card))\s+)?to\s+(?:(?:his|her|their|the|my)\s+)?(?:home|house|residence|personal\s+address)"
    r"(?:\s+address)?(?:\s+on\s+file)?"
)
_NOT_SAID_GONE = (
    r"(?!(?s:.)*\b(?:already|sent|mailed|shipped|delivered|received|ordered|issued|given|handed|re-?sent)\b)"
)

# ... the words of such an ask alone, where they stand ('Out on leave, ship to home': .clauses reads what
# they answer)
SENDS_HOME = re.compile(
    rf"(?i){_CLAUSE_START}(?:(?!{_DENIED}|\s-\s)[^\n:;,.!?(/–—])*?\b(?>{_TO_HOME})\b{_NOT_AFTER}"
)

# ... a bare 'send' at the end, right after words saying the no was changed: a mind changed, an approval
# come, a no taken back ('Do not send - changed mind, send', 'Declined - changed her mind, send', 'Hold -
# approved 12/1, send', 'Skip - no, include': found by review54, each left out, the person the list sends
# got no card); not asked or put off ('changed mind? send', 'approved 12/1, send after 1/5'), nor after
# words saying the card went or the person died
_CHANGED_THEN_SEND = (
    rf"|^{_NOT_SAID_GONE}(?!(?s:.)*\b(?:deceased|died|passed\s+away|dead)\b)(?s:.)*?[-–—:;,(]\s*"
    r"(?:(?:she|he|they|employee|ee|manager|mgr|hr)\s+)?(?:changed\s+"
    r"(?:(?:her|his|their|my|our)\s+)?mind|(?:now\s+)?approved(?:\s+(?:on\s+)?\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)?|"
    r"reversed|no)\s*[-–—:;,]\s*(?:so\s+|please\s+|pls\s+)?(?:send|include)(?:\s+(?:it|card|the\s+card))?\W*$"
)

SAYS_SEND = re.compile(
    rf"(?i){_CLAUSE_START}(?:(?!{_DENIED}|\s-\s)[^\n:;,.!?(/–—])*?\b(?:{_SEND})\b{_NOT_AFTER}{_SENT_AGAIN}"
    rf"|^{_NOT_SAID_GONE}(?s:.)*?{_CLAUSE_START}(?:(?!{_DENIED}|\s-\s)[^\n:;,.!?(/–—])*?\b(?>{_TO_HOME})\b"
    rf"{_NOT_AFTER}"
    # ... or not to ignore them ("Q4 - do not ignore": found by review14, the rows under it were left out)
    # ... or a bare 'send' last, after words saying the no changed (:data:`_CHANGED_THEN_SEND`)
    r"|\b(?:do\s*n[o']?t|don'?t|never)\s+ignore\b" + _CHANGED_THEN_SEND
)
