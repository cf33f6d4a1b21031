"""A question in a note or a status answered after its mark: 'Deceased? Yes', 'Terminated? y', 'Send? No',
'Still employed? no'. Read as asked, the answer was taken for the question said and nothing in 'Deceased?
Yes' read as a no: each was ordered, to a person the list says died or left (hunter-asks1's Found 1, the
lead's leftover). A yes says the question's statement where that is a no ('Deceased'; 'Did you receive
your card? Yes' is read whole as before); a no says its opposite where that is clear: nothing of a no where
nothing follows ('Deceased? No' sends; 'Duplicate? No - but deceased', 'Card sent? No, returned' read whole
as before: found by review66 checking it), a no of a send or of the person still here ('Send? No', 'Still
employed? No'). A no to a question already worded as a no ('Do not send? No') is not clear: the
question stays asked (:mod:`.asking`, an error asking). Read before the list's reader, Notes and Status
alike (:func:`answered`)."""

from __future__ import annotations

import re

# a clause's end, as .asking reads one: the sign kept to know a question ('Deceased? ', 'Yes')
CLAUSE = re.compile(r"(\s*(?:(?:[;,:()|!]|\?(?!\w))+|[–—]+|(?<![\w])-+|-+(?![\w])|\.(?!\d)|\s/\s)\s*)")
# a question's mark ending a clause, not one inside a word garbled by an encoding ('Jos? Garc?a')
ASKED = re.compile(r"\?(?![\w])")
# an answer of yes or no, alone before the next clause or a day ('Yes', 'y', 'No - alive', 'Yes 11/15'):
# not 'No idea', 'Not sure', 'N/A'
_ENDS = r"(?=\s*(?:$|[^\w\s/]|\d))"
YES = re.compile(rf"(?i)\s*(?:yes|y|yep|yeah|yup|confirmed|correct|true|affirmative){_ENDS}")
NO = re.compile(rf"(?i)\s*(?:no|n|nope|false|negative){_ENDS}")
# the question's asking words taken off its statement ('Is he gone' is 'gone', 'Has she left' 'left')
_ASKER = re.compile(
    r"(?i)^(?:is|was|has|had|did|does|are|were|have)\s+(?:he|she|they|it|this|that|"
    r"(?:this|the)\s+(?:person|employee|recipient)|employee)\s+"
)
# a statement worded as a no already: its no is not clear ('Do not send? No', 'Not eligible? No')
_NEGATED = re.compile(r"(?i)\b(?:not|no|never|don'?t|dont|non|n't)\b|n't\b")
# a statement that the person is still here or may have the card ('Still employed', 'Active', 'Eligible'),
# and what its no says ('No longer employed', 'Inactive', 'Not eligible'), read by the list's reader
_STILL = re.compile(
    r"(?i)(?:still\s+)?(?P<state>employed|active|here|with\s+(?:us|the\s+company|company)|working(?:\s+here)?|"
    r"on\s+(?:staff|payroll)|an?\s+employee|eligible)"
)
_STILL_NOT = {"active": "Inactive", "eligible": "Not eligible"}
# a statement that the card goes ('Send', 'Resend', 'OK to send', 'Mail card'): its no is a no
_SENDS = re.compile(
    r"(?i)(?:(?:ok(?:ay)?|good|fine)\s+to\s+)?(?:re-?)?(?:send|mail|ship)(?:\s+(?:it|a|the|gift|card|gc))*"
)


# a statement answered after an equals sign, as a form's or a CRM's field and value pasted into a note
# ('Deceased = Yes', 'Send = No', 'Still employed = N', 'Do not send = Y'): read whole, 'Send = No' and 'Do
# not send = Yes' were ordered, 'Deceased = No' left out under 'Status' (found by hunter-asks6). Read as
# asked: 'Deceased? Yes'. Not an answer asked itself ('Send = No?': read as before, review75)
_EQUALS = re.compile(rf"(?i)(?<=[\w)])\s*==?\s*(?=(?:yes|y|no|n|true|false){_ENDS}(?!\s*\?))")
# a yes or no typed against the question's mark ('Deceased?Yes': found by review65, ordered): spaced
_AGAINST_THE_MARK = re.compile(r"(?i)(?<=\w)\?(?=(?:yes|no)\b)")


def spaced(text: str) -> str:
    """``text`` with a yes or no typed against a question's mark spaced from it ('Deceased?Yes' ->
    'Deceased? Yes'), which :data:`ASKED` otherwise takes for a letter garbled ('Jos?'); one after an equals
    sign asked ('Do not send = No' -> 'Do not send? No': :data:`_EQUALS`)."""
    text = _EQUALS.sub("? ", text) if "=" in text else text
    return _AGAINST_THE_MARK.sub("? ", text) if "?" in text else text


def statement(question: str) -> str:
    """A question's clause said: its marks and trailing signs off, its asking words taken off ('Is he gone? '
    -> 'gone')."""
    said = ASKED.sub(" ", question).strip(" -–—;,:/|(.")
    return _ASKER.sub("", " ".join(said.split()))


def doubted(said: str) -> str:
    """What a question asks against, as the list's reader reads a no: of the person still here, its no ('Still
    employed' -> 'No longer employed'); else the statement ('Deceased')."""
    still = _STILL.fullmatch(said)
    if still is None:
        return said
    state = " ".join(still["state"].lower().split())
    return _STILL_NOT.get(state, f"No longer {state}")


def _said_no(said: str) -> str | None:
    """A statement answered no, as the list's reader reads it: None where that is not clear (a statement
    worded as a no, or one the reader reads as nothing: 'Address correct? No' stays as it was)."""
    if _NEGATED.search(said):
        return None
    if _STILL.fullmatch(said):
        return doubted(said)
    if _SENDS.fullmatch(said):
        return "Do not send"
    return "" if _says_no(said) else None


# a leaving said a mistake answered yes, or the person back ('Terminated in error? Yes', 'Terminated in error?
# rehired'): the mistake said, sent as 'Terminated in error' is (.inerror). Read whole, the leaving was read
# and the row left out (found by hunter-asks3, review67's Found 6)
_BACK = re.compile(
    r"(?i)\s*(?:re-?hired|reinstated|re-?activated|restored|back(?:\s+at\s+work)?|still\s+(?:here|employed|"
    r"active|with\s+us)|active)\W*"
)


def _a_mistake(said: str) -> bool:
    """Whether a statement is a leaving said a mistake (:data:`.inerror.IN_ERROR`: ending its clause, a day or
    who said so after it)."""
    from .inerror import IN_ERROR

    return re.match(rf"(?i)\s*(?:{IN_ERROR})", said) is not None


def _says_no(said: str) -> bool:
    """Whether a statement says not to send, as a note's clause is read ('Deceased', 'Do not send')."""
    from .clauses import _note_says_no

    return _note_says_no(said)


def unclear_no(question: str, answer: str) -> bool:
    """Whether a question is answered no where what the no says is not clear ('Do not send? No')."""
    return NO.match(answer) is not None and _NEGATED.search(statement(question)) is not None


def clauses(text: str) -> list[str]:
    """``text`` cut into clauses (:data:`CLAUSE`), each with the signs after it ('Deceased? ', 'check with
    HR'): as this module and .asking read a remark."""
    pieces = CLAUSE.split(text)
    return ["".join(pieces[i : i + 2]) for i in range(0, len(pieces), 2)]


def answered(text: str) -> str:
    """``text`` with each question answered yes or no read as its answer says ('Deceased? Yes' -> 'Deceased',
    'Send? No' -> 'Do not send', 'Deceased? No' -> ''); as it is where none is ('Deceased?',
    'Address correct? No'). A statement answered after '=' is asked ('Deceased = Yes')."""
    if isinstance(text, str) and "=" in text:  # ('Deceased = Yes': as asked, .spaced)
        text = _EQUALS.sub("? ", text)
    if not isinstance(text, str) or ("?" not in text and "？" not in text):
        return text
    parts = clauses(spaced(text.replace("？", "?")))
    changed = False
    for i in range(len(parts) - 1):
        question, answer = parts[i], parts[i + 1]
        if ASKED.search(question) is None:
            continue
        said = statement(question)
        if (yes := YES.match(answer)) is not None:
            reading, rest = (said if _says_no(said) or _a_mistake(said) else None), answer[yes.end() :]
        elif _a_mistake(said) and _BACK.fullmatch(answer):
            reading, rest = said, answer
        elif (no := NO.match(answer)) is not None:
            reading, rest = _said_no(said), answer[no.end() :]
        else:
            continue
        if reading is None or (not reading and (rest + "".join(parts[i + 2 :])).strip(_SIGNS)):
            continue  # (a no to a no followed by more: 'Duplicate? No - but deceased' read whole, as before)
        parts[i], parts[i + 1] = (f"{reading} - " if reading else ""), rest.lstrip()
        changed = True
    if not changed:
        return text
    return "".join(parts).strip(" -–—;,:/|(")


_SIGNS = " -–—;,:/|().!"
