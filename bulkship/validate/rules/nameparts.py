"""A First or Last Name holding only a placeholder: the name sent is made of them (rules.placeholders checks
the name, street and city themselves)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..collect import ProblemCollector
from ..fewrows import clear_of, say
from ..normalize import by_unique, fullmatch_mask

# 'Na' (and 'NA', as exports capitalise) is a family and a given name (Korean 나): Jin Na's row was refused
# as a placeholder, and nothing typed could send it (found by review39); 'N/A', 'n.a.' are still none
_A_NAME_TOO = r"(?i)\s*na\s*"


# 'None' is a family name (Italian): Ann None's row was refused as a placeholder when the list split her name
# into First and Last Name, and sent when it wrote her whole name in one cell; a list holding 'None' for a
# missing family name sends to 'Ann None' at her own address. Sent either way, said on the row (hunter-
# sheets25's leftover 1, decided by hunter-sheets26); not a first name, nor a name alone
_A_FAMILY_NAME_TOO = r"(?i)\s*none\s*"


def check_name_parts(
    frame: pd.DataFrame,
    collector: ProblemCollector,
    placeholder: str,
    few: Mapping[str, list[str]] | None = None,
) -> None:
    """A First or Last Name only holding a placeholder ('TBD', 'Info Requested') in the name sent: the parcel
    went to 'TBD TBD', 'Ann TBD', exit 0 (found by hunter-sheets24). ``placeholder``: what a name or street
    may not be (``placeholders.PLACEHOLDER``). Not one letter (Malcolm X), nor a name a placeholder's letters
    spell (:data:`_A_NAME_TOO`). ``few``: a list of a few rows' name columns as lists (..fewrows)."""
    for column in ("first_name", "last_name"):
        also = _A_NAME_TOO if column == "first_name" else r"(?i)\s*(?:na|none)\s*"
        said = (
            _placeholder_parts(frame, column, placeholder, also)
            if few is None
            else _placeholder_part_flags(few[column], few["name"], placeholder, also)
        )
        if said is None:  # the usual list of a Name column: no First or Last Name to look at
            continue
        if isinstance(said, pd.Series):
            said = said & ~collector.has_error("name") & ~collector.has_error(column)
        else:
            erred = collector.rows_in_error("name") | collector.rows_in_error(column)
            said = [s and row not in erred for s, row in zip(said, frame.index, strict=True)]
        say(
            collector.error,
            frame.index,
            said,
            column,
            "Placeholder instead of an address",
            "'{old}' is a placeholder, not a name: the parcel would be addressed to it. Fill in the "
            "recipient's real name, or leave the row out until it is known.",
        )
    _check_name_words(frame, collector, placeholder, few)


def _placeholder_parts(frame: pd.DataFrame, column: str, placeholder: str, also: str) -> pd.Series | None:
    """The cells of ``column`` of two characters or more that are a placeholder and not ``also``, found in
    the row's name (None where no cell has two characters)."""
    part = frame[column]  # (always there: empty where the sheet has no such column)

    def read(cells: pd.Series) -> pd.Series:
        return fullmatch_mask(cells, placeholder) & ~fullmatch_mask(cells, also)

    said = part.str.len().gt(1)
    if not said.any():
        return None
    said &= by_unique(part, read)
    if said.any():
        said[said] = [p.strip() in n for p, n in zip(part[said], frame["name"][said], strict=True)]
    return said


def _placeholder_part_flags(
    part: list[str], names: list[str], placeholder: str, also: str
) -> list[bool] | None:
    """:func:`_placeholder_parts` of a few cells."""
    if not any(len(p) > 1 for p in part):
        return None
    regex, name_too = re.compile(placeholder), re.compile(also)
    return [
        len(p) > 1 and regex.fullmatch(p) is not None and name_too.fullmatch(p) is None and p.strip() in n
        for p, n in zip(part, names, strict=True)
    ]


def _check_name_words(
    frame: pd.DataFrame,
    collector: ProblemCollector,
    placeholder: str,
    few: Mapping[str, list[str]] | None = None,
) -> None:
    """A whole name whose first or last words are a placeholder ('Ann TBD', 'Unknown Lee', 'Info Requested
    Info Requested'): an error, as the same words in its First or Last Name are (they were sent so from a
    Name column: the same person refused or sent by how the list split her name, hunter-sheets25's leftover
    1). A family name 'None' is sent, said on its row, in a Name column as in a Last Name."""
    regex, none = re.compile(placeholder), re.compile(_A_FAMILY_NAME_TOO)
    read = _name_word_masks if few is None else _name_word_flags
    said = read(frame, collector, regex, none, few or {})
    if said is None:  # no name of two words
        return
    found, wrong, family, only_none = said
    say(
        collector.error,
        frame.index,
        wrong,
        "name",
        "Placeholder instead of an address",
        "'{old}' holds a placeholder, '{part}', not a name: the parcel would be addressed to it. Fill in the "
        "recipient's real name, or leave the row out until it is known.",
        extra={"part": found},
    )
    say(
        collector.warn,
        frame.index,
        family,
        "last_name",
        "Family name None",
        "'{old}' is read as a family name: the parcel is addressed to {name}. If the list means there is "
        "none, clear the cell.",
        extra={"name": frame["name"]},
    )
    say(
        collector.warn,
        frame.index,
        only_none,
        "name",
        "Family name None",
        "'{old}' is sent as written, 'None' read as a family name. If the list means there is none, take "
        "it out.",
    )


_WordsSaid = tuple[Any, Any, Any, Any]  # the words found, the errors, the family names None, the Nones alone


def _name_word_masks(
    frame: pd.DataFrame,
    collector: ProblemCollector,
    regex: re.Pattern[str],
    none: re.Pattern[str],
    few: Mapping[str, list[str]],
) -> _WordsSaid | None:
    """What :func:`_check_name_words` says, as masks (None where no name has two words)."""
    names = frame["name"]
    spaced = names.str.contains(" ", regex=False)
    if not spaced.any():
        return None

    def read(cells: pd.Series) -> pd.Series:
        return cells.map(lambda name: _placeholder_words(name, regex, none))

    found = pd.Series("", index=names.index, dtype=object)
    found[spaced] = by_unique(names[spaced], read)
    clear = ~collector.has_error("name")
    clear &= ~collector.has_error("first_name") & ~collector.has_error("last_name")
    family = frame["last_name"].str.fullmatch(_A_FAMILY_NAME_TOO) & frame["first_name"].ne("")
    family &= names.str.contains(_NONE_WORD)
    family &= clear
    return found, found.ne("") & found.ne(_NONE) & clear, family, found.eq(_NONE) & ~family & clear


def _name_word_flags(
    frame: pd.DataFrame,
    collector: ProblemCollector,
    regex: re.Pattern[str],
    none: re.Pattern[str],
    few: Mapping[str, list[str]],
) -> _WordsSaid | None:
    """:func:`_name_word_masks` of a few rows, as lists."""
    names = few["name"]
    if not any(" " in name for name in names):
        return None
    found = [_placeholder_words(name, regex, none) if " " in name else "" for name in names]
    erred = collector.rows_in_error("name")
    erred |= collector.rows_in_error("first_name") | collector.rows_in_error("last_name")
    clear = clear_of(frame.index, erred)
    family = [
        ok and none.fullmatch(last) is not None and first != "" and _NONE_WORD.search(name) is not None
        for last, first, name, ok in zip(few["last_name"], few["first_name"], names, clear, strict=True)
    ]
    return (
        found,
        [f not in ("", _NONE) and ok for f, ok in zip(found, clear, strict=True)],
        family,
        [f == _NONE and not fam and ok for f, fam, ok in zip(found, family, clear, strict=True)],
    )


# 'None' as a word of a whole name
_NONE_WORD = re.compile(r"(?i)\bnone\b")
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
