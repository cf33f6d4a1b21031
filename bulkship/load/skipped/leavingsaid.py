"""A leaving told by its paper or in an idiom: 'Term ltr sent', 'Termination letter mailed 11/30', 'Separation
agreement signed', 'Moved on to Acme', 'Has moved on', 'Moved on from the company'. Each was ordered under
'Notes', exit 0 (a card to a person who left), where 'Terminated' leaves the row out; 'Term ltr sent' under
'Status' was left out already (hunter-sends13's item 9, fixed by hunter-sends14). Read by
:data:`.notes._NOTE_SAYS_NO`. Not a letter of another kind ('Offer letter sent', 'Welcome letter sent'), a
notice (still working it), a move on a day or of the address ('Moved on 11/30', 'Moved on - new address TBD':
..problems.addresstocome) nor within the company ('Moved on to Sales', 'moved on to a new role')."""

from __future__ import annotations

# the paper of a leaving, and that it went or was signed
_PAPER = (
    r"(?:term(?:ination)?|separation|resignation|lay[\s-]*off|rif|severance|dismissal)\s+(?:ltr|letter|"
    r"paperwork|papers|package|agreement|docs|documents)\s+(?:(?:was|has\s+been|have\s+been)\s+)?(?:sent|mailed|"
    r"issued|given|delivered|signed|received|processed|done|served)\b"
    # ... not undone after ('... - rescinded, still employed', '... - rehired 12/1': review66, review65)
    r"(?!.*\b(?:rescinded|reversed|revoked|withdrawn|cancell?ed|rehired|re-hired|reinstated|still\s+employed|"
    r"back)\b)"
)
# ... or 'moved on', alone, from the company, or to another employer (a name not of the company's own parts)
_WITHIN = (
    r"role|team|department|dept|division|group|position|project|job\s+(?:here|internally)|sales|marketing|"
    r"finance|accounting|hr|it|engineering|operations|ops|support|legal|product|design|office|site|branch|store|"
    r"location|internal(?:ly)?|within|address|house|home|apartment|apt|street"
)
_MOVED_ON = (
    r"(?:(?:has|have|had)\s+)?moved\s+on(?!.*\baddr(?:ess)?\b)(?!\s+(?:the\s+)?\d)(?!\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
    r"dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)(?:\s+(?:from\s+(?:the\s+|our\s+)?(?:company|firm|organi[sz]ation|"
    rf"us|team)|to\s+(?!(?:\S+\s+){{0,3}}?(?:{_WITHIN})\b)(?!(?:the\s+)?\d)(?!(?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\.?\s*\d)\w[\w&.'’-]*(?:\s+\w[\w&.'’-]*){0,3}?))?"
)
LEFT_IN_WORDS = rf"(?:{_PAPER}|{_MOVED_ON})"
