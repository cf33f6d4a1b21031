"""A household's or a beneficiary list's column of each person's relation to the member ('Relationship' =
'Employee - declined', 'Spouse (declined)'): the row's own person IS the relation there, so a remark after it
is theirs ('Spouse (declined)': the spouse declined), unless it names another person, the member most often
('Spouse (deceased employee)', 'Widow (employee deceased 2019)': the survivor is the one to send to).

Read as a note is (found by review40, its LO2; fixed by hunter-sends2, 96f04661), a bracket after a relative
was taken for that relative's, as in any note ('Active - manager: Bob Ray (deceased)'), and 'Spouse
(declined)', 'Child (declined)', 'Spouse, opted out' were each ordered, exit 0; while a death named of the
member was read, by the stray remarks of another column, as the row's own: 'Spouse (deceased employee)' and
'Widow (employee deceased)' were left out, the widow never sent the card (review42's LO7; both fixed by
hunter-sends3). Read by :mod:`.said` (the remark alone) and :mod:`.stray` (not another person's)."""

from __future__ import annotations

import re

from .anotherperson import _INSTRUCTION, _RELATION

RELATIONSHIP = re.compile(
    r"(?i)\W*relation(?:ship)?(?:\s+(?:to|with)\s+(?:the\s+)?(?:employee|member|insured|subscriber|participant|"
    r"primary|account\s*holder|policy\s*holder|policyholder|donor|student|patient|recipient|deceased))?"
    r"(?:\s+type)?\W*"
)
# the member whose relative the row is, as a list names them
_MEMBER = (
    r"self|employee|ee|emp|member|insured|subscriber|participant|primary|retiree|policy\s*holder|"
    r"account\s*holder|worker|staff|associate|veteran|student|patient|donor"
)
# where the relation ends and the remark begins: a bracket, a spaced dash, a colon, a comma, a semicolon or
# a spaced slash
_CUT = re.compile(r"\s*[(\[]\s*|\s+[-–—]\s+|\s*[:;,]\s+|\s+/\s+")
# ... the relation itself, read only when the cell opens with one ('Spouse', 'Self', 'Employee', 'Domestic
# partner', 'Ex-spouse', 'Child/dependent'): another remark typed there is read whole, as a note is
_KIN = rf"(?:{_MEMBER}|{_RELATION}|dependents?|dependants?|widow(?:er)?|survivor|other)"
_RELATION_CELL = re.compile(
    r"(?i)\W*(?:(?:his|her|their|the|employee['’]?s?|member['’]?s?)\s+)?(?:(?:ex|former|late|domestic|legal|adult|"
    rf"minor|surviving|covered)[\s-]*)?{_KIN}(?:\s*/\s*{_KIN})?\W*"
)
# the other person a remark may name: of a relative's row the member ('Spouse (deceased employee)'), of the
# member's row a relative ('Employee (spouse deceased)'); a relative named in a relative's remark is that
# same person described ('Emergency contact: wife (Ann) - deceased')
_MEMBER_NAMED = re.compile(rf"(?i)\b(?:{_MEMBER})(?:['’]s)?\b")
_RELATIVE_NAMED = re.compile(rf"(?i)\b(?:{_RELATION})(?:['’]s)?\b")


def relation_remark(text: str) -> str:
    """What a relationship cell says of its own person: the remark after the relation, its closing brackets
    dropped ('Spouse (declined)' -> 'declined'), without its clauses naming another person and saying
    nothing to do ('Spouse (deceased employee)' -> '', 'Spouse (deceased) - employee active' -> 'deceased',
    not 'Spouse (member deceased) - do not send'); the cell itself where it has no remark ('Spouse', 'Spouse
    of deceased employee') or opens with no relation ('Already sent - Nov')."""
    cut = _CUT.search(text)
    if cut is None or not _RELATION_CELL.fullmatch(text[: cut.start()]):
        return text
    relation, remark = text[: cut.start()], text[cut.end() :]
    other = _RELATIVE_NAMED if _MEMBER_NAMED.search(relation) else _MEMBER_NAMED
    starts = [0, *(found.end() for found in _CUT.finditer(remark))]
    ends = [found.start() for found in _CUT.finditer(remark)] + [len(remark)]
    clauses = [_unbracketed(remark[start:end]) for start, end in zip(starts, ends, strict=True)]
    own = [part for part in clauses if not _a_death_of(other, part) or _INSTRUCTION.search(part)]
    return " - ".join(part for part in own if part)


# ... a death: the survivor is still sent ('Spouse (deceased employee)', 'Dependent (deceased parent)'); a
# leaving of the member leaves the household out with them ('Spouse (employee terminated)': review44)
_DEATH = re.compile(r"(?i)\b(?:deceased|passed(?:\s+away)?|died|dead|late|death|in\s+memor(?:y|iam))\b")


def _a_death_of(other: re.Pattern[str], clause: str) -> bool:
    """Whether ``clause`` tells the death of the person ``other`` names, or of a relative said beside a death
    ('deceased parent' in a dependent's row: their parent, the member)."""
    named = other.search(clause) or _RELATIVE_NAMED.search(clause)
    return named is not None and _DEATH.search(clause) is not None


def _unbracketed(clause: str) -> str:
    return re.sub(r"\s*[)\]]", " ", clause).strip()
