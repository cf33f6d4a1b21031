"""A card noted as handed out, then the person said to have missed it, and to send hers: 'Handed out 12/1 -
she was absent, send', 'Received at party - missed her, send', 'Gave card in person - she was absent, send',
'Handed out 12/1 - not her, send'. Read whole, the handing out left each row out as the list's 'not to send
it' (found by review50, the lead's leftover 3): the person the list says did not get the card got none.
Read by :data:`.undone._UNDONE` (a note, and a status through it). Only where the note goes on to say send:
'Distributed 12/1 - missed her' alone may mean the card kept for her is still to be handed over."""

from __future__ import annotations

# the card handed over in person (:mod:`.otherway`, :mod:`.notes`): up to four words before the verb ('Card
# given', 'Manager gave card in person'), a day or a place after it, no cut sign
_HANDED = (
    r"^\s*(?:[\w'&.$-]+\s+){0,4}?(?:handed|given|gave|distributed|passed\s+out|presented|received|got|"
    r"delivered)\b[^-–—:;,(\[?]{0,60}?"
)
# ... then, right after a cut, the person not there or not the one it went to
_WHO = r"(?:she|he|they|the\s+employee|employee|ee)"
_MISSED = (
    rf"(?:but\s+)?(?:{_WHO}\s+(?:was|were|is|had\s+been)\s+(?:absent|out(?:\s+sick)?|away|off|on\s+leave|"
    r"not\s+(?:there|present|in))|"
    rf"{_WHO}\s+missed\s+(?:it|out|the\s+(?:party|event|day|meeting))|missed\s+(?:her|him|them)|"
    r"(?:was\s+)?absent|not\s+(?:her|him|them)|(?:went\s+to\s+)?(?:the\s+)?wrong\s+person|"
    rf"{_WHO}\s+(?:never|did\s*n[o']?t)\s+(?:get|receive)\s+(?:it|one|the\s+card|hers|his|theirs))"
)
# ... then to send one, said last
_SEND = (
    r"\s*[-–—:;,.]?\s*(?:(?:so|please|pls)\s+)?(?:send|mail|ship)(?:\s+(?:it|one|her\s+one|him\s+one|them\s+one|"
    r"(?:a|the|her|his|their)\s+(?:gift\s+)?card))?(?:\s+(?:instead|now|by\s+mail|to\s+(?:her|him|them)))?"
    r"\s*[.!]*\s*$"
)
MISSED_THEN_SEND = rf"{_HANDED}\s*[-–—:;,(\[]\s*{_MISSED}\)?{_SEND}"
