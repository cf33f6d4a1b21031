"""A First or Last Name holding only a placeholder: the name sent is made of them (rules.addresses checks the
name, street and city themselves)."""

from __future__ import annotations

import re

import pandas as pd

from ..collect import ProblemCollector
from ..normalize import by_unique, fullmatch_mask

# 'Na' (and 'NA', as exports capitalise) is a family and a given name (Korean 나): Jin Na's row was refused
# as a placeholder, and nothing typed could send it (found by review39); 'N/A', 'n.a.' are still none
_A_NAME_TOO = r"(?i)\s*na\s*"


# 'None' is a family name (Italian): Ann None's row was refused as a placeholder when the list split her name
# into First and Last Name, and sent when it wrote her whole name in one cell; a list holding 'None' for a
# missing family name sends to 'Ann None' at her own address. Sent either way, said on the row (hunter-
# sheets25's leftover 1, decided by hunter-sheets26); not a first name, nor a name alone
_A_FAMILY_NAME_TOO = r"(?i)\s*none\s*"


def check_name_parts(frame: pd.DataFrame, collector: ProblemCollector, placeholder: str) -> None:
    """A First or Last Name only holding a placeholder ('TBD', 'Info Requested') in the name sent: the parcel
    went to 'TBD TBD', 'Ann TBD', exit 0 (found by hunter-sheets24). ``placeholder``: what a name or street
    may not be (``addresses.PLACEHOLDER``). Not one letter (Malcolm X), nor a name a placeholder's letters
    spell (:data:`_A_NAME_TOO`)."""
    for column in ("first_name", "last_name"):
        part = frame[column]  # (always there: empty where the sheet has no such column)
        also = _A_NAME_TOO if column == "first_name" else r"(?i)\s*(?:na|none)\s*"

        def read(cells: pd.Series, also: str = also) -> pd.Series:
            return fullmatch_mask(cells, placeholder) & ~fullmatch_mask(cells, also)

        said = part.str.len().gt(1)
        if not said.any():  # the usual list of a Name column: no First or Last Name to look at
            continue
        said &= by_unique(part, read)
        if said.any():
            said[said] = [p.strip() in n for p, n in zip(part[said], frame["name"][said], strict=True)]
        collector.error(
            said & ~collector.has_error("name") & ~collector.has_error(column),
            column,
            "Placeholder instead of an address",
            "'{old}' is a placeholder, not a name: the parcel would be addressed to it. Fill in the "
            "recipient's real name, or leave the row out until it is known.",
        )
    _check_name_words(frame, collector, placeholder)


def _check_name_words(frame: pd.DataFrame, collector: ProblemCollector, placeholder: str) -> None:
    """A whole name whose first or last words are a placeholder ('Ann TBD', 'Unknown Lee', 'Info Requested
    Info Requested'): an error, as the same words in its First or Last Name are (they were sent so from a
    Name column: the same person refused or sent by how the list split her name, hunter-sheets25's leftover
    1). A family name 'None' is sent, said on its row, in a Name column as in a Last Name."""
    names = frame["name"]
    spaced = names.str.contains(" ", regex=False)
    if not spaced.any():
        return
    regex, none = re.compile(placeholder), re.compile(_A_FAMILY_NAME_TOO)

    def read(cells: pd.Series) -> pd.Series:
        return cells.map(lambda name: _placeholder_words(name, regex, none))

    found = pd.Series("", index=names.index, dtype=object)
    found[spaced] = by_unique(names[spaced], read)
    clear = ~collector.has_error("name")
    clear &= ~collector.has_error("first_name") & ~collector.has_error("last_name")
    collector.error(
        found.ne("") & found.ne(_NONE) & clear,
        "name",
        "Placeholder instead of an address",
        "'{old}' holds a placeholder, '{part}', not a name: the parcel would be addressed to it. Fill in the "
        "recipient's real name, or leave the row out until it is known.",
        extra={"part": found},
    )
    family = frame["last_name"].str.fullmatch(_A_FAMILY_NAME_TOO) & frame["first_name"].ne("")
    family &= frame["name"].str.contains(r"(?i)\bnone\b")
    collector.warn(
        family & clear,
        "last_name",
        "Family name None",
        "'{old}' is read as a family name: the parcel is addressed to {name}. If the list means there is "
        "none, clear the cell.",
        extra={"name": frame["name"]},
    )
    collector.warn(
        found.eq(_NONE) & ~family & clear,
        "name",
        "Family name None",
        "'{old}' is sent as written, 'None' read as a family name. If the list means there is none, take "
        "it out.",
    )


_NONE = "\x00none"  # a name whose last word is the family name 'None'
# Words of a placeholder that are names too, in a name of more words: Jin Na, Gus Same, Tom Xx
_NAME_WORD = re.compile(r"(?i)\s*(?:na|same|x+)\s*")


def _placeholder_words(name: str, regex: re.Pattern[str], none: re.Pattern[str]) -> str:
    """The first or last words of ``name`` that are a placeholder (not one letter, nor 'Na'), "" when none
    are; :data:`_NONE` for a last word 'None' after a name."""
    words = name.split()
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        for part in (head, tail):
            if len(part) > 1 and regex.fullmatch(part) and not _NAME_WORD.fullmatch(part):
                if part is tail and none.fullmatch(part) and not regex.fullmatch(head):
                    return _NONE
                return part
    return ""
